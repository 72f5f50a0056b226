"""The first-run question: where will you stretch? The answer sets the stretch filters.

Without an answer (the dialog closed) the defaults stay: desk only, nothing brought along, so
a prompt never asks someone at work to lie on the floor or fetch a towel.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from posture_break.core.i18n import _
from posture_break.core.settings import Settings, StretchFilterSettings
from posture_break.core.settings_file import save_settings
from posture_break.ui.stretch_style import add_dialog_buttons, button, label, style_sheet
from posture_break.ui.theme import current_theme

_log = logging.getLogger(__name__)


class WhereDialog(QDialog):
    """Ask where the user will stretch, what they have to hand, and about bone density."""

    def __init__(self, filters: StretchFilterSettings, parent: QWidget | None = None) -> None:
        """Build the dialog with `filters` as the answers already chosen."""
        super().__init__(parent)
        self.setObjectName("StretchWindow")  # the stretch window's look
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle(_("Where will you stretch?"))
        self.setStyleSheet(style_sheet(current_theme()))
        self.setMinimumWidth(400)
        self._filters = filters
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(label(_("Where will you stretch?"), "title", wrap=True))
        layout.addWidget(
            label(
                _(
                    "posture-break offers only the stretches that fit. "
                    "You can change this any time in the settings."
                ),
                "summary",
                wrap=True,
            )
        )
        layout.addSpacing(6)
        self.desk_only = QRadioButton(_("At my desk only (seated or standing)"))
        self.floor_too = QRadioButton(_("At my desk, and on the floor too"))
        group = QButtonGroup(self)
        group.addButton(self.desk_only)
        group.addButton(self.floor_too)
        self.desk_only.setChecked(filters.desk_only or not filters.allow_floor)
        self.floor_too.setChecked(not self.desk_only.isChecked())
        self.kit = QCheckBox(_("I have a towel or an exercise band to hand"))
        self.kit.setChecked(filters.allow_equipment)
        self.bones = QCheckBox(_("I have osteoporosis or low bone density"))
        self.bones.setChecked(filters.bone_friendly_only)
        self.bones.setAccessibleDescription(
            _("Offer only bone-friendly moves: no rounding or twisting the back under load")
        )
        for widget in (self.desk_only, self.floor_too, self.kit, self.bones):
            layout.addWidget(widget)
        layout.addWidget(
            label(
                _(
                    "With low bone density, moves that round or twist the back under load are "
                    "left out; gentle twists, extensions, side bends and breathing stay."
                ),
                "hint",
                wrap=True,
            )
        )
        self.later_button = button(_("Ask me later"), "link", _("Keep desk-only stretches for now"))
        self.save_button = button(_("Save"), "primary", _("Use these answers"))
        add_dialog_buttons(
            layout,
            self.later_button,
            QDialogButtonBox.ButtonRole.RejectRole,
            self.save_button,
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.later_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.accept)

    def filters(self) -> StretchFilterSettings:
        """Return the stretch filters these answers mean (the level is left as it was)."""
        floor = self.floor_too.isChecked()
        return replace(
            self._filters,
            desk_only=not floor,
            allow_floor=floor or self._filters.allow_floor,  # moot while desk only
            allow_equipment=self.kit.isChecked(),
            bone_friendly_only=self.bones.isChecked(),
        )


def ask_where_you_stretch(
    settings: Settings, config_file: Path, parent: QWidget | None = None
) -> Settings | None:
    """Ask, save the answer to `config_file` and return the new settings; None: no answer."""
    dialog = WhereDialog(settings.stretches, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = replace(settings, stretches=dialog.filters())
    try:
        save_settings(config_file, chosen)
    except OSError:
        # Still used for this session; the question comes again next start.
        _log.exception("could not save the stretch filters")
    return chosen
