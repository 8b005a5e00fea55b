"""Print, Print preview and Save as PDF of whatever the main area shows (issue 15: these lived in
the main window). The window says what that is; this module asks and reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from legpain_desktop.gui.printing import PrintJob


class PrintActions(QObject):
    """Signals: message(str): a line for the status bar (what was saved, or why nothing was)."""

    message = Signal(str)

    def __init__(self, window: QWidget, current_job: Callable[[], PrintJob | None]) -> None:
        super().__init__(window)
        self.window = window
        self.current_job = current_job
        self.dialog: QDialog | None = None  # the open preview, kept alive while it shows

    def _nothing_to_print(self) -> str:
        return self.tr("Nothing to print yet: open a monograph or complete a dosing sheet.")

    def print(self, job: PrintJob | None = None) -> bool:
        """Ask for a printer and print ``job`` (by default what the main area shows)."""
        from legpain_desktop.gui.printing import ask_and_print

        job = job or self.current_job()
        if job is None:
            self.message.emit(self._nothing_to_print())
            return False
        return ask_and_print(self.window, job)

    def preview(self) -> QDialog | None:
        """Open a print preview of what the main area shows (returned for tests)."""
        from legpain_desktop.gui.printing import preview_dialog

        job = self.current_job()
        if job is None:
            self.message.emit(self._nothing_to_print())
            return None
        self.dialog = preview_dialog(self.window, job)
        self.dialog.open()
        return self.dialog

    def save_pdf(self, path: str | None = None) -> str | None:
        """Save what the main area shows as a PDF at ``path`` (asked for when not given)."""
        from legpain_desktop.gui.printing import ask_and_save_pdf

        job = self.current_job()
        if job is None:
            self.message.emit(self.tr("Nothing to save yet: open a monograph or complete a dosing sheet."))
            return None
        saved = ask_and_save_pdf(self.window, job, path)
        if saved:
            self.message.emit(self.tr("Saved {0}").format(saved))
        return saved
