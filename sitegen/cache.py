"""The cache of slow, reproducible results (the Vega bundle, the chart kinds' specs).

One helper for every cached artefact: its key is a digest of *every* input that shapes it
(library versions, the source files that build it), so a change to any of them produces
a new entry rather than a stale one. A cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Iterable

SITEGEN = Path(__file__).parent


def cache_dir() -> Path:
    """~/.cache/sitegen, or $XDG_CACHE_HOME/sitegen (the tests point it at a temporary folder)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitegen"


def source_of(*modules: str) -> list[bytes]:
    """The source of sitegen modules (e.g. "charts.py"), as cache-key inputs."""
    return [(SITEGEN / name).read_bytes() for name in modules]


def digest(inputs: Iterable[bytes | str]) -> str:
    hasher = hashlib.sha256()
    for part in inputs:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big") + data)   # length-prefixed: no two splits collide
    return hasher.hexdigest()[:20]


def cached(name: str, inputs: Iterable[bytes | str], produce: Callable[[], bytes]) -> bytes:
    """The cached result of `produce()` for these inputs, producing and storing it if missing.

    `name` is only for people looking into the cache folder (e.g. "chart-trajectory.json")."""
    found = lookup(name, inputs)
    if found is not None:
        return found
    content = produce()
    store(name, inputs, content)
    return content


def entry(name: str, inputs: Iterable[bytes | str]) -> Path:
    stem, dot, suffix = name.rpartition(".")
    return cache_dir() / f"{stem or suffix}-{digest(inputs)}{dot}{suffix if stem else ''}"


def lookup(name: str, inputs: Iterable[bytes | str]) -> bytes | None:
    """The cached result for these inputs, or None."""
    try:
        return entry(name, inputs).read_bytes()
    except OSError:
        return None


def store(name: str, inputs: Iterable[bytes | str], content: bytes) -> None:
    path = entry(name, inputs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(content)
        temporary.replace(path)   # atomic: a concurrent build never reads half a file
    except OSError:
        pass
