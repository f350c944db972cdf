"""Loaded-language rules: lexicon matching over the parse, the adjective-phrase extension, negation.

Matching (see :class:`framing.resources.lexicons.TermMatcher`)
    Lemma-aware, multi-word, whole tokens only, leftmost-longest, never across
    a sentence boundary. An -ing / -ed form the tagger read as a noun and left
    unlemmatised ("for slamming Trump", title-case headlines) takes the base
    form of a loaded verb it inflects (:func:`verb_forms_misread`) and passes
    that entry's VERB check. Loaded terms (``lexicons/loaded_terms.tsv``) win over
    the device lexicons (intensifiers, absolutes, hedges) on the same tokens.
    A matched adjective (``amod``) that modifies the noun right after it is
    reported with that noun ("cowardly killings", rule
    ``rule:loaded_language.adjective_phrase``) and its alternative drops or
    replaces the adjective, unless that noun is itself a loaded term.

Negation scope from the parse (:func:`negated_in_parse`)
    A term is negated when a negator governs it in its own clause: a ``neg``
    dependent ("not", "n't", "never") or a determiner/adverb of
    :data:`NEGATORS` ("no regime", "hardly ...") attached to the term or to one
    of its heads up to and including the head of its clause, or the term under
    a "without" on that path. "He is not a terrorist" is negated; "there is no
    doubt the rogue president lied" is not (the "no" belongs to "doubt", in
    another clause). "not only", "not just" and "not merely" are not negations.
    The subject of a negated verb is not negated ("malefactors don't have to
    be punished" still applies the label). A sentence the parser left without a verb falls back to the lexical test
    (a negator within :data:`NEGATION_WINDOW` tokens before the term).

Senses of devices (:func:`device_sense_ok`)
    An intensifier counts only in an intensifying sense: an adverb modifying
    an adjective, adverb or verb, or an emphatic adjective modifying a noun --
    never a verb or participle whose lemma happens to match ("completed" is
    not "complete"). An intensifier is *reported* as a span only when the word
    it intensifies is evaluative (a loaded term, or a word with prior
    polarity in VADER's or Pattern's lexicon, :func:`is_evaluative`):
    "very real" is shown, "very first" is not. Absolutes are reported only
    when they are claims of certainty or consensus or whole-set claims of
    strength >= :data:`REPORT_ABSOLUTE_MIN` ("the whole world knows",
    "surely"); quantifiers below :data:`REPORT_QUANTIFIER_MIN` and temporal
    absolutes ("every", "no one", "never", "nothing") are ordinary grammar far
    more often than exaggeration, so they only feed the sentence classifier.
    Loaded terms below :data:`MIN_REPORTED_STRENGTH` (the lexicons' "mild or
    often factual" band) are likewise classifier features, not shown spans.

Contested designations (:func:`designation_shown`)
    Some loaded terms are also the ordinary name of an act or a status in
    law, official usage and news ("terrorism", "assassination", "targeted
    killing", "war crime", "invasion", "terrorist", "extremist"). Such a term
    is shown as loaded only where it does evaluative work: applied to someone
    or something as a predicate or apposition ("this was an assassination",
    "an act of terrorism"), carrying an evaluative or superlative modifier
    ("cowardly assassinations", "the most notorious terrorist", "a cowardly
    terrorist attack"), qualifying an act ("a terrorist act"), or -- for
    the labels of people -- naming a person or group ("the terrorist leader",
    "Iranian terrorist Soleimani"). It is *uncertain* and not shown (a
    classifier feature only) where it names a category: as the modifier of a
    thing noun ("the assassination ban", "terror attacks"), under a hedge
    ("suspected terrorists", "so-called") or a verb of official designation
    ("labeled a terrorist organization", "designated ... as terrorists"), or
    as the plain name of an event ("the targeted killing of the general"), or -- for the labels of people --
    as a bare plural naming the participants of an event ("a clash between white supremacists and
    counter-protesters", "the raid killed two terrorists") unless an evaluative word modifies it or a loaded
    term earlier in the sentence makes the sentence a verdict ("a brutal massacre by terrorists").
    Literal senses are likewise not shown: "war on" / "war against" a
    state, people, organisation or person, or "the war on terror" (a war,
    not a metaphor); "criminal" classifying a legal noun ("criminal
    justice", "criminal charges"); "neutralize", "eliminate", "liquidate"
    with an object that is not a person or group ("neutralize future
    attacks", "eliminate tariffs": not euphemisms for killing), and "take
    down", "execute" likewise (and "execute" / "execution" in a sentence about
    a court's sentence, the legal term; "execution" only of a person, named or
    by a possessive: "the execution of the general", not "of the plan");
    "knock" and "rap" (verbs of hitting) only in the frame of criticism, a
    person as object or passive subject and the reason after "over" / "for"
    ("knocked the senator over the vote", not "knocked on the door"); "take out"
    with a loan, an insurance, an ad or the trash; and an adjective in its
    technical or legal compound ("petty crime", "petty officer", "malicious
    software", "obscene material").
    Any loaded term inside a multi-word proper name (an organisation, a
    place, an event, a law or a work: "Communist Ghadar Party", "Nazi
    Germany", "Fast and Furious"), a one-word term capitalised inside a
    run of proper nouns ("The Communist Ghadar Party"), and any term inside
    a quoted title-case title ("Lies the Government Told You") is part of a
    name, not a word choice (title-case headline lines excepted).

Pure functions of the parse; the lexicons are the shipped, validated TSV files.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from framing.nlp import Parsed
from framing.nlp.syntax import governed_by, preceded_by_negator
from framing.resources import lexicons, textblob_data

LOADED = "loaded_terms"
#: Loaded-term lexicons, in matching order: the original list, then the sense-checked additions.
SENSES = "loaded_senses"
LOADED_LEXICONS = (LOADED, SENSES)
DEVICE_LEXICONS = {"intensifiers": "intensifier", "absolutes": "absolute", "hedges": "hedge"}
#: Device lexicons whose hits are reported as spans (hedges only feed the sentence classifier).
REPORTED_DEVICES = ("intensifiers", "absolutes")
#: Every lexicon the analyzer matches.
LEXICONS = (*LOADED_LEXICONS, *DEVICE_LEXICONS)
#: Lexicons read to tell whether a noun names a person, group or institution (contested designations).
AGENT_LEXICONS = ("person_nouns", "actor_nouns")
NEGATORS = frozenset({"not", "n't", "no", "never", "neither", "nor", "hardly", "without", "nt"})
NEGATION_WINDOW = 3
#: Minimum strength of an absolute for it to be reported as a span (see the module docstring).
REPORT_ABSOLUTE_MIN = 0.5
#: Absolute categories never reported as spans (classifier features only).
UNREPORTED_ABSOLUTES = frozenset({"temporal_absolute"})
#: An intensified word is evaluative when its VADER valence is at least this (in [-4, 4]) in absolute value ...
EVALUATIVE_VALENCE = 1.0
#: ... or its Pattern (TextBlob) prior polarity is at least this (in [-1, 1]) in absolute value.
EVALUATIVE_POLARITY = 0.5
#: Universal quantifiers are shown only from this strength on (whole-set claims: "the whole world").
REPORT_QUANTIFIER_MIN = 0.7
#: Loaded terms below this strength -- the lexicons' "mild or often factual" band (0.1-0.3) -- are not shown as
#: spans (they still feed the sentence classifier): "crisis", "proxy" are mostly plain reporting.
MIN_REPORTED_STRENGTH = 0.35
#: Contested designations that name acts or events (see the module docstring), by lexicon term.
DESIGNATION_EVENTS = frozenset({"terrorism", "terror", "assassination", "targeted killing", "war crime", "war crimes",
                                "invasion", "act of war", "acts of war", "state terrorism", "extremism"})
#: Contested designations that label people or groups.
DESIGNATION_LABELS = frozenset({"terrorist", "extremist", "white supremacist"})
#: Modifiers that hedge or attribute a designation: the author reports it, does not apply it.
_HEDGES = frozenset({"suspected", "alleged", "so-called", "so", "purported", "accused", "designated", "self-described",
                     "self-proclaimed", "presumed", "possible", "potential"})
#: Verbs of official designation or assessment: "labeled a terrorist organization", "considered a war crime".
_DESIGNATING = frozenset({"designate", "label", "list", "classify", "deem", "consider", "define", "describe"})
#: Nouns whose "of" object is applied as a verdict: "an act of terrorism", "a campaign of terror".
_VERDICT_OF = frozenset({"act", "campaign", "reign"})
#: Named-entity types whose multi-word names are names, not word choices (spaCy/OntoNotes labels).
_NAME_TYPES = frozenset({"ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
#: An intensifier is shown on a word that is not itself a loaded term only when that word's |VADER valence| is at
#: least this: "very bad" is an emphatic verdict, "very clear" or "extremely difficult" ordinary emphasis.
STRONG_VALENCE = 2.0
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "mind", "man", "men")
#: Collective nouns a label of people can name ("terrorist groups"); an event noun before them names a category.
_GROUP_NOUNS = frozenset({"group", "organization", "organisation", "cell", "network", "militia", "outfit", "army",
                          "force", "movement", "faction"})
#: Argument positions in which a plural label names the participants of an event (not a predicate or apposition).
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj"})
_NOT_BEFORE = frozenset({"only", "just", "merely"})


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
    reported: bool = True  # False: a classifier feature only, not shown as a span



def negated_in_parse(doc, i: int, s0: int, s1: int) -> bool:
    """True when a negator governs token ``i`` within its clause (see the module docstring); sentence ``[s0, s1)``."""
    if not any(doc[k].pos_ in ("VERB", "AUX") for k in range(s0, s1)):
        lower = [t.lower_ for t in doc[s0:s1]]
        return preceded_by_negator(lower, i - s0, 0, negators=NEGATORS, window=NEGATION_WINDOW)
    tok = doc[i]
    near = {tok.i}  # the term and, for an adjective, the noun it modifies: where "no" / "hardly" count
    if tok.dep_ == "amod":
        near.add(tok.head.i)
    path = [tok]
    cur = tok
    while not (cur.pos_ in ("VERB", "AUX") and cur.dep_ != "aux"):
        h = cur.head
        if h.i == cur.i or not s0 <= h.i < s1:
            break
        cur = h
        path.append(cur)
        if cur.lower_ == "without":
            return True
    # a subject is not in the scope of its verb's negation: "malefactors don't have to be punished" still calls
    # them malefactors ("he is not a terrorist" negates the predicate noun, reached through "attr")
    subject = len(path) > 1 and path[-2].dep_ in _SUBJECT_DEPS and path[-1].pos_ in ("VERB", "AUX")
    for node in (path[:-1] if subject else path):
        for child in node.children:
            low = child.lower_
            negates = child.dep_ == "neg" or (low in NEGATORS and low != "nor" and node.i in near
                                             and child.dep_ in ("det", "advmod", "preconj"))
            if not negates:
                continue
            nxt = doc[child.i + 1].lower_ if child.i + 1 < len(doc) else ""
            if low in ("not", "n't") and nxt in _NOT_BEFORE:
                continue
            return True
    return False


def valence_lexicon() -> dict[str, float]:
    """VADER's valence lexicon (word -> valence, about -4..4), loaded once."""
    return _valence()


