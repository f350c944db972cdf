"""The shipped JSON Schemas (framing/schema/*.schema.json): generated from the types, and real output validates.

* the shipped files equal what :mod:`framing.schema.jsonschema` generates (``--check``), and are valid draft 2020-12;
* the analysis JSON of the example corpus (7 articles), of the seed and of 10 shared-corpus records validates
  against the analysis schema; a comparison of the example corpus (with an off-story peer set aside) against the
  comparison schema;
* side by side, a renamed key, a wrong enum value, a missing required key and a string where a number belongs
  each fail validation (the unchanged document passes);
* a new section type appears in the schema without touching the generator.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, NotRequired

import pytest
from conftest import shared_path
from jsonschema import Draft202012Validator

import framing
from framing.comparison import compare
from framing.corpus import article_from_record
from framing.resources.events import load_actor_file
from framing.schema import SchemaError, Span, Voice
from framing.schema import jsonschema as gen
from framing.schema.sections import SECTION_TYPES

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "corpora" / "example"
OFF_STORY = ("Cup final goes to penalties\n\nThe league final went to penalties after a goalless draw on Saturday; "
             "the striker missed twice and the keeper saved three as the home side lifted the trophy. Fans sang long "
             "after the whistle, and the coach said the squad had earned a rest before the new season begins.")


def _shipped(name: str) -> dict[str, Any]:
    return json.loads(resources.files("framing.schema").joinpath(name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def analysis_validator() -> Draft202012Validator:
    return Draft202012Validator(_shipped("analysis.schema.json"))


@pytest.fixture(scope="module")
def comparison_validator() -> Draft202012Validator:
    return Draft202012Validator(_shipped("comparison.schema.json"))


@pytest.fixture(scope="module")
def example_analyses() -> list[framing.Analysis]:
    actors = load_actor_file(EXAMPLE / "actors.toml")
    rows = [json.loads(line) for line in (EXAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [framing.analyze(article_from_record(r, where=f"example:{r['id']}", event="example"), event_actors=actors)
            for r in rows]


def _errors(validator: Draft202012Validator, doc: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(doc)]


# --------------------------------------------------------------------------- the shipped files


def test_shipped_files_equal_the_generated_ones():
    assert gen.check() == [], "run: python -m framing.schema.jsonschema --write"
    assert _shipped("analysis.schema.json") == gen.analysis_schema()
    assert _shipped("comparison.schema.json") == gen.comparison_schema()
    assert gen.main(["--check"]) == 0


def test_check_reports_a_stale_file(tmp_path):
    gen.write(tmp_path)
    assert gen.check(tmp_path) == []
    p = tmp_path / "analysis.schema.json"
    p.write_text(p.read_text(encoding="utf-8").replace('"quote"', '"text"'), encoding="utf-8")
    assert gen.check(tmp_path) == ["analysis.schema.json"]


@pytest.mark.parametrize("name", ["analysis.schema.json", "comparison.schema.json"])
def test_shipped_files_are_valid_draft_2020_12(name):
    schema = _shipped(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    for shared in ("Span", "Evidence", "Score", "Voice", "StanceLabel"):
        assert shared in schema["$defs"]


def test_the_analysis_schema_has_one_property_per_registered_section():
    props = gen.analysis_schema()["properties"]
    assert list(props) == ["schema_version", "framing_version", "article", *SECTION_TYPES, "provenance"]
    assert gen.analysis_schema()["required"] == ["schema_version", "framing_version", "article", "provenance"]
    assert gen.analysis_schema()["$defs"]["Voice"] == {"type": "string", "enum": [str(v) for v in Voice]}


# --------------------------------------------------------------------------- real output validates


def test_example_corpus_analyses_validate(analysis_validator, example_analyses):
    assert len(example_analyses) == 7
    for a in example_analyses:
        d = json.loads(a.to_json())  # through JSON text, as a consumer reads it
        assert _errors(analysis_validator, d) == [], a.article.title


@pytest.mark.shared
def test_seed_analysis_validates(analysis_validator):
    a = framing.analyze(framing.load_path(shared_path("seed", "soleimani-cgpi.txt")))
    assert _errors(analysis_validator, json.loads(a.to_json())) == []


@pytest.mark.shared
@pytest.mark.slow
def test_shared_corpus_analyses_validate(analysis_validator, corpus_rows):
    actors = load_actor_file(REPO / "corpora" / "soleimani-2020" / "actors.toml")
    for rec in corpus_rows[:10]:
        art = article_from_record(rec, where=f"corpus:{rec['id']}", event="soleimani-2020", check_language=False)
        d = json.loads(framing.analyze(art, event_actors=actors).to_json())
        assert _errors(analysis_validator, d) == [], rec["id"]


def test_example_comparison_validates(comparison_validator, example_analyses):
    off_story = framing.analyze(framing.load_text(OFF_STORY))
    c = compare(example_analyses[0], [*example_analyses[1:], off_story])
    assert len(c.peers) == 6 and len(c.set_aside) == 1  # the set-aside card writes reason and rule
    d = json.loads(json.dumps(c.to_dict(), ensure_ascii=False))
    assert _errors(comparison_validator, d) == []


# --------------------------------------------------------------------------- what fails


def _rename(key_from: str, key_to: str):
    def change(d: dict[str, Any]) -> None:
        m = d["actors"][0]["mention_spans"][0]
        m[key_to] = m.pop(key_from)
    return change


def _set(path: tuple[Any, ...], value: Any):
    def change(d: dict[str, Any]) -> None:
        target = d
        for k in path[:-1]:
            target = target[k]
        target[path[-1]] = value
    return change


def _drop(path: tuple[Any, ...]):
    def change(d: dict[str, Any]) -> None:
        target = d
        for k in path[:-1]:
            target = target[k]
        del target[path[-1]]
    return change


BROKEN = {
    "renamed key (mention quote -> text)": (_rename("quote", "text"), "actors/0/mention_spans/0"),
    "wrong enum value (voice)": (_set(("loaded_language", "spans", 0, "voice"), "narrator"), "loaded_language/spans/0/voice"),
    "wrong enum value (actor kind)": (_set(("actors", 0, "kind"), "celebrity"), "actors/0/kind"),
    "missing required key (stance_label)": (_drop(("stance", 0, "stance_label")), "stance/0"),
    "missing required key (article text)": (_drop(("article", "text")), "article"),
    "string where a number belongs": (_set(("loaded_language", "per_1000_words"), "3.2"), "loaded_language/per_1000_words"),
    "string where an integer belongs (offset)": (_set(("attribution", "quotes", 0, "start"), "12"), "attribution/quotes/0/start"),
    "unknown section": (_set(("sentiment",), {}), ""),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_analysis_fails_beside_the_intact_one(case, analysis_validator, example_analyses):
    change, where = BROKEN[case]
    intact = json.loads(example_analyses[1].to_json())  # the hawkish article: quotes, loaded spans, stance
    broken = copy.deepcopy(intact)
    change(broken)
    assert _errors(analysis_validator, intact) == []
    errors = _errors(analysis_validator, broken)
    assert errors, f"{case}: validated"
    assert any(e.split(": ", 1)[0] == where for e in errors), errors


def test_broken_comparison_fails(comparison_validator, example_analyses):
    d = json.loads(json.dumps(compare(example_analyses[0], example_analyses[1:]).to_dict()))
    assert _errors(comparison_validator, d) == []
    for change in (_set(("kind",), "analysis"), _set(("measures", "loaded_per_1000_author", "peers", "n"), "6"),
                   _drop(("same_story", "method")), _rename_peer_key("similarity", "cosine")):
        broken = copy.deepcopy(d)
        change(broken)
        assert _errors(comparison_validator, broken)


def _rename_peer_key(key_from: str, key_to: str):
    def change(d: dict[str, Any]) -> None:
        d["peers"][0][key_to] = d["peers"][0].pop(key_from)
    return change


# --------------------------------------------------------------------------- the generator


@dataclass(frozen=True)
class _Toy:
    """A section whose to_dict writes its fields one to one: no declared shape needed."""

    n: int
    label: str | None
    voices: tuple[Voice, ...] = ()


def test_a_new_section_appears_without_touching_the_generator():
    schema = gen.analysis_schema({**SECTION_TYPES, "toy": _Toy})
    assert schema["properties"]["toy"] == {"$ref": "#/$defs/_Toy"}
    assert schema["$defs"]["_Toy"] == {
        "title": "_Toy", "type": "object",
        "properties": {"n": {"type": "integer"}, "label": {"type": ["string", "null"]},
                       "voices": {"type": "array", "items": {"$ref": "#/$defs/Voice"}}},
        "required": ["n", "label", "voices"], "additionalProperties": False,
    }
    v = Draft202012Validator(schema)
    base = {"schema_version": "2.0", "framing_version": "", "article": framing.Article("x").to_dict(), "provenance": {}}
    assert not list(v.iter_errors({**base, "toy": {"n": 1, "label": None, "voices": ["quoted"]}}))
    assert list(v.iter_errors({**base, "toy": {"n": 1, "label": None, "voices": ["narrator"]}}))


@dataclass(frozen=True, slots=True)
class _Flat:
    """A type that declares its own JSON shape: its span is written as start/end, a key only sometimes."""

    span: Span
    note: str = ""

    __json_fields__ = (("start", int), ("end", int), ("note", NotRequired[str]))


def test_a_type_may_declare_its_own_json_shape():
    schema = gen.analysis_schema({"flat": _Flat})
    assert schema["$defs"]["_Flat"] == {
        "title": "_Flat", "type": "object",
        "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "note": {"type": "string"}},
        "required": ["start", "end"], "additionalProperties": False,
    }


class _NotADataclass:
    def to_dict(self) -> list[int]:
        return []


def test_a_type_without_a_shape_is_an_error():
    with pytest.raises(SchemaError, match="JSON_SHAPES"):
        gen.analysis_schema({"odd": _NotADataclass})
