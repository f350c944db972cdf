"""Compare one article with other outlets' coverage of the same event.

:func:`compare` is a pure function: it never fetches and never parses. It takes
analyses (:class:`framing.pipeline.Analysis` objects or their dict form, e.g.
from the corpus store) and returns a :class:`Comparison`, whose ``to_dict()`` is
the JSON contract documented in ``/work/notes/comparison_contract.md`` (and in
the README's comparison section).

What it measures
----------------
* **Same story** (rule ``compare.same_story``): TF-IDF cosine (scikit-learn,
  English stop words, sublinear tf) of each peer to the centroid of the *other*
  peers, and of the target to the centroid of all peers, in [0, 1]. Peers below
  ``min_similarity`` are set aside and listed with their similarity.
* **Measures** (rule ``compare.measure``): loaded terms per 1,000 words in the
  author's voice, share of words inside direct quotes, distinct sources, share of
  named sources, anonymous and vague sources and unattributed claims per 1,000
  words. For each: the target's value, the peers' median, quartiles and IQR,
  the target's percentile among peers (ties count half) and the same by peer
  lean. Only peers with at least ``MIN_WORDS`` words that are not headline
  summaries enter the measures.
* **Word choice** (rule ``compare.fightin_words``): the log-odds ratio with an
  informative Dirichlet prior of Monroe, Colaresi & Quinn (2008), "Fightin'
  Words", section 3.5.3: for word w with counts y_t (target), y_p (pooled
  peers), totals n_t, n_p and prior alpha_w = alpha0 * (pooled rate of w)::

      delta_w = log((y_t + a_w) / (n_t + a0 - y_t - a_w)) - log((y_p + a_w) / (n_p + a0 - y_p - a_w))
      var_w   ~ 1 / (y_t + a_w) + 1 / (y_p + a_w)
      z_w     = delta_w / sqrt(var_w)

  Tokens are lowercased word forms (a regular expression, no second parse);
  acronyms keep their capitals without dots (U.S. -> US); stop words are
  scikit-learn's ENGLISH_STOP_WORDS.
* **Naming** (rule ``compare.naming``): counts of alternative names for the same
  referent (``lexicons/naming.tsv``: killing / assassination / strike; regime /
  government ...) per outlet, with spans. Whole words, optional plural s/es,
  longest match first, case-insensitive.
* **Stance matrix** (rule ``compare.stance_matrix``): actor x outlet, the
  author's-voice stance and the labels each outlet pins on each actor, actors
  matched across articles by canonical name and aliases.
* **Sourcing ledger** (rules ``compare.sources.target_only``,
  ``compare.sources.target_omits``): who each outlet quotes, share of voice,
  voices only the target uses and voices several peers quote but the target
  leaves out.
* **Claims** (rules ``compare.claim.uncorroborated``, ``compare.claim.contradicted``,
  ``compare.claim.omitted``): checkable sentences (a number, a casualty word or an
  event verb with a named entity; cues in ``lexicons/claim_cues.tsv``) aligned
  across articles by TF-IDF cosine over content words, with agreement of
  numbers and entities. A casualty count in the target contradicts a peer
  sentence that reports none (``no casualties``, ``no Americans were harmed``)
  in a passage about the same event (the peer sentence with its neighbours).

Known limits
------------
Sentence alignment is lexical: paraphrases with no shared content words are
missed (a fact may be reported by a peer in other words and still be listed as
uncorroborated). Entity matching relies on the actors' aliases from the
analyses plus a crude demonym rule (Iranian -> Iran). Headline-only peers carry
little evidence; they enter word choice and naming but not the measures.
Percentiles among few peers are coarse.
"""

from __future__ import annotations

from framing.schema import actor_cards

import logging
import math
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from framing import __version__
from framing.errors import InputError

log = logging.getLogger(__name__)

RULES: dict[str, str] = {
    "compare.same_story": "TF-IDF cosine to the peers' centroid; peers below the threshold are set aside as off-story",
    "compare.measure": "the target's value beside the peers' median, quartiles and its percentile among peers",
    "compare.fightin_words": "log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), target vs pooled peers",
    "compare.naming": "alternative names for the same referent (lexicons/naming.tsv), counted per outlet",
    "compare.stance_matrix": "author's-voice stance toward each actor per outlet, actors matched by name and aliases",
    "compare.sources.target_only": "a voice the target quotes that no peer quotes",
    "compare.sources.target_omits": "a voice several peers quote that the target does not",
    "compare.claim.uncorroborated": "a checkable sentence of the target that no peer sentence supports",
    "compare.claim.contradicted": "a casualty count in the target where peers report none (or a different count) for the same event",
    "compare.claim.omitted": "a checkable fact several peers report that the target does not",
}

MIN_WORDS = 150
DEFAULT_MIN_SIMILARITY = 0.05
TOP_TERMS = 25
MEASURES: dict[str, tuple[str, str]] = {
    "loaded_per_1000_author": ("Loaded terms per 1,000 words (author's voice)", "per 1,000 words"),
    "quoted_share": ("Share of words inside direct quotes", "share (0-1)"),
    "sources_distinct": ("Distinct sources quoted or cited", "count"),
    "named_source_share": ("Share of sources that are named", "share (0-1)"),
    "anonymous_per_1000": ("Anonymous sources per 1,000 words", "per 1,000 words"),
    "vague_per_1000": ("Vague attributions per 1,000 words", "per 1,000 words"),
    "unattributed_per_1000": ("Unattributed claims per 1,000 words", "per 1,000 words"),
}
UNNAMED_KINDS = {"anonymous", "vague", "vague_collective", "unknown", "none", ""}

# ----------------------------------------------------------------------------- text helpers

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,6}s?$")
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(]?[A-Z0-9])")
_ABBREV = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "sen", "rep", "gov", "st", "jr", "sr", "vs", "maj", "adm", "prof", "inc", "co"}
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}


def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _norm_token(tok: str) -> str:
    """Lowercase a token; acronyms keep capitals without dots (U.S. -> US); drop possessive 's."""
    if _ACRONYM.match(tok):
        t = tok.replace(".", "")
        return t[:-1] if len(t) > 2 and t.endswith("s") and t[:-1].isupper() else t
    t = tok.lower().replace("’", "'")
    if t.endswith("'s"):
        t = t[:-2]
    return t.strip("'-")


