"""Model artifact formats: a portable ``.npz`` form, plain pickle, and joblib (read only here).

The format follows the artifact's suffix, as the model card names it:

* ``.npz`` — **portable**: the fitted state of the estimator graph, written
  without pickle. Numeric arrays (coefficients, idf weights, thresholds) are
  stored as ``.npy`` members; large ``str -> number`` dictionaries
  (vocabularies, feature weights) as a key array and a value array; everything
  else (parameters, class names, small dicts) as tagged JSON in the member
  ``__state__``. Loading rebuilds each object with ``cls.__new__`` and its
  saved state, for classes of ``framing`` and ``scikit-learn`` only (and the
  numpy/builtin types they hold as parameters), so a crafted file cannot run
  code, and scikit-learn's ``_sklearn_version`` tag is dropped: constructor parameters
  the saved state lacks get the installed release's defaults; any release
  that keeps the attributes the estimators use at inference
  (``LogisticRegression``: ``coef_``, ``intercept_``, ``classes_``;
  ``TfidfVectorizer``: ``vocabulary_``, ``idf_``) loads it, and numpy 1 or 2
  reads the arrays alike. Limits: a class whose fitted attributes change
  meaning between scikit-learn releases would load but predict differently;
  the shipped models are tested by their analyzers' tests. By default the scikit-learn objects that
  :mod:`framing.resources.npscore` reproduces (vectorizers, tf-idf, logistic regression, pipelines) are not
  rebuilt at all but loaded as numpy scorers of the same state, so scoring needs no scikit-learn import;
  any other scikit-learn class, or a parameter the scorers do not cover, is rebuilt as above.
* ``.pkl`` — plain pickle of the estimator (the C unpickler; fast, but bound to
  the library versions that wrote it).
* ``.joblib`` — what ``joblib.dump`` writes (trainers still write it); read with
  ``joblib.load``.

:func:`load_bytes` is called by :func:`framing.resources.models.load_verified`
only after the sha256 of the bytes matched the card.
"""

from __future__ import annotations

import importlib
import io
import json
import pickle
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from framing.errors import ModelError
from framing.resources import npscore

__all__ = ["FORMATS", "dump_portable", "dumps_portable", "load_bytes", "loads_portable"]

#: suffix -> what it is
FORMATS = {".npz": "portable (arrays + JSON, no pickle)", ".pkl": "plain pickle", ".joblib": "joblib"}

#: module prefixes whose classes a portable artifact may name
_TRUSTED = ("framing.", "sklearn.")
_TRUSTED_TYPES = ("numpy", "builtins")
#: dictionaries with at least this many str keys and numeric values go to arrays
_BIG_DICT = 64
_FORMAT_VERSION = 1


class _Writer:
    def __init__(self) -> None:
        self.arrays: dict[str, np.ndarray] = {}

    def array(self, a: np.ndarray) -> str:
        key = f"a{len(self.arrays)}"
        self.arrays[key] = a
        return key

    def strings(self, items: list[str]) -> dict[str, str]:
        """Strings as one UTF-8 blob and their lengths in characters (a fixed-width ``<U`` array wastes 4 bytes a
        character times the longest string)."""
        blob = "".join(items)
        return {"blob": self.array(np.frombuffer(blob.encode("utf-8"), dtype=np.uint8)),
                "lengths": self.array(np.asarray([len(x) for x in items], dtype=np.int64))}

    def enc(self, o: Any) -> Any:
        if o is None or isinstance(o, bool | str):
            return o
        if isinstance(o, int) and type(o) is int:
            return o
        if isinstance(o, float) and type(o) is float:
            return {"$f": repr(o)} if o != o or o in (float("inf"), float("-inf")) else o
        if isinstance(o, np.generic):
            return {"$np": o.dtype.str, "v": o.item() if o.dtype.kind != "f" else repr(o.item())}
        if isinstance(o, np.ndarray):
            if o.dtype == object:
                if not all(isinstance(x, str) for x in o.flat):
                    raise ModelError("portable artifacts hold object arrays of strings only")
                return {"$strs": self.strings(list(o.flat)), "shape": list(o.shape)}
            return {"$nd": self.array(o)}
        if isinstance(o, list | tuple | set | frozenset):
            tag = {list: "$list", tuple: "$tuple", set: "$set", frozenset: "$frozenset"}[type(o)]
            items = sorted(o, key=repr) if isinstance(o, set | frozenset) else o
            return {tag: [self.enc(x) for x in items]}
        if isinstance(o, dict):
            return self._dict(o)
        if isinstance(o, type):
            return {"$type": _name_of(o)}
        if _is_function(o):
            return {"$ref": _name_of(o)}
        return self._object(o)

    def _dict(self, o: dict) -> Any:
        if len(o) >= _BIG_DICT and all(type(k) is str for k in o):
            vals = list(o.values())
            kinds = {type(v) for v in vals}
            if len(kinds) == 1 and kinds <= {int, float, np.int64, np.int32, np.float64, np.intp}:
                kind = kinds.pop()
                arr = np.asarray(vals, dtype=np.float64 if kind in (float, np.float64) else np.int64)
                return {"$map": self.strings(list(o.keys())), "values": self.array(arr), "scalar": _name_of(kind)}
        if all(type(k) is str for k in o):
            return {"$dict": {k: self.enc(v) for k, v in o.items()}}
        return {"$items": [[self.enc(k), self.enc(v)] for k, v in o.items()]}

    def _object(self, o: Any) -> Any:
        source = getattr(o, "portable_source", None)
        if npscore.is_scorer(o) and source is not None:  # a numpy scorer goes back as the object it was built from
            return {"$obj": source[0], "state": self.enc(dict(sorted(source[1].items())))}
        cls = type(o)
        name = _name_of(cls)
        if not name.startswith(_TRUSTED):
            raise ModelError(f"cannot store a {name} in a portable artifact (only framing and scikit-learn objects)")
        if hasattr(o, "__dict__"):
            getstate = getattr(o, "__getstate__", None)
            state = getstate() if callable(getstate) else vars(o)
            if not isinstance(state, dict):
                state = vars(o)
            state = {k: state[k] for k in sorted(state) if k != "_sklearn_version"}  # sorted: one byte form per state
        else:
            state = {s: getattr(o, s) for s in sorted(_slots(cls)) if hasattr(o, s)}
        return {"$obj": name, "state": self.enc(state)}


