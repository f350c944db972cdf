"""Speakers: whether a source can speak, what kind of source it is, and who a pronoun is.

* :func:`plausible_source` -- a reporting verb makes an attribution only when its
  source can speak (``rule:attribution.speaker_*``; ``not_source_inanimate``);
  :func:`hypothetical_cue` -- a demanded or predicted report is none
  (``rule:attribution.not_report_modal``);
* :func:`classify_source` -- named person, organisation, government, anonymous,
  vague or unknown, from the entity tags and ``lexicons/source_terms.tsv``;
* :func:`resolve_speaker` -- the speaker's display name and actor (through the
  actors' section's ``actor_at`` / ``resolve``), pronouns agreeing in gender
  with a living, speaker-eligible antecedent (``rule:attribution.pronoun_speaker``),
  role nouns to the person introduced with that role (``role_speaker``), the
  dead as no present-tense speakers (``speaker_dead``), and a confidence in
  [0, 1] for each: a rule over the article's own facts, not coreference.
"""

from __future__ import annotations

import bisect
import logging
import re
from typing import Any

from framing.analyzers.attribution.cues import (
    FIRST_SECOND,
    NONPERSON_PRON,
    PERSON_PRON,
    PLURAL_PRON,
    STATEMENT_NOUNS,
    Cand,
    Lex,
    lemma,
)
from framing.analyzers.attribution.people import People
from framing.schema import Span

log = logging.getLogger(__name__)

def _ents_in(parsed, span: Span):
    return parsed.entities_in(span)  # a bisect over the cached entities: doc.ents is rebuilt per access


def classify_source(parsed, tok, span: Span, lex: Lex) -> tuple[str, str | None]:
    """(speaker_kind, matched source term) for a source phrase."""
    text = parsed.text
    low = " " + re.sub(r"\s+", " ", text[span.start:span.end].lower()) + " "
    ents = _ents_in(parsed, span)
    has_person = any(e.label_ == "PERSON" for e in ents)
    head_lemma = lemma(tok)
    for term, phrase_kind in lex.source_phrases:
        if f" {term} " in low or low.strip().startswith(term + " ") or (f" {term}" in low and phrase_kind == "anonymous"):
            if phrase_kind == "anonymous" and has_person:
                continue
            return phrase_kind, term
    kind = lex.source_heads.get(head_lemma)
    if kind is None and part_of_group(tok):
        return "vague", tok.lower_  # '25%', 'just 1 in 10', 'those polled', 'several from among ...'
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
    if tok.ent_type_ in ("GPE",) or (any(e.label_ == "GPE" for e in ents) and kind in (None, "government")):
        return "government", None
    if kind in ("government", "organisation"):
        return kind, head_lemma
    if tok.ent_type_ in ("ORG", "NORP") or any(e.label_ in ("ORG", "NORP") for e in ents):
        return "organisation", None
    if tok.pos_ == "PROPN":
        return "named_person", None
    return "unknown", None


#: heads that name an unspecified part of a group or sample ('those polled', 'a majority', 'three times as many')
_PART_WORDS = frozenset({"those", "several", "half", "third", "quarter", "percent", "%", "majority", "minority",
                         "plurality", "respondent", "respondents", "times", "few", "dozens", "hundreds", "thousands",
                         "one", "two", "three", "four", "five"})


