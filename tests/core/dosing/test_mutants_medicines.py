"""Exact values for medicines.py: each test pins what a mutant of the dose reader could change (issue 21).

Every expected amount is the written dose times the doses a day the words give (bd 2, tds 3, qds 4, q6h 24 / 6),
in mg (1 g = 1000 mg, 1 microgram = 0.001 mg) or, for a patch, in micrograms an hour; a whole EnteredMedicine is
compared, so the name, the dose text, the amount, the unit and the reason for no amount are all checked.
"""

from __future__ import annotations

import pytest

from legpain_desktop.core.dosing.medicines import (
    PER_DAY,
    PER_HOUR,
    EnteredMedicine,
    _times_a_day,
    parse_medicine,
    read_dose,
    single_dose_mg,
    strip_formulation,
)

NO_UNIT = "gives no unit: write the amount in mg (or mcg/h for a patch), e.g. 40 mg/day"


def _how_often(dose: str) -> str:
    return (
        f"could not read how often from '{dose}': write the total per day (e.g. 40 mg/day) "
        "or the dose and how often (e.g. 20 mg twice daily)"
    )


def _as_needed(dose: str) -> str:
    return f"'{dose}' is taken as needed: give the most taken in a day (e.g. 40 mg/day)"


def _one_dose(shown: str) -> str:
    return f"{shown} is one dose: say how often (e.g. {shown} twice daily) or give the total per day (… mg/day)"


# --------------------------------------------------------------------------- the name and the dose


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oxycodone:40", EnteredMedicine("oxycodone:40", "oxycodone", "40", 40.0, None)),
        ("  oxycodone  :  2,5 ", EnteredMedicine("oxycodone : 2,5", "oxycodone", "2,5", 2.5, None)),
        ("co-codamol 30/500:240", EnteredMedicine("co-codamol 30/500:240", "co-codamol 30/500", "240", 240.0, None)),
        ("  oxycodone   20mg  bd ", EnteredMedicine("oxycodone 20mg bd", "oxycodone", "20mg bd", 40.0, PER_DAY)),
        ("fentanyl 25mcg/h", EnteredMedicine("fentanyl 25mcg/h", "fentanyl", "25mcg/h", 25.0, PER_HOUR)),
        ("aspirin 75mg", EnteredMedicine("aspirin 75mg", "aspirin", "75mg", None, None, _one_dose("75 mg"))),
        ("aspirin .5 g", EnteredMedicine("aspirin .5 g", "aspirin", ".5 g", None, None, f"'.5 g' {NO_UNIT}")),
        ("metformin", EnteredMedicine("metformin", "metformin")),
        ("20mg bd", EnteredMedicine("20mg bd", "20mg bd")),
        ("vitamin b12", EnteredMedicine("vitamin b12", "vitamin b12")),
        (":40", EnteredMedicine(":40", ":40")),
    ],
)  # fmt: skip
def test_the_name_and_the_dose_are_split_where_the_dose_starts(text: str, expected: EnteredMedicine) -> None:
    assert parse_medicine(text) == expected


def test_a_dose_is_given_only_when_some_dose_text_was_written() -> None:
    assert not EnteredMedicine("metformin", "metformin").dose_given
    assert EnteredMedicine("aspirin 75mg", "aspirin", "75mg").dose_given
    assert parse_medicine("oxycodone:40").dose_given and not parse_medicine("oxycodone").dose_given


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("oxycodone MR", "oxycodone"),
        ("Tramadol SR tablets", "Tramadol"),
        ("fentanyl Patch.", "fentanyl"),
        ("aspirin E/C", "aspirin"),
        ("oxycodone hydrochloride MR", "oxycodone hydrochloride"),
        ("oxycodone MR hydrochloride", "oxycodone MR hydrochloride"),
        ("MR", "MR"),
        ("tablets patch", "tablets"),
        ("morphine sulfate", "morphine sulfate"),
        ("slow release morphine", "slow release morphine"),
    ],
)
def test_chart_words_are_dropped_from_the_end_of_a_name_but_never_the_last_word(name: str, bare: str) -> None:
    assert strip_formulation(name) == bare


# --------------------------------------------------------------------------- the amount a day


