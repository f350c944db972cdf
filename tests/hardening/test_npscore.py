"""Numpy scoring of the shipped models (issue 21, cold start): every shipped model is loaded with numpy scorers in
place of its scikit-learn parts, and those scorers give what scikit-learn gives on the inputs the analyzers really
pass them (recorded while analysing the bundled example articles), within 1e-9."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

import framing
from framing.resources import modelio, models, npscore

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "corpora" / "example").glob("*.txt"))
#: the shipped models with scikit-learn parts (today: the loaded-language sentence model, stance, roles, techniques)
WITH_SKLEARN = tuple(n for n in models.MODELS
                     if any(type(o).__module__.startswith("sklearn.") for o in npscore.scorers_in(
                         modelio.loads_portable(models.artifact_path(n).read_bytes(), numpy_scoring=False))))


def _both(name: str):
    data = models.artifact_path(name).read_bytes()
    return modelio.loads_portable(data), modelio.loads_portable(data, numpy_scoring=False)


def _twins(fast, slow, out: dict[int, object], seen: set[int]) -> None:
    """Map id(scorer) -> the scikit-learn object at the same place of the other tree."""
    if id(fast) in seen:
        return
    seen.add(id(fast))
    if npscore.is_scorer(fast):
        out[id(fast)] = slow
        fast_parts, slow_parts = fast.portable_source[1], vars(slow)
    elif isinstance(fast, list | tuple):
        fast_parts, slow_parts = dict(enumerate(fast)), dict(enumerate(slow))
    elif isinstance(fast, dict):
        fast_parts, slow_parts = fast, slow
    elif type(fast).__module__.startswith("framing.") and hasattr(fast, "__dict__"):
        fast_parts, slow_parts = vars(fast), vars(slow)
    else:
        return
    for k, v in fast_parts.items():
        if k in slow_parts:
            _twins(v, slow_parts[k], out, seen)


def test_shipped_models_with_scikit_learn_parts_are_found():
    assert len(WITH_SKLEARN) >= 3  # several shipped models have vectorizers and linear models to score


@pytest.mark.parametrize("name", list(models.MODELS))
def test_every_shipped_model_takes_the_numpy_path(name):
    fast, slow = _both(name)
    parts = npscore.scorers_in(fast)
    assert not [p for p in parts if not npscore.is_scorer(p)], f"{name} keeps scikit-learn objects: {parts}"
    real = npscore.scorers_in(slow)
    assert all(type(p).__module__.startswith("sklearn.") for p in real)
    assert len(parts) == len(real), f"{name}: every scikit-learn object should become a scorer"
    assert modelio.dumps_portable(fast) == modelio.dumps_portable(slow)  # the same state either way
    again = pickle.loads(pickle.dumps(fast))
    assert modelio.dumps_portable(again) == modelio.dumps_portable(fast)


def _copy(x):
    if sparse.issparse(x):
        return x.copy()
    if isinstance(x, list):
        return [dict(d) if isinstance(d, dict) else d for d in x]
    return x


def _dense(x) -> np.ndarray:
    return np.asarray(x.toarray() if sparse.issparse(x) else x)


@pytest.mark.skipif(not EXAMPLES, reason="corpora/example is not in this checkout")
def test_scorers_agree_with_scikit_learn_on_what_the_analyzers_pass(monkeypatch):
    twins: dict[int, object] = {}
    for name in WITH_SKLEARN:  # the objects the analyzers use (models.load caches them) and their twins
        slow = modelio.loads_portable(models.artifact_path(name).read_bytes(), numpy_scoring=False)
        _twins(models.load(name), slow, twins, set())
    calls: list[tuple[object, str, tuple, object]] = []
    for cls in set(npscore.SUPPORTED.values()):
        for meth in ("transform", "predict_proba", "decision_function"):
            if meth in vars(cls):
                monkeypatch.setattr(cls, meth, _recording(vars(cls)[meth], meth, calls))
    for path in EXAMPLES[:4]:
        framing.analyze(framing.read(str(path)))
    seen = {type(obj).__name__ for obj, *_ in calls}
    present = {type(p).__name__ for name in WITH_SKLEARN for p in npscore.scorers_in(models.load(name))}
    assert present <= seen, f"scorer classes never called by the analyses: {present - seen}"
    rows = 0
    for obj, meth, args, got in calls:
        if id(obj) not in twins:
            continue
        want = getattr(twins[id(obj)], meth)(*args)
        assert _dense(got).shape == _dense(want).shape
        assert np.max(np.abs(_dense(got) - _dense(want)), initial=0.0) <= 1e-9, (type(obj).__name__, meth)
        rows += _dense(got).shape[0]
    assert rows > 100


def _recording(fn, meth, calls):
    def wrapper(self, X, *a, **kw):
        before = _copy(X)
        out = fn(self, X, *a, **kw)
        calls.append((self, meth, (before,), _copy(out)))
        return out
    return wrapper


def test_loading_pipeline_models_imports_no_scikit_learn():
    code = ("import sys\nfrom framing.resources import models\n"
            "for n in ('stance_target_sentiment', 'roles_entity'):\n    models.load(n)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}).stdout
    assert out.strip() == "[]"


def test_an_unsupported_parameter_falls_back_to_scikit_learn():
    fast, _slow = _both("stance_target_sentiment")
    name, state = fast.steps[1][1].portable_source
    assert npscore.build(name, state) is not None
    assert npscore.build(name, {**state, "multi_class": "something-new"}) is None
    assert "multi_class" in str(npscore.npscore_reason(name, {**state, "multi_class": "something-new"}))
    assert npscore.build("sklearn.svm._classes:LinearSVC", {}) is None


def test_english_stop_words_match_scikit_learn():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert npscore.english_stop_words() == ENGLISH_STOP_WORDS


def test_expit_and_row_norm_agree_with_scipy_and_scikit_learn():
    from scipy.special import expit
    from sklearn.preprocessing import normalize

    x = np.random.default_rng(0).normal(scale=8, size=200_000)
    assert np.max(np.abs(npscore.expit(x) - expit(x))) <= 1e-15
    X = sparse.random(300, 500, density=0.05, format="csr", random_state=np.random.RandomState(1))
    got = npscore.normalize_rows(X.copy(), "l2")
    assert np.array_equal(got.toarray(), normalize(X, norm="l2").toarray())
