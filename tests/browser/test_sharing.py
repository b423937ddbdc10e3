"""Citing, linking to and embedding in a real browser: what the Cite and Link buttons put on the
clipboard, that a permanent link scrolls to its element, and a chart embedded in an iframe on a
page of another origin, drawn and sized by assets/embed.js."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import AXE
from tests.helpers import build_bundled, serve_folder

pytestmark = pytest.mark.browser

LOCALITY = "localities/ha-noi.html"
CHART = "locality-ha-noi-bhyt"


def footer_date(page) -> str:
    footer = page.locator(".site-footer").text_content()
    return re.search(r"Số liệu hoặc văn bản mới nhất: ([0-9/]+)\.", footer).group(1)


@pytest.fixture
def clipboard_context(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


def test_citing_a_fact_copies_sentence_source_address_and_data_date(clipboard_context, base_urls):
    page = clipboard_context.new_page()
    page.goto(base_urls["root"] + LOCALITY, wait_until="load")
    box = page.locator("#fact-pension-target-2030")
    sentence = box.locator("p.fact").text_content().strip()
    box.get_by_role("button", name="Trích dẫn").click()
    status = box.locator(".copy-status")
    status.wait_for(state="visible")
    assert status.text_content() == "Đã chép." and status.get_attribute("role") == "status"
    cited = page.evaluate("() => navigator.clipboard.readText()")
    assert cited.startswith(sentence + " Nguồn: 56/KH-UBND (UBND thành phố Hà Nội, 18/02/2022). ")
    assert cited.endswith(f", {LOCALITY}#fact-pension-target-2030 (số liệu cập nhật đến {footer_date(page)}).")
    # The clipboard refuses: the citation is shown beneath the buttons, selected for copying by hand.
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }")
    box.get_by_role("button", name="Trích dẫn").click()
    page.wait_for_function("() => document.querySelector('#fact-pension-target-2030 .copy-fallback')")
    assert status.text_content().startswith("Không chép được: nội dung đã được chọn")
    assert box.locator(".copy-fallback").text_content() == cited
    assert page.evaluate("() => window.getSelection().toString()") == cited


def test_a_copied_flagged_sentence_stands_on_its_own(clipboard_context, base_urls):
    page = clipboard_context.new_page()
    page.goto(base_urls["root"] + LOCALITY, wait_until="load")
    box = page.locator("#fact-bhyt-actual-2025-06-10")
    assert "xem ghi chú trong bảng số liệu" in box.locator("p.fact").text_content()
    box.get_by_role("button", name="Sao chép câu").click()
    box.locator(".copy-status").wait_for(state="visible")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "bảng số liệu" not in copied
    assert "Lưu ý: số liệu chưa chắc chắn (ghi chú của nhóm biên soạn: “Chưa chắc chắn: 6 tháng đầu năm 2025" in copied


@pytest.mark.parametrize("anchor", ["fig-" + CHART, "fact-bhyt-target-2025"])
def test_link_to_this_copies_the_permalink_which_scrolls_to_the_element(clipboard_context, opener, base_urls, anchor):
    page = clipboard_context.new_page()
    page.goto(base_urls["root"] + LOCALITY, wait_until="load")
    element = page.locator(f"#{anchor}")
    element.get_by_role("button", name="Sao chép liên kết").click()
    element.locator(".copy-status").first.wait_for(state="visible")
    link = page.evaluate("() => navigator.clipboard.readText()")
    assert link == f"{LOCALITY}#{anchor}"   # built without --base-url: from the site root
    visit = opener(clipboard_context, base_urls["root"] + link)
    assert not visit.problems(), visit.problems()
    top = visit.page.evaluate(f"() => document.getElementById('{anchor}').getBoundingClientRect().top")
    assert visit.page.evaluate("() => window.scrollY") > 0
    assert -2 <= top < 50, top   # at the top of the window (to a fraction of a pixel)


def test_links_from_other_pages_keep_their_anchors(site_dir):
    """The section and chart anchors other pages link to are still there."""
    markup = (site_dir / LOCALITY).read_text(encoding="utf-8")
    assert 'id="ind-bhyt"' in markup and f'id="fig-{CHART}"' in markup
    assert 'href="localities/ha-noi.html#ind-bhyt"' in (site_dir / "indicators" / "bhyt.html").read_text("utf-8") or \
        "#ind-" not in (site_dir / "indicators" / "bhyt.html").read_text("utf-8")


def test_the_embed_button_reveals_the_code_and_copies_it(clipboard_context, base_urls):
    page = clipboard_context.new_page()
    page.goto(base_urls["root"] + LOCALITY, wait_until="load")
    figure = page.locator(f"#fig-{CHART}")
    code = figure.locator(f"#embed-code-{CHART}")
    assert not code.is_visible()
    toggle = figure.get_by_role("button", name="Nhúng")
    toggle.click()
    assert code.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    figure.get_by_role("button", name="Sao chép mã").click()
    figure.locator(".embed-code .copy-status").wait_for(state="visible")
    snippet = page.evaluate("() => navigator.clipboard.readText()")
    assert snippet.startswith(f'<iframe src="embed/{CHART}.html" ') and "assets/embed.js" in snippet
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


# ---------------------------------------------------------------- an embed on another site


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The bundled site built with --base-url for the server it is served from."""
    folder = tmp_path_factory.mktemp("published")
    server = serve_folder(folder)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    build_bundled(folder / "site", base + "site/")
    yield folder / "site", base + "site/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def host(tmp_path_factory, browser, published):
    """A page of another origin (127.0.0.1, another port) that embeds a chart with the code a reader
    copies from the published page (made by its script when Embed is pressed)."""
    _, base = published
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + LOCALITY, wait_until="load")
    page.locator(f"#fig-{CHART}").get_by_role("button", name="Nhúng").click()
    snippet = page.locator(f"#embed-code-{CHART}").text_content()
    context.close()
    assert snippet.startswith(f'<iframe src="{base}embed/{CHART}.html" title="')
    folder = tmp_path_factory.mktemp("host")
    (folder / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>A newsroom</title>"
        "<link rel='icon' href='data:,'></head>"
        f"<body><h1>A story</h1><p>The chart:</p>{snippet}<p>The end.</p></body></html>",
        encoding="utf-8")
    server = serve_folder(folder)
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def frame_height(page) -> float:
    return page.evaluate("() => document.querySelector('iframe[data-sitegen-embed]').getBoundingClientRect().height")


