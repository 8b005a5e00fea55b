"""Where the user left off, kept in the user-data database: the page and its place, the findings,
the tab, the window's layout, and the patient's details only when the user allowed it (issue 15:
this lived in the main window). A failure to read or write is a warning, never a crash."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from legpain_desktop.core.db.userdata import UserData, UserDataError
from legpain_desktop.core.session import SavedSession
from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.settings import Settings
from legpain_desktop.gui.shell.geometry import FirstPaint, fit_to_screen

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray
    from PySide6.QtWidgets import QSplitter

    from legpain_desktop.core.db.repository import ContentRepository
    from legpain_desktop.gui.browse.side_panel import SidePanel
    from legpain_desktop.gui.dosing.home import DosingHome
    from legpain_desktop.gui.reading.controller import ReadingController
    from legpain_desktop.gui.shell.actions import WindowActions
    from legpain_desktop.gui.shell.tabs import TabRegistry
    from legpain_desktop.gui.symptoms.controller import SymptomsController

START_PAGE = "initial-assessment"


class Host(Protocol):
    """What the session needs of the window: its parts, never its methods."""

    repo: ContentRepository
    settings: Settings
    user_data: UserData
    side_panel: SidePanel
    splitter: QSplitter
    tabs: TabRegistry
    commands: WindowActions
    reading: ReadingController
    symptoms: SymptomsController
    dosing_home: DosingHome
    first_paint: FirstPaint

    def saveGeometry(self) -> QByteArray: ...
    def restoreGeometry(self, geometry: QByteArray) -> bool: ...
    def warn(self, message: str) -> None: ...


class Session:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.pending_page: tuple[str, int | None] | None = None  # the saved page, for open_start_page

    @property
    def remember_patient(self) -> bool:
        return self.host.settings.get(keys.REMEMBER_PATIENT)

    def set_remember_patient(self, on: bool) -> None:
        """Remember the patient's details from now on, or forget the ones kept."""
        self.host.settings.set(keys.REMEMBER_PATIENT, on)
        if not on:
            try:
                self.host.user_data.set_state("patient", None)
            except UserDataError as exc:
                self.host.warn(str(exc))

    def save(self) -> None:
        """Where the user left off, and the window's layout; the patient's details only if allowed."""
        host = self.host
        if "notes" in host.reading.built:
            host.reading.notes.flush()
        host.settings.set(keys.WINDOW_GEOMETRY, host.saveGeometry())
        host.settings.set(keys.SPLITTER_STATE, host.splitter.saveState())
        current = host.reading.current
        session = SavedSession(
            monograph=current.id if current else None,
            scroll=host.reading.view.verticalScrollBar().value(),
            selection=tuple(host.symptoms.selection),
            tab=host.side_panel.tabs.currentIndex(),
            tab_id=host.tabs.id_at(),
            absent=tuple(host.symptoms.absent),
        )
        patient = host.dosing_home.remembered_patient()
        try:
            host.user_data.set_state("session", session.to_stored())
            if self.remember_patient and patient is not None:
                host.user_data.set_state("patient", patient)
        except UserDataError as exc:
            host.warn(str(exc))
        host.settings.sync()

    def _load(self) -> tuple[SavedSession, dict[str, object] | None]:
        try:
            state = self.host.user_data.get_state("session", {})
            patient = self.host.user_data.get_state("patient") if self.remember_patient else None
        except UserDataError as exc:
            self.host.warn(str(exc))
            state, patient = {}, None
        return SavedSession.from_stored(state), patient if isinstance(patient, dict) else None

    def restore(self, open_page: bool = True) -> None:
        """Put back the layout, findings, tab and page of the last session. With ``open_page``
        false the page is only noted, for :meth:`open_start_page` to draw after the first paint."""
        host = self.host
        geometry = host.settings.get(keys.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            host.restoreGeometry(geometry)
            fit_to_screen(host, host.splitter)  # type: ignore[arg-type]  # a layout from another screen
        splitter = host.settings.get(keys.SPLITTER_STATE)
        if not splitter.isEmpty():
            host.splitter.restoreState(splitter)
        host.commands.remember_patient.setChecked(self.remember_patient)
        saved, host.dosing_home.pending_patient = self._load()
        host.symptoms.restore(saved.selection, saved.absent)
        if host.symptoms.selection:
            # Restored findings are ranked, and their red flags raised, as soon as the window is
            # up: never left waiting for the user to switch tabs (issue 17, a safety defect).
            host.first_paint.after(host.symptoms.recompute)
        self.pending_page = (saved.monograph, saved.scroll) if saved.monograph is not None else None
        if open_page:
            self.open_start_page()
        tabs = host.side_panel.tabs
        by_id = host.tabs.index_of(saved.tab_id) if saved.tab_id else -1
        if by_id >= 0:
            tabs.setCurrentIndex(by_id)
        elif saved.tab is not None and saved.tab < tabs.count():
            tabs.setCurrentIndex(saved.tab)  # a session saved before tab ids

    def open_start_page(self) -> None:
        """The page the last session left open, at the same place; else the initial assessment."""
        pending, self.pending_page = self.pending_page, None
        reading = self.host.reading
        if reading.current is not None:
            return  # the user already opened something
        if pending is not None and reading.open(pending[0]):
            if pending[1] is not None:
                reading.view.verticalScrollBar().setValue(pending[1])
            return
        repo = self.host.repo
        first = repo.get(START_PAGE) or next(iter(repo.list_monographs("algorithm")), None)
        if first is not None:
            reading.open(first.id)
