#!/usr/bin/env bash
# Run LegPain Desktop from source: installs into .venv on first use, builds the content
# database when it is missing or stale, then starts the app. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/legpain-desktop ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e .
fi
exec .venv/bin/legpain-desktop "$@"
