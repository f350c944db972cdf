"""Scoring the shipped models with numpy and scipy.sparse alone, from their portable state (no scikit-learn import).

:func:`framing.resources.modelio.loads_portable` hands every scikit-learn object it meets in a portable ``.npz``
artifact to :func:`build` first. For the classes below, with the parameters the shipped models use, ``build``
returns a small scorer that computes what the scikit-learn object computes at inference — the same operations in
the same order (sparse count matrix built and index-sorted the same way, sublinear tf, idf, row norm, then the
linear decision and the link), so the outputs agree with scikit-learn's up to float rounding (tested to 1e-9 on
corpus sentences for every shipped model). Importing scikit-learn costs about a second; the scorers need numpy
and ``scipy.sparse``, which the analyzers use anyway.

Supported (inference only; anything else makes ``build`` return ``None`` and the loader rebuilds the real
scikit-learn object, which is slower to import but always right):

* ``CountVectorizer`` / ``TfidfVectorizer`` — ``input="content"``; analyzer ``word`` (token pattern, stop words
  given as a list or ``"english"``, n-grams), ``char``, ``char_wb`` or a callable; lowercase; ``strip_accents``
  ``ascii``/``unicode``; ``binary``; ``transform``, ``vocabulary_``, ``idf_``, ``get_feature_names_out``.
* ``TfidfTransformer`` — ``sublinear_tf``, ``idf_`` (when fitted with idf), norm ``l1``/``l2``/``max``/none.
* ``DictVectorizer`` — string, number and iterable-of-string values; ``transform``, ``feature_names_``.
* ``LogisticRegression`` — ``decision_function``, ``predict_proba`` (binary: logistic of the decision; several
  classes: softmax, or one-vs-rest normalisation where the saved ``multi_class`` says so, as the release that
  saved it did), ``predict``, ``coef_``, ``intercept_``, ``classes_``.
* ``Pipeline`` — ``transform`` / ``predict_proba`` / ``decision_function`` / ``predict`` through its steps,
  ``named_steps``, ``steps``, ``classes_``, indexing.

Limits: no fitting; a scorer's parameters are fixed at load. A new scikit-learn class in a retrained model, or a
parameter outside these, falls back to scikit-learn (``npscore_reason`` says why when asked).
"""

from __future__ import annotations

import ast
import importlib.util
import math
import numbers
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

__all__ = ["SUPPORTED", "Unsupported", "build", "expit", "is_scorer", "normalize_rows", "npscore_reason", "scorers_in"]

_VEC = "sklearn.feature_extraction.text:"
_WHITE = re.compile(r"\s\s+")


class Unsupported(ValueError):
    """The saved state uses something the numpy scorers do not reproduce (the loader then uses scikit-learn)."""


def expit(x: np.ndarray) -> np.ndarray:
    """The logistic function 1 / (1 + exp(-x)), as scipy.special.expit computes it for doubles."""
    return 1.0 / (1.0 + np.exp(-x))


def _softmax(x: np.ndarray) -> np.ndarray:
    """Row-wise softmax, in sklearn.utils.extmath.softmax's order (subtract the row max, exp, divide by the sum)."""
    x = x - x.max(axis=1).reshape((-1, 1))
    np.exp(x, out=x)
    x /= x.sum(axis=1).reshape((-1, 1))
    return x


def normalize_rows(X: sparse.csr_matrix, norm: str) -> sparse.csr_matrix:
    """Scale each row of ``X`` in place to unit ``norm``; rows that are all zero stay zero. The l2 sum of squares
    is accumulated left to right within a row, as scikit-learn's compiled row normaliser does."""
    data, ptr = X.data, X.indptr
    for i in range(X.shape[0]):
        a, b = int(ptr[i]), int(ptr[i + 1])
        if a == b:
            continue
        row = data[a:b]
        if norm == "l2":
            s = float(np.add.accumulate(row * row)[-1])
            if s == 0.0:
                continue
            row /= math.sqrt(s)
        elif norm == "l1":
            s = float(np.add.accumulate(np.abs(row))[-1])
            if s == 0.0:
                continue
            row /= s
        else:  # max
            s = float(np.abs(row).max())
            if s == 0.0:
                continue
            row /= s
    return X


