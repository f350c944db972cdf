"""The methodology section: what each measure means, the models' figures, known failure modes, provenance."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path

from framing.report.model import Bullets, Facts, Para, Section, Table
from framing.report.sections.common import clip, num

log = logging.getLogger(__name__)


MEASURES_TEXT: tuple[tuple[str, str], ...] = (
    ("Loaded terms per 1,000 words",
     "Phrases from the project's lexicons (labels, dysphemisms and euphemisms, emotive metaphors, intensifiers, "
     "absolutes) matched on lemmas, skipping negated uses, counted per 1,000 words of the body. A term inside "
     "quotation marks or attributed speech counts for the quoted voice, not the author's."),
    ("Sentence score",
     "A logistic-regression classifier over word and character n-grams plus lexicon, VADER and TextBlob features, "
     "trained on the BABE corpus of sentences labelled biased or not by experts; the score is its calibrated "
     "probability that a sentence is loaded."),
    ("Stance toward an actor (−1 to +1)",
     "Combines the labels the text attaches to the actor (adjectives, appositions, predicates), the actor's role as "
     "agent or patient of verbs with a connotation (connotation frames after Rashkin et al. 2016), and a target-"
     "dependent sentiment classifier trained on NewsMTSC. Author's voice and quoted voices are scored separately."),
    ("Sources and attribution",
     "Direct quotes, reported speech ('X said that'), 'according to' and agentless forms; each speaker is resolved "
     "to an actor and classed as named person, organisation, government, anonymous or vague collective; the "
     "reporting verb is classed neutral, endorsing, distancing or loaded. A trained model (fitted on the PolNeAR "
     "attribution corpus) confirms or drops each candidate and adds cues outside the verb list, shown as "
     "'unlisted' (often positions and actions: 'voted', 'criticized')."),
    ("Unattributed claims",
     "Sentences in the author's voice asserting numbers, casualties, causes or judgements with no source in the "
     "sentence or its paragraph."),
    ("Distinctive terms (comparison)",
     "Fightin' Words (Monroe, Colaresi & Quinn 2008): the log-odds ratio of each word between the target and the "
     "pooled peers, with an informative Dirichlet prior, divided by its standard error; |z| above 1.96 is unlikely "
     "to be chance word variation."),
    ("Where the target stands (comparison)",
     "For each measure: the target's value, the peers' median and interquartile range, and the target's percentile "
     "(the share of peers below it, ties counting half). Peers are the other articles about the same event whose "
     "TF-IDF similarity to the coverage as a whole passes a threshold; summaries too short to measure are left out "
     "of the measures."),
    ("Claims (comparison)",
     "Target sentences with checkable content (numbers, casualties, events) are aligned with the most similar peer "
     "sentences over content words, numbers and entities: uncorroborated when no peer reports the same fact, "
     "contradicted when a peer reports an incompatible one (e.g. no casualties), omitted when several peers report a "
     "fact the target lacks."),
)

FAILURE_MODES: tuple[str, ...] = (
    "Lexicons flag words, not intentions: a loaded word used ironically, or in a headline the outlet quotes, is still counted.",
    "Attribution is rule-based on one parse: long quotes that run over paragraphs, or speakers named far from their words, can be "
    "missed or given to the wrong speaker; pronouns resolve to the last compatible speaker.",
    "Stance is a sum of small signals; an actor mentioned once or twice gets an unreliable value — read the evidence, not only the number.",
    "Sarcasm, rhetorical questions and negation beyond the clause defeat every measure here.",
    "Claims are matched by word overlap: a peer stating the same fact in very different words can leave a claim 'uncorroborated'; "
    "peers may also all repeat one wrong report.",
    "The comparison is only as broad as its corpus: outlets, dates and leans that are missing cannot be compared with.",
    "Models were trained on US and UK English news; other varieties and opinion genres are measured less reliably.",
)

DISPUTE_TEXT = (
    "Every finding in this report points at characters of the text (the numbers in square brackets are offsets into "
    "the article text, headline included). To dispute one, find it in the highlighted text or the tables, check the "
    "rule or lexicon entry that produced it (`framing score SOURCE --json` lists the rule id of every span), and "
    "re-run the analysis after correcting the lexicon entry or the actor alias file. Open an issue with the offsets, "
    "the quote and what you expected; lexicon entries and models are versioned, and the tool version and analyzer "
    "hash on the title page identify exactly what produced this report."
)


def _model_cards() -> list[dict]:
    """Model cards shipped in framing.models (``*.card.json``), best effort."""
    out = []
    try:
        for p in sorted(files("framing.models").iterdir(), key=lambda p: p.name):
            if p.name.endswith(".card.json"):
                try:
                    card = json.loads(p.read_text(encoding="utf-8"))
                    card.setdefault("_file", p.name)
                    out.append(card)
                except (OSError, ValueError) as exc:
                    log.warning("model card %s unreadable: %s", p.name, exc)
    except (ModuleNotFoundError, OSError) as exc:  # pragma: no cover
        log.warning("no model cards: %s", exc)
    return out


def _flat_metrics(card: Mapping, prefix: str = "", depth: int = 0) -> list[tuple[str, float]]:
    out = []
    for k, v in card.items():
        if isinstance(v, Mapping) and depth < 2:
            out.extend(_flat_metrics(v, f"{prefix}{k}.", depth + 1))
        elif (isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1
              and any(w in k.lower() for w in ("f1", "accuracy", "precision", "recall")) and "std" not in k.lower()):
            out.append((f"{prefix}{k}", float(v)))
    return out


def _benchmark_results() -> list[tuple[str, str, str]]:
    """Figures from ``benchmarks/results/*.json`` when framing runs from a source checkout (best effort).

    Each benchmark script writes one JSON file there; rows are (benchmark, what it measures,
    headline figures). An installed wheel has no such folder: the report then shows the commands.
    """
    folder = Path(__file__).resolve().parents[3] / "benchmarks" / "results"
    rows: list[tuple[str, str, str]] = []
    if not folder.is_dir():
        return rows
    for p in sorted(folder.glob("*.json")):
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(d, Mapping):
            continue
        figs = []
        secs = d.get("seconds")
        if isinstance(secs, Mapping) and num(secs.get("total")) is not None:
            figs.append(f"total {float(secs['total']):.1f} s")
        for k, v in d.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and any(w in k for w in ("ratio", "overhead", "f1", "accuracy", "speedup", "over_bare")):
                figs.append(f"{k.replace('_', ' ')} {v:.3g}")
        if figs:
            rows.append((str(d.get("benchmark") or p.stem), clip(str(d.get("what") or ""), 90), "; ".join(figs[:5])))
    return rows


BENCH_COMMANDS = (
    ("loaded language (BABE)", "framing evaluate loaded --data ../shared/datasets/babe/dev.jsonl"),
    ("stance (NewsMTSC)", "framing evaluate stance --data ../shared/datasets/newsmtsc/dev.jsonl"),
    ("attribution (PolNeAR)", "framing evaluate attribution --data ../shared/datasets/polnear/dev.jsonl"),
    ("report speed", "python benchmarks/report.py"),
    ("analyzer speed", "python benchmarks/<name>.py (see benchmarks/README.md)"),
)


def section(kind: str, provenance: Mapping) -> Section:
    sec = Section("methodology", "Methodology and limitations")
    items = MEASURES_TEXT if kind == "comparison" else tuple(m for m in MEASURES_TEXT if "(comparison)" not in m[0])
    sec.add(Para("What each measure means", cls="h3"))
    sec.add(Facts(items, cls="defs"))
    sec.add(Para("How well the parts work", cls="h3"))
    cards = _model_cards()
    rows = []
    for card in cards:
        mets = _flat_metrics(card)
        keep = [(k, v) for k, v in mets if "macro" in k.lower() or "f1" in k.lower() or "accuracy" in k.lower()][:6]
        if keep:
            rows.append((str(card.get("name") or card.get("task") or card.get("_file")),
                         str(card.get("data") if isinstance(card.get("data"), str) else (card.get("data") or {}).get("path", card.get("training_data", "–"))) if card.get("data") or card.get("training_data") else "–",
                         "; ".join(f"{k} {v:.3f}" for k, v in keep)))
    if rows:
        sec.add(Table(("model", "data", "cross-validated figures (from its model card)"), tuple(rows), cls="small"))
    else:
        sec.add(Para("No model cards were found in this installation; the figures below can be measured with the commands shown."))
    bench = _benchmark_results()
    if bench:
        sec.add(Table(("benchmark", "what", "figures"), tuple(bench), "Benchmark figures from benchmarks/results/ in this checkout.", cls="small"))
    sec.add(Table(("figure", "reproduce with"), BENCH_COMMANDS, "Accuracy against labelled data sets and speed are "
                  "measured by these commands; their outputs are the benchmark figures cited in the README.", cls="small"))
    sec.add(Para("Known failure modes", cls="h3"))
    sec.add(Bullets(FAILURE_MODES))
    sec.add(Para("How to dispute a finding", cls="h3"))
    sec.add(Para(DISPUTE_TEXT))
    prov = []
    for k in ("framing_version", "analyzer_version", "analyzed_at"):
        if provenance.get(k):
            prov.append((k.replace("_", " "), str(provenance[k])))
    sp = provenance.get("spacy_pipeline")
    if isinstance(sp, Mapping):
        prov.append(("spaCy pipeline", f"{sp.get('name', '')} {sp.get('version', '')}".strip()))
    lex = provenance.get("lexicons")
    if isinstance(lex, Mapping) and lex:
        prov.append(("lexicons", ", ".join(f"{k} {str(v)[:8]}" for k, v in sorted(lex.items()))))
    if prov:
        sec.add(Para("Provenance", cls="h3"))
        sec.add(Facts(tuple(prov)))
    return sec

