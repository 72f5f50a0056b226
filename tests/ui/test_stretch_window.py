"""The stretch window, driven by a fake clock: a minute of stretching in milliseconds.

Its figure, its end view and its safety texts have their own files (`test_stretch_window_*.py`),
which share this module's fixtures and helpers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock, SystemClock
from posture_break.core.history import BreakHistory, HistoryWriteError
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.settings import BreakSettings, Settings
from posture_break.core.stretch import Stretch
from posture_break.core.stretch_run import Stage
from posture_break.ui.figure_motion import FigureMotion
from posture_break.ui.stretch_window import NO_MATCH, StretchWindow
from tests.ui.stretch_factory import make_stretch

START = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # a Wednesday


class FakeChime:
    def __init__(self) -> None:
        self.plays = 0

    def play(self) -> None:
        self.plays += 1


class FakePicker:
    def __init__(self, stretches: Sequence[Stretch]) -> None:
        self.stretches = list(stretches)
        self.asked: list[tuple[str, ...]] = []

    def pick(self, recent: Sequence[str] = (), checkin: int | None = None) -> Stretch:
        self.asked.append(tuple(recent))
        return next(s for s in self.stretches if s.id not in recent)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def chime() -> FakeChime:
    return FakeChime()


WindowFactory = Callable[..., StretchWindow]


@pytest.fixture
def make_window(
    qtbot: QtBot, clock: FakeClock, history: BreakHistory, chime: FakeChime
) -> WindowFactory:
    def make(
        trigger: Trigger = Trigger.ON_DEMAND,
        *,
        stretch: Stretch | None = None,
        seconds: int = 60,
        picker: FakePicker | None = None,
        sound: bool = True,
        checkin: bool = True,
        show: bool = True,
        figure_motion: FigureMotion = FigureMotion.BREATH,
    ) -> StretchWindow:
        settings = Settings(
            breaks=replace(BreakSettings(), stretch_seconds=seconds, sound=sound, checkin=checkin)
        )
        window = StretchWindow(
            stretch or make_stretch(),
            clock=clock,
            settings=settings,
            history=history,
            trigger=trigger,
            picker=picker,
            chime=chime,  # type: ignore[arg-type]
            figure_motion=figure_motion,
        )
        qtbot.addWidget(window)
        if show:
            window.show_stretch()
            if trigger is Trigger.ON_DEMAND:
                qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return make


def on_demand_window(
    clock: FakeClock,
    history: BreakHistory,
    chime: FakeChime | None,
    figure_motion: FigureMotion = FigureMotion.BREATH,
) -> StretchWindow:
    """A stretch window asked for from the menu, with default settings and no picker; not shown.

    `make_window` is the fixture most tests use; this is for the few that set things up their way.
    """
    return StretchWindow(
        make_stretch(),
        clock=clock,
        settings=Settings(),
        history=history,
        trigger=Trigger.ON_DEMAND,
        picker=None,
        chime=chime,  # type: ignore[arg-type]
        figure_motion=figure_motion,
    )


def timer(window: StretchWindow, name: str) -> QTimer:
    found = window.findChild(QTimer, name)
    assert isinstance(found, QTimer)
    return found


def stage(window: StretchWindow) -> Stage:
    """Read the stage afresh (a call, so the type checker does not pin it after an assert)."""
    return window.stage


def label_texts(window: StretchWindow) -> list[str]:
    return [label.text() for label in window.findChildren(QLabel) if label.isVisible()]


def button(window: StretchWindow, text: str) -> QAbstractButton:
    for candidate in window.findChildren(QAbstractButton):
        if candidate.text().replace("&", "") == text and candidate.isVisible():
            return candidate
    raise AssertionError(f"no visible button {text!r}")


def click_background(window: StretchWindow) -> None:
    no_modifier = Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, no_modifier, QPoint(5, 5))


def focus_by_click(window: StretchWindow, qtbot: QtBot) -> None:
    """Click the window's background, as a user turning to a scheduled break would."""
    QTest.mouseClick(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
    )
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def advance(clock: FakeClock, window: StretchWindow, seconds: float) -> None:
    """Let time pass, then let the window look (as its timer would)."""
    clock.advance(seconds)
    window.refresh()


# ---------------------------------------------------------------------------------------------


