"""The comparison's scale work (issue 18) changes speed, never output: each shortcut against the plain computation it replaces.

Fast tests on constructed inputs (one small real analysis for the section views); the whole seed-vs-corpus
Comparison is pinned by digest in tests/test_compare.py (slow), and the timings are in benchmarks/compare_scale.py.
"""

from __future__ import annotations

import gc
import math
import random
from collections import Counter

import pytest

from framing.comparison import compare, ledger, matrix
from framing.comparison.docs import LIGHT, Doc
from framing.comparison.facts import AliasMap, Coverage, entities
from framing.comparison.roles import roles_by_outlet
from framing.comparison.text import content_terms, tokens
from framing.comparison.words import content_counts, content_tokens
from framing.errors import InputError
from framing.ingest import load_text
from framing.pipeline import analyze

TEXT = (
    "By Jane Roe\n\n"
    "Velmora fired twelve missiles at Camp Greystone on Wednesday, the Kestrian defence ministry said. "
    "\"We will answer this brutal attack,\" Marshal Ivo Brandt told reporters in Kestria. "
    "No one was hurt, officials said, but the reckless strike damaged two hangars. "
    "President Ana Lind called the attack a grave violation and said Kestria would respond."
)


@pytest.fixture(scope="module")
def real_doc():
    return Doc("p", analyze(load_text(TEXT, title="Velmora strikes Camp Greystone", outlet="Daily Test")))


def test_light_views_carry_the_full_json_values(real_doc):
    full = {name: sec.to_dict() for name, sec in real_doc.analysis.sections.items()}
    seen = 0
    for name in LIGHT:
        if name not in full:
            continue
        seen += 1
        light = real_doc.data[name]
        if name == "frames":
            assert light["primary"] == full[name]["primary"]
            assert light["frames"] == [{k: f[k] for k in ("frame", "probability", "present")} for f in full[name]["frames"]]
        elif name == "techniques":
            assert light["words"] == full[name]["words"]
            assert light["spans"] == [{k: s[k] for k in ("technique", "quote", "voice")} for s in full[name]["spans"]]
        else:
            assert len(light) == len(full[name])
            for lt, ft in zip(light, full[name]):
                for k, v in lt.items():
                    if k == "n_evidence_author":
                        assert v == sum(1 for e in ft["evidence"] if e["voice"] == "author")
                    else:
                        assert v == ft[k], (name, k)
    assert seen >= 4
    assert real_doc.data["attribution"] == full["attribution"]  # not light: the full form, built on access
    keys = ("type", "speaker", "speaker_kind", "actor", "cue", "content_start", "content_end", "speaker_confidence")
    assert real_doc.quote_fields() == [{k: q[k] for k in keys} for q in full["attribution"]["quotes"]] and real_doc.quote_fields()


def test_typed_reads_equal_the_json_reads(real_doc):
    d = real_doc.analysis.to_dict()
    sents = [(s["start"], s["end"]) for s in d["loaded_language"]["sentences"]]
    assert real_doc.sentences() == sents and len(sents) >= 4
    scores = {(s["start"], s["end"]): float(s["score"]) for s in d["loaded_language"]["sentences"] if s["voice"] == "author"}
    assert real_doc.loaded_scores() == scores
    quotes = [(q["content_start"], q["content_end"]) for q in d["attribution"]["quotes"]
              if q["type"] == "direct" and q["content_end"] > q["content_start"]]
    assert real_doc.direct_quote_spans() == quotes and quotes
    assert [k for _, _, k in real_doc.furniture()] == ["byline"]  # "By Jane Roe"


def test_coverage_equals_the_sum_of_overlaps():
    rng = random.Random(18)
    for _ in range(50):
        n = rng.randint(1, 300)
        spans = [(rng.randint(-5, n + 5), rng.randint(-5, n + 5)) for _ in range(rng.randint(0, 12))]
        cov = Coverage(spans, n)
        for _ in range(30):
            s, e = sorted((rng.randint(0, n), rng.randint(0, n)))
            assert cov.covered(s, e) == sum(max(0, min(e, b) - max(s, a)) for a, b in spans if b > a), (spans, s, e)


def test_entity_memo_changes_nothing():
    amap = AliasMap()
    amap.update({"velmora": "velmora", "=velmora": "velmora", "ivo brandt": "ivo brandt", "=ivo brandt": "ivo brandt", "brandt": "ivo brandt",
                 "=brandt": "ivo brandt", "kestria": "kestria", "=kestria": "kestria"})
    plain = dict(amap)  # no memo attributes: the unmemoised path
    sentences = ["Marshal Ivo Brandt of Velmora spoke.", "The Kestrian and Velmoran envoys met U.S. officials in Camp Greystone.",
                 "Brandt said Kestrians were not hurt.", "On Monday, Ana Lind of the Republic of Velmora said so."]
    for s in sentences * 2:  # the second pass is served from the memo
        assert entities(s, amap) == entities(s, plain)
    assert amap.caps  # the memo was used


