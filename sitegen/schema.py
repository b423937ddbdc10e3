"""The rules the code relies on, whatever datapackage.json says, and the shape of a usable descriptor.

datapackage.json describes the files for other Data Package tools and may add constraints of its
own (a pattern on a free-text column, a required note), but it cannot loosen these: the type of
every field the code reads and which of them are required; the patterns of ids (they become file
names and chart ids: locality and document ids join words with '-', indicator ids with '_', so
`locality-<locality>-<indicator>` can never be read two ways) and of URLs (they become links: only
http and https, in any case); the period grammar and the vocabularies; the primary and foreign
keys. On the columns the code owns, its pattern or vocabulary is the rule and the descriptor's
pattern or enum is not used (tests/test_architecture.py keeps the bundled descriptor saying the
same, for other tools).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .limits import MAX_PATTERN_CHARS
from .periods import PERIOD_GRAMMAR, PERIOD_PATTERN
from .vocabulary import FIGURE_KINDS, QUALIFIERS, SCALES, UNITS

RESOURCES = ("localities", "indicators", "sources", "observations")

HYPHEN_ID = r"[a-z0-9]+(-[a-z0-9]+)*"
UNDERSCORE_ID = r"[a-z0-9]+(_[a-z0-9]+)*"
# http or https in any case (HTTPS://… is as valid as https://…), a host, then no white space.
URL = r"[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+[^\s]*"
HYPHEN_ID_HINT = "lower-case letters and digits joined by '-', e.g. da-nang; used in URLs and references"
UNDERSCORE_ID_HINT = "lower-case letters and digits joined by '_', e.g. bhxh_voluntary; used in URLs and references"


@dataclass(frozen=True)
class Rule:
    """What the code needs of one column."""
    type: str = "string"                   # string, number, date or boolean
    required: bool = False
    pattern: str | None = None             # the whole value must match
    allowed: tuple[str, ...] | None = None  # a vocabulary
    hint: str | None = None
    is_id: bool = False                    # an id: also limited in length (it names files)


# Required here: what the code cannot do without (ids, the names readers tell rows apart by, every
# part of a figure, its source and quote, an indicator's scale). datapackage.json may require more
# (a document's title).
TEXT, REQUIRED_TEXT = Rule(), Rule(required=True)
FIELDS: dict[str, dict[str, Rule]] = {
    "localities": {
        "id": Rule(required=True, pattern=HYPHEN_ID, hint=HYPHEN_ID_HINT, is_id=True),
        "name_vi": REQUIRED_TEXT, "name_en": REQUIRED_TEXT, "level": TEXT, "parent": TEXT,
        "reorganisation_note_vi": TEXT, "reorganisation_note_en": TEXT,
        "reorganised": Rule("boolean"), "caveat_vi": TEXT, "caveat_en": TEXT},
    "indicators": {
        "id": Rule(required=True, pattern=UNDERSCORE_ID, hint=UNDERSCORE_ID_HINT, is_id=True),
        "name_vi": REQUIRED_TEXT, "name_en": REQUIRED_TEXT, "denominator_vi": TEXT,
        "denominator_en": TEXT, "part_of": TEXT,
        "unit": Rule(required=True, allowed=tuple(SCALES),
                     hint="percent for a share of the denominator, index for an index score"),
        "headline": Rule("boolean"), "overview": Rule("boolean")},
    "sources": {
        "id": Rule(required=True, pattern=HYPHEN_ID, hint=HYPHEN_ID_HINT, is_id=True),
        "number": TEXT, "type": TEXT, "issuer": TEXT, "issuer_en": TEXT, "signer": TEXT,
        "issued": Rule("date"), "title": TEXT, "title_en": TEXT,
        "url": Rule(pattern=URL, hint="an http:// or https:// address of the page where the quoted text was read"),
        "note_vi": TEXT, "note_en": TEXT},
    "observations": {
        "locality": REQUIRED_TEXT, "subdivision": TEXT, "indicator": REQUIRED_TEXT,
        "period": Rule(required=True, pattern=PERIOD_PATTERN, hint=PERIOD_GRAMMAR),
        "kind": Rule(required=True, allowed=FIGURE_KINDS), "value": Rule("number", required=True),
        "unit": Rule(required=True, allowed=UNITS), "qualifier": Rule(required=True, allowed=tuple(QUALIFIERS)),
        "source": REQUIRED_TEXT, "quote": REQUIRED_TEXT,
        "note_vi": TEXT, "note_en": TEXT},
}
PRIMARY_KEYS = {"localities": ("id",), "indicators": ("id",), "sources": ("id",),
                "observations": ("locality", "subdivision", "indicator", "period", "kind", "unit", "source")}


@dataclass(frozen=True)
class ForeignKey:
    resource: str
    field: str
    target: str
    target_field: str


FOREIGN_KEYS = (
    ForeignKey("localities", "parent", "localities", "id"),
    ForeignKey("indicators", "part_of", "indicators", "id"),
    ForeignKey("observations", "locality", "localities", "id"),
    ForeignKey("observations", "indicator", "indicators", "id"),
    ForeignKey("observations", "source", "sources", "id"),
)
FIELD_TYPES = {"string", "number", "integer", "date", "boolean"}


def descriptor_problem(descriptor) -> tuple[str, str] | None:
    """(code, message) for a descriptor the code cannot use: missing resources, paths or fields,
    fields of another type than the code reads, constraints or keys of the wrong shape."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return "missing-resource", "the descriptor must be an object with a 'resources' list"
    by_name = {r.get("name"): r for r in resources if isinstance(r, dict)}
    missing = [n for n in RESOURCES if n not in by_name]
    if missing:
        return "missing-resource", f"resource(s) {', '.join(missing)} not described"
    names = {}
    for check in (shape_problem, fields_problem):
        for name in RESOURCES:
            problem = check(name, by_name[name], names)
            if problem:
                return "bad-descriptor", f"resource '{name}'{problem}"
    return None


