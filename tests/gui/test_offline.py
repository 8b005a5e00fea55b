"""The app never touches the network: every socket attempt on the main paths fails the test."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from legpain_desktop.core.db.userdata import UserData
from legpain_desktop.core.integrity import verify_database
from legpain_desktop.gui.app import build_main_window, make_settings


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args)[:80])
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_main_paths_open_no_socket(qtbot: QtBot, shipped_db: Path, tmp_path: Path, no_network: list[str]) -> None:
    repo, manifest = verify_database(shipped_db)
    win = build_main_window(repo, manifest, UserData(tmp_path / "u.sqlite"), make_settings())
    qtbot.addWidget(win)
    win.show()
    win.side_panel.search_box.setText("sciatica")
    win.side_panel.run_search()
    win.open_monograph("lumbosacral-radiculopathy")
    win.view.anchorClicked.emit(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl("https://www.nice.org.uk/"))
    win.show_symptoms()
    win.symptoms.set_finding("region.calf", True)
    win.show_dosing("pregabalin")
    form = win.dosing.form
    for edit, value in (
        (form.age_edit, "75"),
        (form.weight_edit, "60"),
        (form.height_edit, "160"),
        (form.scr_edit, "1.2"),
    ):
        edit.setText(value)
    win.dosing.recompute()
    assert win.printing.save_pdf(str(tmp_path / "sheet.pdf"))
    assert no_network == []
    assert "PySide6.QtNetwork" not in sys.modules


def test_user_data_failure_mid_session_is_a_warning(qtbot: QtBot, shipped_db: Path, tmp_path: Path) -> None:
    repo, manifest = verify_database(shipped_db)
    user_data = UserData(tmp_path / "u.sqlite")
    win = build_main_window(repo, manifest, user_data, make_settings())
    qtbot.addWidget(win)
    win.show()
    win.open_monograph("gout")
    user_data.close()  # the disk goes away under the running app
    win.commands.bookmark.trigger()
    assert "could not save user data" in win.last_warning
    assert win.open_monograph("pregabalin")  # reading content still works; nothing crashed
    win.reading.notes.edit.setPlainText("typed while the disk is gone")
    win.reading.notes.flush()
    assert win.reading.notes.status.text() == "NOT saved"
    assert win.reading.notes.edit.toPlainText() == "typed while the disk is gone"  # nothing typed is lost on screen
