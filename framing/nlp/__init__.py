"""The linguistic layer: the only package that runs spaCy's model.

* :mod:`~framing.nlp.parse` — :func:`get_nlp`, :func:`parse` / :func:`parse_many`
  (one cached parse per text), :class:`Parsed`, sentence and paragraph spans;
* :mod:`~framing.nlp.quotes` — :func:`find_quotes`, and :func:`in_quotes`, the one
  test of whether a span lies inside quotation marks;
* :mod:`~framing.nlp.syntax` — dependency-tree helpers shared by the analyzers
  (a verb's subjects, objects, passive agents, negation, noun-phrase and subtree spans);
* :mod:`~framing.nlp.spans` — trimming a character span of whitespace and edge punctuation.
"""

from framing.nlp.parse import (
    MAX_CHARS,
    MODEL_NAMES,
    Parsed,
    clear_cache,
    get_nlp,
    model_name,
    paragraphs,
    parse,
    parse_many,
    pipeline_meta,
    sentences,
)
from framing.nlp.quotes import OPEN_QUOTES, find_quotes, in_quotes

__all__ = [
    "MAX_CHARS",
    "MODEL_NAMES",
    "OPEN_QUOTES",
    "Parsed",
    "clear_cache",
    "find_quotes",
    "get_nlp",
    "in_quotes",
    "model_name",
    "paragraphs",
    "parse",
    "parse_many",
    "pipeline_meta",
    "sentences",
]
