"""The main window: lays out the panes, builds the actions and menus, and connects the features.

Each feature has its own package with a controller that owns its state (issue 15): ``browse``,
``reading`` (page, history, find, notes, flow diagram), ``symptoms`` (findings, differential, red
flags), ``dosing``, ``scores``, ``library`` and ``updates``. The window places their widgets and
connects their signals, all in :meth:`MainWindow._connect_signals`; it holds no clinical state.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QWidget

from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.settings import Settings
from legpain_desktop.gui.shell.geometry import FirstPaint, fit_to_screen, restore_geometry

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from legpain_desktop.core.db.repository import ContentRepository, MonographRecord
    from legpain_desktop.core.db.userdata import UserData
    from legpain_desktop.core.differential import DifferentialEngine
    from legpain_desktop.core.dosing.formulary import Formulary
    from legpain_desktop.core.integrity import Manifest
    from legpain_desktop.core.legmap import LegMap
    from legpain_desktop.gui.dosing.controller import DosingController
    from legpain_desktop.gui.printing import PrintJob

APP_NAME = "LegPain Desktop"
STATUS_MS = 6000  # how long a passing status message stays


class MainWindow(QMainWindow):
    """Built in two steps, so the window the user will use is on the screen at once: the shell
    (at its saved size and place, its title saying it is opening, empty: no child widget, as the
    first one costs 5 to 10 ms on X), then, once the content has been verified, :meth:`build`
    puts the panes into this same window."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings, self.built, self.last_warning = settings, False, ""
        self.first_paint = FirstPaint(self)
        self.setWindowTitle(self.tr("{0} — opening…").format(APP_NAME))
        self.resize(1280, 820)
        restore_geometry(self, settings.get(keys.WINDOW_GEOMETRY))

    def build(
        self,
        repo: ContentRepository,
        manifest: Manifest,
        engine: Callable[[], DifferentialEngine],
        leg_map: Callable[[], LegMap],
        formulary: Callable[[], Formulary],
        user_data: UserData,
    ) -> None:
        """The panes, menus and features, from the verified content (the window's modules load here)."""
        from legpain_desktop.gui.shell import parts as p

        p.install_accessibility()  # painted links, steps and map regions, for screen readers
        settings = self.settings
        self.repo, self.manifest, self.user_data = repo, manifest, user_data
        self.titles = p.Titles(repo)
        version = manifest.content_version
        # ---- panes: side panel | (differential pane, built on first use) | main stack
        self.side_panel = p.SidePanel(
            repo.list_monographs(),
            repo.search,
            self.titles.suggest,
            detailed=lambda text, correct: repo.search_detailed(text, correct=correct),
        )
        self.first_paint.after(self.side_panel.after_first_paint)
        self.tabs = p.TabRegistry(self.side_panel.tabs, p.LAZY_TABS)
        self.tabs.mark(self.side_panel.tree, "browse")
        self.reading = p.ReadingController(repo, self.titles.all, self, notes=settings.policy.notes_enabled)
        self.view = self.reading.view
        self.main_stack = p.QStackedWidget()
        self.main_stack.addWidget(self.reading.widget)
        self.panes = p.Panes(self, self.side_panel, self.main_stack)
        self.splitter = self.panes.splitter
        fit_to_screen(self, self.splitter)
        # ---- features: each builds its panels on first use and hands them here to place
        self.user_library = p.UserLibrary(user_data, self.titles.of, version, self)
        causes = self.titles.causes
        self.symptoms = p.SymptomsController(
            repo, engine, leg_map, causes, self._install("symptoms"), self.panes.place_pane, self
        )
        self.dosing_home = p.DosingHome(
            repo, formulary, causes, version, self._install("dose"), self.main_stack.addWidget, self
        )
        self.scores = p.ScoresHome(
            lambda: self.symptoms.selection, self._install("scores"), self._show_tab, version, self
        )
        self.leaflets = p.LeafletHome(settings, self.reading.place_above, self)
        self.commands = p.WindowActions(self)
        self.commands.install(self)
        self.appearance = p.Appearance(settings, self.commands, self)
        self.updates = p.ContentUpdates(self.commands, settings, self)
        self.study = p.StudyHome(p.cards_from(repo), user_data, settings, self.titles.all, self._install("study"), self)
        self.printing = p.PrintActions(self, self.current_job)
        self.session = p.Session(self)
        self.red_flag_indicator, self.status_version = self.panes.install_status(self, version)
        if p.check_box_style():  # a dark or high-contrast start (light needs nothing)
            self.setStyleSheet(p.check_box_style())
        self._connect_signals()
        self.setWindowTitle(APP_NAME)
        self.built = True

    def _connect_signals(self) -> None:
        from legpain_desktop.gui.shell import parts as p

        actions, reading, symptoms, dosing, library = (
            self.commands, self.reading, self.symptoms, self.dosing_home, self.user_library,
        )  # fmt: skip
        # ---- opening pages: every link, list and search result goes through the reading controller
        for source in (self.side_panel, self.view, library, symptoms, dosing, self.study):
            source.monograph_requested.connect(reading.open)
        for asks_score in (self.view, symptoms, self.study):
            asks_score.score_requested.connect(self.scores.open)
        self.view.external_link_clicked.connect(lambda url: reading.show_external_link(url, self.status))
        reading.page_shown.connect(self._on_page_shown)
        reading.page_shown.connect(self.leaflets.show_for)
        reading.not_found.connect(lambda i: self.status(f"No monograph with id {i!r} in this content version."))
        reading.bind_history(actions.back, actions.forward)
        reading.home_shown.connect(lambda: self._on_page_shown(None))
        self.view.resume_requested.connect(self.session.resume_reading)
        actions.home.triggered.connect(self.session.show_home)
        reading.note_changed.connect(lambda i, text: reading.notes.status.setText(library.record_note(i, text)))
        # ---- the page shows each feature's one result (issue 15: computed once per input)
        reading.add_decorator(dosing.decorate)
        reading.add_decorator(lambda record, body: symptoms.decorate(record, body, self.view.theme))
        reading.add_decorator(self.scores.decorate)
        symptoms.differential_changed.connect(self.red_flag_indicator.show_flags)
        symptoms.differential_changed.connect(lambda _result: self._rerender_if("cause"))
        dosing.band_changed.connect(lambda: self._rerender_if("drug"))
        self.red_flag_indicator.clicked.connect(lambda: self.show_symptoms())
        # ---- printing, copying and messages
        for prints in (dosing, self.leaflets):
            prints.print_requested.connect(lambda: self.printing.print())
            prints.pdf_requested.connect(lambda: self.printing.save_pdf(None))
        self.scores.print_requested.connect(self.printing.print)
        for speaker in (dosing, self.scores, self.printing, self.appearance, self.updates, self.study):
            speaker.message.connect(self.status)
        library.warning.connect(self.warn)
        library.message.connect(self.statusBar().showMessage)
        library.bind_bookmark(actions.bookmark, lambda: reading.current)
        # ---- appearance
        self.appearance.theme_applied.connect(self.view.set_palette_theme)
        self.appearance.recoloured.connect(self._restyle)
        self.appearance.changed.connect(reading.rerender)
        # ---- actions
        self.side_panel.tabs.currentChanged.connect(self._on_tab_changed)
        actions.search.triggered.connect(self.side_panel.focus_search)
        actions.about.triggered.connect(lambda: p.about_dialog(self, self.manifest, self.repo))
        actions.dose.triggered.connect(self.dose_current_drug)
        actions.print.triggered.connect(lambda: self.printing.print())
        actions.preview.triggered.connect(self.printing.preview)
        actions.pdf.triggered.connect(lambda: self.printing.save_pdf(None))
        actions.find.triggered.connect(reading.open_find_bar)
        actions.find_next.triggered.connect(lambda: reading.find_again(False))
        actions.find_previous.triggered.connect(lambda: reading.find_again(True))
        actions.shortcuts.triggered.connect(lambda: p.shortcuts_dialog(self))
        actions.symptoms.triggered.connect(lambda: self.show_symptoms(focus=True))
        actions.dosing_tab.triggered.connect(lambda: self.show_dosing(focus=True))
        actions.quit.triggered.connect(self.close)
        regions = partial(p.focus_regions, self.side_panel, symptoms, self.main_stack, reading)
        actions.next_pane.triggered.connect(lambda: p.cycle_focus(regions(), 1))
        actions.previous_pane.triggered.connect(lambda: p.cycle_focus(regions(), -1))
        actions.remember_patient.toggled.connect(self.session.set_remember_patient)
        actions.export_anki.triggered.connect(self.study.ask_export_anki)

    # ------------------------------------------------------------------ placing the features' parts

    def status(self, message: str) -> None:
        """A passing line in the status bar."""
        self.statusBar().showMessage(message, STATUS_MS)

    def _install(self, tab_id: str) -> Callable[[QWidget], None]:
        return lambda widget: self.tabs.install(tab_id, widget)

    def _show_tab(self, widget: QWidget) -> None:
        self.side_panel.show_tabs()
        self.side_panel.tabs.setCurrentWidget(widget)

    @property
    def dosing(self) -> DosingController:
        return self.dosing_home.controller

    # ------------------------------------------------------------------ switching panels

    def _on_tab_changed(self, index: int) -> None:
        tab = self.tabs.id_at(index)
        self.symptoms.show_panes(tab == "symptoms")
        current = self.reading.current
        if tab == "dose":
            self.main_stack.setCurrentWidget(self.dosing.view)
            self.dosing.recompute()
            self.setWindowTitle(self.tr("Dose calculator — {0}").format(APP_NAME))  # not the last monograph's title
            self.statusBar().showMessage(self.tr("Dose calculator: every result shows its rule, working and source"))
        else:
            self.main_stack.setCurrentWidget(self.reading.widget)
            self.setWindowTitle(f"{current.title} — {APP_NAME}" if current else APP_NAME)
        if tab == "library" and self.tabs.widget("library") is not self.user_library.panel:
            self.tabs.install("library", self.user_library.panel)  # built on first show
        if tab in ("scores", "study"):
            getattr(self, tab).panel  # noqa: B018 - builds the panel on first show

    def show_symptoms(self, focus: bool = False) -> None:
        self._show_tab(self.symptoms.findings_panel)
        self._on_tab_changed(self.side_panel.tabs.currentIndex())
        if focus:  # Ctrl+1 puts the keyboard in the panel it opens
            self.symptoms.findings_panel.filter_box.setFocus()

    def show_dosing(self, drug_id: str | None = None, focus: bool = False) -> None:
        self.side_panel.show_tabs()
        self.dosing  # noqa: B018 - builds the form's tab on first use
        self.side_panel.tabs.setCurrentIndex(self.tabs.index_of("dose"))
        self._on_tab_changed(self.side_panel.tabs.currentIndex())
        if drug_id:
            self.dosing.select_drug(drug_id)
        if focus:  # Ctrl+2 puts the keyboard on the form's first field
            from legpain_desktop.gui.shell.focus import first_field

            first_field(self.dosing.form).setFocus()

    def dose_current_drug(self) -> None:
        if self.reading.current is not None and self.reading.current.kind == "drug":
            self.show_dosing(self.reading.current.id)

    # ------------------------------------------------------------------ pages

    def open_monograph(self, monograph_id: str) -> bool:
        return self.reading.open(monograph_id)

    def _on_page_shown(self, record: MonographRecord | None) -> None:
        """A monograph, or (None) the home page, is now in view."""
        self.main_stack.setCurrentWidget(self.reading.widget)
        self.commands.dose.setEnabled(record is not None and record.kind == "drug")
        self.commands.bookmark.setEnabled(record is not None)
        self.setWindowTitle(f"{record.title} — {APP_NAME}" if record else APP_NAME)
        self.side_panel.select_in_tree(record.id if record else None)
        if record is None:
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(self.tr("{0} · reviewed {1}").format(record.title, record.reviewed))
            self.reading.notes.load(record.id, record.title, self.user_library.page_shown(record.id, record.title))

    def _rerender_if(self, kind: str) -> None:
        """Draw the open page again if it is of ``kind`` and in view (its feature's result changed)."""
        current = self.reading.current
        if current is not None and current.kind == kind and self.main_stack.currentWidget() is self.reading.widget:
            self.reading.rerender()

    def current_job(self) -> PrintJob | None:
        """What Print, Print preview and Save as PDF work on: the dosing sheet in view, else the page
        (a leaflet with the clinic, instructions and type size of its bar)."""
        version, current = self.manifest.content_version, self.reading.current
        sheet = self.dosing_home.job() if self.dosing_home.built else None
        if sheet is not None and self.main_stack.currentWidget() is self.dosing.view:
            return sheet
        if current is not None and current.kind == "leaflet":
            return self.leaflets.job(current, version)
        return self.reading.job(version)

    # ------------------------------------------------------------------ warnings and colours

    def warn(self, message: str) -> None:
        """User-data problems never stop the app: say so in a bar that stays until dismissed
        (the status bar alone was overwritten within a second: issue 17), and keep going."""
        self.statusBar().showMessage(f"⚠ {message}", 15000)
        self.last_warning = message
        self.panes.notice_bar.add(message)

    def _restyle(self) -> None:
        """After a theme change: every colour the app draws itself, in the new theme."""
        self.red_flag_indicator.restyle()
        if self.panes.has_notice_bar:
            self.panes.notice_bar.restyle()
        self.symptoms.restyle()
        from legpain_desktop.gui.theme import check_box_style

        self.setStyleSheet(check_box_style())  # check boxes and outlines on a dark base ("" in light)
        if self.dosing_home.built:
            self.dosing.recompute()  # the sheet's severity words and shaded row in the new colours

    # ------------------------------------------------------------------ start-up and closing

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.first_paint.on_paint()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.built:  # a shell closed before the content came has nothing to keep
            self.appearance.check_system_scheme()  # if it has not run yet: known at the next start
            self.session.save()
        super().closeEvent(event)
