"""Quotation marks: the spans inside them, and the one test of whether a span lies inside them.

:func:`find_quotes` finds the text between matched double quotation marks
(curly, straight, guillemets, low-high); :func:`in_quotes` is the one place that
decides whether a span lies inside one of those spans (quotation marks
themselves excluded). Single quotes are not matched here (apostrophes make them
unreliable); the attribution analyzer handles the two-apostrophe convention.
"""

from __future__ import annotations

from collections.abc import Iterable

from framing.schema import Span

# Opening and closing quotation marks (straight marks close themselves).
OPEN_QUOTES = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u201e": "\u201d"}


def in_quotes(span: Span, quotes: Iterable[Span]) -> bool:
    """True when ``span`` lies wholly inside one of ``quotes`` (``q.start <= span.start`` and ``span.end <= q.end``).

    ``quotes`` are spans of quoted text such as :func:`find_quotes` returns
    (marks excluded), in any order. A span that straddles a quotation mark, or
    that touches two quotes without lying inside one, is not inside quotes.
    """
    return any(q.start <= span.start and span.end <= q.end for q in quotes)


def find_quotes(text: str) -> tuple[Span, ...]:
    """Spans inside matched quotation marks (curly, straight, guillemets).

    A straight double quote opens when it follows whitespace or an opening
    bracket and closes otherwise. Unclosed quotes that run past the end of a
    paragraph are closed at the paragraph's end only when the next paragraph
    opens a quote again (the newspaper convention for multi-paragraph quotes);
    otherwise they are dropped. Single quotes are ignored (apostrophes make them
    unreliable); the attribution analyzer handles them where needed.
    """
    out: list[Span] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPEN_QUOTES and (ch != '"' or i == 0 or not text[i - 1].isalnum()):
            close = OPEN_QUOTES[ch]
            j = text.find(close, i + 1)
            if ch == "\u201c":
                # curly quotes: stop at a second opening mark before the close (a multi-paragraph quote)
                k = text.find("\u201c", i + 1)
                if k != -1 and (j == -1 or k < j):
                    para_end = text.find("\n", i + 1)
                    if para_end != -1 and para_end < k:
                        out.append(Span(i + 1, para_end))
                        i = k
                        continue
            if j == -1:
                i += 1
                continue
            out.append(Span(i + 1, j))
            i = j + 1
            continue
        i += 1
    return tuple(out)
