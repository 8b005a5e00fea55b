"""The rules and names added after the sixth pharmacist pass, pinned one by one.

The reviewer's own cases live in ``test_reviewed_interaction_cases_pass6.py``. These tests pin what
the fix added beyond them: the identity of each new name (Yasmin is both of its components, bare
Fucidin is the systemic form, the skin forms are not), the rule and severity each pair gets, the two
probes the reviewer ran outside the case file, and the forms that must stay quiet.
"""

from __future__ import annotations

import pytest

from legpain_desktop.core.dosing.regimen import review_regimen
from tests.core.dosing.test_interactions import shipped_checker


def _lines(*medicines: str) -> dict[str, str]:
    review = review_regimen(shipped_checker(), list(medicines))
    assert not review.unchecked, [m.entered.text for m in review.unchecked]
    return {h.rule.id: h.rule.severity for h in review.interactions}


def _identity(name: str) -> tuple[str, frozenset[str]]:
    review = review_regimen(shipped_checker(), [name])
    (medicine,) = review.medicines
    assert medicine.identity is not None, name
    return medicine.identity.id, medicine.identity.classes


@pytest.mark.parametrize("name", ["Yasmin", "Yaz", "Eloine", "drospirenone/ethinylestradiol"])
def test_a_drospirenone_pill_keeps_both_components(name: str) -> None:
    drug, classes = _identity(name)
    assert drug == "ethinylestradiol-drospirenone"
    assert {"drospirenone", "hormonal-contraceptive", "cyp1a2-inhibitor"} <= classes


def test_a_plain_ethinylestradiol_pill_is_not_read_as_drospirenone() -> None:
    drug, classes = _identity("Microgynon")
    assert drug == "ethinylestradiol" and "drospirenone" not in classes


@pytest.mark.parametrize("name", ["Fucidin", "sodium fusidate", "fusidic acid", "Fucidin tablets"])
def test_systemic_fusidic_acid_names(name: str) -> None:
    drug, classes = _identity(name)
    assert drug == "fusidic-acid" and "fusidic-acid-systemic" in classes


@pytest.mark.parametrize("name", ["Fucidin cream", "Fucidin H", "fusidic acid ointment", "Fucithalmic"])
def test_skin_and_eye_fusidic_acid_names(name: str) -> None:
    drug, classes = _identity(name)
    assert drug == "fusidic-acid-topical" and "fusidic-acid-systemic" not in classes


@pytest.mark.parametrize("statin", ["fluvastatin", "pitavastatin", "Crestor", "simvastatin 40 mg at night"])
def test_every_statin_with_systemic_fusidic_acid_is_contraindicated(statin: str) -> None:
    assert _lines(statin, "Fucidin")["statin-fusidic-acid"] == "contraindicated"


@pytest.mark.parametrize("topical", ["Fucidin cream", "Fucidin H", "fusidic acid ointment"])
def test_skin_fusidic_acid_with_a_statin_gives_no_line(topical: str) -> None:
    assert _lines("atorvastatin", topical) == {}


@pytest.mark.parametrize(
    ("other", "rule", "severity"),
    [
        ("ketoconazole", "finerenone-strong-cyp3a4", "contraindicated"),
        ("ritonavir", "finerenone-strong-cyp3a4", "contraindicated"),
        ("erythromycin", "finerenone-cyp3a4-inhibitor", "moderate"),
        ("carbamazepine", "finerenone-inducer", "major"),
        ("St John's wort", "finerenone-inducer", "major"),
        ("amiloride", "finerenone-potassium-sparing", "major"),
        ("salt substitute", "finerenone-potassium", "major"),
        ("trimethoprim", "finerenone-trimethoprim", "major"),
        ("ramipril", "finerenone-ras", "moderate"),
        ("losartan", "finerenone-ras", "moderate"),
    ],
)
def test_finerenone_rules(other: str, rule: str, severity: str) -> None:
    assert _lines("Kerendia 10 mg daily", other).get(rule) == severity


@pytest.mark.parametrize("other", ["eplerenone", "potassium chloride", "ramipril", "candesartan", "finerenone"])
def test_drospirenone_asks_for_a_potassium_check(other: str) -> None:
    assert _lines("Yasmin", other).get("drospirenone-potassium") == "moderate"


def test_a_progestogen_only_drospirenone_pill_is_a_contraceptive_for_the_inducer_rule() -> None:
    assert _lines("Slynd", "rifampicin").get("inducer-contraceptive") is not None


@pytest.mark.parametrize(
    ("immunosuppressant", "other", "rule", "severity"),
    [
        # the reviewer's probe outside the case file: tacrolimus with clarithromycin gave no line
        ("tacrolimus", "clarithromycin", "calcineurin-cyp3a4-inhibitor", "major"),
        ("Prograf", "itraconazole", "calcineurin-cyp3a4-inhibitor", "major"),
        ("ciclosporin", "diltiazem", "calcineurin-cyp3a4-inhibitor", "major"),
        ("tacrolimus", "rifampicin", "calcineurin-inducer", "major"),
        ("Neoral", "carbamazepine", "calcineurin-inducer", "major"),
        ("ciclosporin", "eplerenone", "calcineurin-potassium-sparing", "major"),
        ("tacrolimus", "finerenone", "calcineurin-potassium-sparing", "major"),
        ("tacrolimus", "salt substitute", "calcineurin-potassium", "moderate"),
        # the reviewer's second probe: ciclosporin with an ACE inhibitor gave no line; the second
        # pharmacist's check added tacrolimus (BNF)
        ("ciclosporin", "lisinopril", "calcineurin-ras", "moderate"),
        ("ciclosporin", "valsartan", "calcineurin-ras", "moderate"),
        ("Adoport", "ramipril", "calcineurin-ras", "moderate"),
        ("Sandimmun", "losartan", "calcineurin-ras", "moderate"),
    ],
)
def test_ciclosporin_and_tacrolimus_rules(immunosuppressant: str, other: str, rule: str, severity: str) -> None:
    assert _lines(immunosuppressant, other).get(rule) == severity


@pytest.mark.parametrize("name", ["Nextstellis", "Angeliq", "Syeda", "Beyaz"])
def test_every_drospirenone_product_carries_its_potassium_line(name: str) -> None:
    assert _lines(name, "spironolactone").get("drospirenone-potassium") == "moderate"


def test_drospirenone_with_a_daily_nsaid_asks_for_a_potassium_check() -> None:
    assert _lines("Yasmin", "naproxen 500 mg bd").get("drospirenone-potassium") == "moderate"


def test_the_finerenone_line_with_an_ace_inhibitor_gives_the_potassium_limits() -> None:
    review = review_regimen(shipped_checker(), ["Firialta", "ramipril"])
    (hit,) = [h for h in review.interactions if h.rule.id == "finerenone-ras"]
    assert "above 5.0 mmol/L" in hit.rule.action and "above 5.5 mmol/L" in hit.rule.action
