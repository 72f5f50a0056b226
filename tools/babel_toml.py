"""A Babel extractor for the stretch catalogue and the safety note (`resources/*.toml`).

Every shown field becomes one message whose msgid is the English text exactly as written, with a
`#.` comment that tells the translator where it appears ("stretch <id>: step 2 of 4 (...)").
Ids, enums and numbers are never extracted. Registered in `babel.cfg` under `[extractors]`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

# (lineno, funcname, message, comments), as Babel's extraction methods yield them.
Extracted = tuple[int, str | None, str, list[str]]


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield the shown text of a stretch catalogue or a safety note (Babel's method protocol)."""
    del keywords, comment_tags, options  # the TOML layout says what is text, not a keyword
    raw = fileobj.read().decode("utf-8")
    lines = raw.splitlines()
    data = tomllib.loads(raw)
    if "stretch" in data:
        yield from _catalogue(data["stretch"], lines)
    else:
        yield from _safety(data, lines)


def _catalogue(stretches: list[dict[str, Any]], lines: list[str]) -> Iterator[Extracted]:
    for stretch in stretches:
        ident = stretch["id"]
        start = _line_of(lines, f'id = "{ident}"', 0)
        where = f"stretch {ident}"

        def at(name: str, start: int = start) -> int:
            return _line_of(lines, f"{name} =", start)

        yield (
            at("title"),
            None,
            stretch["title"],
            [f"{where}: title (short name, window heading and lists)"],
        )
        yield at("summary"), None, stretch["summary"], [f"{where}: summary (one line)"]
        steps = stretch["steps"]
        for number, step in enumerate(steps, start=1):
            yield (
                at("steps"),
                None,
                step,
                [f"{where}: step {number} of {len(steps)} (shown on the step line while doing it)"],
            )
        yield (
            at("breathing"),
            None,
            stretch["breathing"],
            [f"{where}: breathing cue (Breathe in to ...; breathe out to ...)"],
        )
        for number, caution in enumerate(stretch["cautions"], start=1):
            yield at("cautions"), None, caution, [f"{where}: caution {number}"]
        yield at("why"), None, stretch["why"], [f"{where}: why (one short line after the stretch)"]


def _safety(note: dict[str, Any], lines: list[str]) -> Iterator[Extracted]:
    def at(name: str) -> int:
        return _line_of(lines, f"{name} =", 0)

    yield at("title"), None, note["title"], ["safety note: title"]
    for number, paragraph in enumerate(note["intro"], start=1):
        yield at("intro"), None, paragraph, [f"safety note: intro paragraph {number}"]
    yield (
        at("red_flags_heading"),
        None,
        note["red_flags_heading"],
        ["safety note: heading of the red-flag list"],
    )
    for number, flag in enumerate(note["red_flags"], start=1):
        yield (
            at("red_flags"),
            None,
            flag,
            [f"safety note: red flag {number} (one symptom, then the action)"],
        )
    for number, paragraph in enumerate(note["outro"], start=1):
        yield at("outro"), None, paragraph, [f"safety note: closing paragraph {number}"]


def _line_of(lines: list[str], prefix: str, start: int) -> int:
    """Return the 1-based number of the first line from `start` that begins with `prefix`.

    Only for the `#:` reference a translator may follow; 0 (no line) when the layout differs.
    """
    for index in range(start, len(lines)):
        if lines[index].lstrip().startswith(prefix):
            return index + 1
    return 0
