"""``framing train loaded-spans``: the learned loaded-word detector, its article-grouped CV and its model card.

Training data (token labels; a candidate token is positive when it overlaps a marked span):

* BABE (``babe/dev.jsonl``): the ``biased_words`` of each biased sentence; non-biased sentences give negatives;
  biased sentences without marked words are left out;
* MBIC (``mbic/dev.jsonl``): the experts' biased words (``expert_sg1_biased_words``, else the crowd's) of the
  sentences not already in BABE;
* BASIL (``basil/dev.jsonl``): the ``lexical`` bias spans (informational spans mark content, not wording);
* PTC (``ptc/dev.jsonl``): the Loaded_Language and Name_Calling,Labeling spans.

Cross-validation: :class:`~sklearn.model_selection.GroupKFold` by source article (a BABE/MBIC link or article id,
a BASIL article, a PTC article), out-of-fold probabilities for every candidate token. Reported per dataset:
token-level precision / recall / F1 of the detector (at 0.5 and at the shipped threshold), of the lexicon alone
(a token inside a ``loaded_terms`` hit) and of their union; span-level (lenient overlap) precision and recall of
the detector. The shipped threshold is the lowest whose pooled out-of-fold token precision reaches
:data:`TARGET_PRECISION` (proposals are highlights; precision of what is shown beats recall); the card also
reports the figures at the threshold that maximises the F1 of lexicon and detector together (more recall, less
precision). Never imported by inference.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
import spacy
from sklearn.model_selection import GroupKFold

from framing.analyzers.loaded_language import rules as _rules
from framing.analyzers.loaded_language.spans import (
    MODEL_NAME,
    DocTokens,
    LoadedSpanTagger,
    doc_tokens,
    sentence_candidates,
)
from framing.errors import DataError
from framing.evaluate.metrics import prf
from framing.nlp import find_quotes, get_nlp, pipeline_meta
from framing.resources import lexicons
from framing.resources.models import load, models_dir
from framing.train.cards import artifact_entry, save_artifact, write_card
from framing.version import __version__

log = logging.getLogger(__name__)

PTC_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
DEFAULT_PARAMS: dict[str, Any] = {"C": 0.5}


@dataclass
class Unit:
    """One text to parse: its dataset, source-article group and the marked (positive) character spans."""

    dataset: str
    group: str
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)


def _jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _word_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    low = text.lower()
    out = []
    for w in words:
        w = str(w).strip().lower()
        if not w:
            continue
        k = low.find(w)
        while k >= 0:
            ok_l = k == 0 or not low[k - 1].isalnum()
            ok_r = k + len(w) >= len(low) or not low[k + len(w)].isalnum()
            if ok_l and ok_r:
                out.append((k, k + len(w)))
            k = low.find(w, k + 1)
    return out


def babe_units(path: Path, *, dataset: str = "babe", skip: set[str] | None = None) -> list[Unit]:
    """BABE/MBIC sentences with their biased words as spans (see the module docstring)."""
    out = []
    for r in _jsonl(path):
        if r.get("label") is None or (skip is not None and r["text"] in skip):
            continue
        words = r.get("expert_sg1_biased_words") or r.get("biased_words") or []
        if int(r["label"]) == 1 and not words:
            continue
        group = str(r.get("article_id") or r.get("news_link") or r["text"])
        out.append(Unit(dataset, f"{dataset}:{group}", r["text"], _word_spans(r["text"], words) if r["label"] else []))
    return out


def basil_units(path: Path) -> list[Unit]:
    """BASIL articles (sentences joined by newlines) with their lexical-bias spans."""
    out = []
    for r in _jsonl(path):
        sents = r["sentences"]
        starts, parts, pos = {}, [], 0
        for s in sents:
            starts[s["index"]] = pos
            parts.append(s["text"])
            pos += len(s["text"]) + 1
        spans = [(starts[a["sentence_index"]] + a["start"], starts[a["sentence_index"]] + a["end"])
                 for a in r.get("phrase_annotations", []) if a.get("bias") == "lexical" and not a.get("in_title")
                 and a.get("sentence_index") in starts]
        out.append(Unit("basil", f"basil:{r['article_uuid']}", "\n".join(parts), spans))
    return out


def ptc_units(path: Path) -> list[Unit]:
    """PTC articles with their Loaded_Language and Name_Calling spans."""
    return [Unit("ptc", f"ptc:{r['id']}", r["text"], [(t["start"], t["end"]) for t in r.get("techniques", [])
                                                       if t.get("technique") in PTC_TECHNIQUES])
            for r in _jsonl(path)]


def all_units(datasets: Path) -> list[Unit]:
    """Every training unit under ``datasets`` (the shared datasets folder)."""
    babe = babe_units(datasets / "babe" / "dev.jsonl")
    seen = {u.text for u in babe}
    mbic = babe_units(datasets / "mbic" / "dev.jsonl", dataset="mbic", skip=seen)
    return babe + mbic + basil_units(datasets / "basil" / "dev.jsonl") + ptc_units(datasets / "ptc" / "dev.jsonl")


class _Parsed:
    """The three attributes of :class:`framing.nlp.Parsed` that :func:`rules.doc_hits` reads."""

    def __init__(self, doc, text: str) -> None:
        self.doc, self.text = doc, text
        self.quotes = tuple(find_quotes(text))


def lexicon_map(doc, text: str, t: DocTokens) -> tuple[dict[int, str], set[int]]:
    """Token index -> lexicon category of the analyzer's hits; and the tokens inside ``loaded_terms`` hits."""
    lex: dict[int, str] = {}
    loaded: set[int] = set()
    starts = t.start
    for h in _rules.doc_hits(_Parsed(doc, text)):  # type: ignore[arg-type]  # duck-typed: .doc, .text, .quotes
        i = bisect.bisect_left(starts, h.start)
        while i < len(starts) and starts[i] < h.head_end:
            lex[i] = h.category if h.lexicon in _rules.LOADED_LEXICONS else _rules.DEVICE_LEXICONS.get(h.lexicon, h.lexicon)
            if h.lexicon in _rules.LOADED_LEXICONS and not h.negated:
                loaded.add(i)
            i += 1
    return lex, loaded


