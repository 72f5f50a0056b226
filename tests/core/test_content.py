"""The content people read: the stretch catalogue and the safety note, checked as text and data.

These tests read the TOML files directly (no loader), so they state what the content promises
whatever the code that loads it looks like: our own words, a dose that fits, cautions on every
move, the families a desk worker needs, one breathing rule and a complete list of red flags.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "stretches.toml"
SAFETY = ROOT / "resources" / "safety.toml"
DOCS = ROOT / "docs" / "stretches.md"
SEED_NAME = Path("shared") / "seed" / "mid-back-stretch-notes.txt"
# The seed notes live in shared/ beside the checkout (CI, the main checkout); a git worktree
# kept in a folder of worktrees has it one level further up.
SEED_CANDIDATES = (ROOT.parent / SEED_NAME, ROOT.parent.parent / SEED_NAME)

FAMILIES = frozenset(
    {"twist", "rounding", "extension", "side-bend", "breathing", "shoulder-blades", "chest", "hips"}
)
DESK_KIT = frozenset({"chair", "desk"})  # what every desk has; nothing to fetch or find
# At least this many stretches of each family can be done at the desk with nothing but it.
DESK_FAMILY_MINIMUM = {"twist": 3, "rounding": 2, "extension": 2, "side-bend": 1, "breathing": 1}
MAX_DOSE_S = 120
SECONDS_TO_READ_A_STEP = 4  # a set-up step is read, then done, before the reps begin
COPIED_RUN_WORDS = 8

# The breathing rule (header of stretches.toml, safety note, docs/stretches.md): breathe in to
# grow tall, lift or open; breathe out to round, turn, lean or ease deeper.
BREATH_PATTERN = re.compile(
    r"^Breathe in to (?P<inhale>[^;]+); breathe out to (?P<exhale>[^;]+)\.$"
)
OUT_BREATH_MOVES = ("round", "turn", "lean")  # never cued on the in-breath
OUT_BREATH_WORD = {"twist": "turn", "rounding": "round", "side-bend": "lean"}
IN_BREATH_WORDS = ("lift", "open", "lengthen", "grow tall", "widen")  # for extensions

IMPERIAL = re.compile(
    r"\b(inch|inches|lb|lbs|pound|pounds|ounce|ounces|yard|yards|mile|miles)\b"
    r"|\b(\d+|few|several|half an?)\s+(foot|feet|ft)\b"
    r"|\d\s*(\"|in\.|ft\b)",
    re.IGNORECASE,
)
BONE_WORDS = ("osteoporosis", "bone density")
APOSTROPHES = "['\u2018\u2019]"  # the seed notes mix curly and straight apostrophes


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


STRETCHES: list[dict[str, Any]] = _load(CATALOGUE)["stretch"]
SAFETY_NOTE: dict[str, Any] = _load(SAFETY)


def _strings(value: object) -> Iterator[str]:
    """Yield every string inside a TOML value (tables, arrays, inline tables)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _words(text: str) -> list[str]:
    """Lower-case words with punctuation dropped; a curly or straight apostrophe joins a word."""
    return re.findall(r"[a-z0-9]+", re.sub(APOSTROPHES, "", text.lower()))


def _runs(words: list[str], size: int = COPIED_RUN_WORDS) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _copied_runs(seed: str, text: str) -> set[str]:
    """Return every run of `COPIED_RUN_WORDS` words that `text` shares with `seed`."""
    return {" ".join(run) for run in _runs(_words(text)) & _runs(_words(seed))}


def _seed_text() -> str:
    for candidate in SEED_CANDIDATES:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    tried = ", ".join(str(c) for c in SEED_CANDIDATES)
    pytest.skip(f"the seed notes are not in this checkout's surroundings (looked at {tried})")


def _is_desk(stretch: dict[str, Any]) -> bool:
    return (
        stretch["desk_friendly"]
        and stretch["position"] != "floor"
        and set(stretch["equipment"]) <= DESK_KIT
    )


