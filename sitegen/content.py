"""Markdown commentary: front matter + Markdown -> safe HTML, and the images it shows.

Input: `content/<lang>/**/*.md`. Output: `Document`s keyed by (lang, name), e.g.
("vi", "localities/da-nang"). Commentary comes from many hands, so raw HTML is shown as text,
only http(s), mailto and relative links survive, and nothing makes the reader's browser
request another host: an image must be a file of the content folder, which the build copies
into the site beside the page. Every file is bounded (limits.py): its size, its '[' (Python-
Markdown's link parsing is quadratic in them), its nesting, the time it takes to render, and
its front matter, which may hold only 'key: value' lines (no YAML aliases: a few lines of them
expand to billions of nodes).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .errors import Issue, excerpt
from .files import display_path, read_bytes, read_text
from .limits import (MARKDOWN_SECONDS, MAX_FRONT_MATTER_DEPTH, MAX_IMAGE_BYTES, MAX_MARKDOWN_BRACKETS,
                     MAX_MARKDOWN_BYTES, MAX_MARKDOWN_NESTING, TimeLimitExceeded, time_limit)

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
SAFE_URL = re.compile(r"(https?:|mailto:|#|\.{0,2}/|[\w.-]+(/|\.html|$))", re.I)
# A URL that ran on past its end: Python-Markdown takes `![](x" onerror="…) rest of the line`
# as one address, swallowing the text after it.
RUN_ON_URL = re.compile(r"[\s\"'<>]")
IMAGE_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp")   # not SVG: opened on its own, it can run scripts
# What opens a nesting level at the start of a line: a block quote or a list item.
NESTING_MARK = re.compile(r" {0,3}(>|[-+*](?=\s)|[0-9]{1,9}[.)](?=\s))\s?")


@dataclass(frozen=True)
class Document:
    lang: str
    name: str
    title: str
    summary: str
    html: str
    # The images it shows: (path within content/<lang>/, which is also the path within the page's
    # language tree, since pages sit where their Markdown sits; the file's bytes).
    images: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)


class SafeLinks(Treeprocessor):
    """Drops link URLs with other schemes (javascript:, data:, …), records the images, and
    notes URLs that swallowed the text after them."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if url is None:
                    continue
                url = url.strip()
                if attribute == "href" and not SAFE_URL.match(url):
                    element.set(attribute, "#")
                elif RUN_ON_URL.search(url):
                    self.md.sitegen_problems.append(
                        ("bad-link", f"the address '{excerpt(url, 40)}' holds a space or a quote, so it swallowed "
                         "the text after it", "write [text](address) with nothing but the address in the brackets; "
                         "a space in an address is written %20"))
                elif attribute == "src":
                    self.md.sitegen_images.append(url)


