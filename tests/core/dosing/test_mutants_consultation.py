"""Exact values for consultation.py: one consultation from raw inputs to one result (issue 21).

The worked patient: a man of 80, 110 kg, 165 cm, creatinine 1.3 mg/dL (BMI 110 / 1.65² = 40.4).
Cockcroft-Gault: actual (140 - 80) x 110 / (72 x 1.3) = 70.5 mL/min; ideal weight (Devine)
50 + 2.3 x (165 / 2.54 - 60) = 61.4 kg, 39.4 mL/min; adjusted weight 61.4 + 0.4 x (110 - 61.4) = 80.8 kg,
51.8 mL/min. Gabapentin (Neurontin label) for postherpetic neuralgia: CrCl 60 or more 1800 to 3600 mg a
day, CrCl above 30 to 59 400 to 1400 mg a day. Tramadol 50 mg four times a day is 200 mg a day, 40 MME
(CDC 2022 factor 0.2); oxycodone 10 mg twice a day is 20 mg a day, 30 MME (factor 1.5).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from legpain_desktop.core.dosing.calculator import DoseResult, Flag, calculate_dose
from legpain_desktop.core.dosing.consultation import (
    DoseConsultation,
    DoseRequest,
    body_mass_index,
    consult_all,
    consult_dose,
    dosed_drug,
    for_drug,
    validate_patient,
    with_regimen_flags,
)
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.interactions import DrugIdentity
from legpain_desktop.core.dosing.medicines import EnteredMedicine
from legpain_desktop.core.dosing.opioids import MmeTotal, OpioidAlert
from legpain_desktop.core.dosing.patient import Patient
from legpain_desktop.core.dosing.regimen import DosedDrug, RegimenMedicine, RegimenReview
from legpain_desktop.core.dosing.renal import kidney_function
from legpain_desktop.core.dosing.schema import DoseRange
from legpain_desktop.core.dosing.titration import RegimenCheck
from tests.core.dosing.test_mutants_report import RESULT, UNKNOWN, UNKNOWN_MESSAGE

BASE: dict[str, Any] = {"age": 80, "sex": "male", "weight": 110, "height": 165, "scr": 1.3}
OBESITY_NOTE = (
    "BMI 40.4 kg/m²: Cockcroft-Gault on actual weight (70.5 mL/min) overestimates clearance in obesity; on adjusted "
    "weight it is 51.8 mL/min. Both results are shown; choose the weight basis your service uses (many use adjusted "
    "weight)."
)


def test_the_patient_fields_of_a_request_with_their_units() -> None:
    request = DoseRequest(drug="gabapentin", age=80, sex="male", weight=242, weight_unit="lb", height=65,
                          height_unit="in", scr=115, scr_unit="umol/L", dialysis="pd", child_pugh="A",
                          heart_failure=True)  # fmt: skip
    assert request.patient_fields() == {
        "age": 80, "sex": "male", "weight": 242, "weight_unit": "lb", "height": 65, "height_unit": "in",
        "scr": 115, "scr_unit": "umol/L", "dialysis": "pd", "child_pugh": "A",
    }  # fmt: skip
    assert DoseRequest(drug="x").patient_fields() == {
        "age": None, "sex": None, "weight": None, "weight_unit": "kg", "height": None, "height_unit": "cm",
        "scr": None, "scr_unit": "mg/dL", "dialysis": "none", "child_pugh": None,
    }  # fmt: skip


def test_body_mass_index_in_kg_per_square_metre() -> None:
    assert body_mass_index(Patient(age=50, sex="male", weight_kg=67.5, height_cm=150, scr_mg_dl=1.0)) == 30.0
    assert body_mass_index(Patient(age=50, sex="male", weight_kg=81, height_cm=180, scr_mg_dl=1.0)) == 25.0


def test_ok_and_the_row_to_highlight() -> None:
    request = DoseRequest(drug="pregabalin")
    assert DoseConsultation(request, {}, result=RESULT).ok
    assert DoseConsultation(request, {}, result=RESULT).highlight_band == "CrCl 30 to 60"
    assert not DoseConsultation(request, {"age": "is missing"}, result=RESULT).ok
    assert not DoseConsultation(request, {}).ok
    assert DoseConsultation(request, {}).highlight_band is None
    assert DoseConsultation(request, {}, result=replace(RESULT, band=None)).highlight_band is None


def test_the_validated_patient_keeps_every_box_and_only_recognised_drugs(formulary: Formulary) -> None:
    drugs = ("sertraline", "zopiclon", "tramadol")
    request = DoseRequest(drug="gabapentin", age=34, sex="female", weight=60, height=160, scr=0.7, dialysis="hd",
                          child_pugh="B", heart_failure=True, pregnant=True, breastfeeding=True,
                          unstable_kidney_function=True, other_drugs=drugs)  # fmt: skip
    patient, errors = validate_patient(formulary, request)
    assert errors == {}
    assert patient == Patient(age=34, sex="female", weight_kg=60, height_cm=160, scr_mg_dl=0.7, dialysis="hd",
                              heart_failure=True, child_pugh="B", other_drugs=("sertraline", "tramadol"),
                              pregnant=True, breastfeeding=True, unstable_kidney_function=True)  # fmt: skip
    plain, _ = validate_patient(formulary, DoseRequest(drug="gabapentin", **BASE))
    assert plain == Patient(age=80, sex="male", weight_kg=110, height_cm=165, scr_mg_dl=1.3)


def test_every_field_error_at_once_and_pregnancy_for_a_man(formulary: Formulary) -> None:
    bad = DoseRequest(drug="gabapentin", age="x", sex="male", weight=110, height=165, scr=-1)
    patient, errors = validate_patient(formulary, bad)
    assert patient is None and set(errors) == {"age", "serum creatinine"}
    assert errors == Patient.field_errors(age="x", sex="male", weight=110, height=165, scr=-1)
    male = DoseRequest(drug="gabapentin", pregnant=True, **BASE)
    assert validate_patient(formulary, male) == (
        None,
        {"pregnant": "is ticked for a male patient; check the sex and the pregnancy box"},
    )
    consultation = consult_dose(formulary, male)
    assert consultation.errors == {"pregnant": "is ticked for a male patient; check the sex and the pregnancy box"}
    assert consultation.patient is None and consultation.drug is formulary.drug("gabapentin")
    assert consultation.result is None and not consultation.ok


def test_an_unknown_drug_is_the_only_error(formulary: Formulary) -> None:
    c = consult_dose(formulary, DoseRequest(drug="gabapentine", age="x"))
    assert c.errors == {"drug": "unknown drug 'gabapentine'; see 'legpain-desktop list --kind drug'"}
    assert c.drug is None and c.patient is None and c.result is None


def test_an_error_from_the_kidney_or_the_dose_keeps_the_patient(formulary: Formulary) -> None:
    c = consult_dose(formulary, DoseRequest(drug="gabapentin", weight_basis="lean", **BASE))
    assert c.errors == {"weight basis": "must be actual, ideal or adjusted"}
    assert c.patient == Patient(age=80, sex="male", weight_kg=110, height_cm=165, scr_mg_dl=1.3)
    assert c.drug is formulary.drug("gabapentin") and c.kidney is None and c.result is None
    c = consult_dose(formulary, DoseRequest(drug="gabapentin", indication="zz", **BASE))
    assert c.errors == {"indication": "gabapentin has no indication 'zz'; valid: herpes-zoster, peripheral-neuropathy"}
    assert c.patient is not None and c.result is None


def test_the_whole_consultation_with_the_obesity_comparison(formulary: Formulary) -> None:
    c = consult_dose(formulary, DoseRequest(drug="gabapentin", **BASE))
    assert c.ok and c.errors == {} and c.drug is formulary.drug("gabapentin")
    assert c.kidney == kidney_function(c.patient, "actual")  # type: ignore[arg-type]
    assert c.result is not None and c.result.band is not None
    assert (c.result.band.label, c.result.daily_dose_mg, c.result.max_daily_mg) == (
        "CrCl 60 or more",
        DoseRange(1800, 3600),
        3600,
    )
    assert c.regimen is None and c.regimen_error == ""
    assert c.schedule is not None and c.schedule.drug_id == "gabapentin"
    assert c.medicines == RegimenReview((), (), None)
    ob = c.obesity
    assert ob is not None
    assert (ob.bmi, ob.crcl_actual, ob.crcl_adjusted, ob.note) == (40.4, 70.5, 51.8, OBESITY_NOTE)
    assert ob.actual is c.result
    assert ob.adjusted.band is not None and ob.adjusted.band.label == "CrCl above 30 to 59"
    assert (ob.adjusted.daily_dose_mg, ob.adjusted.max_daily_mg) == (DoseRange(400, 1400), 1400)


def test_on_adjusted_weight_the_comparison_computes_the_actual_side(formulary: Formulary) -> None:
    plain = consult_dose(formulary, DoseRequest(drug="gabapentin", **BASE))
    c = consult_dose(formulary, DoseRequest(drug="gabapentin", weight_basis="adjusted", **BASE))
    assert c.kidney is not None and c.kidney.crcl == 51.8
    ob = c.obesity
    assert ob is not None and plain.obesity is not None
    assert ob.adjusted == c.result and ob.actual == plain.obesity.actual
    assert (ob.bmi, ob.crcl_actual, ob.crcl_adjusted, ob.note) == (40.4, 70.5, 51.8, OBESITY_NOTE)


def test_on_ideal_weight_the_comparisons_actual_side_is_actual_weight(formulary: Formulary) -> None:
    c = consult_dose(formulary, DoseRequest(drug="gabapentin", weight_basis="ideal", **BASE))
    ob = c.obesity
    assert ob is not None and ob.note == OBESITY_NOTE and ob.crcl_actual == 70.5
    assert ob.actual.band is not None and ob.actual.band.label == "CrCl 60 or more"


@pytest.mark.parametrize(("weight", "compared"), [(67.5, True), (67.4, False)])
def test_the_comparison_starts_at_bmi_30(formulary: Formulary, weight: float, compared: bool) -> None:
    """67.5 kg at 150 cm is BMI 30.0 exactly (WHO obesity); 67.4 kg is 29.96."""
    request = DoseRequest(drug="gabapentin", age=50, sex="male", weight=weight, height=150, scr=1.0)
    c = consult_dose(formulary, request)
    assert (c.obesity is not None) is compared
    if c.obesity is not None:
        assert c.obesity.bmi == 30.0 and c.obesity.note.startswith("BMI 30.0 kg/m²: ")


def test_no_comparison_on_dialysis_for_a_drug_without_kidney_rows_or_a_topical(formulary: Formulary) -> None:
    assert consult_dose(formulary, DoseRequest(drug="gabapentin", dialysis="hd", **BASE)).obesity is None
    assert consult_dose(formulary, DoseRequest(drug="gabapentin", dialysis="pd", **BASE)).obesity is None
    quinine = consult_dose(formulary, DoseRequest(drug="quinine", **BASE))
    assert quinine.ok and formulary.drug("quinine").renal is None and quinine.obesity is None
    topical = consult_dose(formulary, DoseRequest(drug="lidocaine-topical", **BASE))
    assert topical.ok and topical.obesity is None


def test_a_regimen_is_checked_only_when_both_parts_are_given(formulary: Formulary) -> None:
    def ask(dose: object, times: object) -> DoseConsultation:
        return consult_dose(formulary, DoseRequest(drug="tramadol", regimen_dose=dose, regimen_times=times, **BASE))

    c = ask(50, 4)
    assert c.regimen == RegimenCheck("within range", 200.0, "200 mg/day is within this patient's range.")
    assert c.regimen_error == ""
    for dose, times in ((None, 4), (50, None), ("", 4), (50, "  "), (None, None)):
        assert (ask(dose, times).regimen, ask(dose, times).regimen_error) == (None, "")
    assert ask("x", 4).regimen_error == "dose: 'x' is not a number; enter 0.1 to 10000 mg"
    assert ask("x", 4).regimen is None and ask("x", 4).ok
    assert ask(0, 4).regimen_error == "dose: 0 mg is outside the valid range 0.1 to 10000 mg"


def test_the_regimen_counts_in_the_opioid_total_and_adds_its_flags(formulary: Formulary) -> None:
    request = DoseRequest(drug="tramadol", other_drugs=("sertraline", "zopiclon", "oxycodone 10 mg bd"),
                          regimen_dose=50, regimen_times=4, **BASE)  # fmt: skip
    c = consult_dose(formulary, request)
    assert c.patient is not None and c.patient.other_drugs == ("sertraline", "oxycodone 10 mg bd")
    assert c.medicines is not None and c.medicines.mme is not None
    assert c.medicines.mme.total == 70  # 200 mg tramadol x 0.2 + 20 mg oxycodone x 1.5
    assert [m.entered.text for m in c.medicines.unchecked] == ["zopiclon"]
    assert c.result is not None
    unchecked = [f for f in c.result.flags if f.kind == "unchecked"]
    assert unchecked == [Flag("unchecked", "major", c.medicines.unchecked[0].unchecked_message(), "")]
    opioid = [(f.severity, f.source, f.status) for f in c.result.flags if f.kind == "opioid"]
    assert opioid == [("moderate", "CDC-2022", "G"), ("moderate", "CDC-2022", "G")]
    assert next(f.message for f in c.result.flags if f.kind == "opioid").startswith("70 MME/day: 50 MME/day or more.")
    assert c.result.sources[-1] == "CDC-2022" and c.result.sources.count("CDC-2022") == 1
    # without a regimen the proposed maximum is counted: 300 mg a day above 75 years (label), 60 MME
    alone = consult_dose(formulary, replace(request, regimen_dose=None, other_drugs=("oxycodone 10 mg bd",)))
    assert alone.medicines is not None and alone.medicines.mme is not None and alone.medicines.mme.total == 90


AVOIDED = replace(RESULT, drug_id="duloxetine", drug_title="Duloxetine", avoid=True, daily_dose_mg=None,
                  max_daily_mg=None)  # fmt: skip
CHECK = RegimenCheck("within range", 150, "150 mg a day is within 75 to 300 mg a day.")


def test_the_dosed_drugs_daily_amount_and_where_it_comes_from() -> None:
    assert dosed_drug(AVOIDED, CHECK) == DosedDrug("duloxetine", "Duloxetine", 0.0, "none: the result is avoid")
    assert dosed_drug(RESULT, CHECK) == DosedDrug("pregabalin", "Pregabalin", 150, "the regimen being checked")
    assert dosed_drug(RESULT, None) == DosedDrug("pregabalin", "Pregabalin", 300, "the proposed maximum daily dose")
    ranged = replace(RESULT, max_daily_mg=None, daily_dose_mg=DoseRange(75, 250))
    assert dosed_drug(ranged, None) == DosedDrug("pregabalin", "Pregabalin", 250, "the top of the proposed daily range")
    none = replace(ranged, daily_dose_mg=None)
    assert dosed_drug(none, None) == DosedDrug("pregabalin", "Pregabalin", None, "no daily dose in the result")


ALERTS = (
    OpioidAlert("critical", "90 MME/day or more.", "CDC-2022", "band"),
    OpioidAlert("info", "Discuss naloxone.", "S-LYR", "naloxone"),
)
KNOWN = RegimenMedicine(EnteredMedicine("sertraline", "sertraline"), DrugIdentity("sertraline", frozenset()))


def test_regimen_flags_in_severity_order_with_new_sources_once() -> None:
    mme = MmeTotal(95, 95, (), (), ALERTS, "", "CDC-2022")
    flagged = with_regimen_flags(RESULT, RegimenReview((KNOWN, UNKNOWN), (), mme))
    critical = Flag("opioid", "critical", "90 MME/day or more.", "CDC-2022", "G")
    unchecked = Flag("unchecked", "major", UNKNOWN_MESSAGE, "")
    info = Flag("opioid", "info", "Discuss naloxone.", "S-LYR", "G")
    original = {f.severity: f for f in RESULT.flags}
    assert flagged.flags == (
        original["critical"], critical, original["major"], unchecked, original["moderate"], original["info"], info,
    )  # fmt: skip
    assert flagged.sources == ("S-LYR", "", "S-B23-T6", "CDC-2022")
    assert replace(flagged, flags=RESULT.flags, sources=RESULT.sources) == RESULT


def test_no_regimen_flag_leaves_the_result_as_it_is() -> None:
    assert with_regimen_flags(RESULT, RegimenReview((KNOWN,), (), None)) is RESULT
    quiet = MmeTotal(10, 10, (), (), (), "", "CDC-2022")
    assert with_regimen_flags(RESULT, RegimenReview((KNOWN,), (), quiet)) is RESULT
    only_unchecked = with_regimen_flags(replace(RESULT, flags=()), RegimenReview((UNKNOWN,), (), None))
    assert only_unchecked.flags == (Flag("unchecked", "major", UNKNOWN_MESSAGE, ""),)
    assert only_unchecked.sources == RESULT.sources


def test_another_drug_for_the_same_patient_drops_the_indication_and_regimen() -> None:
    request = DoseRequest(drug="pregabalin", indication="herpes-zoster", regimen_dose=75, regimen_times=2,
                          other_drugs=("sertraline",), weight_basis="adjusted", **BASE)  # fmt: skip
    assert for_drug(request, "gabapentin") == DoseRequest(
        drug="gabapentin", other_drugs=("sertraline",), weight_basis="adjusted", **BASE
    )


@pytest.fixture(scope="module")
def small(formulary: Formulary) -> Formulary:
    """Three drugs, one titled in lower case so the order must ignore case."""
    drugs = {d: formulary.drug(d) for d in ("pregabalin", "gabapentin", "lidocaine-topical")}
    drugs["gabapentin"] = replace(drugs["gabapentin"], title="gabapentin")
    return Formulary(drugs, formulary.checker)


def test_every_drug_in_title_order_ignoring_case(small: Formulary) -> None:
    rows = consult_all(small, DoseRequest(drug="pregabalin", regimen_dose=75, regimen_times=2, **BASE))
    assert [c.request.drug for c in rows] == ["gabapentin", "lidocaine-topical", "pregabalin"]
    assert all(c.ok and c.regimen is None and c.request.indication is None for c in rows)
    assert rows[2].result == consult_dose(small, DoseRequest(drug="pregabalin", **BASE)).result


def test_a_known_consultation_is_reused_only_for_its_own_question(small: Formulary) -> None:
    main = small.drug("pregabalin").main_indication
    other = next(i.indication for i in small.drug("pregabalin").indications if i.indication != main)
    for indication in (None, main):
        known = consult_dose(small, DoseRequest(drug="pregabalin", indication=indication, **BASE))
        rows = consult_all(small, DoseRequest(drug="gabapentin", **BASE), known=known)
        assert [c is known for c in rows] == [False, False, True]
    for changes in ({"indication": other}, {"regimen_dose": 75, "regimen_times": 2}, {"age": 81}):
        known = consult_dose(small, DoseRequest(drug="pregabalin", **{**BASE, **changes}))
        rows = consult_all(small, DoseRequest(drug="pregabalin", **BASE), known=known)
        assert not any(c is known for c in rows)
        assert rows[2].request == DoseRequest(drug="pregabalin", **BASE)
    # a consultation for another drug answers that drug's row only (gabapentin's main use is also herpes-zoster)
    known_other_drug = consult_dose(small, DoseRequest(drug="gabapentin", indication=main, **BASE))
    rows = consult_all(small, DoseRequest(drug="pregabalin", **BASE), known=known_other_drug)
    assert [c is known_other_drug for c in rows] == [True, False, False]


def test_the_result_of_a_consultation_is_the_calculators(formulary: Formulary) -> None:
    c = consult_dose(formulary, DoseRequest(drug="pregabalin", indication="peripheral-neuropathy", **BASE))
    assert c.patient is not None and c.kidney is not None
    expected: DoseResult = calculate_dose(
        formulary.drug("pregabalin"), c.patient, c.kidney, formulary.checker, "peripheral-neuropathy"
    )
    assert c.result == expected and c.result.indication_id == "peripheral-neuropathy"


# --- the mutation run of 2026-12-05 (issue 21): the survivors it found, each pinned -----------------


def test_both_sides_of_the_obesity_comparison_answer_the_same_question(formulary: Formulary) -> None:
    """The side computed for the comparison must use the indication asked for and the interaction
    checker: without them it showed the main indication's dose and no interaction flag."""
    gabapentin = formulary.drug("gabapentin")
    other = next(i.indication for i in gabapentin.indications if i.indication != gabapentin.main_indication)
    request = DoseRequest(drug="gabapentin", indication=other, other_drugs=("morphine",), **BASE)
    c = consult_dose(formulary, request)
    assert c.patient is not None and c.obesity is not None
    adjusted = calculate_dose(gabapentin, c.patient, kidney_function(c.patient, "adjusted"), formulary.checker, other)
    assert c.obesity.adjusted == adjusted
    assert c.obesity.adjusted.indication_id == other
    assert any(f.kind == "interaction" for f in c.obesity.adjusted.flags)


