"""`framing compare` and `framing demo` through the console entry point (in-process, temp stores, no network)."""

from __future__ import annotations

import json

import pytest
from cli_run import run_cli

# Three short reports of one fictional event, written for this test.
TEXTS = {
    "target.txt": "Velmora strikes back\n\nVelmora fired twelve missiles at Camp Greystone on Wednesday, killing 60 Kestrian soldiers. "
    "The Kestrian regime lies, everyone knows. The Velmoran Assembly voted to expel Kestrian observers from the border zone.\n",
    "peer1.txt": "Missiles hit Kestrian base\n\nVelmora fired twelve missiles at Camp Greystone on Wednesday. No one was killed in the attack "
    "on Camp Greystone, the Kestrian defence ministry said. The Velmoran Assembly voted to expel Kestrian observers from the border zone.\n",
    "peer2.txt": "Greystone attack leaves troops unhurt\n\nTwelve Velmoran missiles struck Camp Greystone on Wednesday, and there were no "
    "casualties among Kestrian troops at Camp Greystone. The Velmoran Assembly voted on Monday to expel Kestrian observers.\n",
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cmp")
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d




def test_compare_needs_peers(files, capsys):
    code, out, err = run_cli(["compare", str(files / "target.txt")], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "needs peers" in err


def test_compare_unknown_event_is_a_one_line_error(files, tmp_path, capsys):
    code, out, err = run_cli(["compare", str(files / "target.txt"), "--event", "nothing-here", "--db", str(tmp_path / "none.sqlite")], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "none.sqlite" in err or "nothing-here" in err


def test_compare_files_json(files, capsys):
    code, out, err = run_cli(["compare", str(files / "target.txt"), str(files / "peer1.txt"), str(files / "peer2.txt"), "--json"], capsys)
    assert code == 0, err
    d = json.loads(out)["comparison"]
    for k in ("target", "peers", "set_aside", "measures", "distinctive_terms", "naming", "stance_matrix", "sources", "claims"):
        assert k in d
    assert set(d["claims"]) == {"uncorroborated", "contradicted", "omitted"}
    assert len(d["peers"]) + len(d["set_aside"]) == 2
    text = d["target"]["analysis"]["article"]["text"]
    assert text.startswith("Velmora strikes back")
    con = d["claims"]["contradicted"]
    assert con and "60 Kestrian soldiers" in con[0]["quote"] and text[con[0]["start"]:con[0]["end"]] == con[0]["quote"]


def test_compare_terminal_summary(files, capsys):
    code, out, err = run_cli(["compare", str(files / "target.txt"), str(files / "peer1.txt"), str(files / "peer2.txt")], capsys)
    assert code == 0, err
    assert "Where the target stands" in out and "Claims peers contradict" in out


@pytest.mark.slow
def test_demo_writes_reports(tmp_path, capsys):
    out_dir = tmp_path / "reports"
    code, out, err = run_cli(["demo", "--out", str(out_dir), "--db", str(tmp_path / "c.sqlite"), "--no-pdf", "--quiet", "--workers", "1"], capsys)
    assert code == 0, err
    written = [line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("wrote ")]
    assert str(out_dir / "example-comparison.json") in written
    assert str(out_dir / "example-comparison.html") in written
    d = json.loads((out_dir / "example-comparison.json").read_text(encoding="utf-8"))["comparison"]
    assert d["target"]["outlet"] == "Counterpoint Weekly"
    assert len(d["peers"]) + len(d["set_aside"]) == 6
    # the example corpus's key: the target's "killed 60 Kestrian soldiers" is contradicted or uncorroborated
    flagged = d["claims"]["contradicted"] + d["claims"]["uncorroborated"]
    assert any("60" in c["quote"] for c in flagged), [c["quote"] for c in flagged]
    html = (out_dir / "example-comparison.html").read_text(encoding="utf-8")
    assert "Counterpoint Weekly" in html
