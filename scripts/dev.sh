#!/usr/bin/env bash
# Set-up and everyday commands. Creates .venv on first use and installs the pinned packages.
#   bash scripts/dev.sh site     build the bundled site into site/
#   bash scripts/dev.sh test     run the whole test suite (-m fast: no site build, no browser)
#   bash scripts/dev.sh bench    run the benchmarks (prints JSON)
#   bash scripts/dev.sh gallery  screenshot every page type x language x desktop/phone into gallery/
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=.venv
stamp="$VENV/.installed"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
  touch "$stamp"
fi
cmd=${1:-}
shift || true
case "$cmd" in
  site)  exec "$VENV/bin/annexsite" build "$@" ;;
  test)
    # test-only npm tools (axe-core, vnu-jar); --ignore-scripts: vnu runs on the machine's Java
    if [ ! -d node_modules ] && command -v npm >/dev/null; then
      npm ci --ignore-scripts --no-audit --no-fund
    fi
    # two processes, one test file each at a time (a module's shared build stays in one), unless -n is given
    extra=()
    if [[ " $* " != *" -n "* ]]; then extra=(-n 2 --dist loadfile); fi
    exec "$VENV/bin/python" -m pytest "${extra[@]}" "$@" ;;
  bench) "$VENV/bin/python" benchmarks/languages.py "$@" && "$VENV/bin/python" benchmarks/ccl_example.py && "$VENV/bin/python" benchmarks/releases.py && "$VENV/bin/python" benchmarks/growth.py && exec "$VENV/bin/python" benchmarks/run.py ;;
  gallery) exec "$VENV/bin/python" scripts/gallery.py "$@" ;;
  *) echo "usage: bash scripts/dev.sh site|test|bench|gallery [args]" >&2; exit 2 ;;
esac
