"""The Study tab's widgets (issue 19): filters, the card, the four ratings and the progress.

Widgets only show; :class:`legpain_desktop.gui.study.home.StudyHome` owns the state. Keyboard:
Space shows the answer, 1 Again, 2 Hard, 3 Good, 4 Easy (only once the answer shows).

Signals of ``StudyPanel``:
    filters_changed(): a filter or the new-cards-a-day setting changed.
    reveal_requested(): Show answer (Space).
    rated(int): a rating, 1 to 4.
    source_requested(): open the card's source section.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class WeakRegionsChart(QWidget):
    """A small bar chart: for each region, the share of the last 30 days' ratings that were Again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float]] = []
        self.setMinimumHeight(20)
        self.setAccessibleName(self.tr("Weak regions"))

    def set_rows(self, rows: Sequence[tuple[str, float]]) -> None:
        self.rows = list(rows)[:5]
        self.setMinimumHeight(18 * max(1, len(self.rows)) + 4)
        described = "; ".join(self.tr("{0}: {1}% forgotten").format(r, round(s * 100)) for r, s in self.rows)
        self.setAccessibleDescription(described or self.tr("No region forgotten yet"))
        self.update()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        label_width = 110
        for i, (region, share) in enumerate(self.rows):
            y = 2 + i * 18
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                0, y, label_width - 6, 16, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), region
            )
            width = int((self.width() - label_width - 40) * share)
            painter.fillRect(label_width, y + 3, max(width, 2), 10, self.palette().highlight())
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                label_width + width + 4, y, 40, 16, int(Qt.AlignmentFlag.AlignVCenter), f"{round(share * 100)}%"
            )
        if not self.rows:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft), self.tr("No region forgotten yet"))
        painter.end()


class StudyPanel(QWidget):
    filters_changed = Signal()
    reveal_requested = Signal()
    rated = Signal(int)
    source_requested = Signal()

    def __init__(self, regions: Sequence[str], kinds: Sequence[tuple[str, str]], new_per_day: int) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Study"))
        self.region = QComboBox()
        self.region.setAccessibleName(self.tr("Region"))
        self.region.addItem(self.tr("All regions"), "")
        for region in regions:
            self.region.addItem(region, region)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Card kind"))
        self.kind.addItem(self.tr("All kinds"), "")
        for value, label in kinds:
            self.kind.addItem(label, value)
        self.bookmarked = QCheckBox(self.tr("Only my bookmarked monographs"))
        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(0, 500)
        self.new_per_day.setValue(new_per_day)
        self.new_per_day.setAccessibleName(self.tr("New cards a day"))
        form = QFormLayout()
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow("", self.bookmarked)
        form.addRow(self.tr("New cards a day"), self.new_per_day)

        self.counts = QLabel("")
        self.front = QLabel("")
        self.front.setWordWrap(True)
        self.front.setTextFormat(Qt.TextFormat.PlainText)
        self.front.setAccessibleName(self.tr("Question"))
        self.front.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader reads it on focus
        bold = self.front.font()
        bold.setBold(True)
        self.front.setFont(bold)
        self.back = QLabel("")
        self.back.setWordWrap(True)
        self.back.setTextFormat(Qt.TextFormat.PlainText)
        self.back.setAccessibleName(self.tr("Answer"))
        self.back.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # read out when it appears (focus moves to it)
        self.back.setVisible(False)
        self.source = QPushButton(self.tr("Open the source section"))
        self.reveal = QPushButton(self.tr("Show answer (Space)"))
        self.buttons = {
            1: QPushButton(self.tr("1 Again")),
            2: QPushButton(self.tr("2 Hard")),
            3: QPushButton(self.tr("3 Good")),
            4: QPushButton(self.tr("4 Easy")),
        }
        ratings = QHBoxLayout()
        for rating, button in self.buttons.items():
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, r=rating: self.rated.emit(r))
            ratings.addWidget(button)
        self.progress = QLabel("")
        self.progress.setWordWrap(True)
        self.note = QLabel(
            self.tr("Cards are drawn from this reference's pages; read the source before acting on one.")
        )
        self.note.setWordWrap(True)
        self.chart = WeakRegionsChart()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.counts)
        layout.addWidget(self.front)
        layout.addWidget(self.reveal)
        layout.addWidget(self.back)
        layout.addLayout(ratings)
        layout.addWidget(self.source)
        layout.addWidget(self.progress)
        layout.addWidget(self.chart)
        layout.addWidget(self.note)
        layout.addStretch(1)

        for combo in (self.region, self.kind):
            combo.currentIndexChanged.connect(self.filters_changed)
        self.bookmarked.toggled.connect(self.filters_changed)
        self.new_per_day.valueChanged.connect(self.filters_changed)
        self.reveal.clicked.connect(self.reveal_requested)
        self.source.clicked.connect(self.source_requested)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space shows the answer; 1 to 4 rate once it shows (keys a focused field does not use)."""
        ratings = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Space and self.reveal.isEnabled():
            self.reveal_requested.emit()
        elif key in ratings and self.buttons[ratings[key]].isEnabled():
            self.rated.emit(ratings[key])
        else:
            super().keyPressEvent(event)

    def show_card(self, front: str, source_title: str, remaining: int) -> None:
        self.counts.setText(self.tr("{0} card(s) to study now").format(remaining))
        self.front.setText(front)
        self.back.setText("")
        self.back.setVisible(False)
        self.reveal.setEnabled(True)
        self.source.setEnabled(True)
        self.source.setToolTip(self.tr("Open {0}").format(source_title))
        for button in self.buttons.values():
            button.setEnabled(False)
        self.front.setFocus()

    def show_answer(self, back: str, due_hints: dict[int, str]) -> None:
        self.back.setText(back)
        self.back.setVisible(True)
        self.back.setFocus()  # a screen reader reads the answer; 1 to 4 still rate from here
        self.reveal.setEnabled(False)
        for rating, button in self.buttons.items():
            button.setEnabled(True)
            if rating in due_hints:
                button.setToolTip(due_hints[rating])

    def show_done(self, message: str) -> None:
        self.counts.setText(message)
        self.front.setText("")
        self.back.setVisible(False)
        self.reveal.setEnabled(False)
        self.source.setEnabled(False)
        for button in self.buttons.values():
            button.setEnabled(False)

    def show_progress(self, text: str, weak: Sequence[tuple[str, float]]) -> None:
        self.progress.setText(text)
        self.chart.set_rows(weak)
