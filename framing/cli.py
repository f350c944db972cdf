"""The command line: thin wrappers over the public API.

JSON goes to stdout, logs to stderr. A user error prints one line on stderr
and exits with code 2; an internal error exits with 1; ``--debug`` shows the
traceback. Every command's help ends with an example.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .errors import FramingError

app = typer.Typer(
    name="framing",
    help="Show how a news article tells its story: loaded language, stance toward each actor, "
    "who is quoted and how, compared with other outlets' coverage.\n\nExample: framing score https://example.org/news/story.html",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
train_app = typer.Typer(help="Rebuild a shipped model from its training data.\n\nExample: framing train loaded", no_args_is_help=True)
evaluate_app = typer.Typer(help="Measure an analyzer on a labeled dataset.\n\nExample: framing evaluate loaded --data babe/dev.jsonl", no_args_is_help=True)
corpus_app = typer.Typer(help="The corpus store: import, add, list and analyze articles grouped by event.\n\nExample: framing corpus list", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(corpus_app, name="corpus")

_state = {"debug": False}
log = logging.getLogger("framing")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"framing {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logs."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress to stderr."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    _state["debug"] = debug
    level = logging.DEBUG if debug else (logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


# --------------------------------------------------------------------------- read


@app.command()
def read(
    source: str = typer.Argument(..., help="A URL (http/https), a file (.html, .htm, .txt, .md, .json) or - for stdin."),
    as_json: bool = typer.Option(False, "--json", help="Print the Article as JSON."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English text."),
    timeout: float = typer.Option(15.0, "--timeout", help="Connect and read timeout in seconds for URLs."),
) -> None:
    """Print the extracted article: title, outlet, date, byline, word count and opening paragraphs.

    Example: framing read https://example.org/news/story.html --json
    """
    from .ingest import load

    article = load(source, check_language=not any_language, timeout=timeout)
    if as_json:
        _print_json(article.to_dict())
        return
    from .report import terminal

    terminal.print_article(article)


# --------------------------------------------------------------------------- score


@app.command()
def score(
    source: str = typer.Argument(..., help="A URL, a file (.html, .htm, .txt, .md, .json) or - for stdin."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole Analysis as JSON."),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="Also write a PDF report to this path."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML report to this path."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English text."),
    timeout: float = typer.Option(15.0, "--timeout", help="Connect and read timeout in seconds for URLs."),
) -> None:
    """Score one article: loaded language, actors and stance, sources and attribution.

    Example: framing score https://example.org/news/story.html
    """
    import framing

    article = framing.load(source, check_language=not any_language, timeout=timeout)
    analysis = framing.analyze(article)
    if pdf or html:
        from . import report

        for fmt, path in (("html", html), ("pdf", pdf)):
            if path:
                report.render(analysis, fmt, path=path)
                print(f"wrote {path}", file=sys.stderr)
    if as_json:
        _print_json(analysis.to_dict())
        return
    from .report import terminal

    terminal.print_analysis(analysis)


# --------------------------------------------------------------------------- evaluate

_EVAL_TASKS = {"loaded": "BABE", "stance": "NewsMTSC", "attribution": "PolNeAR"}


def _evaluate(task: str, data: Path, as_json: bool) -> None:
    import importlib

    mod = importlib.import_module(f"framing.evaluate.{task}")
    result = mod.run(data)
    if as_json:
        _print_json(result)
    else:
        typer.echo(mod.describe(result))


@evaluate_app.command("loaded")
def evaluate_loaded(
    data: Path = typer.Option(..., "--data", help="A JSON Lines file in the BABE format (text, label)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Sentence-level loaded-language detection: precision, recall, macro-F1 beside three baselines.

    Example: framing evaluate loaded --data ../shared/datasets/babe/dev.jsonl --json
    """
    _evaluate("loaded", data, as_json)


