"""Every valid range of a patient value, in every unit, exactly on, just below and just above its edges.

Written to kill the mutants scripts/mutation.sh finds in core/dosing/patient.py: the messages are
asserted whole, because the number, the unit and the range they carry are what the user acts on.
Ranges in pounds, inches and µmol/L are the base ranges converted and rounded to one decimal:
25-350 kg = 55.12-771.61 lb; 100-250 cm = 39.38-98.42 in; 0.1-20 mg/dL = 8.84-1768 µmol/L (x 88.4): the
ranges as stated, rounded inwards to two decimals; the value converted is held to the exact base range.
"""

from __future__ import annotations

import math
import re

import pytest

from legpain_desktop.core.dosing.patient import (
    AGE_RANGE,
    CM_PER_IN,
    HEIGHT_CM_RANGE,
    KG_PER_LB,
    SCR_MG_DL_RANGE,
    UMOL_PER_MG_DL,
    WEIGHT_KG_RANGE,
    InputError,
    Patient,
    parse_number,
)

TIGHT = 1e-9
BASE: dict[str, object] = {"age": 70, "sex": "female", "weight": 60, "height": 160, "scr": 1.0}


def make(**changes: object) -> Patient:
    return Patient.create(**{**BASE, **changes})  # type: ignore[arg-type]


def refused(**changes: object) -> InputError:
    with pytest.raises(InputError) as info:
        make(**changes)
    return info.value


def test_constants() -> None:
    assert UMOL_PER_MG_DL == 88.4
    assert KG_PER_LB == 0.45359237
    assert CM_PER_IN == 2.54
    assert AGE_RANGE == (18.0, 120.0)
    assert WEIGHT_KG_RANGE == (25.0, 350.0)
    assert HEIGHT_CM_RANGE == (100.0, 250.0)
    assert SCR_MG_DL_RANGE == (0.1, 20.0)


# (field given to create, unit field, unit, field name in errors, low, high, step, unit label, to base unit)
LIMITS = [
    ("age", None, None, "age", 18.0, 120.0, 0.1, "years", 1.0),
    ("weight", "weight_unit", "kg", "weight", 25.0, 350.0, 0.1, "kg", 1.0),
    ("weight", "weight_unit", "lb", "weight", 55.12, 771.61, 0.01, "lb", KG_PER_LB),
    ("height", "height_unit", "cm", "height", 100.0, 250.0, 0.1, "cm", 1.0),
    ("height", "height_unit", "in", "height", 39.38, 98.42, 0.01, "in", CM_PER_IN),
    ("scr", "scr_unit", "mg/dL", "serum creatinine", 0.1, 20.0, 0.01, "mg/dL", 1.0),
    ("scr", "scr_unit", "umol/L", "serum creatinine", 8.84, 1768.0, 0.01, "µmol/L", 1 / UMOL_PER_MG_DL),
]
LIMIT_IDS = ["age", "kg", "lb", "cm", "in", "mg/dL", "umol/L"]


def _value(p: Patient, key: str) -> float:
    return {"age": p.age, "weight": p.weight_kg, "height": p.height_cm, "scr": p.scr_mg_dl}[key]


def _units(unit_key: str | None, unit: str | None) -> dict[str, object]:
    return {} if unit_key is None else {unit_key: unit}


@pytest.mark.parametrize(
    ("key", "unit_key", "unit", "name", "low", "high", "step", "label", "factor"), LIMITS, ids=LIMIT_IDS
)
def test_edges_are_accepted_and_converted(
    key: str, unit_key: str | None, unit: str | None, name: str,
    low: float, high: float, step: float, label: str, factor: float,
) -> None:  # fmt: skip
    for value in (low, low + step, high - step, high):
        p = make(**{key: value}, **_units(unit_key, unit))
        expected = value / UMOL_PER_MG_DL if unit == "umol/L" else value * factor
        assert _value(p, key) == pytest.approx(expected, rel=TIGHT)


