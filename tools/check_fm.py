"""Author-side check of monograph files with the build's own parser (no cross-file checks).

Usage: python tools/check_fm.py content/causes/x.md [...]
For the full validation (links, vocabulary, red flags, dosing data) run `legpain-desktop build-db`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from legpain_desktop.core.content import ContentError, parse_monograph  # noqa: E402


def main(paths: list[str]) -> int:
    bad = 0
    for name in paths:
        try:
            parse_monograph(Path(name))
        except ContentError as exc:
            print(exc)
            bad += 1
    print(f"{len(paths)} files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
