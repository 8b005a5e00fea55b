"""Desktop conventions: what survives a restart, bookmarks, notes, find, zoom, theme, shortcuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from legpain_desktop.core.db.userdata import UserData
from legpain_desktop.core.integrity import verify_database
from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.app import build_main_window, make_settings, user_data_path
from legpain_desktop.gui.main_window import MainWindow
from legpain_desktop.gui.shell.focus import focus_regions


def open_window(qtbot: QtBot, db: Path) -> MainWindow:
    repo, manifest = verify_database(db)
    win = build_main_window(repo, manifest, UserData(user_data_path()), make_settings())
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture()
def restore_font():  # type: ignore[no-untyped-def]
    font = QApplication.font()
    palette = QApplication.palette()
    yield
    QApplication.setFont(font)
    QApplication.setPalette(palette)


def test_everything_survives_a_restart(qtbot: QtBot, shipped_db: Path, restore_font) -> None:  # type: ignore[no-untyped-def]
    first = open_window(qtbot, shipped_db)
    first.open_monograph("gout")
    first.commands.bookmark.trigger()
    first.reading.notes.edit.setPlainText("Ask about diuretics.")
    first.reading.notes.flush()
    first.open_monograph("bakers-cyst")
    first.view.verticalScrollBar().setValue(200)
    first.show_symptoms()
    first.symptoms.set_finding("region.popliteal", True)
    first.appearance.set_text_scale(120)
    first.appearance.set_theme("dark")
    scroll = first.view.verticalScrollBar().value()
    first.close()
    first.user_data.close()

    second = open_window(qtbot, shipped_db)
    second.session.restore()  # the home page, offering the page left open
    assert second.reading.current is None and "Continue reading: Baker" in second.view.toPlainText()
    second.session.resume_reading()
    assert second.reading.current is not None and second.reading.current.id == "bakers-cyst"
    assert second.view.verticalScrollBar().value() == scroll
    assert second.symptoms.selection == ["region.popliteal"]
    assert [b.monograph_id for b in second.user_data.bookmarks()] == ["gout"]
    assert second.user_data.note("gout") == "Ask about diuretics."
    assert {"gout", "bakers-cyst"} <= {v.monograph_id for v in second.user_data.history()}
    assert second.settings.get(keys.TEXT_SCALE) == 120
    assert second.settings.get(keys.THEME) == "dark"
    second.open_monograph("gout")
    assert second.commands.bookmark.isChecked() and second.reading.notes.edit.toPlainText() == "Ask about diuretics."
    assert second.user_library.panel.bookmarks_model.rowCount() == 1


def test_patient_is_not_kept_unless_allowed(qtbot: QtBot, shipped_db: Path) -> None:
    first = open_window(qtbot, shipped_db)
    first.dosing.form.age_edit.setText("81")
    first.close()
    assert first.user_data.get_state("patient") is None
    first.commands.remember_patient.setChecked(True)
    first.session.save()
    assert first.user_data.get_state("patient")["age"] == "81"
    first.commands.remember_patient.setChecked(False)
    assert first.user_data.get_state("patient") is None
    first.user_data.close()


def test_bookmark_shortcut_export_import_and_clear_history(qtbot: QtBot, shipped_db: Path, tmp_path: Path) -> None:
    win = open_window(qtbot, shipped_db)
    win.open_monograph("pregabalin")
    assert win.commands.bookmark.shortcut().toString() == "Ctrl+D"
    win.commands.bookmark.trigger()
    assert win.commands.bookmark.text() == "★ Bookmarked"
    assert win.user_library.export_bookmarks(str(tmp_path / "b.json")) == 1
    assert win.statusBar().currentMessage() == f"Exported 1 bookmark(s) to {tmp_path / 'b.json'}"
    win.commands.bookmark.trigger()
    assert win.user_data.bookmarks() == []
    assert win.user_library.import_bookmarks(str(tmp_path / "b.json")) == 1
    assert win.user_library.import_bookmarks(str(tmp_path / "missing.json")) is None
    assert "could not read" in win.last_warning
    win.user_library.clear_history()
    assert win.user_library.panel.history_model.rowCount() == 0


def test_find_in_page_highlights_every_hit(qtbot: QtBot, shipped_db: Path) -> None:
    win = open_window(qtbot, shipped_db)
    win.open_monograph("deep-vein-thrombosis")
    win.commands.find.trigger()
    assert win.reading.find_bar.isVisible()
    win.reading.find_bar.edit.setText("ultrasound")
    count = len(win.view.extraSelections())
    assert count >= 2 and win.reading.find_bar.count.text() == f"{count} found"
    assert win.view.textCursor().selectedText().lower() == "ultrasound"
    first = win.view.textCursor().position()
    win.commands.find_next.trigger()
    assert win.view.textCursor().position() != first
    win.reading.find_bar.close_bar()
    assert win.view.extraSelections() == []


def test_zoom_scales_the_app_font_and_is_bounded(qtbot: QtBot, shipped_db: Path, restore_font) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, shipped_db)
    base = QApplication.font().pointSizeF()
    win.commands.zoom_in.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.1, rel=0.02)
    for _ in range(30):
        win.commands.zoom_in.trigger()
    assert win.appearance.text_scale == 200
    win.commands.zoom_reset.trigger()
    assert win.appearance.text_scale == 100


def test_dark_theme_keeps_boxes_readable(qtbot: QtBot, shipped_db: Path, restore_font) -> None:  # type: ignore[no-untyped-def]
    from legpain_desktop.core.render import DARK

    win = open_window(qtbot, shipped_db)
    win.appearance.set_theme("dark")
    win.open_monograph("cauda-equina-syndrome")
    assert win.view.theme is DARK
    assert DARK.danger_bg in win.view.toHtml().lower() or DARK.danger_bg.upper() in win.view.toHtml()


def test_shortcuts_dialog_lists_the_standard_keys(qtbot: QtBot, shipped_db: Path) -> None:
    win = open_window(qtbot, shipped_db)
    win.commands.shortcuts.trigger()
    text = win.findChild(QMessageBox).text()
    for key in ("Ctrl+F", "Ctrl+D", "Ctrl+P", "Ctrl+K", "Alt+Left"):
        assert key in text, key


def test_every_control_has_an_accessible_name(qtbot: QtBot, shipped_db: Path) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

    win = open_window(qtbot, shipped_db)
    missing = []
    for cls in (QLineEdit, QComboBox, QAbstractItemView, QTextEdit, QPlainTextEdit):
        for widget in win.findChildren(cls):
            if widget.metaObject().className() in ("QHeaderView", "QComboBoxListView") or isinstance(
                widget.parent(), QComboBox
            ):
                continue  # parts Qt builds inside a combo box or table, named by their owner
            if not widget.accessibleName():
                missing.append(f"{cls.__name__} {widget.objectName() or widget.metaObject().className()}")
    qt_parts = ("QTableCornerButton", "QLineEditIconButton", "QToolBarExtension")
    for button in win.findChildren(QAbstractButton):
        parent_class = button.parent().metaObject().className()
        if button.metaObject().className() in qt_parts or parent_class in ("QTabBar", "QMenuBar"):
            continue  # scroll arrows, clear buttons and corners that Qt adds and names itself
        if not (button.accessibleName() or button.text() or button.toolTip()):
            missing.append(f"button {button.metaObject().className()}")
    assert not missing, missing


def test_keyboard_alone_reaches_every_pane(qtbot: QtBot, shipped_db: Path) -> None:
    from PySide6.QtCore import Qt

    win = open_window(qtbot, shipped_db)
    win.open_monograph("gout")
    with qtbot.waitActive(win):
        win.activateWindow()
    win.commands.search.trigger()  # Ctrl+K
    assert QApplication.focusWidget() is win.side_panel.search_box
    reached = []
    for _ in range(len(focus_regions(win.side_panel, win.symptoms, win.main_stack, win.reading))):
        win.commands.next_pane.trigger()  # F6
        reached.append(QApplication.focusWidget())
    assert win.view in reached and win.reading.notes.edit in reached and win.side_panel.tree in reached
    win.commands.previous_pane.trigger()  # Shift+F6 goes back
    assert QApplication.focusWidget() is reached[-2]
    win.side_panel.tree.setFocus()
    qtbot.keyClick(win.side_panel.tree, Qt.Key.Key_Down)
    qtbot.keyClick(win.side_panel.tree, Qt.Key.Key_Return)  # Enter opens the highlighted monograph
    assert win.reading.current is not None


DVT_PATIENT = ["region.calf", "side.one-leg", "sign.swelling", "risk.cancer", "risk.recent-surgery"]


@pytest.mark.parametrize("tab", ["Symptoms", "Dose", "Library"])
def test_a_restored_session_shows_its_red_flags_at_once(qtbot: QtBot, shipped_db: Path, tab: str) -> None:
    """Issue 17 item 1 (a safety defect): restored DVT findings came back ticked with a blank map,
    an empty list and no banner until the user switched tabs away and back."""
    first = open_window(qtbot, shipped_db)
    first.symptoms.set_selection(DVT_PATIENT)
    first.show_symptoms()
    tabs = first.side_panel.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == tab))
    first.close()
    first.user_data.close()

    repo, manifest = verify_database(shipped_db)
    second = build_main_window(repo, manifest, UserData(user_data_path()), make_settings())
    qtbot.addWidget(second)
    second.session.restore(open_page=False)  # as the app starts: restore, then show
    second.show()
    indicator = second.red_flag_indicator
    qtbot.waitUntil(indicator.isVisible, timeout=3000)
    assert "URGENT" in indicator.text() and "thrombosis" in indicator.text().lower()
    assert second.side_panel.tabs.tabText(second.side_panel.tabs.currentIndex()) == tab
    if tab == "Symptoms":
        pane = second.symptoms.differential_pane
        assert pane.banner.isVisible() and pane.banner.lines
        assert pane.model.rowCount() > 0
        assert pane.model.result(0).id == "deep-vein-thrombosis"
        assert set(pane.map.selected()) >= {"region.calf"}
    else:
        indicator.click()  # one click from any panel to the alert itself
        assert second.symptoms.differential_pane.banner.isVisible()


def test_the_red_flag_indicator_goes_when_its_findings_go(qtbot: QtBot, shipped_db: Path) -> None:
    win = open_window(qtbot, shipped_db)
    win.symptoms.set_selection(DVT_PATIENT)
    assert win.red_flag_indicator.isVisible()
    win.symptoms.clear()
    assert not win.red_flag_indicator.isVisible()
    win.symptoms.set_selection(["region.calf", "quality.cramping"])
    assert win.symptoms.selection == ["region.calf", "quality.cramping"]
    assert not win.red_flag_indicator.isVisible()


def test_every_shortcut_is_bound_once(qtbot: QtBot, shipped_db: Path) -> None:
    """Issue 17: Alt+Left and Alt+Right were registered twice ("Ambiguous shortcut overload")."""
    from PySide6.QtGui import QAction

    win = open_window(qtbot, shipped_db)
    owners: dict[str, list[str]] = {}
    for action in win.findChildren(QAction):
        keys = [s.toString() for s in action.shortcuts() if not s.isEmpty()]
        assert len(keys) == len(set(keys)), f"{action.text()}: {keys}"
        for key in keys:
            owners.setdefault(key, []).append(action.text())
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared, shared
    assert "Alt+Left" in owners and "Alt+Right" in owners


def test_alt_left_and_alt_right_move_through_history(qtbot: QtBot, shipped_db: Path) -> None:
    from PySide6.QtCore import Qt

    win = open_window(qtbot, shipped_db)
    with qtbot.waitActive(win):
        win.activateWindow()
    win.open_monograph("gout")
    win.open_monograph("bakers-cyst")
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert win.reading.current is not None and win.reading.current.id == "gout"
    qtbot.keyClick(win.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert win.reading.current is not None and win.reading.current.id == "bakers-cyst"


def test_tab_leaves_the_notes_box_without_typing_a_tab(qtbot: QtBot, shipped_db: Path) -> None:
    from PySide6.QtCore import Qt

    win = open_window(qtbot, shipped_db)
    with qtbot.waitActive(win):
        win.activateWindow()
    win.open_monograph("gout")
    edit = win.reading.notes.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Ask about diuretics")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert "\t" not in edit.toPlainText()
    assert QApplication.focusWidget() is not edit


def test_tab_alone_reaches_every_panel_and_comes_round(qtbot: QtBot, shipped_db: Path) -> None:
    """No trap: Tab from the search box visits the side panel, the differential, the page and
    the notes, and returns to where it started."""
    from PySide6.QtCore import Qt

    win = open_window(qtbot, shipped_db)
    with qtbot.waitActive(win):
        win.activateWindow()
    win.open_monograph("gout")
    win.show_symptoms()
    win.symptoms.set_selection(["region.calf"])
    start = win.side_panel.search_box
    start.setFocus()
    seen = []
    for _ in range(600):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        seen.append(focus)
        if focus is start:
            break
    assert seen[-1] is start, "Tab never came back round to the search box"
    for target in (
        win.symptoms.findings_panel.tree,
        win.symptoms.differential_pane.list,
        win.view,
        win.reading.notes.edit,
    ):
        assert target in seen, target.accessibleName()


def test_ctrl_1_and_ctrl_2_put_the_focus_in_their_panel(qtbot: QtBot, shipped_db: Path) -> None:
    win = open_window(qtbot, shipped_db)
    with qtbot.waitActive(win):
        win.activateWindow()
    win.side_panel.search_box.setText("gout")
    win.side_panel.run_search()  # search results replace the tabs
    win.commands.symptoms.trigger()
    assert win.side_panel.stack.currentWidget() is win.side_panel.tabs
    assert QApplication.focusWidget() is win.symptoms.findings_panel.filter_box
    win.commands.dosing_tab.trigger()
    focus = QApplication.focusWidget()
    assert focus is not None and win.dosing.form.isAncestorOf(focus)


def test_dose_for_a_patient_has_a_menu_entry_and_a_shortcut(qtbot: QtBot, shipped_db: Path) -> None:
    win = open_window(qtbot, shipped_db)
    go = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Go")
    assert win.commands.dose in go.actions()  # type: ignore[union-attr]
    assert [s.toString() for s in win.commands.dose.shortcuts()] == ["Ctrl+Shift+D"]
    win.open_monograph("pregabalin")
    assert win.commands.dose.isEnabled()
    win.commands.dose.trigger()
    assert win.main_stack.currentWidget() is win.dosing.view


def test_a_user_data_failure_stays_on_screen_until_dismissed(qtbot: QtBot, shipped_db: Path) -> None:
    """Issue 17 item 5: the warning was only a status message, overwritten within a second, and
    bookmarking then said "Bookmarked"."""
    win = open_window(qtbot, shipped_db)
    win.open_monograph("gout")
    win.user_data.close()  # the disk goes away under the app
    win.commands.bookmark.trigger()
    bar = win.panes.notice_bar
    assert bar.isVisible() and "⚠" in bar.label.text()
    assert not win.commands.bookmark.isChecked()
    assert "Bookmarked" not in win.statusBar().currentMessage()
    win.statusBar().showMessage("something else", 100)
    qtbot.wait(300)
    assert bar.isVisible()  # still there when the status bar has moved on
    win.reading.notes.edit.setPlainText("Ask about diuretics.")
    win.reading.notes.flush()
    assert win.reading.notes.status.text() == "NOT saved"
    bar.dismiss.click()
    assert not bar.isVisible() and bar.messages == []


def test_the_in_memory_fallback_never_claims_a_save(qtbot: QtBot, shipped_db: Path) -> None:
    repo, manifest = verify_database(shipped_db)
    win = build_main_window(repo, manifest, UserData(None), make_settings())
    qtbot.addWidget(win)
    win.show()
    assert not win.user_data.persistent
    win.open_monograph("gout")
    win.commands.bookmark.trigger()
    assert win.commands.bookmark.isChecked()
    assert "for this session only" in win.statusBar().currentMessage()
    win.reading.notes.edit.setPlainText("Kept in memory.")
    win.reading.notes.flush()
    assert win.reading.notes.status.text() == "kept until you close the app, NOT saved to disk"


def test_smaller_things_a_clinician_noticed(qtbot: QtBot, shipped_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17 item 15: the title while the calculator shows, line length when maximised,
    and "Clear history" without confirmation."""
    from PySide6.QtWidgets import QMessageBox

    win = open_window(qtbot, shipped_db)
    win.open_monograph("gout")
    win.show_dosing()
    assert win.windowTitle().startswith("Dose calculator")
    win.show_symptoms()
    assert win.windowTitle().startswith("Gout")

    win.resize(1900, 1000)
    qtbot.wait(50)
    chars = win.view.viewport().width() / win.view.fontMetrics().averageCharWidth()
    assert chars <= 100 and win.view.viewportMargins().left() > 0

    library = win.user_library
    library.panel  # noqa: B018 - built on first use
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    library.panel.clear_button.click()
    assert library.user_data.history()  # kept: the user said no
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    library.panel.clear_button.click()
    assert library.user_data.history() == []


