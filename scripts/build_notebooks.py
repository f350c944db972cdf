"""Build the classroom notebooks in notebooks/ from their jupytext sources in notebooks/src/.

Each lesson is ONE percent-format file ``notebooks/src/NN_topic.py`` (``# %%`` code cells,
``# %% [markdown]`` cells, tags in the cell header: ``# %% tags=["key"]``) holding both the student cells
and the teacher's key cells. Two notebooks are written per source:

* ``notebooks/NN_topic.ipynb``      the student notebook: every cell except those tagged ``key``;
* ``notebooks/NN_topic_key.ipynb``  the teacher's key: every cell, in source order.

So the key notebook is the student notebook with answers added, and executing it runs every student cell
too. Key code cells compute what the key says about framing's output and ``assert`` it, so an analyzer
change that makes a key wrong fails tests/test_notebooks.py. Notebooks are written WITHOUT outputs
(nbformat 4, stable cell ids ``NN-iii`` numbered over the source's cells), so they stay reviewable in git.

Cell tags (in ``cell.metadata.tags``) that tests/test_notebooks.py relies on:
``goals`` (the learning goals), ``exercise`` (an exercise statement: a heading "Exercise N"),
``key`` (answers: a heading "Key to exercise N" in the first key cell of each exercise; the key banner),
``try-it`` (cells a student is invited to edit and re-run), ``optional-shared`` (uses ../shared if present),
``install`` (the setup cell right after the goals: ``%pip install`` of the published package when framing is not
importable, so a lesson runs in Colab or VS Code; the build refuses a source without it).
Every other cell metadata is dropped.

Usage::

    .venv/bin/python scripts/build_notebooks.py          # write notebooks/
    .venv/bin/python scripts/build_notebooks.py --check  # exit 1 if notebooks/ is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "notebooks"
SRC = OUT / "src"

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _cells(source: Path) -> list[nbformat.NotebookNode]:
    """The cells of one percent-format source, with only their tags kept as metadata."""
    nb = jupytext.read(source, fmt="py:percent")
    cells = []
    for cell in nb.cells:
        if cell.cell_type not in ("code", "markdown") or not cell.source.strip():
            continue
        tags = list(cell.metadata.get("tags", []))
        src = cell.source.strip("\n")
        new = nbformat.v4.new_markdown_cell(src) if cell.cell_type == "markdown" else nbformat.v4.new_code_cell(src)
        if tags:
            new.metadata["tags"] = tags
        cells.append(new)
    return cells


def _check_install_cell(cells: list, source: Path) -> None:
    """The first code cell must be the ``install`` cell (the lesson then runs in Colab and VS Code)."""
    code = [c for c in cells if c.cell_type == "code"]
    if not code or "install" not in code[0].metadata.get("tags", []) or "pip" not in code[0].source:
        raise SystemExit(f"{source}: the first code cell must be the install cell (tags=[\"install\"], %pip install)")


def _notebook(cells: list, *, key: bool, name: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["framing"] = {"lesson": name, "variant": "key" if key else "student",
                              "generated_by": "scripts/build_notebooks.py", "source": f"notebooks/src/{name}.py"}
    out = []
    for i, c in enumerate(cells):
        if "key" in c.metadata.get("tags", []) and not key:
            continue
        cell = nbformat.from_dict(dict(c))
        cell.id = f"{name[:2]}-{i:03d}"
        out.append(cell)
    nb.cells = out
    return nb


def build() -> dict[Path, str]:
    """Path -> notebook JSON for every lesson source (student and key)."""
    files: dict[Path, str] = {}
    for source in sorted(SRC.glob("[0-9][0-9]_*.py")):
        name = source.stem
        cells = _cells(source)
        _check_install_cell(cells, source)
        for nb, stem in ((_notebook(cells, key=False, name=name), name), (_notebook(cells, key=True, name=name),
                                                                           name + "_key")):
            nbformat.validate(nb)
            files[OUT / f"{stem}.ipynb"] = nbformat.writes(nb) + "\n"
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that notebooks/ matches the sources")
    args = ap.parse_args(argv)
    files = build()
    stale = [p for p, s in files.items() if not p.exists() or p.read_text(encoding="utf-8") != s]
    orphans = sorted(p for p in OUT.glob("[0-9][0-9]_*.ipynb") if p not in files)
    if args.check:
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)} (run scripts/build_notebooks.py)", file=sys.stderr)
        for p in orphans:
            print(f"no source in notebooks/src/: {p.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale or orphans else 0
    for p in stale:
        p.write_text(files[p], encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    for p in orphans:
        print(f"warning: {p.relative_to(ROOT)} has no source in notebooks/src/ (delete it?)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
