"""Render the week review and the settings dialog, light and dark, into this folder.

Run from the repository root (no display needed)::

    uv run python docs/screenshots/make_review_screenshots.py

The review shows a realistic ten-week history (the same generator as `benchmarks/review_open.py`)
as seen on Thursday 26 November 2026 at 15:00, with a few rest days (two sick days last week, one
this Wednesday, a day off planned on Friday) and a short Tuesday that a freeze covers. The
offscreen platform has no desktop theme, so the light and dark palettes a desktop would give are
set here explicitly; the windows draw with whatever palette they get.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget  # noqa: E402

from benchmarks.review_open import ZONE, realistic_records  # noqa: E402
from docs.screenshots.make_screenshots import palette  # noqa: E402
from posture_break.core.clock import FakeClock  # noqa: E402
from posture_break.core.history import BreakHistory  # noqa: E402
from posture_break.core.settings import Settings  # noqa: E402
from posture_break.core.settings_file import load_settings  # noqa: E402
from posture_break.platform.autostart import XdgAutostart  # noqa: E402
from posture_break.ui.review import ReviewWindow  # noqa: E402
from posture_break.ui.settings_dialog import SettingsDialog  # noqa: E402

OUT = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=ZONE)
WEEKS = 10
SHORT_DAY = date(2026, 11, 24)
SICK_DAY = date(2026, 11, 25)
REST_DAYS = (date(2026, 11, 16), date(2026, 11, 19), SICK_DAY, date(2026, 11, 27))


def sample_history() -> BreakHistory:
    """Return an in-memory history of ten realistic weeks up to `NOW`."""
    records = [
        record
        for record in realistic_records(NOW.date(), WEEKS * 7 - 3, seed=11)
        if record.started_at <= NOW and record.local_date != SICK_DAY
    ]
    # Tuesday this week: only one stretch done, so a freeze earned earlier keeps the streak.
    done_on_tuesday = [
        r for r in records if r.local_date == SHORT_DAY and r.outcome.value == "completed"
    ]
    records = [r for r in records if r not in done_on_tuesday[1:]]
    history = BreakHistory(sqlite3.connect(":memory:"))
    history.record_many(records)
    history.add_rest_days(REST_DAYS)
    return history


def grab(widget: QWidget, name: str) -> None:
    """Show `widget`, let it lay out, and save it as `name`."""
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)
    widget.close()


def main() -> int:
    """Write review-light/dark.png and settings-light/dark/warning.png next to this script."""
    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    history = sample_history()
    starter = XdgAutostart(config_home=Path("/home/you/.config"))
    with tempfile.TemporaryDirectory() as tmp:
        bad = Path(tmp) / "settings.toml"
        bad.write_text(
            '[schedule]\ninterval_minutes = 2\nwork_start = "22:00"\nwork_end = "06:00"\n'
            '[goal]\ndaily = "four"\n',
            encoding="utf-8",
        )
        loaded = load_settings(bad)
        warnings = tuple(
            w.replace(str(bad), "~/.config/posture-break/settings.toml") for w in loaded.warnings
        )
        for suffix, dark in (("light", False), ("dark", True)):
            app.setPalette(palette(dark))
            review = ReviewWindow(history, Settings(), FakeClock(NOW))
            grab(review, f"review-{suffix}.png")
            dialog = SettingsDialog(Settings(), (), Path(tmp) / "unused.toml", starter=starter)
            grab(dialog, f"settings-{suffix}.png")
        app.setPalette(palette(False))
        dialog = SettingsDialog(loaded.settings, warnings, bad, starter=starter)
        grab(dialog, "settings-warning.png")
    history.close()
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
