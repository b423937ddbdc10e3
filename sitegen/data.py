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
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .errors import Issue

# Stands in for a cell that could not be converted (already reported), so that later
# rules neither re-report it as missing nor compute with it.
INVALID = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()

RESOURCES = ("localities", "indicators", "sources", "observations")
# The fields the code relies on; datapackage.json may describe more, never fewer.
NEEDED_FIELDS = {
    "localities": ("id", "name_vi", "name_en", "level", "parent", "reorganisation_note_vi", "reorganisation_note_en",
                   "reorganised", "caveat_vi", "caveat_en"),
    "indicators": ("id", "name_vi", "name_en", "denominator_vi", "denominator_en", "unit", "part_of", "headline",
                   "overview"),
    "sources": ("id", "number", "type", "issuer", "signer", "issued", "title", "url", "note"),
    "observations": ("locality", "subdivision", "indicator", "period", "kind", "value", "unit", "qualifier",
                     "source", "quote", "note"),
}
DESCRIPTOR = "datapackage.json"

CANONICAL_NUMBER = re.compile(r"-?\d+(\.\d+)?")
# 29,72 (decimal comma) or 17.404 / 1.868.404 (dot for thousands), as Vietnamese documents write.
VIETNAMESE_DECIMAL = re.compile(r"-?\d+,\d+")
VIETNAMESE_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")


@dataclass
class Table:
    name: str
    path: Path
    schema: dict
    frame: pd.DataFrame

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.schema["fields"]]


@dataclass
class Dataset:
    folder: Path
    descriptor: dict
    tables: dict[str, Table] = field(default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name].frame
        raise AttributeError(name)


def load_dataset(folder: Path) -> tuple[Dataset | None, list[Issue]]:
    """Read every resource of `folder`/datapackage.json. Returns (None, issues) if the
    descriptor itself is unusable; otherwise a Dataset with whatever could be read."""
    descriptor, issues = read_descriptor(folder)
    if descriptor is None:
        return None, issues
    dataset = Dataset(folder=folder, descriptor=descriptor)
    for resource in descriptor["resources"]:
        table, table_issues = read_table(folder, resource)
        issues.extend(table_issues)
        if table is not None:
            dataset.tables[resource["name"]] = table
    return dataset, issues


def read_descriptor(folder: Path) -> tuple[dict | None, list[Issue]]:
    path = folder / DESCRIPTOR
    shown = display_path(path)
    if not folder.is_dir():
        return None, [Issue(display_path(folder), None, None, "missing-folder",
                            "data folder not found", "pass --data DIR")]
    text, issues = read_text(path)
    if text is None:
        return None, issues
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as err:
        return None, [Issue(shown, err.lineno, None, "invalid-json",
                            f"not valid JSON: {err.msg} at column {err.colno}",
                            "compare with the bundled data/datapackage.json")]
    problem = descriptor_problem(descriptor)
    if problem:
        return None, [Issue(shown, None, None, "missing-resource", problem,
                            "restore the resource entries from the bundled data/datapackage.json")]
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in RESOURCES]
    return descriptor, []


