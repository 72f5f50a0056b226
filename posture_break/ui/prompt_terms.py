"""What every break prompt shares, the panel and the notification alike: its headings and patience.

Kept apart from the panel's window (`ui/prompt.py`) so that the tray app at rest, which only
needs to know these, does not load the panel's code until a break is due.
"""

from __future__ import annotations

from posture_break.core.i18n import N_

#: An unanswered prompt tucks itself away after this long (see docs/tray.md).
IGNORE_AFTER_S = 120.0

# The headings are passed around in English (a prompt is told apart by its heading) and
# translated where they are shown.
# Translators: the heading of the break prompt; a "posture snack" is a short stretch.
PROMPT_HEADING = N_("Time for a posture snack")
# Translators: the heading of the prompt offered right after a call of 20 minutes or more.
LONG_CALL_HEADING = N_("Long call — stretch?")
