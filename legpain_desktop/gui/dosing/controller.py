"""The dose calculator's controller: it wires the form and the sheet to the core, computing one
consultation per drug per input change (issue 15), and keeps the last valid result.

Signals of ``DosingController``:
    monograph_requested(str), band_changed(): the patient's renal row may have changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from legpain_desktop.core.dosing.calculator import DoseResult
from legpain_desktop.core.dosing.consultation import (
    DoseConsultation,
    DoseRequest,
    consult_all,
    consult_dose,
)
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.opioids import format_mme
from legpain_desktop.core.dosing.patient import Patient
from legpain_desktop.core.dosing.regimen import describe_medicine, opioid_unit
from legpain_desktop.core.dosing.renal import KidneyFunction
from legpain_desktop.core.dosing.report import dosing_note_text, dosing_sheet_html
from legpain_desktop.core.dosing.titration import RegimenCheck, Schedule
from legpain_desktop.gui.dosing.medicine_chips import ChipInfo
from legpain_desktop.gui.dosing.patient_form import PatientForm
from legpain_desktop.gui.dosing.sheet_view import DosingView, themed_sheet


class DosingController(QObject):
    """Wires the form and the sheet to the core calculators; keeps the last valid result."""

    monograph_requested = Signal(str)
    band_changed = Signal()

    def __init__(
        self,
        formulary: Formulary,
        indication_titles: dict[str, str],
        citations: Callable[[str], dict[str, str]] = lambda _drug_id: {},
        parent: Any = None,
    ) -> None:
        """``citations(drug_id)`` maps source keys (``S-LYR``) to their full citations."""
        super().__init__(parent)
        self.formulary = formulary
        self.citations = citations
        self.indication_titles = indication_titles
        drugs = sorted(((d.drug_id, d.title) for d in formulary.drugs.values()), key=lambda x: x[1].lower())
        self.form = PatientForm(drugs, formulary.checker.known_names(), describe=self.describe_medicine)
        self.view = DosingView()
        self.patient: Patient | None = None
        self.kidney: KidneyFunction | None = None
        self.result: DoseResult | None = None
        self.consultation: DoseConsultation | None = None
        # every drug for the patient entered now, at its main indication (the table and the drug
        # pages' shaded row read these; nothing recomputes them until the input changes)
        self.every_drug: dict[str, DoseConsultation] = {}
        self.sheet_html = ""
        self._extras: tuple[Schedule | None, RegimenCheck | None] = (None, None)  # of the last result
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.recompute)
        self.form.inputs_changed.connect(self._timer.start)
        self.form.drug.currentIndexChanged.connect(self._drug_changed)
        self.view.regimen_changed.connect(self.recompute)
        self.view.monograph_requested.connect(self.monograph_requested)
        self._drug_changed()

    def describe_medicine(self, text: str) -> ChipInfo:
        """What a typed medicine is, from the core: recognised or not, and the dose box for an opioid."""
        medicine = describe_medicine(self.formulary.checker, text)
        unit = opioid_unit(self.formulary.checker, medicine)
        entered = medicine.entered
        if not medicine.checked:
            return ChipInfo(text, False, medicine.unchecked_message())
        if unit is None:
            return ChipInfo(text, True)
        amount = entered.daily_amount if entered.unit in (None, unit) else None
        return ChipInfo(entered.name, True, "", unit, amount)

    def select_drug(self, drug_id: str) -> None:
        self.form.select_drug(drug_id)
        self.recompute()

    def _drug_changed(self) -> None:
        drug = self.formulary.drugs.get(self.form.drug.currentData())
        # the sheet's monograph and leaflet buttons follow the drug chosen, before any patient is entered
        self.view.current_drug = drug.drug_id if drug is not None else None
        items = []
        if drug is not None:
            for ind in drug.indications:
                main = ind.indication == drug.main_indication
                items.append((ind.indication, self.tr("{0} (main)").format(ind.label) if main else ind.label))
        self.form.set_indications(items, drug.main_indication if drug is not None else None)

    def note_text(self, header: Sequence[str]) -> str:
        """The current result as plain text for the patient's record ("" while there is none)."""
        if self.patient is None or self.kidney is None or self.result is None:
            return ""
        citations = self.citations(self.result.drug_id)
        medicines = self.consultation.medicines if self.consultation is not None else None
        return dosing_note_text(
            self.patient,
            self.kidney,
            self.result,
            *self._extras,
            header=header,
            citations=citations,
            medicines=medicines,
        )

    def band_label(self, drug_id: str) -> str | None:
        """The renal row of ``drug_id`` for the patient entered now (None without a patient)."""
        if self.patient is None or self.consultation is None:
            return None
        drug = self.formulary.drugs.get(drug_id)
        if drug is None or not drug.systemic:
            return None
        found = self.every_drug.get(drug_id)
        return found.highlight_band if found is not None else None

    def request(self) -> DoseRequest:
        raw = self.form.raw()
        dose, times = self.view.regimen_dose.text(), self.view.regimen_times.text()
        return DoseRequest(
            drug=self.form.drug.currentData() or "",
            weight_basis=self.form.weight_basis.currentData(),
            indication=self.form.indication.currentData(),
            regimen_dose=dose if dose.strip() else None,
            regimen_times=times if times.strip() else None,
            **raw,  # type: ignore[arg-type]
        )

    def recompute(self) -> None:
        """One consultation per drug for this input: the dosed drug's own (its indication and
        regimen), and every drug at its main indication for the table and the drug pages; the
        dosed drug's is reused from those when the request is the same."""
        request = self.request()
        consultation = consult_dose(self.formulary, request)
        table = consult_all(self.formulary, request, known=consultation) if consultation.ok else []
        self.every_drug = {c.request.drug: c for c in table}
        self.form.show_errors(consultation.problems)
        previous = (self.patient, self.kidney)
        if not consultation.ok:
            self.consultation = None
            self.patient = self.kidney = self.result = None
            self.form.kidney.setText(self.tr("Enter age, sex, weight, height and creatinine."))
            self.form.kidney.setAccessibleName(
                self.tr("Kidney function: enter age, sex, weight, height and creatinine")
            )
            self.form.mme.setVisible(False)
            waiting = self.tr("The result appears when the patient's details are complete and valid.")
            self.view.sheet.setHtml(f"<p>{waiting}</p>")
            self.view.table_model.set_results([])
            self.sheet_html = ""
            if previous[0] is not None:
                self.band_changed.emit()
            return
        self.consultation = consultation
        patient, kidney, result = consultation.patient, consultation.kidney, consultation.result
        assert patient is not None and kidney is not None and result is not None
        drug_id = result.drug_id
        self.patient, self.kidney, self.result = patient, kidney, result
        self.form.kidney.setText(
            self.tr("<b>CrCl {0:g} mL/min</b> · <b>eGFR {1:g}</b> mL/min/1.73 m²").format(
                kidney.crcl, kidney.egfr_indexed
            )
        )
        self.form.kidney.setAccessibleName(
            self.tr("Kidney function: creatinine clearance {0:g} mL/min, eGFR {1:g} mL/min/1.73 m²").format(
                kidney.crcl, kidney.egfr_indexed
            )
        )
        schedule, regimen = consultation.schedule, consultation.regimen
        self.view.regimen_error.setText(consultation.regimen_error)
        self.view.current_drug = drug_id
        self._extras = (schedule, regimen)
        self.sheet_html = dosing_sheet_html(
            patient,
            kidney,
            result,
            schedule,
            regimen,
            drug=self.formulary.drug(drug_id),
            citations={**self.formulary.source_citations, **self.citations(drug_id)},
            obesity_note=consultation.obesity.note if consultation.obesity else "",
            medicines=consultation.medicines,
        )
        self._show_mme(consultation)
        self.view.sheet.setHtml(themed_sheet(self.sheet_html))
        rows = [(c.drug, c.result) for c in table]
        self.view.table_model.set_results([(d, r) for d, r in rows if d is not None and r is not None])
        self.band_changed.emit()

    def _show_mme(self, consultation: DoseConsultation) -> None:
        """The opioid total under the medicines (its basis is on the sheet)."""
        mme = consultation.medicines.mme if consultation.medicines is not None else None
        self.form.mme.setVisible(mme is not None)
        if mme is None:
            return
        if mme.total is not None:
            text = self.tr("<b>Opioids: {0} MME/day</b> (oral morphine equivalents; basis on the sheet)").format(
                format_mme(mme.total)
            )
        elif mme.complete:
            text = self.tr("<b>Opioids: no MME total</b> (buprenorphine is not counted in MME totals; see the sheet)")
        else:
            text = self.tr(
                "<b>Opioids: total incomplete</b> (at least {0} MME/day counted): enter each opioid's daily dose"
            ).format(format_mme(mme.known))
        self.form.mme.setText(text)
