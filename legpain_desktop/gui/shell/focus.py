"""Keyboard focus between the window's regions: F6 and Shift+F6 are a way out of long link lists,
and a panel opened from the keyboard puts the focus on its first field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget

    from legpain_desktop.gui.browse.side_panel import SidePanel
    from legpain_desktop.gui.reading.controller import ReadingController
    from legpain_desktop.gui.symptoms.controller import SymptomsController

TAB_FOCUS = 1  # Qt.FocusPolicy.TabFocus's bit


def first_field(panel: QWidget) -> QWidget:
    """The first control in ``panel`` that takes keyboard focus (or the panel itself)."""
    widget = panel.nextInFocusChain()
    while widget is not None and widget is not panel:
        if panel.isAncestorOf(widget) and widget.isVisibleTo(panel) and widget.isEnabled() and widget.focusPolicy():
            if int(widget.focusPolicy().value) & TAB_FOCUS:
                return widget
        widget = widget.nextInFocusChain()
    return panel


def focus_regions(
    side_panel: SidePanel, symptoms: SymptomsController, main: QStackedWidget, reading: ReadingController
) -> list[QWidget]:
    """The regions F6 moves between, in reading order, skipping hidden ones: search, the side
    panel's tab, the differential, the page (or dosing sheet), the notes."""
    side = side_panel.stack.currentWidget()
    if side is side_panel.tabs:
        side = side_panel.tabs.currentWidget()
    shown = main.currentWidget()
    pane = symptoms.differential_pane.list if "differential_pane" in symptoms.built else None
    notes = reading.notes.edit if "notes" in reading.built else None
    candidates = [side_panel.search_box, side, pane, reading.view if shown is reading.widget else shown, notes]
    return [w for w in candidates if w is not None and w.isVisible()]


def cycle_focus(panes: Sequence[QWidget], step: int) -> None:
    """Move keyboard focus to the next (1) or previous (-1) of ``panes``, in reading order."""
    from PySide6.QtCore import Qt  # after the first paint: naming Qt builds its enum namespace

    if not panes:
        return
    focus = QApplication.focusWidget()
    current = next((i for i, p in enumerate(panes) if focus is p or (focus and p.isAncestorOf(focus))), -1)
    panes[(current + step) % len(panes)].setFocus(Qt.FocusReason.ShortcutFocusReason)
