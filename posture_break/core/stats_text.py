"""The readable `posture-break stats` report, and the words it shares with the review window."""

from __future__ import annotations

from datetime import date

from posture_break.core.stats import DayStat, StatsReport, WeekReport
from posture_break.core.text import plural

# Full, empty, met, day off, frozen: a terminal that cannot print the fancy ones gets plain ones.
FANCY_GLYPHS = ("█", "░", "✓", "·", "❄")
PLAIN_GLYPHS = ("#", "-", "*", ".", "~")
SNOWFLAKE = FANCY_GLYPHS[4]


def freezes_phrase(banked: int) -> str:
    """Return e.g. "1 freeze in hand", "no freezes in hand"."""
    if banked == 0:
        return "no freezes in hand"
    return f"{plural(banked, 'freeze')} in hand"


def day_note(day: DayStat) -> str:
    """Return why a day neither added nor broke the streak ("rest day", "frozen"), or ""."""
    if day.goal_met or day.is_future:
        return ""
    if day.rest:
        return "rest day"
    if day.frozen:
        return "frozen"
    return ""


def week_sentence(week: WeekReport) -> str:
    """Return the line under a week in the review: goal days met, done, skipped, snoozed, rests."""
    counted = [day for day in week.days if not day.is_future]
    work_days = [day for day in counted if day.is_work_day]
    skipped = sum(day.skipped for day in counted)
    snoozed = sum(day.snoozed for day in counted)
    parts = [
        f"Goal met on {week.goal_days_met} of {len(counted)} "
        f"{plural(len(counted), 'day', with_count=False)}"
        + (f" ({len(work_days)} work days)" if len(work_days) != len(counted) else ""),
        f"{plural(week.completed, 'stretch')} done",
        f"{skipped} skipped",
        f"{snoozed} snoozed",
    ]
    rested = sum(day.rest for day in counted)
    frozen = sum(day.frozen for day in counted)
    if rested:
        parts.append(plural(rested, "rest day"))
    if frozen:
        parts.append(f"{frozen} frozen")
    return " · ".join(parts)


def stats_text(
    report: StatsReport, *, fancy: bool, freezes: bool = True, today: date | None = None
) -> str:
    """Return the plain-text `stats` report.

    `fancy` draws bars and marks with block characters and a snowflake; `freezes` says whether
    `goal.freezes` is on, so the bank is worth mentioning. The day asked about is marked
    "today" only when it is `today` (default: it is), else "as of". A last line says what the
    marks mean.
    """
    full, empty, tick, none, snow = FANCY_GLYPHS if fancy else PLAIN_GLYPHS
    goal = report.daily_goal
    streak = f"Streak: {plural(report.current_streak, 'day')} (best: {report.best_streak})"
    if freezes:
        streak += f", {freezes_phrase(report.freezes_banked)}"
    lines = [streak, f"Week of {report.week.start:%a %d %b %Y} (goal: {goal} a day)"]
    width = min(goal, 10)
    for day in report.week.days:
        label = f"  {day.day:%a %d %b}"
        if day.is_future:
            lines.append(label)
            continue
        filled = round(min(day.completed, goal) / goal * width)
        bar = full * filled + empty * (width - filled)
        if day.goal_met:
            mark = tick
        elif day.frozen:
            mark = snow
        else:
            mark = " " if day.is_work_day and not day.rest else none
        asked = ""
        if day.day == report.as_of:
            asked = "today" if today is None or day.day == today else "as of"
        notes = [note for note in (day_note(day), asked) if note]
        shown = f"  ({', '.join(notes)})" if notes else ""
        lines.append(f"{label}  {bar} {day.completed:>3} {mark}{shown}".rstrip())
    week = report.week
    lines.append(
        f"This week: {week.completed} completed, goal met on {plural(week.goal_days_met, 'day')}. "
        f"All time: {report.total_completed} completed."
    )
    legend = f"{tick} goal met   {none} day off (not a work day, or a rest day)"
    if freezes:
        legend += f"   {snow} frozen"
    lines.append(legend)
    return "\n".join(lines)
