"""Sentences as structured facts: what the claims check reads from each sentence of each article.

One :class:`Fact` per parsed sentence (:meth:`framing.comparison.docs.Doc.sentences`):

* **predicates** — classes of what happened (``predicates.tsv``: attack, death, harm,
  deny, confirm, vote, threaten, sanction, deploy, mourn, crash, expel, protest, hack),
  read from word forms; ``report`` verbs mark the sentence as *attributed*;
* **participants** — names (capitalised words and acronyms mapped to their actor's
  canonical name through the analyses' actor aliases, demonyms to their country:
  Iranian -> iran), normalised numbers (digits and number words, "a dozen" = 12; not
  years, not days of a month);
* **casualty slot** — a count within six words of a death/injury/casualty word, with the
  names near it (who), or a negated one ("no one was harmed", "zero casualties");
* **flags** — evaluative (the analysis's loaded-language score of the sentence, author's
  voice, >= 0.5), inside a direct quote (the speaker's claim), a question, or page furniture
  (:mod:`framing.nlp.furniture`: captions, credits, bylines, update lines, labels) —
  furniture never becomes a claim, a fact or a match.

Keys: ``(predicate class, participant)`` pairs, the entries of the inverted index
the claims check and the omitted-facts search look candidates up in.
Known limits: surface forms, not a dependency parse (the comparison never parses);
a sentence with two events carries both predicate classes; names are matched
through aliases and a demonym rule only.
"""

from __future__ import annotations

import functools
import importlib.resources
import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from framing.comparison.docs import Doc
from framing.comparison.matrix import actor_keys
from framing.comparison.text import ABBREVIATIONS, norm_name, stopwords
from framing.nlp.furniture import dateline_end
from framing.resources import lexicons
from framing.schema import actor_cards

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
_CAP = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][a-zA-Z’'\-]+(?:\s+[A-Z][a-zA-Z’'\-]+)*")
_WORD = re.compile(r"[A-Za-z]+|\d[\d,.]*")
_CASUALTY = ("killed", "injured", "casualty")
_NEG_BEFORE = frozenset({"not", "no", "never", "nobody", "none", "zero", "without"})
_DOZEN = {"dozen": 12, "dozens": 24}
CASUALTY_WINDOW = 6
SKELETON_MIN = 6
EVALUATIVE_SCORE = 0.5


@functools.cache
def cue_table() -> dict[str, tuple[str, str]]:
    """claim_cues.tsv: lowercased term -> (class, value)."""
    return {e["term"].lower(): (e["class"], e["value"]) for e in lexicons.load("claim_cues").entries}


@functools.cache
def predicate_table() -> dict[str, str]:
    """predicates.tsv (next to this module): lowercased word form -> predicate class."""
    raw = importlib.resources.files("framing.comparison").joinpath("predicates.tsv").read_bytes()
    _, _, entries = lexicons.parse_tsv(raw, "framing/comparison/predicates.tsv")
    return {e["term"].lower(): e["class"] for e in entries}


@dataclass(slots=True)
class Fact:
    """One sentence of one article as a structured fact (see the module docstring)."""

    doc: Doc
    i: int
    start: int
    end: int
    numbers: set[int]
    entities: set[str]
    preds: set[str]
    casualty: dict[str, Any] | None
    negated_casualty: bool
    attributed: bool
    in_quote: bool
    furniture: bool
    question: bool
    checkable: list[str] = field(default_factory=list)
    evaluative: bool = False  # the author's own loaded-language score >= EVALUATIVE_SCORE: a judgement more than a report

    @property
    def quote(self) -> str:
        return self.doc.text[self.start : self.end]

    @property
    def keys(self) -> set[tuple[str, str]]:
        """``(predicate class, participant)`` pairs: the inverted-index entries of this fact."""
        return {(p, e) for p in self.preds for e in self.entities}

    @property
    def judged(self) -> bool:
        """A claim the check judges: checkable, in the outlet's own voice (not a direct quote), not furniture or a question."""
        return bool(self.checkable) and not (self.in_quote or self.furniture or self.question)


# ----------------------------------------------------------------------------- participants


