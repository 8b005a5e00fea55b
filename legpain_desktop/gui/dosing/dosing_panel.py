"""The dose calculator: a patient form (side panel) and the dosing sheet (main area).

``PatientForm`` signals:
    inputs_changed(): any field changed (the controller debounces and recomputes); the other
    medicines are chips (``gui/dosing/medicine_chips.py``), each opioid with its daily dose.
``DosingView`` signals:
    monograph_requested(str): open a drug's monograph.
    regimen_changed(): the regimen-check fields changed.
``DosingController`` signals:
    monograph_requested(str), band_changed(): the patient's renal row may have changed.

Nothing typed here is written to disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

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
from legpain_desktop.core.dosing.vocabulary import format_daily_range
from legpain_desktop.gui.dosing.medicine_chips import ChipInfo, MedicineListField
from legpain_desktop.gui.theme import ui_colours


def error_style() -> str:
    return f"QLineEdit {{ border: 2px solid {ui_colours().error_border}; }}"


AnyIndex = QModelIndex | QPersistentModelIndex


class PatientForm(QWidget):
    inputs_changed = Signal()

    def __init__(
        self,
        drugs: Sequence[tuple[str, str]],
        other_drug_names: Sequence[str],
        parent: Any = None,
        describe: Callable[[str], ChipInfo] | None = None,
    ):
        """``describe(text)`` says what a typed medicine is (from the core); without it every entry is
        shown as typed, as checked, with no dose box."""
        super().__init__(parent)
        self.setAccessibleName("Patient for dosing")
        self.drug = QComboBox()
        self.drug.setAccessibleName("Drug")
        for drug_id, title in drugs:
            self.drug.addItem(title, drug_id)
        self.indication = QComboBox()
        self.indication.setAccessibleName("Indication")
        self.indication_note = QLabel("")
        self.indication_note.setWordWrap(True)
        self.indication_note.setVisible(False)
        self.age_edit = self._line("Age in years, 18 to 120")
        self.sex = QComboBox()
        # No preset: a default of "female" was silently used for men (issue 17). Cockcroft-Gault
        # and CKD-EPI need the sex, so the result waits until it is chosen.
        self.sex.addItem("choose…", "")
        self.sex.addItems(["female", "male"])
        self.sex.setAccessibleName("Sex")
        self.weight_edit = self._line("Weight")
        self.weight_unit = self._units(["kg", "lb"], "Weight unit")
        self.height_edit = self._line("Height")
        self.height_unit = self._units(["cm", "in"], "Height unit")
        self.scr_edit = self._line("Serum creatinine")
        self.scr_unit = self._units(["mg/dL", "umol/L"], "Creatinine unit")
        self.scr_unit.setItemText(1, "µmol/L")
        self.scr_unit.setItemData(1, "umol/L")
        self.scr_unit.setItemData(0, "mg/dL")
        self.dialysis = QComboBox()
        self.dialysis.setAccessibleName("Dialysis")
        for label, value in (("No dialysis", "none"), ("Haemodialysis", "hd"), ("Peritoneal dialysis", "pd")):
            self.dialysis.addItem(label, value)
        self.weight_basis = QComboBox()
        self.weight_basis.setAccessibleName("Weight for Cockcroft-Gault")
        for label, value in (("Actual weight", "actual"), ("Ideal weight", "ideal"), ("Adjusted weight", "adjusted")):
            self.weight_basis.addItem(label, value)
        self.heart_failure = QCheckBox("Heart failure")
        self.pregnant = QCheckBox("Pregnant")
        self.breastfeeding = QCheckBox("Breastfeeding")
        self.unstable_kidney = QCheckBox("Kidney function changing (AKI)")
        self.unstable_kidney.setToolTip(
            "Acute kidney injury or a creatinine that is still changing: Cockcroft-Gault is then not valid."
        )
        self.child_pugh = QComboBox()
        self.child_pugh.setAccessibleName("Liver: Child-Pugh class")
        for label, value in (("Liver normal", ""), ("Child-Pugh A", "A"), ("Child-Pugh B", "B"), ("Child-Pugh C", "C")):
            self.child_pugh.addItem(label, value)
        self.medicines = MedicineListField(other_drug_names, describe or (lambda text: ChipInfo(text, True)))
        self.other_drugs = self.medicines.edit  # the name box; text typed and not yet added counts too
        self.mme = QLabel("")
        self.mme.setWordWrap(True)
        self.mme.setVisible(False)
        self.mme.setAccessibleName("Opioid morphine-equivalent total")
        for combo in (self.drug, self.indication):  # long names must not widen the side panel:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)  # the list drops down at full width; the tooltip has the name
            combo.currentTextChanged.connect(combo.setToolTip)

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow("Drug", self.drug)
        form.addRow("Indication", self.indication)
        form.addRow("", self.indication_note)
        form.addRow("Age (years)", self._with_error("age", self.age_edit))
        form.addRow("Sex", self.sex)
        form.addRow("Weight", self._with_error("weight", self.weight_edit, self.weight_unit))
        form.addRow("Height", self._with_error("height", self.height_edit, self.height_unit))
        form.addRow("Creatinine", self._with_error("serum creatinine", self.scr_edit, self.scr_unit))
        form.addRow("Dialysis", self.dialysis)
        form.addRow("CrCl weight", self.weight_basis)
        form.addRow("", self.heart_failure)
        form.addRow("", self.unstable_kidney)
        form.addRow("", self.pregnant)
        form.addRow("", self.breastfeeding)
        form.addRow("Liver", self.child_pugh)
        form.addRow("Other drugs", self._with_error("other drug", self.medicines))
        form.addRow("", self.mme)
        self.kidney = QLabel("Enter age, sex, weight, height and creatinine.")
        self.kidney.setWordWrap(True)
        self.kidney.setAccessibleName("Kidney function")
        self.kidney.setTextFormat(Qt.TextFormat.RichText)
        note = QLabel("Nothing entered here is saved. Results show their rule and source; check the label.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.kidney)
        layout.addWidget(note)
        layout.addStretch(1)

        for w in (self.age_edit, self.weight_edit, self.height_edit, self.scr_edit, self.other_drugs):
            w.textChanged.connect(self.inputs_changed)
        self.medicines.changed.connect(self.inputs_changed)
        for c in (self.sex, self.weight_unit, self.height_unit, self.scr_unit, self.dialysis, self.weight_basis,
                  self.child_pugh, self.indication):  # fmt: skip
            c.currentIndexChanged.connect(self.inputs_changed)
        self.drug.currentIndexChanged.connect(self.inputs_changed)
        for box in (self.heart_failure, self.pregnant, self.breastfeeding, self.unstable_kidney):
            box.toggled.connect(self.inputs_changed)

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(name)
        return edit

    def _units(self, units: list[str], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for u in units:
            combo.addItem(u, u)
        return combo

    def _with_error(self, field: str, *widgets: QWidget) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        for w in widgets:
            row.addWidget(w)
        v.addLayout(row)
        err = QLabel("")
        err.setWordWrap(True)
        err.setStyleSheet(f"color: {ui_colours().error_text};")
        err.setVisible(False)
        err.setAccessibleName(f"{field}: no problem")
        v.addWidget(err)
        self.errors[field] = err
        return box

    def raw(self) -> dict[str, object]:
        others = self.medicines.entries()
        return {
            "age": self.age_edit.text(),
            "sex": self.sex.currentText() if self.sex.currentIndex() > 0 else "",
            "weight": self.weight_edit.text(),
            "weight_unit": self.weight_unit.currentData(),
            "height": self.height_edit.text(),
            "height_unit": self.height_unit.currentData(),
            "scr": self.scr_edit.text(),
            "scr_unit": self.scr_unit.currentData(),
            "dialysis": self.dialysis.currentData(),
            "heart_failure": self.heart_failure.isChecked(),
            "child_pugh": self.child_pugh.currentData() or None,
            "other_drugs": others,
            "pregnant": self.pregnant.isChecked(),
            "breastfeeding": self.breastfeeding.isChecked(),
            "unstable_kidney_function": self.unstable_kidney.isChecked(),
        }

    def raw_text(self) -> dict[str, object]:
        """The form as typed, for 'remember patient details' (only saved when the user allows)."""
        return {
            "age": self.age_edit.text(),
            "sex": self.sex.currentText(),
            "weight": self.weight_edit.text(),
            "weight_unit": self.weight_unit.currentIndex(),
            "height": self.height_edit.text(),
            "height_unit": self.height_unit.currentIndex(),
            "scr": self.scr_edit.text(),
            "scr_unit": self.scr_unit.currentIndex(),
            "dialysis": self.dialysis.currentIndex(),
            "heart_failure": self.heart_failure.isChecked(),
            "child_pugh": self.child_pugh.currentIndex(),
            "other_drugs": ", ".join(self.medicines.entries()),
            "pregnant": self.pregnant.isChecked(),
            "breastfeeding": self.breastfeeding.isChecked(),
            "unstable_kidney_function": self.unstable_kidney.isChecked(),
        }

    def set_raw_text(self, data: dict[str, object]) -> None:
        for key, edit in (("age", self.age_edit), ("weight", self.weight_edit), ("height", self.height_edit),
                          ("scr", self.scr_edit)):  # fmt: skip
            value = data.get(key)
            if isinstance(value, str):
                edit.setText(value[:200])
        others = data.get("other_drugs")
        if isinstance(others, str):
            self.medicines.set_entries([x for x in others[:2000].split(",") if x.strip()][:40])
        combos = {
            "weight_unit": self.weight_unit,
            "height_unit": self.height_unit,
            "scr_unit": self.scr_unit,
            "dialysis": self.dialysis,
            "child_pugh": self.child_pugh,
        }
        for key, combo in combos.items():
            value = data.get(key)
            if isinstance(value, int) and 0 <= value < combo.count():
                combo.setCurrentIndex(value)
        if data.get("sex") in ("female", "male"):
            self.sex.setCurrentText(str(data["sex"]))
        self.heart_failure.setChecked(data.get("heart_failure") is True)
        self.pregnant.setChecked(data.get("pregnant") is True)
        self.breastfeeding.setChecked(data.get("breastfeeding") is True)
        self.unstable_kidney.setChecked(data.get("unstable_kidney_function") is True)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Explain each problem in place; fields left empty are not yet errors."""
        field_widgets = {"age": self.age_edit, "weight": self.weight_edit, "height": self.height_edit,
                         "serum creatinine": self.scr_edit, "other drug": self.other_drugs}  # fmt: skip
        for field, label in self.errors.items():
            message = errors.get(field, "")
            widget = field_widgets[field]
            if message and not widget.text().strip():
                message = ""  # an empty field is just not filled in yet
            label.setText(message)
            label.setAccessibleName(message or f"{field}: no problem")  # read out as the message itself
            label.setVisible(bool(message))
            widget.setStyleSheet(error_style() if message else "")
            label.setStyleSheet(f"color: {ui_colours().error_text};")

    def set_indications(self, items: Sequence[tuple[str, str]], main: str | None = None) -> None:
        """The new drug's indications. The one chosen before is kept when the new drug has it; else
        the main one is chosen and the form says so (it once switched silently: issue 17)."""
        previous = self.indication.currentData()
        previous_label = self.indication.currentText()
        self.indication.blockSignals(True)
        self.indication.clear()
        for value, label in items:
            self.indication.addItem(label, value)
        self.indication.setEnabled(bool(items))
        kept = self.indication.findData(previous) if previous else -1
        chosen = kept if kept >= 0 else max(self.indication.findData(main) if main else 0, 0)
        self.indication.setCurrentIndex(chosen)
        self.indication.blockSignals(False)
        changed = bool(previous) and kept < 0 and bool(items)
        if changed:
            self.indication_note.setText(
                f"Indication changed to “{self.indication.currentText()}” (was “{previous_label}”): check it."
            )
        self.indication_note.setVisible(changed)

    def select_drug(self, drug_id: str) -> bool:
        index = self.drug.findData(drug_id)
        if index >= 0:
            self.drug.setCurrentIndex(index)
        return index >= 0


