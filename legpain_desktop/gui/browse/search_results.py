"""The side panel's search results: model, list, hit painting and the no-match note.

Built on the first search, so start-up does not load them."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QLabel, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from legpain_desktop.core.db.repository import SearchHit
from legpain_desktop.core.model import KIND_NAMES
from legpain_desktop.gui.browse.models import ID_ROLE, KIND_ROLE, SCORE_ROLE, SNIPPET_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex


class SearchHitDelegate(QStyledItemDelegate):
    """Paints a hit as a bold title with its kind, and the snippet with matches in bold."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind_tags = {
            "cause": self.tr("Cause"),
            "drug": self.tr("Drug"),
            "algorithm": self.tr("Algorithm"),
            "topic": self.tr("Topic"),
            "leaflet": self.tr("Patient leaflet"),
        }

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        kind = self.kind_tags.get(index.data(KIND_ROLE) or "", "")
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


class SearchResultsModel(QAbstractListModel):
    """Ranked search hits; the delegate paints the highlighted snippet."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.title} ({KIND_NAMES.get(hit.kind, hit.kind)}): {hit.snippet_plain()}"
        if role == ID_ROLE:
            return hit.id
        if role == KIND_ROLE:
            return hit.kind
        if role == SNIPPET_ROLE:
            return hit.snippet_html()
        if role == SCORE_ROLE:
            return hit.score
        return None


class SearchResults:
    """The ranked hit list and the note shown instead when nothing matches."""

    def __init__(self) -> None:
        self.model = SearchResultsModel()
        self.view = QListView()
        self.view.setAccessibleName(QCoreApplication.translate("SearchResults", "Search results"))
        self.model.setParent(self.view)
        self.view.setModel(self.model)
        self.view.setItemDelegate(SearchHitDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.no_results = QLabel(
            QCoreApplication.translate("SearchResults", "No monograph matches. Try fewer or shorter words.")
        )
        self.no_results.setWordWrap(True)
        self.no_results.setTextFormat(Qt.TextFormat.RichText)
        self.no_results.setAccessibleName(QCoreApplication.translate("SearchResults", "No search results"))
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.no_results.setMargin(8)
