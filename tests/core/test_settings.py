"""Settings: defaults, one warning per problem, never a crash, atomic private saves, docs."""

from __future__ import annotations

import os
import re
import stat
from datetime import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture_break.core.settings import (
    SETTING_DOCS,
    AppearanceSettings,
    AppSettings,
    BreakSettings,
    CallSettings,
    DisturbSettings,
    GoalSettings,
    IdleSettings,
    Level,
    PromptSettings,
    PromptStyle,
    QuietSettings,
    ScheduleSettings,
    Settings,
    StretchFilterSettings,
    Weekday,
    settings_markdown,
)
from posture_break.core.settings_file import (
    MAX_FILE_BYTES,
    load_settings,
    save_settings,
    settings_to_toml,
)

README = Path(__file__).resolve().parents[2] / "README.md"


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "settings.toml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_missing_file_gives_defaults_without_warning(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "nope.toml")
    assert loaded.settings == Settings()
    assert loaded.warnings == ()
    assert not (tmp_path / "nope.toml").exists()


def test_valid_file_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[schedule]
interval_minutes = 30
work_days = ["sun", "Mon"]
work_start = "22:00"
work_end = 06:00:00
[goal]
daily = 6
[break]
sound = false
[stretches]
max_level = "gentle"
""",
    )
    loaded = load_settings(path)
    assert loaded.warnings == ()
    schedule = loaded.settings.schedule
    assert schedule.interval_minutes == 30
    assert schedule.work_days == (Weekday.MON, Weekday.SUN)
    assert (schedule.work_start, schedule.work_end) == (time(22, 0), time(6, 0))
    assert loaded.settings.goal.daily == 6
    assert loaded.settings.breaks.sound is False
    assert loaded.settings.breaks.snooze_minutes == 10
    assert loaded.settings.stretches.max_level is Level.GENTLE


def test_an_invalid_value_names_file_key_value_and_default(tmp_path: Path) -> None:
    path = write(tmp_path, '[schedule]\ninterval_minutes = 3\nwork_start = "08:00"\n')
    loaded = load_settings(path)
    assert loaded.settings.schedule.interval_minutes == 45
    assert loaded.settings.schedule.work_start == time(8, 0)  # the other keys still apply
    (warning,) = loaded.warnings
    assert str(path) in warning
    assert "schedule.interval_minutes" in warning
    assert "= 3 " in warning
    assert "default 45" in warning


@pytest.mark.parametrize(
    ("line", "key", "shown"),
    [
        ("[goal]\ndaily = nan", "goal.daily", "nan"),
        ("[goal]\ndaily = 4.0", "goal.daily", "4.0"),
        ("[goal]\ndaily = true", "goal.daily", "true"),
        ("[goal]\ndaily = 123456789012345678901234567890", "goal.daily", "bit number"),
        ('[break]\nsound = "yes"', "break.sound", '"yes"'),
        ('[schedule]\nwork_start = "25:00"', "schedule.work_start", '"25:00"'),
        ('[schedule]\nwork_start = "9am"', "schedule.work_start", '"9am"'),
        ('[schedule]\nwork_days = ["mon", "fun"]', "schedule.work_days", '"fun"'),
        ("[schedule]\nwork_days = []", "schedule.work_days", "[]"),
        ('[stretches]\nmax_level = "heroic"', "stretches.max_level", '"heroic"'),
        ("[idle]\naway_minutes = -1", "idle.away_minutes", "-1"),
        ('[prompt]\nstyle = "popup"', "prompt.style", '"popup"'),
        ("[prompt]\nstyle = 1", "prompt.style", "1"),
    ],
)
def test_each_bad_value_gives_one_warning(tmp_path: Path, line: str, key: str, shown: str) -> None:
    loaded = load_settings(write(tmp_path, line + "\n"))
    assert loaded.settings == Settings()
    (warning,) = loaded.warnings
    assert key in warning
    assert shown in warning
    assert "using the default" in warning


def test_equal_start_and_end_is_an_empty_day(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, '[schedule]\nwork_start = "10:00"\nwork_end = "10:00"'))
    assert loaded.settings.schedule == ScheduleSettings()
    (warning,) = loaded.warnings
    assert "schedule.work_start" in warning
    assert "schedule.work_end" in warning


def test_unknown_keys_and_sections_are_reported_and_ignored(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, "colour = 1\n[goal]\ndaily = 5\nweekly = 9\n[x]\n"))
    assert loaded.settings.goal.daily == 5
    assert len(loaded.warnings) == 3
    assert any("goal.weekly" in w for w in loaded.warnings)
    assert any("[x]" in w for w in loaded.warnings)
    assert any("colour" in w for w in loaded.warnings)


def test_syntax_error_gives_line_and_column_and_all_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "[goal]\ndaily = 6\n[schedule]\ninterval_minutes = = 5\n")
    before = path.read_bytes()
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    (warning,) = loaded.warnings
    assert re.search(r"line 4, column \d+", warning), warning
    assert str(path) in warning
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[goal]\ndaily = 5\n\xff\xfe", "not UTF-8"),
        (b"[goal]\ndaily = " + b"[" * 100_000, "TOML"),
        (b"[goal]\ndaily = " + b"9" * 5000, "TOML"),
        (b"# padding\n" * (MAX_FILE_BYTES // 10 + 1), "larger than"),
    ],
)
def test_hostile_files_give_a_warning_not_a_crash(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    loaded = load_settings(write(tmp_path, content))
    assert loaded.settings == Settings()
    (warning,) = loaded.warnings
    assert expected in warning


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, b"\xef\xbb\xbf[goal]\ndaily = 7\n"))
    assert loaded.settings.goal.daily == 7
    assert loaded.warnings == ()


def test_a_directory_in_place_of_the_file_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").mkdir()
    loaded = load_settings(tmp_path / "settings.toml")
    assert loaded.settings == Settings()
    assert len(loaded.warnings) == 1


def test_control_characters_in_bad_values_are_not_printed(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, '[break]\nsound = "\\u001b[31mred"\n'))
    (warning,) = loaded.warnings
    assert "\x1b" not in warning


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_load_without_crashing(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)
    loaded = load_settings(path)
    assert isinstance(loaded.settings, Settings)
    assert path.read_bytes() == content


toml_values = st.recursive(
    st.none().map(lambda _: 0)
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.times(),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=4,
)


@settings(
    max_examples=100,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.dictionaries(
        st.sampled_from(["schedule", "goal", "break", "idle", "disturb", "stretches", "app", "z"]),
        st.dictionaries(
            st.sampled_from([doc.key for doc in SETTING_DOCS] + ["zzz"]), toml_values, max_size=6
        ),
        max_size=4,
    )
)
def test_any_toml_values_give_settings_and_one_warning_per_bad_key(
    tmp_path: Path, table: dict[str, dict[str, object]]
) -> None:
    import tomli_w

    path = write(tmp_path, tomli_w.dumps(table))
    loaded = load_settings(path)
    assert isinstance(loaded.settings, Settings)
    keys = sum(len(section) for section in table.values())
    assert len(loaded.warnings) <= keys + len(table)


# --- Saving. -----------------------------------------------------------------------------------

valid_settings = st.builds(
    Settings,
    schedule=st.builds(
        ScheduleSettings,
        interval_minutes=st.integers(5, 240),
        work_days=st.sets(st.sampled_from(list(Weekday)), min_size=1).map(
            lambda days: tuple(day for day in Weekday if day in days)
        ),
        work_start=st.just(time(7, 15)),
        work_end=st.builds(time, st.integers(0, 23), st.integers(0, 59)).filter(
            lambda t: t != time(7, 15)
        ),
    ),
    goal=st.builds(GoalSettings, daily=st.integers(1, 50)),
    breaks=st.builds(
        BreakSettings,
        snooze_minutes=st.integers(1, 60),
        stretch_seconds=st.integers(20, 600),
        typing_wait_minutes=st.integers(0, 10),
    ),
    idle=st.builds(IdleSettings, away_minutes=st.integers(1, 60)),
    disturb=st.builds(DisturbSettings, max_hold_minutes=st.integers(5, 240)),
    stretches=st.builds(StretchFilterSettings),
    app=st.builds(AppSettings),
)


# No deadline: each example fsyncs a file and its folder, which a busy disk can make slow.
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(valid_settings)
def test_saved_settings_load_back_identically(tmp_path: Path, value: Settings) -> None:
    path = tmp_path / "round" / "settings.toml"
    save_settings(path, value)
    loaded = load_settings(path)
    assert loaded.warnings == ()
    assert loaded.settings == value
    assert path.read_text(encoding="utf-8") == settings_to_toml(value)


def test_save_is_private_and_leaves_no_temp_files(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "new dir ü" / "deeper" / "settings.toml"
        save_settings(path, Settings())
        save_settings(path, Settings(goal=GoalSettings(daily=9)))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]
    assert load_settings(path).settings.goal.daily == 9


def test_save_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "settings.toml"
    real.parent.mkdir()
    real.write_text("[goal]\ndaily = 3\n", encoding="utf-8")
    link = tmp_path / "config" / "settings.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    save_settings(link, Settings(goal=GoalSettings(daily=8)))
    assert link.is_symlink()
    assert load_settings(real).settings.goal.daily == 8


def test_saved_file_documents_every_section(tmp_path: Path) -> None:
    text = settings_to_toml(Settings())
    for section in ["schedule", "goal", "break", "idle", "disturb", "stretches", "app"]:
        assert re.search(rf"^\[{section}\]\n# .+$", text, re.MULTILINE), section
    for doc in SETTING_DOCS:
        assert re.search(rf"^{doc.key} = ", text, re.MULTILINE), doc.name


# --- The dataclasses refuse bad values, naming them. ----------------------------------------------


def test_sections_refuse_out_of_range_values() -> None:
    with pytest.raises(ValueError, match=r"schedule\.interval_minutes"):
        ScheduleSettings(interval_minutes=2)
    with pytest.raises(ValueError, match=r"schedule\.work_days"):
        ScheduleSettings(work_days=())
    with pytest.raises(ValueError, match=r"goal\.daily"):
        GoalSettings(daily=0)
    with pytest.raises(ValueError, match=r"schedule\.work_end"):
        ScheduleSettings(work_start=time(9), work_end=time(9))


# --- Documentation cannot drift. -----------------------------------------------------------------


def test_every_dataclass_field_is_documented() -> None:
    from dataclasses import fields

    sections = {
        "schedule": ScheduleSettings,
        "goal": GoalSettings,
        "break": BreakSettings,
        "idle": IdleSettings,
        "disturb": DisturbSettings,
        "stretches": StretchFilterSettings,
        "prompt": PromptSettings,
        "app": AppSettings,
        "calls": CallSettings,
        "quiet": QuietSettings,
        "appearance": AppearanceSettings,
    }
    declared = {doc.name for doc in SETTING_DOCS}
    actual = {f"{name}.{f.name}" for name, cls in sections.items() for f in fields(cls)}
    assert declared == actual


def test_readme_settings_section_matches_the_declarations() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- settings:start -->\n(.*?)<!-- settings:end -->", text, re.DOTALL)
    assert match, "README.md lacks the settings markers"
    assert settings_markdown() in match.group(1), (
        "README settings table is out of date: run "
        "`uv run python -m posture_break.core.settings` and paste its output"
    )


def test_prompt_style_is_read_case_blind_and_checked_in_code(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, '[prompt]\nstyle = "Notification"\n'))
    assert loaded.warnings == ()
    assert loaded.settings.prompt == PromptSettings(style=PromptStyle.NOTIFICATION)
    with pytest.raises(ValueError, match=r"prompt\.style"):
        PromptSettings(style="popup")  # type: ignore[arg-type]


# --- Calls and quiet times. ---------------------------------------------------------------------


def test_calls_and_quiet_keys_are_read(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text(
        '[calls]\nmicrophone = false\nignore = [" Talon ", "dictate"]\n'
        '[quiet]\ntimes = ["12:00-13:00", "22:00-7:00"]\n',
        encoding="utf-8",
    )
    loaded = load_settings(config)
    assert loaded.warnings == ()
    assert loaded.settings.calls == CallSettings(microphone=False, ignore=("Talon", "dictate"))
    assert loaded.settings.quiet == QuietSettings(times=("12:00-13:00", "22:00-07:00"))


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('[quiet]\ntimes = ["12:00"]', "not a range"),
        ('[quiet]\ntimes = ["00:00-12:00", "12:00-00:00"]', "cover the whole day"),
        ('[quiet]\ntimes = "12:00-13:00"', "not a list"),
        ('[calls]\nignore = [""]', "not an application name"),
        ('[calls]\ncamera = "yes"', "not true or false"),
    ],
)
def test_bad_calls_and_quiet_values_fall_back_with_a_warning(
    tmp_path: Path, line: str, why: str
) -> None:
    config = tmp_path / "settings.toml"
    config.write_text(line + "\n", encoding="utf-8")
    loaded = load_settings(config)
    assert len(loaded.warnings) == 1
    assert why in loaded.warnings[0]
    assert loaded.settings.calls == CallSettings()
    assert loaded.settings.quiet == QuietSettings()


def test_calls_and_quiet_keys_survive_a_save(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    chosen = Settings(
        calls=CallSettings(camera=False, ignore=('Zoom "beta"', "Ünïcode")),
        quiet=QuietSettings(times=("12:00-13:00",)),
    )
    save_settings(config, chosen)
    assert load_settings(config).settings == chosen


def test_a_section_object_refuses_a_bad_quiet_time() -> None:
    with pytest.raises(ValueError, match=r"quiet\.times"):
        QuietSettings(times=("25:00-26:00",))
