"""Shared fixtures: a tiny hand-made site (tests/fixtures/mini) copied to a temp folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture
def mini(tmp_path, monkeypatch) -> Path:
    """A copy of the mini project; the working folder is its root so paths print as data/…"""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root)
    monkeypatch.chdir(root)
    return root


def replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append_line(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
