"""The dosing sheet shows the basis of every result; form validation reports every field."""

from __future__ import annotations

from dataclasses import replace

from legpain_desktop.core.dosing.calculator import calculate_dose
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.patient import Patient
from legpain_desktop.core.dosing.present import drug_page_html
from legpain_desktop.core.dosing.renal import kidney_function
from legpain_desktop.core.dosing.report import dosing_sheet_html, flags_html, result_html, schedule_html
from legpain_desktop.core.dosing.titration import check_regimen, titration_schedule
from tests.core.dosing.conftest import kidney, patient


def test_sheet_shows_inputs_working_rule_flags_and_sources(formulary: Formulary) -> None:
    p = patient(age=75, sex="female", weight=60, height=160, scr=1.2, other_drugs=("oxycodone",), child_pugh="A")
    k = kidney_function(p, "actual")
    drug = formulary.drug("pregabalin")
    r = calculate_dose(drug, p, k, formulary.checker)
    sheet = dosing_sheet_html(
        p, k, r, titration_schedule(drug, r), check_regimen(r, 150, 2), header=["Title", "Disclaimer"], drug=drug
    )
    for text in ("75 to 300 mg a day", "Rule applied:</b> CrCl 30 to 60", "MAJOR", "S-B23-T5", "Day 8",
                 "Within range", "(140 - 75) x 60.0 kg", "60.0 kg (132 lb)", "1.2 mg/dL (106.1 µmol/L)",
                 "oxycodone", "Child-Pugh", "<small>Title</small>", "▶ CrCl 30 to 60"):  # fmt: skip
        assert text in sheet, text


def test_sheet_variants(formulary: Formulary) -> None:
    p = patient()
    k = kidney(20)
    avoid = calculate_dose(formulary.drug("duloxetine"), p, k, None)
    assert "AVOID Duloxetine" in result_html(avoid)
    per_kg = calculate_dose(formulary.drug("enoxaparin"), p, kidney(80), None)
    assert "(80 mg per dose)" in result_html(per_kg)
    morphine = calculate_dose(formulary.drug("morphine"), p, kidney(80), None)
    html = result_html(morphine)
    assert "Unverified figures shaped this result" in html
    gaba = calculate_dose(formulary.drug("gabapentin"), p, kidney(59.5), None)
    assert "more conservative row chosen" in result_html(gaba)
    topical = calculate_dose(formulary.drug("lidocaine-topical"), p, k, None)
    assert "<h2>" in result_html(topical)
    assert flags_html(replace(topical, flags=())) == "<p>No flags.</p>"
    bare = replace(gaba, band=None, max_daily_mg=None)
    assert "Rule applied" not in result_html(bare) and "maximum" not in result_html(bare).split("</p>")[0]
    assert schedule_html(None) == ""
    avoided_schedule = titration_schedule(formulary.drug("duloxetine"), avoid)
    assert "avoided" in schedule_html(avoided_schedule)
    unverified_schedule = titration_schedule(
        formulary.drug("nortriptyline"), calculate_dose(formulary.drug("nortriptyline"), p, kidney(80), None)
    )
    assert "(unverified)" in schedule_html(unverified_schedule)
    sheet = dosing_sheet_html(p, k, topical, drug=formulary.drug("lidocaine-topical"))
    assert "renal rows" not in sheet
    no_drug = dosing_sheet_html(p, kidney_function(p), gaba)
    assert "renal rows" not in no_drug
    sertraline = calculate_dose(formulary.drug("sertraline"), p, k, None)
    assert "renal rows" not in dosing_sheet_html(p, kidney_function(p), sertraline, drug=formulary.drug("sertraline"))
    obese = Patient.create(age=50, sex="male", weight=150, height=170, scr=1.0)
    assert "<b>Note:</b>" in dosing_sheet_html(obese, kidney_function(obese), gaba)


def test_drug_page_highlights_row(formulary: Formulary) -> None:
    from legpain_desktop.core.content import Reference

    body = "## Renal impairment\n{{dosing:renal}}\n## Older adults\n{{dosing:elderly}}\n{{dosing:other}}\n"
    refs = [Reference("a", "Label.", 2020, "label")]
    page = drug_page_html(body, refs, formulary.drug("pregabalin"), "CrCl 15 to 30")
    assert "▶ CrCl 15 to 30" in page and "Beers" in page and "References" in page
    shaded = page.split('bgcolor="@@highlight_bg@@"')
    assert len(shaded) > 2 and "CrCl 15 to 30" in shaded[2]  # the patient's row, every cell shaded
    assert "▶" not in drug_page_html(body, refs, formulary.drug("lidocaine-topical"), None)


