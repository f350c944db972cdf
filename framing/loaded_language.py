"""PLACEHOLDER (to be replaced by the loaded-language work)."""


class _Empty:
    def to_dict(self):
        return {"per_1000_words": 0.0, "per_1000_words_author": 0.0, "per_1000_words_quoted": 0.0, "spans": [], "sentences": []}


def analyze(parsed, *, quoted=()):
    return _Empty()
