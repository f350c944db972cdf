"""Actors: who an article is about, with every mention merged into one actor.

What it finds
-------------
An *actor* is a person, a state, a government body, an organisation or a group
of people the article talks about. :func:`find` returns an :class:`ActorSet`:
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
  subject of its own clause, explicit or understood (+200: "pressurize Iran to
  give up *its* right" -> Iran; "the US ... justify *its* plans" -> the US), and
  the arguments of the pronoun's own verb get +50. Binding: a plain pronoun is
  never its own verb's other argument, nor the object of a verb it is the
  understood subject of ("It built a coalition to attack Iran": It != Iran).
  The antecedent must lie in the same or one of the two preceding sentences; pronouns inside quotation
  marks are left alone (their reference depends on the speaker), and an
  *it* that is an expletive or the subject of a copula ("It is a gross
  violation") is left alone. ``actors.override`` marks mentions found from an
  event file's aliases.

Merging: persons merge on the surname once titles are stripped ("President
Trump", "Donald Trump", "Trump"); organisations merge with their acronym
("IRGC" = "Islamic Revolution Guard Corps"); everything else merges on a
case-folded name. An event file (``corpora/<event>/actors.toml``, read with
:func:`load_actor_file`) overrides the automatic merge: every mention whose text
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
"""

from __future__ import annotations

import functools
import logging
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from framing.errors import InputError
from framing.schema import Span

log = logging.getLogger(__name__)

KINDS = ("person", "government", "country", "organisation", "group")

RULES: dict[str, str] = {
    "actors.state_name": "a state's name, short form, demonym or (when it acts) capital, from lexicons/countries.tsv",
    "actors.entity": "a named entity (person, organisation, group) found by the spaCy entity recogniser",
    "actors.unit": "a noun phrase naming an institution, armed body or group (lexicons/actor_nouns.tsv)",
    "actors.name_repeat": "a proper noun repeating a known person's surname or an organisation's acronym",
    "actors.pronoun": "a pronoun or possessive resolved to the most salient compatible referent (Lappin & Leass 1994, reduced)",
    "actors.override": "a mention matched by an alias in the event's actors.toml",
}

_PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_IT_PRONOUNS = {"it", "its", "itself"}
_THEY_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
_POSSESSIVE_PRONOUNS = {"his", "her", "hers", "its", "their", "theirs"}
_POSS_MARKS = {"'s", "’s", "'", "’"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
_PRONOUN_WINDOW = 2  # sentences back


# --------------------------------------------------------------------------- data objects


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor: a span of ``Article.text``.

    ``head`` is the index of the mention's syntactic head token in the parse;
    ``pronoun``/``possessive`` say what kind of mention it is; ``rule`` is the
    rule id that found it.
    """

    start: int
    end: int
    text: str
    head: int
    rule: str
    pronoun: bool = False
    possessive: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "quote": self.text,
            "rule": self.rule,
            "pronoun": self.pronoun,
            "possessive": self.possessive,
        }


@dataclass(frozen=True, slots=True)
class Salience:
    """How prominent an actor is: named ``mentions`` (pronouns counted apart), headline, first paragraph."""

    mentions: int
    pronoun_mentions: int
    in_headline: bool
    in_first_paragraph: bool
    first_offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "mentions": self.mentions,
            "pronoun_mentions": self.pronoun_mentions,
            "in_headline": self.in_headline,
            "in_first_paragraph": self.in_first_paragraph,
            "first_offset": self.first_offset,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    salience: Salience
    affiliation: str | None = None

    @property
    def named_mentions(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if not m.pronoun)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "affiliation": self.affiliation,
            "mentions": self.salience.mentions,
            "salience": self.salience.to_dict(),
            "mention_spans": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True)
class ActorSet:
    """The actors of one article, most mentioned first.

    ``actor_at(start, end)`` finds the actor mentioned in a span (for speaker
    spans of the attribution analyzer); ``resolve(text)`` maps a name string to
    an actor of this article.
    """

    actors: tuple[Actor, ...]
    text: str = field(default="", repr=False)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def __getitem__(self, i: int) -> Actor:
        return self.actors[i]

    def get(self, name: str) -> Actor | None:
        """The actor named exactly ``name`` (case-insensitive), or None."""
        low = name.lower()
        for a in self.actors:
            if a.name.lower() == low:
                return a
        return None

    @functools.cached_property
    def _mention_index(self) -> list[tuple[int, int, int, Actor]]:
        out = [(m.start, m.end, i, a) for i, a in enumerate(self.actors) for m in a.mentions]
        out.sort(key=lambda t: (t[0], t[1]))
        return out

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with the mention that best covers ``[start, end)``.

        Among mentions overlapping the span, the one with the largest overlap
        wins; ties go to the mention ending later (the head of an English noun
        phrase is at its right: in "US President Donald Trump" the person wins
        over "US"), then to named over pronoun mentions.
        """
        best: tuple[int, int, int] | None = None
        best_actor = None
        for s, e, _i, a in self._mention_index:
            if s >= end:
                break
            if e <= start:
                continue
            ov = min(e, end) - max(s, start)
            if ov <= 0:
                continue
            is_named = int(not any(m.pronoun for m in a.mentions if m.start == s and m.end == e))
            key = (ov, e, is_named)
            if best is None or key > best:
                best, best_actor = key, a
        return best_actor

    @functools.cached_property
    def _name_index(self) -> dict[str, Actor]:
        idx: dict[str, Actor] = {}
        surnames: dict[str, set[int]] = defaultdict(set)
        for i, a in enumerate(self.actors):
            for n in (a.name, *a.aliases):
                k = _norm_key(n)
                if k:
                    idx.setdefault(k, a)
            if a.kind == "person":
                for n in (a.name, *a.aliases):
                    toks = _strip_titles(n.split())
                    if toks:
                        surnames[_surname_key(toks[-1])].add(i)
        for k, ids in surnames.items():
            if len(ids) == 1 and k not in idx:
                idx[k] = self.actors[next(iter(ids))]
        return idx

    def resolve(self, text: str) -> Actor | None:
        """The actor a name string refers to ("President Trump", "the US", "Soleimani's"), or None.

        Pronouns are not resolved here (they need a position: use
        :meth:`actor_at` on the pronoun's span).
        """
        if not text or not text.strip():
            return None
        key = _norm_key(text)
        if key in self._name_index:
            return self._name_index[key]
        toks = _strip_titles(_clean_tokens(text.split()))
        if not toks:
            return None
        k2 = _norm_key(" ".join(toks))
        if k2 in self._name_index:
            return self._name_index[k2]
        sk = _surname_key(toks[-1])
        if sk in self._name_index:
            return self._name_index[sk]
        tables = _tables()
        joined = " ".join(toks)
        country = tables.alias_to_country.get(joined) or tables.alias_to_country.get(joined.lower()) or tables.capitals.get(joined)
        if country:
            return self.get(country)
        return None

    def to_dict(self) -> list[dict[str, Any]]:
        return [a.to_dict() for a in self.actors]


# --------------------------------------------------------------------------- lexicon tables


@dataclass(frozen=True)
class _Tables:
    alias_to_country: dict[str, str]  # alias/demonym text -> canonical name (case-sensitive keys, plus lowercase for resolve)
    capitals: dict[str, str]
    country_kind: dict[str, str]
    unit_nouns: dict[str, tuple[str, str]]  # lemma -> (kind, canonical)
    titles: frozenset[str]


@functools.cache
def _tables() -> _Tables:
    from framing import lexicon

    countries = lexicon.load("countries")
    nouns = lexicon.load("actor_nouns")
    alias: dict[str, str] = {}
    capitals: dict[str, str] = {}
    kind: dict[str, str] = {}
    for e in countries:
        name = e["term"]
        kind[name] = e["kind"]
        for a in [name, *_split_bar(e["aliases"]), *_split_bar(e["demonyms"])]:
            alias[a] = name
            alias.setdefault(a.lower(), name)
        for c in _split_bar(e["capitals"]):
            capitals[c] = name
    units = {}
    titles = set()
    for e in nouns:
        if e["kind"] == "title":
            titles.add(e["term"].lower())
        else:
            units[e["term"].lower()] = (e["kind"], e["canonical"] or e["term"])
    return _Tables(alias, capitals, kind, units, frozenset(titles))


def _split_bar(cell: str) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


@functools.cache
def _phrase_table() -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
    """First token text -> [(token texts, canonical, is_capital)], longest first (tokenized like the articles)."""
    from framing.nlp import get_nlp

    tokenizer = get_nlp().tokenizer
    t = _tables()
    table: dict[str, list] = defaultdict(list)
    for a, canon in t.alias_to_country.items():
        if a != a.lower():
            toks = tuple(tok.text for tok in tokenizer(a))
            table[toks[0]].append((toks, canon, False))
    for c, canon in t.capitals.items():
        toks = tuple(tok.text for tok in tokenizer(c))
        table[toks[0]].append((toks, canon, True))
    for k in table:
        table[k].sort(key=lambda x: -len(x[0]))
    return dict(table)


# --------------------------------------------------------------------------- name helpers


def _clean_tokens(toks: list[str]) -> list[str]:
    toks = [t for t in toks if t]
    while toks and toks[0].lower() in _DETERMINERS:
        toks = toks[1:]
    if toks:
        last = toks[-1]
        for mark in ("'s", "’s"):
            if last.endswith(mark):
                last = last[: -len(mark)]
        last = last.rstrip("’'.,;:")
        toks[-1] = last
        if not last:
            toks = toks[:-1]
    return toks


def _strip_titles(toks: list[str]) -> list[str]:
    titles = _tables().titles
    out = list(toks)
    while len(out) > 1 and (out[0].lower().rstrip(",") in titles or out[0].lower() in ("of", "-") or "-" in out[0] and all(p.lower() in titles for p in out[0].split("-"))):
        out = out[1:]
    return out


def _skeleton(word: str) -> str:
    """Consonant skeleton of a name, so transliteration variants meet: Soleimani/Suleimani, Qassem/Qasem/Qassim."""
    k = word.lower().strip("’'.,")
    for p in ("al-", "el-", "bin-"):
        if k.startswith(p) and len(k) > len(p) + 2:
            k = k[len(p):]
    out = []
    for ch in k:
        if ch.isalpha() and ch not in "aeiouy" and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out) or k


def _surname_key(tok: str) -> str:
    return "~" + _skeleton(tok)


def _norm_key(text: str) -> str:
    toks = _clean_tokens(text.split())
    return " ".join(toks).lower().replace("’", "'")


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


