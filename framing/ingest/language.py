"""Language identification of ingested text (py3langid), and the English-only check.

framing analyzes English; :func:`check_language` refuses text only when the
detector is confident (p > 0.8) that it is another language. Detection uses
py3langid's bundled model (Lui & Baldwin 2012, langid.py) on the first 5,000
characters. No network.

Loading that model means decompressing 68 MB of LZMA (about a second, the largest cost of a cold ``framing score``
after the imports). The decompressed model is therefore kept in the user cache folder
(``platformdirs.user_cache_dir("framing")``, or ``$FRAMING_CACHE_DIR``; ``FRAMING_CACHE_DIR=off`` turns the cache
off) under a name made of py3langid's version and the model file's size and modification time, and read from there
by later processes (about a tenth of the time); the arrays and the identifier are the ones py3langid builds, so
the results are the same (tested). Any problem with the cache (read-only home, a damaged file, another py3langid
layout) falls back to py3langid's own loader.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import lzma
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs

from framing.errors import LanguageError

_LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "nb": "Norwegian", "nl": "Dutch",
    "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "th": "Thai", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


@functools.cache
def _identifier():
    """py3langid's identifier with normalised probabilities (0.4 names its loader ``_load_identifier``; 0.3 builds it
    from the pickled model file); from the decompressed copy in the cache when there is one (:func:`_from_cache`)."""
    from py3langid import langid  # lazy: heavy (numpy model loaded on first use)

    load = getattr(langid, "_load_identifier", None)
    if load is not None:
        cached = _from_cache(langid)
        return cached if cached is not None else load(norm_probs=True)
    return langid.LanguageIdentifier.from_pickled_model(langid.MODEL_FILE, norm_probs=True)


def cache_dir() -> Path | None:
    """Where the decompressed language model is kept (None: caching off, ``FRAMING_CACHE_DIR=off``)."""
    env = os.environ.get("FRAMING_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    return Path(platformdirs.user_cache_dir("framing"))


def _cache_file(model: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    st = model.stat()
    return folder / f"py3langid-{importlib.metadata.version('py3langid')}-{st.st_size}-{st.st_mtime_ns}.npz"


def _from_cache(langid: Any) -> Any:
    """py3langid 0.4's identifier built from the decompressed model in the cache (written on first use), as its
    ``LanguageIdentifier.from_model_file`` builds it; None when that cannot be done (the caller loads it the usual way)."""
    try:
        from py3langid import modelio  # lazy: heavy (numpy model loaded on first use)

        to_array = modelio._to_array
        model = Path(langid.MODEL_DIR) / langid.MODEL_FILE
        path = _cache_file(model)
        if path is None:
            return None
        if not path.is_file():
            _write_cache(model, path)
        with np.load(path, allow_pickle=False) as data:
            ptc, pc, classes = data["ptc"], data["pc"], data["classes"].tolist()
            nextmove, row, output = to_array(data["nextmove"]), to_array(data["nextmove_row"]), data["out_feat"].tolist()
        return langid.LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output,
                                         norm_probs=True, tk_row=row)
    except (OSError, ValueError, KeyError, AttributeError, TypeError, LookupError, importlib.metadata.PackageNotFoundError):
        return None


def _write_cache(model: Path, path: Path) -> None:
    """Decompress ``model`` into ``path`` (atomically: a temporary file renamed), removing older copies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".py3langid-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(model) as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    for old in path.parent.glob("py3langid-*.npz"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability in [0, 1]) from py3langid's bundled model (first 5,000 characters)."""
    lang, prob = _identifier().classify(text[:5000])
    return str(lang), float(prob)


def language_name(code: str) -> str:
    """A readable name for an ISO 639-1 code (the code itself when unknown)."""
    return _LANGUAGE_NAMES.get(code, code)


def check_language(text: str, *, where: str = "the text") -> str:
    """Raise :class:`LanguageError` unless ``text`` is English; return ``"en"``.

    Text is refused only when the detector is confident (p > 0.8) that it is
    another language, so short or mixed English text passes.
    """
    lang, prob = detect_language(text)
    if lang != "en" and prob > 0.8:
        raise LanguageError(
            f"{where} looks like {language_name(lang)} ({lang}, confidence {prob:.2f}), not English; framing analyzes "
            "English text only (pass --any-language, or check_language=False, to analyze it anyway)"
        )
    return "en"