def test_per_side_minute_runs_pauses_switches_and_finishes(
    make_window: WindowFactory,
    clock: FakeClock,
    history: BreakHistory,
    chime: FakeChime,
    qtbot: QtBot,
) -> None:
    # The dose: per side, 5 s to set up, then 4 s in, a 15 s hold and 6 s out.
    window = make_window(Trigger.ON_DEMAND)
    assert stage(window) is Stage.RUNNING
    assert window.ring.text() == "1:00"
    assert "Sit tall, feet flat." in label_texts(window)
    assert "Get into position" in label_texts(window)

    advance(clock, window, 5.0)
    assert "Breathe in" in label_texts(window)
    assert "Turn your chest to one side." in label_texts(window)  # steps move on
    advance(clock, window, 5.0)
    assert window.ring.text() == "0:50"
    assert "Hold, breathing easily" in label_texts(window)
    assert window.figure.phase() == 1.0  # held still in the stretch

    button(window, "Pause").click()
    assert button(window, "Resume").isVisible()
    advance(clock, window, 120.0)  # a long pause: the countdown does not move
    assert window.ring.text() == "0:50"
    assert not timer(window, "countdownTimer").isActive()
    assert not timer(window, "figureTimer").isActive()

    button(window, "Resume").click()
    advance(clock, window, 19.5)
    assert window.ring.text() == "0:31"
    assert "Breathe out" in label_texts(window)
    assert not window.figure.is_mirrored()
    assert "Switch sides" not in label_texts(window)

    QApplication.processEvents()  # let the layout settle
    figure_place = window.figure.geometry()
    advance(clock, window, 0.5)  # half time
    assert window.ring.text() == "0:30"
    QApplication.processEvents()
    assert window.figure.geometry() == figure_place  # the cue appears without shifting anything
    assert "⇄  Switch sides" in label_texts(window)
    assert window.figure.is_mirrored()
    assert "Sit tall, feet flat." in label_texts(window)  # the steps start again for side 2

    assert "Change sides" in label_texts(window)
    advance(clock, window, 6.0)
    assert "⇄  Switch sides" not in label_texts(window)  # the cue lasts as long as the set-up
    assert "Breathe in" in label_texts(window)

    with qtbot.waitSignal(window.finished), qtbot.waitSignal(window.recorded) as saved:
        advance(clock, window, 24.0)
    assert stage(window) is Stage.ENDED
    record = saved.args[0]
    assert isinstance(record, BreakRecord)
    assert (record.outcome, record.duration_s, record.trigger) == (
        Outcome.COMPLETED,
        60,
        Trigger.ON_DEMAND,
    )
    assert history.records() == [record]
    assert chime.plays == 1
    assert "1 of 4 today" in label_texts(window)


def test_countdown_wakes_on_second_boundaries_not_a_drifting_tick(
    make_window: WindowFactory, clock: FakeClock
) -> None:
    window = make_window(Trigger.ON_DEMAND)
    countdown = timer(window, "countdownTimer")
    assert countdown.isSingleShot()

    advance(clock, window, 0.3)
    assert countdown.interval() == 700  # next whole second of the countdown, not 1000 from now

    advance(clock, window, 0.75)  # a late wake-up: the next one is shortened, not shifted
    assert window.ring.text() == "0:59"
    assert countdown.interval() == 950


def test_keyboard_space_enter(
    make_window: WindowFactory, clock: FakeClock, history: BreakHistory, qtbot: QtBot
) -> None:
    window = make_window(Trigger.SCHEDULED)
    assert stage(window) is Stage.READY
    focus_by_click(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_Space)  # start
    assert stage(window) is Stage.RUNNING
    advance(clock, window, 5.0)
    QTest.keyClick(window, Qt.Key.Key_Space)  # pause
    assert stage(window) is Stage.PAUSED
    QTest.keyClick(window, Qt.Key.Key_Space)  # resume
    assert stage(window) is Stage.RUNNING
    advance(clock, window, 27.0)
    QTest.keyClick(window, Qt.Key.Key_Return)  # done, past half the minute
    assert stage(window) is Stage.ENDED
    assert [(r.outcome, r.duration_s) for r in history.records()] == [(Outcome.COMPLETED, 32)]
    with qtbot.waitSignal(window.closed):
        QTest.keyClick(window, Qt.Key.Key_Escape)  # Esc closes the end view


