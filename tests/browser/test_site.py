"""Real-browser tests of the bundled site: links, charts, tooltips, accessibility, screenshots.

Run with `pytest -q tests/browser`; needs Chromium at /usr/bin/chromium and axe-core from npm.
"""

from __future__ import annotations

import itertools
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from sitegen.page_charts import chart_alt_text
from tests.helpers import chart_payload, decoded_rows

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VI_PO = REPO / "sitegen" / "locale" / "vi" / "LC_MESSAGES" / "messages.po"


# ---------------------------------------------------------------- helpers


class _Links(HTMLParser):
    """Collects <a href>, <link href> and <script src> of one HTML document, and the embed page an
    Embed button's panel links to (the script makes the panel and its link when it is pressed)."""

    def __init__(self):
        super().__init__()
        self.anchors: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.anchors.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            self.resources.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.resources.append(attrs["src"])
        elif tag == "button" and attrs.get("data-embed-preview"):
            self.anchors.append(attrs["data-embed-preview"])


def http_get(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        return error.code, b"", ""


def crawl(base: str) -> tuple[set[str], list[str], dict[str, set[str]]]:
    """Follows every same-origin link from base + index.html.

    Returns the pages reached (relative to base), the problems found and, per page, the hosts
    of its links to other sites."""
    origin = urlsplit(base).netloc
    queue, seen, checked = [base + "index.html"], set(), set()
    pages, problems, foreign = set(), [], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body, ctype = http_get(url)
        if status != 200:
            problems.append(f"{url}: HTTP {status}")
            continue
        if ctype != "text/html":
            continue
        assert url.startswith(base), f"{url} is outside the site {base}"
        relative = url[len(base):]
        pages.add(relative)
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        hrefs = [(href, True) for href in parser.anchors] + [(href, False) for href in parser.resources]
        for href, is_anchor in hrefs:
            target = urldefrag(urljoin(url, href)).url
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https"):
                continue  # data:, mailto:
            if parts.netloc != origin:
                foreign.setdefault(relative, set()).add(parts.netloc)
                continue
            if not (is_anchor and target.endswith(".html")):
                # stylesheets, scripts, alternates and downloads (CSV, JSON): a plain GET is enough
                if target not in checked:
                    checked.add(target)
                    code = http_get(target)[0]
                    if code != 200:
                        problems.append(f"{relative} -> {href}: HTTP {code}")
                continue
            queue.append(target)
    return pages, problems, foreign


def drawn_charts(page) -> dict[str, dict]:
    """What site.js drew, by chart id: the rows (with `hl`, highlighted) and the colour scale."""
    return page.evaluate("""() => Object.fromEntries(Object.entries(window.sitegenCharts || {}).map(([name, c]) =>
        [name, {rows: c.rows, colour: c.spec.scales.find(s => s.name === 'color')}]))""")


def po_translation(msgid: str) -> str:
    match = re.search(r'^msgid "%s"\nmsgstr "(.*)"$' % re.escape(msgid), VI_PO.read_text("utf-8"), re.M)
    return match.group(1) if match else ""


def other_language(path: str) -> str:
    return path[3:] if path.startswith("en/") else "en/" + path


def report(failures: list[str]) -> str:
    return f"{len(failures)} problem(s):\n" + "\n".join(failures)


# ---------------------------------------------------------------- links and loading


@pytest.mark.parametrize("where", ["root", "sub"])
def test_crawl_reaches_every_page_and_every_link_resolves(where, base_urls, html_pages):
    pages, problems, foreign = crawl(base_urls[where])
    expected = {p for p in html_pages if not p.endswith("404.html")}
    assert pages == expected, (f"not reached: {sorted(expected - pages)}; "
                               f"unexpected: {sorted(pages - expected)}")
    assert not problems, report(problems)
    # Only the sources pages link to other sites (the source documents); every footer links the
    # data licence.
    others = {page: hosts - {"creativecommons.org"} for page, hosts in foreign.items()}
    assert {page for page, hosts in others.items() if hosts} <= {"sources.html", "en/sources.html"}, foreign


def test_every_page_loads_without_errors(visits):
    failures = [f"{path}: {problem}" for path, visit in visits.items() for problem in visit.problems()]
    assert not failures, report(failures)


def test_sub_path_pages_load_without_errors(context, opener, base_urls):
    failures = []
    for path in ["index.html", "en/index.html", "localities/da-nang.html",
                 "en/indicators/bhxh.html", "compare.html", "en/data.html"]:
        visit = opener(context, base_urls["sub"] + path)
        try:
            failures += [f"{path}: {p}" for p in visit.problems()]
            charts = visit.page.locator("[data-chart]")
            for i in range(charts.count()):
                if charts.nth(i).get_attribute("data-rendered") != "true":
                    failures.append(f"{path}: chart {i} not rendered")
        finally:
            visit.page.close()
    assert not failures, report(failures)


# ---------------------------------------------------------------- charts


def test_the_first_charts_still_is_replaced_by_the_interactive_chart(visits):
    """The home, locality and indicator pages carry their first chart drawn at build time; once
    site.js has drawn it, nothing of the still is left (one chart, not two)."""
    stills = 0
    for path, visit in visits.items():
        first = visit.page.locator("[data-chart]").first
        if not first.count() or "still" not in (first.get_attribute("class") or ""):
            continue
        stills += 1
        assert first.get_attribute("data-rendered") == "true", path
        assert visit.page.locator(".chart-still").count() == 0, path
        assert first.locator("svg").count() == 1 and first.locator("svg .mark-line path").count() > 0, path
    assert stills >= 3


def test_every_chart_renders_marks(visits):
    failures, total = [], 0
    for path, visit in visits.items():
        for chart in visit.page.locator("[data-chart]").all():
            total += 1
            name = chart.get_attribute("data-chart")
            if chart.get_attribute("data-rendered") != "true":
                failures.append(f"{path} {name}: data-rendered={chart.get_attribute('data-rendered')}")
                continue
            marks = chart.locator("svg .mark-symbol path, svg .mark-line path").count()
            if marks == 0:
                failures.append(f"{path} {name}: no marks in the SVG")
    assert total > 0
    assert not failures, report(failures)


def test_chart_tables_hold_the_chart_data(visits):
    """Each chart's table lists what the chart highlights, in order; small multiples share the
    table of the chart above them."""
    failures, checked = [], 0
    for path, visit in visits.items():
        for name, chart in drawn_charts(visit.page).items():
            cells = visit.page.locator(f'table[data-chart-table="{name}"] td.num')
            if cells.count() == 0:
                if not name.endswith("-panels"):
                    failures.append(f"{path} {name}: no table")
                continue
            checked += 1
            labels = [t.strip() for t in cells.evaluate_all("cs => cs.map(c => c.textContent)")]
            drawn = [r["value_label"] for r in chart["rows"] if r["hl"]]
            if labels != drawn:
                failures.append(f"{path} {name}: table labels {labels} != drawn {drawn}")
    assert checked > 0
    assert not failures, report(failures)


def hover_tooltip(page, wanted) -> tuple[str, str]:
    """Hovers the points of the first chart until the tooltip shows a value_label passing wanted."""
    chart = page.locator("[data-chart]").first
    labels = [r["value_label"] for r in drawn_charts(page)[chart.get_attribute("data-chart")]["rows"]]
    tooltip = page.locator(".chart-tooltip")
    points = chart.locator("svg .mark-symbol path")
    assert points.count() > 0, "no points in the first chart"
    seen = []
    for i in range(points.count()):
        points.nth(i).scroll_into_view_if_needed()
        box = points.nth(i).bounding_box()
        if not box:
            continue
        page.mouse.move(0, 0)
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_function("() => !document.querySelector('.chart-tooltip').hidden", timeout=1_000)
        except Exception:
            continue
        text = tooltip.inner_text()
        seen.append(text)
        shown = [label for label in labels if label in text]
        if any(wanted(label) for label in shown):
            return text, next(label for label in shown if wanted(label))
    pytest.fail(f"no tooltip with a matching value label; tooltips seen: {seen}")


def test_tooltip_in_vietnamese_uses_decimal_comma(visits):
    page = visits["index.html"].page
    text, label = hover_tooltip(page, lambda label: re.search(r"\d,\d", label) and "%" in label)
    assert re.search(r"\d,\d+%", text), text
    # Field titles: Vietnamese once the catalog translates them (not all translated yet).
    for msgid in ("Source", "Period", "Value"):
        title = po_translation(msgid)
        if title:
            assert title in text, f"tooltip lacks the Vietnamese title {title!r}: {text}"


def test_tooltip_in_english_uses_decimal_point(visits):
    page = visits["en/index.html"].page
    text, label = hover_tooltip(page, lambda label: re.search(r"\d\.\d", label) and "%" in label)
    assert re.search(r"\d\.\d+%", text), text
    assert not re.search(r"\d,\d+%", text), text
    for title in ("Source", "Period", "Value"):
        assert title in text, text


# ---------------------------------------------------------------- accessibility


def axe_violations(visits) -> list[str]:
    """Serious/critical violations of every page, charts included."""
    found = []
    for path, visit in visits.items():
        page = visit.page
        if not page.evaluate("() => typeof axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        for v in violations:
            if v["impact"] not in ("serious", "critical"):
                continue
            targets = [node["target"] for node in v["nodes"]]
            found.append(f"{path}: {v['id']} ({v['impact']}) {targets[:3]}")
    return found


@pytest.fixture(scope="session")
def axe_results(visits):
    return axe_violations(visits)


def test_axe_finds_no_serious_violations(axe_results):
    assert not axe_results, report(axe_results)


def test_charts_have_a_text_alternative(visits):
    failures = []
    for path, visit in visits.items():
        for chart in visit.page.locator("[data-chart]").all():
            name = chart.get_attribute("data-chart")
            # The drawn SVG is named by the spec's description: title plus every figure.
            label = chart.locator("svg").first.get_attribute("aria-label") or ""
            if not label.strip():
                failures.append(f"{path} {name}: the chart's SVG has no accessible name")
            # Small multiples draw the figures of the chart above them, whose table holds them.
            table = visit.page.locator(f'table[data-chart-table="{name.removesuffix("-panels")}"]')
            if table.count() != 1:
                failures.append(f"{path} {name}: no data table under the chart")
    assert not failures, report(failures)


def test_a_charts_text_alternative_is_the_one_python_writes(visits):
    """site.js writes the drawing's text alternative (it follows the reader's pick); on the
    default view it is, word for word, the chart's `alt` of the template contract."""
    failures, checked = [], 0
    for path, visit in visits.items():
        payload = chart_payload(visit.page.content()) if visit.page.locator("#sitegen-charts").count() else None
        for name, config in (payload or {}).get("charts", {}).items():
            rows = [r for r in decoded_rows(payload, name) if r["locality"] in config["highlight"]]
            label = visit.page.locator(f'[data-chart="{name}"] svg').first.get_attribute("aria-label")
            checked += 1
            if label != chart_alt_text(config["title"], rows):
                failures.append(f"{path} {name}: {label[:80]!r}")
    assert checked > 20 and not failures, report(failures)


def test_headings_are_in_order(visits):
    failures = []
    for path, visit in visits.items():
        levels = visit.page.locator("h1, h2, h3, h4, h5, h6").evaluate_all(
            "hs => hs.map(h => Number(h.tagName[1]))")
        if levels.count(1) != 1:
            failures.append(f"{path}: {levels.count(1)} h1 elements")
        if levels and levels[0] != 1:
            failures.append(f"{path}: first heading is h{levels[0]}")
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                failures.append(f"{path}: h{before} followed by h{after}")
    assert not failures, report(failures)


def test_keyboard_focus_is_visible(visits):
    failures = []
    for path, visit in visits.items():
        page = visit.page
        page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
        page.mouse.click(1, 1)  # start from the top of the document, not from an earlier focus
        for step in range(3):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => { const el = document.activeElement;
                const s = getComputedStyle(el);
                return {tag: el.tagName, text: (el.textContent || '').trim().slice(0, 30),
                        outline: s.outlineStyle, width: s.outlineWidth}; }""")
            if focused["tag"] == "BODY":
                failures.append(f"{path}: Tab {step + 1} focused nothing")
            elif focused["outline"] == "none" or focused["width"] == "0px":
                failures.append(f"{path}: Tab {step + 1} on {focused} shows no outline")
    assert not failures, report(failures)


def test_language_attributes_and_switcher(visits):
    failures = []
    for path, visit in visits.items():
        page = visit.page
        language = "en" if path.startswith("en/") else "vi"
        if page.get_attribute("html", "lang") != language:
            failures.append(f"{path}: <html lang={page.get_attribute('html', 'lang')}>")
        own, other = visit.url, urljoin(visit.url, "/") + other_language(path)
        alternates = page.locator("link[rel=alternate][hreflang]").evaluate_all(
            "ls => Object.fromEntries(ls.map(l => [l.hreflang, l.href]))")
        expected = {language: own, ("vi" if language == "en" else "en"): other}
        if alternates != expected:
            failures.append(f"{path}: alternates {alternates} != {expected}")
        switch = page.locator("nav.lang-switch a").evaluate_all("as => as.map(a => a.href)")
        if path.endswith("404.html"):
            continue   # it offers both languages' pages in its body (tests/browser/test_not_found.py)
        if switch != [other]:
            failures.append(f"{path}: language switcher {switch} != [{other}]")
    assert not failures, report(failures)


# ---------------------------------------------------------------- colour


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _lab(rgb_linear) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, c)) for c in rgb_linear)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
}
# CIE76 ΔE ≈ 2.3 is a just-noticeable difference side by side; thin lines and small points in a
# chart need far more. ΔE ≥ 10 is a commonly used "distinct at a glance" bound for categorical
# palettes (the Okabe-Ito colours the site uses stay above it under both simulations).
MIN_DELTA_E = 10.0


def simulate(hex_colour: str, matrix) -> tuple[float, float, float]:
    rgb = [_linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5)]
    return _lab([sum(m * c for m, c in zip(row, rgb)) for row in matrix])


def test_chart_colours_survive_colour_blindness(visits):
    palettes = set()
    for visit in visits.values():
        for chart in drawn_charts(visit.page).values():
            palettes.add(tuple(c.upper() for c in chart["colour"]["range"]))
    assert palettes, "no colour scales found in the chart specs"
    failures = []
    for palette, (name, matrix) in itertools.product(sorted(palettes), CVD.items()):
        for a, b in itertools.combinations(palette, 2):
            delta = sum((p - q) ** 2 for p, q in zip(simulate(a, matrix), simulate(b, matrix))) ** 0.5
            if delta < MIN_DELTA_E:
                failures.append(f"{name}: {a} vs {b} ΔE {delta:.1f}")
    assert not failures, report(failures)


# ---------------------------------------------------------------- screenshots


def test_screenshots(browser, opener, base_urls, screenshots_dir):
    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})
        try:
            for name, path in (("home", "index.html"), ("locality-da-nang", "localities/da-nang.html"),
                               ("indicator-bhxh", "indicators/bhxh.html")):
                visit = opener(context, base_urls["root"] + path)
                assert not visit.problems(), visit.problems()
                target = screenshots_dir / f"{name}-{width}.png"
                visit.page.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 10_000
                visit.page.close()
        finally:
            context.close()


def test_a_table_too_wide_for_the_phone_says_it_scrolls(browser, opener, base_urls):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        visit = opener(context, base_urls["root"] + "index.html")
        box = visit.page.locator(".table-scroll:has(table.overview)")
        assert box.get_attribute("data-scrolls") is not None
        assert box.get_attribute("data-hint") == "Kéo ngang để xem thêm cột →"
        # the scorecard turns into one card per locality instead: nothing to scroll
        scorecard = visit.page.locator(".table-scroll:has(#scorecard)")
        assert scorecard.get_attribute("data-scrolls") is None
        assert visit.page.evaluate("() => document.documentElement.scrollWidth") <= 390
        # a table that fits gets no hint
        visit = opener(context, base_urls["root"] + "methodology.html")
        widths = visit.page.evaluate("() => [...document.querySelectorAll('.table-scroll')]"
                                     ".map(b => [b.scrollWidth <= b.clientWidth + 1, b.hasAttribute('data-scrolls')])")
        assert widths and all(fits != hinted for fits, hinted in widths)
    finally:
        context.close()


def test_copying_a_sentence_confirms_it_and_falls_back_to_selecting_it(browser, base_urls):
    """A reporter sees (and hears) that the sentence was copied; without a clipboard the sentence
    is selected so that it can be copied by hand, and the page says so."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(base_urls["root"] + "localities/da-nang.html", wait_until="load")
        button = page.locator("button.copy").first
        sentence = page.locator(f"#{button.get_attribute('data-copy')}").text_content().strip()
        button.click()
        status = page.locator(".factbox .share-actions .copy-status").first
        status.wait_for(state="visible")
        assert status.text_content() == "Đã chép."
        assert status.get_attribute("role") == "status"
        assert page.evaluate("() => navigator.clipboard.readText()") == sentence
        # The clipboard refuses (as on a page served over plain http from another host).
        page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }")
        button.click()
        page.wait_for_function("(b) => b.dataset.copied === 'false'", arg=button.element_handle())
        assert status.text_content().startswith("Không chép được: nội dung đã được chọn")
        assert page.evaluate("() => window.getSelection().toString().trim()") == sentence
    finally:
        context.close()
