"""Loaded-language rules: lexicon matching over the parse, the adjective-phrase extension, negation.

Matching (see :class:`framing.resources.lexicons.TermMatcher`)
    Lemma-aware, multi-word, whole tokens only, leftmost-longest, never across
    a sentence boundary. Loaded terms (``lexicons/loaded_terms.tsv``) win over
    the device lexicons (intensifiers, absolutes, hedges) on the same tokens.
    A matched adjective (``amod``) that modifies the noun right after it is
    reported with that noun ("cowardly killings", rule
    ``rule:loaded_language.adjective_phrase``) and its alternative drops or
    replaces the adjective, unless that noun is itself a loaded term.

Negation (:func:`framing.nlp.syntax.preceded_by_negator`)
    A term preceded within :data:`NEGATION_WINDOW` tokens of its sentence by a
    negator of :data:`NEGATORS` -- "he is not a terrorist" -- is marked
    negated. "not only", "not just" and "not merely" are not negations.

Pure functions of the parse; the lexicons are the shipped, validated TSV files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from framing.nlp import Parsed
from framing.nlp.syntax import preceded_by_negator
from framing.resources import lexicons

LOADED = "loaded_terms"
DEVICE_LEXICONS = {"intensifiers": "intensifier", "absolutes": "absolute", "hedges": "hedge"}
#: Device lexicons whose hits are reported as spans (hedges only feed the sentence classifier).
REPORTED_DEVICES = ("intensifiers", "absolutes")
#: Every lexicon the analyzer reads.
LEXICONS = (LOADED, *DEVICE_LEXICONS)
NEGATORS = frozenset({"not", "n't", "no", "never", "neither", "nor", "hardly", "without", "nt"})
NEGATION_WINDOW = 3


@dataclass(frozen=True, slots=True)
class LexHit:
    """A lexicon hit in ``Article.text`` offsets."""

    start: int
    end: int
    lexicon: str
    category: str
    strength: float
    direction: str
    term: str
    alternative: str
    negated: bool
    head_end: int  # end of the term itself (before any adjective-phrase extension)
    extended: bool = False



_LOWER_OF_HASH: dict[int, str] = {}


def _token_lists(doc) -> tuple[list[str], list[str], list[int], list[int]]:
    """Lower-case forms, lower-case lemmas, start and end offsets of every token (one array export, no Token objects)."""
    if len(doc) == 0:
        return [], [], [], []
    arr = doc.to_array(["LOWER", "LEMMA", "IDX", "LENGTH"])
    strings = doc.vocab.strings
    cache = _LOWER_OF_HASH
    lower = []
    lemma = []
    for h_low, h_lem in arr[:, :2].tolist():
        w = cache.get(h_low)
        if w is None:
            w = cache[h_low] = strings[h_low].lower()
        lower.append(w)
        w = cache.get(h_lem)
        if w is None:
            w = cache[h_lem] = strings[h_lem].lower()
        lemma.append(w)
        if len(cache) > 500_000:  # pragma: no cover - bound the cache in very long runs
            cache.clear()
    starts = arr[:, 2].tolist()
    ends = (arr[:, 2] + arr[:, 3]).tolist()
    return lower, lemma, starts, ends


def _alternative_for(entry, extended_text: str | None, head_text: str | None) -> str:
    alt = entry.get("alternative", "") or ""
    if extended_text is None:
        return alt
    # an adjective + its noun: drop the adjective, or replace it with a plain one
    if not alt or alt.startswith("("):
        return head_text or alt
    first = alt.split(" / ")[0].strip()
    return f"{first} {head_text}" if head_text else alt


def doc_hits(parsed: Parsed, lists: Any = None) -> list[LexHit]:
    """All lexicon hits of the article (every lexicon of :data:`DEVICE_LEXICONS` and the loaded terms)."""
    doc = parsed.doc
    lower, lemma, starts, ends = lists or _token_lists(doc)
    text = parsed.text
    out: list[LexHit] = []
    # token ranges of sentences, so that no match crosses a sentence boundary
    sent_ranges = [(s.start, s.end) for s in doc.sents]
    loaded_m = lexicons.matcher(LOADED)
    dev_m = {name: lexicons.matcher(name) for name in DEVICE_LEXICONS}
    for s0, s1 in sent_ranges:
        taken: set[int] = set()
        for m in loaded_m.match_lists(lower, lemma, s0, s1):
            e = m.entry
            neg = preceded_by_negator(lower, m.start, s0, negators=NEGATORS, window=NEGATION_WINDOW)
            start, end = starts[m.start], ends[m.end - 1]
            ext_text = head_text = None
            extended = False
            if m.end - m.start == 1:
                tok = doc[m.start]
                head = tok.head
                modifies_next_noun = (tok.pos_ == "ADJ" and tok.dep_ == "amod" and head.i == m.end
                                      and head.pos_ in ("NOUN", "PROPN") and head.i < s1)
                # ... unless that noun is itself a loaded term (it is then its own span)
                if modifies_next_noun and not any(
                        x.start <= head.i < x.end for x in loaded_m.match_lists(lower, lemma, head.i, head.i + 1)):
                    end = ends[head.i]
                    ext_text = text[start:end]
                    head_text = head.text
                    extended = True
            out.append(LexHit(start, end, LOADED, e["category"], float(e["strength"]), e["direction"], e["term"],
                              _alternative_for(e, ext_text, head_text), neg, ends[m.end - 1], extended))
            taken.update(range(m.start, m.end))
        for name, cat in DEVICE_LEXICONS.items():
            for m in dev_m[name].match_lists(lower, lemma, s0, s1):
                if any(i in taken for i in range(m.start, m.end)):
                    continue
                e = m.entry
                out.append(LexHit(starts[m.start], ends[m.end - 1], name, cat, float(e["strength"]), "neutral", e["term"],
                                  "", False, ends[m.end - 1]))
    out.sort(key=lambda h: (h.start, h.end))
    return out


def hits_in(parsed: Parsed, start: int, end: int) -> list[LexHit]:
    """Lexicon hits inside ``[start, end)`` of ``parsed.text`` (offsets stay article offsets)."""
    return [h for h in doc_hits(parsed) if start <= h.start and h.end <= end]