def test_every_failed_consultation_keeps_its_request_and_its_problems(formulary: Formulary) -> None:
    from legpain_desktop.core.dosing.patient import WEIGHT_BASES, Problem

    unknown = DoseRequest(drug="gabapentine")
    c = consult_dose(formulary, unknown)
    assert c.request is unknown and c.problems == {"drug": Problem("drug", "unknown", "gabapentine")}
    fields = DoseRequest(drug="gabapentin", age="x", sex="male", weight=110, height=165, scr=-1)
    c = consult_dose(formulary, fields)
    assert c.request is fields and c.drug is formulary.drug("gabapentin")
    assert c.problems == {
        "age": Problem("age", "not_a_number", "x", 18.0, 120.0, "years"),
        "scr": Problem("scr", "out_of_range", "-1", 0.1, 20.0, "mg/dL"),
    }
    lean = DoseRequest(drug="gabapentin", weight_basis="lean", **BASE)
    c = consult_dose(formulary, lean)
    assert c.request is lean and c.patient is not None
    assert c.problems == {"weight_basis": Problem("weight_basis", "not_one_of", "lean", choices=WEIGHT_BASES)}
    male = DoseRequest(drug="gabapentin", pregnant=True, **BASE)
    c = consult_dose(formulary, male)
    assert c.request is male and c.problems == {"pregnant": Problem("pregnant", "contradiction")}


