"""The trained attribution span model: artifact integrity, what it adds to the rules on held-out PolNeAR
articles, name-blind features, and a training run on a small subset."""

from __future__ import annotations

import json
import re

import pytest
from conftest import shared_path

from framing.analyzers import Context, attribution
from framing.analyzers.attribution import MODEL
from framing.analyzers.attribution import model as M
from framing.analyzers.attribution.cues import lex_of
from framing.analyzers.attribution.rules import rule_candidates
from framing.errors import ModelError
from framing.evaluate import attribution as ev
from framing.nlp import Parsed, find_quotes, paragraphs, parse, sentences
from framing.resources import Lexicons, models
from framing.schema import Article
from framing.train import attribution as T


def run(parsed, *, use_model: bool = True, attributions: str = "all"):
    """The section in PolNeAR's broad notion of attribution (what the span model was trained on) unless asked."""
    return attribution.analyze(Context(parsed=parsed, results={"actors": None},
                                       options={"use_model": use_model, "attributions": attributions}))


def test_card_matches_artifact_and_records_held_out_figures():
    card = models.load_card(MODEL)
    model = models.load(MODEL)
    assert isinstance(model, M.AttributionSpanModel)
    assert card["artifact"] == models.artifact_path(MODEL).name  # the converted form (scripts/convert_models.py)
    assert 0.0 < card["parameters"]["threshold"] < 1.0
    assert card["parameters"]["threshold"] == model.threshold
    held = card["held_out"]
    assert held["articles"] >= 80
    # the model was kept because it beats the rules on articles it never saw
    assert held["rules_and_model"]["content_f1_overlap"] > held["rules"]["content_f1_overlap"]
    assert len(card["training_text_sha256"]) == card["data"]["training_articles"]


def test_tampered_artifact_is_refused(tmp_path):
    src = models.models_dir()
    (tmp_path / T.CARD).write_text((src / T.CARD).read_text(encoding="utf-8"), encoding="utf-8")
    shipped = models.artifact_path(MODEL).name
    raw = bytearray((src / shipped).read_bytes())
    raw[-1] ^= 0xFF
    (tmp_path / shipped).write_bytes(bytes(raw))
    with pytest.raises(ModelError, match="sha256"):
        models.load_verified(models.artifact_path(MODEL, tmp_path), models.load_card(MODEL, tmp_path),
                             M.AttributionSpanModel, what="the attribution span model", command="framing train attribution")


def test_features_never_carry_a_name():
    """Names enter the features as <name>: no weight can belong to a person, party or country."""
    text = ("Senator Warbeck told reporters that Ostrava would retaliate. Warbeck's aides criticized "
            "President Lindqvist over the embargo, and Lindqvist dismissed the complaint as theatre.")
    p = parse(Article(text=text))
    lex = lex_of(Lexicons())
    ctx = M.FeatureContext(p, rule_candidates(p, lex), lex)
    names = ("warbeck", "ostrava", "lindqvist")
    for t in M.cue_tokens(p.doc):
        for key in M.cue_features(t, ctx):
            assert not any(n in key.lower() for n in names), key
        for c in M.content_candidates(p, t, ctx.quotes, (), ctx):
            for key in list(M.content_features(t, c, ctx)) + list(c.info):
                assert not any(n in key.lower() for n in names), key


def _swapped(parsed, swap: dict[str, str]):
    """The same parse with the names swapped: words and lemmas change, every tag, arc and entity label stays.
    This isolates the instrument from the parser, whose own output can change with a name."""
    from spacy.tokens import Doc

    doc = parsed.doc
    ents = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc]
    new = Doc(doc.vocab, words=[swap.get(t.text, t.text) for t in doc], spaces=[bool(t.whitespace_) for t in doc],
              pos=[t.pos_ for t in doc], tags=[t.tag_ for t in doc], deps=[t.dep_ for t in doc],
              heads=[t.head.i for t in doc], lemmas=[swap.get(t.lemma_, t.lemma_) for t in doc],
              sent_starts=[bool(t.is_sent_start) for t in doc], ents=ents)
    art = Article(text=new.text)
    return Parsed(art, new, sentences(new), paragraphs(art.text), find_quotes(art.text))