@functools.cache
def _valence() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # lazy: heavy optional dependency

    return dict(SentimentIntensityAnalyzer().lexicon)


def is_evaluative(word: str, lemma: str) -> bool:
    """A word with |VADER valence| >= :data:`EVALUATIVE_VALENCE` or |Pattern polarity| >= :data:`EVALUATIVE_POLARITY`.

    Subjectivity alone is not enough: Pattern calls "different" and "high" subjective, and "very different" is
    plain emphasis, not a verdict."""
    tb = textblob_data.word_scores()
    val = _valence()
    return (abs(val.get(word, val.get(lemma, 0.0))) >= EVALUATIVE_VALENCE
            or max(abs(tb.get(word, (0.0,))[0]), abs(tb.get(lemma, (0.0,))[0])) >= EVALUATIVE_POLARITY)


def device_sense_ok(doc, m_start: int, m_end: int, lexicon: str) -> bool:
    """Whether a one-token intensifier match is used in an intensifying sense (multi-word matches always are)."""
    if lexicon != "intensifiers" or m_end - m_start != 1:
        return True
    tok = doc[m_start]
    if tok.pos_ == "ADV":
        return tok.head.pos_ in ("ADJ", "ADV", "VERB", "AUX", "NOUN", "NUM", "DET", "ADP") or tok.head.i == tok.i
    if tok.pos_ == "ADJ":
        return tok.dep_ in ("amod", "acomp", "attr") or tok.head.pos_ in ("NOUN", "PROPN")
    return False


