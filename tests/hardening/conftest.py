"""Helpers of the hardening tests (issue 21): a readable article and the one-line check."""

from __future__ import annotations

import pytest

TITLE = "Council approves budget after a long debate"
BODY = (
    "The city council voted on Tuesday to approve a new budget that raises spending on schools and roads. "
    "Council members said the plan would help families, while critics argued that taxes would rise too quickly.\n\n"
    "The mayor praised the vote and said the city would hire more teachers next year. Opponents said they "
    "would continue to fight the plan in the courts and at the ballot box."
)


def error_line(err: str) -> str:
    """The one ``framing: error:`` line of stderr (log warnings above it allowed); fails when there is not exactly one
    or when a traceback is printed."""
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.startswith("framing:")]
    assert len(lines) == 1, err
    assert lines[0].startswith("framing: error: "), err
    assert err.rstrip().splitlines()[-1] == lines[0], err
    return lines[0]


@pytest.fixture
def story(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text(TITLE + "\n\n" + BODY + "\n", encoding="utf-8")
    return p
