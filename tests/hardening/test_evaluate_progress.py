"""Progress for ``framing evaluate`` (issue 21): a line on stderr only on a terminal and without --quiet; an
evaluator that takes a ``progress`` callback gets one; stdout (the figures) is untouched."""

from __future__ import annotations

import sys

from typer.testing import CliRunner

from framing.cli import evaluate as ev


def _evaluator_with_progress(data, *, progress):
    for i in range(3):
        progress(i + 1, 3, "rows")
    return {"data": data, "reported": True}


def _evaluator_without(data):
    return {"data": data}


def test_callback_passed_only_to_evaluators_that_take_it(monkeypatch):
    monkeypatch.setattr(ev, "_options", {"quiet": False})
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert ev._run(_evaluator_with_progress, "t", "x") == {"data": "x", "reported": True}
    assert ev._run(_evaluator_without, "t", "x") == {"data": "x"}


def test_no_bar_when_quiet_or_not_a_terminal(monkeypatch):
    monkeypatch.setattr(ev, "_options", {"quiet": True})
    with ev.progress("t") as report:
        assert report._bar is None
        report(1, 2, "x")  # a no-op
    monkeypatch.setattr(ev, "_options", {"quiet": False})
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    with ev.progress("t") as report:
        assert report._bar is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with ev.progress("t") as report:
        assert report._bar is not None
        report(2, 5, "rows")
        assert report._bar.tasks[0].completed == 2 and report._bar.tasks[0].total == 5


def test_quiet_option_is_accepted(tmp_path):
    res = CliRunner().invoke(ev.app, ["--quiet", "loaded", "--data", str(tmp_path / "missing.jsonl")])
    assert "No such option" not in res.output
    assert ev._options["quiet"] is True
    ev._options["quiet"] = False
