"""Run in a child process with a configured offscreen screen: open the window as a user would,
report whether it and its controls fit, and save a screenshot. Used by test_screen_fit.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLineEdit, QPushButton, QTextEdit


def main(db: str, out_png: str) -> int:
    app = QApplication(sys.argv[:1])
    from legpain_desktop.core.integrity import verify_database
    from legpain_desktop.gui.app import build_main_window

    repo, manifest = verify_database(Path(db))
    win = build_main_window(repo, manifest)
    win.show()
    win.open_monograph("deep-vein-thrombosis")
    win.show_symptoms()
    win.symptoms.set_selection(["region.calf", "side.one-leg", "sign.swelling", "risk.cancer"])
    for _ in range(10):
        app.processEvents()
    screen = win.screen().availableGeometry()
    frame = win.frameGeometry()
    inside = QRect(0, 0, win.width(), win.height())
    clipped = []
    for cls in (QAbstractButton, QLineEdit, QAbstractItemView, QTextEdit):
        for w in win.findChildren(cls):
            if not w.isVisible() or w.window() is not win:
                continue
            top_left = w.mapTo(win, w.rect().topLeft())
            rect = QRect(top_left, w.size())
            if not inside.contains(rect):
                clipped.append(f"{w.metaObject().className()} {w.accessibleName() or w.objectName()}")
            elif isinstance(w, QPushButton) and w.text():
                needed = w.fontMetrics().horizontalAdvance(w.text().replace("&", ""))
                if needed > w.contentsRect().width():  # the label cut short ("Wells score for DVT (")
                    clipped.append(f"text cut: {w.text()!r} ({needed} px in {w.contentsRect().width()})")
    win.grab().save(out_png)
    report = {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "fits": screen.contains(frame),
        "clipped": clipped,
        "page_width": win.view.width(),
        "list_height": win.symptoms.differential_pane.list.height(),
        "tree_width": win.symptoms.findings_panel.tree.viewport().width(),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
