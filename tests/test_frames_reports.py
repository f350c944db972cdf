"""Frames and techniques faces: report sections, terminal tables and the frames comparison, on hand-made analysis dicts."""

from __future__ import annotations

import io

from rich.console import Console

from framing.comparison.frames import frames_comparison
from framing.report.highlight import marked_pieces
from framing.report.model import Chart, Highlighted, Table
from framing.report.render.terminal import frames_table, techniques_table
from framing.report.sections import frames as frames_report
from framing.report.sections import techniques as techniques_report

TEXT = "War looms\n\nTroops massed at the border near the base today.\n\nThe court ruled the deployment lawful, judges said."


def _frames(primary: str, present: set[str]) -> dict:
    ids = ["Security_and_defense", "Legality_Constitutionality_and_jurisprudence", "Political"]
    probs = {"Security_and_defense": 0.9, "Legality_Constitutionality_and_jurisprudence": 0.6, "Political": 0.1}
    if primary != "Security_and_defense":
        probs = {"Security_and_defense": 0.2, "Legality_Constitutionality_and_jurisprudence": 0.3, "Political": 0.8}
    frames = [{"frame": f, "label": f.replace("_", " "), "probability": probs[f], "present": f in present,
               "evidence": [{"start": 11, "end": 17, "quote": "Troops", "rule": "model:frames@x", "weight": 0.5, "detail": "word: troops"}]
               if f == "Security_and_defense" and f in present else [], "sentences": []} for f in ids]
    frames.sort(key=lambda f: -f["probability"])
    return {"model": "model:frames@x", "threshold": 0.4, "primary": primary,
            "headline": {"start": 0, "end": 9, "words": 2, "primary": "", "probability": 0.0, "present": []},
            "frames": frames,
            "paragraphs": [{"start": 11, "end": 60, "words": 9, "primary": "Security_and_defense", "probability": 0.9,
                            "present": ["Security_and_defense"]},
                           {"start": 62, "end": len(TEXT), "words": 8, "primary": "Legality_Constitutionality_and_jurisprudence",
                            "probability": 0.7, "present": ["Legality_Constitutionality_and_jurisprudence"]}]}


def _analysis(primary="Security_and_defense", present=frozenset({"Security_and_defense", "Legality_Constitutionality_and_jurisprudence"})):
    spans = [{"start": 11, "end": 17, "quote": "Troops", "technique": "Flag-Waving", "label": "Flag-waving", "voice": "author",
              "rule": "lexicon:technique_cues@1.0.0", "probability": 0.3, "source": "lexicon"},
             {"start": 68, "end": 73, "quote": "ruled", "technique": "Loaded_Language", "label": "Loaded language", "voice": "quoted",
              "rule": "rule:techniques.loaded_language", "probability": 0.6, "source": "loaded_language"}]
    return {"article": {"text": TEXT, "title": "War looms", "body_start": 11},
            "frames": _frames(primary, set(present)),
            "techniques": {"model": "m", "words": 18, "per_1000_words": 111.11, "per_1000_words_author": 55.56,
                           "counts": {"Flag-Waving": {"author": 1, "quoted": 0}, "Loaded_Language": {"author": 0, "quoted": 1}},
                           "spans": spans}}


def test_frames_section_has_profile_chart_strip_tagged_text_and_evidence():
    sec = frames_report.section(_analysis())
    kinds = [type(b) for b in sec.blocks]
    assert kinds.count(Chart) == 2 and Highlighted in kinds and Table in kinds
    hl = next(b for b in sec.blocks if isinstance(b, Highlighted))
    assert len(marked_pieces(str(hl.html))) == 2  # one mark per framed paragraph
    assert [li.code for li in hl.legend] == ["SEC", "LEG"]


def test_frames_summary_names_primary_and_others():
    (line,) = frames_report.summary(_analysis())
    assert "Security and defense" in line and "Legality" in line


def test_techniques_legend_counts_by_voice():
    marks, legend = techniques_report.marks(_analysis())
    assert [m.kind for m in marks] == ["technique", "technique-quoted"]
    assert [(li.label, li.count, li.extra) for li in legend] == [("Flag-waving", 1, "1 author, 0 quoted"),
                                                               ("Loaded language", 1, "0 author, 1 quoted")]


def test_techniques_summary_counts_only_the_authors_voice():
    (line,) = techniques_report.summary(_analysis())
    assert "Flag-waving (1)" in line and "Loaded language" not in line


def _render(table) -> str:
    buf = io.StringIO()
    Console(file=buf, width=160).print(table)
    return buf.getvalue()


def test_terminal_tables():
    out = _render(frames_table(_analysis()))
    assert "Security and defense" in out and "0.90" in out and "troops" in out
    out = _render(techniques_table(_analysis()))
    assert "Flag-waving" in out and "55.6 per 1,000 words" in out
    assert frames_table({"article": {"text": ""}}) is None and techniques_table({}) is None


class _Doc:
    def __init__(self, id_, data, lean, outlet):
        self.id, self.data, self.lean, self.outlet, self.text = id_, data, lean, outlet, data["article"]["text"]


def test_frames_comparison_target_only_and_omits():
    target = _Doc("target", _analysis(), "left", "A")
    peers = [_Doc(f"p{i}", _analysis("Political", {"Political"}), lean, f"P{i}") for i, lean in enumerate(("left", "right", "right", "center"))]
    out = frames_comparison(target, peers)
    assert [r["frame"] for r in out["target_only"]] == ["Security_and_defense", "Legality_Constitutionality_and_jurisprudence"]
    assert [r["frame"] for r in out["target_omits"]] == ["Political"]
    assert out["by_lean"]["right"]["n"] == 2 and out["by_lean"]["right"]["profile"]["Political"] == 0.8
    assert out["techniques"][0]["per_1000_author"] == {"Flag-Waving": round(1000 / 18, 2)}  # the quoted span is not counted
    assert out["by_outlet"][0]["id"] == "target"


def test_frames_and_techniques_sections_render_to_html_and_markdown():
    from framing.report.model import Report
    from framing.report.render import html, markdown

    d = _analysis()
    rep = Report("analysis", "War looms", "t", (("words", "18"),), [frames_report.section(d), techniques_report.section(d)],
                 generated_at="now", version="x", source_text=TEXT)
    page = html.render_html(rep)
    assert 'data-kind="frame"' in page and 'data-kind="technique"' in page and 'data-kind="technique-quoted"' in page
    assert "Flag-waving" in markdown.render_markdown(rep)


def test_comparison_section_has_two_heatmaps_and_the_target_only_table():
    target = _Doc("target", _analysis(), "left", "A")
    peers = [_Doc(f"p{i}", _analysis("Political", {"Political"}), lean, f"P{i}") for i, lean in enumerate(("left", "right"))]
    sec = frames_report.comparison_section(frames_comparison(target, peers))
    assert sum(isinstance(b, Chart) for b in sec.blocks) == 2
    tables = [b for b in sec.blocks if isinstance(b, Table)]
    assert ("Political", "left out by the target", "2 of 2") in tables[0].rows
    assert tables[1].rows[0][0] == "A"