def _device_reported(doc, m_start: int, m_end: int, lexicon: str, entry, loaded_tokens: set[int]) -> bool:
    if lexicon == "hedges":
        return False
    if lexicon == "absolutes":
        if entry["category"] in UNREPORTED_ABSOLUTES or float(entry["strength"]) < REPORT_ABSOLUTE_MIN:
            return False
        return not (entry["category"] == "universal_quantifier" and float(entry["strength"]) < REPORT_QUANTIFIER_MIN)
    # an intensifier: shown when the word it modifies is evaluative
    if m_end - m_start > 1:
        return True
    tok = doc[m_start]
    target = tok.head if tok.head.i != tok.i else (doc[m_end] if m_end < len(doc) else tok)
    if target.i in loaded_tokens:
        return True
    val = _valence()
    return abs(val.get(target.lower_, val.get(target.lemma_.lower(), 0.0))) >= STRONG_VALENCE


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


#: Heads that apply a predicative noun to someone: "called him a weasel", "branded a rat", "turned into a circus".
_APPLYING_HEADS = frozenset({"call", "brand", "label", "dub", "name", "into", "as", "like"})


@functools.cache
def _head_words() -> frozenset[str]:
    """First words of the loaded lexicons' terms (the verbs a misread -ing / -ed form may stand for)."""
    return frozenset(str(e["term"]).lower().replace("-", " ").split()[0] for n in LOADED_LEXICONS
                     for e in lexicons.load(n).entries)


