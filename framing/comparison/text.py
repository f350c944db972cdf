"""Text helpers shared by the comparison's measure families: word tokens, name keys, fallback sentences.

Word tokens are regular-expression word forms, not a second parse: the
comparison only needs comparable surface forms across articles. Sentences come
from the parse the analysis carries (see :meth:`framing.comparison.docs.Doc.sentences`);
:func:`split_sentences` is only the fallback for analyses that carry none.
"""

from __future__ import annotations

import functools
import re

from framing.schema.sections.attribution import name_key

norm_name = functools.lru_cache(maxsize=1 << 17)(name_key)  # memoised: called once per capitalised word of every peer

__all__ = ["content_terms", "norm_name", "norm_token", "split_sentences", "stopwords", "tokens"]

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,6}s?$")
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(]?[A-Z0-9])")
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "sen", "rep", "gov", "st", "jr", "sr", "vs", "maj", "adm", "prof", "inc", "co"}


@functools.cache
def stopwords() -> frozenset[str]:
    """scikit-learn's ENGLISH_STOP_WORDS (318 words)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # lazy: heavy (scikit-learn)

    return frozenset(ENGLISH_STOP_WORDS)


@functools.lru_cache(maxsize=1 << 18)
def norm_token(tok: str) -> str:
    """Lowercase a token; acronyms keep capitals without dots (U.S. -> US); drop possessive 's."""
    if _ACRONYM.match(tok):
        t = tok.replace(".", "")
        return t[:-1] if len(t) > 2 and t.endswith("s") and t[:-1].isupper() else t
    t = tok.lower().replace("’", "'")
    if t.endswith("'s"):
        t = t[:-2]
    return t.strip("'-")


@functools.lru_cache(maxsize=1 << 18)
def _term(raw: str, content_only: bool) -> str:
    """The token's term, or "" when it is dropped (a number, an empty form, a stop word or a one-letter word)."""
    if raw[0].isdigit():
        return ""
    term = norm_token(raw)
    if not term:
        return ""
    if content_only and (term in stopwords() or len(term) < 2) and not term.isupper():
        return ""
    return term


_MEMO_MAX = 1 << 19
_TERMS: dict[bool, dict[str, str]] = {True: {}, False: {}}  # raw word form -> term ("" when dropped), per content_only


def _terms_memo(content_only: bool) -> dict[str, str]:
    memo = _TERMS[content_only]
    if len(memo) > _MEMO_MAX:  # a bound for long-lived processes: word forms are few, but not finite
        memo.clear()
    return memo


def tokens(text: str, *, content_only: bool = True) -> list[tuple[str, int, int]]:
    """``(term, start, end)`` for each word token of ``text``; stop words dropped when ``content_only``.

    Numbers are dropped (they are compared separately in claims). Acronyms in
    capitals are never stop words (US the country is not "us"). Each distinct
    word form is normalised once per process (memoised).
    """
    memo = _terms_memo(content_only)
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        term = memo.get(raw)
        if term is None:
            term = memo[raw] = _term(raw, content_only)
        if term:
            out.append((term, m.start(), m.end()))
    return out


def content_terms(text: str) -> list[str]:
    """The terms of :func:`tokens` (``content_only``) without their offsets: one ``findall`` and a memo look-up per word."""
    memo = _terms_memo(True)
    out = []
    for raw in _TOKEN.findall(text):
        term = memo.get(raw)
        if term is None:
            term = memo[raw] = _term(raw, True)
        if term:
            out.append(term)
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Fallback sentence spans by regex, for analyses that carry no parsed sentences.

    Splits at line breaks and after ``.``, ``!`` or ``?`` (with closing quotes)
    followed by a space, except after a single capital letter (``U.S.``) or a
    short title abbreviation (``Gen.``, ``Mr.``). Every analysis made by
    :func:`framing.analyze` carries the parser's sentences (the
    ``loaded_language`` section), and those are used instead.
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        ls, seg = line.start(), line.group()
        start = 0
        for m in _BOUNDARY.finditer(seg):
            before = seg[start : m.start() + 1]
            last = re.search(r"([A-Za-z]+)\.$", before.rstrip("\"”’')]!?"))
            if last and (len(last.group(1)) == 1 or last.group(1).lower() in ABBREVIATIONS):
                continue
            spans.append((ls + start, ls + m.end()))
            start = m.end()
        spans.append((ls + start, ls + len(seg)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s > 1:
            out.append((s, e))
    return out
