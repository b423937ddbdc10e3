"""The site at the scale of the country: 63 synthetic provinces (scripts/synthetic-data) with the
repository's commentary. Crowded charts highlight a few localities, a picker changes which ones,
the choice lives in the page's address, and pages stay within their weight budget."""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import open_page
from tests.helpers import REPO, serve_folder

pytestmark = pytest.mark.browser

PROVINCES = 63
INDICATOR = "indicators/bhyt.html"
CHART = "indicator-bhyt"
PAGE_BUDGET_GZIP = 150_000   # bytes, any HTML page (the budget)
MEDIAN_BUDGET_GZIP = 40_000


@pytest.fixture(scope="module")
def many_site(tmp_path_factory) -> Path:
    from sitegen.build import build_site
    from sitegen.config import SiteConfig

    work = tmp_path_factory.mktemp("many")
    subprocess.run([sys.executable, str(REPO / "scripts" / "synthetic-data"), str(PROVINCES), str(work / "data")],
                   check=True)
    out = work / "site"
    build_site(SiteConfig(data_dir=work / "data", content_dir=REPO / "content", out_dir=out))
    return out


@pytest.fixture(scope="module")
def many_url(many_site):
    server = serve_folder(many_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def highlighted(page, chart: str) -> list[str]:
    """The localities the drawn chart highlights, in the order of its rows."""
    return page.evaluate("""(chart) => [...new Set(window.sitegenCharts[chart].rows
                                         .filter((r) => r.hl).map((r) => r.locality))]""", chart)


def table_localities(page, chart: str) -> set[str]:
    return set(page.eval_on_selector_all(f'[data-chart-table="{chart}"] tbody tr',
                                         "rows => rows.map(r => r.cells[0].textContent)"))


def ticked(page) -> list[str]:
    return page.eval_on_selector_all("[data-picker] input:checked", "boxes => boxes.map(b => b.value)")


def wait_for_redraw(page, chart: str, locality: str, present: bool = True) -> None:
    page.wait_for_function("""([chart, locality, present]) => {
        const drawn = window.sitegenCharts[chart];
        return drawn && drawn.rows.some((r) => r.hl && r.locality === locality) === present;
    }""", arg=[chart, locality, present])


def test_a_crowded_chart_highlights_a_few_localities_and_greys_the_rest(tab, many_url):
    visit = open_page(tab, many_url + INDICATOR)
    assert visit.problems() == []
    page = visit.page
    rows = page.evaluate(f"() => window.sitegenCharts['{CHART}'].rows")
    drawn = {row["locality"] for row in rows}
    lit = {row["locality"] for row in rows if row["hl"]}
    assert len(drawn) == PROVINCES + 1                 # every province and the country are drawn
    assert "vn" in lit and 2 <= len(lit) <= 8          # the benchmark always, a few others
    assert table_localities(page, CHART) == {row["series"] for row in rows if row["hl"]}
    assert set(ticked(page)) == lit - {"vn"}           # the country is not a choice: always shown
    # The page says why these are highlighted, in words, not only in colour.
    assert page.locator("[data-picker]").is_visible()
    assert page.text_content("[data-picker] .note").strip()


def test_the_picker_finds_a_locality_without_diacritics_and_highlights_it(tab, many_url):
    page = open_page(tab, many_url + INDICATOR).page
    page.fill("[data-picker-search]", "da nang")
    visible = page.eval_on_selector_all("[data-picker-list] li:not([hidden])", "items => items.map(i => i.textContent.trim())")
    assert visible == ["Đà Nẵng"]
    page.check("[data-picker] input[value=da-nang]")
    wait_for_redraw(page, CHART, "da-nang")
    assert "da-nang" in highlighted(page, CHART) and "vn" in highlighted(page, CHART)
    assert "Đà Nẵng" in table_localities(page, CHART)
    assert "Đà Nẵng" in page.text_content("[data-picker-status]")   # announced to screen readers
    # The drawing's text alternative lists the figures of the localities now highlighted.
    label = page.locator(f'[data-chart="{CHART}"] svg').first.get_attribute("aria-label")
    assert "Đà Nẵng, " in label and label.startswith(page.text_content(f"#fig-{CHART} figcaption strong").strip() + ". ")


def test_the_choice_is_kept_in_the_address_and_a_link_reproduces_it(tab, many_url):
    page = open_page(tab, many_url + INDICATOR).page
    page.check("[data-picker] input[value=ha-noi]")
    wait_for_redraw(page, CHART, "ha-noi")
    chosen = page.url.split("?hl=", 1)[1].split(",")
    assert "ha-noi" in chosen
    again = open_page(tab, page.url).page             # the link, opened afresh
    assert set(highlighted(again, CHART)) == set(chosen) | {"vn"}
    assert set(ticked(again)) == set(chosen)
    again.click("[data-picker-reset]")
    wait_for_redraw(again, CHART, "ha-noi", present=False)
    assert "hl=" not in again.url


def test_a_link_with_localities_highlights_them_on_every_crowded_chart_of_the_home_page(tab, many_url):
    page = open_page(tab, many_url + "index.html?hl=ca-mau,lao-cai").page
    crowded = page.evaluate("() => Object.keys(window.sitegenCharts)")
    assert crowded
    for chart in crowded:
        assert set(highlighted(page, chart)) <= {"ca-mau", "lao-cai", "vn"}
        assert {"ca-mau", "lao-cai"} & set(highlighted(page, chart))


def test_a_link_with_localities_hides_the_default_still_until_the_pick_is_drawn(tab, many_url):
    """The still shows the default highlight: a link with the reader's pick hides it while the
    page's scripts load (held here, as on a slow network, by never answering for the Vega bundle,
    which the deferred scripts wait for); if the bundle fails, the still is shown after all."""
    held = []
    tab.route("**/assets/vega-*.js", lambda route: held.append(route))
    still = f'[data-chart="{CHART}"] svg.chart-still'
    page = tab.new_page()
    page.goto(many_url + INDICATOR + "?hl=ca-mau,lao-cai", wait_until="commit")
    page.wait_for_selector("footer", state="attached")        # the whole page parsed, scripts waiting
    assert held and page.locator(still).count() == 1 and not page.is_visible(still)
    page.close()
    tab.unroute("**/assets/vega-*.js")
    tab.route("**/assets/vega-*.js", lambda route: route.abort())
    failed = tab.new_page()
    failed.goto(many_url + INDICATOR + "?hl=ca-mau,lao-cai", wait_until="load")
    assert failed.is_visible(still)                          # no chart can be drawn: the still stays
    # ... and a chart with no still says why its box is empty (the panels of the indicator page)
    empty = failed.locator(".chart:not(.still)").first
    message = empty.evaluate("e => getComputedStyle(e, '::before').content")
    assert "không vẽ được biểu đồ" in message.lower()   # the page is Vietnamese


def test_the_picker_works_from_the_keyboard(tab, many_url):
    page = open_page(tab, many_url + INDICATOR).page
    page.focus("[data-picker-search]")
    page.keyboard.type("cao bang")
    page.keyboard.press("Tab")   # the reset button
    page.keyboard.press("Tab")   # the first visible locality
    assert page.evaluate("() => document.activeElement.value") == "cao-bang"
    page.keyboard.press("Space")
    wait_for_redraw(page, CHART, "cao-bang")


def test_every_page_stays_within_its_weight_budget(many_site):
    sizes = {page.relative_to(many_site).as_posix(): len(gzip.compress(page.read_bytes(), compresslevel=6, mtime=0))
             for page in many_site.rglob("*.html") if page.relative_to(many_site).parts[0] != "assets"}
    heaviest = max(sizes, key=sizes.get)
    assert sizes[heaviest] <= PAGE_BUDGET_GZIP, f"{heaviest}: {sizes[heaviest]} bytes gzipped"
    assert statistics.median(sizes.values()) <= MEDIAN_BUDGET_GZIP