@pytest.mark.parametrize(
    ("key", "unit_key", "unit", "name", "low", "high", "step", "label", "factor"), LIMITS, ids=LIMIT_IDS
)
def test_just_outside_is_refused_with_the_range_in_the_users_unit(
    key: str, unit_key: str | None, unit: str | None, name: str,
    low: float, high: float, step: float, label: str, factor: float,
) -> None:  # fmt: skip
    for value in (round(low - step, 2), round(high + step, 2)):
        error = refused(**{key: value}, **_units(unit_key, unit))
        assert error.field == name
        assert str(error) == f"{name}: {value:g} {label} is outside the valid range {low:g} to {high:g} {label}"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"age": 17.9}, "age: 17.9 years is outside the valid range 18 to 120 years"),
        ({"age": 120.1}, "age: 120.1 years is outside the valid range 18 to 120 years"),
        ({"weight": 24.9}, "weight: 24.9 kg is outside the valid range 25 to 350 kg"),
        ({"weight": 350.1}, "weight: 350.1 kg is outside the valid range 25 to 350 kg"),
        ({"weight": 55, "weight_unit": "lb"}, "weight: 55 lb is outside the valid range 55.12 to 771.61 lb"),
        ({"weight": 771.7, "weight_unit": "lb"}, "weight: 771.7 lb is outside the valid range 55.12 to 771.61 lb"),
        ({"height": 99.9}, "height: 99.9 cm is outside the valid range 100 to 250 cm"),
        ({"height": 250.1}, "height: 250.1 cm is outside the valid range 100 to 250 cm"),
        ({"height": 39.3, "height_unit": "in"}, "height: 39.3 in is outside the valid range 39.38 to 98.42 in"),
        ({"height": 98.5, "height_unit": "in"}, "height: 98.5 in is outside the valid range 39.38 to 98.42 in"),
        ({"scr": 0.09}, "serum creatinine: 0.09 mg/dL is outside the valid range 0.1 to 20 mg/dL"),
        ({"scr": 20.01}, "serum creatinine: 20.01 mg/dL is outside the valid range 0.1 to 20 mg/dL"),
        (
            {"scr": 8.7, "scr_unit": "umol/L"},
            "serum creatinine: 8.7 µmol/L is outside the valid range 8.84 to 1768 µmol/L",
        ),
        (
            {"scr": 1768.1, "scr_unit": "umol/L"},
            "serum creatinine: 1768.1 µmol/L is outside the valid range 8.84 to 1768 µmol/L",
        ),
    ],
)
def test_range_messages_in_full(changes: dict[str, object], message: str) -> None:
    assert str(refused(**changes)) == message


def test_upper_edge_is_inclusive_to_the_last_digit() -> None:
    assert make(age=120).age == 120.0
    assert make(age=119.99).age == 119.99
    assert make(weight=771.61, weight_unit="lb").weight_kg == pytest.approx(771.61 * KG_PER_LB, rel=TIGHT)
    assert make(weight=771.617, weight_unit="lb").weight_kg <= 350  # inside the base range, though not shown
    assert refused(weight=771.62, weight_unit="lb").field == "weight"  # 350.0009 kg
    assert refused(height=98.43, height_unit="in").field == "height"  # 250.01 cm
    assert make(weight=55.12, weight_unit="lb").weight_kg == pytest.approx(55.12 * KG_PER_LB, rel=TIGHT)
    assert refused(weight=55.11, weight_unit="lb").field == "weight"  # 24.998 kg
    assert refused(height=39.37, height_unit="in").field == "height"  # 99.9998 cm
    assert make(height=39.38, height_unit="in").height_cm == pytest.approx(100.0252, rel=TIGHT)
    assert refused(scr=8.83, scr_unit="umol/L").field == "serum creatinine"  # 0.0999 mg/dL
    assert make(scr=8.84, scr_unit="umol/L").scr_mg_dl == pytest.approx(0.1, rel=TIGHT)
    assert make(scr=1768, scr_unit="umol/L").scr_mg_dl == pytest.approx(20.0, rel=TIGHT)


# --- Creatinine units (dosing-facts 1.3) --------------------------------------------------------


@pytest.mark.parametrize(
    ("umol", "mg_dl"),
    [(44.2, 0.5), (88.4, 1.0), (176.8, 2.0), (97, 97 / 88.4), (132.6, 132.6 / 88.4)],
)
def test_creatinine_umol_per_litre_divided_by_88_4(umol: float, mg_dl: float) -> None:
    p = make(scr=umol, scr_unit="umol/L")
    assert p.scr_mg_dl == pytest.approx(mg_dl, rel=TIGHT)
    assert p.scr_umol_l == pytest.approx(umol, rel=TIGHT)


