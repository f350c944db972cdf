"""``framing evaluate``: measure an analyzer on a labeled dataset (thin over ``framing.evaluate.<task>.run``)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import typer

from framing.cli.common import print_json

app = typer.Typer(help="Measure an analyzer on a labeled dataset.\n\nExample: framing evaluate loaded --data babe/dev.jsonl", no_args_is_help=True)

_EVAL_TASKS = {"loaded": "BABE", "stance": "NewsMTSC", "attribution": "PolNeAR"}


def _evaluate(task: str, data: Path, as_json: bool, **kw: Any) -> None:
    mod = importlib.import_module(f"framing.evaluate.{task}")
    result = mod.run(data, **kw)
    if as_json:
        print_json(result)
    else:
        typer.echo(mod.describe(result))


@app.command("loaded")
def evaluate_loaded(
    data: Path = typer.Option(..., "--data", help="A JSON Lines file in the BABE format (text, label)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Sentence-level loaded-language detection: precision, recall, macro-F1 beside three baselines.

    Example: framing evaluate loaded --data ../shared/datasets/babe/dev.jsonl --json
    """
    _evaluate("loaded", data, as_json)


@app.command("stance")
def evaluate_stance(
    data: Path = typer.Option(..., "--data", help="A JSON Lines file in the NewsMTSC format."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Target-dependent sentiment: macro-F1 and accuracy beside a sentence-level VADER baseline.

    Example: framing evaluate stance --data ../shared/datasets/newsmtsc/dev.jsonl --json
    """
    _evaluate("stance", data, as_json)


@app.command("attribution")
def evaluate_attribution(
    data: Path = typer.Option(..., "--data", help="A JSON Lines file in the PolNeAR format."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    split: str | None = typer.Option(None, "--split", help="Keep rows whose official_split is this (e.g. dev)."),
    rules_only: bool = typer.Option(False, "--rules-only", help="Score the rules without the trained span model."),
) -> None:
    """Attribution extraction: P/R/F1 of source, cue and content spans (exact and >= 50% overlap).

    Articles the span model was trained on are recognised and scored apart
    (key in_training); the headline figures cover the articles it has not seen.

    Example: framing evaluate attribution --data ../shared/datasets/polnear/dev.jsonl --json
    """
    _evaluate("attribution", data, as_json, split=split, use_model=not rules_only)


@app.command("loaded-gold")
def evaluate_loaded_gold(
    corpus: Path = typer.Option(..., "--corpus", help="The shared corpus JSON Lines the gold was annotated on."),
    seed: Path | None = typer.Option(None, "--seed", help="The seed article (the gold annotates it as 'seed')."),
    gold_dir: Path | None = typer.Option(None, "--gold-dir", help="Directory of loaded.jsonl and factual.jsonl (default tests/gold)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Loaded language on the hand-made gold: author-voice recall, precision, voice accuracy, factual sentences.

    Example: framing evaluate loaded-gold --corpus ../shared/corpora/soleimani-2020/articles.jsonl --seed ../shared/seed/soleimani-cgpi.txt
    """
    from framing.evaluate import loaded_gold  # lazy: heavy (spaCy pipeline)

    kw: dict[str, Any] = {"seed": seed}
    if gold_dir is not None:
        kw["gold_dir"] = gold_dir
    result = loaded_gold.run(corpus, **kw)
    if as_json:
        print_json(result)
    else:
        typer.echo(loaded_gold.describe(result))
