"""JSON Schema (draft 2020-12) of the analysis and comparison JSON, generated from the types.

:func:`analysis_schema` describes ``Analysis.to_dict()`` (one property per section
registered in :data:`framing.schema.sections.SECTION_TYPES`), :func:`comparison_schema`
describes ``Comparison.to_dict()``. Both are built by walking the frozen dataclasses
(``dataclasses.fields`` + ``typing.get_type_hints``): ``int`` -> integer, ``float`` ->
number, ``str`` -> string, ``bool`` -> boolean, a ``StrEnum`` -> ``enum`` of its values,
``X | None`` -> X or null, ``tuple``/``list`` -> array, ``Mapping[str, X]`` -> object of X,
``Any`` -> any JSON value, a dataclass -> ``{"$ref": "#/$defs/<ClassName>"}``.

A dataclass whose ``to_dict`` writes its fields one to one (same names, every field,
always) needs nothing more: all its fields are ``required`` and the object is closed
(``additionalProperties: false``), so a renamed or an extra key fails validation. Where a
``to_dict`` writes another shape (a :class:`Span` flattened to ``start``/``end``, a renamed
key, a derived key, a key written only sometimes, a section that is a JSON list), the type
declares its JSON shape, either in a ``__json_fields__`` class attribute of its own or (the
built-in types, for now) in :data:`JSON_SHAPES` below, keyed by the type. A shape is a
tuple of ``(key, annotation)`` pairs in ``to_dict`` order, where ``NotRequired[X]`` marks a
key ``to_dict`` does not always write and a ``dict`` is a literal JSON Schema, or one
annotation (``list[Actor]``) for a type whose JSON is not an object.

The shipped files ``framing/schema/analysis.schema.json`` and
``comparison.schema.json`` are this module's output::

    python -m framing.schema.jsonschema --write   # regenerate the shipped files
    python -m framing.schema.jsonschema --check   # exit 1 when they differ from the generated ones

Limits: the schema checks shapes and types, not the offset invariants (every ``quote``
equals its slice of the article text): :func:`framing.schema.validate` checks those. The
open objects (``provenance``, the attribution ``summary``, the comparison's JSON-form rows)
accept any keys. No ``description`` is generated from docstrings, so a docstring edit does
not change the shipped files.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, NotRequired, Union

from framing.schema.analysis import SCHEMA_VERSION, Analysis
from framing.schema.article import Article
from framing.schema.comparison import Comparison, PeerCard
from framing.schema.enums import ActorKind, AttributionType, CueClass, SpeakerKind, StanceLabel, Voice
from framing.schema.errors import SchemaError
from framing.schema.sections import SECTION_TYPES
from framing.schema.sections.actors import Actor, Actors, Mention, Salience
from framing.schema.sections.attribution import Claim, ClaimMarker, Quote, SourceMention
from framing.schema.sections.loaded_language import LoadedSpan, SentenceScore
from framing.schema.sections.stance import ActorStance, LabelSpan, Stance, StanceEvidence
from framing.schema.spans import Evidence, Score, Span

__all__ = ["JSON_SHAPES", "analysis_schema", "check", "comparison_schema", "main", "write"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
HERE = Path(__file__).resolve().parent

#: A JSON object shape: (key, annotation) pairs in to_dict order (NotRequired[X]: not always written;
#: a dict: a literal JSON Schema).
Fields = tuple[tuple[str, Any], ...]


class ContentFragment:
    """One item of ``content_fragments`` in ``Quote.to_dict``: a content span and its text (no type of its own)."""


#: The types whose ``to_dict`` is not their fields one to one: their JSON shape, keyed by the type.
#: Each entry mirrors the ``to_dict`` named in its comment; a test validates real analyses and a
#: comparison against the result, so an entry that drifts from its ``to_dict`` fails there.
JSON_SHAPES: dict[type, Fields | Any] = {
    # Quote.to_dict (sections/attribution.py): each item of content_fragments
    ContentFragment: (("start", int), ("end", int), ("quote", str)),
    # Evidence.to_dict (spans.py): the span flattened to start/end
    Evidence: (("start", int), ("end", int), ("quote", str), ("rule", str), ("weight", float), ("detail", str)),
    # Article.to_dict (article.py): meta written as an object; sha256 and word_count derived
    Article: (
        ("text", str), ("title", str), ("body_start", int), ("url", str | None), ("outlet", str | None),
        ("published", str | None), ("byline", str | None), ("language", str), ("source_sha256", str),
        ("extractor", str), ("extractor_version", str), ("source", str), ("meta", Mapping[str, str]),
        ("sha256", str), ("word_count", int),
    ),
    # Analysis.to_dict (analysis.py): the sections (one key each, written only when the analyzer ran)
    # are spliced in between article and provenance by _analysis_fields
    Analysis: (
        ("schema_version", {"const": SCHEMA_VERSION}), ("framing_version", str), ("article", Article),
        ("provenance", Mapping[str, Any]),
    ),
    # Mention.to_dict (sections/actors.py): text written as quote; head (parse-internal) not written
    Mention: (("start", int), ("end", int), ("quote", str), ("rule", str), ("pronoun", bool), ("possessive", bool)),
    # Actor.to_dict (sections/actors.py): mentions is the named-mention count (salience.mentions), the mentions
    # themselves are mention_spans
    Actor: (
        ("name", str), ("kind", ActorKind), ("aliases", list[str]), ("affiliation", str | None), ("mentions", int),
        ("salience", Salience), ("mention_spans", list[Mention]),
    ),
    # Actors.to_dict (sections/actors.py): a list of actors (lookup is not written)
    Actors: list[Actor],
    # StanceEvidence.to_dict (sections/stance.py): the evidence's keys, then voice
    StanceEvidence: (
        ("start", int), ("end", int), ("quote", str), ("rule", str), ("weight", float), ("detail", str), ("voice", Voice),
    ),
    # LabelSpan.to_dict (sections/stance.py): span flattened to start/end
    LabelSpan: (
        ("term", str), ("start", int), ("end", int), ("quote", str), ("direction", str), ("weight", float),
        ("voice", Voice), ("how", str),
    ),
    # ActorStance.to_dict (sections/stance.py): the two Scores flattened into stance_* keys (quoted ones null when
    # no evidence is in the quoted voice); labels derived from label_spans (label_terms)
    ActorStance: (
        ("name", str), ("stance", float), ("stance_label", StanceLabel), ("stance_method", str),
        ("stance_author", float), ("stance_quoted", float | None), ("stance_quoted_label", StanceLabel | None),
        ("labels", list[str]), ("label_spans", list[LabelSpan]), ("agent", int), ("patient", int),
        ("agent_verbs", list[str]), ("patient_verbs", list[str]), ("evidence", list[StanceEvidence]),
        ("stance_strength", float), ("stance_evaluated_share", float),
    ),
    # Stance.to_dict (sections/stance.py): a list, one entry per actor
    Stance: list[ActorStance],
    # Quote.to_dict (sections/attribution.py): spans flattened to *_start/*_end (null when absent), content
    # fragments with their text, cue_class "" when None, speaker_rule written only when set
    Quote: (
        ("start", int), ("end", int), ("quote", str), ("type", AttributionType), ("speaker", str), ("speaker_kind", SpeakerKind),
        ("actor", str | None), ("cue", str), ("cue_class", CueClass | Literal[""]),
        ("cue_weight", float), ("speaker_start", int | None), ("speaker_end", int | None), ("speaker_text", str),
        ("cue_start", int | None), ("cue_end", int | None), ("content_start", int), ("content_end", int),
        ("content", str), ("content_fragments", list[ContentFragment]),
        ("act", str), ("rule", str), ("speaker_rule", NotRequired[str]), ("speaker_confidence", float),
    ),
    # SourceMention.to_dict (sections/attribution.py): span flattened
    SourceMention: (("start", int), ("end", int), ("quote", str), ("term", str | None), ("rule", str), ("cue", str)),
    # ClaimMarker.to_dict (sections/attribution.py): span flattened
    ClaimMarker: (("start", int), ("end", int), ("quote", str), ("kind", str), ("rule", str)),
    # Claim.to_dict (sections/attribution.py): span flattened
    Claim: (
        ("start", int), ("end", int), ("quote", str), ("kinds", list[str]), ("markers", list[ClaimMarker]),
        ("rule", str),
    ),
    # LoadedSpan.to_dict (sections/loaded_language.py): span flattened
    LoadedSpan: (
        ("start", int), ("end", int), ("quote", str), ("category", str), ("rule", str), ("weight", float),
        ("voice", Voice), ("alternative", str), ("direction", str), ("negated", bool), ("sentence", int),
        ("term", str),
    ),
    # SentenceScore.to_dict (sections/loaded_language.py): span flattened
    SentenceScore: (("start", int), ("end", int), ("score", float), ("voice", Voice), ("evidence", list[Evidence])),
    # PeerCard.to_dict (comparison.py): reason and rule written only for a peer set aside
    PeerCard: (
        ("id", str), ("title", str), ("outlet", str | None), ("lean", str | None), ("url", str | None),
        ("published", str | None), ("word_count", int), ("sha256", str), ("text_kind", str | None),
        ("similarity", float), ("in_measures", bool), ("reason", NotRequired[str | None]),
        ("rule", NotRequired[str | None]),
    ),
    # Comparison.to_dict (comparison.py): kind is the class constant "comparison", written after framing_version
    Comparison: (
        ("schema_version", str), ("framing_version", str), ("kind", {"const": Comparison.kind}),
        *((k, typing.get_type_hints(Comparison)[k]) for k in Comparison.KEYS),
    ),
}


class _Builder:
    """Collects ``$defs`` while turning annotations into JSON Schema."""

    def __init__(self, sections: Mapping[str, type]) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, type] = {}
        self.sections = dict(sections)

    def ref(self, tp: type) -> dict[str, Any]:
        """``$ref`` to the ``$defs`` entry of a dataclass or enum (built on first use)."""
        name = tp.__name__
        owner = self.owners.get(name)
        if owner is not None and owner is not tp:
            raise SchemaError(f"two types are named {name!r} ({owner.__module__} and {tp.__module__})")
        if owner is None:
            self.owners[name] = tp
            self.defs[name] = {}  # placeholder: recursion stops here
            self.defs[name] = self.build(tp)
        return {"$ref": f"#/$defs/{name}"}

    def build(self, tp: type) -> dict[str, Any]:
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [str(m.value) for m in tp]}
        shape = _declared_shape(tp)
        if shape is None:
            if not dataclasses.is_dataclass(tp):
                raise SchemaError(f"no JSON shape for {tp.__module__}.{tp.__qualname__}: not a dataclass; add it to JSON_SHAPES")
            hints = typing.get_type_hints(tp)
            shape = tuple((f.name, hints[f.name]) for f in dataclasses.fields(tp))
        if tp is Analysis:
            shape = _analysis_fields(shape, self.sections)
        if isinstance(shape, tuple):
            return {"title": tp.__name__, **self.obj(shape)}
        return {"title": tp.__name__, **self.schema(shape)}

    def obj(self, shape: Fields) -> dict[str, Any]:
        """A closed object: every key ``required`` unless ``NotRequired``."""
        props: dict[str, Any] = {}
        required: list[str] = []
        for key, ann in shape:
            origin: Any = typing.get_origin(ann)  # typed Any: mypy cannot compare a special form with get_origin's result
            if origin is NotRequired:
                ann = typing.get_args(ann)[0]
            else:
                required.append(key)
            props[key] = self.schema(ann)
        return {"type": "object", "properties": props, "required": required, "additionalProperties": False}

    def schema(self, ann: Any) -> dict[str, Any]:
        """JSON Schema of one annotation (see the module docstring for the mapping)."""
        if isinstance(ann, dict):
            return ann
        if ann is Any:
            return {}
        simple = {bool: "boolean", int: "integer", float: "number", str: "string", type(None): "null"}
        if ann in simple:
            return {"type": simple[ann]}
        origin, args = typing.get_origin(ann), typing.get_args(ann)
        if origin in (Union, types.UnionType):
            return self.union(args)
        if origin is Literal:
            return {"const": args[0]} if len(args) == 1 else {"enum": list(args)}
        if origin in (tuple, list) or (isinstance(origin, type) and issubclass(origin, Sequence) and origin is not str):
            item = args[0] if args else Any
            if origin is tuple and args and (len(args) != 2 or args[1] is not Ellipsis):
                raise SchemaError(f"fixed-length tuple {ann!r} has no JSON shape here; add it to JSON_SHAPES")
            return {"type": "array", "items": self.schema(item)}
        if (isinstance(origin, type) and issubclass(origin, Mapping)) or ann is dict:
            value = args[1] if len(args) == 2 else Any
            return {"type": "object"} if value is Any else {"type": "object", "additionalProperties": self.schema(value)}
        if isinstance(ann, type) and (dataclasses.is_dataclass(ann) or issubclass(ann, enum.Enum) or _declared_shape(ann) is not None):
            return self.ref(ann)
        raise SchemaError(f"no JSON shape for the annotation {ann!r}; add its type to JSON_SHAPES")

    def union(self, args: tuple[Any, ...]) -> dict[str, Any]:
        """``X | None`` as ``{"type": [x, "null"]}`` for a simple X, else ``anyOf``."""
        parts = [self.schema(a) for a in args]
        if all(set(p) == {"type"} and isinstance(p["type"], str) for p in parts):
            return {"type": [p["type"] for p in parts]}
        return {"anyOf": parts}


def _declared_shape(tp: type) -> Any:
    """The JSON shape ``tp`` declares itself (a ``__json_fields__`` class attribute of its own, same form as a
    :data:`JSON_SHAPES` value), else its :data:`JSON_SHAPES` entry, else None (its fields one to one)."""
    own = vars(tp).get("__json_fields__")
    return own if own is not None else JSON_SHAPES.get(tp)


def _analysis_fields(shape: Fields, sections: Mapping[str, type]) -> Fields:
    """The Analysis keys with one ``NotRequired`` key per section (an analysis has the sections of the analyzers
    that ran), between ``article`` and ``provenance`` as ``Analysis.to_dict`` writes them."""
    head = tuple(kv for kv in shape if kv[0] != "provenance")
    tail = tuple(kv for kv in shape if kv[0] == "provenance")
    return head + tuple((name, NotRequired[typ]) for name, typ in sections.items()) + tail


def _document(root: type, title: str, sections: Mapping[str, type], shared: Sequence[type]) -> dict[str, Any]:
    b = _Builder(sections)
    for tp in shared:  # the shared shapes come first in $defs, whether or not the root refers to them
        b.ref(tp)
    body = b.build(root)
    b.defs.pop(root.__name__, None)
    return {"$schema": DRAFT, "title": title, **{k: v for k, v in body.items() if k != "title"}, "$defs": b.defs}


_SHARED: tuple[type, ...] = (Span, Evidence, Score)


def analysis_schema(section_types: Mapping[str, type] | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``Analysis.to_dict()``; one optional property per section type
    (default: :data:`framing.schema.sections.SECTION_TYPES`)."""
    sections = SECTION_TYPES if section_types is None else section_types
    return _document(Analysis, f"framing analysis (schema_version {SCHEMA_VERSION})", sections, _SHARED)