def test_field_errors_reports_every_problem_at_once() -> None:
    errors = Patient.field_errors(age="x", sex="?", weight="0", height="20", scr="-1", dialysis="sometimes",
                                  child_pugh="Z")  # fmt: skip
    assert set(errors) == {"age", "sex", "weight", "height", "serum creatinine", "dialysis", "Child-Pugh class"}
    assert Patient.field_errors(age="70", sex="male", weight="70", height="170", scr="1.0") == {}


def test_every_drug_for_the_patient_comes_from_the_one_consultation(formulary: Formulary) -> None:
    from legpain_desktop.core.dosing.consultation import DoseRequest, consult_all, consult_dose

    request = DoseRequest(drug="pregabalin", age=80, sex="male", weight=80, height=178, scr=1.0, dialysis="hd",
                          regimen_dose=75, regimen_times=2)  # fmt: skip
    rows = consult_all(formulary, request)
    assert len(rows) == len(formulary.drugs) and all(c.ok and c.regimen is None for c in rows)
    titles = [c.drug.title.lower() for c in rows if c.drug is not None]
    assert titles == sorted(titles)
    gabapentin = next(c for c in rows if c.request.drug == "gabapentin")
    alone = consult_dose(formulary, DoseRequest(drug="gabapentin", age=80, sex="male", weight=80, height=178,
                                                scr=1.0, dialysis="hd"))  # fmt: skip
    assert gabapentin.result == alone.result and gabapentin.result is not None
    assert gabapentin.result.max_daily_mg == 300


def test_a_known_consultation_is_reused_only_for_the_same_question(formulary: Formulary) -> None:
    """consult_all takes the dosed drug's consultation when it asked the same thing (the main
    indication named or left out, no regimen), and computes afresh otherwise (issue 15)."""
    from legpain_desktop.core.dosing.consultation import DoseRequest, consult_all, consult_dose

    base = {"age": 80, "sex": "male", "weight": 80, "height": 178, "scr": 1.0}
    main = formulary.drug("pregabalin").main_indication
    for indication in (None, main):
        known = consult_dose(formulary, DoseRequest(drug="pregabalin", indication=indication, **base))
        rows = consult_all(formulary, DoseRequest(drug="pregabalin", indication=indication, **base), known=known)
        assert next(c for c in rows if c.request.drug == "pregabalin") is known
    other = next(i.indication for i in formulary.drug("pregabalin").indications if i.indication != main)
    for changed in ({"indication": other}, {"regimen_dose": 75, "regimen_times": 2}):
        known = consult_dose(formulary, DoseRequest(drug="pregabalin", **{**base, **changed}))
        rows = consult_all(formulary, DoseRequest(drug="pregabalin", **{**base, **changed}), known=known)
        fresh = next(c for c in rows if c.request.drug == "pregabalin")
        assert fresh is not known and fresh.request.indication is None and fresh.regimen is None


def test_note_for_the_record_carries_the_result_and_its_basis_as_plain_text(formulary: Formulary) -> None:
    from legpain_desktop.core.dosing.report import dosing_note_text

    p = patient(age=75, sex="female", weight=60, height=160, scr=1.2, other_drugs=("oxycodone",))
    k = kidney_function(p, "actual")
    drug = formulary.drug("pregabalin")
    r = calculate_dose(drug, p, k, formulary.checker)
    note = dosing_note_text(p, k, r, titration_schedule(drug, r), check_regimen(r, 150, 2), header=["Title", "Disc."])
    lines = note.splitlines()
    assert lines[:3] == ["Title", "Disc.", ""]
    for text in (
        "Pregabalin — ", "Result: 75 to 300 mg a day", "Rule applied: CrCl 30 to 60", "MAJOR", "S-B23-T5",
        "Day 8:", "Regimen check: Within range", "Kidney: CrCl ", "(140 - 75) x 60.0 kg",
        "Weight 60.0 kg (132 lb)", "Serum creatinine 1.2 mg/dL (106.1 µmol/L)", "Other drugs oxycodone",
        "mg a day in 2 doses", "Sources:\n  S-LYR\n",
    ):  # fmt: skip
        assert text in note, text
    assert "<" not in note.replace("<=", "")  # plain text, no markup
    assert "WARNING" not in note and "Flags: none." not in note


