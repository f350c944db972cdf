"""Issue frames: which aspects of the issue an article makes salient, per article, headline and paragraph.

What it measures
    A frame, after Entman (1993) and the Policy Frames Codebook of the Media
    Frames Corpus (Boydstun et al. 2014; Card et al. 2015), is the aspect of an
    issue a text makes salient. The 14 generic frames: Economic; Capacity and
    resources; Morality; Fairness and equality; Legality, constitutionality and
    jurisprudence; Policy prescription and evaluation; Crime and punishment;
    Security and defense; Health and safety; Quality of life; Cultural identity;
    Public opinion; Political; External regulation and reputation.

    * **Article** -- for each frame a probability in [0, 1] (Platt scaling of
      out-of-fold decision values, averaged with the share of the 10 most
      similar training articles that carry the frame) and the multi-label decision
      (``present``: probability >= the model's threshold, chosen at training by
      out-of-fold micro-F1; the most probable frame is always present). The
      **primary** frame is the most probable; the **profile** is the 14
      probabilities.
    * **Evidence** -- for each frame present, the words and frame cues with the
      largest positive contributions (``coef * x``) to its log-odds, mapped back
      to character spans, and the sentences that carry most of that weight.
    * **Headline** and **paragraphs** -- the same model on the title alone and
      on each paragraph of the body (parts under 8 words get no frame): a
      student can see where the article turns from security to legality. A
      part's frames present use the model's ``part_threshold_``, chosen at
      training so that the union of an article's paragraph frames best matches
      the article's labels out of fold: at the article threshold a paragraph got
      4.3 frames (more than a whole article's 3.7), 52% of them among its
      article's labels; at the part threshold 1.2, 72% (model card,
      ``cross_validation.paragraphs``). The primary frame of a part is unchanged.

Model (:mod:`.model`)
    One-vs-rest logistic regressions over masked word unigrams (names are not
    features) and the rates of the cues of ``lexicons/frame_cues.tsv``, blended
    with a nearest-articles vote over the same word vectors, trained
    on the SemEval-2023 Task 3 subtask 2 English articles (Piskorski et al.
    2023) by ``framing train frames``. Figures (model card): cross-validated
    micro-F1, per-frame F1, the most-frequent-three baseline.

Rule ids (:data:`RULES`)
    ``model:frames@<sha8>`` for the classifier's evidence;
    ``rule:frames.sentence`` for a sentence that carries a frame.

Known limits
    Trained on about 300 English articles, mostly opinion pieces (the SemEval
    genre labels), many on US politics, migration and crime; frames that are
    rare there (Economic, Capacity and resources, Public opinion) are learned
    from a dozen examples and rarely predicted. Paragraph frames come from an
    article-level model applied to short texts: read them as indications.
    Tokenisation is a regular expression (no parse), so the model does not see
    negation or who speaks; frames belong to the text, not to its author's voice.
    Legality follows the training articles' usage, where the law is courts,
    statutes and constitutions: a word of breach does not signal it there (of
    the 45 articles with "violat...", 44% are labelled Legality, against 46% of
    all; of the 44 with "illegal...", 57%), so one sentence on a "violation of
    international conventions" does not make an article Legality.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import numpy as np

from framing.analyzers import AnalyzerSpec, Context
from framing.analyzers.frames import model as _model
from framing.analyzers.frames.model import CUES, FRAME_IDS, FRAMES, MODEL_NAME
from framing.errors import LexiconError
from framing.resources import lexicons as _lexicons
from framing.resources.models import model_rule
from framing.schema import Evidence, Span
from framing.schema.sections.frames import Frames, FrameScore, PartFrames

__all__ = ["FRAMES", "FRAME_IDS", "MIN_PART_WORDS", "RULES", "SPEC", "Frames", "analyze", "model_rule_id"]

#: A headline or paragraph shorter than this (words) gets no frame.
MIN_PART_WORDS = _model.MIN_PART_WORDS
SENTENCE_RULE = "rule:frames.sentence"


def model_rule_id() -> str:
    """``model:frames@<first 8 hex digits of the artifact sha256>``."""
    return model_rule(MODEL_NAME, _model.RULE_PREFIX)


def _build_rules() -> dict[str, str]:
    rules = {model_rule_id(): "frames classifier contribution (coef * x to a frame's log-odds) of a word or frame cue",
             SENTENCE_RULE: "a sentence carrying a frame (weight: summed contributions of the frame's evidence inside it)"}
    with contextlib.suppress(LexiconError):
        rules[_lexicons.load(CUES).rule] = "a frame cue from lexicons/frame_cues.tsv"
    return rules


RULES: dict[str, str] = _build_rules()


def _parts(ctx: Context) -> list[tuple[int, int]]:
    """The parse's paragraphs that lie in the body (the headline is framed apart)."""
    body = ctx.parsed.article.body_start
    return [(p.start, p.end) for p in ctx.parsed.paragraphs if p.start >= body]


