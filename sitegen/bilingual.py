"""Text the data holds in two languages: which one a page shows, and what `sitegen check` finds missing.

A column pair `<name>_vi`/`<name>_en` (names, denominators, caveats, curators' notes) holds the same
text in each language; a page shows its own language's and, when that cell is empty, the other's
(with its `lang` attribute) rather than hide a caveat. A document's `issuer` and `title` are written
as the document prints them; `issuer_en` and `title_en` render them in English for English pages
(an English headline needs none). A missing translation never stops a build: the page still says
everything, in the other language. But readers of that language lose it, so `sitegen check` warns
about every such cell, with its file, line and column.
"""

from __future__ import annotations

import re

from .data import Table, frame_rows
from .errors import Issue
from .files import display_path

VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
                                re.IGNORECASE)
KANA_OR_HAN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# Columns written as the document prints them, and their English rendering for English pages.
ENGLISH_RENDERINGS = {"sources": {"issuer": "issuer_en", "title": "title_en"}}


def in_language(vi: str | None, en: str | None, code: str) -> tuple[str, str]:
    """(text, its language) for a page in `code`: its own language's text, else the other's."""
    own, other = (en, vi) if code == "en" else (vi, en)
    if own:
        return own, code
    return (other, "vi" if code == "en" else "en") if other else ("", code)


def not_english(text: str | None) -> bool:
    """Whether English readers need a rendering of it: Vietnamese letters, or Japanese script."""
    return bool(text) and bool(VIETNAMESE_LETTERS.search(text) or KANA_OR_HAN.search(text))


def pairs(table: Table) -> list[tuple[str, str]]:
    """The (vi, en) column pairs of a table, as its descriptor names them."""
    names = table.field_names
    return [(name, name[:-3] + "_en") for name in names if name.endswith("_vi") and name[:-3] + "_en" in names]


def translation_warnings(table: Table) -> list[Issue]:
    """A warning for every text filled in one language of a pair but not the other, and every
    Vietnamese (or Japanese) issuer or title without its English rendering."""
    shown, issues = display_path(table.path), []
    renderings = [(o, e) for o, e in ENGLISH_RENDERINGS.get(table.name, {}).items() if e in table.field_names]
    column_pairs = pairs(table)
    for row in frame_rows(table.frame):
        for vi, en in column_pairs:
            if bool(row[vi]) != bool(row[en]):
                filled, missing = (vi, en) if row[vi] else (en, vi)
                issues.append(missing_translation(shown, row["_line"], filled, missing))
        for original, english in renderings:
            if not_english(row[original]) and not row[english]:
                issues.append(missing_rendering(shown, row["_line"], original, english))
    return issues


def missing_translation(shown: str, line: int, filled: str, missing: str) -> Issue:
    language = "English" if missing.endswith("_en") else "Vietnamese"
    return Issue(shown, line, missing, "missing-translation",
                 f"'{filled}' is filled but '{missing}' is empty: {language} pages show the text untranslated",
                 f"write it in {language} in '{missing}'", severity="warning")


def missing_rendering(shown: str, line: int, original: str, english: str) -> Issue:
    return Issue(shown, line, english, "missing-translation",
                 f"'{original}' is not in English and '{english}' is empty: English pages show it untranslated",
                 f"write its English rendering in '{english}'", severity="warning")
