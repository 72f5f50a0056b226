"""The readable `posture-break stats` report, and the words it shares with the review window."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date

from posture_break.core.i18n import _, ngettext
from posture_break.core.stats import DayStat, StatsReport, WeekReport

# Full, empty, met, day off, frozen: a terminal that cannot print the fancy ones gets plain ones.
FANCY_GLYPHS = ("█", "░", "✓", "·", "❄")
PLAIN_GLYPHS = ("#", "-", "*", ".", "~")
SNOWFLAKE = FANCY_GLYPHS[4]


def freezes_phrase(banked: int) -> str:
    """Return e.g. "1 freeze in hand", "no freezes in hand"."""
    if banked == 0:
        # Translators: a streak freeze covers a missed work day; none are saved up
        return _("no freezes in hand")
    return ngettext("{count} freeze in hand", "{count} freezes in hand", banked).format(
        count=banked
    )


def week_sentence(week: WeekReport) -> str:
    """Return the line under a week in the review: goal days met, done, skipped, snoozed, rests."""
    counted = [day for day in week.days if not day.is_future]
    work_days = [day for day in counted if day.is_work_day]
    skipped = sum(day.skipped for day in counted)
    snoozed = sum(day.snoozed for day in counted)
    goal = ngettext(
        "Goal met on {met} of {count} day", "Goal met on {met} of {count} days", len(counted)
    ).format(met=week.goal_days_met, count=len(counted))
    if len(work_days) != len(counted):
        work = ngettext("{count} work day", "{count} work days", len(work_days)).format(
            count=len(work_days)
        )
        # Translators: {goal} is e.g. "Goal met on 3 of 7 days", {work} "5 work days"
        goal = _("{goal} ({work})").format(goal=goal, work=work)
    parts = [
        goal,
        ngettext("{count} stretch done", "{count} stretches done", week.completed).format(
            count=week.completed
        ),
        ngettext("{count} skipped", "{count} skipped", skipped).format(count=skipped),
        ngettext("{count} snoozed", "{count} snoozed", snoozed).format(count=snoozed),
    ]
    rested = sum(day.rest for day in counted)
    frozen = sum(day.frozen for day in counted)
    if rested:
        parts.append(ngettext("{count} rest day", "{count} rest days", rested).format(count=rested))
    if frozen:
        # Translators: days covered by a streak freeze
        parts.append(ngettext("{count} frozen", "{count} frozen", frozen).format(count=frozen))
    return " · ".join(parts)


class _Asked(enum.Enum):
    """The day a report is asked about: today, or an earlier day (`stats --as-of`)."""

    TODAY = enum.auto()
    AS_OF = enum.auto()


def _day_remark(day: DayStat, asked: _Asked | None) -> str:
    """Return the note after a day of `stats`, e.g. "(rest day, today)", or "".

    Whole phrases, not words joined in code: each language punctuates a note its own way.
    """
    if day.goal_met or day.is_future:
        rest = frozen = False
    else:
        rest, frozen = day.rest, not day.rest and day.frozen
    if asked is _Asked.TODAY:
        if rest:
            # Translators: after a day of `stats`: a day marked off (holiday, sick day), today
            return _("(rest day, today)")
        if frozen:
            # Translators: after a day of `stats`: a missed day covered by a streak freeze, today
            return _("(frozen, today)")
        # Translators: after a day of `stats`: the report is for today
        return _("(today)")
    if asked is _Asked.AS_OF:
        if rest:
            # Translators: after a day of `stats --as-of`: a rest day, the day the report is for
            return _("(rest day, as of)")
        if frozen:
            # Translators: after a day of `stats --as-of`: a frozen day, the day the report is for
            return _("(frozen, as of)")
        # Translators: after a day of `stats --as-of`: the (past) day the report is for
        return _("(as of)")
    if rest:
        # Translators: after a day of `stats`: a day marked off (holiday, sick day)
        return _("(rest day)")
    if frozen:
        # Translators: after a day of `stats`: a missed day covered by a streak freeze
        return _("(frozen)")
    return ""


def _english_day(day: date) -> str:
    return f"{day:%a %d %b}"


def _english_week(day: date) -> str:
    return f"{day:%a %d %b %Y}"


def stats_text(
    report: StatsReport,
    *,
    fancy: bool,
    freezes: bool = True,
    today: date | None = None,
    day_label: Callable[[date], str] = _english_day,
    week_label: Callable[[date], str] = _english_week,
) -> str:
    """Return the plain-text `stats` report.

    `day_label` and `week_label` write a day in the list and the week's first day; the command
    line passes the user's locale's (Babel), core itself knows only English.

    `fancy` draws bars and marks with block characters and a snowflake; `freezes` says whether
    `goal.freezes` is on, so the bank is worth mentioning. The day asked about is marked
    "today" only when it is `today` (default: it is), else "as of". A last line says what the
    marks mean.
    """
    full, empty, tick, none, snow = FANCY_GLYPHS if fancy else PLAIN_GLYPHS
    goal = report.daily_goal
    streak = ngettext(
        "Streak: {count} day (best: {best})",
        "Streak: {count} days (best: {best})",
        report.current_streak,
    ).format(count=report.current_streak, best=report.best_streak)
    if freezes:
        # Translators: {streak} is e.g. "Streak: 4 days (best: 9)", {freezes} "1 freeze in hand"
        streak = _("{streak}, {freezes}").format(
            streak=streak, freezes=freezes_phrase(report.freezes_banked)
        )
    week_line = ngettext(
        "Week of {day} (goal: {count} a day)", "Week of {day} (goal: {count} a day)", goal
    ).format(day=week_label(report.week.start), count=goal)
    lines = [streak, week_line]
    width = min(goal, 10)
    labels = [day_label(day.day) for day in report.week.days]
    label_width = max(len(label) for label in labels)
    for day, day_text in zip(report.week.days, labels, strict=True):
        label = f"  {day_text:<{label_width}}"
        if day.is_future:
            lines.append(label.rstrip())
            continue
        filled = round(min(day.completed, goal) / goal * width)
        bar = full * filled + empty * (width - filled)
        if day.goal_met:
            mark = tick
        elif day.frozen:
            mark = snow
        else:
            mark = " " if day.is_work_day and not day.rest else none
        asked = None
        if day.day == report.as_of:
            asked = _Asked.TODAY if today is None or day.day == today else _Asked.AS_OF
        remark = _day_remark(day, asked)
        shown = f"  {remark}" if remark else ""
        lines.append(f"{label}  {bar} {day.completed:>3} {mark}{shown}".rstrip())
    week = report.week
    this_week = ngettext(
        "This week: {done} completed, goal met on {count} day.",
        "This week: {done} completed, goal met on {count} days.",
        week.goal_days_met,
    ).format(done=week.completed, count=week.goal_days_met)
    all_time = ngettext(
        "All time: {count} completed.", "All time: {count} completed.", report.total_completed
    ).format(count=report.total_completed)
    # Translators: two sentences on one line of `stats`; {this_week} is e.g. "This week: 5
    # completed, goal met on 1 day.", {all_time} "All time: 40 completed."
    lines.append(_("{this_week} {all_time}").format(this_week=this_week, all_time=all_time))
    # Translators: the legend under `stats`; {tick} and {none} are the marks it explains
    legend = _("{tick} goal met   {none} day off (not a work day, or a rest day)").format(
        tick=tick, none=none
    )
    if freezes:
        legend += "   " + _("{snow} frozen").format(snow=snow)
    lines.append(legend)
    return "\n".join(lines)
