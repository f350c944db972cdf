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

* **Speaker**: the source phrase resolved to an actor when an ``ActorSet`` is
  given (``actor_at`` / ``resolve``), pronouns to the last compatible speaker,
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
  sources by kind, share of quoted words per speaker, cue classes per speaker.

Ranges: shares are in [0, 1]; counts are non-negative integers; every listed
item carries ``start``, ``end`` and ``quote == text[start:end]``.

Rule ids are the keys of :data:`RULES`.

Known limits
------------
* Rules read spaCy's dependency parse (``en_core_web_sm``): a wrong attachment
  gives a wrong source or content boundary. A trained layer
  (:mod:`framing.attribution_model`, fitted on PolNeAR's official train
  compartment) scores every candidate cue and chooses each one's content span:
  it drops rule attributions it does not believe, moves a rule's content when
  its own choice differs by more than half, and adds cues no rule took
  (``model:attribution.learned_cue``: only with a person, group or institution
  as source, never a content holding its own cue or a nested report's cue).
  ``analyze(..., use_model=False)`` gives the rules alone. On the 84 held-out
  articles of PolNeAR's official dev compartment the content F1 at 50% of the
  longer span is 0.686 (precision 0.78, recall 0.61; exact 0.52; any overlap
  0.79), source F1 0.73, cue F1 0.66, speaker accuracy 0.89; the rules alone
  score 0.634 there. Recall is limited by PolNeAR's broad notion of
  attribution: many missed contents belong to a long tail of action and stance
  verbs ('attacked', 'signed', 'voted for', 'made fun of') that the model
  ranks low. A reporting verb inside a quotation is the quoted speaker's own
  words and is not a new attribution (PolNeAR does not annotate those either).
* Pronoun resolution is a recency rule, not coreference: "he" goes to the last
  person who spoke (or, before anyone has spoken, the last person named in the
  two sentences before), "it" to the last organisation or government, "they"
  to the last plural or collective speaker.
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

import functools
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from framing import lexicon
from framing.schema import Span

log = logging.getLogger(__name__)

RULES: dict[str, str] = {
    "rule:attribution.verb_complement": "a reporting verb with a clausal complement: 'X said (that) ...'",
    "rule:attribution.verb_object": "a speech-act verb whose object or to-infinitive is what was said: 'X announced sanctions'",
    "rule:attribution.inserted_cue": "an attribution clause inserted into or after its content: '..., he said, ...'",
    "rule:attribution.colon_cue": "a reporting verb introducing its content after a colon: 'X said: ...'",
    "rule:attribution.noun_complement": "a reporting noun with a that-clause: 'X's statement that ...', 'a report that ...'",
    "rule:attribution.according_to": "'according to X' attributes the clause it modifies to X",
    "rule:attribution.in_statement": "'in a statement (interview, tweet ...), X ...' makes the clause's verb a reporting cue",
    "rule:attribution.direct_quote": "text in quotation marks attached to a reporting cue in the same sentence",
    "rule:attribution.adjacent_quote": "a quotation whose speaker and cue are in the previous or next sentence",
    "rule:attribution.quote_continuation": "a quotation opening a paragraph right after a quotation of the same speaker",
    "rule:attribution.unattributed_quote": "a full quotation with no reporting cue nearby: the speaker is unknown",
    "rule:attribution.agentless_passive": "an agentless passive of a reporting verb: 'it was reported that ...', 'X is believed to ...'",
    "rule:attribution.agentless_adverb": "an attribution adverb with no source: 'reportedly', 'allegedly'",
    "rule:attribution.pronoun_speaker": "a pronoun speaker resolved to the last compatible speaker",
    "rule:attribution.anonymous_source": "the speaker is an unnamed source ('officials', 'a source familiar with')",
    "rule:attribution.vague_source": "the speaker is a vague collective ('critics', 'many', 'the whole world')",
    "rule:attribution.vague_phrase": "an appeal to general opinion with no identifiable source ('world over, there is ...')",
    "rule:attribution.unattributed_claim": "an author-voice sentence with a contestable claim and no source in its sentence or paragraph",
    "rule:attribution.claim_number": "the claim contains a number, amount or percentage",
    "rule:attribution.claim_casualty": "the claim reports deaths or injuries",
    "rule:attribution.claim_causal": "the claim asserts a cause or a consequence",
    "rule:attribution.claim_evaluative": "the claim evaluates or judges (an evaluative predicate)",
    "rule:attribution.not_quote_scare": "text in quotation marks that is a scare quote or a mention, not speech",
    "rule:attribution.not_quote_title": "text in quotation marks that is a title, not speech",
    "rule:attribution.speaker_entity": "the source head is a person, organisation, country or group (entity tag, actor or appositive)",
    "rule:attribution.speaker_noun": "the source head is a source term or an institution or group noun",
    "rule:attribution.speaker_pronoun": "the source is a personal pronoun, or 'it' resolving to an organisation or government",
    "rule:attribution.not_source_inanimate": "no attribution: the would-be source cannot speak (a weapon, event, action, abstraction, unresolved 'it')",
    "rule:attribution.not_report_modal": "no attribution: a reporting verb under 'must/should' or a conditional 'will' is demanded or predicted, not reported",
    "model:attribution.learned_cue": "a cue found by the trained span model (framing.attribution_model) that no rule took; its content is the span the model scores best",
}

TYPES = ("direct", "indirect", "according_to", "agentless")
SPEAKER_KINDS = ("named_person", "organisation", "government", "anonymous", "vague", "unknown")
CUE_CLASSES = ("neutral", "endorsing", "distancing", "loaded")

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CLAUSE_DEPS = ("ccomp",)
_PERSON_PRON = {"he", "she", "him", "her", "i", "me"}
_NONPERSON_PRON = {"it"}
_PLURAL_PRON = {"they", "them", "we", "us"}
_FIRST_SECOND = {"i", "we", "you"}
_RELATIVE = {"who", "that", "which", "whom"}
_STATEMENT_NOUNS = {"statement", "interview", "tweet", "post", "letter", "speech", "release", "remarks", "remark",
                    "address", "briefing", "conference", "op-ed", "column", "message", "email", "memo", "video", "op"}
_QUOTE_CHARS = "\"\u201c\u201d\u00ab\u00bb\u201e"
_TRIM_CHARS = " \n\t,;:.—–-"
_DASHES = {"-", "--", "—", "–"}


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Cue:
    term: str
    words: tuple[str, ...]
    cls: str
    weight: float
    pos: frozenset
    content: str
    act: str = "speech"


@dataclass(frozen=True)
class _Lex:
    single: Mapping[str, _Cue]
    multi: Mapping[str, tuple[_Cue, ...]]  # first word -> phrases, longest first
    rule: str
    source_heads: Mapping[str, str]
    source_phrases: tuple[tuple[str, str], ...]
    standalone: tuple[tuple[re.Pattern, str, str], ...]
    source_rule: str
    claim_single: Mapping[str, str]
    claim_multi: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    claim_rule: str
    inanimate: Mapping[str, str]  # head lemma -> kind (lexicons/inanimate_heads.tsv)
    agent_nouns: frozenset  # institution and group nouns (lexicons/actor_nouns.tsv)


@functools.cache
def _lex() -> _Lex:
    rv = lexicon.load("reporting_verbs")
    single: dict[str, _Cue] = {}
    multi: dict[str, list[_Cue]] = defaultdict(list)
    for e in rv:
        words = tuple(e["term"].lower().split())
        cue = _Cue(e["term"], words, e["class"], float(e["weight"]), frozenset(p.strip() for p in e["pos"].split(",")), e["content"], e["act"])
        if len(words) == 1:
            single[words[0]] = cue
        else:
            multi[words[0]].append(cue)
    multi_t = {k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in multi.items()}
    st = lexicon.load("source_terms")
    heads: dict[str, str] = {}
    phrases: list[tuple[str, str]] = []
    standalone: list[tuple[re.Pattern, str, str]] = []
    for e in st:
        term = e["term"].lower()
        if e["scope"] == "head":
            heads[term] = e["kind"]
        elif e["scope"] == "phrase":
            phrases.append((term, e["kind"]))
        else:
            pat = re.compile(r"(?<![\w])" + r"\s+".join(re.escape(w) for w in term.split()) + r"(?![\w])", re.IGNORECASE)
            standalone.append((pat, e["kind"], e["term"]))
    cm = lexicon.load("claim_markers")
    claim_single: dict[str, str] = {}
    claim_multi: dict[str, list] = defaultdict(list)
    for e in cm:
        words = tuple(e["term"].lower().split())
        if len(words) == 1:
            claim_single[words[0]] = e["kind"]
        else:
            claim_multi[words[0]].append((words, e["kind"]))
    return _Lex(
        single, multi_t, rv.rule, heads, tuple(phrases), tuple(standalone), st.rule,
        claim_single, {k: tuple(v) for k, v in claim_multi.items()}, cm.rule,
        {e["term"].lower(): e["kind"] for e in lexicon.load("inanimate_heads")},
        frozenset(e["term"].lower() for e in lexicon.load("actor_nouns")),
    )


# --------------------------------------------------------------------------- result objects


def _item(text: str, start: int, end: int, **kw: Any) -> dict[str, Any]:
    d = {"start": start, "end": end, "quote": text[start:end]}
    d.update(kw)
    return d


@dataclass(frozen=True)
class Quote:
    """One attribution relation (a quote, a paraphrase or a reported belief).

    ``span`` covers speaker, cue and content; ``content`` holds the content
    fragments (two when the attribution interrupts the quote).
    """

    type: str
    speaker: str
    speaker_kind: str
    actor: str | None
    cue: str
    cue_class: str
    cue_weight: float
    span: Span
    speaker_span: Span | None
    cue_span: Span | None
    content: tuple[Span, ...]
    rule: str
    speaker_text: str = ""
    speaker_rule: str = ""
    act: str = "speech"

    @property
    def content_span(self) -> Span:
        return Span(min(c.start for c in self.content), max(c.end for c in self.content))

    def to_dict(self, text: str) -> dict[str, Any]:
        cs = self.content_span
        d = _item(text, self.span.start, self.span.end)
        d.update({
            "type": self.type,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "actor": self.actor,
            "cue": self.cue,
            "cue_class": self.cue_class,
            "cue_weight": self.cue_weight,
            "speaker_start": self.speaker_span.start if self.speaker_span else None,
            "speaker_end": self.speaker_span.end if self.speaker_span else None,
            "speaker_text": self.speaker_text,
            "cue_start": self.cue_span.start if self.cue_span else None,
            "cue_end": self.cue_span.end if self.cue_span else None,
            "content_start": cs.start,
            "content_end": cs.end,
            "content": text[cs.start:cs.end],
            "content_fragments": [_item(text, c.start, c.end) for c in self.content],
            "act": self.act,
            "rule": self.rule,
        })
        if self.speaker_rule:
            d["speaker_rule"] = self.speaker_rule
        return d


@dataclass(frozen=True)
class Attribution:
    """The attribution analysis of one article (see the module docstring)."""

    text: str
    quotes: tuple[Quote, ...]
    anonymous_sources: tuple[Mapping[str, Any], ...]
    vague_attributions: tuple[Mapping[str, Any], ...]
    unattributed_claims: tuple[Mapping[str, Any], ...]
    summary: Mapping[str, Any] = field(default_factory=dict)

    def quoted_spans(self) -> tuple[Span, ...]:
        """Content spans of direct, indirect and according-to attributions: the quoted voice.

        Agentless attributions ("it is believed that ...") stay in the author's
        voice: no one else is named as holding the claim. So does the object of
        a stance verb ("X supports the wall"): the words are the writer's.
        Direct quotations always count.
        """
        spans = sorted({c for q in self.quotes if _is_voice(q) for c in q.content}, key=lambda s: (s.start, s.end))
        return tuple(spans)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quotes": [q.to_dict(self.text) for q in self.quotes],
            "anonymous_sources": [dict(x) for x in self.anonymous_sources],
            "vague_attributions": [dict(x) for x in self.vague_attributions],
            "unattributed_claims": [dict(x) for x in self.unattributed_claims],
            "summary": dict(self.summary),
        }


