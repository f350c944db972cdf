"""Person or organisation: the kind of a named actor from what the article says about it, not from the name.

The entity recogniser types a name by how it looks; an unfamiliar organisation name ("Kataib Hezbollah",
"Harakat al-Nujaba") often comes out a person. :func:`body_names` retypes such a name as an organisation when the
parse shows the article treating it as a collective body and nothing shows a person:

* **body evidence** (any mention): the name's own head is a capitalised noun of a collective body ("<Name>
  Brigades", "<Name> Organization"); the name modifies a noun of an armed body or its members ("<Name>
  militia", "<Name> fighters"; not "the <Name> administration", which a person leads); it stands in apposition to such a noun ("<Name>, an Iraqi militia", "the group
  <Name>"); it is the subject of a copula whose complement is one ("<Name> is a militant group"); or it is the
  ``of`` object of a noun of membership or leadership ("members of <Name>", "the leader of <Name>");
* **person evidence** (any mention) vetoes: a personal title or honorific right before the name ("Gen.", "Mr."),
  or an apposition or copula complement that is a personal title or role ("<Name>, the commander of ...").

:func:`titled_names` is the converse: a name the recogniser typed as an organisation or a place becomes a person
when the article gives it a personal title or role (the person evidence above) and never describes it as a body.

Gender (:func:`genders`): a person's pronoun ('m' for he, 'f' for she) from an honorific before a mention
("Mr.", "Ms.", "Mrs.") or, failing that, the majority of the personal pronouns that follow a mention in its own
sentence with no other person named in between (outside quotations), so that "she" does not resolve to a man
the article calls "he"; pronoun resolution adds the pronoun it resolves for a person of unknown gender. No name
is read for its sound (given names are not used: swapping names must not change the result): the rules read
titles, pronouns and syntax only, the same for every side. Limits: a name with no descriptive noun anywhere in
the article keeps the recogniser's type; a person with no honorific and no nearby pronoun has no gender until a
pronoun resolves to it, and a wrong resolution then propagates.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

from framing.analyzers.actors.draft import Draft
from framing.analyzers.actors.names import Tables
from framing.schema import Span

#: nouns of collective bodies: what a person is not ("<Name>, an Iraqi militia"); the institution nouns of
#: lexicons/actor_nouns.tsv count too. Nouns of members ("a member", "an insurgent", "a protester") do not: in
#: apposition they describe one person
BODY_NOUNS = frozenset({
    "group", "organization", "organisation", "movement", "party", "network", "faction", "coalition", "alliance",
    "outfit", "brigade", "brigades", "battalion", "wing", "front", "union", "militia", "force", "cell", "affiliate",
    "branch", "company", "firm", "agency", "bloc", "council",
})
#: nouns whose ``of`` object is a collective body ("members of X", "the leader of X")
MEMBERSHIP_NOUNS = frozenset({
    "member", "fighter", "militant", "leader", "leadership", "commander", "founder", "rank", "wing", "faction",
    "branch", "affiliate", "cell", "unit",
})
#: the collective nouns a name may modify as a body ("<Name> militia", "<Name> fighters"); bodies a person leads
#: or inspires are named after them too ("the Trump administration", "the Sadr movement", "Biden campaign"), so
#: only nouns of members and armed bodies count in that position
COMPOUND_BODY_NOUNS = frozenset({"group", "militia", "fighter", "militant", "member", "brigade", "brigades",
                                 "battalion", "cell"})
_HONORIFICS = {"mr": "m", "mr.": "m", "sir": "m", "ms": "f", "ms.": "f", "mrs": "f", "mrs.": "f", "miss": "f",
               "madam": "f"}
_PERSONAL = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_PERSON_LIKE = frozenset({"leader", "official", "diplomat", "ally", "soldier", "lawmaker", "legislator"})


def _body_noun(tok, t: Tables) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if lemma in BODY_NOUNS:
        return True
    entry = t.unit_nouns.get(lemma)
    # the group nouns of actor_nouns name one member in the singular ("an insurgent", "a protester"): only the
    # institutions count
    return entry is not None and entry[0] == "government"


def _person_noun(tok, t: Tables, person_nouns: frozenset) -> bool:
    lemma = tok.lemma_.lower()
    return tok.pos_ in ("NOUN", "PROPN") and (lemma in t.titles or lemma in person_nouns or lemma in _PERSON_LIKE)


def _evidence(doc, head, t: Tables, person_nouns: frozenset) -> tuple[bool, bool]:
    """(body evidence, person evidence) around one mention whose head token is ``head``."""
    body = person = False
    if head.dep_ == "compound" and head.head.i > head.i and head.head.lemma_.lower() in COMPOUND_BODY_NOUNS:
        body = True
    described = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        described.append(head.head)
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
        described += [c for c in head.head.children if c.dep_ in ("attr", "acomp")]
    for d in described:
        if _body_noun(d, t):
            body = True
        elif _person_noun(d, t, person_nouns):
            person = True
    if (head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN"
            and head.head.head.lemma_.lower() in MEMBERSHIP_NOUNS):
        body = True
    return body, person


def _titled(doc, start_tok: int, t: Tables) -> str | None:
    """The title or honorific right before token ``start_tok`` (lower-cased, without its period), or None."""
    if start_tok == 0:
        return None
    prev = doc[start_tok - 1].lower_
    if prev in _HONORIFICS or prev.rstrip(".") in t.titles or prev in t.titles:
        return prev
    return None


def _entity_spans(doc, drafts: dict[str, Draft], keep: Callable[[Draft], bool]) -> Iterator[tuple[Draft, list]]:
    """The drafts ``keep`` accepts whose every named mention comes from the entity recogniser, each with the token
    spans of those mentions (the typing rules below read only what the recogniser typed)."""
    for d in drafts.values():
        named = [m for m in d.mentions if not m.pronoun]
        if not keep(d) or not named or any(m.rule != "actors.entity" for m in named):
            continue
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in named]
        yield d, [sp for sp in spans if sp is not None]


def _outside_heads(sp) -> list:
    """Every token of ``sp`` whose head lies outside it (or the root): a bad parse may hang a name on any word."""
    return [x for x in sp if not (sp.start <= x.head.i < sp.end) or x.head.i == x.i]


def body_names(parsed, drafts: dict[str, Draft], t: Tables, person_nouns: frozenset = frozenset()) -> None:
    """Retype as organisations the recogniser's persons that the article describes as a collective body and
    never as a person (rules in the module docstring)."""
    doc = parsed.doc
    for d, spans in _entity_spans(doc, drafts, lambda d: d.kind == "person" and not d.key.startswith("override:")):
        body = person = False
        for sp in spans:
            if _titled(doc, sp.start, t):
                person = True
                break
            words = sp.text.split()
            if len(words) > 1 and words[-1][:1].isupper() and (words[-1].lower() in BODY_NOUNS
                                                               or words[-1].lower().rstrip("s") in BODY_NOUNS):
                body = True  # the name's own head noun is a body's ("Hezbollah Brigades", "Badr Organization")
            for x in _outside_heads(sp):
                b, p = _evidence(doc, x, t, person_nouns)
                body, person = body or b, person or p
        if body and not person:
            d.kind = "organisation"
            d.plural = False


def titled_names(parsed, drafts: dict[str, Draft], t: Tables, person_nouns: frozenset = frozenset()) -> None:
    """The other direction of :func:`body_names`: retype as persons the recogniser's organisations and places
    (``org:`` and ``place:`` entity drafts) that the article gives a personal title or role and never describes as
    a body: an honorific right before a mention ("Mr. <Name>"; not an office word, which also names institutions:
    "the Defense Department"), or, for a subject, a comma-set apposition or copula complement that is a personal
    title or role ("<Name>, the UN special rapporteur on ..., said", "<Name> is a spokesman";
    :func:`_subject_role`). A name whose own head is an institution's or a body's noun ("<Name> Ministry") stays."""
    doc = parsed.doc

    def keep(d: Draft) -> bool:
        return d.kind in ("organisation", "government") and d.key.split(":")[0] in ("org", "place")

    for d, spans in _entity_spans(doc, drafts, keep):
        body = person = False
        for sp in spans:
            # only an honorific: office words also name institutions ("the Defense Department", "Foreign Ministry")
            if sp.start > 0 and doc[sp.start - 1].lower_ in _HONORIFICS:
                person = True
            if _body_noun(sp[-1], t):
                body = True  # the name's own head is an institution's or a body's ("Department", "Ministry")
            for x in _outside_heads(sp):
                body = body or _evidence(doc, x, t, person_nouns)[0]
                person = person or _subject_role(doc, x, t, person_nouns)
        if person and not body:
            d.kind = "person"
            d.plural = False


def _subject_role(doc, head, t: Tables, person_nouns: frozenset) -> bool:
    """Does a subject name get a personal role: a comma-set apposition ("<Name>, the UN special rapporteur, said")
    or a copula complement ("<Name> is a spokesman")? Only for subjects: an apposition the parser hangs on a
    prepositional object or a predicate ("in an interview with <Outlet>, an adviser said", "he is <Outlet>'s
    analyst") is usually the next clause's subject or the owner's employee, not the name's description."""
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    roles = [c for c in head.children if c.dep_ == "appos" and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","]
    if head.head.lemma_ == "be":
        roles += [c for c in head.head.children if c.dep_ == "attr"]
    return any(_person_noun(c, t, person_nouns) for c in roles)


def genders(parsed, drafts: dict[str, Draft]) -> dict[str, str]:
    """Draft key -> 'm' or 'f' for the persons whose pronoun the article's honorifics or own pronouns show."""
    doc = parsed.doc
    persons = sorted((m.start, m.end, d.key) for d in drafts.values() if d.kind == "person"
                     for m in d.mentions if not m.pronoun)
    out: dict[str, str] = {}
    votes: dict[str, Counter] = defaultdict(Counter)
    for k, (s, e, key) in enumerate(persons):
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is None or parsed.in_quotes(Span(s, e)):
            continue
        if sp.start > 0 and doc[sp.start - 1].lower_ in _HONORIFICS:
            out.setdefault(key, _HONORIFICS[doc[sp.start - 1].lower_])
        stop = min(sp.sent.end_char, persons[k + 1][0] if k + 1 < len(persons) else len(parsed.text))
        for tok in doc[sp.end:]:
            if tok.idx >= stop:
                break
            low = tok.lower_
            if tok.pos_ == "PRON" and low in _PERSONAL and not parsed.in_quotes(Span(tok.idx, tok.idx + len(tok.text))):
                votes[key][_PERSONAL[low]] += 1
                break
    for key, c in votes.items():
        if key not in out and c.most_common(1)[0][1] > sum(c.values()) / 2:
            out[key] = c.most_common(1)[0][0]
    return out
