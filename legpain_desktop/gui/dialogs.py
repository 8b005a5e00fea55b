"""Small dialogs the window opens on demand."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
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


def show_external_link(parent: QWidget, url: str, status: Callable[[str], None]) -> ExternalLinkDialog:
    """Say in the status bar that the link is not opened, and show the address to copy, without
    blocking; the dialog belongs to ``parent`` (found again with ``parent.findChild``)."""
    status(
        QCoreApplication.translate(
            "ExternalLinkDialog", "External link (not opened, this app works offline): {0}"
        ).format(url)
    )
    dialog = ExternalLinkDialog(url, parent)
    dialog.setModal(True)
    dialog.open()
    return dialog


class ExternalLinkDialog(QDialog):
    """Shows an external address so it can be copied; the app itself never opens it."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("External link"))
        layout = QVBoxLayout(self)
        label = QLabel(
            self.tr("This computer is offline, so the link is not opened. Copy the address to open it elsewhere:")
        )
        label.setWordWrap(True)
        self.address = QLineEdit(url)
        self.address.setReadOnly(True)
        self.address.setAccessibleName(self.tr("Link address"))
        copy = QPushButton(self.tr("Copy address"))
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
