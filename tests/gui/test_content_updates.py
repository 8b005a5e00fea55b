"""File > Update content from folder… and what the window says about an installed pack (issue 18)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from legpain_desktop.core.integrity import verify_database
from legpain_desktop.core.packs import publish
from legpain_desktop.core.packs.store import installed_database, read_current
from legpain_desktop.core.paths import manifest_path
from legpain_desktop.gui.about import AboutDialog
from legpain_desktop.gui.main_window import MainWindow
from legpain_desktop.gui.updates.controller import show_installed_pack


@pytest.fixture()
def keys_and_pack(tmp_path: Path, fixture_db: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("LEGPAIN_CONTENT_DIR", str(tmp_path / "store"))
    db = tmp_path / "db" / "legpain.db"
    db.parent.mkdir()
    shutil.copyfile(fixture_db, db)
    shutil.copyfile(manifest_path(fixture_db), manifest_path(db))
    publish.keygen(tmp_path / "keys")
    publish.build_pack(db, tmp_path / "keys", tmp_path / "pack", signed_by="Riverside IT", review_days=10)
    return tmp_path / "keys", tmp_path / "pack"


def test_the_file_menu_offers_the_update(shipped_window: MainWindow) -> None:
    action = shipped_window.commands.update_content
    assert action.isEnabled()
    file_menu = shipped_window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()


def test_a_pack_installs_from_the_gui_and_says_so(
    qtbot: QtBot, shipped_window: MainWindow, keys_and_pack: tuple[Path, Path]
) -> None:
    keys, pack = keys_and_pack
    with qtbot.waitSignal(shipped_window.updates.finished, timeout=30000) as signal:
        shipped_window.updates.install(pack, keys / "root.json")
    text = str(signal.args[0])
    assert text.startswith("Content pack 1 is installed") and "signed by Riverside IT" in text
    assert "Close and reopen LegPain Desktop to use it." in text
    assert installed_database() is not None and read_current().current == 1


def test_a_first_install_asks_for_the_publishers_root(
    qtbot: QtBot, shipped_window: MainWindow, keys_and_pack: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    keys, pack = keys_and_pack
    asked: list[bool] = []
    monkeypatch.setattr(shipped_window.updates, "ask_trusted_root", lambda: asked.append(True) or keys / "root.json")
    with qtbot.waitSignal(shipped_window.updates.finished, timeout=30000) as signal:
        shipped_window.updates.install(pack)
    assert asked == [True] and str(signal.args[0]).startswith("Content pack 1 is installed")


def test_a_tampered_pack_is_refused_with_the_reason_and_nothing_changes(
    qtbot: QtBot, shipped_window: MainWindow, keys_and_pack: tuple[Path, Path]
) -> None:
    keys, pack = keys_and_pack
    target = pack / "targets" / "legpain.db"
    data = bytearray(target.read_bytes())
    data[100] ^= 0xFF
    target.write_bytes(bytes(data))
    with qtbot.waitSignal(shipped_window.updates.finished, timeout=30000) as signal:
        shipped_window.updates.install(pack, keys / "root.json")
    text = str(signal.args[0])
    assert text.startswith("The update was refused: tampered or truncated file")
    assert text.endswith("The content in use is unchanged.")
    assert installed_database() is None


def test_the_window_names_the_installed_pack_and_warns_after_its_review_date(
    qtbot: QtBot, shipped_window: MainWindow, keys_and_pack: tuple[Path, Path]
) -> None:
    from legpain_desktop.core.packs import install

    keys, pack = keys_and_pack
    installed = install.update_from(pack, keys / "root.json").path
    show_installed_pack(shipped_window, installed, today=date.today())
    assert "pack 1, signed by Riverside IT" in shipped_window.status_version.text()
    assert f"of {date.today().isoformat()}" in shipped_window.status_version.text()  # the build date
    assert shipped_window.last_warning == ""  # not yet due
    show_installed_pack(shipped_window, installed, today=date.today() + timedelta(days=11))
    assert "due for review on" in shipped_window.last_warning and "may be out of date" in shipped_window.last_warning
    repo, manifest = verify_database(installed)
    about = AboutDialog("9.9", manifest, repo.metadata(), shipped_window, installed)
    qtbot.addWidget(about)
    assert "Installed from content pack 1, signed by Riverside IT" in about.text.toPlainText()
    repo.close()


def test_the_bundled_content_shows_no_pack(shipped_window: MainWindow, shipped_db: Path) -> None:
    before = shipped_window.status_version.text()
    show_installed_pack(shipped_window, shipped_db)
    assert shipped_window.status_version.text() == before and shipped_window.last_warning == ""
