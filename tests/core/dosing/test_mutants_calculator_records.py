"""Whole records from calculator.py: every flag with its source and status, every result field (issue 21).

The first calculator tests compared flags as (kind, severity, message). A mutation run (2026-12-05) showed
that a flag could then lose its source (the reference a clinician follows up), its status (whether the
statement was checked against the label: an unchecked one marks the whole result unverified), or that a
loop could stop at its first rule (``continue`` made ``break``) without a test failing. These tests
compare whole Flag records and whole results, and put a rule that does not apply before one that does.

The drugs are synthetic (parse_drug); each source key names where it was written (S-IND the indication,
S-R the kidney rows, S-D a dialysis rule, ...), so a flag citing the wrong one fails.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from legpain_desktop.core.dosing.calculator import (
    BandChoice,
    DoseResult,
    Flag,
    _Work,
    calculate_dose,
    choose_band,
)
from legpain_desktop.core.dosing.interactions import InteractionChecker
from legpain_desktop.core.dosing.schema import Contraindication, DoseRange, LoadingPhase, parse_band, parse_drug
from tests.core.dosing.conftest import kidney, patient, synthetic_drug

ROW = {"label": "any", "lower": 0, "upper": None, "daily_mg": {"min": 10, "max": 600}, "doses_per_day": [2],
       "status": "L"}  # fmt: skip


def _unverified(*reasons: str) -> Flag:
    return Flag(
        "unverified", "major",
        "Unverified figures shaped this result: " + "; ".join(reasons) + ". Check the current product label before "
        "prescribing.", "dosing-facts [U]", "U",
    )  # fmt: skip


def _kinds(r: DoseResult, kind: str) -> list[Flag]:
    return [f for f in r.flags if f.kind == kind]


# --------------------------------------------------------------------------- the working record


def test_work_flag_keeps_every_field_cites_its_source_and_defaults_to_no_status() -> None:
    work = _Work(None, None, (), "", None)
    work.flag("renal", "info", "m", "S-1")
    work.flag("renal", "info", "n", "S-2", "U")
    assert work.flags == [Flag("renal", "info", "m", "S-1", ""), Flag("renal", "info", "n", "S-2", "U")]
    assert work.sources == ["S-1", "S-2"] and work.unverified == ["n"]


def test_work_cite_skips_an_empty_source_and_a_repeat() -> None:
    work = _Work(None, None, (), "", None)
    for source in ("", "S-1", "S-1", "", "S-2"):
        work.cite(source)
    assert work.sources == ["S-1", "S-2"]


def test_work_forbid_clears_the_dose_and_keeps_the_status() -> None:
    from legpain_desktop.core.dosing.schema import PerKg

    work = _Work(DoseRange(10, 600), PerKg(1, 2), (2,), "twice daily", 600)
    work.forbid("hepatic", "No.", "S-H")
    work.forbid("hepatic", "Not at all.", "S-H2", "U")
    assert (work.avoid, work.daily, work.per_kg) == (True, None, None)
    assert work.flags == [Flag("hepatic", "critical", "No.", "S-H", ""),
                          Flag("hepatic", "critical", "Not at all.", "S-H2", "U")]  # fmt: skip
    assert work.unverified == ["Not at all."]


def test_work_cap_sets_a_first_maximum() -> None:
    work = _Work(None, None, (), "", None)
    work.cap(100, "why")
    assert (work.max_daily, work.capped_by, work.daily) == (100, "why", None)
    work.cap(150, "looser")
    assert (work.max_daily, work.capped_by) == (100, "why")


# --------------------------------------------------------------------------- choosing a row in a gap

ONCE = {"doses_per_day": [1], "status": "L"}


def test_a_gap_takes_the_nearest_row_above_whatever_the_order_of_the_rows() -> None:
    # 15 lies in a gap: 'low' below it, and two rows above it listed farthest first. The nearest above is
    # 'near' (from 20); between 'low' and 'near' the more conservative is 'near' (50 mg against 100 mg).
    rows = [parse_band(d, "b") for d in (
        {"label": "low", "lower": 0, "upper": 10, "daily_mg": {"min": 1, "max": 100}, **ONCE},
        {"label": "far", "lower": 30, "upper": None, "daily_mg": {"min": 1, "max": 200}, **ONCE},
        {"label": "near", "lower": 20, "upper": 30, "daily_mg": {"min": 1, "max": 50}, **ONCE},
    )]  # fmt: skip
    band, choice = choose_band(rows, 15, "mL/min")
    assert band.label == "near" and choice.alternative == "low"


def test_a_gap_takes_the_nearest_row_below_whatever_the_order_of_the_rows() -> None:
    rows = [parse_band(d, "b") for d in (
        {"label": "far", "lower": None, "upper": 5, "daily_mg": {"min": 1, "max": 10}, **ONCE},
        {"label": "near", "lower": 5, "upper": 10, "daily_mg": {"min": 1, "max": 80}, **ONCE},
        {"label": "high", "lower": 20, "upper": None, "daily_mg": {"min": 1, "max": 100}, **ONCE},
    )]  # fmt: skip
    band, choice = choose_band(rows, 15, "mL/min")
    assert band.label == "near" and choice.alternative == "high"


# --------------------------------------------------------------------------- kidney rules


def test_the_kidney_row_flag_carries_the_rows_source_and_status() -> None:
    drug = synthetic_drug([ROW], renal={"source": "S-R", "status": "U"})
    r = calculate_dose(drug, patient(), kidney(80))
    assert _kinds(r, "renal") == [Flag(
        "renal", "info",
        "CrCl 80 mL/min (Cockcroft-Gault, actual weight) falls in the label row 'any': 10 to 600 mg a day twice daily.",
        "S-R", "U",
    )]  # fmt: skip
    assert not r.verified and r.sources == ("S-I", "S-R")


def test_a_drug_with_no_renal_adjustment_keeps_the_indications_dose_source_and_status() -> None:
    dosing = {"main_indication": "c", "indications": [{
        "indication": "c", "label": "C", "daily_mg": {"min": 10, "max": 600}, "doses_per_day": [3],
        "frequency": "three times daily", "max_daily_mg": 600, "source": "S-I", "status": "L"}],
        "renal": {"no_adjustment": True, "measure": "crcl", "text": "None needed.", "source": "S-R", "status": "U",
                  "dialysis": {"hd": {"basis": "avoid", "text": "x", "source": "S-D", "status": "L"},
                               "pd": {"basis": "avoid", "text": "x", "source": "S-D", "status": "L"}}}}  # fmt: skip
    r = calculate_dose(parse_drug("x", "X", {"systemic": True, "dosing": dosing}), patient(), kidney(80))
    assert (r.daily_dose_mg, r.max_daily_mg, r.doses_per_day, r.frequency) == (
        DoseRange(10, 600), 600, (3,), "three times daily",
    )  # fmt: skip
    assert _kinds(r, "renal") == [
        Flag("renal", "info", "CrCl 80 mL/min (Cockcroft-Gault, actual weight): None needed.", "S-R", "U")
    ]
    assert r.band == BandChoice("No renal dose bands in the label", False, "None needed.")
    assert not r.verified and r.sources == ("S-I", "S-R")


def _dialysis_drug(rule: dict[str, Any], **extra: Any) -> Any:
    rows = [ROW | {"label": "30 up", "lower": 30}, ROW | {"label": "below 30", "lower": None, "upper": 30,
                                                         "daily_mg": {"min": 10, "max": 200}}]  # fmt: skip
    return synthetic_drug(rows, renal={"dialysis": {"hd": rule, "pd": rule}}, **extra)


def test_a_dialysis_avoid_rule_is_a_whole_record() -> None:
    drug = _dialysis_drug({"basis": "avoid", "text": "Not on dialysis.", "source": "S-D", "status": "U"})
    r = calculate_dose(drug, patient(dialysis="hd"), kidney(5))
    assert _kinds(r, "dialysis") == [Flag("dialysis", "critical", "On haemodialysis: Not on dialysis.", "S-D", "U")]
    assert r.band == BandChoice("Haemodialysis rule", False, "Not on dialysis.")
    assert (r.measure, r.measure_value, r.sources, r.verified) == ("crcl", 5, ("S-I", "S-R", "S-D"), False)


def test_a_dialysis_row_rule_is_a_whole_record() -> None:
    rule = {"basis": "row", "maintenance_band": "below 30", "text": "As the lowest row.", "source": "S-D",
            "status": "U"}  # fmt: skip
    r = calculate_dose(_dialysis_drug(rule), patient(dialysis="pd"), kidney(5))
    assert r.band == BandChoice("below 30", False, "Maintenance from the label row 'below 30'; As the lowest row.")
    assert _kinds(r, "dialysis") == [Flag(
        "dialysis", "major", "On peritoneal dialysis: Cockcroft-Gault does not apply, so this drug's dialysis rule is "
        "used. As the lowest row.", "S-D", "U",
    )]  # fmt: skip
    assert (r.daily_dose_mg, r.measure_value, r.verified) == (DoseRange(10, 200), 5, False)


def test_a_fixed_dialysis_rule_is_not_called_conservative() -> None:
    rule = {"basis": "fixed", "daily_mg": {"min": 25, "max": 50}, "doses_per_day": [1], "frequency": "after dialysis",
            "text": "25 to 50 mg after each session.", "source": "S-D", "status": "L"}  # fmt: skip
    r = calculate_dose(_dialysis_drug(rule), patient(dialysis="hd"), kidney(5))
    assert r.band == BandChoice("Haemodialysis rule", False, "25 to 50 mg after each session.")
    assert (r.daily_dose_mg, r.max_daily_mg, r.frequency) == (DoseRange(25, 50), 50, "after dialysis")


def test_an_indications_kidney_limit_on_dialysis_is_a_whole_record() -> None:
    rule = {"basis": "row", "maintenance_band": "below 30", "text": "Row.", "source": "S-D", "status": "L"}
    limit = {"measure": "crcl", "below": 30, "text": "Not for this use.", "source": "S-LIM", "status": "U"}
    drug = _dialysis_drug(rule)
    drug = synthetic_drug(
        [ROW | {"label": "30 up", "lower": 30},
         ROW | {"label": "below 30", "lower": None, "upper": 30, "daily_mg": {"min": 10, "max": 200}}],
        {"renal_limit": limit}, renal={"dialysis": {"hd": rule, "pd": rule}},
    )  # fmt: skip
    r = calculate_dose(drug, patient(dialysis="hd"), kidney(5))
    assert Flag("renal", "critical", "C on haemodialysis: Not for this use.", "S-LIM", "U") in r.flags
    assert r.avoid and "S-LIM" in r.sources


def test_an_indications_kidney_limit_reads_its_own_measure() -> None:
    limit = {"measure": "egfr", "below": 30, "text": "Not below 30.", "source": "S-LIM", "status": "U"}
    drug = synthetic_drug([ROW], {"renal_limit": limit})
    r = calculate_dose(drug, patient(), kidney(crcl=80, egfr=20))
    assert _kinds(r, "renal")[0] == Flag(
        "renal", "critical", "C: eGFR 20 mL/min/1.73 m² is below 30. Not below 30.", "S-LIM", "U"
    )
    assert r.avoid
    assert not calculate_dose(drug, patient(), kidney(crcl=20, egfr=80)).avoid


# --------------------------------------------------------------------------- liver rules


def _liver(rules: list[dict[str, Any]], advice_status: str = "L") -> Any:
    return synthetic_drug([ROW], hepatic_rules=rules,
                          hepatic={"text": "Use care.", "source": "S-H2", "status": advice_status})  # fmt: skip


def test_a_liver_rule_after_one_for_another_class_still_applies() -> None:
    drug = _liver([
        {"child_pugh": ["C"], "avoid": True, "text": "Not in C.", "source": "S-HC", "status": "L"},
        {"child_pugh": ["B"], "max_daily_mg": 100, "severity": "major", "text": "100 mg in B.", "source": "S-HB",
         "status": "U"},
    ])  # fmt: skip
    r = calculate_dose(drug, patient(child_pugh="B"), kidney(80))
    assert _kinds(r, "hepatic") == [Flag("hepatic", "major", "Child-Pugh B: 100 mg in B.", "S-HB", "U")]
    assert (r.max_daily_mg, r.avoid, r.verified) == (100, False, False)


def test_every_liver_rule_for_the_class_is_shown_after_an_avoid() -> None:
    drug = _liver([
        {"child_pugh": ["B"], "avoid": True, "text": "Avoid in B.", "source": "S-HA", "status": "U"},
        {"child_pugh": ["B"], "max_daily_mg": 100, "severity": "moderate", "text": "If used, 100 mg.",
         "source": "S-HB", "status": "L"},
    ])  # fmt: skip
    r = calculate_dose(drug, patient(child_pugh="B"), kidney(80))
    assert _kinds(r, "hepatic") == [
        Flag("hepatic", "critical", "Child-Pugh B: Avoid in B.", "S-HA", "U"),
        Flag("hepatic", "moderate", "Child-Pugh B: If used, 100 mg.", "S-HB", "L"),
    ]
    assert r.avoid and not r.verified


def test_unverified_liver_advice_says_so_in_its_text_and_cites_its_source() -> None:
    r = calculate_dose(_liver([], advice_status="U"), patient(child_pugh="A"), kidney(80))
    assert _kinds(r, "hepatic") == [Flag(
        "hepatic", "moderate", "Child-Pugh A: Use care. (statement not verified against the label)", "S-H2", ""
    )]  # fmt: skip
    assert r.verified and "S-H2" in r.sources  # advice did not shape the dose
    plain = calculate_dose(_liver([]), patient(child_pugh="A"), kidney(80))
    assert [f.message for f in _kinds(plain, "hepatic")] == ["Child-Pugh A: Use care."]


# --------------------------------------------------------------------------- conditions


PREGNANCY = {"condition": "pregnancy", "severity": "avoid", "message": "Not in pregnancy.", "source": "S-P",
             "status": "U"}  # fmt: skip


def _with_conditions(*rules: Contraindication) -> Any:
    # indication-specific rules come from pregnancy-lactation.yaml's by_indication, not the drug's own list
    return replace(synthetic_drug([ROW]), contraindications=rules)


GENERAL = Contraindication("pregnancy", "avoid", "Not in pregnancy.", "S-P", "U")


def test_an_indications_own_condition_rule_replaces_the_general_one() -> None:
    own = Contraindication("pregnancy", "caution", "With care for C.", "S-PC", "U", indication="c")
    r = calculate_dose(_with_conditions(GENERAL, own), patient(sex="female", pregnant=True), kidney(80))
    assert _kinds(r, "pregnancy") == [Flag("pregnancy", "moderate", "Pregnancy: With care for C.", "S-PC", "U")]
    assert not r.avoid


def test_a_rule_for_another_indication_does_not_apply() -> None:
    other = replace(GENERAL, indication="other")
    r = calculate_dose(_with_conditions(other), patient(sex="female", pregnant=True), kidney(80))
    assert _kinds(r, "pregnancy") == [] and not r.avoid
    kept = calculate_dose(_with_conditions(GENERAL, other), patient(sex="female", pregnant=True), kidney(80))
    assert _kinds(kept, "pregnancy") == [Flag("pregnancy", "critical", "Pregnancy: Not in pregnancy.", "S-P", "U")]


def test_an_avoiding_condition_is_a_whole_record() -> None:
    r = calculate_dose(synthetic_drug([ROW], contraindications=[PREGNANCY]), patient(sex="female", pregnant=True),
                       kidney(80))  # fmt: skip
    assert _kinds(r, "pregnancy") == [Flag("pregnancy", "critical", "Pregnancy: Not in pregnancy.", "S-P", "U")]
    assert r.avoid and r.doses_per_day == () and r.frequency == "avoid" and r.max_daily_mg is None


def test_a_cautioning_condition_is_a_whole_record() -> None:
    caution = {**PREGNANCY, "severity": "caution"}
    r = calculate_dose(synthetic_drug([ROW], contraindications=[caution]), patient(sex="female", pregnant=True),
                       kidney(80))  # fmt: skip
    assert _kinds(r, "pregnancy") == [Flag("pregnancy", "moderate", "Pregnancy: Not in pregnancy.", "S-P", "U")]
    assert not r.verified


# --------------------------------------------------------------------------- older adults and Beers


def test_an_age_rule_after_one_that_does_not_apply_still_applies() -> None:
    young = {"min_age": 85, "max_daily_mg": 50, "text": "Over 85.", "source": "S-E85", "status": "L"}
    older = {"min_age": 65, "max_daily_mg": 300, "text": "Over 65.", "source": "S-E65", "status": "U"}
    r = calculate_dose(synthetic_drug([ROW], elderly=[young, older]), patient(age=70), kidney(80))
    assert _kinds(r, "elderly") == [Flag("elderly", "moderate", "Over 65.", "S-E65", "U")]
    assert r.max_daily_mg == 300 and not r.verified


def _beers(**entry: Any) -> dict[str, Any]:
    return {"table": "T2", "criterion": "C", "recommendation": "Avoid", "quality": "moderate",
            "strength": "strong", "source": "S-B", "status": "L", **entry}  # fmt: skip


def test_a_beers_entry_after_one_whose_condition_is_absent_still_applies() -> None:
    drug = synthetic_drug([ROW], beers=[_beers(when={"condition": "pregnancy"}, criterion="Falls"), _beers(status="U")])
    r = calculate_dose(drug, patient(age=70), kidney(80))
    assert _kinds(r, "beers") == [Flag(
        "beers", "major", "AGS Beers 2023 T2: C: Avoid; quality of evidence moderate, strength strong.", "S-B",
        "U",
    )]  # fmt: skip
    assert not r.verified


def test_a_beers_entry_after_one_above_its_kidney_threshold_still_applies() -> None:
    drug = synthetic_drug([ROW], beers=[_beers(when={"measure": "crcl", "below": 30}, criterion="Kidney"), _beers()])
    r = calculate_dose(drug, patient(age=70), kidney(80))
    assert [f.message.split(": ")[1] for f in _kinds(r, "beers")] == ["C"]


# --------------------------------------------------------------------------- interactions


def _checker(severity: str, **extra: Any) -> InteractionChecker:
    rule = {"id": "x-y", "groups": [{"drugs": ["x"]}, {"drugs": ["clarithromycin"]}], "severity": severity,
            "message": "They clash.", "action": "Act.", "source": "S-INT", "status": "U", **extra}  # fmt: skip
    others = {"clarithromycin": {"classes": ["macrolide"]}}
    return InteractionChecker({"x": ["xx"]}, {"rules": [rule], "other_drugs": others})


ON_IT = patient(other_drugs=("clarithromycin",))


def test_a_contraindicated_interaction_avoids_the_drug_and_is_a_whole_record() -> None:
    r = calculate_dose(synthetic_drug([ROW]), ON_IT, kidney(80), _checker("contraindicated"))
    assert r.avoid is True and r.daily_dose_mg is None and r.max_daily_mg is None and r.frequency == "avoid"
    clash = "x + clarithromycin: They clash. Act."
    assert _kinds(r, "interaction") == [Flag("interaction", "critical", clash, "S-INT", "U")]
    assert not r.verified and "S-INT" in r.sources


def test_a_major_interaction_keeps_the_dose() -> None:
    r = calculate_dose(synthetic_drug([ROW]), patient(other_drugs=("clarithromycin",)), kidney(80), _checker("major"))
    assert not r.avoid and r.daily_dose_mg == DoseRange(10, 600)


def test_an_interaction_cap_for_the_other_drug_does_not_cap_this_one() -> None:
    r = calculate_dose(synthetic_drug([ROW]), patient(other_drugs=("clarithromycin",)), kidney(80),
                       _checker("major", cap_daily_mg=100, capped_drug="clarithromycin"))  # fmt: skip
    assert r.max_daily_mg == 600 and r.binding_cap is None
    mine = calculate_dose(synthetic_drug([ROW]), patient(other_drugs=("clarithromycin",)), kidney(80),
                          _checker("major", cap_daily_mg=100, capped_drug="x"))  # fmt: skip
    assert mine.max_daily_mg == 100 and mine.binding_cap == "x + clarithromycin: Act."


# --------------------------------------------------------------------------- boxed warnings, doubtful inputs


def test_a_boxed_warning_is_a_whole_record() -> None:
    drug = synthetic_drug([ROW], boxed_warnings=[{"text": "Boxed.", "source": "S-BOX", "status": "U"}])
    r = calculate_dose(drug, patient(), kidney(80))
    assert _kinds(r, "boxed-warning") == [Flag("boxed-warning", "major", "Boxed.", "S-BOX", "U")]
    assert not r.verified and "S-BOX" in r.sources


def test_unsteady_kidney_function_is_a_renal_record() -> None:
    r = calculate_dose(synthetic_drug([ROW]), patient(unstable_kidney_function=True), kidney(80))
    unsteady = [f for f in r.flags if f.message.startswith("Kidney function is changing")]
    assert [(f.kind, f.severity, f.source, f.status) for f in unsteady] == [("renal", "major", "S-CKD", "G")]


def test_a_plausible_weight_raises_no_question() -> None:
    for weight, height in ((80, 178), (120, 160), (39, 161)):  # BMI 25.2, 46.9 and 15.0: inside 15 to 50
        r = calculate_dose(synthetic_drug([ROW]), patient(weight=weight, height=height), kidney(80))
        assert _kinds(r, "plausibility") == [], (weight, height)


def test_a_weight_question_is_a_whole_record() -> None:
    r = calculate_dose(synthetic_drug([ROW]), patient(weight=121, height=190), kidney(80))  # BMI 33.5, above 120 kg
    assert _kinds(r, "plausibility") == [Flag(
        "plausibility", "moderate",
        "Please check the weight: 121 kg with a height of 190 cm is a BMI of 33.5 kg/m². If the weight was in "
        "pounds, 121 lb is 54.9 kg; choose the unit beside the weight. Weight-based doses and Cockcroft-Gault change "
        "with it.", "S-IBW", "G",
    )]  # fmt: skip
    assert r.verified  # a question, not an unverified figure
    for weight, height in ((120, 200), (38, 160), (130, 161)):  # BMI 30 (kg at the limit), 14.8, 50.2
        asked = calculate_dose(synthetic_drug([ROW]), patient(weight=weight, height=height), kidney(80))
        assert len(_kinds(asked, "plausibility")) == (weight != 120), (weight, height)


def test_an_implausible_creatinine_is_a_whole_record() -> None:
    r = calculate_dose(synthetic_drug([ROW]), patient(scr=0.2), kidney(80))
    flag = next(f for f in r.flags if f.message.startswith("Implausible input"))
    assert (flag.kind, flag.severity, flag.source, flag.status) == ("plausibility", "major", "S-SCr", "G")
    assert _kinds(r, "unverified") == [_unverified("inputs that look implausible")]


# --------------------------------------------------------------------------- the unverified summary


def test_the_unverified_summary_joins_each_reason_once_without_its_full_stop() -> None:
    drug = synthetic_drug(
        [ROW | {"status": "U"}], {"status": "U"},
        boxed_warnings=[{"text": "Boxed.", "source": "S-BOX", "status": "U"},
                        {"text": "Boxed.", "source": "S-BOX", "status": "U"}],
    )  # fmt: skip
    r = calculate_dose(drug, patient(), kidney(80))
    assert _kinds(r, "unverified") == [_unverified("the C dose", "row 'any'", "Boxed")]


# --------------------------------------------------------------------------- mg/kg, loading, the result record


def _per_kg_drug(**extra: Any) -> Any:
    row = {**ROW, "per_kg": {"mg_per_kg": 10, "doses_per_day": 2}}
    row.pop("daily_mg")
    return synthetic_drug([row], {"daily_mg": None, "max_daily_mg": None, "per_kg": {"mg_per_kg": 10,
                                  "doses_per_day": 2}}, **extra)  # fmt: skip


def test_a_mg_per_kg_dose_within_every_limit_is_weight_times_dose() -> None:
    r = calculate_dose(_per_kg_drug(), patient(weight=80), kidney(80))
    assert (r.single_dose_mg, r.daily_dose_mg, r.max_daily_mg) == (800, DoseRange(1600, 1600), 1600)
    assert _kinds(r, "weight") == []


def test_a_mg_per_kg_dose_never_rises_above_a_lower_daily_maximum() -> None:
    older = {"min_age": 65, "max_daily_mg": 901, "text": "Older: 901 mg.", "source": "S-E", "status": "L"}
    r = calculate_dose(_per_kg_drug(elderly=[older]), patient(weight=80, age=70), kidney(80))
    assert (r.single_dose_mg, r.daily_dose_mg, r.max_daily_mg) == (450.5, DoseRange(901, 901), 901)
    assert _kinds(r, "weight") == [Flag(
        "weight", "major", "10 mg/kg x 80 kg = 1600 mg a day is above this patient's limits (Older: 901 mg.); the dose "
        "is limited to 450.5 mg a dose, 901 mg a day.", "", "",
    )]  # fmt: skip
    at_the_total = {**older, "max_daily_mg": 1600}
    r = calculate_dose(_per_kg_drug(elderly=[at_the_total]), patient(weight=80, age=70), kidney(80))
    assert (r.single_dose_mg, r.max_daily_mg, _kinds(r, "weight")) == (800, 1600, [])
    just_below = {**older, "max_daily_mg": 1599.8}
    r = calculate_dose(_per_kg_drug(elderly=[just_below]), patient(weight=80, age=70), kidney(80))
    assert (r.single_dose_mg, r.max_daily_mg) == (799.9, 1599.8)


def test_a_mg_per_kg_dose_never_rises_above_a_single_dose_limit() -> None:
    liver = {"child_pugh": ["B"], "max_single_dose_mg": 500, "severity": "major", "text": "500 mg a dose.",
             "source": "S-H", "status": "L"}  # fmt: skip
    r = calculate_dose(_per_kg_drug(hepatic_rules=[liver]), patient(weight=80, child_pugh="B"), kidney(80))
    assert (r.single_dose_mg, r.daily_dose_mg, r.max_daily_mg) == (500, DoseRange(1000, 1000), 1000)
    assert _kinds(r, "weight") == [Flag(
        "weight", "major", "10 mg/kg x 80 kg = 1600 mg a day is above this patient's limits; the dose is limited to "
        "500 mg a dose, 1000 mg a day.", "", "",
    )]  # fmt: skip
    at_the_dose = {**liver, "max_single_dose_mg": 800}
    r = calculate_dose(_per_kg_drug(hepatic_rules=[at_the_dose]), patient(weight=80, child_pugh="B"), kidney(80))
    assert (r.single_dose_mg, _kinds(r, "weight")) == (800, [])


LOADING = {"days": 7, "daily_mg": 20, "doses_per_day": [2], "text": "10 mg twice daily for 7 days.", "source": "S-LD",
           "status": "L"}  # fmt: skip


def test_the_loading_phase_is_given_unless_the_drug_is_avoided() -> None:
    drug = replace(synthetic_drug([ROW], {"loading": LOADING}), contraindications=(GENERAL,))
    r = calculate_dose(drug, patient(), kidney(80))
    assert r.loading == LoadingPhase(7, 20, 2, "10 mg twice daily for 7 days.", "S-LD", "L")
    assert calculate_dose(drug, patient(sex="female", pregnant=True), kidney(80)).loading is None
    assert calculate_dose(synthetic_drug([ROW]), patient(), kidney(80)).loading is None


def test_the_result_names_the_drug_and_the_indication() -> None:
    r = calculate_dose(synthetic_drug([ROW]), patient(), kidney(80))
    assert (r.drug_id, r.drug_title, r.indication_id, r.indication_label, r.doses_per_day) == ("x", "X", "c", "C", (2,))


def test_a_do_not_use_drug_is_a_whole_record() -> None:
    dosing = {"do_not_use": {"reason": "Never.", "source": "S-N", "status": "U"}}
    r = calculate_dose(parse_drug("x", "X", {"systemic": True, "dosing": dosing}), patient(), kidney(80))
    assert r == DoseResult(
        "x", "X", None, "Do not use", None, None, None, None, None, "do not use", (), None, True,
        (Flag("contraindication", "critical", "Never.", "S-N", "U"),), ("S-N",), "Never.", False,
    )  # fmt: skip


def test_a_topical_drug_is_a_whole_record() -> None:
    topical = {"schedule": "apply twice daily", "renal": "No renal adjustment.", "source": "S-T", "status": "U"}
    r = calculate_dose(parse_drug("x", "X", {"systemic": False, "topical": topical}), patient(), kidney(80))
    assert r == DoseResult(
        "x", "X", None, "Topical use", None, None, None, None, None, "apply twice daily", (), None, False,
        (Flag("unverified", "major", "The application schedule is unverified.", "S-T", ""),
         Flag("renal", "info", "No renal adjustment.", "S-T", "U")),
        ("S-T",), "apply twice daily", False,
    )  # fmt: skip


def test_a_topical_drug_is_avoided_only_for_a_critical_condition() -> None:
    topical = {"schedule": "apply twice daily", "renal": "None.", "source": "S-T", "status": "L"}
    for rule, avoided in ((GENERAL, True), (replace(GENERAL, severity="caution"), False)):
        drug = replace(parse_drug("x", "X", {"systemic": False, "topical": topical}), contraindications=(rule,))
        r = calculate_dose(drug, patient(sex="female", pregnant=True), kidney(80))
        assert (r.avoid, r.frequency) == (avoided, "avoid" if avoided else "apply twice daily")
        assert r.sources == ("S-T", "S-P")
        not_pregnant = calculate_dose(drug, patient(sex="female"), kidney(80))
        assert not not_pregnant.avoid and [f.kind for f in not_pregnant.flags] == ["renal"]


# --------------------------------------------------------------------------- defences behind the schema


def test_a_drug_without_a_dialysis_rule_is_not_dosed_on_dialysis() -> None:
    """The schema requires both dialysis rules; a drug object built without one still gives no dose."""
    drug = synthetic_drug([ROW])
    assert drug.renal is not None
    no_rules = replace(drug, renal=replace(drug.renal, dialysis={}))
    r = calculate_dose(no_rules, patient(dialysis="hd"), kidney(5))
    assert r.avoid and r.daily_dose_mg is None
    assert _kinds(r, "dialysis") == [
        Flag("dialysis", "critical", "No haemodialysis rule is recorded for X: do not use without advice.", "", "")
    ]
    assert r.band == BandChoice("No haemodialysis rule", True, "") and r.rule_text == ""


def test_a_systemic_drug_without_kidney_rules_gives_no_kidney_measure() -> None:
    r = calculate_dose(replace(synthetic_drug([ROW]), renal=None), patient(), kidney(80))
    assert (r.measure, r.measure_value, r.band, r.rule_text) == (None, None, None, "")
    assert r.daily_dose_mg == DoseRange(10, 600)


def test_an_empty_kidney_table_is_refused_not_guessed() -> None:
    import pytest

    from legpain_desktop.core.dosing.patient import InputError

    with pytest.raises(InputError) as caught:
        choose_band([], 40, "mL/min")
    assert (caught.value.field, str(caught.value.message)) == (
        "kidney function",
        "40 mL/min matches no row of the label",
    )


def test_a_topical_record_with_nothing_recorded_gives_empty_texts_not_none() -> None:
    topical = {"schedule": "s", "renal": "r", "source": "S-T", "status": "L"}
    bare = replace(parse_drug("x", "X", {"systemic": False, "topical": topical}), topical={})
    r = calculate_dose(bare, patient(), kidney(80))
    assert (r.frequency, r.rule_text, r.sources, r.verified) == ("", "", ("",), True)
    assert r.flags == (Flag("renal", "info", "", "", ""),)
    unverified = replace(bare, topical={"status": "U"})
    assert calculate_dose(unverified, patient(), kidney(80)).flags == (
        Flag("unverified", "major", "The application schedule is unverified.", "", ""),
        Flag("renal", "info", "", "", "U"),
    )


def test_a_topical_drugs_condition_flag_is_a_whole_record() -> None:
    topical = {"schedule": "apply", "renal": "None.", "source": "S-T", "status": "L"}
    drug = replace(parse_drug("x", "X", {"systemic": False, "topical": topical}), contraindications=(GENERAL,))
    r = calculate_dose(drug, patient(sex="female", pregnant=True), kidney(80))
    assert _kinds(r, "pregnancy") == [Flag("pregnancy", "critical", "Pregnancy: Not in pregnancy.", "S-P", "U")]


def test_a_cap_after_a_contraindicated_interaction_keeps_the_drug_avoided() -> None:
    rules = [
        {"id": "first", "groups": [{"drugs": ["x"]}, {"drugs": ["clarithromycin"]}], "severity": "contraindicated",
         "message": "No.", "action": "Stop.", "source": "S-1", "status": "L"},
        {"id": "second", "groups": [{"drugs": ["x"]}, {"drugs": ["clarithromycin"]}], "severity": "major",
         "message": "Less.", "action": "Halve.", "cap_daily_mg": 100, "capped_drug": "x", "source": "S-2",
         "status": "L"},
    ]  # fmt: skip
    checker = InteractionChecker({"x": ["xx"]}, {"rules": rules, "other_drugs": {"clarithromycin": {"classes": ["m"]}}})
    r = calculate_dose(synthetic_drug([ROW]), ON_IT, kidney(80), checker)
    assert r.avoid and r.daily_dose_mg is None and r.max_daily_mg is None
    assert [f.severity for f in _kinds(r, "interaction")] == ["critical", "major"]


def test_each_unverified_reason_loses_only_its_own_full_stop() -> None:
    drug = synthetic_drug([ROW], boxed_warnings=[{"text": "Avoid with drug X.", "source": "S-BOX", "status": "U"}])
    r = calculate_dose(drug, patient(), kidney(80))
    assert _kinds(r, "unverified") == [_unverified("Avoid with drug X")]


def test_a_weight_rule_flag_keeps_its_status() -> None:
    rule = {"below_kg": 50, "max_mg_per_kg_daily": 10, "text": "Light patients: 10 mg/kg.", "source": "S-W",
            "status": "U"}  # fmt: skip
    r = calculate_dose(synthetic_drug([ROW], {"weight_rule": rule}), patient(weight=40, height=160), kidney(80))
    assert [(f.source, f.status) for f in _kinds(r, "weight")] == [("S-W", "U")]
    assert not r.verified


def test_a_bmi_of_exactly_15_or_50_raises_no_question() -> None:
    for weight, height in ((60, 200), (112.5, 150)):  # BMI exactly 15.0 and 50.0, weight at most 120 kg
        r = calculate_dose(synthetic_drug([ROW]), patient(weight=weight, height=height), kidney(80))
        assert _kinds(r, "plausibility") == [], (weight, height)


def test_an_mg_per_kg_dose_keeps_its_decimal_in_the_working() -> None:
    row = {**ROW, "per_kg": {"mg_per_kg": 10, "doses_per_day": 1}, "doses_per_day": [1]}
    row.pop("daily_mg")
    older = {"min_age": 65, "max_daily_mg": 500, "text": "Older: 500 mg.", "source": "S-E", "status": "L"}
    drug = synthetic_drug([row], {"daily_mg": None, "max_daily_mg": None, "doses_per_day": [1],
                                  "per_kg": {"mg_per_kg": 10, "doses_per_day": 1}}, elderly=[older])  # fmt: skip
    r = calculate_dose(drug, patient(weight=80.05, age=70), kidney(80))
    assert (r.single_dose_mg, r.max_daily_mg) == (500, 500)
    assert [f.message for f in _kinds(r, "weight")] == [
        "10 mg/kg x 80.05 kg = 800.5 mg a day is above this patient's limits (Older: 500 mg.); the dose is limited "
        "to 500 mg a dose, 500 mg a day."
    ]
    young = calculate_dose(drug, patient(weight=80.05), kidney(80))
    assert (young.single_dose_mg, young.daily_dose_mg, young.max_daily_mg) == (800.5, DoseRange(800.5, 800.5), 800.5)


def test_an_mg_per_kg_dose_held_at_a_single_dose_limit_keeps_one_decimal_and_rounds_down() -> None:
    liver = {"child_pugh": ["B"], "max_single_dose_mg": 12.35, "severity": "major", "text": "12.35 mg a dose.",
             "source": "S-H", "status": "L"}  # fmt: skip
    r = calculate_dose(_per_kg_drug(hepatic_rules=[liver]), patient(weight=80, child_pugh="B"), kidney(80))
    assert (r.single_dose_mg, r.daily_dose_mg, r.max_daily_mg) == (12.3, DoseRange(24.6, 24.6), 24.6)


def test_liver_and_dialysis_conditions_are_filed_under_their_organ() -> None:
    rules = (
        Contraindication("child-pugh-c", "avoid", "Not in severe cirrhosis.", "S-C", "L"),
        Contraindication("dialysis", "caution", "Not studied on dialysis.", "S-D", "L"),
        Contraindication("heart-failure", "caution", "Fluid retention.", "S-HF", "L"),
    )
    drug = _with_conditions(*rules)
    r = calculate_dose(drug, patient(child_pugh="C", heart_failure=True), kidney(80))
    assert [(f.kind, f.severity, f.message) for f in r.flags if f.source in ("S-C", "S-HF")] == [
        ("hepatic", "critical", "Not in severe cirrhosis."), ("contraindication", "moderate", "Fluid retention."),
    ]  # fmt: skip
    rule = {"basis": "row", "maintenance_band": "any", "text": "Row.", "source": "S-DR", "status": "L"}
    on_dialysis = replace(synthetic_drug([ROW], renal={"dialysis": {"hd": rule, "pd": rule}}), contraindications=rules)
    r = calculate_dose(on_dialysis, patient(dialysis="hd"), kidney(5))
    assert [(f.kind, f.severity) for f in r.flags if f.source == "S-D"] == [("dialysis", "moderate")]


def test_the_mg_per_kg_dose_is_also_the_largest_single_dose() -> None:
    """Pharmacist pass 9: 2 mg/kg of enoxaparin in one injection read "within"; the mg/kg dose now caps one dose."""
    r = calculate_dose(_per_kg_drug(), patient(weight=81), kidney(80))
    assert (r.single_dose_mg, r.max_single_dose_mg, r.max_daily_mg) == (810, 810, 1620)


def test_an_mg_per_kg_row_names_its_dose_once() -> None:
    row = {**ROW, "per_kg": {"mg_per_kg": 1, "doses_per_day": 2}, "frequency": "1 mg/kg every 12 hours"}
    row.pop("daily_mg")
    drug = synthetic_drug([row], {"daily_mg": None, "max_daily_mg": None, "per_kg": {"mg_per_kg": 1,
                                  "doses_per_day": 2}})  # fmt: skip
    r = calculate_dose(drug, patient(weight=80), kidney(80))
    assert _kinds(r, "renal")[0].message.endswith("falls in the label row 'any': 1 mg/kg every 12 hours.")
    other = {**row, "frequency": "every 12 hours"}
    drug = synthetic_drug([other], {"daily_mg": None, "max_daily_mg": None, "per_kg": {"mg_per_kg": 1,
                                    "doses_per_day": 2}})  # fmt: skip
    assert _kinds(calculate_dose(drug, patient(weight=80), kidney(80)), "renal")[0].message.endswith(
        "'any': 1 mg/kg every 12 hours."
    )