def _verb_stems(w: str) -> list[str]:
    """Candidate base forms of an -ing / -ed word: slamming -> slam, screaming -> scream, defied -> defy."""
    out = []
    for suf, add in (("ing", ""), ("ing", "e"), ("ied", "y"), ("ed", ""), ("ed", "e"), ("d", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            b = w[: len(w) - len(suf)] + add
            out.append(b)
            if not add and len(b) > 3 and b[-1] == b[-2]:
                out.append(b[:-1])  # doubled consonant: slamm -> slam
    return out


def verb_forms_misread(doc, lower: list[str], lemma: list[str]) -> tuple[list[str], set[int]]:
    """Lemmas with the -ing / -ed forms the tagger left unlemmatised as nouns or proper nouns (headlines: "Slamming
    Trump", "for slamming Trump") mapped to the loaded lexicons' verb when one matches; and those token indices."""
    heads = _head_words()
    fixed: list[str] | None = None
    derived: set[int] = set()
    for i, (w, lem) in enumerate(zip(lower, lemma)):
        if w != lem or not w.endswith(("ing", "ed")) or w in heads or doc[i].pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        b = next((c for c in _verb_stems(w) if c in heads), None)
        if b is not None:
            if fixed is None:
                fixed = list(lemma)
            fixed[i] = b
            derived.add(i)
    return (fixed if fixed is not None else lemma), derived


def _pos_ok(doc, i: int, want: str, derived: set[int] | frozenset[int] = frozenset()) -> bool:
    """The part-of-speech check of a ``loaded_senses`` entry on its first token (``any``: no check).

    ``PRED``: a noun applied to someone or something -- a predicate or apposition ("the aide was a snake", "X, a
    weasel"), or the noun a verb of naming or "into"/"as" applies ("called him a rat", "turned into a circus") --
    and not the same word as a plain noun ("a rat ran across the floor", "the killer whale")."""
    if not want or want == "any":
        return True
    tok = doc[i]
    if want == "PRED":
        if tok.pos_ not in ("NOUN", "PROPN"):
            return False
        return tok.dep_ in ("attr", "oprd", "appos") or (
            tok.dep_ in ("dobj", "pobj", "npadvmod") and tok.head.lemma_.lower() in _APPLYING_HEADS)
    return tok.pos_ == want or (want == "VERB" and (tok.pos_ == "AUX" or i in derived))


@functools.cache
def _agent_nouns() -> frozenset[str]:
    """Nouns that name people, groups or institutions (person_nouns, actor_nouns)."""
    out: set[str] = set()
    for name in AGENT_LEXICONS:
        out.update(str(r["term"]).lower() for r in lexicons.load(name).entries)
    return frozenset(out)


def _is_agent(tok) -> bool:
    """A noun that names a person, group or institution ("leader", "group", "murderer", "mastermind")."""
    lem = tok.lemma_.lower()
    return (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "NORP", "ORG") or lem in _agent_nouns()
            or (len(lem) > 4 and lem.endswith(_AGENT_SUFFIXES)))


def in_proper_name(doc, i: int) -> bool:
    """Token ``i`` lies inside a multi-word named entity of a :data:`_NAME_TYPES` type ("Communist Ghadar Party")."""
    tok = doc[i]
    if tok.ent_type_ not in _NAME_TYPES:
        return False
    k = i
    while k > 0 and doc[k].ent_iob_ == "I":
        k -= 1
    e = k + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    if e - k < 2 or any(t.pos_ in ("VERB", "AUX", "PRON") for t in doc[k:e]):
        return False  # one word ("Nazi") or a clause the recogniser took for a name (a title-case headline)
    return not _headline_line(doc, tok.sent)


#: Legal nouns "criminal" classifies without a verdict.
_LEGAL_NOUNS = frozenset({"justice", "law", "code", "court", "case", "charge", "investigation", "probe", "record",
                          "proceeding", "prosecution", "trial", "defense", "defence", "lawyer", "division", "inquiry",
                          "complaint", "referral", "offense", "offence", "liability", "contempt", "statute", "jurisdiction",
                          "conviction", "penalty", "procedure", "sentence", "activity", "network", "gang", "organization"})
_WAR_METAPHORS = frozenset({"war on", "war against"})
#: Verbs that are euphemisms for killing only with a person or group as object ("eliminated the commander", not
#: "eliminated the tariff"; "liquidated the dissidents", not "liquidated the assets").
_KILLING_EUPHEMISMS = frozenset({"neutralize", "neutralized", "eliminate", "liquidate", "whack", "rub out", "bump off",
                                 "take down", "execute"})
#: Headline verbs of criticism that are also verbs of hitting: shown only as "knocked X over Y" / "was rapped for Y".
_CRITICISM_FRAME = frozenset({"knock", "rap"})
#: Words of a court's sentence: with them, "execute" / "execution" is the plain legal term (a death-row execution).
_JUDICIAL = frozenset({"court", "convict", "conviction", "sentence", "trial", "jury", "judge", "inmate", "prisoner",
                       "penalty", "prison", "row", "injection", "clemency", "appeal", "warden", "capital"})
_PERSONAL_POSS = frozenset({"his", "her", "their"})
#: Objects with which "take out" is an ordinary verb (finance, paperwork, chores), not a euphemism for killing.
_TAKE_OUT_PLAIN = frozenset({"loan", "mortgage", "insurance", "policy", "ad", "advertisement", "subscription", "patent",
                             "license", "licence", "permit", "money", "cash", "trash", "garbage", "rubbish", "credit",
                             "debt", "bond", "injunction", "warrant", "lease", "tooth", "appendix", "book"})
#: Adjectives whose ordinary compound with these head nouns is a technical, legal or military term, not a verdict:
#: "petty crime" (a legal category), "petty officer" (a rank), "malicious software" (a technical term),
#: "obscene material" (a legal category), "obtuse angle" (geometry).
_TERM_HEADS: dict[str, frozenset[str]] = {
    "petty": frozenset({"crime", "criminal", "theft", "thief", "offence", "offense", "officer", "cash", "larceny",
                        "trader", "trade"}),
    "malicious": frozenset({"software", "code", "program", "link", "file", "prosecution", "wounding", "damage",
                            "mischief", "app", "email", "attachment", "actor"}),
    "obscene": frozenset({"material", "image", "content", "publication", "call", "phone"}),
    "obtuse": frozenset({"angle", "triangle"}),
}


def literal_sense(doc, m_start: int, m_end: int, term: str) -> bool:
    """A literal use of a figurative entry (see the module docstring): "war against Iran", "criminal justice",
    "neutralize future attacks"."""
    if term in _WAR_METAPHORS:
        obj = next((c for c in doc[m_end - 1].children if c.dep_ == "pobj"), None)
        return obj is not None and (obj.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or obj.pos_ == "PROPN"
                                    or obj.lemma_.lower() in ("terror", "terrorism") or _is_agent(obj))
    if term == "criminal":
        tok = doc[m_start]
        return tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in _LEGAL_NOUNS
    if term in _TERM_HEADS:
        tok = doc[m_start]
        return tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in _TERM_HEADS[term]
    if term in _CRITICISM_FRAME:
        tok = doc[m_start]
        kids = list(tok.children)
        target = next((c for c in kids if c.dep_ in ("dobj", "nsubjpass")), None)
        reason = any(c.dep_ == "prep" and c.lower_ in ("over", "for") for c in kids)
        person = target is not None and (_is_agent(target) or target.ent_type_ == "PERSON"
                                         or target.lower_ in ("him", "her", "them", "he", "she", "they"))
        return not (person and reason and not any(c.dep_ == "prt" for c in kids))
    if term in ("execute", "execution") and any(t.lemma_.lower() in _JUDICIAL for t in doc[m_start].sent):
        return True  # the legal term: "the inmate was executed after his conviction"
    if term == "execution":
        tok = doc[m_start]
        whose = [c for c in tok.children if c.dep_ == "poss"] + [
            g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return not any(w.lower_ in _PERSONAL_POSS or w.ent_type_ == "PERSON" or
                       (w.pos_ == "PROPN" and w.ent_type_ not in _NAME_TYPES) or w.lemma_.lower() in _agent_nouns()
                       for w in whose)
    if term in _KILLING_EUPHEMISMS:
        obj = next((c for c in doc[m_start].children if c.dep_ in ("dobj", "nsubjpass")), None)
        if term in ("execute", "take down") and obj is None:
            return True  # "executed flawlessly", "the site was taken down": no one is killed
        return obj is not None and not (_is_agent(obj) or obj.ent_type_ in ("PERSON", "NORP", "ORG"))
    if term == "take out":
        obj = next((c for c in doc[m_start].children if c.dep_ in ("dobj", "nsubjpass")), None)
        return obj is not None and obj.lemma_.lower() in _TAKE_OUT_PLAIN
    return False


def _title_quote_tokens(parsed: Parsed) -> set[int]:
    """Tokens inside quotation marks whose words are title case: the title of a work, not the author's words."""
    doc = parsed.doc
    out: set[int] = set()
    for q in parsed.quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="contract")
        if span is None:
            continue
        words = [t for t in span if t.is_alpha and len(t) > 3]
        if len(words) >= 3 and sum(t.is_title for t in words) >= 0.8 * len(words):
            out.update(range(span.start, span.end))
    return out


def _in_name_run(doc, i: int, j: int) -> bool:
    """A one-token term written as a proper noun next to another capitalised proper noun ("Communist Ghadar Party")."""
    if j - i != 1 or doc[i].pos_ != "PROPN" or not doc[i].is_title:
        return False
    sent = doc[i].sent
    nb = [doc[k] for k in (i - 1, i + 1) if sent.start <= k < sent.end]
    return any(t.pos_ == "PROPN" and t.is_title for t in nb) and not _headline_line(doc, sent)


def _headline_line(doc, sent) -> bool:
    """A title-case line without final punctuation (a headline): every word looks like a name there."""
    text = doc.text
    line_alone = (sent.start_char == 0 or text[sent.start_char - 1] == "\n") and sent[-1].text not in (".", "!", "?")
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return line_alone and len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words)