def tokens(text: str, *, content_only: bool = True) -> list[tuple[str, int, int]]:
    """``(term, start, end)`` for each word token of ``text``; stop words dropped when ``content_only``.

    Numbers are dropped (they are compared separately in claims). Acronyms in
    capitals are never stop words (US the country is not "us").
    """
    stop = _stopwords() if content_only else frozenset()
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if raw[0].isdigit():
            continue
        term = _norm_token(raw)
        if not term:
            continue
        if content_only and (term in stop or len(term) < 2) and not term.isupper():
            continue
        out.append((term, m.start(), m.end()))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Fallback sentence spans by regex (used when an analysis carries none).

    Splits at line breaks and after ``.``, ``!`` or ``?`` (with closing quotes)
    followed by a space, except after a single capital letter (``U.S.``) or a
    short title abbreviation (``Gen.``, ``Mr.``).
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        ls, seg = line.start(), line.group()
        start = 0
        for m in _BOUNDARY.finditer(seg):
            before = seg[start : m.start() + 1]
            last = re.search(r"([A-Za-z]+)\.$", before.rstrip("\"”’')]!?"))
            if last and (len(last.group(1)) == 1 or last.group(1).lower() in _ABBREV):
                continue
            spans.append((ls + start, ls + m.end()))
            start = m.end()
        spans.append((ls + start, ls + len(seg)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s > 1:
            out.append((s, e))
    return out


# ----------------------------------------------------------------------------- input normalisation


def _as_dict(obj: Any) -> dict[str, Any]:
    if hasattr(obj, "to_dict") and not isinstance(obj, Mapping):
        obj = obj.to_dict()
    if not isinstance(obj, Mapping) or not isinstance(obj.get("article"), Mapping) or not isinstance(obj["article"].get("text"), str):
        raise InputError(f"compare: expected an Analysis or an analysis dict with an article text, got {type(obj).__name__}; pass framing.analyze(article) results")
    return dict(obj)


@dataclass
class _Doc:
    """One article in a comparison (internal)."""

    id: str
    analysis: dict[str, Any]
    art: dict[str, Any] = field(init=False)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.art = self.analysis["article"]
        self.text = self.art["text"]

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.art.get("meta") or {})

    @property
    def outlet(self) -> str | None:
        return self.art.get("outlet") or self.meta.get("outlet_normalized") or self.meta.get("outlet")

    @property
    def lean(self) -> str | None:
        lean = (self.meta.get("lean") or "").strip().lower()
        return lean if lean in ("left", "center", "right") else (lean or None)

    @property
    def text_kind(self) -> str | None:
        return self.meta.get("text_kind")

    @property
    def word_count(self) -> int:
        wc = self.art.get("word_count")
        if isinstance(wc, int):
            return wc
        return len(self.text[int(self.art.get("body_start", 0)) :].split())

    @property
    def in_measures(self) -> bool:
        return self.word_count >= MIN_WORDS and self.text_kind != "headline_and_summary"

    def section(self, name: str) -> Any:
        return self.analysis.get(name)

    def card(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.art.get("title") or "",
            "outlet": self.outlet,
            "lean": self.lean,
            "url": self.art.get("url"),
            "published": self.art.get("published"),
            "word_count": self.word_count,
            "sha256": self.art.get("sha256") or "",
            "text_kind": self.text_kind,
        }

    def sentences(self) -> list[tuple[int, int]]:
        ll = self.section("loaded_language") or {}
        sents = [(int(s["start"]), int(s["end"])) for s in (ll.get("sentences") or []) if "start" in s and "end" in s]
        return sents or split_sentences(self.text)

    def direct_quote_spans(self) -> list[tuple[int, int]]:
        out = []
        for q in (self.section("attribution") or {}).get("quotes") or []:
            if q.get("type", "direct") != "direct":
                continue
            s, e = q.get("content_start"), q.get("content_end")
            if isinstance(s, int) and isinstance(e, int) and e > s:
                out.append((s, e))
        return out


def _peer_id(d: Mapping[str, Any], used: set[str]) -> str:
    """A peer's id: its corpus record id (meta ``record_id`` or ``id``), else the first 12 hex of its text sha256."""
    art = d["article"]
    meta = dict(art.get("meta") or {})
    base = str(meta.get("record_id") or meta.get("id") or "")
    if not base:
        import hashlib

        base = (art.get("sha256") or hashlib.sha256(art["text"].encode("utf-8")).hexdigest())[:12]
    pid, n = base, 2
    while pid in used or pid == "target":
        pid, n = f"{base}-{n}", n + 1
    used.add(pid)
    return pid


# ----------------------------------------------------------------------------- statistics


def _quantile(sorted_vals: Sequence[float], q: float) -> float:
    """Linear-interpolation quantile (numpy's default, 'linear')."""
    n = len(sorted_vals)
    if n == 1:
        return float(sorted_vals[0])
    pos = (n - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, n - 1)
    return float(sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (pos - lo))


def summarize(values: Iterable[float]) -> dict[str, Any]:
    """n, median, q1, q3, iqr, min, max of ``values`` (None entries dropped)."""
    vals = sorted(float(v) for v in values if v is not None)
    if not vals:
        return {"n": 0, "median": None, "q1": None, "q3": None, "iqr": None, "min": None, "max": None}
    q1, q3 = _quantile(vals, 0.25), _quantile(vals, 0.75)
    return {"n": len(vals), "median": float(statistics.median(vals)), "q1": q1, "q3": q3, "iqr": q3 - q1, "min": vals[0], "max": vals[-1]}


def percentile_of(value: float | None, values: Iterable[float]) -> float | None:
    """Share of ``values`` below ``value``, ties counting half, in [0, 100] (None when undefined)."""
    vals = [float(v) for v in values if v is not None]
    if value is None or not vals:
        return None
    below = sum(1 for v in vals if v < value)
    ties = sum(1 for v in vals if v == value)
    return 100.0 * (below + 0.5 * ties) / len(vals)


# ----------------------------------------------------------------------------- same story


def same_story(target_text: str, peer_texts: Sequence[str]) -> tuple[float, list[float]]:
    """TF-IDF cosine of the target to the peers' centroid, and of each peer to the other peers' centroid."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    import numpy as np

    if not peer_texts:
        return 0.0, []
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
    X = vec.fit_transform([target_text, *peer_texts])
    X = X.toarray()
    T, P = X[0], X[1:]
    total = P.sum(axis=0)

    def cos(a, b) -> float:
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        return float(a @ b / (na * nb)) if na and nb else 0.0

    t_sim = cos(T, total / len(P))
    p_sims = []
    for i in range(len(P)):
        others = total - P[i]
        p_sims.append(cos(P[i], others) if len(P) > 1 else 1.0)
    return t_sim, p_sims


# ----------------------------------------------------------------------------- measures


def _words_in(spans: list[tuple[int, int]], text: str) -> int:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return sum(len(text[s:e].split()) for s, e in merged)


def _voice_key(q: Mapping[str, Any]) -> str:
    actor = q.get("actor")
    if isinstance(actor, Mapping):
        actor = actor.get("name")
    name = actor or q.get("speaker") or ""
    return _norm_name(str(name))


def _norm_name(name: str) -> str:
    n = name.replace(".", "").replace("’", "'").strip().lower()
    n = re.sub(r"^(the|a|an)\s+", "", n)
    n = re.sub(r"'s$", "", n)
    return " ".join(n.split())


def _measures_of(doc: _Doc) -> dict[str, float | None]:
    ll = doc.section("loaded_language") or {}
    at = doc.section("attribution") or {}
    words = max(doc.word_count, 1)
    out: dict[str, float | None] = {}
    v = ll.get("per_1000_words_author")
    out["loaded_per_1000_author"] = float(v) if isinstance(v, (int, float)) else None
    if not at:
        for k in ("quoted_share", "sources_distinct", "named_source_share", "anonymous_per_1000", "vague_per_1000", "unattributed_per_1000"):
            out[k] = None
        return out
    out["quoted_share"] = min(1.0, _words_in(doc.direct_quote_spans(), doc.text) / words)
    kinds: dict[str, str] = {}
    for q in at.get("quotes") or []:
        key = _voice_key(q)
        if key:
            kinds.setdefault(key, str(q.get("speaker_kind") or ""))
    out["sources_distinct"] = float(len(kinds))
    out["named_source_share"] = (sum(1 for k in kinds.values() if k not in UNNAMED_KINDS) / len(kinds)) if kinds else None
    out["anonymous_per_1000"] = 1000.0 * len(at.get("anonymous_sources") or []) / words
    out["vague_per_1000"] = 1000.0 * len(at.get("vague_attributions") or []) / words
    out["unattributed_per_1000"] = 1000.0 * len(at.get("unattributed_claims") or []) / words
    return out


def _measures(target: _Doc, peers: list[_Doc]) -> dict[str, Any]:
    tvals = _measures_of(target)
    pvals = [(p, _measures_of(p)) for p in peers if p.in_measures]
    out: dict[str, Any] = {}
    for key, (label, unit) in MEASURES.items():
        values = [(p, m[key]) for p, m in pvals if m[key] is not None]
        nums = [v for _, v in values]
        summ = summarize(nums)
        t = tvals[key]
        by_lean = {}
        for lean in ("left", "center", "right"):
            lv = [v for p, v in values if p.lean == lean]
            if lv:
                s = summarize(lv)
                by_lean[lean] = {"n": s["n"], "median": s["median"], "q1": s["q1"], "q3": s["q3"], "percentile": percentile_of(t, lv)}
        med = summ["median"]
        out[key] = {
            "label": label,
            "unit": unit,
            "target": t,
            "peers": summ,
            "percentile": percentile_of(t, nums),
            "ratio_to_median": (t / med) if (t is not None and med) else None,
            "by_lean": by_lean,
            "values": [{"id": p.id, "outlet": p.outlet, "lean": p.lean, "value": v} for p, v in values],
        }
    return out


# ----------------------------------------------------------------------------- Fightin' Words


def fightin_words(
    counts_a: Mapping[str, int], counts_b: Mapping[str, int], *, alpha0: float | None = None, prior: Mapping[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """Log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 16-22).

    Returns ``{term: (delta, z)}``; positive z = more typical of ``a``. The prior
    is ``alpha_w = alpha0 * prior_w / sum(prior)``; by default ``prior`` is the
    pooled counts of a and b and ``alpha0 = n_a + n_b``, i.e. the prior counts
    are the pooled counts themselves, as Monroe et al. use the whole corpus's
    counts as the informative prior. This shrinks one-off words toward the
    pooled rate, so a word must recur to stand out.
    """
    n_a, n_b = sum(counts_a.values()), sum(counts_b.values())
    vocab = set(counts_a) | set(counts_b)
    if prior is None:
        prior = {w: counts_a.get(w, 0) + counts_b.get(w, 0) for w in vocab}
    p_total = float(sum(prior.get(w, 0) for w in vocab)) or 1.0
    if alpha0 is None:
        alpha0 = float(n_a + n_b) or 1.0
    out = {}
    for w in vocab:
        a_w = alpha0 * prior.get(w, 0) / p_total
        if a_w <= 0:
            continue
        ya, yb = counts_a.get(w, 0), counts_b.get(w, 0)
        delta = math.log((ya + a_w) / (n_a + alpha0 - ya - a_w)) - math.log((yb + a_w) / (n_b + alpha0 - yb - a_w))
        var = 1.0 / (ya + a_w) + 1.0 / (yb + a_w)
        out[w] = (delta, delta / math.sqrt(var))
    return out


def _distinctive_terms(target: _Doc, peers: list[_Doc], top: int = TOP_TERMS) -> dict[str, Any]:
    t_toks = tokens(target.text)
    p_toks = {p.id: tokens(p.text) for p in peers}
    ca = Counter(t for t, _, _ in t_toks)
    cb: Counter = Counter()
    for toks in p_toks.values():
        cb.update(t for t, _, _ in toks)
    n_a, n_b = sum(ca.values()), sum(cb.values())
    scores = fightin_words(ca, cb)

    def row(term: str) -> dict[str, Any]:
        delta, z = scores[term]
        return {
            "term": term,
            "z": round(z, 4),
            "delta": round(delta, 4),
            "count_target": ca.get(term, 0),
            "count_peers": cb.get(term, 0),
            "rate_target": ca.get(term, 0) / n_a if n_a else 0.0,
            "rate_peers": cb.get(term, 0) / n_b if n_b else 0.0,
        }

    ranked = sorted(scores, key=lambda w: (-scores[w][1], w))
    t_rows = []
    for w in ranked[:top]:
        if scores[w][1] <= 0:
            break
        r = row(w)
        r["examples"] = [{"start": s, "end": e, "quote": target.text[s:e]} for t, s, e in t_toks if t == w][:3]
        t_rows.append(r)
    p_rows = []
    by_id = {p.id: p for p in peers}
    for w in reversed(ranked[-top:]):
        if scores[w][1] >= 0:
            break
        r = row(w)
        ex = []
        for pid, toks in p_toks.items():
            for t, s, e in toks:
                if t == w:
                    ex.append({"text_id": pid, "outlet": by_id[pid].outlet, "start": s, "end": e, "quote": by_id[pid].text[s:e]})
                    break
            if len(ex) >= 3:
                break
        r["examples"] = ex
        p_rows.append(r)
    return {
        "method": "log_odds_informative_dirichlet_prior",
        "prior": f"pooled counts of target and peers (alpha0 = {n_a + n_b})",
        "tokenizer": "regex word forms, lowercased (acronyms kept in capitals), scikit-learn English stop words removed",
        "n_tokens_target": n_a,
        "n_tokens_peers": n_b,
        "target": t_rows,
        "peers": p_rows,
    }


# ----------------------------------------------------------------------------- naming


def _naming_patterns() -> list[tuple[str, str, re.Pattern]]:
    from framing import lexicon

    lex = lexicon.load("naming")
    pats = []
    for e in sorted(lex.entries, key=lambda e: -len(e["term"])):
        words = [re.escape(w) for w in e["term"].split()]
        body = r"[\s\-]+".join(words)
        pats.append((e["term"], e["referent"], re.compile(rf"(?<![\w\-]){body}(?:s|es)?(?![\w\-])", re.IGNORECASE)))
    return pats


def naming_hits(text: str) -> list[tuple[str, str, int, int]]:
    """``(term, referent, start, end)`` for every naming choice in ``text`` (longest match first, no overlaps)."""
    taken: list[tuple[int, int]] = []
    hits = []
    for term, ref, pat in _naming_patterns():
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            hits.append((term, ref, s, e))
    hits.sort(key=lambda h: h[2])
    return hits


def _naming(target: _Doc, peers: list[_Doc]) -> list[dict[str, Any]]:
    from framing import lexicon

    lex = lexicon.load("naming")
    refs: dict[str, list[str]] = defaultdict(list)
    for e in lex.entries:
        refs[e["referent"]].append(e["term"])
    t_hits = naming_hits(target.text)
    p_hits = {p.id: naming_hits(p.text) for p in peers}
    out = []
    for ref, terms in refs.items():
        th = [h for h in t_hits if h[1] == ref]
        t_counts = Counter(h[0] for h in th)
        by_outlet = []
        total: Counter = Counter()
        for p in peers:
            ph = [h for h in p_hits[p.id] if h[1] == ref]
            if not ph:
                continue
            c = Counter(h[0] for h in ph)
            total.update(c)
            by_outlet.append({
                "id": p.id, "outlet": p.outlet, "lean": p.lean, "counts": dict(c),
                "examples": [{"text_id": p.id, "term": t, "start": s, "end": e, "quote": p.text[s:e]} for t, _, s, e in ph[:3]],
            })
        if not th and not by_outlet:
            continue
        out.append({
            "referent": ref,
            "terms": terms,
            "target": {"counts": dict(t_counts), "examples": [{"term": t, "start": s, "end": e, "quote": target.text[s:e]} for t, _, s, e in th]},
            "by_outlet": by_outlet,
            "peers_total": dict(total.most_common()),
        })
    return out


# ----------------------------------------------------------------------------- stance matrix


def _num(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, Mapping):
        return _num(v.get("value"))
    return None


def _labels(actor: Mapping[str, Any]) -> list[str]:
    out = []
    for lab in actor.get("labels") or []:
        if isinstance(lab, str):
            out.append(lab)
        elif isinstance(lab, Mapping):
            if lab.get("voice") not in (None, "author"):
                continue
            s = lab.get("label") or lab.get("term") or lab.get("quote") or lab.get("text")
            if s:
                out.append(str(s))
    seen, uniq = set(), []
    for s in out:
        if s.lower() not in seen:
            seen.add(s.lower())
            uniq.append(s)
    return uniq


def _actor_keys(actor: Mapping[str, Any]) -> tuple[str, set[str]]:
    name = _norm_name(str(actor.get("name") or ""))
    keys = {name} | {_norm_name(str(a)) for a in actor.get("aliases") or [] if a}
    keys.discard("")
    return name, keys


class _ActorIndex:
    """Match actors across articles: by canonical name first, then by a name found among another's aliases."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.by_name: dict[str, int] = {}

    def find_or_add(self, actor: Mapping[str, Any]) -> int:
        name, keys = _actor_keys(actor)
        if not name:
            return -1
        if name in self.by_name:
            i = self.by_name[name]
        else:
            i = next((j for j, r in enumerate(self.rows) if name in r["keys"]), -1)
            if i < 0:
                i = next((j for j, r in enumerate(self.rows) if r["name_key"] in keys), -1)
            if i < 0:
                self.rows.append({"actor": actor.get("name"), "kind": actor.get("kind"), "name_key": name, "keys": set(), "aliases": [], "cells": {}})
                i = len(self.rows) - 1
            self.by_name[name] = i
        row = self.rows[i]
        row["keys"] |= keys
        for a in [actor.get("name"), *(actor.get("aliases") or [])]:
            if a and a not in row["aliases"] and a != row["actor"]:
                row["aliases"].append(a)
        return i


