"""The published data files: the curated inputs as read (UTF-8, LF, NFC), and the derived CSVs
with their fixed columns (figures.csv, checks.csv, metrics.csv, one CSV per chart).

Input: the dataset as read and checked, the site data and the pages. Output: `OutputFile`s, in
memory. Numbers are written canonically (29.72, 17404 — a whole number exactly, however many
digits), as the input CSVs write them; a text cell that a spreadsheet would run as a formula is
neutralised in every CSV (spreadsheets.py).
"""

from __future__ import annotations

import pandas as pd

from .data import Dataset, number_text
from .i18n import LANGUAGES, language
from .pages import Page
from .schema import RESOURCES
from .sitedata import SiteData
from .spreadsheets import neutralised, published_copy
from .wording import check_sentence, data_citer, metric_basis
from .writer import OutputFile

FIGURE_COLUMNS = ["locality", "subdivision", "indicator", "period", "kind", "value", "unit", "qualifier", "source"]
CHECK_COLUMNS = ["severity", "code", "locality", "indicator", "period", "message"]
METRIC_COLUMNS = ["locality", "indicator", "period", "metric", "value", "unit", "basis"]
CHART_COLUMNS = ["series", "kind", "date", "value", "label", "source"]


def canonical(value) -> str:
    """A cell as published: a number as the CSVs write it (29.72, 17404), empty for None, text
    neutralised if a spreadsheet would run it as a formula."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value)
    return neutralised(str(value))


def csv_file(path: str, frame: pd.DataFrame) -> OutputFile:
    text = frame.map(canonical).to_csv(index=False, lineterminator="\n")
    return OutputFile(path, text.encode("utf-8"))


def data_files(dataset: Dataset, site: SiteData) -> list[OutputFile]:
    """The inputs as they were read and checked (never read again: what is published is what
    was validated), then the derived CSVs."""
    files = [OutputFile("data/datapackage.json", dataset.descriptor_text.encode("utf-8"))]
    for name in RESOURCES:
        table = dataset.tables[name]
        files.append(OutputFile(f"data/{table.path.name}", published_copy(table).encode("utf-8")))
    observations = dataset.observations
    files.append(csv_file("data/figures.csv", observations.sort_values("_line")[FIGURE_COLUMNS]))
    english = language("en")
    checks = pd.DataFrame([[c.severity, c.code, c.locality, c.indicator, c.period, check_sentence(site, english, c)]
                           for c in site.checks], columns=CHECK_COLUMNS)
    files.append(csv_file("data/checks.csv", checks))
    files.append(csv_file("data/metrics.csv", metrics_frame(site)))
    return files


def metrics_frame(site: SiteData) -> pd.DataFrame:
    """One row per metric; the basis in English, citing figures by period and document id."""
    english = language("en")
    citer = data_citer(english)
    rows = [[m.locality, m.indicator, m.period, m.metric, m.value, m.unit,
             metric_basis(english, m, site.analysis.metrics_for(m.locality, m.indicator), citer)]
            for m in site.analysis.metrics]
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)


def chart_files(pages: list[Page]) -> list[OutputFile]:
    """One CSV per chart (canonical numbers, language of the root site), for download."""
    files = {}
    for page in pages:
        if page.lang != LANGUAGES[0]:
            continue
        for chart in page.charts:
            rows = [[r["series"], r["kind"], r["date"], float(r["value"]), r["value_label"], r["source_label"]]
                    for r in chart.rows]
            files[chart.csv] = csv_file(chart.csv, pd.DataFrame(rows, columns=CHART_COLUMNS))
    return list(files.values())
