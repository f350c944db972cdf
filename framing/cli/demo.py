"""``framing demo``: the whole comparison on the bundled example corpus, with its reports."""

from __future__ import annotations

import importlib.resources
import json
import sys
from pathlib import Path

import typer

from framing.cli.common import DB_HELP, Bar
from framing.cli.compare import check_report_paths, write_reports
from framing.errors import DataError

EXAMPLE_EVENT = "example"


def demo(
    out: Path = typer.Option(Path("reports"), "--out", help="Folder for the reports (created if missing; its parent folder must exist)."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    workers: int = typer.Option(1, "--workers", min=1, max=32, help="Worker processes for the analysis (a local Dask cluster when more than 1; the 7 example articles are faster in this process)."),
    no_pdf: bool = typer.Option(False, "--no-pdf", help="Write the HTML and JSON only (PDF rendering takes a few seconds)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no terminal summary."),
) -> None:
    """Run the whole comparison on the bundled example corpus (a constructed event) and write HTML, PDF and JSON reports.

    Imports corpora/example/articles.jsonl into the store as event 'example', analyzes it, compares the
    designated target (the partisan opinion piece) with the six other articles, and prints where the reports are.

    Example: framing demo --out reports/
    """
    from framing.comparison import (
        compare as compare_coverage,  # lazy: heavy (scikit-learn); keeps `framing --help` fast
    )
    from framing.corpus import (  # lazy: heavy (the store imports the pipeline: spaCy, scikit-learn); keeps `framing --help` fast
        Store,
        default_path,
    )
    check_report_paths(folder=out)  # before any work: a bad --out fails now, in one line
    folder = importlib.resources.files("framing.corpora") / EXAMPLE_EVENT
    jsonl, key = folder / "articles.jsonl", folder / "key.json"
    if not jsonl.is_file() or not key.is_file():
        raise DataError("the bundled example corpus (framing.corpora/example/articles.jsonl, key.json) is missing; reinstall framing")
    target_id = json.loads(key.read_text(encoding="utf-8"))["target"]
    path = db if db is not None else default_path()
    with importlib.resources.as_file(jsonl) as jpath, Store(path) as store:
        store.import_jsonl(jpath, EXAMPLE_EVENT)
        with Bar(quiet) as bar:
            res = store.analyze_event(EXAMPLE_EVENT, workers=workers, progress=bar)
        for label, err in res.failed:
            print(f"framing: analysis failed for {label}: {err}", file=sys.stderr)
        analyses = store.analyses(EXAMPLE_EVENT)
    target = next((a for a in analyses if a.article.get("record_id") == target_id), None)
    if target is None:
        raise DataError(f"the example corpus has no article {target_id!r} (named as target in key.json)")
    peers = [a for a in analyses if a is not target]
    comparison = compare_coverage(target, peers)
    from framing.report.output import write_output  # lazy: heavy (framing.report: matplotlib, jinja2)

    stem = out / "example-comparison"
    json_path = write_output(stem.with_suffix(".json"), json.dumps({"comparison": comparison.to_dict()}, ensure_ascii=False, indent=2))
    written = [json_path, *write_reports(comparison, stem.with_suffix(".html"), None if no_pdf else stem.with_suffix(".pdf"), required=False)]
    if not quiet:
        from framing.report.render import (
            terminal,  # lazy: heavy (matplotlib, jinja2 through framing.report)
        )

        terminal.print_comparison(comparison)
    print(f"store: {path}", file=sys.stderr)
    for w in written:
        print(f"wrote {w}")
