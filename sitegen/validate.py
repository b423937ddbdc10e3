"""Schema, reference and range rules.

Input: a `Dataset` read by data.py. Output: every `Issue` found (not just the
first), each with file, line and column. Cell types were checked while reading;
this stage checks what the schema constrains (required, enums, patterns, keys,
references) and the domain rules (ranges, whole persons, real periods).
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from .data import INVALID, Dataset, Table, frame_rows, number_text
from .errors import Issue, excerpt
from .files import display_path
from .limits import MAX_ID_CHARS, PATTERN_SECONDS, TimeLimitExceeded, time_limit
from .periods import PERIOD_GRAMMAR, parse_period
from .schema import FIELDS, FOREIGN_KEYS, PRIMARY_KEYS, ForeignKey, Rule, descriptor_foreign_keys, key_fields

# The code's own vocabularies: enforced whatever datapackage.json says (a test keeps the
# descriptor's enums equal to these, for other Data Package tools).
VOCABULARIES = {name: rule.allowed for name, rule in FIELDS["observations"].items() if rule.allowed}
# Names readers tell localities and indicators apart by: two alike would share one chart line.
DISPLAY_NAMES = {"localities": ("name_vi", "name_en"), "indicators": ("name_vi", "name_en")}


def validate(dataset: Dataset) -> list[Issue]:
    issues: list[Issue] = []
    for table in dataset.tables.values():
        issues += field_constraints(table, dataset)
        issues += primary_keys(table)
        issues += duplicate_names(table)
    issues += foreign_keys(dataset)
    if "observations" in dataset.tables:
        observations = dataset.tables["observations"]
        reported = {(i.line, i.column) for i in issues if i.path == display_path(observations.path)}
        issues += [i for i in observation_rules(observations) if (i.line, i.column) not in reported]
    return sorted(issues, key=lambda i: (i.path, i.line or 0, i.column or ""))


def field_constraints(table: Table, dataset: Dataset) -> list[Issue]:
    """Each cell against the code's rule for its column, then the descriptor's own constraints:
    at most one problem per cell. Only the descriptor's patterns, which nobody vetted, run under
    a time limit."""
    issues = []
    for spec in table.schema["fields"]:
        name = spec["name"]
        rule, constraints = FIELDS[table.name].get(name, Rule()), dict(spec.get("constraints", {}))
        if rule.pattern or rule.allowed:
            constraints.pop("pattern", None), constraints.pop("enum", None)   # the code's rule is the rule
        pattern = constraints.pop("pattern", None)
        found = column_problems(table, name, rule, constraints, spec)
        if pattern:
            try:
                with time_limit(PATTERN_SECONDS):
                    found += pattern_problems(table, name, pattern, spec, {i.line for i in found})
            except TimeLimitExceeded:
                found.append(slow_pattern(dataset, table, name, pattern))
        issues += found
    return issues


def column_problems(table: Table, name: str, rule: Rule, constraints: dict, spec: dict) -> list[Issue]:
    shown, issues = display_path(table.path), []
    for line, value in zip(table.frame["_line"].tolist(), table.frame[name].tolist()):
        problem = rule_problem(value, rule, spec) or constraint_problem(value, constraints, spec)
        if problem:
            issues.append(Issue(shown, line, name, *problem))
    return issues


def pattern_problems(table: Table, name: str, pattern: str, spec: dict, reported: set[int]) -> list[Issue]:
    """The cells that do not match the descriptor's pattern for their column (a cell already
    reported, or empty, is not matched)."""
    shown, hint = display_path(table.path), spec.get("description") or f"it must match {excerpt(pattern, 40)}"
    compiled = re.compile(pattern)
    return [Issue(shown, line, name, "pattern", f"'{excerpt(value)}' is not well-formed", hint)
            for line, value in zip(table.frame["_line"].tolist(), table.frame[name].tolist())
            if isinstance(value, str) and line not in reported and not compiled.fullmatch(value)]


def slow_pattern(dataset: Dataset, table: Table, name: str, pattern: str) -> Issue:
    return Issue(display_path(dataset.folder / "datapackage.json"), None, None, "slow-pattern",
                 f"the pattern '{excerpt(pattern, 40)}' of field '{name}' took more than {PATTERN_SECONDS} s on "
                 f"{display_path(table.path)}: it backtracks catastrophically",
                 "simplify it: avoid repeating a group that can match the same text in two ways, as in (a|aa)+")


def rule_problem(value, rule: Rule, spec: dict) -> tuple | None:
    """(code, message, hint) for a value that breaks the code's rule for its column."""
    if value is INVALID:
        return None
    if value is None:
        return ("required", "a value is required", rule.hint or spec.get("description")) if rule.required else None
    if rule.is_id and len(value) > MAX_ID_CHARS:
        return ("too-long", f"'{value[:20]}…' has {len(value)} characters, more than {MAX_ID_CHARS}",
                "shorten it: ids become file names")
    if rule.allowed and value not in rule.allowed:
        return enum_problem(value, rule.allowed, rule.hint)
    if rule.pattern and not re.fullmatch(rule.pattern, value):
        return ("pattern", f"'{excerpt(value)}' is not well-formed", rule.hint)
    return None


