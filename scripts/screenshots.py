"""Regenerate the README screenshots from the real app, offscreen.

Usage: python scripts/screenshots.py [OUTPUT_DIR]   (default: docs/screenshots)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LEGPAIN_USER_DATA"] = tempfile.mkdtemp(prefix="legpain-shots-")  # never the user's own data

from PySide6.QtWidgets import QApplication

from legpain_desktop.core.library import open_content
from legpain_desktop.gui.app import build_main_window
from legpain_desktop.gui.theme import apply_theme

SIZE = (1500, 920)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_theme(app, "light")  # type: ignore[arg-type]
    repo, manifest = open_content(None)
    window = build_main_window(repo, manifest)
    window.resize(*SIZE)
    window.show()

    def shot(name: str) -> None:
        app.processEvents()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(f"wrote {path}")

    window.open_monograph("lumbosacral-radiculopathy")
    shot("monograph")

    window.open_monograph("pad-claudication")
    shot("algorithm")

    window.show_symptoms()
    for finding in ("region.calf", "pattern.walking-relieved-by-rest", "risk.smoking", "sign.swelling",
                    "sign.warmth", "risk.immobility"):  # fmt: skip
        window.symptoms.set_finding(finding, True)
    window.open_monograph(window.symptoms.differential.causes[0].id)
    shot("symptom-filter")
    window.symptoms.clear()

    window.show_dosing("pregabalin")
    form = window.dosing.form
    form.age_edit.setText("75")
    form.sex.setCurrentText("female")
    form.weight_edit.setText("60")
    form.height_edit.setText("160")
    form.scr_edit.setText("1.2")
    form.other_drugs.setText("oxycodone")
    window.dosing.recompute()
    shot("dose-calculator")

    window.appearance.set_theme("dark")
    window.side_panel.tabs.setCurrentIndex(0)
    window.open_monograph("cauda-equina-syndrome")
    shot("dark-mode")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
