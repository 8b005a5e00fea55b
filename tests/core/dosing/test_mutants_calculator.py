"""Exact values for calculator.py: each test pins a number, a limit or a label a mutant could change (issue 21).

The drugs are synthetic (parse_drug), so each row, maximum and threshold can sit exactly where a test needs
it; every expected number can be re-done by hand from the data written here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from legpain_desktop.core.dosing.calculator import (
    DoseResult,
    Flag,
    _round_down,
    calculate_dose,
    choose_band,
)
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.schema import DoseRange, DrugDosing, parse_band, parse_drug
from tests.core.dosing.conftest import AVOID_RULE, kidney, patient
from tests.core.dosing.conftest import synthetic_drug as _drug


def _band(
    label: str, lower: float | None, upper: float | None, lo: float = 0, hi: float = 0, **extra: Any
) -> dict[str, Any]:
    band: dict[str, Any] = {"label": label, "lower": lower, "upper": upper, "status": "L", **extra}
    if not extra.get("avoid") and "per_kg" not in extra:
        band.setdefault("daily_mg", {"min": lo, "max": hi})
        band.setdefault("doses_per_day", [2])
    if "per_kg" in extra:
        band.setdefault("doses_per_day", [extra["per_kg"]["doses_per_day"]])
    return band


def _flags(r: DoseResult, kind: str) -> list[Flag]:
    return [f for f in r.flags if f.kind == kind]


def _messages(r: DoseResult, kind: str) -> list[str]:
    return [f.message for f in _flags(r, kind)]


# --------------------------------------------------------------------------- flags


def test_flag_to_json_has_exactly_its_four_fields() -> None:
    assert Flag("renal", "major", "m", "S", "U").to_json() == {
        "kind": "renal",
        "severity": "major",
        "message": "m",
        "source": "S",
    }


def test_flags_by_severity_orders_critical_first() -> None:
    flags = (Flag("a", "info", "", ""), Flag("b", "critical", "", ""), Flag("c", "moderate", "", ""),
             Flag("d", "major", "", ""))  # fmt: skip
    r = calculate_dose(_drug([_band("any", 0, None, 10, 600)]), patient(), kidney(80))
    assert [f.kind for f in replace(r, flags=flags).flags_by_severity()] == ["b", "d", "c", "a"]


# --------------------------------------------------------------------------- choosing a row


def _rows(*data: dict[str, Any]) -> list[Any]:
    return [parse_band(d, "b") for d in data]


def test_an_overlap_note_names_both_rows_and_the_value() -> None:
    bands = _rows(_band("30 to 60", 30, 60, 75, 300, upper_inclusive=True), _band("60 up", 60, None, 150, 600))
    band, choice = choose_band(bands, 60, "mL/min")
    assert band.label == "30 to 60" and choice.label == "30 to 60" and choice.conservative
    assert choice.alternative == "60 up"
    assert choice.note == (
        "60 mL/min lies in two label rows as printed ('60 up' and '30 to 60'); the more conservative row, "
        "'30 to 60', is used."
    )


def test_a_single_row_is_not_conservative() -> None:
    bands = _rows(_band("30 to 60", 30, 60, 75, 300), _band("60 up", 60, None, 150, 600))
    band, choice = choose_band(bands, 45.5, "mL/min")
    assert band.label == "30 to 60" and (choice.label, choice.conservative, choice.note, choice.alternative) == (
        "30 to 60", False, "", None,
    )  # fmt: skip


def test_a_gap_note_names_the_neighbours() -> None:
    bands = _rows(_band("below 30", None, 30, 25, 150), _band("40 up", 40, None, 150, 600))
    band, choice = choose_band(bands, 35.5, "mL/min")
    assert band.label == "below 30" and choice.alternative == "40 up" and choice.conservative
    assert choice.note == (
        "35.5 mL/min falls in a gap between '40 up' and 'below 30' of the label's table; the more conservative "
        "row, 'below 30', is used."
    )


def test_a_gap_with_one_neighbour_says_so_without_between() -> None:
    bands = _rows(_band("40 up", 40, None, 150, 600))
    band, choice = choose_band(bands, 35, "mL/min")
    assert band.label == "40 up" and choice.alternative is None and choice.conservative
    assert choice.note == "35 mL/min falls in a gap of the label's table; the more conservative row, '40 up', is used."


def test_a_gap_takes_the_nearest_row_on_each_side() -> None:
    # nearest below is '20 to 30' (not the smaller 'below 20'); nearest above is '40 to 60' (not '60 up')
    bands = _rows(
        _band("below 20", None, 20, 5, 10),
        _band("20 to 30", 20, 30, 25, 50),
        _band("40 to 60", 40, 60, 50, 80),
        _band("60 up", 60, None, 10, 30),
    )
    band, choice = choose_band(bands, 35, "mL/min")
    assert band.label == "20 to 30" and choice.alternative == "40 to 60"


def test_a_value_on_an_excluded_upper_edge_is_in_the_gap_above_that_row() -> None:
    bands = _rows(_band("below 30", None, 30, 25, 50), _band("40 up", 40, None, 150, 600))
    band, choice = choose_band(bands, 30, "mL/min")
    assert band.label == "below 30" and choice.alternative == "40 up"


def test_a_value_on_an_excluded_lower_edge_is_in_the_gap_below_that_row() -> None:
    bands = _rows(_band("below 30", None, 30, 150, 600), _band("over 40", 40, None, 25, 50, lower_inclusive=False))
    band, choice = choose_band(bands, 40, "mL/min")
    assert band.label == "over 40" and choice.alternative == "below 30"


def test_an_avoid_row_is_more_conservative_than_any_dose() -> None:
    bands = _rows(_band("below 30", None, 30, avoid=True, upper_inclusive=True), _band("30 up", 30, None, 0.5, 0.5))
    band, _choice = choose_band(bands, 30, "mL/min")
    assert band.label == "below 30"


def test_a_rows_maximum_counts_before_its_usual_range() -> None:
    a = _band("a", None, 30, 10, 100, max_daily_mg=400, upper_inclusive=True)
    b = _band("b", 30, None, 10, 300)
    band, _choice = choose_band(_rows(a, b), 30, "mL/min")
    assert band.label == "b"


def test_a_mg_per_kg_row_weighs_its_dose_times_its_doses_a_day() -> None:
    # 2 mg/kg x 2 doses = 4, more than the 3 mg a day row; as 2 / 2 = 1 it would be less
    a = _band("a", None, 30, per_kg={"mg_per_kg": 2, "doses_per_day": 2}, upper_inclusive=True)
    b = _band("b", 30, None, 1, 3)
    band, _choice = choose_band(_rows(a, b), 30, "mL/min")
    assert band.label == "b"


# --------------------------------------------------------------------------- the row's dose


def test_an_indication_maximum_below_the_tables_top_lowers_the_row_in_proportion() -> None:
    # top column 700, indication maximum 300: the 30 to 60 row's 250 becomes 250 x 3/7 = 107.1
    drug = _drug(
        [_band("60 up", 60, None, 100, 700), _band("30 to 60", 30, 60, 50, 250), _band("below 30", None, 30,
                                                                                       avoid=True)],
        {"daily_mg": {"min": 100, "max": 300}, "max_daily_mg": 300},
    )  # fmt: skip
    r = calculate_dose(drug, patient(), kidney(45))
    assert r.daily_dose_mg == DoseRange(50, 107.1) and r.max_daily_mg == 107.1
    assert (
        "C has a usual maximum of 300 mg/day, below the table's top column (700 mg/day); this row is lowered in the "
        "same proportion to 107.1 mg/day."
    ) in _messages(r, "renal")


def test_the_usual_maximum_lowers_the_row_when_no_maximum_is_stated() -> None:
    drug = _drug(
        [_band("60 up", 60, None, 100, 600), _band("30 to 60", 30, 60, 50, 300)],
        {"daily_mg": {"min": 100, "max": 300}, "max_daily_mg": None},
    )
    r = calculate_dose(drug, patient(), kidney(45))
    assert r.daily_dose_mg == DoseRange(50, 150) and r.max_daily_mg == 150


def test_an_indication_maximum_equal_to_the_tables_top_changes_nothing() -> None:
    drug = _drug([_band("60 up", 60, None, 100, 600), _band("30 to 60", 30, 60, 50, 300)])
    r = calculate_dose(drug, patient(), kidney(45))
    assert r.daily_dose_mg == DoseRange(50, 300) and r.max_daily_mg == 300
    assert not any("lowered in the same proportion" in m for m in _messages(r, "renal"))


def test_a_rows_own_maximum_above_its_range_is_the_maximum_and_is_scaled() -> None:
    bands = [_band("60 up", 60, None, 100, 600), _band("30 to 60", 30, 60, 50, 150, max_daily_mg=200)]
    r = calculate_dose(_drug(bands), patient(), kidney(45))
    assert r.daily_dose_mg == DoseRange(50, 150) and r.max_daily_mg == 200
    half = calculate_dose(_drug(bands, {"daily_mg": {"min": 10, "max": 300}, "max_daily_mg": 300}), patient(),
                          kidney(45))  # fmt: skip
    assert half.daily_dose_mg == DoseRange(50, 100) and half.max_daily_mg == 100


def test_the_top_of_the_table_ignores_avoid_and_mg_per_kg_rows() -> None:
    # an 800 mg a day mg/kg row (200 mg/kg x 4) is not the table's top column; 600 is
    bands = [
        _band("60 up", 60, None, 100, 600),
        _band("30 to 60", 30, 60, 50, 300),
        _band("15 to 30", 15, 30, per_kg={"mg_per_kg": 200, "doses_per_day": 4}),
        _band("below 15", None, 15, avoid=True),
    ]
    r = calculate_dose(_drug(bands, {"daily_mg": {"min": 10, "max": 300}, "max_daily_mg": 300}), patient(), kidney(45))
    assert r.daily_dose_mg == DoseRange(50, 150) and r.max_daily_mg == 150


def test_in_the_top_row_the_indications_usual_minimum_applies() -> None:
    drug = _drug([_band("60 up", 60, None, 50, 600), _band("below 60", None, 60, 50, 300)],
                 {"daily_mg": {"min": 150, "max": 600}})  # fmt: skip
    assert calculate_dose(drug, patient(), kidney(80)).daily_dose_mg == DoseRange(150, 600)
    assert calculate_dose(drug, patient(), kidney(45)).daily_dose_mg == DoseRange(50, 300)


def test_an_indication_minimum_equal_to_the_top_rows_maximum_still_applies() -> None:
    drug = _drug([_band("60 up", 60, None, 50, 150), _band("below 60", None, 60, 25, 100)],
                 {"daily_mg": {"min": 150, "max": 150}, "max_daily_mg": 150})  # fmt: skip
    assert calculate_dose(drug, patient(), kidney(80)).daily_dose_mg == DoseRange(150, 150)


def test_an_indication_minimum_above_the_top_rows_maximum_is_not_used() -> None:
    drug = _drug([_band("60 up", 60, None, 50, 150), _band("below 60", None, 60, 25, 100)],
                 {"daily_mg": {"min": 200, "max": 300}, "max_daily_mg": 300})  # fmt: skip
    r = calculate_dose(drug, patient(), kidney(80))
    assert r.daily_dose_mg == DoseRange(50, 150)


def _proportional() -> DrugDosing:
    return _drug([_band("15 up", 15, None, 50, 300), _band("below 15", None, 15, 25, 75, proportional_below=10)])


def test_below_the_proportional_limit_the_dose_falls_with_clearance() -> None:
    r = calculate_dose(_proportional(), patient(), kidney(7))
    assert r.daily_dose_mg == DoseRange(17.5, 52.5) and r.max_daily_mg == 52.5
    major = [f for f in _flags(r, "renal") if f.severity == "major"]
    assert [f.message for f in major] == [
        "Below 10 mL/min the label reduces the dose in proportion to clearance: 7/10 of the row gives 17.5 to "
        "52.5 mg a day."
    ]


def test_a_proportional_dose_is_rounded_down_to_a_tenth() -> None:
    r = calculate_dose(_proportional(), patient(), kidney(3.7))  # 25 x 0.37 = 9.25, 75 x 0.37 = 27.75
    assert r.daily_dose_mg == DoseRange(9.2, 27.7) and r.max_daily_mg == 27.7


def test_at_the_proportional_limit_the_row_is_whole() -> None:
    r = calculate_dose(_proportional(), patient(), kidney(10))
    assert r.daily_dose_mg == DoseRange(25, 75) and r.max_daily_mg == 75
    assert not any(f.severity == "major" for f in _flags(r, "renal"))


@pytest.mark.parametrize(
    ("x", "down"), [(9.25, 9.2), (27.75, 27.7), (0.7 * 3, 2.1), (0.1 * 3, 0.3), (4.35, 4.3), (5.0, 5.0), (0.09, 0.0)]
)
def test_round_down_to_a_tenth(x: float, down: float) -> None:
    assert _round_down(x) == down


# --------------------------------------------------------------------------- the renal message and flags


def _three_rows(**renal: Any) -> DrugDosing:
    return _drug(
        [
            _band("60 up", 60, None, 100, 600),
            _band("30 to 60", 30, 60, 50, 300, upper_inclusive=True, note="Row note."),
            _band("below 30", None, 30, avoid=True),
        ],
        renal=renal,
    )


def test_the_top_row_is_an_info_flag_with_the_value_and_the_dose() -> None:
    r = calculate_dose(_three_rows(), patient(), kidney(80))
    assert [(f.severity, f.message, f.source) for f in _flags(r, "renal")] == [
        ("info", "CrCl 80 mL/min (Cockcroft-Gault, actual weight) falls in the label row '60 up': 100 to 600 mg a "
         "day twice daily.", "S-R"),
    ]  # fmt: skip
    assert r.rule_text == _messages(r, "renal")[0] and r.measure == "crcl" and r.measure_value == 80


def test_a_lower_row_is_a_moderate_flag_with_its_note_and_the_boundary_named() -> None:
    r = calculate_dose(_three_rows(), patient(), kidney(60))
    assert [(f.severity, f.message) for f in _flags(r, "renal")] == [
        ("moderate", "CrCl 60 mL/min (Cockcroft-Gault, actual weight) falls in the label row '30 to 60': 50 to 300 "
         "mg a day twice daily. Row note."),
    ]  # fmt: skip
    assert [(f.severity, f.message, f.source) for f in _flags(r, "boundary")] == [
        ("moderate", "60 mL/min lies in two label rows as printed ('60 up' and '30 to 60'); the more conservative "
         "row, '30 to 60', is used. Alternative row: 60 up.", "S-R"),
    ]  # fmt: skip


def test_an_avoid_row_is_critical() -> None:
    r = calculate_dose(_three_rows(), patient(), kidney(29.9))
    assert r.avoid and r.daily_dose_mg is None and r.max_daily_mg is None and r.frequency == "avoid"
    assert [(f.severity, f.message) for f in _flags(r, "renal")] == [
        ("critical", "CrCl 29.9 mL/min (Cockcroft-Gault, actual weight) falls in the label row 'below 30': avoid "
         "this drug."),
    ]  # fmt: skip


def test_the_weight_basis_is_named_and_egfr_has_none() -> None:
    r = calculate_dose(_three_rows(), patient(), kidney(80, basis="ideal"))
    assert _messages(r, "renal")[0].startswith("CrCl 80 mL/min (Cockcroft-Gault, ideal weight) falls")
    e = calculate_dose(_three_rows(measure="egfr"), patient(), kidney(80, egfr=45))
    assert _messages(e, "renal")[0].startswith("eGFR 45 mL/min/1.73 m² (CKD-EPI 2021) falls in the label row "
                                               "'30 to 60'")  # fmt: skip


def test_a_mg_per_kg_row_states_its_dose() -> None:
    drug = _drug([_band("any", 0, None, per_kg={"mg_per_kg": 2.5, "doses_per_day": 2}, frequency="every 12 h")])
    r = calculate_dose(drug, patient(weight=70), kidney(80))
    assert _messages(r, "renal") == [
        "CrCl 80 mL/min (Cockcroft-Gault, actual weight) falls in the label row 'any': 2.5 mg/kg every 12 h."
    ]
    assert r.single_dose_mg == 175 and r.daily_dose_mg == DoseRange(350, 350) and r.max_daily_mg == 350


def test_a_mg_per_kg_dose_is_rounded_to_a_tenth() -> None:
    drug = _drug([_band("any", 0, None, 10, 600)], {"per_kg": {"mg_per_kg": 1.25, "doses_per_day": 3},
                                                   "daily_mg": None, "max_daily_mg": None})  # fmt: skip
    r = calculate_dose(drug, patient(weight=41.3, height=160), kidney(80))
    # 1.25 x 41.3 = 51.625 -> 51.6 a dose; 3 x 51.6 = 154.8 a day (the row's 600 is above it)
    assert r.single_dose_mg == 51.6 and r.daily_dose_mg == DoseRange(154.8, 154.8) and r.max_daily_mg == 154.8


def test_no_renal_adjustment_is_stated_with_the_value() -> None:
    drug = _drug([], renal={"no_adjustment": True, "text": "No change needed."})
    r = calculate_dose(drug, patient(), kidney(80))
    assert [(f.severity, f.message) for f in _flags(r, "renal")] == [
        ("info", "CrCl 80 mL/min (Cockcroft-Gault, actual weight): No change needed.")
    ]
    assert r.band is not None and (r.band.label, r.band.conservative, r.band.note) == (
        "No renal dose bands in the label", False, "No change needed.",
    )  # fmt: skip
    assert r.rule_text == "No change needed." and r.daily_dose_mg == DoseRange(10, 600)
    bare = calculate_dose(_drug([], renal={"no_adjustment": True}), patient(), kidney(80))
    assert bare.rule_text == "The label gives no renal dose adjustment."
    assert _messages(bare, "renal") == [
        "CrCl 80 mL/min (Cockcroft-Gault, actual weight): The label gives no renal dose adjustment."
    ]


def test_an_unverified_row_is_named_in_the_unverified_flag() -> None:
    drug = _drug([_band("any", 0, None, 10, 600, status="U")])
    r = calculate_dose(drug, patient(), kidney(80))
    assert not r.verified
    assert _messages(r, "unverified") == [
        "Unverified figures shaped this result: row 'any'. Check the current product label before prescribing."
    ]
    assert _flags(r, "unverified")[0].severity == "major" and _flags(r, "unverified")[0].source == "dosing-facts [U]"


def test_an_unverified_indication_is_named() -> None:
    r = calculate_dose(_drug([_band("any", 0, None, 10, 600)], {"status": "U"}), patient(), kidney(80))
    assert _messages(r, "unverified") == [
        "Unverified figures shaped this result: the C dose. Check the current product label before prescribing."
    ]


def test_an_unknown_indication_lists_the_valid_ones() -> None:
    from legpain_desktop.core.dosing.patient import InputError

    with pytest.raises(InputError) as e:
        calculate_dose(_drug([_band("any", 0, None, 10, 600)]), patient(), kidney(80), None, "zz")
    assert str(e.value) == "indication: x has no indication 'zz'; valid: c"


# --------------------------------------------------------------------------- dialysis


def _dialysis_drug(hd: dict[str, Any], pd: dict[str, Any] | None = None, **indication: Any) -> DrugDosing:
    return _drug(
        [_band("30 up", 30, None, 100, 600), _band("below 30", None, 30, 25, 150, status="U")],
        indication or None,
        renal={"dialysis": {"hd": hd, "pd": pd or hd}},
    )


def test_an_avoid_dialysis_rule_forbids_the_drug() -> None:
    r = calculate_dose(_dialysis_drug(AVOID_RULE), patient(dialysis="hd"), kidney(5))
    assert r.avoid and r.daily_dose_mg is None and r.rule_text == "haemodialysis: Avoid."
    assert [(f.severity, f.message) for f in _flags(r, "dialysis")] == [("critical", "On haemodialysis: Avoid.")]
    assert r.band is not None and (r.band.label, r.band.note) == ("Haemodialysis rule", "Avoid.")


def test_a_row_dialysis_rule_gives_that_rows_dose() -> None:
    rule = {"basis": "row", "maintenance_band": "below 30", "text": "Dose after each session.",
            "supplement": "25 mg after each session", "source": "S-D", "status": "L"}  # fmt: skip
    r = calculate_dose(_dialysis_drug(rule), patient(dialysis="pd"), kidney(5))
    assert r.daily_dose_mg == DoseRange(25, 150) and r.max_daily_mg == 150 and not r.avoid
    assert [(f.severity, f.message, f.source) for f in _flags(r, "dialysis")] == [
        ("major", "On peritoneal dialysis: Cockcroft-Gault does not apply, so this drug's dialysis rule is used. "
         "Dose after each session. Supplement: 25 mg after each session", "S-D"),
    ]  # fmt: skip
    assert r.band is not None and (r.band.label, r.band.note) == (
        "below 30", "Maintenance from the row 'below 30' (not verified against the label); Dose after each session.",
    )  # fmt: skip
    assert r.rule_text == "peritoneal dialysis: Dose after each session."
    assert "row 'below 30'" in _messages(r, "unverified")[0]


def test_a_row_dialysis_rule_on_a_verified_row_names_the_label_row(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tramadol"), patient(dialysis="hd"), kidney(5), formulary.checker)
    assert r.band is not None and r.band.note.startswith("Maintenance from the label row 'CrCl below 30'; Give ")


def test_a_fixed_dialysis_rule_gives_its_own_dose() -> None:
    rule = {"basis": "fixed", "daily_mg": {"min": 50, "max": 100}, "doses_per_day": [1], "frequency": "once daily",
            "text": "Fixed.", "source": "S-D", "status": "L"}  # fmt: skip
    r = calculate_dose(_dialysis_drug(rule), patient(dialysis="hd"), kidney(5))
    assert (r.daily_dose_mg, r.max_daily_mg, r.doses_per_day, r.frequency) == (
        DoseRange(50, 100), 100, (1,), "once daily",
    )  # fmt: skip
    assert r.band is not None and (r.band.label, r.band.note) == ("Haemodialysis rule", "Fixed.")
    assert _messages(r, "dialysis") == [
        "On haemodialysis: Cockcroft-Gault does not apply, so this drug's dialysis rule is used. Fixed."
    ]


def test_an_indications_kidney_limit_forbids_it_on_dialysis() -> None:
    rule = {"basis": "fixed", "daily_mg": {"min": 50, "max": 100}, "doses_per_day": [1], "text": "Fixed.",
            "source": "S-D", "status": "L"}  # fmt: skip
    limit = {"measure": "crcl", "below": 30, "text": "Not for this use.", "source": "S-L", "status": "L"}
    r = calculate_dose(_dialysis_drug(rule, renal_limit=limit), patient(dialysis="hd"), kidney(5))
    assert r.avoid and ("critical", "C on haemodialysis: Not for this use.") in [
        (f.severity, f.message) for f in _flags(r, "renal")
    ]


@pytest.mark.parametrize(("crcl", "avoid"), [(29.9, True), (30, False)])
def test_an_indications_kidney_limit_applies_below_it(crcl: float, avoid: bool) -> None:
    limit = {"measure": "crcl", "below": 30, "text": "Not for this use.", "source": "S-L", "status": "L"}
    r = calculate_dose(_dialysis_drug(AVOID_RULE, renal_limit=limit), patient(), kidney(crcl))
    assert r.avoid is avoid
    expected = ("critical", "C: CrCl 29.9 mL/min is below 30. Not for this use.")
    assert (expected in [(f.severity, f.message) for f in _flags(r, "renal")]) is avoid


# --------------------------------------------------------------------------- weight


def _weighted(rule: dict[str, Any]) -> DrugDosing:
    weight_rule = {"below_kg": 50, "max_mg_per_kg_daily": 75, "text": "Light.", "source": "S-W", "status": "L", **rule}
    return _drug([_band("any", 0, None, 10, 5000)], {"daily_mg": {"min": 10, "max": 5000}, "max_daily_mg": 5000,
                                                   "weight_rule": weight_rule})  # fmt: skip


def test_a_weight_rule_with_every_limit_floors_each_figure() -> None:
    drug = _weighted({"max_daily_mg": 2999.5, "max_mg_per_kg_dose": 15, "max_single_mg": 600.5})
    r = calculate_dose(drug, patient(weight=41.3, height=160), kidney(80))
    assert r.max_daily_mg == 2999 and r.max_single_dose_mg == 600 and r.daily_dose_mg == DoseRange(10, 2999)
    assert [(f.severity, f.message, f.source) for f in _flags(r, "weight")] == [
        ("major", "Weight 41.3 kg is under 50 kg: Light. (75 mg/kg x 41.3 kg = 3097 mg a day, above the 2999.5 mg "
         "ceiling, so 2999; each dose at most 600 mg).", "S-W"),
    ]  # fmt: skip


def test_a_weight_rule_without_a_single_dose_ceiling() -> None:
    r = calculate_dose(_weighted({"max_mg_per_kg_dose": 15}), patient(weight=41.3, height=160), kidney(80))
    assert r.max_single_dose_mg == 619 and r.max_daily_mg == 3097


def test_a_daily_ceiling_equal_to_the_mg_per_kg_limit_is_not_named() -> None:
    r = calculate_dose(_weighted({"max_daily_mg": 3000}), patient(weight=40, height=160), kidney(80))
    assert r.max_daily_mg == 3000 and r.max_single_dose_mg is None
    assert _messages(r, "weight") == ["Weight 40.0 kg is under 50 kg: Light. (75 mg/kg x 40.0 kg = 3000 mg a day)."]


@pytest.mark.parametrize(("weight", "applies"), [(49.9, True), (50, False)])
def test_a_weight_rule_applies_only_below_its_weight(weight: float, applies: bool) -> None:
    r = calculate_dose(_weighted({}), patient(weight=weight, height=160), kidney(80))
    assert bool(_flags(r, "weight")) is applies
    assert r.max_daily_mg == (3742 if applies else 5000)


def _obese_kidney(**changes: Any) -> Any:
    note = "Actual weight is more than 120% of ideal: actual weight overestimates clearance."
    return replace(kidney(80), **{"crcl_adjusted": 60.5, "weight_note": note, **changes})


def test_an_overestimating_weight_names_the_adjusted_clearance() -> None:
    r = calculate_dose(_three_rows(), patient(), _obese_kidney())
    assert [(f.severity, f.message, f.source, f.status) for f in _flags(r, "weight")] == [
        ("moderate", "Actual weight is more than 120% of ideal: actual weight overestimates clearance. On adjusted "
         "weight CrCl is 60.5 mL/min; check the result with the adjusted weight basis.", "S-IBW", "G"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("k", "extra"),
    [
        (_obese_kidney(weight_basis="adjusted"), {}),
        (_obese_kidney(crcl_adjusted=80.0), {}),
        (_obese_kidney(weight_note="Actual weight is below ideal."), {}),
        (_obese_kidney(), {"dialysis": "hd"}),
    ],
)
def test_no_weight_flag_otherwise(k: Any, extra: dict[str, Any]) -> None:
    assert _flags(calculate_dose(_three_rows(), patient(**extra), k), "weight") == []


def test_no_weight_flag_for_a_drug_without_renal_adjustment() -> None:
    drug = _drug([], renal={"no_adjustment": True})
    assert _flags(calculate_dose(drug, patient(), _obese_kidney()), "weight") == []


# --------------------------------------------------------------------------- questioned inputs


@pytest.mark.parametrize(
    ("crcl", "scr", "problem"),
    [
        (200, 1.0, None),
        (200.1, 1.0, "a creatinine clearance of 200.1 mL/min (above 200)"),
        (80, 0.3, None),
        (80, 0.29, "a creatinine of 0.29 mg/dL (26 µmol/L; below 0.3 mg/dL or 27 µmol/L)"),
        (250, 0.2, "a creatinine clearance of 250 mL/min (above 200) and a creatinine of 0.2 mg/dL (18 µmol/L; "
                   "below 0.3 mg/dL or 27 µmol/L)"),
    ],
)  # fmt: skip
def test_implausible_inputs_are_questioned(crcl: float, scr: float, problem: str | None) -> None:
    r = calculate_dose(_three_rows(), patient(scr=scr), kidney(crcl))
    if problem is None:
        assert _flags(r, "plausibility") == [] and r.verified
        return
    assert [(f.severity, f.message, f.source) for f in _flags(r, "plausibility")] == [
        ("major", f"Implausible input: {problem}. Check the value and its unit (mg/dL or µmol/L) before using this "
         "result.", "S-SCr"),
    ]  # fmt: skip
    assert _messages(r, "unverified") == [
        "Unverified figures shaped this result: inputs that look implausible. Check the current product label before "
        "prescribing."
    ]


def test_implausible_inputs_are_not_questioned_on_dialysis() -> None:
    rule = {"basis": "row", "maintenance_band": "60 up", "text": "Row.", "source": "S-D", "status": "L"}
    drug = _drug([_band("60 up", 60, None, 100, 600)], renal={"dialysis": {"hd": rule, "pd": rule}})
    r = calculate_dose(drug, patient(scr=0.2, dialysis="hd", unstable_kidney_function=True), kidney(250))
    assert _flags(r, "plausibility") == [] and r.verified


UNSTABLE = (
    "Kidney function is changing (acute kidney injury or unstable creatinine): Cockcroft-Gault and CKD-EPI assume a "
    "steady creatinine and overestimate function while it rises. Use the result only as an upper limit, choose the "
    "lower row when in doubt, and recheck creatinine before each dose change."
)


@pytest.mark.parametrize(("renal", "severity"), [({}, "major"), ({"no_adjustment": True}, "moderate")])
def test_unstable_kidney_function_is_questioned(renal: dict[str, Any], severity: str) -> None:
    drug = _drug([] if renal else [_band("any", 0, None, 10, 600)], renal=renal)
    r = calculate_dose(drug, patient(unstable_kidney_function=True), kidney(80))
    assert (severity, UNSTABLE, "S-CKD", "G") in [(f.severity, f.message, f.source, f.status) for f in r.flags]
    assert _messages(r, "unverified") == [
        "Unverified figures shaped this result: a clearance estimated while kidney function is not steady. Check the "
        "current product label before prescribing."
    ]


# --------------------------------------------------------------------------- age, Beers, conditions, liver


def _aged(*elderly: dict[str, Any], **extra: Any) -> DrugDosing:
    rules = [{"min_age": 65, "text": "Older.", "source": "S-E", "status": "L", **e} for e in elderly]
    return _drug([_band("any", 0, None, 10, 600)], elderly=rules, **extra)


@pytest.mark.parametrize(("age", "applies"), [(65, True), (64, False)])
def test_an_older_adult_cap_from_its_age(age: int, applies: bool) -> None:
    r = calculate_dose(_aged({"max_daily_mg": 200}), patient(age=age), kidney(80))
    assert r.max_daily_mg == (200 if applies else 600)
    assert r.daily_dose_mg == DoseRange(10, 200 if applies else 600)
    assert [(f.severity, f.message) for f in _flags(r, "elderly")] == ([("moderate", "Older.")] if applies else [])


def test_an_exclusive_older_adult_age() -> None:
    drug = _aged({"max_daily_mg": 200, "min_age_inclusive": False})
    assert calculate_dose(drug, patient(age=65), kidney(80)).max_daily_mg == 600
    assert calculate_dose(drug, patient(age=66), kidney(80)).max_daily_mg == 200


def test_an_older_adult_range_is_intersected_with_the_row() -> None:
    r = calculate_dose(_aged({"daily_mg": {"min": 50, "max": 150}}), patient(age=70), kidney(80))
    assert r.daily_dose_mg == DoseRange(50, 150) and r.max_daily_mg == 150
    high_row = _drug([_band("any", 0, None, 200, 600)], {"daily_mg": {"min": 200, "max": 600}},
                     elderly=[{"min_age": 65, "daily_mg": {"min": 50, "max": 150}, "text": "Older.", "source": "S-E",
                               "status": "L"}])  # fmt: skip
    h = calculate_dose(high_row, patient(age=70), kidney(80))
    assert h.daily_dose_mg == DoseRange(150, 150) and h.max_daily_mg == 150


def test_older_adult_advice_severity() -> None:
    info = calculate_dose(_aged({}), patient(age=70), kidney(80))
    assert [f.severity for f in _flags(info, "elderly")] == ["info"]
    major = calculate_dose(_aged({"severity": "major"}), patient(age=70), kidney(80))
    assert [f.severity for f in _flags(major, "elderly")] == ["major"]
    ranged = calculate_dose(_aged({"daily_mg": {"min": 50, "max": 150}}), patient(age=70), kidney(80))
    assert [f.severity for f in _flags(ranged, "elderly")] == ["moderate"]


def _beers(**entry: Any) -> DrugDosing:
    base = {"table": "T2", "criterion": "Crit", "recommendation": "Avoid", "quality": "moderate",
            "strength": "strong", "source": "S-B", "status": "G", **entry}  # fmt: skip
    return _drug([_band("any", 0, None, 10, 600)], beers=[base])


@pytest.mark.parametrize(("age", "applies"), [(65, True), (64, False)])
def test_beers_from_65(age: int, applies: bool) -> None:
    r = calculate_dose(_beers(rationale="Why"), patient(age=age), kidney(80))
    expected = [("major", "AGS Beers 2023 T2: Crit: Avoid (Why); quality of evidence moderate, strength strong.")]
    assert [(f.severity, f.message) for f in _flags(r, "beers")] == (expected if applies else [])


@pytest.mark.parametrize(("recommendation", "severity"), [("avoid in most", "major"), ("Use with caution", "moderate")])
def test_beers_severity_follows_the_recommendation(recommendation: str, severity: str) -> None:
    r = calculate_dose(_beers(recommendation=recommendation), patient(age=70), kidney(80))
    assert [(f.severity, f.message) for f in _flags(r, "beers")] == [
        (severity, f"AGS Beers 2023 T2: Crit: {recommendation}; quality of evidence moderate, strength strong.")
    ]


@pytest.mark.parametrize(("crcl", "applies"), [(29.9, True), (30, False)])
def test_a_kidney_beers_entry_applies_below_its_value(crcl: float, applies: bool) -> None:
    r = calculate_dose(_beers(when={"measure": "crcl", "below": 30}), patient(age=70), kidney(crcl))
    assert bool(_flags(r, "beers")) is applies


@pytest.mark.parametrize("heart_failure", [True, False])
def test_a_disease_beers_entry_needs_the_disease(heart_failure: bool) -> None:
    r = calculate_dose(_beers(when={"condition": "heart-failure"}), patient(age=70, heart_failure=heart_failure),
                       kidney(80))  # fmt: skip
    assert bool(_flags(r, "beers")) is heart_failure


def _contra(*items: dict[str, Any]) -> DrugDosing:
    return _drug([_band("any", 0, None, 10, 600)], contraindications=[
        {"message": "m", "source": "S-C", "status": "L", **i} for i in items])  # fmt: skip


def test_a_caution_is_a_moderate_flag_and_an_avoid_forbids() -> None:
    caution = calculate_dose(_contra({"condition": "heart-failure", "severity": "caution"}),
                             patient(heart_failure=True), kidney(80))  # fmt: skip
    assert not caution.avoid and [(f.kind, f.severity, f.message) for f in caution.flags if f.source == "S-C"] == [
        ("contraindication", "moderate", "m")
    ]
    avoid = calculate_dose(_contra({"condition": "pregnancy", "severity": "avoid"}), patient(sex="female",
                           pregnant=True), kidney(80))  # fmt: skip
    assert avoid.avoid and [(f.kind, f.severity, f.message) for f in avoid.flags if f.source == "S-C"] == [
        ("pregnancy", "critical", "Pregnancy: m")
    ]
    none = calculate_dose(_contra({"condition": "heart-failure", "severity": "avoid"}), patient(), kidney(80))
    assert not none.avoid


def _liver(rules: list[dict[str, Any]], **extra: Any) -> DrugDosing:
    return _drug([_band("any", 0, None, 10, 600)], hepatic_rules=[{"source": "S-H", "status": "L", **r} for r in rules],
                 hepatic={"text": "Use care.", "source": "S-H2", "status": "L"}, **extra)  # fmt: skip


def test_a_child_pugh_cap_with_its_regimen() -> None:
    drug = _liver([{"child_pugh": ["B"], "max_daily_mg": 100, "doses_per_day": [1], "frequency": "once daily",
                    "severity": "moderate", "text": "Halve."}])  # fmt: skip
    r = calculate_dose(drug, patient(child_pugh="B"), kidney(80))
    assert (r.max_daily_mg, r.daily_dose_mg, r.doses_per_day, r.frequency) == (
        100, DoseRange(10, 100), (1,), "once daily",
    )  # fmt: skip
    assert [(f.severity, f.message) for f in _flags(r, "hepatic")] == [("moderate", "Child-Pugh B: Halve.")]
    other = calculate_dose(drug, patient(child_pugh="A"), kidney(80))
    assert other.max_daily_mg == 600 and _messages(other, "hepatic") == ["Child-Pugh A: Use care."]
    assert [f.severity for f in _flags(other, "hepatic")] == ["moderate"]
    assert _flags(calculate_dose(drug, patient(), kidney(80)), "hepatic") == []


def test_a_child_pugh_avoid_forbids() -> None:
    drug = _liver([{"child_pugh": ["C"], "avoid": True, "text": "Avoid."}])
    r = calculate_dose(drug, patient(child_pugh="C"), kidney(80))
    assert r.avoid and [(f.severity, f.message) for f in _flags(r, "hepatic")] == [("critical", "Child-Pugh C: Avoid.")]


def test_a_child_pugh_warning_keeps_the_dose_and_its_default_severity() -> None:
    drug = _liver([{"child_pugh": ["A", "B"], "max_daily_mg": 300, "text": "Cap."}])
    r = calculate_dose(drug, patient(child_pugh="A"), kidney(80))
    assert r.max_daily_mg == 300 and r.doses_per_day == (2,) and r.frequency == "twice daily"
    assert [(f.severity, f.message) for f in _flags(r, "hepatic")] == [("major", "Child-Pugh A: Cap.")]


def test_a_child_pugh_contraindication_replaces_the_general_advice() -> None:
    drug = _liver([], contraindications=[{"condition": "child-pugh-b", "severity": "caution", "message": "Liver.",
                                          "source": "S-C", "status": "L"}])  # fmt: skip
    r = calculate_dose(drug, patient(child_pugh="B"), kidney(80))
    # the condition's own flag (filed under the liver) replaces the general advice "Use care."
    assert _flags(r, "hepatic") == [Flag("hepatic", "moderate", "Liver.", "S-C", "L")]


# --------------------------------------------------------------------------- drugs without a dose


def test_a_do_not_use_drug() -> None:
    dosing = {"do_not_use": {"reason": "Never.", "source": "S-N", "status": "L"},
              "contraindications": [{"condition": "pregnancy", "severity": "caution", "message": "p", "source": "S-P",
                                     "status": "L"}]}  # fmt: skip
    drug = parse_drug("x", "X", {"systemic": True, "dosing": dosing})
    r = calculate_dose(drug, patient(sex="female", pregnant=True), kidney(80))
    assert (r.indication_label, r.frequency, r.avoid, r.verified, r.rule_text, r.sources) == (
        "Do not use", "do not use", True, True, "Never.", ("S-N", "S-P"),
    )  # fmt: skip
    assert [(f.kind, f.severity, f.message) for f in r.flags] == [
        ("contraindication", "critical", "Never."), ("pregnancy", "moderate", "Pregnancy: p"),
    ]  # fmt: skip


def test_a_topical_drug() -> None:
    topical = {"schedule": "apply twice daily", "renal": "No renal adjustment.", "source": "S-T", "status": "U"}
    drug = parse_drug("x", "X", {"systemic": False, "topical": topical})
    r = calculate_dose(drug, patient(), kidney(80))
    assert (r.indication_label, r.frequency, r.avoid, r.verified, r.rule_text, r.sources) == (
        "Topical use", "apply twice daily", False, False, "apply twice daily", ("S-T",),
    )  # fmt: skip
    assert [(f.kind, f.severity, f.message) for f in r.flags] == [
        ("unverified", "major", "The application schedule is unverified."), ("renal", "info", "No renal adjustment."),
    ]  # fmt: skip


def test_a_lighter_mg_per_kg_row_is_the_conservative_one() -> None:
    # 1 mg/kg x 1 dose = 1 allows less than the 3 mg a day row, so the mg/kg row is chosen on the shared edge
    a = _band("a", None, 30, per_kg={"mg_per_kg": 1, "doses_per_day": 1}, upper_inclusive=True)
    b = _band("b", 30, None, 1, 3)
    band, _choice = choose_band(_rows(a, b), 30, "mL/min")
    assert band.label == "a"


def test_a_dialysis_rule_naming_an_avoid_row_avoids_the_drug() -> None:
    rule = {
        "basis": "row",
        "maintenance_band": "below 30",
        "text": "As the lowest row.",
        "source": "S-D",
        "status": "L",
    }
    drug = _drug([_band("30 up", 30, None, 100, 600), _band("below 30", None, 30, avoid=True)],
                 renal={"dialysis": {"hd": rule, "pd": rule}})  # fmt: skip
    r = calculate_dose(drug, patient(dialysis="hd"), kidney(5))
    assert r.avoid and r.daily_dose_mg is None and r.max_daily_mg is None and r.frequency == "avoid"


def test_an_older_adult_cap_on_an_avoided_drug_keeps_it_avoided() -> None:
    older = {"min_age": 65, "max_daily_mg": 200, "text": "Older.", "source": "S-E", "status": "L"}
    drug = _drug([_band("30 up", 30, None, 100, 600), _band("below 30", None, 30, avoid=True)], elderly=[older])
    r = calculate_dose(drug, patient(age=80), kidney(20))
    assert r.avoid and r.daily_dose_mg is None and r.max_daily_mg is None


def test_a_rows_doses_a_day_replace_the_indications() -> None:
    drug = _drug([_band("any", 0, None, 10, 600, doses_per_day=[3], frequency="three times daily")])
    r = calculate_dose(drug, patient(), kidney(80))
    assert r.doses_per_day == (3,) and r.frequency == "three times daily"


def test_a_table_whose_only_row_is_also_mg_per_kg_has_no_top_column() -> None:
    band = _band("any", 0, None, 10, 600, per_kg={"mg_per_kg": 1, "doses_per_day": 2})
    band["daily_mg"] = {"min": 10, "max": 600}
    r = calculate_dose(_drug([band], {"max_daily_mg": 300, "daily_mg": {"min": 10, "max": 300}}), patient(weight=80),
                       kidney(80))  # fmt: skip
    assert r.single_dose_mg == 80 and r.daily_dose_mg == DoseRange(160, 160) and r.max_daily_mg == 160


def test_the_proportional_lowering_cites_the_indication() -> None:
    drug = _drug([_band("60 up", 60, None, 100, 600), _band("30 to 60", 30, 60, 50, 300)],
                 {"daily_mg": {"min": 100, "max": 300}, "max_daily_mg": 300, "source": "S-IND"})  # fmt: skip
    r = calculate_dose(drug, patient(), kidney(45))
    assert [f.source for f in _flags(r, "renal") if "lowered in the same proportion" in f.message] == ["S-IND"]


def test_the_proportional_flag_has_an_empty_source_not_none() -> None:
    r = calculate_dose(_proportional(), patient(), kidney(7))
    assert [f.to_json()["source"] for f in _flags(r, "renal") if f.severity == "major"] == [""]
