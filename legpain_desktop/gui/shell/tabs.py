"""The side panel's tabs, registered and found by a stable id, never by English title or position
(issue 15: tabs were found by title and saved by number)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QTabWidget, QWidget

TAB_ID = "legpain_tab_id"  # the widget property that holds a tab's id
# The side panel's tabs after Browse, built on first use: (stable id, title shown). Ids are public
# contracts (the session saves the open tab by id).
LAZY_TABS = (
    ("symptoms", "Symptoms"),
    ("dose", "Dose"),
    ("library", "Library"),
    ("scores", "Scores"),
    ("study", "Study"),
)


class TabRegistry:
    """Tabs after the first are placeholders until their feature builds its panel (start-up shows
    content sooner); :meth:`install` swaps the panel in without moving the current tab."""

    def __init__(self, tabs: QTabWidget, lazy: Sequence[tuple[str, str]]) -> None:
        self.tabs = tabs
        self.titles = dict(lazy)
        for tab_id, title in lazy:
            placeholder = QWidget()
            placeholder.setAccessibleName(title)
            placeholder.setProperty(TAB_ID, tab_id)
            tabs.addTab(placeholder, title)

    @staticmethod
    def mark(widget: QWidget, tab_id: str) -> None:
        widget.setProperty(TAB_ID, tab_id)

    def id_at(self, index: int | None = None) -> str:
        """The id of the tab at ``index`` (the current one by default); "" for none."""
        widget = self.tabs.widget(self.tabs.currentIndex() if index is None else index)
        value = widget.property(TAB_ID) if widget is not None else None
        return str(value) if value else ""

    def index_of(self, tab_id: str) -> int:
        return next((i for i in range(self.tabs.count()) if self.id_at(i) == tab_id), -1)

    def widget(self, tab_id: str) -> QWidget | None:
        index = self.index_of(tab_id)
        return self.tabs.widget(index) if index >= 0 else None

    def install(self, tab_id: str, widget: QWidget) -> None:
        """Put ``widget`` in place of the tab's placeholder."""
        index = self.index_of(tab_id)
        self.mark(widget, tab_id)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, self.titles[tab_id])
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        if old is not None:
            old.deleteLater()