def _stance_matrix(target: _Doc, peers: list[_Doc], max_rows: int = 30) -> dict[str, Any]:
    idx = _ActorIndex()
    docs = [target, *peers]
    for d in docs:
        for a in actor_cards(d.analysis):
            if not isinstance(a, Mapping):
                continue
            i = idx.find_or_add(a)
            if i < 0:
                continue
            stance = _num(a.get("stance_author"))
            if stance is None:
                stance = _num(a.get("stance"))
            cell = idx.rows[i]["cells"].get(d.id)
            mentions = int(a.get("mentions") if isinstance(a.get("mentions"), int) else len(a.get("mentions") or []))
            new = {"stance": stance, "stance_label": a.get("stance_label"), "mentions": mentions, "labels": _labels(a)}
            if cell is None or mentions > cell["mentions"]:
                if cell is not None:
                    new["labels"] = list(dict.fromkeys(new["labels"] + cell["labels"]))
                idx.rows[i]["cells"][d.id] = new
    n_peers = len(peers)
    rows = []
    for r in idx.rows:
        in_target = "target" in r["cells"]
        peer_vals = [c["stance"] for k, c in r["cells"].items() if k != "target" and c["stance"] is not None]
        n = sum(1 for k in r["cells"] if k != "target")
        if not in_target and n < max(2, math.ceil(0.1 * n_peers)):
            continue
        rows.append({
            "actor": r["actor"], "kind": r["kind"], "aliases": r["aliases"], "cells": r["cells"],
            "peers_median": float(statistics.median(peer_vals)) if peer_vals else None, "n_peers": n,
        })
    rows.sort(key=lambda r: (-("target" in r["cells"]) * (r["cells"].get("target", {}).get("mentions", 0) > 0), -(r["n_peers"] + ("target" in r["cells"])), r["actor"] or ""))
    return {
        "columns": [{"id": d.id, "outlet": d.outlet, "lean": d.lean} for d in docs],
        "rows": rows[:max_rows],
    }


