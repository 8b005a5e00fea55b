"""Label limits on how a day's dose is divided (pharmacist pass 7, 2026-12-05): the most doses in
24 hours (tizanidine 3; tramadol below CrCl 30, every 12 hours: 2) and the largest single dose
(tramadol immediate-release 100 mg, tizanidine 16 mg). A typed regimen that breaks one is
"above", not "within" with a note."""

from __future__ import annotations

from typing import Any

import pytest

from legpain_desktop.cli_dosing import dose_json
from legpain_desktop.core.dosing.calculator import calculate_dose
from legpain_desktop.core.dosing.consultation import DoseRequest, consult_dose
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.report import headline
from legpain_desktop.core.dosing.schema import DosingDataError
from legpain_desktop.core.dosing.titration import ABOVE, WITHIN, check_regimen
from tests.core.dosing.conftest import kidney, patient, synthetic_drug

BAND = {
    "label": "all", "lower": 0, "lower_inclusive": True, "upper": None, "daily_mg": {"min": 10, "max": 600},
    "doses_per_day": [2], "frequency": "twice daily", "max_daily_mg": 600, "avoid": False, "status": "L",
}  # fmt: skip


VERDICTS = {"within": WITHIN, "above": ABOVE}


def drug(indication: dict[str, Any] | None = None, band: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    return synthetic_drug([{**BAND, **(band or {})}], indication)


# ---------------------------------------------------------------- reading the content


def test_both_limits_are_read_and_default_to_none() -> None:
    ind = drug({"max_doses_per_day": 3, "max_single_dose_mg": 250}).indications[0]
    assert (ind.max_doses_per_day, ind.max_single_dose_mg) == (3, 250)
    plain = drug().indications[0]
    assert (plain.max_doses_per_day, plain.max_single_dose_mg) == (None, None)
    assert drug(band={"max_doses_per_day": 2}).renal.bands[0].max_doses_per_day == 2
    assert drug().renal.bands[0].max_doses_per_day is None


@pytest.mark.parametrize("value", [1, 2, 24])
def test_a_limit_of_doses_from_the_list_up_to_24_is_accepted(value: int) -> None:
    assert drug({"doses_per_day": [1], "max_doses_per_day": value}).indications[0].max_doses_per_day == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "must be a whole number from 1 to 24"),
        (25, "must be a whole number from 1 to 24"),
        (True, "must be a whole number from 1 to 24"),
        ("3", "must be a whole number from 1 to 24"),
        (2.5, "must be a whole number from 1 to 24"),
        (1, "is 1, below the 2 doses a day doses_per_day lists"),
    ],
)
def test_a_bad_limit_of_doses_names_its_path_and_the_rule(value: object, message: str) -> None:
    with pytest.raises(DosingDataError) as err:
        drug({"max_doses_per_day": value})
    assert err.value.path == "dosing.indications[0].max_doses_per_day"
    assert str(err.value) == f"dosing data dosing.indications[0].max_doses_per_day: {message}"
    with pytest.raises(DosingDataError) as band_err:
        drug(band={"max_doses_per_day": value})
    assert band_err.value.path.endswith("bands[0].max_doses_per_day")
    assert str(band_err.value).endswith(message)


def test_a_band_without_a_list_of_doses_takes_any_limit() -> None:
    band = {k: v for k, v in BAND.items() if k not in ("daily_mg", "doses_per_day", "max_daily_mg", "frequency")}
    parsed = synthetic_drug([{**band, "avoid": True, "max_doses_per_day": 1}]).renal.bands[0]
    assert parsed.avoid and parsed.doses_per_day == () and parsed.max_doses_per_day == 1


def test_a_limit_equal_to_the_most_doses_listed_is_accepted() -> None:
    assert drug({"doses_per_day": [1, 2, 3], "max_doses_per_day": 3}).indications[0].max_doses_per_day == 3


@pytest.mark.parametrize(
    ("value", "message"),
    [(0, "must be more than 0"), (0.0, "must be more than 0"), (600.5, "600.5 mg is above the daily maximum 600 mg")],
)
def test_a_bad_single_dose_limit_names_its_path_and_the_rule(value: float, message: str) -> None:
    with pytest.raises(DosingDataError) as err:
        drug({"max_single_dose_mg": value})
    assert str(err.value) == f"dosing data dosing.indications[0].max_single_dose_mg: {message}"


def test_a_single_dose_limit_on_the_daily_maximum_is_accepted() -> None:
    assert drug({"max_single_dose_mg": 600}).indications[0].max_single_dose_mg == 600


# ---------------------------------------------------------------- the result