def _csr(values: Any, indices: Any, indptr: Any, shape: tuple[int, int], dtype: Any) -> sparse.csr_matrix:
    X = sparse.csr_matrix((values, indices, indptr), shape=shape, dtype=dtype)
    X.sort_indices()
    return X


class _Scorer:
    """Base of the scorers: keeps the scikit-learn name and state it was built from (``portable_source``), so a
    loaded model can be written back to the portable form unchanged."""

    def __init__(self, name: str, state: dict[str, Any]) -> None:
        self.portable_source = (name, state)

    def __repr__(self) -> str:
        return f"npscore[{self.portable_source[0].rpartition(':')[2]}]"

    def __reduce__(self) -> tuple[Any, tuple[str, dict[str, Any]]]:  # pickled as what it was built from
        return _rebuild, self.portable_source


def _rebuild(name: str, state: dict[str, Any]) -> _Scorer:
    cls = SUPPORTED.get(name)
    if cls is None:
        raise Unsupported(f"{name} has no numpy scorer")
    return cls(name, state)


class TfidfTransformerScorer(_Scorer):
    def __init__(self, name: str, st: dict[str, Any]) -> None:
        super().__init__(name, st)
        self.norm = st.get("norm")
        if self.norm not in (None, "l1", "l2", "max"):
            raise Unsupported(f"norm {self.norm!r}")
        self.sublinear_tf = bool(st.get("sublinear_tf", False))
        self.use_idf = bool(st.get("use_idf", True))
        idf = st.get("idf_")
        if self.use_idf and not isinstance(idf, np.ndarray):
            raise Unsupported("fitted with idf but no idf_ array")
        self.idf_ = idf
        self.n_features_in_ = st.get("n_features_in_", None if idf is None else len(idf))

    def transform(self, X: Any, copy: bool = True) -> sparse.csr_matrix:
        if not sparse.issparse(X):
            X = sparse.csr_matrix(np.asarray(X, dtype=np.float64))
        X = sparse.csr_matrix(X, dtype=X.dtype if X.dtype in (np.float32, np.float64) else np.float64, copy=copy)
        if self.n_features_in_ is not None and X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but the transformer expects {self.n_features_in_}")
        if self.sublinear_tf:
            np.log(X.data, X.data)
            X.data += 1.0
        if self.idf_ is not None:
            X.data *= self.idf_[X.indices]
        if self.norm is not None:
            X = normalize_rows(X, self.norm)
        return X


@cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list, read from its source file without importing scikit-learn."""
    spec = importlib.util.find_spec("sklearn")  # a top-level spec: finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise Unsupported("stop_words='english' needs scikit-learn's word list")
    path = Path(next(iter(spec.submodule_search_locations))) / "feature_extraction" / "_stop_words.py"
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "ENGLISH_STOP_WORDS" for t in node.targets):
                call = node.value
                if isinstance(call, ast.Call) and call.args:
                    return frozenset(ast.literal_eval(call.args[0]))
    except (OSError, SyntaxError, ValueError) as exc:
        raise Unsupported(f"cannot read scikit-learn's English stop words: {exc}") from exc
    raise Unsupported("scikit-learn's English stop-word list not found")


def _strip_accents_unicode(s: str) -> str:
    try:
        s.encode("ASCII", errors="strict")
        return s
    except UnicodeEncodeError:
        normalized = unicodedata.normalize("NFKD", s)
        return "".join([c for c in normalized if not unicodedata.combining(c)])


def _strip_accents_ascii(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ASCII", "ignore").decode("ASCII")


class CountVectorizerScorer(_Scorer):
    """``transform`` of a fitted CountVectorizer: documents -> sparse term counts (float64 unless saved otherwise)."""

    def __init__(self, name: str, st: dict[str, Any]) -> None:
        super().__init__(name, st)
        if st.get("input", "content") != "content":
            raise Unsupported(f"input={st.get('input')!r}")
        vocab = st.get("vocabulary_")
        if not isinstance(vocab, dict):
            raise Unsupported("no fitted vocabulary_")
        self.vocabulary_: dict[str, int] = vocab
        self.encoding = st.get("encoding", "utf-8")
        self.decode_error = st.get("decode_error", "strict")
        self.binary = bool(st.get("binary", False))
        self.dtype = st.get("dtype", np.int64)
        self.ngram_range = tuple(st.get("ngram_range", (1, 1)))
        self._analyze = self._analyzer(st)

    def _analyzer(self, st: dict[str, Any]) -> Callable[[str], Iterable[str]]:
        analyzer = st.get("analyzer", "word")
        if callable(analyzer):
            return analyzer
        pre = self._preprocessor(st)
        if analyzer == "char":
            return lambda doc: self._char_ngrams(pre(doc))
        if analyzer == "char_wb":
            return lambda doc: self._char_wb_ngrams(pre(doc))
        if analyzer != "word":
            raise Unsupported(f"analyzer={analyzer!r}")
        tokenizer = st.get("tokenizer")
        if tokenizer is None:
            pattern = re.compile(st.get("token_pattern", r"(?u)\b\w\w+\b"))
            if pattern.groups > 1:
                raise Unsupported("token pattern with more than one group")
            tokenizer = pattern.findall
        elif not callable(tokenizer):
            raise Unsupported(f"tokenizer={tokenizer!r}")
        stop = self._stop_words(st.get("stop_words"))
        tok = tokenizer
        return lambda doc: self._word_ngrams(tok(pre(doc)), stop)

    @staticmethod
    def _preprocessor(st: dict[str, Any]) -> Callable[[str], str]:
        if st.get("preprocessor") is not None:
            if not callable(st["preprocessor"]):
                raise Unsupported("preprocessor is not callable")
            return st["preprocessor"]
        accents = st.get("strip_accents")
        if not accents:
            strip = None
        elif callable(accents):
            strip = accents
        elif accents in ("ascii", "unicode"):
            strip = _strip_accents_ascii if accents == "ascii" else _strip_accents_unicode
        else:
            raise Unsupported(f"strip_accents={accents!r}")
        lower = bool(st.get("lowercase", True))

        def pre(doc: str) -> str:
            if lower:
                doc = doc.lower()
            return strip(doc) if strip is not None else doc

        return pre

    @staticmethod
    def _stop_words(stop: Any) -> frozenset[str] | None:
        if stop is None:
            return None
        if stop == "english":
            return english_stop_words()
        if isinstance(stop, str):
            raise Unsupported(f"stop_words={stop!r}")
        return frozenset(stop)

    def _word_ngrams(self, tokens: list[str], stop_words: frozenset[str] | None) -> list[str]:
        if stop_words is not None:
            tokens = [w for w in tokens if w not in stop_words]
        min_n, max_n = self.ngram_range
        if max_n == 1:
            return tokens
        original = tokens
        if min_n == 1:
            tokens = list(original)
            min_n += 1
        else:
            tokens = []
        n_orig = len(original)
        for n in range(min_n, min(max_n + 1, n_orig + 1)):
            for i in range(n_orig - n + 1):
                tokens.append(" ".join(original[i : i + n]))
        return tokens

    def _char_ngrams(self, text: str) -> list[str]:
        text = _WHITE.sub(" ", text)
        text_len = len(text)
        min_n, max_n = self.ngram_range
        if min_n == 1:
            ngrams = list(text)
            min_n += 1
        else:
            ngrams = []
        for n in range(min_n, min(max_n + 1, text_len + 1)):
            for i in range(text_len - n + 1):
                ngrams.append(text[i : i + n])
        return ngrams

    def _char_wb_ngrams(self, text: str) -> list[str]:
        text = _WHITE.sub(" ", text)
        min_n, max_n = self.ngram_range
        ngrams: list[str] = []
        for w in text.split():
            w = " " + w + " "
            w_len = len(w)
            for n in range(min_n, max_n + 1):
                offset = 0
                ngrams.append(w[offset : offset + n])
                while offset + n < w_len:
                    offset += 1
                    ngrams.append(w[offset : offset + n])
                if offset == 0:  # a short word (shorter than n) counts once
                    break
        return ngrams

    def _decode(self, doc: Any) -> str:
        if isinstance(doc, bytes):
            doc = doc.decode(self.encoding, self.decode_error)
        if doc is np.nan:
            raise ValueError("np.nan is an invalid document, expected byte or unicode string.")
        return doc

    def _counts(self, docs: Iterable[Any]) -> sparse.csr_matrix:
        if isinstance(docs, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        vocab = self.vocabulary_
        j: list[int] = []
        vals: list[int] = []
        indptr = [0]
        for doc in docs:
            counter: dict[int, int] = {}
            for feature in self._analyze(self._decode(doc)):
                idx = vocab.get(feature)
                if idx is not None:
                    counter[idx] = counter.get(idx, 0) + 1
            j.extend(counter.keys())
            vals.extend(counter.values())
            indptr.append(len(j))
        itype = np.int64 if indptr[-1] > np.iinfo(np.int32).max else np.int32
        X = _csr(np.asarray(vals, dtype=np.intc), np.asarray(j, dtype=itype), np.asarray(indptr, dtype=itype),
                 (len(indptr) - 1, len(vocab)), self.dtype)
        if self.binary:
            X.data.fill(1)
        return X

    def transform(self, raw_documents: Iterable[Any]) -> sparse.csr_matrix:
        return self._counts(raw_documents)

    def build_analyzer(self) -> Callable[[Any], Iterable[str]]:
        return lambda doc: self._analyze(self._decode(doc))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray([t for t, _i in sorted(self.vocabulary_.items(), key=itemgetter(1))], dtype=object)


class TfidfVectorizerScorer(CountVectorizerScorer):
    """``transform`` of a fitted TfidfVectorizer: counts, then its TfidfTransformer (``_tfidf``)."""

    def __init__(self, name: str, st: dict[str, Any]) -> None:
        super().__init__(name, st)
        tfidf = st.get("_tfidf")
        if tfidf is None or not callable(getattr(tfidf, "transform", None)):
            raise Unsupported("no fitted _tfidf transformer")
        self._tfidf = tfidf

    @property
    def idf_(self) -> np.ndarray:
        return self._tfidf.idf_

    def transform(self, raw_documents: Iterable[Any]) -> sparse.csr_matrix:
        return self._tfidf.transform(self._counts(raw_documents), copy=False)


class DictVectorizerScorer(_Scorer):
    """``transform`` of a fitted DictVectorizer: feature dicts -> sparse matrix (``f=v`` for strings)."""

    def __init__(self, name: str, st: dict[str, Any]) -> None:
        super().__init__(name, st)
        if not isinstance(st.get("vocabulary_"), dict) or not isinstance(st.get("feature_names_"), list):
            raise Unsupported("no fitted vocabulary_")
        self.vocabulary_: dict[str, int] = st["vocabulary_"]
        self.feature_names_: list[str] = st["feature_names_"]
        self.separator = st.get("separator", "=")
        self.dtype = st.get("dtype", np.float64)
        self.sparse = bool(st.get("sparse", True))

    def _add(self, name: str, value: Any, indices: list[int], values: list[Any]) -> None:
        idx = self.vocabulary_.get(name)
        if idx is not None:
            indices.append(idx)
            values.append(self.dtype(value))

    def transform(self, X: Any) -> Any:
        X = [X] if isinstance(X, Mapping) else X
        indices: list[int] = []
        values: list[Any] = []
        indptr = [0]
        sep = self.separator
        for x in X:
            for f, v in x.items():
                if isinstance(v, str):
                    self._add(f"{f}{sep}{v}", 1, indices, values)
                elif isinstance(v, numbers.Number) or v is None:
                    self._add(f, v, indices, values)
                elif not isinstance(v, Mapping) and isinstance(v, Iterable):
                    for vv in v:
                        if not isinstance(vv, str):
                            raise TypeError(f"Unsupported type {type(vv)} in iterable value. "
                                            "Only iterables of string are supported.")
                        self._add(f"{f}{sep}{vv}", 1, indices, values)
                else:
                    raise TypeError(f"Unsupported value Type {type(v)} for {f}: {v}.")
            indptr.append(len(indices))
        if len(indptr) == 1:
            raise ValueError("Sample sequence X is empty.")
        M = _csr(np.asarray(values, dtype=self.dtype), np.asarray(indices, dtype=np.intc), np.asarray(indptr),
                 (len(indptr) - 1, len(self.vocabulary_)), self.dtype)
        return M if self.sparse else M.toarray()

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray(self.feature_names_, dtype=object)


class LogisticRegressionScorer(_Scorer):
    """Inference of a fitted LogisticRegression from ``coef_``, ``intercept_`` and ``classes_``."""

    def __init__(self, name: str, st: dict[str, Any]) -> None:
        super().__init__(name, st)
        coef, intercept, classes = st.get("coef_"), st.get("intercept_"), st.get("classes_")
        if not (isinstance(coef, np.ndarray) and coef.ndim == 2 and isinstance(classes, np.ndarray)):
            raise Unsupported("no fitted coef_/classes_")
        self.coef_ = coef
        self.intercept_ = intercept if intercept is not None else 0.0
        self.classes_ = classes
        self.n_features_in_ = coef.shape[1]
        multi = st.get("multi_class")  # saved by releases before 1.8 only
        solver = st.get("solver", "lbfgs")
        if multi is not None and multi not in ("ovr", "warn", "auto", "deprecated", "multinomial"):
            raise Unsupported(f"multi_class={multi!r}")
        self._ovr = (len(classes) <= 2 or multi in ("ovr", "warn")
                     or (multi in ("auto", "deprecated") and solver == "liblinear"))

    def decision_function(self, X: Any) -> np.ndarray:
        if not sparse.issparse(X):
            X = np.asarray(X, dtype=np.float64)
            if X.ndim != 2:
                raise ValueError(f"Expected a 2D array, got {X.ndim}D; reshape it")
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but LogisticRegression is expecting "
                             f"{self.n_features_in_} features as input.")
        scores = X @ self.coef_.T
        scores = np.asarray(scores.toarray() if sparse.issparse(scores) else scores) + self.intercept_
        return scores.reshape((-1,)) if scores.ndim > 1 and scores.shape[1] == 1 else scores

    def predict_proba(self, X: Any) -> np.ndarray:
        d = self.decision_function(X)
        if self._ovr:
            prob = expit(d)
            if prob.ndim == 1:
                return np.stack([1 - prob, prob], axis=1)
            prob_sum = prob.sum(axis=1)
            all_zero = prob_sum == 0
            if np.any(all_zero):
                prob[all_zero, :] = 1
                prob_sum[all_zero] = prob.shape[1]
            prob /= prob_sum.reshape((prob.shape[0], -1))
            return prob
        return _softmax(np.c_[-d, d] if d.ndim == 1 else d)

    def predict(self, X: Any) -> np.ndarray:
        scores = self.decision_function(X)
        idx = (scores > 0).astype(int) if scores.ndim == 1 else scores.argmax(axis=1)
        return np.take(self.classes_, idx, axis=0)


class _Steps(dict):
    """``named_steps``: a dict that also answers attribute access, like scikit-learn's Bunch."""

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError as exc:
            raise AttributeError(key) from exc