# ----------------------------------------------------------------------------- sourcing ledger


def _voices(doc: _Doc) -> list[dict[str, Any]]:
    at = doc.section("attribution") or {}
    agg: dict[str, dict[str, Any]] = {}
    total_words = 0
    for q in at.get("quotes") or []:
        key = _voice_key(q)
        if not key:
            continue
        actor = q.get("actor")
        if isinstance(actor, Mapping):
            actor = actor.get("name")
        s, e = q.get("content_start"), q.get("content_end")
        words = len(doc.text[s:e].split()) if isinstance(s, int) and isinstance(e, int) else 0
        total_words += words
        v = agg.setdefault(key, {"voice": actor or q.get("speaker"), "key": key, "kind": q.get("speaker_kind") or "", "quotes": 0, "words": 0, "cues": []})
        v["quotes"] += 1
        v["words"] += words
        cue = q.get("cue")
        if cue and cue not in v["cues"]:
            v["cues"].append(cue)
    for v in agg.values():
        v["share"] = v["words"] / total_words if total_words else 0.0
    return sorted(agg.values(), key=lambda v: (-v["words"], -v["quotes"], v["key"]))


def _same_voice(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if a["key"] == b["key"]:
        return True
    la, lb = a["key"].split()[-1], b["key"].split()[-1]
    person = {"person", "named_person"}
    return a["kind"] in person and b["kind"] in person and la == lb and len(la) > 2


def _sources(target: _Doc, peers: list[_Doc]) -> dict[str, Any]:
    docs = [target, *peers]
    voices = {d.id: _voices(d) for d in docs}
    by_outlet = []
    for d in docs:
        vs = voices[d.id]
        by_outlet.append({
            "id": d.id, "outlet": d.outlet, "lean": d.lean,
            "n_quotes": sum(v["quotes"] for v in vs), "words_quoted": sum(v["words"] for v in vs),
            "by_kind": dict(Counter(v["kind"] or "unknown" for v in vs)),
            "voices": [{k: v[k] for k in ("voice", "kind", "quotes", "words", "share", "cues")} for v in vs],
        })
    named = lambda v: (v["kind"] or "") not in UNNAMED_KINDS  # noqa: E731
    target_only = [
        {"voice": v["voice"], "kind": v["kind"], "quotes": v["quotes"], "rule": "compare.sources.target_only"}
        for v in voices[target.id]
        if named(v) and not any(_same_voice(v, w) for p in peers for w in voices[p.id])
    ]
    clusters: list[dict[str, Any]] = []
    for p in peers:
        for v in voices[p.id]:
            if not named(v):
                continue
            c = next((c for c in clusters if _same_voice(c["rep"], v)), None)
            if c is None:
                c = {"rep": v, "peers": []}
                clusters.append(c)
            if p.id not in c["peers"]:
                c["peers"].append(p.id)
    n_full = sum(1 for p in peers if p.in_measures) or len(peers)
    need = max(2, math.ceil(0.1 * n_full))
    omits = [
        {"voice": c["rep"]["voice"], "kind": c["rep"]["kind"], "n_peers": len(c["peers"]), "peers": c["peers"], "rule": "compare.sources.target_omits"}
        for c in clusters
        if len(c["peers"]) >= need and not any(_same_voice(c["rep"], v) for v in voices[target.id])
    ]
    omits.sort(key=lambda c: (-c["n_peers"], str(c["voice"])))
    return {"by_outlet": by_outlet, "target_only": target_only, "target_omits": omits}


# ----------------------------------------------------------------------------- claims


@dataclass
class _Sent:
    doc: _Doc
    i: int  # index among the doc's sentences
    start: int
    end: int
    numbers: set[int]
    entities: set[str]
    casualty: dict[str, Any] | None
    negated_casualty: bool
    checkable: list[str]
    in_quote: bool

    @property
    def quote(self) -> str:
        return self.doc.text[self.start : self.end]


def _cue_table() -> dict[str, tuple[str, str]]:
    from framing import lexicon

    return {e["term"].lower(): (e["class"], e["value"]) for e in lexicon.load("claim_cues").entries}


def _alias_map(docs: Sequence[_Doc]) -> dict[str, str]:
    """Lowercased alias -> canonical actor name, from every analysis's actors."""
    amap: dict[str, str] = {}
    for d in docs:
        for a in actor_cards(d.analysis):
            if not isinstance(a, Mapping) or not a.get("name"):
                continue
            name, keys = _actor_keys(a)
            for k in keys:
                amap.setdefault(k, name)
    return amap


def _entity(word: str, amap: Mapping[str, str]) -> str:
    """Canonical form of a name: the actor it is an alias of, else its demonym's country if known (Iranian -> iran)."""
    w = _norm_name(word)
    if w in amap:
        return amap[w]
    for suf, rep in (("ians", ""), ("ian", ""), ("ans", "a"), ("an", "a"), ("is", ""), ("i", ""), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: len(w) - len(suf)] + rep
            if stem in amap:
                return amap[stem]
    return w


def _name_vocab(docs: Sequence[_Doc]) -> set[str]:
    """Lowercased capitalised single words seen in the texts (mid-sentence), to confirm demonym stems."""
    out = set()
    for d in docs:
        for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b", d.text):
            out.add(m.group().lower())
    return out


_NUM = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")
_CAP = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][a-zA-Z’'\-]+(?:\s+[A-Z][a-zA-Z’'\-]+)*")