# --------------------------------------------------------------------------- event files


def load_actor_file(path: str | Path) -> list[dict[str, Any]]:
    """Read a ``corpora/<event>/actors.toml`` file into override dicts.

    Format: ``[[actor]]`` tables with ``name`` (required), ``kind`` (one of
    person, government, country, organisation, group), ``aliases`` (list of
    strings) and ``affiliation`` (optional string). Raises :class:`InputError`
    with the file and the problem.
    """
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{p}: no such actors file; pass a corpora/<event>/actors.toml path") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{p}: not valid TOML ({exc}); fix the file") from None
    return parse_overrides(data, where=str(p))


def parse_overrides(data: Mapping[str, Any] | Iterable[Mapping[str, Any]], where: str = "actors") -> list[dict[str, Any]]:
    """Validate override data (a parsed actors.toml dict, or a list of actor dicts)."""
    rows = data.get("actor", data.get("actors", [])) if isinstance(data, Mapping) else list(data)
    out = []
    for i, r in enumerate(rows, 1):
        if not isinstance(r, Mapping) or not isinstance(r.get("name"), str) or not r["name"].strip():
            raise InputError(f"{where}: actor #{i} has no name; every [[actor]] needs name = \"...\"")
        kind = r.get("kind", "organisation")
        if kind not in KINDS:
            raise InputError(f"{where}: actor {r['name']!r} has kind {kind!r}; use one of {', '.join(KINDS)}")
        aliases = r.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(f"{where}: actor {r['name']!r}: aliases must be a list of strings")
        aff = r.get("affiliation")
        if aff is not None and not isinstance(aff, str):
            raise InputError(f"{where}: actor {r['name']!r}: affiliation must be a string")
        out.append({"name": r["name"].strip(), "kind": kind, "aliases": [a.strip() for a in aliases if a.strip()], "affiliation": aff or None})
    return out


def _coerce_overrides(overrides: Any) -> list[dict[str, Any]]:
    if overrides is None:
        return []
    if isinstance(overrides, (str, Path)):
        return load_actor_file(overrides)
    return parse_overrides(overrides)


# --------------------------------------------------------------------------- finding


class _Draft:
    """An actor under construction."""

    __slots__ = ("key", "name", "kind", "forms", "mentions", "aff_votes", "aff_units", "plural")

    def __init__(self, key: str, name: str, kind: str, plural: bool = False):
        self.key = key
        self.name = name
        self.kind = kind
        self.forms: Counter[str] = Counter()
        self.mentions: list[Mention] = []
        self.aff_votes: Counter[str] = Counter()
        self.aff_units: Counter[str] = Counter()
        self.plural = plural


def _trim(doc, i: int, j: int) -> tuple[int, int]:
    """Trim determiners, punctuation, whitespace and possessive marks from token range [i, j)."""
    while i < j and (doc[i].is_space or doc[i].is_punct or doc[i].lower_ in _DETERMINERS):
        i += 1
    while j > i and (doc[j - 1].is_space or doc[j - 1].is_punct or doc[j - 1].text in _POSS_MARKS):
        j -= 1
    return i, j


def _is_possessive(doc, head: int) -> bool:
    t = doc[head]
    if t.dep_ == "poss":
        return True
    nxt = doc[head + 1] if head + 1 < len(doc) else None
    return bool(nxt is not None and nxt.text in _POSS_MARKS)


