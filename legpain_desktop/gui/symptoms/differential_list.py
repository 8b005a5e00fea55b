"""The ranked list of causes: its model, and the delegate that paints each cause with its
urgency, match bar and the findings it explains (must-not-miss causes carry a red edge)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from legpain_desktop.core.differential import CauseResult
from legpain_desktop.gui.theme import ui_colours

RESULT_ROLE = Qt.ItemDataRole.UserRole + 12
AnyIndex = QModelIndex | QPersistentModelIndex


def urgency_word(urgency: str) -> str:
    """The word that marks an urgent cause ("" for a routine one)."""
    if urgency == "emergency":
        return QCoreApplication.translate("DifferentialModel", "EMERGENCY")
    if urgency == "urgent":
        return QCoreApplication.translate("DifferentialModel", "URGENT")
    return ""


def urgency_colour(urgency: str) -> QColor:
    """The theme's colour for an urgency (tags, bars, the must-not-miss edge)."""
    ui = ui_colours()
    return QColor({"emergency": ui.emergency, "urgent": ui.urgent}.get(urgency, ui.routine))


class DifferentialModel(QAbstractListModel):
    def __init__(self, labels: Mapping[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self._results: list[CauseResult] = []
        self._labels = labels
        self._top = 1

    def set_results(self, results: Sequence[CauseResult]) -> None:
        self.beginResetModel()
        self._results = list(results)
        self._top = max([r.match for r in results] + [1])
        self.endResetModel()

    def result(self, row: int) -> CauseResult:
        return self._results[row]

    @property
    def top_score(self) -> int:
        return self._top

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._results)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        r = self._results[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return r.title
        if role == RESULT_ROLE:
            return r
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            urgency = urgency_word(r.urgency)
            lacking = ", ".join(self._labels.get(f, f) for f in r.missing_characteristic if f not in r.absent)
            text = f"{r.title}. {urgency} {r.why(self._labels)}."
            if r.pinned:
                text = self.tr("Must not miss, pinned. {0}").format(text)
            if lacking:
                text += " " + self.tr("Characteristic, not yet asked: {0}.").format(lacking)
            return text
        return None


class DifferentialDelegate(QStyledItemDelegate):
    """Urgency icon and word, pin mark, title, a score bar and the explained findings as chips."""

    def __init__(self, labels: Mapping[str, str], model: DifferentialModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._labels = labels
        self._model = model

    def _chip_width(self, rect_width: int) -> int:
        """One width for measuring and painting, so rows never overlap (the view's viewport)."""
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else rect_width
        return max(width, 200) - 16

    @staticmethod
    def urgency_tag(r: CauseResult) -> str:
        word = urgency_word(r.urgency)
        if not word:
            return ""
        icon = "⚠" if r.urgency == "emergency" else "!"
        if r.pinned:
            return QCoreApplication.translate("DifferentialModel", "{0} {1} · PINNED, must not miss").format(icon, word)
        return f"{icon} {word}"

    def _chip_rows(self, r: CauseResult, width: int, fm: QFontMetrics, fm_font: QFont) -> list[list[tuple[str, int]]]:
        rows: list[list[tuple[str, int]]] = [[]]
        x = 0
        tag = self.urgency_tag(r)
        for fid in ([None] if tag else []) + list(r.matched):
            text = tag if fid is None else self._labels.get(fid, fid)
            w = fm.horizontalAdvance(text) + 12
            if fid is None:  # the urgency tag is drawn bold
                bold = QFont(fm_font)
                bold.setBold(True)
                w = QFontMetrics(bold).horizontalAdvance(text) + 12
            if x + w > width and rows[-1]:
                rows.append([])
                x = 0
            rows[-1].append((text, w))
            x += w + 4
        return rows if rows[0] else []

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        r: CauseResult = index.data(RESULT_ROLE)
        fm = QFontMetrics(option.font)
        small = QFont(option.font)
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        sfm = QFontMetrics(small)
        width = self._chip_width(option.rect.width())
        chips = len(self._chip_rows(r, width, sfm, small)) if r else 0
        return QSize(width, fm.height() + 10 + 8 + chips * (sfm.height() + 6) + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        r: CauseResult = index.data(RESULT_ROLE)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ui = ui_colours()
        text_colour = QColor(ui.selection_text) if selected else palette.color(QPalette.ColorRole.Text)
        if selected:  # the theme's own selection pair: Highlight.lighter() was 1.2:1 in dark mode
            painter.fillRect(rect, QColor(ui.selection_bg))
        if r.pinned:
            painter.fillRect(QRect(rect.left(), rect.top(), 5, rect.height()), urgency_colour("emergency"))
        font = QFont(option.font)
        fm = QFontMetrics(font)
        x = rect.left() + 10
        y = rect.top() + 4
        color = urgency_colour(r.urgency)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        title_width = rect.right() - x - 90  # the score bar sits to the right
        title = QFontMetrics(bold).elidedText(r.title, Qt.TextElideMode.ElideRight, title_width)  # "…" if cut
        painter.drawText(QRect(x, y, title_width, fm.height()), int(Qt.AlignmentFlag.AlignLeft), title)
        # score bar
        bar_w = 70
        bar = QRect(rect.right() - bar_w - 10, y + 3, bar_w, fm.height() - 6)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        frac = max(0.0, min(1.0, r.match / 100))  # the match itself, not relative to the leader
        painter.fillRect(QRect(bar.left() + 1, bar.top() + 1, int((bar_w - 1) * frac), bar.height() - 1), color)
        # chips
        small = QFont(font)
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        sfm = QFontMetrics(small)
        bold_small = QFont(small)
        bold_small.setBold(True)
        tag = self.urgency_tag(r)
        painter.setFont(small)
        cy = y + fm.height() + 8
        for row in self._chip_rows(r, self._chip_width(rect.width()), sfm, small):
            cx = rect.left() + 10
            for text, w in row:
                chip = QRect(cx, cy, w, sfm.height() + 2)
                is_tag = text == tag and bool(tag)
                painter.setPen(color if is_tag else palette.color(QPalette.ColorRole.Mid))
                painter.setBrush(color if is_tag else palette.color(QPalette.ColorRole.AlternateBase))
                painter.drawRoundedRect(chip, 7, 7)
                painter.setPen(QColor(ui.tag_text) if is_tag else palette.color(QPalette.ColorRole.Text))
                painter.setFont(bold_small if is_tag else small)
                painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
                cx += w + 4
            cy += sfm.height() + 6
        painter.setPen(palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()