def descriptor_problem(descriptor) -> str | None:
    """What makes a descriptor unusable: missing resources, paths, schemas or needed fields."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return "the descriptor must be an object with a 'resources' list"
    by_name = {r.get("name"): r for r in resources if isinstance(r, dict)}
    missing = [n for n in RESOURCES if n not in by_name]
    if missing:
        return f"resource(s) {', '.join(missing)} not described"
    for name in RESOURCES:
        resource = by_name[name]
        path, schema = resource.get("path"), resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(path, str) or "/" in path or "\\" in path or path.startswith("."):
            return f"resource '{name}' needs a 'path' naming a file in the data folder"
        if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str)
                                                   for f in fields):
            return f"resource '{name}' needs a 'schema' with a list of named 'fields'"
        lacking = [f for f in NEEDED_FIELDS[name] if f not in {spec["name"] for spec in fields}]
        if lacking:
            return f"resource '{name}' lacks the field(s) {', '.join(lacking)}"
        for spec in fields:
            problem = field_problem(spec)
            if problem:
                return f"resource '{name}', field '{spec['name']}': {problem}"
    return None


FIELD_TYPES = {"string", "number", "integer", "date", "boolean"}


def field_problem(field: dict) -> str | None:
    constraints = field.get("constraints", {})
    if field.get("type", "string") not in FIELD_TYPES:
        return f"type must be one of {', '.join(sorted(FIELD_TYPES))}"
    if not isinstance(constraints, dict):
        return "'constraints' must be an object"
    if "enum" in constraints and not isinstance(constraints["enum"], list):
        return "'enum' must be a list"
    try:
        re.compile(constraints.get("pattern", ""))
    except (re.error, TypeError):
        return "'pattern' is not a valid regular expression"
    return None


def read_text(path: Path) -> tuple[str | None, list[Issue]]:
    """Read a UTF-8 file (a BOM is allowed), normalise line ends to LF and text to NFC."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Issue(shown, None, None, "missing-file", "file not found",
                            "create it or restore it from version control")]
    except OSError as err:
        return None, [Issue(shown, None, None, "unreadable-file",
                            f"cannot read file: {err.strerror}", "check the file's permissions")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        byte = raw[err.start:err.start + 1].hex()
        excel = ", in Excel as 'CSV UTF-8'" if path.suffix == ".csv" else ""
        return None, [Issue(shown, line, None, "encoding-error",
                            f"not UTF-8 text (byte 0x{byte} cannot be decoded)",
                            f"save it again as UTF-8{excel}; Latin-1 and Windows-1258 are not read")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), []


def read_table(folder: Path, resource: dict) -> tuple[Table | None, list[Issue]]:
    path = folder / resource["path"]
    schema = resource["schema"]
    text, issues = read_text(path)
    if text is None:
        return None, issues
    records, issues = split_records(text, display_path(path))
    if issues:
        return None, issues
    if not records:
        expected = ",".join(f["name"] for f in schema["fields"])
        return None, [Issue(display_path(path), None, None, "empty-file",
                            "file is empty", f"the first line must be the header: {expected}")]
    header_line, header = records[0]
    issues = check_header(header, schema, display_path(path), header_line)
    if issues:
        return None, issues
    rows, issues = typed_rows(records[1:], schema, display_path(path))
    columns = [f["name"] for f in schema["fields"]] + ["_line"]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return Table(resource["name"], path, schema, frame), issues


def split_records(text: str, shown: str) -> tuple[list[tuple[int, list[str]]], list[Issue]]:
    """CSV records with the line each starts on; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text), strict=True)
    records, line = [], 1
    try:
        for record in reader:
            if record and any(cell.strip() for cell in record):
                records.append((line, record))
            line = reader.line_num + 1
    except csv.Error as err:
        return [], [Issue(shown, line, None, "csv-syntax",
                          f"broken CSV: a quoted value is not closed where it should be (Python's csv: {err})",
                          "close the quote at the end of the value; a quote inside a quoted value is "
                          "written twice: \"\"")]
    return records, []


def check_header(header: list[str], schema: dict, shown: str, line: int) -> list[Issue]:
    expected = [f["name"] for f in schema["fields"]]
    header = [h.strip() for h in header]
    issues = []
    for name in header:
        if name not in expected:
            close = difflib.get_close_matches(name, expected, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"remove it; the columns are: {','.join(expected)}"
            issues.append(Issue(shown, line, name, "extra-column", "unknown column", hint))
    for name in expected:
        if name not in header:
            issues.append(Issue(shown, line, name, "missing-column", "column is missing",
                                f"the header must be: {','.join(expected)}"))
    if not issues and header != expected:
        issues.append(Issue(shown, line, None, "column-order", "columns are out of order",
                            f"the header must be: {','.join(expected)}"))
    duplicated = sorted({h for h in header if header.count(h) > 1})
    for name in duplicated:
        issues.append(Issue(shown, line, name, "duplicate-column", "column appears twice"))
    return issues


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
                issues.append(Issue(shown, line, spec["name"], "type-error", *issue))
                value = INVALID
            row.append(value)
        rows.append(row + [line])
    return rows, issues


def parse_cell(cell: str, spec: dict) -> tuple[object, tuple[str, str | None] | None]:
    """Convert one cell to its field type: (value, None) or (None, (message, hint))."""
    if cell == "":
        return None, None
    kind = spec.get("type", "string")
    if kind == "number":
        return parse_number(cell)
    if kind == "date":
        try:
            return date.fromisoformat(cell), None
        except ValueError:
            return None, (f"expected a date, got '{cell}'", "write it as YYYY-MM-DD, e.g. 2021-04-12")
    if kind == "boolean":
        if cell in spec.get("trueValues", ["true"]):
            return True, None
        if cell in spec.get("falseValues", ["false"]):
            return False, None
        return None, (f"expected true or false, got '{cell}'", None)
    return cell, None


def parse_number(cell: str) -> tuple[float | None, tuple[str, str | None] | None]:
    if CANONICAL_NUMBER.fullmatch(cell):
        return float(cell), None
    message = f"expected a number, got '{cell}'"
    if VIETNAMESE_THOUSANDS.fullmatch(cell):
        canonical = cell.replace(".", "").replace(",", ".")
        return None, (message, f"use {canonical}: no thousands separator")
    if VIETNAMESE_DECIMAL.fullmatch(cell):
        return None, (message, f"use {cell.replace(',', '.')}: a dot for decimals")
    if cell.endswith("%") and CANONICAL_NUMBER.fullmatch(cell[:-1].replace(",", ".")):
        return None, (message, f"use {cell[:-1].replace(',', '.')} and put the unit in the 'unit' column")
    return None, (message, "write digits with a dot for decimals, e.g. 29.72")


def display_path(path: Path) -> str:
    """The path as the curator typed it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
