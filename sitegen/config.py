"""Site settings: the project (from sitegen.toml, see project.py) and the command line's folders,
checked together before anything is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Issue

SITE_TITLE = {
    "vi": "Bao phủ BHXH, BHYT: mục tiêu và kết quả",
    "en": "Social and health insurance coverage: targets and results",
}
BASE_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")
# The languages the interface is translated into, the first published at the site root.
SUPPORTED_LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class AcceptedWarning:
    """A consistency warning reviewed and kept on purpose ([[accepted_warnings]] in sitegen.toml)."""
    code: str
    locality: str
    indicator: str
    period: str
    reason: str
    line: int | None = None   # where the entry starts in the project file

    def matches(self, check) -> bool:
        return (check.code, check.locality, check.indicator, check.period) == \
            (self.code, self.locality, self.indicator, self.period)


@dataclass(frozen=True)
class Project:
    """What sitegen.toml says about the site; the defaults are the bundled site's."""
    title: dict[str, str] = field(default_factory=lambda: dict(SITE_TITLE))
    description: dict[str, str] = field(default_factory=dict)
    base_url: str | None = None
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    data_licence: dict[str, str] | None = None   # {"title", "path"}: overrides datapackage.json's
    publisher: str | None = None
    accepted_warnings: tuple[AcceptedWarning, ...] = ()
    path: str | None = None   # the file it was read from, as shown in messages


@dataclass(frozen=True)
class SiteConfig:
    data_dir: Path = Path("data")
    content_dir: Path = Path("content")
    templates_dir: Path | None = None
    out_dir: Path = Path("output")
    base_url: str | None = None
    strict: bool = False
    project: Project = field(default_factory=Project)

    @property
    def inputs(self) -> list[Path]:
        """The folders the build reads: the output may never be one of them or inside one."""
        return [p for p in (self.data_dir, self.content_dir, self.templates_dir) if p]

    @property
    def site_url(self) -> str | None:
        """--base-url, else the project file's base_url."""
        return self.base_url or self.project.base_url

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