class AliasMap(dict):
    """Lowercased alias -> canonical name, with memos of :func:`entity` results and of the participants of each
    capitalised run of words (the same words and names recur in every peer; the memos live as long as the map,
    i.e. one comparison, and never hold a sentence)."""

    def __init__(self) -> None:
        super().__init__()
        self.memo: dict[str, str] = {}
        self.caps: dict[str, tuple[str, ...]] = {}


def alias_map(docs: Sequence[Doc]) -> AliasMap:
    """Lowercased alias -> canonical actor name, from every analysis's actors; then capitalised words seen mid-sentence."""
    amap = AliasMap()
    for d in docs:
        for a in actor_cards(d.data):
            if not isinstance(a, Mapping) or not a.get("name"):
                continue
            name, keys = actor_keys(a)
            for k in keys:
                amap.setdefault(k, name)
                amap.setdefault("=" + k, name)  # marks an actor's alias (not just a capitalised word seen)
            last = norm_name(str(a["name"])).split()
            if len(last) > 1 and len(last[-1]) >= 4:  # "Abu Mahdi al-Muhandis" is also "al-Muhandis"
                amap.setdefault(last[-1], name)
                amap.setdefault("=" + last[-1], name)
    for d in docs:  # capitalised single words seen mid-sentence, to confirm demonym stems
        for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b", d.text):
            amap.setdefault(m.group().lower(), m.group().lower())
    for k, v in list(amap.items()):  # one spelling key per long actor name: Soleimani / Suleimani, Qassem / Qasem
        if k.startswith("=") and len(k) > SKELETON_MIN and " " not in k and len(skeleton(k[1:])) >= SKELETON_MIN - 2:
            amap.setdefault("~" + skeleton(k[1:]), v)
    return amap


def skeleton(word: str) -> str:
    """A transliteration key for a long name: lowercase consonants, doubled letters collapsed (suleimani, soleimani -> slmn)."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy'’\-]", "", word.lower()))


def entity(word: str, amap: Mapping[str, str]) -> str:
    """Canonical form of a name: the actor it is an alias of, else its demonym's country if known (Iranian -> iran)."""
    memo = getattr(amap, "memo", None)
    if memo is None:
        return _entity(word, amap)
    out = memo.get(word)
    if out is None:
        out = memo[word] = _entity(word, amap)
    return out


def _entity(word: str, amap: Mapping[str, str]) -> str:
    w = norm_name(word)
    if w in amap:
        return amap[w]
    if len(w) >= SKELETON_MIN and " " not in w and "~" + skeleton(w) in amap:
        return amap["~" + skeleton(w)]
    for suf, rep in (("ians", ""), ("ian", ""), ("ans", "a"), ("an", "a"), ("is", ""), ("i", ""), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: len(w) - len(suf)] + rep
            if stem in amap:
                return amap[stem]
    return w


def _keep_cap(part: str, stop: frozenset[str], cues: Mapping[str, Any], preds: Mapping[str, str]) -> bool:
    """A capitalised word that names something: acronyms always (US), other words unless stop words, cues, predicates or dates."""
    bare = part.replace(".", "")
    if len(bare) >= 2 and bare.isupper():
        return True
    low = norm_name(part).rstrip(".")
    return low not in ABBREVIATIONS and low not in stop and low not in cues and low not in preds and low not in _MONTHS and low not in _WEEKDAYS


def _known(part: str, amap: Mapping[str, str]) -> bool:
    """An actor's alias (or its spelling key), or an acronym."""
    w = norm_name(part)
    return ("=" + w) in amap or part.replace(".", "").isupper() or (len(w) >= SKELETON_MIN and "~" + skeleton(w) in amap)


def entities(text: str, amap: Mapping[str, str]) -> set[str]:
    """Canonical participant names in ``text`` (multi-word names and each of their words)."""
    memo: dict[str, tuple[str, ...]] | None = getattr(amap, "caps", None)
    out: set[str] = set()
    for m in _CAP.finditer(text):
        run = m.group()
        ents = memo.get(run) if memo is not None else None
        if ents is None:
            ents = _run_entities(run, amap)
            if memo is not None:
                memo[run] = ents
        out.update(ents)
    return out


