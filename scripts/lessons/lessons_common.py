"""Cell helpers and shared snippets for the lesson sources (used by scripts/build_notebooks.py)."""

from __future__ import annotations


def md(source: str, *tags: str) -> dict:
    return {"type": "md", "source": source, "tags": tags}


def code(source: str, *tags: str) -> dict:
    return {"type": "code", "source": source, "tags": tags}


def key_md(source: str) -> dict:
    return md(source, "key")


def key_code(source: str) -> dict:
    return code(source, "key")


KEY_BANNER = md(
    """
> **TEACHER'S KEY — do not hand this version out.**
> It is the student notebook with answers added after each exercise (cells starting with 🔑).
> The student version is the file without `_key` in its name.
""",
    "key",
)

SETUP = code(
    """
# Setup: run this cell first (Shift+Enter). It loads framing and two small display helpers.
import framing
from framing.widgets import table, summary
print("framing", framing.__version__, "is ready")
"""
)

# Loads the constructed example corpus that ships with framing (fictional countries, people and outlets).
EXAMPLE_CORPUS = code(
    """
# The example corpus ships inside framing: six or more articles about ONE invented event,
# each written in a different style. All countries, people and outlets in it are fictional.
import json
from importlib.resources import files

corpus_dir = files("framing.corpora").joinpath("example")
example_rows = [json.loads(line) for line in corpus_dir.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]

def example_article(i):
    \"\"\"Article number i of the example corpus, loaded with its outlet and lean.\"\"\"
    row = example_rows[i]
    return framing.load_text(row["text"], title=row["title"], outlet=row.get("outlet_normalized") or row.get("outlet"),
                             published=row.get("date"), url=row.get("url"),
                             meta={"id": row["id"], "lean": row.get("lean") or ""})

table([{"number": i, "outlet": r.get("outlet_normalized") or r.get("outlet"), "lean": r.get("lean"),
        "headline": r["title"]} for i, r in enumerate(example_rows)], caption="The example corpus")
"""
)
