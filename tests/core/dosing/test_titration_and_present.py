"""Titration capped by the patient, regimen checks, generated monograph sections, the formulary."""

from __future__ import annotations

import pytest

from legpain_desktop.core.dosing.calculator import calculate_dose
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.patient import InputError
from legpain_desktop.core.dosing.present import elderly_markdown, renal_markdown
from legpain_desktop.core.dosing.titration import (
    ABOVE,
    AVOID,
    BELOW,
    NOT_DEFINED,
    WITHIN,
    check_regimen,
    titration_schedule,
)
from tests.core.dosing.conftest import kidney, patient

TITRATED = ["pregabalin", "gabapentin", "duloxetine", "nortriptyline", "amitriptyline", "baclofen", "tramadol"]


@pytest.mark.parametrize("drug", TITRATED)
def test_every_titrated_drug_has_a_schedule_within_the_patients_maximum(formulary: Formulary, drug: str) -> None:
    for crcl, age in [(90, 50), (40, 70), (20, 80)]:
        r = calculate_dose(formulary.drug(drug), patient(age=age), kidney(crcl, crcl), formulary.checker)
        schedule = titration_schedule(formulary.drug(drug), r)
        assert schedule is not None
        if r.avoid:
            assert schedule.steps == ()
            continue
        assert schedule.steps and [s.day for s in schedule.steps] == sorted(s.day for s in schedule.steps)
        for step in schedule.steps:
            if schedule.cap_mg is not None:
                assert step.daily_mg <= schedule.cap_mg


def test_pregabalin_schedule_capped_in_moderate_impairment(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("pregabalin"), patient(), kidney(40), None)
    s = titration_schedule(formulary.drug("pregabalin"), r)
    assert s is not None and s.cap_mg == 300
    # the label's columns: 150 -> 75, 300 -> 150, 600 -> 300 mg a day
    assert [(x.day, x.daily_mg, x.single_dose_mg) for x in s.steps] == [(1, 75, 25), (8, 150, 75), (22, 300, 150)]
    r2 = calculate_dose(formulary.drug("pregabalin"), patient(), kidney(20), None)
    s2 = titration_schedule(formulary.drug("pregabalin"), r2)
    assert s2 is not None and [(x.daily_mg, x.doses_per_day) for x in s2.steps] == [(25, 1), (75, 1), (150, 2)]
    assert "scaled to this patient's row (25 to 150 mg" in s2.explanation


def test_drug_without_titration(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("sertraline"), patient(), kidney(80), None)
    assert titration_schedule(formulary.drug("sertraline"), r) is None


def test_duloxetine_schedule_when_avoided(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("duloxetine"), patient(), kidney(20), None)
    s = titration_schedule(formulary.drug("duloxetine"), r)
    assert s is not None and s.steps == () and "avoided" in s.explanation


def test_regimen_check(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("pregabalin"), patient(), kidney(40), None)
    assert check_regimen(r, 200, 2).verdict == ABOVE
    assert check_regimen(r, 75, 2).verdict == WITHIN
    assert check_regimen(r, 25, 1).verdict == BELOW
    odd = check_regimen(r, 25, 4)
    assert odd.verdict == WITHIN and "not 4" in odd.reason
    assert check_regimen(r, "50", "3").daily_mg == 150
    with pytest.raises(InputError, match="dose"):
        check_regimen(r, "lots", 2)
    with pytest.raises(InputError, match="whole number"):
        check_regimen(r, 50, 1.5)
    avoided = calculate_dose(formulary.drug("duloxetine"), patient(), kidney(20), None)
    assert check_regimen(avoided, 30, 1).verdict == AVOID
    morphine = calculate_dose(formulary.drug("morphine"), patient(), kidney(80), None)
    assert check_regimen(morphine, 10, 6).verdict == NOT_DEFINED


