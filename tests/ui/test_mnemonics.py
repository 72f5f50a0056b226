"""No two controls of one window (or items of one menu) share a mnemonic letter, in any language.

Alt+letter on a clash only moves focus between the clashing controls instead of acting, so a
keyboard user cannot trust it. The texts are read from the real widgets as the app builds them;
only what a user can reach at one moment counts (visible controls; one menu level at a time).
Every test runs in English and in every compiled language of resources/locale, so a translator's
"&" that lands on a letter another control of the window already has fails here, naming the
window, the language and the texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.i18n import SOURCE_LANGUAGE, _, current_language, locale_dir, use_languages
from posture_break.core.mnemonics import clashes, mnemonic_of
from posture_break.core.record import Trigger
from posture_break.core.settings import Settings
from posture_break.platform.autostart import XdgAutostart
from posture_break.ui.dates import short_day_name
from posture_break.ui.prompt import BreakPrompt
from posture_break.ui.review import ReviewWindow
from posture_break.ui.settings_dialog import SettingsDialog
from posture_break.ui.stretch_window import StretchWindow
from posture_break.ui.tray import Tray
from posture_break.ui.tray_icon import TrayIcons
from tests.ui.stretch_factory import make_stretch

START = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


def compiled_languages() -> list[str]:
    """Return English and every language with a compiled catalogue in resources/locale."""
    folder = locale_dir()
    found = [] if folder is None else sorted(p.parent.parent.name for p in folder.glob("*/*/*.mo"))
    return [SOURCE_LANGUAGE, *found]


@pytest.fixture(params=compiled_languages(), autouse=True)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """Build the test's widgets in one language (dates too); English again afterwards."""
    use_languages([request.param])
    assert current_language() == request.param, f"no catalogue for {request.param}"
    QLocale.setDefault(QLocale(request.param))
    try:
        yield request.param
    finally:
        use_languages([SOURCE_LANGUAGE])
        QLocale.setDefault(QLocale.c())


class SilentChime:
    def play(self) -> None:
        pass


def window_texts(window: QWidget) -> list[str]:
    """Return the texts of `window`'s visible buttons and buddied labels (Alt+letter targets)."""
    texts: list[str] = []
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.text():
            texts.append(button.text())
    for label in window.findChildren(QLabel):
        # A label's mnemonic works only through its buddy; without one, "&" is drawn literally.
        if label.isVisibleTo(window) and label.buddy() is not None:
            texts.append(label.text())
    return texts


def menu_texts(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def _assert_no_clash(where: str, texts: list[str]) -> None:
    # A window whose texts carry no "&" at all would pass vacuously: the mnemonic tests below
    # say which windows must have them.
    where = f"{where} [{current_language()}]"
    assert texts, f"{where}: no texts found"
    found = [f"{c.letter!r} on {' and '.join(map(repr, c.texts))}" for c in clashes(texts)]
    assert found == [], f"{where}: {'; '.join(found)} (all texts: {texts})"


def _assert_has_mnemonics(
    where: str, texts: list[str], exempt: frozenset[str] = frozenset()
) -> None:
    missing = [t for t in texts if mnemonic_of(t) is None and t not in exempt]
    assert missing == [], f"{where} [{current_language()}]: no mnemonic on {missing}"


def test_tray_menu_and_its_submenus(qtbot: QtBot) -> None:
    tray = Tray(FakeClock(START), TrayIcons())
    menus = [tray.menu, *(a.menu() for a in tray.menu.actions() if a.menu() is not None)]
    for menu in menus:
        assert isinstance(menu, QMenu)
        _assert_no_clash(f"tray menu {menu.title()!r}", menu_texts(menu))
        _assert_has_mnemonics(f"tray menu {menu.title()!r}", menu_texts(menu))


def _stretch_window(
    qtbot: QtBot, history: BreakHistory, clock: FakeClock | None = None
) -> StretchWindow:
    window = StretchWindow(
        make_stretch(),
        clock=clock if clock is not None else FakeClock(START),
        settings=Settings(),
        history=history,
        trigger=Trigger.SCHEDULED,
        picker=None,
        chime=SilentChime(),  # type: ignore[arg-type]
    )
    qtbot.addWidget(window)
    window.show_stretch()
    return window


def test_stretch_window(qtbot: QtBot, history: BreakHistory) -> None:
    _assert_no_clash("stretch window (ready)", window_texts(_stretch_window(qtbot, history)))


def test_stretch_window_buttons_have_mnemonics(qtbot: QtBot, history: BreakHistory) -> None:
    texts = window_texts(_stretch_window(qtbot, history))
    _assert_has_mnemonics("stretch window (ready)", texts)


def test_stretch_window_running_and_paused(qtbot: QtBot, history: BreakHistory) -> None:
    window = _stretch_window(qtbot, history)
    window.start()
    _assert_no_clash("stretch window (running)", window_texts(window))
    window.pause()
    _assert_no_clash("stretch window (paused)", window_texts(window))


def test_stretch_window_end_view_with_the_checkin(qtbot: QtBot, history: BreakHistory) -> None:
    clock = FakeClock(START)
    window = _stretch_window(qtbot, history, clock)
    window.start()
    clock.advance(600)  # longer than the whole stretch: it ends, completed
    window.refresh()  # what its timer would do
    texts = window_texts(window)
    _assert_no_clash("stretch window (end view)", texts)
    # The check-in's 0..10 are typed as digits (its own keys), not Alt+letter.
    scores = frozenset(str(score) for score in range(11))
    assert scores <= set(texts), texts
    _assert_has_mnemonics("stretch window (end view)", texts, exempt=scores)


def test_settings_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(), (), tmp_path / "settings.toml", starter=XdgAutostart())
    qtbot.addWidget(dialog)
    dialog.show()
    _assert_no_clash("settings dialog", window_texts(dialog))
    # The day boxes are one group reached through "Work &days" and Tab (seven more letters would
    # not fit); Cancel is Esc. Language is reached with Tab: of the letters it has, none is free.
    days = frozenset({*(short_day_name(day) for day in range(7)), _("Cancel"), _("Language")})
    _assert_has_mnemonics("settings dialog", window_texts(dialog), exempt=days)


def test_review_window(qtbot: QtBot, history: BreakHistory) -> None:
    window = ReviewWindow(history, Settings(), FakeClock(START), titles={})
    qtbot.addWidget(window)
    window.show()
    _assert_no_clash("review window", window_texts(window))
    _assert_has_mnemonics("review window", window_texts(window))


def test_prompt(qtbot: QtBot) -> None:
    prompt = BreakPrompt("Seated reach", 60, 10, clock=FakeClock(START))
    qtbot.addWidget(prompt)
    prompt.show()
    texts = window_texts(prompt)
    # The prompt never takes the keyboard focus (WindowDoesNotAcceptFocus: it must not steal
    # typing), so its letters are for reading, not Alt+letter; still, they must not clash and
    # each button has one (Start, Snooze and Skip all start with S).
    _assert_no_clash("prompt", texts)
    _assert_has_mnemonics("prompt", texts)