def test_note_variants(formulary: Formulary) -> None:
    from legpain_desktop.core.dosing.report import dosing_note_text

    p = patient()
    avoid = calculate_dose(formulary.drug("duloxetine"), p, kidney(20), None)
    assert "Result: AVOID Duloxetine" in dosing_note_text(p, kidney(20), avoid)
    morphine = calculate_dose(formulary.drug("morphine"), p, kidney(80), None)
    assert "WARNING: Unverified figures shaped this result" in dosing_note_text(p, kidney(80), morphine)
    gaba = calculate_dose(formulary.drug("gabapentin"), p, kidney(59.5), None)
    assert "(more conservative row chosen)" in dosing_note_text(p, kidney(59.5), gaba)
    topical = calculate_dose(formulary.drug("lidocaine-topical"), p, kidney(80), None)
    bare = replace(topical, flags=(), band=None)
    text = dosing_note_text(p, kidney(80), bare)
    assert text.startswith("Lidocaine") and "Flags: none." in text and "Rule applied" not in text
    noted_band = replace(gaba, band=replace(gaba.band, note="Label row 2.", conservative=False))
    assert "Rule applied: " in dosing_note_text(p, kidney(59.5), noted_band)
    assert " — Label row 2." in dosing_note_text(p, kidney(59.5), noted_band)
    avoided_schedule = titration_schedule(formulary.drug("duloxetine"), avoid)
    assert avoided_schedule is not None and not avoided_schedule.steps
    assert "Titration: " in dosing_note_text(p, kidney(20), avoid, avoided_schedule)
    obese = Patient.create(age=50, sex="male", weight=150, height=170, scr=1.0)
    assert "  Note: " in dosing_note_text(obese, kidney_function(obese), gaba)


def test_note_spells_out_the_sources_it_is_given(formulary: Formulary) -> None:
    from legpain_desktop.core.dosing.report import dosing_note_text

    p = patient(age=75, sex="female", weight=60, height=160, scr=1.2)
    r = calculate_dose(formulary.drug("pregabalin"), p, kidney(40), None)
    note = dosing_note_text(p, kidney(40), r, citations={"S-LYR": "Lyrica US prescribing information (2020)"})
    assert "  S-LYR: Lyrica US prescribing information (2020)\n" in note
    assert all(key in note for key in r.sources if key)  # a source with no citation keeps its key


def test_note_says_one_dose_a_day_in_the_singular(formulary: Formulary) -> None:
    from legpain_desktop.core.dosing.report import dosing_note_text

    p = patient()
    for drug_id in sorted(formulary.drugs):
        drug = formulary.drug(drug_id)
        r = calculate_dose(drug, p, kidney(80), None)
        schedule = titration_schedule(drug, r)
        if schedule is not None and any(step.doses_per_day == 1 for step in schedule.steps):
            assert " in 1 dose — " in dosing_note_text(p, kidney(80), r, schedule)
            return
    raise AssertionError("no drug has a once-daily titration step to check")


def test_printed_sheet_spells_out_its_sources_when_given_them(formulary: Formulary) -> None:
    p = patient(age=75, sex="female", weight=60, height=160, scr=1.2)
    drug = formulary.drug("pregabalin")
    r = calculate_dose(drug, p, kidney(40), None)
    assert "<h3>Sources</h3>" not in dosing_sheet_html(p, kidney(40), r, drug=drug)
    sheet = dosing_sheet_html(p, kidney(40), r, drug=drug, citations={"S-LYR": "Lyrica US label (2020)"})
    foot = sheet.split("<h3>Sources</h3>")[1]
    assert "<li><b>S-LYR</b>: Lyrica US label (2020)</li>" in foot
    others = [key for key in r.sources if key and key != "S-LYR"]
    assert others and all(f"<li><b>{key}</b></li>" in foot for key in others)  # key kept where none is known


def test_the_sheets_patient_row_keeps_dark_text_on_its_light_shade(formulary: Formulary) -> None:
    """The sheet is printed too, so its shade is always the light one; its text must be dark to match
    (in the dark theme the row was light text on yellow)."""
    p = patient(age=78, sex="female", weight=50, height=160, scr=1.7)
    k = kidney_function(p)
    r = calculate_dose(formulary.drug("gabapentin"), p, k, None)
    sheet = dosing_sheet_html(p, k, r, drug=formulary.drug("gabapentin"))
    row = sheet.split("▶")[1].split("</tr>")[0]
    assert '<td bgcolor="#fff59d"><span style="color: #1b1b1b;">' in sheet and "CrCl above 15 to 29" in row
