"""Persuasion techniques: spans labelled with the technique they use (SemEval-2020 Task 11 inventory), by voice.

What it measures
    Spans of ``Article.text`` with one of the 14 propaganda techniques of the
    Propaganda Techniques Corpus (Da San Martino et al. 2019, 2020): loaded
    language; name calling, labeling; repetition; doubt; exaggeration,
    minimisation; appeal to fear or prejudice; flag-waving; causal
    oversimplification; appeal to authority; slogans; black-and-white fallacy;
    whataboutism, straw men, red herring; thought-terminating clichés;
    bandwagon, reductio ad hitlerum. Each span has its ``voice`` (author or
    quoted, from ``ctx.voice``), the ``rule`` that proposed it, ``source`` and
    the technique classifier's ``probability`` of its technique in [0, 1].
    Article figures: technique spans per 1,000 words (all, and in the author's
    voice per 1,000 words of the article) and counts per technique and voice.

Span detection (candidates), then classification
    * ``loaded_language`` (requires): every loaded term the loaded-language
      analyzer found (not negated) is a candidate for *loaded language* or
      *name calling*: the classifier (:mod:`.model`) chooses between those two
      (a label, pejorative or glorifying, starts as name calling); its
      ``distancing`` terms ("so-called") are *doubt*; its consensus claims
      (absolutes, ``consensus_claim``) are *bandwagon*. The spans are the loaded-
      language analyzer's own; nothing is matched twice. A loaded term that is
      a word of an organisation's proper name is left out (rule
      ``organisation_name`` below).
    * ``lexicon:technique_cues`` -- phrases of ``lexicons/technique_cues.tsv``
      (flag-waving, slogans, thought-terminating clichés, appeal to fear,
      doubt, black-and-white, whataboutism, causal oversimplification, appeal
      to authority, exaggeration, bandwagon/reductio) matched on the parse's
      tokens (lower case or lemma, whole tokens); the lexicon's technique is kept.
    * ``rule:techniques.repetition`` -- a loaded term used three or more times
      in the author's voice: its second and later uses are also *repetition*.
    * ``model:techniques@...`` with source ``tagger`` -- the span tagger
      (:mod:`.tagger`, stored in the classifier's artifact, trained on the PTC
      propaganda spans) proposes stretches of text; the classifier names their
      technique. Loaded language and name calling stay the loaded-language
      analyzer's: a tagged span whose most probable technique is one of those
      two is dropped (not relabelled), as is one that overlaps a candidate
      above with the same technique.

    The classifier's probability of the chosen technique is reported beside
    each span, and the report prints it.

Abstention: uncertain spans are shown, never counted
    A span whose probability is under the model's threshold ``uncertain_below``
    goes to the section's ``uncertain`` list (flag ``uncertain``), not to
    ``spans``: the counts, the rates per 1,000 words, the evidence, the
    comparison and the summaries read ``spans`` only, and the report shows the
    uncertain ones in the highlighted text with their own dashed mark. The
    threshold is chosen out of fold by ``framing train techniques``: the whole
    analyzer runs on PTC articles with a classifier and tagger that did not see
    them, a span counts as right when it overlaps a gold span of the same
    technique, and the threshold is the lowest probability from which the
    spans at or above it are right at least ``framing.train.techniques.TARGET_PRECISION`` of the
    time (see :func:`framing.train.techniques.choose_threshold` and the model
    card). A repetition span keeps the probability of the loaded term it
    repeats. Models without a threshold (toys, older artifacts) abstain from
    nothing.

A label word inside a name is not name calling (``organisation_name``)
    A party or ideology word that the text writes as part of an organisation's
    proper name ("the Communist Party of China", "the Socialist Workers
    Party", "the National Front") names that organisation; describing an actor
    by its own name labels nobody. A loaded-language candidate is therefore
    dropped when its words are capitalised and it lies inside an ORG entity of
    the parse that is longer than itself, or when the capitalised words right
    after it (up to four) end in an organisation noun of
    :data:`ORGANISATION_HEADS` ("Party", "Front", "League", ...). The rule is
    the same for every side's parties and reads only the name's shape; a lower-
    case label ("the communists in Washington") or a capitalised epithet
    before a person's name ("Crooked Hillary") is kept.

Known limits
    Candidate spans are words and short phrases; PTC annotates whole clauses
    for techniques such as causal oversimplification or black-and-white
    fallacy, which a phrase lexicon only points at. The span identification
    figure (SI F1) is therefore far below that of the classifier given gold
    spans (TC micro-F1); see the model card and ``framing evaluate techniques``.

Literature: Da San Martino et al. 2019 (EMNLP, the corpus), 2020 (SemEval-2020
Task 11), Miller 1939 (Institute for Propaganda Analysis), Chernyavskiy et al. 2020.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from framing.analyzers import AnalyzerSpec, Context
from framing.analyzers.techniques import model as _model
from framing.analyzers.techniques.model import (
    MODEL_NAME,
    TECHNIQUE_IDS,
    TECHNIQUES,
    CueIndex,
    article_word_counts,
    span_row,
)
from framing.errors import LexiconError
from framing.resources import lexicons as _lexicons
from framing.resources.lexicons import TermMatcher
from framing.resources.models import model_rule
from framing.schema import Span, Voice
from framing.schema.sections.techniques import Techniques, TechniqueSpan

__all__ = ["ORGANISATION_HEADS", "RULES", "SPEC", "TECHNIQUES", "Techniques", "analyze", "candidates", "in_organisation_name",
           "model_rule_id", "split_uncertain"]

CUES = "technique_cues"
REPEAT_MIN = 3
LOADED, NAME_CALLING = "Loaded_Language", "Name_Calling,Labeling"
LABEL_CATEGORIES = frozenset({"pejorative_label", "glorifying_label"})
#: loaded-language category -> technique, for the categories that are not loaded language or name calling
CATEGORY_TECHNIQUE = {"distancing": "Doubt", "consensus_claim": "Bandwagon,Reductio_ad_hitlerum"}
REPETITION_RULE = "rule:techniques.repetition"
LOADED_RULE = "rule:techniques.loaded_language"


#: head nouns of organisation names (lower case): a capitalised run ending in one of them is a proper name
ORGANISATION_HEADS = frozenset({
    "party", "parties", "front", "league", "union", "alliance", "congress", "caucus", "coalition", "federation",
    "association", "movement", "council", "bloc", "organisation", "organization", "committee", "network",
    "foundation", "institute", "society", "brotherhood", "army", "forum", "group", "international"})


def in_organisation_name(doc: Any, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is capitalised and part of an organisation's proper name in the parse ``doc``
    (inside a longer ORG entity, or followed by capitalised words ending in an :data:`ORGANISATION_HEADS` noun)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or not all(t.text[:1].isupper() for t in span if t.is_alpha):
        return False
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent.start <= span.start and span.end <= ent.end and len(ent) > len(span):
            return True
    for tok in doc[span.end:span.end + 4]:
        if not (tok.is_alpha and tok.text[:1].isupper()):
            return False
        if tok.lower_ in ORGANISATION_HEADS:
            return True
    return False


def model_rule_id() -> str:
    return model_rule(MODEL_NAME, _model.RULE_PREFIX)


def _build_rules() -> dict[str, str]:
    rules = {LOADED_RULE: "a loaded-language analyzer span, labelled loaded language or name calling by the technique classifier",
             REPETITION_RULE: "a loaded term used three or more times in the author's voice (second and later uses)",
             model_rule_id(): "technique classifier probability (span words, characters, context, repetition count); "
                              "with source 'tagger', a span of the token-level span tagger labelled by the classifier"}
    with contextlib.suppress(LexiconError):
        rules[_lexicons.load(CUES).rule] = "a phrase of lexicons/technique_cues.tsv signalling a technique"
    return rules


RULES: dict[str, str] = _build_rules()


def candidates(ctx: Context) -> list[tuple[int, int, str, str, str]]:
    """Candidate spans ``(start, end, technique, rule, source)``, in text order (see the module docstring)."""
    out: list[tuple[int, int, str, str, str]] = []
    ll = ctx.results.get("loaded_language")
    doc = ctx.parsed.doc
    for s in getattr(ll, "spans", ()) if ll is not None else ():
        if s.negated or in_organisation_name(doc, s.span.start, s.span.end):
            continue
        tech = CATEGORY_TECHNIQUE.get(s.category)
        if tech is None and s.rule.startswith("lexicon:loaded_terms@"):
            tech = NAME_CALLING if s.category in LABEL_CATEGORIES else LOADED
        if tech is not None:
            out.append((s.span.start, s.span.end, tech, LOADED_RULE if tech in (LOADED, NAME_CALLING) else s.rule, "loaded_language"))
    lex = ctx.lexicons[CUES]
    for m in TermMatcher(lex)(doc):
        a, b = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
        tech = str(m.entry["technique"])
        if tech in TECHNIQUES:
            out.append((a, b, tech, lex.rule, "lexicon"))
    out.sort(key=lambda c: (c[0], c[1]))
    return out


def _repetitions(spans: Sequence[TechniqueSpan]) -> list[TechniqueSpan]:
    by_term: dict[str, list[TechniqueSpan]] = {}
    for s in spans:
        if s.source == "loaded_language" and s.technique in (LOADED, NAME_CALLING) and s.voice == Voice.AUTHOR:
            by_term.setdefault(" ".join(s.quote.lower().split()), []).append(s)
    out = []
    for uses in by_term.values():
        if len(uses) >= REPEAT_MIN:
            out += [TechniqueSpan(u.span, u.quote, "Repetition", TECHNIQUES["Repetition"], u.voice, REPETITION_RULE,
                                  u.probability, "rule") for u in uses[1:]]
    return out


def _choose(tech: str, probs: np.ndarray, index: dict[str, int]) -> tuple[str, float]:
    """The loaded-language / name-calling choice by the classifier; other techniques keep the candidate's label."""
    if tech in (LOADED, NAME_CALLING) and LOADED in index and NAME_CALLING in index:
        pl, pn = probs[index[LOADED]], probs[index[NAME_CALLING]]
        if tech == NAME_CALLING:
            pn = pn + 0.05  # the lexicon's label wins near ties
        tech = NAME_CALLING if pn > pl else LOADED
    return tech, float(probs[index[tech]]) if tech in index else 0.0


