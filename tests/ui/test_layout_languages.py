"""Every window in every shipped language, and in a pseudo-locale 40 % longer: no text is cut.

Each window is built with the real classes, shown offscreen at its default size (a large screen)
and on the smallest screen we support, and every visible label, button, group title, combo box,
tab and menu item is measured (`tests/ui/text_fit.py`). A language runs when its compiled
catalogue is in ``resources/locale``; the pseudo-locale needs none and always runs. Translations
are the translators' own: a text too long for its place is reported, never shortened here.
"""

from __future__ import annotations

import gettext
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QLocale, QPoint, QRect, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QWidget,
)
from pytestqt.qtbot import QtBot

from posture_break.core import i18n
from posture_break.core.catalogue import load_catalogue, titles_by_id
from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.picker import StretchPicker
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.settings import Settings, StretchFilterSettings
from posture_break.core.stretch import Stretch
from posture_break.core.timeline import Part
from posture_break.ui.app_notices import about_box, notice_box, settings_notice
from posture_break.ui.prompt import BreakPrompt
from posture_break.ui.review import ReviewWindow
from posture_break.ui.status_window import StatusWindow
from posture_break.ui.stretch_safety import CautionsDialog
from posture_break.ui.stretch_window import StretchWindow
from posture_break.ui.tray import Tray, TrayStatus
from posture_break.ui.tray_icon import IconState, TrayIcons
from posture_break.ui.where_dialog import WhereDialog
from tests.harness.pseudo_locale import PseudoTranslations, pseudo_stretch
from tests.ui import fitted_windows
from tests.ui.fitted_windows import NOW, available_area
from tests.ui.text_fit import (
    cut_painted,
    cut_texts,
    describe,
    menu_cut_texts,
    painted_texts,
    settle,
    shown_text,
)

PSEUDO = "pseudo"

#: Where each window is fitted: a large screen, where it gets the size it asks for, and the
#: smallest screen we support (1024x600 at 200 %: 512x284 logical pixels below a panel).
SCREENS = {
    "default size": QRect(0, 32, 1920, 1048),
    "smallest screen": available_area(1024, 600, 2),
}