def _dose_s(stretch: dict[str, Any]) -> float:
    """Seconds the stretch takes: on each side a set-up, then per rep one breath plus the hold."""
    sides = 2 if stretch["per_side"] else 1
    rep_s = stretch["inhale_s"] + stretch["exhale_s"] + stretch["hold_s"]
    return float(sides * (stretch["setup_s"] + stretch["reps"] * rep_s))


def _ids(stretches: list[dict[str, Any]]) -> list[str]:
    return [s["id"] for s in stretches]


by_stretch = pytest.mark.parametrize("stretch", STRETCHES, ids=_ids(STRETCHES))


# Our own words ---------------------------------------------------------------------------------


def test_the_copy_check_finds_a_sentence_lifted_from_the_seed() -> None:
    seed = _seed_text()
    lifted = " ".join(seed.split()[200:215])
    assert _copied_runs(seed, f"Intro. {lifted.upper()}!")  # case and punctuation do not hide it
    assert not _copied_runs(seed, "Sit tall, breathe out and turn a little further each time.")


@pytest.mark.parametrize("path", [CATALOGUE, SAFETY, DOCS], ids=lambda p: p.name)
def test_no_run_of_eight_words_is_copied_from_the_seed_notes(path: Path) -> None:
    seed = _seed_text()
    if path.suffix == ".toml":
        text = "\n".join(_strings(_load(path)))
    else:
        text = path.read_text(encoding="utf-8")
    assert not _copied_runs(seed, text), f"{path.name} copies the seed notes"


# Every stretch ---------------------------------------------------------------------------------


@by_stretch
def test_every_stretch_has_cautions_a_family_and_a_reason_to_come_back(
    stretch: dict[str, Any],
) -> None:
    assert stretch["cautions"], "needs at least one caution"
    assert stretch["family"] in FAMILIES
    assert isinstance(stretch["bone_friendly"], bool)
    why = stretch["why"]
    assert why.strip()
    assert "\n" not in why
    assert len(why) <= 120
    assert isinstance(stretch["setup_s"], int)
    assert 0 <= stretch["setup_s"] <= 30


def test_the_reasons_to_come_back_are_all_different() -> None:
    repeated = [why for why, n in Counter(s["why"] for s in STRETCHES).items() if n > 1]
    assert not repeated


@by_stretch
def test_the_set_up_leaves_time_to_read_its_steps(stretch: dict[str, Any]) -> None:
    setup_steps = stretch.get("setup_steps", 1)
    assert 1 <= setup_steps <= len(stretch["steps"]) - 1
    assert stretch["setup_s"] >= SECONDS_TO_READ_A_STEP * setup_steps


@by_stretch
def test_the_dose_fits_in_two_minutes(stretch: dict[str, Any]) -> None:
    assert _dose_s(stretch) <= MAX_DOSE_S


@by_stretch
def test_the_breathing_line_follows_the_one_rule(stretch: dict[str, Any]) -> None:
    match = BREATH_PATTERN.match(stretch["breathing"])
    assert match, f"not 'Breathe in to ...; breathe out to ...': {stretch['breathing']!r}"
    inhale, exhale = match["inhale"].lower(), match["exhale"].lower()
    assert not any(move in inhale for move in OUT_BREATH_MOVES), inhale
    family = stretch["family"]
    if family in OUT_BREATH_WORD:
        assert OUT_BREATH_WORD[family] in exhale, exhale
    if family == "extension":
        assert any(word in inhale for word in IN_BREATH_WORDS), inhale


@by_stretch
def test_steps_leave_side_switching_to_the_window_and_never_tip_the_head_back(
    stretch: dict[str, Any],
) -> None:
    steps = " ".join(stretch["steps"]).lower()
    assert "switch" not in steps
    assert "other side" not in steps
    assert not re.search(r"\blook(ing)? up\b", steps)


