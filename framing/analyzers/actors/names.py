"""Name tables and name arithmetic of the actors analyzer.

:class:`Tables` holds what the lexicons say about names: state names, short
forms, demonyms and capitals (``lexicons/countries.tsv``), institution and group
nouns and personal titles (``lexicons/actor_nouns.tsv``). The helpers turn a
surface form into merge keys: determiners and possessive marks dropped
(:func:`clean_tokens`), titles stripped (:meth:`Tables.strip_titles`), a
consonant skeleton for transliteration variants (:func:`skeleton`).
:class:`NameIndex` maps a name string to an actor of one article (what
:meth:`framing.schema.sections.actors.Actors.resolve` calls).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from framing.nlp import get_nlp
from framing.resources.lexicons import Lexicon
from framing.schema.enums import ActorKind
from framing.schema.sections.actors import Actor

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


#: heads of an office written before a name that the lexicon files as groups, not titles ("Majority Leader")
_OFFICE_HEADS = frozenset({"leader", "chief", "head"})


@dataclass(frozen=True)
class Tables:
    """Name tables from the two lexicons (built once per pair of lexicon files, see :func:`tables`)."""

    alias_to_country: dict[str, str]  # alias/demonym text -> canonical name (case-sensitive keys, plus lowercase)
    capitals: dict[str, str]
    country_kind: dict[str, str]
    unit_nouns: dict[str, tuple[str, str]]  # lemma -> (kind, canonical)
    titles: frozenset[str]
    _phrases: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def strip_titles(self, toks: list[str]) -> list[str]:
        """Drop leading titles ("President", "Major-General", "of") from a name's tokens; the last token stays."""
        titles = self.titles
        out = list(toks)
        # an office named by capitalised words ending in a title or a capitalised leading noun, before a full name:
        # "Senate Democratic Leader Charles Schumer", "Quds Force Gen. Esmail Qaani" -> the name after it
        for k in range(len(out) - 2, 0, -1):
            w = out[k].lower().rstrip(",")
            if (w in titles or w.rstrip(".") in titles or w in _OFFICE_HEADS) and all(x[:1].isupper() for x in out[: k + 1]):
                out = out[k + 1:]
                break
        while len(out) > 1 and (out[0].lower().rstrip(",") in titles or out[0].lower() in ("of", "-")
                                or ("-" in out[0] and all(p.lower() in titles for p in out[0].split("-")))):
            out = out[1:]
        return out

    def phrases(self) -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
        """First token text -> [(token texts, canonical, is_capital)], longest first (tokenized like the articles)."""
        if not self._phrases:
            tokenizer = get_nlp().tokenizer
            table: dict[str, list] = defaultdict(list)
            for a, canon in self.alias_to_country.items():
                if a != a.lower():
                    toks = tuple(tok.text for tok in tokenizer(a))
                    table[toks[0]].append((toks, canon, False))
            for c, canon in self.capitals.items():
                toks = tuple(tok.text for tok in tokenizer(c))
                table[toks[0]].append((toks, canon, True))
            for k in table:
                table[k].sort(key=lambda x: -len(x[0]))
            self._phrases.update(table)
        return self._phrases


_TABLES: dict[tuple[str, str], Tables] = {}


def tables(countries: Lexicon, nouns: Lexicon) -> Tables:
    """The :class:`Tables` of the ``countries`` and ``actor_nouns`` lexicons (cached by their sha256)."""
    key = (countries.sha256, nouns.sha256)
    if key not in _TABLES:
        _TABLES[key] = _build(countries, nouns)
    return _TABLES[key]


def _build(countries: Lexicon, nouns: Lexicon) -> Tables:
    alias: dict[str, str] = {}
    capitals: dict[str, str] = {}
    kind: dict[str, str] = {}
    for e in countries:
        name = e["term"]
        kind[name] = e["kind"]
        for a in [name, *split_bar(e["aliases"]), *split_bar(e["demonyms"])]:
            alias[a] = name
            alias.setdefault(a.lower(), name)
        for c in split_bar(e["capitals"]):
            capitals[c] = name
    units = {}
    titles = set()
    for e in nouns:
        if e["kind"] == "title":
            titles.add(e["term"].lower())
        else:
            units[e["term"].lower()] = (e["kind"], e["canonical"] or e["term"])
    return Tables(alias, capitals, kind, units, frozenset(titles))


def split_bar(cell: str) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def clean_tokens(toks: list[str]) -> list[str]:
    """Drop leading determiners and a trailing possessive mark or punctuation from a name's tokens."""
    toks = [t for t in toks if t]
    while toks and toks[0].lower() in DETERMINERS:
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


def skeleton(word: str) -> str:
    """Consonant skeleton of a name, so transliteration variants meet: Soleimani/Suleimani, Qassem/Qasem/Qassim;
    a name with fewer than two consonants is its own key (lower case)."""
    k = word.lower().strip("’'.,")
    for p in ("al-", "el-", "bin-"):
        if k.startswith(p) and len(k) > len(p) + 2:
            k = k[len(p):]
    out: list[str] = []
    for ch in k:
        if ch.isalpha() and ch not in "aeiouy" and (not out or out[-1] != ch):
            out.append(ch)
    # one consonant says too little: "Lee" and "ally" (or "Li" and "Leo") would meet; short names match whole
    return "".join(out) if len(out) >= 2 else k


def surname_key(tok: str) -> str:
    return "~" + skeleton(tok)


def norm_key(text: str) -> str:
    toks = clean_tokens(text.split())
    return " ".join(toks).lower().replace("’", "'")


def acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


class NameIndex:
    """Maps a name string to one of an article's actors: names and aliases, then the title-free form, then a
    surname shared by exactly one person, then a state's other names from the lexicon. Pronouns are not resolved
    here (they need a position: use ``Actors.actor_at`` on the pronoun's span)."""

    def __init__(self, actors: Sequence[Actor], t: Tables) -> None:
        self._actors = tuple(actors)
        self._t = t

    @functools.cached_property
    def _index(self) -> dict[str, Actor]:
        idx: dict[str, Actor] = {}
        surnames: dict[str, set[int]] = defaultdict(set)
        for i, a in enumerate(self._actors):
            for n in (a.name, *a.aliases):
                k = norm_key(n)
                if k:
                    idx.setdefault(k, a)
            if a.kind == ActorKind.PERSON:
                for n in (a.name, *a.aliases):
                    toks = self._t.strip_titles(n.split())
                    if toks:
                        surnames[surname_key(toks[-1])].add(i)
        for k, ids in surnames.items():
            if len(ids) == 1 and k not in idx:
                idx[k] = self._actors[next(iter(ids))]
        return idx

    def _get(self, name: str) -> Actor | None:
        low = name.lower()
        return next((a for a in self._actors if a.name.lower() == low), None)

    def __call__(self, text: str) -> Actor | None:
        if not text or not text.strip():
            return None
        key = norm_key(text)
        if key in self._index:
            return self._index[key]
        toks = self._t.strip_titles(clean_tokens(text.split()))
        if not toks:
            return None
        k2 = norm_key(" ".join(toks))
        if k2 in self._index:
            return self._index[k2]
        sk = surname_key(toks[-1])
        if sk in self._index:
            return self._index[sk]
        t = self._t
        joined = " ".join(toks)
        country = t.alias_to_country.get(joined) or t.alias_to_country.get(joined.lower()) or t.capitals.get(joined)
        if country:
            return self._get(country)
        return None
