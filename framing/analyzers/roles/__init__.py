"""Narrative roles: which actor the story casts as hero, villain or victim, with the evidence.

What it measures
----------------
For every actor of the actors section, the role the story gives it — the one
who harms (*villain*), the one harmed (*victim*), the one who protects, helps or
resolves (*hero*) — or no role when the evidence is weak. This follows the
entity roles of the narrative-frames corpus (Frermann, Li, Khanehzar &
Mikolajczak 2023, *Conflicts, Villains, Resolutions*, ACL), where annotators
gave key entities of climate-change news one of these three roles, and the
connotation-frame idea that a verb casts its doer and the one done to
(Rashkin, Singh & Choi 2016; Sap et al. 2017).

Evidence (rule ids):

* ``roles.harms`` / ``roles.harmed`` / ``roles.helps`` / ``roles.helped`` — the
  actor as the doer or the one done to of a verb or event noun of
  ``lexicons/connotation_verbs.tsv`` whose agent value is negative (harmful:
  *kill*, *attack*, *pollute*) or positive (helpful: *protect*, *defend*);
  agents and patients come from the dependency parse (:mod:`.model`);
* ``model:roles_entity`` — a feature of the learned classifier
  (:mod:`.model`, trained by :mod:`framing.train.roles`) that pushed the actor
  toward its role: a verb it does or undergoes, a modifier, a context word, the
  common nouns of its own phrase.

Decision: the classifier's most probable role is shown when (1) its
probability is at least :data:`MIN_CONFIDENCE`, (2) the parse places the actor
in some act (it does or undergoes a verb or event noun, owns the one done to,
or carries a modifier) and (3) the evidence *without* the priors — what kind of
thing the actor is, how often it is named — points to the same role
(:func:`.model.supported`). Otherwise ``role`` is None (abstain): a country
named once in a list gets no role, whatever the classifier learned about
places in climate news. Each actor reports the three probabilities and its act counts.

Even-handedness: features are name-blind — the actor's name and every other
proper name are masked, people and institutions are described only by a coarse
kind (person, organisation, place, group), and no lexicon entry names a side; a
test swaps names and checks the roles do not change.

Roles are not stance: this section reads only the actors section, and nothing
of it feeds the stance analyzer (a test runs the pipeline with and without it).

Figures (narrative-frames dev, 299 articles, 1,347 entity rows, 5-fold
cross-validation grouped by article, an entity not found counting as wrong):
see the model card ``framing/models/roles_entity.card.json`` and
``framing evaluate roles --data ../shared/datasets/narrative_frames/dev.jsonl --json``.

Known limits: the classifier was trained on climate-change news, where the
villains are mostly polluters and governments and the victims nature and the
public; on other topics it relies on the verbs and context more than on the
kinds of things it learned there. Pronoun mentions are not used (the training
data had none). The parse decides agent and patient, so a misparse misplaces a
role. One role per actor and article: an actor that is villain in one
paragraph and victim in the next gets the dominant one.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from framing.analyzers import AnalyzerSpec, Context
from framing.analyzers.roles.model import (
    CLASSES,
    MODEL,
    EntityMentions,
    FeatureSpans,
    entity_features,
    explain,
    kind_table,
    predict_proba,
    supported,
)
from framing.schema import Evidence, Span
from framing.schema.sections.actors import Actor
from framing.schema.sections.roles import ActorRole, NarrativeRole, Roles

__all__ = ["LEXICONS", "MIN_CONFIDENCE", "RULES", "SPEC", "analyze"]

MIN_CONFIDENCE = 0.5
TOP_FEATURES = 5
LEXICONS = ("connotation_verbs", "person_nouns", "actor_nouns", "inanimate_heads")
_CV_RULES = {"cv:agent_harm": "roles.harms", "cv:patient_harm": "roles.harmed", "cv:agent_help": "roles.helps",
             "cv:patient_help": "roles.helped"}
RULES: dict[str, str] = {
    "roles.harms": "the actor does a harmful act (agent of a verb with a negative agent value in lexicons/connotation_verbs.tsv)",
    "roles.harmed": "the actor suffers a harmful act (patient of such a verb)",
    "roles.helps": "the actor does a helpful or protective act (agent of a verb with a positive agent value)",
    "roles.helped": "the actor is helped or protected (patient of such a verb)",
    f"model:{MODEL}": "a feature of the learned role classifier (verb, modifier, context word, kind of thing) toward the role",
}


def _mentions(ctx: Context, actor: Actor) -> EntityMentions | None:
    """The actor's named mentions as token ranges of the parse (None when none maps onto it)."""
    doc = ctx.parsed.doc
    ranges, heads = [], []
    for m in actor.named_mentions:
        sp = doc.char_span(m.start, m.end, alignment_mode="expand")
        if sp is None or not len(sp):
            continue
        ranges.append((sp.start, sp.end))
        heads.append(m.head if 0 <= m.head < len(doc) else sp.root.i)
    return EntityMentions(tuple(ranges), tuple(heads)) if ranges else None


