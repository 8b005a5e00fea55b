"""The reason a regimen is "above the maximum" names the rule that set that maximum.

Pharmacist pass 8 (2026-12-05) found tramadol in cirrhosis reported as "above this patient's maximum
of 100 mg/day (... the label row 'CrCl 30 or more': 50 to 400 mg a day ...)": the number came from
the liver rule, the reason from the kidney row. The reason is now the kidney row unless a weight,
liver, age or interaction cap lowered the maximum below it; then it is that cap. A cap that only
equals the maximum already set does not take over the reason.
"""

from __future__ import annotations

from typing import Any

from legpain_desktop.core.dosing.calculator import calculate_dose
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.titration import ABOVE, check_regimen
from tests.core.dosing.conftest import kidney, patient, synthetic_drug

BAND = {
    "label": "all", "lower": 0, "lower_inclusive": True, "upper": None, "daily_mg": {"min": 10, "max": 600},
    "doses_per_day": [2], "frequency": "twice daily", "max_daily_mg": 600, "avoid": False, "status": "L",
}  # fmt: skip


def _elderly(**rule: Any) -> dict[str, Any]:
    return {"min_age": 65, "text": "Older adults: a smaller total.", "source": "S-E", "status": "L", **rule}


def test_the_kidney_row_is_the_reason_when_no_cap_lowers_it(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tramadol"), patient(), kidney(29), formulary.checker)
    assert r.max_daily_mg == 200
    assert r.rule_text.startswith(
        "CrCl 29 mL/min (Cockcroft-Gault, actual weight) falls in the label row 'CrCl below 30'"
    )


def test_a_liver_cap_is_the_reason(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tramadol"), patient(child_pugh="B"), kidney(80), formulary.checker)
    assert r.rule_text.startswith("Child-Pugh B: Cirrhosis: 50 mg every 12 hours")
    check = check_regimen(r, 100, 2)
    assert check.verdict == ABOVE
    assert check.reason.startswith("200 mg/day is above this patient's maximum of 100 mg/day (Child-Pugh B: Cirrhosis")


def test_an_age_cap_is_the_reason(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tramadol"), patient(age=80), kidney(80), formulary.checker)
    assert r.max_daily_mg == 300
    assert r.rule_text == "Above 75 years the label caps the total at 300 mg a day."
    at_75 = calculate_dose(formulary.drug("tramadol"), patient(age=75), kidney(80), formulary.checker)
    assert at_75.rule_text.startswith("CrCl 80 mL/min")  # the 65-to-75 rule gives no cap


def test_a_weight_cap_is_the_reason(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("acetaminophen"), patient(weight=40), kidney(80), formulary.checker)
    assert r.max_daily_mg == 3000
    assert r.rule_text.startswith("Weight 40.0 kg is under 50 kg: ")
    assert r.rule_text.endswith("(75 mg/kg x 40.0 kg = 3000 mg a day; each dose at most 600 mg)")


def test_an_interaction_cap_is_the_reason(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("cilostazol"), patient(other_drugs=("clarithromycin",)), kidney(80),
                       formulary.checker)  # fmt: skip
    assert r.max_daily_mg == 100
    assert r.rule_text == "cilostazol + clarithromycin: Reduce cilostazol to 50 mg twice daily."


def test_the_strictest_cap_is_the_reason_whatever_the_order() -> None:
    liver = {"child_pugh": ["B"], "avoid": False, "max_daily_mg": 200, "text": "Liver: 200 mg.", "source": "S-H",
             "status": "L"}  # fmt: skip
    looser_age = synthetic_drug([BAND], hepatic_rules=[liver], elderly=[_elderly(max_daily_mg=300)])
    r = calculate_dose(looser_age, patient(age=70, child_pugh="B"), kidney(80))
    assert (r.max_daily_mg, r.rule_text) == (200, "Child-Pugh B: Liver: 200 mg.")
    stricter_age = synthetic_drug([BAND], hepatic_rules=[liver], elderly=[_elderly(max_daily_mg=150)])
    r = calculate_dose(stricter_age, patient(age=70, child_pugh="B"), kidney(80))
    assert (r.max_daily_mg, r.rule_text) == (150, "Older adults: a smaller total.")


def test_a_cap_equal_to_the_maximum_leaves_the_reason() -> None:
    same = synthetic_drug([BAND], elderly=[_elderly(max_daily_mg=600)])
    r = calculate_dose(same, patient(age=70), kidney(80))
    assert r.max_daily_mg == 600 and r.rule_text.startswith("CrCl 80 mL/min")
    lower = synthetic_drug([BAND], elderly=[_elderly(max_daily_mg=599)])
    assert calculate_dose(lower, patient(age=70), kidney(80)).rule_text == "Older adults: a smaller total."


def test_an_age_range_is_the_reason_when_it_lowers_the_maximum() -> None:
    ranged = synthetic_drug([BAND], elderly=[_elderly(daily_mg={"min": 10, "max": 300})])
    r = calculate_dose(ranged, patient(age=70), kidney(80))
    assert (r.max_daily_mg, r.rule_text) == (300, "Older adults: a smaller total.")
    wide = synthetic_drug([BAND], elderly=[_elderly(daily_mg={"min": 10, "max": 900})])
    r = calculate_dose(wide, patient(age=70), kidney(80))
    assert r.max_daily_mg == 600 and r.rule_text.startswith("CrCl 80 mL/min")


# The cap that binds is shown as well as the kidney row (pass 8 follow-up, 2026-12-05): before, the sheet, the
# note and the CLI said "Rule applied: CrCl 30 or more" beside a maximum the liver rule had set.


def test_binding_cap_is_the_cap_that_lowered_the_maximum_and_none_otherwise(formulary: Formulary) -> None:
    liver = calculate_dose(formulary.drug("tramadol"), patient(child_pugh="B"), kidney(80), formulary.checker)
    assert liver.binding_cap == liver.rule_text
    assert liver.binding_cap is not None and liver.binding_cap.startswith("Child-Pugh B: Cirrhosis: 50 mg every 12")
    row = calculate_dose(formulary.drug("tramadol"), patient(), kidney(29), formulary.checker)
    assert row.binding_cap is None and row.max_daily_mg == 200
    same = calculate_dose(synthetic_drug([BAND], elderly=[_elderly(max_daily_mg=600)]), patient(age=70), kidney(80))
    assert same.binding_cap is None
    lower = calculate_dose(synthetic_drug([BAND], elderly=[_elderly(max_daily_mg=599)]), patient(age=70), kidney(80))
    assert lower.binding_cap == "Older adults: a smaller total."


def test_an_avoided_drug_has_no_binding_cap(formulary: Formulary) -> None:
    capped_then_avoided = synthetic_drug(
        [BAND], elderly=[_elderly(max_daily_mg=300)],
        hepatic_rules=[{"child_pugh": ["C"], "avoid": True, "text": "Avoid.", "source": "S-H", "status": "L"}],
    )  # fmt: skip
    r = calculate_dose(capped_then_avoided, patient(age=70, child_pugh="C"), kidney(80))
    assert r.avoid and r.max_daily_mg is None and r.binding_cap is None


def test_the_sheet_the_note_and_the_cli_name_the_binding_cap(formulary: Formulary) -> None:
    from legpain_desktop.cli_dosing import result_json
    from legpain_desktop.core.dosing.report import dosing_note_text, headline, result_html

    k = kidney(80)
    liver = calculate_dose(formulary.drug("tramadol"), patient(child_pugh="B"), k, formulary.checker)
    assert "<p><b>Rule applied:</b> CrCl 30 or more</p><p><b>Maximum lowered by:</b> Child-Pugh B: Cirrhosis" in (
        result_html(liver)
    )
    assert headline(liver) == (
        "50 to 100 mg a day",
        ", 50 mg every 12 hours; maximum 100 mg a day, at most 50 mg a dose, at most 2 doses a day",
    )
    note = dosing_note_text(patient(child_pugh="B"), k, liver)
    assert "\nRule applied: CrCl 30 or more\nMaximum lowered by: Child-Pugh B: Cirrhosis: 50 mg every 12 hours" in note
    assert result_json(liver)["binding_cap"] == liver.binding_cap
    assert result_json(liver)["max_daily_rule"] == liver.rule_text
    row = calculate_dose(formulary.drug("tramadol"), patient(), kidney(29), formulary.checker)
    assert "Maximum lowered by" not in result_html(row) and "Maximum lowered by" not in dosing_note_text(
        patient(), kidney(29), row
    )
    assert result_json(row)["binding_cap"] is None and result_json(row)["max_daily_rule"] == row.rule_text
