"""A name the entity recogniser typed as an organisation or a place becomes a person when the article gives it a
personal role in apposition and never describes it as a body (framing.analyzers.actors.kinds.titled_names).

Sentences written for this test (with names the recogniser mis-types), each kind checked both ways (a
role noun makes a person, an institution noun or a body noun keeps an organisation)."""

from __future__ import annotations

import pytest

from framing.pipeline import analyze
from framing.schema import Article


def _kinds(text: str) -> dict[str, str]:
    return {a.name: a.kind.value for a in analyze(Article(text=text)).sections["actors"].actors}


@pytest.mark.parametrize(("text", "name", "kind"), [
    # the recogniser tags this name a place (GPE); the apposition names a role a person holds
    ("Agnes Callamard, UN Special Rapporteur on Extra-Judicial Executions, tweeted that the bar is high.",
     "Agnes Callamard", "person"),
    # an office word before an institution's noun is not a personal title
    ("The Pentagon, the headquarters of the Defense Department, said the strike worked.", "Department",
     "organisation"),
    # a body in apposition keeps an organisation
    ("Kataib Hezbollah, an Iraqi militia, denied it.", "Kataib Hezbollah", "organisation"),
    # appositions the parser hangs on a prepositional object or a predicate are not the outlet's description
    ("In an interview with CNN, a high-level adviser to the leader said the bases were targets.", "CNN",
     "organisation"),
    ("He is Fox News\u2019 senior judicial analyst. He has written six books.", "Fox News", "organisation"),
])
def test_kind_from_the_apposition(text, name, kind):
    assert _kinds(text).get(name) == kind


def test_the_bare_surname_merges_into_the_retyped_person():
    kinds = _kinds("Agnes Callamard, UN Special Rapporteur on Extra-Judicial Executions, tweeted that the bar is "
                   "high. Callamard said the strike broke the law.")
    assert kinds.get("Agnes Callamard") == "person" and "Callamard" not in kinds
