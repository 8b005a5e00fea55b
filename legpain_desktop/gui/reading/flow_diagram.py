"""An algorithm's steps drawn as a vertical flow diagram: boxes, arrows and clickable links.

Signals:
    monograph_requested(str): a drug, cause or other monograph named by a step was chosen.

Keyboard: Tab moves into the diagram; Left/Right (or Up/Down) move between links; Enter or
Space opens the focused link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QScrollArea, QWidget

if TYPE_CHECKING:
    from legpain_desktop.core.db.repository import FlowStep

MARGIN = 16
GAP = 34
PAD = 10
SIDE_LANE = 40


@dataclass
class _Box:
    step: FlowStep
    rect: QRect
    lines: list[tuple[str, QFont, str]]  # (text, font, role)
    links: list[tuple[QRect, str, str]]  # (rect, monograph id, label)


class _FlowCanvas(QWidget):
    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Algorithm flow diagram"))
        self._steps: Sequence[FlowStep] = ()
        self._titles: dict[str, tuple[str, str]] = {}
        self._boxes: list[_Box] = []
        self._focus_link = -1
        self._hover: str | None = None

    def set_steps(self, steps: Sequence[FlowStep], titles: dict[str, tuple[str, str]]) -> None:
        self._steps = steps
        self._titles = titles
        self._focus_link = -1
        self._relayout()
        step = self.tr("step {0}: {1}")
        names = "; ".join(step.format(i, s.title) for i, s in enumerate(steps, start=1))
        self.setAccessibleDescription(names)

    def all_links(self) -> list[tuple[QRect, str, str]]:
        return [link for box in self._boxes for link in box.links]

    def accessible_items(self) -> list[Any]:
        """Each step (as text) followed by its links, for a screen reader (gui/accessibility.py)."""
        from PySide6.QtGui import QAccessible

        from legpain_desktop.gui.accessibility import AccessibleItem

        out = []
        index = 0
        for number, box in enumerate(self._boxes, start=1):
            title = box.step.title
            detail = " ".join(text for text, _font, role in box.lines if role != "title")
            name = self.tr("Step {0}: {1}").format(number, title)
            out.append(AccessibleItem(name, QAccessible.Role.StaticText, box.rect, detail))
            for rect, target, label in box.links:
                kind = target.split(":", 1)[0]
                out.append(
                    AccessibleItem(
                        label,
                        QAccessible.Role.Link,
                        rect,
                        self.tr("opens the {0} page").format(kind),
                        None,
                        index == self._focus_link,
                    )
                )
                index += 1
        return out

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        base = QFont(self.font())
        title = QFont(base)
        title.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() * 0.9, 7.0))
        return title, base, small

    def _relayout(self) -> None:
        title_font, body_font, small_font = self._fonts()
        width = max(self.width() - 2 * MARGIN - SIDE_LANE, 220)
        inner = width - 2 * PAD
        y = MARGIN
        self._boxes = []
        ids = [s.id for s in self._steps]
        for number, step in enumerate(self._steps, start=1):
            lines: list[tuple[str, QFont, str]] = []
            lines.append((f"{number}. {step.title}", title_font, "title"))
            lines.append((step.action, body_font, "text"))
            if step.duration:
                lines.append((self.tr("Try for: {0}").format(step.duration), small_font, "meta"))
            if step.move_on:
                lines.append((self.tr("Move on when: {0}").format(step.move_on), small_font, "meta"))
            if step.evidence:
                lines.append((self.tr("Evidence: {0}").format(step.evidence), small_font, "evidence"))
            nexts = [n for n in step.next if n in ids]
            jumps = [n for n in nexts if ids.index(n) != number]  # not simply the following step
            if jumps:
                step_number = self.tr("step {0}")
                targets = ", ".join(step_number.format(ids.index(n) + 1) for n in jumps)
                lines.append((self.tr("Then: {0}").format(targets), small_font, "meta"))
            height = PAD
            for text, font, _role in lines:
                fm = QFontMetrics(font)
                r = fm.boundingRect(QRect(0, 0, inner, 10000), Qt.TextFlag.TextWordWrap, text)
                height += r.height() + 2
            links: list[tuple[QRect, str, str]] = []
            refers = list(step.refers)
            if refers:
                fm = QFontMetrics(small_font)
                x = MARGIN + PAD
                height += 4
                row_y = y + height
                row_h = fm.height() + 6
                for ref in refers:
                    target = ref.split(":", 1)[-1]
                    _kind, title = self._titles.get(target, ("", target))
                    label = f"{title}"
                    w = fm.horizontalAdvance(label) + 14
                    if x + w > MARGIN + PAD + inner and x > MARGIN + PAD:
                        x = MARGIN + PAD
                        row_y += row_h + 4
                        height += row_h + 4
                    links.append((QRect(x, row_y, w, row_h), target, label))
                    x += w + 6
                height += row_h + 4
            height += PAD
            rect = QRect(MARGIN, y, width, height)
            self._boxes.append(_Box(step, rect, lines, links))
            y += height + GAP
        self.setMinimumHeight(y)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, max(self.minimumHeight(), 200))

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_color = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        accent = pal.color(QPalette.ColorRole.Highlight)
        link_color = pal.color(QPalette.ColorRole.Link)
        painter.fillRect(self.rect(), base)
        ids = [s.id for s in self._steps]
        box_fill = QColor(accent)
        box_fill.setAlpha(28)
        link_index = 0
        for i, box in enumerate(self._boxes):
            painter.setPen(QPen(accent, 1.6))
            painter.setBrush(box_fill)
            painter.drawRoundedRect(QRectF(box.rect), 8, 8)
            y = box.rect.top() + PAD
            inner = box.rect.width() - 2 * PAD
            for text, font, role in box.lines:
                painter.setFont(font)
                color = QColor(text_color)
                if role in ("meta", "evidence"):
                    color.setAlpha(200)
                painter.setPen(color)
                fm = QFontMetrics(font)
                r = fm.boundingRect(QRect(0, 0, inner, 10000), Qt.TextFlag.TextWordWrap, text)
                painter.drawText(
                    QRect(box.rect.left() + PAD, y, inner, r.height()),
                    int(Qt.TextFlag.TextWordWrap),
                    text,
                )
                y += r.height() + 2
            _t, _b, small = self._fonts()
            painter.setFont(small)
            for rect, target, label in box.links:
                focused = link_index == self._focus_link and self.hasFocus()
                painter.setPen(QPen(link_color, 2.0 if focused or self._hover == target else 1.0))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(rect), 6, 6)
                painter.setPen(link_color)
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)
                link_index += 1
            # arrows
            painter.setPen(QPen(text_color, 1.4))
            painter.setBrush(text_color)
            for n in box.step.next:
                if n not in ids:
                    continue
                j = ids.index(n)
                target_rect = self._boxes[j].rect
                if j == i + 1:
                    start = QPointF(box.rect.center().x(), box.rect.bottom())
                    end = QPointF(target_rect.center().x(), target_rect.top())
                    painter.drawLine(start, end - QPointF(0, 6))
                    self._arrow_head(painter, end, down=True)
                else:
                    lane = box.rect.right() + 12 + 6 * (j % 3)
                    start = QPointF(box.rect.right(), box.rect.center().y())
                    end = QPointF(target_rect.right(), target_rect.top() + 14)
                    path = QPainterPath(start)
                    path.lineTo(lane, start.y())
                    path.lineTo(lane, end.y())
                    path.lineTo(end.x() + 6, end.y())
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawPath(path)
                    painter.setBrush(text_color)
                    self._arrow_head(painter, end, down=False)
        painter.end()

    @staticmethod
    def _arrow_head(painter: QPainter, tip: QPointF, down: bool) -> None:
        if down:
            pts = [tip, tip + QPointF(-5, -8), tip + QPointF(5, -8)]
        else:
            pts = [tip, tip + QPointF(8, -5), tip + QPointF(8, 5)]
        painter.drawPolygon(QPolygonF(pts))

    # ------------------------------------------------------------------ interaction

    def _link_at(self, pos: Any) -> str | None:
        for rect, target, _label in self.all_links():
            if rect.contains(pos):
                return target
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        target = self._link_at(event.position().toPoint())
        if target != self._hover:
            self._hover = target
            self.setCursor(Qt.CursorShape.PointingHandCursor if target else Qt.CursorShape.ArrowCursor)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        target = self._link_at(event.position().toPoint())
        if target and event.button() == Qt.MouseButton.LeftButton:
            self.link_activated.emit(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        links = self.all_links()
        if not links:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._focus_link = (self._focus_link + 1) % len(links)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._focus_link = (self._focus_link - 1) % len(links)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._focus_link >= 0:
            self.link_activated.emit(links[self._focus_link][1])
            return
        else:
            super().keyPressEvent(event)
            return
        rect = links[self._focus_link][0]
        parent = self.parentWidget()
        scroll = parent.parentWidget() if parent else None
        if isinstance(scroll, QScrollArea):
            scroll.ensureVisible(rect.center().x(), rect.center().y(), 20, 40)
        self.update()


class FlowDiagram(QScrollArea):
    monograph_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = _FlowCanvas()
        self.setWidget(self.canvas)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Algorithm steps"))
        self.setMinimumWidth(300)
        self.canvas.link_activated.connect(self.monograph_requested)

    def set_steps(self, steps: Sequence[FlowStep], titles: dict[str, tuple[str, str]]) -> None:
        self.canvas.set_steps(steps, titles)
