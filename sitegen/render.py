"""Rendering: a page -> its HTML bytes.

One Jinja environment per language, with gettext installed from the Babel
catalogs. A `--templates` folder is searched before the bundled theme, so a
curator can override a single template. Every internal link is relative to the
page, so the site works at a domain root, under /<repository>/ and from disk.

Templates are read like every input (files.py: inside their folder, regular files, at most
MAX_TEMPLATE_BYTES, UTF-8). With a `--templates` folder, every template renders in Jinja's
sandbox, which refuses Python internals (`cycler.__init__.__globals__` would reach `os`); the
bundled theme alone renders without it, as it ships with the code (the sandbox costs about
28 % of rendering time: README, "Guarantees"). A sandboxed template still runs: it can loop
for long or use much memory, so a templates folder is trusted like code. Any error while
rendering (syntax, undefined name, division by zero, endless recursion, a refused attribute)
is one line naming the template file and line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import jinja2
import jinja2.sandbox

from . import fragments
from .cache import cache_dir
from .cards import Card
from .charts import RecentScriptJson, page_payload
from .config import Project
from .contexts import HomeContext, IndicatorContext, LocalityContext, PageGlobals
from .errors import Issue, excerpt, stopped
from .files import display_path, read_text
from .figures import NATIONAL
from .i18n import LANGUAGES, Language, language, language_path
from .limits import MAX_TEMPLATE_BYTES
from .page_charts import chart_titles
from .pages import Page
from .previews import page_preview
from .sharing import Sharing
from .stills import chart_still
from .writer import OutputFile, absolute_url, relative_url

BUNDLED_TEMPLATES_CANDIDATES = (
    Path(__file__).parent / "templates",          # installed wheel
    Path(__file__).parent.parent / "templates",   # source checkout / editable install
)


def bundled_templates() -> Path:
    return next(p for p in BUNDLED_TEMPLATES_CANDIDATES if (p / "base.html").is_file())


class QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds (keyed by each template's source checksum).
    A cache that cannot be read or written only costs time, never a build."""

    def __init__(self, directory: Path):
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        super().__init__(str(directory))

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


class TemplateFileError(jinja2.TemplateError):
    """A template file that cannot be used: outside its folder, not a regular file, too large, not UTF-8."""

    def __init__(self, issue: Issue):
        super().__init__(issue.message)
        self.issue = issue


class CheckedLoader(jinja2.FileSystemLoader):
    """FileSystemLoader reading each template as files.py reads every input file."""

    def get_source(self, environment: jinja2.Environment, template: str):
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            candidate = Path(folder, *pieces)
            if candidate.is_symlink() or candidate.exists():
                text, issues = read_text(candidate, Path(folder), MAX_TEMPLATE_BYTES)
                if text is None:
                    raise TemplateFileError(issues[0])
                return text, str(candidate), lambda: True
        raise jinja2.TemplateNotFound(template)


def make_environment(templates: Path | None) -> jinja2.Environment:
    """One environment for all languages (templates compile once); the gettext
    functions are swapped in per language before that language's pages render.
    Sandboxed when a templates folder takes part (see the module's docstring)."""
    folders = ([str(templates)] if templates else []) + [str(bundled_templates())]
    environment = jinja2.sandbox.SandboxedEnvironment if templates else jinja2.Environment
    env = environment(loader=CheckedLoader(folders), autoescape=True,
                      extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False,
                      bytecode_cache=QuietBytecodeCache(cache_dir() / "jinja"))
    encoder = RecentScriptJson()
    env.filters["script_json"] = lambda v: jinja2.utils.markupsafe.Markup(encoder(v))
    env.globals.update(figure_rows=fragments.figure_rows, chart_rows=fragments.chart_rows,
                       verdict_details=fragments.verdict_details)
    return env


@dataclass(frozen=True)
class SiteFacts:
    """What every page's globals are made of, beside the page itself."""
    project: Project
    assets: dict[str, str]            # asset name -> path from the site root
    base_url: str | None
    data_date: date | None
    build_date: date | None
    data_licence: dict[str, str] | None = None
    verdicts_date: date | None = None   # SiteConfig.assessment_date


def page_globals(page: Page, lang: Language, facts: SiteFacts, card: Card | None = None) -> PageGlobals:
    """`card`: the social card the page's previews show (its own, or the home page's)."""
    base_url, languages = facts.base_url, facts.project.languages

    def absolute(path: str) -> str:
        """The absolute URL with a base URL, else the page-relative one."""
        return absolute_url(base_url, path) if base_url else relative_url(page.path, path)

    # 404.html is served at any depth: its links are absolute when they can be. Link previews are
    # fetched by other sites: only an absolute URL works for them (`absolute`).
    link = absolute if page.name == "404.html" else functools.partial(relative_url, page.path)

    def url(target: str, lang_code: str | None = None) -> str:
        return link(language_path(target, lang_code or page.lang))

    def asset(name: str) -> str:
        return link(facts.assets[name])

    title, data_date = facts.project.title[page.lang], lang.date(facts.data_date)
    sharing = Sharing(page.path, lang, base_url, data_date, title)
    return PageGlobals(page, lang, url, asset, title, languages,
                       [c for c in languages if c != page.lang],
                       absolute_url(base_url, page.path) if base_url else None, base_url,
                       data_date, lang.date(facts.build_date), lang.date(facts.verdicts_date),
                       sharing.permalink, sharing.citation,
                       sharing.embed_address, sharing.embed_snippet, facts.data_licence,
                       facts.project.description.get(page.lang, ""), facts.project.publisher or "",
                       chart_payload(page, lang), page_preview(page, lang, languages, card, absolute,
                                                              facts.project.description.get(page.lang, "")),
                       page_stills(page, lang))


