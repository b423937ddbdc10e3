"""The published data files: the curated inputs as read (UTF-8, LF, NFC), and the derived CSVs
with their fixed columns (figures.csv, checks.csv, metrics.csv, one CSV per chart).

Input: the dataset as read and checked, the site data and the pages. Output: `OutputFile`s, in
memory. Numbers are written canonically (29.72, 17404 — a whole number exactly, however many
digits), as the input CSVs write them; a text cell that a spreadsheet would run as a formula is
neutralised in every CSV (spreadsheets.py).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math

import pandas as pd

from .data import Dataset, number_text
from .i18n import language
from .pages import Page
from .schema import RESOURCES
from .sitedata import SiteData
from .spreadsheets import neutralised, published_copy
from .vocabulary import FLAGS, GRADES, METRICS, STATUSES
from .wording import check_sentence, data_citer, metric_basis, verdict_reason_line
from .writer import OutputFile

FIGURE_COLUMNS = ["locality", "subdivision", "indicator", "period", "kind", "value", "unit", "qualifier", "source"]
FLAG_COLUMN = "flag"   # figures.csv's last column: the flag a curator's note sets (vocabulary.FLAGS), or empty
CHECK_COLUMNS = ["severity", "code", "locality", "indicator", "period", "message"]
METRIC_COLUMNS = ["locality", "indicator", "period", "metric", "value", "unit", "basis"]
CHART_COLUMNS = ["series", "kind", "date", "value", "label", "source"]
VERDICT_COLUMNS = ["locality", "indicator", "target_period", "target_value", "qualifier", "target_source",
                   "latest_period", "latest_value", "latest_qualifier", "latest_flag", "latest_source", "as_of",
                   "projected_value", "status", "evidence", "reason"]


def canonical(value) -> str:
    """A cell as published: a number as the CSVs write it (29.72, 17404), empty for None (and for
    the NaN pandas puts in its place in a numeric column), text neutralised if a spreadsheet would
    run it as a formula."""
    if type(value) is str:   # most cells: tested first
        return neutralised(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value)
    return neutralised(str(value))


def csv_file(path: str, frame: pd.DataFrame) -> OutputFile:
    """The frame's cells made canonical column by column and written with the csv module, as
    pandas' to_csv would write them (a DataFrame.map over every cell took twice as long)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    writer.writerows(zip(*[[canonical(value) for value in frame[name].tolist()] for name in frame.columns]))
    return OutputFile(path, buffer.getvalue().encode("utf-8"))


def data_files(dataset: Dataset, site: SiteData) -> list[OutputFile]:
    """The inputs as they were read and checked (never read again: what is published is what
    was validated), then the derived CSVs but metrics.csv (metric_files)."""
    files = []
    for name in RESOURCES:
        table = dataset.tables[name]
        files.append(OutputFile(f"data/{table.path.name}", published_copy(table).encode("utf-8")))
    files.append(published_descriptor(dataset.descriptor_text))
    ordered = dataset.observations.sort_values("_line")
    flags = {f.line: f.flag.id for f in site.figures if f.flag}   # a value read without its caveat misleads
    files.append(csv_file("data/figures.csv", ordered[FIGURE_COLUMNS].assign(
        **{FLAG_COLUMN: [flags.get(line, "") for line in ordered["_line"]]})))
    english = language("en")
    checks = pd.DataFrame([[c.severity, c.code, c.locality, c.indicator, c.period, check_sentence(site, english, c)]
                           for c in site.checks], columns=CHECK_COLUMNS)
    files.append(csv_file("data/checks.csv", checks))
    files.append(csv_file("data/verdicts.csv", verdicts_frame(site)))
    return files


def metric_files(site: SiteData) -> list[OutputFile]:
    """metrics.csv, which takes about as long as the other data files together (every metric's
    basis is worded): a job of its own, so that two workers share the data files."""
    return [csv_file("data/metrics.csv", metrics_frame(site))]


def data_file_paths(dataset: Dataset) -> list[str]:
    """Every file data_files() and metric_files() write, from the site root (for the data page's
    Dataset description)."""
    return ([f"data/{dataset.tables[name].path.name}" for name in RESOURCES] + ["data/datapackage.json"]
            + [f"data/{name}" for name in DERIVED_FILES])


DERIVED_FILES = ("figures.csv", "checks.csv", "metrics.csv", "verdicts.csv")


def metrics_frame(site: SiteData) -> pd.DataFrame:
    """One row per metric; the basis in English, citing figures by period and document id."""
    english = language("en")
    citer = data_citer(english)
    rows = [[m.locality, m.indicator, m.period, m.metric, m.value, m.unit,
             metric_basis(english, m, site.analysis.metrics_for(m.locality, m.indicator), citer)]
            for m in site.analysis.metrics]
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)