class PipelineScorer(_Scorer):
    """Inference through a fitted Pipeline's steps (each a scorer or, for an unsupported step, the real object)."""

    def __init__(self, name: str, st: dict[str, Any]) -> None:
        super().__init__(name, st)
        steps = st.get("steps")
        if not isinstance(steps, list) or not steps or not all(isinstance(s, tuple) and len(s) == 2 for s in steps):
            raise Unsupported("no steps")
        if st.get("transform_input") is not None:
            raise Unsupported("transform_input")
        self.steps: list[tuple[str, Any]] = steps
        self.named_steps = _Steps(steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, ind: int | str) -> Any:
        return self.named_steps[ind] if isinstance(ind, str) else self.steps[ind][1]

    @property
    def _final_estimator(self) -> Any:
        return self.steps[-1][1]

    @property
    def classes_(self) -> np.ndarray:
        return self._final_estimator.classes_

    def _through(self, X: Any) -> Any:
        for _name, step in self.steps[:-1]:
            if step is not None and step != "passthrough":
                X = step.transform(X)
        return X

    def transform(self, X: Any) -> Any:
        X = self._through(X)
        last = self._final_estimator
        return X if last is None or last == "passthrough" else last.transform(X)

    def predict_proba(self, X: Any) -> np.ndarray:
        return self._final_estimator.predict_proba(self._through(X))

    def decision_function(self, X: Any) -> np.ndarray:
        return self._final_estimator.decision_function(self._through(X))

    def predict(self, X: Any) -> np.ndarray:
        return self._final_estimator.predict(self._through(X))


