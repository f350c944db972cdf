"""``framing train frames``: the frames classifier from SemEval-2023 Task 3 subtask 2 (English) articles.

Reads JSON Lines with ``text`` and ``frames`` (a list of SemEval frame labels),
cross-validates the classifier (``folds``-fold, one article per row, so the
folds are grouped by article) beside two baselines measured in the same folds:

* ``most_frequent_three`` -- the three most frequent frames of the training fold for every article;
* ``tfidf_lr`` -- one-vs-rest logistic regressions over unmasked TF-IDF word unigrams, threshold 0.5.

The cross-validation is repeated with other fold assignments (``fold_seeds``, seeds 1-3
beside the card's seed 0) and the card records the spread of micro-F1 over them
(``cross_validation.fold_seed_spread``): on 297 articles one 5-fold split moves the
figure by about +-0.006, so a change smaller than that is not a measured gain.

Then fits on every article and writes ``framing/models/frames_article.npz`` (portable, no pickle)
with its card (JSON and Markdown): data sha256, parameters, per-frame F1,
calibration (Brier, expected calibration error of the out-of-fold probabilities).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from framing.analyzers.frames.model import (
    CUES,
    FRAME_IDS,
    FRAMES,
    MODEL_NAME,
    FrameClassifier,
    body_paragraphs,
    decide,
    micro_f1,
    union_of_parts,
)
from framing.errors import DataError
from framing.evaluate.metrics import expected_calibration_error
from framing.resources import lexicons
from framing.resources.models import load, models_dir
from framing.train.cards import artifact_entry, save_artifact, training_text_hashes, write_card
from framing.train.datasets import read_jsonl
from framing.version import __version__

log = logging.getLogger(__name__)

DEFAULT_PARAMS: dict[str, Any] = {"C": 16.0, "cue_scale": 1.0, "min_df": 2, "mask_names": True}


def read_frames(path: str | Path) -> tuple[list[str], np.ndarray, list[str]]:
    """Texts, the 0/1 label matrix (columns in ``FRAME_IDS`` order) and ids of a SemEval-format frames file."""
    texts, rows, ids = [], [], []
    for n, r in enumerate(read_jsonl(path, required=("text", "frames")), 1):
        unknown = [f for f in r["frames"] if f not in FRAMES]
        if unknown:
            raise DataError(f"{path}: row {n}: unknown frame(s) {', '.join(unknown)}; expected SemEval-2023 labels such as Political")
        texts.append(str(r["text"]))
        rows.append([int(f in r["frames"]) for f in FRAME_IDS])
        ids.append(str(r.get("id", n)))
    if not texts:
        raise DataError(f"{path}: no articles; expected JSON lines with 'text' and 'frames'")
    return texts, np.asarray(rows, dtype=int), ids


def per_frame_f1(Y: np.ndarray, P: np.ndarray) -> dict[str, float]:
    out = {}
    for j, f in enumerate(FRAME_IDS):
        tp, npred, ngold = int((Y[:, j] * P[:, j]).sum()), int(P[:, j].sum()), int(Y[:, j].sum())
        out[f] = round(2 * tp / (npred + ngold), 4) if npred + ngold else 0.0
    return out


def scores(Y: np.ndarray, P: np.ndarray) -> dict[str, Any]:
    """micro-F1, macro-F1 (mean over the 14 frames) and per-frame F1 of predictions ``P`` against ``Y``."""
    pf = per_frame_f1(Y, P)
    return {"micro_f1": round(micro_f1(Y, P), 4), "macro_f1": round(float(np.mean(list(pf.values()))), 4), "per_frame_f1": pf}


def most_frequent(Y: np.ndarray, k: int = 3) -> list[int]:
    return [int(j) for j in np.argsort(-Y.sum(0), kind="stable")[:k]]


def _tfidf_lr(train: Sequence[str], Ytr: np.ndarray, test: Sequence[str]) -> np.ndarray:
    vec = TfidfVectorizer(min_df=2, sublinear_tf=True)
    Xtr, Xte = vec.fit_transform(train), vec.transform(test)
    P = np.zeros((len(test), Ytr.shape[1]), dtype=int)
    for j in range(Ytr.shape[1]):
        if Ytr[:, j].min() != Ytr[:, j].max():
            P[:, j] = LogisticRegression(C=16.0, solver="liblinear").fit(Xtr, Ytr[:, j]).predict(Xte)
    return P


def cross_validate(texts: Sequence[str], Y: np.ndarray, *, folds: int = 5, seed: int = 0,
                   params: Mapping[str, Any] = DEFAULT_PARAMS) -> dict[str, Any]:
    """Out-of-fold micro/macro/per-frame F1 of the classifier and the baselines; Brier and ECE of its probabilities."""
    lex = lexicons.load(CUES)
    P = np.zeros(Y.shape, dtype=int)
    prob = np.zeros(Y.shape)
    B3 = np.zeros(Y.shape, dtype=int)
    BL = np.zeros(Y.shape, dtype=int)
    parts: list[tuple[np.ndarray, np.ndarray, float, float]] = []  # per fold: part probs, article index, thresholds
    for k, (tr, te) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(texts)):
        log.info("frames: fold %d/%d", k + 1, folds)
        tr_texts, te_texts = [texts[i] for i in tr], [texts[i] for i in te]
        clf = FrameClassifier(**params).fit(tr_texts, Y[tr], lexicon=lex)
        prob[te] = clf.predict_proba(te_texts, lexicon=lex)
        P[te] = decide(prob[te], clf.threshold_)
        owner = [i for i in te for _ in body_paragraphs(texts[i])]
        if owner:
            pp = clf.predict_proba([p for i in te for p in body_paragraphs(texts[i])], lexicon=lex)
            parts.append((pp, np.asarray(owner), float(clf.threshold_), float(clf.part_threshold_)))
        B3[np.ix_(te, most_frequent(Y[tr]))] = 1
        BL[te] = _tfidf_lr(tr_texts, Y[tr], te_texts)
    return {"folds": folds, "seed": seed, "n": len(texts), "grouped_by": "article (one row per article)",
            "model": {**scores(Y, P), "brier": round(float(np.mean((prob - Y) ** 2)), 4),
                      "ece": round(float(expected_calibration_error(prob.ravel(), Y.ravel())), 4)},
            "baselines": {"most_frequent_three": scores(Y, B3), "tfidf_lr": scores(Y, BL)},
            "paragraphs": paragraph_figures(parts, Y)}


def paragraph_figures(parts: Sequence[tuple[np.ndarray, np.ndarray, float, float]], Y: np.ndarray) -> dict[str, Any]:
    """Out-of-fold figures of the paragraph frames (no paragraph gold exists: a paragraph's frames are checked
    against its article's labels, an upper bound of their precision): frames per paragraph, the share of them among
    the article's labels, and the micro-F1 of the union of an article's paragraph frames against its labels; at the
    paragraph threshold the model uses (``part_threshold``) and, for comparison, at the article threshold."""
    out: dict[str, Any] = {"n_paragraphs": int(sum(len(pp) for pp, _, _, _ in parts))}
    for name in ("article_threshold", "part_threshold"):
        U = np.zeros(Y.shape, dtype=int)
        n_frames = n_right = 0
        for pp, owner, th_article, th_part in parts:
            th = th_article if name == "article_threshold" else th_part
            D = decide(pp, th)
            n_frames += int(D.sum())
            n_right += int((D * Y[owner]).sum())
            U = np.maximum(U, union_of_parts(pp, owner, len(Y), th))
        n = max(out["n_paragraphs"], 1)
        out[name] = {"frames_per_paragraph": round(n_frames / n, 2),
                     "share_in_article_labels": round(n_right / max(n_frames, 1), 4),
                     "union_micro_f1": round(micro_f1(Y, U), 4)}
    return out


def fold_seed_spread(texts: Sequence[str], Y: np.ndarray, cv: Mapping[str, Any], *, folds: int,
                     seeds: Sequence[int] = (1, 2, 3)) -> dict[str, Any]:
    """Micro-F1 of the classifier and of the TF-IDF LR baseline under other random fold assignments: ``cv`` (seed
    ``cv["seed"]``) first, then one cross-validation per seed in ``seeds``; with their mean, minimum and maximum.
    Shows how far the card's figure moves with the split alone (the noise floor of any comparison)."""
    runs = [cv] + [cross_validate(texts, Y, folds=folds, seed=s) for s in seeds]
    model = [r["model"]["micro_f1"] for r in runs]
    base = [r["baselines"]["tfidf_lr"]["micro_f1"] for r in runs]
    return {"seeds": [r["seed"] for r in runs], "micro_f1": model, "tfidf_lr_micro_f1": base,
            "mean": round(float(np.mean(model)), 4), "min": min(model), "max": max(model),
            "tfidf_lr_mean": round(float(np.mean(base)), 4)}


def train(data_path: str | Path | None, *, out_dir: str | Path | None = None, folds: int = 5,
          fold_seeds: Sequence[int] = (1, 2, 3)) -> dict[str, Any]:
    """Cross-validate (and repeat it for ``fold_seeds``), fit on all articles, write the artifact and its card;
    return the card."""
    if data_path is None:
        raise DataError("no training data given; pass --data PATH/TO/semeval23_frames/dev.jsonl")
    path = Path(data_path)
    texts, Y, _ids = read_frames(path)
    cv = cross_validate(texts, Y, folds=folds)
    cv["fold_seed_spread"] = fold_seed_spread(texts, Y, cv, folds=folds, seeds=fold_seeds)
    lex = lexicons.load(CUES)
    clf = FrameClassifier(**DEFAULT_PARAMS).fit(texts, Y, lexicon=lex)
    out = Path(out_dir) if out_dir else models_dir()
    out.mkdir(parents=True, exist_ok=True)
    art = save_artifact(clf, MODEL_NAME, out)
    card = {
        "name": MODEL_NAME,
        "task": "article-level issue frames, multi-label (the 14 generic frames of the Media Frames Corpus codebook)",
        **artifact_entry(art),
        "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "framing_version": __version__,
        "data": {"path": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "rows": len(texts),
                 "label_counts": {f: int(Y[:, j].sum()) for j, f in enumerate(FRAME_IDS)},
                 "source": "SemEval-2023 Task 3 subtask 2, English training articles (dev part), shared/datasets/semeval23_frames/dev.jsonl"},
        "parameters": {**clf.get_params(), "n_word_features": len(clf.vocabulary_), "cue_features": len(FRAME_IDS)},
        "threshold": round(float(clf.threshold_), 4),
        "part_threshold": round(float(clf.part_threshold_), 4),
        "most_frequent_three": [FRAME_IDS[j] for j in most_frequent(Y)],
        "lexicons": {CUES: lex.sha256},
        "libraries": {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "cross_validation": cv,
        "training_text_hashes": training_text_hashes(texts),
        "limits": "about 300 English articles, mostly opinion pieces; rare frames (Economic, Capacity and resources, "
                  "Public opinion) have under 20 examples each, and a frame whose probability rarely reaches the shared threshold "
                  "(Policy prescription and evaluation, Public opinion) is almost never predicted: see the per-frame F1. "
                  "Names are masked from the word features.",
    }
    write_card(MODEL_NAME, card, out, markdown=card_markdown(card))
    load.cache_clear()
    return card


def card_markdown(card: Mapping[str, Any]) -> str:
    cv = card["cross_validation"]
    m, b = cv["model"], cv["baselines"]
    lines = [f"# Model card: {card['name']}", "", f"Task: {card['task']}.",
             f"Artifact: `{card['artifact']}` (sha256 `{card['artifact_sha256'][:16]}...`, {card['artifact_bytes']:,} bytes).",
             f"Trained: {card['trained_at']} on `{card['data']['path']}` (sha256 `{card['data']['sha256'][:16]}...`, {card['data']['rows']} articles).",
             "", "Model: one-vs-rest logistic regressions (liblinear) over TF-IDF word unigrams with names masked, plus the "
             "rates of the 14 frame-cue classes of `lexicons/frame_cues.tsv`; Platt-scaled on out-of-fold decision values and "
             f"averaged (weight {card['parameters']['knn_weight']}) with the vote of the {card['parameters']['knn_k']} most "
             "similar training articles (cosine of the same word vectors; carries label co-occurrence and topic); "
             f"a frame is present at probability >= {card['threshold']} (and the most probable always), the threshold "
             "chosen on inner out-of-fold probabilities of the training articles only.", "",
             f"## {cv['folds']}-fold cross-validation, grouped by article (seed {cv['seed']}, n = {cv['n']})", "",
             "| system | micro-F1 | macro-F1 |", "|---|---|---|",
             f"| this model | {m['micro_f1']:.3f} | {m['macro_f1']:.3f} |",
             f"| baseline: most frequent three frames | {b['most_frequent_three']['micro_f1']:.3f} | {b['most_frequent_three']['macro_f1']:.3f} |",
             f"| baseline: TF-IDF one-vs-rest LR (threshold 0.5) | {b['tfidf_lr']['micro_f1']:.3f} | {b['tfidf_lr']['macro_f1']:.3f} |",
             ""]
    sp = cv.get("fold_seed_spread")
    if sp:
        lines += [f"Repeated with {len(sp['seeds'])} fold assignments (seeds {', '.join(map(str, sp['seeds']))}): "
                  f"micro-F1 mean {sp['mean']:.3f} (min {sp['min']:.3f}, max {sp['max']:.3f}); TF-IDF LR baseline mean "
                  f"{sp['tfidf_lr_mean']:.3f}. A difference smaller than this spread is not a measured gain.", ""]
    pg = cv.get("paragraphs")
    if pg:
        a, p = pg["article_threshold"], pg["part_threshold"]
        lines += [f"Paragraphs ({pg['n_paragraphs']} body paragraphs out of fold, checked against their article's "
                  f"labels): at the paragraph threshold {card.get('part_threshold')} a paragraph gets {p['frames_per_paragraph']} "
                  f"frames, {p['share_in_article_labels']:.1%} of them among its article's labels (union micro-F1 "
                  f"{p['union_micro_f1']:.3f}); at the article threshold it would get {a['frames_per_paragraph']} "
                  f"({a['share_in_article_labels']:.1%}; union {a['union_micro_f1']:.3f}).", ""]
    lines += ["Per-frame F1 (out of fold):", "", "| frame | articles | F1 |", "|---|---|---|"]
    for f, v in m["per_frame_f1"].items():
        lines.append(f"| {FRAMES[f]} | {card['data']['label_counts'][f]} | {v:.3f} |")
    lines += ["", f"Calibration (out-of-fold): Brier {m['brier']:.3f}, expected calibration error {m['ece']:.3f}.", "",
              f"Limits: {card['limits']}", "",
              "Rebuild: `framing train frames --data ../shared/datasets/semeval23_frames/dev.jsonl`.", ""]
    return "\n".join(lines)
