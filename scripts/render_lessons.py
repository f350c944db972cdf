"""Execute the student lessons and render them to HTML in docs/lessons/ (to read on the web, outputs included).

    python scripts/render_lessons.py                    # all lessons -> docs/lessons/NN_topic.html + index.html
    python scripts/render_lessons.py --only 01 --out /tmp/lessons   # one lesson elsewhere (the tests do this)

Each student notebook in notebooks/ (not the teacher's keys) is executed top to bottom with nbclient in a temporary
folder (what a lesson writes, e.g. reports/, is thrown away, and that folder's path is shown as "." in the page) (as a student would run it: the install cell does nothing where framing is importable) and exported with
nbconvert's HTML exporter. A cell that raises stops the script (exit 1) naming the lesson and the cell.
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def lessons(only: str | None = None) -> list[Path]:
    out = sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb") if not p.stem.endswith("_key"))
    return [p for p in out if only is None or p.name.startswith(only)]


def render(path: Path, out: Path, *, timeout: int = 900) -> Path:
    """Execute one notebook and write its HTML into ``out``; the HTML path."""
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="framing-lesson-") as work:  # what a lesson writes (reports/) goes here
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": work}})
        try:
            client.execute()
        except Exception as exc:  # nbclient raises CellExecutionError and kernel errors: report and stop
            raise SystemExit(f"{path.name}: execution failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
        body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
        body = body.replace(str(Path(work).resolve()), ".").replace(work, ".")  # no machine paths in the page
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{path.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


def write_index(out: Path, pages: list[Path]) -> Path:
    items = "".join(f'<li><a href="{html.escape(p.name)}">{html.escape(p.stem.replace("_", " "))}</a></li>' for p in pages)
    index = out / "index.html"
    index.write_text("<!doctype html><meta charset='utf-8'><title>framing lessons</title>"
                     "<h1>framing lessons (executed)</h1><p>Rendered by scripts/render_lessons.py; the notebooks are in "
                     f"notebooks/ (install cell first: runs in Colab and VS Code).</p><ol>{items}</ol>\n", encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "lessons")
    ap.add_argument("--only", default=None, help="a lesson number prefix, e.g. 01")
    args = ap.parse_args(argv)
    pages = []
    for p in lessons(args.only):
        pages.append(render(p, args.out))
        print(f"wrote {pages[-1]}")
    if args.only is None:
        print(f"wrote {write_index(args.out, pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
