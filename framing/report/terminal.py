"""Terminal views (rich) of an Article and an Analysis."""

from __future__ import annotations

from rich.console import Console


def _console() -> Console:
    return Console()


def print_article(article, console: Console | None = None) -> None:
    """Title, outlet, date, byline, word count and the opening paragraphs."""
    c = console or _console()
    c.print(f"[bold]{article.title or '(untitled)'}[/bold]")
    for label, value in (("outlet", article.outlet), ("published", article.published), ("byline", article.byline), ("url", article.url)):
        if value:
            c.print(f"{label}: {value}")
    c.print(f"words: {article.word_count}")
    c.print()
    paras = [p for p in article.body.split("\n") if p.strip()]
    for p in paras[:4]:
        c.print(p, highlight=False)
        c.print()


def print_analysis(analysis, console: Console | None = None) -> None:
    c = console or _console()
    print_article(analysis.article, c)
