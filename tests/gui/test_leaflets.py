"""Patient leaflets in the window (issue 20): the leaflet bar (clinic, instructions, large type),
the printed job, one page for most leaflets, and the link from the page each explains."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.gui import settings as keys
from legpain_desktop.gui.main_window import MainWindow
from legpain_desktop.gui.printing import PrintJob, _pdf_printer, paint_job

ONE_PAGE_SHARE = 0.8  # issue 20: at least 80% of leaflets fit one A4 page at normal type


def test_a_cause_page_opens_its_leaflet_and_the_bar_shows_only_there(shipped_window: MainWindow) -> None:
    window = shipped_window
    window.open_monograph("gout")
    assert "Patient leaflet: Gout" in window.view.toPlainText()
    window.view.anchorClicked.emit(QUrl("leaflet:gout-leaflet"))
    assert window.reading.current is not None and window.reading.current.id == "gout-leaflet"
    bar = window.leaflets.bar
    assert not bar.isHidden()
    text = window.view.toPlainText()
    assert "Get help now" in text and "Call an ambulance or go to an emergency department now if:" in text
    window.open_monograph("gout")
    assert bar.isHidden()


def test_the_printed_leaflet_carries_the_clinic_and_the_instructions_which_are_never_kept(
    shipped_window: MainWindow, tmp_path: Path
) -> None:
    window = shipped_window
    window.open_monograph("gout-leaflet")
    home = window.leaflets
    assert home.clinic is not None and home.instructions is not None and home.large_type is not None
    home.clinic.setText("Riverside Clinic")
    home.instructions.setPlainText("Rest the foot for two days.")
    home.large_type.setChecked(True)
    job = window.current_job()
    assert job is not None and job.for_patient and job.title == "Gout"
    assert (job.clinic, job.instructions, job.large_type) == ("Riverside Clinic", "Rest the foot for two days.", True)
    assert window.settings.get(keys.CLINIC_NAME) == "Riverside Clinic"  # the clinic is a setting
    pdf = window.printing.save_pdf(str(tmp_path / "gout.pdf"))
    assert pdf is not None and Path(pdf).read_bytes().startswith(b"%PDF")
    window.open_monograph("gout")
    window.open_monograph("gout-leaflet")
    assert home.instructions.toPlainText() == ""  # one patient's instructions do not follow the next
    stored = " ".join(str(value) for value in window.settings.stored().values())
    assert "Rest the foot" not in stored


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_most_leaflets_fit_one_page_at_normal_type(
    shipped_window: MainWindow, shipped_db: Path, tmp_path: Path, paper: str
) -> None:
    repo = ContentRepository(shipped_db)
    try:
        leaflets = [repo.get(m.id) for m in repo.list_monographs("leaflet")]
    finally:
        repo.close()
    pages = {}
    for record in leaflets:
        assert record is not None
        job = PrintJob(
            record.title, record.html, "v", for_patient=True, clinic="A clinic", instructions="Two lines\nof advice"
        )
        pages[record.id] = paint_job(_pdf_printer(tmp_path / f"{record.id}.pdf", record.title, paper), job)
    one_page = [i for i, n in pages.items() if n == 1]
    assert pages and len(one_page) >= ONE_PAGE_SHARE * len(pages), {i: n for i, n in pages.items() if n > 1}
    assert max(pages.values()) <= 2


def test_the_differential_and_the_dose_calculator_offer_the_leaflet_in_view(shipped_window: MainWindow) -> None:
    window = shipped_window
    window.show_symptoms()
    window.symptoms.set_selection(["sign.hot-swollen-joint", "onset.sudden", "sign.redness", "side.one-leg"])
    pane = window.symptoms.differential_pane
    row = next(r for r in range(pane.model.rowCount()) if pane.model.result(r).id == "gout")
    assert pane.leaflet_button.isHidden()
    pane.list.setCurrentIndex(pane.model.index(row, 0))
    assert not pane.leaflet_button.isHidden() and pane.leaflet_button.text() == "Patient leaflet: Gout"
    pane.leaflet_button.click()
    assert window.reading.current is not None and window.reading.current.id == "gout-leaflet"
    window.show_dosing("apixaban")
    window.dosing.view.leaflet_button.click()
    assert window.reading.current.id == "apixaban-leaflet"


def test_search_results_mark_a_leaflet_as_one(shipped_window: MainWindow, shipped_db: Path) -> None:
    from PySide6.QtCore import Qt

    from legpain_desktop.gui.browse.search_results import SearchResultsModel

    repo = ContentRepository(shipped_db)
    try:
        model = SearchResultsModel()
        model.set_hits(repo.search("gout leaflet"))
    finally:
        repo.close()
    spoken = model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Gout (Patient leaflet): ")


def test_pdfs_default_to_letter_where_the_locale_uses_us_units() -> None:
    from PySide6.QtCore import QLocale

    from legpain_desktop.gui.printing import default_paper

    english = QLocale.Language.English
    assert default_paper(QLocale(english, QLocale.Country.UnitedStates)) == "letter"
    assert default_paper(QLocale(english, QLocale.Country.UnitedKingdom)) == "a4"
    assert default_paper(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "a4"
    assert default_paper() in ("a4", "letter")
