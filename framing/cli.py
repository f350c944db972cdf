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

from framing import __version__
from framing.errors import FramingError

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
    source: str = typer.Argument(..., metavar="SOURCE", help="A URL (http/https), a file (.html, .htm, .txt, .md, .json) or - for stdin."),
    as_json: bool = typer.Option(False, "--json", help="Print the Article as JSON."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English text."),
    timeout: float = typer.Option(15.0, "--timeout", help="Connect and read timeout in seconds for URLs."),
) -> None:
    """Print the extracted article: title, outlet, date, byline, word count and opening paragraphs.

    Example: framing read https://example.org/news/story.html --json
    """
    from framing.ingest import load

    article = load(source, check_language=not any_language, timeout=timeout)
    if as_json:
        _print_json(article.to_dict())
        return
    from framing.report import terminal

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
        from framing import report

        for fmt, path in (("html", html), ("pdf", pdf)):
            if path:
                report.render(analysis, fmt, path=path)
                print(f"wrote {path}", file=sys.stderr)
    if as_json:
        _print_json(analysis.to_dict())
        return
    from framing.report import terminal

    terminal.print_analysis(analysis)


# --------------------------------------------------------------------------- evaluate

_EVAL_TASKS = {"loaded": "BABE", "stance": "NewsMTSC", "attribution": "PolNeAR"}


def _evaluate(task: str, data: Path, as_json: bool, **kw) -> None:
    import importlib

    mod = importlib.import_module(f"framing.evaluate.{task}")
    result = mod.run(data, **kw)
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
    split: Optional[str] = typer.Option(None, "--split", help="Keep rows whose official_split is this (e.g. dev)."),
    rules_only: bool = typer.Option(False, "--rules-only", help="Score the rules without the trained span model."),
) -> None:
    """Attribution extraction: P/R/F1 of source, cue and content spans (exact and >= 50% overlap).

    Articles the span model was trained on are recognised and scored apart
    (key in_training); the headline figures cover the articles it has not seen.

    Example: framing evaluate attribution --data ../shared/datasets/polnear/dev.jsonl --json
    """
    _evaluate("attribution", data, as_json, split=split, use_model=not rules_only)


# --------------------------------------------------------------------------- train


@train_app.command("loaded")
def train_loaded(
    data: Optional[Path] = typer.Option(None, "--data", help="BABE-format training data (default: ../shared/datasets/babe/dev.jsonl)."),
) -> None:
    """Rebuild the sentence loaded-language classifier and its model card in framing/models/.

    Example: framing train loaded --data ../shared/datasets/babe/dev.jsonl
    """
    from framing import classifiers

    card = classifiers.train_loaded(data)
    _print_json(card)


@train_app.command("stance")
def train_stance(
    data: Optional[Path] = typer.Option(None, "--data", help="NewsMTSC-format training data (default: ../shared/datasets/newsmtsc/dev.jsonl)."),
) -> None:
    """Rebuild the target-dependent sentiment classifier and its model card in framing/models/.

    Example: framing train stance --data ../shared/datasets/newsmtsc/dev.jsonl
    """
    from framing import target_sentiment

    card = target_sentiment.train(data)
    _print_json(card)


@train_app.command("attribution")
def train_attribution(
    data: Optional[Path] = typer.Option(None, "--data", help="PolNeAR-format data (default: ../shared/datasets/polnear/dev.jsonl)."),
) -> None:
    """Rebuild the attribution span model (cue and content classifiers) and its model card in framing/models/.

    Fits on the rows of the official train compartment, chooses the threshold by
    3-fold cross-validation grouped by article, and scores the official dev
    compartment with the rules alone and with the model (about 5 minutes).

    Example: framing train attribution --data ../shared/datasets/polnear/dev.jsonl
    """
    from framing import attribution_model

    card = attribution_model.train(data, log=lambda m: typer.echo(m, err=True))
    _print_json(card)


