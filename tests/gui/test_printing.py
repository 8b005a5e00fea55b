"""Printing (issue 17 item 14): a header with the drug and the patient on every page, a print
preview, PDFs that carry their title, and a save dialog that starts in the documents folder with
a name that says what and when."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from legpain_desktop.gui.main_window import MainWindow
from legpain_desktop.gui.printing import PrintJob, save_pdf


def enter_patient(window: MainWindow) -> None:
    form = window.dosing.form
    form.age_edit.setText("75")
    form.sex.setCurrentText("female")
    form.weight_edit.setText("60")
    form.height_edit.setText("160")
    form.scr_edit.setText("1.2")
    window.dosing.recompute()


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_a_dosing_sheet_carries_the_drug_and_the_patient_on_every_page(
    shipped_window: MainWindow, tmp_path: Path
) -> None:
    win = shipped_window
    win.show_dosing("pregabalin")
    enter_patient(win)
    job = win.current_job()
    assert job is not None and job.title == "Dosing sheet"
    header = job.header()
    assert header.startswith("Dosing sheet · Pregabalin · patient: 75 years, female, 60 kg, creatinine 1.2 mg/dL")
    assert "CrCl 38 mL/min" in header and f"printed {dt.date.today().isoformat()}" in header

    calls = []

    class Counting(PrintJob):
        def header(self) -> str:
            calls.append(1)
            return super().header()

    counted = Counting(job.title, job.body_html, job.content_version, job.subject)
    pdf = save_pdf(counted, tmp_path / "sheet.pdf")
    pages = pdf_pages(pdf)
    assert pages >= 2  # the sheet with every row and flag runs over a page
    assert len(calls) == 1 + 1 + pages  # the PDF title, measuring the band, then once per page
    assert "Dosing sheet".encode("utf-16-be") in pdf.read_bytes() or b"Dosing sheet" in pdf.read_bytes()


def test_the_footer_counts_pages_and_keeps_the_disclaimer() -> None:
    from legpain_desktop.core.model import DISCLAIMER

    job = PrintJob("Gout", "<p>x</p>", "abc123", day=dt.date(2026, 12, 3))
    assert job.footer(2, 3) == f"{DISCLAIMER} Content version abc123. Page 2 of 3."
    assert job.header() == "Gout · printed 2026-12-03"
    assert job.file_name() == "gout-2026-12-03.pdf"
    sheet = PrintJob("Dosing sheet", "", "v", "Pregabalin · patient: 75 years", dt.date(2026, 12, 3))
    assert sheet.file_name() == "dosing-sheet-pregabalin-2026-12-03.pdf"


def test_print_preview_shows_the_pages(shipped_window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    win = shipped_window
    assert win.commands.preview in next(a.menu() for a in win.menuBar().actions() if a.text() == "&File").actions()  # type: ignore[union-attr]
    win.open_monograph("deep-vein-thrombosis")
    dialog = win.printing.preview()
    assert dialog is not None
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() >= 2, timeout=5000)
    dialog.close()


def test_save_dialog_starts_in_documents_with_a_telling_name(
    shipped_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from legpain_desktop.gui.printing import documents_folder

    asked = {}

    def fake(parent, caption, suggested, filters):  # type: ignore[no-untyped-def]
        asked["suggested"] = suggested
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    shipped_window.open_monograph("gout")
    assert shipped_window.printing.save_pdf() is None  # cancelled: nothing claimed
    suggested = Path(asked["suggested"])
    assert suggested.parent == documents_folder()
    assert suggested.name == f"gout-{dt.date.today().isoformat()}.pdf"


def test_nothing_to_print_says_so(shipped_window: MainWindow) -> None:
    shipped_window.reading.current = None
    assert shipped_window.printing.preview() is None
    assert "Nothing to print yet" in shipped_window.statusBar().currentMessage()