def find(parsed, *, overrides: Any = None) -> ActorSet:
    """Find the actors of a parsed article and merge their mentions.

    ``overrides`` is the content of an event's actors.toml (see
    :func:`load_actor_file`; a path is accepted too) or None. Returns an
    :class:`ActorSet`, most mentioned actor first.
    """
    doc = parsed.doc
    text = parsed.article.text
    tables = _tables()
    phrases = _phrase_table()
    ovs = _coerce_overrides(overrides)

    drafts: dict[str, _Draft] = {}
    taken = [False] * len(doc)  # tokens already inside a named mention of the same kind of rule
    # token index -> (draft key) for country mentions, used to find modifiers of units / persons
    country_at: dict[int, str] = {}

    def draft(key: str, name: str, kind: str, plural: bool = False) -> _Draft:
        d = drafts.get(key)
        if d is None:
            d = drafts[key] = _Draft(key, name, kind, plural)
        return d

    def add(d: _Draft, i: int, j: int, rule: str, head: int | None = None, pronoun: bool = False) -> Mention | None:
        i, j = _trim(doc, i, j) if not pronoun else (i, j)
        if i >= j:
            return None
        s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        h = head if head is not None else doc[i:j].root.i
        m = Mention(s, e, text[s:e], h, rule, pronoun, _is_possessive(doc, h) if not pronoun else doc[i].lower_ in _POSSESSIVE_PRONOUNS)
        d.mentions.append(m)
        if not pronoun:
            d.forms[m.text] += 1
        return m

    ent_label = [""] * len(doc)
    for ent in doc.ents:
        for t in ent:
            ent_label[t.i] = ent.label_

    # 1. state names (lexicon), case-sensitive on token text
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        cands = phrases.get(tok.text)
        matched = False
        if cands and ent_label[i] != "PERSON":
            for toks, canon, is_cap in cands:
                k = len(toks)
                if tuple(t.text for t in doc[i : i + k]) != toks:
                    continue
                root = doc[i : i + k].root
                if is_cap:
                    if ent_label[i] in ("FAC", "ORG") or not (root.dep_ in ("nsubj", "nsubjpass", "poss", "agent") or _is_possessive(doc, root.i)):
                        continue
                d = draft("country:" + canon, canon, tables.country_kind.get(canon, "country"))
                add(d, i, i + k, "actors.state_name", head=root.i)
                for t in range(i, i + k):
                    taken[t] = True
                    country_at[t] = d.key
                i += k
                matched = True
                break
        if not matched:
            # hyphenated forms such as "anti-American", "US-backed" split into tokens; a token like "Iran-backed"
            if "-" in tok.text and not taken[i]:
                for part in tok.text.split("-"):
                    canon = tables.alias_to_country.get(part) if part[:1].isupper() else None
                    if canon:
                        off = tok.idx + tok.text.index(part)
                        d = draft("country:" + canon, canon, tables.country_kind.get(canon, "country"))
                        d.mentions.append(Mention(off, off + len(part), part, i, "actors.state_name"))
                        d.forms[part] += 1
                        country_at[i] = d.key
                        break
            i += 1

    # 2. units: institution / armed-body / group nouns
    unit_of_token: dict[int, str] = {}
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or taken[tok.i]:
            continue
        entry = tables.unit_nouns.get(tok.lemma_.lower()) or tables.unit_nouns.get(tok.lower_)
        if entry is None:
            continue
        ukind, canon = entry
        if tok.dep_ == "compound":  # "government forces": the head noun names the unit
            continue
        plural = tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("police", "people", "military")
        state_key = None
        lo = tok.i
        hi = tok.i + 1
        for ch in tok.children:
            if ch.i < tok.i and ch.dep_ in ("compound", "amod", "nmod", "poss") and ch.i in country_at:
                state_key = state_key or country_at[ch.i]
                lo = min(lo, ch.left_edge.i)
            elif ch.i > tok.i and ch.dep_ == "prep" and ch.lower_ == "of":
                objs = [g for g in ch.children if g.dep_ == "pobj"]
                if objs and objs[0].i in country_at and not any(c.dep_ == "conj" for c in objs[0].children):
                    state_key = state_key or country_at[objs[0].i]
                    if ch.i == tok.i + 1:
                        hi = max(hi, objs[0].right_edge.i + 1)
        if state_key is None:
            # unmodified: only plural group nouns and capitalised institutions
            if ukind == "group" and plural and canon not in ("people", "leaders", "allies"):
                key = "unit::" + canon
                name = canon
            elif ukind == "government" and tok.text[:1].isupper() and canon in ("parliament", "congress", "senate") and tok.i > 0 and not doc[tok.i - 1].is_sent_start is True:
                key = "unit::" + canon
                name = canon.capitalize()
            else:
                continue
            d = draft(key, name, "group" if ukind == "group" else "government", plural=True)
        else:
            state = drafts[state_key].name
            if canon in ("people",) and not plural:
                continue
            if canon == "forces" and tok.lemma_.lower() == "force" and not plural:
                continue
            key = f"unit:{state}:{canon}"
            d = drafts.get(key)
            if d is None:
                # the name: the trimmed surface text of the first mention, e.g. "Iraqi Parliament", "US forces"
                a, b = _trim(doc, lo, hi)
                surface = text[doc[a].idx : doc[b - 1].idx + len(doc[b - 1].text)]
                d = draft(key, surface, "group" if ukind == "group" else "government", plural=plural or ukind == "group")
            d.aff_votes[state] += 5
        add(d, lo, hi, "actors.unit", head=tok.i)
        unit_of_token[tok.i] = d.key

    # 3. named entities
    for ent in doc.ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        # split on an internal possessive: "Iran's Quds Force"
        start = ent.start
        for t in ent:
            if t.text in _POSS_MARKS and t.i > ent.start:
                start = t.i + 1
        i, j = _trim(doc, start, ent.end)
        if i >= j or any(taken[t] for t in range(i, j)) or any(t in unit_of_token for t in range(i, j)):
            continue
        words = [doc[t].text for t in range(i, j)]
        if any("/" in w for w in words):
            continue  # "Baghdadi/Soleimani": two names glued by a slash
        stripped = _strip_titles(words)
        if len(stripped) == len(words) and words and words[0].lower() in tables.titles and len(words) == 1:
            continue
        if all(w.lower() in tables.titles or not any(c.isalnum() for c in w) or "-" in w and all(p.lower() in tables.titles for p in w.split("-")) for w in words):
            continue  # a bare title tagged as an entity ("Major-General")
        label = ent.label_
        root = doc[i:j].root
        if label in ("NORP", "ORG") and root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.i >= j and all(doc[t].pos_ == "PROPN" and not taken[t] for t in range(j, root.head.i + 1)):
            j = root.head.i + 1  # "Communist Ghadar Party": the name continues past the entity
            words = [doc[t].text for t in range(i, j)]
            stripped = _strip_titles(words)
            label = "ORG"
        elif label == "NORP" and (root.pos_ == "ADJ" or root.dep_ in ("amod", "compound")):
            continue  # an adjective ("West Asian region") describes, it does not name an actor
        i = j - len(stripped)
        surface = text[doc[i].idx : doc[j - 1].idx + len(doc[j - 1].text)]
        if label == "PERSON":
            d = draft("person:" + surface, surface, "person")
        elif label == "ORG":
            d = draft("org:" + surface.lower(), surface, "organisation")
        elif label == "NORP":
            d = draft("group:" + surface.lower().rstrip("s"), surface, "group", plural=True)
        else:  # GPE not in the lexicon: a city or region; an actor only if it acts
            root = doc[i:j].root
            if root.dep_ not in ("nsubj", "nsubjpass", "agent"):
                continue
            d = draft("place:" + surface.lower(), surface, "government")
        m = add(d, i, j, "actors.entity")
        if m is not None:
            for t in range(i, j):
                taken[t] = True

    # 4. merge persons by surname, organisations by acronym, misfiled labels by name
    _merge_persons(drafts)
    _merge_headline_names(drafts, parsed.article.body_start)
    _merge_acronyms(drafts)

    # 5. proper nouns repeating a known surname / acronym that the NER missed
    key_by_word: dict[str, str] = {}
    for d in drafts.values():
        if d.kind == "person":
            for f in d.forms:
                toks = _strip_titles(_clean_tokens(f.split()))
                if toks:
                    key_by_word.setdefault(toks[-1], d.key)
        elif d.kind == "organisation":
            acr = _acronym(d.name)
            if len(acr) >= 3:
                key_by_word.setdefault(acr, d.key)
    for tok in doc:
        if (tok.pos_ == "PROPN" or tok.text.isupper()) and not taken[tok.i] and tok.text in key_by_word and tok.i not in country_at:
            d = drafts[key_by_word[tok.text]]
            add(d, tok.i, tok.i + 1, "actors.name_repeat", head=tok.i)
            taken[tok.i] = True

    # 6. overrides from the event file
    if ovs:
        drafts = _apply_overrides(drafts, ovs, parsed, taken)

    # 7. affiliation of persons and organisations from their own noun phrase
    token_owner: dict[int, str] = {}
    for d in drafts.values():
        for m in d.mentions:
            token_owner.setdefault(m.head, d.key)
    for d in drafts.values():
        if d.kind not in ("person", "organisation", "group"):
            continue
        for m in d.mentions:
            _vote_affiliation(doc, m, d, country_at, unit_of_token, drafts)

    # 8. pronouns
    _resolve_pronouns(parsed, drafts)

    return _finish(parsed, drafts, ovs)


