"""The app as the AT-SPI test drives it: a monograph open, a DVT patient ticked, the Symptoms
panel showing, then the event loop for a few seconds while the test reads the tree."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def main(db: str, seconds: float) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("legpain-atspi-probe")
    from legpain_desktop.core.integrity import verify_database
    from legpain_desktop.gui.app import build_main_window

    repo, manifest = verify_database(Path(db))
    win = build_main_window(repo, manifest)
    win.resize(1366, 740)
    win.show()
    win.open_monograph("deep-vein-thrombosis")
    win.show_symptoms()
    QTimer.singleShot(
        1500, lambda: win.symptoms.set_selection(["region.calf", "side.one-leg", "sign.swelling", "risk.cancer"])
    )
    QTimer.singleShot(int(seconds * 1000), app.quit)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
