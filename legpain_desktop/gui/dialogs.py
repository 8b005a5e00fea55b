"""Small dialogs the window opens on demand."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def show_external_link(parent: QWidget, url: str) -> ExternalLinkDialog:
    """Open the dialog for ``url`` without blocking; the caller keeps the returned dialog."""
    dialog = ExternalLinkDialog(url, parent)
    dialog.setModal(True)
    dialog.open()
    return dialog


class ExternalLinkDialog(QDialog):
    """Shows an external address so it can be copied; the app itself never opens it."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("External link")
        layout = QVBoxLayout(self)
        label = QLabel("This computer is offline, so the link is not opened. Copy the address to open it elsewhere:")
        label.setWordWrap(True)
        self.address = QLineEdit(url)
        self.address.setReadOnly(True)
        self.address.setAccessibleName("Link address")
        copy = QPushButton("Copy address")
        copy.clicked.connect(self._copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.address)
        row.addWidget(copy)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.address.text())
