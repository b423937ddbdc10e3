"""Site settings from the command line, checked together before anything is read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Issue

SITE_TITLE = {
    "vi": "Bao phủ BHXH, BHYT: mục tiêu và kết quả",
    "en": "Social and health insurance coverage: targets and results",
}
BASE_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


@dataclass(frozen=True)
class SiteConfig:
    data_dir: Path = Path("data")
    content_dir: Path = Path("content")
    templates_dir: Path | None = None
    out_dir: Path = Path("output")
    base_url: str | None = None
    strict: bool = False

    @property
    def inputs(self) -> list[Path]:
        """The folders the build reads: the output may never be one of them or inside one."""
        return [p for p in (self.data_dir, self.content_dir, self.templates_dir) if p]

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
