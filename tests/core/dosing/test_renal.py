"""Kidney-function formulas against the vectors in the reference file (dosing-facts section 1)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legpain_desktop.core.dosing.patient import InputError, Patient
from legpain_desktop.core.dosing.renal import (
    adjusted_body_weight,
    bsa_mosteller,
    ckd_epi_2021,
    cockcroft_gault,
    ideal_body_weight,
    kidney_function,
    round_half_up,
    weight_note,
)


def patient(sex: str, age: float, weight: float, height: float, scr: float, unit: str = "mg/dL") -> Patient:
    return Patient.create(age=age, sex=sex, weight=weight, height=height, scr=scr, scr_unit=unit)


@pytest.mark.parametrize(
    ("sex", "age", "weight", "scr", "unit", "expected"),
    [
        ("male", 60, 72, 1.0, "mg/dL", 80.0),  # CG-1
        ("female", 80, 55, 1.2, "mg/dL", 32.5),  # CG-2
        ("male", 45, 100, 132.6, "umol/L", 88.0),  # CG-3
        ("female", 75, 60, 1.2, "mg/dL", 38.4),  # the pregabalin patient
        ("female", 75, 52, 97, "umol/L", 36.4),  # rounding order: full-precision creatinine
    ],
)
def test_cockcroft_gault_vectors(sex: str, age: float, weight: float, scr: float, unit: str, expected: float) -> None:
    k = kidney_function(patient(sex, age, weight, 170, scr, unit))
    assert k.crcl_actual == expected


def test_rounding_creatinine_first_would_give_a_different_answer() -> None:
    # 97 µmol/L is 1.097 mg/dL, not 1.1: rounding it first gives 36.3 instead of 36.4.
    assert round_half_up(cockcroft_gault(75, 52, 1.1, True)) == 36.3
    assert kidney_function(patient("female", 75, 52, 160, 97, "umol/L")).crcl_actual == 36.4


@pytest.mark.parametrize(
    ("sex", "age", "height", "weight", "scr", "ibw", "adj", "actual", "ideal", "adjusted"),
    [
        ("male", 50, 170, 120, 1.1, 65.9, 87.6, 136.4, 74.9, 99.5),  # W-1
        ("female", 65, 160, 95, 0.9, 52.4, 69.4, 93.5, 51.5, 68.3),  # W-2
        ("male", 72, 183, 78, 1.2, 77.7, 77.8, 61.4, 61.2, 61.3),  # W-3
    ],
)
def test_weight_variants(
    sex: str, age: float, height: float, weight: float, scr: float,
    ibw: float, adj: float, actual: float, ideal: float, adjusted: float,
) -> None:  # fmt: skip
    k = kidney_function(patient(sex, age, weight, height, scr))
    assert (k.ideal_weight_kg, k.adjusted_weight_kg) == (ibw, adj)
    assert (k.crcl_actual, k.crcl_ideal, k.crcl_adjusted) == (actual, ideal, adjusted)


def test_weight_basis_selects_the_clearance() -> None:
    p = patient("male", 50, 120, 170, 1.1)
    assert kidney_function(p, "ideal").crcl == 74.9
    assert kidney_function(p, "adjusted").crcl == 99.5
    assert kidney_function(p).crcl == 136.4
    with pytest.raises(InputError, match="weight basis"):
        kidney_function(p, "lean")


@pytest.mark.parametrize(
    ("sex", "age", "scr", "expected"),
    [("female", 55, 0.9, 75.5), ("male", 70, 1.3, 59.1), ("female", 80, 0.6, 90.7), ("male", 50, 0.9, 104.0)],
)
def test_ckd_epi_2021_vectors(sex: str, age: float, scr: float, expected: float) -> None:
    assert round_half_up(ckd_epi_2021(age, scr, sex == "female")) == expected


@pytest.mark.parametrize(
    ("height", "weight", "bsa", "egfr", "deindexed"),
    [(165, 68, 1.765, 75.499, 77.0), (178, 85, 2.050, 59.099, 70.0), (160, 50, 1.491, 90.682, 78.1)],
)
def test_bsa_and_deindexing(height: float, weight: float, bsa: float, egfr: float, deindexed: float) -> None:
    value = bsa_mosteller(height, weight)
    assert round(value, 3) == bsa
    assert round_half_up(egfr * value / 1.73) == deindexed
    assert round(bsa_mosteller(170, 70), 3) == 1.818
    assert round(bsa_mosteller(185, 110), 3) == 2.378


def test_metric_changes_the_answer() -> None:
    # A 70-year-old woman of 60 kg with creatinine 1.0: CG 49.6 mL/min but CKD-EPI 60.6.
    k = kidney_function(patient("female", 70, 60, 160, 1.0))
    assert k.crcl_actual == 49.6
    assert k.egfr_indexed == 60.6
    assert k.measure("crcl") == 49.6 and k.measure("egfr") == 60.6


def test_units_convert_at_88_4() -> None:
    for umol, mg in [(44.2, 0.5), (88.4, 1.0), (176.8, 2.0)]:
        assert patient("male", 50, 70, 170, umol, "umol/L").scr_mg_dl == pytest.approx(mg)
    assert patient("male", 50, 70, 170, 97, "umol/L").scr_mg_dl == pytest.approx(1.0973, abs=1e-4)


def test_round_half_up() -> None:
    assert round_half_up(36.35) == 36.4
    assert round_half_up(30.000000000000004) == 30.0
    assert round_half_up(59.449999) == 59.4
    assert round_half_up(2.5, 0) == 3.0


def test_weight_notes() -> None:
    assert "below ideal" in weight_note(50, 60)
    assert "adjusted weight" in weight_note(100, 60)
    assert weight_note(62, 60) == ""
    assert ideal_body_weight(152.4, female=True) == pytest.approx(45.5)
    assert adjusted_body_weight(60, 100) == pytest.approx(76)


def test_working_shows_the_numbers() -> None:
    k = kidney_function(patient("female", 75, 60, 160, 1.2))
    text = "\n".join(k.working)
    assert "(140 - 75) x 60.0 kg / (72 x 1.2) x 0.85" in text
    assert "38.4 mL/min" in text
    assert "CKD-EPI 2021" in text and "0.9938^75 x 1.012" in text


ages = st.floats(min_value=18, max_value=119)
scrs = st.floats(min_value=0.1, max_value=19.9)


@given(age=ages, scr=scrs, female=st.booleans(), weight=st.floats(min_value=25, max_value=350))
def test_clearance_falls_as_age_or_creatinine_rises(age: float, scr: float, female: bool, weight: float) -> None:
    assert cockcroft_gault(age + 1, weight, scr, female) < cockcroft_gault(age, weight, scr, female)
    assert cockcroft_gault(age, weight, scr * 1.1, female) < cockcroft_gault(age, weight, scr, female)
    assert ckd_epi_2021(age + 1, scr, female) < ckd_epi_2021(age, scr, female)
    assert ckd_epi_2021(age, scr * 1.1, female) < ckd_epi_2021(age, scr, female)
