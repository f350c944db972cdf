"""PLACEHOLDER (to be replaced by the actors-and-stance work)."""


def find(parsed, *, overrides=None):
    return ()
