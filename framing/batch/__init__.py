"""Batch analysis beyond one machine: many articles on a Dask cluster, results as a Parquet dataset.

* :func:`analyze` — ``framing.batch.analyze(inputs, out, client=None)``: JSON Lines
  (the shared corpus format), Parquet with the same columns, folders of
  .txt/.html, local or at fsspec URLs, analyzed partition by partition on a
  Dask cluster (a local one of N worker processes when no client is given)
  into a Parquet dataset (:mod:`framing.batch.tables`), rerunnable
  (:mod:`framing.batch.run`).
* :func:`aggregate` — per event x outlet aggregates of a dataset (dask.dataframe):
  the peers' medians and IQRs of every measure, the stance matrix, naming and
  word counts (:mod:`framing.batch.aggregate`); :func:`compare_with_aggregates`
  sets one analysis against them, as ``framing compare --peers-from DIR``.

Requires the ``framing[dask]`` extra (dask[distributed], pyarrow, pandas).
See docs/scale.md for laptops, SLURM and Kubernetes, and measured capacity.
"""

from __future__ import annotations

from framing.batch.aggregate import aggregate, compare_with_aggregates
from framing.batch.run import BatchResult, analyze, event_actors

__all__ = ["BatchResult", "aggregate", "analyze", "compare_with_aggregates", "event_actors"]
