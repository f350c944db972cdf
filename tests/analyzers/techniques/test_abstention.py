"""Abstention: technique spans under the model's out-of-fold threshold are kept apart as ``uncertain``: shown in the
report with their own mark, left out of the counts, rates, evidence, terminal table and comparison."""

from __future__ import annotations

import dataclasses

import pytest

from framing.analyzers import Context, techniques
from framing.analyzers.techniques import split_uncertain
from framing.analyzers.techniques.model import TechniqueClassifier, span_row
from framing.comparison.docs import Doc
from framing.comparison.frames import frames_comparison
from framing.ingest import load_text
from framing.nlp import parse
from framing.report.render.terminal import techniques_table
from framing.report.sections import techniques as report_techniques
from framing.resources import Models
from framing.schema import Analysis, Span, Voice
from framing.schema.sections.techniques import Techniques, TechniqueSpan
from framing.train.techniques import choose_threshold

TEXT = "We must defend our nation now. The thugs said: \"Protect our homeland from them.\" Our nation stands."


def _model(below: float | None) -> TechniqueClassifier:
    rows, y = [], []
    for text, tech in (("thugs", "Name_Calling,Labeling"), ("brutal", "Loaded_Language"), ("our nation", "Flag-Waving"),
                       ("our homeland", "Flag-Waving"), ("so-called", "Doubt")) * 3:
        full = f"They said {text} again."
        rows.append(span_row(full, 10, 10 + len(text)))
        y.append(tech)
    clf = TechniqueClassifier(C=4.0).fit(rows, y)
    if below is not None:
        clf.uncertain_below_ = below
    return clf


def _run(below: float | None, text: str = TEXT) -> tuple[Analysis, Techniques]:
    article = load_text(text, check_language=False)
    ctx = Context(parsed=parse(article), models=Models({"techniques_spans": _model(below)}),
                  results={"loaded_language": type("LL", (), {"spans": ()})()})
    te = techniques.analyze(ctx)
    return Analysis(article, {"techniques": te}, {}), te


def _span(p: float, start: int = 0) -> TechniqueSpan:
    return TechniqueSpan(Span(start, start + 3), "abc", "Doubt", "Doubt", Voice.AUTHOR, "r", p, "lexicon")


def test_split_uncertain_by_hand():
    keep, unsure = split_uncertain([_span(0.2), _span(0.5, 5), _span(0.7, 9)], 0.5)
    assert [s.probability for s in keep] == [0.5, 0.7] and not any(s.uncertain for s in keep)
    assert [(s.probability, s.uncertain) for s in unsure] == [(0.2, True)]
    assert split_uncertain([_span(0.0)], 0.0) == ([_span(0.0)], [])


def test_a_model_without_threshold_abstains_from_nothing():
    _, te = _run(None)
    assert te.spans and not te.uncertain and te.uncertain_below == 0.0


def test_spans_under_the_threshold_are_uncertain_and_not_counted():
    _, all_spans = _run(None)
    probs = sorted({s.probability for s in all_spans.spans})
    assert len(probs) >= 2, probs
    below = (probs[0] + probs[-1]) / 2  # some spans on each side
    _, te = _run(below)
    assert te.uncertain_below == below
    assert te.spans and te.uncertain
    assert all(s.probability >= below and not s.uncertain for s in te.spans)
    assert all(s.probability < below and s.uncertain for s in te.uncertain)
    assert len(te.spans) + len(te.uncertain) == len(all_spans.spans)
    assert sum(c["author"] + c["quoted"] for c in te.counts.values()) == len(te.spans)
    n_author = sum(s.voice == Voice.AUTHOR for s in te.spans)
    assert te.per_1000_words_author == pytest.approx(round(1000 * n_author / len(TEXT.split()), 2))
    assert len(list(te.evidence())) == len(te.spans)


def test_everything_uncertain_means_no_counts_but_the_report_still_shows_the_spans():
    analysis, te = _run(1.01)
    assert not te.spans and te.uncertain and te.counts == {} and te.per_1000_words == 0.0
    d = analysis.to_dict()
    marks, legend = report_techniques.marks(d)
    assert {m.kind for m in marks} == {"technique-uncertain"} and len(marks) == len(te.uncertain)
    assert all(m.code == "?" and "uncertain" in m.title for m in marks)
    assert [(i.kind, i.count) for i in legend] == [("technique-uncertain", len(te.uncertain))]
    assert report_techniques.summary(d) == []  # no counted technique, no summary bullet
    sec = report_techniques.section(d)
    assert any(getattr(b, "legend", None) for b in sec.blocks), "the highlighted text with the uncertain marks is shown"
    assert techniques_table(d) is None  # the terminal table lists counted spans only
    assert frames_comparison(Doc("target", analysis), [])["techniques"][0]["per_1000_author"] == {}


def test_the_report_marks_uncertain_spans_apart_from_counted_ones():
    _, all_spans = _run(None)
    probs = sorted({s.probability for s in all_spans.spans})
    analysis, te = _run((probs[0] + probs[-1]) / 2)
    marks, legend = report_techniques.marks(analysis.to_dict())
    unsure = [(m.start, m.end) for m in marks if m.kind == "technique-uncertain"]
    assert sorted(unsure) == sorted((s.span.start, s.span.end) for s in te.uncertain)
    counted = sum(i.count for i in legend if i.kind == "technique")
    assert counted == len(te.spans)
    comp = frames_comparison(Doc("target", analysis), [])["techniques"][0]
    n_author = sum(s.voice == Voice.AUTHOR for s in te.spans)
    assert sum(comp["per_1000_author"].values()) == pytest.approx(1000 * n_author / len(TEXT.split()), abs=0.05)