def test_97_umol_is_1_097_not_1_1() -> None:
    assert make(scr=97, scr_unit="umol/L").scr_mg_dl == pytest.approx(1.0972850678733033, rel=TIGHT)


def test_creatinine_keeps_full_precision() -> None:
    # 132.6 / 88.4 is 1.4999999999999998 in floating point: kept, never rounded to 1.5 here.
    assert make(scr=132.6, scr_unit="umol/L").scr_mg_dl == 132.6 / 88.4


def test_pounds_and_inches() -> None:
    p = make(weight=132.277, weight_unit="lb", height=63, height_unit="in")
    assert p.weight_kg == pytest.approx(132.277 * 0.45359237, rel=TIGHT)
    assert p.height_cm == pytest.approx(160.02, rel=TIGHT)
    assert p.height_in == pytest.approx(63.0, rel=TIGHT)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"weight_unit": "stone"}, "weight unit", "weight unit: must be kg or lb, not 'stone'"),
        ({"height_unit": "ft"}, "height unit", "height unit: must be cm or in, not 'ft'"),
        ({"scr_unit": "mmol/L"}, "creatinine unit", "creatinine unit: must be mg/dL or umol/L, not 'mmol/L'"),
        ({"scr_unit": "µmol/L"}, "creatinine unit", "creatinine unit: must be mg/dL or umol/L, not 'µmol/L'"),
    ],
)
def test_unknown_units(changes: dict[str, object], field: str, message: str) -> None:
    error = refused(**changes)
    assert error.field == field
    assert str(error) == message


# --- parse_number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(18, 18.0), (120, 120.0), ("18", 18.0), (" 70 ", 70.0), ("70,5", 70.5), ("7e1", 70.0), (65.25, 65.25)],
)
def test_parse_number_accepts(value: object, expected: float) -> None:
    assert parse_number("age", value, 18, 120, "years") == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "age: must be a number from 18 to 120 years"),
        (False, "age: must be a number from 18 to 120 years"),
        ("", "age: is required: a number from 18 to 120 years"),
        ("   ", "age: is required: a number from 18 to 120 years"),
        ("old", "age: 'old' is not a number; enter 18 to 120 years"),
        ("1,2,3", "age: '1,2,3' is not a number; enter 18 to 120 years"),
        (None, "age: 'None' is not a number; enter 18 to 120 years"),
        (float("nan"), "age: must be a finite number from 18 to 120 years"),
        (float("inf"), "age: must be a finite number from 18 to 120 years"),
        ("-inf", "age: must be a finite number from 18 to 120 years"),
        (17.99, "age: 17.99 years is outside the valid range 18 to 120 years"),
        (120.01, "age: 120.01 years is outside the valid range 18 to 120 years"),
    ],
)
def test_parse_number_refuses(value: object, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_number("age", value, 18, 120, "years")
    assert info.value.field == "age"
    assert str(info.value) == message


def test_long_text_is_quoted_to_40_characters() -> None:
    text = "x" * 39 + "yz"  # 41 characters: the message shows the first 40
    with pytest.raises(InputError) as info:
        parse_number("weight", text, 25, 350, "kg")
    assert str(info.value) == f"weight: {'x' * 39 + 'y'!r} is not a number; enter 25 to 350 kg"


def test_parse_number_range_uses_g_format() -> None:
    with pytest.raises(InputError) as info:
        parse_number("serum creatinine", 0.05, 0.1, 20.0, "mg/dL")
    assert str(info.value) == "serum creatinine: 0.05 mg/dL is outside the valid range 0.1 to 20 mg/dL"
    assert math.isclose(parse_number("serum creatinine", "0.1", 0.1, 20.0, "mg/dL"), 0.1)


# --- Sex, dialysis, Child-Pugh and flags ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("female", "female"), ("male", "male"), ("F", "female"), ("m", "male"), (" Male ", "male"), ("FEMALE", "female")],
)
def test_sex_accepted(value: str, expected: str) -> None:
    p = make(sex=value)
    assert p.sex == expected
    assert p.female is (expected == "female")


