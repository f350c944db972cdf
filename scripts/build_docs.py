"""Build the API reference (pdoc, from the docstrings) into docs/api/, and publish the JSON Schemas beside it.

    python scripts/build_docs.py                 # docs/api/ (HTML, one page per module) + docs/api/schema/*.json
    python scripts/build_docs.py --out /tmp/api  # elsewhere (the tests build into a temporary folder)

The modules are the public layers: framing (read, analyze, compare, render_report), ingest, nlp, analyzers,
pipeline, schema (with the tables), comparison, corpus, report, resources, errors. Training and evaluation
(offline tools) are left out. Fails (exit 1) when pdoc warns, so a broken docstring reference is caught.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODULES = [
    "framing", "framing.ingest", "framing.nlp", "framing.analyzers", "framing.pipeline", "framing.schema",
    "framing.comparison", "framing.corpus", "framing.report", "framing.resources", "framing.errors",
]


def build(out: Path) -> list[Path]:
    import pdoc  # lazy: a docs-only dependency (the test extra)
    import pdoc.render  # lazy: as above

    pdoc.render.configure(docformat="markdown", show_source=False, search=True,
                          footer_text="framing API reference, generated from the docstrings")
    out.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdoc.pdoc(*MODULES, output_directory=out)
    problems = [w for w in caught if "pdoc" in str(w.filename) or issubclass(w.category, RuntimeWarning)]
    if problems:
        raise SystemExit("pdoc warned: " + "; ".join(str(w.message)[:200] for w in problems[:5]))
    schema_out = out / "schema"
    schema_out.mkdir(exist_ok=True)
    for p in sorted((REPO / "framing" / "schema").glob("*.schema.json")):
        shutil.copyfile(p, schema_out / p.name)
    return sorted(out.rglob("*.html"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "api")
    args = ap.parse_args(argv)
    pages = build(args.out)
    print(f"{len(pages)} pages in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
