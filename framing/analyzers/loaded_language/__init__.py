"""Loaded language: which words do the persuading, whose words they are, and how loaded each sentence reads.

What it measures
    * **Spans** -- every occurrence of a term of ``lexicons/loaded_terms.tsv``
      (pejorative and glorifying labels, dysphemisms and euphemisms, violent
      metaphors, emotive verdicts, belittling speech verbs, accusations,
      distancing markers) and of ``lexicons/loaded_senses.tsv`` (headline and
      speech verbs, insults, idioms, each only in the part of speech where it
      is loaded: "blasted the plan", not "the blast"), plus intensifiers
      (``intensifiers.tsv``) and absolutes (``absolutes.tsv``) in the senses
      :mod:`.rules` shows. Each span has its category, ``direction``
      (negative / positive / neutral toward its target), ``weight`` = the
      lexicon strength in (0, 1], the neutral ``alternative``, ``voice``
      (``author`` or ``quoted``) and ``negated``. Terms of the lexicons'
      "mild or often factual" band (strength < 0.35) are not shown, nor are
      uses the rules judge uncertain (:mod:`.rules`): a contested
      designation naming a category rather than applying a verdict ("the
      assassination ban", "suspected terrorists", "labeled a terrorist
      organization"), a literal sense of a figurative entry ("war against
      Iran", "criminal justice"), a word inside a proper name or a quoted
      title. Uncertain uses still feed the sentence classifier; they are
      left out of the spans, the rates and the top devices.
    * **Proposals** -- words the learned span detector (:mod:`.spans`, trained
      on BABE/MBIC biased words, BASIL lexical bias and PTC Loaded_Language /
      Name_Calling) finds loaded where no lexicon entry applies: category
      ``model_proposal``, ``weight`` = its probability (at or above the
      card's threshold), ``features`` = what drove it, no alternative, rule
      ``model:loaded_spans@<sha8>``.
    * **Sentences** -- a probability in [0, 1] that the sentence is biased by
      word choice (:mod:`.model`, trained on BABE), with the evidence (n-gram,
      lexicon and sentiment contributions to the log-odds) mapped back to
      character spans, and its ``support``: ``"spans"`` when the score is
      >= 0.5 and a shown span (not negated) lies in the sentence -- only
      then is the sentence reported as biased --, ``"classifier_only"`` when
      the classifier alone says so.
    * **Article** -- loaded terms per 1,000 words (all, author's voice per
      1,000 author words, quoted per 1,000 quoted words; lexicon terms only,
      not proposals or devices), the share of sentences reported biased
      (score >= 0.5 *and* span support), and the top devices (categories by
      count).

Matching and negation (:mod:`.rules`)
    Lemma-aware, multi-word, whole tokens only, leftmost-longest. A matched
    adjective that modifies the noun right after it is reported with that noun
    ("cowardly killings") and the alternative drops or replaces the adjective.
    A term a negator governs in its own clause (negation scope from the
    parse: "he is not a terrorist", but not "there is no doubt the rogue
    official lied") is reported with ``negated: true`` and its ``weight``
    kept as the lexicon strength, but it is **not counted** in the per-1,000
    rates or the top devices: denying a label still repeats it (Lakoff 2004),
    so the span is shown, but it is not the author applying the label. "not
    only" and "not just" are not negations.

Voice
    The one rule of :class:`framing.analyzers.Context`: a span is ``quoted``
    when it lies inside quotation marks or inside speech content the
    attribution analyzer attributes to someone (``ctx.voice``), or inside
    words the parse ascribes to someone else without quotation marks
    (:func:`.rules.ascribed_regions`: the "as" complement of a verb of
    speech, judgement or perception whose subject is not the author --
    "critics condemned it as a reckless move", "he was seen as a national
    hero" --, the words after "Foreign Minister:" in a headline, the turns of
    an upper-case transcript); otherwise ``author``. The per-1,000-word rates
    count quoted words from the quoted regions only. A sentence is ``quoted`` when more than half of its characters
    are in those quoted regions (``ctx.quoted_regions``). Quoted words are the
    words inside the quoted regions; author words are the rest.

Requires
    ``attribution`` (its quoted spans feed the voice rule). Lexicons:
    loaded_terms, loaded_senses, intensifiers, absolutes, hedges. Models:
    ``loaded_sentence`` and ``loaded_spans`` (``ctx.models``; candidates can
    be injected; option ``use_model=False`` or ``use_span_model=False``
    leaves the proposals out).

Rule ids (:data:`RULES`)
    ``lexicon:<name>@<version>`` for lexicon hits, ``model:loaded@<sha8>`` for
    classifier evidence, ``model:loaded_spans@<sha8>`` for proposals,
    ``rule:loaded_language.*`` for derived findings.

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
import contextlib
from collections import Counter
from collections.abc import Callable, Sequence

from framing.analyzers import AnalyzerSpec, Context, Regions
from framing.analyzers.loaded_language import model as _model
from framing.analyzers.loaded_language import rules as _rules
from framing.analyzers.loaded_language import spans as _spans
from framing.analyzers.loaded_language.model import THRESHOLD, Hit, SentenceRow
from framing.analyzers.loaded_language.rules import LOADED, LOADED_LEXICONS, REPORTED_DEVICES, SENSES, LexHit
from framing.errors import LexiconError
from framing.resources import lexicons as _lexicons
from framing.resources.models import model_rule
from framing.schema import Evidence, Span, Voice
from framing.schema.sections.loaded_language import LoadedLanguage, LoadedSpan, SentenceScore, TopDevice

__all__ = ["RULES", "SPEC", "LoadedLanguage", "analyze", "model_rule_id"]


def spans_rule_id() -> str:
    """Rule id of the span detector's proposals, ``model:loaded_spans@<first 8 hex digits of the artifact sha256>``."""
    return model_rule(_spans.MODEL_NAME, _spans.RULE_PREFIX)