def _overlaps(starts: Sequence[int], reach: Sequence[int], a: int, b: int) -> bool:
    """Whether a span of a list sorted by start overlaps ``[a, b)``: ``starts`` are the starts and ``reach[i]`` the
    furthest end among the first i + 1 spans, so the spans starting before ``b`` overlap iff they reach past ``a``
    (a bisection, not a scan: the analyzer stays linear in the article's length)."""
    i = bisect.bisect_left(starts, b)
    return i > 0 and reach[i - 1] > a


def _tagged(ctx: Context, clf: Any, found: Sequence[tuple[int, int, float]], probs: np.ndarray,
            cands: Sequence[tuple[int, int, str, str, str]], index: dict[str, int]) -> list[TechniqueSpan]:
    """The span tagger's spans ``found`` with the classifier's ``probs``, labelled (see the module docstring for the
    two kinds that are dropped)."""
    text = ctx.text
    rule, out = model_rule_id(), []
    by_tech: dict[str, tuple[list[int], list[int]]] = {}
    for c in cands:  # candidates come sorted by start
        starts, reach = by_tech.setdefault(c[2], ([], []))
        starts.append(c[0])
        reach.append(max(c[1], reach[-1]) if reach else c[1])
    for (a, b, _), p in zip(found, probs):
        tech = str(clf.classes_[int(np.argmax(p))])
        if tech in (LOADED, NAME_CALLING) or (tech in by_tech and _overlaps(*by_tech[tech], a, b)):
            continue
        out.append(TechniqueSpan(Span(a, b), text[a:b], tech, TECHNIQUES[tech], ctx.voice(Span(a, b)), rule,
                                 round(float(p[index[tech]]), 4), "tagger"))
    return out


