from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from legpain_desktop.core.integrity import verify_database
from legpain_desktop.gui.app import build_main_window
from legpain_desktop.gui.main_window import MainWindow


@pytest.fixture()
def shipped_window(qtbot: QtBot, shipped_db: Path) -> MainWindow:
    """The real window over the shipped content, user data in the test's temporary folder."""
    repo, manifest = verify_database(shipped_db)
    win = build_main_window(repo, manifest)
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.show()
    return win