def _is_function(o: Any) -> bool:
    return type(o).__name__ in ("function", "builtin_function_or_method", "method_descriptor")


def _slots(cls: type) -> list[str]:
    out: list[str] = []
    for c in cls.__mro__:
        s = c.__dict__.get("__slots__", ())
        out.extend([s] if isinstance(s, str) else s)
    return [s for s in out if s not in ("__dict__", "__weakref__")]


def _name_of(o: Any) -> str:
    module = getattr(o, "__module__", None) or getattr(getattr(o, "__objclass__", None), "__module__", None)
    return f"{module or 'builtins'}:{o.__qualname__}"


def _resolve(name: str, *, trusted: tuple[str, ...]) -> Any:
    module, _, qual = name.partition(":")
    if not (module.startswith(trusted) or module in trusted):
        raise ModelError(f"the artifact names {name}, which is not a framing, scikit-learn or numpy object; refusing it")
    obj: Any = importlib.import_module(module)
    for part in qual.split("."):
        obj = getattr(obj, part)
    return obj


class _Reader:
    def __init__(self, arrays: Any, *, numpy_scoring: bool = True) -> None:
        self.arrays = arrays
        self.numpy_scoring = numpy_scoring

    def dec(self, o: Any) -> Any:
        if not isinstance(o, dict):
            return o
        if "$f" in o:
            return float(o["$f"])
        if "$np" in o:
            v = o["v"]
            return np.dtype(o["$np"]).type(float(v) if isinstance(v, str) else v)
        if "$nd" in o:
            return self.arrays[o["$nd"]]
        if "$strs" in o:
            out = np.empty(len(o["shape"]) and int(np.prod(o["shape"])), dtype=object)
            out[:] = self.strings(o["$strs"])
            return out.reshape(o["shape"])
        for tag, kind in (("$list", list), ("$tuple", tuple), ("$set", set), ("$frozenset", frozenset)):
            if tag in o:
                return kind(self.dec(x) for x in o[tag])
        if "$dict" in o:
            return {k: self.dec(v) for k, v in o["$dict"].items()}
        if "$items" in o:
            return {self.dec(k): self.dec(v) for k, v in o["$items"]}
        if "$map" in o:
            keys = self.strings(o["$map"])
            scalar = _resolve(o["scalar"], trusted=_TRUSTED_TYPES)
            vals = self.arrays[o["values"]]
            values = vals.tolist() if scalar in (int, float) else list(vals.astype(scalar))
            return dict(zip(keys, values))
        if "$type" in o or "$ref" in o:
            name = o.get("$type") or o["$ref"]
            return _resolve(name, trusted=_TRUSTED + _TRUSTED_TYPES)
        if "$obj" in o:
            return self._object(o)
        raise ModelError(f"unknown tag in a portable artifact: {sorted(o)[:3]}")

    def strings(self, ref: dict[str, str]) -> list[str]:
        blob = self.arrays[ref["blob"]].tobytes().decode("utf-8")
        ends = np.cumsum(self.arrays[ref["lengths"]]).tolist()
        return [blob[a:b] for a, b in zip([0, *ends[:-1]], ends)]

    def _object(self, o: dict) -> Any:
        name = o["$obj"]
        if not isinstance(name, str) or not name.startswith(_TRUSTED):
            raise ModelError(f"the artifact names {name}, which is not a framing, scikit-learn or numpy object; refusing it")
        state = self.dec(o["state"])
        if self.numpy_scoring and name.startswith("sklearn."):
            scorer = npscore.build(name, state) if isinstance(state, dict) else None
            if scorer is not None:
                return scorer
            # a real scikit-learn object gets real scikit-learn parts (it may check them)
            state = _Reader(self.arrays, numpy_scoring=False).dec(o["state"])
        cls = _resolve(name, trusted=_TRUSTED)
        if not isinstance(cls, type):
            raise ModelError(f"{name} is not a class")
        obj: Any = object.__new__(cls)
        if hasattr(obj, "__dict__"):
            setstate = getattr(obj, "__setstate__", None)
            if _is_sklearn(cls):
                state = {**_missing_params(cls, state), **state}
            if callable(setstate):
                if _is_sklearn(cls):  # no version warning: the state is the portable one
                    state = {**state, "_sklearn_version": _sklearn_version()}
                setstate(state)
            else:
                obj.__dict__.update(state)
        else:
            for k, v in state.items():
                object.__setattr__(obj, k, v)
        return obj


