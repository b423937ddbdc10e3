"""Shared fixtures: a tiny hand-made site (tests/fixtures/mini) copied to a temp folder, a cache
that never touches the real ~/.cache/sitegen, and the --update-golden option."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden from a fresh build of the mini project (read the diff before "
                          "committing it)")


# The day the tests' verdicts are stated on, or a build would follow the clock and a deadline that
# passes would change what the pages say on that day: the mini project's newest figure's, so its
# verdicts rest on its data alone (the bundled data's newest figure is later still). The tests of the
# rule set a later day (test_build, test_analysis).
TODAY = "2023-12-31"


@pytest.fixture(scope="session", autouse=True)
def hermetic_cache(tmp_path_factory):
    """Every test reads and writes the cache in a temporary folder: a stale entry in the real
    ~/.cache/sitegen can neither hide a bug nor be created by a test. And every build states its
    verdicts on the same day, whatever the clock says."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        patch.setenv("SITEGEN_TODAY", TODAY)
        yield


@pytest.fixture
def mini(tmp_path, monkeypatch) -> Path:
    """A copy of the mini project; the working folder is its root so paths print as data/…"""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root)
    monkeypatch.chdir(root)
    return root
