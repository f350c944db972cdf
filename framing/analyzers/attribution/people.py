"""What one article says about its people: names, pronouns, titles, and who it reports dead.

Speaker resolution reads these facts from the article itself (no outside
knowledge about anyone):

* **canonical name**: the longest person name the article uses for a surname
  ('Zarif' -> 'Mohammad Javad Zarif'), in proper case ('mark esper' -> 'Mark Esper');
* **pronoun** ('m' for he, 'f' for she): a title before the name ('Mr.', 'Ms.',
  'Mrs.'), else the pronoun the article uses right after the name (the nearest
  he/his/him or she/her within the next 200 characters, with no other person
  named in between, outside quotations; the majority of such uses), else a weak
  prior from the given name (``lexicons/first_names.tsv``), else unknown;
* **titles and roles**: the role nouns the article introduces a person with --
  before the name ('Senate Democratic Leader Charles Schumer', 'Sen. Tim Kaine')
  or in apposition ('Clifford Young, president of Ipsos') -- so that 'the
  Democratic leader said' resolves to Schumer (:meth:`People.by_role`);
* **reported dead**: a person the article reports killed or dead ('killed
  Qassem Soleimani', 'Soleimani was killed', "Soleimani's death"), who cannot
  be the speaker of a present-tense statement or of a pronoun.

Limits: surnames key the people, so two people sharing a surname in one article
are merged; pronoun evidence is a proximity rule, not coreference.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.schema import Span

#: abbreviated titles and the role they name
TITLE_ROLES = {"sen": "senator", "sens": "senator", "rep": "representative", "reps": "representative", "gen": "general", "cmdr": "commander", "gov": "governor",
               "adm": "admiral", "col": "colonel", "lt": "lieutenant", "amb": "ambassador", "pres": "president",
               "sec": "secretary", "capt": "captain", "maj": "major", "sgt": "sergeant"}
#: party-member nouns: in a person's introduction ('a Virginia Democrat') they give an affiliation, not an office
PARTY_ROLES = frozenset({"republican", "democrat", "independent", "conservative", "liberal", "progressive",
                         "socialist", "tory", "libertarian"})
_MALE_TITLES = {"mr", "mr."}
_FEMALE_TITLES = {"ms", "ms.", "mrs", "mrs.", "miss"}
_DEATH_AFTER = re.compile(r"^(?:\s*,[^,.]{0,80},)?\s+(?:was|were|had\s+been|has\s+been|is|been)\s+"
                          r"(?:killed|assassinated|slain|dead|murdered)\b|^\s+(?:died|is\s+dead|was\s+dead)\b|"
                          r"^['\u2019]s?\s+(?:death|killing|assassination|funeral|burial|body|coffin|murder)\b",
                          re.IGNORECASE)
_GAP_OK = re.compile(r"^[\s\w.\u2019'-]{0,60}$")
# a pronoun the article uses for someone; not the subject of a reporting verb ('..., she said'), which is what
# speaker resolution is asked to resolve and cannot be evidence for itself
_PRON = re.compile(r"\b(he|his|him|she|her|hers)\b(?!\s+(?:said|says|added|adds|told|tells|wrote|writes|tweeted|"
                   r"continued|explained|noted|asked|argued|insisted|warned|replied|recalled|predicted)\b)",
                   re.IGNORECASE)


def surname_key(name: str) -> str:
    """The lower-case last word of a person name ('' when it has none)."""
    words = re.findall(r"[^\W\d_][\w\u2019'-]*", name)
    if not words:
        return ""
    return re.sub(r"['\u2019]s$", "", words[-1]).lower()


def proper_case(name: str) -> str:
    """A name in proper case when it is written all in lower case ('mark esper' -> 'Mark Esper'); else unchanged."""
    return name.title() if name == name.lower() and any(c.isalpha() for c in name) else name


@dataclass
class People:
    """The article's people, keyed by surname (see the module docstring)."""

    canonical: dict[str, str] = field(default_factory=dict)
    pronoun: dict[str, str] = field(default_factory=dict)
    pronoun_evidence: dict[str, str] = field(default_factory=dict)  # key -> 'title' | 'article' | 'first_name'
    roles: list[tuple[int, str, str, frozenset]] = field(default_factory=list)  # (position, role, key, title words)
    dead: set[str] = field(default_factory=set)
    first_names: Mapping[str, str] = field(default_factory=dict)  # the weak given-name prior (lexicon)
    title: dict[str, str] = field(default_factory=dict)  # key -> the role the article first introduces them with
    affiliation: dict[str, str] = field(default_factory=dict)  # key -> organisation or country named with them
    _role_names: frozenset | None = None  # derived: the roles introduced (by has_role)
    mention_index: dict = field(default_factory=dict)  # derived: actors' mentions sorted, by speaker resolution
    _starts: list | None = None  # derived: starts of the sorted contents (by contents_at)
    in_content: Any = None  # a Coverage of attributed contents (set by the analyzer): names there are not speakers
    contents: list = field(default_factory=list)  # the same contents as a list (a pronoun inside one may refer
    # to a person named inside that same content: 'X noted that Warren ... after her tweet saying ...')

    def name(self, name: str) -> str:
        """The canonical form of a person name (the longest the article uses for its surname)."""
        words = name.split()
        if not (0 < len(words) <= 5 and (name == name.lower() or all(w[:1].isupper() for w in words if w.isalpha()))):
            return name  # a descriptive phrase, not a name
        return proper_case(self.canonical.get(surname_key(name), name))

    def gender(self, name: str) -> str:
        """'m', 'f' or '' for a person name (a name the tagger missed as a person: its given name's prior)."""
        got = self.pronoun.get(surname_key(name), "")
        words = name.split()
        if not got and len(words) > 1 and surname_key(name) not in self.canonical:
            got = self.first_names.get(words[0].lower(), "")
        return got

    def card(self, name: str) -> tuple[str, str]:
        """(role, affiliation) the article introduces a person with ('' when it gives none)."""
        key = surname_key(name)
        return self.title.get(key, ""), self.affiliation.get(key, "")

    def is_dead(self, name: str) -> bool:
        return surname_key(name) in self.dead

    def by_role(self, role: str, before: int, words: frozenset = frozenset(), *, ahead: int = 0) -> str | None:
        """Canonical name of the person introduced with ``role`` whose title words best match ``words`` (the
        modifiers of the role noun in the source: 'Democratic' in 'the Democratic leader'), the latest before
        offset ``before`` on a tie; a title qualified by a word the source lacks ('Vice President', 'former
        envoy') does not match. ``ahead`` > 0 also looks that many characters past ``before`` (a role noun
        naming a person introduced just after it), when no one before matches."""
        best, best_score = None, -1
        for pos, r, key, title in self.roles:
            if pos >= before + ahead:
                break
            if r != role or (pos >= before and best is not None) or (title & _QUALIFIERS) - words:
                continue
            if key in self.dead:
                continue
            score = len(title & words)
            if score >= best_score:
                best, best_score = key, score
        return self.canonical.get(best) if best else None


    def has_role(self, role: str) -> bool:
        """Whether the article introduces anyone with ``role``."""
        if self._role_names is None:
            self._role_names = frozenset(r for _pos, r, _key, _title in self.roles)
        return role in self._role_names

    def by_title_word(self, words: frozenset, before: int, *, reach: int = 200) -> str | None:
        """Canonical name of the last person introduced before ``before`` whose title words include one of
        ``words`` (an organisation's name: 'LPL' links 'the LPL analyst' to 'LPL Financial senior market
        strategist Ryan Detrick'), among the ``reach`` introductions just before it; or None."""
        if not words:
            return None
        hi = bisect.bisect_left(self.roles, (before,))
        for _pos, _r, key, title in reversed(self.roles[max(0, hi - reach):hi]):
            if title & words and key not in self.dead:
                return self.canonical.get(key)
        return None

    def contents_at(self, offset: int, *, reach: int = 50) -> list:
        """The attributed contents (``contents``, sorted by start) that contain ``offset``, among the ``reach``
        starting last before it (a bisect, not a scan: asked once per pronoun)."""
        if self._starts is None:
            self.contents.sort(key=lambda p: (p.start, p.end))
            self._starts = [p.start for p in self.contents]
        hi = bisect.bisect_right(self._starts, offset)
        return [p for p in self.contents[max(0, hi - reach):hi] if p.start <= offset < p.end]