def _keep_cap(part: str, stop, cues) -> bool:
    """A capitalised word that names something: acronyms always (US), other words unless stop words, cues or months."""
    bare = part.replace(".", "")
    if len(bare) >= 2 and bare.isupper():
        return True
    low = _norm_name(part)
    return low not in stop and low not in cues and low not in _MONTHS and low not in _WEEKDAYS


def _analyze_sentence(doc: _Doc, i: int, s: int, e: int, cues, amap, quotes) -> _Sent:
    text = doc.text[s:e]
    words = [(m.group(), m.start()) for m in re.finditer(r"[A-Za-z]+|\d[\d,.]*", text)]
    lw = [w.lower() for w, _ in words]
    numbers: dict[int, int] = {}  # word index -> value
    for k, (w, _) in enumerate(words):
        if w[0].isdigit():
            raw = w.rstrip(".,").replace(",", "")
            if _YEAR.match(raw) or (k > 0 and lw[k - 1] in _MONTHS):
                continue
            try:
                val = float(raw)
            except ValueError:
                continue
            if val.is_integer():
                numbers[k] = int(val)
        elif lw[k] in cues and cues[lw[k]][0] == "number":
            numbers[k] = int(cues[lw[k]][1])
    cls = [cues.get(w, ("", ""))[0] for w in lw]
    for k in list(numbers):  # "no one", "not one": a negation, not a count
        if k > 0 and lw[k - 1] in ("no", "not") and not words[k][0][0].isdigit():
            del numbers[k]
    entities = set()
    stop = _stopwords()
    for m in _CAP.finditer(text):
        parts = [p for p in m.group().split() if _keep_cap(p, stop, cues)]
        if not parts:
            continue
        for part in ([" ".join(parts)] if len(parts) > 1 else []) + parts:
            ent = _entity(part, amap)
            if ent and len(ent) > 1 and (ent not in stop or part.replace(".", "").isupper()):
                entities.add(ent)
    casualty = None
    negated = False
    cas_idx = []
    for k, c in enumerate(cls):
        if c not in ("killed", "injured", "casualty"):
            continue
        if any(cls[j] == "negation" or lw[j] == "not" for j in range(max(0, k - 5), k)):
            negated = True  # "no casualties", "no Americans were harmed", "not hurt"
        else:
            cas_idx.append(k)
    if cas_idx and numbers:
        k_best, n_best = min(((k, n) for n in numbers for k in cas_idx), key=lambda kn: abs(kn[0] - kn[1]))
        if abs(k_best - n_best) <= 6 and numbers[n_best] > 0:
            lo, hi = sorted((k_best, n_best))
            near = " ".join(w for w, _ in words[max(0, lo - 2) : hi + 4])
            who = set()
            for m in _CAP.finditer(near):
                for part in m.group().split():
                    if _keep_cap(part, stop, cues):
                        who.add(_entity(part, amap))
            casualty = {"count": numbers[n_best], "type": cls[k_best], "who": sorted(who)}
    cas_idx = [k for k, c in enumerate(cls) if c in ("killed", "injured", "casualty")]
    checkable = []
    if numbers:
        checkable.append("number")
    if cas_idx:
        checkable.append("casualty")
    if any(c == "event" for c in cls) and entities:
        checkable.append("event")
    qchars = sum(max(0, min(e, qe) - max(s, qs)) for qs, qe in quotes)
    return _Sent(doc, i, s, e, set(numbers.values()), entities, casualty, negated, checkable, qchars > 0.5 * (e - s))


