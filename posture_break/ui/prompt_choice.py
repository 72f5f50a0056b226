"""Which prompt offers a due break: the panel by the tray, or an actionable notification.

`choose_prompt_style` decides from `[prompt] style`, the session (Wayland or X11) and the
notification server; this makes the prompt it chose. Both kinds emit the same four answers
(started, snoozed, skipped, ignored) with the same meanings, so the app records them alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QPoint

from posture_break.core.clock import Clock
from posture_break.core.settings import Settings
from posture_break.ui.notification_prompt import (
    NotificationPrompt,
    PromptStyle,
    choose_prompt_style,
)
from posture_break.ui.prompt_terms import PROMPT_HEADING

if TYPE_CHECKING:
    # The panel's code loads with the first panel (`panel`), not with the tray app at rest.
    from posture_break.ui.prompt import BreakPrompt

NotificationOpener = Callable[[str, int, int, str], NotificationPrompt | None]
"""Opens a notification prompt (title, seconds, snooze minutes, heading); `None` without actions."""

Prompt: TypeAlias = "BreakPrompt | NotificationPrompt"

# Whether the server offers actions is for `NotificationPrompt.open` to find out, on the bus.
_ACTIONS = frozenset({"actions"})


class PromptMaker:
    """Make the prompt for one due break, as the current settings and the session say."""

    def __init__(
        self,
        clock: Clock,
        *,
        open_notification: NotificationOpener | None = None,
        is_wayland: bool = False,
    ) -> None:
        """Without `open_notification` every prompt is the panel (X11 before this, and tests)."""
        self._clock = clock
        self._open_notification = open_notification
        self._is_wayland = is_wayland

    def make(
        self, settings: Settings, title: str, seconds: int, heading: str = PROMPT_HEADING
    ) -> Prompt:
        """Return the prompt to show: a notification where chosen and possible, else the panel."""
        snooze = settings.breaks.snooze_minutes
        if self._open_notification is not None:
            style = choose_prompt_style(
                settings.prompt.style, wayland=self._is_wayland, capabilities=_ACTIONS
            )
            if style is PromptStyle.NOTIFICATION:
                notification = self._open_notification(title, seconds, snooze, heading)
                if notification is not None:
                    return notification
        return self.panel(settings, title, seconds, heading)

    def panel(
        self, settings: Settings, title: str, seconds: int, heading: str = PROMPT_HEADING
    ) -> BreakPrompt:
        """Return the panel prompt."""
        from posture_break.ui.prompt import BreakPrompt

        snooze = settings.breaks.snooze_minutes
        return BreakPrompt(title, seconds, snooze, clock=self._clock, heading=heading)

    def show(
        self,
        settings: Settings,
        title: str,
        seconds: int,
        anchor: QPoint | None,
        *,
        heading: str = PROMPT_HEADING,
    ) -> Prompt:
        """Make the prompt and show it; a notification the server refuses becomes the panel.

        `anchor` is the tray icon's centre, where the panel goes (a notification ignores it).
        """
        prompt = self.make(settings, title, seconds, heading)
        prompt.show_near(anchor)
        if isinstance(prompt, NotificationPrompt) and prompt.notification_id is None:
            # Refused while showing (it said `unavailable`, synchronously): offer the panel.
            prompt.deleteLater()
            prompt = self.panel(settings, title, seconds, heading)
            prompt.show_near(anchor)
        return prompt
