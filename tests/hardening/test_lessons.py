"""Lessons anywhere (issue 21, item 6): every lesson opens (after its goals) with an install cell that works in
Colab and VS Code, and scripts/render_lessons.py executes the lessons and renders them to HTML in docs/lessons/
(here: one lesson into a temporary folder)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
STUDENT = sorted(p for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb") if not p.stem.endswith("_key"))


def _script():
    spec = importlib.util.spec_from_file_location("render_lessons", REPO / "scripts" / "render_lessons.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.stem)
def test_first_code_cell_installs_the_published_package(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    first = code[0]
    assert "install" in first.metadata.get("tags", [])
    assert 'run_line_magic("pip", "install -q framing-analyzer")' in first.source
    assert 'find_spec("framing") is None' in first.source  # a checkout (and the tests) install nothing
    assert "../" not in first.source and "/work/" not in first.source


def test_every_lesson_has_its_rendered_page():
    pages = {p.stem for p in (REPO / "docs" / "lessons").glob("*.html")}
    assert {p.stem for p in STUDENT} | {"index"} <= pages


@pytest.mark.slow
def test_render_one_lesson(tmp_path):
    mod = _script()
    (lesson,) = mod.lessons("05")
    page = mod.render(lesson, tmp_path)
    html = page.read_text(encoding="utf-8")
    assert "Learning goals" in html
    assert 'class="jp-OutputArea' in html or "jp-OutputArea-output" in html  # executed: outputs are there
    assert "Traceback" not in html
