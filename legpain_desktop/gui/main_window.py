"""The main window: composes the side panel and the monograph view and wires their signals.

All connections are made in :meth:`MainWindow._connect_signals`; widgets only announce intent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
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
from legpain_desktop.core.db.userdata import UserData, UserDataError
from legpain_desktop.core.integrity import Manifest
from legpain_desktop.core.navigation import History
from legpain_desktop.core.render import highlight_section
from legpain_desktop.core.session import SavedSession
from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.accessibility import install as install_accessibility
from legpain_desktop.gui.browse.side_panel import SidePanel
from legpain_desktop.gui.library.user_library import UserLibrary
from legpain_desktop.gui.reading.monograph_view import MonographView, page_html
from legpain_desktop.gui.settings import Settings
from legpain_desktop.gui.theme import check_box_style, ui_colours

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QDialog

    from legpain_desktop.core.differential import Differential, DifferentialEngine
    from legpain_desktop.core.dosing.formulary import Formulary
    from legpain_desktop.core.legmap import LegMap
    from legpain_desktop.gui.dosing.dosing_panel import DosingController
    from legpain_desktop.gui.library.panel import LibraryPanel
    from legpain_desktop.gui.printing import PrintJob
    from legpain_desktop.gui.reading.flow_diagram import FlowDiagram
    from legpain_desktop.gui.reading.page_tools import FindBar, NotesEditor
    from legpain_desktop.gui.scores.panel import ScoresPanel
    from legpain_desktop.gui.symptoms.symptom_panel import DifferentialPane, FindingsPanel

APP_NAME = "LegPain Desktop"
# Side-panel tabs after Browse, built on first use: (stable id, title shown). Code and the saved
# session find a tab by its id, never by its English title or its position (issue 15).
LAZY_TABS = (("symptoms", "Symptoms"), ("dose", "Dose"), ("library", "Library"), ("scores", "Scores"))
TAB_ID = "legpain_tab_id"  # the widget property that holds a tab's id
TITLE_BAR_ALLOWANCE = 40  # before the window is shown its frame is unknown: leave room for one
FRAME_ALLOWANCE = 16  # and for its side borders
START_PAGE = "initial-assessment"
# Work queued for after the first paint still runs if no paint comes (a window started minimised).
FIRST_PAINT_FALLBACK_MS = 1000


@dataclass
class WindowParts:
    """The window's parts that are built on first use: None until then (issue 15: these lived in
    a ``dict[str, Any]`` read by 47 string keys, with 11 type: ignore)."""

    notes: NotesEditor | None = None
    find_bar: FindBar | None = None
    engine: DifferentialEngine | None = None
    formulary: Formulary | None = None
    titles: dict[str, tuple[str, str]] | None = None
    labels: dict[str, str] | None = None
    findings_panel: FindingsPanel | None = None
    differential_pane: DifferentialPane | None = None
    dosing: DosingController | None = None
    scores: ScoresPanel | None = None
    library: LibraryPanel | None = None
    flow: FlowDiagram | None = None
    notice_bar: NoticeBar | None = None
    citations: dict[str, dict[str, str]] = field(default_factory=dict)

    def built(self) -> list[str]:
        """The names of the parts built so far (start-up tests read it)."""
        return [name for name, value in vars(self).items() if value is not None and name != "citations"]


class NoticeBar(QFrame):
    """Warnings that must not slip by (data not saved): each stays until the user dismisses it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-bar")
        self.setAccessibleName("Warning")
        self.restyle()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setAccessibleName("Dismiss the warning")
        self.dismiss.clicked.connect(self.clear)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self.messages: list[str] = []

    def restyle(self) -> None:
        ui = ui_colours()
        self.setStyleSheet(
            f"#notice-bar {{ background: {ui.notice_bg}; border-bottom: 2px solid {ui.notice_border}; }}"
            f"#notice-bar QLabel {{ color: {ui.notice_text}; }}"
        )

    def add(self, message: str) -> None:
        if message not in self.messages:
            self.messages = [*self.messages, message][-3:]
        self.label.setText("\n".join(f"⚠ {m}" for m in self.messages))
        self.label.setAccessibleName(" ".join(self.messages))
        self.setVisible(True)

    def clear(self) -> None:
        self.messages = []
        self.setVisible(False)


