"""The reading controller: the open monograph, the history, and the tools around the page (find
bar, notes, flow diagram), each built when first needed (issue 15).

Features change what a page shows through *page decorators* registered with
:meth:`ReadingController.add_decorator` (the dosing sheet's kidney row on a drug page, the ticked
findings on a cause page, the link to a bedside score), so this module knows none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from legpain_desktop.core.navigation import History
from legpain_desktop.gui.reading.monograph_view import MonographView, page_html
from legpain_desktop.gui.theme import ui_colours

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from legpain_desktop.core.db.repository import ContentRepository, MonographRecord
    from legpain_desktop.gui.printing import PrintJob
    from legpain_desktop.gui.reading.flow_diagram import FlowDiagram
    from legpain_desktop.gui.reading.page_tools import FindBar, NotesEditor

# A decorator gets the record and the body built so far, and returns the body to show.
Decorator = Callable[["MonographRecord", str], str]
NOTES_HEIGHT = 90  # the notes editor's first height under the page, in pixels
# the window width from which the flow diagram (at least 300 wide) fits beside the side panel and the page
FLOW_BESIDE_MIN_WINDOW = 1000


class ReadingController(QObject):
    """Signals:
    page_shown(MonographRecord): a monograph is now displayed (a visit, back or forward).
    monograph_shown(str): the same, by id.
    not_found(str): no monograph with that id in this content version.
    history_changed(): back or forward may have become possible or impossible.
    note_changed(str, str): the user edited the note of a monograph (id, text).
    home_shown(): the home page is now displayed (no monograph is open).
    """

    page_shown = Signal(object)
    monograph_shown = Signal(str)
    not_found = Signal(str)
    history_changed = Signal()
    note_changed = Signal(str, str)
    home_shown = Signal()

    def __init__(
        self,
        repo: ContentRepository,
        titles: Callable[[], dict[str, tuple[str, str]]],
        parent: QObject | None = None,
        notes: bool = True,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.notes_allowed = notes  # False: the administrator's policy turned notes off
        self._titles = titles
        self.view = MonographView()
        self.history = History()
        self.current: MonographRecord | None = None
        self._home_page: str | None = None  # the home page's HTML while it is shown
        self._decorators: list[Decorator] = []
        self._notes: NotesEditor | None = None
        self._find_bar: FindBar | None = None
        self._flow: FlowDiagram | None = None
        page = QWidget()
        self._layout = QVBoxLayout(page)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.view)
        # Splitters built before the first paint are horizontal, the default: naming an
        # orientation would build PySide6's Qt enum namespace (see browse.models.USER_ROLE).
        self.widget = QSplitter()  # the page (with find bar and notes), then the flow diagram
        self.widget.addWidget(page)
        self.widget.setStretchFactor(0, 3)

    def show_external_link(self, url: str, status: Callable[[str], None]) -> None:
        """An external address is never opened: say so, and offer it to copy."""
        from legpain_desktop.gui.dialogs import show_external_link

        show_external_link(self.view.window(), url, status)

    def place_above(self, widget: QWidget) -> None:
        """A feature's bar above the page (the leaflet bar)."""
        self._layout.insertWidget(0, widget)

    def add_decorator(self, decorator: Decorator) -> None:
        self._decorators.append(decorator)

    # ------------------------------------------------------------------ built on first use

    @property
    def built(self) -> list[str]:
        parts = {"notes": self._notes, "find_bar": self._find_bar, "flow": self._flow}
        return [name for name, part in parts.items() if part is not None]

    @property
    def notes(self) -> NotesEditor:
        """The notes editor under the page, built with the first page shown."""
        if self._notes is None:
            from PySide6.QtCore import Qt

            from legpain_desktop.gui.reading.page_tools import NotesEditor

            notes = NotesEditor()
            if not self.notes_allowed:
                notes.turn_off()
            self._notes = notes
            height = self.view.height()
            split = QSplitter(Qt.Orientation.Vertical)
            self._layout.replaceWidget(self.view, split)
            split.addWidget(self.view)
            split.addWidget(notes)
            split.setStretchFactor(0, 5)
            split.setStretchFactor(1, 1)
            split.setSizes([max(height - NOTES_HEIGHT, 200), NOTES_HEIGHT])
            split.show()  # now, not from the event loop: the page about to be set needs its width
            self._layout.activate()
            notes.note_changed.connect(self.note_changed)
        return self._notes

    @property
    def find_bar(self) -> FindBar:
        if self._find_bar is None:
            from legpain_desktop.gui.reading.page_tools import FindBar

            bar = FindBar()
            bar.hide()
            self._find_bar = bar
            self._layout.insertWidget(0, bar)
            bar.find_requested.connect(self.find_in_page)
            bar.closed.connect(self.clear_find)
        return self._find_bar

    @property
    def flow(self) -> FlowDiagram:
        if self._flow is None:
            from legpain_desktop.gui.reading.flow_diagram import FlowDiagram

            flow = FlowDiagram()
            flow.setVisible(False)
            self._flow = flow
            self.widget.addWidget(flow)
            self.widget.setStretchFactor(1, 2)
            flow.monograph_requested.connect(self.open)
        return self._flow

    # ------------------------------------------------------------------ pages and history

    def open(self, monograph_id: str) -> bool:
        """Show a monograph as a new visit; False (and :attr:`not_found`) if there is none.
        ``id#section`` also scrolls to that section's heading (a study card's source)."""
        monograph_id, _, anchor = monograph_id.partition("#")
        if self.display(monograph_id):
            self.history.visit(monograph_id)
            self.history_changed.emit()
            if anchor:
                self.view.scrollToAnchor(anchor)
            return True
        return False

    def bind_history(self, back: QAction, forward: QAction) -> None:
        """The window's Back and Forward actions move through this history, enabled when they can."""

        def update() -> None:
            back.setEnabled(self.history.can_go_back())
            forward.setEnabled(self.history.can_go_forward())

        back.triggered.connect(self.back)
        forward.triggered.connect(self.forward)
        self.history_changed.connect(update)
        update()

    def back(self) -> None:
        target = self.history.back()
        if target:
            self.display(target)
        self.history_changed.emit()

    def forward(self) -> None:
        target = self.history.forward()
        if target:
            self.display(target)
        self.history_changed.emit()

    def body_html(self, record: MonographRecord) -> str:
        """The body to show: the rendered page, as each feature's decorator changes it."""
        body = record.html
        for decorate in self._decorators:
            body = decorate(record, body)
        return body

    def page(self) -> str:
        """The whole current page as HTML ("" when none is open), for printing."""
        return page_html(self.current, self.body_html(self.current)) if self.current is not None else ""

    def job(self, content_version: str) -> PrintJob | None:
        """The open page to print (None when no page is open)."""
        from legpain_desktop.gui.printing import PrintJob

        return PrintJob(self.current.title, self.page(), content_version) if self.current is not None else None

    def rerender(self) -> None:
        """Draw the current page again (theme, text size, patient or findings changed): no new
        visit, same place."""
        scroll = self.view.verticalScrollBar().value()
        if self.current is not None:
            self.view.show_html(self.current.id, self.page())
        elif self._home_page is not None:
            self.show_home(self._home_page)
        else:
            return
        self.view.verticalScrollBar().setValue(scroll)

    def show_home(self, page: str) -> None:
        """The home page (no monograph open, so no notes, flow diagram or history entry)."""
        from legpain_desktop.gui.reading.home_page import HOME_ID

        if self._notes is not None:
            self._notes.flush()
            self._notes.setVisible(False)
        if self._flow is not None:
            self._flow.setVisible(False)
        self.current, self._home_page = None, page
        self.view.show_html(HOME_ID, page)
        self.home_shown.emit()

    def display(self, monograph_id: str) -> bool:
        record = self.repo.get(monograph_id)
        if record is None:
            self.not_found.emit(monograph_id)
            return False
        self.current, self._home_page = record, None
        # Panes first (the notes come with the first page; the flow diagram shows beside
        # algorithms), laid out now, so the page is laid out once, at its final width.
        self.notes.setVisible(True)  # hidden on the home page
        algorithm = record.kind == "algorithm"
        if algorithm or self._flow is not None:
            # beside the page only when both fit: at scale 2 on a 1366x768 screen the diagram's
            # minimum width squeezed the page to one word a line (the page lists the steps too)
            self.flow.setVisible(algorithm and self.widget.window().width() >= FLOW_BESIDE_MIN_WINDOW)
        self.widget.refresh()
        self.view.show_html(record.id, self.page())
        if algorithm:
            self.flow.set_steps(record.steps, self._titles())
        self.page_shown.emit(record)
        if self._find_bar is not None and self._find_bar.isVisible() and self._find_bar.edit.text():
            self.find_in_page(self._find_bar.edit.text(), False)
        self.monograph_shown.emit(record.id)
        return True

    # ------------------------------------------------------------------ find in page

    def open_find_bar(self) -> None:
        self.find_bar.show()
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    def find_again(self, backward: bool) -> int:
        return self.find_in_page(self.find_bar.edit.text(), backward)

    def find_in_page(self, text: str, backward: bool) -> int:
        """Move to the next (or previous) hit and highlight every hit; returns the hit count."""
        from PySide6.QtGui import QColor, QTextCharFormat, QTextDocument
        from PySide6.QtWidgets import QTextEdit

        selections = []
        if text:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(ui_colours().find_bg))
            fmt.setForeground(QColor(ui_colours().find_text))
            doc = self.view.document()
            cursor = doc.find(text, 0)
            while not cursor.isNull():
                sel = QTextEdit.ExtraSelection()
                sel.cursor = cursor
                sel.format = fmt
                selections.append(sel)
                cursor = doc.find(text, cursor, QTextDocument.FindFlag(0))
            self.view.find_text(text, backward)
        self.view.setExtraSelections(selections)
        if self._find_bar is not None:
            found = len(selections)
            self._find_bar.count.setText(self.tr("{0} found").format(found) if text else "")
        return len(selections)

    def clear_find(self) -> None:
        self.view.setExtraSelections([])
        self.view.setFocus()
