"""Where the user left off, kept in the user-data database: the page and its place, the findings,
the tab, and the patient's details only when the user allowed it (issue 15: these lived in the
main window). A failure to read or write is a warning, never a crash."""

from __future__ import annotations

from collections.abc import Callable

from legpain_desktop.core.db.userdata import UserData, UserDataError
from legpain_desktop.core.session import SavedSession
from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.settings import Settings


class SessionStore:
    def __init__(self, user_data: UserData, settings: Settings, warn: Callable[[str], None]) -> None:
        self.user_data = user_data
        self.settings = settings
        self.warn = warn

    @property
    def remember_patient(self) -> bool:
        return self.settings.get(keys.REMEMBER_PATIENT)

    def set_remember_patient(self, on: bool) -> None:
        """Remember the patient's details from now on, or forget the ones kept."""
        self.settings.set(keys.REMEMBER_PATIENT, on)
        if not on:
            try:
                self.user_data.set_state("patient", None)
            except UserDataError as exc:
                self.warn(str(exc))

    def save(self, session: SavedSession, patient: dict[str, object] | None) -> None:
        try:
            self.user_data.set_state("session", session.to_stored())
            if self.remember_patient and patient is not None:
                self.user_data.set_state("patient", patient)
        except UserDataError as exc:
            self.warn(str(exc))
        self.settings.sync()

    def load(self) -> tuple[SavedSession, dict[str, object] | None]:
        """The last session, and the patient's details if they were to be remembered."""
        try:
            state = self.user_data.get_state("session", {})
            patient = self.user_data.get_state("patient") if self.remember_patient else None
        except UserDataError as exc:
            self.warn(str(exc))
            state, patient = {}, None
        return SavedSession.from_stored(state), patient if isinstance(patient, dict) else None