def test_terms_without_offsets_equal_the_tokens(real_doc):
    for text in (TEXT, "U.S. troops' base, the U.S.'s 3 drones; Iran's IRGC — and a dozen more", ""):
        assert content_terms(text) == [t for t, _, _ in tokens(text)]
    assert content_counts(real_doc) == Counter(t for t, _, _ in content_tokens(real_doc))
    assert "jane" not in content_counts(real_doc)  # the byline is furniture


def _omits_by_scan(target_voices, peers, by_doc):
    """The ledger's omitted voices as main computed them before the indexes (a scan of every cluster per voice)."""
    clusters = []
    for p in peers:
        for v in by_doc[p.id]:
            if not ledger._named(v):
                continue
            c = next((c for c in clusters if ledger.same_voice(c["rep"], v)), None)
            if c is None:
                c = {"rep": v, "peers": []}
                clusters.append(c)
            if p.id not in c["peers"]:
                c["peers"].append(p.id)
    n_full = sum(1 for p in peers if p.in_measures) or len(peers)
    need = max(2, math.ceil(0.1 * n_full))
    omits = [{"voice": c["rep"]["voice"], "kind": c["rep"]["kind"], "n_peers": len(c["peers"]), "peers": c["peers"], "rule": "compare.sources.target_omits"}
             for c in clusters if len(c["peers"]) >= need and not any(ledger.same_voice(c["rep"], v) for v in target_voices)]
    omits.sort(key=lambda c: (-c["n_peers"], str(c["voice"])))
    return omits


class _Peer:
    def __init__(self, i):
        self.id, self.in_measures = f"p{i}", True


def test_ledger_index_equals_the_scan():
    rng = random.Random(7)
    names = ["ana lind", "bo lind", "ivo brandt", "brandt", "li", "jo li", "defence ministry", "the ministry", "kestria", "ed roe"]
    kinds = ["person", "named_person", "organisation", "country", "anonymous"]
    for _ in range(30):
        peers = [_Peer(i) for i in range(rng.randint(1, 25))]
        by_doc = {p.id: [{"key": k, "voice": k.title(), "kind": rng.choice(kinds)} for k in rng.sample(names, rng.randint(0, 5))]
                  for p in peers}
        target = [{"key": k, "voice": k, "kind": rng.choice(kinds)} for k in rng.sample(names, 2)]
        assert ledger._omits(target, peers, by_doc) == _omits_by_scan(target, peers, by_doc)


def test_matrix_and_roles_indexes_find_the_first_matching_row():
    """An actor joins the first row holding its name among the keys, else the first row whose name is among its own keys."""
    idx = matrix._ActorIndex()
    a = idx.find_or_add({"name": "Republic of Velmora", "aliases": ["Velmora"]})
    b = idx.find_or_add({"name": "Kestria", "aliases": []})
    assert idx.find_or_add({"name": "Velmora", "aliases": []}) == a  # a key of row a
    assert idx.find_or_add({"name": "Kestrian Army", "aliases": ["Kestria"]}) == b  # row b's name is among its keys
    assert idx.find_or_add({"name": "Brook", "aliases": []}) == 2

    class _D:
        def __init__(self, i, pairs):
            self.id, self.outlet, self.lean = i, i, None
            self.data = {"actors": [{"name": n, "aliases": al} for n, al, _ in pairs],
                         "roles": [{"name": n, "role": r, "confidence": 0.9} for n, _, r in pairs]}

    t = _D("target", [("Republic of Velmora", ["Velmora"], "villain")])
    p1 = _D("p1", [("Velmora", [], "hero"), ("Kestria", [], "victim")])
    p2 = _D("p2", [("Kestrian Army", ["Kestria"], "victim")])
    out = roles_by_outlet(t, [p1, p2])
    rows = {r["actor"]: r for r in out["rows"]}
    assert rows["Republic of Velmora"]["counts"] == {"villain": 1, "hero": 1, "victim": 0}
    assert rows["Kestria"]["counts"]["victim"] == 2
    assert out["by_outlet"]["p1"] == {"villain": [], "hero": ["Republic of Velmora"], "victim": ["Kestria"]}


@pytest.mark.parametrize("enabled", [True, False])
def test_compare_restores_the_collector_state(real_doc, enabled):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        other = analyze(load_text(TEXT.replace("twelve", "ten").replace("Wednesday", "Thursday"), outlet="Other"))
        compare(real_doc.analysis, [other])
        assert gc.isenabled() is enabled
        with pytest.raises(InputError):
            compare(real_doc.analysis, [])
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
