"""The symptom filter: findings by facet, the selection as chips, the differential and red flags.

``FindingsPanel`` (side panel) signals:
    finding_toggled(str, bool): a finding was checked (True) or unchecked (False).
    finding_absent(str, bool): a finding was marked absent (True) or the mark removed (False).
    clear_requested(): the user asked to clear the whole selection.

Each finding cycles, by click or space bar, through three states: not asked, present (ticked),
absent ("No: ...", a partial check mark). Absent findings lower the causes that expect them.

``DifferentialPane`` (beside the monograph) signals:
    monograph_requested(str): a cause or a red flag's monograph link was chosen.
    finding_toggled(str, bool): the leg map toggled a region, or a suggested question was answered yes.
    finding_absent(str, bool): a suggested question was answered no.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from legpain_desktop.core.differential import CauseResult, Differential, Question
from legpain_desktop.core.legmap import LegMap
from legpain_desktop.core.redflags import RedFlagRule
from legpain_desktop.gui.symptoms.leg_map import LegMapWidget
from legpain_desktop.gui.theme import ui_colours

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
COUNT_ROLE = Qt.ItemDataRole.UserRole + 11
RESULT_ROLE = Qt.ItemDataRole.UserRole + 12
URGENCY_WORD = {"emergency": "EMERGENCY", "urgent": "URGENT", "routine": ""}


def urgency_colour(urgency: str) -> QColor:
    """The theme's colour for an urgency (tags, bars, the must-not-miss edge)."""
    ui = ui_colours()
    return QColor({"emergency": ui.emergency, "urgent": ui.urgent}.get(urgency, ui.routine))


AnyIndex = QModelIndex | QPersistentModelIndex


