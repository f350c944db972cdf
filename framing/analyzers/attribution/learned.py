"""The trained span model's part in the analysis: which rule attributions stay, where their content ends,
and which cues only the model finds (``model:attribution.learned_cue``).

The model itself (features, scores, picks) is :mod:`framing.analyzers.attribution.model`;
this module applies its picks to the rules' candidates under the product's own checks.
"""

from __future__ import annotations

from typing import Any

from framing.analyzers.attribution.cues import (
    STATEMENT_NOUNS,
    Cand,
    Cue,
    Lex,
    lemma,
    match_cue,
)
from framing.analyzers.attribution.model import AttributionSpanModel
from framing.analyzers.attribution.quotes import all_quotes, in_quotes_share, with_marks
from framing.analyzers.attribution.rules import noun_source
from framing.analyzers.attribution.speakers import (
    hypothetical_cue,
    plausible_source,
    speaker_like,
)
from framing.analyzers.spanindex import Coverage, Overlaps
from framing.nlp.syntax import SPEAKER, np_span, passive_agents, subject
from framing.schema import Span, overlap
from framing.schema.spans import overlap_share

#: prepositions of place and time: a phrase they head is a setting, not what a new cue attributes
_SETTING_PREPS = frozenset({"in", "on", "at", "during", "after", "before", "since", "until", "near", "inside", "outside",
                            "across", "through", "from", "by", "within", "throughout", "around", "into", "onto"})


def _statement_object(parsed, sp: Span) -> bool:
    """A short noun phrase headed by a statement noun ('a statement', 'his remarks'), with no clause of its own."""
    span = parsed.doc.char_span(sp.start, sp.end, alignment_mode="expand")
    if span is None or len(span) > 4:
        return False
    return lemma(span.root) in STATEMENT_NOUNS and not any(t.pos_ in ("VERB", "AUX") for t in span)


#: the plainest reporting verbs: with a named or pronoun subject and a clause, a statement whatever the model says
_PLAIN_REPORT = frozenset({"say", "tell"})


def _certain_report(parsed, c: Cand) -> bool:
    """A rule candidate the model may not drop: 'say'/'tell' with a clausal complement and a person, pronoun,
    organisation or country as its subject (the model, trained on PolNeAR's spans, sometimes scores such a cue
    low when quotation marks split its content)."""
    if c.cue is None or c.cue.term not in _PLAIN_REPORT or c.source_tok is None or c.type not in ("indirect", "direct"):
        return False
    verb = parsed.doc[c.cue_tok]
    src = c.source_tok
    return (any(ch.dep_ == "ccomp" for ch in verb.children)
            and (src.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or src.lower_ in ("he", "she", "they")))


