"""``framing train loaded``: rebuild the loaded-language sentence classifier from BABE, with its model card.

Reads BABE-format JSON Lines (:func:`framing.train.datasets.read_babe`), parses
every sentence once, attaches the analyzer's own lexicon hits and name masks
(:func:`rows_for_texts`), then

* cross-validates the classifier (:func:`cross_validate`: stratified k-fold,
  and grouped by source article when groups are given) beside three baselines
  whose thresholds are chosen on each training fold -- ``vader`` (|VADER
  compound|), ``textblob`` (subjectivity), ``lexicon`` (sum of loaded-term
  strengths) -- and the same model without name masking (not shipped);
* fits on all rows, writes ``framing/models/loaded_sentence.npz`` and its
  card (:mod:`framing.train.cards`), JSON and Markdown.

The metrics are :mod:`framing.evaluate.metrics`'; the estimator is
:class:`framing.analyzers.loaded_language.model.LoadedSentenceClassifier`.
Never imported by inference.
"""

from __future__ import annotations

import copy
import datetime as _dt
import hashlib
import logging
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import sklearn
import spacy
from numpy.typing import ArrayLike
from sklearn.metrics import brier_score_loss, f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from framing.analyzers.loaded_language.model import (
    DENSE_NAMES,
    LOADED_CATEGORIES,
    MASK_ENT_LABELS,
    MASK_PLACEHOLDER,
    MODEL_NAME,
    Hit,
    LoadedSentenceClassifier,
    SentenceRow,
    dense_features,
    mask_regions,
    textblob_scores,
    vader_scores,
)
from framing.analyzers.loaded_language.rules import hits_in
from framing.errors import DataError
from framing.evaluate.metrics import best_threshold, expected_calibration_error, macro_f1
from framing.nlp import parse_many, pipeline_meta
from framing.resources import lexicons
from framing.resources.models import load, models_dir
from framing.schema import Article
from framing.train.cards import artifact_entry, save_artifact, training_text_hashes, write_card
from framing.train.datasets import read_babe, read_babe_groups
from framing.version import __version__

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_PARAMS", "baseline_scores", "card_markdown", "cross_validate", "rows_for_texts", "train_from_rows",
           "train_loaded"]


def rows_for_texts(texts: Sequence[str]) -> list[SentenceRow]:
    """Parse free-standing sentences (one spaCy pass via :func:`framing.nlp.parse_many`) and attach lexicon hits."""
    rows: list[SentenceRow] = []
    batch = 256
    for i in range(0, len(texts), batch):
        chunk = texts[i : i + batch]
        arts = [Article(text=t, source="text") for t in chunk]
        for parsed in parse_many(arts, batch_size=64):
            hits = hits_in(parsed, 0, len(parsed.text))
            rows.append(SentenceRow(parsed.text, tuple(Hit(h.start, h.end, h.category, h.strength, h.direction) for h in hits),
                                    tuple(mask_regions(parsed.doc, parsed.text))))
    return rows


def baseline_scores(rows: Sequence[SentenceRow]) -> dict[str, np.ndarray]:
    """The three baselines' raw scores: VADER |compound|, TextBlob subjectivity, lexicon strength sum."""
    vader = np.array([abs(vader_scores(r.text)["compound"]) for r in rows])
    tb = np.array([textblob_scores(r.text)[1] for r in rows])
    lex = np.array([sum(h.strength for h in r.hits if h.category in LOADED_CATEGORIES) for r in rows])
    return {"vader": vader, "textblob": tb, "lexicon": lex}


