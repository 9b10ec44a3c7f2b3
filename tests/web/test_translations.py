"""Chinese is the source language; the English catalogue covers every UI string and is compiled."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import luoshi_web

ROOT = Path(luoshi_web.__file__).parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def po_entries() -> dict[tuple[str, str], str]:
    """(context, msgid) -> msgstr, for single-form entries (the file is written with --no-wrap)."""
    text = PO.read_text(encoding="utf-8")
    pattern = r'^(?:msgctxt "(.*)"\n)?msgid "(.+)"\nmsgstr "(.*)"$'
    return {(m.group(1) or "", m.group(2)): m.group(3) for m in re.finditer(pattern, text, re.M)}


def test_every_english_entry_is_translated():
    untranslated = [k for k, v in po_entries().items() if not v]
    assert not untranslated, f"translate these in {PO}: {untranslated}"


def test_the_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    stale = [k for (ctx, k), v in po_entries().items()
             if (catalogue.pgettext(ctx, k) if ctx else catalogue.gettext(k)) != v]
    assert not stale, f"recompile: msgfmt --check -o {MO} {PO} (stale: {stale[:5]})"


def test_every_template_string_is_in_the_catalogue():
    known = {msgid for ctx, msgid in po_entries() if not ctx}
    missing = set()
    for template in (ROOT / "templates").rglob("*.html"):
        for literal in re.findall(r'{% translate "([^"]+)" %}', template.read_text(encoding="utf-8")):
            if literal not in known:
                missing.add(f"{template.name}: {literal}")
    assert not missing, f"run makemessages and translate: {sorted(missing)}"


def test_no_entry_is_left_fuzzy():
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8"), "fuzzy entries are not compiled: review and unflag them"
