"""Attribution rules: reporting verbs and nouns, 'according to', agentless reports, inserted and headline cues.

Each rule reads spaCy's dependency parse around a cue of ``lexicons/reporting_verbs.tsv``
and proposes a candidate (:class:`~framing.analyzers.attribution.cues.Cand`): its
source token and span, cue span and content fragments, and the rule id that found
it (the keys of :data:`RULES`). :func:`rule_candidates` keeps the candidates whose
source can speak and whose cue reports (not demands or predicts), then attaches
quotations (:mod:`framing.analyzers.attribution.quotes`).
"""

from __future__ import annotations

import logging
from typing import Any

from framing.analyzers.attribution.cues import (
    CLAUSE_DEPS,
    FIRST_SECOND,
    STATEMENT_NOUNS,
    SUBJ,
    Cand,
    Cue,
    Lex,
    lemma,
    match_cue,
)
from framing.analyzers.attribution.quotes import attach_quotes, inverted_subject
from framing.analyzers.attribution.speakers import hypothetical_cue, plausible_source
from framing.nlp.spans import trim
from framing.nlp.syntax import (
    RELATIVE_PRONOUNS,
    SPEAKER,
    np_span,
    passive_agents,
    subject,
    subtree_span,
    tokens_span,
)
from framing.schema import AttributionType, CueClass, Span, SpeakerKind

log = logging.getLogger(__name__)


RULES: dict[str, str] = {
    "rule:attribution.verb_complement": "a reporting verb with a clausal complement: 'X said (that) ...'",
    "rule:attribution.verb_object": "a speech-act verb whose to-infinitive or named complement is what was said: 'X threatened to leave', 'X called Y a Z'",
    "rule:attribution.verb_topic": "a speech-act verb with a noun-phrase object or topic ('X condemned the strike', 'spoke about Y'): the object is the writer's naming of what was said, so it stays in the author's voice",
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
    "rule:attribution.pronoun_speaker": "a pronoun speaker resolved to the last speaker-eligible person whose pronoun agrees (or the last compatible institution)",
    "rule:attribution.embedded_post": "a social-media post embedded in the article ('— Name (@handle) date'): the account's own words",
    "rule:attribution.role_speaker": "a role noun ('the envoy said') resolved to the person the article introduced with that role",
    "rule:attribution.speaker_dead": "speaker unclear: the article reports this person dead and the statement is in the present tense",
    "rule:attribution.quote_previous_speaker": "a quotation with no source of its own continues the attribution just before it",
    "rule:attribution.not_speech": "not a statement: a verb of action, state or appearance ('vote', 'order', 'seem', 'learn'), a hypothetical report or a universal appeal ('everyone knows')",
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
    "model:attribution.learned_cue": "a cue found by the trained span model (framing.analyzers.attribution.model) that no rule took; its content is the span the model scores best",
}

TYPES = tuple(t.value for t in AttributionType)
SPEAKER_KINDS = tuple(k.value for k in SpeakerKind)
CUE_CLASSES = tuple(c.value for c in CueClass)


def _clause_span(c, text: str, lex: Lex) -> Span | None:
    """The subtree of a complement clause, trimmed, without a trailing participial clause after a comma
    (', referring to ...', ', adding ...': the writer's addition or a new attribution) and without a conjoined
    second reporting verb ('... but said Z'). Non-restrictive relative clauses and appositives stay: in PolNeAR
    they belong to the reported content."""
    sp = subtree_span(c)
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
    for t in c.subtree:
        if t.i <= c.i or t.i > end_i:
            continue
        if t.dep_ == "conj" and t.pos_ == "VERB" and t.head.i >= c.i and match_cue(t, lex) is not None:
            # '... but said Z': a second reporting verb starts its own attribution
            left = t.left_edge.i
            while left - 1 > c.i and (doc[left - 1].dep_ == "cc" or doc[left - 1].is_punct):
                left -= 1
            end_i = min(end_i, left - 1)
    if end_i < c.left_edge.i:
        return trim(text, sp.start, sp.end)
    return trim(text, sp.start, doc[end_i].idx + len(doc[end_i].text))


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


