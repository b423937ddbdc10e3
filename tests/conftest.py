"""Shared fixtures: a tiny hand-made site (tests/fixtures/mini) copied to a temp folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES


@pytest.fixture
def mini(tmp_path, monkeypatch) -> Path:
    """A copy of the mini project; the working folder is its root so paths print as data/…"""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root)
    monkeypatch.chdir(root)
    return root
