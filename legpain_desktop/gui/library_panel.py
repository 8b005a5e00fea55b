"""Bookmarks and history (side panel), the notes editor and the find bar.

``LibraryPanel`` signals: monograph_requested(str), clear_history_requested(),
export_requested(), import_requested().
``NotesEditor`` signals: note_changed(str monograph_id, str text), debounced as the user types.
``FindBar`` signals: find_requested(str text, bool backward), closed().
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legpain_desktop.core.db.userdata import Bookmark, Visit

ID_ROLE = Qt.ItemDataRole.UserRole + 30


class LibraryPanel(QWidget):
    monograph_requested = Signal(str)
    clear_history_requested = Signal()
    export_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bookmarks_model = QStandardItemModel(self)
        self.history_model = QStandardItemModel(self)
        self.bookmarks = QListView()
        self.bookmarks.setModel(self.bookmarks_model)
        self.bookmarks.setAccessibleName("Bookmarks")
        self.history = QListView()
        self.history.setModel(self.history_model)
        self.history.setAccessibleName("History")
        self.export_button = QPushButton("Export…")
        self.export_button.setAccessibleName("Export bookmarks to a file")
        self.import_button = QPushButton("Import…")
        self.import_button.setAccessibleName("Import bookmarks from a file")
        self.clear_button = QPushButton("Clear history")
        self.clear_button.setAccessibleName("Clear history")
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel("<b>Bookmarks</b> (Ctrl+D toggles)"))
        layout.addWidget(self.bookmarks, 2)
        layout.addLayout(buttons)
        history_head = QHBoxLayout()
        history_head.addWidget(QLabel("<b>History</b>"))
        history_head.addStretch(1)
        history_head.addWidget(self.clear_button)
        layout.addLayout(history_head)
        layout.addWidget(self.history, 3)
        for view in (self.bookmarks, self.history):
            view.activated.connect(self._open)
            view.clicked.connect(self._open)
        self.clear_button.clicked.connect(self.clear_history_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.import_button.clicked.connect(self.import_requested)

    def _open(self, index: object) -> None:
        model = index.model()  # type: ignore[attr-defined]
        item = model.itemFromIndex(index)
        self.monograph_requested.emit(str(item.data(ID_ROLE)))

    @staticmethod
    def _fill(model: QStandardItemModel, rows: Sequence[tuple[str, str, str]]) -> None:
        model.clear()
        for monograph_id, text, tip in rows:
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(monograph_id, ID_ROLE)
            item.setToolTip(tip)
            model.appendRow(item)

    def set_bookmarks(self, items: Sequence[Bookmark]) -> None:
        self._fill(self.bookmarks_model, [(b.monograph_id, b.title, f"Bookmarked {b.created}") for b in items])

    def set_history(self, items: Sequence[Visit]) -> None:
        self._fill(self.history_model, [(v.monograph_id, v.title, f"Opened {v.visited}") for v in items])
        self.clear_button.setEnabled(bool(items))


class NotesEditor(QWidget):
    note_changed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("Your notes")
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName("Your notes on this monograph")
        self.edit.setPlaceholderText("Notes on this monograph are saved as you type, on this computer only.")
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

    def _typed(self) -> None:
        if not self._loading:
            self.status.setText("editing…")
            self._timer.start()

    def flush(self) -> None:
        """Save now (also called before switching monograph and on close)."""
        if self._timer.isActive():
            self._timer.stop()
        if self.monograph_id is not None and not self._loading and self.status.text() == "editing…":
            self.note_changed.emit(self.monograph_id, self.edit.toPlainText())

    def load(self, monograph_id: str, title: str, text: str) -> None:
        self.flush()
        self._loading = True
        self.monograph_id = monograph_id
        self.label.setText(f"Your notes on <b>{title}</b>")
        self.edit.setPlainText(text)
        self.status.setText("")
        self._loading = False


class FindBar(QWidget):
    find_requested = Signal(str, bool)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in page")
        self.edit.setAccessibleName("Find in page")
        self.prev_button = QPushButton("Previous")
        self.next_button = QPushButton("Next")
        self.close_button = QPushButton("Close")
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
