"""What goes unsourced: stand-alone vague appeals, unattributed claims, and the per-article summary.

Unattributed claims are candidates for checking, not errors: an author-voice
sentence asserting a number, a casualty, a causal link or a judgement
(``lexicons/claim_markers.tsv``; check-worthiness after Hassan et al. 2017) with
no identifiable source in the sentence or its paragraph. A sourced claim in the
previous paragraph is not seen.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from framing.analyzers import Regions
from framing.analyzers.attribution.cues import Lex, lemma
from framing.analyzers.attribution.quotes import outer
from framing.analyzers.attribution.rules import SPEAKER_KINDS
from framing.analyzers.spanindex import Coverage, Overlaps
from framing.schema import Span, merge
from framing.schema.sections.attribution import (
    Claim,
    ClaimMarker,
    Quote,
    SourceMention,
    is_voice,
)


def standalone_vague(parsed, lex: Lex, found: Sequence[SourceMention], quoted: Regions) -> list[SourceMention]:
    """Appeals to general opinion with no reporting verb ('world over, there is ...'; the ``phrase``-less
    entries of ``source_terms``), outside quotation marks (``quoted``) and outside the vague sources ``found``
    (``rule:attribution.vague_phrase``)."""
    text = parsed.text
    out = []
    taken = Overlaps()  # spans already claimed, searched by bisect (a scan per match is quadratic)
    for v in found:
        taken.add(v.span, True)
    for pat, _kind, term in lex.standalone:
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            sp = Span(s, e)
            if any(taken.keys_overlapping(sp)):
                continue
            if quoted.contains(s, e):
                continue
            taken.add(sp, True)
            out.append(SourceMention(sp, text[s:e], term, "rule:attribution.vague_phrase", ""))
    return out


def _claim_markers(parsed, sent_span: Span, lex: Lex) -> list[ClaimMarker]:
    """Numbers, casualties, causal links and evaluative predicates in a sentence (``lexicons/claim_markers.tsv``
    and the number entities), as ``rule:attribution.claim_<kind>``."""
    doc = parsed.doc
    text = parsed.text
    sp = doc.char_span(sent_span.start, sent_span.end, alignment_mode="expand")
    if sp is None:
        return []
    out = []
    for e in parsed.entities_in(Span(sp.start_char, sp.end_char)):  # = sp.ents, by bisect (Span.ents scans doc.ents)
        if e.label_ in ("CARDINAL", "PERCENT", "MONEY", "QUANTITY"):
            out.append(_marker(text, e.start_char, e.end_char, "number"))
    toks = list(sp)
    for i, t in enumerate(toks):
        lem = lemma(t)
        for words, kind in lex.claim_multi.get(lem, ()) + lex.claim_multi.get(t.lower_, ()):
            if i + len(words) <= len(toks) and all(w in (toks[i + k].lower_, lemma(toks[i + k])) for k, w in enumerate(words)):
                end = toks[i + len(words) - 1]
                out.append(_marker(text, t.idx, end.idx + len(end.text), kind))
        single = lex.claim_single.get(lem) or lex.claim_single.get(t.lower_)
        if single:
            out.append(_marker(text, t.idx, t.idx + len(t.text), single))
    return out


def _marker(text: str, start: int, end: int, kind: str) -> ClaimMarker:
    return ClaimMarker(Span(start, end), text[start:end], kind, f"rule:attribution.claim_{kind}")


def unattributed_claims(parsed, quotes: Sequence[Quote], lex: Lex) -> list[Claim]:
    """Author-voice sentences with a claim marker outside attributed content and quotation marks, in a
    paragraph with no identified source, of four words or more (``rule:attribution.unattributed_claim``)."""
    text = parsed.text
    attributed: list[Span] = []
    sourced_paras: set[int] = set()
    for q in quotes:
        attributed.extend(q.content)
        if q.cue_span is not None:
            attributed.append(q.cue_span)
        if q.speaker_kind not in ("vague", "unknown") and q.type != "agentless":
            for p in (q.speaker_span, q.cue_span, *q.content):
                if p is not None:
                    sourced_paras.add(parsed.paragraph_index(p.start))
    quote_marks = [outer(text, qs) for qs in parsed.quotes]
    voiced = Coverage(attributed + quote_marks)  # per-sentence sums and containment by bisect, not by scans
    out = []
    for s in parsed.sentences:
        if parsed.paragraph_index(s.start) in sourced_paras:
            continue
        n = len(s)
        if n == 0:
            continue
        cov = voiced.overlap_sum(s)  # = sum(overlap(s, a) for a in attributed + quote_marks)
        if cov / n > 0.5:
            continue
        markers = [m for m in _claim_markers(parsed, s, lex) if not voiced.contains(m.span)]
        if not markers:
            continue
        if len(text[s.start:s.end].split()) < 4:
            continue  # captions and fragments
        kinds = sorted({m.kind for m in markers})
        out.append(Claim(Span(s.start, s.end), text[s.start:s.end], tuple(kinds), tuple(markers),
                         "rule:attribution.unattributed_claim"))
    return out


def summary(parsed, quotes: Sequence[Quote], anonymous: Sequence[SourceMention], vague: Sequence[SourceMention],
            claims: Sequence[Claim]) -> dict[str, Any]:
    """Counts per type, the share of words inside another's voice (direct, indirect and according-to content:
    :func:`~framing.schema.sections.attribution.is_voice`), distinct sources by kind, each speaker's share of the
    quoted words and cue classes per speaker."""
    doc = parsed.doc
    words = [t for t in doc if not (t.is_punct or t.is_space)]
    n_words = len(words)
    spans = sorted({c for q in quotes if is_voice(q) for c in q.content}, key=lambda s: s.start)
    starts = [t.idx for t in words]

    def count_in(span: Span) -> int:
        return bisect.bisect_left(starts, span.end) - bisect.bisect_left(starts, span.start)

    quoted_words = sum(count_in(s) for s in merge(spans))
    by_speaker_words: Counter = Counter()
    cue_classes: dict[str, Counter] = defaultdict(Counter)
    kinds_seen: dict[str, set] = defaultdict(set)
    for q in quotes:
        # summaries count only confident speakers: an unclear one is not credited to anyone
        name = (q.actor or q.speaker or "(unattributed)") if q.confident else "(speaker unclear)"
        kinds_seen[q.speaker_kind].add(name.lower())
        if is_voice(q):
            by_speaker_words[name] += sum(count_in(c) for c in q.content)
        if q.cue_class:
            cue_classes[name][str(q.cue_class)] += 1
    total_q = sum(by_speaker_words.values())
    return {
        "n_quotes": len(quotes),
        "n_direct": sum(q.type == "direct" for q in quotes),
        "n_indirect": sum(q.type == "indirect" for q in quotes),
        "n_according_to": sum(q.type == "according_to" for q in quotes),
        "n_agentless": sum(q.type == "agentless" for q in quotes),
        "n_anonymous": len(anonymous),
        "n_vague": len(vague),
        "n_unattributed_claims": len(claims),
        "words": n_words,
        "quoted_words": quoted_words,
        "quoted_share": round(quoted_words / n_words, 4) if n_words else 0.0,
        "sources_by_kind": {k: len(kinds_seen.get(k, ())) for k in SPEAKER_KINDS},
        "quoted_words_by_actor": {k: round(v / total_q, 4) for k, v in by_speaker_words.most_common()} if total_q else {},
        "cue_classes_by_speaker": {k: dict(v) for k, v in cue_classes.items()},
        "cue_classes": dict(sum(cue_classes.values(), Counter())),
        "method": "quoted_share = words inside direct, indirect and according-to content / words in the article",
    }
