"""``framing batch INPUT... --out DIR`` and ``framing batch aggregate DIR``: thin wrappers over :mod:`framing.batch`."""

from __future__ import annotations

import sys

import typer

from framing.cli.common import Bar, print_json
from framing.errors import InputError
from framing.safetext import one_line

BATCH_FAILED = 3


def batch(
    inputs: list[str] = typer.Argument(..., help="JSON Lines (shared corpus format) or Parquet files, folders of .txt/.html, or fsspec URLs of any of these; or `aggregate DIR`."),
    out: str | None = typer.Option(None, "--out", help="The output folder (or fsspec URL) of the Parquet dataset."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster."),
    workers: int = typer.Option(2, "--workers", min=0, max=512, help="Worker processes of the local cluster (0: in this process, no Dask)."),
    event: str | None = typer.Option(None, "--event", help="The event of every article (default: 'default'); its bundled actors.toml is used."),
    partition_size: int = typer.Option(50, "--partition-size", min=1, max=100_000, help="Articles per partition (one task, one file per table)."),
    keep_json: bool = typer.Option(False, "--keep-json", help="Also write the `analyses` table (the whole analysis JSON of each article)."),
    check_language: bool = typer.Option(False, "--check-language", help="Refuse non-English texts (each becomes an errors row)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Analyze many articles on a Dask cluster into a Parquet dataset; or aggregate a dataset per event and outlet.

    `framing batch INPUT... --out DIR` writes the tables articles, findings, actors, attributions, terms,
    naming, errors and one per further section, partitioned by event and input shard, with _manifest.json.
    A rerun skips finished partitions. `framing batch aggregate DIR` writes DIR/_aggregates (per event x outlet
    medians and IQRs of every measure, stance matrix, naming and word counts), which
    `framing compare TARGET --peers-from DIR --event NAME` reads. Exit code 3 when some articles or partitions failed.

    Example: framing batch ../shared/corpora/soleimani-2020/articles.jsonl --out runs/sol --event soleimani-2020 --workers 2
    """
    try:
        from framing import batch as fb  # lazy: optional dependency (framing[dask]: pyarrow, dask)
    except ImportError as exc:
        raise InputError(f"framing batch needs the dask extra ({exc}): pip install 'framing[dask]'") from None

    if inputs and inputs[0] == "aggregate":
        if len(inputs) != 2:
            raise InputError("usage: framing batch aggregate DIR (the --out folder of a batch run)")
        summary = fb.aggregate(inputs[1], client_address=scheduler)
        if as_json:
            print_json(summary)
        else:
            print(f"wrote {summary['out']}: {summary['events']} event(s), {summary['outlets']} outlet rows from "
                  f"{summary['articles']} articles", file=sys.stderr)
        return
    if not out:
        raise InputError("framing batch needs --out DIR (the folder of the Parquet dataset)")
    client = None
    if scheduler:
        try:
            from distributed import Client  # lazy: optional dependency (framing[dask])
        except ImportError:
            raise InputError("--scheduler needs Dask: pip install 'framing[dask]'") from None
        try:
            client = Client(scheduler, timeout=30)
        except OSError as exc:
            raise InputError(f"--scheduler {scheduler}: cannot connect ({exc}); check the address and that the scheduler runs") from None
    try:
        with Bar(quiet) as bar:
            res = fb.analyze(inputs, out, client, workers=workers, event=event, partition_size=partition_size,
                                 keep_json=keep_json, check_language=check_language, progress=bar)
    finally:
        if client is not None:
            client.close()
    for part, err in res.failed:
        print(one_line(f"framing: partition {part} failed: {err}"), file=sys.stderr)
    if as_json:
        print_json(res.to_dict())
    else:
        print(f"{res.out}: {res.computed} partitions analyzed, {res.skipped} already finished, {len(res.failed)} failed; "
              f"{res.articles} articles, {res.errors} errors rows, {res.seconds:.1f} s", file=sys.stderr)
    if res.failed or res.errors:
        print(f"framing: error: {len(res.failed)} partition(s) failed and {res.errors} record(s) went to the errors table; "
              f"exit code {BATCH_FAILED}", file=sys.stderr)
        raise typer.Exit(BATCH_FAILED)