def model_candidates(parsed, cands: list[Cand], lex: Lex, model: AttributionSpanModel, actors: Any) -> list[Cand]:
    """Rule candidates confirmed, re-bounded or dropped by the trained span model, plus the cues only it finds.

    A rule candidate whose cue the model scores under its threshold is dropped;
    one it confirms takes the content span the model prefers (the rule's own
    span is one of the model's candidates). A cue the model finds that no rule
    took becomes a new attribution (``model:attribution.learned_cue``), its
    source the cue's subject (or agent, or a noun cue's owner), subject to the
    same speaker-plausibility and hypothetical-cue checks as the rules'."""
    doc = parsed.doc
    picks = model.predict(parsed, cands, lex)
    rule_toks = {c.cue_tok for c in cands if c.cue_tok is not None and c.cue_tok >= 0}
    # a cue no rule took must clear the (higher) bar for new cues
    new_bar = getattr(model, "threshold_new", 0.0)
    by_tok = {ti: (score, cand) for score, ti, cand, _ in picks if ti in rule_toks or score >= new_bar}
    speech = Coverage(all_quotes(parsed))  # asked once per candidate: sums by bisect
    picked = Overlaps()  # the model's picks by their spans (only overlapping ones can share >= 0.5)
    for ti, (_score, cand) in by_tok.items():
        for sp in cand.spans:
            picked.add(sp, ti)
    out: list[Cand] = []
    taken: set[int] = set()
    for c in cands:
        if c.cue_tok is None or c.cue_tok < 0:
            # a quotation with no cue: kept unless a model attribution already covers it
            near = {ti for p in c.content for ti in picked.keys_overlapping(p)}
            if any(overlap_share(tuple(c.content), by_tok[ti][1].spans) >= 0.5 for ti in near):
                continue
            out.append(c)
            continue
        hit = by_tok.get(c.cue_tok)
        if hit is None and c.cue_tok not in taken and _certain_report(parsed, c):
            taken.add(c.cue_tok)  # 'Zarif said "all limits" ... "are now suspended"': kept whatever the model scores
            out.append(c)
            continue
        if hit is None or c.cue_tok in taken:
            continue
        taken.add(c.cue_tok)
        cand = hit[1]
        # the model moves a rule's content only when its own choice differs by more than half: where both agree
        # that far, the rule's boundary (cut at trailing additions, conjoined reports) is usually the exact one
        if cand.kind != "rule" and overlap_share(tuple(c.content), cand.spans) < 0.5:
            c.content = with_marks(parsed.text, list(cand.spans))
            if c.type in ("direct", "indirect"):
                c.type = "direct" if in_quotes_share(c.content, speech) >= 0.6 else "indirect"
        out.append(c)
    for ti, (_score, cand) in by_tok.items():
        if ti in taken:
            continue
        tok = doc[ti]
        m = match_cue(tok, lex)
        if m is not None:
            cue, last = m
        else:
            act = "speech" if cand.kind.startswith(("child_ccomp", "child_to_end_ccomp", "quote", "left", "head_minus", "next", "prev")) else "stance"
            cue, last = Cue(lemma(tok), (lemma(tok),), "", 0.0, frozenset({"verb", "noun"}), "clause", act), tok.i
        cue_span = Span(tok.idx, doc[last].idx + len(doc[last].text))
        if tok.pos_ in ("VERB", "AUX"):
            passive = any(x.dep_ == "auxpass" for x in tok.children)
            src = (next(iter(passive_agents(tok)), None) if passive else None) or (None if passive else subject(tok, SPEAKER))
        elif tok.pos_ in ("NOUN", "PROPN"):
            src = noun_source(tok)
        else:
            src = None
        src_span = np_span(src) if src is not None else None
        if src_span is not None and any(overlap(src_span, p) for p in cand.spans):
            src, src_span = None, None
        content = with_marks(parsed.text, list(cand.spans))
        if src is None and m is None:
            continue  # a cue outside the lexicon with no one behind it ('the plan was signed') is an event, not a report
        if len(content) == 1 and _statement_object(parsed, content[0]):
            continue  # 'issued a statement': the statement's words, if any, are elsewhere
        if any(p.start <= cue_span.start < p.end for p in content):
            continue  # a content holding its own cue is the writer's sentence, not a report
        if any(p.start <= o.cue_span.start < p.end for o in out if o.cue_span is not None for p in content):
            continue  # 'responded by declaring that ...': the nested report is the attribution
        if any(o.source_span is not None and o.source_span.start <= cue_span.start < o.source_span.end for o in out) or (
                tok.dep_ in ("relcl", "acl") and any(o.source_tok is not None and o.source_tok.i == tok.head.i for o in out)):
            continue  # 'a diplomat who asked not to be named said ...': part of another attribution's source
        if m is None and not speaker_like(src, lex):
            continue  # outside the lexicon only a person, group or institution reports ('the storm hit the coast')
        if m is None and len(content) == 1:
            first = doc.char_span(content[0].start, content[0].end, alignment_mode="expand")
            if first is not None and len(first) and first[0].lower_ in _SETTING_PREPS and first[0].pos_ == "ADP":
                continue  # 'reading ... on the train': a setting, not a content
        typ = "direct" if in_quotes_share(content, speech) >= 0.6 else ("indirect" if src is not None else "agentless")
        new = Cand(typ, "model:attribution.learned_cue", cue, cue_span, ti, src, src_span, content)
        if src is not None:
            ok, _why = plausible_source(parsed, new, lex, actors)
            if not ok:
                continue
        if hypothetical_cue(parsed, new):
            continue
        out.append(new)
    return out
