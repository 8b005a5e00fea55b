"""The patient's other medicines: a field that completes names from the vocabulary, and a chip per
medicine that can be removed by mouse or keyboard. An opioid's chip has a small daily-dose box
(mg a day, or micrograms an hour for a patch) for the morphine-equivalent total.

``MedicineListField`` signals:
    changed(): a medicine was added or removed, or a dose changed (the form recomputes).

The field only shows: what an entry is (recognised, an opioid, its unit) comes from the core
through the ``describe`` callable the form is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legpain_desktop.core.render import DARK, LIGHT

UNIT_LABELS = {"mg/day": "mg/day", "mcg/h": "mcg/h"}  # unit symbols, shown as they are in every language


@dataclass(frozen=True)
class ChipInfo:
    """What the core says about one typed entry."""

    label: str  # what the chip shows: the name for an opioid (its dose goes in the box), else the text
    checked: bool  # recognised, so checked for interactions
    hint: str = ""  # for an entry not recognised: why, and "did you mean"
    dose_unit: str | None = None  # for an opioid with a conversion factor: the unit its daily dose is in
    daily_amount: float | None = None  # read from the typed text, when it gave one in that unit


def _warning_colour(widget: QWidget) -> str:
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return (DARK if dark else LIGHT).warning_border


class MedicineChip(QFrame):
    """One medicine. Delete or Backspace on the chip (or its × button) asks to remove it."""

    remove_requested = Signal(object)
    dose_changed = Signal()

    def __init__(self, text: str, info: ChipInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = text
        self.info = info
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("medicineChip")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 2, 2)
        row.setSpacing(4)
        mark = "" if info.checked else "⚠ "
        self.label = QLabel(mark + info.label)
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.dose: QLineEdit | None = None
        if info.dose_unit is not None:
            self.dose = QLineEdit(f"{info.daily_amount:g}" if info.daily_amount is not None else "")
            self.dose.setValidator(QDoubleValidator(0.0, 100000.0, 2, self.dose))
            self.dose.setPlaceholderText(self.tr("dose?"))
            self.dose.setMaximumWidth(self.dose.fontMetrics().horizontalAdvance("000000") + 16)
            words = self.unit_words(info.dose_unit)
            self.dose.setAccessibleName(self.tr("Daily dose of {0} in {1}").format(info.label, words))
            self.dose.setToolTip(
                self.tr(
                    "Total a day in {0}, for the morphine-equivalent total; "
                    "left empty, the total is shown as incomplete"
                ).format(words)
            )
            self.dose.textChanged.connect(self.dose_changed)
            row.addWidget(self.dose)
            row.addWidget(QLabel(UNIT_LABELS[info.dose_unit]))
        self.remove_button = QPushButton("×")
        self.remove_button.setFlat(True)
        self.remove_button.setFixedWidth(self.remove_button.fontMetrics().horizontalAdvance("×") + 18)
        self.remove_button.setAccessibleName(self.tr("Remove {0}").format(info.label))
        self.remove_button.setToolTip(self.tr("Remove {0} (or press Delete on the chip)").format(info.label))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        row.addWidget(self.remove_button)
        border = "palette(mid)" if info.checked else _warning_colour(self)
        width = 1 if info.checked else 2
        self.setStyleSheet(
            f"QFrame#medicineChip {{ border: {width}px solid {border}; border-radius: 10px; }}"
            "QFrame#medicineChip:focus { border: 2px solid palette(highlight); }"
        )
        if info.hint:
            self.setToolTip(info.hint)
        self._describe()
        if self.dose is not None:
            self.dose.textChanged.connect(self._describe)

    def _describe(self) -> None:
        parts = [self.info.label]
        if self.dose is not None and self.info.dose_unit is not None:
            amount = self.dose.text().strip()
            words = self.unit_words(self.info.dose_unit)
            parts.append(f"{amount} {words}" if amount else self.tr("daily dose not entered"))
        if not self.info.checked:
            parts.append(self.tr("not checked for interactions"))
        self.setAccessibleName(", ".join(parts))
        self.setAccessibleDescription(self.info.hint or self.tr("Press Delete to remove this medicine."))

    def unit_words(self, unit: str) -> str:
        """A dose unit in words, for the screen reader and the tooltip."""
        return {"mg/day": self.tr("milligrams a day"), "mcg/h": self.tr("micrograms an hour")}[unit]

    def entry_text(self) -> str:
        """The medicine as the core reads it: ``oxycodone 40 mg/day`` when a dose is entered."""
        if self.dose is None or self.info.dose_unit is None:
            return self.text
        amount = self.dose.text().strip().replace(",", ".")
        return f"{self.info.label} {amount} {self.info.dose_unit}" if amount else self.info.label

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit(self)
            return
        super().keyPressEvent(event)


class MedicineListField(QWidget):
    """A name box with completion from the vocabulary (names, brands, synonyms) above the chips.

    Enter, a comma or choosing a completion turns the typed text into a chip; text still in the
    box counts too, so nothing typed is ignored."""

    changed = Signal()

    def __init__(self, names: Sequence[str], describe: Callable[[str], ChipInfo], parent: Any = None) -> None:
        super().__init__(parent)
        self.describe = describe
        self.chips: list[MedicineChip] = []
        self.edit = QLineEdit()
        self.edit.setAccessibleName(self.tr("Other drugs: type a name, then Enter"))
        self.edit.setPlaceholderText(self.tr("Other drugs: name, then Enter"))
        self.edit.setToolTip(
            self.tr(
                "Generic or brand name; an opioid's daily dose can follow (oxycodone 40 mg/day). "
                "Enter or a comma adds it to the list."
            )
        )
        self.completer = QCompleter(list(names), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(self.completer)
        self.chip_box = QVBoxLayout()
        self.chip_box.setContentsMargins(0, 0, 0, 0)
        self.chip_box.setSpacing(2)
        self.warning = QLabel("")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        self.warning.setAccessibleName(self.tr("Medicines not checked"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addLayout(self.chip_box)
        layout.addWidget(self.warning)
        self.edit.returnPressed.connect(self.commit)
        self.edit.textEdited.connect(self._on_edited)
        self.completer.activated.connect(self._on_completed)

    def _on_completed(self, _text: str) -> None:
        # the completer sets the box's text after this signal; commit once it has
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self.commit)

    def _on_edited(self, text: str) -> None:
        if "," in text:
            *done, rest = text.split(",")
            for part in done:
                self.add(part)
            self.edit.setText(rest.lstrip())

    def commit(self) -> None:
        """Turn what is typed into chips."""
        text = self.edit.text()
        self.edit.clear()
        for part in text.split(","):
            self.add(part)

    def add(self, text: str) -> MedicineChip | None:
        text = " ".join(text.split())
        if not text:
            return None
        chip = MedicineChip(text, self.describe(text))
        chip.remove_requested.connect(self.remove)
        chip.dose_changed.connect(self.changed)
        self.chips.append(chip)
        self.chip_box.addWidget(chip)
        chip.show()  # at once (a layout shows a new child only on the next event loop turn)
        self._update_warning()
        self.changed.emit()
        return chip

    def remove(self, chip: MedicineChip) -> None:
        if chip not in self.chips:
            return
        index = self.chips.index(chip)
        self.chips.remove(chip)
        self.chip_box.removeWidget(chip)
        chip.hide()  # before moving the focus, or Qt moves it on from the hidden chip itself
        chip.deleteLater()
        # keep the keyboard where the user was: the next chip, else the name box
        (self.chips[min(index, len(self.chips) - 1)] if self.chips else self.edit).setFocus()
        self._update_warning()
        self.changed.emit()

    def pending(self) -> tuple[str, ...]:
        return tuple(x.strip() for x in self.edit.text().split(",") if x.strip())

    def entries(self) -> tuple[str, ...]:
        """Every medicine, as the core reads them (the chips, then any text not yet added)."""
        return tuple(c.entry_text() for c in self.chips) + self.pending()

    def set_entries(self, texts: Sequence[str]) -> None:
        for chip in list(self.chips):
            self.chips.remove(chip)
            self.chip_box.removeWidget(chip)
            chip.deleteLater()
        self.edit.clear()
        for text in texts:
            self.add(text)
        self._update_warning()
        self.changed.emit()

    def _update_warning(self) -> None:
        unchecked = [c for c in self.chips if not c.info.checked]
        self.warning.setText("⚠ " + " ".join(c.info.hint for c in unchecked) if unchecked else "")
        self.warning.setStyleSheet(f"color: {_warning_colour(self)};")
        self.warning.setVisible(bool(unchecked))
