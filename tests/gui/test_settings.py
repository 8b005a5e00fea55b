"""Typed settings: damaged or out-of-range values fall back to defaults, never crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.settings import Settings


def test_defaults_and_round_trip(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    s = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert s.get(keys.TEXT_SCALE) == 100 and s.get(keys.THEME) == "system" and s.get(keys.REMEMBER_PATIENT) is False
    s.set(keys.TEXT_SCALE, 130)
    s.set(keys.THEME, "dark")
    s.set(keys.REMEMBER_PATIENT, True)
    s.sync()
    again = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert (again.get(keys.TEXT_SCALE), again.get(keys.THEME), again.get(keys.REMEMBER_PATIENT)) == (130, "dark", True)
    with pytest.raises(ValueError, match="view/theme"):
        s.set(keys.THEME, "purple")


def test_damaged_values_fall_back(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.ini"
    path.write_text("[view]\ntext_scale=lots\ntheme=neon\n[window]\ngeometry=@ByteArray(garbage\n")
    s = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert s.get(keys.TEXT_SCALE) == 100
    assert s.get(keys.THEME) == "system"
    path.write_text("[view]\ntext_scale=5000\n")
    assert Settings(QSettings(str(path), QSettings.Format.IniFormat)).get(keys.TEXT_SCALE) == 100