def _part(span: tuple[int, int], text: str, prob: np.ndarray, threshold: float) -> PartFrames:
    a, b = span
    words = len(text[a:b].split())
    if words < MIN_PART_WORDS:
        return PartFrames(Span(a, b), words, "", 0.0, ())
    j = int(prob.argmax())
    present = tuple(FRAME_IDS[k] for k in np.argsort(-prob) if prob[k] >= threshold or k == j)
    return PartFrames(Span(a, b), words, FRAME_IDS[j], round(float(prob[j]), 4), present)


def _evidence(ctx: Context, items: Sequence[dict], mrule: str, cue_rule: str) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...]]:
    text = ctx.text
    ev = tuple(Evidence(Span(it["start"], it["end"]), text[it["start"]:it["end"]],
                        cue_rule if it["kind"] == "cue" else mrule, round(float(it["weight"]), 4),
                        f"{it['kind']}: {it['feature']}") for it in items)
    by_sent: dict[int, float] = {}
    for e in ev:
        if not ctx.parsed.sentences:
            break
        i = ctx.parsed.sentence_index(e.span.start)
        by_sent[i] = by_sent.get(i, 0.0) + e.weight
    sents = []
    for i, w in sorted(by_sent.items(), key=lambda kv: -kv[1])[:2]:
        s = ctx.parsed.sentences[i]
        sents.append(Evidence(s, text[s.start:s.end], SENTENCE_RULE, round(w, 4), "sentence carrying the frame"))
    return ev, tuple(sents)


def analyze(ctx: Context) -> Frames:
    """Frames of one parsed article (see the module docstring)."""
    clf = _model.as_classifier(ctx.models[MODEL_NAME])
    lex = ctx.lexicons[CUES]
    text, art = ctx.text, ctx.parsed.article
    parts = _parts(ctx)
    title_span = (0, art.body_start) if art.title and art.body_start > 0 else None
    texts = [text] + [text[a:b] for a, b in parts] + ([text[title_span[0]:title_span[1]].strip()] if title_span else [])
    prob = clf.predict_proba(texts, lexicon=lex)
    threshold = float(clf.threshold_)
    part_threshold = float(getattr(clf, "part_threshold_", threshold))  # an artifact from before it existed: shared
    article_p = prob[0]
    decided = _model.decide(article_p[None, :], threshold)[0]
    present_idx = [j for j in range(len(FRAME_IDS)) if decided[j]]
    expl = clf.explain(text, lexicon=lex, frames=present_idx, top=8)
    mrule, cue_rule = model_rule_id(), lex.rule
    scores = []
    for j in np.argsort(-article_p):
        ev, sents = _evidence(ctx, expl.get(int(j), []), mrule, cue_rule) if decided[j] else ((), ())
        scores.append(FrameScore(FRAME_IDS[j], FRAMES[FRAME_IDS[j]], round(float(article_p[j]), 4), bool(decided[j]), ev, sents))
    headline = None
    if title_span:
        a = title_span[0]
        b = a + len(text[title_span[0]:title_span[1]].rstrip())
        headline = _part((a, b), text, prob[-1], part_threshold)
    paragraphs = tuple(_part(span, text, prob[1 + i], part_threshold) for i, span in enumerate(parts))
    return Frames(model=mrule, threshold=round(threshold, 4), primary=FRAME_IDS[int(article_p.argmax())],
                  frames=tuple(scores), headline=headline, paragraphs=paragraphs, part_threshold=round(part_threshold, 4))


SPEC = AnalyzerSpec("frames", analyze, Frames, rules=RULES, lexicons=(CUES,), models=(MODEL_NAME,))