def _merge_headline_names(drafts: dict[str, _Draft], body_start: int) -> None:
    """Headlines in title case glue words onto names ("Trump Opted", "Soleimani Strike Defied").

    A multi-word entity seen only in the headline that contains a word matching
    the surname of a person named in the body becomes a mention of that person
    (the span narrowed to the word).
    """
    if body_start <= 0:
        return
    body_persons: dict[str, _Draft] = {}
    for d in drafts.values():
        if d.kind == "person" and any(m.start >= body_start for m in d.mentions):
            toks = _strip_titles(_clean_tokens(d.name.split()))
            if toks:
                body_persons.setdefault(_surname_key(toks[-1]), d)
    for d in list(drafts.values()):
        if not d.mentions or any(m.start >= body_start for m in d.mentions) or len(d.name.split()) < 2:
            continue
        for m in list(d.mentions):
            off = m.start
            for w in m.text.split():
                t = body_persons.get(_surname_key(w.rstrip("’'s,:")))
                if t is not None and t is not d:
                    ws = m.text.index(w, off - m.start) + m.start
                    wt = w.rstrip(",:").removesuffix("'s").removesuffix("’s")
                    t.mentions.append(Mention(ws, ws + len(wt), wt, m.head, "actors.name_repeat"))
                    t.forms[wt] += 1
                    d.mentions.remove(m)
                    break
                off += len(w) + 1
        if not d.mentions:
            del drafts[d.key]


def _merge_persons(drafts: dict[str, _Draft]) -> None:
    persons = [d for d in drafts.values() if d.kind == "person"]
    by_surname: dict[str, list[_Draft]] = defaultdict(list)
    for d in persons:
        toks = _strip_titles(_clean_tokens(d.name.split()))
        if toks:
            by_surname[_surname_key(toks[-1])].append(d)
    # misfiled single-word GPE/ORG entities equal to a known surname ("Soleimani" tagged GPE)
    for d in list(drafts.values()):
        if d.kind in ("organisation", "government", "group") and d.key.split(":")[0] in ("place", "org", "group") and len(d.name.split()) == 1:
            sk = _surname_key(d.name)
            if sk in by_surname:
                by_surname[sk].append(d)
    for sk, group in by_surname.items():
        if len(group) < 2:
            continue
        # distinct first names -> different people; merge only when at most one distinct full name
        full = {" ".join(_strip_titles(_clean_tokens(d.name.split()))).lower() for d in group if d.kind == "person" and len(_strip_titles(_clean_tokens(d.name.split()))) > 1}
        firsts = {_skeleton(f.split()[0]) for f in full}
        if len(firsts) > 1:
            continue
        target = max(group, key=lambda d: (d.kind == "person", len(_strip_titles(_clean_tokens(d.name.split()))), len(d.mentions)))
        for d in group:
            if d is target:
                continue
            target.mentions.extend(d.mentions)
            target.forms.update(d.forms)
            target.aff_votes.update(d.aff_votes)
            del drafts[d.key]
        target.kind = "person"


