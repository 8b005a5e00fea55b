"""The main window: composes the side panel and the monograph view and wires their signals.

All connections are made in :meth:`MainWindow._connect_signals`; widgets only announce intent.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from legpain_desktop import __version__
from legpain_desktop.core.db.repository import ContentRepository, MonographRecord
from legpain_desktop.core.differential import Differential, DifferentialEngine
from legpain_desktop.core.integrity import Manifest
from legpain_desktop.core.legmap import LegMap
from legpain_desktop.core.navigation import History
from legpain_desktop.core.render import highlight_section
from legpain_desktop.gui.flow_diagram import FlowDiagram
from legpain_desktop.gui.monograph_view import MonographView, page_html
from legpain_desktop.gui.side_panel import SidePanel
from legpain_desktop.gui.symptom_panel import DifferentialPane, FindingsPanel

APP_NAME = "LegPain Desktop"
DISCLAIMER = (
    "LegPain Desktop is a reference that supports, and does not replace, clinical judgement. "
    "Check doses against the current product label and local guidance."
)


class ExternalLinkDialog(QDialog):
    """Shows an external address so it can be copied; the app itself never opens it."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("External link")
        layout = QVBoxLayout(self)
        label = QLabel("This computer is offline, so the link is not opened. Copy the address to open it elsewhere:")
        label.setWordWrap(True)
        self.address = QLineEdit(url)
        self.address.setReadOnly(True)
        self.address.setAccessibleName("Link address")
        copy = QPushButton("Copy address")
        copy.clicked.connect(self._copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.address)
        row.addWidget(copy)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.address.text())