class RecordingTranslations(gettext.NullTranslations):
    """Translate with `catalogue` and keep every text handed out (the elision check's sources)."""

    def __init__(self, catalogue: gettext.NullTranslations) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.given: set[str] = set()

    def _keep(self, text: str, *messages: str) -> str:
        self.given.update((text, *messages))  # English too: a text may not be translated yet
        return text

    def gettext(self, message: str) -> str:
        return self._keep(self.catalogue.gettext(message), message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._keep(self.catalogue.ngettext(msgid1, msgid2, n), msgid1, msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self._keep(self.catalogue.pgettext(context, message), message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._keep(self.catalogue.npgettext(context, msgid1, msgid2, n), msgid1, msgid2)


@dataclass(frozen=True, slots=True)
class Language:
    """One language under test, with the catalogue text as that language shows it."""

    name: str
    stretches: tuple[Stretch, ...]
    translations: RecordingTranslations

    def sources(self) -> set[str]:
        """Return every text the windows were given: translations and catalogue text."""
        catalogue = {
            text
            for s in self.stretches
            for text in (s.title, s.summary, s.breathing, s.why, *s.steps, *s.cautions)
        }
        return self.translations.given | catalogue

    def longest_title(self) -> Stretch:
        """Return the stretch with the longest title (the prompt and the end view show it)."""
        return max(self.stretches, key=lambda s: len(s.title))

    def longest(self, *, per_side: bool) -> Stretch:
        """Return the stretch with the most text to show (one done on each side, or not)."""
        return max(
            (s for s in self.stretches if s.per_side == per_side),
            key=lambda s: len(s.title) + len(s.summary) + sum(map(len, (*s.steps, *s.cautions))),
        )


def _catalogue(name: str) -> gettext.NullTranslations:
    """Return `name`'s catalogue: the pseudo-locale, or the compiled one (skip without it)."""
    if name == PSEUDO:
        return PseudoTranslations()
    folder = i18n.locale_dir()
    mo = folder / name / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo" if folder is not None else None
    if mo is None or not mo.is_file():
        pytest.skip(f"{name}: no compiled catalogue (uv run python -m tools.i18n compile)")
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)


@pytest.fixture(params=(PSEUDO, *i18n.SHIPPED_LANGUAGES))
def language(request: pytest.FixtureRequest) -> Iterator[Language]:
    """Switch the app's text (and Qt's own, and dates) to one language; English afterwards."""
    name: str = request.param
    catalogue = _catalogue(name)
    recording = RecordingTranslations(catalogue)
    previous = i18n.use_translations(recording, name)
    saved_locale = QLocale()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    qt_texts = QTranslator()
    if name != PSEUDO:
        QLocale.setDefault(QLocale(name))
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_texts.load(f"qtbase_{name}", qt_folder):
            app.installTranslator(qt_texts)
    try:
        if name == PSEUDO:  # made from the English, within the catalogue's limits
            stretches = tuple(pseudo_stretch(s) for s in load_catalogue(translate=False))
        else:
            stretches = load_catalogue()
        yield Language(name, stretches, recording)
    finally:
        app.removeTranslator(qt_texts)
        QLocale.setDefault(saved_locale)
        i18n.use_translations(*previous)


# --- the windows -----------------------------------------------------------------------------
# Each builder shows one window on a screen's free area and yields it once per state worth
# measuring (the stretch window at each step, paused, at the end...).

Shown = Iterator[tuple[str, QWidget]]


def _history(language: Language) -> BreakHistory:
    """Return three weeks of breaks with favourites and check-ins, and a rest day."""
    history = BreakHistory(sqlite3.connect(":memory:"))
    ids = [s.id for s in language.stretches[:3]]
    history.record_many(
        BreakRecord.at(
            NOW - timedelta(days=day),
            ids[day % 3],
            Outcome.COMPLETED,
            60,
            Trigger.SCHEDULED,
            day % 11,
        )
        for day in range(1, 22)
    )
    history.add_rest_days([(NOW - timedelta(days=2)).date()])
    return history


def _stretch_window(stretch: Stretch, language: Language, area: QRect, clock: FakeClock) -> Shown:
    window = StretchWindow(
        stretch,
        clock=clock,
        settings=Settings(),
        history=_history(language),
        trigger=Trigger.SCHEDULED,
        picker=StretchPicker(language.stretches),
        chime=None,
    )
    window.show_stretch(available=area)
    yield "ready", window
    window.start()
    timeline = window.run.timeline
    # Each step (and the switch cue) and each breathing cue at least once.
    steps: set[tuple[int, bool]] = set()
    parts: set[Part] = set()
    for moment in (0.0, *timeline.boundaries()[:-1]):
        step = (timeline.step_index(moment), timeline.is_switch_cue(moment))
        part = timeline.part(moment)
        if step in steps and part in parts:
            continue
        steps.add(step)
        parts.add(part)
        clock.advance(moment + 0.01 - window.run.elapsed_s())
        window.refresh()
        yield f"step {step[0] + 1} at {moment:.0f} s", window
    window.pause()
    yield "paused", window
    window.done()  # past half its time: it counts, and the check-in is asked
    yield "end view with the check-in", window


def stretch_window(language: Language, area: QRect) -> Shown:
    for per_side in (True, False):
        stretch = language.longest(per_side=per_side)
        yield from (
            (f"{stretch.id}: {state}", window)
            for state, window in _stretch_window(stretch, language, area, FakeClock(NOW))
        )


def stretch_stopped_early(language: Language, area: QRect) -> Shown:
    clock = FakeClock(NOW)
    window = StretchWindow(
        language.longest_title(),
        clock=clock,
        settings=Settings(),
        history=_history(language),
        trigger=Trigger.ON_DEMAND,
        picker=None,
        chime=None,
    )
    window.show_stretch(available=area)
    clock.advance(5.0)
    window.done()
    yield "stopped early", window


def cautions(language: Language, area: QRect) -> Shown:
    del area  # a small dialog over the stretch window, as big as its text asks
    dialog = CautionsDialog(max(language.stretches, key=lambda s: len(s.cautions)))
    dialog.show()
    yield "", dialog


def prompt(language: Language, area: QRect) -> Shown:
    del area  # in the corner of the screen under the pointer, as big as its text asks
    window = BreakPrompt(language.longest_title().title, 60, 10, clock=FakeClock(NOW))
    window.show_near(None)
    yield "", window


def review(language: Language, area: QRect) -> Shown:
    titles = titles_by_id(language.stretches)
    window = ReviewWindow(_history(language), Settings(), FakeClock(NOW), titles=titles)
    window.fit_to(area)
    window.show()
    yield "this week", window
    window.show_previous_week()
    yield "the week before", window


def settings(language: Language, area: QRect) -> Shown:
    yield "", fitted_windows.settings(area)


def safety(language: Language, area: QRect) -> Shown:
    yield "", fitted_windows.safety(area)


def where(language: Language, area: QRect) -> Shown:
    del area  # asked once at the first run, as big as its text asks
    dialog = WhereDialog(StretchFilterSettings())
    dialog.show()
    yield "", dialog


def _tray() -> Tray:
    tray = Tray(FakeClock(NOW), TrayIcons())
    # The longest status line: outside working hours, the next stretch on another day.
    tray.set_status(TrayStatus(IconState.OFF_HOURS, next_at=NOW + timedelta(days=5)))
    return tray


def status(language: Language, area: QRect) -> Shown:
    window = StatusWindow(_tray())
    window.fit_to(area)
    window.show()
    yield "", window


def about(language: Language, area: QRect) -> Shown:
    del area
    box = about_box()
    box.show()
    yield "", box


def notice(language: Language, area: QRect) -> Shown:
    del area
    path = Path("/home/user/.config/posture-break/settings.toml")
    found = settings_notice(path, [f"{path}: goal.daily = 0 is too small; using 4"])
    assert found is not None
    box = notice_box(found.title, found.text)
    box.show()
    yield "", box


WINDOWS: dict[str, Callable[[Language, QRect], Shown]] = {
    "stretch window": stretch_window,
    "stretch stopped early": stretch_stopped_early,
    "cautions": cautions,
    "prompt": prompt,
    "review": review,
    "settings": settings,
    "safety note": safety,
    "where": where,
    "status window": status,
    "about": about,
    "settings notice": notice,
}
#: Windows fitted to the screen they open on; the others are as big as their text asks.
FITTED = {
    "stretch window",
    "stretch stopped early",
    "review",
    "settings",
    "safety note",
    "status window",
}


def _scrolls_sideways(window: QWidget) -> list[str]:
    return [
        f"{area.objectName() or 'a scroll area'} scrolls sideways at the default size"
        for area in window.findChildren(QAbstractScrollArea)
        if area.isVisibleTo(window) and area.horizontalScrollBar().isVisibleTo(area)
    ]


def _buttons_below_the_fold(window: QWidget) -> list[str]:
    """Return the buttons one must scroll to (a window opening on a large screen needs none)."""
    found = []
    for area in window.findChildren(QAbstractScrollArea):
        viewport = area.viewport()
        for button in viewport.findChildren(QAbstractButton):
            place = QRect(button.mapTo(viewport, QPoint(0, 0)), button.size())
            if button.isVisibleTo(window) and not viewport.rect().contains(place):
                found.append(f"{describe(button)} is below the fold: {shown_text(button)!r}")
    return found


@pytest.mark.parametrize("name", WINDOWS)
def test_no_text_is_cut_in_any_language(qtbot: QtBot, language: Language, name: str) -> None:
    problems = []
    screens = SCREENS if name in FITTED else {"default size": SCREENS["default size"]}
    for screen, area in screens.items():
        for index, (state, window) in enumerate(WINDOWS[name](language, area)):
            first = index == 0
            qtbot.addWidget(window)
            qtbot.waitExposed(window)
            settle()
            where = f"{name}{f' ({state})' if state else ''} at the {screen}"
            sources = language.sources()
            with painted_texts() as painted:
                window.grab()
            found = cut_texts(window, sources) + cut_painted(painted, sources)
            if screen == "default size":
                found += _scrolls_sideways(window)
                if first:  # sized as it opens; later pages may scroll
                    found += _buttons_below_the_fold(window)
            problems += [f"{language.name}: {where}: {problem}" for problem in found]
    assert not problems, "text cut off:\n" + "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS)
def test_no_menu_item_is_cut_in_any_language(qtbot: QtBot, language: Language, screen: str) -> None:
    tray = _tray()
    review_window = ReviewWindow(
        _history(language), Settings(), FakeClock(NOW), titles=titles_by_id(language.stretches)
    )
    qtbot.addWidget(review_window)
    problems = [
        f"{language.name}: {menu} at the {screen}: {problem}"
        for menu, found in (
            ("tray menu", menu_cut_texts(tray.menu, SCREENS[screen])),
            ("rest-day menu", menu_cut_texts(review_window.rest_button.menu(), SCREENS[screen])),
        )
        for problem in found
    ]
    assert not problems, "menu text cut off:\n" + "\n".join(problems)
