"""Spans -> ``<mark>`` elements: the ONE place where findings become highlighted HTML.

Every finding in framing is a half-open character range into ``Article.text``.
:func:`highlight` renders a text (or a slice of it) as HTML paragraphs with one
``<mark>`` per finding, escaping everything, and keeping each mark checkable:

* ``data-start`` / ``data-end`` are the finding's offsets in ``Article.text``;
* ``data-id`` identifies the finding (``m0``, ``m1`` ...);
* the text inside a mark is exactly ``text[data-start:data-end]`` — unless the
  mark had to be cut into pieces, in which case every piece carries
  ``data-part-start`` / ``data-part-end`` and holds exactly that slice, and the
  pieces of one finding cover its range except the line breaks between paragraphs.

Findings nest (a loaded word inside a quote inside a claim): a mark that lies
wholly inside another is rendered as a nested element. Findings that cross
(one starts inside another and ends after it) cannot nest in HTML; the later
one is cut at the crossing point and reopened — that is the only reason a mark
is split, apart from paragraph breaks (a mark cannot contain a ``<p>``).

Known limits: a finding whose offsets fall outside the text, or that is empty,
is dropped (and logged); the caller's :func:`framing.schema.validate` is the
place that reports such a finding as an error.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markupsafe import Markup, escape

log = logging.getLogger(__name__)

RULES: dict[str, str] = {}  # the highlighter emits no findings of its own

_PARA_SEP = re.compile(r"\n+")


@dataclass(frozen=True)
class Mark:
    """One finding to highlight.

    ``kind`` selects the style (``loaded``, ``quote``, ``anonymous``, ``vague``,
    ``claim`` ...); ``code`` is the short tag shown after the mark (a legend
    key such as ``S1`` or ``P``); ``title`` is the tooltip; ``attrs`` are extra
    ``data-*`` attributes (name without the ``data-`` prefix).
    """

    start: int
    end: int
    kind: str
    code: str = ""
    title: str = ""
    attrs: tuple[tuple[str, str], ...] = field(default=())


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraph ranges ``(s, e)`` of ``text[start:end]``: runs of characters between line breaks."""
    end = len(text) if end is None else end
    out = []
    pos = start
    for m in _PARA_SEP.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


def _open_tag(mid: str, mk: Mark, ps: int, pe: int, *, split: bool) -> str:
    attrs = [
        ("class", f"hl hl-{mk.kind}"),
        ("data-id", mid),
        ("data-kind", mk.kind),
        ("data-start", str(mk.start)),
        ("data-end", str(mk.end)),
    ]
    if split:
        attrs += [("data-part-start", str(ps)), ("data-part-end", str(pe))]
    if mk.code and pe == mk.end:  # the tag is shown once, after the last piece
        attrs.append(("data-code", mk.code))
    attrs += [(f"data-{k}", v) for k, v in mk.attrs]
    if mk.title:
        attrs.append(("title", mk.title))
    return "<mark " + " ".join(f'{k}="{escape(v)}"' for k, v in attrs) + ">"


def highlight(
    text: str,
    marks: Iterable[Mark],
    *,
    start: int = 0,
    end: int | None = None,
    para_class: Sequence[tuple[int, str]] = (),
    id_prefix: str = "m",
) -> Markup:
    """Render ``text[start:end]`` as ``<p>`` paragraphs with ``marks`` highlighted.

    ``para_class`` gives ``(offset, css_class)`` pairs: the paragraph that
    contains ``offset`` gets the class (used for the headline). Marks outside
    ``[start, end)`` are left out; marks partly inside are clipped to it (their
    ``data-start``/``data-end`` still give the full finding, the piece carries
    ``data-part-*``). ``id_prefix`` keeps ``data-id`` unique when one page
    holds several highlighted texts.
    """
    end = len(text) if end is None else min(end, len(text))
    good: list[Mark] = []
    for mk in marks:
        if not (isinstance(mk.start, int) and isinstance(mk.end, int)) or not (0 <= mk.start < mk.end <= len(text)):
            log.warning("highlight: dropped mark %r outside the text (length %d)", mk, len(text))
            continue
        if mk.end <= start or mk.start >= end:
            continue
        good.append(mk)
    good.sort(key=lambda mk: (mk.start, -mk.end))
    paras = paragraphs(text, start, end)
    classes: dict[tuple[int, int], str] = {}
    for off, cls in para_class:
        for ps, pe in paras:
            if ps <= off < pe:
                classes[(ps, pe)] = cls
    # 1. tokens: ("p", cls) / ("/p",) / ("open", i, pos) / ("close", pos) / ("text", a, b)
    tokens: list[tuple] = []
    for ps, pe in paras:
        pts = {ps, pe}
        live = [i for i, mk in enumerate(good) if mk.start < pe and mk.end > ps]
        for i in live:
            pts.update(p for p in (good[i].start, good[i].end) if ps < p < pe)
        pts_sorted = sorted(pts)
        tokens.append(("p", classes.get((ps, pe), "")))
        stack: list[int] = []
        for a, b in itertools.pairwise(pts_sorted):
            active = {i for i in live if good[i].start <= a and good[i].end >= b}
            keep = 0
            while keep < len(stack) and stack[keep] in active:
                keep += 1
            for _ in range(len(stack) - keep):
                tokens.append(("close", a))
            del stack[keep:]
            for i in sorted(active - set(stack)):  # `good` is sorted outer-first
                tokens.append(("open", i, a))
                stack.append(i)
            tokens.append(("text", a, b))
        for _ in stack:
            tokens.append(("close", pe))
        tokens.append(("/p",))
    # 2. match opens with closes to learn where each piece ends
    piece_end: dict[int, int] = {}
    open_stack: list[int] = []  # token indices of open tags
    for t, tok in enumerate(tokens):
        if tok[0] == "open":
            open_stack.append(t)
        elif tok[0] == "close":
            piece_end[open_stack.pop()] = tok[1]
    # 3. emit
    out: list[str] = []
    for t, tok in enumerate(tokens):
        kind = tok[0]
        if kind == "p":
            out.append(f'<p class="{escape(tok[1])}">' if tok[1] else "<p>")
        elif kind == "/p":
            out.append("</p>")
        elif kind == "text":
            out.append(str(escape(text[tok[1] : tok[2]])))
        elif kind == "close":
            out.append("</mark>")
        else:
            i, ps = tok[1], tok[2]
            mk, pe = good[i], piece_end[t]
            out.append(_open_tag(f"{id_prefix}{i}", mk, ps, pe, split=(ps, pe) != (mk.start, mk.end)))
    return Markup("".join(out))


def marked_pieces(html: str) -> list[dict]:
    """Parse ``<mark>`` elements back out of HTML made by :func:`highlight`.

    Returns one dict per mark element: its attributes plus ``text`` (the
    unescaped text inside it, nested marks included). Used by the tests and
    by anyone who wants to check a report against its analysis.
    """
    class _P(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[dict] = []
            self.done: list[dict] = []
            self.depth: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag == "mark":
                d = dict(attrs)
                d["text"] = ""
                self.stack.append(d)

        def handle_endtag(self, tag):
            if tag == "mark" and self.stack:
                self.done.append(self.stack.pop())

        def handle_data(self, data):
            for d in self.stack:
                d["text"] += data

    p = _P()
    p.feed(str(html))
    p.close()
    return p.done
