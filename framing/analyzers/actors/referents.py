"""Actors as referents, not strings: furniture dropped, variants merged, descriptions and informal names found.

Steps of :func:`framing.analyzers.actors.find` (rule ids in the actors ``RULES``):

* :func:`drop_furniture` — mentions that are page furniture, not actors, are removed
  (a draft left without mentions disappears):

  - ``all-caps`` text of 6+ letters in a word, or of 2+ words of 3+ letters ("WASHINGTON (AP)",
    "END VIDEO CLIP", "NUCLEAR DEAL" headings); short acronyms ("NATO", "IRGC") stay;
  - a headline-only organisation or person whose words include a verb ("Washington Has Wanted War"): a title-case
    headline read as a name;
  - photo credits: a mention inside parentheses that hold a slash or the word "Photo" ("(AP Photo/ Evan Vucci)");
  - a byline: a paragraph that is only a person's name (optionally after "By");
  - contributor and author notes: a person first named in one of the last three paragraphs when that paragraph
    describes them ("X is a professor ...", subject of *be*/*have*), or holds the verb *contribute*;
  - weapons and vehicles: a non-person name whose head word is a weapon or vehicle of
    ``lexicons/inanimate_heads.tsv`` ("Missiles", "MQ-9 Reaper" is kept only if its head is not listed);
  - a bare title read as an organisation right before a person's name ("House Speaker" in "House Speaker Nancy
    Pelosi", "CIA Director");
  - places that only locate: a city, region or misfiled name (not a state of ``countries.tsv``) every mention of
    which is the object of a locative preposition (in, at, near, across, throughout, around, into, inside) and
    never a subject, object or possessor;
  - places by their form: a name written "City, State" ("Kyiv, Ukraine") or naming a geographic feature ("the
    Strait of Hormuz"), whatever the entity recogniser typed it as;
  - channels that only carry an utterance: a name every mention of which is the object of on/via after a verb
    of saying or publishing ("noted on Twitter", "said on Fox News").
* :func:`merge_variants` — one actor per referent: an organisation or group whose last word is a person's surname
  preceded by capitalised words (titles, given names: "Tucker Carlson" tagged ORG, "Senate Democratic Leader
  Charles Schumer") merges into the person; drafts with the same case-folded name and different kinds merge
  (the state lexicon's kind, then the more frequent, wins).
* :func:`title_references` (``actors.title_reference``) — a definite description whose head is a title ("the
  general", "the Iranian general", "the president") is a mention of the one person in the article named with that
  title ("General Soleimani", "President Trump") or described with it (apposition, copula complement, "as" phrase);
  a military rank with no exact match names the one person holding any rank ("the commander" for "Major-General
  X"); with two such persons it is left alone. A postpositive "general" after a noun ("Attorney General") is an
  office, not the rank.
* :func:`informal_references` (``actors.informal``) — "this/that X guy|man|fellow": X is a person, found whatever
  the entity recogniser made of it; and capitalised proper-noun heads the recogniser missed that act or are acted
  upon (subject, passive subject, direct object, agent) and are followed in the article by a personal pronoun
  resolved later, or carry a personal title — typed person; so detection does not depend on how a name sounds.

* :func:`drop_late_furniture` — after the steps that add names late (repeated and informal names): photo credits
  again (also a name on one side of an agency's slash, "REUTERS/Kevin Lamarque") and mentions made only of title
  words ("Lt. Gen."). A bare office before a name ("Senate Majority Leader" before "Mitch McConnell": a title or a
  capitalised *leader/chief/head* last) is dropped by :func:`drop_furniture`, and names lose such an office
  (``Tables.strip_titles``: "Senate Democratic Leader Charles Schumer" is Charles Schumer).
* :func:`personal_names` — an organisation from the entity recogniser that is one bare title-case name (no
  article, not a lexicon word), a clause subject followed in the same or next sentence by he/him/his/she/her with
  no person named in between, is retyped a person ("Trump" tagged ORG in an article naming no first name).

Even-handedness: every rule reads form and syntax (capitals, titles, positions), never a particular name.
Limits: a title shared by two persons is not resolved; an organisation named after a person ("the Trump
campaign") keeps its own head word and is not merged.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from framing.analyzers.actors.draft import Draft, trim
from framing.analyzers.actors.names import _OFFICE_HEADS, Tables, clean_tokens, surname_key
from framing.schema import Span
from framing.schema.sections.actors import Mention

__all__ = [
    "drop_furniture", "drop_late_furniture", "informal_references", "led_bodies", "merge_variants", "personal_names",
    "title_references",
]

_LOCATIVE = frozenset({"in", "at", "near", "across", "throughout", "around", "into", "inside"})
_CREDIT_WORDS = frozenset({"Photo", "Photos", "Images", "Pictures"})
_INFORMAL_HEADS = frozenset({"guy", "man", "fellow", "woman", "character", "dude", "gentleman", "lady"})
_ACTING = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "agent", "appos"})
#: verbs of saying and publishing whose "on X" / "via X" is the medium, not an actor
_UTTERANCE = frozenset({"say", "note", "write", "post", "tweet", "announce", "comment", "respond", "reply", "speak",
                        "declare", "state", "share", "claim", "argue", "appear", "add", "warn", "report"})
#: head nouns of a body named after the person who leads it ("the Trump administration", "the Sanders campaign")
LED_BODIES = frozenset({"administration", "campaign", "cabinet", "government", "presidency"})


def _par_bounds(parsed) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in parsed.paragraphs]


def _furniture_caps(text: str) -> bool:
    words = [w for w in text.replace("-", " ").split() if any(c.isalpha() for c in w)]
    if not words or not all(w.isupper() for w in words):
        return False
    letters = [sum(c.isalpha() for c in w) for w in words]
    return max(letters) >= 6 or (len(words) >= 2 and min(letters) >= 3)


def _slash_credit(text: str, s: int, e: int) -> bool:
    """Is the name at [s, e) one side of a photo credit's slash, the other side an agency in capitals or a
    "Photo"/"Images" word ("REUTERS/Kevin Lamarque", "AP Photo/ Evan Vucci", "Jane Doe/WANA")? The name itself
    may be the agency ("REUTERS/…"); a photographer before the slash is named in full. "Baghdadi/Soleimani" is
    not a credit, nor "US/NATO forces" (one word before the slash)."""
    before = text[max(0, s - 30):s].rstrip(" ")
    if before.endswith("/"):
        words = before[:-1].split()
        if bool(words) and _agency_word(words[-1]):
            return True
        # the agency after a photographer's full name ("Jane Doe/WANA"): two capitalised words before the slash
        name = text[s:e].split()
        return len(words) >= 2 and all(w[:1].isupper() for w in words[-2:]) and len(name) == 1 and _agency_word(name[0])
    if text[e:e + 1] != "/":
        return False
    name, after = text[s:e].split(), text[e + 1:e + 31].lstrip(" ").split()
    # a photographer is credited by full name: one word before the slash ("US/NATO forces") is not a credit
    return (bool(name) and _agency_word(name[-1])) or (
        len(name) >= 2 and bool(after) and _agency_word(after[0].strip(".,;:()")))


def _agency_word(w: str) -> bool:
    """An agency in capitals of 3+ letters ("REUTERS", "AFP") or a credit word ("Photo"); "US" is too short."""
    return (w.isupper() and sum(c.isalpha() for c in w) >= 3) or w in _CREDIT_WORDS


def drop_late_furniture(parsed, drafts: dict[str, Draft], t: Tables) -> None:
    """After every step that adds named mentions (repeated names and informal names come after
    :func:`drop_furniture`): remove person and organisation mentions inside photo credits (parenthesised with a
    slash or "Photo", or one side of an agency's slash) and mentions made of title words only ("Lt. Gen.")."""
    text = parsed.article.text
    for key in list(drafts):
        d = drafts[key]
        if d.kind not in ("person", "organisation") or key.startswith("override:"):
            continue
        d.mentions = [m for m in d.mentions if m.pronoun or not (
            _in_credit(text, m.start, m.end) or _slash_credit(text, m.start, m.end)
            or all(w.lower().rstrip(",") in t.titles or w.lower().strip(".,") in t.titles for w in m.text.split()))]
        if not any(not m.pronoun for m in d.mentions):
            del drafts[key]


def _in_credit(text: str, s: int, e: int) -> bool:
    lo = text.rfind("(", max(0, s - 80), s)
    if lo < 0 or ")" in text[lo:s]:
        return False
    hi = text.find(")", e, e + 80)
    inside = text[lo:hi if hi > 0 else e]
    return "/" in inside or "Photo" in inside


def _bio_persons(parsed, drafts: dict[str, Draft]) -> set[str]:
    """Draft keys of persons introduced in an author or contributor note among the last three paragraphs."""
    doc, pars = parsed.doc, _par_bounds(parsed)
    body = [p for p in pars if p[0] >= parsed.article.body_start]
    if len(body) < 4:
        return set()
    tail_start = body[-3][0]
    out = set()
    for d in drafts.values():
        if d.kind != "person" or not d.mentions:
            continue
        first = min(m.start for m in d.mentions)
        if first < tail_start:
            continue
        m = min(d.mentions, key=lambda x: x.start)
        h = doc[m.head]
        par = next((p for p in body if p[0] <= m.start < p[1]), None)
        if par is None:
            continue
        sp = doc.char_span(par[0], par[1], alignment_mode="expand")
        contributes = sp is not None and any(t.lemma_.lower() == "contribute" for t in sp)
        describes = h.dep_ == "nsubj" and h.head.lemma_ in ("be", "have", "serve")
        if contributes or describes:
            out.add(d.key)
    return out


def _bylines(parsed, drafts: dict[str, Draft]) -> set[tuple[int, int]]:
    """(start, end) of paragraphs that are only a person's name, optionally after "By"."""
    doc, out = parsed.doc, set()
    for s, e in _par_bounds(parsed):
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is None or not 1 <= len(sp) <= 6:
            continue
        words = [t for t in sp if not t.is_punct and not t.is_space]
        if words and words[0].lower_ == "by":
            words = words[1:]
        if words and all(t.pos_ == "PROPN" or (len(t.text) <= 2 and t.text[:1].isupper()) for t in words):
            out.add((s, e))
    return out


def _inside(starts: list[int], spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the non-overlapping ``spans`` (sorted; ``starts`` their starts)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _only_locates(doc, d: Draft) -> bool:
    named = [m for m in d.mentions if not m.pronoun]
    if not named:
        return False
    for m in named:
        h = doc[m.head]
        if h.dep_ in _ACTING or not (h.dep_ == "pobj" and h.head.lower_ in _LOCATIVE):
            return False
    return True


def _only_channel(doc, d: Draft) -> bool:
    """Is every named mention of ``d`` the medium of an utterance ("noted *on Twitter*", "said *on* Fox News",
    "posted *via* Telegram"): the object of on/via attached to a verb of saying or publishing?"""
    named = [m for m in d.mentions if not m.pronoun]
    if not named:
        return False
    for m in named:
        h = doc[m.head]
        if not (h.dep_ == "pobj" and h.head.lower_ in ("on", "via") and h.head.head.pos_ == "VERB"
                and h.head.head.lemma_.lower() in _UTTERANCE):
            return False
    return True


_GEO_HEADS = frozenset({"strait", "gulf", "sea", "bay", "port", "province", "city", "island", "islands", "river",
                        "lake", "mount", "valley", "peninsula", "governorate", "region", "district"})


def _occurrences(doc, text: str, word: str) -> list:
    """Tokens whose text is ``word`` (whole word), found by a search of the text rather than a pass over the doc."""
    out = []
    for mt in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
        sp = doc.char_span(mt.start(), mt.end())
        if sp is not None and len(sp) == 1:
            out.append(sp[0])
    return out


def _place_form(doc, text: str, d: Draft, state_heads: set[int]) -> bool:
    """Is the name of ``d`` written as a place anywhere in the article: "Kyiv, Ukraine" (the name, a comma and a
    state's name in apposition to it, not a possessive), or the name of a geographic feature ("the Strait of Hormuz", "the port
    of Basra")? Every occurrence of a mention's head word counts, found as a mention or not."""
    heads = {doc[m.head].text for m in d.mentions if not m.pronoun}
    for h in (tok for x in heads for tok in _occurrences(doc, text, x)):
        j = h.i + 1
        if (j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].i in state_heads
                and doc[j + 1].dep_ == "appos" and doc[j + 1].head.i == h.i  # not a list: "Trump, Iran and Iraq"
                and not (j + 2 < len(doc) and doc[j + 2].tag_ == "POS")):
            return True
        if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in _GEO_HEADS:
            return True
    return False


def drop_furniture(parsed, drafts: dict[str, Draft], t: Tables, inanimate: Mapping[str, str]) -> None:
    """Remove the furniture mentions and drafts listed in the module docstring (in place)."""
    doc, text = parsed.doc, parsed.article.text
    body_start = parsed.article.body_start
    bylines = _bylines(parsed, drafts)
    byline_list = sorted(bylines)  # paragraphs: they never overlap, so one bisect finds the only candidate
    byline_starts = [b[0] for b in byline_list]
    bios = _bio_persons(parsed, drafts)
    state_heads = {m.head for k, d in drafts.items() if k.startswith("country:") for m in d.mentions if not m.pronoun}
    for key in list(drafts):
        d = drafts[key]
        if key in bios:
            del drafts[key]
            continue
        keep = []
        for m in d.mentions:
            if m.pronoun:
                keep.append(m)
                continue
            if _furniture_caps(m.text) and not key.startswith("country:"):
                continue
            if _in_credit(text, m.start, m.end):
                continue
            if d.kind == "person" and _inside(byline_starts, byline_list, m.start):
                continue
            keep.append(m)
        d.mentions = keep
        named = [m for m in keep if not m.pronoun]
        if not named:
            del drafts[key]
            continue
        head_lemma = doc[named[0].head].lemma_.lower()
        if (d.kind != "person" or head_lemma.endswith("s")) and inanimate.get(head_lemma) in ("weapon", "vehicle"):
            del drafts[key]
            continue
        if d.kind in ("organisation", "person") and all(m.end <= body_start for m in named):
            sp = doc.char_span(named[0].start, named[0].end, alignment_mode="expand")
            if sp is not None and len(sp) >= 3 and any(x.pos_ in ("VERB", "AUX") for x in sp):
                del drafts[key]
                continue
        if d.kind in ("organisation", "person") and all(
                w.lower().rstrip(",") in t.titles or w.lower().rstrip(".,") in t.titles
                or (w[:1].isupper() and w.lower() in _OFFICE_HEADS)
                for w in d.name.split()[-1:]):
            nxt = [doc[m.head].i + 1 for m in named]  # a name follows: the recogniser's PERSON, or any proper noun
            if all(i < len(doc) and (doc[i].ent_type_ == "PERSON" or (doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()))
                   for i in nxt):
                del drafts[key]
                continue
        if not key.startswith("country:") and d.kind != "group" and (
                _only_locates(doc, d) or _only_channel(doc, d) or _place_form(doc, text, d, state_heads)):
            del drafts[key]


def merge_variants(drafts: dict[str, Draft], t: Tables) -> None:
    """Organisations/groups that are a person's name with titles merge into the person; same names merge."""
    persons: dict[str, Draft] = {}
    for d in drafts.values():
        if d.kind == "person":
            bare = t.strip_titles(clean_tokens(d.name.split()))
            if bare:
                persons.setdefault(surname_key(bare[-1]), d)
    for key in list(drafts):
        dd = drafts.get(key)
        if dd is None or dd.kind == "person" or key.startswith("country:"):
            continue
        d = dd
        words = clean_tokens(d.name.split())
        if not words or not words[-1][:1].isupper():
            continue  # "Iranian ally": a common noun last is no surname
        p = persons.get(surname_key(words[-1]))
        if p is None:
            continue
        pnames = {w.lower() for f in p.forms for w in f.split()}
        if len(words) >= 2 and all(w.lower().rstrip(".,") in t.titles or w.lower() in pnames or w[:1].isupper()
                                   for w in words[:-1]):
            p.absorb(d)
            del drafts[key]
    by_name: dict[str, list[Draft]] = {}
    for d in drafts.values():
        by_name.setdefault(d.name.lower(), []).append(d)
    for group in by_name.values():
        if len(group) < 2:
            continue
        target = max(group, key=lambda d: (d.key.startswith("country:"), len(d.mentions)))
        for d in group:
            if d is not target:
                target.absorb(d)
                del drafts[d.key]


def _titles_of(doc, d: Draft, canon: Mapping[str, str], t: Tables) -> set[str]:
    """The titles written before the person's named mentions ("President" in "US President Donald Trump")."""
    out = set()
    for m in d.mentions:
        if m.pronoun:
            continue
        sp = doc.char_span(m.start, m.end, alignment_mode="expand")
        if sp is None:
            continue
        words = [w.lower().rstrip(",") for w in m.text.split()]
        k = sp.start - 1
        while k >= 0 and k >= sp.start - 3 and doc[k].lower_.rstrip(",") in t.titles:
            words.insert(0, doc[k].lower_)
            k -= 1
        if words and words[0] == "general" and k >= 0 and doc[k].pos_ in ("NOUN", "PROPN"):
            continue  # postpositive "general" of an office ("Attorney General", "Surgeon General"): not the rank
        chain = []
        for w in words:
            if w not in t.titles:
                break
            chain.append(canon.get(w, w))
        chain = [w for w in chain if w != "former"]
        if chain:
            out.add(" ".join(chain))
    return out


def _described_as(doc, d: Draft, canon: Mapping[str, str], t: Tables) -> set[str]:
    """Titles the article gives a person in a description of a named mention: an apposition ("Soleimani, *the
    commander* of ...", "the *general*, Soleimani"), a copula complement ("Soleimani was *the commander* of ...") or
    an "as" phrase ("his status as an Iranian *general*")."""
    out = set()
    for m in d.mentions:
        if m.pronoun:
            continue
        h = doc[m.head]
        descs = [c for c in h.children if c.dep_ == "appos"]
        if h.dep_ == "appos":
            descs.append(h.head)
        if h.dep_ == "nsubj" and h.head.lemma_ == "be":
            descs += [c for c in h.head.children if c.dep_ == "attr"]
        descs += [g for c in h.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
        if h.dep_ == "poss":
            descs += [g for c in h.head.children if c.dep_ == "prep" and c.lower_ == "as"
                      for g in c.children if g.dep_ == "pobj"]
        for x in descs:
            if x.pos_ == "NOUN" and x.lower_ in t.titles:
                out.add(canon.get(x.lower_, x.lower_))
    return out


def title_references(parsed, drafts: dict[str, Draft], t: Tables, canon: Mapping[str, str], taken: list[bool],
                     country_at: Mapping[int, str] | None = None, ranks: frozenset[str] = frozenset()) -> None:
    """``actors.title_reference``: "the (Iranian) general" -> the one person named with that title, or described with
    it (:func:`_described_as`); a state modifying the description keeps only the persons affiliated with it. A
    military rank (``ranks``: the ``rank`` kind of ``lexicons/titles.tsv``) with no person of that exact title
    names the one person who holds any rank ("the commander" for "Major-General Soleimani"): articles vary the
    rank word of one officer far more than they juxtapose two unnamed officers."""
    doc = parsed.doc
    by_title: dict[str, list[Draft]] = {}
    for d in drafts.values():
        if d.kind == "person":
            for ti in _titles_of(doc, d, canon, t) | _described_as(doc, d, canon, t):
                by_title.setdefault(ti, []).append(d)
    ranked = list({id(d): d for ti, ds in by_title.items() if ti.split()[-1] in ranks for d in ds}.values())
    for tok in doc:
        lw = tok.lower_
        if lw not in t.titles or taken[tok.i] or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.dep_ == "compound" or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            continue  # part of a name ("General Soleimani"), not a description
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            continue
        chain = [canon.get(lw, lw)]
        k = tok.i - 1
        while k >= 0 and doc[k].lower_ in t.titles:
            chain.insert(0, canon.get(doc[k].lower_, doc[k].lower_))
            k -= 1
        chain = [w for w in chain if w != "former"]
        cands = by_title.get(" ".join(chain), [])
        if not cands and chain[-1] in ranks:
            cands = ranked
        states = {drafts[country_at[c.i]].name for c in tok.children
                  if country_at and c.i in country_at and country_at[c.i] in drafts}
        if states and len(cands) > 1:
            cands = [d for d in cands if d.aff_votes and d.aff_votes.most_common(1)[0][0] in states]
        if len(cands) != 1:
            continue
        d = cands[0]
        s, e = tok.idx, tok.idx + len(tok.text)
        m = Mention(s, e, parsed.article.text[s:e], tok.i, "actors.title_reference", False, False)
        d.mentions.append(m)
        taken[tok.i] = True


def informal_references(parsed, drafts: dict[str, Draft], t: Tables, taken: list[bool], new_draft) -> None:
    """``actors.informal``: "this X guy" and untagged capitalised heads with a personal title."""
    doc = parsed.doc
    for tok in doc:
        if tok.lower_ not in _INFORMAL_HEADS or tok.pos_ != "NOUN":
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("this", "that") for c in tok.children):
            continue
        names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()]
        if not names:
            continue
        i, j = trim(doc, min(c.i for c in names), max(c.i for c in names) + 1)
        surface = doc[i:j].text
        key = surname_key(surface.split()[-1])
        target = next((d for d in drafts.values() if d.kind == "person"
                       and surname_key(t.strip_titles(clean_tokens(d.name.split()))[-1] if d.name.split() else "") == key),
                      None)
        if target is None:
            target = new_draft("person:" + surface, surface, "person")
        s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        target.mentions.append(Mention(s, e, parsed.article.text[s:e], doc[j - 1].i, "actors.informal", False, False))
        target.forms[parsed.article.text[s:e]] += 1
        for x in range(i, j):
            taken[x] = True
    # untagged capitalised names right after a personal title that act or are acted upon
    for tok in doc:
        if (taken[tok.i] or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_
                or tok.lower_.rstrip(".,") in t.titles):
            continue
        if tok.i == 0 or doc[tok.i - 1].lower_.rstrip(",") not in t.titles or doc[tok.i - 1].ent_type_:
            continue
        j = tok.i + 1
        while (j < len(doc) and doc[j].pos_ == "PROPN" and not taken[j] and not doc[j].ent_type_
               and doc[j].lower_.rstrip(".,") not in t.titles):
            j += 1
        head = doc[j - 1]
        if head.dep_ not in _ACTING and head.head.dep_ not in _ACTING:
            continue
        surface = doc[tok.i:j].text
        key = surname_key(surface.split()[-1])
        target = next((d for d in drafts.values() if d.kind == "person" and d.name.split()
                       and surname_key(d.name.split()[-1]) == key), None)
        if target is None:
            target = new_draft("person:" + surface, surface, "person")
        s, e = doc[tok.i].idx, head.idx + len(head.text)
        target.mentions.append(Mention(s, e, parsed.article.text[s:e], head.i, "actors.informal", False, False))
        target.forms[parsed.article.text[s:e]] += 1
        for x in range(tok.i, j):
            taken[x] = True