#: title words that make a different office ('Vice President' is not 'the president')
_QUALIFIERS = frozenset({"vice", "former", "deputy", "acting", "assistant", "ex", "late", "under", "associate"})


def _roles_of(ent, person_nouns: frozenset) -> tuple[set[str], frozenset]:
    """Role lemmas of a person entity (title words right before it, the head of an apposition) and the
    lower-case title words around them."""
    doc = ent.doc
    out: set[str] = set()
    words: set[str] = set()
    i = ent.start - 1
    steps = 0
    while i >= 0 and steps < 6:
        t = doc[i]
        low = t.lower_.rstrip(".")
        if (t.is_punct and t.text != ".") or t.ent_type_ == "PERSON" or t.lower_ in ("and", "or", "the", "a", "an"):
            break
        if t.pos_ not in ("PROPN", "NOUN", "ADJ", "PART") and low not in TITLE_ROLES and t.text != ".":
            break  # only the title words of the name's own noun phrase
        words.add(low)
        if low in TITLE_ROLES:
            out.add(TITLE_ROLES[low])
        elif t.lemma_.lower() in person_nouns:
            out.add(t.lemma_.lower())
        i -= 1
        steps += 1
    root = ent.root
    heads = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    for h in heads:
        if h.lemma_.lower() in person_nouns:
            out.add(h.lemma_.lower())
            words.update(c.lower_ for c in h.children if c.dep_ in ("amod", "compound", "poss"))
    return out, frozenset(words)