def designation_shown(doc, m_start: int, m_end: int, term: str, loaded_tokens: set[int] | frozenset[int] = frozenset()) -> bool:
    """Whether a contested designation (:data:`DESIGNATION_EVENTS`, :data:`DESIGNATION_LABELS`) does evaluative work
    here (see the module docstring); any other term: True."""
    if term not in DESIGNATION_EVENTS and term not in DESIGNATION_LABELS:
        return True
    head = next((doc[k] for k in range(m_start, m_end) if not m_start <= doc[k].head.i < m_end or doc[k].head.i == k),
                doc[m_end - 1])
    if any(c.lower_ in _HEDGES or c.lemma_.lower() in _HEDGES for c in head.children) or (
            m_start > 0 and doc[m_start - 1].lower_ in _HEDGES):
        return False
    if governed_by(head, _DESIGNATING):  # a verb of official designation in its clause
        return False
    if head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ in ("NOUN", "PROPN") and head.head.i >= m_end:
        # "terrorist leader", "terrorist groups" label people; "assassination ban", "terror attacks" name a category
        noun = head.head
        if term in DESIGNATION_LABELS and noun.lemma_.lower() in _GROUP_NOUNS:
            return True
        if noun.lemma_.lower() in _VERDICT_OF or any(
                c.i != head.i and c.dep_ in ("amod", "advmod") and (c.i in loaded_tokens or is_evaluative(c.lower_, c.lemma_.lower()))
                for c in (*noun.children, *head.children)):
            return True  # "a terrorist act" (= an act of terrorism); "a cowardly terrorist attack": a verdict
        return _is_agent(noun) and noun.lemma_.lower() not in _GROUP_NOUNS
    if term in DESIGNATION_LABELS:
        # a bare plural naming the participants of an event ("a clash between white supremacists and
        # counter-protesters", "the strike killed two terrorists") names a category; applied as a verdict -- an
        # evaluative modifier, or another loaded word already in the sentence ("a brutal massacre by terrorists") --
        # it is shown
        sent = head.sent
        return not (head.tag_ == "NNS" and head.dep_ in _ARGUMENT_DEPS and not any(
            c.dep_ in ("amod", "advmod") and (c.i in loaded_tokens or is_evaluative(c.lower_, c.lemma_.lower()))
            for c in head.children) and not any(sent.start <= k < sent.end for k in loaded_tokens))
    if head.dep_ in ("attr", "oprd", "appos", "ROOT") and head.pos_ == "NOUN":
        return True  # "this was an assassination", "WAR CRIME" as a headline or predicate
    of = head.head if head.dep_ in ("pobj", "conj") else None
    while of is not None and of.dep_ == "conj":
        of = of.head
    if of is not None and of.lower_ == "of" and of.head.lemma_.lower() in _VERDICT_OF:
        return True
    for c in head.children:
        if c.dep_ in ("amod", "advmod", "compound", "nmod") and not m_start <= c.i < m_end and (
                c.i in loaded_tokens or c.tag_ in ("JJS", "RBS") or is_evaluative(c.lower_, c.lemma_.lower())):
            return True
    return False


