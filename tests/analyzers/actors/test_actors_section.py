"""The actors section type (framing.schema.sections.actors) and the actors.toml reader (framing.resources.events)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from framing import pipeline
from framing.analyzers import Context
from framing.analyzers import actors as actors_analyzer
from framing.errors import InputError
from framing.ingest import load_text
from framing.nlp import parse
from framing.resources import events
from framing.schema import ActorKind, Analysis
from framing.schema.sections import SECTION_TYPES
from framing.schema.sections.actors import Actor, Actors, Mention

ROOT = Path(__file__).resolve().parents[3]


def test_registered_and_spec():
    assert SECTION_TYPES["actors"] is Actors
    assert actors_analyzer.SPEC.section is Actors and actors_analyzer.SPEC.requires == ()
    assert set(actors_analyzer.SPEC.lexicons) == {"countries", "actor_nouns", "inanimate_heads", "titles",
                                                  "person_nouns"}  # person_nouns: typing (kinds.py)


def test_seed_section_round_trips_to_an_equal_object(seed_parsed):
    sec = actors_analyzer.analyze(Context(parsed=seed_parsed))
    back = Actors.from_dict(json.loads(json.dumps(sec.to_dict())))
    assert back == sec and back.to_dict() == sec.to_dict()
    assert all(isinstance(a.kind, ActorKind) for a in back)
    # head is parse-internal: not serialised, not compared
    m = sec[0].mentions[0]
    assert "head" not in m.to_dict() and back[0].mentions[0].head == -1 and back[0].mentions[0] == m
    # lookups: actor_at works on both; resolve needs the analyzer's name index
    assert back.actor_at(m.start, m.end) == sec.actor_at(m.start, m.end) == sec[0]
    assert sec.resolve(sec[0].name) == sec[0] and back.resolve(sec[0].name) is None


def test_evidence_slices_the_text_and_rules_are_declared(seed_parsed):
    sec = actors_analyzer.analyze(Context(parsed=seed_parsed))
    text = seed_parsed.article.text
    ev = list(sec.evidence())
    assert len(ev) == sum(len(a.mentions) for a in sec)
    for e in ev:
        assert text[e.span.start : e.span.end] == e.quote
        assert actors_analyzer.SPEC.explain(e.rule) is not None
    assert sec.measures(seed_parsed.article) == {}


def test_mention_equality_ignores_head_only():
    a = Mention(0, 4, "Iran", 3, "actors.entity")
    assert a == Mention(0, 4, "Iran", 7, "actors.entity") and hash(a) == hash(Mention(0, 4, "Iran", 7, "actors.entity"))
    assert a != Mention(0, 4, "Iran", 3, "actors.state_name")


def test_analysis_from_dict_restores_typed_actors():
    art = load_text("Iran criticised the United States on Monday. Washington said it would respond.")
    an = pipeline.analyze(art)
    back = Analysis.from_dict(json.loads(an.to_json()))
    assert isinstance(back.sections["actors"], Actors) and back.sections["actors"] == an.sections["actors"]
    assert all(isinstance(a, Actor) for a in back.sections["actors"])


def test_event_file_kinds_are_the_actor_kinds(tmp_path):
    assert tuple(k.value for k in ActorKind) == events.KINDS
    ov = events.load_actor_file(ROOT / "corpora" / "example" / "actors.toml")
    assert ov and all(o["kind"] in events.KINDS for o in ov)
    assert events.coerce_overrides(None) == []
    assert events.coerce_overrides(ROOT / "corpora" / "example" / "actors.toml") == ov
    with pytest.raises(InputError, match="aliases must be a list"):
        events.parse_overrides([{"name": "X", "aliases": "Y"}])
    with pytest.raises(InputError, match="affiliation must be a string"):
        events.parse_overrides({"actor": [{"name": "X", "affiliation": 3}]})


def test_overrides_as_path_or_content_give_the_same_actors():
    p = parse(load_text("Qassem Suleimani was killed. Soleimani led the Quds Force. The IRGC vowed revenge."))
    path = ROOT / "corpora" / "soleimani-2020" / "actors.toml"
    by_path = actors_analyzer.analyze(Context(parsed=p, options={"event_actors": path}))
    by_content = actors_analyzer.analyze(Context(parsed=p, options={"event_actors": events.load_actor_file(path)}))
    assert by_path == by_content and by_path.get("Qassem Soleimani") is not None


def _sizes(folder: Path):
    for f in sorted(folder.glob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        yield f, len(f.read_text(encoding="utf-8").splitlines()), [
            (n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


@pytest.mark.parametrize("folder", ["framing/analyzers/actors", "framing/analyzers/stance"])
def test_no_module_over_800_lines_and_no_function_over_100(folder):
    for f, lines, funcs in _sizes(ROOT / folder):
        assert lines <= 800, (f, lines)
        assert all(n <= 100 for _name, n in funcs), (f, [x for x in funcs if x[1] > 100])
