"""``framing train``: rebuild a shipped model from its training data (thin over ``framing.train.<model>``)."""

from __future__ import annotations

from pathlib import Path

import typer

from framing.cli.common import print_json

app = typer.Typer(help="Rebuild a shipped model from its training data.\n\nExample: framing train loaded", no_args_is_help=True)


@app.command("loaded")
def train_loaded(
    data: Path = typer.Option(..., "--data", help="BABE-format training data (JSON Lines: text, label)."),
) -> None:
    """Rebuild the sentence loaded-language classifier and its model card in framing/models/.

    Example: framing train loaded --data ../shared/datasets/babe/dev.jsonl
    """
    from framing.train import loaded  # lazy: heavy (scikit-learn, spaCy)

    card = loaded.train_loaded(data)
    print_json(card)


@app.command("stance")
def train_stance(
    data: Path = typer.Option(..., "--data", help="NewsMTSC-format training data (JSON Lines)."),
) -> None:
    """Rebuild the target-dependent sentiment classifier and its model card in framing/models/.

    Example: framing train stance --data ../shared/datasets/newsmtsc/dev.jsonl
    """
    from framing.train import stance  # lazy: heavy (scikit-learn, spaCy)

    card = stance.train(data)
    print_json(card)


@app.command("attribution")
def train_attribution(
    data: Path = typer.Option(..., "--data", help="PolNeAR-format data (JSON Lines with official_split)."),
) -> None:
    """Rebuild the attribution span model (cue and content classifiers) and its model card in framing/models/.

    Fits on the rows of the official train compartment, chooses the threshold by
    3-fold cross-validation grouped by article, and scores the official dev
    compartment with the rules alone and with the model (about 5 minutes).

    Example: framing train attribution --data ../shared/datasets/polnear/dev.jsonl
    """
    from framing.train import attribution  # lazy: heavy (scikit-learn, spaCy)

    card = attribution.train(data, log=lambda m: typer.echo(m, err=True))
    print_json(card)


@app.command("roles")
def train_roles(
    data: Path = typer.Option(..., "--data", help="Narrative-frames data (JSON Lines: text, entity_roles)."),
) -> None:
    """Rebuild the hero / villain / victim classifier and its model card in framing/models/ (about 2 minutes).

    Example: framing train roles --data ../shared/datasets/narrative_frames/dev.jsonl
    """
    from framing.train import roles  # lazy: heavy (scikit-learn, spaCy)

    card = roles.train(data, log=lambda m: typer.echo(m, err=True))
    print_json(card)


@app.command("frames")
def train_frames(
    data: Path = typer.Option(..., "--data", help="SemEval-2023 frames data (JSON Lines: text, frames)."),
    folds: int = typer.Option(5, "--folds", help="Cross-validation folds for the card's figures."),
) -> None:
    """Rebuild the issue-frames classifier and its model card in framing/models/.

    Example: framing train frames --data ../shared/datasets/semeval23_frames/dev.jsonl
    """
    from framing.train import frames  # lazy: heavy (scikit-learn)

    card = frames.train(data, folds=folds)
    print_json(card)


@app.command("techniques")
def train_techniques(
    data: Path = typer.Option(..., "--data", help="PTC-format data (JSON Lines: text, techniques)."),
    folds: int = typer.Option(3, "--folds", help="Cross-validation folds of the classifier (grouped by article) for the card's figures; 3, as the card (the tagger and the abstention threshold always use 3)."),
) -> None:
    """Rebuild the persuasion-technique classifier and its model card in framing/models/.

    Example: framing train techniques --data ../shared/datasets/ptc/dev.jsonl --folds 3
    """
    from framing.train import techniques  # lazy: heavy (scikit-learn)

    card = techniques.train(data, folds=folds)
    print_json(card)


@app.command("loaded-spans")
def train_loaded_spans(
    datasets: Path = typer.Option(..., "--datasets", help="The shared datasets folder (babe/, mbic/, basil/, ptc/ dev.jsonl)."),
    folds: int = typer.Option(5, "--folds", help="Folds of the article-grouped cross-validation."),
) -> None:
    """Rebuild the learned loaded-word detector (token model) and its model card in framing/models/.

    Parses about 3,000 texts (BABE, MBIC, BASIL, PTC), cross-validates by article and fits on all (10-20 minutes).

    Example: framing train loaded-spans --datasets ../shared/datasets
    """
    from framing.train import loaded_spans  # lazy: heavy (scikit-learn, spaCy)

    card = loaded_spans.train(datasets, folds=folds)
    print_json({k: v for k, v in card.items() if k != "parameters"})
