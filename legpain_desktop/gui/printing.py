"""Printing and PDF export of monographs and dosing sheets, with a header and the disclaimer.

PDF export needs no printer: QPrinter writes the file itself.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from legpain_desktop.core.model import DISCLAIMER
from legpain_desktop.core.render import LIGHT, apply_palette, stylesheet


def printable_html(title: str, body_html: str, content_version: str, today: dt.date | None = None) -> str:
    """The page as printed: title, content version, print date and disclaimer above the body."""
    date = (today or dt.date.today()).isoformat()
    return (
        f"<h1>{html.escape(title)}</h1>"
        f"<p><small>LegPain Desktop · content version {html.escape(content_version)} · printed {date}</small></p>"
        f"<p><small><b>{html.escape(DISCLAIMER)}</b></small></p><hr>{body_html}"
        f"<hr><p><small>{html.escape(DISCLAIMER)}</small></p>"
    )


def document_for(page_html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultStyleSheet(stylesheet(LIGHT))  # paper is white whatever the screen theme
    doc.setHtml(apply_palette(page_html, LIGHT))
    return doc


def save_pdf(page_html: str, path: Path) -> Path:
    """Write ``page_html`` to a PDF at ``path``; raise OSError with a clear message if it fails."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setOutputFileName(str(path))
    document_for(page_html).print_(printer)
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"could not write a PDF to {path} (is the folder writable?)")
    return path


def ask_and_print(parent: QWidget, title: str, body_html: str, content_version: str) -> bool:
    """Print through the print dialog; False when the user cancels it."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    document_for(printable_html(title, body_html, content_version)).print_(printer)
    return True


def ask_and_save_pdf(
    parent: QWidget, title: str, body_html: str, content_version: str, path: str | None = None
) -> str | None:
    """Save as PDF at ``path``, or where the user chooses when it is not given. Returns the path,
    or None when cancelled or when it could not be written (the user is told why)."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    if not path:
        suggested = title.lower().replace(" ", "-") + ".pdf"
        path, _ = QFileDialog.getSaveFileName(parent, "Save as PDF", suggested, "PDF files (*.pdf)")
        if not path:
            return None
    try:
        save_pdf(printable_html(title, body_html, content_version), Path(path))
    except OSError as exc:
        QMessageBox.warning(parent, "PDF not saved", str(exc))
        return None
    return path