def _loaded_hit(doc, text: str, m, name: str, s0: int, s1: int, lower, lemma, starts, ends, matchers,
                taken: set[int] | frozenset[int] = frozenset(), titles: set[int] | frozenset[int] = frozenset()) -> LexHit:
    """One loaded-term hit, with the adjective-phrase extension and negation (see the module docstring)."""
    e = m.entry
    neg = negated_in_parse(doc, m.start, s0, s1)
    start, end = starts[m.start], ends[m.end - 1]
    ext_text = head_text = None
    extended = False
    if m.end - m.start == 1:
        tok = doc[m.start]
        head = tok.head
        modifies_next_noun = (tok.pos_ == "ADJ" and tok.dep_ == "amod" and head.i == m.end
                              and head.pos_ in ("NOUN", "PROPN") and head.i < s1)
        # ... unless that noun is itself a loaded term (it is then its own span)
        if modifies_next_noun and not any(x.start <= head.i < x.end for mm in matchers
                                          for x in mm.match_lists(lower, lemma, head.i, head.i + 1)):
            end = ends[head.i]
            ext_text = text[start:end]
            head_text = head.text
            extended = True
    return LexHit(start, end, name, e["category"], float(e["strength"]), e["direction"], e["term"],
                  _alternative_for(e, ext_text, head_text), neg, ends[m.end - 1], extended,
                  reported=float(e["strength"]) >= MIN_REPORTED_STRENGTH
                  and not any(in_proper_name(doc, k) or k in titles for k in range(m.start, m.end))
                  and not _in_name_run(doc, m.start, m.end)
                  and designation_shown(doc, m.start, m.end, str(e["term"]).lower(), taken)
                  and not literal_sense(doc, m.start, m.end, str(e["term"]).lower()))


