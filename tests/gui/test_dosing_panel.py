"""The dose calculator in the window: inputs, inline validation, the sheet, highlights and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from legpain_desktop.gui.main_window import MainWindow


@pytest.fixture()
def window(shipped_window: MainWindow) -> MainWindow:
    return shipped_window


def enter_patient(window: MainWindow, age: str = "75", sex: str = "female", weight: str = "60", height: str = "160",
                  scr: str = "1.2") -> None:  # fmt: skip
    form = window.dosing.form
    form.age_edit.setText(age)
    form.sex.setCurrentText(sex)
    form.weight_edit.setText(weight)
    form.height_edit.setText(height)
    form.scr_edit.setText(scr)
    window.dosing.recompute()


def test_dose_for_a_patient_from_the_monograph(window: MainWindow) -> None:
    window.open_monograph("pregabalin")
    assert window.commands.dose.isEnabled()
    window.commands.dose.trigger()
    assert window.main_stack.currentWidget() is window.dosing.view
    assert window.dosing.form.drug.currentData() == "pregabalin"
    enter_patient(window)
    sheet = window.dosing.view.sheet.toPlainText()
    assert "75 to 300 mg a day" in sheet and "CrCl 38.4 mL/min" in sheet
    assert "▶ CrCl 30 to 60" in sheet  # the patient's row in the band table
    assert "AGS Beers 2023 T6" in sheet
    assert "(140 - 75) x 60.0 kg / (72 x 1.2) x 0.85" in sheet  # the working
    assert "CrCl 38.4" in window.dosing.form.kidney.text()
    assert window.dosing.view.table_model.rowCount() == 35


def test_monograph_highlights_the_patients_row_while_a_patient_is_entered(window: MainWindow) -> None:
    window.show_dosing("pregabalin")
    enter_patient(window)
    window.open_monograph("pregabalin")
    assert "▶ CrCl 30 to 60" in window.view.toPlainText()
    window.dosing.form.age_edit.setText("")
    window.dosing.recompute()
    window.open_monograph("pregabalin")
    assert "▶" not in window.view.toPlainText()


def test_the_open_drug_page_follows_the_patient_as_the_kidney_row_changes(window: MainWindow) -> None:
    """Issue 15: removing the live re-render of the open drug page left every GUI test passing
    (this one opens the page once and never again)."""
    window.show_dosing("pregabalin")
    enter_patient(window)
    window.open_monograph("pregabalin")
    assert "▶ CrCl 30 to 60" in window.view.toPlainText()
    window.dosing.form.scr_edit.setText("4.0")  # the kidneys fail while the page is open
    window.dosing.recompute()
    text = window.view.toPlainText()
    assert "▶ CrCl 30 to 60" not in text and "▶ CrCl below 15" in text
    window.dosing.form.age_edit.setText("")  # no valid patient: no row marked
    window.dosing.recompute()
    assert "▶" not in window.view.toPlainText()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("age_edit", "abc", "'abc' is not a number; enter 18 to 120 years"),
        ("age_edit", "12", "outside the valid range 18 to 120 years"),
        ("weight_edit", "-4", "25 to 350 kg"),
        ("scr_edit", "0", "0.1 to 20 mg/dL"),
        ("height_edit", "1e9", "100 to 250 cm"),
    ],
)
def test_bad_input_is_explained_in_place_and_nothing_crashes(
    window: MainWindow, field: str, value: str, message: str
) -> None:
    window.show_dosing("pregabalin")
    enter_patient(window)
    getattr(window.dosing.form, field).setText(value)
    window.dosing.recompute()
    labels = [label.text() for label in window.dosing.form.errors.values() if label.text()]
    assert any(message in text for text in labels), labels
    assert window.dosing.result is None
    assert "appears when the patient's details are complete" in window.dosing.view.sheet.toPlainText()
    getattr(window.dosing.form, field).setText(
        {"age_edit": "75", "weight_edit": "60", "scr_edit": "1.2", "height_edit": "160"}[field]
    )
    window.dosing.recompute()
    assert window.dosing.result is not None  # nothing typed was lost


@pytest.mark.parametrize("unknown", ["snake oil", "metfornin", "adcall"])
def test_an_unknown_other_drug_is_shown_as_not_checked_and_never_hides_the_dose(
    window: MainWindow, unknown: str
) -> None:
    """Issue 17 item 6: an unrecognised co-medication blanked the whole result and pointed to the CLI."""
    window.show_dosing("tramadol")
    enter_patient(window)
    window.dosing.form.other_drugs.setText(f"sertraline, {unknown}")
    window.dosing.recompute()
    result = window.dosing.result
    assert result is not None and result.daily_dose_mg is not None  # the dose is still shown
    sheet = window.dosing.view.sheet.toPlainText()
    assert "tramadol + sertraline" in sheet  # the recognised one is still checked
    assert f"'{unknown}' was not recognised, so it was NOT checked for interactions" in sheet
    assert "NOT CHECKED" in sheet and "legpain-desktop" not in sheet
    assert any(f.kind == "unchecked" and f.severity == "major" for f in result.flags)
    assert window.dosing.form.errors["other_drug"].text() == ""  # not an input error


def test_a_close_misspelling_offers_did_you_mean_on_its_chip(window: MainWindow) -> None:
    window.show_dosing("gabapentin")
    enter_patient(window)
    field = window.dosing.form.medicines
    chip = field.add("metfornin")
    assert chip is not None and not chip.info.checked
    assert "did you mean 'metformin'" in chip.info.hint.lower()
    assert chip.label.text().startswith("⚠") and "not checked for interactions" in chip.accessibleName()
    assert field.warning.isVisibleTo(window) and "metformin" in field.warning.text()
    window.dosing.recompute()
    assert window.dosing.result is not None


@pytest.mark.parametrize("text", ["aspirin 75mg", "aspirin 75 mg daily", "Metformin", "amlodipine", "bisoprolol",
                                  "levothyroxine", "Adcal-D3", "co-codamol 30/500"])  # fmt: skip
def test_everyday_medicines_and_doses_written_after_the_name_are_recognised(window: MainWindow, text: str) -> None:
    window.show_dosing("gabapentin")
    enter_patient(window)
    window.dosing.form.other_drugs.setText(text)
    window.dosing.recompute()
    result = window.dosing.result
    assert result is not None and not any(f.kind == "unchecked" for f in result.flags)


def test_units_and_regimen_check(window: MainWindow) -> None:
    window.show_dosing("pregabalin")
    form = window.dosing.form
    enter_patient(window, weight="132.3", scr="106.1")
    form.weight_unit.setCurrentIndex(1)  # lb
    form.scr_unit.setCurrentIndex(1)  # µmol/L
    window.dosing.recompute()
    assert window.dosing.kidney is not None and window.dosing.kidney.crcl == pytest.approx(38.4, abs=0.1)
    window.dosing.view.regimen_dose.setText("200")
    window.dosing.view.regimen_times.setText("2")
    window.dosing.recompute()
    assert "Above the maximum for this patient" in window.dosing.view.sheet.toPlainText()
    window.dosing.view.regimen_times.setText("two")
    window.dosing.recompute()
    assert "doses a day" in window.dosing.view.regimen_error.text()


def test_dosing_sheet_and_monograph_save_as_pdf(window: MainWindow, tmp_path: Path) -> None:
    window.show_dosing("pregabalin")
    enter_patient(window)
    sheet_pdf = window.printing.save_pdf(str(tmp_path / "sheet.pdf"))
    assert sheet_pdf and Path(sheet_pdf).read_bytes().startswith(b"%PDF")
    window.open_monograph("deep-vein-thrombosis")
    mono_pdf = window.printing.save_pdf(str(tmp_path / "dvt.pdf"))
    assert mono_pdf and Path(mono_pdf).stat().st_size > 1000


def test_printable_page_has_header_and_disclaimer() -> None:
    import datetime as dt

    from legpain_desktop.gui.printing import DISCLAIMER, printable_html

    page = printable_html("Dosing sheet", "<p>body</p>", "abc123", dt.date(2026, 11, 22))
    assert "content version abc123" in page and "printed 2026-11-22" in page
    assert page.count(DISCLAIMER) == 2


def test_all_drugs_model_passes_modeltester(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window.show_dosing("pregabalin")
    enter_patient(window)
    qtmodeltester.check(window.dosing.view.table_model)


@pytest.mark.parametrize(
    ("drug", "patient"),
    [
        ("tramadol", {"age": "80", "scr": "2.4", "other": "sertraline, oxycodone"}),
        ("ibuprofen", {"age": "70", "scr": "1.0", "other": "apixaban, lisinopril, furosemide"}),
        ("gabapentin", {"age": "66", "scr": "1.4", "other": "morphine"}),
    ],
)
def test_no_flag_is_lost_between_core_cli_and_gui(
    window: MainWindow, shipped_db: Path, drug: str, patient: dict
) -> None:  # type: ignore[type-arg]
    import json

    from tests.conftest import run_cli

    window.show_dosing(drug)
    enter_patient(window, age=patient["age"], sex="male", weight="70", height="175", scr=patient["scr"])
    window.dosing.form.other_drugs.setText(patient["other"])
    window.dosing.recompute()
    core = window.dosing.result
    assert core is not None and core.flags
    args = ["--db", str(shipped_db), "dose", drug, "--age", patient["age"], "--sex", "male", "--weight-kg", "70",
            "--height-cm", "175", "--scr-mg-dl", patient["scr"], "--json"]  # fmt: skip
    for other in patient["other"].split(", "):
        args += ["--with", other]
    cli = json.loads(run_cli(*args).stdout)
    assert [(f["kind"], f["severity"], f["message"]) for f in cli["flags"]] == [
        (f.kind, f.severity, f.message) for f in core.flags
    ]
    sheet = window.dosing.view.sheet.toPlainText()
    for flag in core.flags:
        assert flag.message[:60] in sheet.replace("\n", " "), flag.message


def test_copy_for_the_record_puts_the_result_and_its_basis_on_the_clipboard(window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    from legpain_desktop.core.model import DISCLAIMER

    window.show_dosing("pregabalin")
    window.dosing.form.age_edit.setText("")
    window.dosing.recompute()
    assert window.dosing_home.copy_note() == ""  # nothing yet: said in the status bar, clipboard untouched
    assert "Nothing to copy yet" in window.statusBar().currentMessage()
    enter_patient(window)
    window.dosing.view.regimen_dose.setText("150")
    window.dosing.view.regimen_times.setText("2")
    window.dosing.recompute()
    window.dosing.view.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("LegPain Desktop dosing note · content version " + window.manifest.content_version)
    assert text.splitlines()[1] == DISCLAIMER
    for part in ("Result: 75 to 300 mg a day", "Rule applied: CrCl 30 to 60", "Regimen check: Within range",
                 "CrCl 38.4 mL/min", "(140 - 75) x 60.0 kg / (72 x 1.2) x 0.85", "Age 75 years",
                 "  S-LYR: Lyrica (pregabalin)"):  # fmt: skip
        assert part in text, part
    assert "copied" in window.statusBar().currentMessage()
    sheet = window.dosing.view.sheet.toPlainText()  # the sheet on screen (and on paper) cites in full too
    assert "Sources" in sheet and "Lyrica (pregabalin) capsules" in sheet


def test_gui_and_cli_give_the_same_dose_titration_and_regimen(window: MainWindow, shipped_db: Path) -> None:
    """One consultation: the form, the sheet and ``dose --json`` carry the same numbers (issue 11)."""
    import json

    from legpain_desktop.cli_dosing import dose_json
    from tests.conftest import run_cli

    window.show_dosing("pregabalin")
    enter_patient(window, age="78", sex="female", weight="50", height="160", scr="1.7")
    window.dosing.view.regimen_dose.setText("75")
    window.dosing.view.regimen_times.setText("2")
    window.dosing.recompute()
    consultation = window.dosing.consultation
    assert consultation is not None and consultation.ok
    cli = json.loads(
        run_cli("--db", str(shipped_db), "dose", "pregabalin", "--age", "78", "--sex", "female", "--weight-kg", "50",
                "--height-cm", "160", "--scr-mg-dl", "1.7", "--regimen", "75x2", "--json").stdout
    )  # fmt: skip
    assert cli == json.loads(json.dumps(dose_json(consultation)))
    assert cli["titration"]["steps"][0]["daily_mg"] == {"min": 25, "max": 25}
    assert cli["regimen"] == {"daily_mg": 150, "within": True, "verdict": "within range",
                              "message": "150 mg/day is within this patient's range."}  # fmt: skip
    sheet = window.dosing.view.sheet.toPlainText()
    assert "25 to 150 mg a day" in sheet and "Day 1" in sheet and "150 mg/day is within" in sheet


def test_a_new_patient_starts_clean_and_invalid_input_clears_the_old_result(window: MainWindow) -> None:
    """Wrong values kept from the previous patient: a half-entered new patient never shows the old dose."""
    window.show_dosing("gabapentin")
    enter_patient(window, age="60", scr="6")
    window.dosing.form.dialysis.setCurrentIndex(1)  # haemodialysis
    window.dosing.recompute()
    assert window.dosing.result is not None and window.dosing.result.max_daily_mg == 300
    window.dosing.form.scr_edit.setText("")  # the next patient: creatinine not yet typed
    window.dosing.recompute()
    assert window.dosing.result is None and window.dosing.consultation is None
    assert "300" not in window.dosing.view.sheet.toPlainText()
    assert window.dosing.band_label("gabapentin") is None


def test_pregnancy_breastfeeding_and_aki_boxes_change_the_result(window: MainWindow) -> None:
    window.show_dosing("ibuprofen")
    enter_patient(window, age="30", sex="female", weight="60", height="165", scr="0.8")
    assert window.dosing.result is not None and not window.dosing.result.avoid
    window.dosing.form.pregnant.setChecked(True)
    window.dosing.recompute()
    assert window.dosing.result is not None and window.dosing.result.avoid
    assert "Pregnancy:" in window.dosing.view.sheet.toPlainText()
    window.dosing.form.pregnant.setChecked(False)
    window.dosing.form.unstable_kidney.setChecked(True)
    window.dosing.recompute()
    assert window.dosing.result is not None
    assert any("steady creatinine" in f.message for f in window.dosing.result.flags)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen popup
def test_medicines_become_chips_that_the_keyboard_can_remove(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    window.show_dosing("gabapentin")
    enter_patient(window)
    field = window.dosing.form.medicines
    assert {"Lipitor", "paracetamol", "metformin"} <= set(field.completer.model().stringList())  # type: ignore[attr-defined]
    qtbot.keyClicks(field.edit, "sertraline")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(field.edit, "diazepam, metformin,")
    assert [c.text for c in field.chips] == ["sertraline", "diazepam", "metformin"] and field.edit.text() == ""
    assert field.chips[1].remove_button.accessibleName() == "Remove diazepam"
    assert field.chips[1].accessibleName() == "diazepam"
    field.chips[1].setFocus()
    qtbot.keyClick(field.chips[1], Qt.Key.Key_Delete)
    assert [c.text for c in field.chips] == ["sertraline", "metformin"]
    assert field.chips[1].hasFocus()  # the keyboard stays in the list
    field.chips[0].remove_button.click()
    assert field.entries() == ("metformin",)
    window.dosing.recompute()
    assert window.dosing.consultation is not None and window.dosing.consultation.request.other_drugs == ("metformin",)


def test_an_opioid_chip_takes_a_daily_dose_and_the_mme_total_shows_its_basis(window: MainWindow) -> None:
    window.show_dosing("tramadol")
    enter_patient(window, age="60", sex="male", weight="80", height="178", scr="1.0")
    field = window.dosing.form.medicines
    oxy = field.add("oxycodone 20mg bd")
    patch = field.add("Durogesic")
    assert oxy is not None and oxy.dose is not None and oxy.dose.text() == "40"  # read from "20mg bd"
    assert patch is not None and patch.dose is not None and patch.dose.text() == ""
    assert "micrograms an hour" in patch.dose.accessibleName()
    assert field.add("metformin") is not None and field.chips[-1].dose is None  # not an opioid: no box
    window.dosing.recompute()
    sheet = window.dosing.view.sheet.toPlainText()
    assert "Total incomplete" in sheet and "Durogesic: dose unknown, NOT COUNTED" in sheet
    assert "incomplete" in window.dosing.form.mme.text()
    patch.dose.setText("25")
    window.dosing.recompute()
    sheet = window.dosing.view.sheet.toPlainText()
    result = window.dosing.result
    assert result is not None and result.max_daily_mg is not None
    total = result.max_daily_mg * 0.2 + 60 + 60
    assert f"Total: {total:g} MME/day" in sheet and f"{total:g} MME/day" in window.dosing.form.mme.text()
    for text in ("Tramadol: 400 mg a day x 0.2 = 80 MME/day (dose: the proposed maximum daily dose; factor CDC-2022)",
                 "oxycodone: 40 mg a day x 1.5 = 60 MME/day", "Durogesic: 25 micrograms an hour x 2.4 = 60 MME/day",
                 "90 MME/day or more", "Offer naloxone", "not a conversion chart",
                 "Interactions among all the patient's medicines", "tramadol + oxycodone + fentanyl"):  # fmt: skip
        assert text in sheet.replace("\n", " "), text
    note = window.dosing.note_text(["Title"])
    assert "Opioids, morphine-equivalent dose:" in note and "x 2.4 = 60 MME/day" in note
    window.show_dosing("gabapentin")
    field.set_entries(["Butrans 10 mcg/h"])
    window.dosing.recompute()
    assert "no MME total" in window.dosing.form.mme.text() and window.dosing.form.mme.isVisibleTo(window)


def test_remembered_medicines_come_back_as_chips_with_their_doses(window: MainWindow) -> None:
    window.show_dosing("gabapentin")
    form = window.dosing.form
    form.set_raw_text({"other_drugs": "oxycodone 40 mg/day, metformin, snake oil"})
    assert [c.info.label for c in form.medicines.chips] == ["oxycodone", "metformin", "snake oil"]
    assert form.raw_text()["other_drugs"] == "oxycodone 40 mg/day, metformin, snake oil"
    assert not form.medicines.chips[2].info.checked and form.medicines.warning.text().startswith("⚠")


def test_the_form_no_longer_presets_sex_and_says_when_the_indication_changes(window: MainWindow) -> None:
    """Issue 17 item 12."""
    window.show_dosing("pregabalin")
    form = window.dosing.form
    assert form.sex.currentIndex() == 0 and form.sex.currentText() == "choose…"
    form.age_edit.setText("75")
    form.weight_edit.setText("60")
    form.height_edit.setText("160")
    form.scr_edit.setText("1.2")
    window.dosing.recompute()
    assert window.dosing.result is None  # waits for the sex: it was silently "female"
    form.sex.setCurrentText("male")
    window.dosing.recompute()
    assert window.dosing.result is not None
    before = form.indication.currentText()
    window.dosing.select_drug("acetaminophen")
    if form.indication.findText(before) < 0:
        assert form.indication_note.isVisible() and "check it" in form.indication_note.text()
        assert before in form.indication_note.text()


def test_the_dose_result_and_the_form_read_well_to_a_screen_reader(window: MainWindow) -> None:
    """Issue 17 item 18: structured result, errors named by their message, kidney values in the name."""
    from PySide6.QtGui import QAccessible

    window.show_dosing("pregabalin")
    enter_patient(window)
    items = window.dosing.view.sheet.accessible_items()
    roles = {i.role for i in items}
    assert QAccessible.Role.Heading in roles and QAccessible.Role.Paragraph in roles
    assert any("Pregabalin" in i.name for i in items if i.role == QAccessible.Role.Heading)
    assert len(items) > 20  # headline, rule, flags, rows, working: parts, not one block
    kidney = window.dosing.form.kidney.accessibleName()
    assert "creatinine clearance 38.4 mL/min" in kidney and "eGFR" in kidney
    window.dosing.form.age_edit.setText("12")
    window.dosing.recompute()
    error = window.dosing.form.errors["age"]
    assert error.isVisible() and error.accessibleName() == error.text() and "18" in error.text()
    for combo in (window.dosing.form.sex, window.dosing.form.weight_unit, window.dosing.form.scr_unit):
        assert combo.accessibleName() and combo.accessibleName() != combo.currentText()


def test_dark_mode_keeps_the_shaded_kidney_row_readable(window: MainWindow) -> None:
    """Issue 17 item 2: the row was light text on yellow (1.08:1) in the dark theme."""
    from PySide6.QtGui import QPalette, QTextCursor, QTextFormat

    from tests.gui.test_contrast import ratio

    window.appearance.set_theme("dark")
    try:
        window.show_dosing("gabapentin")
        enter_patient(window, age="78", weight="50", scr="1.7")
        doc = window.dosing.view.sheet.document()
        found = doc.find("▶")
        assert not found.isNull()
        cursor = QTextCursor(found)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        fmt = cursor.charFormat()
        sheet = window.dosing.view.sheet
        # Text with no colour of its own is drawn in the palette's text colour (light in dark mode).
        if fmt.hasProperty(QTextFormat.Property.ForegroundBrush):
            text = fmt.foreground().color()
        else:
            text = sheet.palette().color(QPalette.ColorRole.Text)
        cell = cursor.currentTable().cellAt(cursor).format().background().color()
        assert ratio(text, cell) >= 4.5, (text.name(), cell.name())
    finally:
        window.appearance.set_theme("light")


def test_the_all_drugs_table_wraps_at_a_large_text_size(window: MainWindow) -> None:
    """Issue 17 item 10: doses were cut off mid-sentence at 120%."""
    window.appearance.set_text_scale(120)
    try:
        window.show_dosing("pregabalin")
        enter_patient(window)
        table = window.dosing.view.table
        assert table.wordWrap()
        row = next(r for r in range(table.model().rowCount()) if len(table.model().index(r, 1).data()) > 60)
        assert table.rowHeight(row) > table.fontMetrics().height() * 1.5
    finally:
        window.appearance.set_text_scale(100)


def test_one_input_change_computes_each_drug_once(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: the dosed drug, the every-drug table and the open drug page's shaded row share one
    consultation per drug; before, the open page computed its drug again on every change."""
    from collections import Counter

    from legpain_desktop.core.dosing import consultation as core
    from legpain_desktop.gui.dosing import controller as dosing_controller

    window.show_dosing("pregabalin")
    enter_patient(window)
    window.open_monograph("pregabalin")
    calls: Counter[str] = Counter()
    real = core.consult_dose

    def counting(formulary, request):  # type: ignore[no-untyped-def]
        calls[request.drug] += 1
        return real(formulary, request)

    monkeypatch.setattr(core, "consult_dose", counting)
    monkeypatch.setattr(dosing_controller, "consult_dose", counting)
    window.dosing.form.scr_edit.setText("2.4")
    window.dosing.recompute()
    window.open_monograph("pregabalin")  # the page re-renders with the patient's row
    assert "▶ CrCl 15 to 30" in window.view.toPlainText()
    assert set(calls) == set(window.dosing_home.formulary.drugs) and max(calls.values()) == 1, calls


