"""Item models for the side panel: the browse tree and the search results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from legpain_desktop.core.db.repository import MonographSummary, SearchHit
from legpain_desktop.core.model import KIND_LABELS, KINDS

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3
SCORE_ROLE = Qt.ItemDataRole.UserRole + 4

AnyIndex = QModelIndex | QPersistentModelIndex


def build_browse_model(items: Sequence[MonographSummary]) -> QStandardItemModel:
    """Monographs grouped by kind (Causes, Drugs, Algorithms, Topics), titles sorted."""
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["Monographs"])
    groups: dict[str, QStandardItem] = {}
    for kind in KINDS:
        group = QStandardItem(KIND_LABELS[kind])
        group.setEditable(False)
        group.setSelectable(False)
        group.setData(kind, KIND_ROLE)
        groups[kind] = group
        model.appendRow(group)
    for item in sorted(items, key=lambda m: m.title.lower()):
        row = QStandardItem(item.title)
        row.setEditable(False)
        row.setData(item.id, ID_ROLE)
        row.setData(item.kind, KIND_ROLE)
        row.setToolTip(item.summary)
        row.setData(f"{item.title}: {item.summary}", Qt.ItemDataRole.AccessibleTextRole)
        groups[item.kind].appendRow(row)
    for kind, group in groups.items():
        group.setText(f"{KIND_LABELS[kind]} ({group.rowCount()})")
    return model


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
            return f"{hit.title} ({hit.kind}): {hit.snippet_plain()}"
        if role == ID_ROLE:
            return hit.id
        if role == KIND_ROLE:
            return hit.kind
        if role == SNIPPET_ROLE:
            return hit.snippet_html()
        if role == SCORE_ROLE:
            return hit.score
        return None
