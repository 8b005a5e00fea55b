"""Where the user left off, kept in the user-data database: the page and its place, the findings,
the tab, the window's layout, and the patient's details only when the user allowed it (issue 15:
this lived in the main window). A failure to read or write is a warning, never a crash."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from legpain_desktop.core.db.userdata import UserData, UserDataError
from legpain_desktop.core.session import SavedSession
from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.settings import Settings
from legpain_desktop.gui.shell.geometry import FirstPaint

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray
    from PySide6.QtWidgets import QSplitter

    from legpain_desktop.core.db.repository import ContentRepository
    from legpain_desktop.core.integrity import Manifest
    from legpain_desktop.gui.browse.side_panel import SidePanel
    from legpain_desktop.gui.browse.titles import Titles
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
    titles: Titles
    manifest: Manifest

    def saveGeometry(self) -> QByteArray: ...
    def warn(self, message: str) -> None: ...


class Session:
    def __init__(self, host: Host) -> None:
        self.host = host
        # The page the last session left open, and where: offered as "Continue reading" on the
        # home page, and kept in the saved session until the user opens a page.
        self.resume: tuple[str, int | None] | None = None

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
        page: str | None
        scroll: int | None
        if current is not None:
            page, scroll = current.id, host.reading.view.verticalScrollBar().value()
        else:  # the home page: the page left open last time is still the one to continue
            page, scroll = self.resume if self.resume is not None else (None, None)
        session = SavedSession(
            monograph=page,
            scroll=scroll,
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
        """Put back the panes' layout, findings and tab of the last session (the window's own size
        and place came back with its shell), and note its page for the home page's "Continue
        reading". With ``open_page`` the home page is drawn now; without, by :meth:`open_start_page`."""
        host = self.host
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
        self.resume = (saved.monograph, saved.scroll) if saved.monograph is not None else None
        if open_page:
            self.open_start_page()
        tabs = host.side_panel.tabs
        by_id = host.tabs.index_of(saved.tab_id) if saved.tab_id else -1
        if by_id >= 0:
            tabs.setCurrentIndex(by_id)
        elif saved.tab is not None and saved.tab < tabs.count():
            tabs.setCurrentIndex(saved.tab)  # a session saved before tab ids

    def open_start_page(self) -> None:
        """The home page, unless the user has already opened a page."""
        if self.host.reading.current is None:
            self.show_home()

    def show_home(self) -> None:
        """Go > Home: the home page, with the page to continue, what must not be missed, the
        algorithms, bookmarks and recent pages."""
        from legpain_desktop.gui.reading.home_page import HomeContent, PageLink, home_html

        host = self.host
        current = host.reading.current
        if current is not None:  # from a page: it is the one to continue
            self.resume = (current.id, host.reading.view.verticalScrollBar().value())
        titles = host.titles.all()

        def links(ids: list[str]) -> list[PageLink]:
            seen = dict.fromkeys(i for i in ids if i in titles)  # in order, once, and in this content
            return [PageLink(i, *titles[i]) for i in seen]

        try:
            bookmarks = [b.monograph_id for b in host.user_data.bookmarks()]
            recent = [v.monograph_id for v in host.user_data.history(limit=50)]
        except UserDataError as exc:
            host.warn(str(exc))
            bookmarks, recent = [], []
        algorithms = host.titles.of("algorithm")
        content = HomeContent(
            content_version=host.manifest.content_version,
            resume=next(iter(links([self.resume[0]] if self.resume is not None else [])), None),
            start_here=next(iter(links([START_PAGE])), None),
            must_not_miss=host.repo.urgent_causes(),
            algorithms=links(sorted(algorithms, key=lambda i: algorithms[i].lower())),
            bookmarks=links(bookmarks),
            recent=links(recent),
        )
        host.reading.show_home(home_html(content))

    def resume_reading(self) -> None:
        """The home page's "Continue reading": the page the last session left open, at the same place."""
        if self.resume is None:
            return
        page, scroll = self.resume
        if self.host.reading.open(page) and scroll is not None:
            self.host.reading.view.verticalScrollBar().setValue(scroll)
