"""The sentence classifier's Platt recalibration, its card figures (grouped CV, per-class F1, speed) and the shipped
model's even-handedness on name swaps."""

from __future__ import annotations

import math

import numpy as np
import pytest
from handmade_sentences import FACTUAL, LOADED

from framing.analyzers.loaded_language import model as lm
from framing.analyzers.loaded_language.model import LoadedSentenceClassifier, SentenceRow
from framing.nlp import get_nlp
from framing.resources import models

NAME = "loaded_sentence"


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def test_platt_calibration_by_hand():
    # two distinct scores, logits -1 and +1; 1 positive of 4 at the low score, 4 of 5 at the high one.
    # Platt's targets: positives (5 + 1) / (5 + 2) = 6/7, negatives 1 / (4 + 2) = 1/6. With two distinct inputs the
    # fit reproduces the mean target at each: low (6/7 + 3/6) / 4 = 0.339286, high (4 * 6/7 + 1/6) / 5 = 0.719048,
    # so -a + b = logit(0.339286) = -0.666479 and a + b = logit(0.719048) = 0.939742: a = 0.803110, b = 0.136631.
    lo, hi = _sigmoid(-1.0), _sigmoid(1.0)
    scores = [lo] * 4 + [hi] * 5
    y = [1, 0, 0, 0] + [1, 1, 1, 1, 0]
    c = LoadedSentenceClassifier().calibrate(scores, y)
    assert c.calib_a_ == pytest.approx(0.803110, abs=1e-5)
    assert c.calib_b_ == pytest.approx(0.136631, abs=1e-5)
    out = c._calibrated(np.array([[1 - lo, lo], [1 - hi, hi]]))
    assert out[:, 1] == pytest.approx([0.339286, 0.719048], abs=1e-5)
    assert out.sum(axis=1) == pytest.approx([1.0, 1.0])


def test_calibration_stays_finite_on_separable_scores():
    # perfectly separated; Platt's targets are 3/4 and 1/4, so the fit stays finite; the scores are symmetric about
    # 0.5 (logits -2.20, -1.39, 1.39, 2.20), so b = 0; a solves the score equation sum((p - t) * z) = 0
    c = LoadedSentenceClassifier().calibrate([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])
    assert math.isfinite(c.calib_a_) and c.calib_a_ > 0
    assert c.calib_b_ == pytest.approx(0.0, abs=1e-9)
    sc = np.array([0.1, 0.2, 0.8, 0.9])
    p = c._calibrated(np.column_stack([1 - sc, sc]))[:, 1]
    z, t = np.log(sc / (1 - sc)), np.array([0.25, 0.25, 0.75, 0.75])
    assert float(np.sum((p - t) * z)) == pytest.approx(0.0, abs=1e-8)
    assert p[0] < p[1] < 0.5 < p[2] < p[3]


def test_calibration_rescales_probabilities_and_explanations_alike():
    rows = [SentenceRow(t) for t in LOADED + FACTUAL]
    y = [1] * len(LOADED) + [0] * len(FACTUAL)
    clf = LoadedSentenceClassifier(word_min_df=1, char_min_df=1).fit(rows, y)
    raw = clf.lr_.predict_proba(clf._matrix(rows))[:, 1]
    assert clf.predict_proba(rows)[:, 1] == pytest.approx(raw)  # fit leaves the regression's own probabilities
    probe = [SentenceRow("The vile thugs spewed lies again.")]
    _, (before,) = clf.explain_matrix(probe, top=50)
    clf.calib_a_, clf.calib_b_ = 0.5, -0.25
    p = clf.predict_proba(rows)[:, 1]
    assert p == pytest.approx([_sigmoid(0.5 * _logit(r) - 0.25) for r in raw])
    assert np.all(np.diff(p[np.argsort(raw)]) >= 0)  # a > 0 keeps the ranking
    _, (after,) = clf.explain_matrix(probe, top=50)
    w0 = {(i["start"], i["end"], i["feature"]): i["weight"] for i in before}
    w1 = {(i["start"], i["end"], i["feature"]): i["weight"] for i in after}
    assert w0.keys() == w1.keys() and w0
    for k, w in w0.items():  # contributions to the calibrated log-odds: scaled by a
        assert w1[k] == pytest.approx(0.5 * w)


