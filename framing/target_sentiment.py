"""Target-dependent sentiment: how a sentence treats one named target (negative / neutral / positive).

What it measures
----------------
Given a sentence and the character span of a target mention in it, the
probability that the sentence speaks of the target negatively, neutrally or
positively (NewsMTSC's three classes; Hamborg & Donnay, EACL 2021). Used by
:mod:`framing.stance` for every sentence in which an actor is mentioned.

Model
-----
A scikit-learn logistic regression (multinomial, balanced classes) over a
sparse bag of *prefixed* features built from one spaCy parse of the sentence:

* ``s:`` words and bigrams of the whole sentence;
* ``w:`` / ``wl:`` / ``wr:`` words in a window of :data:`WINDOW` tokens around
  the target (any side / left / right);
* ``d:`` the target's dependency neighbourhood: its relation and governing
  word (``d:nsubj>criticize``), modifiers of the target (``d:amod<corrupt``),
  words under the governing verb (its object, complements, negation), and the
  governing verb's own governor;
* ``v:`` VADER intensity (compound) of the window and the sentence, binned.

Names never become features: the target is replaced by ``TGT`` and every
other PERSON/ORG/NORP/GPE entity by ``ENT`` (as is any name known from
``lexicons/countries.tsv``), so the model cannot learn that a *name* is good
or bad — the property the symmetry tests rely on.

Known limits: a bag of features, not a reader; sarcasm, long-range irony and
sentiment expressed by quoted speakers are read like the author's words.
Trained on US political news; other domains will do worse.

Literature: Hamborg & Donnay (2021) for the data and task; Jiang et al. (2011)
for target-dependent features from the dependency parse; Hutto & Gilbert
(2014) for VADER.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import importlib.resources
import json
import logging
import math
import platform
from pathlib import Path
from typing import Any, Iterable, Sequence

from framing.errors import DataError, ModelError

log = logging.getLogger(__name__)

CLASSES = ("negative", "neutral", "positive")
WINDOW = 4
ARTIFACT = "stance_target_sentiment.joblib"
CARD = "stance_target_sentiment.card.json"
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "newsmtsc" / "dev.jsonl"
_ENT_LABELS = {"PERSON", "ORG", "NORP", "GPE"}

# A token record: (idx, text, lemma, pos, dep, head index, ent_type). Offsets are relative to the sentence.
Tok = tuple


def tokens_of(span) -> tuple[Tok, ...]:
    """Token records of a spaCy Doc or Span, offsets relative to its first character."""
    base = span[0].idx if len(span) else 0
    first = span[0].i if len(span) else 0
    out = []
    for t in span:
        h = t.head.i - first
        if h < 0 or h >= len(span):
            h = t.i - first
        out.append((t.idx - base, t.text, t.lemma_, t.pos_, t.dep_, h, t.ent_type_))
    return tuple(out)


@functools.cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@functools.cache
def _name_words() -> frozenset[str]:
    from framing import lexicon

    out = set()
    for e in lexicon.load("countries"):
        for cell in (e["term"], e["aliases"], e["demonyms"], e["capitals"]):
            for a in cell.split("|"):
                out.update(w for w in a.split() if w[:1].isupper())
    return frozenset(out)


def _bin(x: float) -> str:
    if x <= -0.5:
        return "nn"
    if x <= -0.05:
        return "n"
    if x < 0.05:
        return "0"
    if x < 0.5:
        return "p"
    return "pp"


def features(toks: Sequence[Tok], target_tokens: Iterable[int], *, others: Iterable[int] = ()) -> str:
    """The feature string of one (sentence, target) pair; tokens joined by spaces.

    ``target_tokens`` are indices of the target mention; ``others`` further
    mentions of the same target (masked as ``TGT`` too).
    """
    tgt = set(target_tokens)
    tgt_all = tgt | set(others)
    names = _name_words()
    n = len(toks)

    def word(i: int) -> str:
        if i in tgt_all:
            return "TGT"
        t = toks[i]
        if t[6] in _ENT_LABELS or t[1] in names:
            return "ENT"
        if t[3] in ("PUNCT", "SPACE", "NUM", "SYM"):
            return ""
        return t[2].lower()

    words = [word(i) for i in range(n)]
    feats: list[str] = []
    seq = [w for w in words if w]
    feats += ["s:" + w for w in seq if w not in ("TGT",)]
    feats += ["b:" + a + "_" + b for a, b in zip(seq, seq[1:])]
    if not tgt:
        return " ".join(feats)
    lo, hi = min(tgt), max(tgt)
    left = [w for w in words[max(0, lo - WINDOW) : lo] if w and w != "TGT"]
    right = [w for w in words[hi + 1 : hi + 1 + WINDOW] if w and w != "TGT"]
    feats += ["wl:" + w for w in left] + ["wr:" + w for w in right] + ["w:" + w for w in left + right]
    # dependency neighbourhood of the target's head token
    head = next((i for i in tgt if toks[i][5] not in tgt or toks[i][5] == i), lo)
    dep = toks[head][4]
    gov = toks[head][5]
    feats.append("d:" + dep)
    if gov != head:
        gw = words[gov] or "_"
        feats.append(f"d:{dep}>{gw}")
        feats.append("d:gov>" + gw)
        # siblings under the governor: objects, complements, negation, adverbs
        for i, t in enumerate(toks):
            if t[5] == gov and i != gov and i not in tgt_all and words[i] and t[4] in ("dobj", "attr", "acomp", "neg", "advmod", "xcomp", "prep", "agent", "nsubj", "nsubjpass", "dative", "ccomp"):
                feats.append(f"d:sib:{t[4]}:{words[i]}")
                if t[4] == "prep":
                    for j, u in enumerate(toks):
                        if u[5] == i and j != i and words[j]:
                            feats.append(f"d:pobj:{words[j]}")
        g2 = toks[gov][5]
        if g2 != gov and words[g2]:
            feats.append("d:gov2>" + words[g2])
    for i, t in enumerate(toks):
        if t[5] in tgt and i not in tgt_all and words[i] and t[4] in ("amod", "appos", "compound", "acl", "relcl", "prep", "nmod"):
            feats.append(f"d:mod<{words[i]}")
    # VADER on the window and the sentence (names masked out)
    v = _vader()
    win = " ".join(w for w in left + right)
    sent = " ".join(w for w in seq if w not in ("TGT", "ENT"))
    feats.append("v:w_" + _bin(v.polarity_scores(win)["compound"]))
    feats.append("v:s_" + _bin(v.polarity_scores(sent)["compound"]))
    return " ".join(feats)


def target_token_indices(toks: Sequence[Tok], start: int, end: int) -> list[int]:
    """Indices of tokens overlapping the character range [start, end) (sentence offsets)."""
    return [i for i, t in enumerate(toks) if t[0] < end and t[0] + len(t[1]) > start]


# --------------------------------------------------------------------------- data


def read_rows(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a NewsMTSC-format JSONL file (sentence, targets[{start,end,polarity,...}])."""
    from framing.evaluate import read_jsonl

    rows = list(read_jsonl(path, required=("sentence", "targets")))
    for k, r in enumerate(rows, 1):
        for t in r["targets"]:
            if not all(x in t for x in ("start", "end", "polarity")):
                raise DataError(f"{path}: row {k}: a target lacks start/end/polarity; use the NewsMTSC format (see datasets/newsmtsc/README.md)")
            if t["polarity"] not in CLASSES:
                raise DataError(f"{path}: row {k}: polarity {t['polarity']!r} is not one of {', '.join(CLASSES)}")
    return rows


