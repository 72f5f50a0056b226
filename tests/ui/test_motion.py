"""Reduced motion: each desktop's preference read through injected readers, and the decision."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from posture_break.platform.disturb import Runner
from posture_break.platform.motion import (
    Motion,
    MotionSetting,
    combine,
    desktop_motion,
    effective_motion,
    gnome_animations,
    kde_animation_factor,
    macos_reduce_motion,
    portal_value_motion,
)


def answering(outputs: dict[tuple[str, ...], str | None]) -> Runner:
    """A command runner that answers from `outputs` (None: the command failed or is missing)."""

    def run(argv: Sequence[str]) -> str | None:
        return outputs.get(tuple(argv))

    return run


GNOME = ("gsettings", "get", "org.gnome.desktop.interface", "enable-animations")
MACOS = ("defaults", "read", "com.apple.universalaccess", "reduceMotion")


@pytest.mark.parametrize(
    ("setting", "desktop", "expected"),
    [
        (MotionSetting.AUTO, Motion.REDUCED, Motion.REDUCED),
        (MotionSetting.AUTO, Motion.FULL, Motion.FULL),
        (MotionSetting.AUTO, Motion.UNKNOWN, Motion.FULL),
        (MotionSetting.REDUCED, Motion.FULL, Motion.REDUCED),
        (MotionSetting.REDUCED, Motion.UNKNOWN, Motion.REDUCED),
        (MotionSetting.FULL, Motion.REDUCED, Motion.FULL),
    ],
)
def test_the_setting_wins_unless_it_is_auto(
    setting: MotionSetting, desktop: Motion, expected: Motion
) -> None:
    assert effective_motion(setting, desktop) is expected


def test_the_setting_reads_from_its_toml_words() -> None:
    assert [MotionSetting(w) for w in ("auto", "reduced", "full")] == list(MotionSetting)


def test_one_reduced_answer_wins_over_full_ones() -> None:
    assert combine([Motion.FULL, Motion.REDUCED, Motion.UNKNOWN]) is Motion.REDUCED
    assert combine([Motion.UNKNOWN, Motion.FULL]) is Motion.FULL
    assert combine([Motion.UNKNOWN, Motion.UNKNOWN]) is Motion.UNKNOWN
    assert combine([]) is Motion.UNKNOWN


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, Motion.REDUCED), (0, Motion.UNKNOWN), (7, Motion.UNKNOWN), ("1", Motion.UNKNOWN)],
)
def test_portal_values(value: object, expected: Motion) -> None:
    # 0 is "no preference" in the portal spec: not a wish for full motion.
    assert portal_value_motion(value) is expected


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("false\n", Motion.REDUCED),
        ("true\n", Motion.FULL),
        (None, Motion.UNKNOWN),
        ("", Motion.UNKNOWN),
    ],
)
def test_gnome_enable_animations(out: str | None, expected: Motion) -> None:
    assert gnome_animations(answering({GNOME: out})) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[KDE]\nAnimationDurationFactor=0\n", Motion.REDUCED),
        ("[KDE]\nAnimationDurationFactor=0.5\n", Motion.FULL),
        ("[KDE]\nSingleClick=false\n", Motion.UNKNOWN),
        ("[General]\nColorScheme=BreezeDark\n", Motion.UNKNOWN),
        ("[KDE]\nAnimationDurationFactor=fast\n", Motion.UNKNOWN),
        # kdeglobals carries KDE's own markers; they must not stop the reading.
        ("[General][$i]\nfont=Noto Sans\n[KDE]\nAnimationDurationFactor=0\n", Motion.REDUCED),
        ("not an ini file", Motion.UNKNOWN),
    ],
)
def test_kde_animation_duration_factor(tmp_path: Path, text: str, expected: Motion) -> None:
    (tmp_path / "kdeglobals").write_text(text)
    assert kde_animation_factor(tmp_path) is expected


def test_no_kdeglobals_is_unknown(tmp_path: Path) -> None:
    assert kde_animation_factor(tmp_path) is Motion.UNKNOWN


def test_macos_reduce_motion() -> None:
    assert macos_reduce_motion(answering({MACOS: "1\n"})) is Motion.REDUCED
    assert macos_reduce_motion(answering({MACOS: "0\n"})) is Motion.FULL
    assert macos_reduce_motion(answering({})) is Motion.UNKNOWN


def test_linux_asks_the_portal_gnome_and_kde(tmp_path: Path) -> None:
    (tmp_path / "kdeglobals").write_text("[KDE]\nAnimationDurationFactor=0\n")
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    # GNOME's schemas say "true" on a KDE desktop too; KDE's "off" still wins.
    run = answering({GNOME: "true\n"})
    got = desktop_motion("linux", env, run=run, portal=lambda: Motion.UNKNOWN)
    assert got is Motion.REDUCED
    (tmp_path / "kdeglobals").unlink()
    assert desktop_motion("linux", env, run=run, portal=lambda: Motion.UNKNOWN) is Motion.FULL
    assert desktop_motion("linux", env, run=run, portal=lambda: Motion.REDUCED) is Motion.REDUCED
    nothing = answering({})
    assert (
        desktop_motion("linux", env, run=nothing, portal=lambda: Motion.UNKNOWN) is Motion.UNKNOWN
    )


def test_windows_and_macos_ask_their_own_source() -> None:
    assert desktop_motion("win32", {}, windows=lambda: Motion.REDUCED) is Motion.REDUCED
    assert desktop_motion("darwin", {}, run=answering({MACOS: "1"})) is Motion.REDUCED
