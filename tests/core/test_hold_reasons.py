"""Hold reasons: the names `status --json` prints and the words the tray shows."""

from __future__ import annotations

from posture_break.core.hold import HoldReason, held_because, hold_summary


def test_json_names_are_the_documented_ones() -> None:
    assert [reason.value for reason in HoldReason] == [
        "call",
        "full-screen",
        "do-not-disturb",
        "quiet-time",
        "typing",
        "away",
    ]


def test_reasons_come_in_a_fixed_order_without_repeats() -> None:
    given = [HoldReason.TYPING, HoldReason.CALL, HoldReason.TYPING]
    assert held_because(given) == (HoldReason.CALL, HoldReason.TYPING)


def test_the_tooltip_says_it_in_words() -> None:
    assert hold_summary([]) == ""
    assert hold_summary([HoldReason.CALL]) == "Held: you are on a call"
    assert (
        hold_summary([HoldReason.QUIET_TIME, HoldReason.CALL, HoldReason.AWAY])
        == "Held: you are on a call, it is a quiet time and you are away"
    )