@evaluate_app.command("stance")
def evaluate_stance(
    data: Path = typer.Option(..., "--data", help="A JSON Lines file in the NewsMTSC format."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Target-dependent sentiment: macro-F1 and accuracy beside a sentence-level VADER baseline.

    Example: framing evaluate stance --data ../shared/datasets/newsmtsc/dev.jsonl --json
    """
    _evaluate("stance", data, as_json)


@evaluate_app.command("attribution")
def evaluate_attribution(
    data: Path = typer.Option(..., "--data", help="A JSON Lines file in the PolNeAR format."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Attribution extraction: P/R/F1 of source, cue and content spans (exact and >= 50% overlap).

    Example: framing evaluate attribution --data ../shared/datasets/polnear/dev.jsonl --json
    """
    _evaluate("attribution", data, as_json)


# --------------------------------------------------------------------------- train


@train_app.command("loaded")
def train_loaded(
    data: Optional[Path] = typer.Option(None, "--data", help="BABE-format training data (default: ../shared/datasets/babe/dev.jsonl)."),
) -> None:
    """Rebuild the sentence loaded-language classifier and its model card in framing/models/.

    Example: framing train loaded --data ../shared/datasets/babe/dev.jsonl
    """
    from . import classifiers

    card = classifiers.train_loaded(data)
    _print_json(card)


@train_app.command("stance")
def train_stance(
    data: Optional[Path] = typer.Option(None, "--data", help="NewsMTSC-format training data (default: ../shared/datasets/newsmtsc/dev.jsonl)."),
) -> None:
    """Rebuild the target-dependent sentiment classifier and its model card in framing/models/.

    Example: framing train stance --data ../shared/datasets/newsmtsc/dev.jsonl
    """
    from . import target_sentiment

    card = target_sentiment.train(data)
    _print_json(card)


# --------------------------------------------------------------------------- corpus
# `framing corpus import|add|list|analyze`: thin wrappers over framing.corpus.Store.

_DB_HELP = "The corpus store file (default: $FRAMING_DB, else corpus.sqlite in the user data folder)."


def _store(db: Optional[Path]):
    from .corpus import Store

    return Store(db)


class _Bar:
    """A rich progress bar on stderr, drawn only when stderr is a terminal; a Progress callback for framing.corpus."""

    def __init__(self, quiet: bool = False):
        self.enabled = not quiet and sys.stderr.isatty()
        self._progress = None
        self._task = None

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=Console(stderr=True), transient=False,
            )
            self._progress.__enter__()
        return self

    def __call__(self, done: int, total: int, label: str) -> None:
        if self._progress is None:
            return
        if self._task is None or self._progress.tasks[self._task].description != label:
            self._task = self._progress.add_task(label, total=total)
        self._progress.update(self._task, completed=done, total=total)

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.__exit__(*exc)
        return False


def _report_import(res, as_json: bool, db_path) -> None:
    for source, err in res.failed:
        print(f"framing: skipped {source}: {err}", file=sys.stderr)
    if as_json:
        _print_json({**res.to_dict(), "db": str(db_path)})
    else:
        print(f"{res.event}: {res.added} added, {res.existing} already in the store, {len(res.failed)} failed ({db_path})", file=sys.stderr)


@corpus_app.command("import")
def corpus_import(
    source: Path = typer.Argument(..., help="A JSON Lines file (the shared corpus format), a folder of .txt/.md/.html files, or one such file."),
    event: str = typer.Option(..., "--event", help="The event the articles cover (letters, digits, . _ -)."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet of every imported file (not for .jsonl, whose records name theirs)."),
    lean: Optional[str] = typer.Option(None, "--lean", help="left, center or right for every imported file (not for .jsonl)."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Skip records or files that cannot be read instead of stopping (each is reported)."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English text."),
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print what was imported as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Import articles into the corpus store under an event. Re-importing the same texts adds nothing.

    Example: framing corpus import ../shared/corpora/soleimani-2020/articles.jsonl --event soleimani-2020
    """
    if lean is not None and lean.lower() not in ("left", "center", "right"):
        from .errors import InputError

        raise InputError(f"--lean {lean!r} is not one of left, center, right")
    with _store(db) as store, _Bar(quiet) as bar:
        res = store.import_path(source, event, outlet=outlet, lean=lean, skip_bad=skip_bad, check_language=not any_language, progress=bar)
    _report_import(res, as_json, store.path)


@corpus_app.command("add")
def corpus_add(
    urls: Optional[List[str]] = typer.Argument(None, help="Article URLs (http/https)."),
    event: str = typer.Option(..., "--event", help="The event the articles cover."),
    from_file: Optional[Path] = typer.Option(None, "--from", help="Also read URLs from a file: one per line, or a manifest .jsonl (url, outlet_normalized, lean, date)."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet of these articles (a manifest record's own outlet wins)."),
    lean: Optional[str] = typer.Option(None, "--lean", help="left, center or right (a manifest record's own lean wins)."),
    workers: int = typer.Option(4, "--workers", min=1, max=16, help="Pages fetched at once."),
    timeout: float = typer.Option(15.0, "--timeout", help="Connect and read timeout in seconds per URL."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English pages."),
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print what was added as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Fetch articles from the web into the corpus store. A URL that fails is reported on one line and skipped.

    Example: framing corpus add --from corpora/soleimani-2020/manifest.jsonl --event soleimani-2020
    """
    from .corpus import read_url_list
    from .errors import InputError

    items: list = list(urls or [])
    if from_file is not None:
        items.extend(read_url_list(from_file))
    if not items:
        raise InputError("no URLs given; pass URLs as arguments or --from FILE (one URL per line, or a manifest .jsonl)")
    if lean is not None and lean.lower() not in ("left", "center", "right"):
        raise InputError(f"--lean {lean!r} is not one of left, center, right")
    with _store(db) as store, _Bar(quiet) as bar:
        res = store.add_urls(
            items, event, outlet=outlet, lean=lean, workers=workers, timeout=timeout, check_language=not any_language, progress=bar
        )
    _report_import(res, as_json, store.path)


@corpus_app.command("list")
def corpus_list(
    event: Optional[str] = typer.Option(None, "--event", help="List this event's articles (default: list the events)."),
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """List the events in the store, or one event's articles (outlet, lean, date, words, analyzed, title).

    Example: framing corpus list --event soleimani-2020
    """
    from .corpus import Store, default_path

    path = db if db is not None else default_path()
    if not Path(path).exists():
        from .errors import CorpusError

        if event is not None:
            raise CorpusError(f"no event {event!r}: there is no store at {path} yet; import articles with: framing corpus import FILE --event {event}")
        if as_json:
            _print_json({"db": str(path), "events": []})
        else:
            print(f"no store at {path} yet; import articles with: framing corpus import FILE --event NAME", file=sys.stderr)
        return
    with Store(path, create=False) as store:
        if event is None:
            evs = store.events()
            if as_json:
                _print_json({"db": str(store.path), "events": evs})
                return
            from rich.console import Console
            from rich.table import Table

            t = Table(title=f"events in {store.path}")
            for col in ("event", "articles", "outlets", "analyzed"):
                t.add_column(col, justify="left" if col == "event" else "right")
            for e in evs:
                t.add_row(e["name"], str(e["articles"]), str(e["outlets"]), str(e["analyzed"]))
            Console().print(t)
            return
        rows = store.list_articles(event)
        if as_json:
            _print_json({"db": str(store.path), "event": event, "articles": [r.to_dict() for r in rows]})
            return
        from rich.console import Console
        from rich.table import Table

        t = Table(title=f"{event}: {len(rows)} articles")
        for col in ("id", "outlet", "lean", "date", "words", "analyzed", "title"):
            t.add_column(col, justify="right" if col in ("id", "words") else "left", overflow="fold")
        for r in rows:
            t.add_row(
                str(r.id), r.outlet or "", r.lean or "", r.published or "", str(r.words), "yes" if r.analyzed else "no", (r.title or "")[:80]
            )
        Console().print(t)


@corpus_app.command("analyze")
def corpus_analyze(
    event: str = typer.Option(..., "--event", help="The event whose articles to analyze."),
    workers: int = typer.Option(2, "--workers", min=1, max=32, help="Worker processes (one per core)."),
    force: bool = typer.Option(False, "--force", help="Recompute analyses that are already cached."),
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Analyze every article of an event not yet analyzed by this version of framing; results are cached in the store.

    Example: framing corpus analyze --event soleimani-2020 --workers 2
    """
    from .corpus import Store, default_path

    path = db if db is not None else default_path()
    if not Path(path).exists():
        from .errors import CorpusError

        raise CorpusError(f"no event {event!r}: there is no store at {path} yet; import articles with: framing corpus import FILE --event {event}")
    with Store(path, create=False) as store, _Bar(quiet) as bar:
        if not store.has_event(event):
            store._require_event(event)
        res = store.analyze_event(event, workers=workers, force=force, progress=bar)
    for label, err in res.failed:
        print(f"framing: analysis failed for {label}: {err}", file=sys.stderr)
    if as_json:
        _print_json(res.to_dict())
    else:
        print(
            f"{event}: {res.computed} analyzed now, {res.cached} from the cache, {len(res.failed)} failed "
            f"({res.seconds:.1f} s, {res.workers} worker{'s' if res.workers != 1 else ''})",
            file=sys.stderr,
        )
    if res.failed:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- compare
# (`framing compare` and `framing demo` are defined here by the comparison work)


# --------------------------------------------------------------------------- main


def main(argv: Optional[List[str]] = None) -> None:
    """Console entry point: run the app, turn FramingErrors into one line and an exit code."""
    try:
        app(args=argv, standalone_mode=False)
    except FramingError as exc:
        if _state["debug"]:
            raise
        print(f"framing: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        print("framing: interrupted", file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:
        # Typer's (vendored) click usage errors carry their own message and exit code.
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        if _state["debug"]:
            raise
        print(f"framing: internal error: {type(exc).__name__}: {exc} (run again with --debug for the traceback)", file=sys.stderr)
        sys.exit(1)
