"""Settings locked by the administrator's policy show as locked and cannot be changed; a policy can
turn notes off; a portable install keeps its data beside the executable (issue 18, items 3-4)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from legpain_desktop.core import policy
from legpain_desktop.core.policy import load_policy
from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.app import make_settings, user_data_path
from legpain_desktop.gui.main_window import MainWindow
from legpain_desktop.gui.settings import Settings


def locked_settings(tmp_path: Path, data: dict[str, object]) -> Settings:
    path = tmp_path / "policy" / "policy.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), load_policy((path,)))


def test_a_locked_setting_reads_as_the_policy_and_a_write_changes_nothing(tmp_path: Path) -> None:
    settings = locked_settings(tmp_path, {"theme": "dark", "text_scale": 150})
    assert settings.get(keys.THEME) == "dark" and settings.get(keys.TEXT_SCALE) == 150
    settings.set(keys.THEME, "light")
    settings.set(keys.TEXT_SCALE, 90)
    assert settings.get(keys.THEME) == "dark" and settings.get(keys.TEXT_SCALE) == 150
    assert settings.is_locked(keys.THEME) and not settings.is_locked(keys.REMEMBER_PATIENT)
    assert "view/theme" not in settings.stored()  # the user's own file was not written
    settings.set(keys.REMEMBER_PATIENT, True)  # not locked: saved as before
    assert settings.get(keys.REMEMBER_PATIENT) is True


def test_make_settings_reads_the_machine_policy(tmp_path: Path) -> None:
    folder = Path(os.environ["LEGPAIN_POLICY_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.json").write_text(json.dumps({"remember_patient": False}), encoding="utf-8")
    settings = make_settings()
    assert settings.is_locked(keys.REMEMBER_PATIENT) and settings.get(keys.REMEMBER_PATIENT) is False


def window_with(qtbot: QtBot, shipped_db: Path, settings: Settings) -> MainWindow:
    from legpain_desktop.core.db.userdata import UserData
    from legpain_desktop.core.integrity import verify_database
    from legpain_desktop.gui.app import build_main_window

    repo, manifest = verify_database(shipped_db)
    window = build_main_window(repo, manifest, UserData(None), settings)
    qtbot.addWidget(window)
    return window


def test_the_window_shows_locked_commands_locked_and_turns_notes_off(
    qtbot: QtBot, tmp_path: Path, shipped_db: Path
) -> None:
    settings = locked_settings(
        tmp_path, {"theme": "light", "text_scale": 120, "remember_patient": False, "notes": False}
    )
    window = window_with(qtbot, shipped_db, settings)
    actions = window.commands
    for action in [
        *actions.themes.values(),
        actions.zoom_in,
        actions.zoom_out,
        actions.zoom_reset,
        actions.remember_patient,
    ]:
        assert not action.isEnabled()
        assert action.text().endswith("(locked by your administrator)")
    assert actions.search.isEnabled()  # nothing else is touched
    window.appearance.set_text_scale(200)  # e.g. a shortcut reaching it anyway
    assert window.appearance.text_scale == 120
    window.appearance.set_theme("dark")
    assert settings.get(keys.THEME) == "light"
    window.open_monograph("sciatica")
    notes = window.reading.notes
    assert notes.edit.isReadOnly()
    with qtbot.assertNotEmitted(notes.note_changed):
        notes.edit.setPlainText("a note that must not be saved")
        notes.flush()  # what switching page or closing does: nothing waits to be saved


def test_without_a_policy_nothing_is_locked(qtbot: QtBot, tmp_path: Path, shipped_db: Path) -> None:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = window_with(qtbot, shipped_db, settings)
    assert all(a.isEnabled() for a in window.commands.themes.values()) and window.commands.zoom_in.isEnabled()
    window.open_monograph("sciatica")
    assert not window.reading.notes.edit.isReadOnly()


def test_a_portable_install_keeps_user_data_and_settings_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tmp_path / "usb"
    app.mkdir()
    (app / "portable").write_text("", encoding="utf-8")
    monkeypatch.setattr(policy, "app_dir", lambda: app)
    monkeypatch.delenv("LEGPAIN_USER_DATA")
    assert user_data_path() == app / "portable-data" / "userdata.sqlite"
    settings = make_settings()
    settings.set(keys.TEXT_SCALE, 110)
    settings.sync()
    assert (app / "portable-data" / "settings.ini").is_file()
