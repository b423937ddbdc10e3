"""Cells a spreadsheet would run as a formula, in the CSVs readers download (CSV injection).

Excel, LibreOffice and Google Sheets treat a cell starting with =, +, -, @ (or a tab or carriage
return before one) as a formula: `=HYPERLINK(…)` in a quote would become a live link in the
journalist's spreadsheet. Every published CSV writes such a text cell with a leading ' (which
spreadsheets read as "this is text" and do not show); numbers stay numbers, so -1.5 in a numeric
column is left alone. `sitegen check` warns about every such cell of the inputs.
"""

from __future__ import annotations

import csv
import io

from .data import Table
from .errors import Issue
from .files import display_path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula(cell: str) -> bool:
    """Whether a spreadsheet could run this text cell (spaces before the sign do not stop every one).
    Only a cell starting with whitespace needs stripping: it is called for every published cell."""
    first = cell[:1]
    return first in FORMULA_STARTS or (first.isspace() and cell.strip()[:1] in FORMULA_STARTS)


def neutralised(cell: str) -> str:
    return "'" + cell if is_formula(cell) else cell


def text_columns(table: Table) -> list[int]:
    """Positions of the columns of type string (numbers, dates and booleans are not text)."""
    return [i for i, spec in enumerate(table.schema["fields"]) if spec.get("type", "string") == "string"]


def formula_cells(table: Table) -> list[tuple[int, str, str]]:
    """(line, column, cell) of every text cell a spreadsheet would run, header aside."""
    names, columns = table.field_names, text_columns(table)
    return [(line, names[i], record[i]) for line, record in table.records[1:] for i in columns
            if i < len(record) and is_formula(record[i])]


def formula_warnings(table: Table) -> list[Issue]:
    return [Issue(display_path(table.path), line, column, "formula-cell",
                  f"starts with {first_sign(cell)}, which a spreadsheet would run as a formula",
                  "the published CSV writes it with a ' in front so that it reads as text; "
                  "remove the sign if it is not meant", severity="warning")
            for line, column, cell in formula_cells(table)]


def first_sign(cell: str) -> str:
    sign = cell[:1] if cell[:1] in FORMULA_STARTS else cell.strip()[:1]
    return {"\t": "a tab", "\r": "a carriage return"}.get(sign, f"'{sign}'")


def published_copy(table: Table) -> str:
    """The input file as published: as read (UTF-8, LF, NFC) when no cell needs neutralising,
    otherwise every record written again with its formula-like text cells neutralised."""
    if not formula_cells(table):
        return table.text
    columns = set(text_columns(table))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for number, (_, record) in enumerate(table.records):
        writer.writerow([neutralised(c) if number and i in columns else c for i, c in enumerate(record)])
    return buffer.getvalue()
