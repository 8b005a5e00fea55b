"""Start-up: PySide6's import hook is told in advance that none of our modules uses its
``__feature__`` switches, so it does not read each module's source at every start (issue 15,
item 7). The value entered is the one its own scan gives, so nothing changes but the time."""

from __future__ import annotations

import subprocess
import sys

from legpain_desktop.gui.app import declare_modules_to_pyside

CHILD = r"""
import sys
import PySide6.QtWidgets
feature = sys.modules["shibokensupport.feature"]
scanned = []
original = feature._mod_uses_pyside
feature._mod_uses_pyside = lambda module: scanned.append(module.__name__) or original(module)
from legpain_desktop.gui.app import declare_modules_to_pyside
if sys.argv[1] == "declared":
    assert declare_modules_to_pyside() > 50
before = len(scanned)  # what loading gui.app itself made it read
import legpain_desktop.gui.main_window
import legpain_desktop.gui.shell.parts  # the window's modules, loaded when it builds its panes
ours = [name for name in scanned[before:] if name.startswith("legpain_desktop")]
print(len(ours), ours)
"""


def scans(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0])


def test_declared_modules_are_not_scanned_and_undeclared_ones_were() -> None:
    assert scans("plain") > 20  # the hook does read our modules when nothing is declared
    assert scans("declared") <= 1  # the gui package itself can be read once more as its submodules load


def test_the_declared_value_is_the_one_the_scan_gives_for_a_pyside_module() -> None:
    feature = sys.modules["shibokensupport.feature"]
    import legpain_desktop.gui.shell.actions as module

    assert feature._mod_uses_pyside(module) is True  # what the hook would have computed: 0
    declare_modules_to_pyside()
    assert feature.pyside_feature_dict["legpain_desktop.gui.shell.actions"] == 0
