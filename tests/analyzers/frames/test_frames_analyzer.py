"""Frames analyzer on real parses with the shipped model: decisions, evidence offsets, parts, even-handedness, the seed."""

from __future__ import annotations

from framing.analyzers import Context, frames
from framing.ingest import load_text
from framing.nlp import parse
from framing.schema.sections.frames import Frames

COURT = ("Court blocks the new rule\n\n"
         "A federal judge ruled on Monday that the rule was unconstitutional and ordered the agency to stop enforcing it. "
         "The lawsuit, filed by a group of lawyers, argued that the statute did not give the agency the authority it claimed.\n\n"
         "The ruling can be appealed. Attorneys for the government said they would ask the appeals court to review the judge's "
         "legal reasoning, and the case could reach the Supreme Court next year.")
WAR = ("Troops move to the border\n\n"
       "Thousands of soldiers and dozens of missile batteries were deployed after a drone attack on a military base. "
       "Commanders warned of retaliation and said the army was ready for combat if the threat of war grew.\n\n"
       "Defense officials said air strikes on weapons depots would continue.")


def _run(text: str) -> Frames:
    title, _, body = text.partition("\n\n")
    return frames.analyze(Context(parsed=parse(load_text(body, title, check_language=False))))


def _present(f: Frames) -> set[str]:
    return {x.frame for x in f.present()}


def test_a_court_story_is_framed_as_legality_and_a_military_one_as_security():
    court, war = _run(COURT), _run(WAR)
    assert court.primary == "Legality_Constitutionality_and_jurisprudence"
    assert war.primary == "Security_and_defense"
    p_court, p_war = court.profile(), war.profile()
    assert p_court["Legality_Constitutionality_and_jurisprudence"] > p_war["Legality_Constitutionality_and_jurisprudence"]
    assert p_war["Security_and_defense"] > p_court["Security_and_defense"]
    # known limit: trained on long articles with 3-4 frames each, the model marks several frames present on a short text


def test_profile_has_all_fourteen_frames_in_probability_order():
    f = _run(COURT)
    probs = [x.probability for x in f.frames]
    assert len(f.frames) == 14 and probs == sorted(probs, reverse=True)
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert f.primary == f.frames[0].frame and f.frames[0].present


def test_evidence_slices_the_text_and_only_present_frames_carry_it():
    title, _, body = COURT.partition("\n\n")
    parsed = parse(load_text(body, title, check_language=False))
    text = parsed.article.text
    f = frames.analyze(Context(parsed=parsed))
    for x in f.frames:
        if not x.present:
            assert x.evidence == () and x.sentences == ()
        for e in x.evidence + x.sentences:
            assert text[e.span.start:e.span.end] == e.quote
    legality = next(x for x in f.frames if x.frame.startswith("Legality"))
    assert {e.quote.lower() for e in legality.evidence} & {"judge", "ruled", "lawsuit", "unconstitutional", "supreme court", "court"}


def test_headline_and_paragraphs_are_framed_apart():
    f = _run(WAR)
    assert f.headline is not None and f.headline.primary == ""  # "Troops move to the border": under 8 words
    assert len(f.paragraphs) == 2
    assert f.paragraphs[0].primary == "Security_and_defense"
    assert f.paragraphs[1].primary == "" or f.paragraphs[1].words >= 8


def test_swapping_names_does_not_change_the_frames():
    a = _run(WAR.replace("Commanders", "Commanders of Ardania"))
    b = _run(WAR.replace("Commanders", "Commanders of Borlandia"))
    assert [(x.frame, x.probability) for x in a.frames] == [(x.frame, x.probability) for x in b.frames]


def test_round_trip():
    f = _run(COURT)
    assert Frames.from_dict(f.to_dict()) == f


def test_seed_frames_include_security_and_external_reputation(seed_parsed):
    f = frames.analyze(Context(parsed=seed_parsed))
    present = _present(f)
    # read by hand: a US drone strike (security) told as a violation of Iraq's sovereignty and international law (external)
    assert {"Security_and_defense", "External_regulation_and_reputation"} <= present
    assert f.headline is not None and f.headline.primary == "Security_and_defense"


def test_paragraphs_use_the_part_threshold_and_carry_fewer_frames_than_the_article(seed_parsed):
    f = frames.analyze(Context(parsed=seed_parsed))
    assert f.part_threshold is not None and f.part_threshold > f.threshold  # card: 0.70 against 0.32
    framed = [p for p in f.paragraphs if p.primary]
    assert framed and all(p.primary == p.present[0] for p in framed)
    # every frame after the primary passed the part threshold, so a paragraph holds fewer frames than at the article's
    mean = sum(len(p.present) for p in framed) / len(framed)
    assert mean < len(f.present())


def test_an_analysis_from_before_the_part_threshold_still_loads():
    d = _run(COURT).to_dict()
    del d["part_threshold"]
    assert Frames.from_dict(d).part_threshold is None
