"""The dose form words the core's structured input problems itself (issue 15, item 5).

Every kind of Problem the core raises for a patient field gets a sentence from gui/dosing/problems.py
that names the range and unit the core gave, so no English sentence from the core is shown or used
as a key; the form's error lines are keyed by field code.
"""

from __future__ import annotations

import pytest

from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.dosing.consultation import DoseRequest, consult_dose
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.patient import FIELD_NAMES, Patient, Problem
from legpain_desktop.gui.dosing.problems import describe, field_label


@pytest.fixture(scope="module")
def formulary(shipped_repo: ContentRepository) -> Formulary:
    return Formulary.from_repository(shipped_repo)


GOOD = {"age": "70", "sex": "male", "weight": "70", "height": "170", "scr": "1.0"}


@pytest.mark.parametrize(
    ("raw", "code", "kind", "sentence"),
    [
        ({"age": "abc"}, "age", "not_a_number", "'abc' is not a number; enter 18 to 120 years"),
        ({"age": "12"}, "age", "out_of_range", "12 years is outside the valid range 18 to 120 years"),
        ({"age": ""}, "age", "required", "is required: a number from 18 to 120 years"),
        ({"age": "inf"}, "age", "not_finite", "must be a number from 18 to 120 years"),
        (
            {"scr": "500", "scr_unit": "mg/dL"},
            "scr",
            "out_of_range",
            "500 mg/dL is outside the valid range 0.1 to 20 mg/dL",
        ),
        (
            {"scr": "5", "scr_unit": "umol/L"},
            "scr",
            "out_of_range",
            "5 µmol/L is outside the valid range 8.84 to 1768 µmol/L",
        ),
        (
            {"weight": "9000", "weight_unit": "lb"},
            "weight",
            "out_of_range",
            "9000 lb is outside the valid range 55.12 to 771.61 lb",
        ),
        ({"weight_unit": "stone"}, "weight", "not_one_of", "'stone' is not allowed; choose kg or lb"),
        ({"sex": "x"}, "sex", "not_one_of", "'x' is not allowed; choose female or male"),
        ({"sex": ""}, "sex", "required", "is required: choose female or male"),
        ({"dialysis": "sometimes"}, "dialysis", "not_one_of", "'sometimes' is not allowed; choose none or hd or pd"),
        ({"child_pugh": "E"}, "child_pugh", "not_one_of", "'E' is not allowed; choose A or B or C"),
    ],
)
def test_each_problem_is_structured_and_worded_by_the_gui(
    qapp: object, raw: dict[str, str], code: str, kind: str, sentence: str
) -> None:
    failures = Patient.field_failures(**{**GOOD, **raw})
    assert list(failures) == [code]
    problem = failures[code].problem
    assert problem.kind == kind
    assert describe(problem) == sentence
    # the command line's English says the same thing under the field's English name
    assert Patient.field_errors(**{**GOOD, **raw}) == {FIELD_NAMES[code]: failures[code].message}


def test_the_consultation_carries_the_problems_keyed_by_field_code(formulary: Formulary) -> None:
    request = DoseRequest(drug="gabapentin", age="12", sex="male", weight="70", height="170", scr="0")
    consultation = consult_dose(formulary, request)
    assert set(consultation.problems) == {"age", "scr"}
    assert set(consultation.errors) == {"age", "serum creatinine"}
    assert consultation.problems["scr"] == Problem("scr", "out_of_range", "0", 0.1, 20.0, "mg/dL")


def test_a_pregnant_man_and_an_unknown_drug_are_worded(formulary: Formulary) -> None:
    pregnant = consult_dose(formulary, DoseRequest(drug="gabapentin", pregnant=True, **GOOD))
    assert describe(pregnant.problems["pregnant"]) == (
        "is ticked for a male patient; check the sex and the pregnancy box"
    )
    unknown = consult_dose(formulary, DoseRequest(drug="snakeoil", **GOOD))
    assert describe(unknown.problems["drug"]) == "unknown name 'snakeoil'"
    assert describe(Problem("other_drug", "unknown", "metfornin", choices=("metformin",))) == (
        "unknown name 'metfornin'; did you mean metformin?"
    )


def test_a_problem_of_no_known_kind_still_names_its_field(qapp: object) -> None:
    assert describe(Problem("weight_basis", "unknown")) == "this value cannot be used; check weight for kidney function"
    assert field_label("scr") == "creatinine"
