"""Start-up: the path the app starts by, what it draws first and what it leaves for later."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QStatusBar, QWidget
from pytestqt.qtbot import QtBot

from legpain_desktop.core.db.errors import DatabaseCorrupt, DatabaseMissing
from legpain_desktop.core.library import ContentOpening
from legpain_desktop.core.paths import manifest_path
from legpain_desktop.gui.app import open_main_window
from legpain_desktop.gui.main_window import MainWindow
from legpain_desktop.gui.reading.home_page import HOME_ID, RESUME_URL
from legpain_desktop.gui.shell.session import START_PAGE
from tests.conftest import ROOT


def _shell(qtbot: QtBot, db: Path) -> MainWindow:
    """The window as open_main_window returns it: its shell, shown, before its first paint."""
    window = open_main_window(db)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    return window


def _open(qtbot: QtBot, db: Path) -> MainWindow:
    """The window once its panes are built (just after the shell's first paint) and the home page drawn."""
    window = _shell(qtbot, db)
    qtbot.waitUntil(lambda: window.built)
    return window


def test_content_is_opened_and_verified_on_a_worker_thread(shipped_db: Path) -> None:
    repo, manifest = ContentOpening(shipped_db).result()
    assert manifest.content_version == repo.metadata()["content_version"]
    assert repo.get(START_PAGE) is not None  # usable from this (another) thread
    repo.close()


def test_a_problem_found_on_the_worker_thread_is_raised_to_the_caller(shipped_db: Path, tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing):
        ContentOpening(tmp_path / "absent.db").result()
    damaged = tmp_path / "legpain.db"
    data = bytearray(shipped_db.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    manifest_path(damaged).write_text(manifest_path(shipped_db).read_text())
    with pytest.raises(DatabaseCorrupt, match="does not match its manifest"):
        ContentOpening(damaged).result()


def test_a_damaged_database_gives_status_3_and_no_window(qtbot: QtBot, fixture_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "legpain.db"
    db.write_bytes(b"")
    before = set(QApplication.topLevelWidgets())
    assert open_main_window(db, smoke_test=True) == 3
    assert not [w for w in set(QApplication.topLevelWidgets()) - before if isinstance(w, MainWindow)]


def test_the_shell_comes_first_with_nothing_from_the_content(qtbot: QtBot, shipped_db: Path) -> None:
    """The window is shown as a shell before the content check has been awaited: at its size,
    its title saying it is opening, and empty: nothing from the content (no panes, menus or
    version), no widget at all."""
    window = _shell(qtbot, shipped_db)
    assert window.isVisible() and not window.built and not window.first_paint.painted
    assert window.windowTitle() == "LegPain Desktop — opening…"
    assert window.centralWidget() is None and window.menuWidget() is None and window.findChild(QStatusBar) is None
    assert not hasattr(window, "repo") and not hasattr(window, "view")
    assert window.findChildren(QWidget) == []
    qtbot.waitUntil(lambda: window.built)  # after the shell's first paint, into this same window
    assert window.first_paint.painted
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()] == [window]
    assert window.centralWidget() is not None and window.menuBar().actions()
    assert window.windowTitle() == "LegPain Desktop"


def test_the_shell_has_the_size_and_place_the_last_session_left(qtbot: QtBot, shipped_db: Path) -> None:
    first = _open(qtbot, shipped_db)
    first.resize(700, 450)  # within the offscreen screen (800x600), which fit_to_screen keeps to
    first.move(20, 30)
    qtbot.wait(10)
    size, place = first.size(), first.pos()
    first.close()
    first.user_data.close()
    shell = _shell(qtbot, shipped_db)
    assert not shell.built
    assert (shell.size(), shell.pos()) == (size, place)  # the panes are built into this geometry, not moved to it
    qtbot.waitUntil(lambda: shell.built)
    assert shell.size() == size


def test_a_failed_content_check_shows_its_error_over_the_shell_and_exits_3(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    db = tmp_path / "legpain.db"
    db.write_bytes(b"")
    shown: list[tuple[str, str, bool]] = []

    def show(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text(), box.parent() is window))
        return 0

    exits: list[int] = []
    monkeypatch.setattr(QMessageBox, "exec", show)
    monkeypatch.setattr(QCoreApplication, "exit", staticmethod(exits.append))
    window = _shell(qtbot, db)
    qtbot.waitUntil(lambda: exits == [3])
    assert not window.built and window.centralWidget() is None  # no content was ever shown
    assert window.windowTitle() == "LegPain Desktop"  # no longer "opening"
    assert len(shown) == 1
    title, text, over_the_shell = shown[0]
    assert title == "LegPain Desktop cannot show its content" and "no clinical content is shown" in text
    assert over_the_shell


def test_the_home_page_is_drawn_just_after_the_first_paint(qtbot: QtBot, shipped_db: Path) -> None:
    window = _open(qtbot, shipped_db)
    assert window.side_panel.browse_model.rowCount() == 5  # causes, drugs, algorithms, topics, leaflets
    assert window.view.current_id == HOME_ID  # drawn as the panes are built
    assert window.reading.current is None  # no monograph: no notes pane, no flow diagram
    assert "notes" not in window.reading.built and "flow" not in window.reading.built
    text = window.view.toPlainText()
    assert "Must not miss" in text and "Cauda equina syndrome" in text
    assert "Continue reading" not in text  # a new user has nothing to continue


def test_the_last_page_is_one_click_away_at_the_same_place(qtbot: QtBot, shipped_db: Path) -> None:
    first = _open(qtbot, shipped_db)
    qtbot.waitUntil(lambda: first.view.current_id == HOME_ID)
    first.open_monograph("gout")
    first.view.verticalScrollBar().setValue(150)
    scroll = first.view.verticalScrollBar().value()
    assert scroll > 0
    first.close()
    first.user_data.close()

    second = _open(qtbot, shipped_db)
    qtbot.waitUntil(lambda: second.view.current_id == HOME_ID)
    assert second.reading.current is None
    assert "Continue reading: Gout" in second.view.toPlainText()
    second.view.anchorClicked.emit(QUrl(RESUME_URL))  # the link, as a click sends it
    assert second.reading.current is not None and second.reading.current.id == "gout"
    assert second.view.verticalScrollBar().value() == scroll


def test_closing_on_the_home_page_keeps_the_page_to_continue(qtbot: QtBot, shipped_db: Path) -> None:
    first = _open(qtbot, shipped_db)
    qtbot.waitUntil(lambda: first.view.current_id == HOME_ID)
    first.open_monograph("bakers-cyst")
    opened = first.reading.current
    assert opened is not None
    first.close()
    first.user_data.close()
    second = _open(qtbot, shipped_db)
    qtbot.waitUntil(lambda: second.view.current_id == HOME_ID)
    second.close()  # closed without opening anything
    second.user_data.close()
    third = _open(qtbot, shipped_db)
    qtbot.waitUntil(lambda: third.view.current_id == HOME_ID)
    assert f"Continue reading: {opened.title}" in third.view.toPlainText()


def test_a_page_the_user_opens_first_is_not_replaced(qtbot: QtBot, shipped_db: Path) -> None:
    window = _open(qtbot, shipped_db)
    window.open_monograph("gout")  # e.g. a click before the work queued after the first paint has run
    qtbot.wait(50)
    assert window.reading.current is not None and window.reading.current.id == "gout"
    assert window.view.current_id == "gout"


def test_restoring_findings_leaves_the_engine_for_first_use(shipped_window: MainWindow) -> None:
    shipped_window.user_data.set_state("session", {"selection": ["region.popliteal", "no.such.finding"]})
    shipped_window.session.restore(open_page=False)
    assert shipped_window.symptoms.selection == ["region.popliteal"]  # unknown ids dropped
    assert "engine" not in shipped_window.symptoms.built
    assert shipped_window.symptoms.differential.selected == ("region.popliteal",)  # computed when first asked for
    assert "engine" in shipped_window.symptoms.built


def test_work_queued_for_the_first_paint_runs_once_even_without_a_paint(qtbot: QtBot, shipped_db: Path) -> None:
    window = _open(qtbot, shipped_db)
    window.hide()
    calls: list[int] = []
    window.first_paint.after(lambda: calls.append(1))
    qtbot.waitUntil(lambda: calls == [1], timeout=3000)
    qtbot.wait(100)
    assert calls == [1]


FIRST_PAINT_PROBE = """
import json, sys
from pathlib import Path
from legpain_desktop.gui.app import launch
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app, window = launch(Path(sys.argv[1]))
ours = lambda: sorted(m for m in sys.modules if m.startswith("legpain_desktop"))
shown = ours()
painted = []
def record():  # PySide6 builds its Qt namespace on first use; until then QtCore holds no "Qt"
    painted.append({"modules": ours(), "qt_built": "Qt" in vars(sys.modules["PySide6.QtCore"]),
                    "built": window.built, "title": window.windowTitle()})
class FirstPaint(QObject):  # as the benchmark does: queued at the first paint, so it runs
    def eventFilter(self, watched, event):  # before the work the window queues for after it
        if event.type() == QEvent.Type.Paint and not painted:
            QTimer.singleShot(0, lambda: painted or record())
        return False
probe = FirstPaint()
window.installEventFilter(probe)
while not painted or not window.built or window.view.current_id is None:
    app.processEvents()
window.grab()  # the home page, painted
home = {"modules": ours(), "qt_built": "Qt" in vars(sys.modules["PySide6.QtCore"]), "built": window.reading.built,
        "dataclasses": "dataclasses" in sys.modules}
one = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"] == [window]
print(json.dumps({"shown": shown, **painted[0], "home": home, "page": window.view.current_id, "one": one}))
window.close()  # as a user closes it: the session and the colour scheme are kept
"""


def _probe_start(db: Path, user_data: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LEGPAIN_USER_DATA": str(user_data)}
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE, str(db)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_start_up_leaves_the_other_panels_for_first_use(shipped_db: Path, tmp_path: Path) -> None:
    """The first paint is the window's shell, before the window's modules load; the panes and
    the home page come just after it, into that same window. Even then the symptom filter, dose
    calculator, library, dialogs and their engines wait until used, and the notes editor and
    flow diagram come with the first monograph."""
    probe = _probe_start(shipped_db, tmp_path / "ud")
    shown, painted = probe["shown"], probe["modules"]
    assert isinstance(shown, list) and isinstance(painted, list)
    assert "legpain_desktop.gui.main_window" in shown
    assert probe["built"] is False and probe["title"] == "LegPain Desktop — opening…"  # the shell was painted first
    assert probe["one"] is True  # and the panes went into that window, not another
    for window_module in ("legpain_desktop.gui.shell.parts", "legpain_desktop.gui.browse.side_panel"):
        assert window_module not in painted, window_module
    home = probe["home"]
    assert isinstance(home, dict) and probe["page"] == HOME_ID
    assert "legpain_desktop.gui.shell.parts" in home["modules"]
    for later in (
        "legpain_desktop.gui.reading.flow_diagram",
        "legpain_desktop.gui.reading.page_tools",
        "legpain_desktop.gui.symptoms.findings_panel",
        "legpain_desktop.gui.symptoms.differential_pane",
        "legpain_desktop.gui.dosing.controller",
        "legpain_desktop.gui.library.panel",
        "legpain_desktop.gui.dialogs",
        "legpain_desktop.gui.browse.search_results",
        "legpain_desktop.core.differential",
        "legpain_desktop.core.dosing.formulary",
        "legpain_desktop.core.db.build",
        "legpain_desktop.core.search",  # with the first search
        "legpain_desktop.core.packs.store",  # only for a database installed from a pack
    ):
        assert later not in home["modules"], later
    assert home["dataclasses"] is False  # about 5 ms to import and define: nothing the home page needs uses it
    assert home["built"] == []  # no notes, find bar or flow diagram for the home page
    for later in ("legpain_desktop.gui.reading.flow_diagram", "legpain_desktop.gui.reading.page_tools"):
        assert later not in home["modules"], later


def test_a_returning_user_gets_a_first_paint_without_pyside_qt_enums(shipped_db: Path, tmp_path: Path) -> None:
    """PySide6 takes about 40 ms to build its Qt enum namespace. Nothing on the way to the first
    paint may touch it once the system colour scheme is known from the last start (the first
    start asks the system, which builds it). Guards the start-up budget in BENCHMARKS.md."""
    _probe_start(shipped_db, tmp_path / "ud")  # first start: learns the colour scheme
    again = _probe_start(shipped_db, tmp_path / "ud")
    assert again["qt_built"] is False
    home = again["home"]
    assert isinstance(home, dict) and home["qt_built"] is False  # nor does the home page after it


def test_the_system_colour_scheme_is_checked_after_the_first_paint(qtbot: QtBot, shipped_db: Path) -> None:
    from legpain_desktop.core.render import DARK, LIGHT
    from legpain_desktop.gui import settings as keys
    from legpain_desktop.gui.app import make_settings
    from legpain_desktop.gui.theme import system_scheme

    live = system_scheme()
    stale = "dark" if live == "light" else "light"
    settings = make_settings()
    settings.set(keys.SYSTEM_SCHEME, stale)  # what the last start saw; the system changed since
    settings.sync()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = app.palette()
    try:
        window = _open(qtbot, shipped_db)
        assert window.view.theme is (DARK if stale == "dark" else LIGHT)  # coloured before painting
        qtbot.waitUntil(lambda: window.settings.get(keys.SYSTEM_SCHEME) == live)
        assert window.view.theme is (DARK if live == "dark" else LIGHT)
    finally:
        app.setPalette(palette)


def test_item_roles_are_qts_own_values() -> None:
    from PySide6.QtCore import Qt

    from legpain_desktop.gui.browse import models

    assert models.USER_ROLE == Qt.ItemDataRole.UserRole.value
    assert models.ACCESSIBLE_TEXT_ROLE == Qt.ItemDataRole.AccessibleTextRole.value


def test_light_start_keeps_the_platform_style_and_dark_uses_fusion(qtbot: QtBot) -> None:
    from legpain_desktop.core.render import DARK, LIGHT
    from legpain_desktop.gui.theme import NATIVE_STYLE, apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette, native = app.style().name(), app.palette(), app.property(NATIVE_STYLE)
    app.setStyle("Windows")  # stands in for a platform style that is not Fusion
    app.setProperty(NATIVE_STYLE, None)
    try:
        start_palette = app.palette()
        assert apply_theme(app, "light", starting=True) is LIGHT
        assert app.style().name() == "windows" and app.palette() == start_palette  # nothing to undo
        assert apply_theme(app, "dark") is DARK
        assert app.style().name() == "fusion"
        assert app.palette().color(app.palette().ColorRole.Window).lightness() < 80
        assert apply_theme(app, "light") is LIGHT
        assert app.palette().color(app.palette().ColorRole.Window).lightness() > 180
        assert app.style().name() == "windows"  # the platform's own style again
    finally:
        app.setStyle(style)
        app.setProperty(NATIVE_STYLE, native)
        app.setPalette(palette)


def test_each_page_is_laid_out_once_at_the_width_it_is_shown(qtbot: QtBot, shipped_window: MainWindow) -> None:
    """The notes (first page) and the flow diagram (algorithms) change the page's width: they are
    placed before the page is set, so it is not laid out again when the event loop runs."""
    qtbot.waitExposed(shipped_window)
    for monograph_id in ("initial-assessment", "gout", "ibuprofen", "acute-limb-ischemia", "initial-assessment"):
        assert shipped_window.open_monograph(monograph_id)
        width = shipped_window.view.document().textWidth()
        assert width == shipped_window.view.viewport().width(), monograph_id
        QApplication.processEvents()
        assert shipped_window.view.document().textWidth() == width, monograph_id


def test_a_shell_never_painted_still_gets_its_panes(qtbot: QtBot, shipped_db: Path) -> None:
    """Started minimised (nothing painted), the window is still built and the home page drawn."""
    window = _shell(qtbot, shipped_db)
    window.hide()
    qtbot.waitUntil(lambda: window.built, timeout=3000)
    assert not window.first_paint.painted and window.view.current_id == HOME_ID


def test_work_queued_for_the_first_paint_is_dropped_with_its_window(qtbot: QtBot, shipped_db: Path) -> None:
    window = open_main_window(shipped_db)  # not handed to qtbot: this test deletes it itself
    assert isinstance(window, MainWindow)
    window.hide()
    calls: list[int] = []
    window.first_paint.after(lambda: calls.append(1))
    import shiboken6

    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    qtbot.wait(1300)  # past the fallback: nothing runs on a deleted window, nothing raises
    assert calls == []


def test_the_search_box_gets_its_clear_button_after_the_first_paint(qtbot: QtBot, shipped_db: Path) -> None:
    """The clear button's icon costs about 8 ms on a real X display; the first paint does not wait
    for it, but it must come (a user clears the search with it)."""
    window = _open(qtbot, shipped_db)
    qtbot.waitUntil(window.side_panel.search_box.isClearButtonEnabled)