def test_regimen_check_with_range_only(formulary: Formulary) -> None:
    from dataclasses import replace

    r = calculate_dose(formulary.drug("pregabalin"), patient(), kidney(40), None)
    assert check_regimen(replace(r, max_daily_mg=None), 200, 2).verdict == ABOVE
    no_doses = replace(r, doses_per_day=())
    assert check_regimen(no_doses, 50, 2).verdict == WITHIN


def test_renal_section_marks_the_patients_row_and_unverified(formulary: Formulary) -> None:
    md = renal_markdown(formulary.drug("pregabalin"), highlight="CrCl 30 to 60")
    assert "**▶ CrCl 30 to 60**" in md
    assert "| CrCl 60 or more | ≥ 60 mL/min | 150 to 600 mg a day |" in md
    assert "**UNVERIFIED**" in md  # the haemodialysis supplement pairs
    assert "**Avoid**" in renal_markdown(formulary.drug("duloxetine"))
    assert "mg/kg" in renal_markdown(formulary.drug("enoxaparin"))
    assert "Do not use" in renal_markdown(formulary.drug("quinine"))
    assert "no renal" in renal_markdown(formulary.drug("sertraline")).lower() or renal_markdown(
        formulary.drug("sertraline")
    )
    assert renal_markdown(formulary.drug("lidocaine-topical")) == ""


def test_elderly_section(formulary: Formulary) -> None:
    md = elderly_markdown(formulary.drug("tramadol"))
    assert "**Age > 75:**" in md and "Maximum 300 mg/day" in md
    assert "| T6 |" in md
    assert "Maximum 50 mg/day" in elderly_markdown(formulary.drug("nortriptyline"))
    assert "no age-specific rule" in elderly_markdown(formulary.drug("enoxaparin"))
    assert "Do not use" in elderly_markdown(formulary.drug("quinine"))


def test_formulary_lookup(formulary: Formulary) -> None:
    assert "pregabalin" in formulary.systemic_ids() and "lidocaine-topical" not in formulary.systemic_ids()
    assert formulary.drug(" Pregabalin ").drug_id == "pregabalin"
    with pytest.raises(InputError, match="unknown drug 'aspirine'"):
        formulary.drug("aspirine")


def test_dosing_markdown_only_for_systemic_drugs(formulary: Formulary) -> None:
    from pathlib import Path

    from legpain_desktop.core.content import parse_monograph
    from legpain_desktop.core.dosing.present import dosing_markdown
    from tests.conftest import FIXTURE_CONTENT, SHIPPED_CONTENT

    pregabalin = parse_monograph(SHIPPED_CONTENT / "drugs" / "pregabalin.md")
    assert "| CrCl 60 or more |" in dosing_markdown(pregabalin, "renal")
    assert "Beers" in dosing_markdown(pregabalin, "elderly")
    assert dosing_markdown(pregabalin, "other") == ""
    assert dosing_markdown(parse_monograph(SHIPPED_CONTENT / "drugs" / "lidocaine-topical.md"), "renal") == ""
    cause = parse_monograph(Path(FIXTURE_CONTENT) / "causes" / "sample-clot.md")
    assert dosing_markdown(cause, "renal") == ""


def test_renal_section_without_extra_text(formulary: Formulary) -> None:
    from dataclasses import replace

    drug = formulary.drug("pregabalin")
    assert drug.renal is not None
    bare = replace(drug, renal=replace(drug.renal, text="", label_version=""))
    md = renal_markdown(bare)
    assert "Source S-LYR." in md


def test_schedule_within_a_separate_maximum(formulary: Formulary) -> None:
    from dataclasses import replace

    r = calculate_dose(formulary.drug("pregabalin"), patient(), kidney(80), None)
    s = titration_schedule(formulary.drug("pregabalin"), replace(r, max_daily_mg=300))
    assert s is not None and s.cap_mg == 300 and [x.daily_mg for x in s.steps] == [150, 300]
    none = titration_schedule(formulary.drug("pregabalin"), replace(r, daily_dose_mg=None))
    assert none is not None and none.steps == ()
