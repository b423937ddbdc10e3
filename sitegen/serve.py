"""`sitegen serve`: a live preview on 127.0.0.1.

Builds the site, serves the output folder, watches the inputs (data/, content/, templates/ and
the project file, with watchfiles) and rebuilds on every change; open pages reload by themselves.
When a rebuild fails, pages show its errors (file, line, message) instead of the stale site, until
the next good build. The reload script is added to HTML responses by this server only: nothing of
it is ever written to the output folder.

Only regular files inside the output folder are served (paths are resolved, so a symlink cannot
lead out of it); a folder is served by its index.html, never listed; anything else gets the
site's own 404 page.
"""

from __future__ import annotations

import dataclasses
import errno
import html
import http.server
import json
import mimetypes
import re
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import click

from .build import build_site
from .config import SiteConfig
from .errors import Issue, SitegenError
from .project import PROJECT_FILE, read_project
from .reporting import Reporter

STATUS_PATH = "/__sitegen/build"
RELOAD_SCRIPT = """<script>/* added by sitegen serve, never written to the site */
(() => {{
  const seen = {generation};
  const poll = () => fetch("{status}", {{cache: "no-store"}})
    .then(r => r.json()).then(s => {{ if (s.generation !== seen) location.reload(); else setTimeout(poll, 250); }})
    .catch(() => setTimeout(poll, 1000));
  setTimeout(poll, 250);
}})();
</script>"""
BODY_END = re.compile(rb"</body>", re.I)


class Preview:
    """The state the server shares with the watcher: the build counter and the last build's errors."""

    def __init__(self, config: SiteConfig, config_file: Path | None, report: Reporter):
        self.config, self.config_file, self.report = config, config_file, report
        self.lock = threading.Lock()          # one build at a time
        self.generation = 0
        self.errors: list[Issue] | None = None  # the last build's errors, None when it succeeded

    @property
    def root(self) -> Path:
        return self.config.out_dir

    def rebuild(self) -> None:
        """Build (reading the project file again); remember the errors when it fails."""
        with self.lock:
            start = time.monotonic()
            try:
                project, issues = read_project(self.config_file)
                if issues:
                    raise SitegenError("the project file has errors", issues)
                result = build_site(dataclasses.replace(self.config, project=project))
                self.errors = None
                self.report.warnings(result.warnings)
                self.report.summary(f"Built {result.pages} pages in {time.monotonic() - start:.1f} s")
            except SitegenError as err:
                self.errors = err.issues or [Issue("sitegen", None, None, "build-error", err.message)]
                click.echo(err.format_message(), err=True)
            self.generation += 1

    def status(self) -> bytes:
        return json.dumps({"generation": self.generation, "ok": self.errors is None}).encode()


def resolve(root: Path, url: str) -> tuple[Path | None, str | None]:
    """(the file to serve, None) or (None, a URL to redirect to: a folder asked without its slash);
    (None, None) for anything that is not a regular file inside root."""
    path = unquote(urlsplit(url).path)
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if "\0" in path or "\\" in path or ".." in parts:
        return None, None
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        return None, None   # outside the output folder, e.g. through a symlink
    if target.is_dir():
        if not path.endswith("/"):
            return None, path + "/"
        return resolve(root, path + "index.html") if (target / "index.html").exists() else (None, None)
    return (target, None) if target.is_file() else (None, None)


def with_reload(body: bytes, generation: int) -> bytes:
    script = RELOAD_SCRIPT.format(generation=generation, status=STATUS_PATH).encode()
    matches = list(BODY_END.finditer(body))
    if not matches:
        return body + script
    at = matches[-1].start()
    return body[:at] + script + body[at:]


def error_page(issues: list[Issue]) -> bytes:
    items = "\n".join(
        f"<li><code>{html.escape(i.path)}{f':{i.line}' if i.line else ''}</code> "
        f"{html.escape(f'column {i.column!r}: ' if i.column else '')}{html.escape(i.message)}"
        f"{html.escape(f' ({i.hint})' if i.hint else '')} <small>[{html.escape(i.code)}]</small></li>"
        for i in issues)
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed · sitegen</title>"
            f"<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}}li{{margin:.5rem 0}}"
            f"code{{background:#fee;padding:0 .2rem}}</style></head>\n<body><h1>The build failed</h1>\n"
            f"<p>Fix these problems and save: this page reloads by itself.</p>\n<ul class=\"sitegen-errors\">\n"
            f"{items}\n</ul>\n</body></html>\n").encode("utf-8")


