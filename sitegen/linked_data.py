"""The data as a schema.org `Dataset` (JSON-LD) for the data page, so that search engines'
dataset search can list it: name, description, licence, dates, place, keywords, and one
`DataDownload` per published data file.

Input: the site data, the page's language and a `Catalogue` of what the build publishes.
Output: a dict, which data.html writes into `<script type="application/ld+json">` with the
`script_json` filter (escaped so that no `</script>` in the data can end the script).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .figures import NATIONAL
from .i18n import N_, Language
from .sitedata import SiteData
from .writer import absolute_url, relative_url

ENCODINGS = {"csv": "text/csv", "json": "application/json"}
COUNTRY = N_("Viet Nam")


@dataclass(frozen=True)
class Catalogue:
    """What the Dataset description needs beside the site data."""
    files: tuple[str, ...] = ()     # the published data files, from the site root (data/figures.csv)
    licence: str | None = None       # the data licence's URL
    publisher: str = ""
    base_url: str | None = None
    descriptions: dict[str, str] = field(default_factory=dict)   # sitegen.toml's description, by language


def dataset_json_ld(site: SiteData, lang: Language, catalogue: Catalogue, page_path: str, name: str,
                    fallback_description: str) -> dict:
    """The Dataset of the data page at `page_path`; `name`: the site's title in the page's language."""
    def link(path: str) -> str:
        base = catalogue.base_url
        return absolute_url(base, path) if base else relative_url(page_path, path)

    ends = [f.end.year for f in site.figures]
    dataset = {
        "@context": "https://schema.org", "@type": "Dataset", "name": name, "inLanguage": lang.code,
        "description": catalogue.descriptions.get(lang.code) or fallback_description,
        "isAccessibleForFree": True,
        "spatialCoverage": {"@type": "Place", "name": lang.gettext(COUNTRY)},
        "keywords": [site.indicator_name(i, lang) for i in site.indicators]
        + [site.locality_name(i, lang) for i in site.charted_localities if i != NATIONAL],
        "distribution": [{"@type": "DataDownload", "name": path.rpartition("/")[2], "contentUrl": link(path),
                          "encodingFormat": ENCODINGS[path.rpartition(".")[2]]} for path in catalogue.files]}
    if catalogue.base_url:
        dataset["url"] = link(page_path)
    if catalogue.licence:
        dataset["license"] = catalogue.licence
    if catalogue.publisher:
        dataset["creator"] = dataset["publisher"] = {"@type": "Organization", "name": catalogue.publisher}
    if site.data_date:
        dataset["dateModified"] = site.data_date.isoformat()
    if ends:
        dataset["temporalCoverage"] = f"{min(ends)}/{max(ends)}"
    return dataset