def _content_from_verb(verb, cue: Cue, last: int, text: str, lex: Lex):
    """(content spans, rule) for a verb cue, or None."""
    doc = verb.doc
    clause = [c for c in verb.children if c.dep_ in CLAUSE_DEPS and c.i != verb.i]
    if not clause and cue.act == "speech":
        clause = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.tag_ == "VBG"
                  and not any(a.dep_ == "aux" for a in c.children)]
    if clause:
        spans = []
        for c in clause:
            tr = _clause_span(c, text, lex)
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
            sp = tokens_span(doc[nxt.i + 1: sent.end])
            if sp:
                tr = trim(text, sp.start, sp.end)
                if tr:
                    return [tr], "rule:attribution.colon_cue"
        return [], "rule:attribution.colon_cue"  # the content is in the next sentence
    # inserted: 'The plan, he said, is wrong' / 'It is wrong, he said.'
    if (verb.dep_ == "parataxis" or _trailing_inserted(verb)) and verb.head.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
        head = verb.head
        full = subtree_span(head)
        own = subtree_span(verb)
        parts = []
        for s, e in ((full.start, own.start), (own.end, full.end)):
            tr = trim(text, s, e)
            if tr and len(tr) > 1:
                parts.append(tr)
        if parts:
            return parts, "rule:attribution.inserted_cue"
    if cue.content == "object":
        for c in verb.children:
            if c.dep_ in ("dobj", "xcomp") and c.i > verb.i and c.lower_ not in ("it", "this", "that", "so"):
                sp = subtree_span(c)
                # 'called X a Y': the object and its predicate complement together
                named = False
                for o in verb.children:
                    if o.dep_ in ("oprd", "xcomp", "ccomp") and o.i > c.i:
                        sp = Span(sp.start, max(sp.end, subtree_span(o).end))
                        named = True
                tr = trim(text, sp.start, sp.end)
                if tr:
                    # a bare noun-phrase object ('condemned the violation') names what was said about: a topic
                    topic = c.dep_ == "dobj" and not named and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
                    return [tr], "rule:attribution.verb_topic" if topic else "rule:attribution.verb_object"
            if c.dep_ == "prep" and cue.words[-1] == c.lower_ and len(cue.words) > 1:
                # phrasal cue 'call for X'
                for p in c.children:
                    if p.dep_ == "pobj":
                        sp = subtree_span(p)
                        tr = trim(text, sp.start, sp.end)
                        if tr:
                            return [tr], "rule:attribution.verb_topic"
    if cue.act == "speech":
        # 'spoke about X', 'asked about X', 'commented on X': the topic as content
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("about", "on", "of") and c.i > verb.i:
                p = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                if p is not None:
                    sp = subtree_span(p)
                    tr = trim(text, sp.start, sp.end)
                    if tr:
                        return [tr], "rule:attribution.verb_topic"
    return None


def _content_from_noun(noun, text: str):
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "appos") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            sp = subtree_span(c)
            tr = trim(text, sp.start, sp.end)
            if tr:
                return [tr]
    return None


def noun_source(noun):
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


