"""What the app tells the user once: start-up notices, settings warnings, the safety note.

Plain helpers for `ui/app.py` and the lone windows of `ui/composition.py`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMargins, QPoint, QSize, Qt
from PySide6.QtWidgets import QMessageBox

from posture_break import __version__
from posture_break.core.i18n import _
from posture_break.core.paths import AppPaths
from posture_break.core.settings import Settings
from posture_break.ui.plain_text import keep_plain
from posture_break.ui.window_fit import available_geometry, placed

_SAFETY_MARKER = "safety-note-shown"


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should read once at start (a settings warning, a database problem)."""

    title: str
    text: str


def report_settings_warnings(warnings: Sequence[str]) -> None:
    """Say what was wrong with the settings file on stderr, as the command line does."""
    for warning in warnings:
        # Translators: a line on the terminal; {warning} says what was wrong in the settings.
        line = _("posture-break: warning: {warning}").format(warning=" ".join(warning.split()))
        print(line, file=sys.stderr)


def settings_notice(path: Path, warnings: Sequence[str]) -> Notice | None:
    """Return the notice about a settings file with problems (None: no problem).

    The file is named once, in the first line; each warning follows without it.
    """
    if not warnings:
        return None
    prefix = f"{path}: "
    lines = [warning.removeprefix(prefix) for warning in warnings]
    # Translators: the first line of the notice that lists the settings that were not used.
    heading = _("In {path}:").format(path=path)
    listed = "\n".join(f"• {line}" for line in lines)
    advice = _(
        "The defaults are used for these; the file was left as it is. "
        "Settings… in the tray menu shows them."
    )
    return Notice(_("Some settings were not used"), f"{heading}\n{listed}\n\n{advice}")


def first_run(paths: AppPaths, settings: Settings) -> Settings | None:
    """On the first run in this home, show the safety note, then ask where the user stretches.

    Every way to a first stretch goes through here: the tray app at start and before any
    stretch, and `posture-break stretch` opening a window alone. Returns the settings with the
    user's answer (already saved), or None: not the first run, or no answer.
    """
    marker = paths.data_dir / _SAFETY_MARKER
    if marker.exists():
        return None
    # The dialogs' code loads only on a first run (docs/performance.md).
    from posture_break.ui.safety_dialog import SafetyDialog
    from posture_break.ui.where_dialog import ask_where_you_stretch

    # Marked as read only when confirmed: after a SIGTERM under it, it shows again next time.
    if not SafetyDialog.show_note(None):
        return None
    answered = ask_where_you_stretch(settings, paths.config_file)
    try:
        paths.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        marker.touch(mode=0o600)
    except OSError:
        pass  # we simply show the note again next time
    return answered


def about_box() -> QMessageBox:
    """Return the About box (not modal)."""
    about = _(
        "Short mid-back posture snacks during working hours, with an honest local streak.\n"
        "Your history stays on this computer; nothing is sent anywhere.\n\n"
        "Stop any stretch that causes sharp pain. Licence: GPL-3.0-or-later."
    )
    box = QMessageBox(
        QMessageBox.Icon.NoIcon,
        # Translators: the title of the About box.
        _("About"),
        f"posture-break {__version__}\n\n{about}",
    )
    keep_plain(box)
    return box


def notice_box(title: str, text: str) -> QMessageBox:
    """Return a notice window for a desktop without a tray, in the top-right corner.

    Out of the middle, where the window it is about (Settings, with its own banner) opens.
    """
    box = QMessageBox(QMessageBox.Icon.Information, title, text)
    keep_plain(box)  # notices quote settings keys and file names: never markup
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.adjustSize()
    area = available_geometry()
    size = box.sizeHint().boundedTo(area.size()).expandedTo(QSize(1, 1))
    corner = area.topRight() + QPoint(-size.width() // 2 - 16, size.height() // 2 + 16)
    box.move(placed(size, area, QMargins(), corner))
    return box