def led_bodies(parsed, drafts: dict[str, Draft], taken: list[bool], new_draft, add) -> None:
    """``actors.led_body``: "the Trump administration" (a person's name compounded before a head of
    :data:`LED_BODIES`) is an actor of its own, a government named "<surname> administration", not a mention of the
    person: the name inside it stops being the person's mention. Where the article names exactly one such body per
    head word, "the administration" (definite, unmodified) is a mention of it too. ``add(draft, i, j, rule, head)``
    adds a named mention (:meth:`Finder.add`)."""
    doc = parsed.doc
    owner: dict[int, Draft] = {}
    by_surname: dict[str, Draft] = {}
    for d in drafts.values():
        if d.kind == "person":
            for m in d.mentions:
                if not m.pronoun:
                    owner[m.head] = d
            if d.name.split():
                by_surname.setdefault(surname_key(d.name.split()[-1]), d)
    bodies: dict[str, list[Draft]] = {}
    text = parsed.article.text
    nouns = sorted((t for w in LED_BODIES for form in (w, w.capitalize()) for t in _occurrences(doc, text, form)),
                   key=lambda t: t.i)
    found = []  # (first token of the leader's name, the name's head, the body noun)
    for tok in nouns:
        if tok.pos_ != "NOUN" or tok.tag_ != "NN":
            continue
        # the leader's name: a person's mention, or (whatever the entity recogniser made of the word) a
        # capitalised proper noun equal to the surname of a person the article names
        names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()
                 and (c.i in owner or surname_key(c.text) in by_surname)]
        if len(names) == 1:
            found.append((min(c.i for c in names[0].subtree), names[0].i, tok.i))  # "the [Donald Trump] administration"
    inside = {x for start, _, ti in found for x in range(start, ti)}  # the name is no longer a mention of its own
    for key in list(drafts):
        dd = drafts[key]
        if not found or key.startswith("country:"):
            continue
        dd.mentions = [m for m in dd.mentions if m.pronoun or m.head not in inside]
        if not [m for m in dd.mentions if not m.pronoun]:
            del drafts[key]
    for start, name_i, ti in found:
        tok = doc[ti]
        surname = doc[name_i].text
        d = new_draft(f"body:{surname.lower()} {tok.lemma_.lower()}", f"{surname} {tok.lemma_.lower()}", "government")
        add(d, start, tok.i + 1, "actors.led_body", tok.i)
        for x in range(start, tok.i + 1):
            taken[x] = True
        if d not in bodies.setdefault(tok.lemma_.lower(), []):
            bodies[tok.lemma_.lower()].append(d)
    if not bodies:
        return
    for tok in nouns:
        ds = bodies.get(tok.lower_)
        if not ds or len(ds) != 1 or taken[tok.i] or tok.pos_ != "NOUN" or tok.tag_ != "NN":
            continue
        kids = list(tok.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids) or any(
                c.dep_ in ("compound", "amod", "poss", "nmod") for c in kids):
            continue
        add(ds[0], tok.i, tok.i + 1, "actors.led_body", tok.i)
        taken[tok.i] = True


