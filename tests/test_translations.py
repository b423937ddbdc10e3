"""Every interface string has a translation, and numbers, dates and periods follow the locale."""

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from sitegen.i18n import LANGUAGES, LOCALE_DIR, Language
from conftest import REPO

METHODS = [("sitegen/**.py", "python"), ("templates/**.html", "jinja2")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}


def extracted_messages() -> set[str]:
    keywords = dict(DEFAULT_KEYWORDS, N_=None)
    found = set()
    for _, _, message, _, _ in extract_from_dir(REPO, METHODS, OPTIONS, keywords):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_is_translated_in_every_language():
    messages = extracted_messages()
    assert len(messages) > 100  # the extraction really found the templates and the code
    for lang in LANGUAGES:
        with open(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
            catalog = read_po(f, locale=lang)
        missing = []
        for message in sorted(messages):
            entry = catalog.get(message)
            text = None if entry is None else (entry.string if isinstance(entry.string, str) else entry.string[0])
            if not text or entry.fuzzy:
                missing.append(message)
        assert not missing, f"{lang}: untranslated: {missing}"


def test_numbers_in_each_language():
    vi, en = Language("vi"), Language("en")
    assert vi.quantity(29.72, "percent") == "29,72%"
    assert en.quantity(29.72, "percent") == "29.72%"
    assert vi.quantity(17404, "persons") == "17.404 người"
    assert en.quantity(17404, "persons") == "17,404 people"
    assert en.quantity(1, "persons") == "1 person"
    assert vi.qualified(50, "percent", "at_least") == "ít nhất 50%"
    assert en.qualified(2.5, "percent", "about") == "about 2.5%"
    assert vi.qualified(3, "percent", "over") == "trên 3%"
    assert vi.qualified(94.44, "percent", "exact") == "94,44%"


def test_periods_and_dates_in_each_language():
    vi, en = Language("vi"), Language("en")
    assert [vi.period(p) for p in ("2025", "2023-11", "2023-Q1", "2023-06-30", "2025-H1")] == [
        "2025", "tháng 11/2023", "quý I/2023", "30/06/2023", "6 tháng đầu năm 2025"]
    assert [en.period(p) for p in ("2025", "2023-11", "2023-Q1", "2023-06-30", "2025-H1")] == [
        "2025", "November 2023", "Q1 2023", "30 June 2023", "first half of 2025"]
