"""The project file, sitegen.toml: the site's title and description in each language, its base
URL, languages, data licence, publisher and the consistency warnings reviewed and accepted.

Input: the file's path (read with the standard library's tomllib). Output: a `Project`
(config.py) and the problems found, each with the file, the line of the key and a hint, like
every other input. Command-line options override what the file says.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path

from .config import BASE_URL, SUPPORTED_LANGUAGES, AcceptedWarning, Project
from .consistency import CHECK_KINDS
from .files import display_path, read_text
from .limits import MAX_PROJECT_BYTES
from .errors import Issue

PROJECT_FILE = "sitegen.toml"
WARNING_KEYS = ("code", "locality", "indicator", "period", "reason")
LICENCE_KEYS = ("title", "path")
HEADER = re.compile(r"^(\[\[|\[)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
KEY = re.compile(r"""^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)$")


def read_project(path: Path | None) -> tuple[Project, list[Issue]]:
    """The project of `path`; without a path, ./sitegen.toml when it exists, else the defaults."""
    if path is None:
        if not Path(PROJECT_FILE).is_file():
            return Project(), []
        path = Path(PROJECT_FILE)
    shown = display_path(path)
    text, issues = read_text(path, path.absolute().parent, MAX_PROJECT_BYTES)
    if text is None:
        return Project(), [Issue(i.path, i.line, None, "project-file", i.message,
                                 "create it with `sitegen init`, or leave out --config") for i in issues]
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        position = TOML_POSITION.search(str(err))
        return Project(), [Issue(shown, int(position.group(1)) if position else None, None, "project-file",
                                 f"not valid TOML: {TOML_POSITION.sub('', str(err)).strip()}",
                                 'write `key = "value"` lines and [section] headers; quote every text')]
    return project_of(values, ProjectFile(shown, text))


class ProjectFile:
    """Where things are in the file: issues point at the line of the key they are about."""

    def __init__(self, shown: str, text: str):
        self.shown = shown
        self.keys = key_lines(text)

    def line(self, *path) -> int | None:
        """The line of a key given as a path, ("title", "vi") or ("accepted_warnings", 2, "reason"),
        or else of the nearest enclosing key or section."""
        for length in range(len(path), 0, -1):
            for key, line in self.keys:
                if key == tuple(path[:length]):
                    return line
        return None

    def issue(self, path: tuple, message: str, hint: str | None = None, code: str = "project-file") -> Issue:
        return Issue(self.shown, self.line(*path), None, code, message, hint)


def key_lines(text: str) -> list[tuple[tuple, int]]:
    """(key path, line) of every section header and key of a TOML text; the n-th [[array]] entry's
    keys are under (array, n)."""
    found, section, counts = [], (), {}
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        header = HEADER.match(line)
        if header:
            name = dotted(header.group(2))
            if header.group(1) == "[[":
                counts[name] = counts.get(name, -1) + 1
                name += (counts[name],)
            section = name
            found.append((section, number))
        elif key := KEY.match(line):
            found.append((section + dotted(key.group(1)), number))
    return found


def key_name(path: tuple) -> str:
    """("accepted_warnings", 1, "reason") -> "accepted_warnings[2].reason", as a curator counts."""
    return "".join(f"[{p + 1}]" if isinstance(p, int) else ("." if i else "") + p for i, p in enumerate(path))


def dotted(key: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in key.split("."))


def project_of(values: dict, where: ProjectFile) -> tuple[Project, list[Issue]]:
    issues = unknown_keys(values, list(READERS), where, ())
    settings = {}
    for key, reader in READERS.items():
        if key in values:
            settings[key], problems = reader(values[key], where)
            issues += problems
    languages = settings.get("languages") or SUPPORTED_LANGUAGES
    for key in ("title", "description"):
        missing = [code for code in languages if key in settings and code not in settings[key]]
        if missing:
            issues.append(where.issue((key,), f"'{key}' has no text for {', '.join(missing)}",
                                      f"add `{missing[0]} = \"…\"` under [{key}]"))
    if issues:
        return Project(), issues
    if "languages" in settings:
        settings["languages"] = tuple(settings["languages"])
    if "accepted_warnings" in settings:
        settings["accepted_warnings"] = tuple(settings["accepted_warnings"])
    return Project(**settings, path=where.shown), []


def unknown_keys(table: dict, known: list[str], where: ProjectFile, path: tuple) -> list[Issue]:
    issues = []
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the keys here are {', '.join(known)}"
            issues.append(where.issue(path + (key,), f"unknown key '{key_name(path + (key,))}'",
                                      hint, "project-unknown-key"))
    return issues


