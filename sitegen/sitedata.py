"""The data as pages see it: validated tables, metrics and checks, looked up through plain
dicts (pandas look-ups are slow when done thousands of times), and figures labelled for a language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

import pandas as pd

from .analysis import NATIONAL, Metric, note_flag, target_precedence
from .consistency import Check
from .content import Document
from .i18n import N_, Language
from .periods import period_end

REORGANISATION = date(2025, 7, 1)
FLAG_WORDS = {"uncertain": N_("uncertain figure"), "background": N_("background figure"),
              "other_denominator": N_("different denominator"),
              "denominator_wording": N_("base worded differently")}


@dataclass
class SiteData:
    """Everything the pages are made from, validated and computed once."""
    localities: pd.DataFrame
    indicators: pd.DataFrame
    sources: pd.DataFrame
    observations: pd.DataFrame
    metrics: list[Metric]
    checks: list[Check]
    documents: dict[tuple[str, str], Document]

    def __post_init__(self) -> None:
        # Plain dicts: pages look figures up thousands of times, which is slow through pandas.
        self.records = self.observations.to_dict("records")
        self.locality = {i: dict(r) for i, r in self.localities.to_dict("index").items()}
        self.indicator = {i: dict(r) for i, r in self.indicators.to_dict("index").items()}
        self.source = {i: dict(r) for i, r in self.sources.to_dict("index").items()}
        self.labelled: dict[tuple[str, int], dict] = {}
        self.matches: dict[tuple, list[dict]] = {}
        self.index: dict[tuple[str, object], list[dict]] = {}
        for r in self.records:
            for column in ("locality", "indicator", "source"):
                self.index.setdefault((column, r[column]), []).append(r)
        self.national_sources = {r["source"] for r in self.records if r["locality"] == NATIONAL}
        self.issued = {i: s["issued"] for i, s in self.source.items() if isinstance(s["issued"], date)}

    def target_rank(self, row: dict) -> tuple:
        """Which of two targets for the same period counts (the analysis's precedence)."""
        return target_precedence(row["locality"], row["source"], self.national_sources, self.issued)

    def locality_name(self, locality_id: str, lang: Language) -> str:
        return self.locality[locality_id][f"name_{lang.code}"]

    def indicator_name(self, indicator_id: str, lang: Language) -> str:
        return self.indicator[indicator_id][f"name_{lang.code}"]

    def denominator(self, indicator_id: str, lang: Language) -> str:
        return self.indicator[indicator_id][f"denominator_{lang.code}"]

    def figures(self, **where) -> list[dict]:
        """Observation records matching every column=value (None matches an empty cell).
        Pages ask the same questions in every language, so answers are kept."""
        key = tuple(sorted(where.items()))
        if key not in self.matches:
            candidates = min((self.index.get((k, v), []) for k, v in where.items()
                              if k in ("locality", "indicator", "source")), key=len, default=self.records)
            self.matches[key] = [r for r in candidates
                                 if all((r[k] is None) if v is None else r[k] == v for k, v in where.items())]
        return self.matches[key]

    def charted_localities(self) -> list[str]:
        present = set(self.observations["locality"])
        return [i for i in self.localities.index if i in present]


def source_label(site: SiteData, source_id: str, lang: Language) -> str:
    """'64/KH-UBND, 12/04/2021' or 'VietnamPlus, 15/08/2022': short and quotable."""
    source = site.source[source_id]
    name = source["number"] or source["issuer"]
    when = lang.date(source["issued"])
    return f"{name}, {when}" if when else name


def figure_row(site: SiteData, row, lang: Language) -> dict:
    """One figure with every label a table, tooltip or fact box needs."""
    flag = note_flag(row.note)
    return {
        "locality": row.locality, "locality_name": site.locality_name(row.locality, lang),
        "subdivision": row.subdivision or "", "indicator": row.indicator,
        "indicator_name": site.indicator_name(row.indicator, lang),
        "period": row.period, "period_label": lang.period(row.period), "end": period_end(row.period),
        "kind": row.kind, "kind_label": lang.kind(row.kind), "value": row.value, "unit": row.unit,
        "value_label": lang.qualified(row.value, row.unit, row.qualifier), "qualifier": row.qualifier,
        "source": row.source, "source_label": source_label(site, row.source, lang),
        "quote": row.quote, "quote_lang": quote_language(row.quote), "note": row.note or "", "line": row._line,
        "flag": flag, "flag_label": lang.gettext(FLAG_WORDS[flag]) if flag else "",
        "before_reorganisation": period_end(row.period) < REORGANISATION,
    }


VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
                                re.IGNORECASE)
KANA_OR_HAN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def quote_language(quote: str) -> str:
    """The language a quote is in, for its lang attribute: most are Vietnamese, a few come from
    English or Japanese pages (the research sheet marks them [EN])."""
    if KANA_OR_HAN.search(quote):
        return "ja"
    if VIETNAMESE_LETTERS.search(quote) or not re.search(r"[A-Za-z]{3}", quote):
        return "vi"
    return "en"


def figure_rows(site: SiteData, records: list[dict], lang: Language) -> list[dict]:
    rows = []
    for r in records:
        key = (lang.code, r["_line"])
        if key not in site.labelled:
            site.labelled[key] = figure_row(site, SimpleNamespace(**r), lang)
        rows.append(site.labelled[key])
    return sorted(rows, key=lambda r: (r["locality"] != NATIONAL, r["locality"], r["indicator"],
                                       r["end"], r["kind"], r["unit"], r["subdivision"], r["source"]))