def enum_problem(value: str, allowed, hint: str | None = None) -> tuple:
    close = difflib.get_close_matches(value, list(allowed), n=1)
    hint = f"did you mean '{close[0]}'?" if close else hint
    return ("enum", f"expected one of {', '.join(allowed)}, got '{excerpt(value)}'", hint)


def constraint_problem(value, constraints: dict, spec: dict) -> tuple | None:
    """(code, message, hint) for a value that breaks the descriptor's constraints for its field
    (its pattern is matched apart, under a time limit)."""
    if value is INVALID:
        return None
    if value is None:
        if constraints.get("required"):
            return ("required", "a value is required", spec.get("description"))
        return None
    if "enum" in constraints and value not in constraints["enum"]:
        return enum_problem(value, constraints["enum"])
    return None


def primary_keys(table: Table) -> list[Issue]:
    """The code's key of the table, and the descriptor's if it names another."""
    keys = [list(PRIMARY_KEYS[table.name])]
    declared = key_fields(table.schema.get("primaryKey"))
    if declared and declared != keys[0]:
        keys.append(declared)
    reported, issues = set(), []
    for key in keys:
        for issue in duplicate_rows(table, key):
            if issue.line not in reported:
                reported.add(issue.line)
                issues.append(issue)
    return issues


def duplicate_rows(table: Table, key: list[str]) -> list[Issue]:
    frame = table.frame
    first_line: dict[tuple, int] = {}
    issues = []
    for line, values in zip(frame["_line"].tolist(), frame[key].itertuples(index=False, name=None)):
        if values in first_line:
            issues.append(Issue(display_path(table.path), line, None, "duplicate-key",
                                f"duplicate row: same {', '.join(key)} as line {first_line[values]}",
                                "remove one of the two rows, or correct the one that is wrong"))
        else:
            first_line[values] = line
    return issues