def model_rule_id() -> str:
    """Rule id of the sentence model's evidence, ``model:loaded@<first 8 hex digits of the artifact sha256>``."""
    return model_rule(_model.MODEL_NAME, _model.RULE_PREFIX)


def _build_rules() -> dict[str, str]:
    rules = {
        "rule:loaded_language.adjective_phrase": "a loaded adjective reported together with the noun it modifies",
        "rule:loaded_language.negated": "a loaded term under negation: shown, not counted in the rates",
    }
    for name, what in (
        (LOADED, "a loaded term from lexicons/loaded_terms.tsv (label, dysphemism, euphemism, metaphor, emotive word...)"),
        (SENSES, "a loaded term from lexicons/loaded_senses.tsv, in the part of speech where it is loaded (slams, took out)"),
        ("intensifiers", "an intensifier from lexicons/intensifiers.tsv (amplifies the word it modifies)"),
        ("absolutes", "an absolute or appeal to consensus from lexicons/absolutes.tsv (whole world, always, everyone knows)"),
        ("hedges", "a hedge from lexicons/hedges.tsv (softens commitment)"),
    ):
        with contextlib.suppress(LexiconError):  # a broken lexicon is reported by load() at analysis time
            rules[_lexicons.load(name).rule] = what
    rules[model_rule_id()] = "sentence classifier contribution (coef * x to the log-odds), mapped to the words that carry it"
    rules[spans_rule_id()] = "a loaded word the learned span detector proposes (no lexicon entry): probability and driving features"
    return rules


RULES: dict[str, str] = _build_rules()
#: Rule families counted in the per-1,000-word rates (loaded terms of either lexicon; not devices, not proposals).
_COUNTED = frozenset(f"lexicon:{n}" for n in LOADED_LEXICONS)


def _voice_of(ctx: Context) -> Callable[[Span], Voice]:
    """``ctx.voice``, plus the words :func:`.rules.ascribed_regions` finds ascribed to someone else (quoted)."""
    extra = _rules.ascribed_regions(ctx.parsed)

    def voice(span: Span) -> Voice:
        v = ctx.voice(span)
        if v == Voice.AUTHOR and any(a <= span.start and span.end <= b for a, b in extra):
            return Voice.QUOTED
        return v
    return voice