class MainWindow(QMainWindow):
    """Signals:
    monograph_shown(str): a monograph id is now displayed.
    """

    monograph_shown = Signal(str)
    differential_changed = Signal(object)  # the new Differential

    def __init__(
        self,
        repo: ContentRepository,
        manifest: Manifest,
        engine: DifferentialEngine,
        leg_map: LegMap,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.manifest = manifest
        self.engine = engine
        self.history = History()
        self.current: MonographRecord | None = None
        self.selection: list[str] = []
        self.differential: Differential = engine.compute([])
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 820)

        facets = repo.facets()
        self.finding_labels = {fid: label for _f, _l, items in facets for fid, label in items}
        cause_titles = {m.id: m.title for m in repo.list_monographs("cause")}
        self.side_panel = SidePanel(repo.list_monographs(), repo.search)
        self.findings_panel = FindingsPanel(facets)
        self.side_panel.tabs.addTab(self.findings_panel, "Symptoms")
        self.differential_pane = DifferentialPane(leg_map, self.finding_labels, cause_titles)
        self.differential_pane.setVisible(False)
        self.view = MonographView()
        self.flow = FlowDiagram()
        self.flow.setVisible(False)

        self.content_split = QSplitter(Qt.Orientation.Horizontal)
        self.content_split.addWidget(self.view)
        self.content_split.addWidget(self.flow)
        self.content_split.setStretchFactor(0, 3)
        self.content_split.setStretchFactor(1, 2)

        self.main_stack = QStackedWidget()
        self.main_stack.addWidget(self.content_split)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.side_panel)
        self.splitter.addWidget(self.differential_pane)
        self.splitter.addWidget(self.main_stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([340, 380, 760])
        self.setCentralWidget(self.splitter)

        self._build_actions()
        self._connect_signals()
        self.status_version = QLabel(f"Content {manifest.content_version}")
        self.statusBar().addPermanentWidget(self.status_version)
        self._update_nav()

    # ------------------------------------------------------------------ construction

    def _build_actions(self) -> None:
        tb = QToolBar("Navigation")
        tb.setObjectName("navigation-toolbar")
        tb.setAccessibleName("Navigation toolbar")
        self.addToolBar(tb)
        self.back_action = QAction("Back", self)
        self.back_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Back), QKeySequence("Alt+Left")])
        self.back_action.setToolTip("Back (Alt+Left)")
        self.forward_action = QAction("Forward", self)
        self.forward_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Forward), QKeySequence("Alt+Right")])
        self.forward_action.setToolTip("Forward (Alt+Right)")
        self.search_action = QAction("Search", self)
        self.search_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+L")])
        self.about_action = QAction("About", self)
        tb.addAction(self.back_action)
        tb.addAction(self.forward_action)
        self.addAction(self.search_action)
        menu = self.menuBar()
        go = menu.addMenu("&Go")
        go.addAction(self.back_action)
        go.addAction(self.forward_action)
        go.addAction(self.search_action)
        self.help_menu = menu.addMenu("&Help")
        self.help_menu.addAction(self.about_action)

    def _connect_signals(self) -> None:
        self.side_panel.monograph_requested.connect(self.open_monograph)
        self.view.monograph_requested.connect(self.open_monograph)
        self.view.external_link_clicked.connect(self.show_external_link)
        self.flow.monograph_requested.connect(self.open_monograph)
        self.back_action.triggered.connect(self.go_back)
        self.forward_action.triggered.connect(self.go_forward)
        self.search_action.triggered.connect(self.side_panel.focus_search)
        self.about_action.triggered.connect(self.show_about)
        self.side_panel.tabs.currentChanged.connect(self._on_tab_changed)
        self.findings_panel.finding_toggled.connect(self.set_finding)
        self.findings_panel.clear_requested.connect(self.clear_findings)
        self.differential_pane.finding_toggled.connect(self.set_finding)
        self.differential_pane.monograph_requested.connect(self.open_monograph)

    # ------------------------------------------------------------------ symptom filter

    def _on_tab_changed(self, index: int) -> None:
        showing = self.side_panel.tabs.widget(index) is self.findings_panel
        self.differential_pane.setVisible(showing)
        if showing:
            self._refresh_differential()

    def show_symptoms(self) -> None:
        self.side_panel.tabs.setCurrentWidget(self.findings_panel)

    def set_finding(self, finding_id: str, selected: bool) -> None:
        if selected and finding_id not in self.selection:
            self.selection.append(finding_id)
        elif not selected and finding_id in self.selection:
            self.selection.remove(finding_id)
        else:
            return
        self.recompute()

    def set_selection(self, findings: list[str]) -> None:
        self.selection = [f for f in dict.fromkeys(findings) if f in self.engine.finding_ids]
        self.recompute()

    def clear_findings(self) -> None:
        self.selection = []
        self.recompute()

    def recompute(self) -> None:
        self.differential = self.engine.compute(self.selection)
        self._refresh_differential()
        self.differential_changed.emit(self.differential)

    def _refresh_differential(self) -> None:
        self.findings_panel.set_state(self.differential.selected, self.differential.facet_counts)
        if self.differential_pane.isVisible():
            self.differential_pane.show_differential(self.differential)

    # ------------------------------------------------------------------ navigation

    def open_monograph(self, monograph_id: str) -> bool:
        if self._display(monograph_id):
            self.history.visit(monograph_id)
            self._update_nav()
            return True
        return False

    def go_back(self) -> None:
        target = self.history.back()
        if target:
            self._display(target)
        self._update_nav()

    def go_forward(self) -> None:
        target = self.history.forward()
        if target:
            self._display(target)
        self._update_nav()

    def _update_nav(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    def body_html(self, record: MonographRecord) -> str:
        """The body to show: a cause opened with findings selected highlights the ones it explains."""
        if record.kind == "cause" and self.selection:
            result = next((c for c in self.differential.causes if c.id == record.id), None)
            if result is not None and result.matched:
                lines = [self.finding_labels.get(f, f) for f in result.matched]
                return highlight_section(record.html, "Typical presentation", lines, self.view.theme)
        return record.html

    def _display(self, monograph_id: str) -> bool:
        record = self.repo.get(monograph_id)
        if record is None:
            self.statusBar().showMessage(f"No monograph with id {monograph_id!r} in this content version.", 8000)
            return False
        self.current = record
        self.view.show_html(record.id, page_html(record, self.body_html(record)))
        if record.kind == "algorithm":
            titles = self.repo.titles()
            self.flow.set_steps(record.meta.get("steps") or [], titles)
            self.flow.setVisible(True)
        else:
            self.flow.setVisible(False)
        self.setWindowTitle(f"{record.title} — {APP_NAME}")
        self.statusBar().showMessage(f"{record.title} · reviewed {record.reviewed}")
        self.side_panel.select_in_tree(record.id)
        self.monograph_shown.emit(record.id)
        return True

    def show_external_link(self, url: str) -> None:
        self.statusBar().showMessage(f"External link (not opened, this app works offline): {url}")
        dialog = ExternalLinkDialog(url, self)
        dialog.setModal(True)
        dialog.open()
        self._external_dialog = dialog

    def show_about(self) -> None:
        from legpain_desktop.gui.about import AboutDialog

        dialog = AboutDialog(__version__, self.manifest, self.repo.metadata(), self)
        dialog.open()
        self._about_dialog = dialog