@by_stretch
def test_moves_that_round_or_are_hard_on_bones_say_so_in_their_cautions(
    stretch: dict[str, Any],
) -> None:
    if stretch["family"] == "rounding" or not stretch["bone_friendly"]:
        cautions = " ".join(stretch["cautions"]).lower()
        assert any(word in cautions for word in BONE_WORDS)
    if stretch["family"] == "rounding":
        assert not stretch["bone_friendly"], "rounding under load is not bone-friendly"


@pytest.mark.parametrize("path", [CATALOGUE, SAFETY, DOCS], ids=lambda p: p.name)
def test_metric_units_only(path: Path) -> None:
    assert not IMPERIAL.search(path.read_text(encoding="utf-8"))


def test_the_unit_check_catches_imperial_units_but_not_feet_on_the_floor() -> None:
    assert IMPERIAL.search("move the roller an inch")
    assert IMPERIAL.search("step 2 feet back")
    assert not IMPERIAL.search("feet flat on the floor, one foot forward")


# The catalogue as a whole ----------------------------------------------------------------------


def test_the_catalogue_has_every_family_and_enough_for_a_desk() -> None:
    assert len(STRETCHES) >= 24
    assert {s["family"] for s in STRETCHES} == FAMILIES
    desk = [s for s in STRETCHES if _is_desk(s)]
    assert len(desk) >= 12
    families = Counter(s["family"] for s in desk)
    for family, minimum in DESK_FAMILY_MINIMUM.items():
        assert families[family] >= minimum, family
    gentle_extensions = [s for s in desk if s["family"] == "extension" and s["level"] == "gentle"]
    assert len(gentle_extensions) >= 2


def test_the_bone_density_filter_still_leaves_every_desk_family_but_rounding() -> None:
    kept = Counter(s["family"] for s in STRETCHES if _is_desk(s) and s["bone_friendly"])
    for family in ("twist", "extension", "side-bend", "breathing"):
        assert kept[family] >= 1, family


def test_the_breathing_rule_is_stated_in_the_catalogue_and_the_docs() -> None:
    rule = "breathe in to grow tall, lift or open"
    assert rule in CATALOGUE.read_text(encoding="utf-8").lower()
    assert rule in DOCS.read_text(encoding="utf-8").lower()


# The safety note -------------------------------------------------------------------------------


def test_the_safety_note_states_the_breathing_rule_and_never_holding_the_breath() -> None:
    intro = " ".join(SAFETY_NOTE["intro"]).lower()
    assert "breathe in to grow tall, lift or open" in intro
    assert "never hold your breath" in intro


@pytest.mark.parametrize(
    "words",
    [
        ("fall", "broken bone"),
        ("osteoporosis", "break"),
        ("cancer",),
        ("fever", "night sweats", "weight loss"),
        ("night", "no position eases"),
        ("breathe in", "cough"),
        ("tearing", "between the shoulder blades"),
        ("bladder", "bowels"),
        ("numbness", "tingling", "weakness"),
        ("unsteady", "clumsy"),
        ("band of pain", "rash"),
        ("chest pain", "shortness of breath"),
    ],
    ids=lambda words: words[0],
)
def test_the_safety_note_lists_the_red_flag(words: tuple[str, ...]) -> None:
    flags = [flag.lower() for flag in SAFETY_NOTE["red_flags"]]
    assert any(all(word in flag for word in words) for flag in flags), words


def test_chest_symptoms_and_tearing_pain_say_call_emergency_services() -> None:
    for flag in SAFETY_NOTE["red_flags"]:
        text = flag.lower()
        if "chest pain" in text or "tearing" in text:
            assert "call emergency services" in text, flag
    assert "straight away" not in " ".join(SAFETY_NOTE["red_flags"]).lower()


def test_a_fall_is_a_reason_to_see_a_doctor_not_a_reason_to_stretch() -> None:
    flags = " ".join(SAFETY_NOTE["red_flags"]).lower()
    assert "without a fall" not in flags
