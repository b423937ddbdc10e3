"""Paths and small file edits shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append_line(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


def serve_folder(directory: Path) -> http.server.ThreadingHTTPServer:
    """Serve a folder on 127.0.0.1 (a free port) from a daemon thread; call .shutdown() when done."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chart_payload(markup: str) -> dict:
    """The page's chart payload (<script type="application/json" id="sitegen-charts">)."""
    found = re.search(r'<script type="application/json" id="sitegen-charts">(.*?)</script>', markup, re.S)
    assert found, "the page carries no chart payload"
    return json.loads(found.group(1))


def decoded_rows(payload: dict, chart_id: str) -> list[dict]:
    """A chart's rows as dicts, read from the compact form the way templates/static/site.js does:
    [series, kind, date, value, value label, period, source, line] with series and labels by index."""
    data = payload["datasets"][payload["charts"][chart_id]["dataset"]]
    return [{"locality": data["series"][s][0], "series": data["series"][s][1], "panel": data["series"][s][2],
             "kind": kind, "kind_label": data["kinds"][kind], "date": date, "value": value, "value_label": label,
             "period_label": data["strings"][period], "source_label": data["strings"][source],
             "line": data["strings"][line]}
            for s, kind, date, value, label, period, source, line in data["rows"]]


def build_bundled(out: Path, base_url: str | None = None) -> None:
    """The repository's own data/ and content/, built as the published site into `out`."""
    import os

    from sitegen.build import build_site
    from sitegen.config import SiteConfig

    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        build_site(SiteConfig(out_dir=out, base_url=base_url))
    finally:
        os.chdir(cwd)
