"""Every input problem the core raises carries a Problem record (issue 15, item 5): the field's
code, the kind, what was typed and the valid range in the user's unit. The GUI words it; the
command line prints the English message, which must agree."""

from __future__ import annotations

import pytest

from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.patient import FIELD_CODES, FIELD_NAMES, InputError, Patient, Problem, parse_number

GOOD = {"age": "70", "sex": "male", "weight": "70", "height": "170", "scr": "1.0"}


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"age": "abc"}, Problem("age", "not_a_number", "abc", 18.0, 120.0, "years")),
        ({"age": "12"}, Problem("age", "out_of_range", "12", 18.0, 120.0, "years")),
        ({"age": " "}, Problem("age", "required", "", 18.0, 120.0, "years")),
        ({"age": "nan"}, Problem("age", "not_finite", "", 18.0, 120.0, "years")),
        ({"age": True}, Problem("age", "not_a_number", "", 18.0, 120.0, "years")),
        ({"scr": "5", "scr_unit": "umol/L"}, Problem("scr", "out_of_range", "5", 8.84, 1768.0, "µmol/L")),
        ({"scr": "x", "scr_unit": "umol/L"}, Problem("scr", "not_a_number", "x", 8.84, 1768.0, "µmol/L")),
        ({"height": "20", "height_unit": "in"}, Problem("height", "out_of_range", "20", 39.38, 98.42, "in")),
        ({"weight_unit": "st"}, Problem("weight_unit", "not_one_of", "st", choices=("kg", "lb"))),
        ({"sex": None}, Problem("sex", "required", "", choices=("female", "male"))),
        ({"sex": "X"}, Problem("sex", "not_one_of", "x", choices=("female", "male"))),
        ({"dialysis": "Daily"}, Problem("dialysis", "not_one_of", "daily", choices=("none", "hd", "pd"))),
        ({"child_pugh": "d"}, Problem("child_pugh", "not_one_of", "D", choices=("A", "B", "C"))),
    ],
)
def test_each_failure_carries_its_problem(raw: dict[str, object], problem: Problem) -> None:
    failures = Patient.field_failures(**{**GOOD, **raw})
    assert len(failures) == 1
    ((code, error),) = failures.items()
    assert error.problem == problem
    assert code == problem.field.removesuffix("_unit")  # a unit's problem sits under its value's field
    assert str(error) == f"{FIELD_NAMES[problem.field]}: {error.message}"


def test_a_long_entry_is_cut_to_40_characters_in_the_problem() -> None:
    with pytest.raises(InputError) as caught:
        parse_number("age", "y" * 60, 18, 120, "years")
    assert caught.value.problem.value == "y" * 40


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"weight_unit": "s" * 60}, Problem("weight_unit", "not_one_of", "s" * 40, choices=("kg", "lb"))),
        ({"sex": "q" * 60}, Problem("sex", "not_one_of", "q" * 40, choices=("female", "male"))),
        ({"dialysis": "d" * 60}, Problem("dialysis", "not_one_of", "d" * 40, choices=("none", "hd", "pd"))),
        ({"child_pugh": "e" * 60}, Problem("child_pugh", "not_one_of", "E" * 40, choices=("A", "B", "C"))),
    ],
)
def test_a_long_choice_is_cut_to_40_characters_in_the_problem(raw: dict[str, object], problem: Problem) -> None:
    """The mutation rerun of patient.py (2026-12-05): only a number's entry was checked at 40."""
    ((_code, error),) = Patient.field_failures(**{**GOOD, **raw}).items()
    assert error.problem == problem


def test_a_field_outside_the_patient_form_keeps_its_own_name_as_its_code() -> None:
    with pytest.raises(InputError) as caught:
        parse_number("doses a day", "many", 1, 24, "doses")
    assert caught.value.problem == Problem("doses a day", "not_a_number", "many", 1, 24, "doses")


def test_an_error_without_a_problem_gets_one_naming_its_field() -> None:
    assert InputError("serum creatinine", "odd").problem == Problem("scr", "unknown")
    assert InputError("kidney function", "odd").problem == Problem("kidney function", "unknown")


def test_field_codes_and_names_are_one_to_one() -> None:
    assert {FIELD_NAMES[c]: c for c in FIELD_NAMES} == FIELD_CODES
    assert len(set(FIELD_NAMES.values())) == len(FIELD_NAMES)


def test_an_unknown_other_drug_carries_its_problem_with_the_suggestions() -> None:
    """The mutation run of 2026-12-05: the Problem of an unrecognised medicine was not checked."""
    from tests.core.dosing.test_interactions import shipped_checker

    checker = shipped_checker()
    with pytest.raises(InputError) as caught:
        checker.identify("sertralin")
    assert caught.value.problem == Problem(
        "other_drug", "unknown", "sertralin", choices=checker.suggestions("sertralin")
    )
    assert caught.value.problem.choices and "sertraline" in caught.value.problem.choices[0].lower()
    with pytest.raises(InputError) as long:
        checker.identify("q" * 60)
    assert long.value.problem == Problem("other_drug", "unknown", "q" * 40, choices=())


def test_an_unknown_weight_basis_carries_its_problem() -> None:
    """The mutation rerun of renal.py (2026-12-05): the weight basis's Problem was not checked."""
    from legpain_desktop.core.dosing.renal import kidney_function

    patient = Patient.create(**GOOD)
    with pytest.raises(InputError) as caught:
        kidney_function(patient, "w" * 60)
    error = caught.value
    assert (error.field, error.message) == ("weight basis", "must be actual, ideal or adjusted")
    assert error.problem == Problem("weight_basis", "not_one_of", "w" * 40, choices=("actual", "ideal", "adjusted"))


def test_an_unknown_drug_carries_its_problem_cut_to_40_characters(formulary: Formulary) -> None:
    """The formulary rerun of 2026-12-05: the unknown drug's Problem was not checked."""
    with pytest.raises(InputError) as caught:
        formulary.drug("z" * 60)
    error = caught.value
    message = f"unknown drug {'z' * 40!r}; see 'legpain-desktop list --kind drug'"
    assert (error.field, error.message) == ("drug", message)
    assert error.problem == Problem("drug", "unknown", "z" * 40)
