"""Site settings from the command line, checked together before anything is read."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Issue

SITE_TITLE = {
    "vi": "Bao phủ BHXH, BHYT: mục tiêu và kết quả",
    "en": "Social and health insurance coverage: targets and results",
}
BASE_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


def cache_dir() -> Path:
    """Where slow, reproducible results (Vega bundle, compiled templates, chart specs) are kept."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitegen"


@dataclass(frozen=True)
class SiteConfig:
    data_dir: Path = Path("data")
    content_dir: Path = Path("content")
    templates_dir: Path | None = None
    out_dir: Path = Path("output")
    base_url: str | None = None
    strict: bool = False

    def problems(self) -> list[Issue]:
        issues = []
        if self.base_url is not None and not BASE_URL.fullmatch(self.base_url):
            issues.append(Issue("--base-url", None, None, "bad-option",
                                f"'{self.base_url}' is not an http(s) URL",
                                "e.g. https://example.github.io/sitegen/"))
        if self.templates_dir is not None and not self.templates_dir.is_dir():
            issues.append(Issue("--templates", None, None, "bad-option",
                                f"folder '{self.templates_dir}' not found"))
        if not self.content_dir.is_dir():
            issues.append(Issue(str(self.content_dir), None, None, "missing-folder",
                                "content folder not found", "pass --content DIR"))
        return issues
