"""Model artifacts (issue 21, items 1-2): the portable ``.npz`` form, plain pickle and joblib, chosen by the suffix
the card names; verified by sha256 before any byte is decoded; a portable file cannot name arbitrary code."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import numpy as np
import pytest

from framing.errors import ModelError
from framing.resources import modelio, models
from framing.train.cards import artifact_entry, save_artifact


@pytest.mark.parametrize("name", list(models.MODELS))
def test_shipped_artifacts_are_portable_and_match_their_cards(name):
    card = models.load_card(name)
    path = models.artifact_path(name)
    assert path.suffix == ".npz" and card["artifact"] == path.name
    assert artifact_entry(path) == {k: card[k] for k in ("artifact", "artifact_sha256", "artifact_bytes")}
    # a fresh rebuild (models.load caches the object, and an analyzer may keep caches on it after use)
    model = modelio.loads_portable(path.read_bytes())
    assert modelio.dumps_portable(model) == path.read_bytes()  # the rebuilt model writes the same bytes
    assert type(models.load(name)) is type(model)


@pytest.mark.parametrize("fmt", [".npz", ".pkl", ".joblib"])
def test_every_format_round_trips_through_load_verified(fmt, tmp_path):
    name = "stance_target_sentiment"
    model = models.load(name)
    out = save_artifact(model, name, tmp_path, fmt=fmt)
    card = artifact_entry(out)
    got = models.load_verified(out, card, type(model), what="the stance model", command="framing train stance")
    assert modelio.dumps_portable(got) == modelio.dumps_portable(model)
    texts = ["the minister [T] praised the deal", "critics said [T] failed badly"]
    assert np.allclose(got.predict_proba(texts), model.predict_proba(texts))


def test_save_artifact_leaves_one_format_per_model(tmp_path):
    model = models.load("stance_target_sentiment")
    save_artifact(model, "m", tmp_path, fmt=".joblib")
    save_artifact(model, "m", tmp_path, fmt=".npz")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.npz"]


def test_artifact_path_follows_the_card_and_defaults_to_joblib(tmp_path):
    assert models.artifact_path("m", tmp_path).name == "m.joblib"  # no card yet: where joblib.dump trainers write
    (tmp_path / "m.card.json").write_text(json.dumps({"artifact": "m.npz"}))
    assert models.artifact_path("m", tmp_path).name == "m.npz"
    (tmp_path / "m.card.json").write_text(json.dumps({"artifact": "../elsewhere/m.npz"}))
    assert models.artifact_path("m", tmp_path).name == "m.joblib"  # a card cannot point outside its folder


def _portable_with_root(root: dict) -> bytes:
    state = {"format": "framing-portable-model", "version": 1, "root": root}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        member = io.BytesIO()
        np.lib.format.write_array(member, np.frombuffer(json.dumps(state).encode(), dtype=np.uint8))
        zf.writestr("__state__.npy", member.getvalue())
    return buf.getvalue()


@pytest.mark.parametrize("root", [
    {"$obj": "os:system", "state": {"$dict": {}}},
    {"$ref": "os:system"},
    {"$type": "subprocess:Popen"},
    {"$obj": "builtins:eval", "state": {"$dict": {}}},
])
def test_a_portable_file_cannot_name_arbitrary_code(root):
    with pytest.raises(ModelError, match=r"refusing|not a class"):
        modelio.loads_portable(_portable_with_root(root))


def test_unknown_suffix_and_undecodable_bytes_are_model_errors(tmp_path):
    p = tmp_path / "m.npz"
    p.write_bytes(b"not a zip")
    card = artifact_entry(p)
    with pytest.raises(ModelError, match="cannot load"):
        models.load_verified(p, card, what="m", command="framing train")
    q = tmp_path / "m.onnx"
    shutil.copy(p, q)
    with pytest.raises(ModelError, match="unknown artifact format"):
        models.load_verified(q, artifact_entry(q), what="m", command="framing train")


def test_parameters_a_later_release_removed_get_the_installed_defaults():
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=0.5).fit(np.array([[0.0], [1.0], [2.0], [3.0]]), [0, 0, 1, 1])
    data = modelio.dumps_portable(lr)
    z = dict(np.load(io.BytesIO(data)))
    state = json.loads(z["__state__"].tobytes())
    del state["root"]["state"]["$dict"]["tol"]  # as if saved by a release without this parameter
    z["__state__"] = np.frombuffer(json.dumps(state).encode(), dtype=np.uint8)
    buf = io.BytesIO()
    np.savez(buf, **z)
    got = modelio.loads_portable(buf.getvalue(), numpy_scoring=False)  # rebuilt as scikit-learn's class
    assert isinstance(got, LogisticRegression)
    assert got.tol == LogisticRegression().tol and got.C == 0.5
    assert np.allclose(got.predict_proba([[1.5]]), lr.predict_proba([[1.5]]))
    fast = modelio.loads_portable(buf.getvalue())  # the numpy scorer does not need the parameter
    assert np.allclose(fast.predict_proba([[1.5]]), lr.predict_proba([[1.5]]))


def test_textblob_scores_without_importing_textblob_are_textblobs():
    pytest.importorskip("textblob.en", reason="TextBlob's own scorer to compare with")
    from textblob.en import sentiment as reference

    from framing.resources.textblob_data import sentiment

    sentences = ["the brutal regime crushed peaceful protesters", "a very good and not bad outcome",
                 "officials said the plan was terribly unfair", "the council met on tuesday", "never happy !"]
    for s in sentences:
        words = s.split()
        assert tuple(sentiment()(words)) == tuple(reference(words)), s


def test_save_artifact_checks_a_freshly_fitted_pipeline(tmp_path):
    # a fitted scikit-learn Pipeline is what trainers and scripts/convert_models.py hand over; the check must
    # rebuild it as a Pipeline (the default reader returns a numpy scorer for it) and the scores must agree
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    texts = ["a fine and good deal", "a bad and awful deal", "good work", "awful work"]
    model = Pipeline([("tfidf", TfidfVectorizer()), ("lr", LogisticRegression())]).fit(texts, [1, 0, 1, 0])
    out = save_artifact(model, "p", tmp_path, fmt=".npz")
    scorer = modelio.loads_portable(out.read_bytes())
    assert type(scorer) is not Pipeline  # the inference form, which the old check compared against
    assert np.allclose(scorer.predict_proba(texts), model.predict_proba(texts))