def build_examples(rows: Sequence[dict[str, Any]], *, batch_size: int = 256) -> tuple[list[str], list[str], list[str], list[int]]:
    """Parse the sentences once (nlp.pipe) and build (features, labels, sentences, group ids) per target."""
    from framing.nlp import get_nlp

    nlp = get_nlp()
    X, y, sents, groups = [], [], [], []
    for gi, (r, doc) in enumerate(zip(rows, nlp.pipe((r["sentence"] for r in rows), batch_size=batch_size))):
        toks = tokens_of(doc[:])
        for t in r["targets"]:
            ti = target_token_indices(toks, t["start"], t["end"])
            others = [i for fm in t.get("further_mentions", []) or [] for i in target_token_indices(toks, fm["start"], fm["end"])]
            X.append(features(toks, ti, others=others))
            y.append(t["polarity"])
            sents.append(r["sentence"])
            groups.append(gi)
    return X, y, sents, groups


def make_estimator(C: float = 1.0):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    vec = TfidfVectorizer(analyzer=str.split, min_df=2, sublinear_tf=True, lowercase=False)
    clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    return Pipeline([("vec", vec), ("clf", clf)])


def vader_label(sentence: str) -> str:
    """The sentence-level VADER baseline: compound <= -0.05 negative, >= 0.05 positive (Hutto & Gilbert's thresholds)."""
    c = _vader().polarity_scores(sentence)["compound"]
    return "negative" if c <= -0.05 else "positive" if c >= 0.05 else "neutral"


def _metrics(y_true, y_pred) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return {
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=list(CLASSES), average="macro", zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
    }