# --------------------------------------------------------------------------- corpus
# `framing corpus import|add|list|analyze`: thin wrappers over framing.corpus.Store.

_DB_HELP = "The corpus store file (default: $FRAMING_DB, else corpus.sqlite in the user data folder)."


def _store(db: Optional[Path]):
    from framing.corpus import Store

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
        from framing.errors import InputError

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
    from framing.corpus import read_url_list
    from framing.errors import InputError

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
    from framing.corpus import Store, default_path

    path = db if db is not None else default_path()
    if not Path(path).exists():
        from framing.errors import CorpusError

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
    from framing.corpus import Store, default_path

    path = db if db is not None else default_path()
    if not Path(path).exists():
        from framing.errors import CorpusError

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
# `framing compare` and `framing demo`: thin wrappers over framing.compare.compare and framing.report.render.

EXAMPLE_EVENT = "example"


def _analyze_sources(sources: List[str], store, event: Optional[str], *, any_language: bool, timeout: float) -> list:
    """Load and analyze each source (through the store's cache when there is a store)."""
    import framing

    out = []
    for src in sources:
        article = framing.load(src, check_language=not any_language, timeout=timeout)
        out.append(store.get_or_analyze(article, event=event) if store is not None else framing.analyze(article))
    return out


def _write_reports(comparison, html: Optional[Path], pdf: Optional[Path], *, required: bool = True) -> list[Path]:
    """Render the HTML/PDF reports asked for; without framing.report.render, fail (``required``) or say so and skip."""
    if not (html or pdf):
        return []
    from framing import report

    if not hasattr(report, "render"):
        if required:
            from framing.errors import FramingError

            raise FramingError("HTML/PDF reports are not available in this build (framing.report.render is missing); use --json")
        print("framing: HTML/PDF reports are not available in this build (framing.report.render is missing); wrote JSON only", file=sys.stderr)
        return []
    written = []
    for fmt, path in (("html", html), ("pdf", pdf)):
        if path:
            written.append(Path(report.render(comparison, fmt, path=path)))
            print(f"wrote {written[-1]}", file=sys.stderr)
    return written


def _f(v, pct: bool = False) -> str:
    if v is None:
        return "–"
    if pct:
        return f"{100 * v:.0f}%"
    return f"{v:.2f}" if isinstance(v, float) else str(v)


