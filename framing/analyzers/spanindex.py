"""Index structures over character spans, so that per-sentence queries stay logarithmic.

An article of many short paragraphs has thousands of sentences, quotations and
mentions; a pass that compares each sentence with every quotation is quadratic
in the length of the article (an algorithmic denial of service: issue 22). These
helpers answer the same questions as the plain scans, exactly, in O(log n) (plus
the size of the answer):

* :class:`Coverage` — for a fixed set of spans (overlaps allowed): the *sum* of
  the characters each span shares with a query span (what
  ``sum(overlap(q, a) for a in spans)`` computes), and whether any one span
  contains the query span (``any(a.contains(q) for a in spans)``);
* :class:`Overlaps` — a growing set of keyed spans and the keys of those that
  share at least one character with a query span.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from framing.schema import Span

__all__ = ["Coverage", "Overlaps"]


class Coverage:
    """A fixed multiset of spans, for overlap sums and containment (both exact, both O(log n))."""

    def __init__(self, spans: Iterable[Span]) -> None:
        spans = list(spans)
        # depth(x) = number of spans covering character x; integral[i] = characters counted up to points[i]
        deltas: dict[int, int] = {}
        for s in spans:
            if s.end > s.start:
                deltas[s.start] = deltas.get(s.start, 0) + 1
                deltas[s.end] = deltas.get(s.end, 0) - 1
        self._points = sorted(deltas)
        self._integral: list[int] = []
        self._depth: list[int] = []
        total = depth = 0
        prev = None
        for p in self._points:
            if prev is not None:
                total += depth * (p - prev)
            depth += deltas[p]
            self._integral.append(total)
            self._depth.append(depth)
            prev = p
        # containment: spans sorted by start, with the running maximum of their ends
        ordered = sorted(spans, key=lambda s: s.start)
        self._starts = [s.start for s in ordered]
        self._max_end = list(itertools.accumulate((s.end for s in ordered), max))

    def _upto(self, x: int) -> int:
        """Sum over the spans of the characters they cover before ``x``."""
        i = bisect.bisect_right(self._points, x) - 1
        if i < 0:
            return 0
        return self._integral[i] + self._depth[i] * (x - self._points[i])

    def overlap_sum(self, span: Span) -> int:
        """``sum(overlap(span, a) for a in spans)``."""
        if span.end <= span.start:
            return 0
        return self._upto(span.end) - self._upto(span.start)

    def contains(self, span: Span) -> bool:
        """``any(a.contains(span) for a in spans)``: some span starts at or before it and ends at or after it."""
        i = bisect.bisect_right(self._starts, span.start) - 1
        return i >= 0 and self._max_end[i] >= span.end


class Overlaps:
    """Keyed spans added one at a time; :meth:`keys_overlapping` finds those sharing a character with a query.

    Spans are kept sorted by start; a query looks back by the longest span
    added so far, so it costs O(log n) plus the spans in that window.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._items: list[tuple[int, int, int, Any]] = []
        self._longest = 0
        self._seq = itertools.count()

    def add(self, span: Span, key: Any) -> None:
        if span.end <= span.start:
            return  # an empty span overlaps nothing
        i = bisect.bisect_right(self._starts, span.start)
        self._starts.insert(i, span.start)
        self._items.insert(i, (span.start, span.end, next(self._seq), key))
        self._longest = max(self._longest, span.end - span.start)

    def keys_overlapping(self, span: Span) -> Iterator[Any]:
        """Keys of the added spans ``a`` with ``overlap(span, a) > 0`` (a key may repeat)."""
        if span.end <= span.start:
            return
        i = bisect.bisect_left(self._starts, span.start - self._longest)
        for j in range(i, len(self._items)):  # an index walk: a slice would copy the tail
            start, end, _, key = self._items[j]
            if start >= span.end:
                break
            if end > span.start:
                yield key
