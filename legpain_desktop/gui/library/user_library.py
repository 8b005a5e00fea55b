"""What the user keeps: bookmarks, notes and history, over the user-data store.

The Library tab's panel is built here on first use. A failure to read or write never stops the
app: each one is announced by ``warning`` and the call carries on without it.

Signals:
    warning(str): a user-data problem, in words.
    message(str, int): a passing status message and how long to show it (ms).
    bookmark_changed(bool): the page shown is, or is no longer, bookmarked.
    monograph_requested(str): a bookmark or history entry was opened.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from legpain_desktop.core.db.userdata import UserData, UserDataError

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from legpain_desktop.core.db.repository import MonographRecord
    from legpain_desktop.gui.library.panel import LibraryPanel


class UserLibrary(QObject):
    warning = Signal(str)
    message = Signal(str, int)
    bookmark_changed = Signal(bool)
    monograph_requested = Signal(str)

    def __init__(
        self,
        user_data: UserData,
        titles: Callable[[], Mapping[str, str]],
        content_version: str,
        parent: QObject | None = None,
    ) -> None:
        """``titles`` gives the monographs of this content version, id to title (bookmark imports
        skip other ids; notes are listed under these titles)."""
        super().__init__(parent)
        self.user_data = user_data
        self._titles = titles
        self.content_version = content_version
        self._panel: LibraryPanel | None = None

    @property
    def built(self) -> bool:
        return self._panel is not None

    @property
    def panel(self) -> LibraryPanel:
        if self._panel is None:
            from legpain_desktop.gui.library.panel import LibraryPanel

            self._panel = LibraryPanel()
            self._panel.monograph_requested.connect(self.monograph_requested)
            self._panel.clear_history_requested.connect(self.ask_clear_history)
            self._panel.export_requested.connect(self.ask_export)
            self._panel.import_requested.connect(self.ask_import)
            self._panel.export_notes_requested.connect(self.ask_export_notes)
            self.refresh()
        return self._panel

    def refresh(self) -> None:
        if self._panel is None:
            return
        try:
            self._panel.set_bookmarks(self.user_data.bookmarks())
            self._panel.set_history(self.user_data.history())
            from legpain_desktop.core.notes import note_title

            titles = self._titles()
            changed = self.tr("Changed {0}: {1}")
            rows = [
                (n.monograph_id, note_title(n, titles), changed.format(n.updated, n.text.strip()[:200]))
                for n in self.user_data.all_notes()
            ]
            self._panel.set_notes(sorted(rows, key=lambda r: r[1].lower()))
        except UserDataError as exc:
            self.warning.emit(str(exc))

    def page_shown(self, monograph_id: str, title: str) -> str:
        """Record the visit, announce the bookmark state and return the page's note."""
        try:
            self.user_data.add_visit(monograph_id, title)
            marked = self.user_data.is_bookmarked(monograph_id)
            note = self.user_data.note(monograph_id)
        except UserDataError as exc:
            self.warning.emit(str(exc))
            marked, note = False, ""
        self.bookmark_changed.emit(marked)
        self.refresh()
        return note

    def bind_bookmark(self, action: QAction, current: Callable[[], MonographRecord | None]) -> None:
        """The window's Bookmark action toggles the page ``current()`` returns, and shows its state."""

        def show(marked: bool) -> None:
            action.setChecked(marked)
            action.setText(self.tr("★ Bookmarked") if marked else self.tr("☆ Bookmark"))

        def toggle() -> None:
            record = current()
            before = not action.isChecked()  # a checkable action flips itself before this runs
            if record is None or self.toggle_bookmark(record.id, record.title) is None:
                show(before)  # not saved: never show a bookmark that is not there (issue 17)

        action.triggered.connect(toggle)
        self.bookmark_changed.connect(show)

    def toggle_bookmark(self, monograph_id: str, title: str) -> bool | None:
        """Bookmark the page or remove its bookmark; returns whether it is now bookmarked, or None
        when the store could not be changed (with a warning)."""
        try:
            marked = self.user_data.toggle_bookmark(monograph_id, title)
        except UserDataError as exc:
            self.warning.emit(str(exc))
            return None
        self.bookmark_changed.emit(marked)
        self.refresh()
        if self.user_data.persistent:
            self.message.emit(self.tr("Bookmarked") if marked else self.tr("Bookmark removed"), 3000)
        elif marked:  # never claim a save that did not happen (issue 17)
            self.message.emit(self.tr("Bookmarked for this session only: nothing is saved to disk"), 8000)
        else:
            self.message.emit(self.tr("Bookmark removed for this session only: nothing is saved to disk"), 8000)

        return marked

    def ask_clear_history(self) -> bool:
        """Clear the history only when the user confirms; True if it was cleared."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self._panel,
            self.tr("Clear history"),
            self.tr("Clear the list of pages you have opened? Bookmarks and notes are kept. This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.clear_history()
        return True

    def clear_history(self) -> None:
        try:
            self.user_data.clear_history()
        except UserDataError as exc:
            self.warning.emit(str(exc))
        self.refresh()

    def save_note(self, monograph_id: str, text: str) -> bool:
        """True once saved; False (with a warning) when it could not be."""
        try:
            self.user_data.set_note(monograph_id, text)
        except UserDataError as exc:
            self.warning.emit(str(exc))
            return False
        self.refresh()
        return True

    def record_note(self, monograph_id: str, text: str) -> str:
        """Save a note and say what became of it, in the words the notes editor shows: never
        "saved" unless it reached the disk."""
        if not self.save_note(monograph_id, text):
            return self.tr("NOT saved")
        if self.user_data.persistent:
            return self.tr("saved")
        return self.tr("kept until you close the app, NOT saved to disk")  # the in-memory fallback

    def export_bookmarks(self, path: str) -> int | None:
        try:
            count = self.user_data.export_bookmarks(Path(path))
        except UserDataError as exc:
            self.warning.emit(str(exc))
            return None
        self.message.emit(self.tr("Exported %n bookmark(s) to {0}", "", count).format(path), 6000)
        return count

    def import_bookmarks(self, path: str) -> int | None:
        try:
            added, skipped = self.user_data.import_bookmarks(Path(path), set(self._titles()))
        except UserDataError as exc:
            self.warning.emit(str(exc))
            return None
        if skipped:
            text = self.tr("Imported %n bookmark(s); {0} not in this content version were skipped", "", added)
            self.message.emit(text.format(len(skipped)), 8000)
        else:
            self.message.emit(self.tr("Imported %n bookmark(s)", "", added), 8000)
        self.refresh()
        return added

    def export_notes(self, path: str) -> int | None:
        """Write every note to a Markdown file at ``path``; the number written, or None."""
        import datetime as dt

        from legpain_desktop.core.notes import notes_markdown

        try:
            notes = self.user_data.all_notes()
            text = notes_markdown(notes, self._titles(), self.content_version, dt.date.today().isoformat())
            Path(path).write_text(text, encoding="utf-8")
        except UserDataError as exc:
            self.warning.emit(str(exc))
            return None
        except OSError as exc:
            self.warning.emit(self.tr("could not write {0}: {1}").format(path, exc.strerror or exc))
            return None
        self.message.emit(self.tr("Exported %n note(s) to {0}", "", len(notes)).format(path), 6000)
        return len(notes)

    def ask_export_notes(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        suggested = "legpain-notes.md"
        path, _ = QFileDialog.getSaveFileName(
            self._panel, self.tr("Export notes"), suggested, self.tr("Markdown (*.md)")
        )
        if path:
            self.export_notes(path)

    def ask_export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self._panel, self.tr("Export bookmarks"), "legpain-bookmarks.json", self.tr("JSON (*.json)")
        )
        if path:
            self.export_bookmarks(path)

    def ask_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self._panel, self.tr("Import bookmarks"), "", self.tr("JSON (*.json)"))
        if path:
            self.import_bookmarks(path)
