"""Reporting cues and token helpers shared by the attribution rules, speakers and model.

The lexicon bundle (:class:`Lex`, built by :func:`lex_of` from ``reporting_verbs``,
``source_terms``, ``claim_markers``, ``inanimate_heads``, ``actor_nouns``,
``person_nouns`` and ``first_names``), cue matching on a token (:func:`match_cue`), and the mutable
candidate record (:class:`Cand`) the rules, the quotations pass and the span
model refine before it becomes a :class:`framing.schema.sections.attribution.Quote`.
A verb's speaker, its passive agent, noun-phrase spans and trimming are the shared
:mod:`framing.nlp.syntax` (``subject(verb, SPEAKER)``, ``passive_agents``,
``np_span``, ``subtree_span``, ``tokens_span``) and :func:`framing.nlp.spans.trim`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from framing.schema import Span

SUBJ = ("nsubj", "nsubjpass", "csubj")
CLAUSE_DEPS = ("ccomp",)
PERSON_PRON = {"he", "she", "him", "her", "i", "me"}
NONPERSON_PRON = {"it"}
PLURAL_PRON = {"they", "them", "we", "us"}
FIRST_SECOND = {"i", "we", "you"}
STATEMENT_NOUNS = {"statement", "interview", "tweet", "post", "letter", "speech", "release", "remarks", "remark",
                    "address", "briefing", "conference", "op-ed", "column", "message", "email", "memo", "video", "op"}


@dataclass(frozen=True)
class Cue:
    """A reporting cue of ``lexicons/reporting_verbs.tsv``: its words, class, weight, parts of speech, where its
    content is (``clause`` or ``object``) and what act it reports (speech, belief, stance ...)."""

    term: str
    words: tuple[str, ...]
    cls: str
    weight: float
    pos: frozenset
    content: str
    act: str = "speech"


@dataclass(frozen=True)
class Lex:
    """The lookup tables the rules read, built from the lexicons (:func:`lex_of`)."""

    single: Mapping[str, Cue]
    multi: Mapping[str, tuple[Cue, ...]]  # first word -> phrases, longest first
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
    person_nouns: frozenset  # nouns that name a person (lexicons/person_nouns.tsv)
    first_names: Mapping[str, str]  # given name -> 'm' | 'f', a weak pronoun prior (lexicons/first_names.tsv)


#: the lexicons the rules read (``lexicons/<name>.tsv``)
LEXICONS = ("reporting_verbs", "source_terms", "claim_markers", "inanimate_heads", "actor_nouns", "person_nouns",
            "first_names")

_built: dict[tuple[str, ...], Lex] = {}


def lex_of(lexicons: Mapping[str, Any]) -> Lex:
    """The rules' lookup tables built from ``lexicons`` (a :class:`framing.resources.Lexicons`); built once per
    set of lexicon files (keyed by their sha256)."""
    key = tuple(lexicons[n].sha256 for n in LEXICONS)
    lex = _built.get(key)
    if lex is None:
        lex = _built[key] = _build(lexicons)
    return lex


def _build(lexicons: Mapping[str, Any]) -> Lex:
    rv = lexicons["reporting_verbs"]
    single: dict[str, Cue] = {}
    multi: dict[str, list[Cue]] = defaultdict(list)
    for e in rv:
        words = tuple(e["term"].lower().split())
        cue = Cue(e["term"], words, e["class"], float(e["weight"]), frozenset(p.strip() for p in e["pos"].split(",")), e["content"], e["act"])
        if len(words) == 1:
            single[words[0]] = cue
        else:
            multi[words[0]].append(cue)
    multi_t = {k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in multi.items()}
    st = lexicons["source_terms"]
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
    cm = lexicons["claim_markers"]
    claim_single: dict[str, str] = {}
    claim_multi: dict[str, list] = defaultdict(list)
    for e in cm:
        words = tuple(e["term"].lower().split())
        if len(words) == 1:
            claim_single[words[0]] = e["kind"]
        else:
            claim_multi[words[0]].append((words, e["kind"]))
    return Lex(
        single, multi_t, rv.rule, heads, tuple(phrases), tuple(standalone), st.rule,
        claim_single, {k: tuple(v) for k, v in claim_multi.items()}, cm.rule,
        {e["term"].lower(): e["kind"] for e in lexicons["inanimate_heads"]},
        frozenset(e["term"].lower() for e in lexicons["actor_nouns"]),
        frozenset(e["term"].lower() for e in lexicons["person_nouns"]),
        {e["term"].lower(): e["pronoun"] for e in lexicons["first_names"]},
    )


def lemma(tok) -> str:
    return tok.lemma_.lower()


#: phrases that report speech only in an 'as'-clause ('as Heinrich put it, "..."'; not 'he put it on the table')
AS_CLAUSE_ONLY = frozenset({"put it"})


def match_cue(tok, lex: Lex) -> tuple[Cue, int] | None:
    """The lexicon cue starting at ``tok`` (phrase first) and the index of its last token."""
    doc = tok.doc
    lem = lemma(tok)
    low = tok.lower_
    for key in {lem, low}:
        for phrase in lex.multi.get(key, ()):
            n = len(phrase.words)
            if tok.i + n > len(doc):
                continue
            ok = True
            for k, w in enumerate(phrase.words[1:], 1):
                t = doc[tok.i + k]
                if w not in (t.lower_, lemma(t)):
                    ok = False
                    break
            if ok and (phrase.term not in AS_CLAUSE_ONLY or any(c.dep_ == "mark" and c.lower_ == "as"
                                                                 for c in tok.children)):
                return phrase, tok.i + n - 1
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


@dataclass
class Cand:
    """A candidate attribution while the rules and the model work on it (mutable; becomes a Quote at the end).

    ``cue_tok`` is the cue's head token index (negative for a quotation with no cue), ``source_tok`` the spaCy
    token heading the source, ``content`` the content fragments, ``cue_label`` a cue shown differently from its
    text ('condemned (in a statement)')."""

    type: str
    rule: str
    cue: Cue | None
    cue_span: Span | None
    cue_tok: int
    source_tok: Any
    source_span: Span | None
    content: list[Span]
    cue_label: str = ""
