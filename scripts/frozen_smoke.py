"""Build the PyInstaller bundle and smoke-test it, offscreen and under Xvfb with real xcb.

Usage: python scripts/frozen_smoke.py [--skip-build] [--no-xvfb]

Fails unless the bundle prints 'smoke-test ok' in both modes, contains no QtNetwork library,
and stays within 15 MB of a bare PySide6 window bundled the same way. Prints both sizes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUDGET_MB = 15.0


def folder_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / (1024 * 1024)


def build(spec: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(spec), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(ROOT / "build" / spec.stem)],
        check=True, cwd=ROOT,
    )  # fmt: skip


def smoke(executable: Path, env: dict[str, str]) -> str:
    out = subprocess.run([str(executable), "--smoke-test"], capture_output=True, text=True, env=env, timeout=120)
    if out.returncode != 0 or out.stdout.strip() != "smoke-test ok":
        raise SystemExit(
            f"smoke test failed ({env.get('QT_QPA_PLATFORM')}): rc={out.returncode}\n{out.stdout}\n{out.stderr}"
        )
    return out.stdout.strip()


def with_xvfb(executable: Path) -> None:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb not found: apt-get install xvfb libxcb-cursor0 (or pass --no-xvfb)")
    display = ":97"
    proc = subprocess.Popen([xvfb, display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"])
    try:
        time.sleep(1.5)
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        print("xcb under Xvfb:", smoke(executable, env))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--no-xvfb", action="store_true")
    args = parser.parse_args()
    if not args.skip_build:
        build(ROOT / "build.spec")
        build(ROOT / "scripts" / "floor.spec")
    app_dir, floor_dir = DIST / "legpain-desktop", DIST / "floor-app"
    executable = app_dir / ("legpain-desktop.exe" if os.name == "nt" else "legpain-desktop")
    network = [p.name for p in app_dir.rglob("*") if "Qt6Network" in p.name or "QtNetwork" in p.name]
    if network:
        raise SystemExit(f"the bundle contains networking libraries: {network}")
    print("offscreen:", smoke(executable, {**os.environ, "QT_QPA_PLATFORM": "offscreen"}))
    if not args.no_xvfb:
        with_xvfb(executable)
    app_mb, floor_mb = folder_size_mb(app_dir), folder_size_mb(floor_dir)
    extra = app_mb - floor_mb
    print(f"bundle {app_mb:.1f} MB; bare PySide6 window bundled the same way {floor_mb:.1f} MB; "
          f"overhead {extra:.1f} MB (budget {BUDGET_MB:.0f} MB)")  # fmt: skip
    if extra > BUDGET_MB:
        raise SystemExit(f"bundle overhead {extra:.1f} MB is over the {BUDGET_MB:.0f} MB budget")
    print("frozen smoke test passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
