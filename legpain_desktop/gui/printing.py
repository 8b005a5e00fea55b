"""Printing, print preview and PDF export of monographs and dosing sheets.

Every page carries a running header (what it is, the patient's key values for a dosing sheet,
the print date) and a footer (the disclaimer, the content version, "page n of m"): a loose second
page of a dosing sheet once had no header at all (issue 17). PDFs carry their title and creator
in the document information, and the save dialog starts in the user's documents folder with a
name that says what and when.

PDF export needs no printer: QPrinter writes the file itself. Qt's PDF engine writes untagged
PDFs (no structure tree for screen readers); the title, the text layer and the reading order of
a single-column page are what it offers.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QRectF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from legpain_desktop.core.model import DISCLAIMER
from legpain_desktop.core.render import LIGHT, apply_palette, stylesheet


@dataclass(frozen=True)
class PrintJob:
    """What to print: the title, one line of key facts repeated on every page, the body."""

    title: str
    body_html: str
    content_version: str
    subject: str = ""  # e.g. the drug and the patient's age, sex, weight and kidney function
    day: dt.date | None = None
    # A patient leaflet (issue 20): for the patient, from the clinic, with the clinician's own
    # instructions, optionally in large type. Neither the clinic nor the instructions are kept
    # with the leaflet: they are typed at the desk.
    for_patient: bool = False
    clinic: str = ""
    instructions: str = ""
    large_type: bool = False

    @property
    def date(self) -> str:
        return (self.day or dt.date.today()).isoformat()

    def header(self) -> str:
        """The running header of every page."""
        parts = [self.title, self.subject, QCoreApplication.translate("PrintJob", "printed {0}").format(self.date)]
        return " · ".join(p for p in parts if p)

    def footer(self, page: int, pages: int) -> str:
        where = QCoreApplication.translate("PrintJob", "Content version {0}. Page {1} of {2}.")
        return f"{DISCLAIMER} {where.format(self.content_version, page, pages)}"

    def file_name(self) -> str:
        """A name that says what and when: ``dosing-sheet-pregabalin-2026-12-03.pdf``."""
        words = f"{self.title} {self.subject.split(' · ')[0] if self.subject else ''}".lower()
        slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")[:60].strip("-") or "legpain"
        return f"{slug}-{self.date}.pdf"


def printable_html(title: str, body_html: str, content_version: str, today: dt.date | None = None) -> str:
    """The page as printed: title, content version, print date and disclaimer above the body."""
    date = (today or dt.date.today()).isoformat()
    printed = QCoreApplication.translate("PrintJob", "LegPain Desktop · content version {0} · printed {1}")
    return (
        f"<h1>{html.escape(title)}</h1>"
        f"<p><small>{printed.format(html.escape(content_version), date)}</small></p>"
        f"<p><small><b>{html.escape(DISCLAIMER)}</b></small></p><hr>{body_html}"
        f"<hr><p><small>{html.escape(DISCLAIMER)}</small></p>"
    )


def patient_printable_html(job: PrintJob) -> str:
    """A leaflet as printed: its title, who gave it and when, the clinician's instructions in a box,
    then the leaflet (which opens with its "Get help now" box and its own plain disclaimer)."""
    given = f"Given by {html.escape(job.clinic)} on {job.date}" if job.clinic.strip() else f"Printed {job.date}"
    mine = ""
    if job.instructions.strip():
        lines = "<br>".join(html.escape(line) for line in job.instructions.strip().splitlines())
        mine = (
            '<table border="1" cellpadding="6" cellspacing="0" width="100%"><tr><td>'
            f"<b>Your instructions</b><br>{lines}</td></tr></table>"
        )
    return f"<h1>{html.escape(job.title)}</h1><p><small>{given}</small></p>{mine}{job.body_html}"


# A leaflet's text as a multiple of a monograph's printed size. Normal type is the monograph's size
# (9 pt): after review the leaflets run to about 400 words and 89 of 91 fit one A4 page at 9 pt, 72
# at 9.5 pt, 53 at 10 pt (measured 2026-12-04). Large type (1.6x) is for readers who need it;
# shorter leaflets would allow a larger normal size.
PATIENT_TYPE, LARGE_TYPE = 1.0, 1.6


# A leaflet is printed tighter than a monograph (smaller headings, less space between blocks, small
# references), so that most fit one page at a size older readers can read.
PATIENT_CSS = """
h1 { font-size: x-large; margin-bottom: 2px; }
h2 { font-size: large; margin-top: 8px; margin-bottom: 2px; }
p { margin-top: 2px; margin-bottom: 3px; }
ul { margin-top: 0px; margin-bottom: 2px; }
.refs { font-size: x-small; }
"""


def document_for(page_html: str, scale: float = 1.0, css: str = "") -> QTextDocument:
    doc = QTextDocument()
    if scale != 1.0:
        font = doc.defaultFont()
        font.setPointSizeF(font.pointSizeF() * scale)
        doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(stylesheet(LIGHT) + css)  # paper is white whatever the screen theme
    doc.setHtml(apply_palette(page_html, LIGHT))
    return doc


def _band_height(painter: QPainter, font: QFont, width: float, text: str) -> float:
    painter.setFont(font)
    return painter.boundingRect(QRectF(0, 0, width, 10_000), _WRAP, text).height()


_WRAP = 0x1000 | 0x0001  # Qt.TextWordWrap | Qt.AlignLeft, as ints: no Qt enum namespace needed


def paint_job(printer: QPrinter, job: PrintJob) -> int:
    """Lay the job out on ``printer``'s pages with the header and footer on each; the page count."""
    if job.for_patient:
        doc = document_for(patient_printable_html(job), LARGE_TYPE if job.large_type else PATIENT_TYPE, PATIENT_CSS)
    else:
        doc = document_for(printable_html(job.title, job.body_html, job.content_version, job.day))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("could not start printing (is the output writable?)")
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        width, height = float(page.width()), float(page.height())
        small = QFont(doc.defaultFont())
        small.setPointSizeF(8.0)
        gap = printer.resolution() / 12  # about 2 mm
        header_h = _band_height(painter, small, width, job.header()) + gap
        footer_h = _band_height(painter, small, width, job.footer(99, 99)) + gap
        body_h = max(height - header_h - footer_h, height / 3)
        doc.documentLayout().setPaintDevice(printer)
        doc.setPageSize(QSizeF(width, body_h))
        pages = max(doc.pageCount(), 1)
        for number in range(1, pages + 1):
            if number > 1:
                printer.newPage()
            painter.setFont(small)
            painter.drawText(QRectF(0, 0, width, header_h), _WRAP, job.header())
            painter.drawLine(0, int(header_h - gap / 2), int(width), int(header_h - gap / 2))
            painter.save()
            painter.translate(0, header_h - (number - 1) * body_h)
            doc.drawContents(painter, QRectF(0, (number - 1) * body_h, width, body_h))
            painter.restore()
            painter.setFont(small)
            painter.drawText(QRectF(0, height - footer_h + gap, width, footer_h), _WRAP, job.footer(number, pages))
        return pages
    finally:
        painter.end()


