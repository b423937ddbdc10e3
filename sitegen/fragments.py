"""The few pieces of HTML written in Python: the rows of the figure tables and of the chart
tables, and a verdict's folded explanation. A site of 63 provinces renders some 60,000 such rows
and 6,000 verdicts per language; Jinja spends about 13 µs on a row, these f-strings about 2.5 µs,
which is most of what keeps a build in budget (README, "Speed and size").

Everything else is in templates/. The templates call these as globals (`figure_rows`,
`chart_rows`, `verdict_details`) from their macros in `_macros.html`; a templates folder that
wants other markup can loop over the same rows itself. Every text is escaped here, as Jinja's
autoescape would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup

from .contexts import FigureView, VerdictView
from .i18n import Language

Url = Callable[..., str]   # the page's url(target): a path from the site root, relative to the page


def replace_escape(text: str) -> str:
    """What Jinja's autoescape writes (markupsafe's entities), as a plain str."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


try:   # markupsafe's own C routine behind escape(), without the Markup object: 30 ns, not 190
    from markupsafe._speedups import _escape_inner as escape
except ImportError:   # another markupsafe version, or its pure-Python build
    escape = replace_escape


def figure_rows(rows: Iterable[FigureView], url: Url, show_locality: bool = True, show_indicator: bool = True) -> Markup:
    """The body rows of a table of figures: [locality] [indicator] period, figure, value, and the
    document with its wording, flag and note."""
    sources = escape(url("sources.html"))
    return Markup("".join(figure_row(r, url, sources, show_locality, show_indicator) for r in rows))


def figure_row(r: FigureView, url: Url, sources: str, show_locality: bool, show_indicator: bool) -> str:
    cells = []
    if show_locality:
        subdivision = f" · {escape(r.subdivision)}" if r.subdivision else ""
        cells.append(f'<td><a href="{escape(url(f"localities/{r.locality}.html"))}">{escape(r.locality_name)}</a>'
                     f'{subdivision}</td>')
    if show_indicator:
        cells.append(f'<td><a href="{escape(url(f"indicators/{r.indicator}.html"))}">{escape(r.indicator_name)}</a></td>')
    flag = f' <span class="flag flag-{escape(r.flag)}">{escape(r.flag_label)}</span>' if r.flag else ""
    note = f' <span class="note" lang="{escape(r.note_lang)}">{escape(r.note)}</span>' if r.note else ""
    cells.append(f'<td>{escape(r.period_label)}</td><td>{escape(r.kind_label)}</td>'
                 f'<td class="num">{escape(r.value_label)}</td>'
                 f'<td><a href="{sources}#src-{escape(r.source)}">{escape(r.source_label)}</a> '
                 f'<q lang="{escape(r.quote_lang)}" class="quote">{escape(r.quote)}</q>{flag}{note}</td>')
    return f'<tr class="kind-{escape(r.kind)}">{"".join(cells)}</tr>\n'


def chart_rows(rows: Iterable[dict]) -> Markup:
    """The body rows of a chart's table: locality, figure, period, value, document (the points
    as the chart draws them, see page_charts.chart_point)."""
    return Markup("".join(
        f'<tr class="kind-{escape(r["kind"])}"><td>{escape(r["series"])}</td><td>{escape(r["kind_label"])}</td>'
        f'<td>{escape(r["period_label"])}</td><td class="num">{escape(r["value_label"])}</td>'
        f'<td>{escape(r["source_label"])}</td></tr>\n' for r in rows))


def verdict_details(v: VerdictView, url: Url, lang: Language) -> Markup:
    """A verdict's badge, and folded beneath it the target, the latest comparable actual, the
    projection, the basis, the rule, the cautions, the figures used and a link to the rules."""
    _ = lang.gettext
    lines = [line(_("Target:"), f"{escape(v.target_label)} — {escape(v.target.source_label)}")]
    if v.latest:
        gap = f" · {escape(v.gap)}" if v.gap else ""
        # no gap: the actual is a share of another base than the target's, not comparable with it
        label = _("Latest comparable actual:") if v.gap else _("Latest actual:")
        lines.append(line(label, f"{escape(v.latest.value_label)} "
                          f"({escape(v.latest.period_label)}; {escape(v.latest.source_label)}){gap}"))
    if v.parts_note:
        lines.append(f'<p class="parts-note">{escape(v.parts_note)}</p>')
    if v.projected:
        lines.append(line(_("Projected at the deadline:"), escape(v.projected)))
    lines.append(line(_("Basis:"), escape(v.basis)))
    grade = f" <em>{escape(v.grade_label)}</em>: {escape(v.grade_rule)}" if v.grade_label else ""
    lines.append(line(_("Rule:"), f"{escape(v.rule)}{grade}"))   # f-strings: Markup + str would escape the str
    if v.cautions:
        lines.append(line(_("Indicative because:"), f'{escape("; ".join(v.cautions))}.'))
    if v.figures:
        sources = escape(url("sources.html"))
        lines.append('<ul class="verdict-figures">' + "".join(verdict_figure(f, sources) for f in v.figures) + "</ul>")
    rules, rests_on = _("How verdicts are decided"), _("what this rests on")   # not in f-strings: see test_i18n
    lines.append(f'<p class="note"><a href="{escape(url("methodology.html"))}#verdicts">{escape(rules)}</a></p>')
    style = escape(v.style)
    return Markup(f'<details class="verdict {style}">\n  <summary><span class="badge {style}">{escape(v.badge)}</span>'
                  f'<span class="visually-hidden"> — {escape(rests_on)}</span></summary>\n'
                  f'  <div class="verdict-detail">\n    ' + "\n    ".join(lines) + "\n  </div>\n</details>\n")


def line(label: str, text: str) -> str:
    return f"<p><strong>{escape(label)}</strong> {text}</p>"


def verdict_figure(f: FigureView, sources: str) -> str:
    flag = f' <span class="flag {escape(f.figure.flag.style)}">{escape(f.flag_label)}</span>' if f.flag else ""
    return (f"<li>{escape(f.value_label)} · {escape(f.period_label)} · "
            f'<a href="{sources}#src-{escape(f.source)}">{escape(f.source_label)}</a>{flag}</li>')