def _run_entities(run: str, amap: Mapping[str, str]) -> tuple[str, ...]:
    """The participants one capitalised run of words contributes (a function of the run and the alias map only)."""
    stop, cues, preds = stopwords(), cue_table(), predicate_table()
    parts = [p for p in run.split() if _keep_cap(p, stop, cues, preds)]
    if not parts:
        return ()
    full = " ".join(parts)
    if len(parts) > 1 and norm_name(full) in amap:
        parts = [full]  # a known name: its parts (a title, a first name) are not participants of their own
    elif len(parts) > 1:
        known = [p for p in parts if _known(p, amap)]
        parts = known or parts[-1:]  # an unknown name: the actors named in it, else its last word (Greystone, al-Muhandis)
    out = []
    for part in parts:
        ent = entity(part, amap)
        if ent and len(ent) > 1 and (ent not in stop or part.replace(".", "").isupper()):
            out.append(ent)
    return tuple(out)


def numbers(words: list[str], lw: list[str]) -> dict[int, int]:
    """Word index -> count, for digits (not years, not dates) and number words; "no one" / "not one" is a negation."""
    cues = cue_table()
    out: dict[int, int] = {}
    for k, w in enumerate(words):
        if w[0].isdigit():
            raw = w.rstrip(".,").replace(",", "")
            if _YEAR.match(raw) or (k > 0 and lw[k - 1] in _MONTHS):
                continue
            try:
                val = float(raw)
            except ValueError:
                continue
            if val.is_integer():
                out[k] = int(val)
        elif lw[k] in _DOZEN:
            out[k] = _DOZEN[lw[k]]
        elif lw[k] in cues and cues[lw[k]][0] == "number":
            out[k] = int(cues[lw[k]][1])
    for k in list(out):
        if k > 0 and lw[k - 1] in ("no", "not") and not words[k][0].isdigit():
            del out[k]
    return out


def own_outlet(doc: Doc) -> set[str]:
    """The article's outlet name as a participant key (removed: "told CNN" does not make CNN a participant)."""
    return {norm_name(doc.outlet)} if doc.outlet else set()


def casualty(words: list[str], lw: list[str], cls: list[str], nums: Mapping[int, int], amap: Mapping[str, str],
             drop: set[str] | frozenset[str] = frozenset()) -> tuple[dict[str, Any] | None, bool]:
    """The sentence's casualty count (count, type, who) if a number sits within six words of a casualty word; and whether one is negated."""
    negated = False
    cas_idx = []
    for k, c in enumerate(cls):
        if c not in _CASUALTY:
            continue
        if any(cls[j] == "negation" or lw[j] in _NEG_BEFORE for j in range(max(0, k - 5), k)):
            negated = True  # "no casualties", "no Americans were harmed", "not hurt"
        else:
            cas_idx.append(k)
    if not (cas_idx and nums):
        return None, negated
    k_best, n_best = min(((k, n) for n in nums for k in cas_idx), key=lambda kn: abs(kn[0] - kn[1]))
    if abs(k_best - n_best) > CASUALTY_WINDOW or nums[n_best] <= 0:
        return None, negated
    lo, hi = sorted((k_best, n_best))
    near = " ".join(words[max(0, lo - 2) : hi + 4])
    return {"count": nums[n_best], "type": cls[k_best], "who": sorted(entities(near, amap) - drop)}, negated


# ----------------------------------------------------------------------------- one sentence


class Coverage:
    """Characters of ``[s, e)`` covered by a set of spans, summed over the spans (overlapping spans count twice).

    One prefix sum per article (numpy) instead of a scan of every span for every sentence:
    ``covered(s, e)`` equals ``sum(max(0, min(e, qe) - max(s, qs)) for qs, qe in spans)``.
    """

    def __init__(self, spans: Sequence[tuple[int, int]], n: int) -> None:
        import numpy as np  # lazy: heavy (numpy)

        ok = [(max(0, a), min(n, b)) for a, b in spans if min(n, b) > max(0, a)]
        if not ok:
            self.pre = None
            return
        diff = np.zeros(n + 1, dtype=np.int64)
        np.add.at(diff, [a for a, _ in ok], 1)
        np.add.at(diff, [b for _, b in ok], -1)
        self.pre = np.concatenate(([0], np.cumsum(np.cumsum(diff)[:n])))

    def covered(self, s: int, e: int) -> int:
        return int(self.pre[e] - self.pre[s]) if self.pre is not None and e > s else 0


