"""Markdown commentary: front matter + Markdown -> safe HTML.

Input: `content/<lang>/**/*.md`. Output: `Document`s keyed by (lang, name), e.g.
("vi", "localities/da-nang"). Commentary comes from many hands, so raw HTML is
shown as text and only http(s), mailto and relative links survive.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

import markdown
import yaml
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .errors import Issue
from .files import display_path, read_text
from .limits import MAX_MARKDOWN_BYTES

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
SAFE_URL = re.compile(r"(https?:|mailto:|#|\.{0,2}/|[\w.-]+(/|\.html|$))", re.I)


@dataclass(frozen=True)
class Document:
    lang: str
    name: str
    title: str
    summary: str
    html: str


class SafeLinks(Treeprocessor):
    """Drops link and image URLs with other schemes (javascript:, data:, …)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if url is not None and not SAFE_URL.match(url.strip()):
                    element.set(attribute, "#")


class SafeMarkdown(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(SafeLinks(md), "safe_links", 0)


def render_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "sane_lists", SafeMarkdown()])


def load_content(folder: Path, languages: tuple[str, ...]) -> tuple[dict[tuple[str, str], Document], list[Issue]]:
    documents, issues = {}, []
    for lang in languages:
        for path in sorted((folder / lang).rglob("*.md")):
            name = path.relative_to(folder / lang).with_suffix("").as_posix()
            document, problems = read_document(path, folder / lang, lang, name)
            issues += problems
            if document:
                documents[(lang, name)] = document
    return documents, issues


def read_document(path: Path, root: Path, lang: str, name: str) -> tuple[Document | None, list[Issue]]:
    text, issues = read_text(path, root, MAX_MARKDOWN_BYTES)
    if text is None:
        return None, issues
    meta, body, problem = split_front_matter(text, display_path(path))
    if problem:
        return None, [problem]
    return Document(lang, name, str(meta.get("title", "")), str(meta.get("summary", "")),
                    render_markdown(body)), []


def split_front_matter(text: str, shown: str) -> tuple[dict, str, Issue | None]:
    if not text.startswith("---\n"):
        return {}, text, None
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, Issue(shown, 1, None, "front-matter", "front matter is not closed",
                               "end it with a line holding only ---")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening ---, +1 as lines count from 1
        problem = getattr(err, "problem", None) or "invalid YAML"
        return {}, text, Issue(shown, line, None, "front-matter", f"front matter is not valid YAML: {problem}",
                               "write it as 'key: value' lines; quote values containing ':'")
    if not isinstance(meta, dict):
        return {}, text, Issue(shown, 2, None, "front-matter", "front matter must be 'key: value' lines")
    return meta, text[match.end():], None