def test_the_dose_form_scrolls_instead_of_pushing_the_window_off_a_short_screen(window: MainWindow) -> None:
    # At scale 2 (960x540) the dose tab made the window 547 rows tall and squeezed the indication note.
    from PySide6.QtWidgets import QScrollArea

    window.show_dosing("gabapentin")
    window.resize(960, 540)
    assert window.minimumSizeHint().height() <= 540, window.minimumSizeHint()
    tab = window.side_panel.tabs.currentWidget()
    assert isinstance(tab, QScrollArea) and tab.widget() is window.dosing.form
    assert window.tabs.id_at() == "dose"


def test_the_all_drugs_table_says_when_a_cap_lowered_the_maximum(window: MainWindow) -> None:
    """Child-Pugh B: tramadol's kidney row alone would read as its whole rule (pass 8 follow-up)."""
    from PySide6.QtCore import Qt

    window.show_dosing("tramadol")
    form = window.dosing.form
    form.child_pugh.setCurrentIndex(form.child_pugh.findData("B"))
    enter_patient(window, age="60", sex="male", weight="80", height="178", scr="1.0")
    model = window.dosing.view.table_model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    tramadol = rows["Tramadol"]
    assert model.index(tramadol, 2).data() == "CrCl 30 or more; maximum lowered (see the sheet)"
    assert (
        model.index(tramadol, 2)
        .data(Qt.ItemDataRole.ToolTipRole)
        .startswith("Maximum lowered by: Child-Pugh B: Cirrhosis: 50 mg every 12 hours")
    )
    pregabalin = rows["Pregabalin"]  # no hepatic rule: its row is its rule, with no tooltip
    assert model.index(pregabalin, 2).data() == "CrCl 60 or more"
    assert model.index(pregabalin, 2).data(Qt.ItemDataRole.ToolTipRole) is None
