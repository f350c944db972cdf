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
# (commands for `framing corpus ...` are defined here by the corpus work)


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
