"""Training and the artifact of the stance sentence model (framing.train.stance), on tiny data in a temporary folder."""

from __future__ import annotations

import json

import pytest
from sklearn.base import clone
from sklearn.pipeline import Pipeline

from framing.analyzers.stance import model as ts
from framing.errors import DataError
from framing.nlp import get_nlp
from framing.resources import modelio, models
from framing.train import stance as train_stance

ROWS = [
    ("Critics said Smith lied and cheated the voters again.", 13, 18, "negative"),
    ("Smith was praised for honest and generous work.", 0, 5, "positive"),
    ("Smith will travel to Ohio on Tuesday.", 0, 5, "neutral"),
    ("Observers said Jones lied and cheated the voters.", 15, 20, "negative"),
    ("Jones was praised for generous and honest service.", 0, 5, "positive"),
    ("Jones will travel to Texas on Monday.", 0, 5, "neutral"),
    ("Voters said Brown lied and cheated them.", 12, 17, "negative"),
    ("Brown was praised for honest, generous leadership.", 0, 5, "positive"),
    ("Brown will travel to Maine on Friday.", 0, 5, "neutral"),
]


def _write(path, rows):
    path.write_text("\n".join(json.dumps({"sentence": s, "targets": [{"start": a, "end": b, "polarity": p}]})
                              for s, a, b, p in rows), encoding="utf-8")


def test_train_writes_a_verified_sklearn_artifact_and_card(tmp_path):
    data = tmp_path / "mini.jsonl"
    _write(data, ROWS)
    out = tmp_path / "models"
    card = train_stance.train(data, out_dir=out, folds=3)
    assert card["name"] == ts.MODEL and card["artifact"] == ts.ARTIFACT and card["data"]["targets"] == len(ROWS)
    assert 0 <= card["cv"]["macro_f1"] <= 1 and len(card["cv"]["per_fold_macro_f1"]) == 3
    assert json.loads((out / train_stance.CARD).read_text(encoding="utf-8")) == card
    est = models.load_verified(out / ts.ARTIFACT, card, Pipeline, what="the stance model", command="framing train stance")
    P = ts.predict_proba(est, [ts.features(ts.tokens_of(_doc("Critics said Smith lied.")[:]), [2])])
    assert P.shape == (1, 3) and abs(P.sum() - 1) < 1e-6
    clone(est)  # the scikit-learn estimator contract


def _doc(text):
    return get_nlp()(text)


def test_bad_training_data_is_a_one_line_data_error(tmp_path):
    with pytest.raises(DataError, match="not found"):
        train_stance.train(tmp_path / "missing.jsonl", out_dir=tmp_path)
    bad = tmp_path / "bad.jsonl"
    _write(bad, [("Smith left.", 0, 5, "angry")])
    with pytest.raises(DataError, match="polarity 'angry'"):
        train_stance.train(bad, out_dir=tmp_path)
    with pytest.raises(DataError, match="--data"):
        train_stance.train(None)  # the library holds no default path to the shared data: the CLI passes one


def test_shipped_artifact_holds_only_sklearn_objects():
    # rebuilt as scikit-learn objects (inference itself loads numpy scorers of the same state: tests/hardening)
    est = modelio.loads_portable(models.artifact_path(ts.MODEL).read_bytes(), numpy_scoring=False)
    assert isinstance(est, Pipeline)
    for _name, step in est.steps:
        assert type(step).__module__.startswith("sklearn."), type(step)
    assert list(est.classes_) == sorted(ts.CLASSES)
