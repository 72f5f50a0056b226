"""Extract, update, compile and check the translations (issue 17; see docs/architecture.md).

    uv run python -m tools.i18n extract   # code + resources/*.toml + desktop files -> po/*.pot
    uv run python -m tools.i18n update    # merge the .pot into every po/<language>.po
    uv run python -m tools.i18n compile   # po/<language>.po -> resources/locale/.../*.mo
    uv run python -m tools.i18n check     # what CI checks (tests/core/test_translations.py)

The compiled `.mo` files are committed: a checkout (`uv sync`, editable), the wheel and the
PyInstaller bundle then all carry them without a build step, and a test keeps them equal to a
fresh compile. The Python code and the TOML catalogue are extracted by Babel (babel.cfg); the
desktop entry and AppStream metainfo by xgettext (its ITS rules know their translatable
fields), joined into one template with msgcat.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from posture_break import __version__
from posture_break.core.i18n import DOMAIN
from tools.i18n_checks import msgfmt_problems, po_problems

ROOT = Path(__file__).resolve().parent.parent
PO_DIR = ROOT / "po"
POT = PO_DIR / f"{DOMAIN}.pot"
LOCALE_DIR = ROOT / "resources" / "locale"
DESKTOP_DIR = ROOT / "packaging" / "linux"
DESKTOP_SOURCES = (
    DESKTOP_DIR / "org.posturebreak.PostureBreak.desktop",
    DESKTOP_DIR / "org.posturebreak.PostureBreak.metainfo.xml",
)


def po_files() -> list[Path]:
    """Return every translation in po/, sorted by language."""
    return sorted(PO_DIR.glob("*.po"))


def mo_path(po: Path, locale_dir: Path = LOCALE_DIR) -> Path:
    """Return where the compiled catalogue of `po` goes (``<lang>/LC_MESSAGES/<domain>.mo``)."""
    return locale_dir / po.stem / "LC_MESSAGES" / f"{DOMAIN}.mo"


def extract(pot: Path = POT) -> None:
    """Write the template `pot` from the code, the TOML resources and the desktop files."""
    with tempfile.TemporaryDirectory() as scratch:
        code_pot = Path(scratch) / "code.pot"
        desktop_pot = Path(scratch) / "desktop.pot"
        # Babel's own command line, run in this process so `tools.babel_toml` is importable.
        CommandLineInterface().run(  # type: ignore[no-untyped-call]  # Babel has no hints here
            [
                "pybabel",
                "--quiet",
                "extract",
                f"--mapping-file={ROOT / 'babel.cfg'}",
                f"--output-file={code_pot}",
                "--add-comments=Translators:",
                "--strip-comment-tags",
                "--sort-by-file",
                "--width=100",
                str(ROOT),  # babel.cfg's patterns are relative to it
            ]
        )
        _relative_references(code_pot)
        subprocess.run(
            [
                "xgettext",
                "--from-code=UTF-8",
                "--add-comments",
                "--omit-header",
                f"--output={desktop_pot}",
                *(str(path.relative_to(ROOT)) for path in DESKTOP_SOURCES),
            ],
            check=True,
            cwd=ROOT,
        )
        header = Path(scratch) / "header.pot"
        header.write_text(_HEADER.format(version=__version__, domain=DOMAIN), encoding="utf-8")
        pot.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                *("msgcat", "--use-first", "--width=100", f"--output-file={pot}"),
                *(str(header), str(code_pot), str(desktop_pot)),
            ],
            check=True,
        )


# A fixed header (no creation date) so extracting twice gives the same file.
_HEADER = """\
# Translations template for posture-break.
# This file is distributed under the same license as the posture-break package.
msgid ""
msgstr ""
"Project-Id-Version: {domain} {version}\\n"
"Report-Msgid-Bugs-To: https://github.com/posture-break/posture-break/issues\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""


def _relative_references(pot: Path) -> None:
    """Write the `#:` references relative to the checkout, as in the desktop part."""
    prefix = f"{ROOT}/"
    text = pot.read_text(encoding="utf-8")
    pot.write_text(text.replace(f"#: {prefix}", "#: ").replace(f" {prefix}", " "), "utf-8")


def update(pot: Path = POT) -> None:
    """Merge `pot` into every po/<language>.po: new msgids empty, removed ones dropped.

    No fuzzy matching: a guessed translation of a changed health instruction is worse than an
    empty one the checks point at.
    """
    for po in po_files():
        subprocess.run(
            [
                *("msgmerge", "--quiet", "--update", "--backup=none", "--no-fuzzy-matching"),
                *("--width=100", str(po), str(pot)),
            ],
            check=True,
        )
        # msgmerge keeps removed msgids as `#~` entries; the checks refuse them.
        subprocess.run(
            ["msgattrib", "--no-obsolete", "--width=100", f"--output-file={po}", str(po)],
            check=True,
        )


_NO_DATE = datetime(1970, 1, 1, tzinfo=UTC)


def compiled(po: Path) -> bytes:
    """Return the `.mo` bytes for `po` (Babel's writer: the same bytes for the same file)."""
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=None, domain=DOMAIN)
    # Babel dates a header field the file lacks "now"; a fixed date keeps the bytes stable.
    header = po.read_text(encoding="utf-8")
    if "POT-Creation-Date:" not in header:
        catalog.creation_date = _NO_DATE
    if "PO-Revision-Date:" not in header:
        catalog.revision_date = _NO_DATE
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile every po/<language>.po into `locale_dir`; return the files written."""
    written = []
    for po in po_files():
        target = mo_path(po, locale_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compiled(po))
        written.append(target)
    return written


def check() -> list[str]:
    """Return every problem CI would report, one line each (none when all is well)."""
    problems = []
    for po in po_files():
        problems += [f"{po.name}: {problem}" for problem in po_problems(po) + msgfmt_problems(po)]
        target = mo_path(po)
        if not target.exists() or target.read_bytes() != compiled(po):
            problems.append(f"{po.name}: {target.relative_to(ROOT)} is stale: run compile")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m tools.i18n", description=__doc__)
    parser.add_argument("command", choices=("extract", "update", "compile", "check"))
    args = parser.parse_args(argv)
    if args.command == "extract":
        extract()
        print(f"wrote {POT.relative_to(ROOT)}")
    elif args.command == "update":
        update()
        print(f"updated {len(po_files())} translations from {POT.relative_to(ROOT)}")
    elif args.command == "compile":
        for path in compile_all():
            print(f"wrote {path.relative_to(ROOT)}")
    else:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
