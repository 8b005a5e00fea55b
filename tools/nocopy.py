"""Report runs of eight or more words that a content file shares with a seed article.

Usage: python tools/nocopy.py [FILE_OR_FOLDER ...]   (default: content/)
Exits 1 when any shared run is found.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from legpain_desktop.core.originality import SourceIndex  # noqa: E402


def main(argv: list[str]) -> int:
    seeds = ROOT.parent / "shared" / "seeds"
    index = SourceIndex.from_folder(seeds)
    targets = [Path(a) for a in argv] or [ROOT / "content"]
    files: list[Path] = []
    for t in targets:
        files.extend(sorted(t.rglob("*.md")) if t.is_dir() else [t])
    bad = 0
    for f in files:
        for run in index.shared_runs(f, f.read_text(encoding="utf-8")):
            print(f"{run.path}:{run.line}: shares with a seed: {run.text!r}")
            bad += 1
    print(f"checked {len(files)} files, {bad} shared runs")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
