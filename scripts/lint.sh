#!/usr/bin/env bash
# Static checks of the code's shape (issue 14, item 7): ruff (lint), mypy (types on framing/), import-linter (the
# layers, analyzer independence, inference without train/evaluate; contracts in pyproject.toml). Runs all three,
# reports each, and exits non-zero if any failed.
#   bash scripts/lint.sh            uses .venv/bin if present, else the tools on PATH
#   PYTHON=/path/to/python bash scripts/lint.sh
# Auto-fix what ruff can fix safely: .venv/bin/ruff check --fix .
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -n "${PYTHON:-}" ]; then
  py="$PYTHON"
elif [ -x .venv/bin/python ]; then
  py=.venv/bin/python
else
  py=python3
fi
# import-linter and mypy must see this checkout's framing, not an installed copy elsewhere.
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

failed=()
run() {
  local name="$1"; shift
  echo "== $name: $*" >&2
  if "$@"; then
    echo "== $name: ok" >&2
  else
    echo "== $name: FAILED" >&2
    failed+=("$name")
  fi
}

run ruff "$py" -m ruff check --no-cache .
run mypy "$py" -m mypy --cache-dir=/dev/null  # no cache: a clean check, no .mypy_cache in the tree
run import-linter "$py" -c 'import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())' --no-cache

if [ "${#failed[@]}" -gt 0 ]; then
  echo "lint: failed: ${failed[*]}" >&2
  exit 1
fi
echo "lint: all passed" >&2
