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
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.present import drug_page_html
from legpain_desktop.core.integrity import Manifest
from legpain_desktop.core.legmap import LegMap
from legpain_desktop.core.navigation import History
from legpain_desktop.core.render import highlight_section
from legpain_desktop.gui.dosing_panel import DosingController
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
        formulary: Formulary,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.manifest = manifest
        self.engine = engine
        self.formulary = formulary
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
        self.dosing = DosingController(formulary, cause_titles, self)
        self.side_panel.tabs.addTab(self.dosing.form, "Dose")
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
        self.main_stack.addWidget(self.dosing.view)

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
        self.dose_action = QAction("Dose for a patient", self)
        self.dose_action.setToolTip("Open the dose calculator on this drug")
        self.dose_action.setEnabled(False)
        self.print_action = QAction("Print…", self)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.pdf_action = QAction("Save as PDF…", self)
        self.pdf_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        tb.addAction(self.back_action)
        tb.addAction(self.forward_action)
        tb.addSeparator()
        tb.addAction(self.dose_action)
        self.addAction(self.search_action)
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.pdf_action)
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
        self.dosing.monograph_requested.connect(self.open_monograph)
        self.dosing.band_changed.connect(self._on_band_changed)
        self.dosing.view.print_requested.connect(self.print_current)
        self.dosing.view.pdf_requested.connect(self.save_current_as_pdf)
        self.dose_action.triggered.connect(self.dose_current_drug)
        self.print_action.triggered.connect(self.print_current)
        self.pdf_action.triggered.connect(self.save_current_as_pdf)

    # ------------------------------------------------------------------ symptom filter

    def _on_tab_changed(self, index: int) -> None:
        widget = self.side_panel.tabs.widget(index)
        showing = widget is self.findings_panel
        self.differential_pane.setVisible(showing)
        if showing:
            self._refresh_differential()
        dosing = widget is self.dosing.form
        self.main_stack.setCurrentWidget(self.dosing.view if dosing else self.content_split)
        if dosing:
            self.dosing.recompute()

    # ------------------------------------------------------------------ dosing

    def show_dosing(self, drug_id: str | None = None) -> None:
        self.side_panel.tabs.setCurrentWidget(self.dosing.form)
        self.main_stack.setCurrentWidget(self.dosing.view)
        if drug_id:
            self.dosing.select_drug(drug_id)
        else:
            self.dosing.recompute()

    def dose_current_drug(self) -> None:
        if self.current is not None and self.current.kind == "drug":
            self.show_dosing(self.current.id)

    def _on_band_changed(self) -> None:
        if (
            self.current is not None
            and self.current.kind == "drug"
            and self.main_stack.currentWidget() is self.content_split
        ):
            self._display(self.current.id)

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
        """The body to show: a cause opened with findings selected highlights the ones it explains;
        a drug opened while a patient is entered highlights the patient's renal row."""
        if record.kind == "drug":
            band = self.dosing.band_label(record.id)
            if band is not None:
                return drug_page_html(record.body_md, record.references, self.formulary.drug(record.id), band)
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
        self.main_stack.setCurrentWidget(self.content_split)
        self.dose_action.setEnabled(record.kind == "drug" and record.id in self.formulary.drugs)
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

    # ------------------------------------------------------------------ printing

    def current_printable(self) -> tuple[str, str]:
        """(title, body html) of what the main area shows: the dosing sheet or the monograph."""
        if self.main_stack.currentWidget() is self.dosing.view and self.dosing.sheet_html:
            return "Dosing sheet", self.dosing.sheet_html
        if self.current is not None:
            return self.current.title, page_html(self.current, self.body_html(self.current))
        return "", ""

    def print_current(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from legpain_desktop.gui.printing import document_for, printable_html

        title, body = self.current_printable()
        if not body:
            self.statusBar().showMessage("Nothing to print yet: open a monograph or complete a dosing sheet.", 6000)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            document_for(printable_html(title, body, self.manifest.content_version)).print_(printer)

    def save_current_as_pdf(self, path: str | None = None) -> str | None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from legpain_desktop.gui.printing import printable_html, save_pdf

        title, body = self.current_printable()
        if not body:
            self.statusBar().showMessage("Nothing to save yet: open a monograph or complete a dosing sheet.", 6000)
            return None
        if not path:
            suggested = title.lower().replace(" ", "-") + ".pdf"
            path, _ = QFileDialog.getSaveFileName(self, "Save as PDF", suggested, "PDF files (*.pdf)")
            if not path:
                return None
        try:
            save_pdf(printable_html(title, body, self.manifest.content_version), Path(path))
        except OSError as exc:
            QMessageBox.warning(self, "PDF not saved", str(exc))
            return None
        self.statusBar().showMessage(f"Saved {path}", 6000)
        return path

    def show_about(self) -> None:
        from legpain_desktop.gui.about import AboutDialog

        dialog = AboutDialog(__version__, self.manifest, self.repo.metadata(), self)
        dialog.open()
        self._about_dialog = dialog
