"""TextBlob's English sentiment lexicon and Brill tag lexicon, without importing TextBlob.

``import textblob`` imports NLTK and TextBlob's whole API (1.5-2 s cold, and
TextBlob 0.18 then asks for NLTK's WordNet data, which is not installed), but
framing needs only two data files of the TextBlob wheel and its Pattern-based
scorer: ``en/en-sentiment.xml`` (polarity, subjectivity and intensity of
~2,900 adjectives, with negation and modifier rules) and ``en/en-lexicon.txt``
(the Brill lexicon: word -> most frequent Penn tag). This module finds the
installed package without executing it (``importlib.util.find_spec``), loads
its pure-Python ``_text.py`` (standard library only) as a private module, and
builds the same English ``Sentiment`` object TextBlob builds in
``textblob/en/__init__.py`` (including its "terrible" -> "terribly" adverb
entries). Scores are TextBlob's own, to the last digit (a test compares them).

Limits: follows TextBlob's file layout (``_text.py``, ``en/``), stable from
0.15 to 0.20; a TextBlob that moves them makes :func:`sentiment` raise
ModelError naming the file.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Any

from framing.errors import ModelError

__all__ = ["brill_lexicon_path", "sentiment", "textblob_dir", "word_scores"]


def textblob_dir() -> Path:
    """The folder of the installed ``textblob`` package (found, not imported)."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("TextBlob is not installed; install it with: pip install textblob")
    return Path(next(iter(spec.submodule_search_locations)))


def _file(*parts: str) -> Path:
    p = textblob_dir().joinpath(*parts)
    if not p.is_file():
        raise ModelError(f"{p}: not found in the installed TextBlob; reinstall it with: pip install --force-reinstall textblob")
    return p


def brill_lexicon_path() -> Path:
    """``textblob/en/en-lexicon.txt``: the Brill lexicon (``word TAG ...`` per line, ``;`` comments)."""
    return _file("en", "en-lexicon.txt")


@functools.cache
def _text_module() -> ModuleType:
    path = _file("_text.py")
    spec = importlib.util.spec_from_file_location("framing._textblob_text", path)
    if spec is None or spec.loader is None:
        raise ModelError(f"{path}: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ends_in_ly(word: str) -> bool:
    return word.endswith("ly")


@functools.cache
def sentiment() -> Any:
    """TextBlob's English ``Sentiment`` scorer: call it with a list of lower-cased tokens (or a string) to get
    ``(polarity in [-1, 1], subjectivity in [0, 1])``."""
    text = _text_module()
    base: Any = text.Sentiment

    class Sentiment(base):  # as textblob/en/__init__.py defines it (MIT licence, TextBlob authors)
        def load(self, path: str | None = None) -> None:
            base.load(self, path)
            if not path:  # map "terrible" to the adverb "terribly"
                items: list[tuple[str, Any]] = list(dict.items(self))
                for w, pos in items:
                    if "JJ" in pos:
                        if w.endswith("y"):
                            w = w[:-1] + "i"
                        if w.endswith("le"):
                            w = w[:-2]
                        p, s, i = pos["JJ"]
                        self.annotate(w + "ly", "RB", p, s, i)

    return Sentiment(
        path=os.fspath(_file("en", "en-sentiment.xml")),
        synset="wordnet_id",
        negations=("no", "not", "n't", "never"),
        modifiers=("RB",),
        modifier=_ends_in_ly,
        tokenizer=text.find_tokens,
        language="en",
    )


@functools.cache
def word_scores() -> dict[str, tuple[float, float]]:
    """Each word of TextBlob's sentiment lexicon -> ``(polarity in [-1, 1], subjectivity in [0, 1])``: its untagged
    entry, else its first part-of-speech entry (the prior scores the loaded-language rules and span detector read)."""
    out = {}
    for w, by_tag in sentiment().items():
        vals = by_tag.get(None) or next(iter(by_tag.values()))
        out[w] = (float(vals[0]), float(vals[1]))
    return out
