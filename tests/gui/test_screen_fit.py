"""Issue 17: the first window fits the available screen and nothing is clipped or off-screen, at
1366x768, 1920x1080, scale 1.5 (1920x1080 physical) and scale 2 (2732x1536 physical).

Each size runs in a child process (a Qt screen cannot change size inside one process), on the
offscreen platform with a configured screen; the screenshots are left in the test's temporary
folder for a person to look at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("fit_probe.py")
SCREENS = {
    "1366x768": (1366, 768, 1),
    "1920x1080": (1920, 1080, 1),
    "scale-1.5": (1280, 720, 1.5),  # a 1920x1080 panel at 150%: 1280x720 logical pixels
    "scale-2": (1366, 768, 2),  # a 2732x1536 panel at 200%
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_the_window_fits_the_screen_with_nothing_clipped(name: str, shipped_db: Path, tmp_path: Path) -> None:
    width, height, dpr = SCREENS[name]
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": name, "x": 0, "y": 0, "width": width, "height": height, "dpr": dpr}]})
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    png = tmp_path / f"{name}.png"
    out = subprocess.run(
        [sys.executable, str(PROBE), str(shipped_db), str(png)], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["screen"][2:] == [width, height]
    assert report["fits"], report
    assert report["clipped"] == [], report
    assert report["page_width"] >= 300 and report["tree_width"] >= 200, report
    assert report["list_height"] >= 100, report
    assert png.exists() and png.stat().st_size > 10_000
