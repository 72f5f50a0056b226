"""What CI checks in a translation (`po/<language>.po`), one readable line per problem."""

from __future__ import annotations

import gettext
import shutil
import string
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from posture_break.core.i18n import DOMAIN

# The plural rule of every language we ship, as gettext's manual gives it. A header is valid when
# it has the same number of forms and picks the same form for every count (spacing may differ).
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "zh_CN": "nplurals=1; plural=0;",
}
_COUNTS = range(1001)


def read_catalog(po: Path) -> Catalog:
    """Return the messages of `po` (obsolete `#~` entries in `.obsolete`)."""
    with po.open("rb") as handle:
        return read_po(handle, domain=DOMAIN)


def po_problems(po: Path) -> list[str]:
    """Return what is wrong with the translation `po`, besides `msgfmt_problems`."""
    catalog = read_catalog(po)
    problems = _header_problems(po.stem, catalog)
    if catalog.obsolete:
        problems.append(f"{len(catalog.obsolete)} obsolete #~ entries: run update")
    for message in catalog:
        if not message.id:
            continue  # the header
        where = f"msgid {_first_id(message)!r}"
        if message.fuzzy:
            problems.append(f"{where}: marked fuzzy")
        forms = _forms(message)
        if not all(forms):
            problems.append(f"{where}: not translated")
            continue
        problems += [f"{where}: {problem}" for problem in _placeholder_problems(message, forms)]
    return problems


def _header_problems(language: str, catalog: Catalog) -> list[str]:
    headers = dict(catalog.mime_headers)
    problems = []
    if headers.get("Language") != language:
        problems.append(f"header Language is {headers.get('Language')!r}, not {language!r}")
    expected = PLURAL_FORMS.get(language)
    written = headers.get("Plural-Forms", "")
    if expected is None:
        problems.append(f"no plural rule known for {language!r}: add it to PLURAL_FORMS")
    elif not written:
        problems.append("no Plural-Forms header")
    elif not _same_plural_rule(written, expected):
        problems.append(f"Plural-Forms {written!r} is not {expected!r}")
    return problems


def _same_plural_rule(written: str, expected: str) -> bool:
    try:
        count_w, rule_w = _parse_plural_forms(written)
    except ValueError:
        return False
    count_e, rule_e = _parse_plural_forms(expected)
    return count_w == count_e and all(rule_w(n) == rule_e(n) for n in _COUNTS)


def _parse_plural_forms(header: str) -> tuple[int, Callable[[int], int]]:
    parts = dict(
        part.strip().split("=", 1) for part in header.strip().rstrip(";").split(";") if part
    )
    # gettext.c2py checks the C expression and refuses anything but arithmetic on n.
    return int(parts["nplurals"]), gettext.c2py(parts["plural"])


def _first_id(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple | list) else message.id)


def _forms(message: Message) -> list[str]:
    if isinstance(message.string, tuple | list):
        return [form or "" for form in message.string]
    return [message.string or ""]


def _names(text: str) -> set[str]:
    """Return the named `{placeholders}` in `text` (raises ValueError for stray braces)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _placeholder_problems(message: Message, forms: list[str]) -> list[str]:
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    try:
        wanted = [_names(text) for text in ids]
    except ValueError:
        return []  # not a format string in English either (e.g. the desktop entry)
    everything, common = set().union(*wanted), set.intersection(*wanted)
    problems = []
    for index, form in enumerate(forms):
        label = f"msgstr[{index}]" if len(forms) > 1 or len(ids) > 1 else "msgstr"
        try:
            found = _names(form)
        except ValueError as exc:
            problems.append(f"{label}: broken braces ({exc})")
            continue
        if len(ids) == 1 and found != everything:
            problems.append(f"{label} has {sorted(found)}, the msgid {sorted(everything)}")
        elif not common <= found <= everything:
            problems.append(f"{label} has {sorted(found)}, the msgids {sorted(everything)}")
    return problems


def msgfmt_problems(po: Path) -> list[str]:
    """Return what `msgfmt --check` reports about `po` (nothing when msgfmt is missing)."""
    if shutil.which("msgfmt") is None:
        return []
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(
            ["msgfmt", "--check", f"--output-file={Path(scratch) / 'check.mo'}", str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode == 0 and not result.stderr.strip():
        return []
    return [f"msgfmt --check: {line}" for line in result.stderr.strip().splitlines()]