@dataclass
class Examples:
    """Candidate tokens of all units: features, labels, lexicon flag, group, dataset, unit and token index."""

    X: list[dict[str, Any]] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    lex: list[int] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    dataset: list[str] = field(default_factory=list)
    unit: list[int] = field(default_factory=list)
    tok: list[int] = field(default_factory=list)


def build_examples(units: Sequence[Unit], *, batch_size: int = 32) -> Examples:
    """Parse every unit once and collect its candidate tokens (labels from the unit's spans)."""
    nlp = get_nlp()
    ex = Examples()
    for u_i, (u, doc) in enumerate(zip(units, nlp.pipe((u.text for u in units), batch_size=batch_size))):
        t = doc_tokens(doc)
        lex, loaded = lexicon_map(doc, u.text, t)
        for sent in doc.sents:
            idx, feats = sentence_candidates(t, sent.start, sent.end, lex)
            for i, f in zip(idx, feats):
                ex.X.append(f)
                ex.y.append(int(any(a < t.end[i] and t.start[i] < b for a, b in u.spans)))
                ex.lex.append(int(i in loaded))
                ex.group.append(u.group)
                ex.dataset.append(u.dataset)
                ex.unit.append(u_i)
                ex.tok.append(i)
        if u_i % 500 == 0:
            log.info("parsed %d / %d units", u_i, len(units))
    return ex


def _runs(units: np.ndarray, toks: np.ndarray, on: np.ndarray) -> set[tuple[int, int, int]]:
    """Maximal runs of adjacent positive tokens as (unit, first token, last token)."""
    out = set()
    order = np.lexsort((toks, units))
    cur = None
    for k in order:
        if not on[k]:
            cur = None
            continue
        u, i = int(units[k]), int(toks[k])
        if cur is not None and cur[0] == u and cur[2] == i - 1:
            out.discard(cur)
            cur = (u, cur[1], i)
        else:
            cur = (u, i, i)
        out.add(cur)
    return out