def test_swapping_names_swaps_the_attributions():
    text = ("Warbeck accused Lindqvist of hiding the figures, and Lindqvist questioned Warbeck's numbers. "
            "Aides to Warbeck see the embargo as a mistake, while Lindqvist told reporters that Warbeck was lying. "
            "\"We will not back down,\" Warbeck said.")
    swap = {"Warbeck": "Lindqvist", "Lindqvist": "Warbeck"}
    pa = parse(Article(text=text))
    pb = _swapped(pa, swap)
    assert pb.text == re.sub(r"Warbeck|Lindqvist", lambda m: swap[m.group(0)], text)
    qa = run(pa).to_dict()["quotes"]
    qb = run(pb).to_dict()["quotes"]

    def sw(s: str) -> str:
        return re.sub(r"Warbeck|Lindqvist", lambda m: swap[m.group(0)], s or "")

    assert len(qa) >= 4, "expected several attributions in the constructed text"
    assert sorted((sw(q["speaker_text"]), q["cue"], sw(q["content"]), q["rule"]) for q in qa) == \
        sorted((q["speaker_text"], q["cue"], q["content"], q["rule"]) for q in qb)


def test_model_finds_a_cue_outside_the_lexicon_and_rules_alone_do_not():
    text = "Many economists view the tariff plan as a gamble that could raise prices for farmers."
    p = parse(Article(text=text))
    with_model = run(p).to_dict()["quotes"]
    rules = run(p, use_model=False).to_dict()["quotes"]
    assert not rules
    hit = [q for q in with_model if q["cue"] == "view"]
    assert hit and hit[0]["rule"] == "model:attribution.learned_cue"
    assert hit[0]["speaker_text"] == "Many economists"
    assert "the tariff plan" in hit[0]["content"]


def test_model_drops_what_it_does_not_believe():
    """A lexicon verb with no one behind it: the rules take 'speeches designed to offer a hopeful message' as
    an attribution; the model, trained on annotations where such a purpose clause is none, drops it."""
    text = "It was the latest in a series of campaign speeches designed to offer a hopeful message before the vote."
    p = parse(Article(text=text))
    rules = [q["cue"] for q in run(p, use_model=False).to_dict()["quotes"]]
    model = [q["cue"] for q in run(p).to_dict()["quotes"]]
    assert "offer" in rules
    assert model == []


def test_held_out_polnear_articles_improve_over_rules():
    """Official dev compartment (never used for fitting or the threshold), first 30 articles: measured content F1
    0.688 with the model against 0.629 for the rules alone."""
    path = shared_path("datasets", "polnear", "dev.jsonl")
    with_model = ev.run(path, split="dev", limit=30)
    rules = ev.run(path, split="dev", limit=30, use_model=False)
    assert with_model["n"] == rules["n"] == 30
    assert with_model["n_in_training"] == 0
    assert with_model["content_f1_overlap"] >= rules["content_f1_overlap"] + 0.03
    assert with_model["content_f1_overlap"] >= 0.66


def test_training_articles_are_scored_apart():
    path = shared_path("datasets", "polnear", "dev.jsonl")
    res = ev.run(path, split="train", limit=3)
    assert res["n_in_training"] == 3
    assert "warning" in res and "in-sample" in res["warning"]


def test_train_on_a_small_subset(tmp_path):
    path = shared_path("datasets", "polnear", "dev.jsonl")
    card = T.train(path, out_dir=tmp_path, folds=2, limit=24, n_process=1)
    assert (tmp_path / T.ARTIFACT).is_file()
    on_disk = json.loads((tmp_path / T.CARD).read_text(encoding="utf-8"))
    assert on_disk["artifact_sha256"] == card["artifact_sha256"]
    assert card["data"]["training_articles"] == 24
    assert card["held_out"]["articles"] == 6
    assert card["cross_validation"]["cue_positives"] > 50
    # the shipped model is untouched by a training run elsewhere
    assert models.load_card(MODEL)["artifact_sha256"] != card["artifact_sha256"]
    # the artifact written loads through the verified loader and is the estimator it reports
    got = models.load_verified(models.artifact_path(MODEL, tmp_path), on_disk, M.AttributionSpanModel,
                               what="the attribution span model", command="framing train attribution")
    assert {k: card["parameters"][k] for k in got.get_params()} == got.get_params()
