#!/usr/bin/env bash
# Set up framing in a local virtual environment (.venv, created or reused) and run a job.
#   bash scripts/quickstart.sh demo   the main job: the example-corpus comparison report (reports/)
#   bash scripts/quickstart.sh test   the whole test suite
# Works on a fresh Debian/Ubuntu machine with Python 3.11+; installs the system
# libraries WeasyPrint needs (Pango) with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
job="${1:-demo}"
shift || true

PY="${PYTHON:-python3}"
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), "framing needs Python 3.11 or newer"' || exit 1

apt_install() {
  if command -v apt-get >/dev/null 2>&1; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
  else
    echo "quickstart: please install these system packages: $*" >&2
  fi
}

# WeasyPrint (PDF reports) needs Pango; pdftoppm is used to look at report pages.
if ! { ldconfig -p 2>/dev/null | grep -q 'libpango-1.0'; } ; then
  apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
fi
if ! fc-list 2>/dev/null | grep -qi dejavu; then
  apt_install fonts-dejavu-core fontconfig || true
fi

if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    ver=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    apt_install "python${ver}-venv" || apt_install python3-venv
    "$PY" -m venv .venv
  fi
fi
stamp=.venv/.framing-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q -e ".[test,notebooks,dask]"
  touch "$stamp"
fi

case "$job" in
  demo) exec .venv/bin/framing demo "$@" ;;
  test) exec .venv/bin/python -m pytest "$@" ;;
  *) echo "usage: bash scripts/quickstart.sh demo|test" >&2; exit 2 ;;
esac
