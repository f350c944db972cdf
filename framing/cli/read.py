"""``framing read``: the extracted article."""

from __future__ import annotations

import typer

import framing
from framing.cli.common import print_json


def read(
    source: str = typer.Argument(..., metavar="SOURCE", help="A URL (http/https), a file (.html, .htm, .txt, .md, .json) or - for stdin."),
    as_json: bool = typer.Option(False, "--json", help="Print the Article as JSON."),
    any_language: bool = typer.Option(False, "--any-language", help="Do not refuse non-English text."),
    timeout: float = typer.Option(15.0, "--timeout", help="Deadline in seconds for the whole download of a URL, redirects included (at most 300)."),
    allow_private_redirects: bool = typer.Option(False, "--allow-private-redirects", help="Follow redirects from a public page into loopback or private networks (for testing against a local server); link-local and cloud-metadata addresses are always refused."),
) -> None:
    """Print the extracted article: title, outlet, date, byline, word count and opening paragraphs.

    Example: framing read https://example.org/news/story.html --json
    """
    article = framing.read(source, check_language=not any_language, timeout=timeout,
                           allow_private_redirects=allow_private_redirects)
    if as_json:
        print_json(article.to_dict())
        return
    from framing.report.render import (
        terminal,  # lazy: heavy (matplotlib, jinja2 through framing.report)
    )

    terminal.print_article(article)
