"""The `check` stage: read, validate, then run the consistency checks on valid data.

Input: a data folder. Output: a `CheckedData` holding the dataset, the errors
that stop a build, and the consistency warnings that do not (unless --strict). A `Review` sorts
the warnings against the project's accepted list: --strict fails on new ones, and on accepted
ones that no longer occur (so the list stays true).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import AcceptedWarning, Project
from .bilingual import translation_warnings
from .consistency import Check, consistency_checks
from .content import load_content
from .content_checks import commentary_names, content_warnings
from .data import Dataset, load_dataset
from .errors import Issue, SitegenError, stopped
from .figures import Figure, typed_figures
from .files import display_path
from .i18n import language
from .sitedata import Names
from .spreadsheets import formula_warnings
from .validate import validate
from .wording import check_sentence


@dataclass
class CheckedData:
    dataset: Dataset | None
    errors: list[Issue] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    figures: dict[int, Figure] = field(default_factory=dict)   # by line, once the data is valid
    names: Names | None = None
    cell_warnings: list[Issue] = field(default_factory=list)   # cells valid but risky (formulas) or untranslated

    @property
    def warnings(self) -> list[Issue]:
        """The warnings as `sitegen check` prints them: in English, with the file and line."""
        return self.cell_warnings + self.check_warnings

    @property
    def check_warnings(self) -> list[Issue]:
        """The consistency checks' warnings, one per check and in the same order."""
        english = language("en")
        return [Issue(c.path, c.line, None, c.code, check_sentence(self.names, english, c), severity=c.severity)
                for c in self.checks]


def check_data(folder: Path) -> CheckedData:
    dataset, errors = load_dataset(folder)
    if dataset is None:
        return CheckedData(None, errors)
    errors = sorted(errors + validate(dataset), key=lambda i: (i.path, i.line or 0))
    if errors:
        return CheckedData(dataset, errors)
    observations = dataset.tables["observations"]
    figures = typed_figures(observations.frame)
    checks = consistency_checks(observations.frame, dataset.indicators, figures, display_path(observations.path))
    cell_warnings = [w for table in dataset.tables.values() for w in formula_warnings(table) + translation_warnings(table)]
    return CheckedData(dataset, [], checks, figures, Names.of(dataset), cell_warnings)


@dataclass
class Review:
    """The warnings of a check or build, against sitegen.toml's [[accepted_warnings]]."""
    new: list[Issue]        # consistency warnings nobody accepted, and the content warnings
    accepted: list[Issue]   # consistency warnings reviewed and accepted
    stale: list[Issue]      # accepted entries that match no warning any more

    @property
    def failing(self) -> list[Issue]:
        """What --strict fails on."""
        return self.new + self.stale


def review(checked: CheckedData, project: Project, content: list[Issue]) -> Review:
    new, accepted, used = list(checked.cell_warnings), [], set()   # a formula-like cell is never "accepted"
    for check, issue in zip(checked.checks, checked.check_warnings):
        entry = next((i for i, a in enumerate(project.accepted_warnings) if a.matches(check)), None)
        (new if entry is None else accepted).append(issue)
        used.add(entry)
    stale = [stale_entry(a, project.path) for i, a in enumerate(project.accepted_warnings)
             if i not in used and checked.dataset is not None and not checked.errors]
    return Review(new + content, accepted, stale)


def stale_entry(entry: AcceptedWarning, path: str | None) -> Issue:
    return Issue(path or "sitegen.toml", entry.line, None, "stale-accepted-warning",
                 f"accepted warning {entry.code} for {entry.locality}, {entry.indicator}, {entry.period} "
                 "no longer occurs", "remove its entry so that the list stays true", severity="warning")


def check_content(folder: Path, checked: CheckedData, languages: tuple[str, ...]) -> list[Issue]:
    """Warnings about the commentary (files matching no page: only once the data is valid)."""
    if checked.names is None:
        return content_warnings(folder, languages, None)
    figures = checked.figures.values()
    with_figures = {f.locality for f in figures} | {f.indicator for f in figures}
    localities = [i for i in checked.names.localities if i in with_figures]
    indicators = [i for i in checked.names.indicators if i in with_figures]
    return content_warnings(folder, languages, commentary_names(localities, indicators))


def require_valid(checked: CheckedData, strict: bool, reviewed: Review | None = None) -> None:
    """Raise a SitegenError listing every problem when the data cannot be used."""
    if checked.errors:
        raise stopped(checked.errors)
    failing = reviewed.failing if reviewed else checked.warnings
    if strict and failing:
        count = len(failing)
        raise SitegenError(f"{count} warning{'s' if count > 1 else ''} and --strict given; "
                           "nothing was built or changed.", failing)


def check_project(data_dir: Path, content_dir: Path, project: Project, strict: bool) -> tuple[CheckedData, Review]:
    """`sitegen check`: the data and the commentary, read as the build reads them, and the review of
    the warnings; a SitegenError lists every error (and, with --strict, every failing warning)."""
    checked = check_data(data_dir)
    if content_dir.is_dir():
        _, content_issues = load_content(content_dir, project.languages)
    else:
        content_issues = [Issue(display_path(content_dir), None, None, "missing-folder", "content folder not found",
                                "pass --content DIR")]
    if checked.errors or content_issues:
        raise stopped(checked.errors + content_issues)
    reviewed = review(checked, project, check_content(content_dir, checked, project.languages))
    require_valid(checked, strict, reviewed)
    return checked, reviewed