def _merge_acronyms(drafts: dict[str, _Draft]) -> None:
    orgs = [d for d in drafts.values() if d.kind == "organisation"]
    long_by_acr = {}
    for d in orgs:
        acr = _acronym(d.name)
        if len(acr) >= 2 and len(d.name.split()) >= 2:
            long_by_acr.setdefault(acr, d)
    for d in orgs:
        if d.name.isupper() and d.name in long_by_acr and long_by_acr[d.name] is not d and d.key in drafts:
            t = long_by_acr[d.name]
            t.mentions.extend(d.mentions)
            t.forms.update(d.forms)
            del drafts[d.key]


def _apply_overrides(drafts: dict[str, _Draft], ovs: list[dict[str, Any]], parsed, taken: list[bool]) -> dict[str, _Draft]:
    text = parsed.article.text
    doc = parsed.doc
    out: dict[str, _Draft] = {}
    alias_owner: dict[str, int] = {}
    for k, o in enumerate(ovs):
        for a in (o["name"], *o["aliases"]):
            alias_owner.setdefault(_norm_key(a), k)
    ov_drafts: dict[int, _Draft] = {}

    def ov_draft(k: int) -> _Draft:
        if k not in ov_drafts:
            o = ovs[k]
            d = _Draft("override:" + o["name"], o["name"], o["kind"], plural=o["kind"] == "group")
            ov_drafts[k] = d
        return ov_drafts[k]

    for d in drafts.values():
        owners = Counter()
        for f, c in d.forms.items():
            k = alias_owner.get(_norm_key(f))
            if k is None:
                k = alias_owner.get(_norm_key(" ".join(_strip_titles(f.split()))))
            if k is not None:
                owners[k] += c
        if d.key.startswith("country:") and not owners:
            k = alias_owner.get(_norm_key(d.name))
            if k is not None:
                owners[k] += 1
        if owners:
            k = owners.most_common(1)[0][0]
            t = ov_draft(k)
            t.mentions.extend(d.mentions)
            t.forms.update(d.forms)
            t.aff_votes.update(d.aff_votes)
        else:
            out[d.key] = d
    # aliases present in the text but not found by the rules
    covered = sorted((m.start, m.end) for d in list(out.values()) + list(ov_drafts.values()) for m in d.mentions)
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
    for k, d in ov_drafts.items():
        o = ovs[k]
        if o["affiliation"]:
            d.aff_votes[o["affiliation"]] += 1000
        out[d.key] = d
    return out


def _vote_affiliation(doc, m: Mention, d: _Draft, country_at, unit_of_token, drafts) -> None:
    head = doc[m.head]
    # left modifiers inside the noun phrase (including the title chain "US President Donald Trump")
    lo = head.left_edge.i
    for t in range(lo, head.i):
        tok = doc[t]
        if t in country_at and tok.dep_ in ("compound", "amod", "nmod", "poss"):
            ck = country_at[t]
            if ck in drafts and drafts[ck].name != d.name:
                d.aff_votes[drafts[ck].name] += 1
    for ch in head.children:
        if ch.dep_ == "prep" and ch.lower_ == "of":
            for g in ch.children:
                if g.dep_ != "pobj":
                    continue
                if g.i in country_at and country_at[g.i] in drafts:
                    d.aff_votes[drafts[country_at[g.i]].name] += 1
                elif g.i in unit_of_token and unit_of_token[g.i] in drafts:
                    d.aff_units[unit_of_token[g.i]] += 1
        if ch.dep_ == "appos" and ch.i in country_at and country_at[ch.i] in drafts:
            d.aff_votes[drafts[country_at[ch.i]].name] += 1


_NOMINAL = ("NOUN", "PROPN")
_NOT_REFERENTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_REFLEXIVES = {"itself", "themselves", "himself", "herself"}
_ARG_DEPS = ("nsubj", "nsubjpass", "csubj", "dobj", "obj", "dative", "attr", "oprd")
# Lappin & Leass (1994) salience factors
_SAL_RECENCY, _SAL_SUBJECT, _SAL_EXISTENTIAL, _SAL_OBJECT, _SAL_OBLIQUE = 100, 80, 70, 50, 40
_SAL_HEAD, _SAL_NON_ADVERBIAL, _SAL_PARALLEL = 80, 50, 35
_SAL_LOCAL_SUBJECT, _SAL_SAME_CLAUSE = 200, 50  # additions of this project (see _resolve_pronouns)


def _embedded(t) -> bool:
    """Is token ``t`` inside another noun phrase ("the people of *Iran*", "*US* troops")?"""
    cur = t
    for _ in range(12):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("conj", "appos"):
            cur = cur.head
            continue
        if cur.dep_ in ("poss", "compound", "nmod", "amod") and cur.head.pos_ in _NOMINAL:
            return True
        if cur.dep_ == "pobj" and cur.head.dep_ == "prep" and cur.head.head.pos_ in _NOMINAL:
            return True
        return False
    return False