@pytest.mark.parametrize("value", [None, "", "x", "fm", "none", "woman", 1])
def test_sex_refused(value: object) -> None:
    error = refused(sex=value)
    assert error.field == "sex"
    assert str(error) == "sex: must be female or male (the kidney formulas need it)"


@pytest.mark.parametrize(
    ("value", "expected"), [("none", "none"), ("HD", "hd"), (" pd ", "pd"), ("Hd", "hd"), (None, "none")]
)
def test_dialysis_accepted(value: object, expected: str) -> None:
    assert make(dialysis=value).dialysis == expected


def test_dialysis_default_is_none() -> None:
    assert make().dialysis == "none"
    assert make().conditions() == frozenset()


@pytest.mark.parametrize("value", ["yes", "", "haemodialysis", "no"])
def test_dialysis_refused(value: object) -> None:
    error = refused(dialysis=value)
    assert error.field == "dialysis"
    assert str(error) == "dialysis: must be none, hd (haemodialysis) or pd (peritoneal dialysis)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("", None), ("none", None), ("a", "A"), (" b ", "B"), ("C", "C")],
)
def test_child_pugh_accepted(value: object, expected: str | None) -> None:
    assert make(child_pugh=value).child_pugh == expected


def test_child_pugh_default_is_none_not_empty() -> None:
    assert make().child_pugh is None


@pytest.mark.parametrize("value", ["D", "NONE", "AB", " "])
def test_child_pugh_refused(value: str) -> None:
    error = refused(child_pugh=value)
    assert error.field == "Child-Pugh class"
    assert str(error) == "Child-Pugh class: must be A, B or C (or left empty when the liver is normal)"


def test_flags_default_to_false_and_are_booleans() -> None:
    p = make()
    assert p.heart_failure is False
    assert p.pregnant is False
    assert p.breastfeeding is False
    assert p.unstable_kidney_function is False
    assert p.other_drugs == ()
    q = make(heart_failure=1, pregnant=1, breastfeeding="yes", unstable_kidney_function=1, other_drugs=["omeprazole"])
    assert q.heart_failure is True
    assert q.pregnant is True
    assert q.breastfeeding is True
    assert q.unstable_kidney_function is True
    assert q.other_drugs == ("omeprazole",)


def test_each_flag_is_its_own() -> None:
    assert (make(pregnant=True).pregnant, make(pregnant=True).breastfeeding) == (True, False)
    assert (make(breastfeeding=True).breastfeeding, make(breastfeeding=True).pregnant) == (True, False)
    assert make(unstable_kidney_function=True).unstable_kidney_function is True


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, set()),
        ({"heart_failure": True}, {"heart-failure"}),
        ({"child_pugh": "a"}, {"child-pugh-a"}),
        ({"child_pugh": "C"}, {"child-pugh-c"}),
        ({"dialysis": "hd"}, {"dialysis"}),
        ({"dialysis": "pd"}, {"dialysis"}),
        ({"pregnant": True}, {"pregnancy"}),
        ({"breastfeeding": True}, {"breastfeeding"}),
        ({"unstable_kidney_function": True}, set()),
        (
            {"heart_failure": True, "child_pugh": "b", "dialysis": "HD", "pregnant": True, "breastfeeding": True},
            {"heart-failure", "child-pugh-b", "dialysis", "pregnancy", "breastfeeding"},
        ),
    ],
)
def test_conditions_vocabulary(changes: dict[str, object], expected: set[str]) -> None:
    assert make(**changes).conditions() == frozenset(expected)


# --- field_errors: every problem at once, message after the field name -----------------------


def test_field_errors_empty_for_a_valid_form() -> None:
    assert Patient.field_errors(**BASE) == {}
    assert Patient.field_errors() == {}


def test_field_errors_reports_every_field_with_its_unit() -> None:
    errors = Patient.field_errors(
        age=17, sex="q", weight=1000, weight_unit="lb", height=20, height_unit="in",
        scr=5000, scr_unit="umol/L", dialysis="x", child_pugh="D",
    )  # fmt: skip
    assert errors == {
        "age": "17 years is outside the valid range 18 to 120 years",
        "sex": "must be female or male (the kidney formulas need it)",
        "weight": "1000 lb is outside the valid range 55.12 to 771.61 lb",
        "height": "20 in is outside the valid range 39.38 to 98.42 in",
        "serum creatinine": "5000 µmol/L is outside the valid range 8.84 to 1768 µmol/L",
        "dialysis": "must be none, hd (haemodialysis) or pd (peritoneal dialysis)",
        "Child-Pugh class": "must be A, B or C (or left empty when the liver is normal)",
    }