def test_keyboard_enter_starts_a_ready_window(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(Trigger.SCHEDULED)
    focus_by_click(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_Enter)
    assert stage(window) is Stage.RUNNING


def test_escape_mid_way_records_abandoned_and_closes(
    make_window: WindowFactory, clock: FakeClock, history: BreakHistory, qtbot: QtBot
) -> None:
    window = make_window(Trigger.ON_DEMAND)
    advance(clock, window, 21.4)
    with qtbot.waitSignals([window.skipped, window.closed, window.recorded]):
        QTest.keyClick(window, Qt.Key.Key_Escape)
    assert [(r.outcome, r.duration_s) for r in history.records()] == [(Outcome.ABANDONED, 21)]
    assert not window.isVisible()


def test_skip_before_starting_records_skipped(
    make_window: WindowFactory, history: BreakHistory, qtbot: QtBot
) -> None:
    window = make_window(Trigger.SCHEDULED)
    with qtbot.waitSignal(window.skipped):
        button(window, "Skip").click()
    [record] = history.records()
    assert (record.outcome, record.duration_s, record.trigger) == (
        Outcome.SKIPPED,
        0,
        Trigger.SCHEDULED,
    )


def test_closing_mid_way_records_abandoned_once(
    make_window: WindowFactory, clock: FakeClock, history: BreakHistory, qtbot: QtBot
) -> None:
    window = make_window(Trigger.ON_DEMAND)
    advance(clock, window, 8.0)
    with qtbot.waitSignal(window.closed):
        window.close()
    window.close()  # a second close changes nothing
    assert [(r.outcome, r.duration_s) for r in history.records()] == [(Outcome.ABANDONED, 8)]


def test_another_stretch_with_n(
    make_window: WindowFactory, clock: FakeClock, history: BreakHistory, qtbot: QtBot
) -> None:
    other = replace(make_stretch("open-book"), title="Open book", per_side=False)
    picker = FakePicker([make_stretch(), other])
    window = make_window(Trigger.ON_DEMAND, picker=picker)
    advance(clock, window, 15.0)

    QTest.keyClick(window, Qt.Key.Key_N)

    assert picker.asked == [("seated-twist",)]
    assert "Open book" in label_texts(window)
    assert window.ring.text() == "0:30"  # its own dose: one side
    assert stage(window) is Stage.RUNNING  # the user was stretching: carry on with the next one
    assert history.records() == []  # swapping is not abandoning: the break goes on
    for _ in range(10):  # swapping again and again adds no rows either
        picker.stretches.append(make_stretch(f"s{len(picker.stretches)}"))
        QTest.keyClick(window, Qt.Key.Key_N)
    assert history.records() == []
    advance(clock, window, 60.0)
    [record] = history.records()  # the break ends with one outcome, for the stretch it ended on
    assert record.outcome is Outcome.COMPLETED


def test_another_stretch_before_starting_records_nothing(
    make_window: WindowFactory, history: BreakHistory
) -> None:
    other = replace(make_stretch("open-book"), title="Open book")
    window = make_window(Trigger.SCHEDULED, picker=FakePicker([make_stretch(), other]))
    button(window, "Another stretch").click()
    assert "Open book" in label_texts(window)
    assert stage(window) is Stage.READY
    assert history.records() == []


def test_no_picker_hides_another_stretch(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(Trigger.ON_DEMAND)
    with pytest.raises(AssertionError):
        button(window, "Another stretch")
    QTest.keyClick(window, Qt.Key.Key_N)
    assert stage(window) is Stage.RUNNING


def test_a_failing_history_does_not_trap_the_user(
    qtbot: QtBot, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    class FullDisk(BreakHistory):
        def record(self, entry: BreakRecord) -> int:
            raise HistoryWriteError("database or disk is full")

    history = FullDisk(sqlite3.connect(":memory:"))
    window = on_demand_window(clock, history, chime=None)
    qtbot.addWidget(window)
    window.show_stretch()
    advance(clock, window, 60.0)
    assert stage(window) is Stage.ENDED  # the end view still shows, and closes as usual
    assert "could not save" in caplog.text
    with qtbot.waitSignal(window.closed):
        window.close()
    history.close()


def test_scheduled_window_does_not_take_focus_until_started(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Trigger.SCHEDULED)
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert QApplication.activeWindow() is not window
    assert stage(window) is Stage.READY

    button(window, "Start").click()

    assert not window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_scheduled_window_started_from_the_prompt_runs_at_once(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Trigger.SCHEDULED, show=False)
    window.show_stretch(start=True)  # the user already said Start in the break prompt
    assert stage(window) is Stage.RUNNING
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_on_demand_window_takes_focus(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(Trigger.ON_DEMAND)
    assert not window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_window_is_small_and_centred_on_the_screen(make_window: WindowFactory) -> None:
    window = make_window(Trigger.SCHEDULED)
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    area = screen.availableGeometry()
    # Centred by a guessed title bar (the real frame is known only once shown): near enough.
    assert (window.frameGeometry().center() - area.center()).manhattanLength() <= 20
    assert area.contains(window.frameGeometry())
    assert window.width() <= 480
    assert window.height() <= 640


def test_every_control_has_an_accessible_name(make_window: WindowFactory) -> None:
    window = make_window(Trigger.ON_DEMAND, picker=FakePicker([make_stretch()]))
    controls: list[QWidget] = [*window.findChildren(QPushButton), window.ring, window.figure]
    for control in controls:
        assert control.accessibleName(), control
        assert control.accessibleDescription(), control.accessibleName()
    assert "left" in window.ring.accessibleDescription()


def test_palette_switch_to_dark_recolours(make_window: WindowFactory) -> None:
    window = make_window(Trigger.ON_DEMAND)
    light = window.styleSheet()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = app.palette()
    dark = app.palette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    try:
        app.setPalette(dark)
        QApplication.processEvents()
        assert window.styleSheet() != light
    finally:
        app.setPalette(saved)


# --- the pure timeline ------------------------------------------------------------------------


# --- real time --------------------------------------------------------------------------------


def test_two_second_stretch_ends_within_50_ms_on_the_real_clock(
    qtbot: QtBot, history: BreakHistory
) -> None:
    real = SystemClock()
    settings = Settings(breaks=replace(BreakSettings(), sound=False))
    window = StretchWindow(
        make_stretch(),
        clock=real,
        settings=settings,
        history=history,
        trigger=Trigger.SCHEDULED,
        picker=None,
        chime=None,
        length_s=2.0,
    )
    qtbot.addWidget(window)
    ended: list[float] = []
    window.finished.connect(lambda: ended.append(real.monotonic()))
    window.show_stretch(start=False)
    with qtbot.waitSignal(window.finished, timeout=5000):
        # Read the clock *before* the countdown starts: reading it after let a slow start
        # (showing, focusing) eat into the lower bound, and the test failed now and then.
        started = real.monotonic()
        window.start()
    assert 2.0 - 0.005 <= ended[0] - started <= 2.0 + 0.050
    assert [r.duration_s for r in history.records()] == [2]


def test_click_on_the_window_takes_focus(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(Trigger.SCHEDULED)
    QTest.mouseClick(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
    )
    assert not window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert stage(window) is Stage.READY  # a click only focuses; starting is the user's choice


# The fallback notice, a memory for "Another stretch" -------------------------------------------


def test_a_stretch_outside_the_filters_says_it_is_a_fallback(make_window: WindowFactory) -> None:
    floor = replace(make_stretch(), desk_friendly=False)  # the default settings: desk only
    window = make_window(Trigger.SCHEDULED, stretch=floor)
    assert NO_MATCH in label_texts(window)


def test_another_stretch_remembers_the_history(
    make_window: WindowFactory, history: BreakHistory, clock: FakeClock
) -> None:
    for stretch_id in ("open-book", "wall-snow-angel"):
        history.record(BreakRecord.at(START, stretch_id, Outcome.COMPLETED, 60, Trigger.SCHEDULED))
    other = replace(make_stretch("band-pull-apart"), title="Band pull-apart")
    picker = FakePicker([make_stretch(), make_stretch("open-book"), other])
    window = make_window(Trigger.SCHEDULED, picker=picker)
    button(window, "Another stretch").click()
    assert picker.asked == [("seated-twist", "wall-snow-angel", "open-book")]
    assert "Band pull-apart" in label_texts(window)
