"""Quotation marks: the spans inside them, and the one test of whether a span lies inside them.

:func:`find_quotes` finds the text between matched double quotation marks
(curly, straight, guillemets, low-high); :func:`in_quotes` is the one place that
decides whether a span lies inside one of those spans (quotation marks
themselves excluded). Single quotes are not matched here (apostrophes make them
unreliable); the attribution analyzer handles the two-apostrophe convention.
"""

from __future__ import annotations

import re
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
    """Spans inside matched double quotation marks (curly, straight, guillemets), paragraph by paragraph.

    Marks are paired within a paragraph (a line), so a missing mark can never
    make several paragraphs one quotation. Inside an open quotation any double
    mark closes it, whatever its shape (a straight/curly mismatch, or a closing
    mark typed as an opening one: '“... conflict. ”And'); outside, a mark
    opens when it is an opening mark, or a straight or closing-shaped mark at the
    paragraph start or after a non-word character and before a non-space ('”When
    you see ...'). A mark after a digit is an inch or seconds mark. An opening mark
    after whitespace inside an open straight or curly quotation, with no close in
    between, means the first one was never closed: it is dropped and the new one
    opens. A quotation still open at the paragraph's end is closed there only when
    the next paragraph opens a quotation again (the newspaper convention for a
    quote running over several paragraphs); otherwise it is dropped (a stray mark
    must not put the author's sentences in someone's mouth). Single quotes are
    ignored (apostrophes make them unreliable), except a pair of curly or straight
    single quotes around words in the first line (headline convention: 'Rand Paul
    rips \'insulting\' briefing').
    """
    out: list[Span] = []
    lines = _lines(text)
    for k, (ls, le) in enumerate(lines):
        open_at: int | None = None
        for i in range(ls, le):
            ch = text[i]
            if ch not in _DOUBLE:
                continue
            prev = text[i - 1] if i > ls else " "
            nxt = text[i + 1] if i + 1 < le else " "
            opening = ch in _OPENERS or (not prev.isalnum() and not nxt.isspace() and prev not in _DOUBLE)
            if prev.isdigit() and ch == '"':
                continue  # 3" wide: an inch mark
            if open_at is None:
                if opening and not (ch in _CLOSERS and nxt.isspace()):
                    open_at = i
            elif ch in _OPENERS and prev.isspace() and not nxt.isspace() and i - open_at > 1:
                open_at = i  # the previous one was never closed: drop it, this one opens
            elif ch == '"' and prev.isspace() and not nxt.isspace() and nxt not in ".,;:!?" and i - open_at > 1:
                open_at = i
            else:
                if i > open_at + 1:
                    out.append(Span(open_at + 1, i))
                open_at = None
        if open_at is not None and open_at + 1 < le and k + 1 < len(lines) and _reopens(text, lines[k + 1]):
            out.append(Span(open_at + 1, le))
    if lines:
        out.extend(_headline_singles(text, *lines[0]))
    return tuple(sorted(out, key=lambda q: q.start))


_DOUBLE = frozenset('"\u201c\u201d\u00ab\u00bb\u201e')
_OPENERS = frozenset("\u201c\u00ab\u201e")
_CLOSERS = frozenset('"\u201d\u00bb')
_SINGLE = re.compile(r"(?:(?<=\s)|^)['\u2018](\w[^'\u2018\u2019\n]{0,80}?[\w.!?])['\u2019](?=[\s,.;:!?)]|$)")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _reopens(text: str, line: tuple[int, int]) -> bool:
    first = text[line[0]:line[1]].lstrip()[:1]
    return first in _DOUBLE


def _headline_singles(text: str, start: int, end: int) -> list[Span]:
    """Words between single quotation marks in the first line (headlines quote with single marks)."""
    return [Span(start + m.start(1), start + m.end(1)) for m in _SINGLE.finditer(text[start:end])]