_WORD_INFO: dict[str, tuple[str, str, str, bool]] = {}
_LOW, _CLS, _PRED, _NUMERIC = (operator.itemgetter(k) for k in range(4))
_CASUALTY_SET = frozenset(_CASUALTY)  # word form -> (lowercase, cue class, predicate class, may be a number)


def _word_info(w: str) -> tuple[str, str, str, bool]:
    """What :func:`fact` reads of one word form (memoised: word forms recur across sentences and articles)."""
    info = _WORD_INFO.get(w)
    if info is None:
        if len(_WORD_INFO) > 1 << 19:  # a bound for long-lived processes
            _WORD_INFO.clear()
        low = w.lower()
        cue = cue_table().get(low, ("", ""))[0]
        info = _WORD_INFO[w] = (low, cue, predicate_table().get(low, ""), w[0].isdigit() or low in _DOZEN or cue == "number")
    return info


def fact(doc: Doc, i: int, s: int, e: int, amap: Mapping[str, str], quotes: Sequence[tuple[int, int]] | Coverage,
         furniture: Sequence[tuple[int, int, str]] | Coverage, *, own: set[str] | None = None) -> Fact:
    """The :class:`Fact` of sentence ``i`` (``doc.text[s:e]``; a leading wire dateline is not part of the claim).

    ``quotes`` and ``furniture`` are the article's direct-quote and furniture spans (or their :class:`Coverage`);
    ``own`` is :func:`own_outlet` of ``doc`` when the caller has it. Each word form is looked up once per process
    (:func:`_word_info`); numbers and the casualty slot are read only from sentences with a number-like word or a
    casualty word (the others have none).
    """
    s += dateline_end(doc.text[s:e])
    text = doc.text[s:e]
    words = _WORD.findall(text)
    got = list(map(_WORD_INFO.get, words))
    infos = cast(list[tuple[str, str, str, bool]], [x or _word_info(w) for x, w in zip(got, words)] if None in got else got)
    lw = list(map(_LOW, infos))
    cls = list(map(_CLS, infos))
    nums = numbers(words, lw) if any(map(_NUMERIC, infos)) else {}
    if own is None:
        own = own_outlet(doc)
    ents = entities(text, amap) - own
    has_casualty = not _CASUALTY_SET.isdisjoint(cls)
    cas, negated = casualty(words, lw, cls, nums, amap, own) if has_casualty else (None, False)
    preds = set(map(_PRED, infos))
    preds.discard("")
    attributed = "report" in preds
    preds.discard("report")
    checkable = []
    if nums:
        checkable.append("number")
    if has_casualty:
        checkable.append("casualty")
    if (preds or "event" in cls) and ents:
        checkable.append("event")
    qcov = quotes if isinstance(quotes, Coverage) else Coverage(quotes, len(doc.text))
    fcov = furniture if isinstance(furniture, Coverage) else Coverage([(a, b) for a, b, _ in furniture], len(doc.text))
    qchars, fchars = qcov.covered(s, e), fcov.covered(s, e)
    return Fact(doc, i, s, e, set(nums.values()), ents, preds, cas, negated, attributed,
                qchars > 0.5 * (e - s), fchars > 0.5 * (e - s), text.rstrip("\"”’' )").endswith("?"), checkable)


def facts(doc: Doc, amap: Mapping[str, str]) -> list[Fact]:
    """One :class:`Fact` per sentence of ``doc``, in order."""
    n = len(doc.text)
    quotes = Coverage(doc.direct_quote_spans(), n)
    furn = Coverage([(a, b) for a, b, _ in doc.furniture()], n)
    scores = doc.loaded_scores()
    own = own_outlet(doc)
    out = []
    for i, (s, e) in enumerate(doc.sentences()):
        f = fact(doc, i, s, e, amap, quotes, furn, own=own)
        f.evaluative = scores.get((s, e), 0.0) >= EVALUATIVE_SCORE
        out.append(f)
    return out
