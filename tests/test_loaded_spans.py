"""The learned loaded-word detector (framing.analyzers.loaded_language.spans): features mask names, the estimator
scores and explains, proposals merge adjacent words and never repeat a lexicon hit, and the shipped artifact is
even-handed and documented."""

from __future__ import annotations

import json

import spacy
from spacy.tokens import Doc

from framing.analyzers import Context, loaded_language
from framing.analyzers.loaded_language import spans
from framing.ingest import load_text
from framing.nlp import get_nlp, parse
from framing.resources.modelio import load_bytes
from framing.resources.models import load, load_card
from framing.train import loaded_spans as trainer
from framing.train.loaded_spans import lexicon_map


def _doc(words, pos, heads=None, deps=None, ents=None):
    nlp = spacy.blank("en")
    n = len(words)
    d = Doc(nlp.vocab, words=words, pos=pos, heads=heads or list(range(n)), deps=deps or ["dep"] * n,
            sent_starts=[True] + [False] * (n - 1), ents=ents)
    return d


def test_names_are_never_candidates_and_are_seen_only_as_a_placeholder():
    a = spans.doc_tokens(_doc(["Trump", "slammed", "critics"], ["PROPN", "VERB", "NOUN"]))
    b = spans.doc_tokens(_doc(["Rouhani", "slammed", "critics"], ["PROPN", "VERB", "NOUN"]))
    assert not spans.is_candidate(a, 0) and spans.is_candidate(a, 1)
    fa = spans.token_features(a, 1, 0, 3, {})
    fb = spans.token_features(b, 1, 0, 3, {})
    assert fa == fb and "l-1=<name>" in fa
    assert not any("trump" in k for k in fa)


def test_a_named_entity_in_lower_case_is_masked_too():
    d = _doc(["the", "hezbollah", "attacked"], ["DET", "NOUN", "VERB"], ents=["O", "B-ORG", "O"])
    t = spans.doc_tokens(d)
    assert t.name[1] and not spans.is_candidate(t, 1)


def _toy():
    X = [{"w=vile": 1, "p=ADJ": 1}, {"w=vile": 1, "p=ADJ": 1}, {"w=big": 1, "p=ADJ": 1}, {"w=big": 1, "p=ADJ": 1},
         {"w=said": 1, "p=VERB": 1}, {"w=said": 1, "p=VERB": 1}, {"w=vile": 1, "p=ADJ": 1}, {"w=said": 1, "p=VERB": 1}]
    y = [1, 1, 0, 0, 0, 0, 1, 0]
    return spans.LoadedSpanTagger(C=10.0, threshold=0.5).fit(X, y)


def test_the_estimator_learns_scores_and_explains_itself():
    m = _toy()
    p = m.predict_proba([{"w=vile": 1, "p=ADJ": 1}, {"w=said": 1, "p=VERB": 1}])[:, 1]
    assert p[0] > 0.5 > p[1]
    # the dict scorer is the logistic function of the decision value
    z = m.decision({"w=vile": 1, "p=ADJ": 1})
    assert abs(p[0] - 1 / (1 + 2.718281828459045 ** -z)) < 1e-9
    assert m.explain({"w=vile": 1, "p=ADJ": 1})[0].startswith("w=vile")
    assert list(m.predict([{"w=vile": 1}, {"w=big": 1}])) == [1, 0]


def test_proposals_merge_adjacent_words_and_skip_lexicon_tokens():
    class Fixed(spans.LoadedSpanTagger):
        """Scores tokens by their word alone (a stand-in with known outputs)."""

        def predict_proba(self, X):
            import numpy as np

            p = np.array([0.9 if ("w=utterly" in x or "w=vile" in x or "w=awful" in x) else 0.1 for x in X])
            return np.column_stack([1 - p, p])

    m = Fixed(threshold=0.5)
    m.threshold_ = 0.5
    m.weights_ = {"w=vile": 1.0}
    m.bias_ = 0.0
    d = _doc(["an", "utterly", "vile", "plan", "and", "awful", "news"], ["DET", "ADV", "ADJ", "NOUN", "CCONJ", "ADJ", "NOUN"])
    props = spans.propose(d, m, [(0, len(d))], {})
    assert [(p.i, p.j) for p in props] == [(1, 3), (5, 6)]
    props = spans.propose(d, m, [(0, len(d))], {}, taken={5})
    assert [(p.i, p.j) for p in props] == [(1, 3)]


