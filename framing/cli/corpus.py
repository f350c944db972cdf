"""``framing corpus import|add|list|analyze|export``: thin wrappers over :class:`framing.corpus.Store`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from framing.cli.common import DB_HELP, LOCK_HELP, Bar, print_json
from framing.errors import CorpusError, InputError
from framing.safetext import one_line

app = typer.Typer(help="The corpus store: import, add, list and analyze articles grouped by event.\n\nExample: framing corpus list", no_args_is_help=True)

BATCH_FAILED = 3  # exit code of a batch in which some items failed (0 only when every item succeeded)


def _batch_exit(failed: int, total: int, what: str) -> None:
    """End a batch command: exit 0 when nothing failed, else one line with the count and exit code 3."""
    if failed:
        print(f"framing: error: {failed} of {total} {what} failed (each is reported above); exit code {BATCH_FAILED}", file=sys.stderr)
        raise typer.Exit(BATCH_FAILED)


def _report_import(res: Any, as_json: bool, db_path: Any) -> None:
    for source, err in res.failed:
        print(one_line(f"framing: skipped {source}: {err}"), file=sys.stderr)
    if as_json:
        print_json({**res.to_dict(), "db": str(db_path)})
    else:
        print(f"{res.event}: {res.added} added, {res.existing} already in the store, {len(res.failed)} failed ({db_path})", file=sys.stderr)


@app.command("import")
def corpus_import(
    source: Path = typer.Argument(..., help="A JSON Lines file (the shared corpus format), a folder of .txt/.md/.html files, or one such file."),
    event: str = typer.Option(..., "--event", help="The event the articles cover (letters, digits, . _ -)."),
    outlet: str | None = typer.Option(None, "--outlet", help="Outlet of every imported file (not for .jsonl, whose records name theirs)."),
    lean: str | None = typer.Option(None, "--lean", help="left, center or right for every imported file (not for .jsonl)."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Skip records, malformed JSON lines or files that cannot be read instead of stopping (each is reported, the count in the summary line)."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English text."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    lock_timeout: float = typer.Option(60.0, "--lock-timeout", help=LOCK_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print what was imported as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Import articles into the corpus store under an event. Re-importing the same texts adds nothing.

    Without --skip-bad the first bad record stops the import (exit code 2, nothing of it written); with it,
    bad records are reported and skipped, and the exit code is 3 when any was skipped (0 only when all went in).

    Example: framing corpus import ../shared/corpora/soleimani-2020/articles.jsonl --event soleimani-2020
    """
    from framing.corpus import (
        Store,  # lazy: heavy (the store imports the pipeline: spaCy, scikit-learn); keeps `framing --help` fast
    )
    if lean is not None and lean.lower() not in ("left", "center", "right"):
        raise InputError(f"--lean {lean!r} is not one of left, center, right")
    with Store(db, lock_timeout=lock_timeout) as store, Bar(quiet) as bar:
        res = store.import_path(source, event, outlet=outlet, lean=lean, skip_bad=skip_bad, check_language=not any_language, progress=bar)
    _report_import(res, as_json, store.path)
    _batch_exit(len(res.failed), res.added + res.existing + len(res.failed), "records")