PAPER_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def default_paper(locale: QLocale | None = None) -> str:
    """The paper a PDF is laid out for when none is named: US Letter where the locale (the
    system's, unless given) measures in US units, as Qt's own printer defaults do; else A4."""
    measures = (locale or QLocale.system()).measurementSystem()
    return "letter" if measures == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def _pdf_printer(path: Path, title: str, paper: str | None = None) -> QPrinter:
    chosen = paper or default_paper()
    if chosen not in PAPER_SIZES:
        raise ValueError(f"paper must be {' or '.join(PAPER_SIZES)}, not {chosen!r}")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(PAPER_SIZES[chosen]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setDocName(title)  # the PDF's Title
    printer.setCreator("LegPain Desktop")
    printer.setOutputFileName(str(path))
    return printer


def save_pdf(job: PrintJob, path: Path, paper: str | None = None) -> Path:
    """Write the job to a PDF at ``path`` on ``paper`` ("a4" or "letter"; default from the locale);
    raise OSError with a clear message if it fails."""
    paint_job(_pdf_printer(path, job.header(), paper), job)
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"could not write a PDF to {path} (is the folder writable?)")
    return path


def ask_and_print(parent: QWidget, job: PrintJob) -> bool:
    """Print through the print dialog; False when the user cancels it."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(job.header())
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_job(printer, job)
    return True


def preview_dialog(parent: QWidget, job: PrintJob) -> QDialog:
    """A print preview of the job (the caller shows it); printing from it prints the same pages."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(job.header())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintJob", "Print preview: {0}").format(job.title))
    dialog.paintRequested.connect(lambda p: paint_job(p, job))
    dialog._printer = printer  # type: ignore[attr-defined]  # the dialog does not own it: keep it alive
    return dialog


def documents_folder() -> Path:
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def ask_and_save_pdf(parent: QWidget, job: PrintJob, path: str | None = None) -> str | None:
    """Save as PDF at ``path``, or where the user chooses when it is not given (starting in the
    documents folder with a name that says what and when). Returns the path, or None when
    cancelled or when it could not be written (the user is told why)."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    if not path:
        suggested = str(documents_folder() / job.file_name())
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("PrintJob", "Save as PDF"),
            suggested,
            QCoreApplication.translate("PrintJob", "PDF files (*.pdf)"),
        )
        if not path:
            return None
    try:
        save_pdf(job, Path(path))
    except OSError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("PrintJob", "PDF not saved"), str(exc))
        return None
    return path
