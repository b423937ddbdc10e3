"""Warnings about commentary the build would drop without a word: a Markdown file that matches no
page, and an unknown front-matter key (`draft:`, a typo). (An image that is missing or on another
host is an error of content.py, for the check and the build alike.)

Input: the content folder, the languages and the pages that take commentary. Output: `Issue`s of
severity "warning", with the file and line. Reading and rendering commentary stay in content.py;
this module only reads the files again to look at what content.py ignores.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from .content import split_front_matter
from .files import display_path, read_text
from .limits import MAX_MARKDOWN_BYTES
from .errors import Issue

FRONT_MATTER_KEYS = ("title", "summary")


def commentary_names(localities: list[str], indicators: list[str]) -> list[str]:
    """The pages that show commentary, as content names: home, methodology, localities/<id>, indicators/<id>."""
    return (["home", "methodology"] + [f"localities/{i}" for i in localities]
            + [f"indicators/{i}" for i in indicators])


def content_warnings(folder: Path, languages: tuple[str, ...], pages: list[str] | None) -> list[Issue]:
    """Every warning about the Markdown files of `folder`; `pages` None when the data has errors
    (which pages exist is not known then, so files are not matched against them)."""
    issues = []
    for lang in languages:
        for path in sorted((folder / lang).rglob("*.md")):
            text, problems = read_text(path, folder, MAX_MARKDOWN_BYTES)
            if text is None or problems:
                continue   # load_content reports it as an error
            name = path.relative_to(folder / lang).with_suffix("").as_posix()
            if pages is not None and name not in pages:
                issues.append(unmatched(path, name, pages))
            issues += front_matter_keys(path, text)
    return issues


def unmatched(path: Path, name: str, pages: list[str]) -> Issue:
    folder, _, stem = name.rpartition("/")
    siblings = {page.rpartition("/")[2]: page for page in pages if page.rpartition("/")[0] == folder}
    close = [siblings[s] for s in difflib.get_close_matches(stem, list(siblings), n=1)]
    hint = (f"did you mean {close[0]}.md?" if close else
            "commentary goes in home.md, methodology.md, localities/<id>.md or indicators/<id>.md, "
            "for a locality or indicator with figures")
    return Issue(display_path(path), None, None, "orphan-content",
                 "matches no page of the site, so it is not shown", hint, severity="warning")


def front_matter_keys(path: Path, text: str) -> list[Issue]:
    meta, _, problem = split_front_matter(text, display_path(path))
    if problem or not meta:
        return []
    lines = text.split("\n")
    issues = []
    for key in meta:
        if str(key) in FRONT_MATTER_KEYS:
            continue
        line = next((n for n, l in enumerate(lines[1:], start=2) if re.match(rf"{re.escape(str(key))}\s*:", l)), None)
        close = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"the keys are {', '.join(FRONT_MATTER_KEYS)}"
        issues.append(Issue(display_path(path), line, None, "front-matter-key",
                            f"unknown front-matter key '{key}' is ignored", hint, severity="warning"))
    return issues