@pytest.mark.parametrize(
    ("dose", "amount", "unit"),
    [
        ("20 mg od", 20.0, PER_DAY),
        ("20 MG Twice Daily", 40.0, PER_DAY),
        ("20mg tds", 60.0, PER_DAY),
        ("20 mg qid", 80.0, PER_DAY),
        ("20 mg x3", 60.0, PER_DAY),
        ("20 mg x 3", 60.0, PER_DAY),
        ("20 mg 3 times", 60.0, PER_DAY),
        ("20 mg 2 times daily", 40.0, PER_DAY),
        ("20 mg q1h", 480.0, PER_DAY),
        ("20 mg every 1 hour", 480.0, PER_DAY),
        ("20 mg 2 hourly", 240.0, PER_DAY),
        ("20 mg q3h", 160.0, PER_DAY),
        ("20 mg q4h", 120.0, PER_DAY),
        ("20 mg q 12 h", 40.0, PER_DAY),
        ("20 mg every 8 hours", 60.0, PER_DAY),
        ("20 mg every 24 hour", 20.0, PER_DAY),
        ("20 mg 6-hourly", 80.0, PER_DAY),
        ("20 mg 12 hourly", 40.0, PER_DAY),
        ("20 mg MR, bd", 40.0, PER_DAY),
        ("20 mg tablets mr tablets od", 20.0, PER_DAY),  # the longer word first, so both "tablets" go
        ("20 milligrams bd", 40.0, PER_DAY),
        ("1 g qds", 4000.0, PER_DAY),
        ("1,5 grams od", 1500.0, PER_DAY),
        ("1 gram bd", 2000.0, PER_DAY),
        ("500 micrograms bd", 1.0, PER_DAY),
        ("500 µg tds", 1.5, PER_DAY),
        ("250 ug od", 0.25, PER_DAY),
        ("30/500 60mg qds", 240.0, PER_DAY),
        ("25 mcg/h", 25.0, PER_HOUR),
        ("25 micrograms an hour", 25.0, PER_HOUR),
        ("12 mcg per hour", 12.0, PER_HOUR),
        ("0.025 mg/h", 25.0, PER_HOUR),
        ("0.012 mg/hr", 12.0, PER_HOUR),
        ("0.000025 g/h", 25.0, PER_HOUR),
    ],
)
def test_a_dose_with_its_frequency_is_an_amount_a_day(dose: str, amount: float, unit: str) -> None:
    got, got_unit, problem = read_dose(dose)
    assert got == pytest.approx(amount, rel=1e-12) and (got_unit, problem) == (unit, "")


@pytest.mark.parametrize(
    ("dose", "problem"),
    [
        ("10mg prn", _as_needed("10mg prn")),
        ("10 mg when required", _as_needed("10 mg when required")),
        ("10 mg SOS", _as_needed("10 mg SOS")),
        ("1 tablet twice daily", f"'1 tablet twice daily' {NO_UNIT}"),
        ("30/500", f"'30/500' {NO_UNIT}"),
        ("30/500 2 qds", f"'30/500 2 qds' {NO_UNIT}"),
        ("20mgs bd", f"'20mgs bd' {NO_UNIT}"),
        ("5mg weekly", _how_often("5mg weekly")),
        ("5mg q5h", _how_often("5mg q5h")),
        ("5mg q0h", _how_often("5mg q0h")),
        ("5mg every 48 hours", _how_often("5mg every 48 hours")),
        ("20mg", _one_dose("20 mg")),
        ("20 mg tablets", _one_dose("20 mg")),
        ("0.50 g", _one_dose("0.5 g")),
        ("2,5 MG", _one_dose("2.5 mg")),
    ],
)  # fmt: skip
def test_a_dose_that_gives_no_amount_a_day_says_why(dose: str, problem: str) -> None:
    assert read_dose(dose) == (None, None, problem)


# --------------------------------------------------------------------------- one dose in mg


@pytest.mark.parametrize(
    ("dose", "mg"),
    [
        ("75mg", 75.0),
        (" 75 MG ", 75.0),
        ("75 mg dispersible tablets", 75.0),
        ("0.075 g", 75.0),
        ("0,075 grams", 75.0),
        ("75 micrograms", 0.075),
        ("2,5 mg", 2.5),
        ("75 mg od", None),
        ("75", None),
        ("25mcg/h", None),
        ("aspirin", None),
    ],
)
def test_a_single_dose_is_read_in_mg_only_when_nothing_else_is_written(dose: str, mg: float | None) -> None:
    got = single_dose_mg(dose)
    assert (got == pytest.approx(mg, rel=1e-12)) if mg is not None else got is None


@pytest.mark.parametrize(
    ("words", "times"), [("q1h", 24), ("q6h", 4), ("8 hourly", 3), ("every 24 hours", 1), ("bd", 2)]
)
def test_the_doses_a_day_are_a_whole_count(words: str, times: int) -> None:
    got = _times_a_day(words)
    assert got == times and type(got) is int


@pytest.mark.xfail(strict=True, reason="known problem: a chart word written twice is not dropped the second time")
@pytest.mark.parametrize(
    ("dose", "amount"),
    [
        # str.replace cannot remove both of two " mr " that share a space, so the frequency reads "mr bd"
        ("20 mg MR MR bd", 40.0),
        # " mr " goes first (words are removed longest first, then in list order), which leaves " xl xl od "
        ("20 mg xl mr xl od", 20.0),
    ],
)
def test_a_chart_word_written_twice_is_dropped_both_times(dose: str, amount: float) -> None:
    # today neither gives a daily amount: it fails safe, with "could not read how often"
    assert read_dose(dose) == (amount, PER_DAY, "")
