"""The dose calculator's patient form (side panel): age, sex, weight, height, creatinine with
units, dialysis, liver, the drug and indication, the other medicines as chips.

Signals of ``PatientForm``:
    inputs_changed(): any field changed (the controller debounces and recomputes); the other
    medicines are chips (``gui/dosing/medicine_chips.py``), each opioid with its daily dose.

Nothing typed here is written to disk.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from legpain_desktop.core.dosing.patient import Problem
from legpain_desktop.gui.dosing.medicine_chips import ChipInfo, MedicineListField
from legpain_desktop.gui.dosing.problems import describe, field_label
from legpain_desktop.gui.theme import ui_colours


def error_style() -> str:
    return f"QLineEdit {{ border: 2px solid {ui_colours().error_border}; }}"


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
        self.setAccessibleName(self.tr("Patient for dosing"))
        self.drug = QComboBox()
        self.drug.setAccessibleName(self.tr("Drug"))
        for drug_id, title in drugs:
            self.drug.addItem(title, drug_id)
        self.indication = QComboBox()
        self.indication.setAccessibleName(self.tr("Indication"))
        self.indication_note = QLabel("")
        self.indication_note.setWordWrap(True)
        self.indication_note.setVisible(False)
        self.age_edit = self._line(self.tr("Age in years, 18 to 120"))
        self.sex = QComboBox()
        # No preset: a default of "female" was silently used for men (issue 17). Cockcroft-Gault
        # and CKD-EPI need the sex, so the result waits until it is chosen.
        self.sex.addItem(self.tr("choose…"), "")
        # The value passed on is the code ("female"/"male"), never the shown, translatable word.
        self.sex.addItem(self.tr("female"), "female")
        self.sex.addItem(self.tr("male"), "male")
        self.sex.setAccessibleName(self.tr("Sex"))
        self.weight_edit = self._line(self.tr("Weight"))
        self.weight_unit = self._units(["kg", "lb"], self.tr("Weight unit"))
        self.height_edit = self._line(self.tr("Height"))
        self.height_unit = self._units(["cm", "in"], self.tr("Height unit"))
        self.scr_edit = self._line(self.tr("Serum creatinine"))
        self.scr_unit = self._units(["mg/dL", "umol/L"], self.tr("Creatinine unit"))
        self.scr_unit.setItemText(1, "µmol/L")
        self.scr_unit.setItemData(1, "umol/L")
        self.scr_unit.setItemData(0, "mg/dL")
        self.dialysis = QComboBox()
        self.dialysis.setAccessibleName(self.tr("Dialysis"))
        for label, value in (
            (self.tr("No dialysis"), "none"),
            (self.tr("Haemodialysis"), "hd"),
            (self.tr("Peritoneal dialysis"), "pd"),
        ):
            self.dialysis.addItem(label, value)
        self.weight_basis = QComboBox()
        self.weight_basis.setAccessibleName(self.tr("Weight for Cockcroft-Gault"))
        for label, value in (
            (self.tr("Actual weight"), "actual"),
            (self.tr("Ideal weight"), "ideal"),
            (self.tr("Adjusted weight"), "adjusted"),
        ):
            self.weight_basis.addItem(label, value)
        self.heart_failure = QCheckBox(self.tr("Heart failure"))
        self.pregnant = QCheckBox(self.tr("Pregnant"))
        self.breastfeeding = QCheckBox(self.tr("Breastfeeding"))
        self.unstable_kidney = QCheckBox(self.tr("Kidney function changing (AKI)"))
        self.unstable_kidney.setToolTip(
            self.tr("Acute kidney injury or a creatinine that is still changing: Cockcroft-Gault is then not valid.")
        )
        self.child_pugh = QComboBox()
        self.child_pugh.setAccessibleName(self.tr("Liver: Child-Pugh class"))
        for label, value in (
            (self.tr("Liver normal"), ""),
            (self.tr("Child-Pugh A"), "A"),
            (self.tr("Child-Pugh B"), "B"),
            (self.tr("Child-Pugh C"), "C"),
        ):
            self.child_pugh.addItem(label, value)
        self.medicines = MedicineListField(other_drug_names, describe or (lambda text: ChipInfo(text, True)))
        self.other_drugs = self.medicines.edit  # the name box; text typed and not yet added counts too
        self.mme = QLabel("")
        self.mme.setWordWrap(True)
        self.mme.setVisible(False)
        self.mme.setAccessibleName(self.tr("Opioid morphine-equivalent total"))
        for combo in (self.drug, self.indication):  # long names must not widen the side panel:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)  # the list drops down at full width; the tooltip has the name
            combo.currentTextChanged.connect(combo.setToolTip)

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow(self.tr("Drug"), self.drug)
        form.addRow(self.tr("Indication"), self.indication)
        form.addRow("", self.indication_note)
        form.addRow(self.tr("Age (years)"), self._with_error("age", self.age_edit))
        form.addRow(self.tr("Sex"), self.sex)
        form.addRow(self.tr("Weight"), self._with_error("weight", self.weight_edit, self.weight_unit))
        form.addRow(self.tr("Height"), self._with_error("height", self.height_edit, self.height_unit))
        form.addRow(self.tr("Creatinine"), self._with_error("scr", self.scr_edit, self.scr_unit))
        form.addRow(self.tr("Dialysis"), self.dialysis)
        form.addRow(self.tr("CrCl weight"), self.weight_basis)
        form.addRow("", self.heart_failure)
        form.addRow("", self.unstable_kidney)
        form.addRow("", self.pregnant)
        form.addRow("", self.breastfeeding)
        form.addRow(self.tr("Liver"), self.child_pugh)
        form.addRow(self.tr("Other drugs"), self._with_error("other_drug", self.medicines))
        form.addRow("", self.mme)
        self.kidney = QLabel(self.tr("Enter age, sex, weight, height and creatinine."))
        self.kidney.setWordWrap(True)
        self.kidney.setAccessibleName(self.tr("Kidney function"))
        self.kidney.setTextFormat(Qt.TextFormat.RichText)
        note = QLabel(self.tr("Nothing entered here is saved. Results show their rule and source; check the label."))
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

    def _no_problem(self, field: str) -> str:
        """The name of a field's empty error line (``field`` is the core's code for the field)."""
        return self.tr("{0}: no problem").format(field_label(field))

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
        err.setAccessibleName(self._no_problem(field))
        v.addWidget(err)
        self.errors[field] = err
        return box

    def raw(self) -> dict[str, object]:
        others = self.medicines.entries()
        return {
            "age": self.age_edit.text(),
            "sex": self.sex.currentData() or "",
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
            "sex": self.sex.currentData() or "",
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
            self.sex.setCurrentIndex(self.sex.findData(data["sex"]))
        self.heart_failure.setChecked(data.get("heart_failure") is True)
        self.pregnant.setChecked(data.get("pregnant") is True)
        self.breastfeeding.setChecked(data.get("breastfeeding") is True)
        self.unstable_kidney.setChecked(data.get("unstable_kidney_function") is True)

    def show_errors(self, problems: Mapping[str, Problem]) -> None:
        """Explain each problem in place, in the user's language; fields left empty are not yet errors."""
        field_widgets = {"age": self.age_edit, "weight": self.weight_edit, "height": self.height_edit,
                         "scr": self.scr_edit, "other_drug": self.other_drugs}  # fmt: skip
        for field, label in self.errors.items():
            problem = problems.get(field)
            message = describe(problem) if problem is not None else ""
            widget = field_widgets[field]
            if message and not widget.text().strip():
                message = ""  # an empty field is just not filled in yet
            label.setText(message)
            label.setAccessibleName(message or self._no_problem(field))  # read out as the message itself
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
                self.tr("Indication changed to “{0}” (was “{1}”): check it.").format(
                    self.indication.currentText(), previous_label
                )
            )
        self.indication_note.setVisible(changed)

    def select_drug(self, drug_id: str) -> bool:
        index = self.drug.findData(drug_id)
        if index >= 0:
            self.drug.setCurrentIndex(index)
        return index >= 0
