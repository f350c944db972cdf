"""``framing info``: what this framing is made of (versions, analyzers, lexicons, models, PDF support) and the store's health."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from framing.cli.common import DB_HELP, print_json
from framing.version import __version__


def _store_health(db: Path | None) -> dict[str, Any]:
    from framing.corpus import Store, default_path  # lazy: heavy (the pipeline: spaCy, scikit-learn); keeps --help fast

    path = Path(db).expanduser() if db is not None else default_path()
    if not path.exists():
        return {"path": str(path), "exists": False}
    with Store(path, create=False) as store:  # opening runs PRAGMA quick_check (a damaged store is refused)
        return {"path": str(path), "exists": True, "articles": store.count("articles"),
                "events": len(store.events()), "integrity_check": store.integrity_check()}


def _pdf_support() -> dict[str, Any]:
    from framing.report.render.pdf import PdfUnavailable, check_pdf_support  # lazy: heavy (weasyprint)

    try:
        check_pdf_support()
    except PdfUnavailable as exc:
        return {"available": False, "reason": str(exc)}
    return {"available": True}


def info(
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Versions, analyzers, lexicons and models of this framing, and the corpus store's full integrity check.

    Exit code 2 with one line when the store is damaged (and how to recover it).

    Example: framing info --db corpus.sqlite
    """
    from framing.pipeline import ANALYZERS, analyzer_version  # lazy: heavy (spaCy, scikit-learn); keeps --help fast
    from framing.resources import lexicons, models  # lazy: with the pipeline above
    from framing.schema import SCHEMA_VERSION  # lazy: with the pipeline above

    report: dict[str, Any] = {
        "framing": __version__,
        "schema_version": SCHEMA_VERSION,
        "analyzer_version": analyzer_version(),
        "analyzers": [{"name": s.name, "requires": list(s.requires), "rules": len(s.rules)} for s in ANALYZERS],
        "lexicons": {name: lexicons.load(name).version for name in lexicons.names()},
        "models": {name: models.load_card(name).get("artifact_sha256", "")[:12] for name in models.MODELS},
        "model_files": {name: models.artifact_path(name).name for name in models.MODELS},
        "pdf": _pdf_support(),
        "store": _store_health(db),
    }
    if as_json:
        print_json(report)
        return
    store: dict[str, Any] = report["store"]
    lines = [
        f"framing {report['framing']} (analysis schema {report['schema_version']}, analyzer version {report['analyzer_version']})",
        "analyzers: " + ", ".join(a["name"] for a in report["analyzers"]),
        "lexicons: " + ", ".join(f"{k} {v}" for k, v in report["lexicons"].items()),
        "models: " + ", ".join(f"{k} {v} ({report['model_files'][k]})" for k, v in report["models"].items()),
        "pdf: " + ("available" if report["pdf"]["available"] else report["pdf"]["reason"]),
    ]
    if store["exists"]:
        lines.append(f"store: {store['path']}: {store['articles']} articles in {store['events']} events; "
                     f"integrity check: {store['integrity_check']}")
    else:
        lines.append(f"store: {store['path']}: none yet")
    typer.echo("\n".join(lines))
