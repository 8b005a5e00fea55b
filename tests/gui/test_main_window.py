"""The main window with pytest-qt: open, follow links, go back and forward, search."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from legpain_desktop.core.integrity import verify_database
from legpain_desktop.gui.app import build_main_window
from legpain_desktop.gui.main_window import MainWindow


@pytest.fixture()
def window(qtbot: QtBot, fixture_db: Path) -> MainWindow:
    repo, manifest = verify_database(fixture_db)
    win = build_main_window(repo, manifest)
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    win.show()
    return win


def test_open_monograph_sets_title_and_status(window: MainWindow) -> None:
    assert window.open_monograph("sample-sciatic-pain")
    assert window.windowTitle().startswith("Sample radicular pain")
    assert "reviewed 2026-11-22" in window.statusBar().currentMessage()
    assert "Fixture text about nerve root pain" in window.view.toPlainText()


def test_follow_internal_link_then_back_and_forward(window: MainWindow, qtbot: QtBot) -> None:
    window.open_monograph("sample-sciatic-pain")
    with qtbot.waitSignal(window.reading.monograph_shown) as blocker:
        window.view.anchorClicked.emit(QUrl("drug:sample-drug"))
    assert blocker.args == ["sample-drug"]
    assert window.view.current_id == "sample-drug"
    assert window.commands.back.isEnabled() and not window.commands.forward.isEnabled()
    window.commands.back.trigger()
    assert window.view.current_id == "sample-sciatic-pain"
    assert window.commands.forward.isEnabled()
    window.commands.forward.trigger()
    assert window.view.current_id == "sample-drug"


def test_external_link_is_shown_not_opened(window: MainWindow) -> None:
    window.open_monograph("sample-topic")
    window.view.anchorClicked.emit(QUrl("https://example.org/page"))
    assert "https://example.org/page" in window.statusBar().currentMessage()
    from legpain_desktop.gui.dialogs import ExternalLinkDialog

    assert window.findChild(ExternalLinkDialog).address.text() == "https://example.org/page"  # type: ignore[union-attr]
    assert window.view.current_id == "sample-topic"


def test_typing_in_search_shows_results_and_enter_opens(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.side_panel
    qtbot.keyClicks(panel.search_box, "dvt")
    with qtbot.waitSignal(panel.search_finished, timeout=2000) as blocker:
        pass
    assert blocker.args == [1]
    assert panel.stack.currentWidget() is panel.results
    assert panel.results_model.hit(0).id == "sample-clot"
    with qtbot.waitSignal(window.reading.monograph_shown):
        panel.search_box.returnPressed.emit()
    assert window.view.current_id == "sample-clot"


def test_escape_clears_search(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    panel = window.side_panel
    with qtbot.waitSignal(panel.search_finished, timeout=2000):  # it was called without 'with': no wait
        qtbot.keyClicks(panel.search_box, "zzzz")
    assert panel.stack.currentWidget() is not panel.tabs  # the (empty) results are showing
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Escape)
    assert panel.search_box.text() == ""
    assert panel.stack.currentWidget() is panel.tabs


def test_stale_search_result_is_dropped(window: MainWindow) -> None:
    panel = window.side_panel
    calls: list[str] = []

    def slow_search(text: str, correct: bool = True):  # type: ignore[no-untyped-def]
        calls.append(text)
        panel.search_box.setText("something newer")  # the user typed on meanwhile
        return window.repo.search_detailed(text, correct=correct)

    panel._detailed = slow_search
    panel.search_box.setText("dvt")
    panel.run_search()
    assert calls == ["dvt"]
    assert panel.results_model.rowCount() == 0  # the stale answer was not shown


def test_browse_tree_groups_by_kind(window: MainWindow) -> None:
    model = window.side_panel.browse_model
    groups = [model.item(i).text() for i in range(model.rowCount())]
    assert window.side_panel.tabs.tabText(1) == "Symptoms"
    assert groups == ["Causes (2)", "Drugs (1)", "Algorithms (1)", "Topics (1)"]


def test_a_narrow_window_shows_the_algorithm_without_the_diagram_beside_it(window: MainWindow) -> None:
    """At scale 2 on a 1366x768 screen (683 logical pixels wide) the diagram's minimum width left
    the page one word a line; the page lists the steps itself."""
    window.resize(683, 384)
    window.open_monograph("sample-algorithm")
    assert not window.reading.flow.isVisible()
    window.resize(1400, 900)
    window.open_monograph("sample-algorithm")
    assert window.reading.flow.isVisible()


def test_algorithm_shows_flow_diagram_and_links_open(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1400, 900)
    window.open_monograph("sample-algorithm")
    assert window.reading.flow.isVisible()
    links = window.reading.flow.canvas.all_links()
    assert [t for _r, t, _l in links] == ["sample-sciatic-pain", "sample-drug"]
    rect = links[1][0]
    from PySide6.QtCore import Qt

    with qtbot.waitSignal(window.reading.monograph_shown) as blocker:
        qtbot.mouseClick(window.reading.flow.canvas, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["sample-drug"]
    assert not window.reading.flow.isVisible()


def test_search_results_model_passes_modeltester(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window.side_panel.results_model.set_hits(window.repo.search("sample"))
    qtmodeltester.check(window.side_panel.results_model)


def test_no_hits_offers_a_spelling_and_it_searches(window: MainWindow) -> None:
    panel = window.side_panel
    panel.search_box.setText("dvtt")
    panel.run_search()
    assert panel.stack.currentWidget() is panel.no_results
    assert "Did you mean" in panel.no_results.text() and "DVT" in panel.no_results.text()
    panel.no_results.linkActivated.emit("DVT")
    assert panel.results_model.rowCount() == 1
    panel.search_box.setText("q")
    panel.run_search()
    assert "at least two letters" in panel.no_results.text()


def test_a_corrected_search_says_so_and_can_be_undone(window: MainWindow) -> None:
    """Issue 14: typos are corrected as you type, with a quiet line that can be undone."""
    panel = window.side_panel
    panel.search_box.setText("siatica")
    panel.run_search()
    assert panel.results_model.rowCount() > 0
    assert panel.results_model.hit(0).id == "sample-sciatic-pain"  # the fixture content
    assert panel.correction.isVisible() and "sciatica" in panel.correction.text()
    panel.correction.linkActivated.emit("verbatim")  # "Search for siatica instead"
    assert panel.results_model.rowCount() == 0 and not panel.correction.isVisible()
    panel.search_box.setText("sciatica")
    panel.run_search()
    assert not panel.correction.isVisible()  # a correct word is never rewritten
