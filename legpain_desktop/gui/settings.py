"""Typed settings over QSettings: one declaration per key, values validated on the way out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from legpain_desktop.core.policy import TEXT_SCALE_RANGE as TEXT_SCALE_RANGE  # re-exported: one definition
from legpain_desktop.core.policy import THEMES as THEMES
from legpain_desktop.core.policy import Policy

T = TypeVar("T")


class Setting(Generic[T]):
    """One key: its default, how a stored value is converted, and what is valid."""

    __slots__ = ("convert", "default", "key", "valid")

    def __init__(
        self, key: str, default: T, convert: Callable[[Any], T], valid: Callable[[T], bool] = lambda _v: True
    ) -> None:
        self.key = key
        self.default = default
        self.convert = convert
        self.valid = valid


def _to_int(value: Any) -> int:
    return int(value)


def _to_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _to_bytes(value: Any) -> QByteArray:
    return value if isinstance(value, QByteArray) else QByteArray()


WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray(), _to_bytes)
SPLITTER_STATE: Setting[QByteArray] = Setting("window/splitter", QByteArray(), _to_bytes)
TEXT_SCALE: Setting[int] = Setting(
    "view/text_scale", 100, _to_int, lambda v: TEXT_SCALE_RANGE[0] <= v <= TEXT_SCALE_RANGE[1]
)
THEME: Setting[str] = Setting("view/theme", "system", str, lambda v: v in THEMES)
# The system's colour scheme as last seen, so a start with the "system" theme can colour the
# window before it first paints without asking Qt (which builds PySide6's Qt enums); it is
# checked again just after that paint.
SYSTEM_SCHEME: Setting[str] = Setting("view/system_scheme", "", str, lambda v: v in ("", "light", "dark"))
REMEMBER_PATIENT: Setting[bool] = Setting("privacy/remember_patient", False, _to_bool)
# Printed under a patient leaflet's title ("Given by ..."): the clinic's name, never a patient's.
CLINIC_NAME: Setting[str] = Setting("leaflets/clinic_name", "", str, lambda v: len(v) <= 120)
LEAFLET_LARGE_TYPE: Setting[bool] = Setting("leaflets/large_type", False, _to_bool)
STUDY_NEW_PER_DAY: Setting[int] = Setting("study/new_per_day", 20, _to_int, lambda v: 0 <= v <= 500)


# The settings an administrator's policy.json can lock (core/policy.py), by their name there.
POLICY_SETTINGS: dict[str, Setting[Any]] = {
    "theme": THEME,
    "text_scale": TEXT_SCALE,
    "remember_patient": REMEMBER_PATIENT,
}


class Settings:
    """Reads fall back to the default for a missing, damaged or out-of-range value. A setting the
    administrator's policy locks reads as the policy's value, and writing it changes nothing
    (the GUI shows it locked and offers no way to change it)."""

    def __init__(self, qsettings: QSettings, policy: Policy | None = None) -> None:
        self._q = qsettings
        self.policy = policy or Policy()
        self._locked = {POLICY_SETTINGS[name].key: value for name, value in self.policy.locked.items()}

    def is_locked(self, setting: Setting[Any]) -> bool:
        return setting.key in self._locked

    def get(self, setting: Setting[T]) -> T:
        if setting.key in self._locked:
            return setting.convert(self._locked[setting.key])
        raw = self._q.value(setting.key, None)
        if raw is None:
            return setting.default
        try:
            value = setting.convert(raw)
        except (TypeError, ValueError):
            return setting.default
        return value if setting.valid(value) else setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if not setting.valid(value):
            raise ValueError(f"{setting.key}: {value!r} is not a valid value")
        if setting.key in self._locked:
            return  # locked by the administrator: the policy's value stays
        self._q.setValue(setting.key, value)

    def sync(self) -> None:
        self._q.sync()

    def stored(self) -> dict[str, object]:
        """Every stored key and value (what this app keeps on the computer, for tests and support)."""
        return {key: self._q.value(key) for key in self._q.allKeys()}
