"""The code stays safe to change: no import cycles, short functions, and every domain rule
defined once — the published descriptor, the README and the methodology agree with the code's
own definitions (vocabulary.py, periods.py, consistency.py)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from sitegen import limits
from sitegen.consistency import CHECK_KINDS
from sitegen.periods import PERIOD_PATTERN
from sitegen.schema import FIELDS
from sitegen.validate import VOCABULARIES
from sitegen.vocabulary import FLAGS, METRICS, QUALIFIERS, SCALES, STATUSES
from tests.helpers import FIXTURES, REPO

PACKAGE = REPO / "sitegen"
MODULES = sorted(PACKAGE.glob("*.py"))
README = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())   # as read, line breaks aside


def sitegen_imports(path: Path) -> set[str]:
    """The sitegen modules a module imports (at any depth of its code, lazily or not)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("sitegen."))
    return found - {"__init__"}


def test_no_import_cycle_among_sitegen_modules():
    graph = {p.stem: sitegen_imports(p) for p in MODULES}
    visiting, done, cycles = set(), set(), []

    def visit(module, path):
        if module in visiting:
            cycles.append(" -> ".join(path[path.index(module):] + [module]))
            return
        if module in done or module not in graph:
            return
        visiting.add(module)
        for imported in sorted(graph[module]):
            visit(imported, path + [module])
        visiting.discard(module)
        done.add(module)

    for module in graph:
        visit(module, [])
    assert cycles == []


def test_no_function_over_40_lines():
    long = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > 40:
                    long.append(f"sitegen/{path.name}:{node.lineno} {node.name}() has {length} lines")
    assert long == []


@pytest.mark.parametrize("descriptor", [REPO / "data" / "datapackage.json",
                                        FIXTURES / "mini" / "data" / "datapackage.json"])
def test_the_descriptor_publishes_the_codes_own_rules(descriptor):
    """Other Data Package tools read datapackage.json: it must say what the code enforces."""
    fields = {f["name"]: f for r in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]
              if r["name"] == "observations" for f in r["schema"]["fields"]}
    assert fields["period"]["constraints"]["pattern"] == PERIOD_PATTERN
    for column, allowed in VOCABULARIES.items():
        assert fields[column]["constraints"]["enum"] == list(allowed), column
    resources = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]}
                 for r in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]}
    for resource in ("localities", "indicators", "sources"):   # ids: the code's patterns, for other tools
        assert resources[resource]["id"]["constraints"]["pattern"] == FIELDS[resource]["id"].pattern, resource
    assert resources["indicators"]["unit"]["constraints"]["enum"] == list(SCALES)


def test_the_readme_names_every_qualifier_flag_status_metric_and_check():
    for q in QUALIFIERS.values():
        words = f" ({q.document_words.replace('; ', ', ')})" if q.document_words else ""
        assert f"`{q.id}`{words}" in README, q.id
    for flag in FLAGS.values():
        for prefix in flag.prefixes:
            assert f'"{prefix}' in README, prefix
    for name in list(STATUSES) + list(METRICS):
        assert f"`{name}`" in README, name
    for check in CHECK_KINDS.values():
        assert f"| `{check.code}` | {check.description} |" in README, check.code


def test_no_vocabulary_is_spelled_out_twice():
    """The words of qualifiers, flags and statuses are string literals of vocabulary.py only
    (a label that is also an id, like "behind", is allowed: ids are how code names members)."""
    ids = set(QUALIFIERS) | set(FLAGS) | set(STATUSES)
    words = {q.word for q in QUALIFIERS.values()} | {f.label for f in FLAGS.values()} | \
            {s.label for s in STATUSES.values()} | {p for f in FLAGS.values() for p in f.prefixes}
    words -= ids | {""}
    for path in MODULES:
        if path.name == "vocabulary.py":
            continue
        literals = {node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(node, ast.Constant) and isinstance(node.value, str)}
        assert sorted(literals & words) == [], f"{path.name} spells out a vocabulary word"


def test_the_readme_states_every_limit_with_its_value():
    """README 'Guarantees' prints each limit of limits.py with the number the code uses."""
    names = [n for n in vars(limits) if n.startswith("MAX_") or n.endswith("_SECONDS")]
    assert sorted(names) == sorted(limits.DOCUMENTED)
    for name, phrase in limits.DOCUMENTED.items():
        value = getattr(limits, name)
        shown = (limits.size_text(value) if name.endswith("_BYTES") else f"{value:g} s" if name.endswith("_SECONDS")
                 else f"{value:,}")
        assert phrase.startswith(shown + " "), (name, phrase)
        assert phrase in README, phrase
