"""Stance: how an article treats each actor, in [-1, 1], with the evidence.

What it measures
----------------
For every actor of :func:`framing.actors.find`, three kinds of evidence, each a
span of ``Article.text`` with a signed weight in [-1, 1] and a voice
(``author`` or ``quoted``):

* ``stance.label`` — loaded words *attached to the actor* by the parse, scored
  with the loaded-language lexicon (direction x strength): the noun a mention
  modifies ("the Iranian *regime*", "US *imperialism*"), adjectives and
  appositions on a mention, a loaded predicate or verb with the actor as its
  subject ("Trump is *lying through his teeth*"), and loaded event nouns whose
  agent is the actor ("the *brazen violation* ... by the US"). Negated hits are
  skipped.
* ``stance.role`` — the actor as agent or patient of a verb (or event noun) of
  ``lexicons/connotation_verbs.tsv`` (after Rashkin et al. 2016 and Sap et al.
  2017): the agent of *kill* takes the verb's agent value (-0.7), its patient
  the patient value (+0.3). Agents are subjects (also inherited through
  coordinated, controlled and participial verbs), ``by`` phrases of passives and
  possessors or ``by`` phrases of event nouns, or the subject of a support verb
  whose object is the event noun (``lexicons/support_verbs.tsv``: "the US
  *staged* provocations", "launched a round of provocations"; after NomBank's
  support verbs); an ``xcomp`` takes the object of its verb as agent when there
  is one (object control: "urged Iran to attack" -> Iran attacks). Patients are
  objects, passive subjects and ``of``/``on``/``against`` phrases of event nouns
  (nominal connotation frames: "a provocation *against Iran*", "sanctions *on
  Iran*" make Iran the wronged party). A negated verb gives no role.
* ``stance.role_owner`` — the actor *owns* the patient of a harmful act (an
  entry with agent < 0 < patient): its possessor, a demonym or name modifying it,
  or an ``of`` phrase up to two links down ("strangulating the *Iranian*
  economy", "the killings of the leaders of the armed forces *of Iran*"); weight
  :data:`OWNER_SCALE` x the patient value.
* ``stance.target_sentiment`` — for each sentence that mentions the actor, the
  NewsMTSC classifier of :mod:`framing.target_sentiment` with that actor as the
  target (names masked): weight = P(positive) - P(negative) minus the
  article's tone, the mean of that difference over every (actor, sentence)
  pair of the article (when there are at least :data:`MIN_PAIRS_FOR_CENTRING`).
  The classifier partly reads the tone of the whole sentence ("a blatant
  provocation against Iran" is a negative sentence, sympathetic to Iran);
  centring keeps how an actor is treated *relative to the others* and removes
  the article's uniform gloom or cheer. Where the parse makes the actor the
  patient (or the patient's owner) of a harmful act in a sentence, the
  classifier is not asked about that actor there: the sentence is gloomy
  because of the act, and the parse has already said who suffers it (the
  sentence still counts in the article's tone).

Combination (``Score.method = "mean"``): the stance in a voice is the mean of
the weights of that voice's evidence. ``stance`` is the author's voice (the
article's own stance); ``stance_quoted`` is the same over evidence inside
quotations or attributed speech. A mention, verb or label is *quoted* when it
lies inside ``parsed.quotes`` or one of the ``quoted`` spans given by the
attribution analyzer. ``stance_label``: ``negative`` when stance <= -0.10,
``positive`` when >= +0.10, otherwise ``neutral`` (:data:`THRESHOLD`).

Even-handedness: no name is a feature anywhere (the classifier masks names,
the lexicons hold no sides), so swapping actor names swaps stances; the
symmetry tests hold this.

Known limits: attachment follows the parse, so a misparse misplaces a label;
implicit agents ("the cowardly killings" without "by") reach the actor only
through the sentence classifier; irony is read literally.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Sequence

from framing.schema import Evidence, Score, Span

log = logging.getLogger(__name__)

THRESHOLD = 0.10
MIN_PAIRS_FOR_CENTRING = 6
MODEL_SCALE = 0.5  # a sentence-level guess counts half as much as a label or role attached by the parse
ROLE_SCALE = 1.0
OWNER_SCALE = 0.5  # the owner (possessor, "of" phrase, demonym) of a patient shares half of the patient's value
RULES: dict[str, str] = {
    "stance.label": "a loaded word attached to the actor (modifier, apposition, predicate, event noun with the actor as agent)",
    "stance.role": "the actor as agent or patient of a verb with a connotation (lexicons/connotation_verbs.tsv)",
    "stance.role_owner": "the actor owns the patient of a connotation verb ('the Iranian economy', 'the leaders of Iran'): half the patient value",
    "stance.target_sentiment": "NewsMTSC-trained sentiment of the sentence toward the actor (P(positive) - P(negative))",
}
_SUBJ = ("nsubj", "csubj")
_PASS_SUBJ = ("nsubjpass",)
_OBJ = ("dobj", "obj", "dative")
_NOM_PATIENT_PREPS = ("of", "on", "against", "upon")
_WH = {"which", "who", "that", "whom"}


def label_for(value: float) -> str:
    """negative / neutral / positive at +-:data:`THRESHOLD`."""
    if value <= -THRESHOLD:
        return "negative"
    if value >= THRESHOLD:
        return "positive"
    return "neutral"


@dataclass(frozen=True, slots=True)
class StanceEvidence:
    evidence: Evidence
    voice: str

    def to_dict(self) -> dict[str, Any]:
        d = self.evidence.to_dict()
        d["voice"] = self.voice
        return d


@dataclass(frozen=True)
class ActorStance:
    """One actor's card: the actor, its stance (author's and quoted voice), labels, roles, evidence."""

    actor: Any  # framing.actors.Actor
    author: Score
    quoted: Score
    labels: tuple[dict[str, Any], ...]
    agent: int
    patient: int
    agent_verbs: tuple[str, ...]
    patient_verbs: tuple[str, ...]
    evidence: tuple[StanceEvidence, ...]

    @property
    def stance(self) -> float:
        return self.author.value

    @property
    def stance_label(self) -> str:
        return self.author.label

    def to_dict(self) -> dict[str, Any]:
        a = self.actor
        seen, label_texts = set(), []
        for lab in self.labels:
            if lab["voice"] == "author" and lab["term"] not in seen:
                seen.add(lab["term"])
                label_texts.append(lab["term"])
        return {
            "name": a.name,
            "kind": a.kind,
            "aliases": list(a.aliases),
            "affiliation": a.affiliation,
            "mentions": a.salience.mentions,
            "salience": a.salience.to_dict(),
            "mention_spans": [{"start": m.start, "end": m.end, "quote": m.text, "pronoun": m.pronoun, "possessive": m.possessive} for m in a.mentions],
            "stance": self.author.value,
            "stance_label": self.author.label,
            "stance_method": self.author.method,
            "stance_author": self.author.value,
            "stance_quoted": self.quoted.value if self.quoted.evidence else None,
            "stance_quoted_label": self.quoted.label if self.quoted.evidence else None,
            "labels": label_texts,
            "label_spans": [dict(lab) for lab in self.labels],
            "agent": self.agent,
            "patient": self.patient,
            "agent_verbs": list(self.agent_verbs),
            "patient_verbs": list(self.patient_verbs),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Stances:
    """The actors section: one :class:`ActorStance` per actor, most mentioned first."""

    items: tuple[ActorStance, ...] = field(default_factory=tuple)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def get(self, name: str) -> ActorStance | None:
        for s in self.items:
            if s.actor.name.lower() == name.lower():
                return s
        return None

    def to_dict(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self.items]


# --------------------------------------------------------------------------- helpers


@functools.cache
def _verbs():
    from framing import lexicon

    lex = lexicon.load("connotation_verbs")
    return lex, {e["term"].lower(): e for e in lex}


def _verb_entry(tok):
    _lex, table = _verbs()
    lem = tok.lemma_.lower()
    e = table.get(lem) or table.get(tok.lower_)
    if e is None and tok.pos_ == "NOUN":
        for suf, rep in (("ings", ""), ("ing", ""), ("ations", "ate"), ("ation", "ate"), ("s", "")):
            if tok.lower_.endswith(suf) and (tok.lower_[: -len(suf)] + rep) in table:
                return table[tok.lower_[: -len(suf)] + rep]
    return e


class _Voice:
    """Is an offset in quoted speech? (quotation marks or attributed-speech spans)."""

    def __init__(self, parsed, quoted: Sequence[Span]):
        spans = sorted([(s.start, s.end) for s in parsed.quotes] + [(s.start, s.end) for s in quoted or ()])
        self.spans = spans

    def at(self, start: int, end: int) -> str:
        for s, e in self.spans:
            if s <= start and end <= e:
                return "quoted"
            if s > start:
                break
        return "author"


def _loaded_spans(parsed, loaded, quoted):
    if loaded is not None:
        spans = getattr(loaded, "spans", None)
        if spans is None and isinstance(loaded, dict):
            spans = loaded.get("spans", [])
        out = []
        for s in spans or ():
            if isinstance(s, dict):
                out.append((s["start"], s["end"], s["quote"], s.get("direction", "neutral"), float(s.get("weight", 0.0)), bool(s.get("negated")), s.get("rule", "")))
            else:
                out.append((s.span.start, s.span.end, s.quote, s.direction, float(s.weight), bool(s.negated), s.rule))
        return out
    try:
        from framing import loaded_language

        # lexicon hits only (no sentence model needed): what stance labels use
        hits = loaded_language.hits_in(parsed, 0, len(parsed.article.text))
        return [(h.start, h.end, parsed.article.text[h.start:h.end], h.direction, float(h.strength), bool(h.negated), f"lexicon:{h.lexicon}") for h in hits]
    except Exception as exc:  # the loaded-language analyzer is optional here
        log.warning("no loaded-language spans for stance labels: %s", exc)
        return []


def _subjects(v):
    """Agent tokens of verb ``v``: subjects, inherited through conj/xcomp/advcl/pcomp; 'by' of passives."""
    cur = v
    for _ in range(4):
        subs = [c for c in cur.children if c.dep_ in _SUBJ]
        if subs:
            out = []
            for s in subs:
                if s.lower_ in _WH and cur.dep_ == "relcl":
                    s = cur.head
                out.append(s)
                out.extend(c for c in s.children if c.dep_ == "conj")
            return out
        if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON") and not any(c.dep_ in _PASS_SUBJ for c in cur.children):
            return [cur.head]
        if cur.dep_ == "xcomp" and cur.head.pos_ in ("VERB", "AUX"):
            objs = [c for c in cur.head.children if c.dep_ in ("dobj", "obj")]
            if objs:  # object control: "pressed Iran to give up" -> Iran gives up
                return objs
            cur = cur.head
        elif cur.dep_ in ("conj", "advcl") and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
        elif cur.dep_ == "pcomp" and cur.head.head.pos_ in ("VERB", "AUX"):
            cur = cur.head.head
        else:
            break
    return []


def _passive_agents(v):
    out = []
    for c in v.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    out.append(g)
                    out.extend(x for x in g.children if x.dep_ == "conj")
    return out


def _objects(v):
    out = []
    for c in v.children:
        if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ:
            out.append(c)
            out.extend(x for x in c.children if x.dep_ == "conj")
    return out


def _owners(t, tok_actor, depth: int = 2):
    """Actors owning noun ``t``: its possessor, a modifying demonym or name ("Iranian economy",
    "US bases"), or an ``of`` phrase ("the leaders of the armed forces of Iran"), followed down
    at most ``depth`` ``of`` links; the nearest owner wins."""
    cur = t
    for _ in range(depth):
        found = []
        nxt = None
        for c in cur.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i in tok_actor:
                found.extend(tok_actor[c.i])
            elif c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        if g.i in tok_actor:
                            found.extend(tok_actor[g.i])
                            found.extend(ai for x in g.children if x.dep_ == "conj" and x.i in tok_actor for ai in tok_actor[x.i])
                        elif g.pos_ in ("NOUN", "PROPN"):
                            nxt = g
        if found:
            return sorted(set(found))
        if nxt is None:
            return []
        cur = nxt
    return []


@functools.cache
def _support_lemmas() -> frozenset[str]:
    from framing import lexicon

    return frozenset(e["term"].lower() for e in lexicon.load("support_verbs"))


def _support_verb(n):
    """The support verb whose object is event noun ``n`` ("staged *provocations*", "launched a round of
    *provocations*"), or None; a negated support verb gives none."""
    cur = n
    if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ == "NOUN":
        cur = cur.head.head  # "a round of provocations", "a campaign of attacks"
    if cur.dep_ in ("dobj", "obj", "nsubjpass") and cur.head.pos_ == "VERB" and cur.head.lemma_.lower() in _support_lemmas():
        if not _negated(cur.head):
            return cur.head
    return None


def _negated(v) -> bool:
    return any(c.dep_ == "neg" for c in v.children)


# --------------------------------------------------------------------------- analysis


def analyze(parsed, actor_set, *, loaded=None, quoted: Sequence[Span] = ()) -> Stances:
    """The stance of the article toward every actor in ``actor_set`` (see the module docstring)."""
    from framing import target_sentiment as ts

    doc = parsed.doc
    text = parsed.article.text
    voice = _Voice(parsed, quoted)
    actors = list(actor_set or ())
    if not actors:
        return Stances(())
    lex_rule = _verbs()[0].rule

    # token -> actor indices (head tokens of mentions)
    tok_actor: dict[int, set[int]] = defaultdict(set)
    for ai, a in enumerate(actors):
        for m in a.mentions:
            tok_actor[m.head].add(ai)

    ev: list[list[StanceEvidence]] = [[] for _ in actors]
    labels: list[list[dict[str, Any]]] = [[] for _ in actors]
    roles = [{"agent": [], "patient": []} for _ in actors]
    harmed: set[tuple[int, int]] = set()  # (actor, sentence) where the actor is the patient of a harmful act

    def add(ai: int, s: int, e: int, rule: str, w: float, detail: str, v: str | None = None):
        w = round(max(-1.0, min(1.0, w)), 4)
        vv = v or voice.at(s, e)
        ev[ai].append(StanceEvidence(Evidence(Span(s, e), text[s:e], rule, w, detail), vv))
        return vv

    # ---- roles
    for tok in doc:
        if tok.pos_ not in ("VERB", "NOUN"):
            continue
        entry = _verb_entry(tok)
        if entry is None or _negated(tok):
            continue
        if tok.pos_ == "VERB":
            agents = _subjects(tok) + _passive_agents(tok)
            patients = _objects(tok)
        else:
            agents, patients = [], []
            for c in tok.children:
                if c.dep_ == "poss":
                    agents.append(c)
                elif c.dep_ == "prep" and c.lower_ == "by":
                    agents += [g for g in c.children if g.dep_ == "pobj"]
                elif c.dep_ == "prep" and c.lower_ in _NOM_PATIENT_PREPS:
                    patients += [g for g in c.children if g.dep_ == "pobj"]
                elif c.dep_ == "compound" and c.i in tok_actor:
                    agents.append(c)  # "US sanctions", "Iranian aggression"
            if not agents:
                sv = _support_verb(tok)
                if sv is not None:  # "the US staged provocations", "launched a round of provocations"
                    agents = _subjects(sv) + _passive_agents(sv)
        s, e = tok.idx, tok.idx + len(tok.text)
        harmful = float(entry["agent"]) < 0 < float(entry["patient"])
        for role, toks, key in (("agent", agents, "agent"), ("patient", patients, "patient")):
            val = float(entry[key]) * ROLE_SCALE
            for t in toks:
                for ai in tok_actor.get(t.i, ()):
                    roles[ai][role].append(tok.lemma_.lower())
                    if role == "patient" and harmful:
                        harmed.add((ai, parsed.sentence_index(s)))
                    if val != 0.0:
                        add(ai, s, e, "stance.role", val, f"{role} of '{tok.lemma_.lower()}' ({lex_rule})")
                if role == "patient" and harmful and t.i not in tok_actor:
                    # the patient belongs to an actor: "strangulating the Iranian economy", "the killing of the leaders of Iran"
                    for ai in _owners(t, tok_actor):
                        harmed.add((ai, parsed.sentence_index(s)))
                        add(ai, s, e, "stance.role_owner", OWNER_SCALE * val,
                            f"owner of the patient '{t.text}' of '{tok.lemma_.lower()}' ({lex_rule})")

    # ---- labels from loaded language
    lspans = _loaded_spans(parsed, loaded, quoted)
    if lspans:
        # token index -> loaded span
        tok_loaded: dict[int, tuple] = {}
        for sp in lspans:
            if sp[5] or sp[3] not in ("negative", "positive"):
                continue
            span = doc.char_span(sp[0], sp[1], alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                tok_loaded.setdefault(t.i, sp)

        def attach(ai: int, t, how: str):
            sp = tok_loaded.get(t.i)
            if sp is None:
                return
            sign = -1.0 if sp[3] == "negative" else 1.0
            w = sign * sp[4]
            key = (ai, sp[0], sp[1])
            if key in seen_labels:
                return
            seen_labels.add(key)
            v = add(ai, sp[0], sp[1], "stance.label", w, f"{how}: {sp[2]!r} ({sp[6] or 'loaded_terms'})")
            labels[ai].append({"term": sp[2], "start": sp[0], "end": sp[1], "quote": text[sp[0]:sp[1]], "direction": sp[3], "weight": round(w, 4), "voice": v, "how": how})

        seen_labels: set = set()
        for ai, a in enumerate(actors):
            for m in a.mentions:
                h = doc[m.head]
                # the noun this mention modifies: "Iranian regime", "US imperialism", "Iran's aggression"
                if h.dep_ in ("amod", "compound", "poss", "nmod") and h.head.pos_ in ("NOUN", "PROPN"):
                    attach(ai, h.head, "modified noun")
                    for c in h.head.children:
                        if c.dep_ == "amod" and c.i != h.i:
                            attach(ai, c, "modified noun")
                # modifiers and appositions of the mention
                for c in h.children:
                    if c.dep_ in ("amod", "appos", "acl", "relcl"):
                        attach(ai, c, "modifier" if c.dep_ == "amod" else "apposition")
                        for g in c.children:
                            if g.dep_ in ("amod", "acomp", "attr"):
                                attach(ai, g, "apposition")
                # predicates: subject of a loaded verb, or of a copula with a loaded complement
                if h.dep_ in ("nsubj", "nsubjpass") or h.dep_ == "conj" and h.head.dep_ in ("nsubj",):
                    v = h.head if h.dep_ != "conj" else h.head.head
                    if v.pos_ in ("VERB", "AUX"):
                        attach(ai, v, "predicate")
                        for c in v.children:
                            if c.dep_ in ("acomp", "attr", "oprd", "dobj") or (c.dep_ == "prep" and c.i in tok_loaded):
                                attach(ai, c, "predicate")
                                for g in c.children:
                                    if g.dep_ == "amod":
                                        attach(ai, g, "predicate")
                # event noun whose agent is this mention: "the brazen violation ... by the US"
                if h.dep_ == "pobj" and h.head.lower_ == "by" and h.head.head.pos_ == "NOUN":
                    n = h.head.head
                    attach(ai, n, "event by the actor")
                    for c in n.children:
                        if c.dep_ == "amod":
                            attach(ai, c, "event by the actor")

    # ---- target-dependent sentiment, per (actor, sentence), one batch
    feats, meta = [], []
    sent_tokens_cache: dict[int, tuple] = {}
    for ai, a in enumerate(actors):
        by_sent: dict[int, list] = defaultdict(list)
        for m in a.mentions:
            by_sent[parsed.sentence_index(m.start)].append(m)
        for si, ms in by_sent.items():
            sspan = parsed.sentences[si]
            if si not in sent_tokens_cache:
                sp = doc.char_span(sspan.start, sspan.end, alignment_mode="expand")
                if sp is None or not len(sp):
                    continue
                sent_tokens_cache[si] = (sp[0].idx, ts.tokens_of(sp))
            base, toks = sent_tokens_cache[si]
            first = ms[0]
            ti = ts.target_token_indices(toks, first.start - base, first.end - base)
            others = [i for m in ms[1:] for i in ts.target_token_indices(toks, m.start - base, m.end - base)]
            feats.append(ts.features(toks, ti, others=others))
            v = voice.at(first.start, first.end)
            meta.append((ai, sspan, v, (ai, si) in harmed))
    if feats:
        P = ts.predict_proba(feats)
        rule = f"model:{ts.ARTIFACT.split('.')[0]}"
        raw = [float(p[2] - p[0]) for p in P]
        # tone-centring: subtract the article's mean over every (actor, sentence) pair, so the
        # classifier says how an actor is treated relative to the article's overall tone
        tone = sum(raw) / len(raw) if len(raw) >= MIN_PAIRS_FOR_CENTRING else 0.0
        for (ai, sspan, v, is_harmed), p, r in zip(meta, P, raw):
            if is_harmed:
                continue  # the parse makes the actor the patient of a harmful act: the sentence's gloom is not about it
            add(ai, sspan.start, sspan.end, "stance.target_sentiment", MODEL_SCALE * (r - tone),
                f"{rule} P(neg)={p[0]:.2f} P(neu)={p[1]:.2f} P(pos)={p[2]:.2f}; article tone {tone:+.2f} subtracted", v)

    items = []
    for ai, a in enumerate(actors):
        es = sorted(ev[ai], key=lambda x: (x.evidence.span.start, x.evidence.rule))
        author = tuple(x.evidence for x in es if x.voice == "author")
        quoted_ev = tuple(x.evidence for x in es if x.voice == "quoted")
        sa = _score(author)
        sq = _score(quoted_ev)
        items.append(ActorStance(a, sa, sq, tuple(labels[ai]), len(roles[ai]["agent"]), len(roles[ai]["patient"]),
                                 tuple(roles[ai]["agent"]), tuple(roles[ai]["patient"]), tuple(es)))
    return Stances(tuple(items))


def _score(evidence: tuple[Evidence, ...]) -> Score:
    if not evidence:
        return Score(0.0, "mean", (), "neutral")
    v = round(sum(e.weight for e in evidence) / len(evidence), 4)
    return Score(v, "mean", evidence, label_for(v))
