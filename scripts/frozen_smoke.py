"""Build the PyInstaller bundle and smoke-test it, offscreen and under Xvfb with real xcb.

Usage: python scripts/frozen_smoke.py [--skip-build] [--no-xvfb]

Fails unless the bundle prints 'smoke-test ok' in both modes, contains no QtNetwork library,
installs a signed content pack and refuses a tampered one (issue 18), and stays within the size
budget of a bare PySide6 window bundled the same way. Prints both sizes.

The budget is 32 MB over the bare window: 15 MB for the app itself (Python modules, markdown,
nh3, the content database) and 17 MB for the signed-update stack (TUF, securesystemslib and the
native library of ``cryptography``, 14 MB alone, that verifies the Ed25519 signatures), which
issue 18 requires the packaged app to carry: a clinic updates offline from the packaged
executable. Measured on 2026-12-05: 30.9 MB.
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
BUDGET_MB = 32.0  # see the module docstring: 15 MB app + 17 MB signed updates


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


def pack_update(executable: Path) -> None:
    """The packaged app installs a content pack signed with keys made by the source install, from
    a folder, and refuses the same pack once a byte of its database is changed."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="legpain-frozen-pack-") as tmp:
        work = Path(tmp)
        source = [sys.executable, "-m", "legpain_desktop"]
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LEGPAIN_CONTENT_DIR": str(work / "store"),
               "LEGPAIN_USER_DATA": str(work / "userdata"), "LEGPAIN_POLICY_DIR": str(work / "policy")}  # fmt: skip
        database = work / "db" / "legpain.db"
        for step in (
            [*source, "--db", str(database), "build-db"],
            [*source, "pack", "keygen", str(work / "keys")],
            [
                *source,
                "--db",
                str(database),
                "pack",
                "build",
                "--keys",
                str(work / "keys"),
                "--out",
                str(work / "pack"),
            ],
        ):
            subprocess.run(step, check=True, cwd=ROOT, env=env, capture_output=True, text=True)
        tampered = work / "tampered"
        shutil.copytree(work / "pack", tampered)
        target = tampered / "targets" / "legpain.db"
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF
        target.write_bytes(bytes(data))
        root = str(work / "keys" / "root.json")
        refused = subprocess.run([str(executable), "update", "--from", str(tampered), "--trusted-root", root],
                                 capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
        if refused.returncode != 3 or "update refused: tampered or truncated file" not in refused.stderr:
            raise SystemExit(
                f"the packaged app did not refuse a tampered pack: rc={refused.returncode}\n{refused.stderr}"
            )
        done = subprocess.run([str(executable), "update", "--from", str(work / "pack"), "--trusted-root", root],
                              capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
        if done.returncode != 0 or "installed content pack 1" not in done.stdout:
            raise SystemExit(f"the packaged app did not install a signed pack: rc={done.returncode}\n{done.stderr}")
        opened = subprocess.run([str(executable), "verify"], capture_output=True, text=True, env=env, timeout=120)
        if opened.returncode != 0 or str(work / "store") not in opened.stdout:
            raise SystemExit(f"the packaged app does not open the installed pack:\n{opened.stdout}{opened.stderr}")
        print("signed content pack: tampered copy refused (exit 3), pack installed and opened")


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
    pack_update(executable)
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
