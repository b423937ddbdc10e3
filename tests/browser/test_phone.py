"""The site on a phone, on a dark screen and without JavaScript (README, "The published site").

Run with `pytest -q tests/browser/test_phone.py`; needs Chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import AXE
from tests.browser.test_site import drawn_charts, report

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LOCALITY = "localities/ha-noi.html"


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


def relative_luminance(css_colour: str) -> float:
    """WCAG relative luminance of a computed colour, "rgb(r, g, b)" or "#rrggbb"."""
    if css_colour.startswith("#"):
        channels = [int(css_colour[i:i + 2], 16) for i in (1, 3, 5)]
    else:
        channels = [int(float(c)) for c in re.findall(r"[\d.]+", css_colour)[:3]]
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# ---------------------------------------------------------------- width


def test_no_page_scrolls_sideways_on_a_phone(phone, opener, base_urls, html_pages):
    """Every page of the bundled site, in both languages, fits 390 px: wide tables scroll inside
    their own box, charts and titles fit."""
    assert any(p.startswith("en/indicators/") for p in html_pages) and "changes.html" in html_pages
    failures = []
    for path in html_pages:
        visit = opener(phone, base_urls["root"] + path)
        width = visit.page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            failures.append(f"{path}: {width} px wide")
        visit.page.close()
    assert not failures, report(failures)


def test_charts_follow_a_window_narrowed_to_a_phone(browser, opener, base_urls):
    """A rotated phone or a narrowed window: every chart is redrawn to its container's width."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = opener(context, base_urls["root"] + LOCALITY).page
        wide = page.evaluate("() => Math.max(...[...document.querySelectorAll('[data-chart] svg')].map(s => s.getBoundingClientRect().width))")
        assert wide > 600
        page.set_viewport_size(PHONE)
        try:
            page.wait_for_function("""() => [...document.querySelectorAll('[data-chart]')].every(el =>
                el.dataset.rendered && el.querySelector('svg').getBoundingClientRect().width <= el.clientWidth + 1)""",
                                   timeout=10_000)
        except Exception:
            pass   # the assertions below say what did not fit
        sizes = page.evaluate("""() => [...document.querySelectorAll('[data-chart]')].map(el =>
            [el.dataset.chart, Math.round(el.querySelector('svg').getBoundingClientRect().width), el.clientWidth])""")
        assert sizes
        too_wide = [f"{name}: drawn {drawn} px in a {box} px box" for name, drawn, box in sizes if drawn > box + 1]
        assert not too_wide, report(too_wide)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


# ---------------------------------------------------------------- tables


def test_pace_tables_stack_on_a_phone(phone, opener, base_urls):
    """Label, value and basis each take the whole width: no number split over lines."""
    page = opener(phone, base_urls["root"] + LOCALITY).page
    cells = page.evaluate("""() => [...document.querySelectorAll('table.pace')].flatMap(t =>
        [...t.querySelectorAll('th, td')].map(c => [c.textContent.trim(), Math.round(c.getBoundingClientRect().width),
                                                   Math.round(t.getBoundingClientRect().width)]))""")
    assert cells
    narrow = [f"{text[:40]!r}: {width} of {table} px" for text, width, table in cells if width < table - 1]
    assert not narrow, report(narrow)
    values = page.locator("table.pace td.num").evaluate_all("cs => cs.map(c => c.getClientRects().length && c.offsetHeight)")
    line = page.locator("table.pace td.num").first.evaluate("c => parseFloat(getComputedStyle(c).lineHeight)")
    assert all(height < 2 * line for height in values), values   # each value on one line


