"""Find an entity named by a string in a parsed article (for evaluation and for user-named entities).

:func:`locate` looks for the name as written (case-insensitive, whole words),
then without a leading determiner or a trailing possessive, then its last word
(the head of most noun phrases: "the Trump administration" -> "administration"
when the full phrase is absent) when that word is not a stop word; then, as a
last resort, any content word of the name (longest first) by its stem (the word
less up to three final letters: "alarmism" finds "alarmists") or, for a
misspelt name, a word of the text within a small edit distance ("Callifornia"
finds "California", :data:`FUZZY_CUTOFF`). Each hit
becomes a token range of the parse with its syntactic head. Returns None when
nothing is found: the caller counts such an entity as missed.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from framing.analyzers.roles.model import EntityMentions

__all__ = ["candidates", "locate"]

_DETERMINERS = ("the ", "a ", "an ", "this ", "these ", "those ", "that ", "its ", "their ", "our ")
_MIN_HEAD = 4
FUZZY_CUTOFF = 0.85


def candidates(name: str) -> list[str]:
    """The strings tried in order: the name, the name without determiner / possessive, its last word."""
    n = " ".join(name.split()).strip(" \"'“”‘’.,;:")
    out = [n]
    m = re.sub(r"['’]s?$", "", n)
    low = m.lower()
    for d in _DETERMINERS:
        if low.startswith(d):
            m = m[len(d):]
            break
    out.append(m)
    words = m.split()
    if len(words) > 1 and len(words[-1]) >= _MIN_HEAD:
        out.append(words[-1])
    seen: list[str] = []
    for c in out:
        if c and c not in seen:
            seen.append(c)
    return seen


def locate(doc: Any, name: str, *, stop_words: frozenset[str] = frozenset()) -> EntityMentions | None:
    """The mentions of ``name`` in ``doc`` (see the module docstring), or None when none is found."""
    text = doc.text
    for k, cand in enumerate(candidates(name)):
        if k > 0 and cand.lower() in stop_words:
            continue
        pat = re.compile(r"(?<!\w)" + re.escape(cand) + r"(?!\w)", re.IGNORECASE)
        ranges, heads = [], []
        for m in pat.finditer(text):
            sp = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sp is None or not len(sp):
                continue
            ranges.append((sp.start, sp.end))
            heads.append(sp.root.i)
        if ranges:
            return EntityMentions(tuple(ranges), tuple(heads))
    return _fallback(doc, name, stop_words)


def _fallback(doc: Any, name: str, stop_words: frozenset[str]) -> EntityMentions | None:
    """Content words of ``name``, longest first, matched by stem, then by close spelling, as single-token mentions."""
    words = sorted({w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", name) if len(w) >= _MIN_HEAD
                    and w.lower() not in stop_words}, key=lambda w: (-len(w), w))
    for w in words:
        stem = w.lower()[: max(_MIN_HEAD, len(w) - 3)]
        toks = [t for t in doc if t.lower_.startswith(stem)]
        if not toks:
            vocab = sorted({t.lower_ for t in doc if t.is_alpha})
            close = difflib.get_close_matches(w.lower(), vocab, n=1, cutoff=FUZZY_CUTOFF)
            toks = [t for t in doc if close and t.lower_ == close[0]]
        if toks:
            return EntityMentions(tuple((t.i, t.i + 1) for t in toks), tuple(t.i for t in toks))
    return None
