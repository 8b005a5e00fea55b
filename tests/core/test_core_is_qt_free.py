"""The core must never import Qt: it is tested and used without a QApplication."""

import pkgutil
import subprocess
import sys

import legpain_desktop.core


def test_importing_every_core_module_loads_no_pyside6() -> None:
    names = [m.name for m in pkgutil.walk_packages(legpain_desktop.core.__path__, "legpain_desktop.core.")]
    assert "legpain_desktop.core.db.repository" in names  # the walk really found the modules
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core imported Qt modules: {out.stdout}"
