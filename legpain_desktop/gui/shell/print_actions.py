"""Print, Print preview and Save as PDF of whatever the main area shows (issue 15: these lived in
the main window). The window says what that is; this module asks and reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from legpain_desktop.gui.printing import PrintJob

NOTHING_TO_PRINT = "Nothing to print yet: open a monograph or complete a dosing sheet."
NOTHING_TO_SAVE = "Nothing to save yet: open a monograph or complete a dosing sheet."


class PrintActions(QObject):
    """Signals: message(str): a line for the status bar (what was saved, or why nothing was)."""

    message = Signal(str)

    def __init__(self, window: QWidget, current_job: Callable[[], PrintJob | None]) -> None:
        super().__init__(window)
        self.window = window
        self.current_job = current_job
        self.dialog: QDialog | None = None  # the open preview, kept alive while it shows

    def print(self, job: PrintJob | None = None) -> bool:
        """Ask for a printer and print ``job`` (by default what the main area shows)."""
        from legpain_desktop.gui.printing import ask_and_print

        job = job or self.current_job()
        if job is None:
            self.message.emit(NOTHING_TO_PRINT)
            return False
        return ask_and_print(self.window, job)

    def preview(self) -> QDialog | None:
        """Open a print preview of what the main area shows (returned for tests)."""
        from legpain_desktop.gui.printing import preview_dialog

        job = self.current_job()
        if job is None:
            self.message.emit(NOTHING_TO_PRINT)
            return None
        self.dialog = preview_dialog(self.window, job)
        self.dialog.open()
        return self.dialog

    def save_pdf(self, path: str | None = None) -> str | None:
        """Save what the main area shows as a PDF at ``path`` (asked for when not given)."""
        from legpain_desktop.gui.printing import ask_and_save_pdf

        job = self.current_job()
        if job is None:
            self.message.emit(NOTHING_TO_SAVE)
            return None
        saved = ask_and_save_pdf(self.window, job, path)
        if saved:
            self.message.emit(f"Saved {saved}")
        return saved