class Handler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of the preview: the status endpoint, the error page, the site's files."""
    preview: Preview   # set on the subclass made by make_server
    server_version = "sitegen"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(with_body=False)

    def respond(self, with_body: bool) -> None:
        preview = self.preview
        if urlsplit(self.path).path == STATUS_PATH:
            return self.send(200, "application/json", preview.status(), with_body)
        target, redirect = resolve(preview.root, self.path)
        if redirect:
            self.send_response(301)
            self.send_header("Location", redirect)
            self.send_header("Content-Length", "0")
            return self.end_headers()
        is_html = target is None or target.suffix == ".html"
        if preview.errors is not None and is_html:
            return self.send(500, "text/html; charset=utf-8", with_reload(error_page(preview.errors),
                                                                         preview.generation), with_body)
        status, target = (200, target) if target else (404, resolve(preview.root, "/404.html")[0])
        if target is None:
            return self.send(404, "text/plain; charset=utf-8", b"Not found (and no 404.html yet)\n", with_body)
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/xml", "text/javascript"):
            kind += "; charset=utf-8"
        if target.suffix == ".html":
            body = with_reload(body, preview.generation)
        self.send(status, kind, body, with_body)

    def send(self, status: int, kind: str, body: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's signature
        if self.preview.report.verbosity > 0:
            super().log_message(format, *args)


def make_server(preview: Preview, port: int) -> http.server.ThreadingHTTPServer:
    """The server bound to 127.0.0.1:port, or a one-line SitegenError when it cannot be."""
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as err:
        reason = ("is in use (another sitegen serve?)" if err.errno == errno.EADDRINUSE
                  else f"cannot be used: {err.strerror or err}")
        raise SitegenError(f"port {port} on 127.0.0.1 {reason}; choose another with --port N") from None
    server.daemon_threads = True
    return server


def watched_paths(config: SiteConfig, config_file: Path | None) -> list[Path]:
    project = config_file or Path(PROJECT_FILE)
    paths = [config.data_dir, config.content_dir, config.templates_dir, project]
    return [p for p in paths if p is not None and p.exists()]


def watch(preview: Preview, paths: list[Path], stop: threading.Event) -> None:
    """Rebuild after every batch of changes, until `stop` is set."""
    import watchfiles

    for _changes in watchfiles.watch(*paths, stop_event=stop, debounce=400, step=50, raise_interrupt=False):
        preview.rebuild()


def missing_inputs(config: SiteConfig) -> list[Issue]:
    issues = [] if config.data_dir.is_dir() else [
        Issue(str(config.data_dir), None, None, "missing-folder", "data folder not found", "pass --data DIR")]
    return issues + config.problems()


def preview(config: SiteConfig, config_file: Path | None, port: int, watching: bool, report: Reporter) -> None:
    """Build, serve until Ctrl+C, and (watching) rebuild on every change of an input."""
    problems = missing_inputs(config)
    if problems:
        raise SitegenError(f"{len(problems)} error{'s' if len(problems) > 1 else ''}: nothing to serve.", problems)
    config = dataclasses.replace(config, base_url=f"http://127.0.0.1:{port}/")
    state = Preview(config, config_file, report)
    server = make_server(state, port)
    state.rebuild()
    stop = threading.Event()
    paths = watched_paths(config, config_file)
    watched = f", watching {', '.join(str(p) for p in paths)}" if watching else ""
    click.echo(f"Serving {config.out_dir}/ at http://127.0.0.1:{port}/{watched} (Ctrl+C to stop)")
    # The server answers from a thread; the rebuilds run in this, the main thread, because the
    # time limits of a build (a descriptor's pattern, a parser) are signals, which only it receives.
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        if watching:
            watch(state, paths, stop)   # returns on Ctrl+C (watchfiles catches it)
        else:
            stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
    click.echo("Stopped.")
