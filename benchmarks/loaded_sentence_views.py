"""Extra views for the loaded-language sentence classifier on BABE: do self-learned word vectors or bias-word priors help?

Usage: .venv/bin/python benchmarks/loaded_sentence_views.py [--seeds 0 1] [--limit N] [--dims 100] [--json]

An experiment, not a speed benchmark (issue 17, item 5). It measures, with the
protocol of the shipped model's card (5-fold CV stratified and grouped by
source article, macro-F1 at 0.5, mean over folds, then over the fold
assignments ``--seeds``), the shipped classifier's features alone and beside:

* ``sif``/``mean``: sentence vectors pooled from word vectors learned here,
  without any pretrained model: positive PMI of word co-occurrences (window 5,
  weights 1/distance, context smoothing 0.75) factorised by truncated SVD
  (Levy, Goldberg & Dagan 2015), rows scaled by the square root of the singular
  values and L2-normalised. They are fitted on every text of ``../shared/datasets``
  except BABE and MBIC (MBIC holds BABE's sentences and articles) plus
  ``../shared/corpora``, split into sentences, deduplicated, and any sentence equal
  to a BABE or MBIC sentence dropped: the CV sentences are never in the pool, so
  no fold can leak. Names are masked before counting, as the classifier masks
  them: mid-sentence capitalised words, sentence-initial ones more often
  capitalised than not, and the titles of ``lexicons/titles.tsv`` become one
  placeholder that is neither a word nor a context. Pooled over the masked
  view's words: plain mean, or SIF-weighted (Arora et al. 2017, ``a = 1e-3``).
  Appended to the sparse features (standardised, scaled), or as a separate
  strongly regularised regression whose log-odds are blended with the
  classifier's (a stacked view, weight ``w``).
* ``clusters``: k-means clusters of the same vectors as a bag of cluster ids
  (TF-IDF, L2), appended to the sparse features.
* ``prior``: target encoding of BABE's ``biased_words``: per word, the smoothed
  share of the training sentences containing it where annotators marked it
  (``(b + 3 p0) / (n + 3)``); per sentence the maximum, top-2 mean, summed
  excess over ``p0`` and the count above 0.2. Fitted inside each training fold
  only; the training rows get out-of-fold values (an inner 5-fold split), so a
  row never sees its own marks.

Session 7 result (seeds 0 and 1, 2,620 rows; see the model's docstring): every
view lands within +-0.002 of the shipped features (0.757), under the fold spread
(+-0.02), so none is shipped. ``--limit`` keeps the first N rows (a smoke run).
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import re
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.cluster import MiniBatchKMeans
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.preprocessing import normalize
from sklearn.utils.extmath import randomized_svd

from framing.analyzers.loaded_language.model import (
    _MASK_LOWER,
    _WORD_RE,
    LoadedSentenceClassifier,
    dense_features,
    masked_view,
    title_regions,
)
from framing.evaluate.metrics import macro_f1
from framing.train.datasets import read_babe, read_babe_groups
from framing.train.loaded import DEFAULT_PARAMS, rows_for_texts

SHARED = Path(__file__).resolve().parents[2] / "shared"
POOL_SETS = ("basil", "ptc", "polnear", "newsmtsc", "narrative_frames", "semeval23_frames", "biased_sents")
_SPLIT = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“‘(])|\n+")
_TOK = re.compile(r"\w+(?:['’]\w+)*")
MASK = "<m>"


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def unlabeled_pool(shared: Path) -> list[str]:
    """Deduplicated sentences of the pool datasets and corpora, without any BABE or MBIC sentence."""
    exclude = {_norm(json.loads(x)["text"]) for f in ("babe/dev.jsonl", "mbic/dev.jsonl")
               for x in (shared / "datasets" / f).read_text(encoding="utf-8").splitlines()}
    docs: list[str] = []
    for name in POOL_SETS:
        for line in (shared / "datasets" / name / "dev.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            docs += [d[k] for k in ("title", "text", "sentence") if isinstance(d.get(k), str)]
            if isinstance(d.get("sentences"), list):
                docs.append("\n".join(x if isinstance(x, str) else str(x.get("text") or "") for x in d["sentences"]))
    for line in (shared / "corpora" / "soleimani-2020" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs += [d.get("title") or "", d.get("text") or ""]
    seen: set[str] = set()
    out = []
    for doc in docs:
        for s in _SPLIT.split(doc):
            k = _norm(s)
            if len(k) >= 20 and k not in seen and k not in exclude:
                seen.add(k)
                out.append(s.strip())
    return out


def masked_tokens(sents: list[str]) -> list[list[str]]:
    """Lower-case tokens with names and titles replaced by :data:`MASK` (see the module docstring)."""
    raw = []
    for s in sents:
        for a, e in reversed(title_regions(s)):
            s = s[:a] + " TITLEMASK " + s[e:]
        raw.append([m.group() for m in _TOK.finditer(s)])
    low, up = collections.Counter(), collections.Counter()
    for ts in raw:
        for t in ts[1:]:
            (up if t[0].isupper() else low)[t.lower()] += 1
    out = []
    for ts in raw:
        row = []
        for i, t in enumerate(ts):
            if t == "TITLEMASK" or any(c.isupper() for c in t[1:]) or (
                    t[0].isupper() and not (i == 0 and low[t.lower()] > up[t.lower()])):
                row.append(MASK)
            else:
                row.append(t.lower())
        out.append(row)
    return out


def ppmi_svd(sents: list[list[str]], dim: int, min_count: int = 5, window: int = 5) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """Vocabulary, unit word vectors (PPMI + truncated SVD) and word counts."""
    cnt = collections.Counter(w for s in sents for w in s)
    vocab = [w for w, c in cnt.most_common() if c >= min_count and w != MASK and len(w) > 1 and not w.isdigit()]
    idx = {w: i for i, w in enumerate(vocab)}
    r, c, v = [], [], []
    for s in sents:
        ids = [idx.get(w, -1) for w in s]
        for d in range(1, window + 1):
            for i in range(len(ids) - d):
                if ids[i] >= 0 and ids[i + d] >= 0:
                    r += [ids[i], ids[i + d]]
                    c += [ids[i + d], ids[i]]
                    v += [1.0 / d, 1.0 / d]
    n = len(vocab)
    C = sparse.coo_matrix((v, (r, c)), shape=(n, n)).tocsr().tocoo()
    tot = C.sum()
    rs = np.asarray(C.sum(1)).ravel()
    cs = np.asarray(C.sum(0)).ravel() ** 0.75
    pmi = np.log(C.data / tot / (rs[C.row] / tot) / (cs[C.col] / cs.sum()))
    keep = pmi > 0
    U, S, _ = randomized_svd(sparse.csr_matrix((pmi[keep], (C.row[keep], C.col[keep])), shape=(n, n)),
                             n_components=dim, random_state=0, n_iter=5)
    E = U * np.sqrt(S)
    E /= np.linalg.norm(E, axis=1, keepdims=True) + 1e-9
    return idx, E, np.asarray([cnt[w] for w in vocab], dtype=float)


def sif_pool(toks: list[list[str]], idx: dict[str, int], E: np.ndarray, counts: np.ndarray | None) -> np.ndarray:
    """Mean (``counts`` None) or SIF-weighted mean of the in-vocabulary word vectors of each sentence."""
    w = np.ones(len(idx)) if counts is None else 1e-3 / (1e-3 + counts / counts.sum())
    r, c, v = [], [], []
    for i, ts in enumerate(toks):
        for t in ts:
            if t in idx:
                r.append(i)
                c.append(idx[t])
                v.append(w[idx[t]])
    M = sparse.csr_matrix((v, (r, c)), shape=(len(toks), len(idx)))
    s = np.asarray(M.sum(1)).ravel()
    return sparse.diags(1.0 / np.where(s == 0, 1.0, s)) @ M @ E


def cluster_bag(toks: list[list[str]], idx: dict[str, int], E: np.ndarray, k: int) -> sparse.csr_matrix:
    lab = MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=2048).fit(E).labels_
    r = [i for i, ts in enumerate(toks) for t in ts if t in idx]
    c = [lab[idx[t]] for ts in toks for t in ts if t in idx]
    B = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(toks), k))
    B.sum_duplicates()
    B.data = np.log(B.data) + 1.0
    df = np.asarray((B > 0).sum(0)).ravel()
    return normalize(B @ sparse.diags(np.log((1 + len(toks)) / (1 + df)) + 1.0)).tocsr()


def prior_block(tr: np.ndarray, y: np.ndarray, words: list[set[str]], marked: list[set[str]], alpha: float = 3.0) -> np.ndarray:
    """Target-encoded bias-word prior features (fitted on ``tr`` only; training rows out-of-fold)."""

    def rates(ids):
        n, b = collections.Counter(), collections.Counter()
        for i in ids:
            for t in words[i]:
                n[t] += 1
                b[t] += t in marked[i]
        p0 = sum(b.values()) / max(1, sum(n.values()))
        return {t: (b[t] + alpha * p0) / (n[t] + alpha) for t in n}, p0

    def feats(ids, R, p0):
        out = np.zeros((len(ids), 4))
        for j, i in enumerate(ids):
            v = sorted((R.get(t, p0) for t in words[i]), reverse=True) or [p0]
            out[j] = [v[0], np.mean(v[:2]), sum(max(0.0, x - p0) for x in v), sum(x > 0.2 for x in v)]
        return out

    Z = np.zeros((len(words), 4))
    rest = np.setdiff1d(np.arange(len(words)), tr)
    Z[rest] = feats(rest, *rates(tr))
    for a, b in StratifiedKFold(n_splits=5, shuffle=True, random_state=1).split(tr, y[tr]):
        Z[tr[b]] = feats(tr[b], *rates(tr[a]))
    return Z


def _std(Z: np.ndarray, tr: np.ndarray) -> np.ndarray:
    return (Z - Z[tr].mean(0)) / (Z[tr].std(0) + 1e-9)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    t0 = time.time()
    path = SHARED / "datasets" / "babe" / "dev.jsonl"
    texts, labels = read_babe(path)
    groups = read_babe_groups(path)
    marks = [str(json.loads(x).get("biased_words") or "[]") for x in path.read_text(encoding="utf-8").splitlines()]
    if a.limit:
        texts, labels, groups, marks = texts[:a.limit], labels[:a.limit], groups[:a.limit], marks[:a.limit]
    y = np.asarray(labels)
    rows = rows_for_texts(texts)
    D = np.vstack([dense_features(r) for r in rows])
    toks = [[t for t in _WORD_RE.findall(masked_view(r).text.lower()) if t != _MASK_LOWER] for r in rows]
    words = [set(t) for t in toks]
    marked = []
    for s in marks:
        try:
            phrases = ast.literal_eval(s)
        except (ValueError, SyntaxError):
            phrases = []
        marked.append({t for p in phrases or [] for t in _WORD_RE.findall(str(p).lower())})
    idx, E, counts = ppmi_svd(masked_tokens(unlabeled_pool(SHARED)), a.dims)
    sif = np.hstack([sif_pool(toks, idx, E, counts), D])
    bag = cluster_bag(toks, idx, E, 200)
    scores: dict[str, list[float]] = collections.defaultdict(list)
    for seed in a.seeds:
        per: dict[str, list[float]] = collections.defaultdict(list)
        for tr, te in StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed).split(np.zeros(len(y)), y, groups):
            clf = LoadedSentenceClassifier(**DEFAULT_PARAMS).fit([rows[i] for i in tr], y[tr], dense=D[tr])
            X = clf._matrix(rows, dense=D)

            def fit(M, tr=tr, te=te):
                lr = LogisticRegression(C=DEFAULT_PARAMS["C"], solver="liblinear", dual=True, max_iter=3000, random_state=0)
                return lr.fit(M[tr], y[tr]).predict_proba(M[te])[:, 1]

            pb = fit(X)
            pe = LogisticRegression(C=0.05, max_iter=3000).fit(_std(sif, tr)[tr], y[tr]).predict_proba(_std(sif, tr)[te])[:, 1]
            variants = {
                "shipped features": _logit(pb),
                "+ sif vectors (scale 0.1)": _logit(fit(sparse.hstack([X, sparse.csr_matrix(_std(sif, tr) * 0.1)]).tocsr())),
                "+ clusters (k 200, scale 0.5)": _logit(fit(sparse.hstack([X, bag * 0.5]).tocsr())),
                "+ bias-word prior": _logit(fit(sparse.hstack([X, sparse.csr_matrix(_std(prior_block(tr, y, words, marked), tr))]).tocsr())),
                "blend with sif regression (w 0.2)": 0.8 * _logit(pb) + 0.2 * _logit(pe),
            }
            for k, z in variants.items():
                per[k].append(macro_f1(y[te], (z >= 0).astype(int)))
        for k, v in per.items():
            scores[k].append(float(np.mean(v)))
    out = {"rows": len(y), "seeds": a.seeds, "vocab": len(idx), "dims": a.dims, "seconds": round(time.time() - t0),
           "macro_f1": {k: {"per_seed": [round(x, 4) for x in v], "mean": round(float(np.mean(v)), 4)} for k, v in scores.items()}}
    if a.json:
        print(json.dumps(out, indent=1))
        return
    print(f"BABE rows {out['rows']}, vocabulary {out['vocab']} x {a.dims}, {out['seconds']} s")
    for k, v in out["macro_f1"].items():
        print(f"{k:40s} {' '.join(f'{x:.4f}' for x in v['per_seed'])}  mean {v['mean']:.4f}")


if __name__ == "__main__":
    main()
