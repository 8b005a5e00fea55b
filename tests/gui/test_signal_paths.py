"""Window connections that the signal mutation run (scripts/signal_mutation.py) found unguarded:
removing each left every GUI test passing. Each test presses the control and checks the effect."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from legpain_desktop.gui import printing
from legpain_desktop.gui.main_window import MainWindow
from tests.gui.test_dosing_panel import enter_patient


@pytest.fixture()
def jobs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Print and PDF requests, caught before a dialog opens."""
    seen: list[tuple[str, Any]] = []
    monkeypatch.setattr(printing, "ask_and_print", lambda _parent, job: seen.append(("print", job)) or True)
    monkeypatch.setattr(printing, "ask_and_save_pdf", lambda _parent, job, path=None: seen.append(("pdf", job)) or None)
    return seen


def test_the_dosing_sheets_own_print_and_pdf_buttons_print_the_sheet(
    shipped_window: MainWindow, jobs: list[tuple[str, Any]]
) -> None:
    window = shipped_window
    window.show_dosing("pregabalin")
    enter_patient(window)
    window.dosing.view.print_button.click()
    window.dosing.view.pdf_button.click()
    assert [(kind, job.title) for kind, job in jobs] == [("print", "Dosing sheet"), ("pdf", "Dosing sheet")]
    assert jobs[0][1].subject.startswith("Pregabalin · patient: 75 years, female, 60 kg")


def test_the_score_print_button_prints_the_score(shipped_window: MainWindow, jobs: list[tuple[str, Any]]) -> None:
    window = shipped_window
    window.scores.open("abi")
    panel = window.scores.panel
    panel.fields["ankle_mmhg"].setText("90")
    panel.fields["brachial_mmhg"].setText("140")
    panel.print_requested.emit()
    assert len(jobs) == 1 and jobs[0][0] == "print" and "Ankle" in jobs[0][1].title


def test_a_new_text_size_redraws_the_open_page(shipped_window: MainWindow) -> None:
    window = shipped_window
    window.open_monograph("gout")
    before = window.view.document()
    window.commands.zoom_in.trigger()
    assert window.view.document() is not before  # drawn again, at the new size
    assert window.appearance.text_scale == 110
    window.commands.zoom_reset.trigger()


def test_the_search_shortcut_puts_the_keyboard_in_the_search_box(shipped_window: MainWindow, qtbot: QtBot) -> None:
    window = shipped_window
    window.activateWindow()
    window.open_monograph("gout")
    window.view.setFocus()
    window.commands.search.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.side_panel.search_box)