_AFFIL_ENTS = ("ORG", "GPE", "NORP")
_AFFIL_PREPS = frozenset({"of", "at", "for", "with", "from"})


def _affiliation_of(ent) -> str:
    """The organisation or country a person is introduced with, from the article's own words: an entity among
    the title words right before the name ('LPL Financial senior market strategist Ryan Detrick', 'Pentagon
    spokesperson ...') or in an 'of/at/for' phrase after it or after its apposition ('Gil Barndollar of Defense
    Priorities', 'Clifford Young, president of Ipsos'); '' when none."""
    doc = ent.doc
    i = ent.start - 1
    toks: list[Any] = []
    while i >= 0 and len(toks) < 8:
        t = doc[i]
        if (t.is_punct and t.text not in (".", "-")) or t.ent_type_ == "PERSON" or t.pos_ in ("VERB", "AUX", "ADP", "DET"):
            break
        toks.append(t)
        i -= 1
    found = [t for t in reversed(toks) if t.ent_type_ in _AFFIL_ENTS]
    if found:
        first = found[0]
        run = [t for t in found if t.ent_type_ == first.ent_type_ and t.i - first.i < len(found) + 1]
        return doc[run[0].i: run[-1].i + 1].text
    root = ent.root
    for h in [root] + [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else []):
        for prep in (c for c in h.children if c.dep_ == "prep" and c.lower_ in _AFFIL_PREPS):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ in _AFFIL_ENTS:
                sub = [t for t in pobj.subtree if t.ent_type_ in _AFFIL_ENTS]
                return doc[sub[0].i: sub[-1].i + 1].text
    return ""


