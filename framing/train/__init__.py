"""Training: dataset readers, model cards, one trainer per shipped model. Offline; never imported by inference.

* :mod:`framing.train.datasets` -- readers of the labelled data (a generic JSON
  Lines reader, BABE), each failing with a one-line :class:`~framing.errors.DataError`;
* :mod:`framing.train.cards` -- the one model card format (JSON beside the
  artifact, Markdown for people) and the text hashes that let an evaluation tell
  rows seen in training;
* :mod:`framing.train.loaded` -- the loaded-language sentence classifier
  (``framing train loaded``); the other trainers sit beside it, one per model.

A trainer evaluates a candidate model by injecting it into the analyzer's
:class:`framing.analyzers.Context` (``Models({name: candidate})``), writes the
artifact with ``joblib`` and its card, and the shipped loader
(:func:`framing.resources.models.load_verified`) refuses any artifact whose
sha256 is not the card's. No path to data outside the package is built in:
the caller (the CLI) passes the data file.
"""
