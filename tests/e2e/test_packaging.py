"""Packaging helpers that run outside the app (build.spec and its scripts)."""

from __future__ import annotations

import importlib.util

from legpain_desktop import __version__
from tests.conftest import ROOT


def test_windows_version_resource_numbers() -> None:
    spec = importlib.util.spec_from_file_location("windows_version", ROOT / "scripts" / "windows_version.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    numbers = module.file_version_numbers
    assert numbers("0.1.0") == (0, 1, 0, 0)
    assert numbers("1.2.3.4.5") == (1, 2, 3, 4)
    assert numbers("2.0rc1") == (2, 0, 0, 0)
    assert numbers(__version__)[:2] == tuple(int(p) for p in __version__.split(".")[:2])
