"""The safety note: who should see a doctor rather than stretch, loaded from TOML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from posture_break.core.catalogue import (
    CatalogueError,
    check_fields,
    read_toml,
    text_field,
    texts_field,
)
from posture_break.core.i18n import _
from posture_break.core.pose import FieldError
from posture_break.core.resources import resource_path
from posture_break.core.stretch import check_text

SAFETY_FILE = "safety.toml"


@dataclass(frozen=True, slots=True)
class SafetyNote:
    """The first-run safety note, always reachable from the menu.

    Attributes:
        title: Heading.
        intro: Paragraphs before the red flags.
        red_flags_heading: The sentence that introduces the red flags.
        red_flags: Symptoms that mean "see a doctor, not a stretch".
        outro: Paragraphs after the red flags.
    """

    title: str
    intro: tuple[str, ...]
    red_flags_heading: str
    red_flags: tuple[str, ...]
    outro: tuple[str, ...]

    def __post_init__(self) -> None:
        check_text("title", self.title, 80)
        if not self.intro:
            raise FieldError("intro", "needs at least one paragraph")
        check_text("red_flags_heading", self.red_flags_heading, 200)
        if not self.red_flags:
            raise FieldError("red_flags", "needs at least one symptom")

    @property
    def text(self) -> str:
        """Return the note as plain text (paragraphs and a bulleted list)."""
        bullets = "\n".join(f"• {flag}" for flag in self.red_flags)
        parts = [self.title, *self.intro, f"{self.red_flags_heading}\n{bullets}", *self.outro]
        return "\n\n".join(parts)


def load_safety_note(path: Path | None = None, *, translate: bool = True) -> SafetyNote:
    """Load the safety note from ``resources/safety.toml`` (or `path`), in the user's language.

    Args:
        path: A safety note file; the shipped one when None.
        translate: False for the English text as written (`stretches --json`).

    Raises:
        CatalogueError: The file is missing or invalid; the message names the file and field.
    """
    if path is None:
        try:
            path = resource_path(SAFETY_FILE)
        except FileNotFoundError as exc:
            raise CatalogueError(str(exc)) from exc
    data = read_toml(path)
    try:
        check_fields(data, ("title", "intro", "red_flags_heading", "red_flags", "outro"))
        note = SafetyNote(
            title=text_field(data, "title"),
            intro=texts_field(data, "intro"),
            red_flags_heading=text_field(data, "red_flags_heading"),
            red_flags=texts_field(data, "red_flags"),
            outro=texts_field(data, "outro"),
        )
        if not translate:
            return note
        return SafetyNote(
            title=_(note.title),
            intro=tuple(_(paragraph) for paragraph in note.intro),
            red_flags_heading=_(note.red_flags_heading),
            red_flags=tuple(_(flag) for flag in note.red_flags),
            outro=tuple(_(paragraph) for paragraph in note.outro),
        )
    except FieldError as exc:
        raise CatalogueError(f"{path}: {exc}") from exc