def name_key(name: str) -> str:
    """Names that read alike: the same letters (NFC, any case) and words."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def duplicate_names(table: Table) -> list[Issue]:
    issues = []
    for column in DISPLAY_NAMES.get(table.name, ()):
        first: dict[str, tuple[int, str]] = {}
        for line, row_id, name in zip(table.frame["_line"].tolist(), table.frame["id"].tolist(),
                                      table.frame[column].tolist()):
            if not isinstance(name, str):
                continue
            if name_key(name) in first:
                other_line, other_id = first[name_key(name)]
                issues.append(Issue(display_path(table.path), line, column, "duplicate-name",
                                    f"'{excerpt(name)}' is also the name of '{other_id}' (line {other_line}): "
                                    "readers could not tell them apart", "give each its own name"))
            else:
                first[name_key(name)] = (line, row_id)
    return issues


def foreign_keys(dataset: Dataset) -> list[Issue]:
    """The code's references between files, and any more the descriptor declares."""
    keys = list(FOREIGN_KEYS)
    for table in dataset.tables.values():
        keys += [k for k in descriptor_foreign_keys(table.schema, table.name) if k not in keys]
    issues = []
    for key in keys:
        table, target = dataset.tables.get(key.resource), dataset.tables.get(key.target)
        if table is None or target is None:
            continue  # the missing file was reported when reading
        known = sorted(str(v) for v in target.frame[key.target_field] if v is not None and v is not INVALID)
        issues += unknown_references(table, key.field, known, display_path(target.path))
        if key.resource == key.target:
            issues += cycles(table, key)
    return issues


def unknown_references(table: Table, column: str, known: list[str], target_path: str) -> list[Issue]:
    issues = []
    known_set = set(known)
    for line, value in zip(table.frame["_line"].tolist(), table.frame[column].tolist()):
        if value is None or value is INVALID or str(value) in known_set:
            continue
        close = difflib.get_close_matches(str(value), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"add it to {target_path} first"
        issues.append(Issue(display_path(table.path), line, column, "unknown-reference",
                            f"'{excerpt(str(value))}' is not an id in {target_path}", hint))
    return issues


def cycles(table: Table, key: ForeignKey) -> list[Issue]:
    """Rows that are, through a chain of references within the table, part of themselves."""
    refers = {row_id: target
              for row_id, target in zip(table.frame[key.target_field].tolist(), table.frame[key.field].tolist())
              if isinstance(row_id, str) and isinstance(target, str)}
    issues = []
    for line, row_id in zip(table.frame["_line"].tolist(), table.frame[key.target_field].tolist()):
        chain = [row_id]
        while chain[-1] in refers and refers[chain[-1]] not in chain:
            chain.append(refers[chain[-1]])
        if chain[-1] in refers and refers[chain[-1]] == row_id:
            path = " → ".join(chain + [row_id])
            issues.append(Issue(display_path(table.path), line, key.field, "cycle",
                                f"'{row_id}' is part of itself: {path}",
                                f"the chain of '{key.field}' must end at a row without one"))
    return issues


def observation_rules(table: Table) -> list[Issue]:
    shown = display_path(table.path)
    issues = []
    for row in frame_rows(table.frame):
        for column, code, message, hint in observation_problems(row):
            issues.append(Issue(shown, row["_line"], column, code, message, hint))
    return issues


def observation_problems(row: dict) -> list[tuple]:
    problems = []
    value, unit, period = row["value"], row["unit"], row["period"]
    if value is INVALID:
        value = None
    if value is not None and unit == "percent" and not 0 <= value <= 100:
        problems.append(("value", "out-of-range",
                         f"a percentage must be between 0 and 100, got {excerpt(number_text(value), 20)}",
                         "percent values are written 29.72, not 0.2972 or 2972"))
    if value is not None and unit == "persons":
        if value < 0:
            problems.append(("value", "negative-count",
                             f"a count of persons cannot be negative, got {excerpt(number_text(value), 20)}", None))
        elif not isinstance(value, int):
            problems.append(("value", "not-integer", f"a count of persons must be a whole number, got "
                             f"{number_text(value)}", thousands_hint(value)))
    if isinstance(period, str):
        try:
            parse_period(period)
        except ValueError as err:
            problems.append(("period", "bad-period", f"not a real period: {err}", f"use {PERIOD_GRAMMAR}"))
    return problems


def thousands_hint(value: float) -> str | None:
    """17.404 persons is almost surely 17.404 written the Vietnamese way: 17404."""
    thousands = value * 1000
    if abs(thousands - round(thousands)) < 1e-6:
        return f"a dot marks thousands in Vietnamese; write {round(thousands)}"
    return None