def themed_sheet(sheet_html: str) -> str:
    """The sheet in the colours of the theme in force. ``sheet_html`` itself keeps the light,
    printable colours; on a dark screen the severity words and the shaded kidney row used them
    too (the row was 1.08:1: issue 17)."""
    from legpain_desktop.core.dosing.report import SEVERITY_COLOURS
    from legpain_desktop.core.render import LIGHT

    ui = ui_colours()
    swaps = {
        f"color:{SEVERITY_COLOURS['critical']}": f"color:{ui.critical_text}",
        f"color:{SEVERITY_COLOURS['moderate']}": f"color:{ui.moderate_text}",
        f"color:{SEVERITY_COLOURS['info']}": f"color:{ui.text}",
        f'bgcolor="{LIGHT.highlight_bg}"': f'bgcolor="{ui.row_highlight_bg}"',
        f'<span style="color: {LIGHT.text};">': f'<span style="color: {ui.row_highlight_text};">',
    }
    for light, themed in swaps.items():
        sheet_html = sheet_html.replace(light, themed)
    return sheet_html


class SheetBrowser(QTextBrowser):
    """The dose result as a screen reader finds it: a document whose parts (the headline, the
    rule, each flag, each table row's cells, the working) are its children (issue 17 item 18)."""

    ACCESSIBLE_ROLE = QAccessible.Role.Document

    def accessible_items(self) -> list[Any]:
        from legpain_desktop.gui.accessibility import document_items

        return document_items(self, {"drug": "Drug", "cause": "Cause"})