def unique_keys(*keys: QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """Shortcuts for one action, each once: a platform's standard binding often already holds
    the explicit one (Alt+Left is Back on Linux), and a repeat makes the shortcut ambiguous."""
    out: list[QKeySequence] = []
    for key in keys:
        seqs = [QKeySequence(key)] if isinstance(key, str) else QKeySequence.keyBindings(key)
        for seq in seqs:
            if not seq.isEmpty() and all(seq != have for have in out):
                out.append(seq)
    return out


def first_field(panel: QWidget) -> QWidget:
    """The first control in ``panel`` that takes keyboard focus (or the panel itself)."""
    widget = panel.nextInFocusChain()
    while widget is not None and widget is not panel:
        if panel.isAncestorOf(widget) and widget.isVisibleTo(panel) and widget.isEnabled() and widget.focusPolicy():
            if int(widget.focusPolicy().value) & 1:  # Qt.TabFocus
                return widget
        widget = widget.nextInFocusChain()
    return panel


class MainWindow(QMainWindow):
    """Signals:
    monograph_shown(str): a monograph id is now displayed.
    """

    monograph_shown = Signal(str)

    def __init__(
        self,
        repo: ContentRepository,
        manifest: Manifest,
        engine: Callable[[], DifferentialEngine],
        leg_map: Callable[[], LegMap],
        formulary: Callable[[], Formulary],
        user_data: UserData,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        install_accessibility()  # painted links, steps and map regions, for screen readers
        self.user_data = user_data
        self.user_library = UserLibrary(user_data, self.titles_of, manifest.content_version, self)
        self.settings = settings
        self.repo = repo
        self.manifest = manifest
        # Heavy parts (the differential engine, the formulary, the leg map, and the panels that
        # use them) are built on first use, so start-up shows content as soon as possible.
        self._make_engine = engine
        self._make_leg_map = leg_map
        self._make_formulary = formulary
        self._parts = WindowParts()  # what is built on first use, typed (was a dict of strings)
        self.history = History()
        self.current: MonographRecord | None = None
        self.selection: list[str] = []
        self.absent: list[str] = []  # findings checked and found absent
        self._differential: Differential | None = None
        self._pending_patient: dict[str, object] | None = None
        self._pending_page: tuple[str, int | None] | None = None
        self._painted = False
        self.first_painted_at: float | None = None
        self._after_paint: list[Callable[[], None]] = []
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 820)

        self.side_panel = SidePanel(
            repo.list_monographs(),
            repo.search,
            self._suggest,
            detailed=lambda text, correct: repo.search_detailed(text, correct=correct),
        )
        self.side_panel.tree.setProperty(TAB_ID, "browse")  # the Browse tab
        for tab_id, title in LAZY_TABS:
            placeholder = QWidget()
            placeholder.setAccessibleName(title)
            placeholder.setProperty(TAB_ID, tab_id)
            self.side_panel.tabs.addTab(placeholder, title)
        self.view = MonographView()
        # The find bar (above the page) and the notes editor (below it) are built when first
        # needed: the find bar on Ctrl+F, the notes with the first page shown.
        reading = QWidget()
        self._reading_layout = QVBoxLayout(reading)
        self._reading_layout.setContentsMargins(0, 0, 0, 0)
        self._reading_layout.addWidget(self.view)
        # Splitters built before the first paint are horizontal, the default: naming an
        # orientation would build PySide6's Qt enum namespace (see models.USER_ROLE).
        self.content_split = QSplitter()
        self.content_split.addWidget(reading)
        self.content_split.setStretchFactor(0, 3)

        self.main_stack = QStackedWidget()
        self.main_stack.addWidget(self.content_split)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.side_panel)
        self.splitter.addWidget(self.main_stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 1140])
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.fit_to_screen()

        self._build_actions()
        self._connect_signals()
        self.last_warning = ""
        self._base_point_size: float | None = None  # the app's font size before any scaling
        self.status_version = QLabel(f"Content {manifest.content_version}")
        # Red flags stay in sight whatever panel is showing (issue 17: a restored session once
        # hid them until the user happened to switch tabs).
        self.red_flag_indicator = QPushButton()
        self.red_flag_indicator.setObjectName("red-flag-indicator")
        self.red_flag_indicator.setAccessibleName("Red flag alert")
        self._style_indicator()
        if check_box_style():  # a dark or high-contrast start (light needs nothing)
            self.setStyleSheet(check_box_style())
        self.red_flag_indicator.setVisible(False)
        self.red_flag_indicator.clicked.connect(self.show_symptoms)
        self.statusBar().addPermanentWidget(self.red_flag_indicator)
        self.statusBar().addPermanentWidget(self.status_version)
        self._update_nav()

    # ------------------------------------------------------------------ construction

    def _build_actions(self) -> None:
        # Shortcuts are set with setShortcuts([...]): PySide6 resolving setShortcut()'s overloads
        # builds its whole Qt enum namespace, which start-up leaves until after the first paint.
        tb = QToolBar("Navigation")
        tb.setObjectName("navigation-toolbar")
        tb.setAccessibleName("Navigation toolbar")
        self.addToolBar(tb)
        self.back_action = QAction("Back", self)
        # Alt+Left is already the platform's Back on Linux and Windows: registering it twice made
        # it ambiguous, and neither fired (issue 17). unique_keys drops the repeat.
        self.back_action.setShortcuts(unique_keys(QKeySequence.StandardKey.Back, "Alt+Left"))
        self.back_action.setToolTip("Back (Alt+Left)")
        self.forward_action = QAction("Forward", self)
        self.forward_action.setShortcuts(unique_keys(QKeySequence.StandardKey.Forward, "Alt+Right"))
        self.forward_action.setToolTip("Forward (Alt+Right)")
        self.search_action = QAction("Search", self)
        self.search_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+L")])
        self.about_action = QAction("About", self)
        self.dose_action = QAction("Dose for a patient", self)
        self.dose_action.setShortcuts([QKeySequence("Ctrl+Shift+D")])
        self.dose_action.setToolTip("Open the dose calculator on this drug (Ctrl+Shift+D)")
        self.dose_action.setEnabled(False)
        self.print_action = QAction("Print…", self)
        self.print_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Print)])
        self.preview_action = QAction("Print preview…", self)
        self.pdf_action = QAction("Save as PDF…", self)
        self.pdf_action.setShortcuts([QKeySequence("Ctrl+Shift+P")])
        self.bookmark_action = QAction("☆ Bookmark", self)
        self.bookmark_action.setShortcuts([QKeySequence("Ctrl+D")])
        self.bookmark_action.setCheckable(True)
        self.bookmark_action.setEnabled(False)
        self.find_action = QAction("Find in page", self)
        self.find_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Find)])
        self.find_next_action = QAction("Find next", self)
        self.find_next_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.FindNext)])
        self.find_prev_action = QAction("Find previous", self)
        self.find_prev_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.FindPrevious)])
        self.zoom_in_action = QAction("Larger text", self)
        self.zoom_in_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_out_action = QAction("Smaller text", self)
        self.zoom_out_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomOut)])
        self.zoom_reset_action = QAction("Normal text size", self)
        self.zoom_reset_action.setShortcuts([QKeySequence("Ctrl+0")])
        self.shortcuts_action = QAction("Keyboard shortcuts", self)
        self.shortcuts_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.HelpContents)])
        self.symptoms_action = QAction("Symptom filter", self)
        self.symptoms_action.setShortcuts([QKeySequence("Ctrl+1")])
        self.dosing_tab_action = QAction("Dose calculator", self)
        self.dosing_tab_action.setShortcuts([QKeySequence("Ctrl+2")])
        self.remember_patient_action = QAction("Remember patient details on this computer", self)
        self.remember_patient_action.setCheckable(True)
        self.next_pane_action = QAction("Next pane", self)
        self.next_pane_action.setShortcuts([QKeySequence("F6")])
        self.prev_pane_action = QAction("Previous pane", self)
        self.prev_pane_action.setShortcuts([QKeySequence("Shift+F6")])
        self.quit_action = QAction("Quit", self)
        self.quit_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Quit)])
        self.theme_actions: dict[str, QAction] = {}
        for theme, label in (
            ("system", "Follow system"),
            ("light", "Light"),
            ("dark", "Dark"),
            ("high-contrast", "High contrast"),
        ):
            action = QAction(label, self)
            action.setCheckable(True)
            self.theme_actions[theme] = action
        tb.addAction(self.back_action)
        tb.addAction(self.forward_action)
        tb.addSeparator()
        tb.addAction(self.bookmark_action)
        tb.addAction(self.dose_action)
        tb.addAction(self.find_action)
        self.addAction(self.search_action)
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.preview_action)
        file_menu.addAction(self.pdf_action)
        file_menu.addSeparator()
        file_menu.addAction(self.remember_patient_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.find_next_action)
        edit_menu.addAction(self.find_prev_action)
        edit_menu.addAction(self.bookmark_action)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_reset_action)
        theme_menu = view_menu.addMenu("Theme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        go = menu.addMenu("&Go")
        go.addAction(self.back_action)
        go.addAction(self.forward_action)
        go.addAction(self.search_action)
        go.addAction(self.symptoms_action)
        go.addAction(self.next_pane_action)
        go.addAction(self.prev_pane_action)
        go.addAction(self.dosing_tab_action)
        go.addAction(self.dose_action)
        self.help_menu = menu.addMenu("&Help")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    def _connect_signals(self) -> None:
        self.user_library.warning.connect(self.warn)
        self.user_library.message.connect(self.statusBar().showMessage)
        self.user_library.bookmark_changed.connect(self._set_bookmark_state)
        self.user_library.monograph_requested.connect(self.open_monograph)
        self.side_panel.monograph_requested.connect(self.open_monograph)
        self.view.monograph_requested.connect(self.open_monograph)
        self.view.score_requested.connect(self.open_score)
        self.view.external_link_clicked.connect(self.show_external_link)
        self.back_action.triggered.connect(self.go_back)
        self.forward_action.triggered.connect(self.go_forward)
        self.search_action.triggered.connect(self.side_panel.focus_search)
        self.about_action.triggered.connect(self.show_about)
        self.side_panel.tabs.currentChanged.connect(self._on_tab_changed)
        self.dose_action.triggered.connect(self.dose_current_drug)
        self.print_action.triggered.connect(self.print_current)
        self.preview_action.triggered.connect(self.preview_current)
        self.pdf_action.triggered.connect(self._save_pdf_dialog)
        self.bookmark_action.triggered.connect(self.toggle_bookmark)
        self.find_action.triggered.connect(self.open_find_bar)
        self.find_next_action.triggered.connect(lambda: self.find_in_page(self.find_bar.edit.text(), False))
        self.find_prev_action.triggered.connect(lambda: self.find_in_page(self.find_bar.edit.text(), True))
        self.zoom_in_action.triggered.connect(lambda: self.set_text_scale(self.text_scale + 10))
        self.zoom_out_action.triggered.connect(lambda: self.set_text_scale(self.text_scale - 10))
        self.zoom_reset_action.triggered.connect(lambda: self.set_text_scale(100))
        for theme, action in self.theme_actions.items():
            action.triggered.connect(lambda _c=False, t=theme: self.set_theme(t))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.symptoms_action.triggered.connect(lambda: self.show_symptoms(focus=True))
        self.dosing_tab_action.triggered.connect(lambda: self.show_dosing(focus=True))
        self.quit_action.triggered.connect(self.close)
        self.next_pane_action.triggered.connect(lambda: self.cycle_pane(1))
        self.prev_pane_action.triggered.connect(lambda: self.cycle_pane(-1))
        self.remember_patient_action.toggled.connect(self._remember_patient_toggled)

    @property
    def notes(self) -> NotesEditor:
        """The notes editor under the page, built with the first page shown."""
        if self._parts.notes is None:
            from PySide6.QtCore import Qt

            from legpain_desktop.gui.reading.page_tools import NotesEditor

            notes = NotesEditor()
            self._parts.notes = notes
            height = self.view.height()
            split = QSplitter(Qt.Orientation.Vertical)
            self._reading_layout.replaceWidget(self.view, split)
            split.addWidget(self.view)
            split.addWidget(notes)
            split.setStretchFactor(0, 5)
            split.setStretchFactor(1, 1)
            split.setSizes([max(height - 90, 200), 90])
            split.show()  # now, not from the event loop: the page about to be set needs its width
            self._reading_layout.activate()
            notes.note_changed.connect(self._save_note)
        return self._parts.notes

    @property
    def find_bar(self) -> FindBar:
        if self._parts.find_bar is None:
            from legpain_desktop.gui.reading.page_tools import FindBar

            bar = FindBar()
            bar.hide()
            self._parts.find_bar = bar
            self._reading_layout.insertWidget(0, bar)
            bar.find_requested.connect(self.find_in_page)
            bar.closed.connect(self._clear_find)
        return self._parts.find_bar

    # ------------------------------------------------------------------ symptom filter

    def _suggest(self, text: str) -> list[str]:
        from legpain_desktop.core.search import suggest

        return suggest(text, self.repo.search_vocabulary())

    # ------------------------------------------------------------------ built on first use

    @property
    def engine(self) -> DifferentialEngine:
        if self._parts.engine is None:
            self._parts.engine = self._make_engine()
        return self._parts.engine

    @property
    def formulary(self) -> Formulary:
        if self._parts.formulary is None:
            self._parts.formulary = self._make_formulary()
        return self._parts.formulary

    @property
    def differential(self) -> Differential:
        if self._differential is None:
            self._differential = self.engine.compute(self.selection, self.absent)
        return self._differential

    @property
    def monograph_titles(self) -> dict[str, tuple[str, str]]:
        """Monograph id to (kind, title), asked of the repository once: the content is read-only."""
        if self._parts.titles is None:
            self._parts.titles = self.repo.titles()
        return self._parts.titles

    def titles_of(self, kind: str | None = None) -> dict[str, str]:
        """Monograph id to title, of one kind or of all."""
        return {i: title for i, (k, title) in self.monograph_titles.items() if kind in (None, k)}

    @property
    def finding_labels(self) -> dict[str, str]:
        if self._parts.labels is None:
            self._parts.labels = {fid: label for _f, _l, items in self.repo.facets() for fid, label in items}
        return self._parts.labels

    def tab_id(self, index: int | None = None) -> str:
        """The stable id of the side-panel tab at ``index`` (the current one by default)."""
        tabs = self.side_panel.tabs
        widget = tabs.widget(tabs.currentIndex() if index is None else index)
        value = widget.property(TAB_ID) if widget is not None else None
        return str(value) if value else ""

    def tab_index(self, tab_id: str) -> int:
        tabs = self.side_panel.tabs
        return next((i for i in range(tabs.count()) if self.tab_id(i) == tab_id), -1)

    def _install_tab(self, tab_id: str, widget: QWidget) -> None:
        tabs = self.side_panel.tabs
        index = self.tab_index(tab_id)
        title = dict(LAZY_TABS)[tab_id]
        widget.setProperty(TAB_ID, tab_id)
        current = tabs.currentIndex()
        tabs.blockSignals(True)
        old = tabs.widget(index)
        tabs.removeTab(index)
        tabs.insertTab(index, widget, title)
        tabs.setCurrentIndex(current)
        tabs.blockSignals(False)
        if old is not None:
            old.deleteLater()

    @property
    def findings_panel(self) -> FindingsPanel:
        if self._parts.findings_panel is None:
            from legpain_desktop.gui.symptoms.symptom_panel import FindingsPanel

            panel = FindingsPanel(self.repo.facets())
            self._parts.findings_panel = panel
            self._install_tab("symptoms", panel)
            panel.finding_toggled.connect(self.set_finding)
            panel.finding_absent.connect(self.set_absent)
            panel.clear_requested.connect(self.clear_findings)
            panel.set_state(self.differential.selected, self.differential.facet_counts, self.differential.absent)
        return self._parts.findings_panel

    @property
    def differential_pane(self) -> DifferentialPane:
        if self._parts.differential_pane is None:
            from legpain_desktop.gui.symptoms.symptom_panel import DifferentialPane

            pane = DifferentialPane(self._make_leg_map(), self.finding_labels, self.titles_of("cause"))
            pane.setVisible(False)
            self._parts.differential_pane = pane
            sizes = self.splitter.sizes()
            self.splitter.insertWidget(1, pane)
            self.splitter.setStretchFactor(1, 0)
            self.splitter.setStretchFactor(2, 1)
            rest = max(sum(sizes) - sizes[0] - 420, 320)
            self.splitter.setSizes([sizes[0], 420, rest])
            pane.finding_toggled.connect(self.set_finding)
            pane.finding_absent.connect(self.set_absent)
            pane.monograph_requested.connect(self.open_monograph)
            pane.score_requested.connect(self.open_score)
        return self._parts.differential_pane

    @property
    def dosing(self) -> DosingController:
        if self._parts.dosing is None:
            from legpain_desktop.gui.dosing.dosing_panel import DosingController

            dosing = DosingController(self.formulary, self.titles_of("cause"), self._source_citations, self)
            self._parts.dosing = dosing
            # the form scrolls on a short screen instead of pushing the window past its bottom edge
            # (at scale 2 the window grew to 547 of 540 rows and the indication note was squeezed)
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QFrame, QScrollArea

            holder = QScrollArea()
            holder.setWidget(dosing.form)
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self._install_tab("dose", holder)
            self.main_stack.addWidget(dosing.view)
            dosing.monograph_requested.connect(self.open_monograph)
            dosing.band_changed.connect(self._on_band_changed)
            dosing.view.print_requested.connect(self.print_current)
            dosing.view.pdf_requested.connect(self.save_current_as_pdf)
            dosing.view.copy_requested.connect(self.copy_dosing_note)
            if self._pending_patient is not None:
                dosing.form.set_raw_text(self._pending_patient)
                self._pending_patient = None
        return self._parts.dosing

    @property
    def scores(self) -> ScoresPanel:
        """The Scores tab (issue 16), built when first shown."""
        if self._parts.scores is None:
            from legpain_desktop.gui.scores.panel import ScoresPanel

            panel = ScoresPanel()
            self._parts.scores = panel
            self._install_tab("scores", panel)
            panel.copy_requested.connect(self.copy_score)
            panel.print_requested.connect(self.print_score)
        return self._parts.scores

    def open_score(self, name: str) -> None:
        """Open a bedside score with the items the ticked findings already say (one click from
        the differential: 'Calculate Wells' beside DVT)."""
        from legpain_desktop.core.scores import prefill

        panel = self.scores
        self.side_panel.show_tabs()
        self.side_panel.tabs.setCurrentWidget(panel)
        panel.open_score(name, prefill(name, self.selection))
        panel.choice.setFocus()

    def copy_score(self) -> None:
        from PySide6.QtWidgets import QApplication

        text = self.scores.note_text()
        if not text:
            self.statusBar().showMessage("Nothing to copy yet: complete the score first.", 6000)
            return
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage("Score copied: paste it into the patient's record.", 6000)

    def print_score(self) -> None:
        from legpain_desktop.core.scores import SCORES
        from legpain_desktop.gui.printing import PrintJob, ask_and_print
        from legpain_desktop.gui.scores.panel import result_html

        result = self.scores.result
        if result is None:
            self.statusBar().showMessage("Nothing to print yet: complete the score first.", 6000)
            return
        title = SCORES[result.score].TITLE
        ask_and_print(self, PrintJob(title, result_html(result), self.manifest.content_version))

    @property
    def library(self) -> LibraryPanel:
        """The Library tab (bookmarks and history), built when first shown."""
        if self._parts.library is None:
            self._parts.library = self.user_library.panel
            self._install_tab("library", self.user_library.panel)
        return self._parts.library

    @property
    def flow(self) -> FlowDiagram:
        if self._parts.flow is None:
            from legpain_desktop.gui.reading.flow_diagram import FlowDiagram

            flow = FlowDiagram()
            flow.setVisible(False)
            self._parts.flow = flow
            self.content_split.addWidget(flow)
            self.content_split.setStretchFactor(1, 2)
            flow.monograph_requested.connect(self.open_monograph)
        return self._parts.flow

    def _on_tab_changed(self, index: int) -> None:
        tab = self.tab_id(index)
        showing = tab == "symptoms"
        if showing:
            self.findings_panel  # noqa: B018 - builds the panel on first show
        if showing or self._parts.differential_pane is not None:
            self.differential_pane.setVisible(showing)
        if showing:
            self._refresh_differential()
        if tab == "dose":
            self.main_stack.setCurrentWidget(self.dosing.view)
            self.dosing.recompute()
            self.setWindowTitle(f"Dose calculator — {APP_NAME}")  # not the last monograph's title
            self.statusBar().showMessage("Dose calculator: every result shows its rule, working and source")
        else:
            self.main_stack.setCurrentWidget(self.content_split)
            self.setWindowTitle(f"{self.current.title} — {APP_NAME}" if self.current else APP_NAME)
        if tab == "library":
            self.library  # noqa: B018 - builds the panel on first show
        if tab == "scores":
            self.scores  # noqa: B018 - builds the panel on first show

    # ------------------------------------------------------------------ dosing

    def show_dosing(self, drug_id: str | None = None, focus: bool = False) -> None:
        self.side_panel.show_tabs()
        self.dosing  # noqa: B018 - builds the form's tab on first use
        self.side_panel.tabs.setCurrentIndex(self.tab_index("dose"))
        self._on_tab_changed(self.side_panel.tabs.currentIndex())
        self.main_stack.setCurrentWidget(self.dosing.view)
        if drug_id:
            self.dosing.select_drug(drug_id)
        else:
            self.dosing.recompute()
        if focus:  # Ctrl+2 puts the keyboard on the form's first field
            first_field(self.dosing.form).setFocus()

    def _source_citations(self, drug_id: str) -> dict[str, str]:
        """A drug's dosing source keys with their citations: its references are keyed by them
        (content/DOSING.md)."""
        cited = self._parts.citations  # read-only content
        if drug_id not in cited:
            record = self.repo.get(drug_id)
            cited[drug_id] = {r.key.upper(): f"{r.citation} ({r.year})" for r in record.references} if record else {}
        return cited[drug_id]

    def copy_dosing_note(self) -> str:
        """Put the dose result, its basis and the disclaimer on the clipboard as plain text, for the
        patient's record; returns the text ("" when there is no result yet)."""
        import datetime as dt

        from PySide6.QtGui import QGuiApplication

        from legpain_desktop.core.model import DISCLAIMER

        today = dt.date.today().isoformat()
        title = f"LegPain Desktop dosing note · content version {self.manifest.content_version} · {today}"
        text = self.dosing.note_text([title, DISCLAIMER])
        if not text:
            self.statusBar().showMessage("Nothing to copy yet: enter the patient's details first.", 6000)
            return ""
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage("Dosing note copied: paste it into the patient's record.", 6000)
        return text

    def dose_current_drug(self) -> None:
        if self.current is not None and self.current.kind == "drug":
            self.show_dosing(self.current.id)

    def _on_band_changed(self) -> None:
        if (
            self.current is not None
            and self.current.kind == "drug"
            and self.main_stack.currentWidget() is self.content_split
        ):
            self._rerender()

    def show_symptoms(self, focus: bool = False) -> None:
        self.side_panel.show_tabs()
        self.side_panel.tabs.setCurrentWidget(self.findings_panel)
        self._on_tab_changed(self.side_panel.tabs.currentIndex())
        if focus:  # Ctrl+1 puts the keyboard in the panel it opens
            self.findings_panel.filter_box.setFocus()

    def set_finding(self, finding_id: str, selected: bool) -> None:
        if selected and finding_id not in self.selection:
            self.selection.append(finding_id)
            if finding_id in self.absent:
                self.absent.remove(finding_id)
        elif not selected and finding_id in self.selection:
            self.selection.remove(finding_id)
        else:
            return
        self.recompute()

    def set_absent(self, finding_id: str, absent: bool) -> None:
        """Mark a finding as checked and absent (it lowers the causes that expect it), or unmark it."""
        if absent and finding_id not in self.absent:
            self.absent.append(finding_id)
            if finding_id in self.selection:
                self.selection.remove(finding_id)
        elif not absent and finding_id in self.absent:
            self.absent.remove(finding_id)
        else:
            return
        self.recompute()

    def set_selection(self, findings: list[str], absent: list[str] | None = None) -> None:
        self.selection = [f for f in dict.fromkeys(findings) if f in self.engine.finding_ids]
        chosen = set(self.selection)
        self.absent = [f for f in dict.fromkeys(absent or []) if f in self.engine.finding_ids and f not in chosen]
        self.recompute()

    def clear_findings(self) -> None:
        self.selection = []
        self.absent = []
        self.recompute()

    def recompute(self) -> None:
        self._differential = self.engine.compute(self.selection, self.absent)
        self._refresh_differential()
        self._show_red_flag_indicator(self._differential)

    def _refresh_differential(self) -> None:
        result = self.differential
        if self._parts.findings_panel is not None:
            self.findings_panel.set_state(result.selected, result.facet_counts, result.absent)
        # isHidden, not isVisible: before the window is first shown nothing is "visible", and a
        # restored session then left the banner and the list empty.
        if self._parts.differential_pane is not None and not self.differential_pane.isHidden():
            self.differential_pane.show_differential(result, self.engine.ask_next(result))

    def _style_indicator(self) -> None:
        ui = ui_colours()
        self.red_flag_indicator.setStyleSheet(
            f"#red-flag-indicator {{ background: {ui.alert_bg}; color: {ui.alert_text}; font-weight: bold;"
            f" border: 1px solid {ui.text}; border-radius: 3px; padding: 1px 8px; }}"
        )

    def _restyle(self) -> None:
        """After a theme change: every colour the app draws itself, in the new theme."""
        self._style_indicator()
        if self._parts.notice_bar is not None:
            self.notice_bar.restyle()
        if self._parts.differential_pane is not None:
            self.differential_pane.restyle()
        # Check boxes and field outlines that show on a dark or black base (empty in light).
        self.setStyleSheet(check_box_style())
        if self._parts.dosing is not None:
            self.dosing.recompute()  # the sheet's severity words and shaded row in the new colours

    def _show_red_flag_indicator(self, result: Differential) -> None:
        """A status-bar alert naming every fired red flag, on every panel; a click shows them."""
        flags = result.red_flags
        indicator = self.red_flag_indicator
        if not flags:
            indicator.setVisible(False)
            return
        worst = flags[0]  # fired rules come most urgent first
        names = "; ".join(f.title for f in flags)
        text = f"⚠ {worst.urgency.upper()}: {names}"
        indicator.setText(text if len(text) <= 90 else text[:87] + "…")
        indicator.setToolTip(f"{len(flags)} red flag(s) for the ticked findings: {names}. Click to show them.")
        indicator.setAccessibleName(f"Red flag alert: {names}. Activate to show the details.")
        indicator.setVisible(True)

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
        if record.kind == "drug" and self._parts.dosing is not None:
            band = self.dosing.band_label(record.id)
            if band is not None:
                from legpain_desktop.core.dosing.present import drug_page_html

                return drug_page_html(record.body_md, record.references, self.formulary.drug(record.id), band)
        body = record.html
        if record.kind == "cause" and self.selection:
            result = next((c for c in self.differential.causes if c.id == record.id), None)
            if result is not None and result.matched:
                lines = [self.finding_labels.get(f, f) for f in result.matched]
                body = highlight_section(record.html, "Typical presentation", lines, self.view.theme)
        if record.kind == "cause":
            from legpain_desktop.core.scores import SCORE_FOR_CAUSE, SCORES

            name = SCORE_FOR_CAUSE.get(record.id)
            if name:  # the monograph links to its score (issue 16)
                body = f'<p class="meta">Bedside score: <a href="score:{name}">{SCORES[name].TITLE}</a></p>' + body
        return body

    def _rerender(self) -> None:
        """Draw the current page again (theme, text size or patient changed): no new visit, same place."""
        if self.current is None:
            return
        scroll = self.view.verticalScrollBar().value()
        self.view.show_html(self.current.id, page_html(self.current, self.body_html(self.current)))
        self.view.verticalScrollBar().setValue(scroll)

    def _display(self, monograph_id: str) -> bool:
        record = self.repo.get(monograph_id)
        if record is None:
            self.statusBar().showMessage(f"No monograph with id {monograph_id!r} in this content version.", 8000)
            return False
        self.current = record
        self.main_stack.setCurrentWidget(self.content_split)
        self.dose_action.setEnabled(record.kind == "drug")
        # Panes first (the notes come with the first page; the flow diagram shows beside
        # algorithms), laid out now, so the page is laid out once, at its final width.
        self.notes  # noqa: B018
        algorithm = record.kind == "algorithm"
        if algorithm or self._parts.flow is not None:
            self.flow.setVisible(algorithm)
        self.content_split.refresh()
        self.view.show_html(record.id, page_html(record, self.body_html(record)))
        if algorithm:
            self.flow.set_steps(record.meta.get("steps") or [], self.monograph_titles)
        self.setWindowTitle(f"{record.title} — {APP_NAME}")
        self.statusBar().showMessage(f"{record.title} · reviewed {record.reviewed}")
        self.side_panel.select_in_tree(record.id)
        self._after_display(record)
        self.monograph_shown.emit(record.id)
        return True

    def show_external_link(self, url: str) -> None:
        self.statusBar().showMessage(f"External link (not opened, this app works offline): {url}")
        from legpain_desktop.gui.dialogs import ExternalLinkDialog

        dialog = ExternalLinkDialog(url, self)
        dialog.setModal(True)
        dialog.open()
        self._external_dialog = dialog

    # ------------------------------------------------------------------ printing

    def current_printable(self) -> tuple[str, str]:
        """(title, body html) of what the main area shows: the dosing sheet or the monograph."""
        if (
            self._parts.dosing is not None
            and self.main_stack.currentWidget() is self.dosing.view
            and self.dosing.sheet_html
        ):
            return "Dosing sheet", self.dosing.sheet_html
        if self.current is not None:
            return self.current.title, page_html(self.current, self.body_html(self.current))
        return "", ""

    def current_job(self) -> PrintJob | None:
        """What Print, Print preview and Save as PDF work on, with its running header."""
        from legpain_desktop.gui.printing import PrintJob

        title, body = self.current_printable()
        if not body:
            return None
        subject = self._dosing_subject() if title == "Dosing sheet" else ""
        return PrintJob(title, body, self.manifest.content_version, subject)

    def _dosing_subject(self) -> str:
        """The drug and the patient's key values, for the header of every page of a dosing sheet."""
        dosing = self.dosing
        patient, kidney, result = dosing.patient, dosing.kidney, dosing.result
        if patient is None or kidney is None or result is None:
            return ""
        facts = [
            f"{patient.age:g} years",
            patient.sex,
            f"{patient.weight_kg:g} kg",
            f"creatinine {patient.scr_mg_dl:g} mg/dL",
            f"CrCl {kidney.crcl_actual:.0f} mL/min",
        ]
        if patient.dialysis != "none":
            facts.append(f"dialysis {patient.dialysis}")
        if patient.child_pugh:
            facts.append(f"Child-Pugh {patient.child_pugh}")
        return f"{result.drug_title} · patient: {', '.join(facts)}"

    def _nothing_to_print(self) -> None:
        self.statusBar().showMessage("Nothing to print yet: open a monograph or complete a dosing sheet.", 6000)

    def print_current(self) -> None:
        from legpain_desktop.gui.printing import ask_and_print

        job = self.current_job()
        if job is None:
            self._nothing_to_print()
            return
        ask_and_print(self, job)

    def preview_current(self) -> QDialog | None:
        """Open a print preview of what the main area shows (returned for tests)."""
        from legpain_desktop.gui.printing import preview_dialog

        job = self.current_job()
        if job is None:
            self._nothing_to_print()
            return None
        dialog = preview_dialog(self, job)
        dialog.open()
        self._preview = dialog
        return dialog

    def save_current_as_pdf(self, path: str | None = None) -> str | None:
        """Save what the main area shows as a PDF at ``path`` (asked for when not given)."""
        from legpain_desktop.gui.printing import ask_and_save_pdf

        job = self.current_job()
        if job is None:
            self.statusBar().showMessage("Nothing to save yet: open a monograph or complete a dosing sheet.", 6000)
            return None
        saved = ask_and_save_pdf(self, job, path)
        if saved:
            self.statusBar().showMessage(f"Saved {saved}", 6000)
        return saved

    # ------------------------------------------------------------------ user data

    def warn(self, message: str) -> None:
        """User-data problems never stop the app: say so in a bar that stays until dismissed
        (the status bar alone was overwritten within a second: issue 17), and keep going."""
        self.statusBar().showMessage(f"⚠ {message}", 15000)
        self.last_warning = message
        self.notice_bar.add(message)

    def fit_to_screen(self) -> None:
        """Keep the whole window, title bar included, on the screen's available area (issue 17:
        at 1366x768 the notes and status bar were off-screen; at scale 2 the title-bar buttons)."""
        screen = self.screen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        frame_w = max(self.frameGeometry().width() - self.width(), FRAME_ALLOWANCE)
        frame_h = max(self.frameGeometry().height() - self.height(), TITLE_BAR_ALLOWANCE)
        width = min(self.width(), avail.width() - frame_w)
        height = min(self.height(), avail.height() - frame_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(max(width, 200), max(height, 200))
        frame = self.frameGeometry()
        x = min(max(frame.x(), avail.x()), avail.right() - frame.width() + 1)
        y = min(max(frame.y(), avail.y()), avail.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(x, avail.x()), max(y, avail.y()))
        side = max(240, min(340, self.width() * 26 // 100))
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sizes[0] > side:
            self.splitter.setSizes([side, sum(sizes) - side])

    @property
    def notice_bar(self) -> NoticeBar:
        """The dismissable warning bar above the panels, built with the first warning."""
        if self._parts.notice_bar is None:
            bar = NoticeBar()
            self._parts.notice_bar = bar
            self._central_layout.insertWidget(0, bar)
        return self._parts.notice_bar

    def _after_display(self, record: MonographRecord) -> None:
        self.bookmark_action.setEnabled(True)
        note = self.user_library.page_shown(record.id, record.title)
        self.notes.load(record.id, record.title, note)
        if self._parts.find_bar is not None and self.find_bar.isVisible() and self.find_bar.edit.text():
            self.find_in_page(self.find_bar.edit.text(), False)

    def _set_bookmark_state(self, marked: bool) -> None:
        self.bookmark_action.setChecked(marked)
        self.bookmark_action.setText("★ Bookmarked" if marked else "☆ Bookmark")

    def toggle_bookmark(self) -> None:
        if self.current is not None:
            self.user_library.toggle_bookmark(self.current.id, self.current.title)

    def _save_note(self, monograph_id: str, text: str) -> None:
        saved = self.user_library.save_note(monograph_id, text)
        if not saved:
            self.notes.status.setText("NOT saved")
        elif self.user_data.persistent:
            self.notes.status.setText("saved")
        else:  # the in-memory fallback: say so, never "saved"
            self.notes.status.setText("kept until you close the app, NOT saved to disk")

    def _save_pdf_dialog(self) -> None:
        self.save_current_as_pdf(None)

    # ------------------------------------------------------------------ find, zoom, theme

    def panes(self) -> list[QWidget]:
        """The regions F6 moves between, in reading order, skipping hidden ones."""
        side = self.side_panel.stack.currentWidget()
        if side is self.side_panel.tabs:
            side = self.side_panel.tabs.currentWidget()
        main = self.main_stack.currentWidget()
        if main is self.content_split:
            main = self.view
        candidates = [self.side_panel.search_box, side]
        if self._parts.differential_pane is not None and self.differential_pane.isVisible():
            candidates.append(self.differential_pane.list)
        candidates.append(main)
        if self._parts.notes is not None:
            candidates.append(self.notes.edit)
        return [w for w in candidates if w is not None and w.isVisible()]

    def cycle_pane(self, step: int) -> None:
        """Move keyboard focus to the next (1) or previous (-1) pane: a way out of long link lists."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        panes = self.panes()
        focus = QApplication.focusWidget()
        current = next((i for i, p in enumerate(panes) if focus is p or (focus and p.isAncestorOf(focus))), -1)
        target = panes[(current + step) % len(panes)]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_find_bar(self) -> None:
        self.find_bar.show()
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

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
        if self._parts.find_bar is not None:
            self.find_bar.count.setText(f"{len(selections)} found" if text else "")
        return len(selections)

    def _clear_find(self) -> None:
        self.view.setExtraSelections([])
        self.view.setFocus()

    @property
    def text_scale(self) -> int:
        return self.settings.get(keys.TEXT_SCALE)

    def set_text_scale(self, percent: int) -> None:
        """One text scale for the whole app: panels, monographs, tables and dialogs."""
        from PySide6.QtWidgets import QApplication

        low, high = keys.TEXT_SCALE_RANGE
        percent = max(low, min(high, percent))
        self.settings.set(keys.TEXT_SCALE, percent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            font = app.font()
            if self._base_point_size is None:
                self._base_point_size = font.pointSizeF()
            font.setPointSizeF(self._base_point_size * percent / 100)
            app.setFont(font)
        self.statusBar().showMessage(f"Text size {percent}%", 3000)
        self._rerender()

    def check_system_scheme(self) -> None:
        """Just after the first paint: read the system's colour scheme (this builds PySide6's Qt
        enums, about 40 ms, now rather than at the user's first keystroke), keep it for the next
        start, and recolour if it changed since then while the theme follows the system."""
        from PySide6.QtWidgets import QApplication

        from legpain_desktop.gui.theme import UI_BY_THEME, light_palette, system_scheme

        app = QApplication.instance()
        if ui_colours() is UI_BY_THEME["light"] and isinstance(app, QApplication):
            # Start-up left the platform's palette alone; now give it a readable selection and
            # outlines (tests/gui/test_contrast.py).
            app.setPalette(light_palette(app.palette()))
        live = system_scheme()
        if live == self.settings.get(keys.SYSTEM_SCHEME):
            return
        self.settings.set(keys.SYSTEM_SCHEME, live)
        self.settings.sync()
        if self.settings.get(keys.THEME) == "system":
            self.set_theme("system")

    def mark_theme(self, theme: str) -> None:
        """Tick ``theme`` in View > Theme."""
        for name, action in self.theme_actions.items():
            action.setChecked(name == theme)

    def set_theme(self, theme: str) -> None:
        from PySide6.QtWidgets import QApplication

        from legpain_desktop.gui.theme import apply_theme

        self.settings.set(keys.THEME, theme)
        self.mark_theme(theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.view.set_palette_theme(apply_theme(app, theme))
        self._restyle()
        self._rerender()

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        rows = []
        for action in self.findChildren(QAction):
            seqs = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty()]
            if seqs and action.text():
                rows.append((action.text().replace("&", ""), " or ".join(seqs)))
        rows += [("Focus search", "Ctrl+K or Ctrl+L"), ("Clear search", "Esc"), ("Move through results", "Down")]
        table = "".join(f"<tr><td>{a}</td><td><b>{k}</b></td></tr>" for a, k in sorted(set(rows)))
        box = QMessageBox(self)
        box.setWindowTitle("Keyboard shortcuts")
        box.setText(f"<table cellpadding='3'>{table}</table>")
        box.open()
        self._shortcuts_box = box

    # ------------------------------------------------------------------ session

    def _remember_patient_toggled(self, on: bool) -> None:
        self.settings.set(keys.REMEMBER_PATIENT, on)
        if not on:
            try:
                self.user_data.set_state("patient", None)
            except UserDataError as exc:
                self.warn(str(exc))

    def save_session(self) -> None:
        """Where the user left off, and window layout; patient details only if allowed."""
        if self._parts.notes is not None:
            self.notes.flush()
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.SPLITTER_STATE, self.splitter.saveState())
        session = SavedSession(
            monograph=self.current.id if self.current else None,
            scroll=self.view.verticalScrollBar().value(),
            selection=tuple(self.selection),
            tab=self.side_panel.tabs.currentIndex(),
            tab_id=self.tab_id(),
            absent=tuple(self.absent),
        )
        try:
            self.user_data.set_state("session", session.to_stored())
            if self.settings.get(keys.REMEMBER_PATIENT) and self._parts.dosing is not None:
                self.user_data.set_state("patient", self.dosing.form.raw_text())
        except UserDataError as exc:
            self.warn(str(exc))
        self.settings.sync()

    def restore_session(self, open_page: bool = True) -> None:
        """Put back the layout, findings, tab and page of the last session. With ``open_page``
        false the page is only noted, for :meth:`open_start_page` to draw after the first paint."""
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
            self.fit_to_screen()  # a layout saved on a bigger screen, or at another scale
        splitter = self.settings.get(keys.SPLITTER_STATE)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        self.remember_patient_action.setChecked(self.settings.get(keys.REMEMBER_PATIENT))
        try:
            state = self.user_data.get_state("session", {})
            patient = self.user_data.get_state("patient") if self.settings.get(keys.REMEMBER_PATIENT) else None
        except UserDataError as exc:
            self.warn(str(exc))
            state, patient = {}, None
        saved = SavedSession.from_stored(state)
        # Findings are checked against the vocabulary, not the engine: that is built on first use.
        self.selection = [f for f in saved.selection if f in self.finding_labels]
        self.absent = [f for f in saved.absent if f in self.finding_labels]
        self._differential = None
        if isinstance(patient, dict):
            self._pending_patient = patient  # filled in when the calculator is first opened
        if self.selection:
            # Restored findings are ranked, and their red flags raised, as soon as the window is
            # up: never left waiting for the user to switch tabs (issue 17, a safety defect).
            self.after_first_paint(self.recompute)
        if saved.monograph is not None:
            self._pending_page = (saved.monograph, saved.scroll)
        if open_page:
            self.open_start_page()
        by_id = self.tab_index(saved.tab_id) if saved.tab_id else -1
        if by_id >= 0:
            self.side_panel.tabs.setCurrentIndex(by_id)
        elif saved.tab is not None and saved.tab < self.side_panel.tabs.count():
            self.side_panel.tabs.setCurrentIndex(saved.tab)  # a session saved before tab ids

    def open_start_page(self) -> None:
        """The page the last session left open, at the same place; else the initial assessment."""
        pending, self._pending_page = self._pending_page, None
        if self.current is not None:
            return  # the user already opened something
        if pending is not None and self.open_monograph(pending[0]):
            if pending[1] is not None:
                self.view.verticalScrollBar().setValue(pending[1])
            return
        first = self.repo.get(START_PAGE) or next(iter(self.repo.list_monographs("algorithm")), None)
        if first is not None:
            self.open_monograph(first.id)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._first_paint_done)

    def _first_paint_done(self) -> None:
        import time

        self.first_painted_at = time.time()  # wall clock, for LEGPAIN_REPORT_START_UP
        self._run_after_first_paint()

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the window has been painted for the first time (soon, if it has)."""
        self._after_paint.append(callback)
        if self._painted:
            QTimer.singleShot(0, self, self._run_after_first_paint)
        else:
            QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self, self._run_after_first_paint)

    def _run_after_first_paint(self) -> None:
        callbacks, self._after_paint = self._after_paint, []
        for callback in callbacks:
            callback()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_session()
        super().closeEvent(event)

    def show_about(self) -> None:
        from legpain_desktop.gui.about import AboutDialog

        dialog = AboutDialog(__version__, self.manifest, self.repo.metadata(), self)
        dialog.open()
        self._about_dialog = dialog
