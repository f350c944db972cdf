"""analyze(article) -> Analysis: one parse, then every analyzer of :data:`ANALYZERS` in order.

:data:`ANALYZERS` is an explicit tuple of :class:`~framing.analyzers.AnalyzerSpec`
(no registry): a new analyzer is a subpackage of ``framing/analyzers`` with a
``SPEC`` and one line here. :func:`analyze` is a loop over the tuple; each
analyzer sees the typed sections of the analyzers before it, and a spec whose
``requires`` are not met by then is a configuration error.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from framing.analyzers import (
    AnalyzerSpec,
    Context,
    actors,
    attribution,
    frames,
    loaded_language,
    roles,
    stance,
    techniques,
)
from framing.nlp import parse, pipeline_meta
from framing.resources import Lexicons, Models
from framing.resources import lexicons as lexicon_files
from framing.resources import models as model_files
from framing.schema import SCHEMA_VERSION, Analysis, Article, Section
from framing.version import __version__

__all__ = ["ANALYZERS", "Analysis", "analyze", "analyzer_version", "check_order", "section_types"]

ANALYZERS: tuple[AnalyzerSpec, ...] = (
    actors.SPEC,
    attribution.SPEC,
    loaded_language.SPEC,
    stance.SPEC,
    roles.SPEC,
    frames.SPEC,
    techniques.SPEC,
)


def check_order(specs: Sequence[AnalyzerSpec]) -> None:
    """Raise ValueError when a spec requires an analyzer that does not come before it (or a name repeats)."""
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            raise ValueError(f"analyzer {spec.name!r} is listed twice")
        missing = [r for r in spec.requires if r not in seen]
        if missing:
            raise ValueError(f"analyzer {spec.name!r} requires {', '.join(missing)}, which must run before it")
        seen.add(spec.name)


def section_types(specs: Sequence[AnalyzerSpec] = ANALYZERS) -> dict[str, type]:
    """Section name -> section type, for :meth:`framing.schema.Analysis.from_dict`."""
    return {s.name: s.section for s in specs}


def analyzer_version() -> str:
    """A hash of everything that changes analysis results: code version, schema, lexicons, models.

    The corpus store recomputes a cached analysis when this changes.
    """
    h = hashlib.sha256(__version__.encode())
    h.update(f"schema={SCHEMA_VERSION}".encode())
    for name, digest in sorted(lexicon_files.digests().items()):
        h.update(f"{name}={digest}".encode())
    for name, digest in sorted(model_files.artifact_digests().items()):
        h.update(f"{name}={digest}".encode())
    return h.hexdigest()[:16]


def analyze(article: Article, *, event_actors: Any = None, options: Mapping[str, Any] | None = None,
            lexicons: Lexicons | None = None, models: Models | None = None,
            analyzers: Sequence[AnalyzerSpec] = ANALYZERS) -> Analysis:
    """Run every analyzer over ``article`` and return the :class:`~framing.schema.Analysis`.

    ``event_actors`` optionally overrides the automatic actor merge (the content
    of a ``corpora/<event>/actors.toml`` file); ``options`` are passed to every
    analyzer through its :class:`~framing.analyzers.Context` (e.g. ``use_model=False``);
    ``lexicons``/``models`` inject resources (tests, training); ``analyzers``
    replaces the default tuple.
    """
    check_order(analyzers)
    opts = dict(options or {})
    if event_actors is not None:
        opts["event_actors"] = event_actors
    ctx = Context(parsed=parse(article), lexicons=lexicons or Lexicons(), models=models or Models(), options=opts)
    results: dict[str, Section] = {}
    for spec in analyzers:
        results[spec.name] = spec.analyze(ctx.with_results({r: results[r] for r in spec.requires}))
    provenance = {
        "framing_version": __version__,
        "analyzer_version": analyzer_version(),
        "spacy_pipeline": pipeline_meta(),
        "analyzed_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "lexicons": lexicon_files.digests(),
    }
    return Analysis(article, results, provenance)
