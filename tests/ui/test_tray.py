"""The tray: tooltip texts, the menu (driven through its actions), and the state icons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.hold import HoldReason
from posture_break.core.pause import PauseFor, PauseUntil
from posture_break.ui.tray import (
    Tray,
    TrayStatus,
    minutes_left,
    seconds_until_text_changes,
    status_text,
)
from posture_break.ui.tray_icon import ICON_SIZES, IconState, TrayIcons, icon_file, render_svg

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 4, 14, 7, 0, tzinfo=ZONE)  # a Wednesday


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def refresh_timer(qtbot: QtBot) -> QTimer:
    return QTimer()  # the tray's own would be private; the test fires this one


@pytest.fixture
def tray(qtbot: QtBot, clock: FakeClock, refresh_timer: QTimer) -> Tray:
    return Tray(clock, TrayIcons(), refresh_timer=refresh_timer)


def test_counting_down_shows_the_time_and_the_minutes_left() -> None:
    status = TrayStatus(IconState.COUNTING, next_at=NOW + timedelta(minutes=23))
    assert status_text(status, NOW) == "Next stretch at 14:30 (in 23 min)"


def test_minutes_are_rounded_up_until_the_moment_comes() -> None:
    status = TrayStatus(IconState.COUNTING, next_at=NOW + timedelta(seconds=30))
    assert status_text(status, NOW) == "Next stretch at 14:07 (in 1 min)"
    assert minutes_left(NOW, NOW) == 0


def test_long_waits_read_in_hours() -> None:
    status = TrayStatus(IconState.COUNTING, next_at=NOW + timedelta(minutes=85))
    assert status_text(status, NOW) == "Next stretch at 15:32 (in 1 h 25 min)"


def test_paused_shows_when_it_ends() -> None:
    until = NOW.replace(hour=15, minute=0)
    assert status_text(TrayStatus(IconState.PAUSED, paused_until=until), NOW) == (
        "Paused until 15:00"
    )
    assert status_text(TrayStatus(IconState.PAUSED), NOW) == "Paused until you resume"


def test_outside_working_hours_names_the_day_of_the_next_stretch() -> None:
    monday = datetime(2026, 3, 9, 9, 45, tzinfo=ZONE)
    status = TrayStatus(IconState.OFF_HOURS, next_at=monday)
    assert status_text(status, NOW) == "Outside working hours — next at Mon 09:45"


def test_times_are_shown_in_the_local_zone_of_now() -> None:
    next_at = datetime(2026, 3, 4, 13, 30, tzinfo=UTC)  # 14:30 at +01:00
    assert status_text(TrayStatus(IconState.COUNTING, next_at=next_at), NOW).startswith(
        "Next stretch at 14:30"
    )


def test_due_says_so() -> None:
    assert status_text(TrayStatus(IconState.DUE), NOW) == "A stretch is due now"


def test_the_text_changes_exactly_when_the_minute_count_does() -> None:
    status = TrayStatus(IconState.COUNTING, next_at=NOW + timedelta(minutes=23, seconds=10))
    assert seconds_until_text_changes(status, NOW) == pytest.approx(10)
    assert seconds_until_text_changes(TrayStatus(IconState.PAUSED), NOW) is None


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="next_at"):
        TrayStatus(IconState.COUNTING, next_at=datetime(2026, 3, 4, 14, 30))  # noqa: DTZ001


def test_every_menu_entry_has_a_keyboard_mnemonic(tray: Tray) -> None:
    labels = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert labels == [
        "&Stretch now",
        "&Pause",
        "&Resume",
        "S&kip the next one",
        "This &week…",
        "Se&ttings…",
        "Safety &note",
        "&About",
        "&Quit",
    ]
    visible = [a.text() for a in tray.menu.actions() if a.isVisible() and not a.isSeparator()]
    keys = [label[label.index("&") + 1].lower() for label in visible]
    assert len(keys) == len(set(keys)), f"two visible entries share a mnemonic: {visible}"
    pause_keys = [a.text()[a.text().index("&") + 1] for a in tray.actions.pause_menu.actions()]
    assert len(pause_keys) == len(set(pause_keys))


def test_menu_actions_say_what_was_chosen(qtbot: QtBot, tray: Tray) -> None:
    actions = tray.actions
    for action, signal in (
        (actions.stretch_now, tray.stretch_requested),
        (actions.resume, tray.resume_requested),
        (actions.skip_next, tray.skip_next_requested),
        (actions.review, tray.review_requested),
        (actions.settings, tray.settings_requested),
        (actions.safety, tray.safety_requested),
        (actions.about, tray.about_requested),
        (actions.quit, tray.quit_requested),
    ):
        with qtbot.waitSignal(signal, timeout=500):
            action.trigger()


def test_the_pause_submenu_offers_the_documented_choices(qtbot: QtBot, tray: Tray) -> None:
    chosen = []
    for action, _ in tray.actions.pause_choices:
        with qtbot.waitSignal(tray.pause_requested, timeout=500) as blocker:
            action.trigger()
        chosen.append(blocker.args[0] if blocker.args else None)
    assert chosen == [
        PauseFor(timedelta(minutes=30)),
        PauseFor(timedelta(hours=1)),
        PauseFor(timedelta(hours=2)),
        PauseUntil.TOMORROW,
        PauseUntil.RESUMED,
    ]


def test_while_paused_the_menu_offers_resume_instead_of_pause(tray: Tray) -> None:
    assert tray.actions.pause_menu.menuAction().isVisible()
    assert not tray.actions.resume.isVisible()
    tray.set_status(TrayStatus(IconState.PAUSED, paused_until=NOW + timedelta(hours=1)))
    assert not tray.actions.pause_menu.menuAction().isVisible()
    assert tray.actions.resume.isVisible()
    assert not tray.actions.skip_next.isEnabled()
    assert tray.text == "Paused until 15:07"
    tray.set_status(TrayStatus(IconState.COUNTING, next_at=NOW + timedelta(minutes=45)))
    assert tray.actions.pause_menu.menuAction().isVisible()
    assert not tray.actions.resume.isVisible()


def test_nothing_ticks_while_nobody_can_see_the_text(tray: Tray, refresh_timer: QTimer) -> None:
    # Offscreen has no tray; with no status window either, no timer may run.
    tray.set_status(TrayStatus(IconState.COUNTING, next_at=NOW + timedelta(minutes=23)))
    assert not tray.is_docked
    assert not refresh_timer.isActive()


def test_the_status_line_follows_the_clock_once_a_minute(
    qtbot: QtBot, tray: Tray, clock: FakeClock, refresh_timer: QTimer
) -> None:
    tray.set_text_watched(True)
    tray.set_status(TrayStatus(IconState.COUNTING, next_at=NOW + timedelta(minutes=23)))
    assert tray.text == "Next stretch at 14:30 (in 23 min)"
    assert refresh_timer.isActive()
    assert refresh_timer.interval() >= 60_000  # not a per-second tick
    clock.advance(60)
    with qtbot.waitSignal(tray.text_changed, timeout=500) as blocker:
        refresh_timer.timeout.emit()
    assert blocker.args == ["Next stretch at 14:30 (in 22 min)"]
    tray.set_text_watched(False)
    assert not refresh_timer.isActive()


def test_show_message_without_a_tray_reports_that_it_could_not(tray: Tray) -> None:
    assert not tray.show_message("title", "text")


@pytest.mark.parametrize("state", list(IconState))
def test_every_state_icon_renders_at_every_size(qtbot: QtBot, state: IconState) -> None:
    icon = TrayIcons().icon(state)
    assert not icon.isNull()
    for size in ICON_SIZES:
        pixmap = icon.pixmap(size, size)
        assert pixmap.width() == size
        image = pixmap.toImage()
        center = QColor(image.pixelColor(size // 2, size // 2))
        corner = QColor(image.pixelColor(0, 0))
        assert corner.alpha() == 0, "the icon has rounded, transparent corners"
        assert center.alpha() == 255


def test_states_are_told_apart_by_colour_at_16_px(qtbot: QtBot) -> None:
    def background(state: IconState) -> QColor:
        image = render_svg(icon_file(state), 16)
        return QColor(image.pixelColor(3, 13))  # inside the badge, away from the glyphs

    colours = {state: background(state).name() for state in IconState}
    assert len(set(colours.values())) == len(IconState), colours
    hues = {state: background(state).hsvHue() for state in IconState}
    # Due is the one warm colour: it asks for something.
    assert 15 <= hues[IconState.DUE] <= 45
    assert background(IconState.PAUSED).hsvSaturation() < 60


def test_a_held_prompt_says_why_in_words() -> None:
    call = TrayStatus(IconState.COUNTING, NOW - timedelta(minutes=3), held=(HoldReason.CALL,))
    assert status_text(call, NOW) == "Held: you are on a call"
    assert seconds_until_text_changes(call, NOW) is None  # no minute count to refresh
    quiet = TrayStatus(
        IconState.COUNTING, NOW + timedelta(minutes=30), held=(HoldReason.QUIET_TIME,)
    )
    assert status_text(quiet, NOW) == "Held: it is a quiet time until 14:37"
    both = (HoldReason.DO_NOT_DISTURB, HoldReason.TYPING)
    assert status_text(TrayStatus(IconState.COUNTING, NOW, held=both), NOW) == (
        "Held: do not disturb is on and you are typing"
    )