def doc_hits(parsed: Parsed, lists: Any = None) -> list[LexHit]:
    """All lexicon hits of the article: loaded terms (``loaded_terms`` first, then ``loaded_senses`` on the
    tokens left, with its part-of-speech check) and every lexicon of :data:`DEVICE_LEXICONS`."""
    doc = parsed.doc
    lower, lemma, starts, ends = lists or _token_lists(doc)
    lemma, derived = verb_forms_misread(doc, lower, lemma)
    text = parsed.text
    out: list[LexHit] = []
    # token ranges of sentences, so that no match crosses a sentence boundary
    sent_ranges = [(s.start, s.end) for s in doc.sents]
    titles = _title_quote_tokens(parsed)
    loaded_ms = [(name, lexicons.matcher(name)) for name in LOADED_LEXICONS]
    matchers = [m for _, m in loaded_ms]
    dev_m = {name: lexicons.matcher(name) for name in DEVICE_LEXICONS}
    for s0, s1 in sent_ranges:
        taken: set[int] = set()
        for name, lm in loaded_ms:
            for m in lm.match_lists(lower, lemma, s0, s1):
                if any(i in taken for i in range(m.start, m.end)) or not _pos_ok(doc, m.start, m.entry.get("pos", ""), derived):
                    continue
                out.append(_loaded_hit(doc, text, m, name, s0, s1, lower, lemma, starts, ends, matchers, taken,
                                       titles))
                taken.update(range(m.start, m.end))
        loaded_tokens = set(taken)
        for name, cat in DEVICE_LEXICONS.items():
            for m in dev_m[name].match_lists(lower, lemma, s0, s1):
                if any(i in taken for i in range(m.start, m.end)) or not device_sense_ok(doc, m.start, m.end, name):
                    continue
                e = m.entry
                out.append(LexHit(starts[m.start], ends[m.end - 1], name, cat, float(e["strength"]), "neutral", e["term"],
                                  "", False, ends[m.end - 1],
                                  reported=_device_reported(doc, m.start, m.end, name, e, loaded_tokens)))
    out.sort(key=lambda h: (h.start, h.end))
    return out


def hits_in(parsed: Parsed, start: int, end: int) -> list[LexHit]:
    """Lexicon hits inside ``[start, end)`` of ``parsed.text`` (offsets stay article offsets)."""
    return [h for h in doc_hits(parsed) if start <= h.start and h.end <= end]