@dataclass(frozen=True)
class Row:
    drug_id: str
    title: str
    dose: str
    rule: str
    flags: str
    severity: str


class AllDrugsModel(QAbstractTableModel):
    HEADERS = ("Drug", "Dose for this patient", "Rule", "Flags")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_results(self, results: Sequence[tuple[Any, DoseResult]]) -> None:
        self.beginResetModel()
        self.rows = []
        for drug, r in results:
            if r.avoid:
                dose = "AVOID"
            elif r.daily_dose_mg is not None:
                dose = f"{format_daily_range(r.daily_dose_mg)}, {r.frequency}"
            else:
                dose = r.frequency
            top = r.flags_by_severity()[0].severity if r.flags else "info"
            worst = [f for f in r.flags if f.severity in ("critical", "major")]
            self.rows.append(
                Row(drug.drug_id, drug.title, dose, r.band.label if r.band else "", f"{len(worst)} serious", top)
            )
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.title, row.dose, row.rule, row.flags)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and row.dose == "AVOID":
            return QColor(ui_colours().critical_text)
        if role == Qt.ItemDataRole.UserRole:
            return row.drug_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class DosingView(QWidget):
    monograph_requested = Signal(str)
    regimen_changed = Signal()
    print_requested = Signal()
    pdf_requested = Signal()
    copy_requested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Dosing sheet")
        self.sheet = SheetBrowser()
        self.sheet.setAccessibleName("Dose result and working")
        self.sheet.setOpenLinks(False)
        self.regimen_dose = QLineEdit()
        self.regimen_dose.setPlaceholderText("mg per dose")
        self.regimen_dose.setAccessibleName("Regimen check: mg per dose")
        self.regimen_times = QLineEdit()
        self.regimen_times.setPlaceholderText("doses a day")
        self.regimen_times.setAccessibleName("Regimen check: doses a day")
        for edit in (self.regimen_dose, self.regimen_times):  # wide enough to read the placeholder
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 24)
        self.regimen_error = QLabel("")
        self.regimen_error.setStyleSheet(f"color: {ui_colours().error_text};")
        self.open_button = QPushButton("Open drug monograph")
        self.print_button = QPushButton("Print…")
        self.pdf_button = QPushButton("Save as PDF…")
        self.copy_button = QPushButton("Copy for the record")
        self.copy_button.setToolTip("Copy the result, rule, flags, working and inputs as plain text")
        top = QHBoxLayout()
        top.addWidget(QLabel("Check a regimen:"))
        top.addWidget(self.regimen_dose)
        top.addWidget(QLabel("×"))
        top.addWidget(self.regimen_times)
        top.addWidget(self.regimen_error, 1)
        actions = QHBoxLayout()  # a row of its own, so the panel stays narrow on small screens
        actions.addStretch(1)
        for button in (self.open_button, self.print_button, self.pdf_button, self.copy_button):
            actions.addWidget(button)
        self.table_model = AllDrugsModel(self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setAccessibleName("Every drug for this patient")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().resizeSection(0, 220)
        self.table.horizontalHeader().resizeSection(1, 380)
        self.table.horizontalHeader().resizeSection(2, 200)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # Doses wrap and rows grow at any text size (issue 17: cut off mid-sentence at 120%).
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.sheet)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(split)
        self.current_drug: str | None = None
        self.regimen_dose.textChanged.connect(self.regimen_changed)
        self.regimen_times.textChanged.connect(self.regimen_changed)
        self.open_button.clicked.connect(self._open_current)
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)
        self.copy_button.clicked.connect(self.copy_requested)
        self.table.doubleClicked.connect(self._open_row)

    def _open_current(self) -> None:
        if self.current_drug:
            self.monograph_requested.emit(self.current_drug)

    def _open_row(self, index: QModelIndex) -> None:
        self.monograph_requested.emit(self.table_model.rows[index.row()].drug_id)


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
        items = []
        if drug is not None:
            for ind in drug.indications:
                main = " (main)" if ind.indication == drug.main_indication else ""
                items.append((ind.indication, f"{ind.label}{main}"))
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
        self.form.show_errors(dict(consultation.errors))
        previous = (self.patient, self.kidney)
        if not consultation.ok:
            self.consultation = None
            self.patient = self.kidney = self.result = None
            self.form.kidney.setText("Enter age, sex, weight, height and creatinine.")
            self.form.kidney.setAccessibleName("Kidney function: enter age, sex, weight, height and creatinine")
            self.form.mme.setVisible(False)
            self.view.sheet.setHtml("<p>The result appears when the patient's details are complete and valid.</p>")
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
            f"<b>CrCl {kidney.crcl:g} mL/min</b> · <b>eGFR {kidney.egfr_indexed:g}</b> mL/min/1.73 m²"
        )
        self.form.kidney.setAccessibleName(
            f"Kidney function: creatinine clearance {kidney.crcl:g} mL/min, eGFR {kidney.egfr_indexed:g} mL/min/1.73 m²"
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
            text = f"<b>Opioids: {format_mme(mme.total)} MME/day</b> (oral morphine equivalents; basis on the sheet)"
        elif mme.complete:
            text = "<b>Opioids: no MME total</b> (buprenorphine is not counted in MME totals; see the sheet)"
        else:
            text = (
                f"<b>Opioids: total incomplete</b> (at least {format_mme(mme.known)} MME/day counted): "
                "enter each opioid's daily dose"
            )
        self.form.mme.setText(text)
