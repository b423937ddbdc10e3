"""Reading the data folder: datapackage.json + CSV files -> typed tables.

Input: a folder holding `datapackage.json` and the CSV files it lists.
Output: a `Dataset` (one pandas DataFrame per resource, each row carrying the
file's own line number in `_line`) and the list of `Issue`s found while reading:
unreadable files, wrong encodings, broken CSV, wrong headers and cells that are
not of their field's type. Rules between cells and files live in validate.py.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd

from .errors import Issue, excerpt
from .files import display_path, read_text
from .limits import (MAX_CELL_CHARS, MAX_CSV_BYTES, MAX_DECIMAL_DIGITS, MAX_DESCRIPTOR_BYTES, MAX_INTEGER_DIGITS,
                     MAX_ROWS)
from .schema import RESOURCES, descriptor_problem

# Stands in for a cell that could not be converted (already reported), so that later
# rules neither re-report it as missing nor compute with it.
INVALID = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()

DESCRIPTOR = "datapackage.json"

# Only ASCII digits are digits here: Python's \d, int() and float() also accept Arabic-Indic,
# Devanagari and full-width digits (٣, ४०, ３５), which no curator means as a number.
CANONICAL_NUMBER = re.compile(r"-?([0-9]+)(\.[0-9]+)?")
# 29,72 (decimal comma) or 17.404 / 1.868.404 (dot for thousands), as Vietnamese documents write.
VIETNAMESE_DECIMAL = re.compile(r"-?[0-9]+,[0-9]+")
VIETNAMESE_THOUSANDS = re.compile(r"-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?")


@dataclass
class Table:
    name: str
    path: Path
    schema: dict
    frame: pd.DataFrame
    text: str = ""                                         # the file as read (UTF-8, LF, NFC)
    records: list[tuple[int, list[str]]] = field(default_factory=list)   # (line, cells), header first

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.schema["fields"]]


@dataclass
class Dataset:
    folder: Path
    descriptor: dict
    tables: dict[str, Table] = field(default_factory=dict)
    descriptor_text: str = ""

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name].frame
        raise AttributeError(name)


def load_dataset(folder: Path) -> tuple[Dataset | None, list[Issue]]:
    """Read every resource of `folder`/datapackage.json. Returns (None, issues) if the
    descriptor itself is unusable; otherwise a Dataset with whatever could be read."""
    descriptor, text, issues = read_descriptor(folder)
    if descriptor is None:
        return None, issues
    dataset = Dataset(folder=folder, descriptor=descriptor, descriptor_text=text)
    for resource in descriptor["resources"]:
        table, table_issues = read_table(folder, resource)
        issues.extend(table_issues)
        if table is not None:
            dataset.tables[resource["name"]] = table
    return dataset, issues


def read_descriptor(folder: Path) -> tuple[dict | None, str, list[Issue]]:
    path = folder / DESCRIPTOR
    shown = display_path(path)
    if not folder.is_dir():
        return None, "", [Issue(display_path(folder), None, None, "missing-folder",
                                "data folder not found", "pass --data DIR")]
    text, issues = read_text(path, folder, MAX_DESCRIPTOR_BYTES)
    if text is None:
        return None, "", issues
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as err:
        return None, "", [Issue(shown, err.lineno, None, "invalid-json",
                                f"not valid JSON: {err.msg} at column {err.colno}",
                                "compare with the bundled data/datapackage.json")]
    except RecursionError:
        return None, "", [Issue(shown, None, None, "invalid-json", "not usable JSON: nested too deeply",
                                "compare with the bundled data/datapackage.json")]
    problem = descriptor_problem(descriptor)
    if problem:
        return None, "", [Issue(shown, None, None, *problem,
                                "restore the resource entries from the bundled data/datapackage.json")]
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in RESOURCES]
    return descriptor, text, []


def read_table(folder: Path, resource: dict) -> tuple[Table | None, list[Issue]]:
    path = folder / resource["path"]
    schema, shown = resource["schema"], display_path(path)
    text, issues = read_text(path, folder, MAX_CSV_BYTES)
    if text is None:
        return None, issues
    records, issues = split_records(text, shown)
    if issues:
        return None, issues
    expected = ",".join(f["name"] for f in schema["fields"])
    if not records:
        return None, [Issue(shown, None, None, "empty-file",
                            "file is empty", f"the first line must be the header: {expected}")]
    header_line, header = records[0]
    issues = check_header(header, schema, shown, header_line)
    if issues:
        return None, issues
    if len(records) == 1:
        return None, [Issue(shown, None, None, "no-rows", "file has its header but no rows",
                            "add its rows; a file without rows would publish an empty site")]
    rows, issues = typed_rows(records[1:], schema, shown)
    columns = [f["name"] for f in schema["fields"]] + ["_line"]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return Table(resource["name"], path, schema, frame, text, records), issues


def split_records(text: str, shown: str) -> tuple[list[tuple[int, list[str]]], list[Issue]]:
    """CSV records with the line each starts on; blank lines are skipped. At most MAX_ROWS rows."""
    reader = csv.reader(io.StringIO(text), strict=True)
    records, line = [], 1
    try:
        for record in reader:
            if record and any(cell.strip() for cell in record):
                if len(records) > MAX_ROWS:
                    return [], [Issue(shown, line, None, "too-many-rows",
                                      f"file has more than {MAX_ROWS:,} rows, the limit for a CSV file",
                                      "the limits are listed in the README, under 'Guarantees'")]
                records.append((line, record))
            line = reader.line_num + 1
    except csv.Error as err:
        return [], [csv_problem(shown, line, err)]
    return records, []


def csv_problem(shown: str, line: int, err: csv.Error) -> Issue:
    if "field larger than field limit" in str(err):
        # Python's csv stops a cell at 131,072 characters: an unclosed quote, or a cell too long.
        return Issue(shown, line, None, "cell-too-long",
                     f"a value runs over {MAX_CELL_CHARS:,} characters (the limit of a cell)",
                     "close the quote that opens it if it is not closed, or shorten the value")
    return Issue(shown, line, None, "csv-syntax",
                 f"broken CSV: a quoted value is not closed where it should be (Python's csv: {err})",
                 "close the quote at the end of the value; a quote inside a quoted value is written twice: \"\"")


def check_header(header: list[str], schema: dict, shown: str, line: int) -> list[Issue]:
    expected = [f["name"] for f in schema["fields"]]
    header = [h.strip() for h in header]
    issues = []
    for name in header:
        if name not in expected:
            close = difflib.get_close_matches(name, expected, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"remove it; the columns are: {','.join(expected)}"
            issues.append(Issue(shown, line, excerpt(name), "extra-column", "unknown column", hint))
    for name in expected:
        if name not in header:
            issues.append(Issue(shown, line, name, "missing-column", "column is missing",
                                f"the header must be: {','.join(expected)}"))
    if not issues and header != expected:
        issues.append(Issue(shown, line, None, "column-order", "columns are out of order",
                            f"the header must be: {','.join(expected)}"))
    duplicated = sorted({h for h in header if header.count(h) > 1})
    for name in duplicated:
        issues.append(Issue(shown, line, excerpt(name), "duplicate-column", "column appears twice"))
    return issues


def frame_rows(frame: pd.DataFrame) -> list[dict]:
    """A table's rows as dicts of Python values: what DataFrame.to_dict("records") gives, five
    times faster (it boxes every cell on its own; tolist() converts a column at once)."""
    names = list(frame.columns)
    return [dict(zip(names, values)) for values in zip(*(frame[name].tolist() for name in names))]


def typed_rows(records, schema, shown) -> tuple[list[list], list[Issue]]:
    fields = schema["fields"]
    rows, issues = [], []
    for line, record in records:
        if len(record) != len(fields):
            hint = ("a value containing a comma must be put in double quotes" if len(record) > len(fields)
                    else "the row is cut short: give every column, leaving empty ones as ,,")
            issues.append(Issue(shown, line, None, "row-length",
                                f"row has {len(record)} fields, expected {len(fields)}", hint))
            continue
        row = []
        for spec, cell in zip(fields, record):
            value, issue = parse_cell(cell.strip(), spec)
            if issue:
                issues.append(Issue(shown, line, spec["name"], issue[0], *issue[1:]))
                value = INVALID
            row.append(value)
        rows.append(row + [line])
    return rows, issues


def parse_cell(cell: str, spec: dict) -> tuple[object, tuple | None]:
    """Convert one cell to its field type: (value, None) or (None, (code, message, hint))."""
    if cell == "":
        return None, None
    if len(cell) > MAX_CELL_CHARS:
        return None, ("cell-too-long", f"value has {len(cell):,} characters, more than {MAX_CELL_CHARS:,}",
                      "shorten it; a quote needs only the passage that holds the figure")
    kind = spec.get("type", "string")
    if kind in ("number", "integer"):
        value, problem = parse_number(cell)
        if problem is None and kind == "integer" and not isinstance(value, int):
            problem = (f"expected a whole number, got '{cell}'", None)
        return value, problem and ("type-error", *problem)
    if kind == "date":
        try:
            return date.fromisoformat(cell), None
        except ValueError:
            return None, ("type-error", f"expected a date, got '{excerpt(cell)}'",
                          "write it as YYYY-MM-DD, e.g. 2021-04-12")
    if kind == "boolean":
        if cell in spec.get("trueValues", ["true"]):
            return True, None
        if cell in spec.get("falseValues", ["false"]):
            return False, None
        return None, ("type-error", f"expected true or false, got '{excerpt(cell)}'", None)
    return cell, None


def parse_number(cell: str) -> tuple[int | float | None, tuple[str, str | None] | None]:
    """A canonical number: a whole number as an exact int, a decimal as a float; else (None, (message, hint))."""
    match = CANONICAL_NUMBER.fullmatch(cell)
    if match:
        return exact_number(cell, match)
    message = f"expected a number, got '{excerpt(cell)}'"
    if VIETNAMESE_THOUSANDS.fullmatch(cell):
        canonical = cell.replace(".", "").replace(",", ".")
        return None, (message, f"use {canonical}: no thousands separator")
    if VIETNAMESE_DECIMAL.fullmatch(cell):
        return None, (message, f"use {cell.replace(',', '.')}: a dot for decimals")
    if cell.endswith("%") and CANONICAL_NUMBER.fullmatch(cell[:-1].replace(",", ".")):
        return None, (message, f"use {cell[:-1].replace(',', '.')} and put the unit in the 'unit' column")
    return None, (message, "write digits 0-9 with a dot for decimals, e.g. 29.72")


def number_text(value: int | float) -> str:
    """29.72, 17404, 0.00001: a number as the CSVs write it, never in exponent notation, a whole
    float without '.0', an int with all its digits."""
    if isinstance(value, int) or not math.isfinite(value):
        return str(value)
    text = format(Decimal(repr(value)), "f")   # repr: the shortest text that reads back as the same float
    return text[:-2] if text.endswith(".0") else text


def exact_number(cell: str, match: re.Match) -> tuple[int | float | None, tuple[str, str | None] | None]:
    """Within the limits, every number is kept exactly as written: whole numbers as Python ints
    (a float would change a count of 17 digits or more), decimals with at most 15 significant
    digits as floats (which hold those exactly)."""
    whole, fraction = match.group(1), match.group(2)
    if fraction is None:
        if len(whole) > MAX_INTEGER_DIGITS:
            return None, (f"expected a number of at most {MAX_INTEGER_DIGITS} digits, got {len(whole):,} digits "
                          f"('{cell[:12]}…')", "check the cell: no count is that large")
        return int(cell), None
    significant = (whole + fraction[1:]).lstrip("0").rstrip("0")
    if len(significant) > MAX_DECIMAL_DIGITS:
        return None, (f"expected a number of at most {MAX_DECIMAL_DIGITS} significant digits, got "
                      f"'{excerpt(cell, 40)}'", f"round it to {MAX_DECIMAL_DIGITS} digits or fewer; more could "
                                                "not be kept exactly")
    return float(cell), None
