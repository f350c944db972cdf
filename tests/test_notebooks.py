"""The classroom notebooks: structure (goals, exercises, key), no outputs committed, in sync with their
jupytext sources, public API only, keys that assert their claims, and every notebook executes in under 60 s
with the venv's kernel.

Student notebooks ``notebooks/NN_topic.ipynb`` and keys ``NN_topic_key.ipynb`` are built by
scripts/build_notebooks.py from one percent-format source per lesson, ``notebooks/src/NN_topic.py``. A key is
its student notebook plus cells tagged ``key``, so executing a key also executes every student cell; both are
executed here anyway. Every key statement about framing's output is a key code cell that computes it and
``assert``s it, so executing the keys fails when an analyzer change makes a key wrong.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
SRC_DIR = NB_DIR / "src"
SOURCES = sorted(SRC_DIR.glob("[0-9][0-9]_*.py"))
STUDENT = sorted(p for p in NB_DIR.glob("[0-9][0-9]_*.ipynb") if not p.stem.endswith("_key"))
KEYS = sorted(NB_DIR.glob("[0-9][0-9]_*_key.ipynb"))
ALL = STUDENT + KEYS
TIME_LIMIT = 60.0

# framing names a notebook may use: the public API, the corpus store, the report renderer, classroom widgets,
# and data shipped in the repo (framing.corpora via importlib.resources).
ALLOWED_FRAMING = {"framing", "framing.corpus", "framing.widgets", "framing.corpora",
                   "framing.schema"}
PUBLIC_ATTRS = {"read", "load_text", "load_path", "load_html", "analyze", "compare", "render_report",
                "__version__", "__file__"}


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def test_seven_lessons_with_keys():
    names = [p.stem for p in STUDENT]
    assert [n[:2] for n in names] == ["01", "02", "03", "04", "05", "06", "07"], names
    for p in STUDENT:
        assert (NB_DIR / f"{p.stem}_key.ipynb").exists(), f"{p.name} has no key notebook"
    assert len(KEYS) == len(STUDENT)


def test_notebooks_match_generator():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_notebooks.py"), "--check"],
                       check=False, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_one_percent_source_per_lesson():
    """notebooks/src/NN_topic.py is the only source of NN_topic(.ipynb|_key.ipynb): jupytext percent format, with
    the key banner first and the goals cell first among the student cells."""
    jupytext = pytest.importorskip("jupytext")
    assert [p.stem for p in SOURCES] == [p.stem for p in STUDENT]
    assert not (ROOT / "scripts" / "lessons").exists(), "scripts/lessons/ is gone: lessons live in notebooks/src/"
    for src in SOURCES:
        text = src.read_text(encoding="utf-8")
        assert text.startswith("# %% [markdown]"), f"{src.name}: not a percent-format source"
        cells = jupytext.reads(text, fmt="py:percent").cells
        tags = [list(c.metadata.get("tags", [])) for c in cells]
        assert "key" in tags[0] and "TEACHER'S KEY" in cells[0].source, f"{src.name}: no key banner first"
        assert "goals" in tags[1], f"{src.name}: the goals cell must be the first student cell"


def _key_check_problems(nb) -> list[str]:
    """What is wrong with a key notebook's checks: every key code cell must hold a real ``assert`` (not of a
    constant), and every exercise's key must include such a cell unless its heading cell is tagged
    ``pedagogy`` (answers that state nothing about framing's output)."""
    problems = []
    current = None          # (exercise number, heading cell tags, has a check cell)
    groups = []
    for cell in nb.cells:
        tags = _tags(cell)
        if "key" not in tags:
            current = None
            continue
        m = re.search(r"(?:Key to|Notes for) exercise (\d+)", cell.source) if cell.cell_type == "markdown" else None
        if m:
            current = [int(m.group(1)), tags, False]
            groups.append(current)
        if cell.cell_type != "code":
            continue
        asserts = [n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Assert)]
        real = [n for n in asserts if not isinstance(n.test, ast.Constant)]
        if not real:
            problems.append(f"key cell {cell.get('id')} asserts nothing: {cell.source[:60]!r}")
        elif current is not None:
            current[2] = True
    for number, tags, checked in groups:
        if not checked and "pedagogy" not in tags:
            problems.append(f"the key to exercise {number} has no cell that asserts its claims")
    return problems


@pytest.mark.parametrize("path", KEYS, ids=lambda p: p.name)
def test_key_statements_are_asserted(path):
    assert _key_check_problems(_read(path)) == []


