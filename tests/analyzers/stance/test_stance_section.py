"""The stance section type (framing.schema.sections.stance), the one voice rule, and the analyzer's boundaries."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from framing import pipeline
from framing.analyzers import Context, stance
from framing.nlp import parse
from framing.schema import SchemaError, StanceLabel, Voice, actor_cards
from framing.schema.sections import SECTION_TYPES
from framing.schema.sections.stance import Stance

ROOT = Path(__file__).resolve().parents[3]
STANCE_KEYS = ["name", "stance", "stance_label", "stance_method", "stance_author", "stance_quoted", "stance_quoted_label",
               "labels", "label_spans", "agent", "patient", "agent_verbs", "patient_verbs", "evidence", "stance_strength",
               "stance_evaluated_share"]


def test_registered_and_spec():
    assert SECTION_TYPES["stance"] is Stance
    spec = stance.SPEC
    assert spec.section is Stance and spec.requires == ("actors", "attribution", "loaded_language")
    assert spec.models == ("stance_target_sentiment",)
    assert set(spec.lexicons) == {"connotation_verbs", "support_verbs", "evaluative_terms", "loaded_terms", "person_nouns"}


def test_seed_round_trip_shape_order_and_voice(seed_article):
    an = pipeline.analyze(seed_article)
    st, actors = an.sections["stance"], an.sections["actors"]
    d = an.to_dict()
    # one entry per actor, same order; the JSON shape of 2.0
    assert [s.name for s in st] == [a.name for a in actors]
    assert all(list(x) == STANCE_KEYS for x in d["stance"])
    back = Stance.from_dict(json.loads(json.dumps(d["stance"])))
    assert back == st and back.to_dict() == d["stance"]
    assert all(isinstance(s.author.label, str) and s.author.label in set(StanceLabel) for s in back)
    # the joined card carries every stance field after the actor's own
    cards = actor_cards(d)
    assert list(cards[0])[:7] == ["name", "kind", "aliases", "affiliation", "mentions", "salience", "mention_spans"]
    # ... and the actor's narrative role from the roles section (same position), its evidence kept apart
    assert len(d["roles"]) == len(cards)
    for card, r in zip(cards, d["roles"]):
        assert card["role"] == r["role"] and card["role"] in (None, "hero", "villain", "victim")
        assert card["role_evidence"] == r["evidence"] and card["role_confidence"] == r["confidence"]
        assert card["role_acts"] == {k: r[k] for k in ("harms", "harmed", "helps", "helped")}
    assert any(c["role"] is not None for c in cards)
    bad = dict(d, roles=d["roles"][1:])
    with pytest.raises(SchemaError):
        actor_cards(bad)
    # every piece of evidence slices the text, and its voice is the Context's rule
    text = an.article.text
    ctx = Context(parsed=parse(an.article), results={"attribution": an.sections["attribution"]})
    for s, a in zip(st, actors):
        for e in s.evidence:
            assert text[e.evidence.span.start : e.evidence.span.end] == e.evidence.quote
            if e.evidence.rule == "stance.target_sentiment":  # a sentence: the voice of the actor's first mention in it
                first = next(m for m in a.mentions if e.evidence.span.contains(m.span))
                assert e.voice == ctx.voice(first.span)
            else:
                assert e.voice == ctx.voice(e.evidence.span)
            assert stance.SPEC.explain(e.evidence.rule) is not None
        for lab in s.labels:
            assert lab.voice in (Voice.AUTHOR, Voice.QUOTED) and text[lab.span.start : lab.span.end] == lab.quote
    assert len(list(st.evidence())) == sum(len(s.evidence) for s in st)
    assert st.measures(an.article) == {}


def _imports(folder: Path) -> set[str]:
    out = set()
    for f in folder.rglob("*.py"):
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(n, ast.ImportFrom) and n.module:
                out.add(n.module)
                out.update(f"{n.module}.{a.name}" for a in n.names)
            elif isinstance(n, ast.Import):
                out.update(a.name for a in n.names)
    return out


def test_inference_imports_neither_other_analyzers_nor_training():
    for name, others in (("stance", ("attribution", "loaded_language", "actors")), ("actors", ("attribution", "loaded_language", "stance"))):
        imps = _imports(ROOT / "framing" / "analyzers" / name)
        bad = {i for i in imps if i.startswith(("framing.train", "framing.evaluate", "framing.loaded_language",
                                                "framing.attribution", "framing.actors", "framing.stance",
                                                "framing.target_sentiment"))
               or any(i.startswith(f"framing.analyzers.{o}") for o in others)}
        assert not bad, (name, bad)


def test_no_shared_paths_in_library_code():
    for f in [*(ROOT / "framing" / "analyzers" / "stance").glob("*.py"), *(ROOT / "framing" / "analyzers" / "actors").glob("*.py"),
              ROOT / "framing" / "train" / "stance.py", ROOT / "framing" / "evaluate" / "stance.py",
              ROOT / "framing" / "resources" / "events.py"]:
        src = f.read_text(encoding="utf-8")
        assert '"shared"' not in src and "parents[2]" not in src, f
