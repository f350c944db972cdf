"""Attribution: who speaks in an article, how their words are introduced, and what goes unsourced.

What it measures
----------------
* **Attributions** (``quotes``): every attribution relation as a triple of
  spans, *source* (who), *cue* (the reporting verb, noun, phrase or adverb) and
  *content* (what is attributed), following the source-cue-content model of
  PARC 3.0 (Pareti 2016) and PolNeAR (Newell, Margolin & Ruths 2018). Types:

  - ``direct``: the content is (mostly) text inside quotation marks, with the
    speaker in the same, the previous or the next sentence, including quotes
    running over several sentences and quotes split by their attribution
    ("..., he said, ...");
  - ``indirect``: a reporting verb or noun with its complement ("Trump
    announced that ...", "the government's statement that ...");
  - ``according_to``: "according to X, ...";
  - ``agentless``: the source is hidden ("it was reported that ...", "X is
    believed to ...", "reportedly").

* **Speaker**: the source phrase resolved to an actor of the ``actors``
  section (``actor_at`` / ``resolve``), pronouns to the last compatible speaker,
  and its kind: ``named_person``, ``organisation``, ``government``,
  ``anonymous`` ("officials", "a source familiar with"), ``vague`` ("critics",
  "many", "the whole world") or ``unknown``.
* **Speaker plausibility**: a reporting verb makes an attribution only when its
  source can speak -- a person, organisation, government, country, group,
  anonymous or vague source, document, or a pronoun resolving to one. Heads
  from ``lexicons/inanimate_heads.tsv`` (weapons, vehicles, events, actions,
  abstractions: 'the drone blasts the convoy', 'the vote will confirm that
  ...') and an 'it' that resolves to no institution are dropped
  (``rule:attribution.not_source_inanimate``); so is a reporting verb under
  'must'/'should' or a conditional 'will' ('X must say clearly what ...',
  'if it does, it will confirm ...': ``rule:attribution.not_report_modal``).
  Unknown common nouns pass (the small model has no animacy feature).
* **Cue class** from ``lexicons/reporting_verbs.tsv``: neutral, endorsing,
  distancing or loaded (Bell 1991; Caldas-Coulthard 1994; Thompson & Ye 1991).
* **Anonymous sources** and **vague attributions** (``lexicons/source_terms.tsv``),
  including stand-alone appeals to general opinion with no reporting verb
  ("World over, there is severe condemnation ...").
* **Unattributed claims**: author-voice sentences asserting contestable facts
  or judgements (numbers, casualties, causal links, evaluative predicates from
  ``lexicons/claim_markers.tsv``; check-worthiness after Hassan et al. 2017)
  with no identifiable source in the sentence or its paragraph.
* **Summary** per article: share of words inside attributed content, distinct
  sources by kind, share of quoted words per speaker, cue classes per speaker,
  and ``speakers``: one card per confident speaker with its kind (person,
  organisation, government, group), role and affiliation as the article states
  them (:mod:`.cards`: 'Gil Barndollar of Defense Priorities' is a person
  affiliated with Defense Priorities, not an organisation).

Ranges: shares are in [0, 1]; counts are non-negative integers; every listed
item carries ``start``, ``end`` and ``quote == text[start:end]``.

Rule ids are the keys of :data:`RULES`. Modules: :mod:`.cues` (lexicon bundle,
token helpers), :mod:`.rules` (reported speech), :mod:`.quotes` (direct quotations),
:mod:`.speakers` (plausibility, kinds, pronouns, roles), :mod:`.people` (names, pronouns, titles
and deaths the article reports), :mod:`.speech` (what is not a statement), :mod:`.model` (the span model,
inference only), :mod:`.learned` (its picks applied to the rules' candidates),
:mod:`.claims` (vague appeals, unattributed claims, summary), :mod:`.cards` (speaker cards). The section type is
:class:`framing.schema.sections.attribution.Attribution`.

Known limits
------------
* Rules read spaCy's dependency parse (``en_core_web_sm``): a wrong attachment
  gives a wrong source or content boundary. A trained layer
  (:mod:`framing.analyzers.attribution.model`, fitted on PolNeAR's official train
  compartment by :mod:`framing.train.attribution`) scores every candidate cue and chooses each one's content span:
  it drops rule attributions it does not believe, moves a rule's content when
  its own choice differs by more than half, and adds cues no rule took
  (``model:attribution.learned_cue``: only with a person, group or institution
  as source, never a content holding its own cue or a nested report's cue).
  The option ``use_model=False`` gives the rules alone. On the 84 held-out
  articles of PolNeAR's official dev compartment the content F1 at 50% of the
  longer span is 0.697 (precision 0.79, recall 0.62; exact 0.53; any overlap
  0.79), source F1 0.74, cue F1 0.67, speaker accuracy 0.89, with
  ``attributions="all"`` (PolNeAR's notion); the default statements-only
  listing scores 0.648 (precision 0.84, recall 0.53); the rules alone 0.646. Recall is limited by PolNeAR's broad notion of
  attribution: many missed contents belong to a long tail of action and stance
  verbs ('attacked', 'signed', 'voted for', 'made fun of') that the model
  ranks low. A reporting verb inside a quotation is the quoted speaker's own
  words and is not a new attribution (PolNeAR does not annotate those either).
* Pronoun resolution is a rule, not coreference: "he"/"she" goes to the most
  recent speaker or person subject (outside quotations and reported content)
  whose pronoun agrees and whom the article does not report dead
  (:mod:`.people`), else the speaker is unclear; "it" to the last organisation
  or government, "they" to the last plural or collective speaker. On the
  hand-made gold of issue 15 (``tests/gold/attribution.jsonl``) direct-quote
  speaker precision is 0.975 and recall 0.916, reported-speech speaker
  precision 0.952, 0.978 of listed attributions are statements, and 0.974 of
  the author's loaded phrases are in the author's voice.
* Single quotation marks are not read as quotes (apostrophes make them
  unreliable); scare quotes (short, verbless, or after "so-called") and quoted
  titles are not attributions.
* Unattributed claims are candidates for checking, not errors: a sourced claim
  in the previous paragraph is not seen.

Literature: Pareti (2016) PARC 3.0; Newell et al. (2018) PolNeAR, LREC;
Asr et al. (2021) The Gender Gap Tracker, PLOS ONE (syntactic quote rules);
Bell (1991) The Language of News Media; Caldas-Coulthard (1994) On reporting
reporting; Thompson & Ye (1991) Applied Linguistics 12(4); Ganter & Strube
(2009) weasel words; Hassan et al. (2017) ClaimBuster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from framing.analyzers import AnalyzerSpec, Context
from framing.analyzers.attribution.cards import quote_key, speaker_cards
from framing.analyzers.attribution.claims import (
    standalone_vague,
    summary,
    unattributed_claims,
)
from framing.analyzers.attribution.cues import LEXICONS, Cand, Lex, lex_of
from framing.analyzers.attribution.learned import model_candidates
from framing.analyzers.attribution.model import AttributionSpanModel
from framing.analyzers.attribution.people import People, people_of
from framing.analyzers.attribution.quotes import (
    all_quotes,
    embedded_posts,
    outer,
    quote_kind,
    quoted_stretches_only,
)
from framing.analyzers.attribution.rules import (
    CUE_CLASSES,
    RULES,
    SPEAKER_KINDS,
    TYPES,
    rule_candidates,
)
from framing.analyzers.attribution.speakers import History, resolve_speaker
from framing.analyzers.attribution.speech import not_speech
from framing.analyzers.spanindex import Coverage
from framing.errors import ModelError
from framing.schema import AttributionType, CueClass, Span, SpeakerKind
from framing.schema.sections.attribution import Attribution, Quote, SourceMention

__all__ = ["CUE_CLASSES", "MODEL", "RULES", "SPEAKER_KINDS", "SPEC", "TYPES", "Attribution", "Quote", "analyze"]

#: the name of the span model in ``framing/models/`` and in ``ctx.models``
MODEL = "attribution_spans"


def analyze(ctx: Context) -> Attribution:
    """Attributions, anonymous and vague sources, unattributed claims and a summary for one parsed article.

    Reads ``ctx.result("actors")`` (speakers resolve to its actors), the lexicons
    of :data:`~framing.analyzers.attribution.cues.LEXICONS`, and, unless
    ``ctx.options["use_model"]`` is false, the span model ``ctx.models["attribution_spans"]``
    (an :class:`~framing.analyzers.attribution.model.AttributionSpanModel`; inject a
    candidate with ``Models({"attribution_spans": candidate})``). ``ctx.options["attributions"]``:
    ``"statements"`` (default) drops what is not a statement (:mod:`.speech`); ``"all"`` keeps PolNeAR's broad
    notion of attribution (actions, stances, beliefs without a proposition).
    """
    parsed = ctx.parsed
    actors = ctx.result("actors")
    lex = lex_of(ctx.lexicons)
    cands = rule_candidates(parsed, lex, actors=actors)
    if ctx.options.get("use_model", True):
        model = ctx.models[MODEL]
        if not isinstance(model, AttributionSpanModel):
            raise ModelError(f"models[{MODEL!r}] is a {type(model).__name__}, expected an AttributionSpanModel; "
                             "rebuild it with `framing train attribution`")
        cands = model_candidates(parsed, cands, lex, model, actors)
    text = parsed.text
    # 'statements' (the default) lists what someone said or thought; 'all' keeps PolNeAR's broad notion of
    # attribution (actions, stances and beliefs without a proposition as well): the PolNeAR evaluation uses it
    broad = ctx.options.get("attributions", "statements") == "all"
    posts = embedded_posts(parsed)
    speech = [outer(text, q) for q in all_quotes(parsed) if quote_kind(parsed, q) == "speech"]
    speech += [p.content[0] for p in posts]
    if posts:  # a post's words are its author's: attributions found inside them give way to the post
        cover = Coverage([p.content[0] for p in posts])
        cands = [c for c in cands if not any(cover.contains(p) for p in c.content)] + posts
    # a reporting verb inside a quotation belongs to the quoted speaker's own words ('"I want to ask you ..."'),
    # not to a new source of the article
    in_speech = Coverage(speech)  # containment by bisect (= framing.nlp.quotes.in_quotes over speech)
    quoted_stretches_only(parsed, cands)
    cands = [c for c in cands if c.content
             and not (c.type != "direct" and c.cue_span is not None and in_speech.contains(c.cue_span))
             and (broad or any(in_speech.overlap_sum(p) for p in c.content) or not not_speech(parsed, c))]
    cands.sort(key=lambda c: (c.content[0].start, c.cue_span.start if c.cue_span else 0))
    quotes, anonymous, vague, people, roles = _assemble(parsed, cands, lex, actors)
    vague.extend(standalone_vague(parsed, lex, vague, ctx.quoted_regions))
    vague.sort(key=lambda v: v.span.start)
    anonymous.sort(key=lambda v: v.span.start)
    claims = unattributed_claims(parsed, quotes, lex)
    summ = summary(parsed, quotes, anonymous, vague, claims)
    summ["speakers"] = speaker_cards(quotes, people, roles, lex)
    return Attribution(tuple(quotes), tuple(anonymous), tuple(vague), tuple(claims), summ)


def _assemble(parsed, cands: Sequence[Cand], lex: Lex, actors: Any) -> tuple[
        list[Quote], list[SourceMention], list[SourceMention], People, dict[tuple, str]]:
    """Quotes (in text order), anonymous sources and vague attributions of the final candidates.

    Speakers are resolved in the order of their source (or cue) in the text, so
    a pronoun goes to a speaker before it; a candidate repeating another's cue
    and content is dropped; one source phrase with two cues ('officials who asked
    not to be named said ...') is one source."""
    text = parsed.text
    quotes: list[Quote] = []
    anonymous: dict[Span, SourceMention] = {}
    vague: dict[Span, SourceMention] = {}
    history: History = []
    seen_keys: set = set()
    roles: dict[tuple, str] = {}
    people = people_of(parsed, lex.person_nouns, lex.first_names)
    # a person named inside what someone is reported to have said is not a candidate for a later 'he said'
    people.contents = [p for c in cands if c.type != "direct" for p in c.content]
    people.in_content = Coverage(people.contents)
    for c in sorted(cands, key=lambda c: (c.source_span or c.cue_span or c.content[0]).start):
        key = (c.cue_span, tuple(c.content))
        if key in seen_keys:
            continue
        seen_keys.add(key)
        speaker, kind, actor, stext, srule, term, conf = resolve_speaker(parsed, c, lex, actors, history, people)
        cue_text = c.cue_label or (text[c.cue_span.start:c.cue_span.end] if c.cue_span else "")
        if c.source_span is not None and c.source_tok is not None and not srule and kind in ("anonymous", "vague"):
            s = c.source_span
            found = anonymous if kind == "anonymous" else vague
            found[s] = SourceMention(s, text[s.start:s.end], term, f"rule:attribution.{kind}_source", cue_text)
        parts = [p for p in (c.source_span, c.cue_span, *c.content) if p is not None]
        span = Span(min(p.start for p in parts), max(p.end for p in parts))
        quotes.append(q := Quote(
            type=AttributionType(c.type), speaker=speaker, speaker_kind=SpeakerKind(kind), actor=actor, cue=cue_text,
            cue_class=CueClass(c.cue.cls) if c.cue and c.cue.cls else None, cue_weight=c.cue.weight if c.cue else 0.0,
            span=span, quote=text[span.start:span.end], speaker_span=c.source_span, cue_span=c.cue_span,
            content=tuple(sorted(set(c.content), key=lambda x: (x.start, x.end))), rule=c.rule,
            speaker_text=stext, speaker_rule=srule, act=c.cue.act if c.cue else "speech", speaker_confidence=conf,
        ))
        if kind == "anonymous" and term:
            roles[quote_key(q)] = term
    quotes.sort(key=lambda q: (q.span.start, q.span.end))
    return _continued_speakers(parsed, quotes), list(anonymous.values()), list(vague.values()), people, roles


def _continued_speakers(parsed, quotes: list[Quote]) -> list[Quote]:
    """A direct quotation with no source in its paragraph takes the speaker of the attribution just before it
    when that one ends the previous paragraph or its own (the news convention of a speaker's quote following
    their attribution: ``rule:attribution.quote_previous_speaker``, confidence 0.6), or of the quotation that
    reopens it at the start of the next paragraph (a quote running over paragraphs, confidence 0.8); with
    neither, the speaker is unclear (confidence 0)."""
    out: list[Quote] = []
    for k, q in enumerate(quotes):
        nxt = quotes[k + 1] if k + 1 < len(quotes) else None
        if (q.type == AttributionType.DIRECT and q.speaker_span is None and not q.speaker and nxt is not None
                and nxt.type == AttributionType.DIRECT and nxt.speaker and nxt.confident
                and parsed.paragraph_index(nxt.content_span.start) == parsed.paragraph_index(q.content_span.end - 1) + 1
                and not parsed.text[q.content_span.end:nxt.content_span.start].strip(" \n\u201c\u201d\"")):
            # a quotation left open at its paragraph's end and reopened by the next one: the same speaker
            q = replace(q, speaker=nxt.speaker, speaker_kind=nxt.speaker_kind, actor=nxt.actor,
                        speaker_rule="rule:attribution.quote_previous_speaker", speaker_confidence=0.8)
        if q.type == AttributionType.DIRECT and q.speaker_span is None and not q.speaker:
            qp = parsed.paragraph_index(q.content_span.start)
            prev = next((p for p in reversed(out) if p.span.end <= q.span.start), None)
            if (prev is not None and prev.speaker and prev.confident
                    and parsed.paragraph_index(max(prev.span.start, prev.span.end - 1)) in (qp, qp - 1)):
                q = replace(q, speaker=prev.speaker, speaker_kind=prev.speaker_kind, actor=prev.actor,
                            speaker_rule="rule:attribution.quote_previous_speaker", speaker_confidence=0.6)
        out.append(q)
    return out


SPEC = AnalyzerSpec("attribution", analyze, Attribution, requires=("actors",), rules=RULES, lexicons=LEXICONS,
                    models=(MODEL,))
