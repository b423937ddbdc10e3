"""Schema, reference and range rules.

Input: a `Dataset` read by data.py. Output: every `Issue` found (not just the
first), each with file, line and column. Cell types were checked while reading;
this stage checks what the schema constrains (required, enums, patterns, keys,
references) and the domain rules (ranges, whole persons, real periods).
"""

from __future__ import annotations

import difflib
import re

from .data import INVALID, Dataset, Table, display_path
from .errors import Issue
from .periods import PERIOD_GRAMMAR, parse_period
from .vocabulary import FIGURE_KINDS, QUALIFIERS, SCALES, UNITS

# The code's own vocabularies: enforced whatever datapackage.json says (a test keeps the
# descriptor's enums equal to these, for other Data Package tools).
VOCABULARIES = {"kind": FIGURE_KINDS, "unit": UNITS, "qualifier": tuple(QUALIFIERS)}


def validate(dataset: Dataset) -> list[Issue]:
    issues: list[Issue] = []
    for table in dataset.tables.values():
        issues += field_constraints(table)
        issues += primary_key(table)
    issues += foreign_keys(dataset)
    if "indicators" in dataset.tables:
        issues += [i for i in scale_rule(dataset.tables["indicators"]) if (i.path, i.line, i.column) not in
                   {(j.path, j.line, j.column) for j in issues}]
    if "observations" in dataset.tables:
        observations = dataset.tables["observations"]
        reported = {(i.line, i.column) for i in issues if i.path == display_path(observations.path)}
        issues += [i for i in observation_rules(observations) if (i.line, i.column) not in reported]
    return sorted(issues, key=lambda i: (i.path, i.line or 0, i.column or ""))


def field_constraints(table: Table) -> list[Issue]:
    shown = display_path(table.path)
    issues = []
    for spec in table.schema["fields"]:
        name, constraints = spec["name"], spec.get("constraints", {})
        for line, value in zip(table.frame["_line"], table.frame[name]):
            problem = constraint_problem(value, constraints, spec)
            if problem:
                issues.append(Issue(shown, line, name, *problem))
    return issues


def constraint_problem(value, constraints: dict, spec: dict) -> tuple | None:
    """(code, message, hint) for a value that breaks its field's constraints."""
    if value is INVALID:
        return None
    if value is None:
        if constraints.get("required"):
            return ("required", "a value is required", spec.get("description"))
        return None
    if "enum" in constraints and value not in constraints["enum"]:
        close = difflib.get_close_matches(str(value), constraints["enum"], n=1)
        hint = f"did you mean '{close[0]}'?" if close else None
        allowed = ", ".join(constraints["enum"])
        return ("enum", f"expected one of {allowed}, got '{value}'", hint)
    pattern = constraints.get("pattern")
    if pattern and not re.fullmatch(pattern, str(value)):
        hint = spec.get("description") or f"it must match {pattern}"
        return ("pattern", f"'{value}' is not well-formed", hint)
    return None


def primary_key(table: Table) -> list[Issue]:
    key = table.schema.get("primaryKey") or []
    if not key:
        return []
    frame = table.frame
    first_line: dict[tuple, int] = {}
    issues = []
    for line, values in zip(frame["_line"], frame[key].itertuples(index=False, name=None)):
        if values in first_line:
            issues.append(Issue(display_path(table.path), line, None, "duplicate-key",
                                f"duplicate row: same {', '.join(key)} as line {first_line[values]}",
                                "remove one of the two rows, or correct the one that is wrong"))
        else:
            first_line[values] = line
    return issues


def foreign_keys(dataset: Dataset) -> list[Issue]:
    issues = []
    for table in dataset.tables.values():
        for fk in table.schema.get("foreignKeys", []):
            (column,) = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            target_name = fk["reference"]["resource"]
            target = dataset.tables.get(target_name)
            if target is None:
                continue  # the missing file was reported when reading
            (target_column,) = fk["reference"]["fields"] if isinstance(fk["reference"]["fields"], list) \
                else [fk["reference"]["fields"]]
            known = sorted(v for v in target.frame[target_column] if v is not None)
            issues += unknown_references(table, column, known, display_path(target.path))
    return issues


def unknown_references(table: Table, column: str, known: list[str], target_path: str) -> list[Issue]:
    issues = []
    known_set = set(known)
    for line, value in zip(table.frame["_line"], table.frame[column]):
        if value is None or value in known_set:
            continue
        close = difflib.get_close_matches(value, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"add it to {target_path} first"
        issues.append(Issue(display_path(table.path), line, column, "unknown-reference",
                            f"'{value}' is not an id in {target_path}", hint))
    return issues


def observation_rules(table: Table) -> list[Issue]:
    shown = display_path(table.path)
    issues = []
    for row in table.frame.to_dict("records"):
        for column, code, message, hint in observation_problems(row):
            issues.append(Issue(shown, row["_line"], column, code, message, hint))
    return issues


def observation_problems(row: dict) -> list[tuple]:
    problems = vocabulary_problems(row)
    value, unit, period = row["value"], row["unit"], row["period"]
    if value is INVALID:
        value = None
    if value is not None and unit == "percent" and not 0 <= value <= 100:
        problems.append(("value", "out-of-range", f"a percentage must be between 0 and 100, got {value:g}",
                         "percent values are written 29.72, not 0.2972 or 2972"))
    if value is not None and unit == "persons":
        if value < 0:
            problems.append(("value", "negative-count", f"a count of persons cannot be negative, got {value:g}", None))
        elif not float(value).is_integer():
            problems.append(("value", "not-integer", f"a count of persons must be a whole number, got {value:g}",
                             thousands_hint(value)))
    if isinstance(period, str):
        try:
            parse_period(period)
        except ValueError as err:
            problems.append(("period", "bad-period", f"not a real period: {err}", f"use {PERIOD_GRAMMAR}"))
    return problems


def scale_rule(table: Table) -> list[Issue]:
    """An indicator's unit says how its percentages read (vocabulary.SCALES): enforced here too."""
    shown = display_path(table.path)
    return [Issue(shown, line, "unit", "enum", f"expected one of {', '.join(SCALES)}, got '{unit}'",
                  "percent for a share of the denominator, index for an index score")
            for line, unit in zip(table.frame["_line"], table.frame["unit"])
            if isinstance(unit, str) and unit not in SCALES]


def vocabulary_problems(row: dict) -> list[tuple]:
    problems = []
    for column, allowed in VOCABULARIES.items():
        value = row[column]
        if isinstance(value, str) and value not in allowed:
            close = difflib.get_close_matches(value, allowed, n=1)
            problems.append((column, "enum", f"expected one of {', '.join(allowed)}, got '{value}'",
                             f"did you mean '{close[0]}'?" if close else None))
    return problems


def thousands_hint(value: float) -> str | None:
    """17.404 persons is almost surely 17.404 written the Vietnamese way: 17404."""
    thousands = value * 1000
    if abs(thousands - round(thousands)) < 1e-6:
        return f"a dot marks thousands in Vietnamese; write {round(thousands)}"
    return None