class SafeMarkdown(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(SafeLinks(md), "safe_links", 0)


def render_markdown(text: str) -> tuple[str, list[str], list[tuple]]:
    """(HTML, image addresses, problems as (code, message, hint)) of a Markdown text."""
    md = markdown.Markdown(extensions=["tables", "sane_lists", SafeMarkdown()])
    md.sitegen_problems, md.sitegen_images = [], []
    html = md.convert(text)
    return html, md.sitegen_images, md.sitegen_problems


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
    shown = display_path(path)
    meta, body, problem = split_front_matter(text, shown)
    problem = problem or markdown_limits_problem(body, shown, text.count("\n", 0, len(text) - len(body)))
    if problem:
        return None, [problem]
    html, sources, issues = bounded_render(body, shown)
    images = []
    for src in sources:
        image, problems = read_image(src, root, name, shown)
        issues += problems
        images.append(image)
    if issues:
        return None, issues
    return Document(lang, name, meta["title"], meta["summary"], html, tuple(images)), []


def bounded_render(body: str, shown: str) -> tuple[str, list[str], list[Issue]]:
    """Render within MARKDOWN_SECONDS; a recursion or time limit reached is the file's error."""
    try:
        with time_limit(MARKDOWN_SECONDS):
            html, images, problems = render_markdown(body)
    except (RecursionError, TimeLimitExceeded) as err:
        reason = "is nested too deeply" if isinstance(err, RecursionError) else \
            f"took more than {MARKDOWN_SECONDS} s to render"
        return "", [], [Issue(shown, None, None, "markdown-limit", f"the Markdown {reason}",
                              "simplify it: fewer nested lists and quotes, fewer unmatched '['")]
    return html, images, [Issue(shown, None, None, *p) for p in problems]


def markdown_limits_problem(body: str, shown: str, offset: int) -> Issue | None:
    """The structural limits, checked before rendering: they keep rendering fast."""
    if body.count("[") > MAX_MARKDOWN_BRACKETS:
        return Issue(shown, None, None, "markdown-limit",
                     f"holds {body.count('['):,} '[', more than {MAX_MARKDOWN_BRACKETS:,}",
                     "split the page; only links need '['")
    for number, line in enumerate(body.split("\n"), start=offset + 1):
        if nesting(line) > MAX_MARKDOWN_NESTING:
            return Issue(shown, number, None, "markdown-limit",
                         f"lists or block quotes are nested more than {MAX_MARKDOWN_NESTING} levels deep",
                         "flatten the list")
    return None


def nesting(line: str) -> int:
    """How many levels of block quote and list a line opens or sits in (4 columns of indent = 1)."""
    expanded = line.expandtabs(4)
    stripped = expanded.lstrip(" ")
    depth = (len(expanded) - len(stripped)) // 4
    position = 0
    while match := NESTING_MARK.match(stripped, position):
        depth, position = depth + 1, match.end()
        if depth > MAX_MARKDOWN_NESTING:
            break
    return depth


def image_path(src: str, name: str) -> str:
    """Where an image is, within content/<lang>/ (and so within the page's language tree):
    its address read from the page's folder."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(name), src))


def read_image(src: str, root: Path, name: str, shown: str) -> tuple[tuple[str, bytes], list[Issue]]:
    """An image must be a file of this language's content folder, of a known image type."""
    path = image_path(src, name)
    if not all(IMAGE_SEGMENT.fullmatch(s) for s in path.split("/")):
        return (path, b""), [Issue(shown, None, None, "external-image",
                                   f"the image '{excerpt(src, 40)}' is not a file of {display_path(root)}/",
                                   "put the image in the content folder and write its path, such as img/chart.png, "
                                   "with letters, digits, '.', '_' and '-': a page never loads anything from "
                                   "another host")]
    if not path.lower().endswith(IMAGE_TYPES):
        return (path, b""), [Issue(shown, None, None, "external-image",
                                   f"the image '{excerpt(src, 40)}' is not a PNG, JPEG, GIF or WebP file",
                                   "convert it to PNG or JPEG")]
    data, issues = read_bytes(root / path, root, MAX_IMAGE_BYTES)
    if issues and issues[0].code == "missing-file":
        issues = [Issue(shown, None, None, "missing-image",
                        f"the image '{excerpt(src, 40)}' does not exist: there is no {display_path(root / path)}",
                        "add the file, or correct its path")]
    return (path, data or b""), issues


def image_files(documents: dict[tuple[str, str], Document], languages: tuple[str, ...]) -> dict[str, bytes]:
    """The images of the commentary as output files (path in the site -> bytes). A page links
    its images relative to itself, so each is written in its page's language tree, and in the
    tree of every language that shows this commentary because it has none of its own. (Two
    languages' images at one path cannot differ: a language with its own commentary never
    shows another's.)"""
    files: dict[str, bytes] = {}
    for (lang, name), document in sorted(documents.items()):
        trees = [lang] + [other for other in languages if (other, name) not in documents]
        for path, data in document.images:
            for tree in trees:
                files[path if tree == languages[0] else f"{tree}/{path}"] = data
    return files


def split_front_matter(text: str, shown: str) -> tuple[dict, str, Issue | None]:
    """The front matter (its title and summary text, empty when absent), and the body."""
    empty = {"title": "", "summary": ""}
    if not text.startswith("---\n"):
        return empty, text, None
    match = FRONT_MATTER.match(text)
    if not match:
        return empty, text, Issue(shown, 1, None, "front-matter", "front matter is not closed",
                                  "end it with a line holding only ---")
    meta, problem = front_matter(match.group(1), shown)
    return meta, text[match.end():], problem


def front_matter(source: str, shown: str) -> tuple[dict, Issue | None]:
    empty = {"title": "", "summary": ""}
    problem = yaml_shape_problem(source, shown)
    if problem:
        return empty, problem
    try:   # BaseLoader: every value is text as written (a 5,000-digit title is not made a number)
        meta = yaml.load(source, Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as err:
        return empty, yaml_issue(err, shown)
    if not isinstance(meta, dict):
        return empty, Issue(shown, 2, None, "front-matter", "front matter must be 'key: value' lines")
    for key in ("title", "summary"):
        if not isinstance(meta.get(key, ""), str):
            return empty, Issue(shown, 2, None, "front-matter", f"'{key}' must be text",
                                f"write it on one line: {key}: …")
    # Every key is kept (content_checks.py warns about the ones the site does not use).
    return {**meta, "title": meta.get("title", ""), "summary": meta.get("summary", "")}, None


def yaml_shape_problem(source: str, shown: str) -> Issue | None:
    """YAML errors, aliases and deep nesting, found by reading the event stream (which, unlike
    building the values, never recurses nor expands an alias)."""
    depth = 0
    try:
        for event in yaml.parse(source, Loader=yaml.BaseLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return Issue(shown, event.start_mark.line + 2, None, "front-matter",
                             "front matter may not use YAML anchors or aliases (& and *)", "write each value out")
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            if depth > MAX_FRONT_MATTER_DEPTH:
                return Issue(shown, event.start_mark.line + 2, None, "front-matter",
                             f"front matter is nested more than {MAX_FRONT_MATTER_DEPTH} levels deep",
                             "write it as 'key: value' lines")
    except yaml.YAMLError as err:
        return yaml_issue(err, shown)
    return None


def yaml_issue(err: yaml.YAMLError, shown: str) -> Issue:
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 2 if mark else 1  # +1 for the opening ---, +1 as lines count from 1
    problem = getattr(err, "problem", None) or "invalid YAML"
    return Issue(shown, line, None, "front-matter", f"front matter is not valid YAML: {problem}",
                 "write it as 'key: value' lines; quote values containing ':'")