_PERSONAL = frozenset({"he", "him", "his", "she", "her", "hers"})


def personal_names(parsed, drafts: dict[str, Draft], t: Tables) -> None:
    """Retype as persons the organisations that are a bare capitalised name the article refers back to as a person.

    An ``organisation`` draft from the entity recogniser whose every named mention is one title-case proper noun
    (not all capitals, not an organisation or title word of the lexicons, never after an article) becomes a
    ``person`` when at least one of its mentions is a clause subject and the next personal pronoun (he/him/his/she/her) outside quotation
    marks, in the same or the next sentence, comes with no person mentioned in between ("Trump did not prove a
    passive tiger, as his critics mocked"). Pronoun agreement is the usual animacy cue of coreference systems
    (Bergsma & Lin 2006). A name of up to three such words right after a lower-case personal title
    ("spokeswoman Morgan Ortagus") is a person too. Reading form and syntax only, the rule types a name the
    recogniser mistook for an organisation the same whatever the name is. Limits: one-word organisation names
    that a later "he" follows by chance are retyped too.
    """
    doc = parsed.doc
    person_heads = sorted(m.head for d in drafts.values() if d.kind == "person" for m in d.mentions if not m.pronoun)
    personal = [tok for tok in doc if tok.lower_ in _PERSONAL and tok.pos_ == "PRON"
                and not parsed.in_quotes(Span(tok.idx, tok.idx + len(tok.text)))]
    sents = list(doc.sents)
    sent_of = {tok.i: k for k, s in enumerate(sents) for tok in s}
    for d in drafts.values():
        named = [m for m in d.mentions if not m.pronoun]
        if d.kind != "organisation" or d.key.startswith("override:") or not named:
            continue
        words = [w for m in named for w in m.text.split()]
        if not all(re.fullmatch(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*", w) and w.lower() not in t.titles
                   and w.lower() not in t.unit_nouns and w not in t.alias_to_country for w in words):
            continue  # name-shaped words only: no acronym, title, unit noun ("Force") or state name
        if any(_after_article(doc, m.start) for m in named):
            continue  # "the Pentagon", "the Devil": a personal name takes no article
        if all(len(m.text.split()) <= 3 for m in named) and any(_after_title(doc, m.start, t) for m in named):
            d.kind = "person"  # "spokeswoman Morgan Ortagus": a lower-case personal title before the name
            continue
        if any(len(m.text.split()) > 1 for m in named):
            continue
        for m in named:
            head = doc[m.head]
            if head.dep_ not in ("nsubj", "nsubjpass"):
                continue
            nxt = next((p for p in personal if p.i > head.i), None)
            if nxt is None or sent_of[nxt.i] - sent_of[head.i] > 1:
                continue
            k = bisect.bisect_right(person_heads, head.i)
            if k < len(person_heads) and person_heads[k] < nxt.i:
                continue  # a person named in between is the likelier antecedent
            d.kind = "person"
            break


def _after_article(doc, start: int) -> bool:
    """Is the token before character offset ``start`` a definite or indefinite article?"""
    sp = doc.char_span(start, start + 1, alignment_mode="expand")
    return sp is not None and sp.start > 0 and doc[sp.start - 1].lower_ in ("the", "a", "an")


def _after_title(doc, start: int, t: Tables) -> bool:
    """Is the name at character offset ``start`` directly preceded by a personal title written in lower case
    ("spokeswoman Morgan Ortagus", "commander Esmail Qaani")? A capitalised word before a name may be part of an
    organisation's own name ("Quds Force"), so only lower-case titles count."""
    sp = doc.char_span(start, start + 1, alignment_mode="expand")
    if sp is None or sp.start == 0:
        return False
    prev = doc[sp.start - 1]
    return prev.text.islower() and (prev.text in t.titles or prev.text.rstrip(".,") in t.titles)
