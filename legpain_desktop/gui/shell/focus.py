"""Keyboard focus between the window's regions: F6 and Shift+F6 are a way out of long link lists,
and a panel opened from the keyboard puts the focus on its first field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QWidget

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


def cycle_focus(panes: Sequence[QWidget], step: int) -> None:
    """Move keyboard focus to the next (1) or previous (-1) of ``panes``, in reading order."""
    from PySide6.QtCore import Qt  # after the first paint: naming Qt builds its enum namespace

    if not panes:
        return
    focus = QApplication.focusWidget()
    current = next((i for i, p in enumerate(panes) if focus is p or (focus and p.isAncestorOf(focus))), -1)
    panes[(current + step) % len(panes)].setFocus(Qt.FocusReason.ShortcutFocusReason)
