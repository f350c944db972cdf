"""``framing score``: analyse one article or a batch; the terminal view, JSON, JSON Lines, HTML and PDF reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

import framing
from framing.cli.common import Bar, loading, print_json
from framing.errors import FramingError, InputError
from framing.safetext import one_line

BATCH_FAILED = 3  # as in `framing corpus`: some items of a batch failed (the count on the last line)
MAX_SOURCES = 10_000


def read_source_list(path: Path) -> list[str]:
    """Sources from ``-i FILE``: one URL or path per line; blank lines and ``#`` comments skipped; ``-`` for stdin."""
    try:
        if str(path) == "-":
            text = sys.stdin.read()
        else:
            if not path.is_file():
                raise InputError(f"{path}: no such file (-i takes a text file with one URL or path per line)")
            if path.stat().st_size > 10_000_000:
                raise InputError(f"{path} is larger than 10 MB; -i takes a list of URLs or paths, one per line")
            text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; -i takes a text file with one URL or path per line") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    out = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if len(out) > MAX_SOURCES:
        raise InputError(f"{path} lists {len(out)} sources; at most {MAX_SOURCES} a run (split the list)")
    return out


def score(
    sources: list[str] | None = typer.Argument(None, help="URLs or files (.html, .htm, .txt, .md, .json), or - for stdin."),
    input_file: Path | None = typer.Option(None, "--input-file", "-i", help="Also score the URLs or paths listed in this file, one per line (# comments skipped; - reads the list from stdin)."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole Analysis as JSON (several sources: one JSON object a line)."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Print one Analysis a line (JSON Lines), for one source or many."),
    pdf: Path | None = typer.Option(None, "--pdf", help="Also write a PDF report to this path (one source only)."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML report to this path (one source only)."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English text."),
    timeout: float = typer.Option(15.0, "--timeout", help="Deadline in seconds for the whole download of a URL, redirects included (at most 300)."),
    allow_private_redirects: bool = typer.Option(False, "--allow-private-redirects", help="Follow redirects from a public page into loopback or private networks (for testing against a local server); link-local and cloud-metadata addresses are always refused."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar for a batch."),
) -> None:
    """Score articles: loaded language, actors and stance, sources and attribution.

    With several sources (arguments and/or -i FILE) each is scored in turn with a progress bar on stderr; a source
    that fails is reported in one line and skipped, and the exit code is 3 when any failed (the count on the last
    line). --json or --jsonl then print one Analysis a line (JSON Lines).

    Example: framing score https://example.org/news/story.html
    Example: framing score -i urls.txt --jsonl > analyses.jsonl
    """
    items = list(sources or [])
    if input_file is not None:
        items += read_source_list(input_file)
    if not items:
        raise InputError("no source given; pass a URL or a file (or - for stdin), or -i FILE with one per line")
    if len(items) > 1 and (pdf or html):
        raise InputError("--pdf and --html write the report of one article; give one source, or use --jsonl for a batch")
    if pdf or html:
        from framing.report.output import check_output_path  # lazy: heavy (framing.report: matplotlib, jinja2)

        for out in (p for p in (html, pdf) if p):
            check_output_path(out)  # before any work: a bad path fails now, in one line
    if pdf:
        from framing.report.render.pdf import check_pdf_support  # lazy: heavy (weasyprint)

        check_pdf_support()  # WeasyPrint or Pango missing: one line naming it and the install command, before work
    options = {"check_language": not any_language, "timeout": timeout, "allow_private_redirects": allow_private_redirects}
    if len(items) == 1 and not jsonl:
        _score_one(items[0], options, as_json=as_json, pdf=pdf, html=html)
        return
    _score_many(items, options, lines=as_json or jsonl, quiet=quiet)


def _warm_up() -> None:
    """Load what every analysis needs (spaCy pipeline, lexicons, models) now, inside :func:`loading`."""
    from framing import engine  # lazy: heavy (spaCy, the pipeline), only once a source was read

    engine.warm_up()


def _score_one(source: str, options: dict, *, as_json: bool, pdf: Path | None, html: Path | None) -> None:
    with loading():
        article = framing.read(source, **options)  # a bad source fails here, before the pipeline is loaded
        _warm_up()
    analysis = framing.analyze(article)
    for fmt, path in (("html", html), ("pdf", pdf)):
        if path:
            framing.render_report(analysis, fmt, path=path)
            print(f"wrote {path}", file=sys.stderr)
    if as_json:
        print_json(analysis.to_dict())
        return
    _print_analysis(analysis)


def _print_analysis(analysis: Any) -> None:
    from framing.report.render import (
        terminal,  # lazy: heavy (matplotlib, jinja2 through framing.report)
    )

    terminal.print_analysis(analysis)


def _score_many(items: list[str], options: dict, *, lines: bool, quiet: bool) -> None:
    failed = 0
    with loading():
        _warm_up()
    with Bar(quiet) as bar:
        for n, source in enumerate(items):
            bar(n, len(items), "scoring")
            try:
                analysis = framing.analyze(framing.read(source, **options))
            except FramingError as exc:
                failed += 1
                print(one_line(f"framing: skipped {source}: {exc}"), file=sys.stderr)
                continue
            if lines:
                sys.stdout.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                _print_analysis(analysis)
        bar(len(items), len(items), "scoring")
    if failed:
        print(f"framing: error: {failed} of {len(items)} sources failed (each is reported above); exit code {BATCH_FAILED}",
              file=sys.stderr)
        raise typer.Exit(BATCH_FAILED)
