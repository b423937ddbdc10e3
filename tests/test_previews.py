"""Link previews, social cards, the data page's Dataset JSON-LD and the favicon, on the built
mini site: every page's tags, the cards' files (read from their PNG headers), the cache that
spares a warm build from drawing, and the JSON-LD's downloads."""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import struct
from collections import Counter
from pathlib import Path, PurePosixPath

import pytest

import sitegen.cards
from sitegen.build import build_site
from sitegen.config import Project, SiteConfig
from tests.helpers import FIXTURES

BASE_URL = "https://example.org/site/"
PREVIEW_PROPERTIES = ("og:type", "og:site_name", "og:title", "og:description", "og:image", "og:image:alt",
                      "og:locale", "og:locale:alternate")
TWITTER_NAMES = ("twitter:title", "twitter:description", "twitter:image", "twitter:image:alt")


class HeadTags(html.parser.HTMLParser):
    """The <meta> and <link> tags of a page, and the text of its JSON-LD script."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.json_ld: list[str] = []
        self.in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and ("property" in attributes or "name" in attributes):
            key = attributes.get("property") or attributes["name"]
            self.meta.setdefault(key, []).append(attributes.get("content") or "")
        elif tag == "link":
            self.links.append(attributes)
        self.in_json_ld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self.in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        self.in_json_ld = False


def head_tags(path: Path) -> HeadTags:
    parser = HeadTags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG signature and IHDR chunk (no image library needed)."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def build_mini(root: Path, base_url: str | None = BASE_URL, project: Project | None = None) -> Path:
    shutil.copytree(FIXTURES / "mini", root / "project")
    out = root / "project" / "output"
    build_site(SiteConfig(data_dir=root / "project" / "data", content_dir=root / "project" / "content",
                          out_dir=out, base_url=base_url, project=project or Project()))
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_mini(tmp_path_factory.mktemp("previews"))


def html_pages(site: Path) -> list[Path]:
    """The pages a link can be shared to: not the embed pages, which live inside other sites'
    iframes and are not for search engines or previews (noindex)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts and "embed" not in p.parts)


def language_of(site: Path, page: Path) -> str:
    return "en" if page.relative_to(site).parts[0] == "en" else "vi"


def local_file(site: Path, page: Path, url: str) -> Path:
    """The file a URL of the page points at: absolute under the base URL, or relative to the page."""
    if url.startswith(BASE_URL):
        return site / url.removeprefix(BASE_URL)
    assert "://" not in url, url
    return (page.parent / url).resolve()


def test_every_page_has_a_description_open_graph_and_twitter_tags(site):
    pages = html_pages(site)
    assert len(pages) >= 20
    for page in pages:
        meta, where = head_tags(page).meta, page.relative_to(site).as_posix()
        for key in ("description", *PREVIEW_PROPERTIES, "twitter:card", *TWITTER_NAMES):
            assert len(meta.get(key, [])) == 1 and meta[key][0].strip(), f"{where}: {key} missing or empty"
        assert meta["twitter:card"] == ["summary_large_image"]
        assert meta["og:description"] == meta["description"] == meta["twitter:description"]
        assert len(meta["description"][0]) <= 160, f"{where}: description too long: {meta['description'][0]}"
        assert meta["og:url"] == [BASE_URL + where], where
        assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"]
        locale, other = ("en_US", "vi_VN") if language_of(site, page) == "en" else ("vi_VN", "en_US")
        assert meta["og:locale"] == [locale] and meta["og:locale:alternate"] == [other], where


def test_no_two_pages_of_a_language_share_a_description(site):
    descriptions = Counter((language_of(site, p), head_tags(p).meta["description"][0]) for p in html_pages(site))
    assert [d for d, n in descriptions.items() if n > 1] == []


def test_descriptions_are_about_their_page_in_its_language(site):
    locality = head_tags(site / "localities" / "da-nang.html").meta["description"][0]
    indicator = head_tags(site / "en" / "indicators" / "bhyt.html").meta["description"][0]
    assert locality.startswith("Đà Nẵng: mục tiêu bao phủ")
    assert indicator.startswith("Health insurance in every locality and nationally")