def _is_voice(q: "Quote") -> bool:
    """Whether the content of ``q`` is another's voice (see :meth:`Attribution.quoted_spans`)."""
    if q.type == "direct":
        return True
    return q.type != "agentless" and q.act != "stance"


# --------------------------------------------------------------------------- token helpers


def _tok_span(tokens) -> Span | None:
    toks = [t for t in tokens if not t.is_space]
    if not toks:
        return None
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _trim(text: str, start: int, end: int, *, keep_quotes: bool = True) -> Span | None:
    """Trim whitespace and edge punctuation (commas, colons, a final period), keeping quotation marks."""
    chars = _TRIM_CHARS if keep_quotes else _TRIM_CHARS + _QUOTE_CHARS
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    if end <= start:
        return None
    return Span(start, end)


def _subtree_span(tok, *, exclude=()) -> Span:
    """Character span of ``tok``'s subtree, cut at excluded child subtrees on the edges."""
    left, right = tok.left_edge.i, tok.right_edge.i
    doc = tok.doc
    for ex in exclude:
        if ex.left_edge.i <= left <= ex.right_edge.i:
            left = ex.right_edge.i + 1
        if ex.left_edge.i <= right <= ex.right_edge.i:
            right = ex.left_edge.i - 1
    if right < left:
        left = right = tok.i
    return Span(doc[left].idx, doc[right].idx + len(doc[right].text))


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _match_cue(tok, lex: _Lex) -> tuple[_Cue, int] | None:
    """The lexicon cue starting at ``tok`` (phrase first) and the index of its last token."""
    doc = tok.doc
    lem = _lemma(tok)
    low = tok.lower_
    for key in {lem, low}:
        for cue in lex.multi.get(key, ()):
            n = len(cue.words)
            if tok.i + n > len(doc):
                continue
            ok = True
            for k, w in enumerate(cue.words[1:], 1):
                t = doc[tok.i + k]
                if w not in (t.lower_, _lemma(t)):
                    ok = False
                    break
            if ok:
                return cue, tok.i + n - 1
    cue = lex.single.get(lem) or lex.single.get(low)
    if cue is None and tok.tag_ == "VBZ" and low.endswith("s"):
        cue = lex.single.get(low[:-1]) or lex.single.get(low[:-2])  # lemmatiser slips: 'hopes' -> 'hop'
    if cue is None:
        return None
    pos = tok.pos_
    if pos in ("VERB", "AUX") and "verb" in cue.pos:
        return cue, tok.i
    if pos in ("NOUN", "PROPN") and "noun" in cue.pos:
        return cue, tok.i
    if pos == "ADV" and "adverb" in cue.pos:
        return cue, tok.i
    return None


