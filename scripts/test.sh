#!/usr/bin/env bash
# The project's test command: lint, format check, types, then every test offscreen with
# coverage, and core/dosing held to full branch coverage. Installs what it needs into .venv.
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
.venv/bin/python -m pytest --cov=legpain_desktop --cov-branch --cov-report= "$@"
.venv/bin/python -m coverage report --include='legpain_desktop/core/dosing/*' --show-missing --fail-under=100