def _loaded_spans(ctx: Context, hits: Sequence[LexHit], voice: Callable[[Span], Voice]) -> list[LoadedSpan]:
    text = ctx.text
    sent_starts = [s.start for s in ctx.parsed.sentences]
    out: list[LoadedSpan] = []
    for h in hits:
        if (h.lexicon not in LOADED_LEXICONS and h.lexicon not in REPORTED_DEVICES) or not h.reported:
            continue
        span = Span(h.start, h.end)
        out.append(LoadedSpan(span, text[h.start:h.end], h.category, ctx.lexicons[h.lexicon].rule, round(h.strength, 3),
                              voice(span), h.alternative, h.direction, h.negated,
                              max(0, bisect.bisect_right(sent_starts, h.start) - 1), h.term))
    return out


def _direction(words: str) -> str:
    """Negative / positive / neutral from the VADER valence of the words (a proposal has no lexicon direction)."""
    val = _rules._valence()
    v = sum(val.get(w, 0.0) for w in words.lower().split())
    return "negative" if v < 0 else "positive" if v > 0 else "neutral"


def _proposed_spans(ctx: Context, hits: Sequence[LexHit], toks: _spans.DocTokens | None = None,
                    voice: Callable[[Span], Voice] | None = None) -> list[LoadedSpan]:
    """The span detector's proposals outside every lexicon hit (see :mod:`.spans`)."""
    if not (ctx.options.get("use_model", True) and ctx.options.get("use_span_model", True)):
        return []
    doc = ctx.parsed.doc
    toks = toks if toks is not None else _spans.doc_tokens(doc)
    starts = toks.start
    lex: dict[int, str] = {}
    taken: set[int] = set()
    for h in hits:
        i = bisect.bisect_left(starts, h.start)
        while i < len(starts) and starts[i] < h.end:
            taken.add(i)
            if starts[i] < h.head_end:
                lex[i] = h.category
            i += 1
    ranges = [(s.start, s.end) for s in doc.sents]
    tagger = _spans.as_tagger(ctx.models[_spans.MODEL_NAME])
    rule = spans_rule_id()
    text = ctx.text
    voice = voice or ctx.voice
    sent_starts = [s.start for s in ctx.parsed.sentences]
    out = []
    for pr in _spans.propose(doc, tagger, ranges, lex, taken=taken, tokens=toks):
        span = Span(pr.start, pr.end)
        quote = text[pr.start:pr.end]
        s0, s1 = next((a, b) for a, b in ranges if a <= pr.i < b)
        out.append(LoadedSpan(span, quote, _spans.CATEGORY, rule, round(pr.prob, 3), voice(span), "",
                              _direction(quote), _rules.negated_in_parse(doc, pr.i, s0, s1),
                              max(0, bisect.bisect_right(sent_starts, pr.start) - 1), " ".join(toks.lemma[pr.i:pr.j]),
                              pr.features))
    return out