#: Lexicons read to find words ascribed to someone other than the author (:func:`ascribed_regions`).
VOICE_LEXICONS = ("reporting_verbs", "titles")
#: Verbs of characterisation, beside the verbs of ``reporting_verbs``, whose "as" complement (or object predicate)
#: states how someone sees or names a thing: "hailed as a hero", "was seen as a national hero", "branded a traitor".
_CHARACTERISING = frozenset({"view", "regard", "brand", "hail", "portray", "characterize", "characterise", "depict",
                             "paint", "cast", "dismiss", "label", "call", "style", "deride", "lionize", "lionise"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_MODALS = frozenset({"can", "could", "may", "might", "should", "would", "must"})
#: Longest speaker prefix of a headline "Speaker: words" (words before the colon).
HEADLINE_SPEAKER_WORDS = 6


@functools.cache
def _ascribing_verbs() -> frozenset[str]:
    """One-word verbs of ``reporting_verbs`` plus :data:`_CHARACTERISING`; not the endorsing (factive) ones: "widely
    recognized as evil", "found it absurd" present the view as a fact, in the author's voice."""
    verbs = {str(e["term"]).lower() for e in lexicons.load("reporting_verbs").entries
             if "verb" in str(e.get("pos", "verb")) and " " not in str(e["term"]) and e.get("class") != "endorsing"}
    return frozenset(verbs | _CHARACTERISING)


@functools.cache
def _speaker_words() -> frozenset[str]:
    """Lower-case words of titles of office (``titles``) and of role nouns (``person_nouns``)."""
    out = {w for e in lexicons.load("titles").entries for w in str(e["term"]).lower().split()}
    out |= {str(e["term"]).lower() for e in lexicons.load("person_nouns").entries}
    return frozenset(out)


def _ascribing_subject_ok(verb) -> bool:
    """The verb's view is someone else's: its subject (or passive agent) is not the author (I / we), and a passive
    without agent is not a modal suggestion of the author's ("can be seen as")."""
    kids = list(verb.children)
    subj = next((c for c in kids if c.dep_ in ("nsubj", "csubj")), None)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    if subj is not None:
        return subj.lower_ not in _FIRST_PERSON
    if passive:
        agent = next((g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent.lower_ not in _FIRST_PERSON
        return not any(c.dep_ == "aux" and c.lower_ in _MODALS for c in kids)
    return verb.tag_ in ("VBG", "VBN", "VB")  # a non-finite verb: its implicit subject is a participant


def _complements(verb) -> list[Any]:
    """The "as" objects of ``verb`` or of its direct object (the parser hangs "as" on either: "condemned the
    decision as a gamble"), and, after a verb of naming, its object predicate ("branded him a traitor", read as
    ``oprd`` or as a second direct object)."""
    kids = list(verb.children)
    objs = [c for c in kids if c.dep_ == "dobj"]
    out = [g for h in (verb, *objs) for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
           for g in c.children if g.dep_ == "pobj"]
    if verb.lemma_.lower() in _CHARACTERISING:
        out += [c for c in kids if c.dep_ == "oprd"] + objs[1:]
    return out


def ascribed_regions(parsed: Parsed) -> list[tuple[int, int]]:
    """Character ranges whose words are someone else's without quotation marks (the gold's "quoted" voice):

    * the "as" complement or object predicate of a verb of speech, judgement or perception whose subject is not
      the author: "Democrats condemned it *as a reckless move*", "after denouncing him *as a war criminal*", "he
      was seen *as a national hero*" (not "I see it as ...", not "it can be seen as ...");
    * the words after the colon of a headline line (no final punctuation) whose part before the colon, up to
      :data:`HEADLINE_SPEAKER_WORDS` words, names a speaker by a title or role noun: "Foreign Minister: Strike An
      Act Of War" (the headline convention for a speaker's words). A bare name before the colon is not enough:
      opinion sites put the columnist's own name there ("Jane Doe: The War We Chose").
    Ranges may overlap; attribution's content spans and quotation marks are not repeated here."""
    doc = parsed.doc
    verbs = _ascribing_verbs()
    out: list[tuple[int, int]] = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs or not _ascribing_subject_ok(tok):
            continue
        for target in _complements(tok):
            out.append((doc[target.left_edge.i].idx, doc[target.right_edge.i].idx + len(doc[target.right_edge.i])))
    out.extend(_headline_speaker_regions(doc, parsed.text))
    return out


#: A transcript: at least this many lines open with an upper-case speaker label ("CARLSON: ..."), by at least two
#: speakers (a single "WATCH:" or "UPDATE:" label is a section label, not a turn).
TRANSCRIPT_MIN_TURNS = 3
_CAPS_LABEL = re.compile(r"([A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]{2,}){0,2}): \S")


def _transcript_speakers(text: str) -> frozenset[str]:
    """The upper-case speaker labels of a transcript (see :data:`TRANSCRIPT_MIN_TURNS`); empty if it is not one."""
    labels = [m.group(1) for line in text.split("\n") if (m := _CAPS_LABEL.match(line))]
    if len(labels) < TRANSCRIPT_MIN_TURNS or len(set(labels)) < 2:
        return frozenset()
    return frozenset(labels)


def _transcript_turn(doc, start: int, colon: int, speakers: frozenset[str]) -> bool:
    """A transcript turn: the line opens with one of the transcript's upper-case speaker labels ("CARLSON: ...").
    A mixed-case name before a colon is not enough: opinion sites open a column's title with its author's name."""
    return 0 < colon <= 40 and doc.text[start:start + colon] in speakers


def _headline_speaker_regions(doc, text: str) -> list[tuple[int, int]]:
    """The words after "Speaker:" in headline lines (see :func:`ascribed_regions`)."""
    out: list[tuple[int, int]] = []
    speakers = _speaker_words()
    turns = _transcript_speakers(text)
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.rstrip()
        colon = stripped.find(": ")
        turn = _transcript_turn(doc, start, colon, turns)
        if turn:
            out.append((start + colon + 2, start + len(stripped)))
            continue
        if colon <= 0 or not stripped or stripped[-1] in ".!?\"”'’" or len(stripped.split()) > 25:
            continue
        prefix = stripped[:colon]
        if len(prefix.split()) > HEADLINE_SPEAKER_WORDS:
            continue
        span = doc.char_span(start, start + colon, alignment_mode="expand")
        if span is None:
            continue
        if any(t.lower_ in speakers or t.lemma_.lower() in speakers for t in span):
            out.append((start + colon + 2, start + len(stripped)))
    return out