def test_key_check_detector_rejects_unchecked_keys():
    """The detector above must flag a key cell without assert, an ``assert True`` and an exercise without a check."""
    def key(cell):
        cell.metadata["tags"] = ["key"]
        return cell

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("### Exercise 1"),
                key(nbformat.v4.new_markdown_cell("### 🔑 Key to exercise 1\nframing finds 3 quotes.")),
                key(nbformat.v4.new_code_cell("n = 3\nprint(n)")),
                nbformat.v4.new_markdown_cell("### Exercise 2"),
                key(nbformat.v4.new_markdown_cell("### 🔑 Key to exercise 2\nThe stance is negative.")),
                key(nbformat.v4.new_code_cell("assert True, 'always'")),
                nbformat.v4.new_markdown_cell("### Exercise 3"),
                key(nbformat.v4.new_markdown_cell("### 🔑 Key to exercise 3\nframing flags two words."))]
    problems = _key_check_problems(nb)
    assert len(problems) == 5, problems    # 2 cells asserting nothing + 3 exercises unchecked
    nb.cells[2].source = "n = 3\nassert n == 3, 'three quotes'"
    nb.cells[5].source = "stance = -0.2\nassert stance < 0"
    nb.cells[7].metadata["tags"] = ["key", "pedagogy"]
    assert _key_check_problems(nb) == []


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = _read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: cell {cell.id} has outputs"


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.name)
def test_lesson_structure(path):
    nb = _read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and "goals" in _tags(first)
    goals = first.source.split("Learning goals", 1)
    assert len(goals) == 2, f"{path.name}: no 'Learning goals' heading in the first cell"
    assert len(re.findall(r"^- ", goals[1], flags=re.MULTILINE)) >= 3, f"{path.name}: fewer than 3 learning goals"
    exercises = [c for c in nb.cells if "exercise" in _tags(c)]
    numbers = [int(m.group(1)) for c in exercises for m in [re.search(r"Exercise (\d+)", c.source)] if m]
    assert len(exercises) >= 2 and numbers == list(range(1, len(exercises) + 1)), f"{path.name}: exercises {numbers}"
    assert any("try-it" in _tags(c) for c in nb.cells), f"{path.name}: no try-it cell"
    assert not any("key" in _tags(c) for c in nb.cells), f"{path.name}: the student notebook contains key cells"
    assert not any("🔑" in c.source for c in nb.cells)


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.name)
def test_key_answers_every_exercise_and_extends_student(path):
    student = _read(path)
    key = _read(NB_DIR / f"{path.stem}_key.ipynb")
    key_cells = [c for c in key.cells if "key" in _tags(c)]
    assert "TEACHER'S KEY" in key.cells[0].source
    n_ex = sum("exercise" in _tags(c) for c in student.cells)
    answered = {int(m.group(1)) for c in key_cells for m in [re.search(r"(?:Key to|Notes for) exercise (\d+)", c.source)] if m}
    assert answered == set(range(1, n_ex + 1)), f"{path.name}: key answers {sorted(answered)} of {n_ex} exercises"
    # the key is the student notebook plus key cells, in the same order
    assert [c.source for c in key.cells if "key" not in _tags(c)] == [c.source for c in student.cells]
    # each key cell comes after the statement of the exercise it answers
    pos = {int(m.group(1)): i for i, c in enumerate(key.cells) if "exercise" in _tags(c)
           for m in [re.search(r"Exercise (\d+)", c.source)] if m}
    for i, c in enumerate(key.cells):
        m = re.search(r"(?:Key to|Notes for) exercise (\d+)", c.source)
        if m and "key" in _tags(c):
            assert i > pos[int(m.group(1))]


