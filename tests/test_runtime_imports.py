"""The packaged app leaves out the build-only modules (scripts/bundle_exclusions.py: PyYAML and the
rest), so nothing the app or the CLI imports at run time may need them. The split of content.py
once made the dosing schema and the red-flag rules import PyYAML, and the CLI's leaflet command did
too: the frozen bundle failed to start (caught by the frozen smoke test in CI)."""

from __future__ import annotations

import subprocess
import sys

# The modules that parse content sources: only `build-db` and the tests import them.
BUILD_ONLY = (
    "legpain_desktop.core.content",
    "legpain_desktop.core.leaflets",
    "legpain_desktop.core.db.build",
    "legpain_desktop.core.dosing.content_checks",
    "legpain_desktop.core.sources.yaml_lines",
    "legpain_desktop.core.sources.findings",
    "legpain_desktop.core.sources.monograph",
    "legpain_desktop.core.sources.corpus",
)

PROBE = """
import importlib, pkgutil, sys
sys.modules["yaml"] = None  # as in the frozen bundle: importing it fails
import legpain_desktop
build_only = set(sys.argv[1:])
failed = []
for info in pkgutil.walk_packages(legpain_desktop.__path__, "legpain_desktop."):
    if info.name in build_only or info.name.endswith("__main__"):
        continue
    try:
        importlib.import_module(info.name)
    except ImportError as exc:
        failed.append(f"{info.name}: {exc}")
print("\\n".join(failed) or "ok")
"""


def test_every_run_time_module_imports_without_the_build_only_modules() -> None:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *BUILD_ONLY],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


def test_the_probe_notices_a_module_that_needs_yaml() -> None:
    run = subprocess.run(
        [sys.executable, "-c", PROBE],  # nothing excused: the content parser needs PyYAML
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert "legpain_desktop.core.sources.yaml_lines" in run.stdout
