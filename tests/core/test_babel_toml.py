"""The TOML extractor: every shown field once, with a comment saying where it is shown."""

from __future__ import annotations

import io

from posture_break.core.catalogue import default_catalogue_path, load_catalogue
from posture_break.core.resources import resource_path
from posture_break.core.safety import load_safety_note
from tools.babel_toml import extract


def _extracted(name: str) -> list[tuple[int, str | None, str, list[str]]]:
    data = resource_path(name).read_bytes()
    return list(extract(io.BytesIO(data), {}, (), {}))


def test_every_shown_stretch_field_is_extracted_with_its_place() -> None:
    found = {(message, tuple(comments)) for _, _, message, comments in _extracted("stretches.toml")}
    for stretch in load_catalogue(translate=False):
        where = f"stretch {stretch.id}"
        assert (stretch.title, (f"{where}: title (short name, window heading and lists)",)) in found
        for number, step in enumerate(stretch.steps, start=1):
            comment = (
                f"{where}: step {number} of {len(stretch.steps)} "
                "(shown on the step line while doing it)"
            )
            assert (step, (comment,)) in found
        for number, caution in enumerate(stretch.cautions, start=1):
            assert (caution, (f"{where}: caution {number}",)) in found
    ids = {stretch.id for stretch in load_catalogue(translate=False)}
    assert not {message for message, _ in found} & ids  # ids are never offered for translation


def test_the_safety_note_is_extracted_whole() -> None:
    messages = [message for _, _, message, _ in _extracted("safety.toml")]
    note = load_safety_note(translate=False)
    expected = [note.title, *note.intro, note.red_flags_heading, *note.red_flags, *note.outro]
    assert messages == expected


def test_references_point_at_the_field() -> None:
    lines = default_catalogue_path().read_text(encoding="utf-8").splitlines()
    for lineno, _, message, comments in _extracted("stretches.toml"):
        if "title" in comments[0]:
            assert lines[lineno - 1].startswith("title =")
            assert message in lines[lineno - 1]
