"""Lexicons are data: TSV files in ``lexicons/`` (shipped as ``framing.lexicons``).

Each file is UTF-8 with a ``# key: value`` header, then a header row, then one
entry per line::

    # name: reporting_verbs
    # version: 1.0.0
    # description: ...
    # source: written for this project
    # license: MIT
    # match: lemma
    # columns: term, class, weight, note
    term	class	weight	note
    say	neutral	0.0	default attribution verb

:func:`load` reads and validates a lexicon once (cached) and hashes its bytes;
:func:`digests` gives every lexicon's sha256 for ``Analysis.provenance``.
Errors name the file and line: ``lexicons/hedges.tsv:14: weight 'high' is not a
number in [-1, 1]``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from framing.errors import LexiconError

REQUIRED_KEYS = ("name", "version", "description", "source", "license", "match", "columns")
MATCH_MODES = ("lemma", "lower", "orth", "phrase", "pattern")
NUMERIC_COLUMNS = {"weight": (-1.0, 1.0), "strength": (0.0, 1.0), "agent": (-1.0, 1.0), "patient": (-1.0, 1.0)}


_BY_TERM: dict[tuple[str, str], dict[str, Mapping[str, Any]]] = {}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A validated lexicon: header ``meta``, ``columns``, ``entries`` (one dict per row), ``sha256`` of the file."""

    name: str
    meta: Mapping[str, str]
    columns: tuple[str, ...]
    entries: tuple[Mapping[str, Any], ...]
    sha256: str
    path: str

    @property
    def version(self) -> str:
        return self.meta["version"]

    @property
    def rule(self) -> str:
        """The rule id of a finding made with this lexicon, e.g. ``lexicon:loaded_terms@1.0.0``."""
        return f"lexicon:{self.name}@{self.version}"

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def by_term(self) -> dict[str, Mapping[str, Any]]:
        """Entries by lower-cased term (the first entry wins when a term has several senses); built once per file."""
        key = (self.name, self.sha256)
        table = _BY_TERM.get(key)
        if table is None:
            table = {}
            for e in self.entries:
                table.setdefault(e["term"].lower(), e)
            _BY_TERM[key] = table
        return table

    def lookup(self, term: str) -> Mapping[str, Any] | None:
        """The entry for ``term`` (case-insensitive), or None."""
        return self.by_term.get(term.lower())


def _files():
    return importlib.resources.files("framing.lexicons")


def names() -> list[str]:
    """Names of every shipped lexicon (file stems of ``lexicons/*.tsv``)."""
    return sorted(p.name[:-4] for p in _files().iterdir() if p.name.endswith(".tsv"))


def parse_tsv(raw: bytes, where: str) -> tuple[dict[str, str], tuple[str, ...], tuple[dict[str, Any], ...]]:
    """Parse and validate lexicon bytes; ``where`` names the file in error messages."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{where}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from exc
    meta: dict[str, str] = {}
    columns: tuple[str, ...] | None = None
    entries: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if columns is not None:
                continue  # a comment among the entries
            key, sep, value = line[1:].partition(":")
            if not sep:
                continue
            meta[key.strip().lower()] = value.strip()
            continue
        cells = line.split("\t")
        if columns is None:
            missing = [k for k in REQUIRED_KEYS if k not in meta]
            if missing:
                raise LexiconError(f"{where}: header lacks {', '.join(missing)}; every lexicon needs # {', '.join(REQUIRED_KEYS)}")
            declared = tuple(c.strip() for c in meta["columns"].split(","))
            columns = tuple(c.strip() for c in cells)
            if columns != declared:
                raise LexiconError(f"{where}:{n}: header row {list(columns)} differs from '# columns: {meta['columns']}'")
            if columns[0] != "term":
                raise LexiconError(f"{where}:{n}: the first column must be 'term', got {columns[0]!r}")
            if meta["match"] not in MATCH_MODES:
                raise LexiconError(f"{where}: match {meta['match']!r} is not one of {', '.join(MATCH_MODES)}")
            continue
        if len(cells) != len(columns):
            raise LexiconError(f"{where}:{n}: {len(cells)} cells, expected {len(columns)} ({', '.join(columns)}); separate cells with one tab")
        row: dict[str, Any] = {}
        for col, cell in zip(columns, cells):
            cell = cell.strip()
            if col in NUMERIC_COLUMNS:
                lo, hi = NUMERIC_COLUMNS[col]
                try:
                    val = float(cell)
                except ValueError:
                    raise LexiconError(f"{where}:{n}: {col} {cell!r} is not a number in [{lo:g}, {hi:g}]") from None
                if not (lo <= val <= hi):
                    raise LexiconError(f"{where}:{n}: {col} {cell!r} is not a number in [{lo:g}, {hi:g}]")
                row[col] = val
            else:
                row[col] = cell
        if not row["term"]:
            raise LexiconError(f"{where}:{n}: empty term")
        # A term may appear twice only with a different sense (category/class column), e.g. 'regime' as label and as euphemism.
        sense = row.get("category", row.get("class", ""))
        entry_key = (row["term"].lower(), sense)
        if entry_key in seen:
            raise LexiconError(f"{where}:{n}: duplicate entry {row['term']!r} (first on line {seen[entry_key]}); keep one")
        seen[entry_key] = n
        entries.append(row)
    if columns is None:
        raise LexiconError(f"{where}: no header row and no entries; see CONVENTIONS for the lexicon format")
    return meta, columns, tuple(entries)


@functools.cache
def load(name: str) -> Lexicon:
    """Load and validate ``lexicons/<name>.tsv`` (cached for the process)."""
    res = _files() / f"{name}.tsv"
    if not res.is_file():
        raise LexiconError(f"lexicons/{name}.tsv: no such lexicon; available: {', '.join(names()) or 'none'}")
    raw = res.read_bytes()
    where = f"lexicons/{name}.tsv"
    meta, columns, entries = parse_tsv(raw, where)
    if meta["name"] != name:
        raise LexiconError(f"{where}: header name {meta['name']!r} differs from the file name {name!r}")
    return Lexicon(name, meta, columns, entries, hashlib.sha256(raw).hexdigest(), where)


def digests() -> dict[str, str]:
    """sha256 of every shipped lexicon, by name (for provenance and cache keys); a copy of the per-process value
    (lexicons are loaded once per process too, see :func:`load`)."""
    return dict(_digests())


@functools.cache
def _digests() -> dict[str, str]:
    return {n: hashlib.sha256((_files() / f"{n}.tsv").read_bytes()).hexdigest() for n in names()}


# --------------------------------------------------------------------------- matching

#: Possessive determiners matched by the ``{poss}`` slot in a term ("bring to {poss} knees").
POSSESSIVES = frozenset({"my", "your", "his", "her", "its", "our", "their", "one's"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
_TERM_WORDS = re.compile(r"\{poss\}|[^\s\-\u2010\u2011]+|[\-\u2010\u2011]")


def term_words(term: str) -> tuple[str, ...]:
    """The words of a lexicon term as the matcher reads them (lower-cased; hyphens are words of their own)."""
    return tuple(w if w == "{poss}" else w.lower() for w in _TERM_WORDS.findall(term.strip()))


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A lexicon entry found in a token sequence: tokens ``[start, end)`` (token indices) and the entry."""

    start: int
    end: int
    entry: Mapping[str, Any]


