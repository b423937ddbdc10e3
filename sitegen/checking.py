"""The `check` stage: read, validate, then run the consistency checks on valid data.

Input: a data folder. Output: a `CheckedData` holding the dataset, the errors
that stop a build, and the consistency warnings that do not (unless --strict).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .consistency import Check, consistency_checks
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
    cell_warnings: list[Issue] = field(default_factory=list)   # cells that are valid but risky (formulas)

    @property
    def warnings(self) -> list[Issue]:
        """The warnings as `sitegen check` prints them: in English, with the file and line."""
        english = language("en")
        return self.cell_warnings + [Issue(c.path, c.line, None, c.code, check_sentence(self.names, english, c),
                                           severity=c.severity) for c in self.checks]


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
    cell_warnings = [w for table in dataset.tables.values() for w in formula_warnings(table)]
    return CheckedData(dataset, [], checks, figures, Names.of(dataset), cell_warnings)


def require_valid(checked: CheckedData, strict: bool) -> None:
    """Raise a SitegenError listing every problem when the data cannot be used."""
    if checked.errors:
        raise stopped(checked.errors)
    if strict and checked.warnings:
        count = len(checked.warnings)
        raise SitegenError(f"{count} warning{'s' if count > 1 else ''} and --strict given; "
                           "nothing was built or changed.", checked.warnings)
