"""``framing compare``: an article against other outlets' coverage (thin over ``framing.compare`` and ``framing.render_report``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

import framing
from framing.cli.common import DB_HELP, Bar, print_json
from framing.errors import InputError
from framing.safetext import one_line


def analyze_sources(sources: list[str], store: Any, event: str | None, *, any_language: bool, timeout: float,
                    allow_private_redirects: bool = False, progress: Any = None) -> list:
    """Read and analyze each source (through the store's cache when there is a store); ``progress(done, total,
    label)`` is called after each (a :class:`framing.cli.common.Bar`)."""
    out = []
    for n, src in enumerate(sources):
        article = framing.read(src, check_language=not any_language, timeout=timeout,
                               allow_private_redirects=allow_private_redirects)
        out.append(store.get_or_analyze(article, event=event) if store is not None else framing.analyze(article))
        if progress is not None:
            progress(n + 1, len(sources), "analyzing peers")
    return out


def write_reports(comparison: Any, html: Path | None, pdf: Path | None, *, required: bool = True) -> list[Path]:
    """Render the HTML/PDF reports asked for (``framing.render_report``); the paths written."""
    if not (html or pdf):
        return []
    written = []
    for fmt, path in (("html", html), ("pdf", pdf)):
        if path:
            if fmt == "pdf":
                from framing.report.render.pdf import PdfUnavailable, check_pdf_support  # lazy: heavy (framing.report)

                try:
                    check_pdf_support()
                except PdfUnavailable as exc:
                    if required:
                        raise
                    print(f"framing: PDF skipped: {exc}", file=sys.stderr)  # the HTML and JSON are written
                    continue
            written.append(Path(framing.render_report(comparison, fmt, path=path)))
            print(f"wrote {written[-1]}", file=sys.stderr)
    return written


def check_report_paths(*paths: Path | None, folder: Path | None = None) -> None:
    """Check the report paths given (and the reports folder) before any work: one InputError line for a bad one."""
    if not any(paths) and folder is None:
        return
    from framing.report.output import (  # lazy: heavy (framing.report: matplotlib, jinja2)
        check_output_folder,
        check_output_path,
    )

    for path in (p for p in paths if p):
        check_output_path(path)
    if folder is not None:
        check_output_folder(folder)


def compare(
    target: str = typer.Argument(..., help="The article to compare: a URL, a file (.html, .txt, .md, .json) or - for stdin."),
    peers: list[str] | None = typer.Argument(None, help="Other outlets' coverage: URLs or files (besides or instead of --event)."),
    event: str | None = typer.Option(None, "--event", help="Compare with every article of this event in the corpus store."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print {\"comparison\": ...} as JSON."),
    pdf: Path | None = typer.Option(None, "--pdf", help="Also write a PDF report to this path."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML report to this path."),
    min_similarity: float = typer.Option(0.05, "--min-similarity", min=0.0, max=1.0, help="Set aside peers whose TF-IDF cosine to the others' centroid is below this."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English text."),
    timeout: float = typer.Option(15.0, "--timeout", help="Deadline in seconds for the whole download of a URL, redirects included (at most 300)."),
    allow_private_redirects: bool = typer.Option(False, "--allow-private-redirects", help="Follow redirects from a public page into loopback or private networks (for testing against a local server); link-local and cloud-metadata addresses are always refused."),
    peers_from: str | None = typer.Option(None, "--peers-from", help="Compare with the aggregates of --event in this `framing batch` dataset (after `framing batch aggregate DIR`) instead of the corpus store."),
) -> None:
    """Compare an article with other outlets' coverage of the same event: measures, word choice, naming, stance, sources, claims.

    With --peers-from DIR the peers are the event's articles in a batch dataset, read as aggregates (no sources or claims).

    Example: framing compare ../shared/seed/soleimani-cgpi.txt --event soleimani-2020
    """
    if peers_from is not None:
        check_report_paths(html, pdf)
        comparison = compare_from_dataset(target, peers_from, event, peers, any_language=any_language, timeout=timeout,
                                          allow_private_redirects=allow_private_redirects)
        show(comparison, html, pdf, as_json)
        return
    from framing.comparison import (
        compare as compare_coverage,  # lazy: heavy (scikit-learn); keeps `framing --help` fast
    )
    from framing.corpus import (  # lazy: heavy (the store imports the pipeline: spaCy, scikit-learn); keeps `framing --help` fast
        Store,
        default_path,
    )
    peers = list(peers or [])
    check_report_paths(html, pdf)
    if not peers and not event:
        raise InputError("framing compare needs peers: give PEER sources after TARGET, or --event NAME for an event in the corpus store")
    store = None
    if event or db is not None:
        path = db if db is not None else default_path()
        store = Store(path, create=not event)
        if event:
            store._require_event(event)
    try:
        (target_analysis,) = analyze_sources([target], store, event, any_language=any_language, timeout=timeout,
                                        allow_private_redirects=allow_private_redirects)
        with Bar() as bar:  # drawn only when stderr is a terminal
            peer_analyses = analyze_sources(peers, store, event, any_language=any_language, timeout=timeout,
                                            allow_private_redirects=allow_private_redirects, progress=bar)
        if event and store is not None:  # an event always opens the store above
            if store.missing(event):
                print(f"framing: analyzing the articles of {event} not analyzed yet", file=sys.stderr)
                with Bar() as bar:
                    res = store.analyze_event(event, workers=2, progress=bar)
                for label, err in res.failed:
                    print(one_line(f"framing: skipped {label}: its analysis failed: {err}"), file=sys.stderr)
            peer_analyses += store.analyses(event, compute_missing=False)
    finally:
        if store is not None:
            store.close()
    comparison = compare_coverage(target_analysis, peer_analyses, min_similarity=min_similarity)
    show(comparison, html, pdf, as_json)


def compare_from_dataset(target: str, dataset: str, event: str | None, peers: list[str] | None, **read_options: Any) -> Any:
    """``framing compare TARGET --peers-from DIR --event NAME``: the target against an event's aggregates (framing.batch)."""
    if not event or peers:
        raise InputError("--peers-from DIR needs --event NAME (the event in the dataset) and no PEER sources")
    try:
        from framing import batch  # lazy: optional dependency (framing[dask]: pyarrow, pandas)
    except ImportError as exc:
        raise InputError(f"--peers-from needs the dask extra ({exc}): pip install 'framing[dask]'") from None
    article = framing.read(target, check_language=not read_options.pop("any_language"), **read_options)
    analysis = framing.analyze(article, event_actors=batch.event_actors(event))
    return batch.compare_with_aggregates(analysis, dataset, event)


def show(comparison: Any, html: Path | None, pdf: Path | None, as_json: bool) -> None:
    """Write the reports asked for, then print the comparison (JSON or the terminal view)."""
    write_reports(comparison, html, pdf)
    if as_json:
        print_json({"comparison": comparison.to_dict()})
        return
    from framing.report.render import (
        terminal,  # lazy: heavy (matplotlib, jinja2 through framing.report)
    )

    terminal.print_comparison(comparison)