def shape_problem(name: str, resource: dict, names: dict[str, list[str]]) -> str | None:
    """A path and a list of named fields, including every field the code reads; records the names."""
    path, schema = resource.get("path"), resource.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if path != f"{name}.csv":
        return f" must have the 'path' {name}.csv"
    if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str)
                                               for f in fields):
        return " needs a 'schema' with a list of named 'fields'"
    names[name] = [f["name"] for f in fields]
    twice = sorted({n for n in names[name] if names[name].count(n) > 1})
    if twice:
        return f" describes the field '{twice[0]}' twice"
    if any(n.startswith("_") for n in names[name]):
        return " has a field whose name starts with '_', which sitegen keeps for its own columns"
    lacking = [f for f in FIELDS[name] if f not in names[name]]
    return f" lacks the field(s) {', '.join(lacking)}" if lacking else None


def fields_problem(name: str, resource: dict, names: dict[str, list[str]]) -> str | None:
    schema = resource["schema"]
    for spec in schema["fields"]:
        problem = field_problem(spec, FIELDS[name].get(spec["name"]))
        if problem:
            return f", field '{spec['name']}': {problem}"
    return keys_problem(schema, name, names)


def field_problem(field: dict, rule: Rule | None) -> str | None:
    kind, constraints = field.get("type", "string"), field.get("constraints", {})
    if kind not in FIELD_TYPES:
        return f"type must be one of {', '.join(sorted(FIELD_TYPES))}"
    if rule is not None and kind != rule.type:
        return f"type must be '{rule.type}': the code reads it as such"
    if not isinstance(constraints, dict):
        return "'constraints' must be an object"
    if not isinstance(constraints.get("required", False), bool):
        return "'required' must be true or false"
    enum = constraints.get("enum", [])
    if not isinstance(enum, list) or not all(isinstance(v, str) for v in enum) or (enum and kind != "string"):
        return "'enum' must be a list of text values, on a string field"
    for values in ("trueValues", "falseValues"):
        if not isinstance(field.get(values, []), list) or not all(isinstance(v, str) for v in field.get(values, [])):
            return f"'{values}' must be a list of text values"
    return pattern_problem(constraints.get("pattern"), kind)


def pattern_problem(pattern, kind: str) -> str | None:
    if pattern is None:
        return None
    if not isinstance(pattern, str) or kind != "string":
        return "'pattern' must be text, on a string field"
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"'pattern' is longer than {MAX_PATTERN_CHARS} characters"
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return "'pattern' is not a valid regular expression"
    return None


def key_fields(value) -> list | None:
    """A key's fields as a list ('id' or ['id']), or None when it is neither."""
    fields = [value] if isinstance(value, str) else value
    return fields if isinstance(fields, list) and fields and all(isinstance(f, str) for f in fields) else None


def keys_problem(schema: dict, name: str, names: dict[str, list[str]]) -> str | None:
    if "primaryKey" in schema:
        key = key_fields(schema["primaryKey"])
        if key is None or not set(key) <= set(names[name]):
            return ": 'primaryKey' must name fields of the resource"
    foreign = schema.get("foreignKeys", [])
    if not isinstance(foreign, list):
        return ": 'foreignKeys' must be a list"
    for fk in foreign:
        problem = foreign_key_problem(fk, names[name], names)
        if problem:
            return f": a foreign key {problem}"
    return None


def foreign_key_problem(fk, fields_here: list[str], names: dict[str, list[str]]) -> str | None:
    reference = fk.get("reference") if isinstance(fk, dict) else None
    fields = key_fields(fk.get("fields")) if isinstance(fk, dict) else None
    if fields is None or len(fields) != 1 or fields[0] not in fields_here:
        return "needs 'fields' naming one field of the resource"
    if not isinstance(reference, dict) or reference.get("resource") not in names:
        return f"needs a 'reference' to one of the resources {', '.join(RESOURCES)}"
    target_fields = key_fields(reference.get("fields"))
    if target_fields is None or len(target_fields) != 1 or target_fields[0] not in names[reference["resource"]]:
        return "needs 'reference' 'fields' naming one field of the referenced resource"
    return None


def descriptor_foreign_keys(schema: dict, resource: str) -> list[ForeignKey]:
    """The descriptor's foreign keys (shape already checked), beside the code's own."""
    keys = []
    for fk in schema.get("foreignKeys", []):
        reference = fk["reference"]
        keys.append(ForeignKey(resource, key_fields(fk["fields"])[0], reference["resource"],
                               key_fields(reference["fields"])[0]))
    return keys
