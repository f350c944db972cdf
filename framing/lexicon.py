"""PLACEHOLDER (to be replaced by the loaded-language work): lexicon loader."""


def digests() -> dict[str, str]:
    return {}
