"""Merging name variants into one actor, applying an event file's overrides, and building the section.

Persons merge on the surname once titles are stripped (unless two distinct
first names are seen); organisations merge with their acronym; headline words
glued onto a name become a mention of the person named in the body; an event
file's aliases win over all of it (:func:`apply_overrides`). :func:`finish`
turns the drafts into :class:`~framing.schema.sections.actors.Actor` objects
with their salience and affiliation, most mentioned first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from framing.analyzers.actors.draft import Draft
from framing.analyzers.actors.names import NameIndex, Tables, acronym, clean_tokens, norm_key, skeleton, surname_key
from framing.schema import ActorKind, Span
from framing.schema.sections.actors import Actor, Actors, Mention, Salience


def merge_headline_names(drafts: dict[str, Draft], body_start: int, t: Tables) -> None:
    """Headlines in title case glue words onto names ("Trump Opted", "Soleimani Strike Defied").

    A multi-word entity seen only in the headline that contains a word matching
    the surname of a person named in the body becomes a mention of that person
    (the span narrowed to the word).
    """
    if body_start <= 0:
        return
    body_persons: dict[str, Draft] = {}
    for d in drafts.values():
        if d.kind == "person" and any(m.start >= body_start for m in d.mentions):
            toks = t.strip_titles(clean_tokens(d.name.split()))
            if toks:
                body_persons.setdefault(surname_key(toks[-1]), d)
    for d in list(drafts.values()):
        if not d.mentions or any(m.start >= body_start for m in d.mentions) or len(d.name.split()) < 2:
            continue
        for m in list(d.mentions):
            off = m.start
            for w in m.text.split():
                target = body_persons.get(surname_key(w.rstrip("’'s,:")))
                if target is not None and target is not d:
                    ws = m.text.index(w, off - m.start) + m.start
                    wt = w.rstrip(",:").removesuffix("'s").removesuffix("’s")
                    target.mentions.append(Mention(ws, ws + len(wt), wt, m.head, "actors.name_repeat"))
                    target.forms[wt] += 1
                    d.mentions.remove(m)
                    break
                off += len(w) + 1
        if not d.mentions:
            del drafts[d.key]


def merge_persons(drafts: dict[str, Draft], t: Tables) -> None:
    """Persons sharing a surname skeleton merge, unless two distinct first names are seen."""
    def bare(d: Draft) -> list[str]:
        return t.strip_titles(clean_tokens(d.name.split()))

    by_surname: dict[str, list[Draft]] = defaultdict(list)
    for d in drafts.values():
        if d.kind == "person" and bare(d):
            by_surname[surname_key(bare(d)[-1])].append(d)
    # misfiled single-word GPE/ORG entities equal to a known surname ("Soleimani" tagged GPE)
    for d in list(drafts.values()):
        if (d.kind in ("organisation", "government", "group") and d.key.split(":")[0] in ("place", "org", "group")
                and len(d.name.split()) == 1):
            sk = surname_key(d.name)
            if sk in by_surname:
                by_surname[sk].append(d)
    for group in by_surname.values():
        if len(group) < 2:
            continue
        # distinct first names -> different people; merge only when at most one distinct full name
        full = {" ".join(bare(d)).lower() for d in group if d.kind == "person" and len(bare(d)) > 1}
        if len({skeleton(f.split()[0]) for f in full}) > 1:
            continue
        target = max(group, key=lambda d: (d.kind == "person", len(bare(d)), len(d.mentions)))
        for d in group:
            if d is not target:
                target.absorb(d)
                del drafts[d.key]
        target.kind = "person"


def merge_acronyms(drafts: dict[str, Draft]) -> None:
    """An organisation named by an acronym merges into the one whose initials it is ("IRGC")."""
    orgs = [d for d in drafts.values() if d.kind == "organisation"]
    long_by_acr: dict[str, Draft] = {}
    for d in orgs:
        acr = acronym(d.name)
        if len(acr) >= 2 and len(d.name.split()) >= 2:
            long_by_acr.setdefault(acr, d)
    for d in orgs:
        if d.name.isupper() and d.name in long_by_acr and long_by_acr[d.name] is not d and d.key in drafts:
            long_by_acr[d.name].absorb(d, votes=False)
            del drafts[d.key]


def apply_overrides(drafts: dict[str, Draft], ovs: list[dict[str, Any]], parsed, t: Tables) -> dict[str, Draft]:
    """The drafts after an event file's overrides: drafts whose forms match an override's aliases join it,
    and aliases present in the text but not found by the rules become ``actors.override`` mentions."""
    alias_owner: dict[str, int] = {}
    for i, o in enumerate(ovs):
        for a in (o["name"], *o["aliases"]):
            alias_owner.setdefault(norm_key(a), i)
    ov_drafts: dict[int, Draft] = {}

    def ov_draft(k: int) -> Draft:
        if k not in ov_drafts:
            o = ovs[k]
            ov_drafts[k] = Draft("override:" + o["name"], o["name"], o["kind"], plural=o["kind"] == "group")
        return ov_drafts[k]

    out: dict[str, Draft] = {}
    for d in drafts.values():
        owners: Counter[int] = Counter()
        for f, c in d.forms.items():
            k: int | None = alias_owner.get(norm_key(f))
            if k is None:
                k = alias_owner.get(norm_key(" ".join(t.strip_titles(f.split()))))
            if k is not None:
                owners[k] += c
        if d.key.startswith("country:") and not owners:
            k = alias_owner.get(norm_key(d.name))
            if k is not None:
                owners[k] += 1
        if owners:
            ov_draft(owners.most_common(1)[0][0]).absorb(d)
        else:
            out[d.key] = d
    _override_mentions(parsed, ovs, list(out.values()) + list(ov_drafts.values()), ov_draft)
    for k, d in ov_drafts.items():
        if ovs[k]["affiliation"]:
            d.aff_votes[ovs[k]["affiliation"]] += 1000
        out[d.key] = d
    return out


def _override_mentions(parsed, ovs: list[dict[str, Any]], all_drafts: list[Draft], ov_draft) -> None:
    """Aliases present in the text but not found by the rules (whole words; case-insensitive when all lower case)."""
    text, doc = parsed.article.text, parsed.doc
    covered = sorted((m.start, m.end) for d in all_drafts for m in d.mentions)
    for k, o in enumerate(ovs):
        for a in sorted({o["name"], *o["aliases"]}, key=len, reverse=True):
            flags = 0 if any(ch.isupper() for ch in a) else re.IGNORECASE
            for mt in re.finditer(r"(?<![\w-])" + re.escape(a) + r"(?![\w-])", text, flags):
                s, e = mt.span()
                if any(cs < e and s < ce for cs, ce in covered):
                    continue
                span = doc.char_span(s, e, alignment_mode="expand")
                head = span.root.i if span is not None and len(span) else 0
                d = ov_draft(k)
                d.mentions.append(Mention(s, e, text[s:e], head, "actors.override"))
                d.forms[text[s:e]] += 1
                covered.append((s, e))


def finish(parsed, drafts: dict[str, Draft], t: Tables) -> Actors:
    """The actors section: drafts with at least one named mention, most mentioned first, with a name lookup."""
    art = parsed.article
    headline = Span(0, art.body_start) if art.body_start > 0 else None
    first_par = next((p for p in parsed.paragraphs if p.start >= art.body_start and len(p) > 80), None)
    # resolve unit-affiliations of persons to the unit's state
    for d in drafts.values():
        for uk, c in d.aff_units.items():
            u = drafts.get(uk)
            if u is not None and u.aff_votes:
                d.aff_votes[u.aff_votes.most_common(1)[0][0]] += c
    actors = []
    for d in drafts.values():
        # one mention per distinct (span, text, head, rule, kind); head counts here although Mention equality ignores it
        unique = {(m.start, m.end, m.text, m.head, m.rule, m.pronoun, m.possessive): m for m in d.mentions}
        ms = sorted(unique.values(), key=lambda m: (m.start, m.end))
        named = [m for m in ms if not m.pronoun]
        if not named:
            continue
        aff = d.aff_votes.most_common(1)[0][0] if d.aff_votes else None
        if aff == d.name:
            aff = None
        name = d.name
        if d.kind == "person" and not d.key.startswith("override:"):
            # the fullest title-free form seen
            best = max(d.forms, key=lambda f: (f[:1].isupper(), len(t.strip_titles(clean_tokens(f.split()))), d.forms[f]))
            name = " ".join(t.strip_titles(clean_tokens(best.split())))
        aliases = sorted({f for f in d.forms if f != name}, key=lambda f: (-d.forms[f], f))
        sal = Salience(
            mentions=len(named),
            pronoun_mentions=len(ms) - len(named),
            in_headline=bool(headline and any(headline.contains(m.span) for m in named)),
            in_first_paragraph=bool(first_par and any(first_par.contains(m.span) for m in named)),
            first_offset=named[0].start,
        )
        actors.append(Actor(name, ActorKind(d.kind), tuple(aliases), tuple(ms), sal, aff))
    actors.sort(key=lambda a: (-a.salience.mentions, a.salience.first_offset))
    found = tuple(actors)
    return Actors(found, lookup=NameIndex(found, t))
