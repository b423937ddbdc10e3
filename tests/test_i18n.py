"""Translations complete in both catalogs, and locale-aware formatting of numbers and periods."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from sitegen.i18n import LANGUAGES, Language, language

REPO = Path(__file__).parent.parent
LOCALE = REPO / "sitegen" / "locale"
METHOD_MAP = [("sitegen/**.py", "python"), ("templates/**.html", "jinja2")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}


def extracted() -> dict[str, list[str]]:
    """{message id: ['file:line', ...]} for every message in the code and the templates."""
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(REPO), METHOD_MAP, OPTIONS, KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


MESSAGES = extracted()


def catalog(lang: str):
    with open(LOCALE / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=lang)


def test_extraction_finds_messages_in_code_and_templates():
    places = [p for where in MESSAGES.values() for p in where]
    assert any(p.startswith("templates/") for p in places)
    assert any(p.startswith("sitegen/") for p in places)
    assert "at least" in MESSAGES          # marked with N_ in sitegen/vocabulary.py
    assert "target met" in MESSAGES        # marked with N_ in sitegen/vocabulary.py
    assert "Skip to content" in MESSAGES     # templates/base.html


def test_no_message_is_marked_inside_an_f_string():
    """Babel's extractor does not look inside f-strings: a message marked there is never extracted,
    drops out of the catalogs at the next update and shows in English on Vietnamese pages."""
    hidden = []
    for path in sorted((REPO / "sitegen").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                hidden += [f"{path.relative_to(REPO)}:{call.lineno}" for call in ast.walk(node)
                           if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                           and call.func.id in KEYWORDS]
    assert not hidden, "mark the message outside the f-string: " + ", ".join(hidden)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_translated(lang):
    po = catalog(lang)
    problems = []
    for msgid, where in sorted(MESSAGES.items()):
        message = po.get(msgid)
        if message is None:
            problems.append(f"missing: {msgid!r} ({where[0]})")
            continue
        text = message.string[0] if isinstance(message.string, (tuple, list)) else message.string
        if not text or not text.strip():
            problems.append(f"empty: {msgid!r} ({where[0]})")
        elif message.fuzzy:
            problems.append(f"fuzzy: {msgid!r} ({where[0]})")
    assert not problems, f"{len(problems)} untranslated in {lang}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_placeholders_match(lang):
    """A translation keeps the %(name)s placeholders of its id, or formatting it would fail."""
    import re

    placeholders = re.compile(r"%\((\w+)\)s")
    problems = []
    for message in catalog(lang):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        wanted = set(placeholders.findall(ids[0]))
        for text in strings:
            if text and set(placeholders.findall(text)) != wanted:
                problems.append(f"{ids[0]!r} -> {text!r}")
            elif text and wanted:
                try:   # a lone % (e.g. "điểm %" for "điểm %%") passes the names but fails here
                    text % {name: "x" for name in wanted}
                except (ValueError, TypeError) as err:
                    problems.append(f"{ids[0]!r} -> {text!r}: {err}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- formatting

VI, EN = Language("vi"), Language("en")


def vi_has(msgid: str) -> bool:
    message = catalog("vi").get(msgid)
    if message is None:
        return False
    text = message.string[0] if isinstance(message.string, (tuple, list)) else message.string
    return bool(text) and not message.fuzzy


def test_percent():
    assert VI.quantity(29.72, "percent") == "29,72%"
    assert EN.quantity(29.72, "percent") == "29.72%"
    assert VI.quantity(50, "percent") == "50%"


def test_persons_vi():
    if not vi_has("%(n)s person"):
        pytest.skip("the vi catalog has no translation of '%(n)s person' yet")
    assert VI.quantity(17404, "persons") == "17.404 người"


def test_persons_en():
    assert EN.quantity(17404, "persons") == "17,404 people"
    assert EN.quantity(1, "persons") == "1 person"


def test_qualified():
    from sitegen.sitedata import qualified
    assert qualified(EN, 50, "percent", "at_least") == "at least 50%"
    assert qualified(EN, 50, "percent", "exact") == "50%"
    assert qualified(EN, 5, "percent", "at_most") == "at most 5%"
    assert qualified(VI, 50, "percent", "at_least") == "ít nhất 50%"


@pytest.mark.parametrize("period, vi, en", [
    ("2025", "2025", "2025"),
    ("2023-11", "tháng 11/2023", "November 2023"),
    ("2023-Q1", "quý I/2023", "Q1 2023"),
    ("2023-Q4", "quý IV/2023", "Q4 2023"),
    ("2023-06-30", "30/06/2023", "30 June 2023"),
])
def test_period_labels(period, vi, en):
    assert EN.period(period) == en
    if period[5:6] == "Q" and not vi_has("Q%(q)s %(year)s"):
        pytest.skip("vi catalog has no quarter label yet")
    if len(period) == 7 and period[5] != "Q" and not vi_has("MMMM yyyy"):
        pytest.skip("vi catalog has no month pattern yet")
    assert VI.period(period) == vi


def test_half_year_labels_en():
    assert EN.period("2025-H1") == "first half of 2025"
    assert EN.period("2025-H2") == "second half of 2025"


def test_dates():
    assert VI.date(date(2021, 4, 12)) == "12/04/2021"
    assert EN.date(date(2021, 4, 12)) == "12 April 2021"
    assert VI.date(None) == "" and EN.date(None) == ""


def test_signed():
    assert EN.signed(2.5) == "+2.5" and EN.signed(-2.5) == "−2.5" and EN.signed(0) == "0"
    assert VI.signed(-1.25) == "−1,25"


def test_whole_numbers_keep_every_digit_up_to_the_limit():
    """Babel rounds in the current decimal context (28 digits by default): a count of 30 digits
    (MAX_INTEGER_DIGITS) was an InvalidOperation traceback."""
    assert language("vi").number(10 ** 29 + 7, 0) == "100.000.000.000.000.000.000.000.000.007"
    assert language("en").quantity(123456789012345678901234567890, "persons") == \
        "123,456,789,012,345,678,901,234,567,890 people"
