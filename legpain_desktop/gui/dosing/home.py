"""The dose calculator's home in the window (issue 15): it builds the calculator on first use,
hands its form and sheet to the window to place, and owns what the window used to do for it (the
copied note, the printed sheet's header, the kidney row shaded on a drug page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from legpain_desktop.core.db.repository import ContentRepository, MonographRecord
    from legpain_desktop.core.dosing.formulary import Formulary
    from legpain_desktop.gui.dosing.controller import DosingController
    from legpain_desktop.gui.printing import PrintJob


class DosingHome(QObject):
    """Signals:
    band_changed(): the patient's kidney row may have changed (a drug page shades it).
    monograph_requested(str): the sheet asked for a drug or cause page.
    print_requested(), pdf_requested(): the sheet's own Print and Save as PDF buttons.
    message(str): a line for the status bar.
    """

    band_changed = Signal()
    monograph_requested = Signal(str)
    print_requested = Signal()
    pdf_requested = Signal()
    message = Signal(str)

    def __init__(
        self,
        repo: ContentRepository,
        formulary: Callable[[], Formulary],
        cause_titles: Callable[[], dict[str, str]],
        content_version: str,
        place_form: Callable[[QWidget], None],
        place_view: Callable[[QWidget], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self._make_formulary = formulary
        self._cause_titles = cause_titles
        self.content_version = content_version
        self._place_form = place_form
        self._place_view = place_view
        self._formulary: Formulary | None = None
        self._controller: DosingController | None = None
        self._citations: dict[str, dict[str, str]] = {}
        self.pending_patient: dict[str, object] | None = None  # a remembered patient, filled in on first use

    @property
    def formulary(self) -> Formulary:
        if self._formulary is None:
            self._formulary = self._make_formulary()
        return self._formulary

    @property
    def built(self) -> bool:
        return self._controller is not None

    @property
    def controller(self) -> DosingController:
        if self._controller is None:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QFrame, QScrollArea

            from legpain_desktop.gui.dosing.controller import DosingController

            dosing = DosingController(self.formulary, self._cause_titles(), self.citations, self)
            self._controller = dosing
            # the form scrolls on a short screen instead of pushing the window past its bottom edge
            # (at scale 2 the window grew to 547 of 540 rows and the indication note was squeezed)
            holder = QScrollArea()
            holder.setWidget(dosing.form)
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self._place_form(holder)
            self._place_view(dosing.view)
            dosing.monograph_requested.connect(self.monograph_requested)
            dosing.band_changed.connect(self.band_changed)
            dosing.view.print_requested.connect(self.print_requested)
            dosing.view.pdf_requested.connect(self.pdf_requested)
            dosing.view.copy_requested.connect(self.copy_note)
            if self.pending_patient is not None:
                dosing.form.set_raw_text(self.pending_patient)
                self.pending_patient = None
        return self._controller

    def remembered_patient(self) -> dict[str, object] | None:
        """What the form holds, as typed, for a session that may remember it (None if never opened)."""
        return self._controller.form.raw_text() if self._controller is not None else None

    def citations(self, drug_id: str) -> dict[str, str]:
        """A drug's dosing source keys with their citations: its references are keyed by them
        (content/DOSING.md)."""
        if drug_id not in self._citations:  # read-only content: asked once
            record = self.repo.get(drug_id)
            refs = record.references if record else []
            self._citations[drug_id] = {r.key.upper(): f"{r.citation} ({r.year})" for r in refs}
        return self._citations[drug_id]

    def copy_note(self) -> str:
        """Put the dose result, its basis and the disclaimer on the clipboard as plain text, for the
        patient's record; returns the text ("" when there is no result yet)."""
        import datetime as dt

        from PySide6.QtGui import QGuiApplication

        from legpain_desktop.core.model import DISCLAIMER

        today = dt.date.today().isoformat()
        title = self.tr("LegPain Desktop dosing note · content version {0} · {1}").format(self.content_version, today)
        text = self.controller.note_text([title, DISCLAIMER])
        if not text:
            self.message.emit(self.tr("Nothing to copy yet: enter the patient's details first."))
            return ""
        QGuiApplication.clipboard().setText(text)
        self.message.emit(self.tr("Dosing note copied: paste it into the patient's record."))
        return text

    def job(self) -> PrintJob | None:
        """The dosing sheet to print, with the patient in every page's header (None while there is
        no sheet)."""
        from legpain_desktop.gui.printing import PrintJob

        if self._controller is None or not self._controller.sheet_html:
            return None
        return PrintJob(self.tr("Dosing sheet"), self._controller.sheet_html, self.content_version, self.subject())

    def subject(self) -> str:
        """The drug and the patient's key values, for the header of every page of a dosing sheet."""
        dosing = self.controller
        patient, kidney, result = dosing.patient, dosing.kidney, dosing.result
        if patient is None or kidney is None or result is None:
            return ""
        facts = [
            self.tr("{0:g} years").format(patient.age),
            patient.sex,
            self.tr("{0:g} kg").format(patient.weight_kg),
            self.tr("creatinine {0:g} mg/dL").format(patient.scr_mg_dl),
            self.tr("CrCl {0:.0f} mL/min").format(kidney.crcl_actual),
        ]
        if patient.dialysis != "none":
            facts.append(self.tr("dialysis {0}").format(patient.dialysis))
        if patient.child_pugh:
            facts.append(self.tr("Child-Pugh {0}").format(patient.child_pugh))
        return self.tr("{0} · patient: {1}").format(result.drug_title, ", ".join(facts))

    def decorate(self, record: MonographRecord, body: str) -> str:
        """A page decorator: a drug page opened while a patient is entered shades the patient's
        kidney row, from the one result the calculator already holds."""
        if record.kind != "drug" or self._controller is None:
            return body
        band = self._controller.band_label(record.id)
        if band is None:
            return body
        from legpain_desktop.core.dosing.present import drug_page_html

        return drug_page_html(record.body_md, record.references, self.formulary.drug(record.id), band)
