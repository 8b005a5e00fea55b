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
    assert window.dose_action.isEnabled()
    window.dose_action.trigger()
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


def test_unknown_other_drug_is_named(window: MainWindow) -> None:
    window.show_dosing("tramadol")
    enter_patient(window)
    window.dosing.form.other_drugs.setText("sertraline, snake oil")
    window.dosing.recompute()
    assert "unknown drug 'snake oil'" in window.dosing.form.errors["other drug"].text()
    window.dosing.form.other_drugs.setText("sertraline")
    window.dosing.recompute()
    assert "tramadol + sertraline" in window.dosing.view.sheet.toPlainText()


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
    sheet_pdf = window.save_current_as_pdf(str(tmp_path / "sheet.pdf"))
    assert sheet_pdf and Path(sheet_pdf).read_bytes().startswith(b"%PDF")
    window.open_monograph("deep-vein-thrombosis")
    mono_pdf = window.save_current_as_pdf(str(tmp_path / "dvt.pdf"))
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
    assert window.copy_dosing_note() == ""  # nothing yet: said in the status bar, clipboard untouched
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
