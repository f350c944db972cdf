"""``framing train``: rebuild a shipped model from its training data.

Without ``--data``, the command uses ``../shared/datasets/<set>/dev.jsonl`` beside
the source checkout when it exists (the library itself holds no such path).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from framing.cli.common import print_json

app = typer.Typer(help="Rebuild a shipped model from its training data.\n\nExample: framing train loaded", no_args_is_help=True)


def default_data(dataset: str) -> Path | None:
    """``<repo>/../shared/datasets/<dataset>/dev.jsonl`` when framing runs from a checkout that has it, else None."""
    path = Path(__file__).resolve().parents[3] / "shared" / "datasets" / dataset / "dev.jsonl"
    return path if path.is_file() else None


@app.command("loaded")
def train_loaded(
    data: Optional[Path] = typer.Option(None, "--data", help="BABE-format training data (default: ../shared/datasets/babe/dev.jsonl)."),
) -> None:
    """Rebuild the sentence loaded-language classifier and its model card in framing/models/.

    Example: framing train loaded --data ../shared/datasets/babe/dev.jsonl
    """
    from framing import classifiers  # lazy: heavy (scikit-learn, spaCy)

    card = classifiers.train_loaded(data or default_data("babe"))
    print_json(card)


@app.command("stance")
def train_stance(
    data: Optional[Path] = typer.Option(None, "--data", help="NewsMTSC-format training data (default: ../shared/datasets/newsmtsc/dev.jsonl)."),
) -> None:
    """Rebuild the target-dependent sentiment classifier and its model card in framing/models/.

    Example: framing train stance --data ../shared/datasets/newsmtsc/dev.jsonl
    """
    from framing import target_sentiment  # lazy: heavy (scikit-learn, spaCy)

    card = target_sentiment.train(data or default_data("newsmtsc"))
    print_json(card)


@app.command("attribution")
def train_attribution(
    data: Optional[Path] = typer.Option(None, "--data", help="PolNeAR-format data (default: ../shared/datasets/polnear/dev.jsonl)."),
) -> None:
    """Rebuild the attribution span model (cue and content classifiers) and its model card in framing/models/.

    Fits on the rows of the official train compartment, chooses the threshold by
    3-fold cross-validation grouped by article, and scores the official dev
    compartment with the rules alone and with the model (about 5 minutes).

    Example: framing train attribution --data ../shared/datasets/polnear/dev.jsonl
    """
    from framing import attribution_model  # lazy: heavy (scikit-learn, spaCy)

    card = attribution_model.train(data or default_data("polnear"), log=lambda m: typer.echo(m, err=True))
    print_json(card)
