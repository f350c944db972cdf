"""Hand-built spaCy Docs (words, heads, dependency labels, parts of speech, tags) for the syntax tests.

Each sentence is a list of ``(word, head index, dep, pos, tag)``; the Doc does not
depend on the statistical model, so a model upgrade cannot change these tests.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, is_punct), no statistical model


def build(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    words = [r[0] for r in rows]
    return Doc(
        _VOCAB,
        words=words,
        spaces=[True] * (len(words) - 1) + [False],
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
    )


SENTENCES: dict[str, list[tuple[str, int, str, str, str]]] = {
    # object control: "pressed Iran to give up" -> Iran gives up
    "object_control": [
        ("They", 1, "nsubj", "PRON", "PRP"), ("pressed", 1, "ROOT", "VERB", "VBD"), ("Iran", 1, "dobj", "PROPN", "NNP"),
        ("to", 4, "aux", "PART", "TO"), ("give", 1, "xcomp", "VERB", "VB"), ("up", 4, "prt", "ADP", "RP"),
    ],
    # a relative pronoun subject stands for the antecedent
    "relative_pronoun": [
        ("the", 1, "det", "DET", "DT"), ("minister", 1, "ROOT", "NOUN", "NN"), ("who", 3, "nsubj", "PRON", "WP"),
        ("said", 1, "relcl", "VERB", "VBD"), ("it", 3, "dobj", "PRON", "PRP"),
    ],
    # coordinated subjects
    "conjuncts": [
        ("Iran", 3, "nsubj", "PROPN", "NNP"), ("and", 0, "cc", "CCONJ", "CC"), ("Iraq", 0, "conj", "PROPN", "NNP"),
        ("condemned", 3, "ROOT", "VERB", "VBD"), ("it", 3, "dobj", "PRON", "PRP"),
    ],
    # a participle on a noun: the statement speaks
    "participle_noun": [
        ("a", 1, "det", "DET", "DT"), ("statement", 1, "ROOT", "NOUN", "NN"), ("saying", 1, "acl", "VERB", "VBG"),
        ("war", 4, "nsubj", "NOUN", "NN"), ("looms", 2, "ccomp", "VERB", "VBZ"),
    ],
    # an infinitive on a noun: nobody speaks; its owner is the clause's local subject
    "infinitive_noun": [
        ("their", 1, "poss", "PRON", "PRP$"), ("determination", 1, "ROOT", "NOUN", "NN"), ("to", 3, "aux", "PART", "TO"),
        ("defend", 1, "acl", "VERB", "VB"), ("it", 3, "dobj", "PRON", "PRP"),
    ],
    # passive: subject is the patient, the 'by' phrase holds the agents
    "passive": [
        ("The", 1, "det", "DET", "DT"), ("base", 3, "nsubjpass", "NOUN", "NN"), ("was", 3, "auxpass", "AUX", "VBD"),
        ("attacked", 3, "ROOT", "VERB", "VBN"), ("by", 3, "agent", "ADP", "IN"), ("militias", 4, "pobj", "NOUN", "NNS"),
        ("and", 5, "cc", "CCONJ", "CC"), ("drones", 5, "conj", "NOUN", "NNS"),
    ],
    "negated": [
        ("Iran", 3, "nsubj", "PROPN", "NNP"), ("did", 3, "aux", "AUX", "VBD"), ("not", 3, "neg", "PART", "RB"),
        ("attack", 3, "ROOT", "VERB", "VB"),
    ],
    # '..., then admitted ...' hung on the first verb with the unlabelled 'dep'
    "dep_chain": [
        ("Ali", 1, "nsubj", "PROPN", "NNP"), ("denied", 1, "ROOT", "VERB", "VBD"), ("it", 1, "dobj", "PRON", "PRP"),
        (",", 1, "punct", "PUNCT", ","), ("then", 5, "advmod", "ADV", "RB"), ("admitted", 1, "dep", "VERB", "VBD"),
        ("it", 5, "dobj", "PRON", "PRP"),
    ],
    # 'X denied A, then admitted B' parsed with 'denied' as an adverbial clause of 'admitted'
    "earlier_clause": [
        ("Ali", 1, "nsubj", "PROPN", "NNP"), ("denied", 4, "advcl", "VERB", "VBD"), ("this", 1, "dobj", "PRON", "DT"),
        (",", 4, "punct", "PUNCT", ","), ("admitted", 4, "ROOT", "VERB", "VBD"), ("that", 4, "dobj", "PRON", "DT"),
    ],
    # a relative clause parsed without its pronoun: the antecedent acts
    "relative_antecedent": [
        ("the", 1, "det", "DET", "DT"), ("strike", 1, "ROOT", "NOUN", "NN"), ("killed", 1, "relcl", "VERB", "VBD"),
        ("him", 2, "dobj", "PRON", "PRP"),
    ],
    # a prepositional complement inherits the subject of the verb the preposition hangs on
    "pcomp": [
        ("They", 1, "nsubj", "PRON", "PRP"), ("won", 1, "ROOT", "VERB", "VBD"), ("by", 1, "prep", "ADP", "IN"),
        ("attacking", 2, "pcomp", "VERB", "VBG"),
    ],
    # 'the plans of the US for establishing its bases': the owner of 'plans' establishes
    "noun_owner": [
        ("the", 1, "det", "DET", "DT"), ("plans", 1, "ROOT", "NOUN", "NNS"), ("of", 1, "prep", "ADP", "IN"),
        ("the", 4, "det", "DET", "DT"), ("US", 2, "pobj", "PROPN", "NNP"), ("for", 1, "prep", "ADP", "IN"),
        ("establishing", 5, "pcomp", "VERB", "VBG"), ("its", 8, "poss", "PRON", "PRP$"), ("bases", 6, "dobj", "NOUN", "NNS"),
    ],
    # an expletive subject
    "expletive": [
        ("There", 1, "expl", "PRON", "EX"), ("are", 1, "ROOT", "VERB", "VBP"), ("claims", 1, "attr", "NOUN", "NNS"),
    ],
    # a speaker with a relative clause and a possessive mark
    "np": [
        ("the", 1, "det", "DET", "DT"), ("official", 5, "nsubj", "NOUN", "NN"), ("who", 3, "nsubj", "PRON", "WP"),
        ("spoke", 1, "relcl", "VERB", "VBD"), ("briefly", 3, "advmod", "ADV", "RB"), ("said", 5, "ROOT", "VERB", "VBD"),
        ("so", 5, "advmod", "ADV", "RB"),
    ],
    "possessive": [
        ("the", 2, "det", "DET", "DT"), ("Iranian", 2, "amod", "ADJ", "JJ"), ("government", 4, "poss", "NOUN", "NN"),
        ("'s", 2, "case", "PART", "POS"), ("plan", 4, "ROOT", "NOUN", "NN"),
    ],
}


def docs() -> dict[str, Doc]:
    return {name: build(rows) for name, rows in SENTENCES.items()}
