"""CI checks of the translations in po/ (issue 17): complete, valid, compiled, up to date."""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture_break.core.catalogue import load_catalogue, translation_misfits
from posture_break.core.i18n import SHIPPED_LANGUAGES, current_language, use_languages
from posture_break.core.safety import load_safety_note
from tools.i18n import LOCALE_DIR, POT, compiled, extract, mo_path, po_files
from tools.i18n_checks import msgfmt_problems, po_problems, read_catalog

PO_FILES = po_files()
_IDS = [po.stem for po in PO_FILES]


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    yield
    use_languages(["en"])


def test_all_six_shipped_languages_exist() -> None:
    # SIX LANGUAGES: fails until po/<language>.po of every shipped language has landed.
    present = {po.stem for po in PO_FILES}
    missing = sorted(set(SHIPPED_LANGUAGES) - present)
    assert not missing, f"po/<language>.po missing for {missing}"


@pytest.mark.parametrize("po", PO_FILES, ids=_IDS)
def test_translation_is_complete_and_valid(po: Path) -> None:
    # Every msgid translated, none fuzzy, no `#~` left, the same {placeholders}, a right
    # Plural-Forms header. After `tools.i18n update` a new English string shows up here.
    assert po_problems(po) == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt missing (apt install gettext)")
@pytest.mark.parametrize("po", PO_FILES, ids=_IDS)
def test_msgfmt_check_passes(po: Path) -> None:
    assert msgfmt_problems(po) == []


@pytest.mark.parametrize("po", PO_FILES, ids=_IDS)
def test_compiled_catalogue_is_fresh(po: Path) -> None:
    target = mo_path(po)
    assert target.exists(), f"{target} missing: run `uv run python -m tools.i18n compile`"
    assert target.read_bytes() == compiled(po), "stale: run `uv run python -m tools.i18n compile`"


@pytest.mark.parametrize("po", PO_FILES, ids=_IDS)
def test_catalogue_and_safety_note_load_in_the_language(po: Path, english_afterwards: None) -> None:
    # The stretch checks (title <= 40 characters, one line...) hold for the translations too:
    # the app would otherwise show that field in English.
    use_languages([po.stem], LOCALE_DIR)
    assert current_language() == po.stem
    english_stretches = load_catalogue(translate=False)
    assert translation_misfits(english_stretches) == []
    english = {stretch.id: stretch.title for stretch in english_stretches}
    translated = load_catalogue()
    assert [stretch.id for stretch in translated] == list(english)
    assert any(stretch.title != english[stretch.id] for stretch in translated)
    assert load_safety_note().title != load_safety_note(translate=False).title


def test_no_compiled_catalogue_without_its_translation() -> None:
    shipped = {path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/*.mo")}
    assert shipped <= {po.stem for po in PO_FILES}


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("xgettext", "msgcat")),
    reason="xgettext/msgcat missing (apt install gettext)",
)
def test_template_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.pot"
    extract(fresh)
    assert _msgids(fresh) == _msgids(POT), (
        "po/posture-break.pot is stale: run `uv run python -m tools.i18n extract` and `update`"
    )


@pytest.mark.parametrize("po", PO_FILES, ids=_IDS)
def test_translation_has_exactly_the_template_msgids(po: Path) -> None:
    assert _msgids(po) == _msgids(POT), "run `uv run python -m tools.i18n update`"


def _msgids(path: Path) -> set[tuple[object, object]]:
    return {(message.context, message.id) for message in read_catalog(path) if message.id}


def test_every_list_of_languages_agrees() -> None:
    # The setting, the shipped catalogues and the bundle's Qt translations name the same
    # languages: adding one means touching each (docs/translating.md lists them).
    from posture_break.core.setting_values import LanguageChoice

    spec = (Path(__file__).parents[2] / "packaging" / "posture-break.spec").read_text("utf-8")
    choices = {choice.value for choice in LanguageChoice} - {"auto", "en"}
    assert choices == set(SHIPPED_LANGUAGES)
    bundled = re.search(r"^SHIPPED_LANGUAGES = (\(.*\))", spec, re.MULTILINE)
    assert bundled is not None
    assert ast.literal_eval(bundled.group(1)) == SHIPPED_LANGUAGES
    assert {po.stem for po in PO_FILES} == set(SHIPPED_LANGUAGES)