def _is_sklearn(cls: type) -> bool:
    return any((c.__module__ or "").startswith("sklearn.") for c in cls.__mro__)


def _missing_params(cls: type, state: dict[str, Any]) -> dict[str, Any]:
    """The installed release's defaults of constructor parameters the saved state lacks (a parameter that a later
    release removed, e.g. ``LogisticRegression.multi_class`` in 1.8, is still read by the earlier one)."""
    get_names = getattr(cls, "_get_param_names", None)
    if not callable(get_names):
        return {}
    import inspect  # lazy: only when rebuilding a scikit-learn estimator

    init: Any = cls.__init__  # type: ignore[misc]  # the class's own constructor signature is what we want
    params = inspect.signature(init).parameters
    return {name: params[name].default for name in get_names()
            if name not in state and name in params and params[name].default is not inspect.Parameter.empty}


def _sklearn_version() -> str:
    import sklearn  # lazy: heavy; already imported by any scikit-learn class being rebuilt

    return str(sklearn.__version__)


def dumps_portable(model: Any) -> bytes:
    """The portable ``.npz`` bytes of ``model`` (deterministic for the same model: fixed member order and times)."""
    w = _Writer()
    state = {"format": "framing-portable-model", "version": _FORMAT_VERSION, "root": w.enc(model)}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        members = {"__state__": np.frombuffer(json.dumps(state, sort_keys=True).encode("utf-8"), dtype=np.uint8)}
        members.update(w.arrays)
        for key, arr in members.items():
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arr), allow_pickle=False)
            zf.writestr(info, member.getvalue(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buf.getvalue()


def dump_portable(model: Any, path: Path) -> Path:
    """Write ``model`` to ``path`` in the portable form; the path."""
    path.write_bytes(dumps_portable(model))
    return path


def loads_portable(data: bytes, *, numpy_scoring: bool = True) -> Any:
    """Rebuild a model from portable ``.npz`` bytes (no pickle: ``allow_pickle=False``).

    With ``numpy_scoring`` (the default) each scikit-learn object that :mod:`framing.resources.npscore` reproduces
    becomes a numpy scorer (scikit-learn is not imported for it); ``False`` rebuilds every object as the real
    scikit-learn class (what the tests compare the scorers with)."""
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    state = json.loads(arrays.pop("__state__").tobytes().decode("utf-8"))
    if state.get("format") != "framing-portable-model" or state.get("version") != _FORMAT_VERSION:
        raise ModelError(f"not a framing portable model (format {state.get('format')!r}, version {state.get('version')!r})")
    return _Reader(arrays, numpy_scoring=numpy_scoring).dec(state["root"])


def load_bytes(data: bytes, suffix: str) -> Any:
    """The model in ``data`` (already verified against its card), read by the format its ``suffix`` names."""
    if suffix == ".npz":
        return loads_portable(data)
    if suffix == ".pkl":
        return pickle.loads(data)
    if suffix == ".joblib":
        import joblib  # lazy: heavy (joblib's numpy-aware unpickler), only for artifacts not yet converted

        return joblib.load(io.BytesIO(data))
    raise ModelError(f"unknown model artifact format {suffix!r}; expected one of {', '.join(FORMATS)}")