def _salience(t) -> tuple[float, str]:
    """Lappin & Leass salience of a noun phrase headed by ``t`` (before decay), and its grammatical role."""
    dep = t.dep_
    cur = t
    while dep in ("conj", "appos") and cur.head.i != cur.i:
        cur = cur.head
        dep = cur.dep_
    w = _SAL_RECENCY
    role = "other"
    if dep in ("nsubj", "nsubjpass", "csubj"):
        w += _SAL_SUBJECT + _SAL_NON_ADVERBIAL
        role = "subject"
    elif dep == "attr" and any(c.dep_ == "expl" for c in cur.head.children):
        w += _SAL_EXISTENTIAL + _SAL_NON_ADVERBIAL
    elif dep in ("dobj", "obj"):
        w += _SAL_OBJECT + _SAL_NON_ADVERBIAL
        role = "object"
    elif dep == "dative" or (dep == "pobj" and cur.head.dep_ in ("prep", "agent") and cur.head.head.pos_ in ("VERB", "AUX")):
        w += _SAL_OBLIQUE
    elif dep not in ("pobj",):
        w += _SAL_NON_ADVERBIAL
    if not _embedded(t):
        w += _SAL_HEAD
    return float(w), role


def _local_subject(tok):
    """The subject of the clause a pronoun sits in: the nearest verb above it and that verb's subject,
    explicit or understood (object control "pressurize Iran to give up its ...", subject control
    and coordination inherit the higher subject, a gerund under a noun takes the noun's possessor or
    "of" phrase: "the plans of the US for establishing its ...")."""
    cur = tok.head
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        cur = cur.head
    if cur.pos_ not in ("VERB", "AUX"):
        return None
    for _ in range(6):
        subs = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subs:
            return subs[0]
        h = cur.head
        if cur.dep_ == "xcomp" and h.pos_ in ("VERB", "AUX"):
            objs = [c for c in h.children if c.dep_ in ("dobj", "obj")]
            if objs:
                return objs[0]
            cur = h
        elif cur.dep_ in ("conj", "advcl") and h.pos_ in ("VERB", "AUX"):
            cur = h
        elif cur.dep_ in ("acl", "pcomp", "relcl") or (cur.dep_ == "pcomp" and h.dep_ == "prep"):
            noun = h.head if cur.dep_ == "pcomp" else h
            if noun.pos_ in _NOMINAL:
                for c in noun.children:
                    if c.dep_ == "poss":
                        return c
                    if c.dep_ == "prep" and c.lower_ == "of":
                        for g in c.children:
                            if g.dep_ == "pobj":
                                return g
                return None
            if noun.pos_ in ("VERB", "AUX"):
                cur = noun
                continue
            return None
        else:
            return None
    return None


