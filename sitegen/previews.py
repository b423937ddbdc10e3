"""Link previews: what a page shows where a link to it is shared (a chat, a social network, a
search result): its description, its social card (cards.py) and its locale.

Input: a page, its language, the site's facts and the card it shows. Output: a `Preview`
(contexts.py), which base.html writes as `<meta name="description">`, Open Graph and Twitter
card tags.
"""

from __future__ import annotations

from .cards import CARD_HEIGHT, CARD_WIDTH, Card
from .contexts import Preview
from .i18n import N_, Language

# One sentence per page type, at most 160 characters in every language (tests/test_previews.py);
# %(name)s is the page's title (a locality's or an indicator's name).
DESCRIPTIONS = {
    "home.html": N_("Social, unemployment and health insurance coverage: the targets in the localities’ plans, "
                    "the latest actual figures and verdicts, each with its source."),
    "locality.html": N_("%(name)s: the coverage targets of its plans, the actual figures, whether each target is "
                        "on track, and the document behind every figure."),
    "indicator.html": N_("%(name)s in every locality and nationally: targets, actual figures and verdicts, each "
                         "figure with its source document."),
    "compare.html": N_("The localities’ coverage targets side by side: ranked by target, by planned pace and by "
                       "gap to the national target."),
    "sources.html": N_("Every document the figures come from (plans, decisions, news reports), grouped by "
                       "locality, with its number, issuer and date."),
    "methodology.html": N_("How the site judges each target: which target counts, which actual figures compare, "
                           "the verdicts, the evidence grades and the checks."),
    "data.html": N_("Download every figure, document and verdict as CSV files with a Frictionless Data Package, "
                    "and read the consistency warnings."),
    "changes.html": N_("Every figure added, revised or removed in the data, commit by commit, newest first; also "
                       "as an Atom feed."),
    "404.html": N_("There is no page at this address: the links lead to the home page, the localities, the "
                   "sources and the data."),
    "embed.html": N_("%(name)s: a chart to embed in another site, with its sources and a link back."),
}
SAME_DESCRIPTION = {"feed.xml": "changes.html"}   # the feed is the changes page's other form
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def page_description(template: str, title: str, lang: Language) -> str:
    key = SAME_DESCRIPTION.get(template, template)
    return lang.gettext(DESCRIPTIONS[key]) % {"name": title}


def page_preview(page, lang: Language, languages: tuple[str, ...], card: Card | None,
                 link: callable, site_description: str = "") -> Preview:
    """`link(path)`: the URL of a file given from the site root, as the page links it. The home
    page says what the project file's description says, when it has one."""
    own = site_description if page.template == "home.html" and site_description else ""
    return Preview(own or page_description(page.template, page.title, lang),
                   link(card.path) if card else "", card.alt if card else "", CARD_WIDTH, CARD_HEIGHT,
                   OG_LOCALES[page.lang], [OG_LOCALES[code] for code in languages if code != page.lang])
