"""The data as pages see it: typed records of localities, indicators, documents and figures,
indexed once per build (a scan per page would make the build quadratic in the number of
localities), the analysis and the checks, and figures labelled for a language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from urllib.parse import urlsplit

import pandas as pd

from .analysis import Analysis
from .bilingual import KANA_OR_HAN, VIETNAMESE_LETTERS, in_language
from .consistency import Check
from .content import Document
from .contexts import FigureView
from .data import frame_rows
from .figures import NATIONAL, Figure
from .i18n import Language
from .vocabulary import KINDS, QUALIFIERS


@dataclass(frozen=True)
class Locality:
    id: str
    name_vi: str
    name_en: str
    level: str
    parent: str | None
    reorganisation_note_vi: str | None
    reorganisation_note_en: str | None
    reorganised: bool
    caveat_vi: str | None
    caveat_en: str | None

    def text(self, name: str, lang: Language) -> str:
        """A bilingual column (name, reorganisation_note, caveat) in the page's language."""
        return getattr(self, f"{name}_{lang.code}") or ""


@dataclass(frozen=True)
class Indicator:
    id: str
    name_vi: str
    name_en: str
    denominator_vi: str
    denominator_en: str
    unit: str
    part_of: str | None
    headline: bool
    overview: bool

    def text(self, name: str, lang: Language) -> str:
        return getattr(self, f"{name}_{lang.code}") or ""


# The first words of a source's note that say its own text was not seen, only a report of it.
NOT_SEEN_VI = "Chưa xem được toàn văn"
NOT_SEEN_EN = "not seen"


@dataclass(frozen=True)
class Source:
    id: str
    number: str | None
    type: str
    issuer: str | None      # empty when a news item's outlet is not known
    issuer_en: str | None   # the issuer in English, for English pages
    signer: str | None      # who signed it, or a news item's author
    issued: date | None
    title: str
    title_en: str | None    # the title translated into English, or empty when it is English
    url: str | None
    note_vi: str | None
    note_en: str | None

    @property
    def read_through(self) -> str:
        """Where a document whose own text the curators did not see was read (the host of its url),
        or empty: its note says so first ("Chưa xem được toàn văn …", "Resolution text not seen: …"),
        and a citation must not pass the report off as the document."""
        not_seen = ((self.note_vi or "").startswith(NOT_SEEN_VI)
                    or (self.note_en or "").split(":", 1)[0].endswith(NOT_SEEN_EN))
        host = urlsplit(self.url).hostname if not_seen and self.url else None
        return host.removeprefix("www.") if host else ""

    def issuer_in(self, lang: Language) -> str:
        """Who issued it, in English on English pages (as printed when there is no rendering)."""
        return (self.issuer_en if lang.code == "en" and self.issuer_en else self.issuer) or ""

    def title_translation(self, lang: Language) -> str:
        """The title's English translation on English pages, or empty."""
        return (self.title_en or "") if lang.code == "en" else ""

    def headline(self, lang: Language) -> str:
        """'“Original title” (English translation)' on English pages, '“Original title”' otherwise."""
        translation = self.title_translation(lang)
        return f"“{self.title}”" + (f" ({translation})" if translation else "")


def records(frame: pd.DataFrame, record_type: type) -> dict[str, object]:
    """A table's rows as typed records by id (columns the code does not use are left out)."""
    names = [f.name for f in fields(record_type)]
    return {row["id"]: record_type(**{n: row[n] for n in names}) for row in frame_rows(frame[names])}


@dataclass
class Names:
    """Localities, indicators and documents by id, named in each language."""
    localities: dict[str, Locality]     # in the order of localities.csv
    indicators: dict[str, Indicator]    # in the order of indicators.csv
    sources: dict[str, Source]          # in the order of sources.csv

    def memo(self, key: tuple, make):
        """make(), computed once per key: pages word the same figures and verdicts many times."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = make()
        return cache[key]

    @classmethod
    def of(cls, tables) -> "Names":
        """From the dataset's tables (a Dataset, or anything with these three frames)."""
        return cls(records(tables.localities, Locality), records(tables.indicators, Indicator),
                   records(tables.sources, Source))

    def locality_name(self, locality_id: str, lang: Language) -> str:
        return self.localities[locality_id].text("name", lang)

    def indicator_name(self, indicator_id: str, lang: Language) -> str:
        return self.indicators[indicator_id].text("name", lang)

    def denominator(self, indicator_id: str, lang: Language) -> str:
        return self.indicators[indicator_id].text("denominator", lang)

    def source_label(self, source_id: str, lang: Language) -> str:
        """'64/KH-UBND, 12/04/2021' or 'VietnamPlus, 15/08/2022': short and quotable; a news item
        whose outlet is not known by its headline ('“Cao Bằng: Phấn đấu…”, 12/04/2024')."""
        source = self.sources[source_id]
        name = source.number or source.issuer_in(lang) or f"“{shortened(source.title)}”"
        when = lang.date(source.issued)
        return f"{name}, {when}" if when else name