def cross_validate(X, y, groups, *, folds: int = 5, C: float = 1.0, seed: int = 13) -> dict[str, Any]:
    """Grouped k-fold CV (targets of one sentence stay in one fold); returns pooled and per-fold macro-F1."""
    from sklearn.model_selection import GroupKFold

    import numpy as np

    y = np.asarray(y)
    pred = np.empty_like(y)
    per_fold = []
    gkf = GroupKFold(n_splits=folds)
    for tr, te in gkf.split(X, y, groups):
        est = make_estimator(C).fit([X[i] for i in tr], y[tr])
        p = est.predict([X[i] for i in te])
        pred[te] = p
        per_fold.append(_metrics(y[te], p)["macro_f1"])
    out = _metrics(y, pred)
    out["per_fold_macro_f1"] = per_fold
    out["folds"] = folds
    return out


def _sha256_file(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _models_dir() -> Path:
    return Path(str(importlib.resources.files("framing.models")))


def train(data_path: str | Path | None = None, *, out_dir: str | Path | None = None, folds: int = 5, C: float = 1.0) -> dict[str, Any]:
    """Train the target-sentiment model on NewsMTSC data, cross-validate it, save artifact + card.

    ``data_path`` defaults to ``../shared/datasets/newsmtsc/dev.jsonl``. Returns
    the model card (also written as ``framing/models/stance_target_sentiment.card.json``).
    """
    import joblib
    import sklearn

    path = Path(data_path) if data_path else DEFAULT_DATA
    if not path.exists():
        raise DataError(f"{path}: NewsMTSC data not found; pass --data PATH to a NewsMTSC-format JSONL file")
    rows = read_rows(path)
    log.info("parsing %d sentences", len(rows))
    X, y, sents, groups = build_examples(rows)
    cv = cross_validate(X, y, groups, folds=folds, C=C)
    base = _metrics(y, [vader_label(s) for s in sents])
    est = make_estimator(C).fit(X, y)
    out = Path(out_dir) if out_dir else _models_dir()
    out.mkdir(parents=True, exist_ok=True)
    art = out / ARTIFACT
    joblib.dump(est, art, compress=3)
    from collections import Counter

    card = {
        "name": "stance_target_sentiment",
        "task": "target-dependent sentiment (negative / neutral / positive toward a marked target)",
        "artifact": ARTIFACT,
        "artifact_sha256": _sha256_file(art),
        "trained_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "data": {"path": path.name, "sha256": _sha256_file(path), "sentences": len(rows), "targets": len(y), "labels": dict(Counter(y))},
        "model": {"type": "TF-IDF over prefixed sentence/window/dependency/VADER features + LogisticRegression(class_weight=balanced)", "C": C, "window": WINDOW, "masking": "target -> TGT, other entity names -> ENT"},
        "cv": {"method": f"{folds}-fold GroupKFold by sentence", **cv},
        "baseline_vader_sentence": {"method": "VADER compound of the whole sentence, thresholds +-0.05, measured on the same targets", **base},
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__},
        "literature": "Hamborg & Donnay 2021 (NewsMTSC); Jiang et al. 2011; Hutto & Gilbert 2014 (VADER)",
    }
    (out / CARD).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    load_model.cache_clear()
    return card


@functools.cache
def load_model(models_dir: str | None = None):
    """Load the shipped artifact after checking its sha256 against the card (ModelError otherwise)."""
    import joblib

    d = Path(models_dir) if models_dir else _models_dir()
    card_p, art_p = d / CARD, d / ARTIFACT
    if not card_p.exists() or not art_p.exists():
        raise ModelError(f"{art_p}: the stance model is missing; rebuild it with `framing train stance`")
    card = json.loads(card_p.read_text(encoding="utf-8"))
    if _sha256_file(art_p) != card.get("artifact_sha256"):
        raise ModelError(f"{art_p}: sha256 differs from its model card; rebuild it with `framing train stance`")
    return joblib.load(art_p)


def card() -> dict[str, Any]:
    return json.loads((_models_dir() / CARD).read_text(encoding="utf-8"))


def predict_proba(feature_strings: Sequence[str]):
    """Class probabilities (columns in :data:`CLASSES` order) for feature strings from :func:`features`."""
    import numpy as np

    if not feature_strings:
        return np.zeros((0, 3))
    est = load_model()
    P = est.predict_proba(list(feature_strings))
    order = [list(est.classes_).index(c) for c in CLASSES]
    return P[:, order]


def explain(feature_string: str, k: int = 3) -> list[tuple[str, float]]:
    """The ``k`` features pushing most toward positive minus negative (coef * tf-idf), signed."""
    est = load_model()
    vec, clf = est.named_steps["vec"], est.named_steps["clf"]
    x = vec.transform([feature_string])
    cls = list(clf.classes_)
    w = clf.coef_[cls.index("positive")] - clf.coef_[cls.index("negative")]
    names = vec.get_feature_names_out()
    contrib = [(names[j], float(x[0, j] * w[j])) for j in x.nonzero()[1]]
    contrib.sort(key=lambda t: -abs(t[1]))
    return contrib[:k]
