"""Actors: who an article is about, with every mention merged into one actor.

What it finds
-------------
An *actor* is a person, a state, a government body, an organisation or a group
of people the article talks about. :func:`analyze` returns the :class:`~framing.schema.sections.actors.Actors` section:
each :class:`Actor` has a canonical ``name``, a ``kind`` (``person``,
``country``, ``government``, ``organisation``, ``group``), the ``aliases`` seen
in the text, its ``mentions`` (character spans into ``Article.text``), a
:class:`Salience` and an ``affiliation`` (the state or body it belongs to).

Mentions come from five rules (ids in :data:`RULES`):

* ``actors.state_name`` — names of states and state-like bodies from
  ``lexicons/countries.tsv``, matched on token text (case-sensitive, so the
  pronoun "us" is not the US): short forms, full names and demonyms ("US",
  "United States", "America", "American" are one actor). A capital city counts
  as its state only when it *acts* — it is the subject or the possessor
  ("Washington warned", "Tehran's answer"); "protests in Washington" is a place.
* ``actors.entity`` — spaCy entities PERSON, ORG, NORP and GPE not covered by
  the lexicon. A possessive inside an entity splits it ("Iran's Quds Force" is
  Iran + Quds Force); titles are stripped from personal names.
* ``actors.unit`` — noun phrases naming an institution, armed body or group
  (``lexicons/actor_nouns.tsv``): "US forces", "the Iraqi Parliament", "the
  government of Iran", "demonstrators". A unit modified by a state ("US
  forces", "Iran's government", "the Iraqi people") becomes its own actor
  affiliated with that state; synonyms merge ("US troops" = "US forces").
  Unmodified singular nouns ("the government") are too ambiguous and skipped.
* ``actors.name_repeat`` — a proper noun equal to a known person's surname or
  an organisation's acronym, where the entity recogniser missed it.
* ``actors.pronoun`` — pronouns and possessive determiners resolved with a
  reduced Lappin & Leass (1994) salience model. Agreement: *he/him/his/she/her*
  -> persons; *it/its* -> states, governments, organisations; *they/them/their*
  -> groups, plural units, governments and organisations (collective bodies).
  Every other noun phrase competes too (singular for *it*, plural for *they*),
  so "the convoy ... as it left" is left unresolved rather than forced onto an
  actor. Salience per mention: recency 100, subject 80, existential 70, direct
  object 50, oblique 40, head noun (not inside another noun phrase) 80,
  non-adverbial 50, halved per sentence back and summed over the referent's
  mentions (resolved pronouns included); +35 when a subject pronoun meets a
  subject antecedent. Two additions of this project: a possessive prefers the
  actor controlling its own clause, explicit or understood, decisively
  ("pressurize Iran to give up *its* right" -> Iran; "the plans of the US for
  establishing *its* domination" -> the US, the owner of an intention noun;
  a clause subject that is no actor gets +200), and the arguments of the
  pronoun's own verb get +50. Binding: a plain pronoun is
  never its own verb's other argument, nor the object of a verb it is the
  understood subject of ("It built a coalition to attack Iran": It != Iran).
  The antecedent must lie in the same or one of the two preceding sentences; pronouns inside quotation
  marks are left alone (their reference depends on the speaker), and an
  *it* that is pleonastic (an expletive, the subject of a copula, "it's", "it seems", "it was reported
  that", "made it clear that", "when it comes to") or stands for an event or a claim ("it happened", "did it",
  "ordered it", "called it an act of war") is left alone. A subject pronoun of a reported clause prefers the
  reporter ("Iran said that it ...", +200); *he* and *she* agree with a person's gender as the article shows it
  (an honorific, or the pronouns that follow its name), never from the name itself.
  ``actors.former_latter`` resolves "the former" / "the latter" to the earlier / later of the last two actors
  named. ``actors.override`` marks mentions found from an event file's aliases.

Referents (:mod:`.referents`): page furniture is dropped (all-caps datelines and headings, photo credits,
bylines, author and contributor notes, headline phrases read as names, weapons and vehicles, bare titles read as
organisations, places that only locate); an organisation that is a person's name with titles merges into the
person; ``actors.title_reference`` resolves "the (Iranian) general" to the one person titled so;
``actors.informal`` finds "this X guy" and untagged capitalised names after a personal title; a bare surname the
recogniser typed as an organisation becomes a person when a personal pronoun refers back to it, and a name it
typed a person becomes an organisation when the article describes it as a collective body ("<Name>, an Iraqi
militia", "<Name> fighters", "members of <Name>") and never as a person, and a name it typed an organisation or a
place becomes a person when the article gives it a personal title or role ("<Name>, the UN special rapporteur")
and never describes it as a body (:mod:`.kinds`).

Merging: persons merge on the surname once titles are stripped ("President
Trump", "Donald Trump", "Trump"); organisations merge with their acronym
("IRGC" = "Islamic Revolution Guard Corps"); everything else merges on a
case-folded name. An event file (``corpora/<event>/actors.toml``, read with
:func:`framing.resources.events.load_actor_file`) overrides the automatic merge: every mention whose text
matches one of an override's aliases belongs to that actor, and its name,
kind and affiliation win.

Affiliation: the state named in a mention's own noun phrase ("US President
Donald Trump", "General Soleimani of Iran", "Iran's Quds Force"), voted over
all mentions; for a person affiliated with a unit ("of the Iraqi Army"), the
unit's state.

Known limits: no real coreference (a rule, not a model; a misattached
prepositional phrase misleads the clause-subject preference); nested mentions are kept ("US" inside "US forces" is a mention of the
United States *and* part of the "US forces" mention); surname merging joins
two different people who share a surname and no first name is given.

Literature: the mention/entity distinction and rule-based antecedent choice
follow Hobbs (1978) and Lappin & Leass (1994, Computational Linguistics 20(4)),
reduced as described above.

Modules: :mod:`.names` (name tables from the lexicons, merge keys, the name
index behind ``Actors.resolve``), :mod:`.find` (the mention rules and
affiliation votes), :mod:`.merge` (variant merging, event-file overrides,
building the section), :mod:`.pronouns` (pronoun resolution), :mod:`.kinds` (person or organisation, and
gender, from the parse), :mod:`.draft`
(an actor under construction). The section types are in
:mod:`framing.schema.sections.actors`; the event-file reader in
:mod:`framing.resources.events`.
"""

