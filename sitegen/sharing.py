"""Sharing: what a page offers readers who quote, link to or embed its facts and charts: each
element's permanent URL, its citation (worded in wording.py) and the HTML that embeds a chart.

Addresses are absolute when the site is built with `--base-url` (the Pages workflow gives it);
without one they are given from the site root (`localities/ha-noi.html#fig-…`), as the build
cannot know where the site will be published.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from .i18n import Language, language_path
from .wording import citation
from .writer import absolute_url

EMBED_SCRIPT = "assets/embed.js"   # written by build.asset_files
EMBED_HEIGHT = 520                 # the iframe's height until the script has measured the chart


def site_address(path: str, base_url: str | None) -> str:
    """A path from the site root as published: absolute with a base URL, else unchanged."""
    return absolute_url(base_url, path) if base_url else path


def embed_path(chart_id: str, lang_code: str) -> str:
    """Where a chart's embed page is, from the site root (languages laid out as the pages are)."""
    return language_path(f"embed/{chart_id}.html", lang_code)


@dataclass(frozen=True)
class Sharing:
    """The sharing helpers of one page (PageGlobals' `permalink`, `citation`, `embed_address`, `embed_snippet`)."""
    page_path: str
    lang: Language
    base_url: str | None
    data_date: str
    site_title: str

    def permalink(self, anchor: str) -> str:
        return f"{site_address(self.page_path, self.base_url)}#{anchor}"

    def citation(self, statement: str, sources: list[str], anchor: str) -> str:
        # A statement translated in a template is Markup (already escaped): joined to plain text it
        # would escape that text too, and the page escape it all once more.
        plain = statement.unescape() if isinstance(statement, Markup) else statement
        return citation(self.lang, plain, sources, self.permalink(anchor), self.data_date, self.site_title)

    def embed_address(self, chart_id: str) -> str:
        """The address of a chart's embed page, as another site's iframe needs it."""
        return site_address(embed_path(chart_id, self.lang.code), self.base_url)

    def embed_snippet(self) -> str:
        """The HTML that shows a chart on another site: an iframe of its embed page and the script
        that fits the iframe's height (assets/embed.js). `{src}` and `{title}` are left for site.js
        to fill, escaped, when a reader asks for a chart's code: one snippet per page, not one per
        chart (on a locality page of a 63-province site the per-chart panels weighed 6 kB gzipped)."""
        script = escape(site_address(EMBED_SCRIPT, self.base_url))
        return (f'<iframe src="{{src}}" title="{{title}}" width="100%" height="{EMBED_HEIGHT}" '
                f'style="border:0" loading="lazy" data-sitegen-embed></iframe>\n'
                f'<script src="{script}" async></script>')