def test_each_card_is_a_1200_by_630_png_and_pages_without_one_show_the_home_card(site):
    own = {"index.html": "cards/index-vi.png", "localities/da-nang.html": "cards/localities-da-nang-vi.png",
           "en/indicators/bhyt.html": "cards/indicators-bhyt-en.png", "sources.html": "cards/index-vi.png",
           "en/data.html": "cards/index-en.png", "en/404.html": "cards/index-en.png"}
    for name, card in own.items():
        meta = head_tags(site / name).meta
        assert meta["og:image"] == [BASE_URL + card] == meta["twitter:image"], name
    for page in html_pages(site):
        image = local_file(site, page, head_tags(page).meta["og:image"][0])
        assert image.is_file() and png_size(image) == (1200, 630), image


def test_without_a_base_url_the_cards_are_linked_relative_to_the_page(tmp_path):
    site = build_mini(tmp_path, base_url=None)
    meta = head_tags(site / "en" / "localities" / "da-nang.html").meta
    assert meta["og:image"] == ["../../cards/localities-da-nang-en.png"] and "og:url" not in meta
    assert png_size(site / "cards" / "localities-da-nang-en.png") == (1200, 630)


def test_a_warm_cache_draws_no_card(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    log, draw = tmp_path / "drawn.txt", sitegen.cards.render_png

    def logged_draw(svg: str) -> bytes:   # cards are drawn in the worker processes: log to a file
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{len(svg)}\n")
        return draw(svg)

    def drawn() -> list[str]:
        return log.read_text(encoding="utf-8").splitlines() if log.exists() else []

    monkeypatch.setattr(sitegen.cards, "render_png", logged_draw)
    first = build_mini(tmp_path / "first")
    cards = sorted(p.name for p in (first / "cards").iterdir())
    assert len(drawn()) == len(cards) >= 10
    log.unlink()
    second = build_mini(tmp_path / "second")
    assert drawn() == []
    assert {p.name: p.read_bytes() for p in (second / "cards").iterdir()} == \
        {p.name: p.read_bytes() for p in (first / "cards").iterdir()}


def test_a_card_is_keyed_by_its_spec_and_the_renderer():
    cards = [sitegen.cards.Card("cards/x.png", '{"a": 1}', "")]
    key = sitegen.cards.renderer_key()
    assert key[0] and all(key), key   # vl-convert's version and both fonts' digests
    assert sitegen.cards.font_folder() is not None, "DejaVu Sans is needed for Vietnamese on the cards"
    assert len(cards[0].spec) and 'font-family="DejaVu Sans"' in sitegen.cards.card_svg(
        "", "Hà Nội", "", sitegen.cards.Lines([], [], [], {}))


def dataset(site: Path, page: str) -> dict:
    scripts = head_tags(site / page).json_ld
    assert len(scripts) == 1, page
    return json.loads(scripts[0])


def test_the_data_page_describes_the_dataset_with_every_published_file(site):
    for page in ("data.html", "en/data.html"):
        described = dataset(site, page)
        assert described["@context"] == "https://schema.org" and described["@type"] == "Dataset"
        assert described["url"] == BASE_URL + page and described["name"] and described["description"]
        package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
        assert described["license"] == package["licenses"][0]["path"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", described["dateModified"])
        assert re.fullmatch(r"\d{4}/\d{4}", described["temporalCoverage"])
        assert described["spatialCoverage"]["name"] == ("Viet Nam" if page.startswith("en") else "Việt Nam")
        assert described["keywords"]
        downloads = described["distribution"]
        assert {d["@type"] for d in downloads} == {"DataDownload"}
        for download in downloads:
            path = local_file(site, site / page, download["contentUrl"])
            assert path.is_file(), download
            assert download["name"] == path.name
            assert download["encodingFormat"] == {".csv": "text/csv", ".json": "application/json"}[path.suffix]
        published = {p.name for p in (site / "data").iterdir() if p.is_file()}
        assert {d["name"] for d in downloads} == published


def test_the_dataset_json_cannot_end_its_script(tmp_path):
    hostile = "Số liệu </script><script>alert(1)</script> & <!-- hết"
    site = build_mini(tmp_path, project=Project(description={"vi": hostile, "en": hostile}, publisher="Nhóm </script>"))
    text = (site / "data.html").read_text(encoding="utf-8")
    assert "alert(1)</script>" not in text and "<!-- hết" not in text
    described = dataset(site, "data.html")
    assert described["description"] == hostile
    assert described["publisher"] == described["creator"] == {"@type": "Organization", "name": "Nhóm </script>"}


def test_the_favicon_is_an_svg_with_png_fallbacks(site):
    links = {(link.get("rel"), link.get("type")): link for link in head_tags(site / "en" / "localities" / "da-nang.html").links}
    page = site / "en" / "localities" / "da-nang.html"
    svg = local_file(site, page, links[("icon", "image/svg+xml")]["href"])
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    assert png_size(local_file(site, page, links[("icon", "image/png")]["href"])) == (32, 32)
    assert png_size(local_file(site, page, links[("apple-touch-icon", None)]["href"])) == (180, 180)
    assert not any(link.get("href") == "data:," for link in links.values())
    assert PurePosixPath(links[("icon", "image/svg+xml")]["href"]).name == "favicon.svg"


def test_a_card_draws_targets_dashed_even_without_actual_figures():
    """The dash follows the kind, not its place among the kinds: a plan's targets alone are dashed
    (the alt text says "targets as dashed lines")."""
    rows = [{"s": "Hà Nội", "k": "target", "l": "t1", "d": "2024-12-31", "v": 95.0},
            {"s": "Hà Nội", "k": "target", "l": "t1", "d": "2025-12-31", "v": 97.5}]
    svg = sitegen.cards.card_svg("Site", "Hà Nội", "BHYT", sitegen.cards.Lines(rows, ["Hà Nội"], ["#0072B2"],
                                                                               {"target": "mục tiêu"}))
    line = re.search(r'<path d="M[^"]+"[^>]*>', svg).group(0)
    assert 'stroke-dasharray="12 7"' in line and 'stroke="#0072B2"' in line
    assert re.search(r'<line [^>]*stroke-dasharray="12 7"/><text [^>]*>mục tiêu</text>', svg)
    assert "Hà Nội" in svg and svg.count("<circle") == 3   # two points and the legend's dot


def test_a_card_value_axis_has_round_ticks_around_the_figures():
    box = sitegen.cards.Box(100, 200, 830, 575)
    y_of, ticks = sitegen.cards.value_axis([65.3, 99.0], box)
    assert ticks == [60, 70, 80, 90, 100]          # a step of 10 for a range of 33.7 (about five ticks)
    assert (y_of(60), y_of(100)) == (575, 200)
    _, ticks = sitegen.cards.value_axis([3.0, 3.0], box)
    assert ticks == [2, 3, 4]                       # one value: a range of 1 either side, whole-number steps


def test_a_card_says_what_its_years_mark_and_how_recent_its_figures_are():
    """A card is shared without its page: beside the year labels, what they mark (31 December, as
    the site's charts say), and above them the data's date, in the legend's column, which leaves
    that row free."""
    rows = [{"s": f"S{n}", "k": "actual", "l": "a", "d": "2023-12-31", "v": 95.0} for n in range(12)]
    lines = sitegen.cards.Lines(rows, [f"S{n}" for n in range(12)], ["#0072B2"] * 12, {"actual": "thực hiện"})
    svg = sitegen.cards.card_svg("Site", "Hà Nội", "BHYT", lines, ("Cuối năm", "Số liệu cập nhật đến 31/12/2023."))
    assert ">Cuối năm</text>" in svg and ">Số liệu cập nhật đến 31/12/2023.</text>" in svg
    bare = sitegen.cards.card_svg("Site", "Hà Nội", "BHYT", lines)
    assert "Cuối năm" not in bare and bare.count("<circle") == svg.count("<circle") + 1   # one legend row fewer