from __future__ import annotations

from collections.abc import Mapping

from framing.analyzers import AnalyzerSpec, Context
from framing.analyzers.actors.find import Finder
from framing.analyzers.actors.kinds import body_names, genders, titled_names
from framing.analyzers.actors.merge import apply_overrides, finish, merge_acronyms, merge_headline_names, merge_persons
from framing.analyzers.actors.names import Tables, tables
from framing.analyzers.actors.pronouns import resolve_pronouns
from framing.analyzers.actors.referents import (
    drop_furniture,
    drop_late_furniture,
    informal_references,
    led_bodies,
    merge_variants,
    personal_names,
    title_references,
)
from framing.nlp import Parsed
from framing.resources.events import coerce_overrides
from framing.schema.sections.actors import Actors

__all__ = ["LEXICONS", "RULES", "SPEC", "analyze", "find"]

RULES: dict[str, str] = {
    "actors.state_name": "a state's name, short form, demonym or (when it acts) capital, from lexicons/countries.tsv",
    "actors.entity": "a named entity (person, organisation, group) found by the spaCy entity recogniser",
    "actors.unit": "a noun phrase naming an institution, armed body or group (lexicons/actor_nouns.tsv)",
    "actors.name_repeat": "a proper noun repeating a known person's surname or an organisation's acronym",
    "actors.pronoun": "a pronoun or possessive resolved to the most salient compatible referent (Lappin & Leass 1994, reduced)",
    "actors.override": "a mention matched by an alias in the event's actors.toml",
    "actors.title_reference": "a definite description headed by a title ('the general') naming the one person titled so",
    "actors.informal": "an informal name ('this X guy') or an untagged capitalised name after a personal title",
    "actors.former_latter": "'the former' / 'the latter': the earlier or the later of the last two actors named",
    "actors.led_body": "a body named after the person who leads it ('the Trump administration'), and 'the administration' when the article names one",
}
LEXICONS = ("countries", "actor_nouns", "inanimate_heads", "titles", "person_nouns")


def analyze(ctx: Context) -> Actors:
    """The actors of ``ctx.parsed``; ``ctx.options["event_actors"]`` (an actors.toml's content or path) overrides the merge."""
    t = tables(ctx.lexicons["countries"], ctx.lexicons["actor_nouns"])
    inanimate = {e["term"].lower(): e["kind"] for e in ctx.lexicons["inanimate_heads"]}
    canon = {e["term"].lower(): (e["canonical"] or e["term"]).lower() for e in ctx.lexicons["actor_nouns"]
             if e["kind"] == "title"}
    ranks = frozenset(e["term"].lower() for e in ctx.lexicons["titles"] if e["kind"] == "rank")
    persons = frozenset(e["term"].lower() for e in ctx.lexicons["person_nouns"])
    return find(ctx.parsed, t, overrides=ctx.options.get("event_actors"), inanimate=inanimate, title_canon=canon,
                ranks=ranks, person_nouns=persons)


def find(parsed: Parsed, t: Tables, *, overrides: object = None, inanimate: Mapping[str, str] | None = None,
         title_canon: Mapping[str, str] | None = None, ranks: frozenset[str] = frozenset(),
         person_nouns: frozenset[str] = frozenset()) -> Actors:
    """Find the actors of a parsed article and merge their mentions (the steps of the module docstring).
    ``person_nouns`` (``lexicons/person_nouns.tsv``) feeds the typing of :mod:`.kinds`."""
    ovs = coerce_overrides(overrides)
    f = Finder(parsed, t)
    f.state_names()
    f.units()
    f.entities()
    informal_references(parsed, f.drafts, t, f.taken, f.draft)
    body_names(parsed, f.drafts, t, person_nouns)
    titled_names(parsed, f.drafts, t, person_nouns)
    merge_persons(f.drafts, t)
    merge_headline_names(f.drafts, parsed.article.body_start, t)
    merge_acronyms(f.drafts)
    drop_furniture(parsed, f.drafts, t, inanimate or {})
    merge_variants(f.drafts, t)
    led_bodies(parsed, f.drafts, f.taken, f.draft, f.add)
    f.name_repeats()
    if ovs:
        f.drafts = apply_overrides(f.drafts, ovs, parsed, t)
    f.affiliations()
    drop_late_furniture(parsed, f.drafts, t)
    title_references(parsed, f.drafts, t, title_canon or {}, f.taken, f.country_at, ranks)
    personal_names(parsed, f.drafts, t)
    resolve_pronouns(parsed, f.drafts, genders(parsed, f.drafts))
    return finish(parsed, f.drafts, t)


SPEC = AnalyzerSpec("actors", analyze, Actors, rules=RULES, lexicons=LEXICONS)
