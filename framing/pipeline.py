"""analyze(article) -> Analysis: an explicit ordered tuple of steps, nothing else.

Order (each step may use the results of the steps before it):

1. ``nlp.parse``                    the one parse of the text
2. ``actors.find``                  actors and their mentions
3. ``attribution.analyze``          quotes, reported speech, sources (uses actors)
4. ``loaded_language.analyze``      loaded terms and sentence scores (uses quoted regions)
5. ``stance.analyze``               stance toward each actor (uses actors, loaded language, quoted regions)

Each analyzer result is a frozen dataclass with ``to_dict()`` producing the
JSON contract of its section. :class:`Analysis` holds them; ``to_dict()`` is the
versioned JSON form (``schema_version``); ``Analysis.from_dict`` restores an
analysis from JSON (sections stay plain dicts), which is how cached analyses
come back from the corpus store.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from framing import __version__
from framing.schema import SCHEMA_VERSION, Article, validate

SECTIONS = ("loaded_language", "actors", "attribution")


def _section_dict(obj: Any) -> Any:
    return obj.to_dict() if hasattr(obj, "to_dict") else obj


@dataclass(frozen=True, eq=False)
class Analysis:
    """An article with every analyzer's result.

    ``sections`` maps section name (``loaded_language``, ``actors``,
    ``attribution``) to the analyzer's result object (or, for an analysis
    restored from JSON, to its dict form).
    """

    article: Article
    sections: Mapping[str, Any]
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def section(self, name: str) -> Any:
        return self.sections.get(name)

    def to_dict(self) -> dict[str, Any]:
        cached = getattr(self, "_dict_cache", None)
        if cached is not None:
            return cached
        d: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "framing_version": __version__,
            "article": self.article.to_dict(),
        }
        for name in SECTIONS:
            if name in self.sections:
                d[name] = _section_dict(self.sections[name])
        for name, obj in self.sections.items():
            if name not in d:
                d[name] = _section_dict(obj)
        d["provenance"] = dict(self.provenance)
        object.__setattr__(self, "_dict_cache", d)
        return d

    def to_json(self, **kw: Any) -> str:
        kw.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kw)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Analysis":
        art = Article.from_dict(d["article"])
        sections = {k: v for k, v in d.items() if k not in ("schema_version", "framing_version", "article", "provenance")}
        return cls(art, sections, dict(d.get("provenance", {})))

    def validate(self) -> list[str]:
        return validate(self.to_dict())

    def _repr_html_(self) -> str:  # pragma: no cover - exercised by the notebooks
        from framing.report import notebook

        return notebook.analysis_html(self)


Step = tuple[str, Callable[..., Any]]


def _steps() -> tuple[Step, ...]:
    from framing import actors, attribution, loaded_language, stance

    return (
        ("actors", actors.find),
        ("attribution", attribution.analyze),
        ("loaded_language", loaded_language.analyze),
        ("stance", stance.analyze),
    )


def analyzer_version() -> str:
    """A hash of everything that changes analysis results: code version, lexicons, models.

    The corpus store recomputes a cached analysis when this changes.
    """
    from framing import lexicon

    h = hashlib.sha256(__version__.encode())
    for name, digest in sorted(lexicon.digests().items()):
        h.update(f"{name}={digest}".encode())
    try:
        from framing import classifiers

        for name, digest in sorted(classifiers.artifact_digests().items()):
            h.update(f"{name}={digest}".encode())
    except ImportError:  # pragma: no cover
        pass
    return h.hexdigest()[:16]


def analyze(article: Article, *, event_actors: Any = None) -> Analysis:
    """Run every analyzer over ``article`` and return the :class:`Analysis`.

    ``event_actors`` optionally overrides the automatic actor merge (the content
    of a ``corpora/<event>/actors.toml`` file, see :func:`framing.actors.load_actor_file`).
    """
    from framing import actors, attribution, loaded_language, stance
    from framing.nlp import parse, pipeline_meta

    parsed = parse(article)
    actor_set = actors.find(parsed, overrides=event_actors)
    attrib = attribution.analyze(parsed, actors=actor_set)
    quoted = attrib.quoted_spans()
    loaded = loaded_language.analyze(parsed, quoted=quoted)
    stances = stance.analyze(parsed, actor_set, loaded=loaded, quoted=quoted)
    provenance = {
        "framing_version": __version__,
        "analyzer_version": analyzer_version(),
        "spacy_pipeline": pipeline_meta(),
        "analyzed_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    }
    try:
        from framing import lexicon

        provenance["lexicons"] = lexicon.digests()
    except ImportError:  # pragma: no cover
        pass
    return Analysis(
        article,
        {"loaded_language": loaded, "actors": stances, "attribution": attrib},
        provenance,
    )
