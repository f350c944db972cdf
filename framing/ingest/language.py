"""Language identification of ingested text (py3langid), and the English-only check.

framing analyzes English; :func:`check_language` refuses text only when the
detector is confident (p > 0.8) that it is another language. Detection uses
py3langid's bundled model (Lui & Baldwin 2012, langid.py) on the first 5,000
characters. No network.
"""

from __future__ import annotations

import functools

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
    from the pickled model file)."""
    from py3langid import langid  # lazy: heavy (numpy model loaded on first use)

    load = getattr(langid, "_load_identifier", None)
    if load is not None:
        return load(norm_probs=True)
    return langid.LanguageIdentifier.from_pickled_model(langid.MODEL_FILE, norm_probs=True)


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

