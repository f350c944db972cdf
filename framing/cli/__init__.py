"""The command line: thin wrappers over the public API, one module per command group.

``read``, ``score``, ``compare``, ``demo``, ``info``, ``corpus``, ``evaluate`` and ``train``
each only parse options and call the library. JSON goes to stdout, logs to
stderr. Exit codes: 0 success; 1 internal error (``--debug`` shows the
traceback); 2 a user error, printed as one line on stderr; 3 a batch
(``corpus add``, ``corpus analyze``) where some items failed, with the count on
the last line; 130 interrupted (Ctrl-C), with one line. Log lines of
third-party libraries (trafilatura, urllib3, ...) are shown only with
``-v``/``--verbose`` or ``--debug``, so an error stays one line. Every
command's help ends with an example.
"""

from __future__ import annotations

import logging
import sys

import typer

from framing.cli import batch, compare, corpus, demo, evaluate, info, read, score, train
from framing.cli.common import state
from framing.errors import FramingError
from framing.safetext import one_line
from framing.version import __version__

__all__ = ["app", "main"]

EXIT_HELP = (
    "Exit codes: 0 success, 1 internal error, 2 bad input (one line on stderr), "
    "3 some items of a batch failed or were skipped (the count on the last line), 130 interrupted."
)

app = typer.Typer(
    name="framing",
    help="Show how a news article tells its story: loaded language, stance toward each actor, "
    "who is quoted and how, compared with other outlets' coverage.\n\n" + EXIT_HELP + "\n\n"
    "Example: framing score https://example.org/news/story.html",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("read")(read.read)
app.command("score")(score.score)
app.command("compare")(compare.compare)
app.command("demo")(demo.demo)
app.command("info")(info.info)
app.add_typer(train.app, name="train")
app.add_typer(evaluate.app, name="evaluate")
app.add_typer(corpus.app, name="corpus")
app.command("batch")(batch.batch)

log = logging.getLogger("framing")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"framing {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logs."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress to stderr."),
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    state["debug"] = debug
    level = logging.DEBUG if debug else (logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    quiet_third_party(verbose or debug)


def quiet_third_party(show: bool) -> None:
    """Drop third-party log records (trafilatura, urllib3, ...) unless ``show``: an error stays one line.

    A filter on the root handlers lets through the records of ``framing.*`` and
    every record at ERROR or above from no library at all; a library's own
    records (which may be ERROR: trafilatura logs pages it cannot parse) are
    dropped, framing reports the failure itself.
    """
    for handler in logging.getLogger().handlers:
        for f in [f for f in handler.filters if isinstance(f, _OwnRecords)]:
            handler.removeFilter(f)
        if not show:
            handler.addFilter(_OwnRecords())


class _OwnRecords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.name == "framing" or record.name.startswith("framing.") or record.name == "root"


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turn FramingErrors into one line and an exit code."""
    try:
        code = app(args=argv, standalone_mode=False)  # without standalone mode, Typer returns an Exit's code
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
        print(one_line(f"framing: internal error: {type(exc).__name__}: {exc} (run again with --debug for the traceback)"),
              file=sys.stderr)
        sys.exit(1)
    if isinstance(code, int) and not isinstance(code, bool) and code:
        if code == 130:  # Typer turns Ctrl-C into Exit(130), silently
            print("framing: interrupted", file=sys.stderr)
        sys.exit(code)
