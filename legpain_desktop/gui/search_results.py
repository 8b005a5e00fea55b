"""How a search hit is drawn in the side panel's result list (loaded on the first search)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from legpain_desktop.gui.models import KIND_ROLE, SNIPPET_ROLE

KIND_TAGS = {"cause": "Cause", "drug": "Drug", "algorithm": "Algorithm", "topic": "Topic"}


class SearchHitDelegate(QStyledItemDelegate):
    """Paints a hit as a bold title with its kind, and the snippet with matches in bold."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        kind = KIND_TAGS.get(index.data(KIND_ROLE) or "", "")
        snippet = index.data(SNIPPET_ROLE) or ""
        doc.setHtml(f"<b>{escape(title)}</b> <small>({kind})</small><br><small>{snippet}</small>")
        width = option.rect.width() if option.rect.width() > 0 else 300
        doc.setTextWidth(width - 8)
        return doc

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(group))
        painter.save()
        rect = option.rect
        painter.translate(rect.left() + 4, rect.top() + 2)
        painter.setClipRect(QRectF(0, 0, rect.width() - 8, rect.height() - 4))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()) + 8, int(doc.size().height()) + 6)