def test_tabs_are_found_and_restored_by_their_id_not_their_title_or_place(qtbot: QtBot, shipped_db: Path) -> None:
    """Issue 15: tabs were found by their English titles and saved by number."""
    first = open_window(qtbot, shipped_db)
    assert [first.tabs.id_at(i) for i in range(first.side_panel.tabs.count())] == [
        "browse",
        "symptoms",
        "dose",
        "library",
        "scores",
        "study",
    ]
    first.show_dosing()
    assert first.tabs.id_at() == "dose"
    first.close()
    stored = first.user_data.get_state("session", {})
    assert stored["tab_id"] == "dose"
    stored["tab"] = 4  # an index that would now point elsewhere: the id wins
    first.user_data.set_state("session", stored)
    first.user_data.close()
    second = open_window(qtbot, shipped_db)
    second.session.restore(open_page=False)
    assert second.tabs.id_at() == "dose"
    second.side_panel.tabs.setTabText(2, "Dosis")  # a translated title changes nothing
    second.show_symptoms()
    second.side_panel.tabs.setCurrentIndex(2)
    assert second.main_stack.currentWidget() is second.dosing.view


def test_no_stray_horizontal_scroll_bar_after_a_restart(qtbot: QtBot, shipped_db: Path) -> None:
    """Issue 17 item 15: a horizontal scroll bar appeared after a restart."""
    from PySide6.QtWidgets import QAbstractScrollArea

    first = open_window(qtbot, shipped_db)
    first.open_monograph("bakers-cyst")
    first.show_symptoms()
    first.symptoms.set_selection(["region.calf", "sign.swelling"])
    first.close()
    first.user_data.close()
    repo, manifest = verify_database(shipped_db)
    second = build_main_window(repo, manifest, UserData(user_data_path()), make_settings())
    qtbot.addWidget(second)
    second.session.restore(open_page=False)
    second.resize(1366, 740)
    second.show()
    qtbot.wait(300)  # the first paint, the restored page and the ranked findings
    stray = [
        a.accessibleName() or a.metaObject().className()
        for a in second.findChildren(QAbstractScrollArea)
        if a.isVisible() and a.horizontalScrollBar().isVisible()
    ]
    assert stray == []


def test_a_link_to_a_page_this_content_lacks_says_so(qtbot: QtBot, shipped_db: Path) -> None:
    """A bookmark or link from another content version may name a page this one lacks."""
    win = open_window(qtbot, shipped_db)
    assert not win.open_monograph("no-such-page")
    assert win.statusBar().currentMessage() == "No monograph with id 'no-such-page' in this content version."
