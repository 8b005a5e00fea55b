# mypy: disable-error-code="override"
# (PySide6's stubs say these methods never return None; Qt's API returns nullptr for "none".)
"""What a screen reader sees of the parts the app draws itself (issue 17, items 16 and 17).

Qt exposes ordinary widgets through AT-SPI on its own, but not the links inside a monograph,
the steps of a flow diagram or the regions of the leg map: they are painted, not widgets. A
widget that paints such parts says what they are through ``accessible_items()``, a list of
:class:`AccessibleItem`; :func:`install` registers a factory (``QAccessible.installFactory``)
that gives those widgets an interface whose children are the items, each with its role (link,
check box), name, description, state and place on screen.

The monograph is a document whose children are its headings, paragraphs and list items in
reading order, each followed by its links (Qt showed it as one label with no links).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, QRect
from PySide6.QtGui import QAccessible, QAccessibleInterface, QAccessibleObject
from PySide6.QtWidgets import QWidget


class AccessibleItem(NamedTuple):  # defined at every start: cheaper than a dataclass
    """One painted part: what a reader announces and where it is (in the widget's coordinates)."""

    name: str
    role: QAccessible.Role
    rect: QRect
    description: str = ""
    checked: bool | None = None  # for check boxes
    focused: bool = False


class _ItemInterface(QAccessibleInterface):
    """A child without a QObject of its own: its owner's ``index``-th item."""

    def __init__(self, owner: _OwnerInterface, index: int) -> None:
        super().__init__()
        self.owner = owner
        self.index = index

    def _item(self) -> AccessibleItem | None:
        items = self.owner.items()
        return items[self.index] if 0 <= self.index < len(items) else None

    def isValid(self) -> bool:
        return self.owner.isValid() and self._item() is not None

    def object(self) -> QObject | None:
        return None

    def window(self) -> Any:
        return self.owner.window()

    def parent(self) -> QAccessibleInterface:
        return self.owner

    def child(self, index: int) -> QAccessibleInterface | None:
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:
        return None

    def focusChild(self) -> QAccessibleInterface | None:
        return None

    def relations(self, match: Any = None) -> list[Any]:
        return []

    def text(self, kind: QAccessible.Text) -> str:
        item = self._item()
        if item is None:
            return ""
        if kind == QAccessible.Text.Name:
            return item.name
        if kind == QAccessible.Text.Description:
            return item.description
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        return None

    def rect(self) -> QRect:
        item = self._item()
        widget = self.owner.widget
        if item is None or not widget.isVisible():
            return QRect()
        return QRect(widget.mapToGlobal(item.rect.topLeft()), item.rect.size())

    def role(self) -> QAccessible.Role:
        item = self._item()
        return item.role if item is not None else QAccessible.Role.NoRole

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        item = self._item()
        if item is None:
            state.invalid = True
            return state
        state.focusable = True
        state.focused = item.focused
        if item.checked is not None:
            state.checkable = True
            state.checked = item.checked
        if not self.owner.widget.isVisible():
            state.invisible = True
        return state


class _OwnerInterface(QAccessibleObject):
    """A widget whose children are the items it paints."""

    def __init__(self, widget: QWidget, items: Callable[[], list[AccessibleItem]], role: QAccessible.Role, name: str):
        super().__init__(widget)
        self.widget = widget
        self._items = items
        self._role = role
        self._name = name
        self._children: dict[int, _ItemInterface] = {}

    def items(self) -> list[AccessibleItem]:
        try:
            return self._items()
        except RuntimeError:  # the widget has gone
            return []

    def window(self) -> Any:
        return self.widget.window().windowHandle()

    def parent(self) -> QAccessibleInterface | None:
        parent = self.widget.parentWidget()
        return QAccessible.queryAccessibleInterface(parent) if parent is not None else None

    def childCount(self) -> int:
        return len(self.items())

    def child(self, index: int) -> QAccessibleInterface | None:
        if not 0 <= index < self.childCount():
            return None
        if index not in self._children:
            child = _ItemInterface(self, index)
            self._children[index] = child
            _KEEP[id(child)] = child
            QAccessible.registerAccessibleInterface(child)
        return self._children[index]

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return next((i for i, c in self._children.items() if c is child), -1)

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:
        local = self.widget.mapFromGlobal(QRect(x, y, 1, 1).topLeft())
        for i, item in enumerate(self.items()):
            if item.rect.contains(local):
                return self.child(i)
        return None

    def focusChild(self) -> QAccessibleInterface | None:
        for i, item in enumerate(self.items()):
            if item.focused:
                return self.child(i)
        return None

    def relations(self, match: Any = None) -> list[Any]:
        return []

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self.widget.accessibleName() or self._name
        if kind == QAccessible.Text.Description:
            return self.widget.accessibleDescription()
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        return None

    def rect(self) -> QRect:
        if not self.widget.isVisible():
            return QRect()
        return QRect(self.widget.mapToGlobal(self.widget.rect().topLeft()), self.widget.size())

    def role(self) -> QAccessible.Role:
        return self._role

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.focusable = bool(self.widget.focusPolicy().value)
        state.focused = self.widget.hasFocus()
        if not self.widget.isVisible():
            state.invisible = True
        return state


class _RoleInterface(QAccessibleObject):
    """An ordinary container given another role (the red-flag banner is an alert); its
    children are its visible child widgets, as Qt exposes them."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget)
        self.widget = widget
        self._role = role

    def _kids(self) -> list[QWidget]:
        from PySide6.QtCore import Qt

        direct = Qt.FindChildOption.FindDirectChildrenOnly
        return [w for w in self.widget.findChildren(QWidget, options=direct) if w.isVisibleTo(self.widget)]

    def window(self) -> Any:
        return self.widget.window().windowHandle()

    def parent(self) -> QAccessibleInterface | None:
        parent = self.widget.parentWidget()
        return QAccessible.queryAccessibleInterface(parent) if parent is not None else None

    def childCount(self) -> int:
        return len(self._kids())

    def child(self, index: int) -> QAccessibleInterface | None:
        kids = self._kids()
        return QAccessible.queryAccessibleInterface(kids[index]) if 0 <= index < len(kids) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        target = child.object() if child is not None else None
        return next((i for i, w in enumerate(self._kids()) if w is target), -1)

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:
        return None

    def focusChild(self) -> QAccessibleInterface | None:
        return None

    def relations(self, match: Any = None) -> list[Any]:
        return []

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self.widget.accessibleName()
        if kind == QAccessible.Text.Description:
            return self.widget.accessibleDescription()
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        return None

    def rect(self) -> QRect:
        if not self.widget.isVisible():
            return QRect()
        return QRect(self.widget.mapToGlobal(self.widget.rect().topLeft()), self.widget.size())

    def role(self) -> QAccessible.Role:
        return self._role

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        if not self.widget.isVisible():
            state.invisible = True
        return state


_KEEP: dict[int, QAccessibleInterface] = {}  # Python keeps the interfaces Qt hands out alive


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    # Only for an assistive technology that is listening: the interfaces are Python objects that
    # Qt's cache also deletes, so none is made where nothing reads them (see _release).
    if _installed["released"] or not QAccessible.isActive() or not isinstance(obj, QWidget):
        return None
    iface: QAccessibleInterface
    if callable(getattr(obj, "accessible_items", None)):
        role = getattr(obj, "ACCESSIBLE_ROLE", QAccessible.Role.Grouping)
        iface = _OwnerInterface(obj, obj.accessible_items, role, obj.accessibleName())  # type: ignore[attr-defined]
    elif isinstance(getattr(obj, "ACCESSIBLE_ROLE", None), QAccessible.Role):
        iface = _RoleInterface(obj, obj.ACCESSIBLE_ROLE)  # type: ignore[attr-defined]
    else:
        return None
    _KEEP[id(iface)] = iface  # kept until _release: Python must never delete what Qt owns
    return iface


def document_items(browser: Any, kinds: dict[str, str] | None = None) -> list[AccessibleItem]:
    """A QTextBrowser's page for a screen reader: each heading, paragraph, list item and table
    cell in reading order, each followed by its links, where they are drawn (widget coordinates).
    ``kinds`` names link schemes ("cause" -> "Cause") for the links' descriptions."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    doc = browser.document()
    layout = doc.documentLayout()
    viewport = browser.viewport().mapTo(browser, QPoint(0, 0))
    offset = viewport - QPoint(browser.horizontalScrollBar().value(), browser.verticalScrollBar().value())
    current = browser.textCursor()
    out: list[AccessibleItem] = []
    block = doc.begin()
    while block.isValid():
        text = block.text().strip()
        if text:
            level = block.blockFormat().headingLevel()
            role = QAccessible.Role.Heading if level else QAccessible.Role.Paragraph
            rect = layout.blockBoundingRect(block).toRect().translated(offset)
            heading = QCoreApplication.translate("AccessibleItem", "heading level {0}").format(level) if level else ""
            out.append(AccessibleItem(text, role, rect, heading))
        for href, start, text in _block_links(block):
            cursor = QTextCursor(doc)
            cursor.setPosition(start)
            rect = browser.cursorRect(cursor).translated(viewport)
            rect.setWidth(max(browser.fontMetrics().horizontalAdvance(text), 8))
            kind = (kinds or {}).get(href.split(":", 1)[0])
            where = (
                QCoreApplication.translate("AccessibleItem", "opens the {0} page").format(kind.lower())
                if kind
                else link_description()
            )
            focused = current.hasSelection() and start <= current.selectionStart() < start + len(text)
            out.append(AccessibleItem(text, QAccessible.Role.Link, rect, where, None, focused))
        block = block.next()
    return out


def link_description() -> str:
    """How :func:`document_items` describes a link whose kind it does not know (a page may say more)."""
    return QCoreApplication.translate("AccessibleItem", "a link")


def _block_links(block: Any) -> list[tuple[str, int, str]]:
    """The links of one text block as (href, start, text): a link drawn in several fragments (bold
    inside a link) is one link, and named anchors (``<a name>``, the targets of in-page jumps,
    which Qt also marks as anchors) are not links at all; a link with no readable text is named
    by its address rather than left nameless."""
    links: list[tuple[str, int, str]] = []
    last_href, last_end = "", -1
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        fmt = fragment.charFormat()
        href = fmt.anchorHref() if fragment.isValid() and fmt.isAnchor() else ""
        if href:
            text = fragment.text().replace("\ufffc", "")
            if href == last_href and fragment.position() == last_end:
                prev_href, start, prev_text = links[-1]
                links[-1] = (prev_href, start, prev_text + text)
            else:
                links.append((href, fragment.position(), text))
            last_end = fragment.position() + fragment.length()
        last_href = href
        it += 1
    return [(h, start, _link_name(h, " ".join(t.split()))) for h, start, t in links]


def _link_name(href: str, text: str) -> str:
    """A citation marker "[4]" is read as "reference 4"; a link with no text is named by its target."""
    if text.startswith("[") and text.endswith("]") and text[1:-1].isdigit():
        return QCoreApplication.translate("AccessibleItem", "reference {0}").format(text[1:-1])
    return text or href.split(":", 1)[-1].replace("-", " ")


_installed = {"done": False, "released": False}


def _release() -> None:
    """Hand every interface made here back to Qt's cache to delete while Python is still running.

    PySide keeps ownership of interfaces created in Python even after Qt's cache takes them, so a
    Python-side delete after Qt's (or Qt's after Python has shut down) crashed the process at exit.
    """
    import shiboken6

    _installed["released"] = True  # the factory makes no more (PySide6 has no removeFactory)
    for iface in list(_KEEP.values()):
        if shiboken6.isValid(iface):
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(iface))
    _KEEP.clear()


def install() -> None:
    """Register the factory once per process, and its release at exit."""
    if not _installed["done"]:
        import atexit

        from PySide6.QtCore import QCoreApplication

        QAccessible.installFactory(_factory)
        atexit.register(_release)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_release)
        _installed["done"] = True


def announce(widget: QWidget, message: str, assertive: bool = True) -> None:
    """Have a screen reader say ``message`` now (the red-flag banner's alerts)."""
    from PySide6.QtGui import QAccessibleAnnouncementEvent, QAccessibleEvent

    if not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))
