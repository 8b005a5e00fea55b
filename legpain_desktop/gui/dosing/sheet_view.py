"""The dosing sheet (main area): the result with its rule, working and source, the every-drug
table for the patient entered, and the regimen check.

Signals of ``DosingView``:
    monograph_requested(str): open a drug's monograph.
    regimen_changed(): the regimen-check fields changed.
    print_requested(), pdf_requested(), copy_requested(): its own buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import (
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
from legpain_desktop.core.dosing.vocabulary import format_daily_range
from legpain_desktop.core.model import leaflet_id
from legpain_desktop.gui.theme import ui_colours

AnyIndex = QModelIndex | QPersistentModelIndex


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
    cap: str = ""  # the liver, weight, age or interaction rule that lowered the maximum, if one did


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
            rule = r.band.label if r.band else ""
            if r.binding_cap:  # the row alone would read as the whole rule (pass 8 follow-up)
                rule = self.tr("{0}; maximum lowered (see the sheet)").format(rule) if rule else r.binding_cap
            self.rows.append(
                Row(drug.drug_id, drug.title, dose, rule, f"{len(worst)} serious", top, r.binding_cap or "")
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
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2 and row.cap:
            return self.tr("Maximum lowered by: {0}").format(row.cap)
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
        self.setAccessibleName(self.tr("Dosing sheet"))
        self.sheet = SheetBrowser()
        self.sheet.setAccessibleName(self.tr("Dose result and working"))
        self.sheet.setOpenLinks(False)
        self.regimen_dose = QLineEdit()
        self.regimen_dose.setPlaceholderText(self.tr("mg per dose"))
        self.regimen_dose.setAccessibleName(self.tr("Regimen check: mg per dose"))
        self.regimen_times = QLineEdit()
        self.regimen_times.setPlaceholderText(self.tr("doses a day"))
        self.regimen_times.setAccessibleName(self.tr("Regimen check: doses a day"))
        for edit in (self.regimen_dose, self.regimen_times):  # wide enough to read the placeholder
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 24)
        self.regimen_error = QLabel("")
        self.regimen_error.setStyleSheet(f"color: {ui_colours().error_text};")
        self.open_button = QPushButton(self.tr("Open drug monograph"))
        self.leaflet_button = QPushButton(self.tr("Patient leaflet"))  # issue 20: the leaflet of the drug in view
        self.leaflet_button.setToolTip(self.tr("Open the patient leaflet for this drug, to print for the patient"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.copy_button = QPushButton(self.tr("Copy for the record"))
        self.copy_button.setToolTip(self.tr("Copy the result, rule, flags, working and inputs as plain text"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Check a regimen:")))
        top.addWidget(self.regimen_dose)
        top.addWidget(QLabel("×"))
        top.addWidget(self.regimen_times)
        top.addWidget(self.regimen_error, 1)
        actions = QHBoxLayout()  # a row of its own, so the panel stays narrow on small screens
        actions.addStretch(1)
        for button in (self.open_button, self.leaflet_button, self.print_button, self.pdf_button, self.copy_button):
            actions.addWidget(button)
        self.table_model = AllDrugsModel(self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setAccessibleName(self.tr("Every drug for this patient"))
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
        self.leaflet_button.clicked.connect(self._open_leaflet)
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)
        self.copy_button.clicked.connect(self.copy_requested)
        self.table.doubleClicked.connect(self._open_row)

    def _open_current(self) -> None:
        if self.current_drug:
            self.monograph_requested.emit(self.current_drug)

    def _open_leaflet(self) -> None:
        if self.current_drug:
            self.monograph_requested.emit(leaflet_id(self.current_drug))

    def _open_row(self, index: QModelIndex) -> None:
        self.monograph_requested.emit(self.table_model.rows[index.row()].drug_id)
