#!/usr/bin/env bash
# Install framing into a fresh virtual environment and run scripts/smoke_install.py with it (issue 21).
#   bash scripts/check_install.sh plain    # python3 -m venv + the pip it bundles (no upgrade) + `pip install .`
#   bash scripts/check_install.sh lowest   # uv pip install --resolution lowest-direct . (every direct floor)
# Needs the package index; takes a few minutes (the venv is made under $TMPDIR and removed afterwards).
set -euo pipefail
mode="${1:-plain}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
py="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/framing-install-XXXXXX")"
trap 'rm -rf "$work"' EXIT
git -C "$repo" archive --format=tar HEAD --prefix=src/ 2>/dev/null | tar x -C "$work" || cp -r "$repo" "$work/src"
case "$mode" in
  plain)
    "$py" -m venv "$work/v"
    "$work/v/bin/pip" --version
    "$work/v/bin/pip" install -q --disable-pip-version-check "$work/src"
    ;;
  lowest)
    "$py" -m venv "$work/tools"
    "$work/tools/bin/pip" install -q --disable-pip-version-check uv
    "$work/tools/bin/uv" venv -q -p "$py" "$work/v"
    VIRTUAL_ENV="$work/v" "$work/tools/bin/uv" pip install -q --resolution lowest-direct "$work/src"
    VIRTUAL_ENV="$work/v" "$work/tools/bin/uv" pip list 2>/dev/null | grep -iE '^(scikit-learn|numpy|scipy|spacy|typer|typer-slim|click|trafilatura|textblob|py3langid|matplotlib|rich|urllib3) ' || true
    ;;
  *) echo "usage: check_install.sh plain|lowest" >&2; exit 2 ;;
esac
cd "$work"
"$work/v/bin/python" "$work/src/scripts/smoke_install.py"
