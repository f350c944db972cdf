"""``framing score``: analyse one article; the terminal view, JSON, HTML and PDF reports."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

import framing
from framing.cli.common import print_json


def score(
    source: str = typer.Argument(..., help="A URL, a file (.html, .htm, .txt, .md, .json) or - for stdin."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole Analysis as JSON."),
    pdf: Path | None = typer.Option(None, "--pdf", help="Also write a PDF report to this path."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML report to this path."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English text."),
    timeout: float = typer.Option(15.0, "--timeout", help="Deadline in seconds for the whole download of a URL, redirects included (at most 300)."),
    allow_private_redirects: bool = typer.Option(False, "--allow-private-redirects", help="Follow redirects from a public page into loopback or private networks (for testing against a local server); link-local and cloud-metadata addresses are always refused."),
) -> None:
    """Score one article: loaded language, actors and stance, sources and attribution.

    Example: framing score https://example.org/news/story.html
    """
    if pdf or html:
        from framing.report.output import check_output_path  # lazy: heavy (framing.report: matplotlib, jinja2)

        for out in (p for p in (html, pdf) if p):
            check_output_path(out)  # before any work: a bad path fails now, in one line
    if pdf:
        from framing.report.render.pdf import check_pdf_support  # lazy: heavy (weasyprint)

        check_pdf_support()  # WeasyPrint or Pango missing: one line naming it and the install command, before work
    article = framing.read(source, check_language=not any_language, timeout=timeout,
                           allow_private_redirects=allow_private_redirects)
    analysis = framing.analyze(article)
    if pdf or html:
        for fmt, path in (("html", html), ("pdf", pdf)):
            if path:
                framing.render_report(analysis, fmt, path=path)
                print(f"wrote {path}", file=sys.stderr)
    if as_json:
        print_json(analysis.to_dict())
        return
    from framing.report.render import (
        terminal,  # lazy: heavy (matplotlib, jinja2 through framing.report)
    )

    terminal.print_analysis(analysis)
