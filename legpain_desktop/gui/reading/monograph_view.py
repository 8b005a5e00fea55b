"""The monograph view: a QTextBrowser showing rendered, sanitised HTML.

Signals:
    monograph_requested(str): an internal link (cause:/drug:/algorithm:/topic:) was clicked.
    external_link_clicked(str): an external address was clicked; it is never opened.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from legpain_desktop.core.db.repository import MonographRecord
from legpain_desktop.core.model import KIND_NAMES
from legpain_desktop.core.render import INTERNAL_SCHEMES, LIGHT, Palette, apply_palette, stylesheet

if TYPE_CHECKING:
    from legpain_desktop.gui.accessibility import AccessibleItem

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

MAX_LINE_CHARS = 95


def page_html(record: MonographRecord, body_html: str) -> str:
    """The full page: heading, summary line, review metadata, then the body."""
    kind = KIND_NAMES.get(record.kind, record.kind)
    synonyms = ", ".join(record.synonyms[:12])
    meta = QCoreApplication.translate("MonographView", "{0} · Reviewed {1}").format(kind, html.escape(record.reviewed))
    if synonyms:
        meta += " · " + QCoreApplication.translate("MonographView", "Also called: {0}").format(html.escape(synonyms))
    return (
        f"<h1>{html.escape(record.title)}</h1>"
        f'<p class="summary">{html.escape(record.summary)}</p>'
        f'<p class="meta">{meta}</p>'
        f"{body_html}"
    )


class MonographView(QTextBrowser):
    monograph_requested = Signal(str)
    external_link_clicked = Signal(str)
    score_requested = Signal(str)  # a "score:" link: open that bedside score
    resume_requested = Signal()  # the home page's "Continue reading" link

    def __init__(self, palette: Palette = LIGHT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Monograph"))
        self._palette = palette  # each page gets its own document, styled when it is built
        self.anchorClicked.connect(self._on_anchor)
        self.current_id: str | None = None

    def set_palette_theme(self, palette: Palette) -> None:
        """Colours for the pages shown from now on (the window redraws the current one)."""
        self._palette = palette

    @property
    def theme(self) -> Palette:
        return self._palette

    def resizeEvent(self, event: Any) -> None:
        """Keep lines readable on a wide window: at most about 95 characters (issue 17: 200
        when maximised), the page centred in the spare width."""
        super().resizeEvent(event)
        limit = self.fontMetrics().averageCharWidth() * MAX_LINE_CHARS
        spare = self.width() - limit
        side = max(spare // 2, 0)
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def show_html(self, monograph_id: str, page: str) -> None:
        """Show a page. The document is built and laid out before it is attached: filling the
        view's own document re-lays it out as it grows, which costs about a fifth more."""
        from PySide6.QtGui import QTextDocument

        self.current_id = monograph_id
        doc = QTextDocument(self)
        doc.setDefaultStyleSheet(stylesheet(self._palette))
        doc.setDocumentMargin(16)
        doc.setHtml(apply_palette(page, self._palette))
        doc.setTextWidth(self._page_width())
        self.setDocument(doc)  # the previous page's document is the view's child: Qt deletes it
        from PySide6.QtGui import QAccessible, QAccessibleEvent

        if QAccessible.isActive():
            # The page's links and headings are children a screen reader may have cached: say they
            # changed. A page redrawn while open (findings ticked, patient changed) otherwise left
            # AT-SPI holding a child of the old page, read as a nameless link.
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.ObjectReorder))

    def _page_width(self) -> int:
        """The viewport's width, worked out without ``viewport()``: PySide6's first call of it
        costs about 10 ms (it looks up the viewport's private class), at every start-up."""
        width = self.maximumViewportSize().width()
        bar = self.verticalScrollBar()
        return width - bar.sizeHint().width() if bar.isVisible() else width

    def loadResource(self, type: int, name: QUrl | str) -> object:
        # Never fetch anything: no remote images, no files from disk.
        return None

    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "resume":
            self.resume_requested.emit()
            return
        if scheme == "score":
            self.score_requested.emit(url.path() or url.toString().split(":", 1)[1])
            return
        if scheme in INTERNAL_SCHEMES:
            self.monograph_requested.emit(url.path() or url.toString().split(":", 1)[1])
        elif not scheme and url.hasFragment():
            self.scrollToAnchor(url.fragment())
        else:
            self.external_link_clicked.emit(url.toString())

    def find_text(self, text: str, backward: bool = False) -> bool:
        from PySide6.QtGui import QTextDocument

        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.find(text, flags)
        if not found:  # wrap around once
            cursor = self.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            self.setTextCursor(cursor)
            found = self.find(text, flags)
        return found

    @property
    def ACCESSIBLE_ROLE(self) -> Any:
        from PySide6.QtGui import QAccessible

        return QAccessible.Role.Document

    def accessible_items(self) -> list[AccessibleItem]:
        """The page for a screen reader (it was one label: issue 17): each heading, paragraph and
        list item in reading order, each followed by its links ("opens the cause page")."""
        from legpain_desktop.gui.accessibility import document_items, link_description

        plain, external = link_description(), self.tr("external address, not opened offline")
        return [
            i if i.description != plain else i._replace(description=external) for i in document_items(self, KIND_NAMES)
        ]
