"""`sitegen serve` without a browser: what it serves and refuses, its errors and its error page
(the live reload itself is tested in a real browser: tests/browser/test_serve.py)."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.config import SiteConfig
from sitegen.errors import Issue
from sitegen.reporting import Reporter
from sitegen.serve import Preview, error_page, make_server, resolve, with_reload


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def served(mini):
    """The mini project built and served by the preview's server on a free port (no watching)."""
    state = Preview(SiteConfig(out_dir=Path("output")), None, Reporter(verbosity=-1))
    state.rebuild()
    server = make_server(state, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def test_resolve_serves_only_regular_files_inside_the_output(tmp_path):
    root = tmp_path / "out"
    (root / "en").mkdir(parents=True)
    (root / "index.html").write_text("home")
    (root / "en" / "index.html").write_text("en home")
    (root / "data").mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    (root / "inside.html").symlink_to(root / "index.html")
    assert resolve(root, "/") == (root.resolve() / "index.html", None)
    assert resolve(root, "/en/?x=1") == (root.resolve() / "en" / "index.html", None)
    assert resolve(root, "/en") == (None, "/en/")                    # a folder: redirected, never listed
    assert resolve(root, "/data/") == (None, None)                   # a folder without index.html
    assert resolve(root, "/link.txt") == (None, None)                # a symlink out of the output
    assert resolve(root, "/inside.html") == (root.resolve() / "index.html", None)
    assert resolve(root, "/../secret.txt") == (None, None)
    assert resolve(root, "/%2e%2e/secret.txt") == (None, None)
    assert resolve(root, "/index.html%00.png") == (None, None)


def test_pages_get_the_reload_script_and_the_site_keeps_none(served, mini):
    state, url = served
    status, kind, body = get(url + "/")
    assert status == 200 and kind == "text/html; charset=utf-8"
    assert body.count(b"/__sitegen/build") == 1 and body.index(b"/__sitegen/build") < body.rindex(b"</body>")
    assert b"const seen = 1;" in body
    status, kind, body = get(url + "/assets/site.css")
    assert status == 200 and kind == "text/css; charset=utf-8" and b"__sitegen" not in body
    assert get(url + "/__sitegen/build")[2] == b'{"generation": 1, "ok": true}'
    built = [p for p in (mini / "output").rglob("*") if p.is_file() and b"__sitegen" in p.read_bytes()]
    assert built == []


def test_unknown_paths_get_the_sites_own_404_page(served, mini):
    _, url = served
    (mini / "output" / "pw").symlink_to("/etc/passwd")
    for path in ("/nowhere.html", "/localities/", "/pw", "/../../etc/passwd"):
        status, _, body = get(url + path)
        assert status == 404, path
        assert '<span lang="vi">Không tìm thấy trang</span>'.encode() in body and b"root:" not in body, path


def test_a_failed_build_shows_its_errors_instead_of_the_site(served, mini):
    state, url = served
    path = mini / "data" / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("target,35,percent", "target,<b>35,percent", 1),
                    encoding="utf-8")
    state.rebuild()
    status, _, body = get(url + "/index.html")
    assert status == 500
    assert ("<li><code>data/observations.csv:2</code> column &#x27;value&#x27;: expected a number, got "
            "&#x27;&lt;b&gt;35&#x27;").encode() in body
    assert b"const seen = 2;" in body
    assert get(url + "/assets/site.css")[0] == 200       # the last good build's files are still served
    assert get(url + "/__sitegen/build")[2] == b'{"generation": 2, "ok": false}'
    path.write_text(path.read_text(encoding="utf-8").replace("<b>35", "35"), encoding="utf-8")
    state.rebuild()
    assert get(url + "/index.html")[0] == 200


def test_a_rebuild_reads_the_project_file_again(served, mini):
    state, url = served
    (mini / "sitegen.toml").write_text('[title]\nvi = "Tiêu đề mới"\nen = "New title"\n', encoding="utf-8")
    state.rebuild()
    assert b"<title>Ti\xc3\xaau \xc4\x91\xe1\xbb\x81 m\xe1\xbb\x9bi</title>" in get(url + "/")[2]
    (mini / "sitegen.toml").write_text('[titel]\nvi = "x"\n', encoding="utf-8")
    state.rebuild()
    status, _, body = get(url + "/")
    assert status == 500 and b"unknown key &#x27;titel&#x27; (did you mean &#x27;title&#x27;?)" in body


def test_error_page_and_reload_escape_and_place():
    page = error_page([Issue("a<b>.csv", 3, "x", "c", "bad <script>", "fix & save")])
    assert b"<code>a&lt;b&gt;.csv:3</code> column &#x27;x&#x27;: bad &lt;script&gt; (fix &amp; save)" in page
    assert with_reload(b"<p>no body end</p>", 4).startswith(b"<p>no body end</p><script>")
    assert with_reload(b"<body></BODY>", 4).endswith(b"</script></BODY>")


def test_a_busy_port_is_one_line_and_exit_1(mini):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--port", str(port))
    assert result.exit_code == 1
    assert result.stderr == f"port {port} on 127.0.0.1 is in use (another sitegen serve?); choose another with --port N\n"


def test_an_invalid_port_is_a_usage_error(mini):
    result = run("serve", "--port", "70000")
    assert result.exit_code == 2
    assert "Invalid value for '--port': 70000 is not in the range 1<=x<=65535." in result.stderr


def test_a_missing_data_folder_is_a_clear_error(mini):
    result = run("serve", "--data", "nowhere", "--port", "1")
    assert result.exit_code == 1
    assert result.stderr == ("nowhere: data folder not found (pass --data DIR) [missing-folder]\n"
                             "1 error: nothing to serve.\n")