def verdicts_frame(site: SiteData) -> pd.DataFrame:
    """One row per assessed target (the final target of each plan in force, then interim targets
    judged after their deadline), with the figures it rests on and its evidence grade."""
    rows = []
    for (locality, indicator), verdicts in sorted(site.analysis.verdicts.items()):
        for v in verdicts:
            latest = v.latest
            rows.append([locality, indicator, v.target.period, v.target.value, v.target.qualifier.id,
                         v.target.source, latest.period if latest else None, latest.value if latest else None,
                         latest.qualifier.id if latest else None, latest.flag.id if latest and latest.flag else None,
                         latest.source if latest else None, v.as_of.isoformat() if v.as_of else None,
                         round(v.projected, 2) if v.projected is not None else None, v.status, v.evidence,
                         verdict_reason_line(v)])
    return pd.DataFrame(rows, columns=VERDICT_COLUMNS)


def published_descriptor(text: str) -> OutputFile:
    """The curated datapackage.json (as read and checked) with the derived files described beside the inputs."""
    descriptor = json.loads(text)
    descriptor["resources"] += [DERIVED_METRICS, DERIVED_VERDICTS]
    return OutputFile("data/datapackage.json", (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode())


def field(name: str, kind: str, description: str, **constraints) -> dict:
    return {"name": name, "type": kind, "description": description,
            **({"constraints": constraints} if constraints else {})}


DERIVED_METRICS = {
    "name": "metrics", "path": "metrics.csv", "profile": "tabular-data-resource", "format": "csv",
    "mediatype": "text/csv", "encoding": "utf-8",
    "description": "Numbers derived by sitegen (not published by the sources), each with the figures it rests on.",
    "schema": {"fields": [
        field("locality", "string", "id in localities.csv", required=True),
        field("indicator", "string", "id in indicators.csv", required=True),
        field("period", "string", "the period the metric refers to", required=True),
        field("metric", "string", "what is measured", required=True, enum=list(METRICS)),
        field("value", "string", "a number, or for `status` a status id of verdicts.csv", required=True),
        field("unit", "string", "percent, pp, pp_per_year, persons, or empty for a status"),
        field("basis", "string", "the figures it was computed from (period; document id) and how", required=True)]}}

DERIVED_VERDICTS = {
    "name": "verdicts", "path": "verdicts.csv", "profile": "tabular-data-resource", "format": "csv",
    "mediatype": "text/csv", "encoding": "utf-8",
    "description": "One row per assessed target: the final target of each plan in force, and interim targets "
                   "judged after their deadline against a reading of that period's end (see the methodology page).",
    "schema": {"fields": [
        field("locality", "string", "id in localities.csv", required=True),
        field("indicator", "string", "id in indicators.csv", required=True),
        field("target_period", "string", "the target's period", required=True),
        field("target_value", "number", "the target, percent", required=True),
        field("qualifier", "string", "the target's wording (see observations.csv)", required=True),
        field("target_source", "string", "id in sources.csv of the target's document", required=True),
        field("latest_period", "string", "the newest actual the verdict rests on"),
        field("latest_value", "number", "its value, percent"),
        field("latest_qualifier", "string", "its wording, as in observations.csv (about 4.9% is not 4.9%)"),
        field("latest_flag", "string", "the caveat its curators' note sets (uncertain, background, …), or empty",
              enum=list(FLAGS)),
        field("latest_source", "string", "its document, id in sources.csv"),
        field("as_of", "date", "the date that actual describes"),
        field("projected_value", "number", "the straight line through the actuals used, at the deadline"),
        field("status", "string", "the verdict", required=True, enum=list(STATUSES)),
        field("evidence", "string", "how sure it is", required=True, enum=list(GRADES)),
        field("reason", "string", "the rule and the figures, in English", required=True)],
        "primaryKey": ["locality", "indicator", "target_period"]}}


def chart_files(page: Page) -> list[OutputFile]:
    """The CSV of each chart of a page (canonical numbers, in the page's language), for download.
    UTF-8 with a byte-order mark: without it Excel on Windows reads the Vietnamese as another
    encoding (the data package's own CSVs stay without one, as the Frictionless spec expects).
    Hundreds of small files: written with the csv module, which is what pandas' to_csv does
    for each of them after a far costlier setup. Charts of a page with the same dataset (an
    indicator's chart and its panels) have the same rows: their CSV is written once."""
    written: dict[str, bytes] = {}   # by dataset id
    for chart in page.charts:
        if chart.config["dataset"] not in written:
            written[chart.config["dataset"]] = chart_csv(chart)
    return [OutputFile(chart.csv, written[chart.config["dataset"]]) for chart in page.charts]


@functools.lru_cache(maxsize=None)
def chart_number(value: float) -> str:
    """A chart's value as the CSVs write numbers (the same values recur on hundreds of charts)."""
    return number_text(float(value))


# A chart's text cell as published (its series, kinds, labels and sources recur on hundreds of charts).
chart_text = functools.lru_cache(maxsize=None)(neutralised)


def chart_csv(chart) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CHART_COLUMNS)
    writer.writerows([chart_text(r["series"]), chart_text(r["kind"]), r["date"], chart_number(r["value"]),
                      chart_text(r["value_label"]), chart_text(r["source_label"])] for r in chart.rows)
    return buffer.getvalue().encode("utf-8-sig")
