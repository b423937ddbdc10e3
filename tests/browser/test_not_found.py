"""The 404 page as GitHub Pages serves it: the site's root 404.html, status 404, for a missing URL at
any depth under the site's sub-path, with the URL unchanged. Styled, in the language of the missing
URL, with a home link and a link to the other language that both reach a page, whether the site was
built with --base-url (absolute links) or without (the page finds its root at run time)."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from pathlib import Path

import pytest

from tests.browser.conftest import SUB_PATH
from tests.helpers import FIXTURES, QuietHandler

pytestmark = pytest.mark.browser

# (missing path under the site, the reader's language, its title, the other language's title)
MISSING = [("en/localities/nope/deeper/x.html", "en", "Page not found", "Không tìm thấy trang"),
           ("localities/nope/x.html", "vi", "Không tìm thấy trang", "Page not found"),
           ("nope.html", "vi", "Không tìm thấy trang", "Page not found")]
HOME = {"vi": "index.html", "en": "en/index.html"}
BG_SOFT = "rgb(245, 246, 248)"   # site.css's --bg-soft, the header's background


class GitHubPagesHandler(QuietHandler):
    """Answers a missing path with the site's 404.html and status 404, as GitHub Pages does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file() or path.is_dir():
            return super().send_head()
        body = (Path(self.directory) / SUB_PATH / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve_like_github_pages(directory: Path) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(GitHubPagesHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def relative_site(site_dir):
    """The bundled site, built without --base-url, at http://127.0.0.1:P/sitegen-demo/."""
    server = serve_like_github_pages(site_dir.parent)
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def absolute_site(tmp_path_factory):
    """The mini project built with --base-url set to where it is served: every link absolute."""
    from sitegen.build import build_site
    from sitegen.config import SiteConfig

    root = tmp_path_factory.mktemp("absolute")
    server = serve_like_github_pages(root)
    base = f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    build_site(SiteConfig(data_dir=FIXTURES / "mini" / "data", content_dir=FIXTURES / "mini" / "content",
                          out_dir=root / SUB_PATH, base_url=base))
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["relative", "absolute"])
def site(request):
    return request.getfixturevalue(f"{request.param}_site")


def open_missing(context, url: str):
    page = context.new_page()
    response = page.goto(url, wait_until="load")
    assert response.status == 404
    return page


def follow(page, link) -> int:
    """Clicks a link and returns the status of the page it reaches."""
    with page.expect_navigation() as navigation:
        link.click()
    return navigation.value.status


@pytest.mark.parametrize("missing, lang, title, other_title", MISSING)
def test_a_missing_url_at_any_depth_gets_a_working_404_in_its_language(browser, site, missing, lang, title, other_title):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = open_missing(context, site + missing)
    header = page.locator(".site-header")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.site-header')).backgroundColor "
                           f"=== '{BG_SOFT}'", timeout=5_000)   # site.css applied
    headings = page.locator(".not-found-title > span")
    assert headings.nth(0).inner_text() == title and headings.nth(1).inner_text() == other_title
    sections = page.locator(".not-found > section")
    assert sections.nth(0).get_attribute("lang") == lang and header.is_visible()
    other = "vi" if lang == "en" else "en"
    assert follow(page, sections.nth(0).locator(".not-found-home a")) == 200
    assert page.url == site + HOME[lang] and page.locator("html").get_attribute("lang") == lang
    page = open_missing(context, site + missing)
    assert follow(page, page.locator(f'.not-found > section[lang="{other}"] .not-found-home a')) == 200
    assert page.url == site + HOME[other] and page.locator("html").get_attribute("lang") == other
    page = open_missing(context, site + missing)
    assert follow(page, page.locator(f'.not-found > section[lang="{lang}"] .not-found-sections a').last) == 200
    context.close()


def test_without_javascript_the_404_works_at_the_sites_own_level(browser, relative_site):
    context = browser.new_context(java_script_enabled=False)
    page = open_missing(context, relative_site + "nope.html")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == BG_SOFT
    for lang in ("vi", "en"):
        page = open_missing(context, relative_site + "nope.html")
        assert follow(page, page.locator(f'.not-found > section[lang="{lang}"] .not-found-home a')) == 200
        assert page.url == relative_site + HOME[lang]
    context.close()