def test_key_and_goal_detectors_reject_a_bad_notebook():
    """The structure checks above must fail on a notebook without goals, exercises or key."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A lesson\nSome text."), nbformat.v4.new_code_cell("x = 1")]
    first = nb.cells[0]
    assert "Learning goals" not in first.source
    assert sum("exercise" in _tags(c) for c in nb.cells) < 2


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.name)
def test_public_api_only_and_offline(path):
    nb = _read(NB_DIR / f"{path.stem}_key.ipynb")
    src = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    modules = set(re.findall(r"(?:from|import)\s+(framing(?:\.\w+)*)", src))
    assert modules <= ALLOWED_FRAMING, modules - ALLOWED_FRAMING
    attrs = set(re.findall(r"\bframing\.(\w+)\s*\(", src))
    assert attrs <= PUBLIC_ATTRS, attrs - PUBLIC_ATTRS
    assert "requests" not in modules and "urllib" not in src
    # a URL may only be fetched when the teacher sets one: every URL default is None
    for m in re.finditer(r"^URL\s*=\s*(.+)$", src, flags=re.MULTILINE):
        assert m.group(1).split("#")[0].strip() == "None"


WARMUP = (
    "import sys, time\n"
    "import framing\n"
    "framing.analyze(framing.load_text('The council voted on Tuesday to close the high street to cars on Saturdays.'))\n"
    "print(sys.executable)"
)


@pytest.fixture(scope="module")
def executed(tmp_path_factory, request):
    """Execute every selected notebook (keys and students) once; path -> (notebook, seconds, error or None).

    Only the notebooks whose execution test is selected run, so ``-k 03_actors`` executes lesson 3 alone.

    To stay within the test-time budget all notebooks run in ONE kernel of the venv's python3 kernelspec,
    with ``%reset -f`` (user namespace cleared) and a fresh working folder before each, so a notebook
    cannot lean on another's variables. The cost of a cold kernel (start, imports, model loading) is measured
    once by a warm-up cell and added to each notebook's time for the < 60 s check.
    Set FRAMING_NOTEBOOKS_FRESH=1 to run each notebook in its own fresh kernel instead.
    """
    base = tmp_path_factory.mktemp("notebooks")
    results: dict[Path, tuple] = {}
    wanted = {item.callspec.params["path"] for item in request.session.items
              if getattr(item, "originalname", "") == "test_notebook_executes" and hasattr(item, "callspec")}
    selected = [p for p in ALL if p in wanted] or ALL
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MPLBACKEND", "Agg")
        mp.setenv("FRAMING_DB", str(base / "corpus.sqlite"))
        if os.environ.get("FRAMING_NOTEBOOKS_FRESH"):
            for path in selected:
                work = base / path.stem
                work.mkdir()
                nb = nbformat.read(path, as_version=4)
                nb.cells.insert(0, nbformat.v4.new_code_cell(WARMUP))
                client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=TIME_LIMIT,
                                                 resources={"metadata": {"path": str(work)}})
                t0 = time.perf_counter()
                try:
                    client.execute()
                    err = None
                except Exception as exc:  # noqa: BLE001  (recorded and reported by the test of this notebook)
                    err = exc
                results[path] = (nb, time.perf_counter() - t0, err, nb.cells[0], work)
            return results
        probe = nbformat.v4.new_notebook()
        probe.cells = [nbformat.v4.new_code_cell(WARMUP)]
        client = nbclient.NotebookClient(probe, kernel_name="python3", timeout=TIME_LIMIT,
                                         resources={"metadata": {"path": str(base)}})
        t0 = time.perf_counter()
        with client.setup_kernel():
            client.execute_cell(probe.cells[0], 0)
            cold = time.perf_counter() - t0
            for path in selected:
                work = base / path.stem
                work.mkdir()
                nb = nbformat.read(path, as_version=4)
                reset = nbformat.v4.new_code_cell(
                    f"%reset -f\nimport os, matplotlib.pyplot as _plt\n_plt.close('all')\nos.chdir({str(work)!r})")
                client.nb = nb
                client.execute_cell(reset, 0)
                t1 = time.perf_counter()
                err = None
                try:
                    for i, cell in enumerate(nb.cells):
                        if cell.cell_type == "code":
                            client.execute_cell(cell, i)
                except Exception as exc:  # noqa: BLE001  (recorded and reported by the test of this notebook)
                    err = exc
                results[path] = (nb, cold + time.perf_counter() - t1, err, probe.cells[0], work)
    return results


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_notebook_executes(path, executed):
    nb, seconds, err, probe, work = executed[path]
    out = "".join(o.get("text", "") for o in probe.outputs).strip().splitlines()[-1]
    assert Path(out).resolve() == Path(sys.executable).resolve(), f"kernel ran {out!r}, not {sys.executable}"
    assert err is None, f"{path.name}: {str(err)[-3000:]}"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert seconds < TIME_LIMIT, f"{path.name} took {seconds:.1f} s (cold kernel included)"
    # displayed tables and highlights: a notebook that silently shows nothing is a broken lesson
    html = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "text/html" in o.get("data", {})]
    assert len(html) >= 3, f"{path.name}: only {len(html)} HTML outputs"
    if path.stem.startswith("06_"):
        pdfs = list((work / "reports").glob("*.pdf"))
        assert pdfs and pdfs[0].read_bytes()[:5] == b"%PDF-"