def _claim_sentences(doc: _Doc, cues, amap) -> list[_Sent]:
    quotes = doc.direct_quote_spans()
    return [_analyze_sentence(doc, i, s, e, cues, amap, quotes) for i, (s, e) in enumerate(doc.sentences())]


def _claims(target: _Doc, peers: list[_Doc], *, support_sim: float = 0.3, related_sim: float = 0.15, max_items: int = 15) -> dict[str, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    import numpy as np

    cues = _cue_table()
    amap = _alias_map([target, *peers])
    for name in _name_vocab([target, *peers]):
        amap.setdefault(name, name)
    t_sents = _claim_sentences(target, cues, amap)
    p_sents: list[_Sent] = []
    p_by_doc: dict[str, list[_Sent]] = {}
    for p in peers:
        ss = _claim_sentences(p, cues, amap)
        p_by_doc[p.id] = ss
        p_sents.extend(ss)
    empty = {"uncorroborated": [], "contradicted": [], "omitted": []}
    if not t_sents or not p_sents:
        return empty

    def analyzer(text: str) -> list[str]:
        return [_entity(t, amap) if t[:1].isupper() else t for t, _, _ in tokens(text)]

    vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    all_sents = t_sents + p_sents
    try:
        X = vec.fit_transform([s.quote for s in all_sents])
    except ValueError:  # empty vocabulary
        return empty
    T, P = X[: len(t_sents)], X[len(t_sents) :]
    S = (T @ P.T).toarray()  # rows are L2-normalised by TfidfVectorizer
    # context windows: a peer sentence with its neighbours, for topical agreement
    ctx_texts = []
    for p in peers:
        ss = p_by_doc[p.id]
        for j, s in enumerate(ss):
            lo, hi = max(0, j - 1), min(len(ss), j + 2)
            ctx_texts.append(" ".join(x.quote for x in ss[lo:hi]))
    C = vec.transform(ctx_texts)
    S_ctx = (T @ C.T).toarray()

    def ev(j: int, sim: float, relation: str) -> dict[str, Any]:
        s = p_sents[j]
        return {"text_id": s.doc.id, "outlet": s.doc.outlet, "lean": s.doc.lean, "start": s.start, "end": s.end,
                "quote": s.quote, "similarity": round(float(sim), 4), "relation": relation}

    def supports(t: _Sent, ps: _Sent, sim: float) -> bool:
        if t.casualty and ps.negated_casualty:
            return False
        tn = {n for n in t.numbers if n > 1}  # "one of the ..." is not a count
        if tn and not tn <= ps.numbers:
            return False
        shared = t.entities & ps.entities
        if sim >= support_sim:
            return bool(shared) or not t.entities or not ps.entities
        # a paraphrase: weaker wording overlap, but the same figures or several of the same names
        return sim >= 0.6 * support_sim and (bool(tn) or len(shared) >= 2)

    def contradicts(t: _Sent, ps: _Sent, ctx_sim: float, sent_sim: float) -> bool:
        if not t.casualty or ctx_sim < related_sim:
            return False
        who = set(t.casualty["who"])
        compatible = not who or bool(who & _sent_ctx_entities(ps)) or ctx_sim >= 2 * related_sim
        if ps.negated_casualty and not ps.casualty and compatible:
            return True
        if ps.casualty and ps.casualty["type"] == t.casualty["type"] and ps.casualty["count"] != t.casualty["count"]:
            return compatible and bool(set(ps.casualty["who"]) & who) and sent_sim >= support_sim
        return False

    def _sent_ctx_entities(ps: _Sent) -> set[str]:
        ss = p_by_doc[ps.doc.id]
        out: set[str] = set()
        for x in ss[max(0, ps.i - 1) : ps.i + 2]:
            out |= x.entities
        return out

    uncorroborated, contradicted = [], []
    for i, t in enumerate(t_sents):
        if not t.checkable or t.in_quote:
            continue
        S_row = S[i]
        support = [j for j in np.argsort(-S_row)[:50] if supports(t, p_sents[j], S_row[j])]
        contra = []
        if t.casualty:
            for j in np.argsort(-S_ctx[i]):
                if S_ctx[i][j] < related_sim:
                    break
                if contradicts(t, p_sents[j], S_ctx[i][j], S_row[j]):
                    contra.append(j)
        base = {"start": t.start, "end": t.end, "quote": t.quote, "checkable": t.checkable,
                "numbers": sorted(str(n) for n in t.numbers), "entities": sorted(t.entities), "casualty": t.casualty}
        if contra and len(contra) > len(support):
            seen_docs, evid = set(), []
            for j in contra:
                if p_sents[j].doc.id in seen_docs:
                    continue
                seen_docs.add(p_sents[j].doc.id)
                evid.append(ev(j, S_ctx[i][j], "contradicts"))
            n_docs = len(seen_docs)
            c = t.casualty
            contradicted.append({**base, "rule": "compare.claim.contradicted", "n_peers": n_docs,
                                 "reason": f"the target reports {c['count']} {c['type']}{' (' + ', '.join(c['who']) + ')' if c['who'] else ''}; "
                                           f"{n_docs} peer(s) report none or a different count for the same event",
                                 "peer_evidence": evid[:5]})
        elif not support:
            closest = [j for j in np.argsort(-S_row)[:3] if S_row[j] > 0]
            strength = len(t.checkable) + (1 if t.casualty else 0)
            uncorroborated.append({**base, "rule": "compare.claim.uncorroborated", "n_peers": 0, "strength": strength,
                                   "reason": "no peer sentence reports it with the same numbers and entities",
                                   "peer_evidence": [ev(j, S_row[j], "related") for j in closest]})
    uncorroborated.sort(key=lambda c: (-c.pop("strength"), c["start"]))
    omitted = _omitted(target, peers, t_sents, p_sents, T, P, support_sim=support_sim, max_items=max_items)
    return {"uncorroborated": uncorroborated[: max_items * 2], "contradicted": contradicted, "omitted": omitted}


def _omitted(target, peers, t_sents, p_sents, T, P, *, support_sim: float, max_items: int) -> list[dict[str, Any]]:
    """Facts (checkable peer sentences) reported by several peers that no target sentence matches."""
    import numpy as np

    idx = [j for j, s in enumerate(p_sents) if s.checkable and not s.in_quote]
    if not idx:
        return []
    n_full = sum(1 for p in peers if p.in_measures) or len(peers)
    need = max(3, math.ceil(0.15 * n_full))
    Pi = P[idx]
    SS = (Pi @ Pi.T).toarray()
    TT = (Pi @ T.T).toarray() if T.shape[0] else np.zeros((len(idx), 0))
    docs = [p_sents[j].doc.id for j in idx]
    cands = []
    for a in range(len(idx)):
        sa = p_sents[idx[a]]
        sup_docs: dict[str, int] = {}
        for b in np.nonzero(SS[a] >= support_sim)[0]:
            if docs[b] == docs[a] or docs[b] in sup_docs:
                continue
            sb = p_sents[idx[b]]
            an = {n for n in sa.numbers if n > 1}
            if an and not an & sb.numbers:
                continue
            if sa.entities and not sa.entities & sb.entities:
                continue
            sup_docs[docs[b]] = b
        if len(sup_docs) + 1 < need:
            continue
        best_t = float(TT[a].max()) if TT.shape[1] else 0.0
        if best_t >= support_sim:
            continue
        if any(TT[a][i] >= 0.6 * support_sim and len(sa.entities & t_sents[i].entities) >= 2 for i in range(TT.shape[1])):
            continue  # the target reports it in other words
        cands.append((len(sup_docs) + 1, a, sup_docs, best_t))
    cands.sort(key=lambda c: (-c[0], c[1]))
    chosen: list[int] = []
    out = []
    for n, a, sup_docs, best_t in cands:
        if any(SS[a][c] >= support_sim for c in chosen):
            continue
        chosen.append(a)
        s = p_sents[idx[a]]
        ti = int(TT[a].argmax()) if TT.shape[1] else -1
        closest = None
        if ti >= 0 and TT[a][ti] > 0:
            t = t_sents[ti]
            closest = {"start": t.start, "end": t.end, "quote": t.quote, "similarity": round(float(TT[a][ti]), 4)}
        evid = []
        for pid, b in list(sup_docs.items())[:4]:
            sb = p_sents[idx[b]]
            evid.append({"text_id": pid, "outlet": sb.doc.outlet, "lean": sb.doc.lean, "start": sb.start, "end": sb.end,
                         "quote": sb.quote, "similarity": round(float(SS[a][b]), 4), "relation": "supports"})
        out.append({"text_id": s.doc.id, "outlet": s.doc.outlet, "lean": s.doc.lean, "start": s.start, "end": s.end, "quote": s.quote,
                    "rule": "compare.claim.omitted", "n_peers": n, "share_peers": round(n / max(len(peers), 1), 4),
                    "numbers": sorted(str(x) for x in s.numbers), "entities": sorted(s.entities),
                    "peer_evidence": evid, "closest_target": closest})
        if len(out) >= max_items:
            break
    return out


# ----------------------------------------------------------------------------- Comparison


@dataclass(frozen=True)
class Comparison:
    """A target article set against peers' coverage of the same event.

    Fields mirror the JSON contract (see the module docstring and
    ``Comparison.to_dict``); every span without ``text_id`` points into the
    target's ``article.text``, every span with ``text_id`` into that peer's text.
    """

    target: Mapping[str, Any]
    peers: tuple[Mapping[str, Any], ...]
    set_aside: tuple[Mapping[str, Any], ...]
    same_story: Mapping[str, Any]
    measures: Mapping[str, Any]
    distinctive_terms: Mapping[str, Any]
    naming: tuple[Mapping[str, Any], ...]
    stance_matrix: Mapping[str, Any]
    sources: Mapping[str, Any]
    claims: Mapping[str, Any]
    schema_version: str = ""
    framing_version: str = __version__

    KEYS = ("target", "peers", "set_aside", "same_story", "measures", "distinctive_terms", "naming", "stance_matrix", "sources", "claims")

    @property
    def target_analysis(self) -> Mapping[str, Any]:
        return self.target["analysis"]

    def to_dict(self) -> dict[str, Any]:
        from framing.schema import SCHEMA_VERSION

        d: dict[str, Any] = {"schema_version": self.schema_version or SCHEMA_VERSION, "framing_version": self.framing_version, "kind": "comparison"}
        for k in self.KEYS:
            v = getattr(self, k)
            d[k] = list(v) if isinstance(v, tuple) else v
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Comparison":
        if "comparison" in d and "target" not in d:
            d = d["comparison"]
        missing = [k for k in cls.KEYS if k not in d]
        if missing:
            raise InputError(f"not a comparison: missing {', '.join(missing)}; give the output of `framing compare --json`")
        kw = {k: (tuple(d[k]) if isinstance(d[k], list) else d[k]) for k in cls.KEYS}
        return cls(**kw, schema_version=d.get("schema_version", ""), framing_version=d.get("framing_version", __version__))

    def validate(self) -> list[str]:
        """Offset problems of the target's spans (peer spans carry ``text_id`` and are checked by :func:`validate_peers`)."""
        from framing.schema import validate

        d = {"article": self.target_analysis["article"]}
        for k in self.KEYS:
            if k != "target":
                d[k] = self.to_dict()[k]
        return validate(d)

    def validate_peers(self, peer_texts: Mapping[str, str]) -> list[str]:
        """Check every peer span (``text_id``) against ``peer_texts`` (id -> text)."""
        from framing.schema import walk as _walk

        problems = []
        for path, dd in _walk({k: self.to_dict()[k] for k in self.KEYS if k != "target"}):
            tid = dd.get("text_id")
            if tid in (None, "target") or tid not in peer_texts:
                continue
            text = peer_texts[tid]
            s, e = dd.get("start"), dd.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
                problems.append(f"{path}: [{s}, {e}) outside peer {tid}")
            elif "quote" in dd and dd["quote"] != text[s:e]:
                problems.append(f"{path}: quote differs from peer {tid} text[{s}:{e}]")
        return problems

    def _repr_html_(self) -> str:  # pragma: no cover - exercised by the notebooks
        try:
            from framing.report.notebook import comparison_html
        except ImportError:
            return _fallback_html(self)
        return comparison_html(self)


def _fallback_html(c: Comparison) -> str:
    import html

    rows = "".join(
        f"<tr><td>{html.escape(m['label'])}</td><td>{_fmt(m['target'])}</td><td>{_fmt(m['peers']['median'])}</td><td>{_fmt(m['percentile'])}</td></tr>"
        for m in c.measures.values()
    )
    t = c.target
    return (
        f"<div><b>{html.escape(t.get('title') or '')}</b> ({html.escape(str(t.get('outlet') or ''))}) against {len(c.peers)} peers"
        f"<table><tr><th>measure</th><th>target</th><th>peers' median</th><th>percentile</th></tr>{rows}</table></div>"
    )


def _fmt(v: Any) -> str:
    return "–" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))


