"""Whether a candidate attribution reports something said (or thought) at all (``rule:attribution.not_speech``).

A listed attribution should be a statement: speech or writing, or a reported
belief with a proposition for its content. The rules and the span model also
propose verbs that are not, and these are dropped here:

* **action, state and appearance verbs**: 'seem', 'appear', 'learn', 'vote',
  'order', 'launch', 'plan', 'introduce', 'address', 'discuss', 'avoid' ...
  (:data:`NOT_SPEECH`) -- 'the prospect appears to have abated', 'House votes',
  'learned the hard way', 'ordered drone strikes';
* **stances** (``act == "stance"`` in ``lexicons/reporting_verbs.tsv``: want,
  support, oppose, defend, seek): a position taken, not a statement -- unless
  the content quotes words or the verb names something ('called the attack
  "reckless"', 'described it as ...': :data:`_NAMING`);
* **beliefs and learned cues without a proposition**: a belief verb or a verb
  only the span model proposes counts only with a clausal complement ('that
  ...', 'whether ...') or a quotation ('hopes for ossification', 'declared
  war' are not statements);
* **hypothetical, negated and question-frame reports**: under 'could', 'might'
  or 'may' ('Iran could concede that ...'), negated ('did not say what day'), the
  participle of a question frame ('Asked about X, Y said ...': Y's 'said' is the
  statement, not 'asked'), and a passive 'X was asked (by Z) whether ...' (a
  question put to X: neither X nor the asker states anything; X's answer, when
  reported, is its own attribution);
* **universal appeals and the author**: 'everyone knows', 'the whole world
  knows', 'anyone who knows' -- the author's own assertion dressed as common
  knowledge -- and a first-person source outside quotations ('I realized that
  ...'): the author's voice.

Limits: read from spaCy's parse of the cue; a speech verb used figuratively
('the numbers say') still passes when its subject passed the plausibility test.
"""

from __future__ import annotations

import re

from framing.analyzers.attribution.cues import Cand, lemma

#: verbs that report an action, a state or an appearance, not a statement
NOT_SPEECH = frozenset({
    "seem", "appear", "learn", "vote", "order", "launch", "plan", "introduce", "address", "discuss", "avoid",
    "spare", "encourage", "determine", "decide", "seek", "want", "wish", "support", "oppose", "refer", "be",
    "show", "see", "forget", "talk", "respond", "expect", "rip", "mean", "know",
})
#: naming verbs: 'called the attack reckless' says something even when the lexicon files it as a stance
_NAMING = frozenset({"call", "label", "describe", "brand", "dub", "term", "characterize", "characterise"})
_POSSIBILITY = frozenset({"could", "might", "may"})
_UNIVERSAL = re.compile(r"^(?:the\s+whole\s+world|everyone|everybody|anyone|anybody|no\s*one|nobody|all|the\s+world|"
                        r"we\s+all|everyone\s+else)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"^\W*(?:that|whether|if|how|what|why|when|who)\b", re.IGNORECASE)
_QUOTE_MARKS = "\"\u201c\u201d\u00ab\u00bb"


def _clausal(parsed, c: Cand, verb) -> bool:
    """A proposition for content: a clausal complement of the cue, a 'that'/'whether' clause or a quotation."""
    if verb is not None and any(ch.dep_ in ("ccomp", "parataxis") for ch in verb.children):
        return True
    if verb is not None and any(ch.dep_ in ("nsubjpass", "auxpass") for ch in verb.children) and any(
            ch.dep_ == "xcomp" for ch in verb.children):
        return True  # raising: 'X is believed to have died', 'Y was said to be a key figure'
    if verb is not None and any(ch.dep_ == "dobj" for ch in verb.children) and any(
            ch.dep_ == "prep" and ch.lower_ == "as" for ch in verb.children):
        return True  # a small clause: 'economists view the plan as a gamble'

    if not c.content:
        return False
    first = parsed.text[c.content[0].start:c.content[0].end]
    return bool(_CLAUSE_START.match(first)) or any(m in first for m in _QUOTE_MARKS)


def _quoted(parsed, c: Cand) -> bool:
    return any(m in parsed.text[p.start:p.end] for p in c.content for m in _QUOTE_MARKS)


def not_speech(parsed, c: Cand) -> str:
    """The reason candidate ``c`` (not a direct quotation) reports no statement, or '' (see the module docstring):
    'verb', 'stance', 'no_proposition', 'agentless_learned', 'author', 'hypothetical', 'negated', 'question'."""
    if c.type in ("direct", "according_to"):
        return ""
    verb = parsed.doc[c.cue_tok] if c.cue_tok is not None and c.cue_tok >= 0 else None
    lem = lemma(verb) if verb is not None else (c.cue.term.split()[0] if c.cue else "")
    act = c.cue.act if c.cue else "speech"
    learned = c.rule.startswith("model:")
    if lem in NOT_SPEECH and not (lem == "know" and verb is not None and _clausal(parsed, c, verb)
                                  and not _universal(parsed, c)):
        return "verb"
    if act == "stance" and lem not in _NAMING and not _quoted(parsed, c):
        return "stance"
    if (act == "belief" or learned) and not _clausal(parsed, c, verb):
        return "no_proposition"
    if c.type == "agentless" and learned:
        return "agentless_learned"
    if _universal(parsed, c) or _author(parsed, c):
        return "author"
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        if any(ch.dep_ == "aux" and ch.lower_ in _POSSIBILITY for ch in verb.children):
            return "hypothetical"
        if any(ch.dep_ == "neg" for ch in verb.children) or any(
                ch.dep_ == "neg" for ch in verb.head.children if verb.dep_ == "xcomp"):
            return "negated"
        if lem == "ask" and verb.tag_ == "VBN" and not any(ch.dep_.startswith("nsubj") for ch in verb.children):
            return "question"
        if lem == "ask" and any(ch.dep_ == "auxpass" for ch in verb.children):
            return "question"  # 'X was asked (by reporters) whether ...': a question put to X, no one's statement
    return ""


def _author(parsed, c: Cand) -> bool:
    """A first-person source outside quotations ('I realized that ...'): the author, whose voice it is anyway."""
    tok = c.source_tok
    return (tok is not None and tok.lower_ in ("i", "we") and c.source_span is not None
            and not parsed.in_quotes(c.source_span))


def _universal(parsed, c: Cand) -> bool:
    if c.source_span is None:
        return False
    return bool(_UNIVERSAL.match(parsed.text[c.source_span.start:c.source_span.end]))
