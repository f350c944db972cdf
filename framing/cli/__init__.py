"""The command line: thin wrappers over the public API, one module per command group.

``read``, ``score``, ``compare``, ``demo``, ``corpus``, ``evaluate`` and ``train``
each only parse options and call the library. JSON goes to stdout, logs to
stderr. A user error prints one line on stderr and exits with code 2; an
internal error exits with 1; ``--debug`` shows the traceback. Every command's
help ends with an example.
"""

from __future__ import annotations

import logging
import sys

import typer

from framing.cli import compare, corpus, demo, evaluate, read, score, train
from framing.cli.common import state
from framing.errors import FramingError
from framing.version import __version__

__all__ = ["app", "main"]

app = typer.Typer(
    name="framing",
    help="Show how a news article tells its story: loaded language, stance toward each actor, "
    "who is quoted and how, compared with other outlets' coverage.\n\nExample: framing score https://example.org/news/story.html",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("read")(read.read)
app.command("score")(score.score)
app.command("compare")(compare.compare)
app.command("demo")(demo.demo)
app.add_typer(train.app, name="train")
app.add_typer(evaluate.app, name="evaluate")
app.add_typer(corpus.app, name="corpus")

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
    state["debug"] = debug
    level = logging.DEBUG if debug else (logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turn FramingErrors into one line and an exit code."""
    try:
        app(args=argv, standalone_mode=False)
    except FramingError as exc:
        if state["debug"]:
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
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            sys.exit(code)
        if state["debug"]:
            raise
        print(f"framing: internal error: {type(exc).__name__}: {exc} (run again with --debug for the traceback)", file=sys.stderr)
        sys.exit(1)