def text_value(value, where: ProjectFile, path: tuple) -> tuple[str | None, list[Issue]]:
    if isinstance(value, str) and value.strip():
        return value.strip(), []
    return None, [where.issue(path, f"'{key_name(path)}' must be a text in quotes, got {value!r}",
                              'e.g. publisher = "Nhóm dữ liệu"')]


def read_per_language(key: str):
    def reader(value, where: ProjectFile) -> tuple[dict | None, list[Issue]]:
        if not isinstance(value, dict):
            return None, [where.issue((key,), f"'{key}' must be a table of languages",
                                      f'write [{key}] then vi = "…" and en = "…" below it')]
        issues = unknown_keys(value, list(SUPPORTED_LANGUAGES), where, (key,))
        texts = {}
        for code in SUPPORTED_LANGUAGES:
            if code in value:
                texts[code], problems = text_value(value[code], where, (key, code))
                issues += problems
        return texts, issues
    return reader


def read_base_url(value, where: ProjectFile) -> tuple[str | None, list[Issue]]:
    if isinstance(value, str) and BASE_URL.fullmatch(value):
        return value, []
    return None, [where.issue(("base_url",), f"base_url {value!r} is not an http(s) URL",
                              'e.g. base_url = "https://example.github.io/sitegen/"')]


def read_languages(value, where: ProjectFile) -> tuple[list | None, list[Issue]]:
    supported = ", ".join(f"'{c}'" for c in SUPPORTED_LANGUAGES)
    hint = f'sitegen is translated into {supported}: write languages = ["vi", "en"] or ["vi"]'
    if not isinstance(value, list) or not value or not all(isinstance(c, str) for c in value):
        return None, [where.issue(("languages",), "'languages' must be a list of language codes", hint)]
    unknown = [c for c in value if c not in SUPPORTED_LANGUAGES]
    if unknown:
        return None, [where.issue(("languages",), f"language '{unknown[0]}' is not supported", hint)]
    if len(set(value)) != len(value) or value[0] != SUPPORTED_LANGUAGES[0]:
        return None, [where.issue(("languages",), f"'languages' must start with '{SUPPORTED_LANGUAGES[0]}' "
                                                  "(published at the site root) and name each language once", hint)]
    return value, []


def read_licence(value, where: ProjectFile) -> tuple[dict | None, list[Issue]]:
    if not isinstance(value, dict):
        return None, [where.issue(("data_licence",), "'data_licence' must be a table with title and path",
                                  'write [data_licence] then title = "CC BY 4.0" and path = "https://…"')]
    issues = unknown_keys(value, list(LICENCE_KEYS), where, ("data_licence",))
    licence = {}
    for key in LICENCE_KEYS:
        licence[key], problems = text_value(value.get(key), where, ("data_licence", key))
        issues += problems
    if licence["path"] and not licence["path"].lower().startswith(("https://", "http://")):
        issues.append(where.issue(("data_licence", "path"), "the licence's path must be an http(s) URL",
                                  'e.g. path = "https://creativecommons.org/licenses/by/4.0/"'))
    return licence, issues


def read_publisher(value, where: ProjectFile) -> tuple[str | None, list[Issue]]:
    return text_value(value, where, ("publisher",))


def read_accepted(value, where: ProjectFile) -> tuple[list | None, list[Issue]]:
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        return None, [where.issue(("accepted_warnings",), "'accepted_warnings' must be [[accepted_warnings]] entries",
                                  "see the README's section on accepted warnings")]
    entries, issues = [], []
    for index, entry in enumerate(value):
        path = ("accepted_warnings", index)
        issues += unknown_keys(entry, list(WARNING_KEYS), where, path)
        fields = {}
        for key in WARNING_KEYS:
            if key not in entry:
                issues.append(where.issue(path, f"an accepted warning lacks '{key}'",
                                          f"every entry needs {', '.join(WARNING_KEYS)}"))
                continue
            fields[key], problems = text_value(entry[key], where, path + (key,))
            issues += problems
        if fields.get("code") and fields["code"] not in CHECK_KINDS:
            close = difflib.get_close_matches(fields["code"], list(CHECK_KINDS), n=1)
            issues.append(where.issue(path + ("code",), f"'{fields['code']}' is not a warning code",
                                      f"did you mean '{close[0]}'?" if close else ", ".join(CHECK_KINDS)))
        if not issues:
            entries.append(AcceptedWarning(**fields, line=where.line(*path)))
    return entries, issues


READERS = {"title": read_per_language("title"), "description": read_per_language("description"),
           "base_url": read_base_url, "languages": read_languages, "data_licence": read_licence,
           "publisher": read_publisher, "accepted_warnings": read_accepted}