def test_round_trip_with_uncertain_spans_and_old_json_without_them():
    _, all_spans = _run(None)
    probs = sorted({s.probability for s in all_spans.spans})
    _, te = _run((probs[0] + probs[-1]) / 2)
    assert Techniques.from_dict(te.to_dict()) == te
    old = te.to_dict()
    del old["uncertain"], old["uncertain_below"]
    for s in old["spans"]:
        del s["uncertain"]
    back = Techniques.from_dict(old)
    assert back.uncertain == () and back.uncertain_below == 0.0 and back.spans == te.spans


def test_choose_threshold_by_hand():
    scored = [(0.9, True), (0.7, True), (0.6, False), (0.4, False), (0.3, False), (0.1, False)]
    # precision of the spans at or above t: t <= 0.10: 2/6; t in (0.10, 0.30]: 2/5; t in (0.30, 0.40]: 2/4 = 0.5
    got = choose_threshold(scored, 0.5)
    assert got["uncertain_below"] == pytest.approx(0.35)
    assert (got["kept"], got["precision_kept"], got["uncertain"], got["precision_uncertain"]) == (4, 0.5, 2, 0.0)
    assert got["precision_all"] == pytest.approx(0.3333, abs=1e-4)
    assert choose_threshold(scored, 0.3)["uncertain_below"] == 0.0  # every span is precise enough: no abstention
    assert choose_threshold([(0.9, False)], 0.5)["uncertain_below"] == 1.0  # never reached: everything uncertain


def test_uncertain_flag_survives_replace():
    s = dataclasses.replace(_span(0.1), uncertain=True)
    assert TechniqueSpan.from_dict(s.to_dict()) == s


def test_analyzer_run_scores_spans_right_only_on_a_gold_span_of_the_same_technique():
    from framing.train.techniques import AnalyzerRun

    run = AnalyzerRun([TEXT])
    a = TEXT.index("our nation")
    gold = [{"start": a, "end": a + len("our nation"), "technique": "Flag-Waving"},
            {"start": TEXT.index("our homeland"), "end": TEXT.index("our homeland") + 12, "technique": "Doubt"}]
    clf = _model(None)
    scored = run.scored(0, clf, gold)
    te = run.section(0, clf)
    assert len(scored) == len(te.spans) and [p for p, _ in scored] == [s.probability for s in te.spans]
    right = {(s.span.start, s.technique) for s, (_, ok) in zip(te.spans, scored) if ok}
    # the first "our nation" overlaps the gold flag-waving span; "our homeland" is gold Doubt, not flag-waving; the
    # second "Our nation" and "thugs" overlap no gold span
    assert right == {(a, "Flag-Waving")}, right
    assert any(s.quote == "our homeland" for s in te.spans) and any(s.quote == "Our nation" for s in te.spans)


def test_train_writes_the_threshold_into_the_artifact_and_card(tmp_path):
    import json

    from framing.resources.modelio import load_bytes
    from framing.train import techniques as train_techniques

    fill = ["The council met on Monday.", "Rain is expected later.", "The report was published.", "Prices rose slightly."]
    lines = []
    for k in range(12):
        text = f"{fill[k % 4]} We must defend our nation now. The thugs left. {fill[(k + 1) % 4]}"
        spans = [(text.index("our nation"), "our nation", "Flag-Waving"), (text.index("thugs"), "thugs", "Name_Calling,Labeling")]
        lines.append(json.dumps({"id": f"a{k}", "text": text, "techniques": [
            {"technique": t, "start": s, "end": s + len(p)} for s, p, t in spans]}))
    data = tmp_path / "ptc.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    card = train_techniques.train(data, out_dir=tmp_path / "models", folds=3)
    ab = card["abstention"]
    assert 0.0 <= ab["uncertain_below"] <= 1.0 and ab["kept"] + ab["uncertain"] == ab["spans"]
    clf = load_bytes((tmp_path / "models" / "techniques_spans.npz").read_bytes(), ".npz")
    assert clf.uncertain_below_ == ab["uncertain_below"]
    assert "## Abstention" in (tmp_path / "models" / "techniques_spans.card.md").read_text(encoding="utf-8")


def test_the_shipped_model_carries_the_threshold_its_card_reports():
    from framing.resources.models import load, load_card

    ab = load_card("techniques_spans")["abstention"]
    assert ab["target_precision"] == 0.25 and ab["right_means"].startswith("overlaps a gold span of the same technique")
    assert 0.0 < ab["uncertain_below"] < 1.0
    assert ab["precision_kept"] >= ab["target_precision"] > ab["precision_all"]  # measured 0.251 kept, 0.180 all
    assert ab["precision_uncertain"] < ab["precision_all"]  # measured 0.099: the spans set aside are the weak ones
    assert load("techniques_spans").uncertain_below_ == ab["uncertain_below"]
