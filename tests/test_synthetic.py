"""scripts/synthetic-data: deterministic, valid data of the expected shape (N = 3, a few seconds)."""

from __future__ import annotations

import csv
import importlib.machinery
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.checking import check_data
from tests.helpers import REPO

SCRIPT = REPO / "scripts" / "synthetic-data"
FILES = ("datapackage.json", "localities.csv", "indicators.csv", "sources.csv", "observations.csv")


def generate(count: int, out: Path, seed: int = 7) -> Path:
    subprocess.run([sys.executable, str(SCRIPT), str(count), str(out), "--seed", str(seed)], check=True)
    return out


def rows(folder: Path, name: str) -> list[dict]:
    with (folder / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return generate(3, tmp_path_factory.mktemp("synthetic") / "data")


def test_same_seed_gives_byte_identical_files(folder, tmp_path):
    again = generate(3, tmp_path / "again")
    for name in FILES:
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name


def test_data_is_valid(folder):
    checked = check_data(folder)
    assert checked.errors == []
    assert checked.dataset is not None
    # every note, issuer and title the generator writes exists in both languages
    assert [w for w in checked.cell_warnings if w.code == "missing-translation"] == []


def test_shape(folder):
    localities = rows(folder, "localities.csv")
    assert [r["id"] for r in localities if r["level"] == "country"] == ["vn"]
    assert {r["name_vi"] for r in localities if r["id"] != "vn"} == {"Hà Giang", "Cao Bằng", "Lào Cai"}
    assert len(localities) == 4
    assert len(rows(folder, "indicators.csv")) == 8
    sources = {r["id"] for r in rows(folder, "sources.csv")}
    observations = rows(folder, "observations.csv")
    assert {r["source"] for r in observations} <= sources
    assert all(r["quote"] for r in observations)
    # 4 localities × 8 indicators × 15 years of targets, and as many actual rates.
    targets = [r for r in observations if r["kind"] == "target"]
    assert len(targets) == 4 * 8 * 15
    assert len([r for r in observations if r["kind"] == "actual" and r["unit"] == "percent"]) >= 4 * 8 * 15


def test_columns_follow_the_descriptor(folder):
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        with (folder / resource["path"]).open(encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split(",")
        assert header == [field["name"] for field in resource["schema"]["fields"]]


def test_an_unknown_column_stops_the_generator():
    loader = importlib.machinery.SourceFileLoader("synthetic_data", str(SCRIPT))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    sys.modules[loader.name] = module   # dataclasses look their module up there
    try:
        loader.exec_module(module)
        descriptor = json.loads(module.DESCRIPTOR.read_text(encoding="utf-8"))
        descriptor["resources"][1]["schema"]["fields"].append({"name": "overview", "type": "boolean"})
        assert module.table_columns(descriptor)["indicators"][1][-1] == "overview"
        descriptor["resources"][2]["schema"]["fields"].append({"name": "language"})
        with pytest.raises(SystemExit, match="sources.csv.*'language'"):
            module.table_columns(descriptor)
    finally:
        del sys.modules[loader.name]
