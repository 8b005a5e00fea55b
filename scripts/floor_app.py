"""A bare PySide6 window with one QTextBrowser: the size and start-up floor for comparisons."""

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTextBrowser())
window.show()
if "--smoke-test" in sys.argv:
    app.processEvents()
    window.grab()
    print("smoke-test ok")
    sys.exit(0)
sys.exit(app.exec())