def _print_comparison(c) -> None:
    """A terminal summary of a Comparison (rich)."""
    from rich.console import Console
    from rich.table import Table

    con = Console()
    d = c.to_dict()
    t = d["target"]
    leans = {}
    for p in d["peers"]:
        leans[p["lean"] or "unknown"] = leans.get(p["lean"] or "unknown", 0) + 1
    con.rule(f"[bold]{t['title'] or '(untitled)'}[/bold]")
    con.print(
        f"{t['outlet'] or 'unknown outlet'} · {t['word_count']} words · compared with {len(d['peers'])} peers "
        f"({', '.join(f'{n} {k}' for k, n in sorted(leans.items()))}); similarity to their centroid {t['similarity']:.2f}"
    )
    if d["set_aside"]:
        con.print(f"set aside as off-story: " + "; ".join(f"{p['outlet']} ({p['similarity']:.2f})" for p in d["set_aside"][:8]))

    tab = Table(title="Where the target stands", show_lines=False)
    for col in ("measure", "target", "peers' median", "IQR", "percentile", "by lean (median)"):
        tab.add_column(col)
    for key, m in d["measures"].items():
        pct = key.endswith("share")
        pe = m["peers"]
        iqr = f"{_f(pe['q1'], pct)}–{_f(pe['q3'], pct)}" if pe["n"] else "–"
        lean = ", ".join(f"{k} {_f(v['median'], pct)}" for k, v in m["by_lean"].items())
        tab.add_row(m["label"], _f(m["target"], pct), _f(pe["median"], pct), iqr, _f(m["percentile"]), lean)
    con.print(tab)

    dt = d["distinctive_terms"]
    con.print("[bold]Words the target uses more[/bold] (Fightin' Words z): " + ", ".join(f"{r['term']} ({r['z']:.1f})" for r in dt["target"][:15]))
    con.print("[bold]Words the peers use more[/bold]: " + ", ".join(f"{r['term']} ({r['z']:.1f})" for r in dt["peers"][:15]))

    if d["naming"]:
        tab = Table(title="Naming choices")
        tab.add_column("referent")
        tab.add_column("target")
        tab.add_column("peers (all mentions)")
        for n in d["naming"]:
            if not n["target"]["counts"]:
                continue
            tab.add_row(n["referent"], ", ".join(f"{k} {v}" for k, v in n["target"]["counts"].items()),
                        ", ".join(f"{k} {v}" for k, v in list(n["peers_total"].items())[:6]))
        con.print(tab)

    rows = [r for r in d["stance_matrix"]["rows"] if "target" in r["cells"]][:12]
    if rows:
        tab = Table(title="Stance toward actors (author's voice, -1..1)")
        for col in ("actor", "target", "labels in target", "peers' median", "peers"):
            tab.add_column(col)
        for r in rows:
            cell = r["cells"]["target"]
            tab.add_row(r["actor"], _f(cell["stance"]), ", ".join(cell["labels"][:4]), _f(r["peers_median"]), str(r["n_peers"]))
        con.print(tab)

    src = d["sources"]
    if src["target_only"]:
        con.print("[bold]Voices only the target quotes[/bold]: " + ", ".join(str(v["voice"]) for v in src["target_only"][:10]))
    if src["target_omits"]:
        con.print("[bold]Voices the peers quote and the target does not[/bold]: "
                  + ", ".join(f"{v['voice']} ({v['n_peers']})" for v in src["target_omits"][:10]))

    cl = d["claims"]
    for kind, title in (("contradicted", "Claims peers contradict"), ("uncorroborated", "Claims no peer corroborates"), ("omitted", "Facts peers report that the target leaves out")):
        items = cl[kind]
        if not items:
            continue
        con.print(f"[bold]{title}[/bold] ({len(items)})")
        for x in items[:5]:
            where = f"[{x['start']}:{x['end']}]" if kind != "omitted" else f"{x['outlet']} and {x['n_peers'] - 1} more"
            con.print(f"  • {x['quote'][:160]}  [dim]{where}[/dim]")
            for e in x["peer_evidence"][:2]:
                con.print(f"      [dim]{e['relation']}: {e['outlet']}: {e['quote'][:120]}[/dim]")