def comparison_schema(section_types: Mapping[str, type] | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``Comparison.to_dict()`` (its target carries a whole analysis)."""
    sections = SECTION_TYPES if section_types is None else section_types
    return _document(Comparison, f"framing comparison (schema_version {SCHEMA_VERSION})", sections, _SHARED)


#: The shipped files: name (beside this module) -> generator.
FILES: dict[str, Callable[[], dict[str, Any]]] = {
    "analysis.schema.json": analysis_schema,
    "comparison.schema.json": comparison_schema,
}


def dumps(schema: Mapping[str, Any]) -> str:
    """The text of a shipped schema file (2-space indent, keys in generation order, final newline)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(folder: Path = HERE) -> list[Path]:
    """Write every schema file into ``folder``; return the paths."""
    out = []
    for name, make in FILES.items():
        p = folder / name
        p.write_text(dumps(make()), encoding="utf-8")
        out.append(p)
    return out


def check(folder: Path = HERE) -> list[str]:
    """Names of the shipped schema files in ``folder`` that are missing or differ from the generated ones."""
    stale = []
    for name, make in FILES.items():
        p = folder / name
        if not p.is_file() or p.read_text(encoding="utf-8") != dumps(make()):
            stale.append(name)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m framing.schema.jsonschema", description=__doc__.splitlines()[0] if __doc__ else None)
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="regenerate the shipped schema files")
    group.add_argument("--check", action="store_true", help="exit 1 when a shipped schema file differs from the generated one")
    args = ap.parse_args(argv)
    if args.write:
        for p in write():
            print(f"wrote {p}")
        return 0
    if args.check:
        stale = check()
        for name in stale:
            print(f"{name} differs from the generated schema: run python -m framing.schema.jsonschema --write", file=sys.stderr)
        return 1 if stale else 0
    print(dumps(analysis_schema()), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