def part_of_group(tok) -> bool:
    """Whether a source head is a number, share or quantifier standing for part of a group or a poll's sample
    ('25% said', 'just 1 in 10 said', 'those polled said', 'several from among the protesters said'): a vague
    source, never a named one. A number inside a name ('G7') is a proper noun and does not count."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    return tok.lower_ in _PART_WORDS or tok.pos_ == "NUM" or tok.ent_type_ in ("PERCENT", "CARDINAL")


ACTOR_KIND = {"person": "named_person", "government": "government", "country": "government",
               "organisation": "organisation", "organization": "organisation", "group": "organisation"}


def actor_lookup(actors, span: Span, text: str):
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


def display_name(parsed, tok, span: Span) -> str:
    """The person named at the head of a source phrase, else the phrase without its article. A person named
    elsewhere in the phrase ('the intelligence on which Trump based his decision') does not speak."""
    text = parsed.text
    persons = [e for e in _ents_in(parsed, span) if e.label_ == "PERSON"
               and (e.start <= tok.i < e.end or any(e.start <= c.i < e.end for c in tok.children
                                                   if c.dep_ in ("appos", "compound")))]
    if persons:
        return persons[-1].text
    s = text[span.start:span.end]
    s = re.sub(r"^(the|a|an)\s+", "", s, flags=re.IGNORECASE)
    s = re.sub(r"\s+(himself|herself|themselves|itself)$", "", s.strip(" ,"))  # 'Trump himself'
    return s.strip()


def last_entity(parsed, before: int, labels: tuple[str, ...], *, window: int = 2):
    """(position, name, kind, None) of the last entity with one of ``labels`` in the ``window`` sentences before ``before``."""
    si = parsed.sentence_index(before)
    lo = parsed.sentences[max(0, si - window)].start if parsed.sentences else 0
    best = best_subj = None
    ents = parsed.entities
    for i in range(parsed.entity_index(lo), len(ents)):  # entities before ``lo`` never qualify
        e = ents[i]
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


def compatible(pron: str, kind: str) -> bool:
    if pron in PERSON_PRON:
        return kind == "named_person"
    if pron in NONPERSON_PRON:
        return kind in ("government", "organisation")
    if pron in PLURAL_PRON:
        return kind in ("government", "organisation", "anonymous", "vague")
    return False


_AGENT_ENTS = ("PERSON", "ORG", "GPE", "NORP")
_NONAGENT_ENTS = ("DATE", "TIME", "MONEY", "EVENT")
_HYPOTHETICAL_MODALS = {"must", "should", "ought", "shall"}
_FUTURE_MODALS = {"will", "would", "'ll", "wo", "could", "might", "may", "can", "ca"}


def plausible_source(parsed, cand: Cand, lex: Lex, actors) -> tuple[bool, str]:
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
    low, lem = tok.lower_, lemma(tok)
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
        act = actor_lookup(actors, head_span, text)
        if act is not None:
            ok = ACTOR_KIND.get(getattr(act, "kind", ""), "") in ("government", "organisation")
            return ok, "rule:attribution.speaker_pronoun" if ok else "rule:attribution.not_source_inanimate"
        near = last_entity(parsed, tok.idx, ("GPE", "ORG", "NORP"), window=1)
        return (near is not None), ("rule:attribution.speaker_pronoun" if near is not None else "rule:attribution.not_source_inanimate")
    if lem in lex.source_heads or low in lex.source_heads or lem in lex.agent_nouns or low in lex.agent_nouns:
        return True, "rule:attribution.speaker_noun"
    if lem in lex.inanimate or low in lex.inanimate or tok.ent_type_ in _NONAGENT_ENTS:
        if tok.pos_ == "PROPN" or actor_lookup(actors, head_span, text) is not None:
            return True, "rule:attribution.speaker_entity"  # a name that happens to be a common word
        if any(c.dep_ == "appos" and (c.ent_type_ in _AGENT_ENTS or lemma(c) in lex.source_heads) for c in tok.children):
            return True, "rule:attribution.speaker_entity"  # 'after the vote, Jane Doe, an adviser, said': a misattached head
        return False, "rule:attribution.not_source_inanimate"
    return True, ""


def hypothetical_cue(parsed, cand: Cand) -> bool:
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



def person_at_end(parsed, act, span: Span) -> bool:
    """Whether ``act`` is a person whose name ends the phrase ``span`` (titles before a name: the name speaks)."""
    if act is None or getattr(act, "kind", "") != "person":
        return False
    tail = parsed.text[span.start:span.end].rstrip(" ,")
    return any(m.end >= span.start + len(tail) - 1 and m.start >= span.start for m in getattr(act, "mentions", ()))


def speaker_like(tok, lex: Lex) -> bool:
    """A personal pronoun, a person / organisation / country / group entity, or a source or institution noun."""
    if tok is None:
        return False
    low = tok.lower_
    if tok.pos_ == "PRON":
        return low in PERSON_PRON or low in PLURAL_PRON or low in FIRST_SECOND
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lem = lemma(tok)
    return lem in lex.source_heads or lem in lex.agent_nouns or lem in lex.person_nouns


#: prepositions of place: an actor named after one of them ('protests in the US') is where, not who
PLACE_PREPS = frozenset({"in", "at", "outside", "inside", "near", "across", "around", "throughout", "on"})


#: (position, name, kind, actor) of each speaker so far, for pronoun resolution
History = list[tuple[int, str, str, "str | None"]]


def resolve_speaker(parsed, c: Cand, lex: Lex, actors: Any, history: History,
                    people: People | None = None) -> tuple[str, str, str | None, str, str, str | None, float]:
    """(speaker, speaker kind, actor name, source text, speaker rule, source term, confidence) of candidate ``c``.

    With ``people`` (:func:`~framing.analyzers.attribution.people.people_of`): a definite role noun ('the
    envoy said') is the person the article introduced with that role (``rule:attribution.role_speaker``),
    else an unnamed person of that role (kind ``anonymous``), never the organisation in its modifiers; a
    person's name is given in its canonical form; a person the article reports dead is not the speaker of
    a statement in the present tense (``rule:attribution.speaker_dead``: speaker unclear); pronouns agree
    in gender (see :func:`_pronoun_speaker`). Confidence in [0, 1]: 1 for a named or described source,
    lower for a resolved pronoun or role, 0 when the speaker is unclear.

    The actor named before the source head's first prepositional modifier
    speaks ('Helena Voss of the Marlow Institute' is Voss); with no actor there, a
    common noun speaks for the actor after it ('a spokesman for the ministry'),
    except in a place phrase ('Protests in the US' is not the United States).
    Pronouns go to the last compatible speaker in ``history`` (or a nearby entity:
    ``rule:attribution.pronoun_speaker``); other sources are classified by
    :func:`classify_source`. A resolved speaker is appended to ``history``.
    """
    text = parsed.text
    speaker, kind, actor, stext, srule, term, conf = "", "unknown", None, "", "", None, 1.0
    if c.source_span is None or c.source_tok is None:
        return speaker, kind, actor, stext, srule, term, 0.0
    stext = text[c.source_span.start:c.source_span.end]
    tok = c.source_tok
    hs = c.source_span
    if tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.head.ent_type_ in ("PERSON", "ORG") and tok.head.i < tok.i:
        # 'Human Rights Watch, a leading rights group, which warned ...': the name the description stands beside
        tok, hs = tok.head, _entity_span(tok.head)
    prep = next((x for x in tok.children if x.dep_ in ("prep", "relcl", "acl", "appos") and x.i > tok.i
                 and hs.start < x.left_edge.idx < hs.end), None)
    # the actor at the head word first ('Shortly after Soleimani's death, Agnes Callamard, ... tweeted'), else the phrase
    act = actor_lookup(actors, Span(tok.idx, tok.idx + len(tok.text)), text)
    affiliated = act is None and tok.pos_ == "NOUN" and lemma(tok) not in _STATE_HEADS
    act = act or actor_lookup(actors, hs, text)
    if prep is not None and person_at_end(parsed, act, hs):
        pass  # 'Concord of Nations Secretary-General Lukas Brenner': the person the phrase ends on speaks
    elif prep is not None:
        act = actor_lookup(actors, Span(hs.start, prep.left_edge.idx), text)
        if act is None and not (tok.pos_ == "NOUN" and prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS):
            act = actor_lookup(actors, hs, text)
    if (act is not None and tok.lower_ not in PERSON_PRON | NONPERSON_PRON | PLURAL_PRON
            and getattr(act, "kind", "") == "person"
            and not _mention_at(act, tok.idx, people)):
        act = None  # a person named inside the phrase, not at its head ("Soleimani's death, X, said"), does not speak
    # an actor named only before a common-noun head is its affiliation ('the US-led coalition', 'Iranian
    # television'); one named after it is the head's own name ('the London-based firm IHS Markit')
    affiliated = affiliated and act is not None and not _mention_between(act, tok.idx + 1, hs.end, people)
    low = tok.lower_
    if tok.pos_ == "PRON" and (low in PERSON_PRON or low in NONPERSON_PRON or low in PLURAL_PRON):
        srule = "rule:attribution.pronoun_speaker"
        speaker, kind, actor, conf = _pronoun_speaker(parsed, c, act, low, stext, history, people)
    elif people is not None and (principal := _possessed_office(tok)) is not None:
        # 'his office said', 'her spokeswoman said': the text links them to the person the pronoun names
        speaker, kind, actor, conf = _pronoun_speaker(parsed, c, None, principal, stext, history, people,
                                                      own_content=True)
        srule = "rule:attribution.pronoun_speaker"
    elif people is not None and lemma(tok) in STATEMENT_NOUNS and _definite(tok) and tok.pos_ == "NOUN":
        # 'the statement added': the statement of the last speaker
        prev = next((h for h in reversed(history) if h[0] < hs.start and h[1]), None)
        if prev is not None:
            speaker, kind, actor, conf = prev[1], prev[2], prev[3], 0.7
        else:
            speaker, kind, conf = "", "unknown", 0.0
        srule = "rule:attribution.pronoun_speaker"
    elif _epithet(tok, hs, parsed) and people is not None:
        # 'the South Carolina Republican': a party epithet for the politician the article just named
        speaker, kind, actor, conf = _pronoun_speaker(parsed, c, None, "he/she", stext, history, people)
        srule = "rule:attribution.role_speaker"
        last = next((h for h in reversed(history) if h[0] < hs.start), None)
        # confident only for the speaker of the attribution just before, within two sentences
        near = last is not None and last[1] == speaker and parsed.sentence_index(hs.start) - parsed.sentence_index(last[0]) <= 2
        conf = min(conf, 0.6 if near else 0.4)
    elif (role := _role_head(parsed, tok, hs, lex, prep)) is not None:
        speaker, kind, srule, conf, term = _role_speaker(parsed, tok, hs, role, people)
    else:
        speaker, kind, actor, term = _described_speaker(parsed, tok, hs, lex, act, affiliated)
    if people is not None and kind == "named_person" and speaker:
        speaker = people.name(speaker)
        if people.is_dead(speaker) and not _past_cue(parsed, c):
            history.append((c.source_span.start, "", "unknown", None))
            return "", "unknown", None, stext, "rule:attribution.speaker_dead", term, 0.0
    if kind != "unknown" or speaker:
        history.append((c.source_span.start, speaker, kind, actor))
    return speaker, kind, actor, stext, srule, term, conf


_PERSON_OF_ORG = re.compile(r"^(?P<first>[A-Z][a-z]+)(?P<rest>(?:\s+[A-Z]\.)?\s+[A-Z][\w'\u2019-]+)\s*,?\s+(?:of|at|from)\s+"
                            r"(?:the\s+)?(?P<org>[A-Z][^,]{1,60}?)\s*(?:,.*)?$", re.DOTALL)


def person_of_org(name: str, lex: Lex) -> tuple[str, str] | None:
    """(person, organisation) for a source phrase 'First Last of Organisation' whose first word is a given name
    of ``lexicons/first_names.tsv`` (the small tagger often reads the whole phrase as one organisation), else None."""
    m = _PERSON_OF_ORG.match(name.strip())
    if m is None or m.group("first").lower() not in lex.first_names:
        return None
    return m.group("first") + m.group("rest"), re.sub(r",.*$", "", m.group("org")).strip()


def _head_phrase(parsed, tok, hs: Span) -> str:
    """The noun phrase of a common-noun source head without its clauses: its left modifiers, the head and an
    'of' phrase ('members of the Iraqi parliament', 'the US-led military coalition'), article dropped."""
    doc = tok.doc
    start = max(tok.left_edge.i, doc.char_span(hs.start, hs.end, alignment_mode="expand").start)
    end = tok.i
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == tok.i + 1), None)
    if of is not None and hs.start <= of.right_edge.idx < hs.end:
        end = of.right_edge.i
    phrase = parsed.text[doc[start].idx:doc[end].idx + len(doc[end].text)]
    return re.sub(r"^(the|a|an)\s+", "", phrase, flags=re.IGNORECASE).strip()


def _mentions_sorted(act: Any, people: People | None) -> tuple[list[int], list[Any]]:
    """(starts, mentions) of an actor sorted by start, cached per article on ``people`` (asked per attribution:
    a scan of every mention each time would be quadratic in a long article)."""
    cache = people.mention_index if people is not None else {}
    key = id(act)
    got = cache.get(key)
    if got is None or got[2] is not act:
        ms = sorted(getattr(act, "mentions", ()), key=lambda m: m.start)
        got = cache[key] = ([m.start for m in ms], ms, act)
    return got[0], got[1]


def _mention_at(act: Any, offset: int, people: People | None) -> bool:
    """Whether a mention of ``act`` covers character ``offset``."""
    starts, ms = _mentions_sorted(act, people)
    i = bisect.bisect_right(starts, offset)
    return any(m.start <= offset < m.end for m in ms[max(0, i - 3):i])


def _mention_between(act: Any, lo: int, hi: int, people: People | None) -> bool:
    """Whether a mention of ``act`` starts in [lo, hi)."""
    starts, _ms = _mentions_sorted(act, people)
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def _entity_span(tok) -> Span:
    """The character span of the named entity ``tok`` belongs to (the token alone when it is in none)."""
    doc = tok.doc
    a = b = tok.i
    if tok.ent_iob_ in ("B", "I"):
        while a > 0 and doc[a].ent_iob_ == "I":
            a -= 1
        while b + 1 < len(doc) and doc[b + 1].ent_iob_ == "I":
            b += 1
    return Span(doc[a].idx, doc[b].idx + len(doc[b].text))


def _described_speaker(parsed, tok, hs: Span, lex: Lex, act: Any, affiliated: bool) -> tuple[str, str, str | None, str | None]:
    """(speaker, kind, actor, source term) of a source that names or describes its speaker: the kind from the
    phrase (:func:`classify_source`), the actor's name for an actor at the head; a common-noun head with an
    actor only in its modifiers keeps its own phrase (the actor is its affiliation); a person tagged with an
    organisation ('Gil Barndollar of Defense Priorities') is the person."""
    actor = None
    kind, term = classify_source(parsed, tok, hs, lex)
    speaker = display_name(parsed, tok, hs)
    if affiliated and act is not None:
        speaker = _head_phrase(parsed, tok, hs) or speaker  # 'Iranian television', not the whole clause
        head_kind = lex.source_heads.get(lemma(tok)) or ""
        kind = head_kind if head_kind in ("government", "organisation") else "organisation"
    akind = ACTOR_KIND.get(getattr(act, "kind", "")) if act is not None else None
    if tok.ent_type_ == "PERSON" and akind not in (None, "named_person"):
        kind, act = "named_person", None  # a person at the head speaks, not the group named after them
    if (split := person_of_org(speaker, lex)) is not None:
        # 'Gil Barndollar of Defense Priorities' tagged as one organisation: the person speaks
        speaker, kind, act = split[0], "named_person", None
    if act is not None and kind not in ("anonymous", "vague"):
        actor = getattr(act, "name", None)
        if akind and not (affiliated and akind != "named_person"):
            kind = akind
        if actor and not (affiliated and speaker and akind != "named_person"):
            speaker = actor  # else 'the US-led military coalition' speaks, the United States is its affiliation
    return speaker, kind, actor, term


def _role_speaker(parsed, tok, hs: Span, role: str, people: People | None) -> tuple[str, str, str, float, str | None]:
    """(speaker, kind, speaker rule, confidence, source term) of a source headed by a role noun: the person the
    article introduced with that role (confidence 0.8) or with the organisation named in its modifiers ('the LPL
    analyst', 0.6); else an unnamed person of that role -- unclear (0.4) when definite in an article that names
    someone with that role (the link exists but was not found), never the organisation in its modifiers."""
    named = None
    if people is not None and _definite(tok):
        words = frozenset(t.lower_ for t in tok.subtree if hs.start <= t.idx < hs.end and not t.is_punct)
        named = people.by_role(role, hs.start, words) or people.by_role(role, hs.start, words, ahead=700)
        if named:
            return named, "named_person", "rule:attribution.role_speaker", 0.8, None
        named = people.by_title_word(_proper_modifiers(tok, hs), hs.start)
        if named:
            return named, "named_person", "rule:attribution.role_speaker", 0.6, None
    conf = 0.4 if people is not None and _definite(tok) and people.has_role(role) else 1.0
    return display_name(parsed, tok, hs), "anonymous", "", conf, role


def _past_cue(parsed, c: Cand) -> bool:
    """Whether the cue of ``c`` is in a past tense (a dead person may have said it before)."""
    if c.cue_tok is None or c.cue_tok < 0:
        return c.type == "according_to"
    t = parsed.doc[c.cue_tok]
    return t.tag_ in ("VBD", "VBN") or any(a.lower_ in ("had", "has", "have") for a in t.children if a.dep_ == "aux")


_OFFICES = frozenset({"office", "spokesman", "spokeswoman", "spokesperson", "campaign", "team", "press"})


def _possessed_office(tok) -> str | None:
    """'he' or 'she' for an office, a spokesperson or a statement owned by a personal pronoun ('his office',
    'her initial tweet saying ...'), else None."""
    if tok.pos_ != "NOUN" or (lemma(tok) not in _OFFICES and lemma(tok) not in STATEMENT_NOUNS):
        return None
    poss = next((c.lower_ for c in tok.children if c.dep_ == "poss"), "")
    return {"his": "he", "her": "she"}.get(poss)


#: heads that stand for their country or party as a whole ('the Iranian government said' is Iran)
_STATE_HEADS = frozenset({"government", "administration", "regime", "state", "country", "nation", "leadership",
                          "cabinet", "authority", "authorities"})
#: party-member nouns used as epithets for a politician already named ('the South Carolina Republican')
_PARTY_NOUNS = frozenset({"republican", "democrat", "independent", "conservative", "liberal", "progressive",
                          "socialist", "tory", "centrist", "libertarian"})


def _epithet(tok, hs: Span, parsed) -> str:
    """'s' for a definite singular party epithet heading the source ('the South Carolina Republican', 'the
    Vermont independent'), '' otherwise. News style names a politician once and then refers to them by party
    and state; such an epithet never introduces a new person."""
    if tok.lower_ not in _PARTY_NOUNS or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return ""  # 'the Democrats' (plural) is the party speaking, not an epithet
    if any(e.label_ == "PERSON" for e in _ents_in(parsed, hs)):
        return ""
    return "s"


def _proper_modifiers(tok, hs: Span) -> frozenset:
    """Lower-case proper-noun modifiers of a role noun that are not places or nationalities ('LPL' in 'the LPL
    analyst'): an organisation that links the role to a person introduced with it."""
    return frozenset(c.lower_ for c in tok.children if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"
                     and c.ent_type_ not in ("GPE", "NORP", "LOC") and hs.start <= c.idx < hs.end)


def _definite(tok) -> bool:
    """A definite noun phrase ('the envoy', "Iran's envoy", 'envoy'), not an indefinite one ('an envoy')."""
    return not any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another", "some", "any") for c in tok.children)


def _role_head(parsed, tok, hs: Span, lex: Lex, prep) -> str | None:
    """The role noun heading a source phrase with no person name in it ('the U.N. envoy', "Iran's UN
    ambassador"), or None. A spokesperson *for* someone ('a spokesman for the ministry') is left to the
    actor after it: the text links them."""
    if tok.pos_ != "NOUN" or tok.ent_type_ == "PERSON" or tok.tag_ in ("NNS", "NNPS"):
        return None
    role = lemma(tok)
    if role not in lex.person_nouns:
        return None
    if lex.source_heads.get(role) == "vague" and not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the")
                                                          for c in tok.children):
        return None  # 'an analyst', 'experts': vague; 'the LPL analyst' is someone the article means
    if prep is not None and prep.dep_ == "prep" and prep.lower_ == "for":
        return None
    if any(e.label_ == "PERSON" for e in _ents_in(parsed, hs)):
        return None
    return role


def _pronoun_speaker(parsed, c: Cand, act: Any, low: str, stext: str, history: History,
                     people: People | None = None, own_content: bool = False) -> tuple[str, str, str | None, float]:
    """(speaker, kind, actor, confidence) of a pronoun source.

    'he' / 'she': the most recent speaker-eligible person before it (not the actors' coreference, which
    also links a pronoun to a person who only appears inside a quotation) -- the last
    person speaker in ``history`` or the last person named as a subject outside
    quotations in the two sentences before, whichever is later -- whose pronoun
    (from ``people``) agrees and whom the article does not report dead; a
    candidate of unknown pronoun is taken with lower confidence; none: speaker
    unclear. 'it' / 'they': the actor it resolves to, else the last compatible
    speaker or the nearest organisation or country mention."""
    assert c.source_span is not None
    start = c.source_span.start
    if low in ("he", "she", "him", "her", "he/she") and people is not None:
        want = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(low, "")
        cands: list[tuple[int, str, str | None]] = [(h[0], h[1], h[3]) for h in history
                                                   if h[0] < start and h[2] == "named_person" and h[1]]
        own = list(c.content) if own_content else []  # 'X made his request, his office said': X owns it
        own += people.contents_at(start)  # the content the pronoun itself is in
        for near in _recent_people(parsed, start):
            at = Span(near[0], near[0] + len(near[1]))
            if (people.in_content is None or not people.in_content.contains(at)
                    or any(p.start <= at.start and at.end <= p.end for p in own)):
                cands.append((near[0], near[1], None))
        for _pos, name, actor in sorted(cands, key=lambda x: -x[0]):
            g = people.gender(name)
            if people.is_dead(name) or (g and want and g != want):
                continue
            return people.name(name), "named_person", actor, 0.9 if g else 0.6
        # no subject or speaker agrees: a person named in another role ('Pence briefed Nancy Pelosi and after she
        # tweeted ...'), only when exactly one such person of the pronoun's known gender is near
        others = {people.name(n) for pos, n in _recent_people(parsed, start, subjects=False)
                  if want and people.gender(n) == want and not people.is_dead(n)
                  and (people.in_content is None or not people.in_content.contains(Span(pos, pos + len(n))))}
        if len(others) == 1:
            return others.pop(), "named_person", None, 0.7
        return "", "unknown", None, 0.0
    if act is not None:
        actor = getattr(act, "name", None)
        return actor or stext, ACTOR_KIND.get(getattr(act, "kind", ""), "unknown"), actor, 0.8
    prev = next((h for h in reversed(history) if h[0] < start and compatible(low, h[2])), None)
    if low not in PERSON_PRON:
        # 'it' / 'they': the nearest preceding organisation or country mention is a better guess
        near = last_entity(parsed, start, ("GPE", "ORG", "NORP"))
        if near is not None and (prev is None or near[0] > prev[0]):
            prev = near
    elif prev is None:
        near = last_entity(parsed, start, ("PERSON",))
        if near is not None:
            prev = (near[0], near[1], "named_person", None)
    if prev is not None:
        return prev[1], prev[2], prev[3], 0.7
    return "", "unknown", None, 0.0


def _recent_people(parsed, before: int, *, subjects: bool = True) -> list[tuple[int, str]]:
    """(position, name) of persons named outside quotations as a subject (any role with ``subjects=False``) in
    the two sentences before ``before`` (and earlier in its own sentence)."""
    si = parsed.sentence_index(before)
    lo = parsed.sentences[max(0, si - 2)].start if parsed.sentences else 0
    out = []
    ents = parsed.entities
    for i in range(parsed.entity_index(lo), len(ents)):
        e = ents[i]
        if e.start_char >= before:
            break
        if e.label_ == "PERSON" and (not subjects or e.root.dep_ in ("nsubj", "nsubjpass")) and not parsed.in_quotes(
                Span(e.start_char, e.end_char)):
            out.append((e.start_char, re.sub(r"['\u2019]s$", "", e.text)))
    return out