def test_calibration_refuses_an_inverting_or_exploding_fit():
    inverted = LoadedSentenceClassifier().calibrate([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [1, 1, 1, 0, 0, 0])
    assert (inverted.calib_a_, inverted.calib_b_) == (1.0, 0.0)
    flat = LoadedSentenceClassifier().calibrate([0.5, 0.5001, 0.4999, 0.5002] * 3, [0, 1, 0, 1] * 3)
    assert flat.calib_a_ <= lm.MAX_CALIBRATION_SLOPE


def test_refit_forgets_an_earlier_calibration():
    rows = [SentenceRow(t) for t in LOADED + FACTUAL]
    y = [1] * len(LOADED) + [0] * len(FACTUAL)
    clf = LoadedSentenceClassifier(word_min_df=1, char_min_df=1)
    clf.fit(rows, y).calibrate([0.2, 0.4, 0.6, 0.7], [0, 1, 0, 1])
    assert (clf.calib_a_, clf.calib_b_) != (1.0, 0.0)
    clf.fit(rows, y)
    assert (clf.calib_a_, clf.calib_b_) == (1.0, 0.0)


# ---------------------------------------------------------------- the shipped model and its card


def test_shipped_model_is_calibrated_as_its_card_says():
    card = models.load_card(NAME)
    clf = models.load(NAME)
    cal = card["calibration"]
    assert clf.calib_a_ == pytest.approx(cal["a"], abs=1e-6) and clf.calib_b_ == pytest.approx(cal["b"], abs=1e-6)
    assert 0.3 < cal["a"] < 1.5  # a recalibration, not a different model


def test_card_reports_grouped_folds_per_class_f1_calibration_and_speed():
    card = models.load_card(NAME)
    g = card["cross_validation_grouped"]["model"]
    assert len(g["per_fold_macro_f1"]) == 5
    assert np.mean(g["per_fold_macro_f1"]) == pytest.approx(g["macro_f1"], abs=1e-4)
    # floors at what was measured when this model was trained (grouped 0.751, per class 0.742 / 0.760)
    assert g["macro_f1"] >= 0.75
    assert g["f1_per_class"]["biased"] >= 0.74 and g["f1_per_class"]["not_biased"] >= 0.75
    # the cross-fitted recalibration lowered the calibration error (0.043 -> 0.026 when trained)
    assert g["calibrated"]["ece"] < g["ece"]
    assert card["speed"]["sentences"] >= 1000 and card["speed"]["score_per_s"] > 0


# ---------------------------------------------------------------- even-handedness of the shipped model


@pytest.mark.parametrize("template", [
    "{} met the foreign minister on Tuesday to discuss the agreement.",
    "Officials said {} ordered the strike after a week of attacks on the embassy.",
    "{} called the deal a disaster and vowed to tear it up.",
    "The statement from {} said the sanctions would stay in place.",
])
def test_shipped_model_scores_name_swaps_identically(template):
    nlp = get_nlp()
    clf = models.load(NAME)
    rows = []
    for name in ("Donald Trump", "Hassan Rouhani", "Qassem Soleimani", "Nancy Pelosi"):
        text = template.format(name)
        doc = nlp(text)
        masked = tuple(lm.mask_regions(doc, text))
        assert any(text[a:b].endswith(name.split()[-1]) for a, b in masked), (name, masked)
        rows.append(SentenceRow(text, (), masked))
    p = clf.predict_proba(rows)[:, 1]
    assert np.ptp(p) < 1e-9, p