@app.command()
def compare(
    target: str = typer.Argument(..., help="The article to compare: a URL, a file (.html, .txt, .md, .json) or - for stdin."),
    peers: Optional[List[str]] = typer.Argument(None, help="Other outlets' coverage: URLs or files (besides or instead of --event)."),
    event: Optional[str] = typer.Option(None, "--event", help="Compare with every article of this event in the corpus store."),
    db: Optional[Path] = typer.Option(None, "--db", help="The corpus store file (default: $FRAMING_DB, else corpus.sqlite in the user data folder)."),
    as_json: bool = typer.Option(False, "--json", help="Print {\"comparison\": ...} as JSON."),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="Also write a PDF report to this path."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML report to this path."),
    min_similarity: float = typer.Option(0.05, "--min-similarity", min=0.0, max=1.0, help="Set aside peers whose TF-IDF cosine to the others' centroid is below this."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English text."),
    timeout: float = typer.Option(15.0, "--timeout", help="Connect and read timeout in seconds for URLs."),
) -> None:
    """Compare an article with other outlets' coverage of the same event: measures, word choice, naming, stance, sources, claims.

    Example: framing compare ../shared/seed/soleimani-cgpi.txt --event soleimani-2020
    """
    from framing.compare import compare as _compare
    from framing.errors import InputError

    peers = list(peers or [])
    if not peers and not event:
        raise InputError("framing compare needs peers: give PEER sources after TARGET, or --event NAME for an event in the corpus store")
    store = None
    if event or db is not None:
        from framing.corpus import Store, default_path

        path = db if db is not None else default_path()
        store = Store(path, create=not event)
        if event:
            store._require_event(event)
    try:
        (target_analysis,) = _analyze_sources([target], store, event, any_language=any_language, timeout=timeout)
        peer_analyses = _analyze_sources(peers, store, event, any_language=any_language, timeout=timeout)
        if event:
            if store.missing(event):
                print(f"framing: analyzing the articles of {event} not analyzed yet", file=sys.stderr)
                with _Bar() as bar:
                    res = store.analyze_event(event, workers=2, progress=bar)
                for label, err in res.failed:
                    print(f"framing: skipped {label}: its analysis failed: {err}", file=sys.stderr)
            peer_analyses += store.analyses(event, compute_missing=False)
    finally:
        if store is not None:
            store.close()
    comparison = _compare(target_analysis, peer_analyses, min_similarity=min_similarity)
    _write_reports(comparison, html, pdf)
    if as_json:
        _print_json({"comparison": comparison.to_dict()})
        return
    _print_comparison(comparison)


@app.command()
def demo(
    out: Path = typer.Option(Path("reports"), "--out", help="Folder for the reports (created if missing)."),
    db: Optional[Path] = typer.Option(None, "--db", help="The corpus store file (default: $FRAMING_DB, else corpus.sqlite in the user data folder)."),
    workers: int = typer.Option(2, "--workers", min=1, max=32, help="Worker processes for the analysis."),
    no_pdf: bool = typer.Option(False, "--no-pdf", help="Write the HTML and JSON only (PDF rendering takes a few seconds)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no terminal summary."),
) -> None:
    """Run the whole comparison on the bundled example corpus (a constructed event) and write HTML, PDF and JSON reports.

    Imports corpora/example/articles.jsonl into the store as event 'example', analyzes it, compares the
    designated target (the partisan opinion piece) with the six other articles, and prints where the reports are.

    Example: framing demo --out reports/
    """
    import importlib.resources

    from framing.compare import compare as _compare
    from framing.corpus import Store, default_path
    from framing.errors import DataError

    folder = importlib.resources.files("framing.corpora") / EXAMPLE_EVENT
    jsonl, key = folder / "articles.jsonl", folder / "key.json"
    if not jsonl.is_file() or not key.is_file():
        raise DataError("the bundled example corpus (framing.corpora/example/articles.jsonl, key.json) is missing; reinstall framing")
    target_id = json.loads(key.read_text(encoding="utf-8"))["target"]
    path = db if db is not None else default_path()
    with importlib.resources.as_file(jsonl) as jpath, Store(path) as store:
        store.import_jsonl(jpath, EXAMPLE_EVENT)
        with _Bar(quiet) as bar:
            res = store.analyze_event(EXAMPLE_EVENT, workers=workers, progress=bar)
        for label, err in res.failed:
            print(f"framing: analysis failed for {label}: {err}", file=sys.stderr)
        analyses = store.analyses(EXAMPLE_EVENT)
    target = next((a for a in analyses if a.article.get("record_id") == target_id), None)
    if target is None:
        raise DataError(f"the example corpus has no article {target_id!r} (named as target in key.json)")
    peers = [a for a in analyses if a is not target]
    comparison = _compare(target, peers)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / "example-comparison"
    json_path = stem.with_suffix(".json")
    json_path.write_text(json.dumps({"comparison": comparison.to_dict()}, ensure_ascii=False, indent=2), encoding="utf-8")
    written = [json_path, *_write_reports(comparison, stem.with_suffix(".html"), None if no_pdf else stem.with_suffix(".pdf"), required=False)]
    if not quiet:
        _print_comparison(comparison)
    print(f"store: {path}", file=sys.stderr)
    for w in written:
        print(f"wrote {w}")


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
