"""How the week review is laid out, top to bottom.

The header (titles and the week buttons), the four cards, the week against the goal, then the
12 weeks beside the favourites and check-ins, and the footer (status, Rest days…, Export, Close).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

if TYPE_CHECKING:
    from posture_break.ui.review import ReviewWindow


def lay_out_review(window: ReviewWindow) -> None:
    """Put the review's widgets (made by `ReviewWindow`) into the window's layout."""
    header = QHBoxLayout()
    titles = QVBoxLayout()
    titles.setSpacing(0)
    titles.addWidget(window.title)
    titles.addWidget(window.subtitle)
    header.addLayout(titles, 1)
    for button in (window.previous_button, window.this_week_button, window.next_button):
        header.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

    cards = QHBoxLayout()
    cards.setSpacing(10)
    for card in (window.current_card, window.best_card, window.week_card, window.total_card):
        cards.addWidget(card)

    side = QVBoxLayout()
    side.setSpacing(2)
    side.addWidget(window.favourites_heading)
    for label in window.favourite_labels:
        side.addWidget(label)
    side.addWidget(window.no_favourites)
    side.addSpacing(12)
    side.addWidget(window.checkin_heading)
    side.addWidget(window.sparkline)
    side.addWidget(window.latest_checkin)
    side.addStretch(1)
    weeks = QVBoxLayout()
    weeks.setSpacing(4)
    weeks.addWidget(window.heatmap_heading)
    weeks.addWidget(window.heatmap)
    weeks.addStretch(1)
    lower = QHBoxLayout()
    lower.setSpacing(28)
    lower.addLayout(weeks, 0)
    lower.addLayout(side, 1)

    footer = QHBoxLayout()
    footer.addWidget(window.status, 1)
    footer.addWidget(window.rest_button)
    footer.addWidget(window.export_button)
    footer.addWidget(window.close_button)

    layout = QVBoxLayout(window)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.setSpacing(8)
    layout.addLayout(header)
    layout.addSpacing(4)
    layout.addLayout(cards)
    layout.addSpacing(8)
    layout.addWidget(window.week_heading)
    layout.addWidget(window.week_summary)
    layout.addWidget(window.bars, 1)
    layout.addSpacing(10)
    layout.addLayout(lower)
    layout.addLayout(footer)