def cross_validate(rows: Sequence[SentenceRow], y: ArrayLike, *, folds: int = 5, seed: int = 0,
                   params: Mapping[str, Any] | None = None, groups: Sequence[str] | None = None) -> dict[str, Any]:
    """Stratified k-fold CV of the classifier and the three baselines (baseline thresholds chosen on each training fold).

    With ``groups`` (e.g. the source article of each sentence) the folds are
    stratified *and* grouped: no group is split between training and test
    folds (sentences of one article never on both sides)."""
    y = np.asarray(y, dtype=int)
    rows = list(rows)
    mask = bool(dict(params or {}).get("mask_names", True))
    dense = np.vstack([dense_features(r, mask=mask) for r in rows])
    base = baseline_scores(rows)
    oof = np.zeros(len(rows))
    per_fold: dict[str, list[float]] = {"model": [], "vader": [], "textblob": [], "lexicon": []}
    base_pred = {k: np.zeros(len(rows), dtype=int) for k in base}
    if groups is None:
        splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y)
    else:
        splits = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y, groups)
    fold_of = np.zeros(len(rows), dtype=int)
    for k_fold, (tr, te) in enumerate(splits):
        fold_of[te] = k_fold
        clf = LoadedSentenceClassifier(**dict(params or {}))
        clf.fit([rows[i] for i in tr], y[tr], dense=dense[tr])
        p = clf.predict_proba([rows[i] for i in te], dense=dense[te])[:, 1]
        oof[te] = p
        per_fold["model"].append(macro_f1(y[te], (p >= 0.5).astype(int)))
        for k, s in base.items():
            t = best_threshold(s[tr], y[tr])
            pred = (s[te] >= t).astype(int)
            base_pred[k][te] = pred
            per_fold[k].append(macro_f1(y[te], pred))
    pred = (oof >= 0.5).astype(int)

    def summary(k: str, pr: np.ndarray) -> dict[str, Any]:
        return {"macro_f1": float(np.mean(per_fold[k])), "macro_f1_std": float(np.std(per_fold[k])),
                "precision": float(precision_score(y, pr, zero_division=0)), "recall": float(recall_score(y, pr, zero_division=0))}

    cal = _cross_fitted_calibration(oof, y, fold_of)
    cal_pred = (cal >= 0.5).astype(int)
    model = {**summary("model", pred), "per_fold_macro_f1": [round(float(v), 4) for v in per_fold["model"]],
             "f1_per_class": _per_class_f1(y, pred), "brier": float(brier_score_loss(y, oof)),
             "ece": expected_calibration_error(oof, y),
             "calibrated": {"macro_f1": float(np.mean([macro_f1(y[fold_of == k], cal_pred[fold_of == k]) for k in range(folds)])),
                            "f1_per_class": _per_class_f1(y, cal_pred), "brier": float(brier_score_loss(y, cal)),
                            "ece": expected_calibration_error(cal, y)}}
    return {
        "folds": folds,
        "seed": seed,
        "n": len(y),
        "grouped": groups is not None,
        "mask_names": mask,
        "model": model,
        "baselines": {k: summary(k, base_pred[k]) for k in base},
        "oof": oof,  # out-of-fold P(loaded), uncalibrated; popped before the card is written
    }


