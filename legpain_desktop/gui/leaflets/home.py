"""The leaflet bar above a patient leaflet (issue 20): the clinic's name (a setting), a line for the
clinician's own instructions (typed for this patient and never saved), large type, and Print and
Save as PDF for the leaflet with them.

The bar is built the first time a leaflet is shown and hidden on every other page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

    from legpain_desktop.core.db.repository import MonographRecord
    from legpain_desktop.gui.printing import PrintJob


class LeafletHome(QObject):
    """Signals: print_requested(), pdf_requested(): the bar's own buttons."""

    print_requested = Signal()
    pdf_requested = Signal()

    def __init__(self, settings: Settings, place_bar: Callable[[QWidget], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._place_bar = place_bar
        self._bar: QWidget | None = None
        self.clinic: QLineEdit | None = None
        self.instructions: QPlainTextEdit | None = None
        self.large_type: QCheckBox | None = None

    @property
    def bar(self) -> QWidget:
        if self._bar is None:
            from PySide6.QtWidgets import (
                QCheckBox,
                QFormLayout,
                QFrame,
                QHBoxLayout,
                QLineEdit,
                QPlainTextEdit,
                QPushButton,
            )

            bar = QFrame()
            bar.setObjectName("leaflet-bar")
            bar.setAccessibleName(self.tr("Print this leaflet for the patient"))
            form = QFormLayout(bar)
            self.clinic = QLineEdit(self.settings.get(keys.CLINIC_NAME))
            self.clinic.setMaxLength(120)
            self.clinic.setPlaceholderText(self.tr("Your clinic's name, printed under the title"))
            self.clinic.setAccessibleName(self.tr("Clinic name"))
            self.clinic.editingFinished.connect(self._keep_clinic)
            self.instructions = QPlainTextEdit()
            self.instructions.setPlaceholderText(self.tr("Your instructions for this patient (printed, never saved)"))
            self.instructions.setAccessibleName(self.tr("Your instructions for this patient"))
            self.instructions.setFixedHeight(self.instructions.fontMetrics().lineSpacing() * 3 + 12)
            self.large_type = QCheckBox(self.tr("Large type"))
            self.large_type.setChecked(self.settings.get(keys.LEAFLET_LARGE_TYPE))
            self.large_type.toggled.connect(lambda on: self.settings.set(keys.LEAFLET_LARGE_TYPE, on))
            buttons = QHBoxLayout()
            print_button = QPushButton(self.tr("Print leaflet…"))
            pdf_button = QPushButton(self.tr("Save leaflet as PDF…"))
            print_button.clicked.connect(self.print_requested)
            pdf_button.clicked.connect(self.pdf_requested)
            buttons.addWidget(self.large_type)
            buttons.addStretch(1)
            buttons.addWidget(print_button)
            buttons.addWidget(pdf_button)
            form.addRow(self.tr("Clinic"), self.clinic)
            form.addRow(self.tr("Instructions"), self.instructions)
            form.addRow(buttons)
            # the bar keeps the height it needs; the page below takes the rest (at 1366x768 the bar
            # grew with the window and left the leaflet a third of the height: seen in a screenshot)
            bar.setMaximumHeight(bar.sizeHint().height())
            self._bar = bar
            self._place_bar(bar)
        return self._bar

    def _keep_clinic(self) -> None:
        if self.clinic is not None:
            self.settings.set(keys.CLINIC_NAME, self.clinic.text().strip()[:120])

    def show_for(self, record: MonographRecord) -> None:
        """A page was shown: the bar shows above a leaflet, and the instructions start empty for
        each leaflet opened (they belong to one patient)."""
        if record.kind == "leaflet":
            self.bar.setVisible(True)
            if self.instructions is not None:
                self.instructions.clear()
        elif self._bar is not None:
            self._bar.setVisible(False)

    def job(self, record: MonographRecord, content_version: str) -> PrintJob:
        """The leaflet to print, with the clinic, the instructions and the type size now in the bar."""
        from legpain_desktop.gui.printing import PrintJob

        self.bar  # noqa: B018 - the fields exist from here on
        assert self.clinic is not None and self.instructions is not None and self.large_type is not None
        self._keep_clinic()
        return PrintJob(
            record.title,
            record.html,
            content_version,
            for_patient=True,
            clinic=self.clinic.text().strip(),
            instructions=self.instructions.toPlainText().strip(),
            large_type=self.large_type.isChecked(),
        )
