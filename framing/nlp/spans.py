"""Trimming spans: whitespace and edge punctuation off a character span or a token range.

* :func:`trim` — a character span of a text, trimmed of whitespace, commas,
  semicolons, colons, periods and dashes at both ends; quotation marks are kept
  (the span of a quotation shows its marks) unless ``quotes=True``; ``chars``
  replaces the whole set;
* :func:`trim_tokens` — a token range ``[i, j)`` of a Doc, trimmed of space and
  punctuation tokens and of chosen words at either edge (a determiner on the
  left, a possessive mark on the right: "the *Iranian government*'s").

Both are pure functions of their input; offsets stay offsets into the same text.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from framing.schema import Span

#: quotation marks :func:`trim` removes only with ``quotes=True``
QUOTE_CHARS = "\"\u201c\u201d\u00ab\u00bb\u201e"
#: whitespace and edge punctuation :func:`trim` removes (unless ``chars`` replaces the set)
TRIM_CHARS = " \n\t,;:.\u2014\u2013-"


def trim(text: str, start: int, end: int, *, quotes: bool = False, chars: str | None = None) -> Span | None:
    """``[start, end)`` of ``text`` without leading/trailing :data:`TRIM_CHARS` (and :data:`QUOTE_CHARS` when ``quotes``).

    ``chars``, when given, is the whole set of characters to strip instead
    (``quotes`` is then ignored): the attribution evaluation also strips
    brackets and apostrophes before comparing spans. Returns None when nothing is left.
    """
    if chars is None:
        chars = TRIM_CHARS + QUOTE_CHARS if quotes else TRIM_CHARS
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    if end <= start:
        return None
    return Span(start, end)


def trim_tokens(doc: Any, i: int, j: int, *, left: Collection[str] = (), right: Collection[str] = ()) -> tuple[int, int]:
    """The token range ``[i, j)`` of ``doc`` without space and punctuation tokens at its edges.

    ``left`` lists lower-cased words also dropped at the start (e.g. determiners),
    ``right`` exact token texts also dropped at the end (e.g. possessive marks
    ``'s``, ``’``). The result may be empty (``i == j``).
    """
    while i < j and (doc[i].is_space or doc[i].is_punct or doc[i].lower_ in left):
        i += 1
    while j > i and (doc[j - 1].is_space or doc[j - 1].is_punct or doc[j - 1].text in right):
        j -= 1
    return i, j
