"""A bare PySide6 window with one QTextBrowser: the size and start-up floor for comparisons.

With LEGPAIN_REPORT_START_UP set it prints when it first painted (as the app does) and quits.
"""

import json
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser


class Floor(QMainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        if os.environ.get("LEGPAIN_REPORT_START_UP") and not getattr(self, "_reported", False):
            self._reported = True
            QTimer.singleShot(0, self._report)

    def _report(self):
        now = time.time()
        print(json.dumps({"painted": now, "page": now}), flush=True)
        QApplication.instance().quit()


app = QApplication(sys.argv)
window = Floor()
browser = QTextBrowser()
window.setCentralWidget(browser)
window.resize(1280, 820)
window.show()
browser.setHtml("<h1>Floor</h1><p>A bare window with one text browser.</p>")
if "--smoke-test" in sys.argv:
    app.processEvents()
    window.grab()
    print("smoke-test ok")
    sys.exit(0)
sys.exit(app.exec())
