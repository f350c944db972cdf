"""Tables out (issue 21, item 4): ``corpus export`` read back by pandas, ``to_frames`` on Analysis and Comparison."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import framing
from framing.schema.tables import encode_table
from tests.cli_run import run_cli

pd = pytest.importorskip("pandas", reason="pandas is the optional tables extra")

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "corpora" / "example").glob("0[1-3]-*.txt"))


@pytest.fixture(scope="module")
def analyses():
    return [framing.analyze(framing.load_path(p)) for p in EXAMPLES]


@pytest.fixture(scope="module")
def store(tmp_path_factory, analyses):
    """A store with the three example articles imported and analyzed (one worker)."""
    from framing.corpus import Store

    db = tmp_path_factory.mktemp("store") / "s.sqlite"
    with Store(db) as s:
        s.import_files(EXAMPLES, "ex")
        s.analyze_event("ex", workers=1)
    return db


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_corpus_export_reads_back_in_pandas(fmt, store, tmp_path, capsys):
    from framing.corpus import Store

    out = tmp_path / "tables"
    code, _out, err = run_cli(["corpus", "export", "--event", "ex", "--format", fmt, "--out", str(out), "--db", str(store)],
                              capsys)
    assert code == 0, err
    read = {"csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True), "parquet": pd.read_parquet}[fmt]
    frames = {t: read(out / f"ex.{t}.{fmt}") for t in ("articles", "findings", "actors", "attributions")}
    arts = frames["articles"]
    assert len(arts) == 3 and arts["article_id"].is_unique
    assert "attribution.quoted_share" in arts.columns and arts["attribution.quoted_share"].between(0, 1).all()
    with Store(store, create=False) as s:
        texts = {a.article.sha256[:16]: a.article.text for a in s.analyses("ex", compute_missing=False)}
    f = frames["findings"]
    assert len(f) > 20 and set(f["article_id"]) == set(arts["article_id"])
    for row in f.itertuples():  # every exported span slices its article's text to its quote
        assert texts[row.article_id][row.start:row.end] == row.quote
    assert set(frames["actors"]["article_id"]) <= set(arts["article_id"]) and len(frames["actors"]) > 0
    assert {"speaker_text", "cue", "start", "end"} <= set(frames["attributions"].columns)


def test_corpus_export_refuses_unknown_format_and_bad_folder(store, tmp_path, capsys):
    code, _out, err = run_cli(["corpus", "export", "--event", "ex", "--format", "xlsx", "--db", str(store)], capsys)
    assert code == 2 and "xlsx" in err
    (tmp_path / "file").write_text("x")
    code, _out, err = run_cli(["corpus", "export", "--event", "ex", "--out", str(tmp_path / "file" / "sub"),
                               "--db", str(store)], capsys)
    assert code == 2 and err.count("\n") == 1


def test_analysis_to_frames(analyses):
    a = analyses[0]
    frames = a.to_frames()
    assert set(frames) == {"articles", "findings", "actors", "attributions"}
    n_evidence = sum(len(list(s.evidence())) for s in a.sections.values())
    f = frames["findings"]
    assert len(f) == n_evidence
    assert all(a.article.text[r.start:r.end] == r.quote for r in f.itertuples())
    assert len(frames["actors"]) == len(a.to_dict()["actors"])
    assert len(frames["attributions"]) == len(a.to_dict()["attribution"]["quotes"])
    row = frames["articles"].iloc[0]
    assert row["word_count"] == a.article.word_count and row["title"] == a.article.title


def test_comparison_to_frames(analyses):
    c = framing.compare(analyses[0], analyses[1:])
    frames = c.to_frames()
    assert len(frames["peers"]) == 2
    m = frames["measures"]
    assert set(m["measure"]) == set(c.to_dict()["measures"])
    assert len(frames["articles"]) == 1  # the target's tables


def test_to_frames_without_pandas_names_the_extra(analyses, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"framing-analyzer\[tables\]"):
        analyses[0].to_frames()


def test_rows_need_no_pandas_and_csv_cells_are_flat(analyses):
    rows = analyses[0].to_rows()
    data = encode_table(rows["actors"], "csv").decode("utf-8")
    assert data.splitlines()[0].startswith("article_id,name,kind")
    lines = encode_table(rows["findings"], "jsonl").decode("utf-8").splitlines()
    assert len(lines) == len(rows["findings"]) and json.loads(lines[0])["section"]
