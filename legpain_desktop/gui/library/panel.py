"""Bookmarks, notes and history: the side panel's Library tab, built when first shown.

Signals: monograph_requested(str), clear_history_requested(), export_requested(),
import_requested(), export_notes_requested().
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from legpain_desktop.core.db.userdata import Bookmark, Visit

ID_ROLE = Qt.ItemDataRole.UserRole + 30


class LibraryPanel(QWidget):
    monograph_requested = Signal(str)
    clear_history_requested = Signal()
    export_requested = Signal()
    import_requested = Signal()
    export_notes_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bookmarks_model = QStandardItemModel(self)
        self.history_model = QStandardItemModel(self)
        self.notes_model = QStandardItemModel(self)
        self.notes = QListView()
        self.notes.setModel(self.notes_model)
        self.notes.setAccessibleName(self.tr("Monographs with your notes"))
        self.export_notes_button = QPushButton(self.tr("Export notes…"))
        self.export_notes_button.setAccessibleName(self.tr("Export all your notes to a Markdown file"))
        self.bookmarks = QListView()
        self.bookmarks.setModel(self.bookmarks_model)
        self.bookmarks.setAccessibleName(self.tr("Bookmarks"))
        self.history = QListView()
        self.history.setModel(self.history_model)
        self.history.setAccessibleName(self.tr("History"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setAccessibleName(self.tr("Export bookmarks to a file"))
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setAccessibleName(self.tr("Import bookmarks from a file"))
        self.clear_button = QPushButton(self.tr("Clear history"))
        self.clear_button.setAccessibleName(self.tr("Clear history"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel(self.tr("<b>Bookmarks</b> (Ctrl+D toggles)")))
        layout.addWidget(self.bookmarks, 2)
        layout.addLayout(buttons)
        for title, button, view, stretch in (
            (self.tr("<b>Notes</b>"), self.export_notes_button, self.notes, 2),
            (self.tr("<b>History</b>"), self.clear_button, self.history, 3),
        ):
            head = QHBoxLayout()  # a section title, its button on the right, then its list
            head.addWidget(QLabel(title))
            head.addStretch(1)
            head.addWidget(button)
            layout.addLayout(head)
            layout.addWidget(view, stretch)
        for view in (self.bookmarks, self.notes, self.history):
            view.activated.connect(self._open)
            view.clicked.connect(self._open)
        self.clear_button.clicked.connect(self.clear_history_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.export_notes_button.clicked.connect(self.export_notes_requested)

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
        bookmarked = self.tr("Bookmarked {0}")
        self._fill(self.bookmarks_model, [(b.monograph_id, b.title, bookmarked.format(b.created)) for b in items])

    def set_notes(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """(monograph id, title, a preview of the note) for each monograph with a note."""
        self._fill(self.notes_model, rows)
        self.export_notes_button.setEnabled(bool(rows))

    def set_history(self, items: Sequence[Visit]) -> None:
        opened = self.tr("Opened {0}")
        self._fill(self.history_model, [(v.monograph_id, v.title, opened.format(v.visited)) for v in items])
        self.clear_button.setEnabled(bool(items))
