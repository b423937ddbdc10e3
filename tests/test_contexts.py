"""The template contexts are a documented contract (as datasette documents its own): the
documentation matches the code, every field is documented, and every page uses a context."""

from __future__ import annotations

import dataclasses

from sitegen.contexts import DOCUMENTED, PAGE_CONTEXTS, documentation, field_docs
from tests.helpers import REPO


def test_docs_templates_md_is_generated_from_the_code():
    committed = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    assert committed == documentation() + "\n", "run scripts/document-contexts and commit docs/templates.md"


def test_every_field_of_every_context_is_documented():
    for cls in DOCUMENTED:
        documented = {name: text for name, _, text in field_docs(cls)}
        fields = {f.name for f in dataclasses.fields(cls)}
        assert fields <= set(documented), f"{cls.__name__}: {fields - set(documented)} lack a docstring"
        assert all(documented.values()), f"{cls.__name__}: empty documentation"


def test_pages_are_built_with_the_documented_contexts(tmp_path, monkeypatch):
    import shutil
    from pathlib import Path

    from sitegen.build import site_data
    from sitegen.checking import check_data
    from sitegen.content import load_content
    from sitegen.i18n import language
    from sitegen.pages import build_pages
    from tests.helpers import FIXTURES

    shutil.copytree(FIXTURES / "mini", tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    documents, _ = load_content(Path("content"), ("vi", "en"))
    from sitegen.changes import changes_pages
    from sitegen.history import History

    site = site_data(check_data(Path("data")), documents)
    pages = build_pages(site, language("en"), "Title") + changes_pages(site, language("en"), History([]), None)
    assert {type(p.context) for p in pages} == set(PAGE_CONTEXTS)
