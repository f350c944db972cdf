"""PLACEHOLDER (to be replaced by the loaded-language work): scikit-learn models."""


def artifact_digests() -> dict[str, str]:
    return {}
