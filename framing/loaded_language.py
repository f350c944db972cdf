"""Loaded language: which words do the persuading, whose words they are, and how loaded each sentence reads.

What it measures
    * **Spans** -- every occurrence of a term of ``lexicons/loaded_terms.tsv``
      (pejorative and glorifying labels, dysphemisms and euphemisms, violent
      metaphors, emotive verdicts, belittling speech verbs, accusations,
      distancing markers), plus intensifiers (``intensifiers.tsv``) and
      absolutes (``absolutes.tsv``). Each span has its category, ``direction``
      (negative / positive / neutral toward its target), ``weight`` = the
      lexicon strength in (0, 1], the neutral ``alternative``, ``voice``
      (``author`` or ``quoted``) and ``negated``.
    * **Sentences** -- a probability in [0, 1] that the sentence is biased by
      word choice (:mod:`framing.classifiers`, trained on BABE), with the
      evidence (n-gram, lexicon and sentiment contributions to the log-odds)
      mapped back to character spans.
    * **Article** -- loaded terms per 1,000 words (all, author's voice per
      1,000 author words, quoted per 1,000 quoted words), the share of
      sentences scoring >= 0.5, and the top devices (categories by count).

Matching (see :class:`framing.lexicon.TermMatcher`)
    Lemma-aware, multi-word, whole tokens only, leftmost-longest. A matched
    adjective that modifies the noun right after it is reported with that noun
    ("cowardly killings") and the alternative drops or replaces the adjective.

Negation
    A term preceded within three tokens of its sentence by a negator (not,
    n't, no, never, neither, nor, hardly, without) -- "he is not a terrorist"
    -- is reported with ``negated: true`` and its ``weight`` kept as the
    lexicon strength, but it is **not counted** in the per-1,000 rates or the
    top devices: denying a label still repeats it (Lakoff 2004), so the span
    is shown, but it is not the author applying the label. "not only" and
    "not just" are not negations.

Voice
    ``quoted`` when the span lies inside quotation marks (``parsed.quotes``) or
    inside attributed speech content passed as ``quoted`` by the attribution
    analyzer; otherwise ``author``.

Rule ids (:data:`RULES`)
    ``lexicon:<name>@<version>`` for lexicon hits, ``model:loaded@<sha8>`` for
    classifier evidence, ``rule:loaded_language.*`` for derived findings.

Known limits
    A lexicon cannot see irony or a literal use of a metaphor ("the floods
    crushed the houses"); strengths are editorial judgements documented in the
    TSV header; the classifier was trained on US domestic news (BABE).

Literature: Recasens et al. 2013 (bias lexicons), Spinde et al. 2021 (BABE),
Da San Martino et al. 2019 (loaded language and name calling as propaganda
techniques), Hutto & Gilbert 2014 (VADER), Lakoff 2004 (negating a frame
evokes it).
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Sequence

from framing import lexicon
from framing.schema import Evidence, Span

log = logging.getLogger(__name__)

LOADED = "loaded_terms"
DEVICE_LEXICONS = {"intensifiers": "intensifier", "absolutes": "absolute", "hedges": "hedge"}
#: Device lexicons whose hits are reported as spans (hedges only feed the sentence classifier).
REPORTED_DEVICES = ("intensifiers", "absolutes")
NEGATORS = frozenset({"not", "n't", "no", "never", "neither", "nor", "hardly", "without", "nt"})
NEGATION_WINDOW = 3
THRESHOLD = 0.5


def _build_rules() -> dict[str, str]:
    rules = {
        "rule:loaded_language.adjective_phrase": "a loaded adjective reported together with the noun it modifies",
        "rule:loaded_language.negated": "a loaded term under negation: shown, not counted in the rates",
    }
    for name, what in (
        (LOADED, "a loaded term from lexicons/loaded_terms.tsv (label, dysphemism, euphemism, metaphor, emotive word...)"),
        ("intensifiers", "an intensifier from lexicons/intensifiers.tsv (amplifies the word it modifies)"),
        ("absolutes", "an absolute or appeal to consensus from lexicons/absolutes.tsv (whole world, always, everyone knows)"),
        ("hedges", "a hedge from lexicons/hedges.tsv (softens commitment)"),
    ):
        try:
            rules[lexicon.load(name).rule] = what
        except Exception:  # pragma: no cover - a broken lexicon is reported by load() at analysis time
            pass
    from framing.classifiers import loaded_rule

    rules[loaded_rule()] = "sentence classifier contribution (coef * x to the log-odds), mapped to the words that carry it"
    return rules


RULES: dict[str, str] = _build_rules()


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


@dataclass(frozen=True, slots=True)
class LoadedSpan:
    span: Span
    quote: str
    category: str
    rule: str
    weight: float
    voice: str
    alternative: str
    direction: str
    negated: bool
    sentence: int
    term: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.span.start,
            "end": self.span.end,
            "quote": self.quote,
            "category": self.category,
            "rule": self.rule,
            "weight": self.weight,
            "voice": self.voice,
            "alternative": self.alternative,
            "direction": self.direction,
            "negated": self.negated,
            "sentence": self.sentence,
            "term": self.term,
        }


@dataclass(frozen=True, slots=True)
class SentenceScore:
    span: Span
    score: float
    voice: str
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.span.start, "end": self.span.end, "score": self.score, "voice": self.voice,
                "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True)
class LoadedLanguage:
    """The loaded-language section of an analysis (see the module docstring for every figure)."""

    per_1000_words: float
    per_1000_words_author: float
    per_1000_words_quoted: float
    share_sentences_loaded: float
    top_devices: tuple[dict[str, Any], ...]
    spans: tuple[LoadedSpan, ...]
    sentences: tuple[SentenceScore, ...]
    words: int = 0
    words_quoted: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "per_1000_words": self.per_1000_words,
            "per_1000_words_author": self.per_1000_words_author,
            "per_1000_words_quoted": self.per_1000_words_quoted,
            "share_sentences_loaded": self.share_sentences_loaded,
            "words": self.words,
            "words_quoted": self.words_quoted,
            "counts": dict(self.counts),
            "top_devices": [dict(d) for d in self.top_devices],
            "spans": [s.to_dict() for s in self.spans],
            "sentences": [s.to_dict() for s in self.sentences],
        }


# --------------------------------------------------------------------------- matching


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


def _doc_hits(parsed, lists=None) -> list[LexHit]:
    """All lexicon hits of the article (every lexicon of :data:`DEVICE_LEXICONS` and the loaded terms)."""
    doc = parsed.doc
    lower, lemma, starts, ends = lists or _token_lists(doc)
    text = parsed.text
    out: list[LexHit] = []
    # token ranges of sentences, so that no match crosses a sentence boundary
    sent_ranges = [(s.start, s.end) for s in doc.sents]
    loaded_m = lexicon.matcher(LOADED)
    dev_m = {name: lexicon.matcher(name) for name in DEVICE_LEXICONS}
    for s0, s1 in sent_ranges:
        taken: set[int] = set()
        for m in loaded_m.match_lists(lower, lemma, s0, s1):
            e = m.entry
            neg = _negated(lower, m.start, s0)
            start, end = starts[m.start], ends[m.end - 1]
            ext_text = head_text = None
            extended = False
            if m.end - m.start == 1:
                tok = doc[m.start]
                head = tok.head
                if tok.pos_ == "ADJ" and tok.dep_ == "amod" and head.i == m.end and head.pos_ in ("NOUN", "PROPN") and head.i < s1:
                    if not any(x.start <= head.i < x.end for x in loaded_m.match_lists(lower, lemma, head.i, head.i + 1)):
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


def _negated(lower: list[str], i: int, sent_start: int) -> bool:
    lo = max(sent_start, i - NEGATION_WINDOW)
    for k in range(i - 1, lo - 1, -1):
        if lower[k] in NEGATORS:
            nxt = lower[k + 1] if k + 1 < len(lower) else ""
            if lower[k] == "not" and nxt in ("only", "just", "merely"):
                continue
            return True
    return False


def hits_in(parsed, start: int, end: int) -> list[LexHit]:
    """Lexicon hits inside ``[start, end)`` of ``parsed.text`` (offsets stay article offsets)."""
    return [h for h in _doc_hits(parsed) if start <= h.start and h.end <= end]


# --------------------------------------------------------------------------- voice


def _merge(spans: Sequence[Span]) -> list[Span]:
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and s.start <= out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return out


class _Regions:
    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = _merge(spans)
        self.starts = [s.start for s in self.spans]

    def contains(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.spans[i].start <= start and end <= self.spans[i].end

    def covered(self, start: int, end: int) -> int:
        total = 0
        for s in self.spans:
            if s.end <= start:
                continue
            if s.start >= end:
                break
            total += min(end, s.end) - max(start, s.start)
        return total


# --------------------------------------------------------------------------- analysis


def analyze(parsed, *, quoted: Sequence[Span] = ()) -> LoadedLanguage:
    """Loaded language of one parsed article (see the module docstring)."""
    from framing import classifiers

    text = parsed.text
    article = parsed.article
    regions = _Regions(list(parsed.quotes) + [q if isinstance(q, Span) else Span(int(q[0]), int(q[1])) for q in quoted])
    hits = _doc_hits(parsed)
    sentences = parsed.sentences
    sent_starts = [s.start for s in sentences]

    def sent_of(offset: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, offset) - 1)

    spans: list[LoadedSpan] = []
    for h in hits:
        if h.lexicon != LOADED and h.lexicon not in REPORTED_DEVICES:
            continue
        voice = "quoted" if regions.contains(h.start, h.end) else "author"
        spans.append(LoadedSpan(Span(h.start, h.end), text[h.start:h.end], h.category, lexicon.load(h.lexicon).rule,
                                round(h.strength, 3), voice, h.alternative, h.direction, h.negated, sent_of(h.start), h.term))

    # per-1000-word rates (loaded terms only; negated ones not counted)
    words = len(text.split())
    words_quoted = sum(len(text[s.start:s.end].split()) for s in regions.spans)
    words_author = max(0, words - words_quoted)
    counted = [s for s in spans if s.rule.startswith(f"lexicon:{LOADED}@") and not s.negated]
    n_author = sum(s.voice == "author" for s in counted)
    n_quoted = len(counted) - n_author

    def rate(n: int, w: int) -> float:
        return round(1000.0 * n / w, 2) if w else 0.0

    # top devices
    by_cat: dict[str, list[LoadedSpan]] = {}
    for s in spans:
        if not s.negated:
            by_cat.setdefault(s.category, []).append(s)
    top = []
    for cat, items in sorted(by_cat.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        examples = []
        for s in sorted(items, key=lambda s: -s.weight):
            if s.quote.lower() not in [e.lower() for e in examples]:
                examples.append(s.quote)
            if len(examples) == 3:
                break
        top.append({"category": cat, "count": len(items), "author": sum(s.voice == "author" for s in items),
                    "quoted": sum(s.voice == "quoted" for s in items), "examples": examples})

    # sentence scores
    rows = []
    names = classifiers.mask_regions(parsed.doc, parsed.text)  # names are masked from the n-gram features (even-handedness)
    for s in sentences:
        shits = tuple(classifiers.Hit(h.start - s.start, h.end - s.start, h.category, h.strength, h.direction)
                      for h in hits if s.start <= h.start and h.end <= s.end)
        rows.append(classifiers.SentenceRow(text[s.start:s.end], shits, classifiers.masks_in(names, s.start, s.end)))
    sent_scores: list[SentenceScore] = []
    if rows:
        model = classifiers.load_loaded()
        probs, expl = model.explain_matrix(rows)
        mrule = classifiers.loaded_rule()
        for s, p, items in zip(sentences, probs, expl):
            ev = []
            for it in items:
                a, b = s.start + it["start"], s.start + it["end"]
                ev.append(Evidence(Span(a, b), text[a:b], mrule, round(float(it["weight"]), 4), f"{it['kind']}: {it['feature']}"))
            covered = regions.covered(s.start, s.end)
            voice = "quoted" if covered * 2 > (s.end - s.start) else "author"
            sent_scores.append(SentenceScore(s, round(float(p), 4), voice, tuple(ev)))
    share = round(sum(x.score >= THRESHOLD for x in sent_scores) / len(sent_scores), 4) if sent_scores else 0.0
    counts = Counter(s.voice for s in counted)
    return LoadedLanguage(
        per_1000_words=rate(len(counted), words),
        per_1000_words_author=rate(n_author, words_author),
        per_1000_words_quoted=rate(n_quoted, words_quoted),
        share_sentences_loaded=share,
        top_devices=tuple(top),
        spans=tuple(spans),
        sentences=tuple(sent_scores),
        words=words,
        words_quoted=words_quoted,
        counts={"loaded": len(counted), "author": counts.get("author", 0), "quoted": counts.get("quoted", 0),
                "negated": sum(s.negated for s in spans)},
    )
