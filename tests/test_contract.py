"""The analyzer contract, checked generically for every analyzer in ``pipeline.ANALYZERS``.

For each analyzer, on real texts (the example corpus, and the seed when ../shared is present):

* its section is an instance of ``SPEC.section`` and round-trips through JSON text to an equal typed object;
* every evidence span slices the article text to its quote;
* every rule id it emits (in ``evidence()`` and anywhere in its JSON) is declared in ``SPEC.rules``;
* ``measures(article)`` returns :class:`framing.schema.Measure` values;
* ``requires`` name analyzers that come earlier in the tuple.

Then a toy analyzer, written here in a few lines, is plugged in through the
``analyzers=`` argument alone and shows up in the JSON, the HTML report, the
terminal view and the comparison's measures, without touching any of those modules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import pytest

import framing
from framing.analyzers import AnalyzerSpec, Context
from framing.corpus import article_from_record
from framing.pipeline import ANALYZERS, check_order, section_types
from framing.schema import Analysis, Article, Evidence, Measure, SchemaError, Span, walk

EXAMPLE = files("framing.corpora").joinpath("example")


def _example_articles() -> list[Article]:
    rows = [json.loads(x) for x in EXAMPLE.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    return [article_from_record(r, where=f"example:{i}", event="example") for i, r in enumerate(rows)]


@pytest.fixture(scope="module")
def example_articles() -> list[Article]:
    return _example_articles()


@pytest.fixture(scope="module")
def analyses(example_articles) -> list[Analysis]:
    return [framing.analyze(a) for a in example_articles[:3]]


@pytest.fixture(scope="module")
def seed_analysis(seed_article) -> Analysis:
    return framing.analyze(seed_article)


def _rules_in_json(obj: Any) -> set[str]:
    out = set()
    for _path, d in walk(obj):
        r = d.get("rule")
        if isinstance(r, str) and r:
            out.add(r)
    return out


def test_analyzers_are_in_an_order_that_meets_requires():
    check_order(ANALYZERS)
    names = [s.name for s in ANALYZERS]
    assert names[:4] == ["actors", "attribution", "loaded_language", "stance"]
    with pytest.raises(ValueError, match="requires"):
        check_order(tuple(reversed(ANALYZERS)))


@pytest.mark.parametrize("spec", ANALYZERS, ids=lambda s: s.name)
def test_spec_is_complete(spec: AnalyzerSpec):
    assert spec.name and re.fullmatch(r"[a-z_]+", spec.name)
    for method in ("to_dict", "from_dict", "evidence", "measures"):
        assert callable(getattr(spec.section, method, None)), f"{spec.section.__name__} has no {method}()"
    assert spec.rules, f"{spec.name} declares no rule ids"
    assert all(isinstance(v, str) and v.strip() for v in spec.rules.values()), "every rule id needs a one-line meaning"


def _check_section(spec: AnalyzerSpec, analysis: Analysis) -> None:
    text = analysis.article.text
    sec = analysis.sections[spec.name]
    assert isinstance(sec, spec.section), f"{spec.name}: {type(sec).__name__} is not a {spec.section.__name__}"
    d = sec.to_dict()
    back = spec.section.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert type(back) is type(sec) and back == sec, f"{spec.name}: the section does not round-trip through JSON"
    emitted = _rules_in_json(d)
    for ev in sec.evidence():
        assert isinstance(ev, Evidence)
        assert text[ev.span.start : ev.span.end] == ev.quote, f"{spec.name}: evidence {ev.quote!r} does not slice the text"
        emitted.add(ev.rule)
    undeclared = sorted(r for r in emitted if spec.explain(r) is None)
    assert not undeclared, f"{spec.name} emits rule ids not in SPEC.rules: {undeclared}"
    ms = sec.measures(analysis.article)
    assert isinstance(ms, Mapping)
    for key, m in ms.items():
        assert isinstance(key, str) and isinstance(m, Measure) and m.label, (spec.name, key)
        assert m.value is None or isinstance(m.value, float), (spec.name, key, m.value)


@pytest.mark.parametrize("spec", ANALYZERS, ids=lambda s: s.name)
def test_sections_on_example_corpus(spec, analyses):
    for a in analyses:
        _check_section(spec, a)


@pytest.mark.shared
@pytest.mark.parametrize("spec", ANALYZERS, ids=lambda s: s.name)
def test_sections_on_seed(spec, seed_analysis):
    _check_section(spec, seed_analysis)


def test_cached_analysis_is_the_same_type_as_a_fresh_one(analyses):
    fresh = analyses[0]
    back = Analysis.from_dict(json.loads(fresh.to_json()))
    assert list(back.sections) == list(fresh.sections)
    for name, sec in fresh.sections.items():
        assert type(back.sections[name]) is type(sec)
        assert back.sections[name] == sec
    assert back.to_dict() == fresh.to_dict()


def test_analysis_from_foreign_json_is_a_schema_error(analyses):
    d = json.loads(analyses[0].to_json())
    d["no_such_section"] = []
    with pytest.raises(SchemaError, match="no_such_section"):
        Analysis.from_dict(d)
    old = dict(json.loads(analyses[0].to_json()), schema_version="1.0")
    with pytest.raises(SchemaError, match="schema_version"):
        Analysis.from_dict(old)


# --------------------------------------------------------------------------- a toy analyzer in a few lines


@dataclass(frozen=True)
class Exclamations:
    """Toy section: every exclamation mark in the author's voice."""

    marks: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"marks": [e.to_dict() for e in self.marks]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Exclamations:
        return cls(tuple(Evidence.from_dict(e) for e in d["marks"]))

    def evidence(self):
        return self.marks

    def measures(self, article: Article) -> dict[str, Measure]:
        words = max(1, article.word_count)
        return {"exclamations_per_1000": Measure(1000.0 * len(self.marks) / words, "exclamation marks (author)", "per 1,000 words")}


