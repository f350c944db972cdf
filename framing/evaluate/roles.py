"""``framing evaluate roles``: hero / villain / victim of named entities, cross-validated by article.

``run(path)`` reads a narrative-frames JSONL file (``text``, ``entity_roles[]``
with ``entity`` and ``role``; Frermann et al. 2023), finds every named entity in
its article, and scores the roles classifier with ``folds``-fold cross-validation
grouped by article (the model is refit on the other folds; an article's
entities never serve as their own training data). Metrics, per annotated
(article, entity, role) row: macro-F1 over hero / villain / victim, per-role F1
and accuracy; an entity the tool cannot find counts as wrong. Also reported:
coverage and scores when the analyzer's abstention threshold is applied, and a
context TF-IDF baseline (the entity's sentences with its words left in) on the
same folds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framing.resources import models as model_files
from framing.train.roles import FOLDS, build_examples, cross_validate, read_rows

__all__ = ["describe", "run"]


def run(path: str | Path, *, folds: int = FOLDS, limit: int | None = None) -> dict[str, Any]:
    """Cross-validated figures on the file at ``path`` (see the module docstring)."""
    rows = read_rows(path)
    if limit is not None:
        rows = rows[:limit]
    ex = build_examples(rows)
    cv = cross_validate(ex, folds=folds)
    try:
        card = model_files.load_card("roles_entity")
        shipped = {"artifact": card.get("artifact"), "sha256": card.get("artifact_sha256"),
                   "cv_macro_f1": card.get("cv", {}).get("macro_f1")}
    except Exception:  # noqa: BLE001 - the figures stand without a shipped model
        shipped = None
    return {"task": "roles", "data": str(path), "articles": len(rows), **cv, "model": shipped}


def describe(result: dict[str, Any]) -> str:
    per = result["per_role_f1"]
    lines = [
        f"roles (hero / villain / victim) on {result['data']}: {result['rows']} entity rows in {result['articles']} "
        f"articles, {result['found']} found; {result['method']}",
        f"  model     macro-F1 {result['macro_f1']:.3f}  accuracy {result['accuracy']:.3f}  "
        + "  ".join(f"{k} {v:.3f}" for k, v in per.items()),
    ]
    b = result.get("baseline_context_tfidf")
    if b:
        lines.append(f"  baseline  macro-F1 {b['macro_f1']:.3f}  accuracy {b['accuracy']:.3f} (context TF-IDF, entity words in)")
    a = result.get("abstention")
    if a:
        lines.append(f"  with abstention (p >= {a['min_confidence']}): coverage {a['coverage']:.2f}, "
                     f"macro-F1 {a['macro_f1']:.3f}, accuracy {a['accuracy']:.3f} on the rows kept")
    return "\n".join(lines)
