"""``framing evaluate``: measure an analyzer on a labeled dataset (thin over ``framing.evaluate.<task>.run``)."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from framing.cli.common import print_json

app = typer.Typer(help="Measure an analyzer on a labeled dataset.\n\nExample: framing evaluate loaded --data babe/dev.jsonl", no_args_is_help=True)

_EVAL_TASKS = {"loaded": "BABE", "stance": "NewsMTSC", "attribution": "PolNeAR"}
_options = {"quiet": False}


@app.callback()
def _evaluate_options(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress line on stderr (shown only on a terminal)."),
) -> None:
    _options["quiet"] = quiet


class _Progress:
    """What :func:`progress` yields: call it as ``progress(done, total, label)`` (the convention of
    :class:`framing.cli.common.Bar`) to turn the spinner into a bar with counts."""

    def __init__(self, bar: Progress | None, task: TaskID | None) -> None:
        self._bar, self._task = bar, task

    def __call__(self, done: int, total: int, label: str = "") -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total, description=label or None)


@contextlib.contextmanager
def progress(label: str) -> Iterator[_Progress]:
    """A progress line on stderr for a long evaluation: a spinner with the elapsed time, and counts when the
    evaluator reports them. Drawn only when stderr is a terminal and ``--quiet`` was not given (stdout, where the
    figures go, is never touched)."""
    if _options["quiet"] or not sys.stderr.isatty():
        yield _Progress(None, None)
        return
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    with bar:
        yield _Progress(bar, bar.add_task(label, total=None))


def _run(fn: Callable[..., Any], label: str, *args: Any, **kw: Any) -> Any:
    """``fn(*args, **kw)`` under :func:`progress`; an evaluator whose signature takes ``progress`` gets the callback."""
    with progress(label) as report:
        if "progress" in inspect.signature(fn).parameters:
            kw["progress"] = report
        return fn(*args, **kw)


def _evaluate(task: str, data: Path, as_json: bool, **kw: Any) -> None:
    mod = importlib.import_module(f"framing.evaluate.{task}")
    result = _run(mod.run, f"evaluate {task}", data, **kw)
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
    data: Path | None = typer.Option(None, "--data", help="A JSON Lines file in the PolNeAR format."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    split: str | None = typer.Option(None, "--split", help="Keep rows whose official_split is this (e.g. dev)."),
    rules_only: bool = typer.Option(False, "--rules-only", help="Score the rules without the trained span model."),
    statements_only: bool = typer.Option(False, "--statements-only",
                                         help="PolNeAR: score framing's default listing (statements only), not "
                                              "PolNeAR's broad notion of attribution."),
    gold_file: Path | None = typer.Option(None, "--gold", help="A hand-made gold file (tests/gold/attribution.jsonl) "
                                          "instead of PolNeAR: speaker precision/recall, speech share, voice."),
    corpus: Path | None = typer.Option(None, "--corpus", help="With --gold: the corpus JSON Lines it annotates."),
    seed: Path | None = typer.Option(None, "--seed", help="With --gold: the seed article it annotates."),
) -> None:
    """Attribution extraction: P/R/F1 of source, cue and content spans (exact and >= 50% overlap).

    Articles the span model was trained on are recognised and scored apart
    (key in_training); the headline figures cover the articles it has not seen.
    With --gold, scores speakers, speech and voice on hand-annotated real articles instead:
    framing evaluate attribution --gold tests/gold/attribution.jsonl --corpus ../shared/corpora/soleimani-2020/articles.jsonl --seed ../shared/seed/soleimani-cgpi.txt

    Example: framing evaluate attribution --data ../shared/datasets/polnear/dev.jsonl --json
    """
    if gold_file is not None:
        if corpus is None:
            raise typer.BadParameter("--gold needs --corpus (and --seed when the gold annotates the seed)")
        mod = importlib.import_module("framing.evaluate.attribution_gold")
        result = _run(mod.run, "evaluate attribution --gold", gold_file, corpus, seed, use_model=not rules_only)
        print_json(result) if as_json else typer.echo(mod.describe(result))
        return
    if data is None:
        raise typer.BadParameter("give --data (PolNeAR) or --gold")
    _evaluate("attribution", data, as_json, split=split, use_model=not rules_only,
              attributions="statements" if statements_only else "all")


@app.command("roles")
def evaluate_roles(
    data: Path = typer.Option(..., "--data", help="A JSON Lines file in the narrative-frames format (text, entity_roles)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    folds: int = typer.Option(5, "--folds", min=2, help="Cross-validation folds, grouped by article."),
) -> None:
    """Narrative roles: macro-F1 over hero / villain / victim for the entities the file names, cross-validated by article.

    An entity the tool cannot find in its article counts as wrong.

    Example: framing evaluate roles --data ../shared/datasets/narrative_frames/dev.jsonl --json
    """
    _evaluate("roles", data, as_json, folds=folds)


@app.command("stance-gold")
def evaluate_stance_gold(
    gold_file: Path = typer.Option(Path("tests/gold/stance.jsonl"), "--gold", help="The stance gold (JSON Lines)."),
    corpus: Path = typer.Option(..., "--corpus", help="The corpus the gold annotates (JSON Lines with id, title, text)."),
    seed: Path | None = typer.Option(None, "--seed", help="The seed article file, when the gold annotates it."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Stance on hand-annotated real articles: sign accuracy on opinion pieces, neutral rate on straight news.

    Example: framing evaluate stance-gold --corpus ../shared/corpora/soleimani-2020/articles.jsonl --seed ../shared/seed/soleimani-cgpi.txt
    """
    from framing.evaluate import stance  # lazy: heavy (spacy, models)

    result = _run(stance.run_gold, "evaluate stance-gold", gold_file, corpus, seed)
    if as_json:
        print_json(result)
    else:
        typer.echo(stance.describe_gold(result))


@app.command("frames")
def evaluate_frames(
    data: Path = typer.Option(..., "--data", help="A JSON Lines file in the SemEval-2023 frames format (text, frames)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Article-level issue frames: micro-F1, macro-F1 and per-frame F1 beside the most-frequent-three baseline.

    Example: framing evaluate frames --data ../shared/datasets/semeval23_frames/dev.jsonl --json
    """
    _evaluate("frames", data, as_json)


@app.command("techniques")
def evaluate_techniques(
    data: Path = typer.Option(..., "--data", help="A JSON Lines file in the PTC format (text, techniques, propaganda_spans)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    si_limit: int = typer.Option(20, "--si-limit", help="Articles to parse for span identification (0: skip SI)."),
) -> None:
    """Persuasion techniques: TC micro-F1 given the gold spans and SI F1 (SemEval-2020 character-overlap metric).

    Example: framing evaluate techniques --data ../shared/datasets/ptc/dev.jsonl --json
    """
    _evaluate("techniques", data, as_json, si_limit=si_limit)


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
    result = _run(loaded_gold.run, "evaluate loaded-gold", corpus, **kw)
    if as_json:
        print_json(result)
    else:
        typer.echo(loaded_gold.describe(result))
