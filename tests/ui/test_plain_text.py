"""Text from files is never read as HTML: every label the app shows is plain text.

The hostile data goes in as the app reads it: a stretch id `<img src=...>` in the history (as an
imported CSV could once put there) and a settings key of the same shape, through the real
settings loader. With `AutoText`, Qt would load the named file as an image (for /dev/zero: 18 GB
in a minute; for a FIFO: a hang).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.paths import AppPaths
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.settings_file import load_settings
from posture_break.ui.app import PostureBreakApp
from posture_break.ui.composition import _startup_notices
from posture_break.ui.plain_text import notification_text, plain_tooltip
from posture_break.ui.scheduling import BreakScheduler
from posture_break.ui.week_chart import answer_tooltip
from tests.ui.app_harness import START, build

# The shape of the real attack; a path that does not exist keeps a failing run harmless.
HOSTILE = '<img src="/nonexistent/posture-break.png">'


def _labels_not_plain() -> list[str]:
    """Return a description of every label or message box shown that may read markup."""
    found: list[str] = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        widgets: list[QWidget] = [window, *window.findChildren(QWidget)]
        for widget in widgets:
            if isinstance(widget, QLabel | QMessageBox) and (
                widget.textFormat() != Qt.TextFormat.PlainText
            ):
                found.append(f"{type(window).__name__}: {type(widget).__name__} {widget.text()!r}")
    return found


def _shown_texts() -> str:
    return "\n".join(
        label.text()
        for window in QApplication.topLevelWidgets()
        if window.isVisible()
        for label in window.findChildren(QLabel)
    )


@pytest.fixture
def hostile_app(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
    tmp_path: Path,
) -> Iterator[PostureBreakApp]:
    history.record(BreakRecord.at(START, HOSTILE, Outcome.COMPLETED, 60, Trigger.ON_DEMAND))
    config = tmp_path / "settings.toml"
    config.write_text(f"'{HOSTILE}' = 1\n[breaks]\n'{HOSTILE}' = '{HOSTILE}'\n")
    loaded = load_settings(config)
    assert any(HOSTILE in warning for warning in loaded.warnings)
    app = build(
        qtbot,
        clock,
        paths,
        history,
        scheduler,
        notices=_startup_notices(paths, loaded.warnings, None),
    )
    yield app
    app.quit()


def test_every_label_of_every_window_is_plain_text(
    qtbot: QtBot, hostile_app: PostureBreakApp
) -> None:
    app = hostile_app
    # No tray here: the start-up notice about the settings key is a message box.
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=1000,
    )
    app.open_review()  # shows the unknown stretch id among the favourites
    app.open_settings()
    app.stretch_now()
    app.show_about()
    qtbot.waitUntil(lambda: HOSTILE in _shown_texts(), timeout=1000)
    assert _labels_not_plain() == []


@pytest.mark.parametrize("markup", [True, False])
def test_a_notification_body_is_escaped_exactly_when_the_server_reads_markup(markup: bool) -> None:
    text = f"Unknown setting {HOSTILE} & more"
    sent = notification_text(text, markup)
    if markup:
        assert sent == (
            'Unknown setting &lt;img src="/nonexistent/posture-break.png"&gt; &amp; more'
        )
        # What a markup server shows: the text unescaped once, i.e. the user's own words.
        assert html.unescape(sent) == text
    else:
        assert sent == text  # a plain server shows the body as given: escapes would show


def test_a_tooltip_shows_hostile_text_as_it_is(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    point = QPoint(1, 1)
    event = QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    answer_tooltip(widget, event, f"Stretch {HOSTILE}")
    shown = QToolTip.text()
    # Qt reads the tooltip as rich text (it would anyway for this text); what it renders is the
    # text itself, with no <img> element to load.
    assert QtGui.Qt.mightBeRichText(shown)
    document = QTextDocument()
    document.setHtml(shown)
    assert document.toPlainText() == f"Stretch {HOSTILE}"
    assert "<img" not in document.toHtml()
    QToolTip.hideText()


def test_an_empty_tooltip_stays_empty() -> None:
    assert plain_tooltip("") == ""
