"""The attribution section and analyzer contract: typed round trip on real analyses, evidence spans, the
measures compare reads, the declared resources and rules, model injection, and the estimator contract."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from conftest import shared_path

import framing
from framing import compare as compare_module
from framing.analyzers import Context, attribution
from framing.analyzers.attribution import MODEL, SPEC
from framing.analyzers.attribution import model as M
from framing.corpus import article_from_record
from framing.errors import ModelError
from framing.nlp import parse
from framing.resources import Lexicons, Models, models
from framing.schema import Article, Evidence
from framing.schema.sections import SECTION_TYPES
from framing.schema.sections.attribution import Attribution, Quote

try:
    from framing.resources.events import load_actor_file
except ImportError:  # before the actors.toml reader moved to framing.resources
    from framing.resources.events import load_actor_file

REPO = Path(__file__).resolve().parents[3]
PACKAGE = REPO / "framing" / "analyzers" / "attribution"


@pytest.fixture(scope="module")
def analyses(seed_article, corpus_rows):
    """(article, analysis) for the seed, the example corpus and ten shared-corpus records, as the pipeline
    makes them (with the event's actors)."""
    out = [(seed_article, framing.analyze(seed_article))]
    ex = load_actor_file(REPO / "corpora" / "example" / "actors.toml")
    for f in sorted((REPO / "corpora" / "example").glob("*.txt")):
        art = framing.load_path(f)
        out.append((art, framing.analyze(art, event_actors=ex)))
    sol = load_actor_file(REPO / "corpora" / "soleimani-2020" / "actors.toml")
    for i, rec in enumerate(corpus_rows[:10]):
        art = article_from_record(rec, where=f"row {i + 1}", event="soleimani-2020", check_language=False)
        out.append((art, framing.analyze(art, event_actors=sol)))
    return out


def test_section_type_is_registered():
    assert SECTION_TYPES["attribution"] is Attribution
    assert SPEC.section is Attribution and SPEC.name == "attribution"
    assert SPEC.requires == ("actors",) and SPEC.models == (MODEL,)


def test_round_trip_restores_an_equal_typed_object(analyses):
    for art, a in analyses:
        sec = a.sections["attribution"]
        assert isinstance(sec, Attribution)
        d = json.loads(json.dumps(sec.to_dict()))
        back = Attribution.from_dict(d)
        assert back == sec, art.title
        assert back.to_dict() == d
        assert all(isinstance(q, Quote) for q in back.quotes)


def test_a_cached_analysis_comes_back_typed(seed_article):
    a = framing.analyze(seed_article)
    back = framing.Analysis.from_dict(json.loads(json.dumps(a.to_dict())))
    assert back.sections["attribution"] == a.sections["attribution"]


def test_every_evidence_span_slices_the_text_and_its_rule_is_declared(analyses):
    n = 0
    for art, a in analyses:
        sec = a.sections["attribution"]
        for ev in sec.evidence():
            assert isinstance(ev, Evidence)
            assert ev.quote == art.text[ev.span.start:ev.span.end], ev
            assert SPEC.explain(ev.rule) is not None, ev.rule
            n += 1
        # everything the JSON lists is highlighted: sources, cues, content fragments, sources, claims
        spans = {(e.span.start, e.span.end) for e in sec.evidence()}
        d = sec.to_dict()
        for q in d["quotes"]:
            assert all((f["start"], f["end"]) in spans for f in q["content_fragments"])
            if q["cue_start"] is not None and q["cue_end"] > q["cue_start"]:
                assert (q["cue_start"], q["cue_end"]) in spans
            if q["speaker_start"] is not None and q["speaker_end"] > q["speaker_start"]:
                assert (q["speaker_start"], q["speaker_end"]) in spans
        for key in ("anonymous_sources", "vague_attributions", "unattributed_claims"):
            assert all((x["start"], x["end"]) in spans for x in d[key])
    assert n > 100


def _reference_measures(analysis: dict) -> dict:
    """The attribution measures exactly as framing/compare.py computed them before the redesign (over the JSON)."""
    art = analysis["article"]
    text = art["text"]
    at = analysis.get("attribution") or {}
    words = max(art["word_count"], 1)
    spans = sorted((q["content_start"], q["content_end"]) for q in at.get("quotes") or []
                   if q.get("type", "direct") == "direct" and q["content_end"] > q["content_start"])
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out = {"quoted_share": min(1.0, sum(len(text[s:e].split()) for s, e in merged) / words)}
    kinds: dict[str, str] = {}
    for q in at.get("quotes") or []:
        n = (q.get("actor") or q.get("speaker") or "").replace(".", "").replace("\u2019", "'").strip().lower()
        n = " ".join(re.sub(r"'s$", "", re.sub(r"^(the|a|an)\s+", "", n)).split())
        if n:
            kinds.setdefault(n, str(q.get("speaker_kind") or ""))
    unnamed = {"anonymous", "vague", "vague_collective", "unknown", "none", ""}
    out["sources_distinct"] = float(len(kinds))
    out["named_source_share"] = (sum(1 for k in kinds.values() if k not in unnamed) / len(kinds)) if kinds else None
    out["anonymous_per_1000"] = 1000.0 * len(at.get("anonymous_sources") or []) / words
    out["vague_per_1000"] = 1000.0 * len(at.get("vague_attributions") or []) / words
    out["unattributed_per_1000"] = 1000.0 * len(at.get("unattributed_claims") or []) / words
    return out


def test_measures_are_compares_attribution_measures(analyses):
    keys = ("quoted_share", "sources_distinct", "named_source_share", "anonymous_per_1000", "vague_per_1000",
            "unattributed_per_1000")
    for art, a in analyses:
        got = a.sections["attribution"].measures(art)
        assert tuple(got) == keys
        d = a.to_dict()
        assert {k: m.value for k, m in got.items()} == _reference_measures(d)
        if hasattr(compare_module, "MEASURES"):  # labels and units as compare prints them
            assert {k: (m.label, m.unit) for k, m in got.items()} == {k: compare_module.MEASURES[k] for k in keys}
        if hasattr(compare_module, "_measures_of") and hasattr(compare_module, "_Doc"):
            theirs = compare_module._measures_of(compare_module._Doc("x", d))
            assert {k: theirs[k] for k in keys} == {k: m.value for k, m in got.items()}


def test_declared_lexicons_are_the_ones_read(seed_parsed):
    read: set[str] = set()

    class Recording(Lexicons):
        def __getitem__(self, name):
            read.add(name)
            return super().__getitem__(name)

    attribution.analyze(Context(parsed=seed_parsed, lexicons=Recording(), results={"actors": None},
                                options={"use_model": False}))
    assert read and read <= set(SPEC.lexicons)


def test_model_is_injected_through_the_context():
    p = parse(Article(text="Many economists view the tariff plan as a gamble that could raise prices for farmers."))
    shipped = models.load(MODEL)

    def run(ms):
        return attribution.analyze(Context(parsed=p, models=ms, results={"actors": None}))

    assert run(Models({MODEL: shipped})) == run(Models())
    strict = M.AttributionSpanModel(**{**shipped.get_params(), "threshold": 0.99, "threshold_new": 0.99})
    for k in ("cue_", "content_", "cue_lemmas_"):
        setattr(strict, k, getattr(shipped, k))
    assert not [q for q in run(Models({MODEL: strict})).quotes if q.rule == "model:attribution.learned_cue"]
    with pytest.raises(ModelError, match="AttributionSpanModel"):
        run(Models({MODEL: object()}))


def test_span_model_follows_the_estimator_contract():
    sklearn_base = pytest.importorskip("sklearn.base")
    shipped = models.load(MODEL)
    params = shipped.get_params(deep=True)
    assert params == shipped.get_params(deep=False)
    assert set(params) == {"c_cue", "c_content", "min_count", "min_cue", "threshold", "threshold_new", "dedup"}
    fresh = sklearn_base.clone(shipped)
    assert type(fresh) is M.AttributionSpanModel and fresh.get_params() == params
    assert not hasattr(fresh, "cue_")  # learned state is not cloned
    assert fresh.set_params(threshold=0.5) is fresh and fresh.threshold == 0.5
    assert shipped.threshold == params["threshold"]
    with pytest.raises(ValueError, match="invalid parameter"):
        fresh.set_params(nope=1)
    # fit returns self, learned state ends in '_'
    X = [{"lem=say": 1.0, "dep=ROOT": 1.0}, {"lem=eat": 1.0, "dep=ROOT": 1.0}] * 3
    y = [1, 0] * 3
    small = M.AttributionSpanModel(min_count=1)
    assert small.fit(X, y, X, y) is small
    assert small.cue_.proba(X[0]) > small.cue_.proba(X[1])


def test_inference_modules_stay_apart_from_training_and_small():
    for f in sorted(PACKAGE.glob("*.py")):
        src = f.read_text(encoding="utf-8")
        tree = ast.parse(src)
        assert len(src.splitlines()) <= 800, f.name
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                assert not any(n.startswith(("framing.train", "framing.evaluate")) for n in names), (f.name, names)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno + 1 <= 100, (f.name, node.name)


def test_polnear_row_round_trips():
    """A dataset article (no title, no actors) round-trips too."""
    path = shared_path("datasets", "polnear", "dev.jsonl")
    row = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    sec = attribution.analyze(Context(parsed=parse(Article(text=row["text"])), results={"actors": None}))
    assert Attribution.from_dict(json.loads(json.dumps(sec.to_dict()))) == sec
