"""Languages: gettext catalogs (Babel) and locale-aware formatting of numbers, dates and periods.

The `.po` catalogs in sitegen/locale are compiled at build time, so no generated `.mo` file is
ever committed; the compiled catalog is cached (cache.py), keyed by the `.po` and Babel's version.
Message ids are English.
"""

from __future__ import annotations

import decimal
import gettext
import io
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

import babel
from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_decimal, parse_pattern

from .cache import cached
from .periods import parse_period

LANGUAGES = ("vi", "en")  # the first is published at the site root


def language_path(name: str, lang_code: str) -> str:
    """Where a language's copy of `name` is, from the site root: the first language at the root,
    the others in a folder of their code (en/localities/ha-noi.html)."""
    return name if lang_code == LANGUAGES[0] else f"{lang_code}/{name}"
LOCALE_DIR = Path(__file__).parent / "locale"
DATE_FORMAT = {"vi": "dd/MM/yyyy", "en": "d MMMM yyyy"}
# Digits Babel may keep while formatting: a whole number of MAX_INTEGER_DIGITS (30) and its decimals.
NUMBER_PRECISION = 64


def N_(message: str) -> str:
    """Marks a string for extraction; it is translated where it is shown."""
    return message


def load_translations(lang: str) -> gettext.GNUTranslations:
    """The language's catalog; compiled once per change of its `.po` (Babel takes ~35 ms to read
    one, on the way to each language's first page)."""
    po = (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").read_bytes()
    return gettext.GNUTranslations(io.BytesIO(cached(f"messages-{lang}.mo", [po, lang, babel.__version__],
                                                     lambda: compiled_catalog(po, lang))))


def compiled_catalog(po: bytes, lang: str) -> bytes:
    from babel.messages.mofile import write_mo   # only when the cache has no compiled catalog
    from babel.messages.pofile import read_po

    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(po), locale=lang))
    return buffer.getvalue()


@dataclass
class Language:
    """Everything that depends on the page's language."""
    code: str

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.code)  # parsed once: Babel would parse the code at every call

    @cached_property
    def translations(self) -> gettext.GNUTranslations:
        return load_translations(self.code)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message) if message else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    @cached_property
    def _formatted(self) -> dict:
        """Numbers and dates already formatted: the same values recur across thousands of labels,
        and Babel takes ~30 µs a call."""
        return {}

    def number(self, value: float, decimals: int = 2) -> str:
        key = ("n", value, decimals)
        if key not in self._formatted:
            with decimal.localcontext() as context:
                context.prec = NUMBER_PRECISION   # Babel rounds in the current context: 28 digits by default
                self._formatted[key] = format_decimal(value, format=number_pattern(decimals), locale=self.locale)
        return self._formatted[key]

    def signed(self, value: float, decimals: int = 2) -> str:
        text = self.number(abs(value), decimals)
        return ("+" if value > 0 else "−" if value < 0 else "") + text

    def quantity(self, value: float, unit: str) -> str:
        """29,72% or 17.404 người (vi); 29.72% or 17,404 people (en)."""
        if unit == "percent":
            return self.number(value) + "%"
        if unit == "persons":
            return self.ngettext("%(n)s person", "%(n)s people", int(value)) % {"n": self.number(value, 0)}
        return self.number(value)

    def date(self, value: date | None) -> str:
        if not value:
            return ""
        key = ("d", value)
        if key not in self._formatted:
            self._formatted[key] = format_date(value, DATE_FORMAT[self.code], locale=self.locale)
        return self._formatted[key]

    def period(self, period: str) -> str:
        return period_label(period, self)


@lru_cache(maxsize=None)
def number_pattern(decimals: int) -> NumberPattern:
    """'#,##0.##' parsed once (format_decimal takes it parsed; it would parse the text at every call)."""
    return parse_pattern("#,##0" + ("." + "#" * decimals if decimals else ""))


@lru_cache(maxsize=None)
def language(code: str) -> Language:
    """The one Language object per code, so catalogs and locale data load once per build."""
    return Language(code)


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_label(text: str, lang: Language) -> str:
    """2025 · tháng 11/2023 · 30/06/2023 · quý I/2023 (vi); November 2023, Q1 2023 (en)."""
    try:
        period = parse_period(text)
    except ValueError:
        return text
    _ = lang.gettext
    if period.quarter:
        quarter = ROMAN[period.quarter] if lang.code == "vi" else str(period.quarter)
        return _("Q%(q)s %(year)s") % {"q": quarter, "year": period.year}
    if period.half:
        return (_("first half of %(year)s") if period.half == 1 else _("second half of %(year)s")) % {"year": period.year}
    if period.day:
        return lang.date(period.end)
    if period.month:
        return format_date(date(period.year, period.month, 1), _("MMMM yyyy"), locale=lang.locale)
    return str(period.year)