def _resolve_pronouns(parsed, drafts: dict[str, _Draft]) -> None:
    """Resolve pronouns to actors with a reduced Lappin & Leass (1994) salience model (see the module docstring)."""
    doc = parsed.doc
    # outer actor mentions (a mention nested in a longer one, "Iran" in "the government of Iran", is not a referent)
    spans = sorted(((m.start, m.end, m.head, d) for d in drafts.values() for m in d.mentions), key=lambda x: (x[0], -x[1]))
    covered: set[int] = set()
    cands: list[tuple[int, int, object, str]] = []  # (char offset, head token, referent, slot set)
    outer_end = -1
    for s, e, h, d in spans:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            covered.update(range(sp.start, sp.end))
        if e <= outer_end:
            continue
        outer_end = max(outer_end, e)
        if d.kind == "person":
            slots = "person"
        elif d.plural or d.kind == "group":
            slots = "they"
        elif d.kind in ("government", "organisation"):
            slots = "it|they"  # collective bodies: "the parliament ... its/their"
        else:
            slots = "it"
        cands.append((s, h, d, slots))
    # every other noun phrase competes too, so a pronoun about a convoy or a plan is not forced onto an actor
    for t in doc:
        if t.pos_ not in _NOMINAL or t.i in covered or t.dep_ == "compound" or t.ent_type_ in _NOT_REFERENTS or t.is_stop:
            continue
        plural = t.tag_ in ("NNS", "NNPS")
        cands.append((t.idx, t.i, ("np", t.lemma_.lower(), plural), "they" if plural else "it"))
    cands.sort(key=lambda x: x[0])
    named_at = {h: ref for _o, h, ref, _s in cands}  # every candidate's head token, before or after the pronoun

    # discourse referent -> list of (sentence index, salience weight, role, char offset)
    history: dict[object, list[tuple[int, float, str, int, int]]] = defaultdict(list)  # (sentence, weight, role, offset, head)
    slots_of: dict[object, str] = {}
    ref_at: dict[int, object] = {}  # token index -> referent (mention heads and resolved pronouns)
    recent: dict[object, int] = {}  # referent -> sentence of its latest mention
    ci = 0
    for tok in doc:
        while ci < len(cands) and cands[ci][0] < tok.idx:
            off, h, ref, slots = cands[ci]
            w, role = _salience(doc[h])
            history[ref].append((parsed.sentence_index(off), w, role, off, h))
            recent[ref] = parsed.sentence_index(off)
            slots_of[ref] = slots
            ref_at.setdefault(h, ref)
            ci += 1
        low = tok.lower_
        if tok.pos_ != "PRON" and low not in _POSSESSIVE_PRONOUNS:
            continue
        if low in _PERSON_PRONOUNS:
            slot = "person"
        elif low in _IT_PRONOUNS:
            slot = "it"
            if tok.dep_ == "expl" or (low == "it" and tok.dep_ in ("nsubj", "nsubjpass") and (tok.head.lemma_ == "be" or any(c.dep_ in ("ccomp", "xcomp") and c.i > tok.head.i for c in tok.head.children) and tok.head.lemma_ in ("seem", "appear", "rule", "say", "believe", "expect", "report"))):
                continue
        elif low in _THEY_PRONOUNS:
            slot = "they"
        else:
            continue
        if parsed.in_quotes(Span(tok.idx, tok.idx + len(tok.text))):
            continue
        si = parsed.sentence_index(tok.idx)
        possessive = low in _POSSESSIVE_PRONOUNS
        p_w, p_role = _salience(tok)
        # binding: a plain pronoun argument is not its own verb's other argument ("Iran attacked it")
        coargs = set()
        if not possessive and low not in _REFLEXIVES and tok.dep_ in _ARG_DEPS:
            coargs = {c.i for c in tok.head.children if c.dep_ in _ARG_DEPS and c.i != tok.i}
            if tok.dep_ in ("nsubj", "nsubjpass"):
                # ... nor the object of a verb it is the understood subject of ("It built a coalition to attack Iran")
                stack = [c for c in tok.head.children if c.dep_ in ("xcomp", "advcl", "conj") and c.pos_ == "VERB"]
                while stack:
                    w = stack.pop()
                    if any(c.dep_ in ("nsubj", "nsubjpass") for c in w.children):
                        continue
                    coargs.update(c.i for c in w.children if c.dep_ in ("dobj", "obj"))
                    stack.extend(c for c in w.children if c.dep_ in ("xcomp", "advcl", "conj") and c.pos_ == "VERB")
        excluded = {named_at[i] for i in coargs if i in named_at}
        reflexive_subj = {c.i for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")} if low in _REFLEXIVES else set()
        local = _local_subject(tok) if possessive else None
        local_ref = ref_at.get(local.i) if local is not None else None
        clause = tok.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        clause_refs = {ref_at.get(c.i) for c in clause.children if c.i != tok.i} - {None}
        best, best_key = None, None
        for ref, rsi in recent.items():
            if rsi < si - _PRONOUN_WINDOW or slot not in slots_of[ref].split("|"):
                continue
            if ref.__class__ is tuple and slot == "person":
                continue
            score, last_role, last_off = 0.0, "", -1
            heads = set()
            for msi, w, role, off, mh in reversed(history[ref]):
                if msi < si - _PRONOUN_WINDOW:
                    break
                score += w * (0.5 ** (si - msi))
                if off > last_off:
                    last_off, last_role = off, role
                if msi == si:
                    heads.add(mh)
            if score <= 0:
                continue
            if heads & coargs or ref in excluded:
                continue
            if possessive and tok.head.i in heads:
                continue  # "its allies" is not its own antecedent
            if reflexive_subj and heads & reflexive_subj:
                score += 1000.0
            if p_role == "subject" and last_role == "subject":
                score += _SAL_PARALLEL
            if ref is local_ref:
                score += _SAL_LOCAL_SUBJECT
            elif ref in clause_refs:
                score += _SAL_SAME_CLAUSE
            key = (score, last_off)
            if best_key is None or key > best_key:
                best, best_key = ref, key
        if best is None:
            continue
        history[best].append((si, p_w, p_role, tok.idx, tok.i))
        recent[best] = si
        ref_at[tok.i] = best
        if best.__class__ is tuple:
            continue  # the pronoun refers to a thing, not an actor
        m = Mention(tok.idx, tok.idx + len(tok.text), tok.text, tok.i, "actors.pronoun", True, possessive)
        best.mentions.append(m)


def _finish(parsed, drafts: dict[str, _Draft], ovs) -> ActorSet:
    art = parsed.article
    headline = Span(0, art.body_start) if art.body_start > 0 else None
    first_par = None
    for p in parsed.paragraphs:
        if p.start >= art.body_start and len(p) > 80:
            first_par = p
            break
    actors = []
    # resolve unit-affiliations of persons to the unit's state
    for d in drafts.values():
        for uk, c in d.aff_units.items():
            u = drafts.get(uk)
            if u is not None and u.aff_votes:
                d.aff_votes[u.aff_votes.most_common(1)[0][0]] += c
    for d in drafts.values():
        ms = sorted(set(d.mentions), key=lambda m: (m.start, m.end))
        named = [m for m in ms if not m.pronoun]
        if not named:
            continue
        aff = None
        if d.aff_votes:
            aff = d.aff_votes.most_common(1)[0][0]
            if aff == d.name:
                aff = None
        name = d.name
        if d.kind == "person" and not d.key.startswith("override:"):
            # the fullest title-free form seen
            best = max(d.forms, key=lambda f: (f[:1].isupper(), len(_strip_titles(_clean_tokens(f.split()))), d.forms[f]))
            name = " ".join(_strip_titles(_clean_tokens(best.split())))
        aliases = sorted({f for f in d.forms if f != name}, key=lambda f: (-d.forms[f], f))
        sal = Salience(
            mentions=len(named),
            pronoun_mentions=len(ms) - len(named),
            in_headline=bool(headline and any(headline.contains(m.span) for m in named)),
            in_first_paragraph=bool(first_par and any(first_par.contains(m.span) for m in named)),
            first_offset=named[0].start,
        )
        actors.append(Actor(name, d.kind, tuple(aliases), tuple(ms), sal, aff))
    actors.sort(key=lambda a: (-a.salience.mentions, a.salience.first_offset))
    return ActorSet(tuple(actors), art.text)