def test_shipped_artifact_loads_its_card_threshold_and_cv_figures():
    tagger = spans.as_tagger(load(spans.MODEL_NAME))
    card = load_card(spans.MODEL_NAME)
    assert tagger.threshold_ == card["threshold"]
    cv = card["cross_validation"]["per_dataset"]
    assert {"babe", "basil", "ptc", "all"} <= set(cv)
    thr = card["threshold"]
    for name in ("babe", "ptc"):
        assert 0 <= cv[name][f"model@{thr}"]["f1"] <= 1 and 0 <= cv[name]["lexicon"]["f1"] <= 1


def _proposals(text):
    p = parse(load_text(text, check_language=False))
    r = loaded_language.analyze(Context(parsed=p))
    return p, r


def test_proposals_never_overlap_lexicon_spans_are_documented_and_reach_the_threshold():
    p, r = _proposals("The senator's bellicose and sanctimonious speech was a grotesque spectacle of preening "
                      "self-regard, his aides fawning over every petty jab at the beleaguered agency.")
    props = [s for s in r.spans if s.category == spans.CATEGORY]
    lex = [s for s in r.spans if s.category != spans.CATEGORY]
    thr = load_card(spans.MODEL_NAME)["threshold"]
    for s in props:
        assert s.rule in loaded_language.RULES
        assert s.weight >= thr and s.features
        assert p.text[s.span.start:s.span.end] == s.quote
        assert not any(x.span.start < s.span.end and s.span.start < x.span.end for x in lex)


def test_swapping_names_does_not_change_the_proposals():
    a = "Trump ridiculed the feckless diplomats and their pathetic excuses, Pompeo said."
    b = a.replace("Trump", "Rouhani").replace("Pompeo", "Zarif")
    _, ra = _proposals(a)
    _, rb = _proposals(b)
    qa = [(s.quote, s.weight) for s in ra.spans if s.category == spans.CATEGORY]
    qb = [(s.quote, s.weight) for s in rb.spans if s.category == spans.CATEGORY]
    assert qa == qb


def test_training_lexicon_map_reads_a_bare_parse_with_quotes():
    """The trainer's stand-in for a parsed article carries the quotes the rules read (a quoted title-case title is a
    name: its words are not lexicon hits of the author, but the map still covers the loaded verb outside it)."""
    text = 'The senator blasted the plan and praised the film "Lies The Government Told You Today".'
    doc = get_nlp()(text)
    t = spans.doc_tokens(doc)
    lex, loaded = lexicon_map(doc, text, t)
    blasted = next(i for i in range(len(t.lower)) if t.lower[i] == "blasted")
    assert lex.get(blasted) == "loaded_verb" and blasted in loaded


def test_train_writes_a_portable_artifact_that_loads_back(tmp_path):
    """``framing train loaded-spans`` on a tiny hand-made dataset folder: the artifact is the portable .npz its card
    names, and it loads back as a fitted tagger (the trainer used to write a .joblib the shipped card did not name)."""
    data = tmp_path / "datasets"
    biased = ["The senator's reckless scheme wrecked the budget.", "The pundit's vile smear disgraced the network.",
              "Critics say the mayor's shameful stunt backfired.", "The crooked deal enriched the governor's cronies."]
    plain = ["The council met on Tuesday to discuss the budget.", "The network aired the debate on Monday night.",
             "The mayor visited the new school in the morning.", "The governor signed the bill after the vote."]
    words = [["reckless", "wrecked"], ["vile", "smear"], ["shameful", "stunt"], ["crooked", "cronies"]]
    rows = [{"text": t, "label": 1, "biased_words": w, "news_link": f"a{k}"} for k, (t, w) in enumerate(zip(biased, words))]
    rows += [{"text": t, "label": 0, "biased_words": [], "news_link": f"b{k}"} for k, t in enumerate(plain)]
    for name, recs in (("babe", rows), ("mbic", []), ("basil", []), ("ptc", [])):
        (data / name).mkdir(parents=True)
        (data / name / "dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    out = tmp_path / "models"
    card = trainer.train(data, out_dir=out, folds=2)
    art = out / card["artifact"]
    assert art.suffix == ".npz" and art.is_file() and not (out / "loaded_spans.joblib").exists()
    model = spans.as_tagger(load_bytes(art.read_bytes(), ".npz"))
    assert model.threshold_ == card["threshold"] and model.weights_