#: scikit-learn class (module:qualname as saved) -> scorer class
SUPPORTED: dict[str, type[_Scorer]] = {
    f"{_VEC}CountVectorizer": CountVectorizerScorer,
    f"{_VEC}TfidfVectorizer": TfidfVectorizerScorer,
    f"{_VEC}TfidfTransformer": TfidfTransformerScorer,
    "sklearn.feature_extraction._dict_vectorizer:DictVectorizer": DictVectorizerScorer,
    "sklearn.linear_model._logistic:LogisticRegression": LogisticRegressionScorer,
    "sklearn.pipeline:Pipeline": PipelineScorer,
}


def npscore_reason(name: str, state: Mapping[str, Any]) -> str | None:
    """Why the object ``name`` with ``state`` cannot be scored with numpy, or None when it can."""
    cls = SUPPORTED.get(name)
    if cls is None:
        return f"{name} has no numpy scorer"
    try:
        cls(name, dict(state))
    except Unsupported as exc:
        return f"{name}: {exc}"
    return None


def build(name: str, state: Mapping[str, Any]) -> _Scorer | None:
    """A numpy scorer for the scikit-learn object ``name`` (``module:qualname``) with decoded ``state``, or None
    when this module does not reproduce it (then the caller rebuilds the scikit-learn object)."""
    cls = SUPPORTED.get(name)
    if cls is None:
        return None
    try:
        return cls(name, dict(state))
    except Unsupported:
        return None