def _span_pr(units: np.ndarray, toks: np.ndarray, gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    g, p = _runs(units, toks, gold), _runs(units, toks, pred)

    def hit(a: tuple[int, int, int], pool: set[tuple[int, int, int]]) -> bool:
        return any(b[0] == a[0] and b[1] <= a[2] and a[1] <= b[2] for b in pool)

    tp_p = sum(hit(a, g) for a in p)
    tp_g = sum(hit(a, p) for a in g)
    prec = tp_p / len(p) if p else 0.0
    rec = tp_g / len(g) if g else 0.0
    return {"span_precision": round(prec, 4), "span_recall": round(rec, 4),
            "span_f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0}


def _token_prf(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    p, r, f = prf(int((y & pred).sum()), int(pred.sum()), int(y.sum()))
    return {"precision": p, "recall": r, "f1": f}


#: Out-of-fold token precision the shipped threshold must reach: proposals are shown as highlights, and a
#: highlight must be right more often than not (DESIGN: precision of what is shown beats recall).
TARGET_PRECISION = 0.6


def precision_threshold(p: np.ndarray, y: np.ndarray, target: float = TARGET_PRECISION) -> float:
    """The lowest threshold (grid 0.10..0.95, step 0.025) whose pooled out-of-fold precision reaches ``target``."""
    for t in np.arange(0.10, 0.951, 0.025):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        if pred.any() and tp / pred.sum() >= target:
            return round(float(t), 3)
    return 0.95


def union_threshold(p: np.ndarray, y: np.ndarray, lex: np.ndarray) -> float:
    """The threshold (grid 0.10..0.95, step 0.025) with the best pooled out-of-fold token F1 of the lexicon and the
    detector together (a token flagged by either): the configuration the analyzer ships."""
    best_f, best_t = -1.0, 0.5
    gold = y == 1
    for t in np.arange(0.10, 0.951, 0.025):
        pred = (p >= t) | lex
        tp = float((pred & gold).sum())
        if tp == 0:
            continue
        prec, rec = tp / pred.sum(), tp / max(1, gold.sum())
        f = 2 * prec * rec / (prec + rec)
        if f > best_f:
            best_f, best_t = f, float(t)
    return round(best_t, 3)


def cross_validate(ex: Examples, *, folds: int = 5, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Article-grouped CV (see the module docstring); returns per-dataset figures and the out-of-fold threshold."""
    y = np.asarray(ex.y, dtype=int)
    lex = np.asarray(ex.lex, dtype=int)
    groups = np.asarray(ex.group)
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=folds).split(np.zeros(len(y)), y, groups):
        m = LoadedSpanTagger(**(params or DEFAULT_PARAMS)).fit([ex.X[i] for i in tr], y[tr])
        oof[te] = m.predict_proba([ex.X[i] for i in te])[:, 1]
    thr = precision_threshold(oof, y)
    thr_u = union_threshold(oof, y, lex.astype(bool))
    ds = np.asarray(ex.dataset)
    units, toks = np.asarray(ex.unit), np.asarray(ex.tok)
    per: dict[str, Any] = {}
    for name in sorted(set(ex.dataset)) + ["all"]:
        sel = np.ones(len(y), bool) if name == "all" else ds == name
        yy, pp, ll = y[sel], oof[sel], lex[sel].astype(bool)
        at = (pp >= thr)
        per[name] = {
            "candidate_tokens": int(sel.sum()), "positive_tokens": int(yy.sum()),
            "model@0.5": _token_prf(yy.astype(bool), pp >= 0.5),
            f"model@{thr}": {**_token_prf(yy.astype(bool), at), **_span_pr(units[sel], toks[sel], yy.astype(bool), at)},
            "lexicon": {**_token_prf(yy.astype(bool), ll), **_span_pr(units[sel], toks[sel], yy.astype(bool), ll)},
            "lexicon+model": _token_prf(yy.astype(bool), ll | at),
            f"model@{thr_u}": _token_prf(yy.astype(bool), pp >= thr_u),
            f"lexicon+model@{thr_u}": _token_prf(yy.astype(bool), ll | (pp >= thr_u)),
        }
    return {"folds": folds, "grouped_by": "source article", "threshold": thr, "threshold_best_union_f1": thr_u,
            "per_dataset": per}


def train(datasets: str | Path, *, out_dir: str | Path | None = None, folds: int = 5,
          examples: Examples | None = None) -> dict[str, Any]:
    """Build the examples, cross-validate, fit on everything, write ``loaded_spans.npz`` (portable, no pickle) and its card."""
    root = Path(datasets)
    if not (root / "babe" / "dev.jsonl").is_file():
        raise DataError(f"{root}: no babe/dev.jsonl here; pass --datasets PATH/TO/shared/datasets")
    files = [root / d / "dev.jsonl" for d in ("babe", "mbic", "basil", "ptc")]
    ex = examples or build_examples(all_units(root))
    cv = cross_validate(ex, folds=folds)
    model = LoadedSpanTagger(**DEFAULT_PARAMS, threshold=cv["threshold"]).fit(ex.X, ex.y)
    out = Path(out_dir) if out_dir else models_dir()
    out.mkdir(parents=True, exist_ok=True)
    art = save_artifact(model, MODEL_NAME, out)  # the portable .npz the shipped model uses (no pickle)
    per_ds = Counter(ex.dataset)
    card = {
        "name": MODEL_NAME,
        "task": "token-level loaded-language detection (BABE/MBIC biased words, BASIL lexical bias, PTC Loaded_Language"
                " and Name_Calling)",
        **artifact_entry(art),
        "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "framing_version": __version__,
        "data": {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()},
        "candidate_tokens": dict(per_ds), "positive_tokens": int(sum(ex.y)),
        "parameters": {**model.get_params(), "n_features": len(model.weights_)},
        "lexicons": {n: lexicons.load(n).sha256 for n in _rules.LEXICONS},
        "libraries": {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "spacy": spacy.__version__,
                      "spacy_pipeline": pipeline_meta()},
        "cross_validation": cv,
        "threshold": cv["threshold"],
        "limits": "Content words only (ADJ, ADV, VERB, NOUN); names are never candidates and are seen as <name> in "
                  "context. Dataset conventions differ (single words vs phrases), which caps token F1.",
    }
    write_card(MODEL_NAME, card, out, markdown=card_markdown(card))
    load.cache_clear()
    return card


def card_markdown(card: dict[str, Any]) -> str:
    """The Markdown model card."""
    cv = card["cross_validation"]
    thr = cv["threshold"]
    tu = cv["threshold_best_union_f1"]
    lines = [f"# Model card: {card['name']}", "", card["task"], "",
             f"Article-grouped {cv['folds']}-fold CV, token level (candidate content words). Threshold {thr} "
             f"(lowest with pooled out-of-fold precision >= {TARGET_PRECISION}); the threshold of best lexicon+detector "
             f"F1 is {cv['threshold_best_union_f1']}.", "",
             "| data | tokens (positive) | model P/R/F1 @thr | span P/R | lexicon P/R/F1 | lexicon+model F1 |"
             " model F1 / lexicon+model F1 @best-union thr |",
             "|---|---|---|---|---|---|---|"]
    for name, d in cv["per_dataset"].items():
        m, lx, u = d[f"model@{thr}"], d["lexicon"], d["lexicon+model"]
        lines.append(f"| {name} | {d['candidate_tokens']} ({d['positive_tokens']}) | {m['precision']:.3f}/{m['recall']:.3f}/"
                     f"{m['f1']:.3f} | {m['span_precision']:.3f}/{m['span_recall']:.3f} | {lx['precision']:.3f}/"
                     f"{lx['recall']:.3f}/{lx['f1']:.3f} | {u['f1']:.3f} | {d[f'model@{tu}']['f1']:.3f} / "
                     f"{d[f'lexicon+model@{tu}']['f1']:.3f} |")
    lines += ["", f"Limits: {card['limits']}", ""]
    return "\n".join(lines)
