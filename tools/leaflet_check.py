"""Check patient leaflets as they are written (issue 20): structure, reading level, and that no
sentence is copied from a source.

    .venv/bin/python tools/leaflet_check.py content/leaflets/gout-leaflet.md [...]

For each file: parses it as the app does (front matter, id, sections), then prints the
Flesch-Kincaid grade and the SMOG grade of its words (both must be 8 or below) and runs the
originality check of tools/nocopy.py. Exits 1 if any file fails. Needs textstat (in the test
extras).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import textstat

from legpain_desktop.core.leaflets import plain_text
from legpain_desktop.core.model import ContentError
from legpain_desktop.core.sources.monograph import parse_monograph

GRADE_LIMIT = 8.0
ROOT = Path(__file__).resolve().parent.parent


def grades(text: str) -> tuple[float, float]:
    return textstat.flesch_kincaid_grade(text), textstat.smog_index(text)


def main(paths: list[str]) -> int:
    failed = False
    for name in paths:
        path = Path(name).resolve()
        try:
            leaflet = parse_monograph(path)
        except ContentError as exc:
            print(f"FAIL {name}: {exc}")
            failed = True
            continue
        fk, smog = grades(plain_text(leaflet.body))
        ok = fk <= GRADE_LIMIT and smog <= GRADE_LIMIT
        copied = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "nocopy.py"), str(path)], capture_output=True, text=True
        )
        ok = ok and copied.returncode == 0
        print(f"{'ok  ' if ok else 'FAIL'} {name}: Flesch-Kincaid {fk:.1f}, SMOG {smog:.1f} (limit {GRADE_LIMIT:g})")
        if copied.returncode != 0:
            print(copied.stdout + copied.stderr)
        failed = failed or not ok
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