def _exclaim(ctx: Context) -> Exclamations:
    marks = []
    for m in re.finditer(r"[^.!?\n]{0,40}!", ctx.text):
        span = Span(m.start(), m.end())
        if ctx.voice(span) == "author":
            marks.append(Evidence(span, m.group(0), "rule:toy.exclamation", 1.0, "exclamation"))
    return Exclamations(tuple(marks))


TOY = AnalyzerSpec("exclamations", _exclaim, Exclamations, requires=("attribution",),
                   rules={"rule:toy.exclamation": "a sentence ending in an exclamation mark, in the author's voice"})
WITH_TOY = (*ANALYZERS, TOY)


def _with_bang(article: Article) -> Article:
    """The article with one author sentence made exclamatory (so the toy always has a finding)."""
    return framing.load_text(article.body + "\n\nThis is what the author shouts about the story!", title=article.title,
                             outlet=article.outlet, meta=dict(article.meta))


@pytest.fixture(scope="module")
def toy_analyses(example_articles) -> list[Analysis]:
    return [framing.analyze(_with_bang(a), analyzers=WITH_TOY) for a in example_articles]


def test_toy_analyzer_in_json_and_contract(toy_analyses):
    a = toy_analyses[0]
    d = json.loads(a.to_json())
    assert d["exclamations"]["marks"], "the toy found nothing"
    assert "shouts about the story!" in d["exclamations"]["marks"][-1]["quote"]
    _check_section(TOY, a)
    back = Analysis.from_dict(d, section_types=section_types(WITH_TOY))
    assert back.sections["exclamations"] == a.sections["exclamations"]


def test_toy_analyzer_in_html_report_and_terminal_view(toy_analyses):
    a = toy_analyses[0]
    html = framing.render_report(a, "html", analyzers=WITH_TOY)
    assert "shouts about the story!" in html
    assert "a sentence ending in an exclamation mark" in html  # the rule's meaning from SPEC.rules
    term = framing.render_report(a, "terminal", analyzers=WITH_TOY)
    assert "shouts about the story!" in term


def test_toy_analyzer_in_comparison_measures(toy_analyses):
    target, peers = toy_analyses[0], toy_analyses[1:]
    c = framing.compare(target, peers)
    m = c.to_dict()["measures"]["exclamations_per_1000"]
    assert m["label"] == "exclamation marks (author)"
    want = 1000.0 * len(target.sections["exclamations"].marks) / target.article.word_count
    assert m["target"] == pytest.approx(want)
    same_story = c.to_dict()["measures"]["loaded_per_1000_author"]["values"]
    assert len(m["values"]) == len(same_story) >= 4, "every peer in the measures has the toy's measure too"
