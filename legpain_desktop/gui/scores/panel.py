"""The Scores tab (issue 16): each bedside score as a form that explains its items, updates as
you tick or type, and shows the category, the next step, the working and the source; the
result copies for the record and prints like the dosing sheet.

Signals:
    result_changed(object): the new ScoreResult, or None while the inputs are incomplete.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from legpain_desktop.core.model import DISCLAIMER
from legpain_desktop.core.scores import SCORES, ScoreInputError, ScoreResult, compute
from legpain_desktop.gui.theme import ui_colours


class ScoresPanel(QWidget):
    result_changed = Signal(object)
    copy_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Bedside scores"))
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Score"))
        for name, module in SCORES.items():
            self.choice.addItem(module.TITLE, name)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setAccessibleName(self.tr("Score items"))
        self.result_view = QTextBrowser()
        self.result_view.setAccessibleName(self.tr("Score result"))
        self.result_view.setOpenLinks(False)
        self.copy_button = QPushButton(self.tr("Copy for the record"))
        self.print_button = QPushButton(self.tr("Print…"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.choice)
        layout.addWidget(self.form_area, 3)
        layout.addWidget(self.result_view, 2)
        layout.addLayout(buttons)
        self.boxes: dict[str, QCheckBox] = {}
        self.fields: dict[str, QLineEdit] = {}
        self.error = QLabel("")
        self.result: ScoreResult | None = None
        self.choice.currentIndexChanged.connect(self._build_form)
        self.copy_button.clicked.connect(self.copy_requested)
        self.print_button.clicked.connect(self.print_requested)
        self._build_form()

    @property
    def name(self) -> str:
        return str(self.choice.currentData())

    def open_score(self, name: str, items: Iterable[str] = ()) -> None:
        """Show the score ``name`` with ``items`` ticked (from the symptom filter's findings)."""
        index = self.choice.findData(name)
        if index < 0:
            return
        self.choice.setCurrentIndex(index)
        self._build_form()
        for item in items:
            if item in self.boxes:
                self.boxes[item].setChecked(True)
        self.recompute()

    def _build_form(self) -> None:
        module = SCORES[self.name]
        inner = QWidget()
        form = QFormLayout(inner)
        self.boxes, self.fields = {}, {}
        for number in module.NUMBERS:
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("{0:g} to {1:g}").format(number.low, number.high))
            edit.setAccessibleName(self.tr("{0} in {1}").format(number.label, number.unit))
            edit.textChanged.connect(self.recompute)
            self.fields[number.id] = edit
            form.addRow(f"{number.label} ({number.unit})", edit)
        for item in module.ITEMS:
            box = QCheckBox(item.label + (f" ({item.points:+d})" if module.NAME == "wells-dvt" else ""))
            box.setToolTip(item.help or item.label)
            box.setAccessibleName(item.label)
            box.toggled.connect(self.recompute)
            self.boxes[item.id] = box
            form.addRow(box)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ui_colours().error_text};")
        form.addRow(self.error)
        source = QLabel(self.tr("<small>Source: {0}</small>").format(html.escape(module.SOURCE)))
        source.setWordWrap(True)
        form.addRow(source)
        self.form_area.setWidget(inner)
        self.recompute()

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, edit in self.fields.items():
            text = edit.text().strip().replace(",", ".")
            if not text:
                continue
            try:
                out[key] = float(text)
            except ValueError:
                out[key] = text  # the core names the field and its range
        return out

    def recompute(self) -> None:
        items = [i for i, box in self.boxes.items() if box.isChecked()]
        values = self.values()
        try:
            result = compute(self.name, items, values)
        except ScoreInputError as exc:
            blank = not values and bool(self.fields)
            self.error.setText("" if blank else str(exc))
            self.error.setAccessibleName(self.error.text() or self.tr("no problem"))
            self.result = None
            message = self.tr("Fill in the measured values to see the result.") if blank else html.escape(str(exc))
            self.result_view.setHtml(f"<p>{message}</p>")
            self.result_changed.emit(None)
            return
        self.error.setText("")
        self.result = result
        self.result_view.setHtml(result_html(result))
        self.result_changed.emit(result)

    def note_text(self) -> str:
        return result_text(self.result) if self.result is not None else ""


def result_html(result: ScoreResult) -> str:
    module = SCORES[result.score]
    points = f" ({result.points:g})" if result.points is not None else ""
    working = "".join(f"<li>{html.escape(line)}</li>" for line in result.working)
    next_step = QCoreApplication.translate("ScoresPanel", "Next step:")
    working_title = QCoreApplication.translate("ScoresPanel", "Working")
    source = QCoreApplication.translate("ScoresPanel", "Source: {0}").format(html.escape(result.source))
    return (
        f"<h3>{html.escape(module.TITLE)}: {html.escape(result.category)}{points}</h3>"
        f"<p><b>{next_step}</b> {html.escape(result.next_step)}</p>"
        f"<p><b>{working_title}</b></p><ul>{working}</ul>"
        f"<p><small>{source}</small></p>"
        f"<p><small>{html.escape(DISCLAIMER)}</small></p>"
    )


def result_text(result: ScoreResult) -> str:
    module = SCORES[result.score]
    points = f" ({result.points:g})" if result.points is not None else ""
    lines = [f"{module.TITLE}: {result.category}{points}", *(f"  {w}" for w in result.working)]
    lines += [
        QCoreApplication.translate("ScoresPanel", "Next step: {0}").format(result.next_step),
        QCoreApplication.translate("ScoresPanel", "Source: {0}").format(result.source),
        DISCLAIMER,
    ]
    return "\n".join(lines)