def test_a_pregnant_man_is_refused_on_the_pregnant_field(formulary: Formulary) -> None:
    from legpain_desktop.core.dosing.consultation import check_patient
    from legpain_desktop.core.dosing.patient import Problem

    patient, failures = check_patient(formulary, DoseRequest(drug="gabapentin", pregnant=True, **BASE))
    assert patient is None and list(failures) == ["pregnant"]
    error = failures["pregnant"]
    assert error.field == "pregnant" and error.problem == Problem("pregnant", "contradiction")
    assert str(error) == "pregnant: is ticked for a male patient; check the sex and the pregnancy box"


def test_the_every_drug_table_is_in_title_order_ignoring_case(formulary: Formulary) -> None:
    """Lower-case sorting puts 'Beta_x' before 'BetaZ' ('_' < 'z'); upper-case sorting would not."""
    two = {
        "one": replace(formulary.drug("gabapentin"), drug_id="one", title="BetaZ"),
        "two": replace(formulary.drug("pregabalin"), drug_id="two", title="Beta_x"),
    }
    table = consult_all(Formulary(two, formulary.checker), DoseRequest(drug="one", **BASE))
    assert [c.request.drug for c in table] == ["two", "one"]


def test_the_comparisons_bmi_has_one_decimal(formulary: Formulary) -> None:
    """140 kg at 170 cm is BMI 48.44: shown as 48.4 (the consultation rerun of 2026-12-05)."""
    request = DoseRequest(drug="gabapentin", age=50, sex="male", weight=140, height=170, scr=1.0)
    c = consult_dose(formulary, request)
    assert c.obesity is not None and c.obesity.bmi == 48.4