def _evidence(ctx: Context, est: Any, feats: dict[str, float], spans: FeatureSpans, cls: str,
              first: tuple[int, int]) -> tuple[Evidence, ...]:
    """The features that most raised ``cls`` as spans of the text, plus every connotation act, in text order."""
    text = ctx.text
    out: dict[tuple[int, int, str], Evidence] = {}
    contrib = dict(explain(est, feats, cls, top=len(feats)))
    top = [f for f, _ in sorted(contrib.items(), key=lambda c: -c[1])[:TOP_FEATURES]]
    for f in top + [f for f in _CV_RULES if f in contrib]:  # explain() keeps positive contributions only
        rule = _CV_RULES.get(f, f"model:{MODEL}")
        for s, e in (spans.get(f) or [first])[:3]:
            out.setdefault((s, e, rule), Evidence(Span(s, e), text[s:e], rule, round(contrib.get(f, 0.0), 4),
                                                  f"{f} -> {cls}"))
    return tuple(sorted(out.values(), key=lambda x: (x.span.start, x.rule)))


def analyze(ctx: Context) -> Roles:
    """The narrative role of every actor of ``ctx.result("actors")`` (see the module docstring)."""
    actors = list(ctx.result("actors") or ())
    if not actors:
        return Roles(())
    est = ctx.models[MODEL]
    table = ctx.lexicons["connotation_verbs"].by_term
    kinds = kind_table(ctx.lexicons)
    cache: dict[int, Any] = {}
    rows: list[tuple[Actor, EntityMentions, dict[str, float], FeatureSpans]] = []
    items: list[ActorRole | None] = []
    for a in actors:
        m = _mentions(ctx, a)
        if m is None:
            items.append(ActorRole(a.name, None, 0.0))
            continue
        spans: FeatureSpans = {}
        rows.append((a, m, entity_features(ctx.parsed.doc, m, table=table, kinds=kinds, cache=cache, spans=spans), spans))
        items.append(None)
    feats_all = [r[2] for r in rows]
    P = predict_proba(est, feats_all) if rows else np.zeros((0, len(CLASSES)))
    show = supported(est, feats_all, P, MIN_CONFIDENCE)
    done = iter(zip(rows, P, show))
    out = []
    for it in items:
        if it is not None:
            out.append(it)
            continue
        (a, m, feats, spans), p, ok = next(done)
        k = int(p.argmax())
        cls = CLASSES[k]
        role = NarrativeRole(cls) if ok else None
        doc = ctx.parsed.doc
        first = (doc[m.ranges[0][0]].idx, doc[m.ranges[0][1] - 1].idx + len(doc[m.ranges[0][1] - 1].text))
        counts = {r: len(spans.get(f, ())) for f, r in _CV_RULES.items()}
        out.append(ActorRole(a.name, role, round(float(p[k]), 4), {c: round(float(x), 4) for c, x in zip(CLASSES, p)},
                             counts["roles.harms"], counts["roles.harmed"], counts["roles.helps"], counts["roles.helped"],
                             _evidence(ctx, est, feats, spans, cls, first) if role is not None else ()))
    return Roles(tuple(out))


SPEC = AnalyzerSpec("roles", analyze, Roles, requires=("actors",), rules=RULES, lexicons=LEXICONS, models=(MODEL,))
