"""The data changelog's pages: `changes.html` and the Atom feed `feed.xml`, in each language.

Input: the site data and the `History` of the data folder (history.py). Output: two `Page`s per
language, whose context (contexts.ChangesContext) is already worded for the page's language.
Dates are the commits' own: nothing depends on when the site is built.
"""

from __future__ import annotations

from datetime import date

from .contexts import ChangeEntry, ChangesContext, FigureChangeView
from .history import NOTICES, Commit, FigureChange, History, differs
from .i18n import N_, Language, language_path
from .pages import Page
from .sitedata import SiteData, qualified
from .vocabulary import KINDS, QUALIFIERS
from .writer import absolute_url

MAX_FIGURES = 100   # figures listed per commit; the rest are counted
STATUS_LABELS = {"added": N_("added"), "revised": N_("revised"), "removed": N_("removed")}
ALSO = {"quote": N_("quote"), "note": N_("note")}


def changes_pages(site: SiteData, lang: Language, history: History, base_url: str | None) -> list[Page]:
    _ = lang.gettext
    entries = [change_entry(site, lang, c) for c in history.commits]
    more = _("Only the last %(n)s commits that changed the data are shown.") % {"n": len(entries)} \
        if history.more else ""
    updated = entries[0].updated if entries else f"{(site.data_date or date(1970, 1, 1)).isoformat()}T00:00:00Z"
    feed = language_path("feed.xml", lang.code)
    feed_id = absolute_url(base_url, feed) if base_url else f"urn:sitegen:{feed}"
    context = ChangesContext(entries, _(NOTICES[history.notice]) if history.notice else "", more, updated, feed_id)
    title = _("What changed in the data")
    return [Page(lang.code, "changes.html", "changes.html", title, context),
            Page(lang.code, "feed.xml", "feed.xml", title, context)]


def change_entry(site: SiteData, lang: Language, commit: Commit) -> ChangeEntry:
    counts = {s: sum(1 for c in commit.changes if c.status == s) for s in STATUS_LABELS}
    summary = ", ".join(counted(lang, s, n) % {"n": lang.number(n, 0)} for s, n in counts.items() if n)
    summary = summary[:1].upper() + summary[1:] + "." if summary else ""   # "Thêm 3 số liệu, sửa 1 số liệu."
    return ChangeEntry(commit.hash, commit.hash[:7], lang.date(date.fromisoformat(commit.date[:10])), commit.date,
                       commit.subject, summary or lang.gettext("No figure changed."),
                       [change_view(site, lang, c) for c in commit.changes[:MAX_FIGURES]],
                       max(0, len(commit.changes) - MAX_FIGURES), commit.other_files)


def counted(lang: Language, status: str, n: int) -> str:
    """Written out per status so that the catalogs hold them as plural messages."""
    if status == "added":
        return lang.ngettext("%(n)s figure added", "%(n)s figures added", n)
    if status == "revised":
        return lang.ngettext("%(n)s figure revised", "%(n)s figures revised", n)
    return lang.ngettext("%(n)s figure removed", "%(n)s figures removed", n)


def change_view(site: SiteData, lang: Language, change: FigureChange) -> FigureChangeView:
    row = change.row
    locality, indicator, source = row.get("locality", ""), row.get("indicator", ""), row.get("source", "")
    kind = KINDS.get(row.get("kind", ""))
    also = [lang.gettext(word) for field, word in ALSO.items()
            if change.old and change.new and differs(change.old, change.new, field)]
    return FigureChangeView(
        change.status, lang.gettext(STATUS_LABELS[change.status]),
        site.locality_name(locality, lang) if locality in site.localities else locality,
        site.indicator_name(indicator, lang) if indicator in site.indicators else indicator,
        row.get("subdivision") or "", lang.period(row.get("period", "")),
        lang.gettext(kind.label) if kind else row.get("kind", ""),
        site.source_label(source, lang) if source in site.sources else source,
        value_label(lang, change.old), value_label(lang, change.new), ", ".join(also))


def value_label(lang: Language, row: dict[str, str] | None) -> str:
    """'ít nhất 50%' as the site words it; the cell as written when it is not a valid figure."""
    if row is None:
        return ""
    try:
        return qualified(lang, float(row.get("value", "")), row.get("unit", ""),
                         row.get("qualifier") if row.get("qualifier") in QUALIFIERS else "exact")
    except ValueError:
        return row.get("value", "")
