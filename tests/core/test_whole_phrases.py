"""Translated output is made of whole translated phrases: no English word or comma glued in.

Each test translates one phrase with a throwaway catalogue and checks the output carries that
translation whole; it fails if the text were built again from English fragments.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from posture_break.core.catalogue import load_catalogue
from posture_break.core.i18n import DOMAIN, comma_list, use_languages
from posture_break.core.listing import listing_table
from posture_break.core.pause import PauseError, parse_pause
from posture_break.core.record import DayCounts
from posture_break.core.stats import build_stats
from posture_break.core.stats_text import stats_text

MON = date(2026, 11, 23)
WEEKDAYS = frozenset(range(5))
PLAIN_LIST = "plain list"


def write_catalogue(
    folder: Path, language: str, texts: Mapping[str | tuple[str, str], str]
) -> None:
    """Write `<folder>/<language>/LC_MESSAGES/posture-break.mo` with `texts`.

    A key is a msgid, or (context, msgid) for a `pgettext` text.
    """
    catalog = Catalog(locale=language, domain=DOMAIN)
    for key, text in texts.items():
        context, msgid = key if isinstance(key, tuple) else (None, key)
        catalog.add(msgid, text, context=context)
    target = folder / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    target.write_bytes(buffer.getvalue())


Translate = Callable[[Mapping[str | tuple[str, str], str]], None]


@pytest.fixture
def translate(tmp_path: Path) -> Iterator[Translate]:
    """Call with texts to translate into a throwaway "fr"; English again afterwards."""

    def use(texts: Mapping[str | tuple[str, str], str]) -> None:
        write_catalogue(tmp_path, "fr", texts)
        use_languages(["fr"], tmp_path)

    yield use
    use_languages(["en"])


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["a"], "a"), (["a", "b"], "a, b"), (["a", "b", "c"], "a, b, c")],
)
def test_comma_list_in_english(items: list[str], expected: str) -> None:
    assert comma_list(items) == expected


def test_the_notes_of_a_stretch_are_joined_the_language_s_way(translate: Translate) -> None:
    stretch = next(s for s in load_catalogue(translate=False) if s.per_side and not s.bone_friendly)
    translate(
        {
            (PLAIN_LIST, "{item}, {rest}"): "{item}、{rest}",
            "each side": "S",
            "not bone-friendly": "B",
        }
    )
    row = listing_table([stretch]).splitlines()[1]
    assert row.endswith("  S、B"), row


@pytest.mark.parametrize(
    ("rest", "today", "english", "translated"),
    [
        (True, True, "(rest day, today)", "<R+T>"),
        (True, False, "(rest day, as of)", "<R+A>"),
        (False, True, "(today)", "<T>"),
        (False, False, "(as of)", "<A>"),
    ],
)
def test_the_note_after_a_day_of_stats_is_one_phrase(
    translate: Translate, rest: bool, today: bool, english: str, translated: str
) -> None:
    as_of = MON + timedelta(days=2)
    report = build_stats(
        {MON: DayCounts(completed=4)}, 4, 4, WEEKDAYS, as_of, rest_days={as_of} if rest else set()
    )
    asked_day = as_of if today else as_of + timedelta(days=3)
    english_line = stats_text(report, fancy=False, today=asked_day).splitlines()[4]
    assert english_line.endswith(f"  {english}"), english_line
    translate({english: translated})
    line = stats_text(report, fancy=False, today=asked_day).splitlines()[4]
    assert line.endswith(f"  {translated}"), line


def test_a_frozen_day_has_its_own_phrase(translate: Translate) -> None:
    last_week = {MON - timedelta(days=7 - n): DayCounts(completed=4) for n in range(5)}
    report = build_stats(
        {**last_week, MON: DayCounts(completed=4)}, 24, 4, WEEKDAYS, MON + timedelta(days=2)
    )
    assert report.week.days[1].frozen  # Tuesday missed, covered by the freeze
    translate({"(frozen)": "<F>"})
    tuesday = stats_text(report, fancy=False, today=MON + timedelta(days=2)).splitlines()[3]
    assert tuesday.endswith("  <F>"), tuesday


def test_the_pause_error_is_one_sentence(translate: Translate) -> None:
    english = (
        "pause takes 30m, 1h, 2h, tomorrow, or minutes/hours like 45m or 45 min, "
        "up to 24h; not {text}"
    )
    with pytest.raises(PauseError) as refused:
        parse_pause("3x")
    assert str(refused.value) == english.format(text="'3x'")
    translate({english: "la pause refuse {text}"})
    with pytest.raises(PauseError) as refused:
        parse_pause("3\x1bx")
    assert str(refused.value) == "la pause refuse '3\\x1bx'"
