"""Build the classroom notebooks in notebooks/ from the lesson sources in scripts/lessons/.

Each lesson source (``scripts/lessons/lNN_*.py``) defines ``NAME`` (the notebook's file stem, e.g.
``01_loaded_language``) and ``CELLS``, a list of cells made with the helpers below. Two notebooks are
written per lesson:

* ``notebooks/NN_topic.ipynb``      the student notebook: every cell except the key cells;
* ``notebooks/NN_topic_key.ipynb``  the teacher's key: the same cells in the same order, plus the key
                                    cells (tagged ``key``) right after the exercise they answer.

So the key notebook is the student notebook with answers added, and executing it runs every student
cell too. Notebooks are written WITHOUT outputs (nbformat 4), so they stay reviewable in git.

Cell tags (in ``cell.metadata.tags``) that tests/test_notebooks.py relies on:
``goals`` (the learning goals), ``exercise`` (an exercise statement: a heading "Exercise N"),
``key`` (answers: a heading "Key to exercise N" in the first key cell of each exercise),
``try-it`` (cells a student is invited to edit and re-run), ``optional-shared`` (uses ../shared if present).

Usage::

    .venv/bin/python scripts/build_notebooks.py          # write notebooks/
    .venv/bin/python scripts/build_notebooks.py --check  # exit 1 if notebooks/ is out of date
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
LESSONS = Path(__file__).resolve().parent / "lessons"
OUT = ROOT / "notebooks"

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _load_lessons() -> list:
    mods = []
    for path in sorted(LESSONS.glob("l[0-9][0-9]_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = mod
        spec.loader.exec_module(mod)
        mods.append(mod)
    return mods


def _notebook(cells: list, *, key: bool, name: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["framing"] = {"lesson": name, "variant": "key" if key else "student",
                              "generated_by": "scripts/build_notebooks.py"}
    out = []
    for i, c in enumerate(cells):
        tags = list(c["tags"])
        if "key" in tags and not key:
            continue
        src = c["source"].strip("\n")
        if c["type"] == "md":
            cell = nbformat.v4.new_markdown_cell(src)
        else:
            cell = nbformat.v4.new_code_cell(src)
        cell.id = f"{name[:2]}-{i:03d}"
        if tags:
            cell.metadata["tags"] = tags
        out.append(cell)
    nb.cells = out
    return nb


def build() -> dict[Path, str]:
    """Path -> notebook JSON for every lesson (student and key)."""
    from lessons_common import KEY_BANNER  # noqa: E402  (scripts/lessons on sys.path)

    files: dict[Path, str] = {}
    for mod in _load_lessons():
        cells = list(mod.CELLS)
        student = _notebook(cells, key=False, name=mod.NAME)
        keyed = _notebook([KEY_BANNER] + cells, key=True, name=mod.NAME)
        for nb, stem in ((student, mod.NAME), (keyed, mod.NAME + "_key")):
            nbformat.validate(nb)
            files[OUT / f"{stem}.ipynb"] = nbformat.writes(nb) + "\n"
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that notebooks/ matches the sources")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(LESSONS))
    files = build()
    stale = [p for p, s in files.items() if not p.exists() or p.read_text(encoding="utf-8") != s]
    if args.check:
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)} (run scripts/build_notebooks.py)", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(exist_ok=True)
    for p in stale:
        p.write_text(files[p], encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
