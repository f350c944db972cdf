"""The gold-annotation format (framing.evaluate.gold): offsets and digests verified against the article texts."""

from __future__ import annotations

import json

import pytest

from framing.evaluate import gold

TEXT = "Officials said the strike killed  two people. \u201cWe will respond,\u201d a spokesman said."


def _write(tmp_path, records):
    p = tmp_path / "g.jsonl"
    p.write_text("# a comment line\n" + "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return p


def test_locate_matches_any_whitespace_and_counts_occurrences():
    s, e = gold.locate(TEXT, "killed two")
    assert TEXT[s:e] == "killed  two"
    s2, _ = gold.locate(TEXT, "said", occurrence=2)
    assert TEXT[s2 - 10:s2] == "spokesman "
    with pytest.raises(gold.GoldError):
        gold.locate(TEXT, "said", occurrence=3)


def test_round_trip_and_digest_checks(tmp_path):
    texts = {"a1": TEXT}
    s, e = gold.locate(TEXT, "We will respond,")
    rec = {"article": "a1", "kind": "direct_quote", "text_sha": gold.text_sha(TEXT),
           "spans": {"content": gold.span_entry(TEXT, s, e)}, "labels": {"speaker": "unnamed spokesman"}}
    [r] = gold.load(_write(tmp_path, [rec]), texts)
    assert r.spans["content"] == (s, e) and r.labels["speaker"] == "unnamed spokesman" and r.line == 2
    # one character off: the digest no longer matches and the loader says where
    bad = dict(rec, spans={"content": [s + 1, e, rec["spans"]["content"][2]]})
    with pytest.raises(gold.GoldError, match=r"g\.jsonl:2.*digest"):
        gold.load(_write(tmp_path, [bad]), texts)
    with pytest.raises(gold.GoldError, match="unknown article"):
        gold.load(_write(tmp_path, [dict(rec, article="zz")]), texts)
    with pytest.raises(gold.GoldError, match="text differs"):
        gold.load(_write(tmp_path, [rec]), {"a1": TEXT + " more"})
    with pytest.raises(gold.GoldError, match="outside"):
        gold.load(_write(tmp_path, [dict(rec, spans={"content": [0, 10_000, "x"]})]), texts)
