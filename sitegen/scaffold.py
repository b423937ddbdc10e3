"""`sitegen init [DIR]`: a new project from the starter files shipped in the package
(sitegen/starter: sitegen.toml, a small valid data/ with its datapackage.json, content/ in both
languages, the GitHub workflows), like `mkdocs new`. Nothing is overwritten: a folder that is not
empty is refused.
"""

from __future__ import annotations

from pathlib import Path

from . import __version__
from .errors import Issue, SitegenError

STARTER = Path(__file__).parent / "starter"
# Stored without their leading dot, so that packaging tools do not leave them out.
RENAMED = {"github": ".github", "gitignore": ".gitignore"}
FILLED = {"requirements.txt"}   # "{version}" is replaced by sitegen's version


def starter_files() -> dict[str, bytes]:
    """{path in the new project: content}, from the starter folder."""
    files = {}
    for path in sorted(STARTER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(STARTER).parts
            target = "/".join((RENAMED.get(relative[0], relative[0]),) + relative[1:])
            content = path.read_bytes()
            if target in FILLED:
                content = content.replace(b"{version}", __version__.encode())
            files[target] = content
    return files


def init_project(folder: Path) -> list[str]:
    """Write the starter project into `folder` (made if missing); the paths written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "is not a folder" if not folder.is_dir() else "is not empty"
        raise SitegenError("nothing was created.", [Issue(str(folder), None, None, "init-not-empty", what,
                                                          "choose a new or empty folder: sitegen init DIR")])
    files = starter_files()
    try:
        for relative, content in files.items():
            target = folder.joinpath(*relative.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    except OSError as err:
        raise SitegenError("the project is incomplete.", [Issue(str(folder), None, None, "write-error",
                                                               f"cannot write: {err.strerror or err}")]) from None
    return list(files)
