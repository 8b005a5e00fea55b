"""The left side panel: search box above a browse tree, search results, and later panels.

Signals:
    monograph_requested(str): the user chose a monograph id to open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QStackedWidget, QTabWidget, QTreeView, QVBoxLayout, QWidget

from legpain_desktop.core.db.repository import MonographSummary, SearchHit
from legpain_desktop.gui.browse.models import ID_ROLE, build_browse_model

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLabel, QListView

    from legpain_desktop.gui.browse.search_results import SearchResults, SearchResultsModel

SEARCH_DEBOUNCE_MS = 120


class SearchBox(QLineEdit):
    """A line edit where Escape clears and Down moves into the results."""

    escape_pressed = Signal()
    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt  # not at module level: start-up does not build Qt's enums

        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.escape_pressed.emit()
            return
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class SidePanel(QWidget):
    """Search over FTS5 plus a browse tree; extra tabs (symptoms, dosing) are added by the window.

    ``search`` is the core search function passed in (text -> hits), so the panel holds no SQL.
    """

    monograph_requested = Signal(str)
    search_finished = Signal(int)  # number of hits shown

    def __init__(
        self,
        monographs: Sequence[MonographSummary],
        search: Callable[[str], Sequence[SearchHit]],
        suggest: Callable[[str], Sequence[str]] = lambda _text: [],
        parent: QWidget | None = None,
        detailed: Callable[[str, bool], tuple[Sequence[SearchHit], Any]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._detailed = detailed  # hits and the plan (its spelling corrections), when given
        self._suggest = suggest
        self._verbatim: str | None = None  # the text the user asked to search as typed
        self._generation = 0
        self.search_box = SearchBox()
        self.search_box.setPlaceholderText(self.tr("Search causes, drugs, algorithms (Ctrl+K)"))
        self.search_box.setAccessibleName(self.tr("Search"))
        self.search_box.setAccessibleDescription(self.tr("Type to search; Enter opens the best hit; Escape clears"))

        self.tree = QTreeView()
        self.tree.setAccessibleName(self.tr("Browse monographs"))
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.browse_model = build_browse_model(monographs)
        self.tree.setModel(self.browse_model)
        self.tree.expandAll()

        self.tabs = QTabWidget()
        # Every tab always in sight: scroll arrows hid the Library tab on narrow screens (issue 17).
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setAccessibleName(self.tr("Side panel sections"))
        self.tabs.addTab(self.tree, self.tr("Browse"))

        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self._results: SearchResults | None = None  # the result list, built on the first search

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_box)
        # "Showing results for sciatica. Search for siatica instead": a correction, undoable.
        self.correction = QLabel()
        self.correction.setWordWrap(True)
        self.correction.setAccessibleName(self.tr("Spelling correction"))
        self.correction.setVisible(False)
        self.correction.linkActivated.connect(self._search_verbatim)
        layout.addWidget(self.correction)
        layout.addWidget(self.stack)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._on_text_changed)
        self.search_box.returnPressed.connect(self._open_best_hit)
        self.search_box.escape_pressed.connect(self._show_browse)
        self.search_box.down_pressed.connect(self._focus_results)
        self.tree.activated.connect(self._open_index)
        self.tree.clicked.connect(self._open_index)

    @property
    def search_results(self) -> SearchResults:
        if self._results is None:
            from legpain_desktop.gui.browse.search_results import SearchResults

            self._results = SearchResults()
            self.stack.addWidget(self._results.view)
            self.stack.addWidget(self._results.no_results)
            self._results.view.activated.connect(self._open_index)
            self._results.view.clicked.connect(self._open_index)
            self._results.no_results.linkActivated.connect(self._use_suggestion)
        return self._results

    @property
    def results(self) -> QListView:
        return self.search_results.view

    @property
    def results_model(self) -> SearchResultsModel:
        return self.search_results.model

    @property
    def no_results(self) -> QLabel:
        return self.search_results.no_results

    # ------------------------------------------------------------------ search

    def _on_text_changed(self, text: str) -> None:
        self._generation += 1  # any result computed for older text is now stale
        if not text.strip():
            self._debounce.stop()
            self.correction.setVisible(False)
            self._show_browse()
            return
        self._debounce.start()

    def run_search(self) -> None:
        generation = self._generation
        text = self.search_box.text()
        plan = None
        if not text.strip():
            hits: Sequence[SearchHit] = []
        elif self._detailed is not None:
            hits, plan = self._detailed(text, text != self._verbatim)
        else:
            hits = self._search(text)
        if generation != self._generation:
            return  # the user typed on while we searched: drop this stale answer
        self._show_correction(text, plan)
        self.results_model.set_hits(hits)
        if not hits:
            self._explain_no_hits(text)
        self.stack.setCurrentWidget(self.results if hits else self.no_results)
        if hits:
            self.results.setCurrentIndex(self.results_model.index(0, 0))
        self.search_finished.emit(len(hits))

    def _show_correction(self, text: str, plan: Any) -> None:
        from html import escape

        fixes = list(getattr(plan, "corrections", ()) or ())
        if not fixes:
            self.correction.setVisible(False)
            return
        showing = self.tr("Showing results for <b>{0}</b>.").format(escape(plan.searched_for))
        instead = self.tr('<a href="verbatim">Search for “{0}” instead</a>').format(escape(text.strip()))
        self.correction.setText(f"<small>{showing} {instead}</small>")
        self.correction.setVisible(True)

    def _search_verbatim(self, _link: str = "") -> None:
        self._verbatim = self.search_box.text()
        self.run_search()

    def _explain_no_hits(self, text: str) -> None:
        from html import escape

        if len(text.strip()) < 2:
            self.no_results.setText(self.tr("Type at least two letters."))
            return
        ideas = list(self._suggest(text))
        if ideas:
            links = ", ".join(f'<a href="{escape(i)}">{escape(i)}</a>' for i in ideas)
            self.no_results.setText(self.tr("No monograph matches. Did you mean: {0}?").format(links))
        else:
            self.no_results.setText(self.tr("No monograph matches. Try fewer or shorter words."))

    def _use_suggestion(self, text: str) -> None:
        self.search_box.setText(text)
        self.run_search()

    def _open_best_hit(self) -> None:
        if self._debounce.isActive():
            self._debounce.stop()
            self.run_search()
        index = self.results.currentIndex()
        if not index.isValid() and self.results_model.rowCount() > 0:
            index = self.results_model.index(0, 0)
        if index.isValid() and self.stack.currentWidget() is self.results:
            self._open_index(index)

    def _show_browse(self) -> None:
        self.stack.setCurrentWidget(self.tabs)
        self.correction.setVisible(False)

    def show_tabs(self) -> None:
        """Back from search results to the tabs (Ctrl+1 and Ctrl+2 once showed half a panel)."""
        self._show_browse()

    def _focus_results(self) -> None:
        if self._results is not None and self.stack.currentWidget() is self.results:
            self.results.setFocus()

    def _open_index(self, index: QModelIndex) -> None:
        monograph_id = index.data(ID_ROLE)
        if monograph_id:
            self.monograph_requested.emit(str(monograph_id))

    def after_first_paint(self) -> None:
        """What the first paint need not wait for: the search box's clear button loads its icon
        from the icon theme, about 8 ms on a real X display (benchmarks/run.py --xvfb)."""
        self.search_box.setClearButtonEnabled(True)

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def select_in_tree(self, monograph_id: str | None) -> None:
        """Mark the open monograph in the tree (None: no monograph is open, nothing marked)."""
        if monograph_id is None:
            self.tree.clearSelection()
            return
        model = self.browse_model
        for g in range(model.rowCount()):
            group = model.item(g)
            for r in range(group.rowCount()):
                item = group.child(r)
                if item.data(ID_ROLE) == monograph_id:
                    self.tree.setCurrentIndex(item.index())
                    return
