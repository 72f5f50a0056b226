"""The stretch window and the review show translated text: nothing a person reads bypasses `_()`.

A throwaway pseudo-translation wraps every message in ⟦ ⟧; any visible word outside the
brackets (other than catalogue text, history data and core's sentences) was not translated.
Dates follow the default `QLocale`, which the app sets for the chosen language.
"""

from __future__ import annotations

import gettext
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from posture_break.core import i18n
from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.settings import Settings
from posture_break.ui.review import ReviewWindow
from posture_break.ui.stretch_window import StretchWindow
from tests.ui.stretch_factory import make_stretch

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # a Thursday
OPEN, CLOSE = "\u27e6", "\u27e7"
# Text of shared modules outside these windows' files (ui/window_fit.py), translated there.
SHARED = {"Scroll the window"}
WORD = re.compile(r"[^\W\d_]{2,}")  # two letters or more: a word someone reads


class PseudoTranslations(gettext.NullTranslations):
    """Every message wrapped in ⟦ ⟧, so untranslated text stands out."""

    def gettext(self, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)


@pytest.fixture
def pseudo() -> Iterator[None]:
    # The active catalogue is core.i18n's one module state (gettext's own model); put it back.
    saved = i18n._translations
    i18n._translations = PseudoTranslations()
    try:
        yield
    finally:
        i18n._translations = saved


@pytest.fixture
def german() -> Iterator[None]:
    saved = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        yield
    finally:
        QLocale.setDefault(saved)


@pytest.fixture
def history() -> Iterator[BreakHistory]:
    store = BreakHistory(sqlite3.connect(":memory:"))
    start = NOW - timedelta(days=3)
    store.record_many(
        [
            BreakRecord.at(
                start + timedelta(days=day),
                "twist",
                Outcome.COMPLETED,
                60,
                Trigger.SCHEDULED,
                checkin=5,
            )
            for day in range(3)
        ]
    )
    yield store
    store.close()


def untranslated(texts: list[str], exempt: set[str]) -> list[str]:
    """Return the texts with a word outside every ⟦ ⟧ (ignoring `exempt` data and names)."""
    found = []
    for text in texts:
        outside, innermost = text, re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
        while innermost.search(outside):  # messages nest: "⟦Week of {week}⟧" holds a date
            outside = innermost.sub(" ", outside)
        for data in exempt | SHARED:
            outside = outside.replace(data, " ")
        if WORD.search(outside):
            found.append(text)
    return found


def shown_texts(window: QWidget, skip: tuple[QWidget, ...] = ()) -> list[str]:
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget in skip:
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
    return [text for text in texts if text]


def test_stretch_window_shows_every_text_translated(
    qtbot: QtBot, pseudo: None, history: BreakHistory
) -> None:
    stretch, clock = make_stretch(), FakeClock(NOW)
    window = StretchWindow(
        stretch,
        clock=clock,
        settings=Settings(),
        history=history,
        trigger=Trigger.SCHEDULED,
        picker=None,
        chime=None,
    )
    qtbot.addWidget(window)
    window.show_stretch()
    qtbot.waitExposed(window)
    catalogue = {stretch.title, stretch.summary, stretch.breathing, *stretch.steps}

    running = [*shown_texts(window), window.ring.caption()]
    window.start()
    clock.advance(timedelta(seconds=61))
    window.refresh()  # the time is up: the end page
    ended = shown_texts(window)

    assert f"{OPEN}&Start{CLOSE}" in running  # the mnemonic stays in the message
    assert untranslated(running, catalogue) == []
    assert any(f"{OPEN}Nicely done{CLOSE}" in text for text in ended)
    assert untranslated(ended, {stretch.title, stretch.why}) == []


def test_review_shows_every_text_translated(
    qtbot: QtBot, pseudo: None, history: BreakHistory
) -> None:
    window = ReviewWindow(history, Settings(), FakeClock(NOW), titles={"twist": "Seated twist"})
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The week's sentence and the freezes in hand come from core (`stats_text`), translated there.
    texts = shown_texts(window, skip=(window.week_summary, window.current_card.note))
    texts += [action.text() for action in window.rest_button.day_actions()]

    assert any(text.startswith(OPEN) for text in texts)
    assert untranslated(texts, {"Seated twist"}) == []


def test_review_names_days_and_months_in_the_default_locale(
    qtbot: QtBot, german: None, history: BreakHistory
) -> None:
    window = ReviewWindow(history, Settings(), FakeClock(NOW), titles={})
    qtbot.addWidget(window)

    days = [action.text() for action in window.rest_button.day_actions()]

    assert days[0] == "Montag 23 November"
    assert days[3] == "Donnerstag 26 November"
    assert "Montag 23 November" in window.bars.accessibleName()
