"""Convert every shipped model artifact in framing/models/ to the portable ``.npz`` form (or another format).

For each model of :data:`framing.resources.models.MODELS`: load the artifact its card names (sha256 verified),
write it with :func:`framing.train.cards.save_artifact` (which loads it back), check that the rebuilt model gives
the same predictions' inputs (the same object state) by re-serialising it, and rewrite the card's ``artifact``,
``artifact_sha256`` and ``artifact_bytes``. Models already in the target format are left alone. Run it after a
trainer wrote a ``.joblib``:

    python scripts/convert_models.py            # all shipped models -> .npz
    python scripts/convert_models.py --format .pkl --folder /tmp/models
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from framing.resources import models
from framing.resources.modelio import FORMATS, dumps_portable, loads_portable
from framing.train.cards import artifact_entry, save_artifact


def convert(name: str, folder: Path, fmt: str) -> str:
    card = models.load_card(name, folder)
    src = models.artifact_path(name, folder)
    if src.suffix == fmt:
        return f"{name}: already {fmt} ({src.name})"
    what, command = models.MODELS.get(name, (name, "framing train"))
    model = models.load_verified(src, card, what=what, command=command)
    if fmt == ".npz":  # the round trip keeps the whole state: writing the rebuilt model gives the same bytes
        data = dumps_portable(model)
        if dumps_portable(loads_portable(data)) != data:
            raise SystemExit(f"{name}: the portable form does not round-trip; keeping {src.name}")
    out = save_artifact(model, name, folder, fmt=fmt)
    card.update(artifact_entry(out))
    # the card keeps its key order (some trainers sort keys, some do not)
    models.card_path(name, folder).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return f"{name}: {src.name} -> {out.name} ({out.stat().st_size} bytes, sha256 {card['artifact_sha256'][:12]})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", default=".npz", choices=sorted(FORMATS))
    ap.add_argument("--folder", type=Path, default=None, help="a models folder (default: the shipped framing/models)")
    args = ap.parse_args(argv)
    folder = args.folder or models.models_dir()
    for name in models.MODELS:
        if models.card_path(name, folder).is_file():
            print(convert(name, folder, args.format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