def compare(target: Any, peers: Iterable[Any], *, min_similarity: float = DEFAULT_MIN_SIMILARITY) -> Comparison:
    """Set ``target`` against ``peers`` (Analysis objects or analysis dicts); see the module docstring.

    Pure: never fetches, never parses. Raises :class:`~framing.errors.InputError`
    when there are no peers or an input is not an analysis. A peer whose text is
    identical to the target's is dropped (it would compare the article with itself).
    """
    t = _Doc("target", _as_dict(target))
    used: set[str] = set()
    docs = []
    for p in peers:
        d = _as_dict(p)
        if d["article"]["text"] == t.text:
            log.info("compare: dropping a peer identical to the target")
            continue
        docs.append(_Doc(_peer_id(d, used), d))
    if not docs:
        raise InputError("compare: no peers to compare with; give PEER sources or --event NAME with articles in the corpus store")
    t_sim, p_sims = same_story(t.text, [d.text for d in docs])
    kept, set_aside, peer_cards = [], [], []
    for d, sim in zip(docs, p_sims):
        card = {**d.card(), "similarity": round(sim, 4), "in_measures": d.in_measures}
        if sim < min_similarity and len(docs) > 1:
            set_aside.append({**card, "reason": f"similarity {sim:.3f} to the peers' centroid < {min_similarity}", "rule": "compare.same_story"})
        else:
            kept.append(d)
            peer_cards.append(card)
    if not kept:
        raise InputError(f"compare: every peer was set aside as off-story (similarity < {min_similarity}); lower --min-similarity or choose other peers")
    log.info("compare: %d peers kept, %d set aside", len(kept), len(set_aside))
    target_card = {**t.card(), "similarity": round(t_sim, 4), "analysis": t.analysis}
    return Comparison(
        target=target_card,
        peers=tuple(peer_cards),
        set_aside=tuple(set_aside),
        same_story={"method": "tfidf_cosine_to_peer_centroid", "min_similarity": min_similarity, "target_similarity": round(t_sim, 4), "rule": "compare.same_story"},
        measures=_measures(t, kept),
        distinctive_terms=_distinctive_terms(t, kept),
        naming=tuple(_naming(t, kept)),
        stance_matrix=_stance_matrix(t, kept),
        sources=_sources(t, kept),
        claims=_claims(t, kept),
    )


class _CallableModule(__import__("types").ModuleType):
    """``framing.compare`` is both this module and the public function: calling the module calls :func:`compare`."""

    def __call__(self, *args: Any, **kwargs: Any) -> "Comparison":
        return compare(*args, **kwargs)


__import__("sys").modules[__name__].__class__ = _CallableModule
