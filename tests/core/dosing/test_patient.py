"""Patient inputs: every field validated, every unit converted, every message names the field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legpain_desktop.core.dosing.patient import InputError, Patient, parse_number

BASE = {"age": 70, "sex": "female", "weight": 60, "height": 160, "scr": 1.0}


def make(**changes: object) -> Patient:
    return Patient.create(**{**BASE, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"age": 17}, "age", "outside the valid range 18 to 120 years"),
        ({"age": 121}, "age", "18 to 120"),
        ({"age": "old"}, "age", "'old' is not a number"),
        ({"age": ""}, "age", "is required"),
        ({"age": float("nan")}, "age", "finite"),
        ({"age": True}, "age", "must be a number"),
        ({"sex": "x"}, "sex", "female or male"),
        ({"sex": None}, "sex", "female or male"),
        ({"weight": 0}, "weight", "25 to 350 kg"),
        ({"weight": -5}, "weight", "outside"),
        ({"weight": 1000, "weight_unit": "lb"}, "weight", "lb"),
        ({"weight_unit": "stone"}, "weight unit", "kg or lb"),
        ({"height": 20}, "height", "100 to 250 cm"),
        ({"height": 20, "height_unit": "in"}, "height", "in"),
        ({"height_unit": "ft"}, "height unit", "cm or in"),
        ({"scr": 0}, "serum creatinine", "0.1 to 20 mg/dL"),
        ({"scr": 5000, "scr_unit": "umol/L"}, "serum creatinine", "µmol/L"),
        ({"scr_unit": "mmol/L"}, "creatinine unit", "mg/dL or umol/L"),
        ({"dialysis": "yes"}, "dialysis", "none, hd"),
        ({"child_pugh": "D"}, "Child-Pugh class", "A, B or C"),
    ],
)
def test_bad_input_names_field_and_range(changes: dict[str, object], field: str, text: str) -> None:
    with pytest.raises(InputError) as info:
        make(**changes)
    assert info.value.field == field
    assert text in str(info.value)


def test_units_and_conditions() -> None:
    p = make(
        weight=132.277,
        weight_unit="lb",
        height=63,
        height_unit="in",
        scr="88,4",
        scr_unit="umol/L",
        sex="F",
        dialysis="HD",
        heart_failure=True,
        child_pugh="b",
        other_drugs=("omeprazole",),
    )
    assert p.weight_kg == pytest.approx(60, abs=0.01)
    assert p.height_cm == pytest.approx(160.02)
    assert p.scr_mg_dl == pytest.approx(1.0)
    assert p.scr_umol_l == pytest.approx(88.4)
    assert p.height_in == pytest.approx(63)
    assert p.female and p.sex == "female"
    assert p.conditions() == {"heart-failure", "child-pugh-b", "dialysis"}
    assert make(sex="m", child_pugh="none").conditions() == frozenset()


@given(st.text(max_size=60))
def test_any_text_is_a_number_or_a_clear_error(text: str) -> None:
    try:
        value = parse_number("age", text, 18, 120, "years")
    except InputError as exc:
        assert str(exc).startswith("age: ")
    else:
        assert 18 <= value <= 120
