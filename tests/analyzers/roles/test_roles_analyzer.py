"""Tests for the roles analyzer (framing.analyzers.roles) on real parses, its section and its report/comparison parts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from framing import pipeline
from framing.analyzers import Context, roles
from framing.comparison.roles import roles_by_outlet
from framing.report.sections import roles as report_roles
from framing.schema.sections.roles import ActorRole, NarrativeRole, Roles
from framing.schema.spans import Evidence, Span


def _sections(parsed, specs=pipeline.ANALYZERS):
    ctx = Context(parsed=parsed)
    results = {}
    for spec in specs:
        results[spec.name] = spec.analyze(ctx.with_results({r: results[r] for r in spec.requires}))
    return results


@pytest.fixture(scope="module")
def seed_sections(seed_parsed):
    return _sections(seed_parsed)


def test_spec_is_in_the_pipeline_after_actors():
    names = [s.name for s in pipeline.ANALYZERS]
    assert "roles" in names and names.index("roles") > names.index("actors")
    assert roles.SPEC.requires == ("actors",)


def test_one_entry_per_actor_in_order(seed_sections):
    assert [r.name for r in seed_sections["roles"]] == [a.name for a in seed_sections["actors"]]


def test_evidence_quotes_the_text_and_rules_are_documented(seed_parsed, seed_sections):
    text = seed_parsed.article.text
    n = 0
    for r in seed_sections["roles"]:
        assert (r.role is None) == (not r.evidence)
        for e in r.evidence:
            n += 1
            assert text[e.span.start:e.span.end] == e.quote
            assert roles.SPEC.explain(e.rule) is not None, e.rule
    assert n > 0


def test_seed_roles_read_by_hand(seed_sections):
    """Read in the seed: Soleimani is the one killed (victim); the United States is the one that kills, sanctions and
    threatens (villain). A country named only in a list of states (Japan, India) gets no role."""
    got = {r.name: r for r in seed_sections["roles"]}
    assert got["Qassem Soleimani"].role == NarrativeRole.VICTIM and got["Qassem Soleimani"].harmed >= 1
    assert got["United States"].role == NarrativeRole.VILLAIN and got["United States"].harms >= 3
    for name in ("Japan", "India"):
        if name in got:
            assert got[name].role is None


def test_roles_never_change_stance(seed_parsed, seed_sections):
    without = _sections(seed_parsed, tuple(s for s in pipeline.ANALYZERS if s.name != "roles"))
    assert without["stance"].to_dict() == seed_sections["stance"].to_dict()


def test_section_round_trip(seed_sections):
    sec = seed_sections["roles"]
    assert Roles.from_dict(sec.to_dict()) == sec
    d = sec.to_dict()
    assert all(x["role"] in (None, "hero", "villain", "victim") for x in d)
    assert all(abs(sum(x["probabilities"].values()) - 1) < 1e-3 for x in d if x["probabilities"])


def _entry(name, role, conf=0.7):
    ev = (Evidence(Span(0, 4), "Acme", "roles.harms", 0.3, "cv:agent_harm -> villain"),) if role else ()
    return ActorRole(name, NarrativeRole(role) if role else None, conf, {}, 1, 0, 0, 0, ev)


def test_report_section_and_facts():
    d = {"article": {"text": "Acme polluted the river near Brook."},
         "roles": Roles((_entry("Acme", "villain"), _entry("Brook", None, 0.4))).to_dict()}
    sec = report_roles.section(d)
    table = sec.blocks[-1]
    assert [row[0] for row in table.rows] == ["Acme"] and table.rows[0][1] == "villain"
    assert report_roles.summary(d) == ["Narrative roles — villain: Acme (the story's casting, not a stance)."]
    assert report_roles.facts(d["roles"][1])[0] == ("narrative role", "none shown (evidence too weak)")
    assert report_roles.summary({"article": {"text": ""}, "roles": []}) == []


def _doc(i, outlet, pairs):
    actors = [{"name": n, "aliases": []} for n, _ in pairs]
    rl = Roles(tuple(_entry(n, r) for n, r in pairs)).to_dict()
    return SimpleNamespace(id=i, outlet=outlet, lean=None, data={"actors": actors, "roles": rl})


def test_roles_by_outlet():
    t = _doc("target", "A", [("Acme", "villain"), ("River", "victim")])
    p1 = _doc("p1", "B", [("Acme", "hero"), ("River", None)])
    p2 = _doc("p2", "C", [("Brook", None)])
    out = roles_by_outlet(t, [p1, p2])
    rows = {r["actor"]: r for r in out["rows"]}
    assert set(rows) == {"Acme", "River"}  # Brook is never cast: no row
    assert rows["Acme"]["counts"] == {"villain": 1, "hero": 1, "victim": 0}
    assert out["by_outlet"]["target"]["villain"] == ["Acme"] and out["by_outlet"]["p1"]["hero"] == ["Acme"]
    assert out["by_outlet"]["p2"] == {"villain": [], "hero": [], "victim": []}
    assert [o["outlet"] for o in out["outlets"]] == ["A", "B", "C"]
