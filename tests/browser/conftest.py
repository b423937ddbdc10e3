"""Fixtures for the real-browser tests: the bundled site built once, served twice, one Chromium.

The site is served at the root of one server (http://127.0.0.1:P/) and under a sub-path of a
second one (http://127.0.0.1:Q/sitegen-demo/), like a GitHub Pages project site.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import REPO, build_bundled, serve_folder

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SUB_PATH = "sitegen-demo"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The bundled site (data/, content/ of the repository) built into a temp folder."""
    out = tmp_path_factory.mktemp("site") / "root" / SUB_PATH
    build_bundled(out)
    return out


@pytest.fixture(scope="session")
def base_urls(site_dir):
    """{"root": "http://127.0.0.1:P/", "sub": "http://127.0.0.1:Q/sitegen-demo/"}"""
    root = serve_folder(site_dir)
    sub = serve_folder(site_dir.parent)
    yield {"root": f"http://127.0.0.1:{root.server_address[1]}/",
           "sub": f"http://127.0.0.1:{sub.server_address[1]}/{SUB_PATH}/"}
    for server in (root, sub):
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def html_pages(site_dir) -> list[str]:
    """Every generated page, relative to the site root, e.g. 'en/localities/da-nang.html'."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """One loaded page and everything that went wrong while loading it."""
    url: str
    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"page error: {m}" for m in self.page_errors]
                + [f"failed request: {m}" for m in self.failed_requests]
                + [f"request to another host: {m}" for m in self.foreign_requests])


def open_page(context, url: str) -> Visit:
    """Load url in a new page, recording errors, and wait until every chart is drawn (or failed)."""
    from urllib.parse import urlsplit

    page = context.new_page()
    visit = Visit(url, page)
    page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
    page.on("requestfailed", lambda r: visit.failed_requests.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and visit.failed_requests.append(f"{r.url} ({r.status})"))

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            visit.foreign_requests.append(request.url)
    page.on("request", on_request)
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-chart]')].every(el => el.dataset.rendered)",
        timeout=15_000)
    return visit


@pytest.fixture(scope="session")
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="session")
def visits(context, base_urls, html_pages):
    """Every page at the root, loaded once and kept open: {relative path: Visit}. The charts' embed
    pages (a chart alone, no header or headings) have tests of their own (test_sharing.py)."""
    return {path: open_page(context, base_urls["root"] + path) for path in html_pages
            if not path.removeprefix("en/").startswith("embed/")}


@pytest.fixture(scope="session")
def opener():
    """open_page, for tests that need a page of their own (other base path, other width)."""
    return open_page


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    folder = REPO / "tests" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder

