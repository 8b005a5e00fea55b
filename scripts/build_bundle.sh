#!/usr/bin/env bash
# Build the packaged app (PyInstaller, onedir) into dist/legpain-desktop/.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet -e ".[package]"
.venv/bin/python -m PyInstaller build.spec --noconfirm --log-level WARN
echo "built dist/legpain-desktop/ (run dist/legpain-desktop/legpain-desktop --smoke-test to check it)"