def _per_class_f1(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """F1 of the "biased" (1) and "not biased" (0) classes."""
    return {"biased": float(f1_score(y, pred, pos_label=1, zero_division=0)),
            "not_biased": float(f1_score(y, pred, pos_label=0, zero_division=0))}


def _cross_fitted_calibration(oof: np.ndarray, y: np.ndarray, fold_of: np.ndarray) -> np.ndarray:
    """Out-of-fold scores recalibrated without seeing their own fold: for each fold, the Platt recalibration of
    :meth:`LoadedSentenceClassifier.calibrate` fitted on the other folds' out-of-fold scores, applied to it."""
    out = np.zeros(len(oof))
    for k in np.unique(fold_of):
        te = fold_of == k
        c = LoadedSentenceClassifier().calibrate(oof[~te], y[~te])
        out[te] = c._calibrated(np.column_stack([1.0 - oof[te], oof[te]]))[:, 1]
    return out



# --------------------------------------------------------------------------- training


DEFAULT_PARAMS: dict[str, Any] = {"C": 4.0, "dense_scale": 1.0, "mask_names": True}


def train_loaded(data_path: str | Path | None, *, out_dir: str | Path | None = None, folds: int = 5) -> dict[str, Any]:
    """Rebuild the loaded-language classifier from BABE (``framing train loaded``); return the model card.

    Cross-validates (``folds``-fold, stratified, seed 0) the classifier and the
    three baselines, fits on all rows, writes the artifact, its card (JSON and
    Markdown) into ``framing/models/`` (or ``out_dir``). ``data_path`` is
    required (the library knows no data location); ``None`` is a DataError.
    """
    if data_path is None:
        raise DataError("no training data given; pass --data PATH/TO/babe/dev.jsonl (BABE format)")
    path = Path(data_path)
    if not path.is_file():
        raise DataError(f"{path}: training data not found; pass --data PATH/TO/babe/dev.jsonl")
    raw = path.read_bytes()
    texts, y = read_babe(path)
    log.info("parsing %d sentences", len(texts))
    groups = read_babe_groups(path)
    rows = rows_for_texts(texts)
    return train_from_rows(rows, y, data_name=path.name, data_sha256=hashlib.sha256(raw).hexdigest(), out_dir=out_dir,
                           folds=folds, groups=groups)


def train_from_rows(rows: Sequence[SentenceRow], y: Sequence[int], *, data_name: str, data_sha256: str,
                    out_dir: str | Path | None = None, folds: int = 5, groups: Sequence[str] | None = None,
                    compare_unmasked: bool = True) -> dict[str, Any]:
    """The part of :func:`train_loaded` after parsing: cross-validate, fit, write artifact and card.

    The shipped model masks names (``mask_names=True``). The card reports its
    stratified CV (``cross_validation``), the same grouped by source article
    when ``groups`` is given (``cross_validation_grouped``), and, with
    ``compare_unmasked``, the same protocols for the otherwise identical model
    that sees names (``comparison_unmasked``), measured in the same run."""
    rows = list(rows)
    y = [int(v) for v in y]
    log.info("cross-validating")
    cv = cross_validate(rows, y, folds=folds, params=DEFAULT_PARAMS)
    cv_grouped = cross_validate(rows, y, folds=folds, params=DEFAULT_PARAMS, groups=groups) if groups is not None else None
    unmasked: dict[str, Any] | None = None
    if compare_unmasked:
        log.info("cross-validating the unmasked comparison model")
        p_un = {**DEFAULT_PARAMS, "mask_names": False}
        unmasked = {"cross_validation": cross_validate(rows, y, folds=folds, params=p_un)}
        if groups is not None:
            unmasked["cross_validation_grouped"] = cross_validate(rows, y, folds=folds, params=p_un, groups=groups)
    log.info("fitting on all rows")
    clf = LoadedSentenceClassifier(**DEFAULT_PARAMS).fit(rows, y)
    # Platt recalibration on the out-of-fold scores (grouped by article when groups are given)
    clf.calibrate((cv_grouped or cv)["oof"], y)
    for c in (cv, cv_grouped, *(unmasked or {}).values()):
        if c:
            c.pop("oof", None)
    speed = _speed(clf, rows)
    out = Path(out_dir) if out_dir else models_dir()
    out.mkdir(parents=True, exist_ok=True)
    art = save_artifact(clf, MODEL_NAME, out)  # the portable .npz (a .joblib under the card's old name was unloadable)
    card = {
        "name": MODEL_NAME,
        "task": "sentence-level bias by word choice (BABE: 1 = biased)",
        **artifact_entry(art),
        "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "framing_version": __version__,
        "data": {"path": data_name, "sha256": data_sha256, "rows": len(y), "positives": int(sum(y)),
                 "source": "BABE dev part (Spinde et al. 2021), shared/datasets/babe/dev.jsonl"},
        "parameters": {**clf.get_params(), "n_word_features": clf.n_word_, "n_char_features": clf.n_char_, "dense_features": list(DENSE_NAMES)},
        "lexicons": {n: lexicons.load(n).sha256 for n in ("loaded_terms", "intensifiers", "hedges", "absolutes")},
        "libraries": {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                      "spacy": spacy.__version__, "spacy_pipeline": pipeline_meta()},
        "cross_validation": cv,
        "cross_validation_grouped": cv_grouped,
        "comparison_unmasked": unmasked,
        "name_masking": {
            "placeholder": MASK_PLACEHOLDER,
            "entity_labels": list(MASK_ENT_LABELS),
            "rule": "entity tokens of those labels, proper nouns, and title-case adjectives/nouns not opening their "
                    "sentence are replaced (one placeholder per run, a preceding 'the' joined) in the text the word "
                    "and character n-grams, VADER and TextBlob see; n-grams containing the placeholder are dropped, "
                    "so a name contributes nothing and swapping names cannot change a score",
            "masked_share_of_training_rows": round(sum(bool(r.masked) for r in rows) / max(1, len(rows)), 4),
        },
        "threshold": 0.5,
        "calibration": {"method": "Platt (logistic) recalibration of the regression's probabilities on the "
                                  + ("article-grouped" if cv_grouped else "stratified") + " out-of-fold scores",
                        "a": round(float(clf.calib_a_), 6), "b": round(float(clf.calib_b_), 6)},
        "speed": speed,
        "baseline_thresholds": {k: best_threshold(v, y) for k, v in baseline_scores(rows).items()},
        "training_text_hashes": training_text_hashes([r.text for r in rows]),
        "limits": "US domestic news sentences (23 topics); probabilities are the logistic regression's, Platt-recalibrated "
                  "on out-of-fold scores (see calibration); BABE is balanced (half biased), so on ordinary news, where "
                  "biased sentences are rarer, a score is not the share of such sentences that are biased. "
                  "Names are masked: a name the tagger misses (lower-case, untagged) is still seen.",
    }
    if unmasked:
        d = cv["model"]["macro_f1"] - unmasked["cross_validation"]["model"]["macro_f1"]
        note = f"Name masking changes the stratified CV macro-F1 by {d:+.3f}"
        if cv_grouped and unmasked.get("cross_validation_grouped"):
            note += f" and the article-grouped one by {cv_grouped['model']['macro_f1'] - unmasked['cross_validation_grouped']['model']['macro_f1']:+.3f}"
        card["masking_note"] = (note + ". The masked model is shipped whatever the difference: the instrument takes no "
                                "side, and a score that moves when an actor's name changes would take one.")
    write_card(MODEL_NAME, card, out, markdown=card_markdown(card))
    load.cache_clear()
    return card


def _speed(clf: LoadedSentenceClassifier, rows: Sequence[SentenceRow], n: int = 1000) -> dict[str, Any]:
    """Sentences per second of the classical path on up to ``n`` training rows, the parse excluded: scoring alone
    (features and probabilities) and scoring with the span-mapped explanation (what the analyzer runs). A fresh
    copy of the model is timed so its per-word caches start empty. CPU time of the process (not wall-clock: the
    training machine is often shared, and the CPU time is what one core gives this work)."""
    sample = list(rows[:n])
    out: dict[str, Any] = {"sentences": len(sample)}
    for key, fn in (("score_per_s", "predict_proba"), ("score_and_explain_per_s", "explain_matrix")):
        fresh = copy.deepcopy(clf)
        fresh.__dict__.pop("_char_split_cache", None)
        fresh.__dict__.pop("_char_counts_cache", None)
        fresh.__dict__.pop("_char_cols_cache", None)
        t = time.process_time()
        getattr(fresh, fn)(sample)
        out[key] = round(len(sample) / max(time.process_time() - t, 1e-9))
    return out


def card_markdown(card: Mapping[str, Any]) -> str:
    cv = card["cross_validation"]
    lines = [
        f"# Model card: {card['name']}",
        "",
        f"Task: {card['task']}.",
        f"Artifact: `{card['artifact']}` (sha256 `{card['artifact_sha256'][:16]}...`, {card['artifact_bytes']:,} bytes).",
        f"Trained: {card['trained_at']} on `{card['data']['path']}` (sha256 `{card['data']['sha256'][:16]}...`, "
        f"{card['data']['rows']} rows, {card['data']['positives']} biased).",
        "",
        f"Model: logistic regression (liblinear, C = {card['parameters'].get('C')}) over TF-IDF word 1-2 grams, "
        "char_wb 2-5 grams, and dense features (lexicon hits by category, VADER, TextBlob); probabilities "
        "recalibrated (Platt) on out-of-fold scores.",
        "",
        "Even-handedness: names are masked. People, organisations, places, nationalities (spaCy entities "
        "PERSON/ORG/GPE/NORP/LOC/FAC), proper nouns and mid-sentence title-case adjectives/nouns are replaced by one "
        f"placeholder (`{MASK_PLACEHOLDER}`) in the text every feature sees; n-grams containing it are dropped. A "
        "name contributes nothing, so swapping actor names (Trump/Rouhani, United States/Iran) leaves the score "
        "unchanged whenever the tagger marks both names alike.",
        "",
        f"## {cv['folds']}-fold stratified cross-validation (seed {cv['seed']}, n = {cv['n']})",
        "",
        "| system | macro-F1 (mean ± sd over folds) | precision | recall |",
        "|---|---|---|---|",
        f"| this model | {cv['model']['macro_f1']:.3f} ± {cv['model']['macro_f1_std']:.3f} | {cv['model']['precision']:.3f} | {cv['model']['recall']:.3f} |",
    ]
    for k, v in cv["baselines"].items():
        lines.append(f"| baseline: {k} (threshold chosen on each training fold) | {v['macro_f1']:.3f} ± {v['macro_f1_std']:.3f} | {v['precision']:.3f} | {v['recall']:.3f} |")
    un = card.get("comparison_unmasked") or {}
    if un.get("cross_validation"):
        m = un["cross_validation"]["model"]
        lines.append(f"| comparison: same model without name masking (not shipped) | {m['macro_f1']:.3f} ± {m['macro_f1_std']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} |")
    g = card.get("cross_validation_grouped")
    if g:
        lines += [
            "",
            f"## {g['folds']}-fold cross-validation grouped by source article (stratified, seed {g['seed']})",
            "",
            "Sentences of one article never fall on both sides of a split (groups: `news_link`, else the text).",
            "",
            "| system | macro-F1 (mean ± sd over folds) | precision | recall |",
            "|---|---|---|---|",
            f"| this model | {g['model']['macro_f1']:.3f} ± {g['model']['macro_f1_std']:.3f} | {g['model']['precision']:.3f} | {g['model']['recall']:.3f} |",
        ]
        for k, v in g["baselines"].items():
            lines.append(f"| baseline: {k} | {v['macro_f1']:.3f} ± {v['macro_f1_std']:.3f} | {v['precision']:.3f} | {v['recall']:.3f} |")
        if un.get("cross_validation_grouped"):
            m = un["cross_validation_grouped"]["model"]
            lines.append(f"| comparison: without name masking (not shipped) | {m['macro_f1']:.3f} ± {m['macro_f1_std']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} |")
    if g:
        gm = g["model"]
        lines += ["", "Held-out folds (grouped; the classifier, threshold 0.5): macro-F1 per fold "
                  + ", ".join(f"{v:.3f}" for v in gm.get("per_fold_macro_f1", [])) + "; F1 per class (pooled "
                  f"out-of-fold predictions): biased {gm['f1_per_class']['biased']:.3f}, not biased "
                  f"{gm['f1_per_class']['not_biased']:.3f}."]
    if card.get("masking_note"):
        lines += ["", card["masking_note"]]
    cal = card.get("calibration") or {}
    src = g or cv
    lines += [
        "",
        f"Calibration (out-of-fold, stratified): Brier {cv['model']['brier']:.3f}, expected calibration error {cv['model']['ece']:.3f} (10 bins).",
    ]
    if cal and "calibrated" in src["model"]:
        c = src["model"]["calibrated"]
        lines += [
            "",
            f"Shipped probabilities: {cal['method']} (a = {cal['a']:.3f}, b = {cal['b']:+.3f}). Cross-fitted on the "
            f"{'grouped ' if g else ''}folds (each fold recalibrated by the other folds' scores): expected calibration "
            f"error {src['model']['ece']:.3f} -> {c['ece']:.3f}, Brier {src['model']['brier']:.3f} -> {c['brier']:.3f}, "
            f"macro-F1 at 0.5 {c['macro_f1']:.3f} (biased {c['f1_per_class']['biased']:.3f}, not biased "
            f"{c['f1_per_class']['not_biased']:.3f}).",
        ]
    sp = card.get("speed") or {}
    if sp:
        lines += ["", f"Speed (classical path, parse excluded, {sp['sentences']} sentences, cold word caches): "
                  f"{sp['score_per_s']:,} sentences/s scored, {sp['score_and_explain_per_s']:,} sentences/s scored "
                  "and explained (CPU time of one process on the training machine)."]
    lines += [
        "",
        "Published reference: Spinde et al. 2021 report macro-F1 0.804 (fine-tuned BERT with distant supervision, 5-fold CV on all of BABE).",
        "",
        f"Libraries: {', '.join(f'{k} {v}' for k, v in card['libraries'].items() if isinstance(v, str))}.",
        "",
        f"Limits: {card['limits']}",
        "",
        "Rebuild: `framing train loaded --data ../shared/datasets/babe/dev.jsonl`.",
        "",
    ]
    return "\n".join(lines)
