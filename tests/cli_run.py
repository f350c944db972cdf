"""Run the framing CLI in-process and capture what it printed (shared by the CLI tests)."""

from __future__ import annotations

from collections.abc import Sequence

from framing.cli import main


def run_cli(argv: Sequence[str], capsys) -> tuple[int, str, str]:
    """``framing ARGV`` in this process: (exit code, stdout, stderr)."""
    code = 0
    try:
        main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err
