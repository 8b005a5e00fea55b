"""The symptom filter in the real window: map clicks, checkboxes, chips, list and banner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from legpain_desktop.gui.main_window import MainWindow


@pytest.fixture()
def window(shipped_window: MainWindow) -> MainWindow:
    shipped_window.show_symptoms()
    return shipped_window


def click_region(qtbot: QtBot, window: MainWindow, finding: str) -> None:
    leg_map = window.symptoms.differential_pane.map
    center = leg_map.region_center(finding)
    qtbot.mouseClick(leg_map, Qt.MouseButton.LeftButton, pos=QPoint(int(center.x()), int(center.y())))


def check(window: MainWindow, finding: str) -> None:
    window.symptoms.findings_panel.item(finding).setCheckState(Qt.CheckState.Checked)


def test_done_when_map_and_checkboxes(window: MainWindow, qtbot: QtBot) -> None:
    assert window.symptoms.differential_pane.isVisible()
    click_region(qtbot, window, "region.calf")
    assert window.symptoms.selection == ["region.calf"]
    assert window.symptoms.findings_panel.item("region.calf").checkState() == Qt.CheckState.Checked
    check(window, "pattern.walking-relieved-by-rest")
    check(window, "risk.smoking")
    model = window.symptoms.differential_pane.model
    assert model.result(0).id == "peripheral-artery-disease"
    assert not window.symptoms.differential_pane.banner.isVisible()
    for finding in ("sign.swelling", "sign.warmth", "risk.immobility"):
        check(window, finding)
    banner = window.symptoms.differential_pane.banner
    assert banner.isVisible()
    assert any("deep vein thrombosis" in label.text().lower() for label in banner.lines)
    assert model.result(0).id == "deep-vein-thrombosis" and model.result(0).pinned


def test_map_click_again_unselects_and_stays_in_sync(window: MainWindow, qtbot: QtBot) -> None:
    click_region(qtbot, window, "region.heel")
    assert window.symptoms.differential_pane.map.selected() == {"region.heel"}
    click_region(qtbot, window, "region.heel")
    assert window.symptoms.selection == []
    assert window.symptoms.findings_panel.item("region.heel").checkState() == Qt.CheckState.Unchecked
    check(window, "region.buttock")
    assert window.symptoms.differential_pane.map.selected() == {"region.buttock"}


def test_map_keyboard_access(window: MainWindow, qtbot: QtBot) -> None:
    leg_map = window.symptoms.differential_pane.map
    leg_map.setFocus()
    first = leg_map.focused_finding()
    qtbot.keyClick(leg_map, Qt.Key.Key_Space)
    assert window.symptoms.selection == [first]
    qtbot.keyClick(leg_map, Qt.Key.Key_Right)
    qtbot.keyClick(leg_map, Qt.Key.Key_Return)
    assert len(window.symptoms.selection) == 2
    assert "Selected regions" in leg_map.accessibleDescription()


def test_chip_removes_and_clear_all(window: MainWindow) -> None:
    check(window, "sign.fever")
    check(window, "sign.redness")
    panel = window.symptoms.findings_panel
    chips = [panel.chips.itemAt(i).widget() for i in range(panel.chips.count())]  # type: ignore[union-attr]
    assert [c.accessibleName() for c in chips] == ["Remove Fever or chills", "Remove Redness"]  # type: ignore[union-attr]
    chips[0].click()  # type: ignore[union-attr]
    assert window.symptoms.selection == ["sign.redness"]
    panel.clear_button.click()
    assert window.symptoms.selection == []
    assert not panel.clear_button.isEnabled()


def test_facet_counts_and_filter(window: MainWindow) -> None:
    check(window, "region.achilles")
    panel = window.symptoms.findings_panel
    counts = window.symptoms.differential.facet_counts
    assert panel.item("onset.sudden").text() == f"Sudden onset ({counts['onset.sudden']})"
    panel.filter_box.setText("heel")
    visible = []
    for r in range(panel.proxy.rowCount()):
        group = panel.proxy.index(r, 0)
        visible += [panel.proxy.index(c, 0, group).data() for c in range(panel.proxy.rowCount(group))]
    assert visible and all("heel" in v.lower() for v in visible)


def test_banner_cannot_be_dismissed_while_findings_stay(window: MainWindow) -> None:
    check(window, "sign.bowel-bladder")
    banner = window.symptoms.differential_pane.banner
    assert banner.isVisible() and "EMERGENCY" in banner.lines[0].text()
    window.show_symptoms()
    window.side_panel.tabs.setCurrentIndex(0)  # navigate away
    window.show_symptoms()  # and back: the selection and the alert are still there
    assert window.symptoms.selection == ["sign.bowel-bladder"]
    assert banner.isVisible()


def test_opening_a_cause_highlights_its_explained_findings(window: MainWindow, qtbot: QtBot) -> None:
    check(window, "sign.lump-behind-knee")
    check(window, "pattern.knee-bending")
    pane = window.symptoms.differential_pane
    index = pane.model.index(0, 0)
    assert pane.model.result(0).id == "bakers-cyst"
    with qtbot.waitSignal(window.reading.monograph_shown):
        pane.list.clicked.emit(index)
    text = window.view.toPlainText()
    assert "Your selection: findings this cause explains" in text
    assert "Lump or fullness behind the knee" in text


def test_differential_model_passes_modeltester(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    check(window, "region.calf")
    qtmodeltester.check(window.symptoms.differential_pane.model)
    qtmodeltester.check(window.symptoms.findings_panel.model)


def press_space_on(window: MainWindow, qtbot: QtBot, finding: str) -> None:
    """What a keyboard user does: move to the finding in the tree and press the space bar."""
    panel = window.symptoms.findings_panel
    index = panel.proxy.mapFromSource(panel.item(finding).index())
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(index)
    qtbot.keyClick(panel.tree.viewport(), Qt.Key.Key_Space)


def test_each_finding_cycles_not_asked_present_absent(window: MainWindow, qtbot: QtBot) -> None:
    """Issue 13: a third state on each tick box marks a finding as checked and absent."""
    panel = window.symptoms.findings_panel
    item = panel.item("sign.swelling")
    press_space_on(window, qtbot, "sign.swelling")
    assert window.symptoms.selection == ["sign.swelling"] and item.checkState() == Qt.CheckState.Checked
    press_space_on(window, qtbot, "sign.swelling")
    assert window.symptoms.selection == [] and window.symptoms.absent == ["sign.swelling"]
    assert item.checkState() == Qt.CheckState.PartiallyChecked and item.text() == "No: Swelling"
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "Swelling: absent"
    chips = [panel.chips.itemAt(i).widget() for i in range(panel.chips.count())]  # type: ignore[union-attr]
    assert [c.text() for c in chips] == ["No: Swelling  ✕"]  # type: ignore[union-attr]
    press_space_on(window, qtbot, "sign.swelling")
    assert (
        window.symptoms.selection == []
        and window.symptoms.absent == []
        and item.checkState() == Qt.CheckState.Unchecked
    )


def test_an_absent_finding_lowers_the_causes_that_expect_it(window: MainWindow) -> None:
    window.symptoms.set_selection(["region.calf", "side.one-leg", "onset.after-overuse"])
    before = {r.id: r.match for r in window.symptoms.differential.causes}
    window.symptoms.set_absent("sign.swelling", True)
    after = {r.id: r for r in window.symptoms.differential.causes}
    assert after["deep-vein-thrombosis"].match < before["deep-vein-thrombosis"]
    assert "sign.swelling" in after["deep-vein-thrombosis"].absent
    tooltip = window.symptoms.differential_pane.model.data(
        window.symptoms.differential_pane.model.index(
            [r.id for r in window.symptoms.differential.causes].index("deep-vein-thrombosis"), 0
        ),
        Qt.ItemDataRole.ToolTipRole,
    )
    assert "expected but absent: Swelling" in tooltip
    window.symptoms.set_finding("sign.swelling", True)  # ticking it again moves it back to present
    assert window.symptoms.absent == [] and "sign.swelling" in window.symptoms.selection


def test_ask_next_answers_in_one_click(window: MainWindow) -> None:
    window.symptoms.set_selection(["region.buttock", "pattern.radiates-from-back"])
    box = window.symptoms.differential_pane.ask_next
    assert box.isVisible() and len(box.rows) == 3
    question, label, yes, _no = box.rows[0]
    assert question.finding == "sign.bowel-bladder" and question.red_flag and label.text().startswith("⚠")
    assert "cauda equina" in question.why.lower() and yes.accessibleName().startswith("Yes,")
    second = box.rows[1][0].finding
    box.rows[1][3].click()  # "No" to the second question
    assert second in window.symptoms.absent and second not in window.symptoms.selection
    box.rows[0][2].click()  # "Yes" to the red-flag question
    assert "sign.bowel-bladder" in window.symptoms.selection
    assert window.symptoms.differential_pane.banner.isVisible()
    assert all(q.finding not in window.symptoms.selection + window.symptoms.absent for q, *_ in box.rows)


def test_a_restored_session_keeps_its_absent_findings(shipped_window: MainWindow) -> None:
    shipped_window.user_data.set_state(
        "session", {"selection": ["region.calf"], "absent": ["sign.swelling", "no.such.finding"]}
    )
    shipped_window.session.restore(open_page=False)
    assert shipped_window.symptoms.absent == ["sign.swelling"]
    assert shipped_window.symptoms.differential.absent == ("sign.swelling",)
    shipped_window.session.save()
    assert shipped_window.user_data.get_state("session", {})["absent"] == ["sign.swelling"]


def test_one_click_from_a_dvt_patient_opens_wells_with_the_matching_items(window: MainWindow) -> None:
    """Issue 16: the differential offers the score; the findings pre-tick what they already say."""
    window.symptoms.set_selection(
        ["region.calf", "side.one-leg", "sign.swelling", "risk.cancer", "risk.recent-surgery"]
    )
    pane = window.symptoms.differential_pane
    button = next(b for b in pane.score_buttons if "Wells" in b.text())
    button.click()
    scores = window.scores.panel
    assert window.side_panel.tabs.currentWidget() is scores and scores.name == "wells-dvt"
    ticked = {i for i, box in scores.boxes.items() if box.isChecked()}
    assert ticked == {"cancer", "bedridden-or-surgery"}
    assert scores.result is not None and scores.result.category == "likely"
    assert "ultrasound" in scores.result_view.toPlainText()
    scores.boxes["alternative-diagnosis-likely"].setChecked(True)  # updates as you tick
    assert scores.result.category == "unlikely"


def test_scores_tab_forms_refuse_bad_numbers_in_place(window: MainWindow) -> None:
    window.scores.open("abi")
    scores = window.scores.panel
    scores.fields["ankle_mmhg"].setText("90")
    scores.fields["brachial_mmhg"].setText("400")
    assert "outside the valid range 50 to 300" in scores.error.text() and scores.result is None
    scores.fields["brachial_mmhg"].setText("140")
    assert scores.result is not None and scores.result.to_json()["index"] == 0.64
    assert "Ankle-brachial" in scores.note_text()


def test_a_cause_page_links_to_its_score(window: MainWindow) -> None:
    window.open_monograph("deep-vein-thrombosis")
    assert "Bedside score: Wells score for DVT" in window.view.toPlainText()
    window.view.anchorClicked.emit(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl("score:wells-dvt"))
    assert window.scores.panel.name == "wells-dvt"


def test_a_red_flag_with_long_cause_titles_keeps_the_window_on_a_1366_screen(window: MainWindow, qtbot: QtBot) -> None:
    # A hip-fracture alert names three causes with long titles; side by side their Open buttons made
    # the window 1621 pixels wide (seen in a 1366x768 screenshot). They wrap now.
    window.resize(1366, 768)
    window.symptoms.set_selection(["risk.older-age", "onset.after-injury", "region.groin", "sign.limp"])
    window.open_monograph("hip-fracture")
    qtbot.wait(50)
    banner = window.symptoms.differential_pane.banner
    assert banner.isVisible() and len(banner.open_buttons) >= 3
    # the banner's own minimum width (883 pixels before) must leave room for the side panel and the page
    assert banner.minimumSizeHint().width() <= 600, banner.minimumSizeHint()
    assert window.minimumSizeHint().width() <= 1366 and window.width() <= 1366


def test_the_banner_is_never_squeezed_below_the_height_its_text_needs(window: MainWindow, qtbot: QtBot) -> None:
    # At scale 2 (960x540) the crowded pane cut the banner after two lines and hid 'Act now'. The
    # banner now sits above the map and list, which give way instead.
    window.resize(960, 540)
    window.symptoms.set_selection(["risk.older-age", "onset.after-injury", "region.groin", "sign.limp"])
    qtbot.wait(50)
    banner = window.symptoms.differential_pane.banner
    for label in banner.lines:
        assert "Act now" in label.text()
        assert label.height() >= label.heightForWidth(label.width()), (label.height(), label.width())
    pane = window.symptoms.differential_pane
    assert banner.geometry().bottom() < pane.map.mapTo(pane, pane.map.rect().topLeft()).y()  # above the map


def test_on_a_small_screen_the_map_gives_way_and_no_question_is_cut(window: MainWindow, qtbot: QtBot) -> None:
    # At scale 2 (960x540) the first 'Ask next' question was cut to half a line; the map now yields.
    window.symptoms.set_selection(["risk.older-age", "onset.after-injury", "region.groin", "sign.limp"])
    window.resize(960, 540)
    qtbot.wait(50)
    pane = window.symptoms.differential_pane
    assert not pane.map.isVisible()
    for _q, label, _yes, _no in pane.ask_next.rows:
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    window.resize(1366, 900)
    qtbot.wait(50)
    assert pane.map.isVisible()  # back when there is room


def test_the_open_cause_page_follows_the_findings_as_they_are_ticked(window: MainWindow) -> None:
    """Issue 15: the differential_changed signal had no listener; the open cause page now shows
    which ticked findings it explains as they change, without being opened again."""
    window.open_monograph("bakers-cyst")
    assert "Your selection: findings this cause explains" not in window.view.toPlainText()
    window.symptoms.set_selection(["sign.lump-behind-knee", "pattern.knee-bending"])
    text = window.view.toPlainText()
    assert "Your selection: findings this cause explains" in text and "Lump or fullness behind the knee" in text
    window.symptoms.clear()
    assert "Your selection: findings this cause explains" not in window.view.toPlainText()