def test_an_embedded_chart_draws_in_an_iframe_of_another_origin_and_fits_its_height(browser, opener, host, published):
    _, base = published
    assert host.split("/")[2] != base.split("/")[2]   # another origin: another port
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        problems = []
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("request", lambda r: not r.url.startswith("http://127.0.0.1:") and problems.append(r.url))
        page.goto(host, wait_until="load")
        url = f"{base}embed/{CHART}.html"
        if not any(f.url == url for f in page.frames):   # a lazy iframe may start after the host's load event
            page.wait_for_event("framenavigated", predicate=lambda f: f.url == url, timeout=10000)
        frame = next(f for f in page.frames if f.url == url)
        frame.wait_for_function("() => document.querySelector('[data-chart]').dataset.rendered === 'true'")
        assert frame.locator("svg .mark-line path").count() > 0
        # the iframe takes the height of the page inside it, not the snippet's 520 px
        inner = "() => Math.ceil(document.documentElement.getBoundingClientRect().height)"
        page.wait_for_function("(h) => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - h) < 2",
                               arg=frame.evaluate(inner))
        assert frame_height(page) != 520
        assert frame.evaluate("() => document.documentElement.scrollHeight <= window.innerHeight + 1")
        # narrower: the chart is drawn again and the iframe follows its new height
        wide = frame_height(page)
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_function("(h) => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - h) > 5",
                               arg=wide)
        page.wait_for_timeout(500)
        assert abs(frame_height(page) - frame.evaluate(inner)) < 2
        # a message of the right shape from another window (here the host itself) changes nothing
        before = frame_height(page)
        page.evaluate("() => window.postMessage({type: 'sitegen:height', height: 50}, '*')")
        page.wait_for_timeout(200)
        assert frame_height(page) == before
        assert not problems, problems
    finally:
        context.close()


def test_an_embed_page_is_a_chart_alone_with_its_source_and_a_link_back(browser, opener, published):
    site, base = published
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        visit = opener(context, f"{base}en/embed/{CHART}.html")
        page = visit.page
        assert not visit.problems(), visit.problems()
        assert page.locator("header, footer, nav").count() == 0
        assert page.locator("meta[name=robots]").get_attribute("content") == "noindex"
        back = page.locator(".embed-origin a")
        assert back.get_attribute("href").endswith(f"en/{LOCALITY}#fig-{CHART}")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations"
                                   ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)")
        assert not violations, violations
    finally:
        context.close()
    assert "embed/" not in (Path(site) / "sitemap.xml").read_text(encoding="utf-8")