def test_help_about_opens_the_about_box(shipped_window: MainWindow) -> None:
    from legpain_desktop.gui.about import AboutDialog

    assert shipped_window.findChild(AboutDialog) is None
    shipped_window.commands.about.trigger()
    dialog = shipped_window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_the_file_menus_preview_and_pdf_work_on_the_page(
    shipped_window: MainWindow, jobs: list[tuple[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    previews: list[Any] = []

    class FakePreview:
        def __init__(self, job: Any) -> None:
            previews.append(job)

        def open(self) -> None:
            pass

    monkeypatch.setattr(printing, "preview_dialog", lambda _parent, job: FakePreview(job))
    shipped_window.open_monograph("gout")
    shipped_window.commands.preview.trigger()
    shipped_window.commands.pdf.trigger()
    assert [job.title for job in previews] == ["Gout"]
    assert [(kind, job.title) for kind, job in jobs] == [("pdf", "Gout")]


def test_find_previous_goes_back_through_the_hits(shipped_window: MainWindow) -> None:
    window = shipped_window
    window.open_monograph("deep-vein-thrombosis")
    window.commands.find.trigger()
    window.reading.find_bar.edit.setText("ultrasound")
    assert window.reading.find_in_page("ultrasound", False) > 2
    window.commands.find_next.trigger()
    window.commands.find_next.trigger()
    forward = window.view.textCursor().position()
    window.commands.find_previous.trigger()
    assert window.view.textCursor().position() < forward


def test_a_theme_change_recolours_what_the_app_draws_itself(shipped_window: MainWindow) -> None:
    from legpain_desktop.gui.theme import UI_BY_THEME

    window = shipped_window
    window.appearance.set_theme("light")
    light = window.red_flag_indicator.styleSheet()
    assert UI_BY_THEME["light"].alert_bg in light
    window.appearance.set_theme("dark")
    assert UI_BY_THEME["dark"].alert_bg in window.red_flag_indicator.styleSheet()
    assert window.red_flag_indicator.styleSheet() != light
    window.appearance.set_theme("light")


def test_forward_updates_back_and_forward(shipped_window: MainWindow) -> None:
    window = shipped_window
    window.open_monograph("gout")
    window.open_monograph("plantar-fasciitis")
    window.commands.back.trigger()
    assert window.commands.forward.isEnabled()
    window.commands.forward.trigger()
    assert not window.commands.forward.isEnabled() and window.commands.back.isEnabled()


def test_the_score_and_print_actions_say_what_happened(
    shipped_window: MainWindow, tmp_path: Any, jobs: list[tuple[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shipped_window
    status = window.statusBar()
    window.scores.open("abi")
    assert window.scores.copy() == "" and status.currentMessage() == "Nothing to copy yet: complete the score first."
    window.scores.print()
    assert status.currentMessage() == "Nothing to print yet: complete the score first." and jobs == []
    panel = window.scores.panel
    panel.fields["ankle_mmhg"].setText("90")
    panel.fields["brachial_mmhg"].setText("140")
    assert window.scores.copy() and status.currentMessage() == "Score copied: paste it into the patient's record."
    monkeypatch.setattr(window, "current_job", lambda: None)
    window.printing.current_job = window.current_job
    assert window.printing.print() is False
    assert status.currentMessage() == "Nothing to print yet: open a monograph or complete a dosing sheet."
    assert window.printing.save_pdf(str(tmp_path / "x.pdf")) is None
    assert status.currentMessage() == "Nothing to save yet: open a monograph or complete a dosing sheet."


def test_a_saved_pdf_and_a_new_text_size_are_announced(shipped_window: MainWindow, tmp_path: Any) -> None:
    window = shipped_window
    window.open_monograph("gout")
    saved = window.printing.save_pdf(str(tmp_path / "gout.pdf"))
    assert saved and window.statusBar().currentMessage() == f"Saved {saved}"
    window.commands.zoom_in.trigger()
    assert window.statusBar().currentMessage() == "Text size 110%"
    window.commands.zoom_reset.trigger()


def test_the_file_menus_print_prints_the_page(shipped_window: MainWindow, jobs: list[tuple[str, Any]]) -> None:
    """Signal mutation run of 2026-12-04: the Print action's connection was unguarded."""
    shipped_window.open_monograph("gout")
    shipped_window.commands.print.trigger()
    assert [(kind, job.title) for kind, job in jobs] == [("print", "Gout")]


def test_quit_closes_the_window(shipped_window: MainWindow) -> None:
    assert shipped_window.isVisible()
    shipped_window.commands.quit.trigger()
    assert not shipped_window.isVisible()


def test_a_theme_change_redraws_the_open_page_in_its_colours(shipped_window: MainWindow) -> None:
    """The page's colours are written into its HTML, so a new theme must redraw it."""
    from legpain_desktop.core.render import DARK, LIGHT

    window = shipped_window
    window.appearance.set_theme("light")
    window.open_monograph("deep-vein-thrombosis")
    assert LIGHT.danger_bg in window.view.toHtml() and DARK.danger_bg not in window.view.toHtml()
    try:
        window.appearance.set_theme("dark")
        assert DARK.danger_bg in window.view.toHtml() and LIGHT.danger_bg not in window.view.toHtml()
    finally:
        window.appearance.set_theme("light")
