"""Beside the monograph view: the notes editor below it and the find bar above it.

``NotesEditor`` signals: note_changed(str monograph_id, str text), debounced as the user types.
``FindBar`` signals: find_requested(str text, bool backward), closed().
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class NotesEditor(QWidget):
    note_changed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("Your notes"))
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName(self.tr("Your notes on this monograph"))
        # Tab moves on to the next control (issue 17: it typed a tab into the note and trapped
        # keyboard users); a tab character is not something a clinical note needs.
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(self.tr("Notes on this monograph are saved as you type, on this computer only."))
        self.status = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.label)
        head.addStretch(1)
        head.addWidget(self.status)
        layout.addLayout(head)
        layout.addWidget(self.edit)
        self.monograph_id: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._typed)
        self._loading = False

    def _editing(self) -> str:
        """The status while a change waits to be saved (also how :meth:`flush` knows one waits)."""
        return self.tr("editing…")

    def _typed(self) -> None:
        if not self._loading:
            self.status.setText(self._editing())
            self._timer.start()

    def turn_off(self) -> None:
        """Notes turned off by the administrator's policy: shown read-only, nothing is saved."""
        self.edit.setReadOnly(True)
        self.edit.setPlaceholderText(self.tr("Notes are turned off on this computer by your administrator."))
        self.edit.setAccessibleName(self.tr("Your notes on this monograph (turned off by your administrator)"))
        self.edit.textChanged.disconnect(self._typed)

    def flush(self) -> None:
        """Save now (also called before switching monograph and on close)."""
        if self._timer.isActive():
            self._timer.stop()
        if self.monograph_id is not None and not self._loading and self.status.text() == self._editing():
            self.note_changed.emit(self.monograph_id, self.edit.toPlainText())

    def load(self, monograph_id: str, title: str, text: str) -> None:
        self.flush()
        self._loading = True
        self.monograph_id = monograph_id
        self.label.setText(self.tr("Your notes on <b>{0}</b>").format(title))
        self.edit.setPlainText(text)
        self.status.setText("")
        self._loading = False


class FindBar(QWidget):
    find_requested = Signal(str, bool)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Find in page"))
        self.edit.setAccessibleName(self.tr("Find in page"))
        self.prev_button = QPushButton(self.tr("Previous"))
        self.next_button = QPushButton(self.tr("Next"))
        self.close_button = QPushButton(self.tr("Close"))
        self.count = QLabel("")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for w in (self.edit, self.prev_button, self.next_button, self.count, self.close_button):
            layout.addWidget(w)
        self.edit.textChanged.connect(self._next)
        self.edit.returnPressed.connect(self._next)
        self.next_button.clicked.connect(self._next)
        self.prev_button.clicked.connect(self._prev)
        self.close_button.clicked.connect(self.close_bar)

    def _next(self) -> None:
        self.find_requested.emit(self.edit.text(), False)

    def _prev(self) -> None:
        self.find_requested.emit(self.edit.text(), True)

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