def _subject(verb, depth: int = 0):
    """The subject of ``verb``, climbing through open complements, conjunctions and adverbial clauses."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return c
    if depth >= 3:
        return None
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            # 'a statement saying ...': the noun speaks; not 'their determination to defend ...'
            return head if verb.tag_ in ("VBG", "VBN") else None
        if head.pos_ in ("VERB", "AUX"):
            return _subject(head, depth + 1)
    if verb.dep_ == "dep" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.head.i < verb.i and verb.head.pos_ in ("VERB", "AUX"):
        # '..., then admitted ...' hung on the first verb as an unlabelled dependent: the same subject
        return _subject(verb.head, depth + 1)
    if depth == 0 and verb.tag_ in ("VBD", "VBZ", "VBP"):
        # 'X at first denied A, then admitted B' parsed with 'denied' as an adverbial clause of 'admitted':
        # a finite verb with no subject of its own shares the subject of the clause before it
        for c in verb.children:
            if c.dep_ in ("advcl", "conj") and c.i < verb.i and c.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
                subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    return subj
    return None


def _agent(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _np_span(tok) -> Span:
    """The source noun phrase: the subtree, without relative clauses and trailing appositive clauses."""
    exclude = [c for c in tok.children if c.dep_ in ("relcl", "case")]
    return _subtree_span(tok, exclude=exclude)


# --------------------------------------------------------------------------- candidate attributions


@dataclass
class _Cand:
    type: str
    rule: str
    cue: _Cue | None
    cue_span: Span | None
    cue_tok: int
    source_tok: Any
    source_span: Span | None
    content: list[Span]
    cue_label: str = ""


def _clause_span(c, text: str) -> Span | None:
    """The subtree of a complement clause, trimmed, without a trailing participial clause after a comma
    (', referring to ...', ', adding ...': the writer's addition or a new attribution) and without a conjoined
    second reporting verb ('... but said Z'). Non-restrictive relative clauses and appositives stay: in PolNeAR
    they belong to the reported content."""
    sp = _subtree_span(c)
    end_i = c.right_edge.i
    doc = c.doc
    for t in c.subtree:
        if t.i <= c.i or t.dep_ not in ("advcl", "acl"):
            continue
        left = t.left_edge.i
        if left - 1 <= c.i or doc[left - 1].text != ",":
            continue
        if t.dep_ == "relcl" and doc[left].lower_ not in ("which", "who", "whom", "whose", "where"):
            continue
        if t.dep_ in ("advcl", "acl") and t.tag_ != "VBG":
            continue
        if t.right_edge.i >= end_i - 1:
            end_i = min(end_i, left - 2)
    lex = _lex()
    for t in c.subtree:
        if t.i <= c.i or t.i > end_i:
            continue
        if t.dep_ == "conj" and t.pos_ == "VERB" and t.head.i >= c.i and _match_cue(t, lex) is not None:
            # '... but said Z': a second reporting verb starts its own attribution
            left = t.left_edge.i
            while left - 1 > c.i and (doc[left - 1].dep_ == "cc" or doc[left - 1].is_punct):
                left -= 1
            end_i = min(end_i, left - 1)
    if end_i < c.left_edge.i:
        return _trim(text, sp.start, sp.end)
    return _trim(text, sp.start, doc[end_i].idx + len(doc[end_i].text))


def _trailing_inserted(verb) -> bool:
    """'..., she said.' parsed as an adverbial clause or conjunct of the reported clause: the verb follows its
    head after a comma, has its own subject and no object or complement of its own."""
    if verb.dep_ not in ("advcl", "conj", "ccomp") or verb.i < verb.head.i:
        return False
    left = verb.left_edge.i
    while left < verb.i and verb.doc[left].is_punct and verb.doc[left].text not in ("\u201d", '"', "''"):
        left += 1
    if left == 0 or verb.doc[left - 1].text not in (",", "\u201d", '"', "''"):
        return False
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") for c in verb.children)


def _content_from_verb(verb, cue: _Cue, last: int, text: str):
    """(content spans, rule) for a verb cue, or None."""
    doc = verb.doc
    clause = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS and c.i != verb.i]
    if not clause and cue.act == "speech":
        clause = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.tag_ == "VBG"
                  and not any(a.dep_ == "aux" for a in c.children)]
    if clause:
        spans = []
        for c in clause:
            tr = _clause_span(c, text)
            if tr:
                spans.append(tr)
        if spans:
            before = all(s.end <= verb.idx for s in spans)
            return spans, ("rule:attribution.inserted_cue" if before else "rule:attribution.verb_complement")
    # colon: 'X said: ...' (content runs to the end of the sentence)
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and nxt.text == ":":
        sent = verb.sent
        if nxt.i + 1 < sent.end:
            sp = _tok_span(doc[nxt.i + 1: sent.end])
            if sp:
                tr = _trim(text, sp.start, sp.end)
                if tr:
                    return [tr], "rule:attribution.colon_cue"
        return [], "rule:attribution.colon_cue"  # the content is in the next sentence
    # inserted: 'The plan, he said, is wrong' / 'It is wrong, he said.'
    if (verb.dep_ == "parataxis" or _trailing_inserted(verb)) and verb.head.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
        head = verb.head
        full = _subtree_span(head)
        own = _subtree_span(verb)
        parts = []
        for s, e in ((full.start, own.start), (own.end, full.end)):
            tr = _trim(text, s, e)
            if tr and len(tr) > 1:
                parts.append(tr)
        if parts:
            return parts, "rule:attribution.inserted_cue"
    if cue.content == "object":
        for c in verb.children:
            if c.dep_ in ("dobj", "xcomp") and c.i > verb.i and c.lower_ not in ("it", "this", "that", "so"):
                sp = _subtree_span(c)
                # 'called X a Y': the object and its predicate complement together
                for o in verb.children:
                    if o.dep_ in ("oprd", "xcomp", "ccomp") and o.i > c.i:
                        sp = Span(sp.start, max(sp.end, _subtree_span(o).end))
                tr = _trim(text, sp.start, sp.end)
                if tr:
                    return [tr], "rule:attribution.verb_object"
            if c.dep_ == "prep" and cue.words[-1] == c.lower_ and len(cue.words) > 1:
                # phrasal cue 'call for X'
                for p in c.children:
                    if p.dep_ == "pobj":
                        sp = _subtree_span(p)
                        tr = _trim(text, sp.start, sp.end)
                        if tr:
                            return [tr], "rule:attribution.verb_object"
    if cue.act == "speech":
        # 'spoke about X', 'asked about X', 'commented on X': the topic as content
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("about", "on", "of") and c.i > verb.i:
                p = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                if p is not None:
                    sp = _subtree_span(p)
                    tr = _trim(text, sp.start, sp.end)
                    if tr:
                        return [tr], "rule:attribution.verb_object"
    return None


def _content_from_noun(noun, text: str):
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "appos") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            sp = _subtree_span(c)
            tr = _trim(text, sp.start, sp.end)
            if tr:
                return [tr]
    return None


def _noun_source(noun):
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    comps = [c for c in noun.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")]
    if comps:
        return comps[0]
    return None


def _find_candidates(parsed, lex: _Lex) -> list[_Cand]:
    doc = parsed.doc
    text = parsed.text
    out: list[_Cand] = []
    used: set[int] = set()
    for tok in doc:
        if tok.i in used or tok.is_punct or tok.is_space:
            continue
        # 'according to X'
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cand = _according_to(tok, lex, text)
            if cand:
                out.append(cand)
                used.add(tok.i)
            continue
        m = _match_cue(tok, lex)
        if m is None:
            cand = _headline_verb(tok, lex, text)
            if cand is not None:
                out.append(cand)
                used.add(tok.i)
                continue
            if tok.pos_ in ("VERB",):
                cand = _in_statement(tok, lex, text)
                if cand:
                    out.append(cand)
                    used.add(tok.i)
            continue
        cue, last = m
        if cue.term == "according to":
            continue
        cue_span = Span(tok.idx, doc[last].idx + len(doc[last].text))
        if "adverb" in cue.pos and tok.pos_ == "ADV":
            head = tok.head
            if head.i == tok.i:
                continue
            full = _subtree_span(head)
            parts = [p for p in (_trim(text, full.start, tok.idx), _trim(text, cue_span.end, full.end)) if p and len(p) > 1]
            if parts:
                out.append(_Cand("agentless", "rule:attribution.agentless_adverb", cue, cue_span, tok.i, None, None, parts))
            continue
        if tok.pos_ in ("NOUN", "PROPN"):
            content = _content_from_noun(tok, text)
            if content:
                src = _noun_source(tok)
                out.append(_Cand("indirect", "rule:attribution.noun_complement", cue, cue_span, tok.i, src,
                                 _np_span(src) if src is not None else None, content))
            continue
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        # agentless passive: 'it was reported that ...', 'X is believed to ...'
        is_passive = any(c.dep_ == "auxpass" for c in tok.children)
        subj = _subject(tok)
        agent = _agent(tok) if is_passive else None
        if is_passive and agent is None:
            pass_subj = next((c for c in tok.children if c.dep_ in ("nsubjpass", "expl")), None)
            clause = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
            if clause and pass_subj is not None:
                aux = [c for c in tok.children if c.dep_ == "auxpass"]
                cs = Span(min([tok.idx] + [a.idx for a in aux]), cue_span.end)
                parts = []
                if pass_subj.lower_ != "it":
                    parts.append(_subtree_span(pass_subj))
                for c in clause:
                    sp = _subtree_span(c)
                    tr = _trim(text, sp.start, sp.end)
                    if tr:
                        parts.append(tr)
                if parts:
                    out.append(_Cand("agentless", "rule:attribution.agentless_passive", cue, cs, tok.i, None, None, parts))
                    continue
            continue
        if cue.act == "belief" and subj is not None and subj.lower_ in _FIRST_SECOND:
            continue  # 'I think', 'you know': part of the speaker's own words, not a new source
        got = _content_from_verb(tok, cue, last, text)
        if got is None:
            tail = _tail_attribution(tok, last, cue, text) if cue.act == "speech" else None
            if tail is not None:
                out.append(tail)
            continue
        if cue.act == "belief" and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for c in tok.children
                                       if c.dep_ == "ccomp" for m in c.children):
            continue  # 'does not know whether ...' attributes no content
        content, rule = got
        src = agent if agent is not None else subj
        if src is None and cue.act == "stance":
            continue  # a position with no holder is no attribution
        out.append(_Cand("indirect", rule, cue, cue_span, tok.i, src, _np_span(src) if src is not None else None, content))
    return out


def _headline_verb(tok, lex: _Lex, text: str) -> _Cand | None:
    """Headlinese 'Trump blasts Iran': in a verbless sentence the small model often reads the verb as a plural
    noun with the subject as its compound ('Trump/compound blasts/ROOT Iran/dobj'). A lexicon verb cue taking an
    object, in that position, with a noun before and an object after, is read as the verb it is
    (``rule:attribution.verb_object``); the speaker-plausibility check applies as usual ('Drone blasts convoy')."""
    if tok.dep_ != "ROOT" or tok.tag_ != "NNS" or not tok.lower_.endswith("s"):
        return None
    cue = lex.single.get(tok.lower_[:-1]) or lex.single.get(tok.lower_[:-2])
    if cue is None or "verb" not in cue.pos or cue.content != "object":
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in tok.sent):
        return None
    comps = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    objs = [c for c in tok.children if c.dep_ in ("dobj", "appos") and c.i > tok.i]
    if not comps or not objs or comps[-1].i != tok.i - 1:
        return None
    doc = tok.doc
    src_span = _tok_span(doc[comps[0].left_edge.i: tok.i])
    osp = _subtree_span(objs[0])
    content = _trim(text, osp.start, osp.end)
    if src_span is None or content is None:
        return None
    return _Cand("indirect", "rule:attribution.verb_object", cue, Span(tok.idx, tok.idx + len(tok.text)), tok.i,
                 comps[-1], src_span, [content])


_NP_POS = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART", "ADP", "CCONJ", "PUNCT", "SPACE"}


def _tail_attribution(verb, last: int, cue: _Cue, text: str) -> _Cand | None:
    """'<content>, she said.' / '<content>, said Holan, an editor.': a sentence-final attribution after a comma or
    a closing quotation mark, read from the token sequence (the parser often hangs such a verb on a word inside
    the content). The source is the short noun phrase next to the verb; the content runs from the sentence start."""
    doc = verb.doc
    sent = verb.sent
    if last + 1 < sent.end and doc[last + 1].text == ":":
        return None
    # after the verb: at most a short adverbial or the inverted subject, then the sentence end
    after = [t for t in doc[last + 1: sent.end] if not (t.is_punct and t.text in ".!?\"\u201d'")]
    if len(after) > 12 or any(t.pos_ in ("VERB", "AUX") or t.lower_ in ("that", "if", "whether") for t in after):
        return None
    # before the verb: a comma or closing quote, then (optionally) a short subject phrase
    j = verb.i - 1
    while j > sent.start and doc[j].pos_ in ("AUX", "ADV", "PART") and doc[j].text not in (",",):
        j -= 1  # 'has said', 'also said'
    k = j
    while k >= sent.start and doc[k].text not in (",", "\u201d", '"', "''", "\u2014", "--"):
        k -= 1
    if k <= sent.start:
        return None
    pre = doc[k + 1: j + 1]
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # 'criticizing', 'with all precincts reporting': not an inserted attribution
    if len(pre) > 10 or any(t.pos_ not in _NP_POS or t.lower_ in _RELATIVE for t in pre):
        return None
    if pre and (pre[0].pos_ in ("ADP", "CCONJ", "PART") or not any(t.dep_ in _SUBJ or t.pos_ == "PRON" for t in pre)):
        return None
    if not pre and (not after or after[0].pos_ not in ("PROPN", "NOUN", "DET", "ADJ")):
        return None
    src_toks = [t for t in pre if not t.is_punct] or [t for t in after if t.pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PUNCT")]
    heads = [t for t in src_toks if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not heads:
        return None
    if not pre:
        # inverted: 'said Holan, Politifact's editor' -- the source runs to the sentence end
        src_toks = [t for t in after]
    src_span = _tok_span(src_toks)
    # the source head: a pronoun or the last name of the first noun group
    head = next((t for t in heads if t.pos_ == "PRON"), None)
    if head is None:
        head = heads[0]
        for t in heads[1:]:
            if t.i == head.i + 1 and t.pos_ == head.pos_:
                head = t
            else:
                break
    start = doc[sent.start].idx
    content = _trim(text, start, doc[k].idx)
    if content is None or len(content) < 2 or src_span is None:
        return None
    cue_span = Span(doc[j + 1].idx if j + 1 <= verb.i and doc[j + 1].pos_ in ("AUX", "ADV") and False else verb.idx,
                    doc[last].idx + len(doc[last].text))
    return _Cand("indirect", "rule:attribution.inserted_cue", cue, cue_span, verb.i, head, src_span, [content])


def _according_to(tok, lex: _Lex, text: str) -> _Cand | None:
    """'according to X': X runs from 'to' to the next comma, semicolon, dash or the sentence end; the content is
    the rest of the sentence. Token boundaries rather than the parse, which often misattaches the phrase."""
    doc = tok.doc
    to = doc[tok.i + 1]
    sent = tok.sent
    j = to.i + 1
    while j < sent.end and not (doc[j].is_punct and doc[j].text in (",", ";", ".", "—", "–", ":", "?", "!", "(", ")")):
        j += 1
    if j == to.i + 1:
        return None
    src_toks = doc[to.i + 1 : j]
    # the source's head: the last noun of the phrase before a preposition ('a poll by X' -> poll)
    head = None
    for t in src_toks:
        if t.pos_ == "ADP" and head is not None:
            if t.lower_ not in ("of", "by", "from", "at", "for", "with"):
                src_toks = doc[to.i + 1 : t.i]  # 'the treaty in return for ...': the source ends before 'in'
                break
            if t.lower_ not in ("of",):
                break
        if t.pos_ in ("NOUN", "PROPN", "PRON"):
            head = t
    if head is None:
        return None
    src_span = _tok_span(src_toks)
    if src_span is None:
        return None
    sent_span = _tok_span(sent)
    if sent_span is None:
        return None
    cue = next((c for c in lex.multi.get("according", ()) if c.words == ("according", "to")), None)
    parts = [p for p in (_trim(text, sent_span.start, tok.idx), _trim(text, src_span.end, sent_span.end)) if p and len(p) > 1]
    if not parts:
        return None
    return _Cand("according_to", "rule:attribution.according_to", cue, Span(tok.idx, to.idx + len(to.text)), tok.i,
                 head, src_span, parts)


def _in_statement(verb, lex: _Lex, text: str) -> _Cand | None:
    """'In a statement, X condemned ...': the verb becomes a (neutral) cue."""
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"), None)
    if prep is None:
        return None
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or _lemma(pobj) not in _STATEMENT_NOUNS:
        return None
    subj = _subject(verb)
    if subj is None:
        return None
    content = None
    for c in verb.children:
        if c.dep_ in ("ccomp", "dobj", "xcomp"):
            sp = _subtree_span(c)
            content = _trim(text, sp.start, sp.end)
            break
    if content is None:
        return None
    cue = _Cue(verb.lemma_.lower(), (verb.lemma_.lower(),), "neutral", 0.0, frozenset({"verb"}), "object")
    return _Cand("indirect", "rule:attribution.in_statement", cue, Span(verb.idx, verb.idx + len(verb.text)), verb.i,
                 subj, _np_span(subj), [content], cue_label=f"{verb.text} (in a {pobj.text})")


# --------------------------------------------------------------------------- direct quotes


_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "as", "but", "is", "its", "it"}
_TITLE_CUES = {"book", "film", "movie", "song", "album", "titled", "entitled", "article", "essay", "column", "show",
               "series", "novel", "play", "poem", "report", "headline", "documentary", "memoir", "campaign", "slogan",
               "hashtag", "programme", "program", "operation", "dubbed", "nicknamed", "named", "called"}


def _quote_kind(parsed, q: Span) -> str:
    """'speech', 'title', 'scare' or 'short' for a span inside quotation marks."""
    text = parsed.text
    inner = text[q.start:q.end]
    words = re.findall(r"[\w'’-]+", inner)
    before = text[max(0, q.start - 14):max(0, q.start - 1)].lower()
    if re.search(r"so[- ]called\s*$", before):
        return "scare"
    prev_word = re.findall(r"[\w-]+", text[max(0, q.start - 30):max(0, q.start - 1)].lower())
    prev_word = prev_word[-1] if prev_word else ""
    content_words = [w for w in words if w.lower() not in _SMALL_WORDS]
    titleish = (
        0 < len(words) <= 10
        and content_words
        and all(w[0].isupper() or w[0].isdigit() for w in content_words)
        and not re.search(r"[.!?,;]\s*$", inner)
    )
    if titleish and (prev_word in _TITLE_CUES or len(words) >= 2):
        return "title"
    doc = parsed.doc
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    has_verb = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
    if len(words) >= 4 and has_verb or len(words) >= 8:
        return "speech"
    return "short"


_DOUBLE_APOS = re.compile(r"(?<![\w'])''(?=\S)(.+?)(?<=\S)''(?!\w)", re.DOTALL)


def _all_quotes(parsed) -> list[Span]:
    """``parsed.quotes`` plus quotations written with two apostrophes (''...''), a wire and archive convention."""
    quotes = list(parsed.quotes)
    text = parsed.text
    if "''" in text:
        for m in _DOUBLE_APOS.finditer(text):
            s, e = m.start(1), m.end(1)
            if "\n" in text[s:e]:
                continue
            if not any(q.start < e and s < q.end for q in quotes):
                quotes.append(Span(s, e))
        quotes.sort(key=lambda q: q.start)
    return quotes


def _outer(text: str, q: Span) -> Span:
    s, e = q.start, q.end
    if s > 1 and text[s - 2 : s] == "''":
        s -= 2
    elif s > 0 and text[s - 1] in _QUOTE_CHARS:
        s -= 1
    if text[e : e + 2] == "''":
        e += 2
    elif e < len(text) and text[e] in _QUOTE_CHARS:
        e += 1
    return Span(s, e)


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _attach_quotes(parsed, cands: list[_Cand], lex: _Lex) -> list[_Cand]:
    """Merge direct quotes into the candidates (extend content, set type) or add quote-only attributions.

    Order for a quotation with no complement link: a cue in the sentences it
    spans; the continuation of the previous quotation in the same paragraph
    ('"A," he said. "B."'); an introducing previous sentence ('He said:'); a
    short next sentence ('..." He added.'); the continuation of a quotation
    ending the previous paragraph.
    """
    text = parsed.text
    speech: list[Span] = []
    short: set[Span] = set()
    for q in _all_quotes(parsed):
        kind = _quote_kind(parsed, q)
        if kind == "speech":
            speech.append(_outer(text, q))
        elif kind == "short" and re.search(r"[.!?,]\s*$", text[q.start:q.end]) and len(text[q.start:q.end].split()) >= 2:
            # a short full utterance ('"Donald's here, babe."'): only as the continuation of a quotation
            speech.append(_outer(text, q))
            short.add(speech[-1])
    by_cue = {c.cue_tok: c for c in cands}
    prev_quote: tuple[Span, _Cand] | None = None
    for oq in speech:
        best = None
        best_ov = 0
        for c in cands:
            if c.type == "agentless" or c.type == "according_to":
                continue
            if c.cue_span and oq.start <= c.cue_span.start < oq.end:
                continue  # a cue inside the quote is the quoted speaker's own reporting
            ov = sum(_overlap(p, oq) for p in c.content)
            if ov > best_ov:
                best, best_ov = c, ov
        rule = "rule:attribution.direct_quote"
        if oq in short and best is not None and not (best.cue and best.cue.act == "speech"):
            best = None
        if best is None and oq not in short:
            best, rule = _nearby_cue(parsed, oq, cands, lex, by_cue, where="same")
        if best is None and prev_quote is not None:
            pq, pc = prev_quote
            pi, qi = parsed.paragraph_index(pq.start), parsed.paragraph_index(oq.start)
            gap = text[pq.end:oq.start]
            if pi == qi and len(gap.split()) <= 40:
                pc.content = _merge_content(pc.content, oq, pc.cue_span, pc.source_span)
                prev_quote = (oq, pc)
                continue
        if oq in short and best is None:
            continue
        if best is None:
            best, rule = _nearby_cue(parsed, oq, cands, lex, by_cue, where="previous")
        if best is None:
            best, rule = _nearby_cue(parsed, oq, cands, lex, by_cue, where="next")
        if best is None and prev_quote is not None:
            pq, pc = prev_quote
            pi, qi = parsed.paragraph_index(pq.start), parsed.paragraph_index(oq.start)
            para = parsed.paragraphs[qi] if parsed.paragraphs else None
            if qi == pi + 1 and para is not None and oq.start - para.start <= 1 and len(text[pq.end:oq.start].strip()) <= 2:
                pc.content = _merge_content(pc.content, oq, pc.cue_span, pc.source_span)
                prev_quote = (oq, pc)
                continue
        if best is None:
            n_words = len(text[oq.start:oq.end].split())
            if n_words >= 8:
                best = _Cand("direct", "rule:attribution.unattributed_quote", None, None, -1 - len(cands), None, None, [oq])
                cands.append(best)
                prev_quote = (oq, best)
            continue
        if rule != "rule:attribution.direct_quote":
            best.rule = rule
        merged = _merge_content(best.content, oq, best.cue_span, best.source_span)
        best.content = merged
        total = sum(len(p) for p in merged)
        inside = sum(_overlap(p, oq) for p in merged)
        if total and inside / total >= 0.6:
            best.type = "direct"
            if best.rule in ("rule:attribution.verb_complement", "rule:attribution.inserted_cue", "rule:attribution.colon_cue",
                             "rule:attribution.verb_object"):
                best.rule = "rule:attribution.direct_quote"
        prev_quote = (oq, best)
    return cands


def _merge_content(content: list[Span], oq: Span, cue: Span | None, src: Span | None) -> list[Span]:
    """Union of the content fragments and the quotation, never swallowing the cue or the speaker."""
    spans = sorted(list(content) + [oq], key=lambda s: s.start)
    merged: list[Span] = []
    for s in spans:
        if merged and s.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, s.end))
        else:
            merged.append(s)
    out: list[Span] = []
    for m in merged:
        cuts = [x for x in (cue, src) if x is not None and m.start < x.start and x.end < m.end]
        if not cuts:
            out.append(m)
            continue
        pos = m.start
        for x in sorted(cuts, key=lambda s: s.start):
            if x.start > pos:
                out.append(Span(pos, x.start))
            pos = max(pos, x.end)
        if pos < m.end:
            out.append(Span(pos, m.end))
    return out


def _nearby_cue(parsed, oq: Span, cands: list[_Cand], lex: _Lex, by_cue, *, where: str) -> tuple[_Cand | None, str]:
    """A speaker for a quotation with no complement link: a cue in the same (``where="same"``),
    the introducing previous (``"previous"``) or a short next (``"next"``) sentence."""
    doc = parsed.doc
    text = parsed.text
    sents = parsed.sentences
    if not sents:
        return None, ""
    first = parsed.sentence_index(oq.start)
    last = parsed.sentence_index(max(oq.start, oq.end - 1))
    qpara = parsed.paragraph_index(oq.start)

    def cues_in(span: Span):
        found = []
        sp = doc.char_span(span.start, span.end, alignment_mode="expand")
        if sp is None:
            return found
        for t in sp:
            if oq.start <= t.idx < oq.end:
                continue
            m = _match_cue(t, lex)
            if m and t.pos_ in ("VERB", "AUX") and m[0].act == "speech":
                subj = _subject(t)
                if subj is not None and not (oq.start <= subj.idx < oq.end):
                    found.append((t, m, subj))
        return found

    if where == "same":
        idx, rule = list(range(first, last + 1)), "rule:attribution.direct_quote"
    elif where == "previous":
        if first == 0:
            return None, ""
        s = sents[first - 1]
        # a previous sentence speaks for the quote only when it introduces it ('He said:' / 'He added,')
        if not re.search(r"[:,]\s*$", text[s.start:oq.start]):
            return None, ""
        idx, rule = [first - 1], "rule:attribution.adjacent_quote"
    else:
        if last + 1 >= len(sents):
            return None, ""
        s = sents[last + 1]
        if parsed.paragraph_index(s.start) != qpara or len(text[s.start:s.end].split()) > 8:
            return None, ""
        idx, rule = [last + 1], "rule:attribution.adjacent_quote"
    for i in idx:
        found = cues_in(sents[i])
        if not found:
            continue
        t, (cue, lastt), subj = min(found, key=lambda f: min(abs(f[0].idx - oq.start), abs(f[0].idx - oq.end)))
        if t.i in by_cue:
            return by_cue[t.i], rule
        cue_span = Span(t.idx, doc[lastt].idx + len(doc[lastt].text))
        c = _Cand("direct", rule, cue, cue_span, t.i, subj, _np_span(subj), [oq])
        cands.append(c)
        by_cue[t.i] = c
        return c, rule
    return None, ""


# --------------------------------------------------------------------------- speakers


def _ents_in(doc, span: Span):
    return [e for e in doc.ents if span.start <= e.start_char and e.end_char <= span.end]


def _classify_source(parsed, tok, span: Span, lex: _Lex) -> tuple[str, str | None]:
    """(speaker_kind, matched source term) for a source phrase."""
    text = parsed.text
    low = " " + re.sub(r"\s+", " ", text[span.start:span.end].lower()) + " "
    ents = _ents_in(parsed.doc, span)
    has_person = any(e.label_ == "PERSON" for e in ents)
    head_lemma = _lemma(tok)
    for term, kind in lex.source_phrases:
        if f" {term} " in low or low.strip().startswith(term + " ") or f" {term}" in low and kind == "anonymous":
            if kind == "anonymous" and has_person:
                continue
            return kind, term
    kind = lex.source_heads.get(head_lemma)
    if kind == "vague" and head_lemma in ("people", "public") and any(e.label_ in ("NORP", "GPE", "ORG") for e in ents):
        return "organisation", None  # 'Iraqi people': a named collective, not a vague one
    if kind in ("anonymous", "vague") and not has_person and tok.ent_type_ not in ("PERSON", "ORG", "GPE"):
        return kind, head_lemma
    first = parsed.doc.char_span(span.start, span.end, alignment_mode="expand")
    if (first is not None and len(first) > 1 and lex.source_heads.get(first[0].lower_) == "vague"
            and tok.pos_ == "NOUN" and not ents):
        return "vague", first[0].lower_  # 'many voters', 'some experts': an unspecified part of a group
    if has_person or tok.ent_type_ == "PERSON":
        return "named_person", None
    if tok.ent_type_ in ("GPE",) or any(e.label_ == "GPE" for e in ents) and kind in (None, "government"):
        return "government", None
    if kind in ("government", "organisation"):
        return kind, head_lemma
    if tok.ent_type_ in ("ORG", "NORP") or any(e.label_ in ("ORG", "NORP") for e in ents):
        return "organisation", None
    if tok.pos_ == "PROPN":
        return "named_person", None
    return "unknown", None


_ACTOR_KIND = {"person": "named_person", "government": "government", "country": "government",
               "organisation": "organisation", "organization": "organisation", "group": "organisation"}


def _actor_lookup(actors, span: Span, text: str):
    if actors is None:
        return None
    fn = getattr(actors, "actor_at", None)
    act = None
    try:
        if fn is not None:
            act = fn(span.start, span.end)
        if act is None and getattr(actors, "resolve", None) is not None:
            act = actors.resolve(text[span.start:span.end])
    except Exception:  # pragma: no cover - a foreign object; attribution must not fail on it
        log.debug("actor lookup failed for %r", text[span.start:span.end], exc_info=True)
        return None
    return act


def _display_name(parsed, tok, span: Span) -> str:
    text = parsed.text
    persons = [e for e in _ents_in(parsed.doc, span) if e.label_ == "PERSON"]
    if persons:
        return persons[-1].text
    s = text[span.start:span.end]
    s = re.sub(r"^(the|a|an)\s+", "", s, flags=re.IGNORECASE)
    return s.strip()


def _last_entity(parsed, before: int, labels: tuple[str, ...], *, window: int = 2):
    """(position, name, kind, None) of the last entity with one of ``labels`` in the ``window`` sentences before ``before``."""
    si = parsed.sentence_index(before)
    lo = parsed.sentences[max(0, si - window)].start if parsed.sentences else 0
    best = best_subj = None
    for e in parsed.doc.ents:
        if e.start_char >= before:
            break
        if e.start_char >= lo and e.label_ in labels and not parsed.in_quotes(Span(e.start_char, e.end_char)):
            best = e
            if e.root.dep_ in ("nsubj", "nsubjpass"):
                best_subj = e
    best = best_subj or best  # subjects are the likelier antecedents
    if best is None:
        return None
    kind = "government" if best.label_ == "GPE" else "organisation"
    name = re.sub(r"^(the)\s+", "", best.text, flags=re.IGNORECASE)
    return (best.start_char, name, kind, None)


def _compatible(pron: str, kind: str) -> bool:
    if pron in _PERSON_PRON:
        return kind == "named_person"
    if pron in _NONPERSON_PRON:
        return kind in ("government", "organisation")
    if pron in _PLURAL_PRON:
        return kind in ("government", "organisation", "anonymous", "vague")
    return False


_AGENT_ENTS = ("PERSON", "ORG", "GPE", "NORP")
_NONAGENT_ENTS = ("DATE", "TIME", "MONEY", "EVENT")
_HYPOTHETICAL_MODALS = {"must", "should", "ought", "shall"}
_FUTURE_MODALS = {"will", "would", "'ll", "wo", "could", "might", "may", "can", "ca"}


def _plausible_source(parsed, cand: _Cand, lex: _Lex, actors) -> tuple[bool, str]:
    """Whether the source of ``cand`` can speak, and why (``rule:attribution.speaker_*`` ids, for the debug log).

    The source must be a person, an organisation, a government, a country, a
    group, an anonymous or vague source, a document, or a pronoun resolving to
    one of these (PARC 3.0 sources are agents). Read from the head token, not the
    whole phrase ('Rook's drone' is a drone even though Rook is a person):

    1. a head tagged PERSON, ORG, GPE or NORP, a head in ``source_terms`` or
       ``actor_nouns``, or a head the ``ActorSet`` knows as an actor: plausible;
    2. 'it' (and the other pronouns of ``inanimate_heads``): plausible only when
       it resolves to an organisation, a government or a country -- through the
       ``ActorSet`` when given, else the nearest ORG/GPE/NORP mention in the
       same or the previous sentence (for 'it' only; 'this', 'something' never);
    3. a head in ``lexicons/inanimate_heads.tsv`` (weapons, vehicles, events,
       actions, abstractions) or tagged DATE, TIME, MONEY or EVENT: not plausible;
    4. any other head: plausible (the small English model has no animacy
       feature, and person nouns -- 'the lawyer', 'his wife' -- are an open class).
    """
    tok = cand.source_tok
    if tok is None or cand.type == "according_to":
        return True, ""  # 'according to' names a source by construction (a person, a poll, a report)
    text = parsed.text
    low, lem = tok.lower_, _lemma(tok)
    if tok.ent_type_ in _AGENT_ENTS:
        return True, "rule:attribution.speaker_entity"
    head_span = Span(tok.idx, tok.idx + len(tok.text))
    if tok.pos_ == "PRON":
        kind = lex.inanimate.get(low)
        if kind is None or tok.tag_ in ("WDT", "WP"):
            return True, "rule:attribution.speaker_pronoun"  # personal and relative pronouns
        if low != "it":
            return False, "rule:attribution.not_source_inanimate"
        if cand.cue is not None and cand.cue.act == "belief" and any(
                c.dep_ in ("ccomp", "xcomp", "acomp") for c in parsed.doc[cand.cue_tok].children):
            return True, "rule:attribution.speaker_pronoun"  # 'it appeared that ...': extraposition, not an 'it' speaker
        act = _actor_lookup(actors, head_span, text)
        if act is not None:
            ok = _ACTOR_KIND.get(getattr(act, "kind", ""), "") in ("government", "organisation")
            return ok, "rule:attribution.speaker_pronoun" if ok else "rule:attribution.not_source_inanimate"
        near = _last_entity(parsed, tok.idx, ("GPE", "ORG", "NORP"), window=1)
        return (near is not None), ("rule:attribution.speaker_pronoun" if near is not None else "rule:attribution.not_source_inanimate")
    if lem in lex.source_heads or low in lex.source_heads or lem in lex.agent_nouns or low in lex.agent_nouns:
        return True, "rule:attribution.speaker_noun"
    if lem in lex.inanimate or low in lex.inanimate or tok.ent_type_ in _NONAGENT_ENTS:
        if tok.pos_ == "PROPN" or _actor_lookup(actors, head_span, text) is not None:
            return True, "rule:attribution.speaker_entity"  # a name that happens to be a common word
        if any(c.dep_ == "appos" and (c.ent_type_ in _AGENT_ENTS or _lemma(c) in lex.source_heads) for c in tok.children):
            return True, "rule:attribution.speaker_entity"  # 'after the vote, Jane Doe, an adviser, said': a misattached head
        return False, "rule:attribution.not_source_inanimate"
    return True, ""


def _hypothetical_cue(parsed, cand: _Cand) -> bool:
    """A reporting verb under a modal of obligation ('X must say clearly what ...') or under a future or
    possibility modal in the main clause of a conditional ('if it does, it will confirm that ...') reports
    nothing that was said: the writer demands or predicts it (``rule:attribution.not_report_modal``)."""
    if cand.cue_tok is None or cand.cue_tok < 0 or cand.type in ("according_to", "agentless"):
        return False
    verb = parsed.doc[cand.cue_tok]
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"}
    if not modals:
        return False
    if modals & _HYPOTHETICAL_MODALS:
        return True
    if modals & _FUTURE_MODALS:
        # 'if it does, it will confirm ...'; a plain future ('X will announce that ...') stays an attribution
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                   for c in verb.children)
    return False


# --------------------------------------------------------------------------- assembly


def rule_candidates(parsed, *, actors=None, lex: _Lex | None = None) -> list[_Cand]:
    """The rules' candidate attributions (plausible speakers, not hypothetical, quotations attached)."""
    lex = lex or _lex()
    text = parsed.text
    kept = []
    for c in _find_candidates(parsed, lex):
        ok, why = _plausible_source(parsed, c, lex, actors)
        if not ok:
            log.debug("dropped %r: %s", text[c.source_span.start:c.source_span.end] if c.source_span else "", why)
            continue
        if _hypothetical_cue(parsed, c):
            log.debug("dropped a hypothetical cue at %d: rule:attribution.not_report_modal", c.cue_span.start if c.cue_span else -1)
            continue
        kept.append(c)
    return _attach_quotes(parsed, kept, lex)


def _in_quotes_share(spans: Sequence[Span], quotes: Sequence[Span]) -> float:
    """Share of the characters of ``spans`` inside quotations."""
    total = sum(len(p) for p in spans)
    if not total:
        return 0.0
    return sum(_overlap(p, q) for p in spans for q in quotes) / total


def _with_marks(text: str, spans: list[Span]) -> list[Span]:
    """Content spans that are exactly the inside of a quotation, widened to include its marks (as the rules do)."""
    out = []
    for sp in spans:
        if sp.start > 0 and sp.end < len(text) and text[sp.start - 1] in _QUOTE_CHARS and text[sp.end] in _QUOTE_CHARS:
            sp = Span(sp.start - 1, sp.end + 1)
        out.append(sp)
    return out


def _person_at_end(parsed, act, span: Span) -> bool:
    """Whether ``act`` is a person whose name ends the phrase ``span`` (titles before a name: the name speaks)."""
    if act is None or getattr(act, "kind", "") != "person":
        return False
    tail = parsed.text[span.start:span.end].rstrip(" ,")
    return any(m.end >= span.start + len(tail) - 1 and m.start >= span.start for m in getattr(act, "mentions", ()))


def _speaker_like(tok, lex: _Lex) -> bool:
    """A personal pronoun, a person / organisation / country / group entity, or a source or institution noun."""
    if tok is None:
        return False
    low = tok.lower_
    if tok.pos_ == "PRON":
        return low in _PERSON_PRON or low in _PLURAL_PRON or low in _FIRST_SECOND
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lem = _lemma(tok)
    return lem in lex.source_heads or lem in lex.agent_nouns or lem in _person_nouns()


@functools.cache
def _person_nouns() -> frozenset:
    return frozenset(e["term"].lower() for e in lexicon.load("person_nouns"))


#: prepositions of place: an actor named after one of them ('protests in the US') is where, not who
_PLACE_PREPS = frozenset({"in", "at", "outside", "inside", "near", "across", "around", "throughout", "on"})

#: prepositions of place and time: a phrase they head is a setting, not what a new cue attributes
_SETTING_PREPS = frozenset({"in", "on", "at", "during", "after", "before", "since", "until", "near", "inside", "outside",
                            "across", "through", "from", "by", "within", "throughout", "around", "into", "onto"})


def _statement_object(parsed, sp: Span) -> bool:
    """A short noun phrase headed by a statement noun ('a statement', 'his remarks'), with no clause of its own."""
    span = parsed.doc.char_span(sp.start, sp.end, alignment_mode="expand")
    if span is None or len(span) > 4:
        return False
    return _lemma(span.root) in _STATEMENT_NOUNS and not any(t.pos_ in ("VERB", "AUX") for t in span)


def _model_candidates(parsed, cands: list[_Cand], lex: _Lex, model, actors, picks=None) -> list[_Cand]:
    """Rule candidates confirmed, re-bounded or dropped by the trained span model, plus the cues only it finds.

    A rule candidate whose cue the model scores under its threshold is dropped;
    one it confirms takes the content span the model prefers (the rule's own
    span is one of the model's candidates). A cue the model finds that no rule
    took becomes a new attribution (``model:attribution.learned_cue``), its
    source the cue's subject (or agent, or a noun cue's owner), subject to the
    same speaker-plausibility and hypothetical-cue checks as the rules'."""
    from framing import attribution_model as M

    text = parsed.text
    doc = parsed.doc
    if picks is None:
        picks = model._predict(parsed, M.Context(parsed, cands, lex), model.threshold)
    rule_toks = {c.cue_tok for c in cands if c.cue_tok is not None and c.cue_tok >= 0}
    # a cue no rule took must clear the (higher) bar for new cues
    new_bar = getattr(model, "threshold_new", 0.0)
    by_tok = {ti: (score, cand) for score, ti, cand, _ in picks if ti in rule_toks or score >= new_bar}
    speech = _all_quotes(parsed)
    out: list[_Cand] = []
    taken: set[int] = set()
    for c in cands:
        if c.cue_tok is None or c.cue_tok < 0:
            # a quotation with no cue: kept unless a model attribution already covers it
            if any(M._overlap_share(tuple(c.content), cand.spans) >= 0.5 for _, cand in by_tok.values()):
                continue
            out.append(c)
            continue
        hit = by_tok.get(c.cue_tok)
        if hit is None or c.cue_tok in taken:
            continue
        taken.add(c.cue_tok)
        cand = hit[1]
        # the model moves a rule's content only when its own choice differs by more than half: where both agree
        # that far, the rule's boundary (cut at trailing additions, conjoined reports) is usually the exact one
        if cand.kind != "rule" and M._overlap_share(tuple(c.content), cand.spans) < 0.5:
            c.content = _with_marks(parsed.text, list(cand.spans))
            if c.type in ("direct", "indirect"):
                c.type = "direct" if _in_quotes_share(c.content, speech) >= 0.6 else "indirect"
        out.append(c)
    for ti, (score, cand) in by_tok.items():
        if ti in taken:
            continue
        tok = doc[ti]
        m = _match_cue(tok, lex)
        if m is not None:
            cue, last = m
        else:
            act = "speech" if cand.kind.startswith(("child_ccomp", "child_to_end_ccomp", "quote", "left", "head_minus", "next", "prev")) else "stance"
            cue, last = _Cue(_lemma(tok), (_lemma(tok),), "", 0.0, frozenset({"verb", "noun"}), "clause", act), tok.i
        cue_span = Span(tok.idx, doc[last].idx + len(doc[last].text))
        if tok.pos_ in ("VERB", "AUX"):
            passive = any(x.dep_ == "auxpass" for x in tok.children)
            src = (_agent(tok) if passive else None) or (None if passive else _subject(tok))
        elif tok.pos_ in ("NOUN", "PROPN"):
            src = _noun_source(tok)
        else:
            src = None
        src_span = _np_span(src) if src is not None else None
        if src_span is not None and any(_overlap(src_span, p) for p in cand.spans):
            src, src_span = None, None
        content = _with_marks(parsed.text, list(cand.spans))
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
        if m is None and not _speaker_like(src, lex):
            continue  # outside the lexicon only a person, group or institution reports ('the storm hit the coast')
        if m is None and len(content) == 1:
            first = doc.char_span(content[0].start, content[0].end, alignment_mode="expand")
            if first is not None and len(first) and first[0].lower_ in _SETTING_PREPS and first[0].pos_ == "ADP":
                continue  # 'reading ... on the train': a setting, not a content
        typ = "direct" if _in_quotes_share(content, speech) >= 0.6 else ("indirect" if src is not None else "agentless")
        new = _Cand(typ, "model:attribution.learned_cue", cue, cue_span, ti, src, src_span, content)
        if src is not None:
            ok, why = _plausible_source(parsed, new, lex, actors)
            if not ok:
                continue
        if _hypothetical_cue(parsed, new):
            continue
        out.append(new)
    return out


def analyze(parsed, *, actors=None, use_model: bool = True, _model=None, _picks=None) -> Attribution:
    """Attributions, anonymous and vague sources, unattributed claims and a summary for one parsed article.

    ``use_model=False`` gives the rules alone (without the trained span model of
    :mod:`framing.attribution_model`). ``_model`` / ``_picks`` (training only):
    another span model, and its precomputed picks."""
    lex = _lex()
    text = parsed.text
    doc = parsed.doc
    cands = rule_candidates(parsed, actors=actors, lex=lex)
    if use_model:
        from framing import attribution_model

        model = _model if _model is not None else attribution_model.load()
        cands = _model_candidates(parsed, cands, lex, model, actors, picks=_picks)
    speech = [_outer(text, q) for q in _all_quotes(parsed) if _quote_kind(parsed, q) == "speech"]
    # a reporting verb inside a quotation belongs to the quoted speaker's own words ('"I want to ask you ..."'),
    # not to a new source of the article
    cands = [c for c in cands if c.content and not (c.type != "direct" and c.cue_span is not None and any(
        q.start <= c.cue_span.start and c.cue_span.end <= q.end for q in speech))]
    cands.sort(key=lambda c: (c.content[0].start, c.cue_span.start if c.cue_span else 0))
    # cue order for pronoun resolution: by the speaker's (or cue's) position
    quotes: list[Quote] = []
    anonymous: list[dict] = []
    vague: list[dict] = []
    history: list[tuple[int, str, str, str | None]] = []  # (position, name, kind, actor)
    seen_keys: set = set()
    for c in sorted(cands, key=lambda c: (c.source_span or c.cue_span or c.content[0]).start):
        key = (c.cue_span, tuple(c.content))
        if key in seen_keys:
            continue
        seen_keys.add(key)
        speaker, kind, actor, stext, srule = "", "unknown", None, "", ""
        if c.source_span is not None and c.source_tok is not None:
            stext = text[c.source_span.start:c.source_span.end]
            tok = c.source_tok
            # the actor named before the head's first prepositional modifier speaks: 'Helena Voss of the Marlow
            # Institute' is Voss; with no actor there, a common noun speaks for the actor after it ('a spokesman for
            # the ministry'), except in a place phrase ('Protests in the US' is not the United States)
            hs = c.source_span
            prep = next((x for x in tok.children if x.dep_ in ("prep", "relcl", "acl", "appos") and x.i > tok.i
                         and hs.start < x.left_edge.idx < hs.end), None)
            act = _actor_lookup(actors, hs, text)
            if prep is not None and _person_at_end(parsed, act, hs):
                pass  # 'Concord of Nations Secretary-General Lukas Brenner': the person the phrase ends on speaks
            elif prep is not None:
                act = _actor_lookup(actors, Span(hs.start, prep.left_edge.idx), text)
                if act is None and not (tok.pos_ == "NOUN" and prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS):
                    act = _actor_lookup(actors, hs, text)
            low = tok.lower_
            if tok.pos_ == "PRON" and (low in _PERSON_PRON or low in _NONPERSON_PRON or low in _PLURAL_PRON):
                srule = "rule:attribution.pronoun_speaker"
                if act is not None:
                    actor = getattr(act, "name", None)
                    speaker = actor or stext
                    kind = _ACTOR_KIND.get(getattr(act, "kind", ""), "unknown")
                else:
                    prev = next((h for h in reversed(history) if h[0] < c.source_span.start and _compatible(low, h[2])), None)
                    if low not in _PERSON_PRON:
                        # 'it' / 'they': the nearest preceding organisation or country mention is a better guess
                        near = _last_entity(parsed, c.source_span.start, ("GPE", "ORG", "NORP"))
                        if near is not None and (prev is None or near[0] > prev[0]):
                            prev = near
                    elif prev is None:
                        # 'he' / 'she' with no earlier speaker: the last person named in the two sentences before
                        near = _last_entity(parsed, c.source_span.start, ("PERSON",))
                        if near is not None:
                            prev = (near[0], near[1], "named_person", None)
                    if prev is not None:
                        speaker, kind, actor = prev[1], prev[2], prev[3]
                    else:
                        speaker = stext
                        kind = "named_person" if low in ("he", "she") else "unknown"
            else:
                kind, term = _classify_source(parsed, tok, c.source_span, lex)
                speaker = _display_name(parsed, tok, c.source_span)
                if act is not None and kind not in ("anonymous", "vague"):
                    actor = getattr(act, "name", None)
                    akind = _ACTOR_KIND.get(getattr(act, "kind", ""), None)
                    if akind:
                        kind = akind
                    if actor:
                        speaker = actor
                if kind == "anonymous":
                    anonymous.append(_item(text, c.source_span.start, c.source_span.end, term=term,
                                           rule="rule:attribution.anonymous_source", cue=c.cue_label or (text[c.cue_span.start:c.cue_span.end] if c.cue_span else "")))
                elif kind == "vague":
                    vague.append(_item(text, c.source_span.start, c.source_span.end, term=term,
                                       rule="rule:attribution.vague_source", cue=c.cue_label or (text[c.cue_span.start:c.cue_span.end] if c.cue_span else "")))
            if kind != "unknown" or speaker:
                history.append((c.source_span.start, speaker, kind, actor))
        cue_text = c.cue_label or (text[c.cue_span.start:c.cue_span.end] if c.cue_span else "")
        parts = [p for p in (c.source_span, c.cue_span, *c.content) if p is not None]
        span = Span(min(p.start for p in parts), max(p.end for p in parts))
        quotes.append(Quote(
            type=c.type, speaker=speaker, speaker_kind=kind, actor=actor, cue=cue_text,
            cue_class=c.cue.cls if c.cue else "", cue_weight=c.cue.weight if c.cue else 0.0,
            span=span, speaker_span=c.source_span, cue_span=c.cue_span, content=tuple(sorted(set(c.content), key=lambda x: (x.start, x.end))), rule=c.rule,
            speaker_text=stext, speaker_rule=srule, act=c.cue.act if c.cue else "speech",
        ))
    quotes.sort(key=lambda q: (q.span.start, q.span.end))
    # one source phrase with two cues ('officials who asked not to be named said ...') is one source
    anonymous = list({(v["start"], v["end"]): v for v in anonymous}.values())
    vague = list({(v["start"], v["end"]): v for v in vague}.values())
    vague.extend(_standalone_vague(parsed, lex, vague))
    vague.sort(key=lambda v: v["start"])
    anonymous.sort(key=lambda v: v["start"])
    claims = _unattributed_claims(parsed, quotes, lex)
    summary = _summary(parsed, quotes, anonymous, vague, claims)
    return Attribution(text, tuple(quotes), tuple(anonymous), tuple(vague), tuple(claims), summary)


def _standalone_vague(parsed, lex: _Lex, found: list[dict]) -> list[dict]:
    text = parsed.text
    out = []
    taken = [(v["start"], v["end"]) for v in found]
    for pat, kind, term in lex.standalone:
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            if any(a < e and s < b for a, b in taken):
                continue
            if parsed.in_quotes(Span(s, e)):
                continue
            taken.append((s, e))
            out.append(_item(text, s, e, term=term, rule="rule:attribution.vague_phrase", cue=""))
    return out


def _claim_markers(parsed, sent_span: Span, lex: _Lex) -> list[dict]:
    doc = parsed.doc
    text = parsed.text
    sp = doc.char_span(sent_span.start, sent_span.end, alignment_mode="expand")
    if sp is None:
        return []
    out = []
    for e in sp.ents:
        if e.label_ in ("CARDINAL", "PERCENT", "MONEY", "QUANTITY"):
            out.append(_item(text, e.start_char, e.end_char, kind="number", rule="rule:attribution.claim_number"))
    toks = list(sp)
    for i, t in enumerate(toks):
        lem = _lemma(t)
        for words, kind in lex.claim_multi.get(lem, ()) + lex.claim_multi.get(t.lower_, ()):
            if i + len(words) <= len(toks) and all(w in (toks[i + k].lower_, _lemma(toks[i + k])) for k, w in enumerate(words)):
                end = toks[i + len(words) - 1]
                out.append(_item(text, t.idx, end.idx + len(end.text), kind=kind, rule=f"rule:attribution.claim_{kind}"))
        kind = lex.claim_single.get(lem) or lex.claim_single.get(t.lower_)
        if kind:
            out.append(_item(text, t.idx, t.idx + len(t.text), kind=kind, rule=f"rule:attribution.claim_{kind}"))
    return out


def _unattributed_claims(parsed, quotes: Sequence[Quote], lex: _Lex) -> list[dict]:
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
    quote_marks = [_outer(text, qs) for qs in parsed.quotes]
    out = []
    for s in parsed.sentences:
        if parsed.paragraph_index(s.start) in sourced_paras:
            continue
        n = len(s)
        if n == 0:
            continue
        cov = sum(_overlap(s, a) for a in attributed) + sum(_overlap(s, a) for a in quote_marks)
        if cov / n > 0.5:
            continue
        markers = [m for m in _claim_markers(parsed, s, lex)
                   if not any(a.start <= m["start"] and m["end"] <= a.end for a in attributed + quote_marks)]
        if not markers:
            continue
        if len(text[s.start:s.end].split()) < 4:
            continue  # captions and fragments
        kinds = sorted({m["kind"] for m in markers})
        out.append(_item(text, s.start, s.end, kinds=kinds, markers=markers, rule="rule:attribution.unattributed_claim"))
    return out


def _summary(parsed, quotes: Sequence[Quote], anonymous, vague, claims) -> dict[str, Any]:
    doc = parsed.doc
    words = [t for t in doc if not (t.is_punct or t.is_space)]
    n_words = len(words)
    spans = sorted({c for q in quotes if _is_voice(q) for c in q.content}, key=lambda s: s.start)
    starts = [t.idx for t in words]
    import bisect

    def count_in(span: Span) -> int:
        return bisect.bisect_left(starts, span.end) - bisect.bisect_left(starts, span.start)

    # union of quoted spans
    union: list[Span] = []
    for s in spans:
        if union and s.start <= union[-1].end:
            union[-1] = Span(union[-1].start, max(union[-1].end, s.end))
        else:
            union.append(s)
    quoted_words = sum(count_in(s) for s in union)
    by_speaker_words: Counter = Counter()
    cue_classes: dict[str, Counter] = defaultdict(Counter)
    kinds_seen: dict[str, set] = defaultdict(set)
    for q in quotes:
        name = q.actor or q.speaker or "(unattributed)"
        kinds_seen[q.speaker_kind].add(name.lower())
        if _is_voice(q):
            by_speaker_words[name] += sum(count_in(c) for c in q.content)
        if q.cue_class:
            cue_classes[name][q.cue_class] += 1
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
