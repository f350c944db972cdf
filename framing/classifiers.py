# SHIM (redesign): remove in the final pass
"""Moved: the estimator and its features are :mod:`framing.analyzers.loaded_language.model`, artifact loading
:mod:`framing.resources.models`, training :mod:`framing.train.loaded`, dataset readers
:mod:`framing.train.datasets`, cards :mod:`framing.train.cards`, metrics :mod:`framing.evaluate.metrics`.

``WordNgrams`` and ``LoadedSentenceClassifier`` stay importable here so that an artifact pickled under
``framing.classifiers`` still unpickles."""

from __future__ import annotations

import importlib
from typing import Any

from framing.analyzers.loaded_language.model import (
    DENSE_NAMES,
    DEVICE_CATEGORIES,
    LOADED_CATEGORIES,
    MASK_ENT_LABELS,
    MASK_PLACEHOLDER,
    Hit,
    LoadedSentenceClassifier,
    SentenceRow,
    View,
    WordNgrams,
    _char_wb_list,
    dense_features,
    mask_regions,
    masked_view,
    masks_in,
    textblob_scores,
    vader_scores,
)
from framing.resources.models import artifact_digests, load, load_card, load_verified, model_rule
from framing.resources.models import models_dir as _models_dir

LOADED_ARTIFACT = "loaded_sentence.joblib"
LOADED_CARD = "loaded_sentence.card.json"
LOADED_CARD_MD = "loaded_sentence.card.md"



def loaded_card() -> dict[str, Any]:
    return load_card("loaded_sentence")


def load_loaded() -> LoadedSentenceClassifier:
    return load("loaded_sentence")


def loaded_rule() -> str:
    return model_rule("loaded_sentence", "loaded")


#: names now in framing.train / framing.evaluate, resolved on first use so that inference modules importing this shim
#: (attribution_model: ``_models_dir``, ``load_verified``) never import the training code
_MOVED = {
    "train_loaded": "framing.train.loaded", "train_from_rows": "framing.train.loaded", "cross_validate": "framing.train.loaded",
    "baseline_scores": "framing.train.loaded", "rows_for_texts": "framing.train.loaded", "card_markdown": "framing.train.loaded",
    "DEFAULT_PARAMS": "framing.train.loaded", "read_babe": "framing.train.datasets", "read_babe_groups": "framing.train.datasets",
    "text_hash": "framing.train.cards", "training_text_hashes": "framing.train.cards", "macro_f1": "framing.evaluate.metrics",
    "best_threshold": "framing.evaluate.metrics", "expected_calibration_error": "framing.evaluate.metrics",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        # resolved on first use: inference importers of this shim must not import framing.train
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DENSE_NAMES", "DEVICE_CATEGORIES", "LOADED_ARTIFACT", "LOADED_CARD", "LOADED_CARD_MD", "LOADED_CATEGORIES",
           "MASK_ENT_LABELS", "MASK_PLACEHOLDER", "Hit", "LoadedSentenceClassifier", "SentenceRow", "View", "WordNgrams",
           "_char_wb_list", "_models_dir", "artifact_digests", "dense_features", "load_loaded", "load_verified", "loaded_card",
           "loaded_rule", "mask_regions",
           "masked_view", "masks_in", "textblob_scores", "vader_scores", *_MOVED]