def _dead_at(text: str, start: int, end: int, persons: list[tuple[int, int]]) -> bool:
    """Whether the mention of a person at ``start:end`` is reported killed or dead (see the module docstring)."""
    before = text[max(0, start - 70):start]
    # the death word, then only title words ('killed Iranian Maj. Gen. Qassem Soleimani'), no 'by', no other person
    ms = list(re.finditer(r"\b(?:killed|killing|assassinated|assassination|assassinating|death|murdered|murder|"
                          r"funeral|burial|slain|slaying)\b(?:\s+of)?", before, re.IGNORECASE))
    if ms:
        gap = before[ms[-1].end():]
        if _GAP_OK.match(gap) and " by " not in gap and not re.search(r"[;:!?]|\.\s+[A-Z]", gap):
            lo = start - len(gap)
            if not any(lo <= a and b <= start for a, b in persons):  # no other person between
                return True
    after = text[end:end + 110]
    if text[start:end].endswith(("'s", "\u2019s")):
        after = "'s" + after  # the mention took the possessive mark
    return bool(_DEATH_AFTER.match(after))


def people_of(parsed, person_nouns: frozenset, first_names: Mapping[str, str]) -> People:
    """The :class:`People` of one parsed article."""
    text = parsed.text
    persons = [e for e in parsed.entities if e.label_ == "PERSON"]
    p = People(first_names=first_names)
    votes: dict[str, Counter] = defaultdict(Counter)
    titled: dict[str, str] = {}
    for k, e in enumerate(persons):
        name = re.sub(r"['\u2019]s$", "", e.text.strip())
        key = surname_key(name)
        if not key:
            continue
        if len(name) > len(p.canonical.get(key, "")) and not re.search(r"[\n@#]", name):
            p.canonical[key] = name
        prev = e.doc[e.start - 1].lower_ if e.start > 0 else ""
        if prev in _MALE_TITLES:
            titled[key] = "m"
        elif prev in _FEMALE_TITLES:
            titled[key] = "f"
        roles, words = _roles_of(e, person_nouns)
        for r in sorted(roles):
            p.roles.append((e.start_char, r, key, words | {r}))
        party = sorted(r for r in roles if r in PARTY_ROLES)
        offices = sorted(roles - set(party), key=lambda r: (r not in TITLE_ROLES.values(), r))
        if offices and key not in p.title:
            p.title[key] = offices[0]  # a title before the name ('Sen.') over a described role
        if key not in p.affiliation and (aff := _affiliation_of(e) or (party[0].capitalize() if party else "")):
            p.affiliation[key] = aff  # an organisation or country; else the party ('a Virginia Democrat')
        nxt = persons[k + 1].start_char if k + 1 < len(persons) else len(text)
        window = text[e.end_char:min(nxt, e.end_char + 200)]
        m = _PRON.search(window)
        if m and not parsed.in_quotes(Span(e.end_char + m.start(), e.end_char + m.end())):
            votes[key]["m" if m.group(1).lower() in ("he", "his", "him") else "f"] += 1
    spans = [(e.start_char, e.end_char) for e in persons]
    for key, full in p.canonical.items():
        # every mention of the surname, whatever entity label the tagger gave it ("Soleimani's killing")
        last = full.split()[-1]
        for m in re.finditer(r"\b" + re.escape(last) + r"(?:['\u2019]s)?\b", text):
            if _dead_at(text, m.start(), m.end(), spans):
                p.dead.add(key)
                break
        if key in titled:
            p.pronoun[key], p.pronoun_evidence[key] = titled[key], "title"
        elif votes[key] and votes[key].most_common(1)[0][1] > sum(votes[key].values()) / 2:
            p.pronoun[key], p.pronoun_evidence[key] = votes[key].most_common(1)[0][0], "article"
        else:
            first = full.split()[0].lower() if len(full.split()) > 1 else ""
            if first in first_names:
                p.pronoun[key], p.pronoun_evidence[key] = first_names[first], "first_name"
    p.roles.sort()
    return p