def find_candidates(parsed, lex: Lex) -> list[Cand]:
    doc = parsed.doc
    text = parsed.text
    out: list[Cand] = []
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
        m = match_cue(tok, lex)
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
            full = subtree_span(head)
            parts = [p for p in (trim(text, full.start, tok.idx), trim(text, cue_span.end, full.end)) if p and len(p) > 1]
            if parts:
                out.append(Cand("agentless", "rule:attribution.agentless_adverb", cue, cue_span, tok.i, None, None, parts))
            continue
        if tok.pos_ in ("NOUN", "PROPN"):
            content = _content_from_noun(tok, text)
            if content:
                src = noun_source(tok)
                out.append(Cand("indirect", "rule:attribution.noun_complement", cue, cue_span, tok.i, src,
                                 np_span(src) if src is not None else None, content))
            continue
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        # agentless passive: 'it was reported that ...', 'X is believed to ...'
        is_passive = any(c.dep_ == "auxpass" for c in tok.children)
        subj = subject(tok, SPEAKER)
        agt = next(iter(passive_agents(tok)), None) if is_passive else None
        quoted_as = _quoted_as_saying(tok, lex, text) if is_passive else None
        if quoted_as is not None:
            out.append(quoted_as)  # 'X was quoted as saying ...': X speaks, the one who quotes only relays
            continue
        if is_passive and agt is None:
            pass_subj = next((c for c in tok.children if c.dep_ in ("nsubjpass", "expl")), None)
            clause = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
            if clause and pass_subj is not None:
                aux = [c for c in tok.children if c.dep_ == "auxpass"]
                cs = Span(min([tok.idx] + [a.idx for a in aux]), cue_span.end)
                parts = []
                if pass_subj.lower_ != "it":
                    parts.append(subtree_span(pass_subj))
                for c in clause:
                    sp = subtree_span(c)
                    tr = trim(text, sp.start, sp.end)
                    if tr:
                        parts.append(tr)
                if parts:
                    out.append(Cand("agentless", "rule:attribution.agentless_passive", cue, cs, tok.i, None, None, parts))
                    continue
            continue
        if cue.act == "belief" and subj is not None and subj.lower_ in FIRST_SECOND:
            continue  # 'I think', 'you know': part of the speaker's own words, not a new source
        got = _content_from_verb(tok, cue, last, text, lex)
        if got is None:
            tail = _tail_attribution(tok, last, cue, text) if cue.act == "speech" else None
            if tail is not None:
                out.append(tail)
            continue
        if cue.act == "belief" and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for c in tok.children
                                       if c.dep_ == "ccomp" for m in c.children):
            continue  # 'does not know whether ...' attributes no content
        content, rule = got
        src = agt if agt is not None else subj
        if src is None and cue.act == "speech":
            src = inverted_subject(tok)  # '"...," seethed Ingraham on Fox
        if src is None and cue.act == "stance":
            continue  # a position with no holder is no attribution
        out.append(Cand("indirect", rule, cue, cue_span, tok.i, src, np_span(src) if src is not None else None, content))
    return out


def _quoted_as_saying(verb, lex: Lex, text: str) -> Cand | None:
    """'X was quoted (cited, reported, heard) as saying (that) ...': a passive cue with 'as' + a speech verb in
    -ing. The passive subject X is the speaker (``rule:attribution.verb_complement``); the agent, if any ('by
    the Fars news agency'), only relays the words. The content is the clause of 'saying' or, when the quotation
    comes first, the clause the passive verb governs."""
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    saying = next((c for c in prep.children if c.dep_ in ("pcomp", "pobj") and c.tag_ == "VBG"), None) if prep else None
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if saying is None or subj is None or (subj.pos_ == "PRON" and subj.lower_ == "it"):
        return None
    m = match_cue(saying, lex)
    if m is None or m[0].act != "speech":
        return None
    content = [sp for c in list(saying.children) + list(verb.children) if c.dep_ in CLAUSE_DEPS
               if (sp := _clause_span(c, text, lex)) is not None]
    if not content:
        return None
    aux = [c.idx for c in verb.children if c.dep_ == "auxpass"]
    cue_span = Span(min([verb.idx] + aux), saying.idx + len(saying.text))
    return Cand("indirect", "rule:attribution.verb_complement", m[0], cue_span, verb.i, subj, np_span(subj), content)


def _headline_verb(tok, lex: Lex, text: str) -> Cand | None:
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
    src_span = tokens_span(doc[comps[0].left_edge.i: tok.i])
    osp = subtree_span(objs[0])
    content = trim(text, osp.start, osp.end)
    if src_span is None or content is None:
        return None
    return Cand("indirect", "rule:attribution.verb_object", cue, Span(tok.idx, tok.idx + len(tok.text)), tok.i,
                 comps[-1], src_span, [content])


