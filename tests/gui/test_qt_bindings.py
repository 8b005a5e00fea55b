"""Guards against known defects of the Qt bindings that the app depends on."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel


def test_reading_an_unset_role_does_not_drop_a_reference_to_none(qapp) -> None:  # type: ignore[no-untyped-def]
    # PySide6 6.12.0 returned None here without taking a reference, so each call lowered None's
    # reference count until the interpreter aborted ("none_dealloc"). pyproject.toml excludes it.
    model = QStandardItemModel()
    model.appendRow(QStandardItem("a"))
    before = sys.getrefcount(None)
    for _ in range(2000):
        assert model.index(0, 0).data(Qt.ItemDataRole.UserRole + 77) is None
    assert sys.getrefcount(None) >= before - 10
