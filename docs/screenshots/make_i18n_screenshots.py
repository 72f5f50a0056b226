"""Render the stretch window and the review in German and Chinese into this folder.

Run from the repository root (no display needed)::

    uv run python docs/screenshots/make_i18n_screenshots.py

Writes ``i18n-<de|zh>-stretch.png`` and ``i18n-<de|zh>-review.png``: the same moments as
`make_screenshots.py` (a per-side stretch just after "Switch sides") and
`make_review_screenshots.py` (ten realistic weeks), light palette. The text comes from the
compiled catalogue in ``resources/locale``; when a language has none yet, its ``po/<lang>.po``
is compiled with ``msgfmt`` into a temporary folder for the picture only. Days and months follow
the default QLocale and Qt's own words its ``qtbase_<lang>.qm``, as in the app. Chinese needs a
CJK font (Debian: fonts-wqy-microhei); the script stops when fontconfig has none.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QLibraryInfo, QLocale, QRect, QTranslator  # noqa: E402
from PySide6.QtGui import QFontDatabase, QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea, QStyleFactory, QWidget  # noqa: E402

from docs.screenshots.make_review_screenshots import NOW as REVIEW_NOW  # noqa: E402
from docs.screenshots.make_review_screenshots import sample_history  # noqa: E402
from docs.screenshots.make_screenshots import _stretch_window, palette  # noqa: E402
from posture_break.core.catalogue import load_catalogue, titles_by_id  # noqa: E402
from posture_break.core.clock import FakeClock  # noqa: E402
from posture_break.core.i18n import DOMAIN, use_languages  # noqa: E402
from posture_break.core.settings import Settings  # noqa: E402
from posture_break.ui.review import ReviewWindow  # noqa: E402
from posture_break.ui.stretch_window import WINDOW_SIZE  # noqa: E402
from posture_break.ui.window_fit import tall_enough  # noqa: E402

OUT = Path(__file__).resolve().parent
LOCALE_DIR = REPO / "resources" / "locale"
#: (gettext name, short name in the file names)
LANGUAGES = (("de", "de"), ("zh_CN", "zh"))
LARGE_SCREEN = QRect(0, 0, 1920, 1080)


def catalogue_dir(language: str, scratch: Path) -> Path:
    """Return a folder with `language`'s compiled catalogue (compiled into `scratch` if need be)."""
    if (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
        return LOCALE_DIR
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise SystemExit(f"{language}: no compiled catalogue and no msgfmt (apt install gettext)")
    target = scratch / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    target.parent.mkdir(parents=True)
    subprocess.run(
        [msgfmt, "--check", "-o", str(target), str(REPO / "po" / f"{language}.po")], check=True
    )
    return scratch


def grab(widget: QWidget, name: str) -> None:
    """Let `widget` lay out, save it as `name` and close it."""
    for _ in range(3):  # a new text asks for a new layout; a scroll area follows it
        QGuiApplication.processEvents()
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path.relative_to(REPO))
    widget.close()


def main() -> int:
    """Write i18n-de/zh-stretch/review.png next to this script."""
    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(palette(False))
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if not chinese:
        raise SystemExit("no font for Chinese: apt install fonts-wqy-microhei")
    with tempfile.TemporaryDirectory() as scratch:
        for language, short in LANGUAGES:
            use_languages([language], str(catalogue_dir(language, Path(scratch))))
            QLocale.setDefault(QLocale(language))
            qt_texts = QTranslator()
            qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_texts.load(f"qtbase_{language}", qt_folder):
                app.installTranslator(qt_texts)
            stretch = _stretch_window("seated-twist-eyes-first", 31.0)
            # The offscreen screen is 800x600: sized as on a larger screen, the whole page shows.
            page = stretch.findChild(QScrollArea)
            assert page is not None
            stretch.resize(tall_enough(WINDOW_SIZE, page))
            grab(stretch, f"i18n-{short}-stretch.png")
            history = sample_history()
            review = ReviewWindow(
                history, Settings(), FakeClock(REVIEW_NOW), titles=titles_by_id(load_catalogue())
            )
            review.fit_to(LARGE_SCREEN)
            review.show()
            grab(review, f"i18n-{short}-review.png")
            history.close()
            app.removeTranslator(qt_texts)
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