_NP_POS = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART", "ADP", "CCONJ", "PUNCT", "SPACE"}


def _tail_attribution(verb, last: int, cue: Cue, text: str) -> Cand | None:
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
    if len(pre) > 10 or any(t.pos_ not in _NP_POS or t.lower_ in RELATIVE_PRONOUNS for t in pre):
        return None
    if pre and (pre[0].pos_ in ("ADP", "CCONJ", "PART") or not any(t.dep_ in SUBJ or t.pos_ == "PRON" for t in pre)):
        return None
    if not pre and (not after or after[0].pos_ not in ("PROPN", "NOUN", "DET", "ADJ")):
        return None
    src_toks = [t for t in pre if not t.is_punct] or [t for t in after if t.pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PUNCT")]
    heads = [t for t in src_toks if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not heads:
        return None
    if not pre:
        # inverted: 'said Holan, Politifact's editor' -- the source runs to the sentence end
        src_toks = list(after)
    src_span = tokens_span(src_toks)
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
    content = trim(text, start, doc[k].idx)
    if content is None or len(content) < 2 or src_span is None:
        return None
    cue_span = Span(doc[j + 1].idx if j + 1 <= verb.i and doc[j + 1].pos_ in ("AUX", "ADV") and False else verb.idx,
                    doc[last].idx + len(doc[last].text))
    return Cand("indirect", "rule:attribution.inserted_cue", cue, cue_span, verb.i, head, src_span, [content])


def _according_to(tok, lex: Lex, text: str) -> Cand | None:
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
    src_span = tokens_span(src_toks)
    if src_span is None:
        return None
    sent_span = tokens_span(sent)
    if sent_span is None:
        return None
    cue = next((c for c in lex.multi.get("according", ()) if c.words == ("according", "to")), None)
    parts = [p for p in (trim(text, sent_span.start, tok.idx), trim(text, src_span.end, sent_span.end)) if p and len(p) > 1]
    if not parts:
        return None
    return Cand("according_to", "rule:attribution.according_to", cue, Span(tok.idx, to.idx + len(to.text)), tok.i,
                 head, src_span, parts)


def _in_statement(verb, lex: Lex, text: str) -> Cand | None:
    """'In a statement, X condemned ...': the verb becomes a (neutral) cue."""
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"), None)
    if prep is None:
        return None
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or lemma(pobj) not in STATEMENT_NOUNS:
        return None
    subj = subject(verb, SPEAKER)
    if subj is None:
        return None
    content = None
    for c in verb.children:
        if c.dep_ in ("ccomp", "dobj", "xcomp"):
            sp = subtree_span(c)
            content = trim(text, sp.start, sp.end)
            break
    if content is None:
        return None
    cue = Cue(verb.lemma_.lower(), (verb.lemma_.lower(),), "neutral", 0.0, frozenset({"verb"}), "object")
    return Cand("indirect", "rule:attribution.in_statement", cue, Span(verb.idx, verb.idx + len(verb.text)), verb.i,
                 subj, np_span(subj), [content], cue_label=f"{verb.text} (in a {pobj.text})")



def rule_candidates(parsed, lex: Lex, *, actors: Any = None) -> list[Cand]:
    """The rules' candidate attributions (plausible speakers, not hypothetical, quotations attached).

    ``actors`` is the actors' section (its ``actor_at`` / ``resolve`` name a source), or None."""
    text = parsed.text
    kept = []
    for c in find_candidates(parsed, lex):
        ok, why = plausible_source(parsed, c, lex, actors)
        if not ok:
            log.debug("dropped %r: %s", text[c.source_span.start:c.source_span.end] if c.source_span else "", why)
            continue
        if hypothetical_cue(parsed, c):
            log.debug("dropped a hypothetical cue at %d: rule:attribution.not_report_modal", c.cue_span.start if c.cue_span else -1)
            continue
        kept.append(c)
    return attach_quotes(parsed, kept, lex)