@dataclass
class SiteData(Names):
    """Everything the pages are made from, validated, computed and indexed once."""
    figures: list[Figure] = field(default_factory=list)    # in the order of observations.csv
    analysis: Analysis | None = None
    checks: list[Check] = field(default_factory=list)
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    data_date: date | None = None

    def __post_init__(self) -> None:
        self._views: dict[tuple[int, str], FigureView] = {}
        self.by_locality: dict[str, list[Figure]] = {}
        self.by_indicator: dict[str, list[Figure]] = {}
        self.by_source: dict[str, list[Figure]] = {}
        self.by_pair: dict[tuple[str, str], list[Figure]] = {}
        for f in self.figures:
            self.by_locality.setdefault(f.locality, []).append(f)
            self.by_indicator.setdefault(f.indicator, []).append(f)
            self.by_source.setdefault(f.source, []).append(f)
            self.by_pair.setdefault((f.locality, f.indicator), []).append(f)
        self.checks_by_locality: dict[str, list[Check]] = {}
        for c in self.checks:
            self.checks_by_locality.setdefault(c.locality, []).append(c)
        # Localities and indicators with at least one figure get a page and a chart line.
        self.charted_localities = [i for i in self.localities if i in self.by_locality]
        self.charted_indicators = [i for i in self.indicators if i in self.by_indicator]

    def has_counts(self, locality: str, indicator: str) -> bool:
        """Whether actual counts of people were published for the whole locality."""
        return any(f.kind == "actual" and f.unit == "persons" and f.subdivision is None
                   for f in self.by_pair.get((locality, indicator), []))

    def whole_percent(self, locality: str, indicator: str) -> list[Figure]:
        return [f for f in self.by_pair.get((locality, indicator), []) if f.whole_percent]

    def view(self, figure: Figure, lang: Language) -> FigureView:
        """The figure labelled for the page's language (made once per figure and language)."""
        key = (figure.line, lang.code)
        if key not in self._views:
            self._views[key] = figure_view(self, figure, lang)
        return self._views[key]

    def views(self, figures: list[Figure], lang: Language) -> list[FigureView]:
        """Figures labelled, in the order tables show them: national first, then by locality,
        indicator, date, kind, unit, subdivision and document."""
        ordered = sorted(figures, key=lambda f: (f.locality != NATIONAL, f.locality, f.indicator, f.end, f.kind,
                                                 f.unit, f.subdivision or "", f.source))
        return [self.view(f, lang) for f in ordered]


def shortened(text: str, words: int = 6) -> str:
    """The first words of a headline, for a short citation."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def qualified(lang: Language, value: float, unit: str, qualifier: str) -> str:
    """'ít nhất 50%' / 'at least 50%': the figure with its wording."""
    word = lang.gettext(QUALIFIERS[qualifier].word)
    return f"{word} {lang.quantity(value, unit)}".strip()


def figure_view(site: SiteData, f: Figure, lang: Language) -> FigureView:
    return FigureView(
        figure=f, locality_name=site.locality_name(f.locality, lang),
        indicator_name=site.indicator_name(f.indicator, lang), period_label=lang.period(f.period),
        kind_label=lang.gettext(KINDS[f.kind].label), value_label=qualified(lang, f.value, f.unit, f.qualifier.id),
        source_label=site.source_label(f.source, lang), quote_lang=quote_language(f.quote),
        flag_label=lang.gettext(f.flag.label) if f.flag else "", **note_fields(f, lang))


def note_fields(f: Figure, lang: Language) -> dict[str, str]:
    note, note_lang = in_language(f.note_vi, f.note_en, lang.code)
    return {"note": note, "note_lang": note_lang}




def quote_language(quote: str) -> str:
    """The language a quote is in, for its lang attribute: most are Vietnamese, a few come from
    English or Japanese pages (the research sheet marks them [EN])."""
    if KANA_OR_HAN.search(quote):
        return "ja"
    if VIETNAMESE_LETTERS.search(quote) or not re.search(r"[A-Za-z]{3}", quote):
        return "vi"
    return "en"
