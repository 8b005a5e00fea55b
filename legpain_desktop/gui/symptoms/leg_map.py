"""A clickable posterior view of both legs; each region toggles its ``region.*`` finding.

Signals:
    finding_toggled(str): the user clicked (or pressed Space/Enter on) a region.

Keyboard: Tab focuses the map; arrow keys move between regions; Space or Enter toggles.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from legpain_desktop.core.legmap import LegMap
from legpain_desktop.gui.theme import ui_colours


class LegMapWidget(QWidget):
    finding_toggled = Signal(str)

    def __init__(self, leg_map: LegMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.leg_map = leg_map
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(100, 100)  # small screens give the ranked list the room (issue 17)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Leg map, back of both legs"))
        self._selected: set[str] = set()
        self._counts: dict[str, int] = {}
        self._hover: str | None = None
        self._order = leg_map.findings()
        self._focus_index = 0
        self._update_description()

    # ------------------------------------------------------------------ state

    def set_selected(self, findings: Iterable[str]) -> None:
        self._selected = {f for f in findings if f in self._order}
        self._update_description()
        self.update()

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = counts

    def selected(self) -> set[str]:
        return set(self._selected)

    def focused_finding(self) -> str:
        return self._order[self._focus_index]

    def _update_description(self) -> None:
        focused = self._order[self._focus_index] if self._order else ""
        state = self.tr("selected") if focused in self._selected else self.tr("not selected")
        chosen = ", ".join(self.leg_map.label_of(f) for f in self._order if f in self._selected) or self.tr("none")
        label = self.leg_map.label_of(focused) if focused else ""
        self.setAccessibleDescription(
            self.tr("Focused region: {0}, {1}. Selected regions: {2}.").format(label, state, chosen)
        )

    # ------------------------------------------------------------------ geometry

    def _transform(self) -> QTransform:
        w, h = self.leg_map.width, self.leg_map.height
        top = self._caption_height()
        scale = min(self.width() / w, max(self.height() - top, 1) / h)
        dx = (self.width() - w * scale) / 2
        dy = top + (self.height() - top - h * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def _caption_height(self) -> int:
        return self.fontMetrics().height() + 4

    def _polygons(self) -> list[tuple[str, str, QPolygonF]]:
        t = self._transform()
        return [
            (r.finding, r.label, t.map(QPolygonF([QPointF(x, y) for x, y in r.points]))) for r in self.leg_map.regions
        ]

    def region_center(self, finding: str) -> QPointF:
        """Where a region is drawn (tests click here)."""
        poly = next(p for f, _l, p in self._polygons() if f == finding)
        return poly.boundingRect().center()

    def finding_at(self, pos: QPointF) -> str | None:
        for finding, _label, poly in self._polygons():
            if poly.containsPoint(pos, Qt.FillRule.OddEvenFill):
                return finding
        return None

    def accessible_items(self) -> list[Any]:
        """Each region as a check box a screen reader can find, with its state and place."""
        from PySide6.QtGui import QAccessible

        from legpain_desktop.gui.accessibility import AccessibleItem

        shapes = {f: p for f, _l, p in self._polygons()}
        out = []
        for i, finding in enumerate(self._order):
            rect = shapes[finding].boundingRect().toRect() if finding in shapes else QRect()
            count = self._counts.get(finding)
            extra = (
                self.tr("%n listed causes have it", "", count)
                if count is not None and finding not in self._selected
                else ""
            )
            out.append(
                AccessibleItem(
                    self.leg_map.label_of(finding),
                    QAccessible.Role.CheckBox,
                    rect,
                    extra,
                    finding in self._selected,
                    self.hasFocus() and i == self._focus_index,
                )
            )
        return out

    def minimumSizeHint(self) -> QSize:
        return QSize(100, 100)

    def sizeHint(self) -> QSize:
        return QSize(200, 340)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        focus_finding = self._order[self._focus_index] if self.hasFocus() and self._order else None
        ui = ui_colours()
        for finding, _label, poly in self._polygons():
            if finding in self._selected:
                fill = QColor(ui.map_selected)
            elif finding == self._hover:
                fill = QColor(ui.map_hover)
            else:
                fill = QColor(ui.map_skin)
            painter.setBrush(fill)
            pen = QPen(QColor(ui.map_outline), 1.2)
            if finding == focus_finding:
                pen = QPen(QColor(ui.focus_ring), 3.0, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawPolygon(poly)
        # Not "Left" and "Right": a region selects either leg (issue 17); the side is its own
        # finding. The caption has its own strip, so it is never clipped.
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        caption = self.tr("Back view: a region marks either leg (tick One leg or Both legs)")
        caption = self.fontMetrics().elidedText(caption, Qt.TextElideMode.ElideRight, self.width() - 4)
        painter.drawText(
            QRectF(2, 0, self.width() - 4, self._caption_height()), int(Qt.AlignmentFlag.AlignCenter), caption
        )
        painter.end()

    # ------------------------------------------------------------------ interaction

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        finding = self.finding_at(event.position())
        if finding != self._hover:
            self._hover = finding
            self.setCursor(Qt.CursorShape.PointingHandCursor if finding else Qt.CursorShape.ArrowCursor)
            if finding:
                count = self._counts.get(finding)
                tip = self.leg_map.label_of(finding)
                if count is not None and finding not in self._selected:
                    tip = self.tr("{0} (%n listed causes fit)", "", count).format(tip)
                QToolTip.showText(event.globalPosition().toPoint(), tip, self)
            self.update()

    def leaveEvent(self, event: object) -> None:
        self._hover = None
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        finding = self.finding_at(event.position())
        if finding:
            self._focus_index = self._order.index(finding)
            self.finding_toggled.emit(finding)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            self._focus_index = (self._focus_index + 1) % len(self._order)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            self._focus_index = (self._focus_index - 1) % len(self._order)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finding_toggled.emit(self._order[self._focus_index])
        else:
            super().keyPressEvent(event)
            return
        self._update_description()
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