def _top_devices(spans: Sequence[LoadedSpan]) -> tuple[TopDevice, ...]:
    """Categories by count of their not-negated spans, with up to three distinct examples (strongest first)."""
    by_cat: dict[str, list[LoadedSpan]] = {}
    for s in spans:
        if not s.negated:
            by_cat.setdefault(s.category, []).append(s)
    top = []
    for cat, items in sorted(by_cat.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        examples: list[str] = []
        for s in sorted(items, key=lambda s: -s.weight):
            if s.quote.lower() not in [e.lower() for e in examples]:
                examples.append(s.quote)
            if len(examples) == 3:
                break
        top.append(TopDevice(cat, len(items), sum(s.voice == Voice.AUTHOR for s in items),
                             sum(s.voice == Voice.QUOTED for s in items), tuple(examples)))
    return tuple(top)


def _sentence_scores(ctx: Context, hits: Sequence[LexHit], regions: Regions,
                     shown: Sequence[LoadedSpan] = ()) -> list[SentenceScore]:
    """P(loaded) of every sentence with the model's evidence in article offsets; voice by majority of characters."""
    text = ctx.text
    sentences = ctx.parsed.sentences
    names = _model.mask_regions(ctx.parsed.doc, text)  # names are masked from the n-gram features (even-handedness)
    # each hit to the sentences containing it (sentences are sorted and disjoint): a bisect per hit, not a scan
    starts = [s.start for s in sentences]
    inside: list[list[LexHit]] = [[] for _ in sentences]
    for h in hits:
        i = bisect.bisect_right(starts, h.start) - 1
        while i >= 0 and sentences[i].end >= h.start:
            if h.end <= sentences[i].end:
                inside[i].append(h)
            i -= 1
    rows = []
    for s, sh in zip(sentences, inside):
        shits = tuple(Hit(h.start - s.start, h.end - s.start, h.category, h.strength, h.direction) for h in sh)
        rows.append(SentenceRow(text[s.start:s.end], shits, _model.masks_in(names, s.start, s.end)))
    if not rows:
        return []
    probs, expl = _model.as_classifier(ctx.models[_model.MODEL_NAME]).explain_matrix(rows)
    mrule = model_rule_id()
    shown = sorted(shown, key=lambda x: x.span.start)
    shown_starts = [x.span.start for x in shown]
    out = []
    for s, p, items in zip(sentences, probs, expl):
        ev = []
        for it in items:
            a, b = s.start + it["start"], s.start + it["end"]
            ev.append(Evidence(Span(a, b), text[a:b], mrule, round(float(it["weight"]), 4), f"{it['kind']}: {it['feature']}"))
        voice = Voice.QUOTED if regions.covered(s.start, s.end) * 2 > (s.end - s.start) else Voice.AUTHOR
        support = ""
        if p >= THRESHOLD:
            lo = bisect.bisect_left(shown_starts, s.start)
            has = any(x.span.end <= s.end and not x.negated for x in shown[lo:bisect.bisect_left(shown_starts, s.end)])
            support = "spans" if has else "classifier_only"
        out.append(SentenceScore(s, round(float(p), 4), voice, tuple(ev), support))
    return out


def _rate(n: int, words: int) -> float:
    return round(1000.0 * n / words, 2) if words else 0.0


def analyze(ctx: Context) -> LoadedLanguage:
    """Loaded language of one parsed article (see the module docstring)."""
    text = ctx.text
    regions = ctx.quoted_regions
    toks = _spans.doc_tokens(ctx.parsed.doc)  # one token export for the rules and the span detector
    hits = _rules.doc_hits(ctx.parsed, (toks.lower, toks.lemma, toks.start, toks.end))
    voice = _voice_of(ctx)
    spans = sorted(_loaded_spans(ctx, hits, voice) + _proposed_spans(ctx, hits, toks, voice),
                   key=lambda s: (s.span.start, s.span.end))
    # per-1000-word rates (loaded terms only; negated ones not counted)
    words = len(text.split())
    words_quoted = sum(len(text[s.start:s.end].split()) for s in regions.spans)
    words_author = max(0, words - words_quoted)
    counted = [s for s in spans if s.rule.split("@")[0] in _COUNTED and not s.negated]
    by_voice = Counter(s.voice for s in counted)
    sent_scores = _sentence_scores(ctx, hits, regions, spans)
    share = round(sum(x.support == "spans" for x in sent_scores) / len(sent_scores), 4) if sent_scores else 0.0
    return LoadedLanguage(
        per_1000_words=_rate(len(counted), words),
        per_1000_words_author=_rate(by_voice[Voice.AUTHOR], words_author),
        per_1000_words_quoted=_rate(by_voice[Voice.QUOTED], words_quoted),
        share_sentences_loaded=share,
        top_devices=_top_devices(spans),
        spans=tuple(spans),
        sentences=tuple(sent_scores),
        words=words,
        words_quoted=words_quoted,
        counts={"loaded": len(counted), "author": by_voice[Voice.AUTHOR], "quoted": by_voice[Voice.QUOTED],
                "negated": sum(s.negated for s in spans),
                "proposed": sum(s.category == _spans.CATEGORY for s in spans),
                "classifier_only": sum(x.support == "classifier_only" for x in sent_scores)},
    )


SPEC = AnalyzerSpec("loaded_language", analyze, LoadedLanguage, requires=("attribution",), rules=RULES,
                    lexicons=(*_rules.LEXICONS, *_rules.AGENT_LEXICONS, *_rules.VOICE_LEXICONS), models=(_model.MODEL_NAME, _spans.MODEL_NAME))