def chart_payload(page: Page, lang: Language) -> dict | None:
    charts = page.charts
    return page_payload(charts, chart_titles(lang), NATIONAL) if charts else None


STILL_PAGES = (HomeContext, LocalityContext, IndicatorContext)   # the pages a reader opens first


def page_stills(page: Page, lang: Language) -> dict[str, jinja2.utils.markupsafe.Markup]:
    """The page's first chart drawn at build time (stills.py), on the pages a reader lands on:
    it shows as soon as its part of the page arrives."""
    charts = page.charts if isinstance(page.context, STILL_PAGES) else []
    if not charts or charts[0].config["kind"] != "trajectory":
        return {}
    return {charts[0].id: jinja2.utils.markupsafe.Markup(chart_still(charts[0], chart_titles(lang), lang.number))}


class Renderer:
    """Renders pages one at a time with one environment (templates compile once); the gettext
    functions are swapped in when the language changes."""

    def __init__(self, templates: Path | None, facts: SiteFacts):
        self.env, self.facts, self.installed = make_environment(templates), facts, None

    def render(self, page: Page, card: Card | None = None) -> bytes:
        lang = language(page.lang)
        if self.installed != page.lang:
            install_translations(self.env, lang)
            self.installed = page.lang
        context = context_values(page_globals(page, lang, self.facts, card))
        context.update(context_values(page.context))
        return render_one(self.env, page, context).encode("utf-8")


def install_translations(env: jinja2.Environment, lang: Language) -> None:
    """Jinja's gettext functions for the language, with `_` and `gettext` replaced by one that
    looks each message up once: templates call it ~50 times a page, and Jinja's own goes
    through three calls (`_` resolves `gettext`, which calls the catalog) and formats anew."""
    env.install_gettext_translations(lang.translations, newstyle=True)
    gettext = memoised_gettext(lang.translations.gettext)
    env.globals.update(_=gettext, gettext=gettext)


def memoised_gettext(translate) -> object:
    """What jinja2.ext's newstyle gettext returns (the translation, as Markup when autoescaping,
    always %-formatted with the keyword arguments), each message translated once."""
    translated: dict[tuple[str, bool], str] = {}
    plain: dict[tuple[str, bool], str] = {}

    @jinja2.pass_context
    def gettext(context, message: str, **variables) -> str:
        key = (message, context.eval_ctx.autoescape)
        if key not in translated:
            text = translate(message)
            translated[key] = jinja2.utils.markupsafe.Markup(text) if key[1] else text
        if variables:
            return translated[key] % variables
        if key not in plain:
            plain[key] = translated[key] % {}
        return plain[key]

    return gettext


def render_pages(pages: list[Page], templates: Path | None, facts: SiteFacts) -> list[OutputFile]:
    renderer = Renderer(templates, facts)
    return [OutputFile(page.path, renderer.render(page)) for page in pages]


def context_values(context) -> dict:
    """A typed context as the names a template uses (see docs/templates.md)."""
    return {f.name: getattr(context, f.name) for f in fields(context)}


def render_sitemap(pages: list, templates: Path | None, base_url: str) -> OutputFile:
    """sitemap.xml: every HTML page but the 404 and the charts' embed pages (not to be indexed),
    with its language alternates (`pages`: anything with the `lang`, `name` and `path` of a page)."""
    by_name: dict[str, list] = {}
    for page in sorted(pages, key=lambda p: (p.name, LANGUAGES.index(p.lang))):
        if page.name != "404.html" and page.name.endswith(".html") and not page.name.startswith("embed/"):
            by_name.setdefault(page.name, []).append(page)
    root = absolute_url(base_url, "")
    try:
        xml = make_environment(templates).get_template("sitemap.xml").render(root=root, pages=by_name)
    except Exception as err:   # noqa: BLE001 - whatever a template does wrong is the template's error
        raise stopped([template_issue(err, "sitemap.xml", "sitemap.xml")]) from None
    return OutputFile("sitemap.xml", xml.encode("utf-8"))


def render_one(env: jinja2.Environment, page: Page, context: dict) -> str:
    """Render, turning template mistakes into a curator-readable error."""
    try:
        return env.get_template(page.template).render(context)
    except Exception as err:   # noqa: BLE001 - whatever a template does wrong is the template's error
        raise stopped([template_issue(err, page.template, page.path)]) from None


def template_issue(err: Exception, template: str, rendering: str) -> Issue:
    """One line for a template's mistake: its file and line, what went wrong."""
    if isinstance(err, TemplateFileError):
        return err.issue
    if isinstance(err, jinja2.TemplateSyntaxError):
        return Issue(display_path(Path(err.filename)) if err.filename else template, err.lineno, None,
                     "template-syntax", err.message or "syntax error",
                     "check the {{ … }} and {% … %} tags; the bundled templates/ folder has working versions")
    filename, line = template_line(err)
    where = display_path(Path(filename)) if filename else template
    if isinstance(err, jinja2.TemplateNotFound):
        message = f"template '{excerpt(str(err.name), 60)}' not found"
    elif isinstance(err, RecursionError):
        message = "recursion too deep: a macro or include calls itself without end"
    elif isinstance(err, jinja2.exceptions.SecurityError):
        message = f"{str(err).rstrip('.')}: a --templates folder renders in Jinja's sandbox, away from Python's internals"
    elif isinstance(err, jinja2.TemplateError):
        message = str(err)
    else:
        message = f"{type(err).__name__}: {err}"
    return Issue(where, line, None, "template-error", f"{excerpt(message, 200)} (while rendering {rendering})")


def template_line(err: Exception) -> tuple[str | None, int | None]:
    """The template file and line where a render error happened, from the traceback."""
    tb = err.__traceback__
    found = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
