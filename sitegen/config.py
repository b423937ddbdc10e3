"""Site settings: the project (from sitegen.toml, see project.py) and the command line's folders,
checked together before anything is read."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from .errors import Issue, excerpt

SITE_TITLE = {
    "vi": "Bao phủ BHXH, BHYT: mục tiêu và kết quả",
    "en": "Social and health insurance coverage: targets and results",
}
BASE_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+(/[^\s?#]*)?")
# SOURCE_DATE_EPOCH (reproducible-builds.org): seconds since 1970-01-01 UTC, ASCII digits, up to
# the last second of the year 9999 (what a date can hold).
EPOCH = re.compile(r"[0-9]{1,12}")
LAST_EPOCH = 253402300799
# The day the verdicts are stated on, when it is to be neither the build's date nor the clock's:
# a preview of what the site will say on a later day, or a build that must not follow the clock
# (the tests set it).
TODAY = "SITEGEN_TODAY"
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
    def build_date(self) -> date | None:
        """SOURCE_DATE_EPOCH as a date, when set (CI sets it to the commit time)."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        if source_date_epoch_problem() or not epoch:
            return None
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()

    @property
    def assessment_date(self) -> date:
        """The day the verdicts are stated on: a target whose deadline is before it has passed,
        however old the data's newest figure. SITEGEN_TODAY, else the build date (the published
        site's, see .github/workflows/pages.yml), else the clock's date (UTC)."""
        return iso_day(os.environ.get(TODAY, "")) or self.build_date or datetime.now(timezone.utc).date()

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
        if epoch_problem := source_date_epoch_problem():
            issues.append(epoch_problem)
        if problem := today_problem():
            issues.append(problem)
        if not self.content_dir.is_dir():
            issues.append(Issue(str(self.content_dir), None, None, "missing-folder",
                                "content folder not found", "pass --content DIR"))
        return issues


def today_problem() -> Issue | None:
    text = os.environ.get(TODAY, "")
    if not text or iso_day(text):
        return None
    return Issue(TODAY, None, None, "bad-option", f"'{excerpt(text, 30)}' is not a date",
                 "the day the verdicts are stated on, as YYYY-MM-DD, e.g. 2026-12-31; or unset it")


def iso_day(text: str) -> date | None:
    """2026-12-31 as a date; None for anything else (date.fromisoformat also takes 20261231)."""
    try:
        return date.fromisoformat(text) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) else None
    except ValueError:
        return None


def source_date_epoch_problem() -> Issue | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch and not (EPOCH.fullmatch(epoch) and int(epoch) <= LAST_EPOCH):
        return Issue("SOURCE_DATE_EPOCH", None, None, "bad-option",
                     f"'{excerpt(epoch, 30)}' is not a time sitegen can use",
                     f"seconds since 1970-01-01 UTC, from 0 to {LAST_EPOCH}, e.g. $(git log -1 --format=%ct); "
                     "or unset it")
    return None
