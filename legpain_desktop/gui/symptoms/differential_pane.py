"""The differential pane beside the page: the red-flag banner on top, then the leg map, the
suggested questions, the bedside scores on offer and the ranked causes.

Signals of ``DifferentialPane``:
    monograph_requested(str): a cause or a red flag's monograph link was chosen.
    finding_toggled(str, bool): the leg map toggled a region, or a suggested question was answered yes.
    finding_absent(str, bool): a suggested question was answered no.
    score_requested(str): a bedside score offered for a listed cause.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from legpain_desktop.core.differential import Differential, Question
from legpain_desktop.core.legmap import LegMap
from legpain_desktop.core.model import leaflet_id
from legpain_desktop.core.redflags import RedFlagRule
from legpain_desktop.gui.flow_layout import FlowLayout
from legpain_desktop.gui.symptoms.differential_list import DifferentialDelegate, DifferentialModel
from legpain_desktop.gui.symptoms.leg_map import LegMapWidget
from legpain_desktop.gui.theme import ui_colours


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
        self.setAccessibleName(self.tr("Red flag alerts"))
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
            row_layout.addWidget(QLabel(self.tr("<small>Open:</small>")))
            for cid in flag.causes:
                title = self._titles.get(cid, cid)
                button = QPushButton(title)
                button.setAccessibleName(self.tr("Open {0}").format(title))
                button.setToolTip(self.tr("Open the {0} page").format(title))
                button.clicked.connect(lambda _=False, c=cid: self.monograph_requested.emit(c))
                row_layout.addWidget(button)
                self.open_buttons.append(button)
            self._layout.addWidget(row)
            self._parts.append(row)
        if flags:
            self.setAccessibleName(self.tr("Red flag alert: {0}").format(" ".join(spoken)))
        else:
            self.setAccessibleName(self.tr("Red flag alerts"))
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
        self.setAccessibleName(self.tr("Ask next"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        self._layout.setSpacing(2)
        self.heading = QLabel(self.tr("<b>Ask next</b>"))
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
            label.setAccessibleName(self.tr("Ask: {0}? {1}").format(name, q.why))
            yes = QPushButton(self.tr("Yes"))
            no = QPushButton(self.tr("No"))
            yes.setAccessibleName(self.tr("Yes, {0}").format(name))
            no.setAccessibleName(self.tr("No, not {0}").format(name))
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
        self.setAccessibleName(self.tr("Differential"))
        self.map = LegMapWidget(leg_map)
        self.banner = RedFlagBanner(titles)
        self.model = DifferentialModel(labels, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(DifferentialDelegate(labels, self.model, self.list))
        self.list.setAccessibleName(self.tr("Likely causes, must-not-miss first"))
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setMinimumHeight(120)  # two causes at least, on a small screen too (issue 17)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # re-measure rows when the width changes
        # A scroll bar that comes and goes would change the width rows were measured at.
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.summary = QLabel(self.tr("Tick findings or click the map to rank causes."))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Differential summary"))
        self.ask_next = AskNextBox(labels)
        self.score_offers = QWidget()
        self.score_offers.setAccessibleName(self.tr("Bedside scores for the listed causes"))
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
        # Issue 20: the leaflet of the cause in view in the list, to print for the patient.
        self.leaflet_button = QPushButton()
        self.leaflet_button.setVisible(False)
        self._leaflet_for: str | None = None
        lower_layout.addWidget(self.leaflet_button)
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
        self.list.selectionModel().currentChanged.connect(self._offer_leaflet)
        self.leaflet_button.clicked.connect(self._open_leaflet)

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

    def _offer_leaflet(self, index: QModelIndex) -> None:
        if not index.isValid():
            self._leaflet_for = None
            self.leaflet_button.setVisible(False)
            return
        cause = self.model.result(index.row())
        self._leaflet_for = cause.id
        self.leaflet_button.setText(self.tr("Patient leaflet: {0}").format(cause.title))
        self.leaflet_button.setVisible(True)

    def _open_leaflet(self) -> None:
        if self._leaflet_for:
            self.monograph_requested.emit(leaflet_id(self._leaflet_for))

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
            button = QPushButton(self.tr("Calculate {0}").format(SCORES[name].SHORT))
            button.setToolTip(self.tr("Open the {0} with the ticked findings").format(SCORES[name].TITLE))
            button.setAccessibleName(self.tr("Calculate the {0} with the ticked findings").format(SCORES[name].TITLE))
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
            self.summary.setText(
                self.tr("All {0} causes. Tick findings or click the map to rank them.").format(len(result.causes))
            )
        else:
            # Not "N causes fit": any cause explaining one finding is listed, so the number rose
            # as findings were ticked (issue 17). Say how the list is ordered instead.
            found = len(result.selected) + len(result.absent)
            if pinned:
                text = self.tr(
                    "{0} must-not-miss pinned on top, then ranked by how well each cause matches the {1} "
                    "finding(s). Click one to open it."
                )
            else:
                text = self.tr("Ranked by how well each cause matches the {1} finding(s). Click one to open it.")
            self.summary.setText(text.format(pinned, found))