def test_wide_tables_keep_their_first_column_in_view(phone, opener, base_urls):
    page = opener(phone, base_urls["root"] + LOCALITY).page
    box = page.locator("#figures + .table-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    first = box.locator("tbody tr").first.locator("td").first
    second = box.locator("tbody tr").first.locator("td").nth(1)
    left, second_left = first.bounding_box()["x"], second.bounding_box()["x"]
    box.evaluate("b => { b.scrollLeft = 150; }")
    page.wait_for_timeout(100)
    assert first.bounding_box()["x"] == pytest.approx(left, abs=1)   # stays
    assert second.bounding_box()["x"] < second_left - 100            # scrolls under it


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations_on_a_phone(browser, opener, base_urls, scheme):
    """At 390 px tables scroll in their own box: the keyboard must reach it, and a dark screen
    keeps every text readable. One page of each kind."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    found = []
    try:
        for path in ("index.html", "compare.html", "sources.html", "methodology.html", "data.html", "changes.html",
                     LOCALITY, "indicators/bhxh.html", "en/localities/ha-noi.html"):
            page = opener(context, base_urls["root"] + path).page
            page.wait_for_function("() => document.querySelector('.table-scroll[data-hint]') || !document.querySelector('.table-scroll')")
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
            found += [f"{path}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
                      for v in violations if v["impact"] in ("serious", "critical")]
            page.close()
    finally:
        context.close()
    assert not found, report(found)


# ---------------------------------------------------------------- touch


def test_tapping_a_point_shows_its_tooltip_with_its_value(browser, opener, base_urls):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = opener(context, base_urls["root"] + LOCALITY).page
        chart = page.locator("[data-chart]").first
        chart.scroll_into_view_if_needed()
        centres = chart.locator("svg .mark-symbol path").evaluate_all(
            "ps => ps.map(p => { const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })")
        # A point with no other within 30 px, so that a tap beside it can only mean it.
        x, y = next((x, y) for x, y in centres
                    if all(abs(x - a) + abs(y - b) > 30 for a, b in centres if (a, b) != (x, y)))
        # The value at the point's height, read off the chart's own y scale.
        expected = page.evaluate("""([name, y]) => {
            const view = window.sitegenCharts[name].view;
            const top = view.container().querySelector('svg').getBoundingClientRect().top;
            return view.scale('y').invert(y - top - view.origin()[1] - view.padding().top); }""", [chart.get_attribute("data-chart"), y])
        tooltip = page.locator(".chart-tooltip")
        assert tooltip.is_hidden()
        page.touchscreen.tap(x, y)
        tooltip.wait_for(state="visible", timeout=2_000)
        text = tooltip.inner_text()
        shown = re.search(r"Giá trị: \D*(\d+(?:,\d+)?)%", text)
        assert shown, text
        assert float(shown.group(1).replace(",", ".")) == pytest.approx(expected, abs=0.3), text
        # A fingertip is wider than the point: a tap beside it shows the same tooltip.
        page.touchscreen.tap(PHONE["width"] - 5, 5)   # outside the charts: the tooltip goes away
        tooltip.wait_for(state="hidden", timeout=2_000)
        page.touchscreen.tap(x + 8, y + 6)
        tooltip.wait_for(state="visible", timeout=2_000)
        assert tooltip.inner_text() == text
    finally:
        context.close()


# ---------------------------------------------------------------- hover-only information


def test_what_a_title_attribute_says_is_also_on_the_page(visits):
    """A phone shows no hover text and a keyboard does not reach it: whatever a title attribute
    says must be readable on the page too (as text, or in a details a tap or a key opens)."""
    failures = []
    for path, visit in visits.items():
        for title, elsewhere in visit.page.evaluate("""() => {
            const copy = document.body.cloneNode(true);
            copy.querySelectorAll('.visually-hidden, [aria-hidden=true], script').forEach(e => e.remove());
            const text = copy.textContent.replace(/\\s+/g, ' ');
            return [...document.body.querySelectorAll('[title]')].map(e => [e.title, text.includes(e.title.replace(/\\s+/g, ' '))]);
        }"""):
            if not elsewhere:
                failures.append(f"{path}: {title!r} only in a title attribute")
    assert not failures, report(failures[:20])


# ---------------------------------------------------------------- without JavaScript


@pytest.mark.parametrize("path", [LOCALITY, "index.html", "en/indicators/bhxh.html"])
def test_without_javascript_the_chart_tables_take_the_charts_place(browser, base_urls, path):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_urls["root"] + path, wait_until="load")
        boxes = page.locator("[data-chart]")
        assert boxes.count() > 0
        empty = [i for i in range(boxes.count()) if boxes.nth(i).is_visible() and not boxes.nth(i).locator("svg").count()]
        assert not empty, f"{len(empty)} empty chart boxes shown"
        # The page's first chart is drawn at build time (its still), within the phone's width.
        still = boxes.first.locator("svg.chart-still")
        assert still.is_visible() and 100 < still.bounding_box()["height"] and still.bounding_box()["width"] <= PHONE["width"]
        assert page.locator("svg.chart-still").count() == 1
        tables = page.locator("table[data-chart-table]")
        assert tables.count() > 0
        for i in range(tables.count()):
            row = tables.nth(i).locator("tbody tr").first
            assert row.is_visible(), f"table {i}: rows hidden"
            assert row.bounding_box()["height"] > 10
        for control in ("button", ".chart-exports", "[data-picker]", "input"):
            shown = [e for e in page.locator(control).all() if e.is_visible()]
            assert not shown, f"{control} shown without JavaScript: {[e.inner_text() for e in shown]}"
        text = page.locator("main").inner_text()
        for word in ("PNG", "SVG"):
            assert word not in text
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


# ---------------------------------------------------------------- dark screens


def test_a_dark_screen_gets_dark_pages_and_charts(browser, opener, base_urls):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page = opener(context, base_urls["root"] + "index.html").page
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        ink = page.evaluate("() => getComputedStyle(document.body).color")
        assert relative_luminance(background) < 0.02, background
        assert relative_luminance(ink) > 0.6, ink
        failures = []
        for name, chart in drawn_charts(page).items():
            fills = page.locator(f'[data-chart="{name}"] svg .role-axis-label text').evaluate_all(
                "ts => ts.map(t => t.getAttribute('fill'))")
            if not fills or any(contrast(fill, background) < 4.5 for fill in fills):
                failures.append(f"{name}: axis labels {set(fills)} on {background}")
            weak = [c for c in chart["colour"]["range"] if contrast(c, background) < 4.5]
            if weak:
                failures.append(f"{name}: lines {weak} too dark for {background}")
        assert not failures, report(failures)
        # Verdict badges: readable, and each status its own colour.
        badges = page.locator(".scorecard .badge").evaluate_all("""bs => bs.map(b => {
            const s = getComputedStyle(b);
            return [[...b.classList].find(c => c.startsWith('status-')) || 'none', s.color, s.backgroundColor, s.borderTopColor]; })""")
        assert len({status for status, *_ in badges}) >= 3
        unreadable = [b for b in badges if contrast(b[1], b[2]) < 4.5]
        assert not unreadable, unreadable
        colours = {}   # the four verdicts; badges without one share grey, as on a light screen
        for status, _, _, border in badges:
            if status in ("status-met", "status-on_track", "status-missed", "status-off_track"):
                colours.setdefault(border, set()).add(status)
        assert all(len(statuses) == 1 for statuses in colours.values()), colours
    finally:
        context.close()


def test_a_download_from_a_dark_screen_is_light(browser, opener, base_urls):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark", accept_downloads=True)
    try:
        page = opener(context, base_urls["root"] + LOCALITY).page
        name = page.locator("[data-chart]").first.get_attribute("data-chart")
        with page.expect_download() as download:
            page.locator(f'[data-exports="{name}"] [data-export="svg"]').click()
        svg = open(download.value.path(), encoding="utf-8").read()
        assert 'fill="white"' in svg or 'fill="#ffffff"' in svg.lower(), svg[:300]
        assert page.evaluate(f"() => window.sitegenCharts['{name}'].spec.background") != "white"
    finally:
        context.close()