class TermMatcher:
    """Lemma-aware, multi-word, whole-token matcher over a lexicon.

    A term's word matches a token when it equals the token's lower-case form
    **or** its lemma (so ``thug`` finds "thugs", ``lie through {poss} teeth``
    finds "lying through his teeth"); ``{poss}`` matches a possessive
    determiner; a hyphen is optional between words ("so-called" = "so called").
    Matches are whole tokens, so a term never matches inside another word.
    Overlaps are resolved leftmost-longest.

    Why not spaCy's ``Matcher``: it cannot say "LOWER = w OR LEMMA = w" in one
    token pattern, so every term would need one pattern per combination of
    word forms (2^n for n words); this trie over first words does the same job
    in one pass and needs no model to prepare the terms (the lexicon is matched
    against the tokens of the one parse that :mod:`framing.nlp` made).
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        index: dict[str, list[tuple[tuple[str, ...], Mapping[str, Any]]]] = {}
        for entry in lexicon.entries:
            words = term_words(entry["term"])
            if not words:
                continue
            index.setdefault(words[0], []).append((words, entry))
        for cands in index.values():
            cands.sort(key=lambda c: -len(c[0]))
        self._index = index

    def _match_at(self, lower: list[str], lemma: list[str], i: int, words: tuple[str, ...], limit: int) -> int:
        j = i
        k = 0
        while k < len(words):
            if j >= limit:
                return -1
            w = words[k]
            if w in _HYPHENS:
                if lower[j] in _HYPHENS:
                    j += 1
                k += 1
                continue
            if k > 0 and lower[j] in _HYPHENS:
                j += 1
                continue
            if w == "{poss}":
                ok = lower[j] in POSSESSIVES
            else:
                ok = w == lower[j] or w == lemma[j]
            if not ok:
                return -1
            j += 1
            k += 1
        return j

    def match_lists(self, lower: list[str], lemma: list[str], start: int = 0, end: int | None = None) -> list[TermMatch]:
        """Match over parallel lists of lower-case forms and lemmas (token indices ``[start, end)``)."""
        end = len(lower) if end is None else end
        out: list[TermMatch] = []
        i = start
        index = self._index
        while i < end:
            best_j, best_entry = -1, None
            keys = (lower[i],) if lower[i] == lemma[i] else (lower[i], lemma[i])
            for key in keys:
                for words, entry in index.get(key, ()):
                    if best_j != -1 and len(words) <= best_j - i:
                        break
                    j = self._match_at(lower, lemma, i, words, end)
                    if j > best_j:
                        best_j, best_entry = j, entry
            if best_entry is not None:
                out.append(TermMatch(i, best_j, best_entry))
                i = best_j
            else:
                i += 1
        return out

    def __call__(self, tokens: Any) -> list[TermMatch]:
        """Match over a spaCy ``Doc`` or ``Span`` (token indices are relative to it)."""
        lower = [t.lower_ for t in tokens]
        lemma = [t.lemma_.lower() for t in tokens]
        return self.match_lists(lower, lemma)


@functools.cache
def matcher(name: str) -> TermMatcher:
    """A :class:`TermMatcher` over ``lexicons/<name>.tsv`` (built once per process)."""
    return TermMatcher(load(name))
