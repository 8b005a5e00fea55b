#!/usr/bin/env bash
# Mutation testing of the dosing core (before each release; not part of CI). See docs/safety/mutation.md.
#
#   scripts/mutation.sh                 # every module of legpain_desktop/core/dosing
#   scripts/mutation.sh renal patient   # only these modules
#
# Mutates the named modules with mutmut (configured in pyproject.toml, [tool.mutmut]), runs the tests
# in tests/core/dosing against every mutant, then prints the kill rate per module, counting surviving
# mutants that change only message text apart from those that change code. Exits non-zero when a
# code-changing mutant survives and is not listed in docs/safety/mutation-equivalents.txt.
# MUTMUT_JOBS sets the number of parallel workers (default 1: the machines have two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
MUTMUT_VERSION=3.8.1
JOBS="${MUTMUT_JOBS:-1}"
DOSING=legpain_desktop/core/dosing

if [ ! -x .venv/bin/python ]; then
  echo "no .venv: run scripts/test.sh once to create it" >&2
  exit 2
fi
if [ "$(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("mutmut"))' 2>/dev/null)" != "$MUTMUT_VERSION" ]; then
  .venv/bin/python -m pip install --quiet "mutmut==$MUTMUT_VERSION"
fi

modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
  for path in "$DOSING"/*.py; do
    name="$(basename "$path" .py)"
    [ "$name" = "__init__" ] || modules+=("$name")
  done
fi
patterns=()
names=()
for module in "${modules[@]}"; do
  module="${module%.py}"
  module="${module##*/}"
  if [ ! -f "$DOSING/$module.py" ]; then
    echo "no module $DOSING/$module.py" >&2
    exit 2
  fi
  patterns+=("legpain_desktop.core.dosing.$module.*")
  names+=("$module")
done

# A fresh copy every run: mutmut keeps copies of unmutated files and of tests/ that would go stale.
rm -rf mutants
export QT_QPA_PLATFORM=offscreen
# The Hypothesis invariants also kill mutants; a few examples each keep one mutant's run short.
export LEGPAIN_INVARIANT_EXAMPLES="${LEGPAIN_INVARIANT_EXAMPLES:-20}"
log="$(mktemp)"
start=$(date +%s)
.venv/bin/mutmut run --max-children "$JOBS" "${patterns[@]}" >"$log" 2>&1 || {
  tail -n 40 "$log" >&2
  echo "mutmut run failed; the whole log is in $log" >&2
  exit 2
}
mv "$log" mutants/run.log
echo "mutmut $MUTMUT_VERSION ran ${names[*]} in $(($(date +%s) - start)) s (log: mutants/run.log)"
.venv/bin/python scripts/mutation_report.py "${names[@]}"