class FlowLayout(QLayout):
    """Lays children out left to right, wrapping to new lines (for the selection chips)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() and line > 0:
                x = rect.x()
                y += line + self.spacing()
                line = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line = max(line, hint.height())
        return y + line - rect.y()


class FindingChip(QPushButton):
    """A selected (or absent) finding shown as a removable chip."""

    remove_requested = Signal(str)

    def __init__(self, finding_id: str, label: str, parent: QWidget | None = None, absent: bool = False) -> None:
        text = f"No: {label}" if absent else label
        short = text if len(text) <= 34 else text[:32].rstrip(" ,") + "…"
        super().__init__(f"{short}  ✕", parent)
        self.finding_id = finding_id
        self.absent = absent
        self.setAccessibleName(f"Remove {'absent finding ' if absent else ''}{label}")
        self.setToolTip(f"Remove: {text}")
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
        self.filter_box.setPlaceholderText("Find a symptom or sign")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Find a finding")
        self.clear_button = QPushButton("Clear all")
        self.clear_button.setAccessibleName("Clear all selected findings")
        self.chip_area = QWidget()
        self.chip_area.setAccessibleName("Selected findings")
        self.chips = FlowLayout(self.chip_area)
        self.tree = WrappingTree()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Findings by group")
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
                    text, spoken = label, f"{label}: present"
                elif fid in self._absent:
                    text, spoken = f"No: {label}", f"{label}: absent"
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


class DifferentialModel(QAbstractListModel):
    def __init__(self, labels: Mapping[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self._results: list[CauseResult] = []
        self._labels = labels
        self._top = 1

    def set_results(self, results: Sequence[CauseResult]) -> None:
        self.beginResetModel()
        self._results = list(results)
        self._top = max([r.match for r in results] + [1])
        self.endResetModel()

    def result(self, row: int) -> CauseResult:
        return self._results[row]

    @property
    def top_score(self) -> int:
        return self._top

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._results)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        r = self._results[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return r.title
        if role == RESULT_ROLE:
            return r
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            urgency = URGENCY_WORD[r.urgency]
            pinned = "Must not miss, pinned. " if r.pinned else ""
            lacking = ", ".join(self._labels.get(f, f) for f in r.missing_characteristic if f not in r.absent)
            text = f"{pinned}{r.title}. {urgency} {r.why(self._labels)}."
            if lacking:
                text += f" Characteristic, not yet asked: {lacking}."
            return text
        return None


class DifferentialDelegate(QStyledItemDelegate):
    """Urgency icon and word, pin mark, title, a score bar and the explained findings as chips."""

    def __init__(self, labels: Mapping[str, str], model: DifferentialModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._labels = labels
        self._model = model

    def _chip_width(self, rect_width: int) -> int:
        """One width for measuring and painting, so rows never overlap (the view's viewport)."""
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else rect_width
        return max(width, 200) - 16

    @staticmethod
    def urgency_tag(r: CauseResult) -> str:
        word = URGENCY_WORD[r.urgency]
        if not word:
            return ""
        icon = "⚠" if r.urgency == "emergency" else "!"
        return f"{icon} {word}" + (" · PINNED, must not miss" if r.pinned else "")

    def _chip_rows(self, r: CauseResult, width: int, fm: QFontMetrics, fm_font: QFont) -> list[list[tuple[str, int]]]:
        rows: list[list[tuple[str, int]]] = [[]]
        x = 0
        tag = self.urgency_tag(r)
        for fid in ([None] if tag else []) + list(r.matched):
            text = tag if fid is None else self._labels.get(fid, fid)
            w = fm.horizontalAdvance(text) + 12
            if fid is None:  # the urgency tag is drawn bold
                bold = QFont(fm_font)
                bold.setBold(True)
                w = QFontMetrics(bold).horizontalAdvance(text) + 12
            if x + w > width and rows[-1]:
                rows.append([])
                x = 0
            rows[-1].append((text, w))
            x += w + 4
        return rows if rows[0] else []

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        r: CauseResult = index.data(RESULT_ROLE)
        fm = QFontMetrics(option.font)
        small = QFont(option.font)
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        sfm = QFontMetrics(small)
        width = self._chip_width(option.rect.width())
        chips = len(self._chip_rows(r, width, sfm, small)) if r else 0
        return QSize(width, fm.height() + 10 + 8 + chips * (sfm.height() + 6) + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        r: CauseResult = index.data(RESULT_ROLE)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ui = ui_colours()
        text_colour = QColor(ui.selection_text) if selected else palette.color(QPalette.ColorRole.Text)
        if selected:  # the theme's own selection pair: Highlight.lighter() was 1.2:1 in dark mode
            painter.fillRect(rect, QColor(ui.selection_bg))
        if r.pinned:
            painter.fillRect(QRect(rect.left(), rect.top(), 5, rect.height()), urgency_colour("emergency"))
        font = QFont(option.font)
        fm = QFontMetrics(font)
        x = rect.left() + 10
        y = rect.top() + 4
        color = urgency_colour(r.urgency)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        title_width = rect.right() - x - 90  # the score bar sits to the right
        title = QFontMetrics(bold).elidedText(r.title, Qt.TextElideMode.ElideRight, title_width)  # "…" if cut
        painter.drawText(QRect(x, y, title_width, fm.height()), int(Qt.AlignmentFlag.AlignLeft), title)
        # score bar
        bar_w = 70
        bar = QRect(rect.right() - bar_w - 10, y + 3, bar_w, fm.height() - 6)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        frac = max(0.0, min(1.0, r.match / 100))  # the match itself, not relative to the leader
        painter.fillRect(QRect(bar.left() + 1, bar.top() + 1, int((bar_w - 1) * frac), bar.height() - 1), color)
        # chips
        small = QFont(font)
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        sfm = QFontMetrics(small)
        bold_small = QFont(small)
        bold_small.setBold(True)
        tag = self.urgency_tag(r)
        painter.setFont(small)
        cy = y + fm.height() + 8
        for row in self._chip_rows(r, self._chip_width(rect.width()), sfm, small):
            cx = rect.left() + 10
            for text, w in row:
                chip = QRect(cx, cy, w, sfm.height() + 2)
                is_tag = text == tag and bool(tag)
                painter.setPen(color if is_tag else palette.color(QPalette.ColorRole.Mid))
                painter.setBrush(color if is_tag else palette.color(QPalette.ColorRole.AlternateBase))
                painter.drawRoundedRect(chip, 7, 7)
                painter.setPen(QColor(ui.tag_text) if is_tag else palette.color(QPalette.ColorRole.Text))
                painter.setFont(bold_small if is_tag else small)
                painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
                cx += w + 4
            cy += sfm.height() + 6
        painter.setPen(palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()


class RedFlagBanner(QFrame):
    """One entry per fired red flag; it has no close button and stays while its findings stay.

    For a screen reader it is an alert (``ACCESSIBLE_ROLE``), named by every flag's full
    message and action, announced when a new flag appears; each cause it names has an "Open"
    button (a real, focusable control, not a link painted inside a label)."""

    monograph_requested = Signal(str)
    ACCESSIBLE_ROLE = QAccessible.Role.AlertMessage

    def __init__(self, titles: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles = titles
        self._flags: list[RedFlagRule] = []
        self.setObjectName("red-flag-banner")
        self.setAccessibleName("Red flag alerts")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self.lines: list[QLabel] = []
        self.open_buttons: list[QPushButton] = []
        self._parts: list[QWidget] = []
        self.restyle()
        self.setVisible(False)

    def restyle(self) -> None:
        """Colours of the theme in force (called again when the theme changes)."""
        ui = ui_colours()
        self.setStyleSheet(
            f"#red-flag-banner {{ background: {ui.banner_bg}; border: 2px solid {ui.banner_border};"
            f" border-radius: 4px; }} #red-flag-banner QLabel {{ color: {ui.banner_text}; }}"
            f" #red-flag-banner QPushButton {{ color: {ui.banner_link}; background: transparent;"
            f" border: none; text-decoration: underline; padding: 0 4px; text-align: left; }}"
        )

    def set_flags(self, flags: Sequence[RedFlagRule]) -> None:
        before = {f.id for f in self._flags}
        self._flags = list(flags)
        for widget in self._parts:
            widget.hide()
            widget.deleteLater()
        self._parts, self.lines, self.open_buttons = [], [], []
        spoken = []
        for flag in flags:
            text = (
                f"<b>⚠ {flag.urgency.upper()}: {html.escape(flag.title)}.</b> {html.escape(flag.message)} "
                f"<b>Act now:</b> {html.escape(flag.action)} <small>Source: {html.escape(flag.source)}</small>"
            )
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            full = f"{flag.urgency} red flag: {flag.title}. {flag.message} Act now: {flag.action}"
            label.setAccessibleName(full)
            self._layout.addWidget(label)
            self.lines.append(label)
            self._parts.append(label)
            spoken.append(full)
            row = QWidget()
            # the buttons wrap: three long cause titles side by side made the window wider than a
            # 1366-pixel screen (seen in a 1366x768 screenshot of a hip-fracture alert)
            row_layout = FlowLayout(row)
            row_layout.addWidget(QLabel("<small>Open:</small>"))
            for cid in flag.causes:
                title = self._titles.get(cid, cid)
                button = QPushButton(title)
                button.setAccessibleName(f"Open {title}")
                button.setToolTip(f"Open the {title} page")
                button.clicked.connect(lambda _=False, c=cid: self.monograph_requested.emit(c))
                row_layout.addWidget(button)
                self.open_buttons.append(button)
            self._layout.addWidget(row)
            self._parts.append(row)
        self.setAccessibleName("Red flag alert: " + " ".join(spoken) if flags else "Red flag alerts")
        self.setVisible(bool(flags))
        new = [f for f in flags if f.id not in before]
        if new:
            from legpain_desktop.gui.accessibility import announce

            announce(self, " ".join(f"{f.urgency} red flag: {f.title}. Act now: {f.action}" for f in new))


class AskNextBox(QFrame):
    """Up to three questions worth asking next, each answered yes or no with one click."""

    answered = Signal(str, bool)  # finding id, present

    def __init__(self, labels: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = labels
        self.setAccessibleName("Ask next")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        self._layout.setSpacing(2)
        self.heading = QLabel("<b>Ask next</b>")
        self._layout.addWidget(self.heading)
        self.rows: list[tuple[Question, QLabel, QPushButton, QPushButton]] = []
        self.setVisible(False)

    def set_questions(self, questions: Sequence[Question]) -> None:
        for _q, label, yes, no in self.rows:
            for widget in (label, yes, no):
                widget.hide()
                widget.deleteLater()
        for i in reversed(range(1, self._layout.count())):
            self._layout.takeAt(i)
        self.rows = []
        for q in questions:
            name = self._labels.get(q.finding, q.finding)
            label = QLabel(("⚠ " if q.red_flag else "") + html.escape(name) + "?")
            label.setWordWrap(True)
            label.setToolTip(q.why)
            label.setAccessibleName(f"Ask: {name}? {q.why}")
            yes = QPushButton("Yes")
            no = QPushButton("No")
            yes.setAccessibleName(f"Yes, {name}")
            no.setAccessibleName(f"No, not {name}")
            yes.setToolTip(q.why)
            no.setToolTip(q.why)
            yes.clicked.connect(lambda _=False, f=q.finding: self.answered.emit(f, True))
            no.clicked.connect(lambda _=False, f=q.finding: self.answered.emit(f, False))
            row = QHBoxLayout()
            row.addWidget(label, 1)
            row.addWidget(yes)
            row.addWidget(no)
            self._layout.addLayout(row)
            self.rows.append((q, label, yes, no))
        self.setVisible(bool(questions))


class DifferentialPane(QWidget):
    monograph_requested = Signal(str)
    finding_toggled = Signal(str, bool)
    finding_absent = Signal(str, bool)
    score_requested = Signal(str)  # a bedside score offered for a listed cause

    def __init__(self, leg_map: LegMap, labels: Mapping[str, str], titles: Mapping[str, str], parent: Any = None):
        super().__init__(parent)
        self.setAccessibleName("Differential")
        self.map = LegMapWidget(leg_map)
        self.banner = RedFlagBanner(titles)
        self.model = DifferentialModel(labels, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(DifferentialDelegate(labels, self.model, self.list))
        self.list.setAccessibleName("Likely causes, must-not-miss first")
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setMinimumHeight(120)  # two causes at least, on a small screen too (issue 17)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # re-measure rows when the width changes
        # A scroll bar that comes and goes would change the width rows were measured at.
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.summary = QLabel("Tick findings or click the map to rank causes.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Differential summary")
        self.ask_next = AskNextBox(labels)
        self.score_offers = QWidget()
        self.score_offers.setAccessibleName("Bedside scores for the listed causes")
        self._score_row = FlowLayout(self.score_offers)  # wraps: three long titles were clipped
        self.score_buttons: list[QPushButton] = []
        self.score_offers.setVisible(False)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.score_offers)
        lower_layout.addWidget(self.ask_next)
        lower_layout.addWidget(self.list)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.map)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        # The banner sits above the splitter, first in the pane: inside it, a crowded pane at scale 2
        # squeezed the banner's wrapped text and hid its "Act now" line (960x540 screenshot). Here
        # the vertical layout gives it the height its text needs, and the map and the list give way.
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)

        self.map.finding_toggled.connect(self._on_map_toggled)
        self.banner.monograph_requested.connect(self.monograph_requested)
        self.ask_next.answered.connect(self._on_answer)
        self.list.activated.connect(self._open)
        self.list.clicked.connect(self._open)

    # Below this height (a 1920x1080 screen at scale 2 leaves about 440) the leg map gives its
    # room to the alert, the questions and the list: squeezed, a question was cut to half a line.
    # The same regions are in the Symptoms list; the map returns when the pane grows.
    MAP_MIN_PANE_HEIGHT = 560

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.map.setVisible(event.size().height() >= self.MAP_MIN_PANE_HEIGHT)

    def _on_map_toggled(self, finding: str) -> None:
        self.finding_toggled.emit(finding, finding not in self.map.selected())

    def restyle(self) -> None:
        """Repaint in the theme in force."""
        self.banner.restyle()
        self.list.viewport().update()
        self.map.update()

    def _on_answer(self, finding: str, present: bool) -> None:
        if present:
            self.finding_toggled.emit(finding, True)
        else:
            self.finding_absent.emit(finding, True)

    def _open(self, index: QModelIndex) -> None:
        self.monograph_requested.emit(self.model.result(index.row()).id)

    def _offer_scores(self, result: Differential) -> None:
        """'Calculate Wells' beside DVT: the scores of the leading and pinned causes."""
        from legpain_desktop.core.scores import SCORE_FOR_CAUSE, SCORES

        for button in self.score_buttons:
            button.hide()
            button.deleteLater()
        self.score_buttons = []
        offered: list[str] = []
        if result.selected:
            for cause in [*result.pinned, *result.ranked[:5]]:
                name = SCORE_FOR_CAUSE.get(cause.id)
                if name and name not in offered:
                    offered.append(name)
        for name in offered[:3]:
            button = QPushButton(f"Calculate {SCORES[name].SHORT}")
            button.setToolTip(f"Open the {SCORES[name].TITLE} with the ticked findings")
            button.setAccessibleName(f"Calculate the {SCORES[name].TITLE} with the ticked findings")
            button.clicked.connect(lambda _=False, n=name: self.score_requested.emit(n))
            self._score_row.addWidget(button)
            self.score_buttons.append(button)
        self.score_offers.setVisible(bool(offered))

    def show_differential(self, result: Differential, questions: Sequence[Question] = ()) -> None:
        self.ask_next.set_questions(questions if result.selected else ())
        self._offer_scores(result)
        self.map.set_selected(result.selected)
        self.map.set_counts(dict(result.facet_counts))
        self.banner.set_flags(result.red_flags)
        self.model.set_results(result.causes)
        pinned = len(result.pinned)
        if not result.selected:
            self.summary.setText(f"All {len(result.causes)} causes. Tick findings or click the map to rank them.")
        else:
            # Not "N causes fit": any cause explaining one finding is listed, so the number rose
            # as findings were ticked (issue 17). Say how the list is ordered instead.
            found = len(result.selected) + len(result.absent)
            order = f"ranked by how well each cause matches the {found} finding(s). Click one to open it."
            if pinned:
                self.summary.setText(f"{pinned} must-not-miss pinned on top, then {order}")
            else:
                self.summary.setText(order[0].upper() + order[1:])
