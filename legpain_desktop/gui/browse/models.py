"""The side panel's browse tree model and the item roles shared by its views."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel

from legpain_desktop.core.db.repository import MonographSummary
from legpain_desktop.core.model import KIND_LABELS, KINDS

# Roles as plain ints, Qt's own values (pinned by a test): touching ``Qt.ItemDataRole`` builds
# PySide6's whole ``Qt`` enum namespace, about 40 ms, which start-up leaves until after the
# window's first paint (see shell.geometry.FirstPaint).
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
ID_ROLE = USER_ROLE + 1
KIND_ROLE = USER_ROLE + 2
SNIPPET_ROLE = USER_ROLE + 3
SCORE_ROLE = USER_ROLE + 4


def build_browse_model(items: Sequence[MonographSummary]) -> QStandardItemModel:
    """Monographs grouped by kind (Causes, Drugs, Algorithms, Topics), titles sorted."""
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels([QCoreApplication.translate("BrowseModel", "Monographs")])
    groups: dict[str, QStandardItem] = {}
    present = {item.kind for item in items}
    for kind in (k for k in KINDS if k in present):  # no empty group (a content pack without leaflets)
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
        row.setData(f"{item.title}: {item.summary}", ACCESSIBLE_TEXT_ROLE)
        groups[item.kind].appendRow(row)
    for kind, group in groups.items():
        group.setText(f"{KIND_LABELS[kind]} ({group.rowCount()})")
    return model