@app.command("add")
def corpus_add(
    urls: list[str] | None = typer.Argument(None, help="Article URLs (http/https)."),
    event: str = typer.Option(..., "--event", help="The event the articles cover."),
    from_file: Path | None = typer.Option(None, "--from", help="Also read URLs from a file: one per line, or a manifest .jsonl (url, outlet_normalized, lean, date)."),
    outlet: str | None = typer.Option(None, "--outlet", help="Outlet of these articles (a manifest record's own outlet wins)."),
    lean: str | None = typer.Option(None, "--lean", help="left, center or right (a manifest record's own lean wins)."),
    workers: int = typer.Option(4, "--workers", min=1, max=16, help="Pages fetched at once."),
    timeout: float = typer.Option(15.0, "--timeout", help="Deadline in seconds for the whole download of each URL, redirects included (at most 300)."),
    allow_private_redirects: bool = typer.Option(False, "--allow-private-redirects", help="Follow redirects from a public page into loopback or private networks (for testing against a local server); link-local and cloud-metadata addresses are always refused."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English pages."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    lock_timeout: float = typer.Option(60.0, "--lock-timeout", help=LOCK_HELP),
    delay: float = typer.Option(1.0, "--delay", min=0.0, max=60.0, help="Seconds between two requests to the same site (politeness; other sites are fetched in parallel)."),
    as_json: bool = typer.Option(False, "--json", help="Print what was added as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Fetch articles from the web into the corpus store. A URL that fails is reported on one line and skipped.

    Exit code 0 when every URL was added (or already stored); 3 when some failed, with the count on the last line.

    Example: framing corpus add --from corpora/soleimani-2020/manifest.jsonl --event soleimani-2020
    """
    from framing.corpus import (  # lazy: heavy (the store imports the pipeline: spaCy, scikit-learn); keeps `framing --help` fast
        Store,
        read_url_list,
    )
    items: list = list(urls or [])
    if from_file is not None:
        items.extend(read_url_list(from_file))
    if not items:
        raise InputError("no URLs given; pass URLs as arguments or --from FILE (one URL per line, or a manifest .jsonl)")
    if lean is not None and lean.lower() not in ("left", "center", "right"):
        raise InputError(f"--lean {lean!r} is not one of left, center, right")
    with Store(db, lock_timeout=lock_timeout) as store, Bar(quiet) as bar:
        res = store.add_urls(
            items, event, outlet=outlet, lean=lean, workers=workers, timeout=timeout, check_language=not any_language, progress=bar,
            allow_private_redirects=allow_private_redirects, delay=delay,
        )
    _report_import(res, as_json, store.path)
    _batch_exit(len(res.failed), res.added + res.existing + len(res.failed), "URLs")


@app.command("list")
def corpus_list(
    event: str | None = typer.Option(None, "--event", help="List this event's articles (default: list the events)."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """List the events in the store, or one event's articles (outlet, lean, date, words, analyzed, title).

    Example: framing corpus list --event soleimani-2020
    """
    from framing.corpus import (  # lazy: heavy (the store imports the pipeline: spaCy, scikit-learn); keeps `framing --help` fast
        Store,
        default_path,
    )
    path = db if db is not None else default_path()
    if not Path(path).exists():
        if event is not None:
            raise CorpusError(f"no event {event!r}: there is no store at {path} yet; import articles with: framing corpus import FILE --event {event}")
        if as_json:
            print_json({"db": str(path), "events": []})
        else:
            print(f"no store at {path} yet; import articles with: framing corpus import FILE --event NAME", file=sys.stderr)
        return
    with Store(path, create=False) as store:
        if event is None:
            evs = store.events()
            if as_json:
                print_json({"db": str(store.path), "events": evs})
                return
            t = Table(title=Text(one_line(f"events in {store.path}"), style="table.title"))
            for col in ("event", "articles", "outlets", "analyzed"):
                t.add_column(col, justify="left" if col == "event" else "right")
            for e in evs:
                t.add_row(*(Text(one_line(str(v))) for v in (e["name"], e["articles"], e["outlets"], e["analyzed"])))
            Console().print(t)
            return
        rows = store.list_articles(event)
        if as_json:
            print_json({"db": str(store.path), "event": event, "articles": [r.to_dict() for r in rows]})
            return
        t = Table(title=Text(one_line(f"{event}: {len(rows)} articles"), style="table.title"))
        for col in ("id", "outlet", "lean", "date", "words", "analyzed", "title"):
            t.add_column(col, justify="right" if col in ("id", "words") else "left", overflow="fold")
        for r in rows:
            t.add_row(*(Text(one_line(str(v))) for v in (
                r.id, r.outlet or "", r.lean or "", r.published or "", r.words, "yes" if r.analyzed else "no", (r.title or "")[:80])))
        Console().print(t)


@app.command("export")
def corpus_export(
    event: str = typer.Option(..., "--event", help="The event whose analyses to export."),
    fmt: str = typer.Option("csv", "--format", help="csv, jsonl or parquet (parquet needs pyarrow: pip install 'framing-analyzer[tables]')."),
    out: Path = typer.Option(Path("."), "--out", help="Folder for the files (created if missing; its parent folder must exist)."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export an event's analyses as tables: EVENT.articles (one row per article, every measure a column),
    EVENT.findings (every evidence span with its offsets), EVENT.actors and EVENT.attributions.

    Only analyzed articles are exported (run `framing corpus analyze --event E` first); the count of the others is
    reported. Rows join on article_id.

    Example: framing corpus export --event soleimani-2020 --format csv --out tables/
    """
    from framing.corpus import (  # lazy: heavy (the store imports the pipeline: spaCy, scikit-learn); keeps `framing --help` fast
        Store,
        default_path,
    )
    from framing.report.output import check_output_folder, write_output  # lazy: heavy (framing.report)
    from framing.schema.tables import FORMATS, encode_table, rows_of_many  # lazy: with the store above

    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401  # lazy: optional (the tables extra); checked before any work
        except ImportError:
            raise InputError("Parquet export needs pyarrow: pip install 'framing-analyzer[tables]' (or use --format csv)") from None
    check_output_folder(out)  # before any work: a bad --out fails now, in one line
    path = db if db is not None else default_path()
    if not Path(path).exists():
        raise CorpusError(f"no event {event!r}: there is no store at {path} yet; import articles with: framing corpus import FILE --event {event}")
    with Store(path, create=False) as store:
        store._require_event(event)
        total = len(store.list_articles(event))
        analyses = store.analyses(event, compute_missing=False)
    if not analyses:
        raise CorpusError(f"no analyzed article in event {event!r} ({total} imported); run: framing corpus analyze --event {event}")
    tables = rows_of_many(analyses)
    for name, rows in tables.items():
        p = write_output(Path(out) / f"{event}.{name}{FORMATS[fmt]}", encode_table(rows, fmt))
        print(f"wrote {p} ({len(rows)} rows)", file=sys.stderr)
    if len(analyses) < total:
        print(f"framing: {total - len(analyses)} of {total} articles are not analyzed yet and were left out; "
              f"run: framing corpus analyze --event {event}", file=sys.stderr)


@app.command("analyze")
def corpus_analyze(
    event: str = typer.Option(..., "--event", help="The event whose articles to analyze."),
    workers: int = typer.Option(2, "--workers", min=1, max=32, help="Worker processes (one per core)."),
    force: bool = typer.Option(False, "--force", help="Recompute analyses that are already cached."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    lock_timeout: float = typer.Option(60.0, "--lock-timeout", help=LOCK_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Analyze every article of an event not yet analyzed by this version of framing; results are cached in the store.

    Exit code 0 when every article has its analysis; 3 when some failed, with the count on the last line.

    Example: framing corpus analyze --event soleimani-2020 --workers 2
    """
    from framing.corpus import (  # lazy: heavy (the store imports the pipeline: spaCy, scikit-learn); keeps `framing --help` fast
        Store,
        default_path,
    )
    path = db if db is not None else default_path()
    if not Path(path).exists():
        raise CorpusError(f"no event {event!r}: there is no store at {path} yet; import articles with: framing corpus import FILE --event {event}")
    with Store(path, create=False, lock_timeout=lock_timeout) as store, Bar(quiet) as bar:
        if not store.has_event(event):
            store._require_event(event)
        res = store.analyze_event(event, workers=workers, force=force, progress=bar)
    for label, err in res.failed:
        print(one_line(f"framing: analysis failed for {label}: {err}"), file=sys.stderr)
    if as_json:
        print_json(res.to_dict())
    else:
        print(
            f"{event}: {res.computed} analyzed now, {res.cached} from the cache, {len(res.failed)} failed "
            f"({res.seconds:.1f} s, {res.workers} worker{'s' if res.workers != 1 else ''})",
            file=sys.stderr,
        )
    _batch_exit(len(res.failed), res.total, "articles")
