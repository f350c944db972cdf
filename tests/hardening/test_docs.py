"""The API reference is built from the docstrings by scripts/build_docs.py (pdoc), here into a temporary folder,
so a module that stops importing or a docstring pdoc cannot render fails a test; the JSON Schemas are published
beside it in docs/api/schema/."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _build_docs():
    spec = importlib.util.spec_from_file_location("build_docs", REPO / "scripts" / "build_docs.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_api_reference_builds(tmp_path):
    pytest.importorskip("pdoc", reason="pdoc is in the test extra")
    pages = _build_docs().build(tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in pages}
    for module in ("framing.html", "framing/ingest.html", "framing/schema.html", "framing/corpus.html",
                   "framing/resources.html", "framing/errors.html"):
        assert module in names, sorted(names)
    schema_page = (tmp_path / "framing" / "schema.html").read_text(encoding="utf-8")
    assert "to_frames" in schema_page and "Analysis" in schema_page
    assert "fetch_article" in (tmp_path / "framing" / "ingest.html").read_text(encoding="utf-8")
    assert {p.name for p in (tmp_path / "schema").glob("*.json")} == {"analysis.schema.json", "comparison.schema.json"}


def test_published_schemas_are_the_shipped_ones():
    published = REPO / "docs" / "api" / "schema"
    for p in sorted((REPO / "framing" / "schema").glob("*.schema.json")):
        assert (published / p.name).read_bytes() == p.read_bytes(), f"{p.name}: run python scripts/build_docs.py"