def test_the_shipped_limits(formulary: Formulary) -> None:
    tiz, tram = formulary.drug("tizanidine"), formulary.drug("tramadol")
    normal = calculate_dose(tiz, patient(), kidney(80), formulary.checker)
    assert (normal.max_doses_per_day, normal.max_single_dose_mg, normal.max_daily_mg) == (3, 16, 36)
    low = calculate_dose(tiz, patient(), kidney(20), formulary.checker)
    assert (low.max_doses_per_day, low.max_single_dose_mg, low.max_daily_mg) == (3, 16, 18)
    assert calculate_dose(tram, patient(), kidney(29.9), formulary.checker).max_doses_per_day == 2
    at_30 = calculate_dose(tram, patient(), kidney(30), formulary.checker)
    assert (at_30.max_doses_per_day, at_30.max_single_dose_mg) == (None, 100)


def test_an_avoided_drug_carries_no_limits(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tizanidine"), patient(), kidney(14.9), formulary.checker)
    assert r.avoid and r.max_doses_per_day is None and r.max_single_dose_mg is None


def test_the_band_limit_replaces_the_indications() -> None:
    both = drug({"doses_per_day": [1], "max_doses_per_day": 4}, {"doses_per_day": [1], "max_doses_per_day": 1})
    assert calculate_dose(both, patient(), kidney(80)).max_doses_per_day == 1
    only_indication = drug({"doses_per_day": [1], "max_doses_per_day": 4})
    assert calculate_dose(only_indication, patient(), kidney(80)).max_doses_per_day == 4


def test_the_smaller_of_the_weight_rule_and_label_single_dose_wins() -> None:
    rule = {
        "below_kg": 50,
        "max_mg_per_kg_daily": 60,
        "max_mg_per_kg_dose": 15,
        "text": "Under 50 kg: by weight.",
        "source": "S-W",
        "status": "L",
    }
    light = patient(weight=40)  # 15 mg/kg x 40 kg = 600 mg a dose by weight
    smaller_label = drug({"weight_rule": rule, "max_single_dose_mg": 500})
    assert calculate_dose(smaller_label, light, kidney(80)).max_single_dose_mg == 500
    larger_label = drug({"weight_rule": rule, "max_single_dose_mg": 600, "max_daily_mg": 2400,
                         "daily_mg": {"min": 10, "max": 2400}}, {"daily_mg": {"min": 10, "max": 2400},
                         "max_daily_mg": 2400})  # fmt: skip
    assert calculate_dose(larger_label, patient(weight=30), kidney(80)).max_single_dose_mg == 450


# ---------------------------------------------------------------- a typed regimen


@pytest.mark.parametrize(
    ("crcl", "dose", "times", "verdict"),
    [
        (80, 12, 3, "within"),  # 36 mg a day in 3 doses: the limit itself
        (80, 8, 4, "above"),  # 32 mg a day, under 36, but a fourth dose
        (80, 16, 2, "within"),  # the largest single dose
        (80, 17, 2, "above"),  # just above it
        (20, 6, 3, "within"),  # 18 mg a day below CrCl 25
        (20, 5, 4, "above"),  # 20 mg a day and a fourth dose
        (20, 10, 2, "above"),  # 20 mg a day, above the 18 mg ceiling below CrCl 25
    ],
)
def test_tizanidine_regimens(formulary: Formulary, crcl: float, dose: float, times: int, verdict: str) -> None:
    r = calculate_dose(formulary.drug("tizanidine"), patient(), kidney(crcl), formulary.checker)
    assert check_regimen(r, dose, times).verdict == VERDICTS[verdict]


@pytest.mark.parametrize(
    ("crcl", "dose", "times", "verdict"),
    [
        (29, 100, 2, "within"),  # every 12 hours, 200 mg a day
        (29, 50, 3, "above"),  # a third dose below CrCl 30
        (29, 200, 1, "above"),  # one 200 mg dose: above the largest single dose
        (30, 50, 4, "within"),  # from CrCl 30 every 4 to 6 hours
        (30, 100, 4, "within"),
        (30, 101, 2, "above"),
    ],
)
def test_tramadol_regimens(formulary: Formulary, crcl: float, dose: float, times: int, verdict: str) -> None:
    r = calculate_dose(formulary.drug("tramadol"), patient(), kidney(crcl), formulary.checker)
    assert check_regimen(r, dose, times).verdict == VERDICTS[verdict]


def test_too_many_doses_says_the_limit(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tramadol"), patient(), kidney(29), formulary.checker)
    check = check_regimen(r, 50, 3)
    assert check.daily_mg == 150
    assert check.reason == "3 doses a day is more than the label allows for this patient: at most 2 a day."
    assert not check.within


def test_the_limits_are_shown_and_given_as_json(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tizanidine"), patient(), kidney(80), formulary.checker)
    assert headline(r)[1].endswith("; maximum 36 mg a day, at most 16 mg a dose, at most 3 doses a day")
    request = DoseRequest(drug="tramadol", age=68, sex="male", weight=58, height=170, scr=2.0)
    result = dose_json(consult_dose(formulary, request))
    assert result["max_doses_per_day"] == 2 and result["max_single_dose_mg"] == 100
