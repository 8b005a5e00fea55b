"""The findings side panel: findings by facet in a filterable tree, the selection as chips.

Signals of ``FindingsPanel``:
    finding_toggled(str, bool): a finding was checked (True) or unchecked (False).
    finding_absent(str, bool): a finding was marked absent (True) or the mark removed (False).
    clear_requested(): the user asked to clear the whole selection.

Each finding cycles, by click or space bar, through three states: not asked, present (ticked),
absent ("No: ...", a partial check mark). Absent findings lower the causes that expect them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from legpain_desktop.gui.flow_layout import FlowLayout

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
COUNT_ROLE = Qt.ItemDataRole.UserRole + 11
AnyIndex = QModelIndex | QPersistentModelIndex


class FindingChip(QPushButton):
    """A selected (or absent) finding shown as a removable chip."""

    remove_requested = Signal(str)

    def __init__(self, finding_id: str, label: str, parent: QWidget | None = None, absent: bool = False) -> None:
        text = self.tr("No: {0}").format(label) if absent else label
        short = text if len(text) <= 34 else text[:32].rstrip(" ,") + "…"
        super().__init__(f"{short}  ✕", parent)
        self.finding_id = finding_id
        self.absent = absent
        name = self.tr("Remove absent finding {0}") if absent else self.tr("Remove {0}")
        self.setAccessibleName(name.format(label))
        self.setToolTip(self.tr("Remove: {0}").format(text))
        self.setStyleSheet("QPushButton { border-radius: 9px; padding: 2px 8px; }")
        self.clicked.connect(self._on_clicked)

    def _on_clicked(self) -> None:
        self.remove_requested.emit(self.finding_id)


class WrappingTree(QTreeView):
    """A tree whose rows grow to hold their wrapped labels, re-measured when its width changes
    (QTreeView caches row heights, so a wrapped second line was otherwise cut to "…")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(WrappingDelegate(self))
        self._measured_width = -1

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        if width != self._measured_width:
            self._measured_width = width
            self.scheduleDelayedItemsLayout()


class WrappingDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        hint = super().sizeHint(option, index)
        view = self.parent()
        if not isinstance(view, QTreeView):
            return hint
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        check = 28 if index.flags() & Qt.ItemFlag.ItemIsUserCheckable else 0
        width = view.viewport().width() - view.indentation() * (depth + 1) - check - 8
        text = str(index.data() or "")
        if width <= 40 or not text:
            return hint
        rect = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), rect.height() + 4))


class FindingsPanel(QWidget):
    finding_toggled = Signal(str, bool)
    finding_absent = Signal(str, bool)
    clear_requested = Signal()

    def __init__(self, facets: Sequence[tuple[str, str, Sequence[tuple[str, str]]]], parent: QWidget | None = None):
        super().__init__(parent)
        self.labels: dict[str, str] = {}
        self.model = QStandardItemModel(self)
        self._items: dict[str, QStandardItem] = {}
        for facet_id, facet_label, findings in facets:
            group = QStandardItem(facet_label)
            group.setEditable(False)
            group.setSelectable(False)
            group.setData(facet_id, FINDING_ROLE + 100)
            for fid, label in findings:
                item = QStandardItem(label)
                item.setEditable(False)
                item.setCheckable(True)
                item.setData(fid, FINDING_ROLE)
                item.setData(label, Qt.ItemDataRole.AccessibleTextRole)
                item.setToolTip(fid)
                group.appendRow(item)
                self._items[fid] = item
                self.labels[fid] = label
            self.model.appendRow(group)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterRole(Qt.ItemDataRole.AccessibleTextRole)

        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Find a symptom or sign"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(self.tr("Find a finding"))
        self.clear_button = QPushButton(self.tr("Clear all"))
        self.clear_button.setAccessibleName(self.tr("Clear all selected findings"))
        self.chip_area = QWidget()
        self.chip_area.setAccessibleName(self.tr("Selected findings"))
        self.chips = FlowLayout(self.chip_area)
        self.tree = WrappingTree()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Findings by group"))
        # Long labels wrap instead of being cut ("After unaccustomed or repetitive exert…").
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setUniformRowHeights(False)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.expandAll()

        top = QHBoxLayout()
        top.addWidget(self.filter_box)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        # The chips sit under the list: above it, each new chip pushed the list down and the next
        # click landed on the wrong finding (issue 17).
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.chip_area)

        self._updating = False
        self._absent: set[str] = set()
        self.model.itemChanged.connect(self._on_item_changed)
        self.filter_box.textChanged.connect(self._on_filter)
        self.clear_button.clicked.connect(self.clear_requested)

    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def _on_item_changed(self, item: QStandardItem) -> None:
        if self._updating:
            return
        fid = item.data(FINDING_ROLE)
        if not fid:
            return
        fid = str(fid)
        # A click toggles a two-state item; the cycle is not asked -> present -> absent -> not asked.
        if fid in self._absent:  # absent, clicked: back to not asked
            self.finding_absent.emit(fid, False)
        elif item.checkState() == Qt.CheckState.Checked:  # not asked, clicked: present
            self.finding_toggled.emit(fid, True)
        else:  # present, clicked: absent
            self.finding_absent.emit(fid, True)

    def _remove_finding(self, finding_id: str) -> None:
        if finding_id in self._absent:
            self.finding_absent.emit(finding_id, False)
        else:
            self.finding_toggled.emit(finding_id, False)

    def item(self, finding_id: str) -> QStandardItem:
        return self._items[finding_id]

    def set_state(self, selected: Sequence[str], counts: Mapping[str, int], absent: Sequence[str] = ()) -> None:
        """Reflect the selection (checks, chips) and the facet counts without emitting signals."""
        present, no, absent_spoken = self.tr("{0}: present"), self.tr("No: {0}"), self.tr("{0}: absent")
        self._updating = True
        self._absent = set(absent)
        try:
            chosen = set(selected)
            for fid, item in self._items.items():
                if fid in chosen:
                    state = Qt.CheckState.Checked
                elif fid in self._absent:
                    state = Qt.CheckState.PartiallyChecked
                else:
                    state = Qt.CheckState.Unchecked
                if item.checkState() != state:
                    item.setCheckState(state)
                label = self.labels[fid]
                if fid in chosen:
                    text, spoken = label, present.format(label)
                elif fid in self._absent:
                    text, spoken = no.format(label), absent_spoken.format(label)
                else:
                    text, spoken = f"{label} ({counts.get(fid, 0)})", label
                if item.text() != text:
                    item.setText(text)
                    item.setData(spoken, Qt.ItemDataRole.AccessibleTextRole)
        finally:
            self._updating = False
        while self.chips.count():
            taken = self.chips.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for fid in [*selected, *absent]:
            chip = FindingChip(fid, self.labels[fid], self.chip_area, absent=fid in self._absent)
            chip.remove_requested.connect(self._remove_finding)
            self.chips.addWidget(chip)
        self.chip_area.setVisible(bool(selected) or bool(absent))
        self.clear_button.setEnabled(bool(selected) or bool(absent))
