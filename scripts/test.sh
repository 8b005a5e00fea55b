#!/usr/bin/env bash
# The project's test command: lint, format check, types, then every test offscreen with
# coverage, core/dosing held to full branch coverage, then the dose-safety invariants.
# Installs what it needs into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest --cov=legpain_desktop --cov-branch --cov-report= -m "not invariants" "$@"
.venv/bin/python -m coverage report --include='legpain_desktop/core/dosing/*' --show-missing --fail-under=100
# The dose-safety invariants: 1,000 generated patients per drug and indication in each test
# (LEGPAIN_INVARIANT_EXAMPLES lowers it for a quick local run). Run without coverage: they prove
# rules, not lines, and tracing would triple their time.
status=0
.venv/bin/python -m pytest -m invariants -q "$@" || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 5 ]  # 5: a narrower run ("$@") selected no invariant test
