"""Every interaction the issue names fires, and caps the dose where the label says so."""

from __future__ import annotations

import pytest

from legpain_desktop.core.dosing.calculator import calculate_dose
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.interactions import InteractionChecker, parse_rules
from legpain_desktop.core.dosing.patient import InputError
from legpain_desktop.core.dosing.schema import DosingDataError
from tests.core.dosing.conftest import kidney, patient


@pytest.mark.parametrize(
    ("drug", "others", "rule"),
    [
        ("tramadol", ["sertraline"], "tramadol-serotonergic"),
        ("tramadol", ["duloxetine"], "tramadol-serotonergic"),
        ("tramadol", ["amitriptyline"], "tramadol-serotonergic"),
        ("sertraline", ["tramadol"], "tramadol-serotonergic"),
        ("pregabalin", ["morphine"], "gabapentinoid-opioid"),
        ("gabapentin", ["oxycodone"], "gabapentinoid-opioid"),
        ("pregabalin", ["duloxetine", "baclofen"], "three-cns-active"),
        ("ibuprofen", ["apixaban"], "nsaid-antithrombotic"),
        ("diclofenac", ["clopidogrel"], "nsaid-antithrombotic"),
        ("ibuprofen", ["lisinopril", "furosemide"], "triple-whammy"),
        ("meloxicam", ["losartan", "hydrochlorothiazide"], "triple-whammy"),
        ("cilostazol", ["ketoconazole"], "cilostazol-inhibitor"),
        ("cilostazol", ["omeprazole"], "cilostazol-inhibitor"),
        ("clopidogrel", ["omeprazole"], "clopidogrel-ppi"),
        ("morphine", ["diazepam"], "opioid-benzodiazepine"),
        ("tizanidine", ["ciprofloxacin"], "tizanidine-cyp1a2"),
        ("tramadol", ["phenelzine"], "tramadol-maoi"),
        ("statins", ["clarithromycin"], "atorvastatin-inhibitor"),
        ("carbamazepine", ["apixaban"], "carbamazepine-inducer"),
        ("mexiletine", ["lidocaine-topical"], "lidocaine-mexiletine"),
    ],
)
def test_interaction_fires(formulary: Formulary, drug: str, others: list[str], rule: str) -> None:
    hits = formulary.checker.check(drug, others)
    assert rule in {h.rule.id for h in hits}


def test_no_interaction_without_partner(formulary: Formulary) -> None:
    assert formulary.checker.check("pregabalin", []) == []
    assert formulary.checker.check("pregabalin", ["pregabalin"]) == []
    assert "three-cns-active" not in {h.rule.id for h in formulary.checker.check("pregabalin", ["duloxetine"])}


def test_cilostazol_is_capped_at_50_twice_daily(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("cilostazol"), patient(other_drugs=("diltiazem",)), kidney(80), formulary.checker)
    assert r.max_daily_mg == 100 and r.daily_dose_mg is not None and r.daily_dose_mg.max == 100
    assert any(f.kind == "interaction" and "50 mg twice daily" in f.message for f in r.flags)


def test_contraindicated_interaction_means_avoid(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tramadol"), patient(other_drugs=("phenelzine",)), kidney(80), formulary.checker)
    assert r.avoid


def test_unknown_other_drug_is_named(formulary: Formulary) -> None:
    with pytest.raises(InputError, match="unknown drug 'snake oil'"):
        formulary.dose("pregabalin", patient(other_drugs=("snake oil",)))
    assert "omeprazole" in formulary.checker.known_names()


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"other_drugs": ["x"]}, "must map"),
        ({"rules": ["x"]}, "mapping"),
        ({"rules": [{"id": "a", "severity": "major", "status": "L"}]}, "either groups or count"),
        ({"rules": [{"id": "a", "groups": [{}], "severity": "major", "status": "L"}]}, "names drugs"),
        ({"rules": [{"id": "a", "count": {"classes": ["x"], "min": 3}, "severity": "big", "status": "L"}]}, "severity"),
        ({"rules": [{"id": "a", "count": {"classes": ["x"], "min": 3}, "severity": "major", "status": "Q"}]}, "status"),
        (
            {"rules": [{"id": "a", "count": {"classes": ["x"], "min": 3}, "severity": "major", "status": "L"}]},
            "message",
        ),
    ],
)
def test_malformed_rules_are_refused(data: dict, text: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(DosingDataError, match=text):
        parse_rules(data)


def test_checker_with_count_rule_only() -> None:
    checker = InteractionChecker(
        {"a": ["cns"], "b": ["cns"]},
        {
            "rules": [
                {
                    "id": "two",
                    "count": {"classes": ["cns"], "min": 2},
                    "severity": "moderate",
                    "message": "m",
                    "action": "x",
                    "source": "S",
                    "status": "L",
                }
            ]
        },
    )
    assert [h.rule.id for h in checker.check("a", ["b"])] == ["two"]
    assert checker.check("a", []) == []
    assert checker.check("a", ["b"])[0].cap_applies_to is None