def test_field_errors_value_in_a_unit_valid_only_in_the_other() -> None:
    # each value is checked in the unit given with it: 500 µmol/L is valid, 500 mg/dL is not
    assert Patient.field_errors(scr=500, scr_unit="umol/L") == {}
    assert Patient.field_errors(height=60, height_unit="in") == {}
    assert Patient.field_errors(weight=700, weight_unit="lb") == {}
    assert Patient.field_errors(scr=500) == {"serum creatinine": "500 mg/dL is outside the valid range 0.1 to 20 mg/dL"}


def test_field_errors_message_keeps_colons_inside_it() -> None:
    # the field name is cut at the first ": " only
    assert Patient.field_errors(age="a: b: c") == {"age": "'a: b: c' is not a number; enter 18 to 120 years"}
    assert Patient.field_errors(scr=0) == {"serum creatinine": "0 mg/dL is outside the valid range 0.1 to 20 mg/dL"}
    assert Patient.field_errors(child_pugh="E") == {
        "Child-Pugh class": "must be A, B or C (or left empty when the liver is normal)"
    }


def test_field_errors_fills_missing_values_from_its_base_form() -> None:
    # A unit given without its value is checked with the base form's number (170, 1.0) in that unit.
    # Callers (consultation, dosing panel) always pass every field, so this only pins the base form.
    assert Patient.field_errors(height_unit="in") == {"height": "170 in is outside the valid range 39.38 to 98.42 in"}
    assert Patient.field_errors(scr_unit="umol/L") == {
        "serum creatinine": "1 µmol/L is outside the valid range 8.84 to 1768 µmol/L"
    }
    assert Patient.field_errors(weight_unit="lb") == {}


# --- Known problem, documented (not fixed here) ----------------------------------------------


def test_a_value_in_another_unit_never_falls_outside_the_base_range() -> None:
    # 55.1 lb = 24.993 kg (< 25 kg) and 8.8 µmol/L = 0.0995 mg/dL (< 0.1 mg/dL) were accepted once.
    with pytest.raises(InputError, match=re.escape("55.1 lb is outside the valid range 55.12 to 771.61 lb")):
        make(weight=55.1, weight_unit="lb")
    with pytest.raises(InputError, match=re.escape("8.8 µmol/L is outside the valid range 8.84 to 1768 µmol/L")):
        make(scr=8.8, scr_unit="umol/L")
    # and values just inside the base range in another unit were refused once
    assert make(height=39.38, height_unit="in").height_cm >= HEIGHT_CM_RANGE[0]
    assert make(height=98.42, height_unit="in").height_cm <= HEIGHT_CM_RANGE[1]
    assert make(weight=771.61, weight_unit="lb").weight_kg <= WEIGHT_KG_RANGE[1]
    assert make(weight=55.12, weight_unit="lb").weight_kg >= WEIGHT_KG_RANGE[0]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weight": "heavy", "weight_unit": "lb"}, "weight: 'heavy' is not a number; enter 55.12 to 771.61 lb"),
        ({"weight": "", "weight_unit": "lb"}, "weight: is required: a number from 55.12 to 771.61 lb"),
        ({"height": "tall", "height_unit": "in"}, "height: 'tall' is not a number; enter 39.38 to 98.42 in"),
        ({"scr": "high", "scr_unit": "umol/L"}, "serum creatinine: 'high' is not a number; enter 8.84 to 1768 µmol/L"),
        ({"scr": True, "scr_unit": "umol/L"}, "serum creatinine: must be a number from 8.84 to 1768 µmol/L"),
    ],
)
def test_a_non_number_in_another_unit_names_the_field_the_unit_and_its_range(
    changes: dict[str, object], message: str
) -> None:
    """Mutation run of 2026-12-03: these messages (field, unit label, stated range) were untested."""
    error = refused(**changes)
    assert str(error) == message and error.field == message.split(":")[0]