def is_scorer(obj: Any) -> bool:
    """Whether ``obj`` is one of this module's scorers (not a scikit-learn object)."""
    return isinstance(obj, _Scorer)


def scorers_in(obj: Any, _seen: set[int] | None = None) -> Sequence[Any]:
    """Every scikit-learn-like object reachable from ``obj`` (attributes, lists, tuples, dicts), scorer or not —
    what a test checks to see that a model takes the numpy path throughout."""
    seen = _seen if _seen is not None else set()
    if id(obj) in seen or obj is None or isinstance(obj, str | bytes | int | float | np.ndarray | np.generic):
        return []
    seen.add(id(obj))
    out: list[Any] = []
    mod = type(obj).__module__ or ""
    if isinstance(obj, _Scorer) or mod.startswith("sklearn."):
        out.append(obj)
    children: Iterable[Any]
    if isinstance(obj, dict):
        children = list(obj.values())
    elif isinstance(obj, list | tuple | set | frozenset):
        children = list(obj)
    elif (hasattr(obj, "__dict__") and not isinstance(obj, type) and not callable(obj)) or isinstance(obj, _Scorer):
        children = [v for k, v in vars(obj).items() if k != "portable_source"]
    else:
        children = []
    for c in children:
        out.extend(scorers_in(c, seen))
    return out
