"""Exact values for titration.py: each test pins a number, a limit or a label a mutant could change (issue 21).

The schedules are built from synthetic drugs (parse_drug) and DoseResults written out by hand, so every
number below can be re-done from the step, the strengths and the row.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from legpain_desktop.core.dosing.calculator import DoseResult
from legpain_desktop.core.dosing.patient import InputError
from legpain_desktop.core.dosing.schema import DoseRange, DrugDosing, LoadingPhase, parse_drug
from legpain_desktop.core.dosing.titration import (
    ABOVE,
    AVOID,
    BELOW,
    LOADING,
    NOT_DEFINED,
    WITHIN,
    RegimenCheck,
    Schedule,
    ScheduledStep,
    _fit,
    _times,
    check_regimen,
    parse_regimen,
    single_doses,
    titration_schedule,
)


def _result(**changes: Any) -> DoseResult:
    """A DoseResult with a usual range of 100 to 300 mg a day in 1 to 3 doses; ``changes`` replace fields."""
    base: dict[str, Any] = {
        "drug_id": "x",
        "drug_title": "X",
        "indication_id": "c",
        "indication_label": "C",
        "measure": "crcl",
        "measure_value": 80.0,
        "band": None,
        "daily_dose_mg": DoseRange(100, 300),
        "single_dose_mg": None,
        "frequency": "one to three times daily",
        "doses_per_day": (1, 2, 3),
        "max_daily_mg": 300.0,
        "avoid": False,
        "flags": (),
        "sources": (),
        "rule_text": "the row rule",
        "verified": True,
    }
    return DoseResult(**{**base, **changes})


def _drug(
    steps: list[tuple[int, float, int, str]],
    strengths: list[float],
    indication: dict[str, Any] | None = None,
    second: dict[str, Any] | None = None,
) -> DrugDosing:
    """A systemic drug with a titration of ``steps`` (day, daily mg, doses a day, note).

    With ``second``, the drug has a second indication "d" (its main one stays "c") and the titration is for "d".
    """
    rule = {"basis": "avoid", "text": "Avoid.", "source": "S-X", "status": "L"}
    ind = {
        "indication": "c", "label": "C", "daily_mg": {"min": 100, "max": 300}, "doses_per_day": [1, 2, 3],
        "frequency": "daily", "max_daily_mg": 300, "source": "S-X", "status": "L", **(indication or {}),
    }  # fmt: skip
    band = {"label": "any", "lower": 0, "upper": None, "daily_mg": {"min": 100, "max": 300},
            "doses_per_day": [1, 2, 3], "status": "L"}  # fmt: skip
    dosing = {
        "main_indication": "c",
        "indications": [ind] if second is None else [ind, {**ind, "indication": "d", "label": "D", **second}],
        "strengths_mg": strengths,
        "renal": {"measure": "crcl", "source": "S-X", "status": "L", "bands": [band],
                  "dialysis": {"hd": rule, "pd": rule}},
        "titration": {
            "indication": "c" if second is None else "d", "source": "S-T", "status": "G",
            "steps": [{"day": d, "daily_mg": mg, "doses_per_day": n, "note": note} for d, mg, n, note in steps],
        },
    }  # fmt: skip
    return parse_drug("x", "X", {"systemic": True, "dosing": dosing})


# --------------------------------------------------------------------------- single doses and fitting


def test_single_doses_are_every_sum_of_one_to_three_units() -> None:
    assert single_doses((10.0, 25.0)) == [10, 20, 25, 30, 35, 45, 50, 60, 75]
    assert single_doses((5.0,)) == [5, 10, 15]


def test_fit_takes_a_product_exactly_at_the_target() -> None:
    assert _fit(100, (2,), 2, [25, 50, 75]) == (2, 50)


def test_fit_never_goes_above_the_target_even_by_less_than_a_milligram() -> None:
    assert _fit(99.5, (2,), 2, [25, 50]) == (2, 25)
    assert _fit(99.999, (1,), 1, [50, 100]) == (1, 50)


def test_fit_takes_the_largest_fitting_single_dose_and_the_largest_total() -> None:
    assert _fit(170, (1, 2), 1, [25, 50, 75, 100]) == (2, 75)
    assert _fit(170, (2, 1), 1, [25, 50, 75, 100]) == (2, 75)


def test_fit_on_a_tie_takes_the_preferred_doses_a_day() -> None:
    assert _fit(100, (1, 2), 2, [50, 100]) == (2, 50)
    assert _fit(100, (1, 2), 1, [50, 100]) == (1, 100)
    assert _fit(100, (2, 1), 1, [50, 100]) == (1, 100)


def test_fit_on_a_tie_without_the_preferred_count_keeps_the_first() -> None:
    assert _fit(100, (1, 2), 3, [50, 100]) == (1, 100)
    assert _fit(100, (2, 1), 3, [50, 100]) == (2, 50)


def test_fit_with_nothing_below_the_target_gives_the_smallest_dose_once_a_day() -> None:
    assert _fit(5, (2, 3), 2, [10, 20]) == (1, 10)


@pytest.mark.parametrize(
    ("doses", "text"),
    [(1, "once daily"), (2, "twice daily"), (3, "three times daily"), (4, "four times daily"), (5, "5 times daily")],
)
def test_times_names_the_doses_a_day(doses: int, text: str) -> None:
    assert _times(doses) == text


# --------------------------------------------------------------------------- schedules


def test_no_titration_gives_no_schedule() -> None:
    drug = replace(_drug([(1, 100, 1, "")], [50]), titration=None)
    assert titration_schedule(drug, _result()) is None


@pytest.mark.parametrize(
    "result", [_result(avoid=True), _result(daily_dose_mg=None), _result(avoid=True, daily_dose_mg=None)]
)
def test_an_avoided_or_undosed_result_gives_an_empty_schedule(result: DoseResult) -> None:
    s = titration_schedule(_drug([(1, 100, 1, "")], [50]), result)
    assert s == Schedule("x", (), None, "No schedule: this drug is to be avoided for this patient.", "S-T", "G")


def test_a_schedule_within_the_maximum_follows_the_label() -> None:
    drug = _drug([(1, 100, 1, "start"), (8, 200, 2, "then"), (15, 300, 3, "top")], [50, 100])
    s = titration_schedule(drug, _result())
    assert s == Schedule(
        "x",
        (
            ScheduledStep(1, 100, 1, 100, "100 mg once daily; start", False),
            ScheduledStep(8, 200, 2, 100, "100 mg twice daily; then", False),
            ScheduledStep(15, 300, 3, 100, "100 mg three times daily; top", False),
        ),
        300,
        "Schedule from the c titration, within this patient's maximum of 300 mg/day.",
        "S-T",
        "G",
        DoseRange(100, 300),
    )


def test_a_step_the_strengths_cannot_make_is_rounded_down_and_marked_changed() -> None:
    # 150 mg once daily from 100 mg tablets alone: 100 mg (no reduction, but the dose changed)
    drug = _drug([(1, 150, 1, "start"), (8, 300, 3, "top")], [100])
    s = titration_schedule(drug, _result())
    assert s is not None and s.steps == (
        ScheduledStep(1, 100, 1, 100, "100 mg once daily (label schedule at normal kidney function: start)", True),
        ScheduledStep(8, 300, 3, 100, "100 mg three times daily; top", False),
    )


def test_a_step_given_in_more_doses_than_the_label_is_marked_changed() -> None:
    drug = _drug([(1, 200, 1, "start")], [100])
    s = titration_schedule(drug, _result(doses_per_day=(2,)))
    # the label's 1 dose a day is below the row's 2, so both are allowed; 200 once daily wins on preference
    assert s is not None and s.steps == (ScheduledStep(1, 200, 1, 200, "200 mg once daily; start", False),)
    s3 = titration_schedule(_drug([(1, 200, 3, "start")], [100]), _result(doses_per_day=(2,)))
    assert s3 is not None and s3.steps == (
        ScheduledStep(1, 200, 2, 100, "100 mg twice daily (label schedule at normal kidney function: start)", True),
    )


def test_the_label_dose_count_equal_to_the_rows_largest_is_kept() -> None:
    s = titration_schedule(_drug([(1, 200, 2, "start")], [100]), _result(doses_per_day=(1, 2)))
    assert s is not None and s.steps == (ScheduledStep(1, 200, 2, 100, "100 mg twice daily; start", False),)


def test_a_row_without_doses_a_day_uses_the_steps_own_counts() -> None:
    drug = _drug([(1, 100, 1, "a"), (8, 300, 3, "b")], [100])
    s = titration_schedule(drug, _result(doses_per_day=()))
    assert s is not None and s.steps == (
        ScheduledStep(1, 100, 1, 100, "100 mg once daily; a", False),
        ScheduledStep(8, 300, 3, 100, "100 mg three times daily; b", False),
    )


def test_a_repeated_dose_is_skipped_and_later_higher_steps_kept() -> None:
    # 150 rounds down to 100 with 100 mg tablets once daily: it repeats day 1, so it is skipped,
    # and the 200 mg step that follows is still given (continue, not break).
    drug = _drug([(1, 100, 1, "a"), (4, 150, 1, "b"), (8, 200, 1, "c")], [100])
    s = titration_schedule(drug, _result(doses_per_day=(1,)))
    assert s is not None and [(x.day, x.daily_mg) for x in s.steps] == [(1, 100), (8, 200)]


def test_an_equal_label_step_is_not_repeated() -> None:
    drug = _drug([(1, 100, 1, "a"), (4, 100, 1, "b"), (8, 200, 1, "c")], [100])
    s = titration_schedule(drug, _result(doses_per_day=(1,)))
    assert s is not None and [(x.day, x.daily_mg) for x in s.steps] == [(1, 100), (8, 200)]


def test_a_lower_later_step_is_skipped() -> None:
    drug = _drug([(1, 200, 1, "a"), (4, 100, 1, "b"), (8, 300, 1, "c")], [100])
    s = titration_schedule(drug, _result(doses_per_day=(1,)))
    assert s is not None and [(x.day, x.daily_mg) for x in s.steps] == [(1, 200), (8, 300)]


def test_a_reduced_row_scales_each_step_and_keeps_it_within_the_row() -> None:
    # normal top 300; this row 50 to 150 (50%): 100 -> 50, 200 -> 100, 300 -> 150
    drug = _drug([(1, 100, 1, "a"), (8, 200, 2, "b"), (15, 300, 3, "c")], [25, 50])
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(50, 150), max_daily_mg=150.0))
    assert s == Schedule(
        "x",
        (
            ScheduledStep(1, 50, 1, 50, "50 mg once daily (label schedule at normal kidney function: a)", True),
            ScheduledStep(8, 100, 2, 50, "50 mg twice daily (label schedule at normal kidney function: b)", True),
            ScheduledStep(15, 150, 3, 50, "50 mg three times daily (label schedule at normal kidney function: c)",
                          True),
        ),
        150,
        "Schedule from the c titration, scaled to this patient's row (50 to 150 mg a day, 50% of the "
        "normal-function maximum) and rounded down to whole tablet or capsule strengths.",
        "S-T",
        "G",
        DoseRange(50, 150),
    )  # fmt: skip


def test_a_reduced_step_never_falls_below_the_rows_lowest_dose_nor_above_the_label_step() -> None:
    # ratio 40/400 = 10%: 100 -> 10, raised to the row's 25; 20 (a tiny first step) -> 2, raised to 25
    # but never above the label's own 20
    drug = _drug([(1, 20, 1, "a"), (4, 100, 1, "b"), (8, 400, 1, "c")], [5, 20],
                 {"daily_mg": {"min": 20, "max": 400}, "max_daily_mg": 400})  # fmt: skip
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(25, 40), max_daily_mg=40.0, doses_per_day=(1,)))
    assert s is not None and [(x.day, x.daily_mg) for x in s.steps] == [(1, 20), (4, 25), (8, 40)]
    assert "10% of the normal-function maximum" in s.explanation


def test_the_indications_maximum_above_the_steps_sets_the_normal_top() -> None:
    # steps reach 200 but the indication allows 400: this row's 200 is 50%, so 200 -> 100
    drug = _drug([(1, 100, 1, "a"), (8, 200, 1, "b")], [50],
                 {"daily_mg": {"min": 100, "max": 300}, "max_daily_mg": 400})  # fmt: skip
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(50, 200), max_daily_mg=200.0, doses_per_day=(1,)))
    assert s is not None and [x.daily_mg for x in s.steps] == [50, 100]
    assert "50% of the normal-function maximum" in s.explanation


def test_the_indications_usual_maximum_sets_the_normal_top_without_a_stated_maximum() -> None:
    drug = _drug([(1, 100, 1, "a"), (8, 200, 1, "b")], [50],
                 {"daily_mg": {"min": 100, "max": 400}, "max_daily_mg": None})  # fmt: skip
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(50, 200), max_daily_mg=200.0, doses_per_day=(1,)))
    assert s is not None and [x.daily_mg for x in s.steps] == [50, 100]


def test_an_indication_without_a_usual_range_leaves_the_steps_as_the_normal_top() -> None:
    drug = _drug([(1, 100, 1, "a"), (8, 200, 1, "b")], [50, 100], {"daily_mg": None, "max_daily_mg": None})
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(50, 200), max_daily_mg=200.0, doses_per_day=(1,)))
    assert s is not None and [x.daily_mg for x in s.steps] == [100, 200]
    assert s.explanation == "Schedule from the c titration, within this patient's maximum of 200 mg/day."


def test_the_cap_is_the_lower_of_the_maximum_and_the_range_top() -> None:
    drug = _drug([(1, 100, 1, "a"), (8, 300, 1, "b")], [100])
    below = titration_schedule(drug, _result(daily_dose_mg=DoseRange(100, 300), max_daily_mg=200.0))
    assert below is not None and below.cap_mg == 200 and below.target_daily_mg == DoseRange(100, 200)
    above = titration_schedule(drug, _result(daily_dose_mg=DoseRange(100, 250), max_daily_mg=400.0))
    assert above is not None and above.cap_mg == 250
    none = titration_schedule(drug, _result(daily_dose_mg=DoseRange(100, 250), max_daily_mg=None))
    assert none is not None and none.cap_mg == 250 and none.target_daily_mg == DoseRange(100, 250)


def test_a_cap_just_below_the_smallest_dose_gives_no_schedule() -> None:
    drug = _drug([(1, 100, 1, "a")], [100], {"daily_mg": {"min": 100, "max": 100}, "max_daily_mg": 100})
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(99.5, 99.5), max_daily_mg=99.5))
    assert s == Schedule(
        "x", (), 99.5,
        "No schedule: the smallest dose the listed strengths allow (100 mg a day) is above this patient's maximum "
        "of 99.5 mg a day. Seek specialist advice.", "S-T", "G", DoseRange(99.5, 99.5),
    )  # fmt: skip


def test_a_cap_exactly_at_the_smallest_dose_gives_that_dose() -> None:
    drug = _drug([(1, 100, 1, "a")], [100], {"daily_mg": {"min": 100, "max": 100}, "max_daily_mg": 100})
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(100, 100), max_daily_mg=100.0))
    assert s is not None and s.steps == (ScheduledStep(1, 100, 1, 100, "100 mg once daily; a", False),)


def test_a_ratio_just_below_one_is_a_reduced_schedule() -> None:
    drug = _drug([(1, 100, 1, "a"), (8, 300, 3, "b")], [100])
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(100, 299), max_daily_mg=299.0))
    assert s is not None and s.steps[0].capped and "100% of the normal-function maximum" in s.explanation
    assert [x.daily_mg for x in s.steps] == [100, 200]


def test_the_daily_total_is_rounded_to_three_decimals() -> None:
    drug = _drug([(1, 0.5, 3, "a")], [0.1234], {"daily_mg": {"min": 0.1, "max": 1}, "max_daily_mg": 1})
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(0.1, 1), max_daily_mg=1.0, doses_per_day=(3,)))
    # 0.5 mg in three doses: one 0.1234 mg tablet a dose (two would be 0.7404 mg a day); 3 x 0.1234 = 0.3702
    assert s is not None and s.steps[0].daily_mg == 0.37 and s.steps[0].single_dose_mg == 0.1234


# --------------------------------------------------------------------------- typed regimens


def test_parse_regimen_accepts_upper_case_and_the_times_sign() -> None:
    assert parse_regimen("300X3") == ("300", "3")
    assert parse_regimen(" 7.5 × 2 ") == ("7.5", "2")


@pytest.mark.parametrize("text", ["300x", "x3", "300x3x2", "300"])
def test_parse_regimen_refuses_anything_but_two_parts(text: str) -> None:
    with pytest.raises(InputError) as e:
        parse_regimen(text)
    assert e.value.field == "regimen"
    assert str(e.value) == f"regimen: {text!r} is not MGxN (mg per dose x doses a day), e.g. 300x3"


def test_parse_regimen_quotes_at_most_forty_characters() -> None:
    text = "a" * 45
    with pytest.raises(InputError) as e:
        parse_regimen(text)
    assert str(e.value) == f"regimen: {'a' * 40!r} is not MGxN (mg per dose x doses a day), e.g. 300x3"


@pytest.mark.parametrize(("verdict", "within"), [(WITHIN, True), (BELOW, True), (ABOVE, False), (AVOID, False),
                                                 (LOADING, False), (NOT_DEFINED, False)])  # fmt: skip
def test_within_means_within_or_below(verdict: str, within: bool) -> None:
    assert RegimenCheck(verdict, 1, "").within is within


@pytest.mark.parametrize(("dose", "ok"), [(0.1, True), (0.09, False), (10000, True), (10000.1, False)])
def test_the_dose_must_be_from_a_tenth_of_a_mg_to_ten_grams(dose: float, ok: bool) -> None:
    r = _result(daily_dose_mg=None, max_daily_mg=None)
    if ok:
        assert check_regimen(r, dose, 1).daily_mg == dose
    else:
        with pytest.raises(InputError) as e:
            check_regimen(r, dose, 1)
        assert str(e.value) == f"dose: {dose:g} mg is outside the valid range 0.1 to 10000 mg"


@pytest.mark.parametrize(("times", "ok"), [(1, True), (0, False), (24, True), (25, False)])
def test_doses_a_day_must_be_from_1_to_24(times: int, ok: bool) -> None:
    r = _result(daily_dose_mg=None, max_daily_mg=None)
    if ok:
        assert check_regimen(r, 1, times).daily_mg == times
    else:
        with pytest.raises(InputError) as e:
            check_regimen(r, 1, times)
        assert str(e.value) == f"doses a day: {times:g} doses is outside the valid range 1 to 24 doses"


def test_doses_a_day_must_be_whole() -> None:
    with pytest.raises(InputError) as e:
        check_regimen(_result(), 100, 2.5)
    assert e.value.field == "doses a day" and str(e.value) == "doses a day: must be a whole number from 1 to 24"


def test_the_daily_total_of_a_regimen_is_rounded_to_three_decimals() -> None:
    assert check_regimen(_result(daily_dose_mg=None, max_daily_mg=None), 0.1234, 3).daily_mg == 0.37


def test_an_avoided_drug_is_avoid_whatever_the_regimen() -> None:
    assert check_regimen(_result(avoid=True), 100, 2) == RegimenCheck(
        AVOID, 200, "The rules for this patient say avoid this drug; see the flags."
    )


def test_no_range_and_no_maximum_is_not_defined() -> None:
    r = _result(daily_dose_mg=None, max_daily_mg=None, frequency="as directed")
    assert check_regimen(r, 100, 2) == RegimenCheck(
        NOT_DEFINED, 200, "The label gives no numeric range here: as directed."
    )


@pytest.mark.parametrize(
    ("dose", "verdict", "reason"),
    [
        (150, WITHIN, "300 mg/day is within this patient's range."),
        (150.5, ABOVE, "301 mg/day is above this patient's maximum of 300 mg/day (the row rule)."),
        (50, WITHIN, "100 mg/day is within this patient's range."),
        (49.5, BELOW, "99 mg/day is below the usual range of 100 to 300."),
    ],
)
def test_regimen_edges_of_the_range(dose: float, verdict: str, reason: str) -> None:
    assert check_regimen(_result(), dose, 2) == RegimenCheck(verdict, dose * 2, reason)


def test_a_maximum_alone_is_the_limit() -> None:
    r = _result(daily_dose_mg=None, max_daily_mg=200.0)
    assert check_regimen(r, 100, 2) == RegimenCheck(WITHIN, 200, "200 mg/day is within this patient's range.")
    assert check_regimen(r, 201, 1).verdict == ABOVE


def test_a_range_alone_uses_its_top_as_the_limit() -> None:
    r = _result(daily_dose_mg=DoseRange(100, 250), max_daily_mg=None)
    assert check_regimen(r, 250, 1).verdict == WITHIN
    assert check_regimen(r, 251, 1) == RegimenCheck(
        ABOVE, 251, "251 mg/day is above this patient's maximum of 250 mg/day (the row rule)."
    )


def test_the_maximum_wins_over_the_range_top() -> None:
    r = _result(daily_dose_mg=DoseRange(100, 300), max_daily_mg=200.0)
    assert check_regimen(r, 201, 1).reason == "201 mg/day is above this patient's maximum of 200 mg/day (the row rule)."


def test_a_loading_dose_is_accepted_only_up_to_the_loading_total() -> None:
    loading = LoadingPhase(7, 20, 2, "Then 5 mg twice daily.", "S-L", "L")
    r = _result(daily_dose_mg=DoseRange(10, 10), max_daily_mg=10.0, doses_per_day=(2,), loading=loading)
    assert check_regimen(r, 5, 2).verdict == WITHIN  # exactly the maintenance maximum
    assert check_regimen(r, 10, 2) == RegimenCheck(
        LOADING, 20,
        "20 mg/day is the loading dose: acceptable on days 1 to 7 only. After that it is above this patient's "
        "maintenance maximum of 10 mg/day. Then 5 mg twice daily.",
    )  # fmt: skip
    assert check_regimen(r, 5.5, 2).verdict == LOADING  # just above the maintenance maximum
    assert check_regimen(r, 10.5, 2).verdict == ABOVE  # just above the loading total


def test_a_loading_dose_needs_a_maintenance_limit() -> None:
    loading = LoadingPhase(7, 20, 2, "t", "S-L", "L")
    r = _result(daily_dose_mg=None, max_daily_mg=None, frequency="f", loading=loading)
    assert check_regimen(r, 10, 2).verdict == NOT_DEFINED


def test_the_single_dose_limit_on_and_above() -> None:
    r = _result(max_single_dose_mg=100.0)
    assert check_regimen(r, 100, 2).verdict == WITHIN
    assert check_regimen(r, 100.5, 2) == RegimenCheck(
        ABOVE,
        201,
        "100.5 mg a dose is above this patient's maximum single dose of 100 mg (the rule: one to three times daily).",
    )


def test_a_dose_count_the_label_does_not_use_is_named() -> None:
    r = _result(doses_per_day=(2, 3))
    assert check_regimen(r, 50, 4) == RegimenCheck(
        WITHIN, 200, "200 mg/day is within this patient's range, but the label divides it into 2 or 3 doses a day, "
        "not 4."
    )  # fmt: skip
    assert check_regimen(r, 100, 2).reason == "200 mg/day is within this patient's range."


def test_without_listed_strengths_each_dose_is_rounded_down_to_a_tenth_of_a_mg() -> None:
    # the schema requires strengths for a titration; a DrugDosing built without them still gets a schedule
    drug = replace(_drug([(1, 100, 3, "a"), (8, 200, 4, "b")], [50]), strengths_mg=())
    s = titration_schedule(drug, _result(doses_per_day=(2, 3)))
    assert s is not None and s.steps == (
        ScheduledStep(
            1, 99.9, 3, 33.3, "33.3 mg three times daily (label schedule at normal kidney function: a)", True
        ),
        ScheduledStep(8, 200, 2, 100, "100 mg twice daily (label schedule at normal kidney function: b)", True),
    )


def test_fit_takes_a_dose_a_floating_point_error_above_the_target() -> None:
    # 99.999999999 + 1e-9 is exactly 100.0 in floating point: the tolerance must include its own edge
    assert _fit(99.999999999, (1,), 1, [50, 100]) == (1, 100)
    assert _fit(29.999999999, (3,), 3, [5, 10]) == (3, 10)


def test_the_normal_top_comes_from_the_titrations_own_indication() -> None:
    # main indication "c" allows 300 mg a day; the titration's indication "d" allows 400: a 200 mg row is 50%
    drug = _drug([(1, 100, 1, "a"), (8, 200, 1, "b")], [50],
                 second={"daily_mg": {"min": 100, "max": 400}, "max_daily_mg": 400})  # fmt: skip
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(50, 200), max_daily_mg=200.0, doses_per_day=(1,)))
    assert s is not None and [x.daily_mg for x in s.steps] == [50, 100]
    assert s.explanation.startswith(
        "Schedule from the d titration, scaled to this patient's row (50 to 200 mg a day, 50%"
    )


def test_steps_of_zero_mg_without_an_indication_range_are_not_divided_by() -> None:
    # the schema accepts 0 mg; with no usual range either, the normal top is 0 and the ratio stays 1
    drug = _drug([(1, 0, 1, "a")], [50], {"daily_mg": None, "max_daily_mg": None})
    s = titration_schedule(drug, _result())
    assert (
        s is not None and s.explanation == "Schedule from the c titration, within this patient's maximum of 300 mg/day."
    )


def test_a_maximum_above_the_label_steps_never_raises_them() -> None:
    # steps to 200 mg, no usual range, this patient's maximum 300: the ratio is capped at 1, steps stay as labelled
    drug = _drug([(1, 100, 1, "a"), (8, 200, 1, "b")], [50, 100], {"daily_mg": None, "max_daily_mg": None})
    s = titration_schedule(drug, _result(doses_per_day=(1,)))
    assert s is not None and [x.daily_mg for x in s.steps] == [100, 200]


def test_a_label_step_in_more_doses_than_the_row_allows_uses_the_rows_count() -> None:
    # 300 mg in 3 doses; the row allows 2 doses a day and 150 mg cannot be made from 100 mg tablets: 100 mg twice
    s = titration_schedule(_drug([(1, 300, 3, "a")], [100]), _result(doses_per_day=(2,)))
    assert s is not None and s.steps == (
        ScheduledStep(1, 200, 2, 100, "100 mg twice daily (label schedule at normal kidney function: a)", True),
    )


def test_a_dose_a_floating_point_error_above_the_cap_is_within_it() -> None:
    # 99.999999999 + 1e-9 is exactly 100.0: a 100 mg tablet is within a cap computed as 99.999999999
    drug = _drug([(1, 100, 1, "a")], [100], {"daily_mg": {"min": 100, "max": 100}, "max_daily_mg": 100})
    cap = 99.999999999
    s = titration_schedule(drug, _result(daily_dose_mg=DoseRange(cap, cap), max_daily_mg=cap))
    assert s is not None and [(x.daily_mg, x.doses_per_day) for x in s.steps] == [(100, 1)]


def test_a_step_from_another_source_names_it_and_keeps_its_status() -> None:
    """The titration rerun of 2026-12-05: a step's own source and status were not checked."""
    drug = _drug([(1, 100, 1, "start"), (8, 200, 2, "then")], [50, 100])
    assert drug.titration is not None
    first, second = drug.titration.steps
    steps = (replace(first, source="S-A", status="L"), replace(second, source="S-B", status="U"))
    drug = replace(drug, titration=replace(drug.titration, steps=steps))
    s = titration_schedule(drug, _result())
    assert s is not None and s.steps == (
        ScheduledStep(1, 100, 1, 100, "100 mg once daily; start [source S-A]", False, "S-A", "L"),
        ScheduledStep(8, 200, 2, 100, "100 mg twice daily; then [source S-B, unverified]", False, "S-B", "U"),
    )


def test_below_a_single_usual_dose_names_it_as_a_dose_not_a_range() -> None:
    """Pharmacist pass 9: "below the usual range of 162 to 162"."""
    low = check_regimen(_result(daily_dose_mg=DoseRange(162, 162), max_daily_mg=162.0), 40, 4)
    assert (low.verdict, low.reason) == (BELOW, "160 mg/day is below the usual dose of 162 mg/day.")
    ranged = check_regimen(_result(), 40, 2)
    assert ranged.reason == "80 mg/day is below the usual range of 100 to 300."