def analyze(ctx: Context) -> Techniques:
    """Persuasion technique spans of one parsed article (see the module docstring)."""
    text = ctx.text
    cands = candidates(ctx)
    clf = _model.as_classifier(ctx.models[MODEL_NAME])
    low = text.lower()
    cues, wc = CueIndex(ctx.lexicons[CUES]), article_word_counts(low)
    doc = ctx.parsed.doc
    tagger = getattr(clf, "tagger_", None)  # none in toy models
    found = tagger.spans(text, sorted(s.start for s in ctx.parsed.sentences)) if tagger is not None else []
    where = [(a, b) for a, b, *_ in cands] + [(a, b) for a, b, _ in found]  # one classifier call for both
    all_probs = clf.predict_proba([span_row(text, a, b, lower_text=low, cues=cues, word_counts=wc, doc=doc) for a, b in where])
    probs = all_probs[:len(cands)]
    index = {str(c): i for i, c in enumerate(clf.classes_)}
    spans: list[TechniqueSpan] = []
    seen: set[tuple[int, int, str]] = set()
    for (a, b, tech, rule, source), p in zip(cands, probs):
        tech, prob = _choose(tech, p, index)
        if (a, b, tech) in seen:
            continue
        seen.add((a, b, tech))
        spans.append(TechniqueSpan(Span(a, b), text[a:b], tech, TECHNIQUES[tech], ctx.voice(Span(a, b)), rule,
                                   round(prob, 4), source))
    spans += _tagged(ctx, clf, found, all_probs[len(cands):], cands, index)
    spans += _repetitions(spans)
    spans.sort(key=lambda s: (s.span.start, s.span.end, s.technique))
    below = float(getattr(clf, "uncertain_below_", 0.0))
    spans, uncertain = split_uncertain(spans, below)
    words = len(text.split())
    counts: dict[str, Counter[str]] = {}
    for s in spans:
        counts.setdefault(s.technique, Counter())[str(s.voice)] += 1
    author = sum(c["author"] for c in counts.values())
    ordered: dict[str, Any] = {t: {"author": counts[t]["author"], "quoted": counts[t]["quoted"]}
                               for t in TECHNIQUE_IDS if t in counts}
    return Techniques(model=model_rule_id(), words=words,
                      per_1000_words=round(1000.0 * len(spans) / words, 2) if words else 0.0,
                      per_1000_words_author=round(1000.0 * author / words, 2) if words else 0.0,
                      spans=tuple(spans), counts=ordered, uncertain_below=below, uncertain=tuple(uncertain))


def split_uncertain(spans: Sequence[TechniqueSpan], below: float) -> tuple[list[TechniqueSpan], list[TechniqueSpan]]:
    """``(counted, uncertain)``: the spans with probability >= ``below``, and the others flagged ``uncertain``."""
    keep = [s for s in spans if s.probability >= below]
    return keep, [dataclasses.replace(s, uncertain=True) for s in spans if s.probability < below]


SPEC = AnalyzerSpec("techniques", analyze, Techniques, requires=("loaded_language",), rules=RULES,
                    lexicons=(CUES,), models=(MODEL_NAME,))
