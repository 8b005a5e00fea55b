"""Mutation tests for ``core/dosing/schema.py`` (issue 21): every refusal names its exact key path,
its whole message, and the mapping and key the build uses to find the line in the source file.

``test_schema.BAD`` checks that each malformed value is refused with a phrase of the message. A
mutant that dropped the key path (``r.fail(None, ...)``), the node or the key (which the content
build turns into ``file:line``), or garbled a message beyond that phrase survived it. Here each row
of ``BAD`` (by index) is pinned whole. A message ending in "…" is compared by its beginning.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from legpain_desktop.core.dosing.schema import (
    Contraindication,
    DosingDataError,
    find_overlaps_by_mistake,
    parse_band,
    parse_drug,
    parse_reproductive,
    validate_drug,
)
from tests.core.dosing.test_schema import BAD, BAND, DRUG, LOW, mutate

# (index in BAD, error path, message, key the error points at in its mapping)
EXACT: list[tuple[int, str, str, str | None]] = [
    (0, "systemic", "must be true or false", None),
    (1, "classes", "unknown class 'wizardry'; use one of gabapentinoid, antiepileptic, opioid, ssri…", "classes"),
    (2, "dosing", "a systemic drug needs structured dosing data", "systemic"),
    (3, "dosing.main_indication", "'other' is not one of the drug's indications", "main_indication"),
    (4, "dosing.indications", "list at least one indication", "indications"),
    (5, "dosing.indications[0].status", "must be one of L, L2, G, U, not 'maybe'", "status"),
    (6, "dosing.indications[0].daily_mg", "min 30 is above max 20", "daily_mg"),
    (7, "dosing.indications[0].max_daily_mg", "usual maximum 20 exceeds the maximum 15", "max_daily_mg"),
    (
        8,
        "dosing.indications[0].doses_per_day",
        "must be a non-empty list of whole numbers of doses a day (1 to 24)",
        "doses_per_day",
    ),
    (9, "dosing.indications[0].label", "is required text", "label"),
    (10, "dosing.indications[0].label", "must be text", "label"),
    (11, "dosing.indications[0].per_kg.doses_per_day", "must be a whole number from 1 to 24", "doses_per_day"),
    (12, "dosing.renal", "a systemic drug states its renal rule (bands or no_adjustment)", "renal"),
    (13, "dosing.renal.measure", "must be one of crcl, egfr, not 'cystatin'", "measure"),
    (
        14,
        "dosing.renal.bands",
        "give the label's bands, or set no_adjustment: true with the label's words in text",
        "bands",
    ),
    (15, "dosing.renal.no_adjustment", "a drug with no renal adjustment lists no bands", "no_adjustment"),
    (16, "dosing.renal.no_adjustment", "must be true or false", "no_adjustment"),
    (
        17,
        "dosing.renal.bands",
        "bands 'CrCl 30 or more' and 'CrCl below 30' overlap by more than a shared end point",
        "bands",
    ),
    (18, "dosing.renal.bands[0].lower", "must be a non-negative number, not -1", "lower"),
    (19, "dosing.renal.bands[0].upper", "upper bound 10 is below lower bound 30", "upper"),
    (20, "dosing.renal.bands[0].daily_mg", "a band that is not 'avoid' needs daily_mg or per_kg", "daily_mg"),
    (21, "dosing.renal.bands[0].max_daily_mg", "band range 20 exceeds the band maximum 15", "max_daily_mg"),
    (22, "dosing.renal.bands[1].avoid", "an 'avoid' band gives no dose", "avoid"),
    (23, "dosing.renal.bands", "band labels must be unique", "bands"),
    (24, "dosing.renal.bands[1].lower", "a band needs a lower or an upper bound", "lower"),
    (25, "dosing.renal.dialysis", "must map hd and/or pd to a rule", "dialysis"),
    (26, "dosing.renal.dialysis", "mode must be hd or pd, not 'cvvh'", "dialysis"),
    (
        27,
        "dosing.renal.dialysis.pd.maintenance_band",
        "basis 'row' names the label row to use; 'Nope' is not one",
        "maintenance_band",
    ),
    (
        28,
        "dosing.renal.dialysis.hd.maintenance_band",
        "only a rule with basis 'row' names a maintenance row",
        "maintenance_band",
    ),
    (29, "dosing.renal.dialysis.hd.basis", "must be one of avoid, row, fixed, usual, not 'guess'", "basis"),
    (
        30,
        "dosing.renal.dialysis.hd.daily_mg",
        "basis 'fixed' gives the dialysis dose as daily_mg {min, max}",
        "daily_mg",
    ),
    (31, "dosing.renal.dialysis.hd.daily_mg", "only a rule with basis 'fixed' gives its own daily dose", "daily_mg"),
    (
        32,
        "dosing.renal.dialysis.hd.basis",
        "'usual' is only for a drug whose label gives no renal adjustment; name a row, a dose or avoid",
        "basis",
    ),
    (
        33,
        "dosing.renal.dialysis",
        "a systemic drug states its haemodialysis (hd) and peritoneal dialysis (pd) rules; missing: pd",
        "dialysis",
    ),
    (
        34,
        "dosing.renal.dialysis",
        "a systemic drug states its haemodialysis (hd) and peritoneal dialysis (pd) rules; missing: hd, pd",
        "measure",
    ),
    (35, "dosing.strengths_mg", "a drug with a titration lists its tablet or capsule strengths", "strengths_mg"),
    (36, "dosing.strengths_mg", "must list the tablet or capsule strengths in mg (positive numbers)", "strengths_mg"),
    (37, "dosing.indications[0].weight_rule.max_mg_per_kg_daily", "is required: a number", "max_mg_per_kg_daily"),
    (38, "dosing.indications[0].renal_limit.measure", "must be one of crcl, egfr, not 'x'", "measure"),
    (39, "dosing.indications[0].loading.days", "must be a whole number of days from 1 to 60", "days"),
    (40, "dosing.hepatic_rules[0].child_pugh", "must list Child-Pugh classes A, B and/or C", "child_pugh"),
    (
        41,
        "dosing.hepatic_rules[0].avoid",
        "a hepatic rule says avoid, gives max_daily_mg, or is a warning with a severity",
        "avoid",
    ),
    (
        42,
        "dosing.hepatic_rules[0].avoid",
        "an avoid rule gives no max_daily_mg or severity (it is always critical)",
        "avoid",
    ),
    (43, "dosing.renal.bands", "must be a list", "bands"),
    (44, "dosing.renal", "must be a mapping", None),
    (45, "dosing.beers[0].table", "must be one of T2, T3, T4, T5, T6, not 'T9'", "table"),
    (46, "dosing.beers[0].when.below", "is required: a number", "below"),
    (
        47,
        "dosing.contraindications[0].condition",
        "must be one of heart-failure, child-pugh-a, child-pugh-b, child-pugh-c, dialysis, pregnancy, "
        "breastfeeding, not 'gout'",
        "condition",
    ),
    (48, "dosing.elderly[0].min_age", "is required: a number", "min_age"),
    (49, "dosing.titration.indication", "'other' is not one of the drug's indications", "indication"),
    (50, "dosing.titration.steps", "list at least one step", "steps"),
    (
        51,
        "dosing.titration.steps[1].day",
        "days must be whole numbers in increasing order, starting at 1 or later",
        "day",
    ),
    (52, "dosing.titration.steps[1].doses_per_day", "must be a whole number from 1 to 24", "doses_per_day"),
    (53, "dosing.titration.steps[1].source", "is required text", "source"),
    (54, "dosing.titration.steps[1].status", "must be one of L, L2, G, U, not None", "status"),
    (55, "dosing.do_not_use.status", "must be one of L, L2, G, U, not 'Z'", "status"),
]


def test_every_bad_row_is_pinned() -> None:
    assert [row[0] for row in EXACT] == list(range(len(BAD)))


@pytest.mark.parametrize(("index", "path", "message", "key"), EXACT, ids=[f"{r[0]}:{r[1]}" for r in EXACT])
def test_a_refusal_names_the_path_the_whole_message_and_where_it_is(
    index: int, path: str, message: str, key: str | None
) -> None:
    bad_path, value, _phrase = BAD[index]
    with pytest.raises(DosingDataError) as info:
        parse_drug("d", "D", mutate(bad_path, value))
    err = info.value
    assert err.path == path
    text = str(err)
    assert text.startswith(f"dosing data {path}: ")
    said = text[len(f"dosing data {path}: ") :]
    if message.endswith("…"):
        assert said.startswith(message[:-1])
    else:
        assert said == message
    assert err.key == key
    if key is not None:
        assert isinstance(err.node, dict), "the build finds the line through the mapping that holds the key"


# ---------------------------------------------------------------- kidney rows


def band(**changes: Any) -> dict[str, Any]:
    return {**BAND, **changes}


def test_bounds_are_described_with_their_signs_or_as_any_value() -> None:
    closed = parse_band(band(lower=30, lower_inclusive=True, upper=60, upper_inclusive=True), "b")
    assert closed.describe_bounds("mL/min") == "≥ 30 and ≤ 60 mL/min"
    open_ = parse_band(band(lower=30, lower_inclusive=False, upper=60, upper_inclusive=False), "b")
    assert open_.describe_bounds("mL/min") == "> 30 and < 60 mL/min"
    assert parse_band(band(lower=None, upper=15), "b").describe_bounds("mL/min") == "< 15 mL/min"
    unbounded = replace(closed, lower=None, upper=None)  # the parser refuses it; a band built in code may be
    assert unbounded.describe_bounds("mL/min") == "any value"


def test_a_row_reads_its_flags_with_their_defaults() -> None:
    row = parse_band({k: v for k, v in BAND.items() if k not in ("lower_inclusive", "upper_inclusive")}, "b")
    assert (row.lower_inclusive, row.upper_inclusive) == (True, False)
    both = parse_band(band(upper=60, upper_inclusive=True, lower_inclusive=False), "b")
    assert (both.lower_inclusive, both.upper_inclusive) == (False, True)


def test_a_row_whose_bounds_meet_is_accepted_and_a_reversed_one_is_not() -> None:
    point = parse_band(band(lower=30, upper=30, upper_inclusive=True), "b")
    assert (point.lower, point.upper) == (30, 30)
    with pytest.raises(DosingDataError) as info:
        parse_band(band(lower=30, upper=29.9), "b")
    assert str(info.value) == "dosing data b.upper: upper bound 29.9 is below lower bound 30"


def test_a_per_kg_row_may_carry_a_maximum_without_a_daily_range() -> None:
    row = parse_band(
        band(daily_mg=None, per_kg={"mg_per_kg": 2.5, "doses_per_day": 2}, max_daily_mg=400, doses_per_day=[2]), "b"
    )
    assert row.daily_mg is None and row.per_kg is not None and row.max_daily_mg == 400
    assert (row.per_kg.mg_per_kg, row.per_kg.doses_per_day) == (2.5, 2)


def test_a_per_kg_block_names_its_own_path() -> None:
    with pytest.raises(DosingDataError) as info:
        parse_band(band(daily_mg=None, per_kg={"doses_per_day": 2}), "b")
    assert str(info.value) == "dosing data b.per_kg.mg_per_kg: is required: a number"
    with pytest.raises(DosingDataError) as bad:
        parse_band(band(daily_mg={"max": 3}), "b")
    assert str(bad.value) == "dosing data b.daily_mg.min: is required: a number"


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ((None, 30), (10, None), True),  # the first has no lower bound
        ((10, None), (None, 30), True),  # the second has no lower bound
        ((None, 30), (30, None), False),  # a shared end point only
        ((None, 30), (29.5, None), True),  # half a unit of overlap
        ((0, 30), (30.5, None), False),  # a gap
    ],
)
def test_two_rows_overlap_by_more_than_an_end_point(
    first: tuple[float | None, float | None], second: tuple[float | None, float | None], overlap: bool
) -> None:
    a = parse_band(band(label="a", lower=first[0], upper=first[1]), "a")
    b = parse_band(band(label="b", lower=second[0], upper=second[1]), "b")
    assert find_overlaps_by_mistake([a, b]) == ([("a", "b")] if overlap else [])


def test_every_pair_of_rows_is_compared() -> None:
    rows = [parse_band(band(label=n, lower=lo, upper=hi), n) for n, lo, hi in
            [("a", 0, 20), ("b", 20, 40), ("c", 10, 30)]]  # fmt: skip
    assert find_overlaps_by_mistake(rows) == [("a", "c"), ("b", "c")]


# ---------------------------------------------------------------- the reader's checks


@pytest.mark.parametrize("value", [1, 24, [1, 24]])
def test_doses_a_day_from_1_to_24_are_read(value: int | list[int]) -> None:
    listed = value if isinstance(value, list) else [value]
    assert parse_band(band(doses_per_day=listed), "b").doses_per_day == tuple(listed)


@pytest.mark.parametrize("value", [[0], [25], [True], ["2"], [2.0], [], "2"])
def test_a_bad_list_of_doses_a_day_is_refused_whole(value: Any) -> None:
    with pytest.raises(DosingDataError) as info:
        parse_band(band(doses_per_day=value), "b")
    message = "must be a list" if value == "2" else "must be a non-empty list of whole numbers of doses a day (1 to 24)"
    assert str(info.value) == f"dosing data b.doses_per_day: {message}"
    assert info.value.key == "doses_per_day"


@pytest.mark.parametrize(
    ("value", "shown"), [(True, "True"), (-1, "-1"), (float("nan"), "nan"), (float("inf"), "inf"), ("5", "'5'")]
)
def test_a_number_that_is_not_a_non_negative_number_is_refused(value: Any, shown: str) -> None:
    with pytest.raises(DosingDataError) as info:
        parse_band(band(max_daily_mg=value), "b")
    assert str(info.value) == f"dosing data b.max_daily_mg: must be a non-negative number, not {shown}"
    assert info.value.key == "max_daily_mg"


def test_numbers_and_text_are_read_as_given() -> None:
    row = parse_band(band(daily_mg={"min": 0, "max": 0}, max_daily_mg=0, frequency=12, note="  spaced  "), "b")
    assert row.max_daily_mg == 0 and isinstance(row.max_daily_mg, float)
    assert row.frequency == "12" and row.note == "spaced"
    assert parse_band({k: v for k, v in BAND.items() if k != "frequency"}, "b").frequency == ""


@pytest.mark.parametrize(("value", "message"), [(True, "must be text"), (["x"], "must be text"), (None, None)])
def test_text_is_text(value: Any, message: str | None) -> None:
    if message is None:
        assert parse_band(band(label="x", note=value), "b").note == ""
        return
    with pytest.raises(DosingDataError) as info:
        parse_band(band(note=value), "b")
    assert str(info.value) == f"dosing data b.note: {message}"


def test_a_flag_is_true_or_false_only() -> None:
    with pytest.raises(DosingDataError) as info:
        parse_band(band(avoid="no"), "b")
    assert str(info.value) == "dosing data b.avoid: must be true or false"
    assert info.value.key == "avoid" and isinstance(info.value.node, dict)


def test_a_mapping_that_is_not_one_names_its_path_and_value() -> None:
    with pytest.raises(DosingDataError) as info:
        parse_band(["not", "a", "mapping"], "dosing.renal.bands[3]")
    assert info.value.path == "dosing.renal.bands[3]"
    assert str(info.value) == "dosing data dosing.renal.bands[3]: must be a mapping"
    assert info.value.node == ["not", "a", "mapping"] and info.value.key is None


def test_a_single_dose_limit_may_be_below_1_mg() -> None:
    ind = parse_drug("d", "D", mutate("dosing.indications.0.max_single_dose_mg", 0.5)).indications[0]
    assert ind.max_single_dose_mg == 0.5


# ---------------------------------------------------------------- an indication's parts


LOADING = {"days": 7, "daily_mg": 20, "doses_per_day": [2], "text": "Load.", "source": "S-L", "status": "G"}


@pytest.mark.parametrize("days", [1, 60])
def test_a_loading_phase_is_read_whole(days: int) -> None:
    ind = parse_drug("d", "D", mutate("dosing.indications.0.loading", {**LOADING, "days": days})).indications[0]
    assert ind.loading is not None
    assert (ind.loading.days, ind.loading.daily_mg, ind.loading.doses_per_day, ind.loading.text) == (
        days,
        20,
        2,
        "Load.",
    )
    assert (ind.loading.source, ind.loading.status) == ("S-L", "G")


@pytest.mark.parametrize("days", [0, 61, True, 7.0, "7", None])
def test_a_loading_phase_of_a_bad_length_is_refused(days: Any) -> None:
    with pytest.raises(DosingDataError) as info:
        parse_drug("d", "D", mutate("dosing.indications.0.loading", {**LOADING, "days": days}))
    assert (
        str(info.value) == "dosing data dosing.indications[0].loading.days: must be a whole number of days from 1 to 60"
    )
    assert info.value.key == "days"


def test_an_indications_optional_parts_are_read_and_default() -> None:
    weight = {"below_kg": 50, "max_mg_per_kg_daily": 60, "text": "W.", "source": "S-W", "status": "U"}
    limit = {"measure": "egfr", "below": 30, "text": "Not below 30.", "source": "S-R", "status": "G"}
    data = mutate("dosing.indications.0.weight_rule", weight)
    data["dosing"]["indications"][0]["renal_limit"] = limit
    data["dosing"]["indications"][0]["note"] = "A note."
    ind = parse_drug("d", "D", data).indications[0]
    assert ind.weight_rule is not None and (ind.weight_rule.source, ind.weight_rule.status) == ("S-W", "U")
    assert ind.renal_limit is not None
    assert (ind.renal_limit.measure, ind.renal_limit.below, ind.renal_limit.text) == ("egfr", 30, "Not below 30.")
    assert (ind.renal_limit.source, ind.renal_limit.status) == ("S-R", "G")
    assert (ind.form, ind.note, ind.max_daily_mg, ind.loading) == ("tablets", "A note.", 20, None)
    plain_data = mutate("dosing.indications.0.form", None)
    del plain_data["dosing"]["indications"][0]["max_daily_mg"]
    plain = parse_drug("d", "D", plain_data).indications[0]
    assert (plain.form, plain.note, plain.max_daily_mg) == ("", "", None)


def test_the_hepatic_statement_names_its_path() -> None:
    with pytest.raises(DosingDataError) as info:
        parse_drug("d", "D", mutate("dosing.hepatic", {"text": "t", "source": "S"}))
    assert info.value.path == "dosing.hepatic.status"


def test_the_renal_label_version_is_read_and_defaults_to_empty() -> None:
    drug = parse_drug("d", "D", mutate("dosing.renal.label_version", "Label 2024"))
    assert drug.renal is not None and drug.renal.label_version == "Label 2024"
    plain = parse_drug("d", "D", DRUG)
    assert plain.renal is not None and plain.renal.label_version == ""


# ---------------------------------------------------------------- a whole drug read back


def full_drug() -> dict[str, Any]:
    data = mutate("dosing.boxed_warnings", [{"text": "Boxed.", "source": "S-X", "status": "L2"}])
    dosing = data["dosing"]
    dosing["strengths_mg"] = [10, 0.5, 5]
    dosing["hepatic_rules"] = [{"child_pugh": ["B"], "avoid": False, "max_daily_mg": 10, "text": "Half.",
                                "source": "S-H", "status": "G"}]  # fmt: skip
    dosing["elderly"][0]["severity"] = "info"
    dosing["titration"]["steps"][0]["note"] = "Start."
    dosing["renal"]["dialysis"]["hd"] = {"basis": "row", "maintenance_band": "CrCl 30 or more", "text": "Row.",
                                        "source": "S-D", "status": "G"}  # fmt: skip
    return data


def test_every_part_of_a_drug_is_read_with_its_source_and_status() -> None:
    d = parse_drug("d", "Drug D", full_drug())
    assert (d.drug_id, d.title, d.systemic) == ("d", "Drug D", True)
    assert [(b.text, b.source, b.status) for b in d.boxed_warnings] == [("Boxed.", "S-X", "L2")]
    assert d.strengths_mg == (0.5, 5.0, 10.0)
    assert [(h.classes, h.max_daily_mg, h.text, h.source, h.status) for h in d.hepatic_rules] == [
        (("B",), 10, "Half.", "S-H", "G")
    ]
    (elderly,) = d.elderly
    assert (elderly.text, elderly.source, elderly.status, elderly.severity) == ("Cap.", "S-A", "U", "info")
    (beers,) = d.beers
    assert (beers.when_measure, beers.when_below, beers.when_condition) == ("crcl", 30, None)
    assert (beers.source, beers.status, beers.rationale) == ("S-B", "G", "")
    (ci,) = d.contraindications
    assert (ci.condition, ci.severity, ci.message, ci.source, ci.status) == (
        "heart-failure",
        "caution",
        "m",
        "S-A",
        "L",
    )
    assert d.hepatic is not None and (d.hepatic.text, d.hepatic.source, d.hepatic.status) == ("None.", "S-A", "L")
    assert d.titration is not None
    assert (d.titration.indication, d.titration.source, d.titration.status) == ("x", "S-A", "L")
    assert [(s.day, s.daily_mg, s.doses_per_day, s.note) for s in d.titration.steps] == [(1, 10, 2, "Start."),
                                                                                        (8, 20, 2, "")]  # fmt: skip
    assert d.renal is not None and (d.renal.source, d.renal.status) == ("S-A", "L")
    hd, pd = d.renal.dialysis["hd"], d.renal.dialysis["pd"]
    assert (hd.mode, hd.basis, hd.maintenance_band, hd.source, hd.status) == (
        "hd",
        "row",
        "CrCl 30 or more",
        "S-D",
        "G",
    )
    assert (pd.mode, pd.frequency, pd.supplement, pd.status) == ("pd", "", "", "U")


def test_a_beers_row_without_a_condition_or_measure_has_none() -> None:
    data = copy.deepcopy(DRUG)
    del data["dosing"]["beers"][0]["when"]
    (beers,) = parse_drug("d", "D", data).beers
    assert (beers.when_measure, beers.when_below, beers.when_condition) == (None, None, None)


def test_an_elderly_rule_severity_is_one_of_three() -> None:
    for severity in ("info", "moderate", "major"):
        data = copy.deepcopy(DRUG)
        data["dosing"]["elderly"][0]["severity"] = severity
        assert parse_drug("d", "D", data).elderly[0].severity == severity
    data["dosing"]["elderly"][0]["severity"] = "critical"
    with pytest.raises(DosingDataError) as info:
        parse_drug("d", "D", data)
    assert (
        str(info.value)
        == "dosing data dosing.elderly[0].severity: must be one of info, moderate, major, not 'critical'"
    )


def test_a_boxed_warning_names_its_path() -> None:
    with pytest.raises(DosingDataError) as info:
        parse_drug("d", "D", mutate("dosing.boxed_warnings", [{"text": "B.", "source": "S"}]))
    assert info.value.path == "dosing.boxed_warnings[0].status"


@pytest.mark.parametrize("strengths", [[True], [1, 0], [-5], ["5"], [None]])
def test_strengths_must_be_positive_numbers(strengths: list[Any]) -> None:
    with pytest.raises(DosingDataError) as info:
        parse_drug("d", "D", mutate("dosing.strengths_mg", strengths))
    assert str(info.value).endswith("must list the tablet or capsule strengths in mg (positive numbers)")


@pytest.mark.parametrize("day", [True, 8.0, "8", None])
def test_a_titration_day_is_a_whole_number(day: Any) -> None:
    with pytest.raises(DosingDataError) as info:
        parse_drug("d", "D", mutate("dosing.titration.steps.1.day", day))
    assert info.value.path == "dosing.titration.steps[1].day"


def test_a_drug_not_to_use_carries_its_reason_source_and_status() -> None:
    data = {"systemic": True, "dosing": {"do_not_use": {"reason": "Harm.", "source": "S-Q", "status": "G"}}}
    d = parse_drug("q", "Q", data)
    assert d.do_not_use is not None and (d.do_not_use.text, d.do_not_use.source, d.do_not_use.status) == (
        "Harm.", "S-Q", "G",
    )  # fmt: skip
    assert d.renal is None and d.indications == ()


def test_a_topical_drug_is_read_and_its_mistakes_are_placed() -> None:
    topical = {"schedule": "Apply.", "renal": "None.", "source": "S", "status": "L"}
    d = parse_drug("t", "Topical T", {"systemic": False, "topical": topical})
    assert (d.drug_id, d.title, d.systemic, d.main_indication, d.indications) == ("t", "Topical T", False, None, ())
    assert (d.renal, d.elderly, d.beers, d.contraindications) == (None, (), (), ())
    assert d.topical == {"schedule": "Apply.", "renal": "None.", "source": "S", "status": "L"}
    meta = {"systemic": False, "topical": topical, "dosing": {}}
    with pytest.raises(DosingDataError) as info:
        parse_drug("t", "T", meta)
    err = info.value
    assert (err.path, err.node, err.key) == ("dosing", meta, "dosing")
    assert str(err) == "dosing data dosing: a non-systemic drug has a topical block, not dosing"
    bare = {"systemic": False}
    with pytest.raises(DosingDataError) as missing:
        parse_drug("t", "T", bare)
    err = missing.value
    assert (err.path, err.node, err.key) == ("topical", bare, "systemic")
    assert str(err) == "dosing data topical: a non-systemic drug needs a topical block"
    with pytest.raises(DosingDataError) as bad:
        parse_drug("t", "T", {"systemic": False, "topical": {**topical, "schedule": None}})
    assert bad.value.path == "topical.schedule"


# ---------------------------------------------------------------- pregnancy and breastfeeding


def advice(severity: str = "avoid", text: str = "Advice.", source: str = "S-P", status: str = "G") -> dict[str, Any]:
    return {"severity": severity, "text": text, "source": source, "status": status}


def reproductive(**drugs: Any) -> dict[str, Any]:
    return {"sources": {"S-P": "A source.", "S-Q": "Another."}, "drugs": drugs}


def test_pregnancy_and_breastfeeding_advice_is_read_whole() -> None:
    entry = {"pregnancy": advice(), "breastfeeding": advice("caution", "Watch.", "S-Q", "L"),
             "by_indication": {"low-dose": {"pregnancy": advice("info", "Low dose.")}}}  # fmt: skip
    out = parse_reproductive(reproductive(aspirin=entry))
    assert list(out) == ["aspirin"]
    assert out["aspirin"] == (
        Contraindication("pregnancy", "avoid", "Advice.", "S-P", "G"),
        Contraindication("breastfeeding", "caution", "Watch.", "S-Q", "L"),
        Contraindication("pregnancy", "info", "Low dose.", "S-P", "G", indication="low-dose"),
    )


def test_by_indication_may_give_breastfeeding_alone() -> None:
    entry = {"pregnancy": advice(), "breastfeeding": advice(),
             "by_indication": {"x": {"breastfeeding": advice("info", "For x.")}}}  # fmt: skip
    extra = parse_reproductive(reproductive(d=entry))["d"][2]
    assert (extra.condition, extra.indication, extra.message) == ("breastfeeding", "x", "For x.")


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ({"sources": {}}, "pregnancy-lactation", "needs a 'sources' mapping and a 'drugs' mapping"),
        ({"sources": {}, "drugs": []}, "pregnancy-lactation", "needs a 'sources' mapping and a 'drugs' mapping"),
        ({"sources": ["S-P"], "drugs": {}}, "pregnancy-lactation", "needs a 'sources' mapping and a 'drugs' mapping"),
        (reproductive(d={"breastfeeding": advice()}), "drugs.d.pregnancy",
         "is required (severity, text, source, status)"),
        (reproductive(d={"pregnancy": advice(), "breastfeeding": advice(source="S-Z")}), "drugs.d.breastfeeding.source",
         "'S-Z' is not defined under 'sources'"),
        (reproductive(d={"pregnancy": advice(), "breastfeeding": advice(), "by_indication": ["x"]}),
         "drugs.d.by_indication", "maps an indication id to its own pregnancy or breastfeeding advice"),
        (reproductive(d={"pregnancy": advice(), "breastfeeding": advice(),
                         "by_indication": {"x": {"pregnancy": advice(severity="never")}}}),
         "drugs.d.by_indication.x.pregnancy.severity",
         "must be one of contraindicated, avoid, caution, info, not 'never'"),
        (reproductive(d="avoid"), "drugs.d", "must be a mapping"),
    ],
)  # fmt: skip
def test_bad_reproductive_advice_names_its_path(data: dict[str, Any], path: str, message: str) -> None:
    with pytest.raises(DosingDataError) as info:
        parse_reproductive(data)
    assert (info.value.path, str(info.value)) == (path, f"dosing data {path}: {message}")


def test_a_drug_without_a_titration_has_none() -> None:
    data = copy.deepcopy(DRUG)
    del data["dosing"]["titration"]
    assert parse_drug("d", "D", data).titration is None


def test_a_drug_not_to_use_needs_no_dialysis_rules_even_with_kidney_rows() -> None:
    renal = {"measure": "crcl", "source": "S-A", "status": "L", "bands": [BAND, LOW]}
    data = {"systemic": True, "dosing": {"do_not_use": {"reason": "Harm.", "source": "S-Q", "status": "G"},
                                         "renal": renal}}  # fmt: skip
    d = parse_drug("q", "Q", data)
    assert d.do_not_use is not None and d.renal is not None and d.renal.dialysis == {}


# ---------------------------------------------------------------- the build's placing of a mistake


def monograph(meta: dict[str, Any], body: str = "{{dosing:renal}} {{dosing:elderly}}") -> Any:
    return SimpleNamespace(id="d", title="D", meta=meta, path=Path("drugs/d.md"), body=body, body_line=21)


def corpus(*causes: str) -> Any:
    return SimpleNamespace(monographs={c: SimpleNamespace(kind="cause") for c in causes})


def test_a_mistake_without_a_node_is_placed_at_its_top_level_key() -> None:
    meta = {**mutate("dosing.renal", "none"), "_lines": {"dosing": 7, "systemic": 3}}
    (error,) = validate_drug(monograph(meta), corpus("x"))
    assert (error.path, error.line) == (Path("drugs/d.md"), 7)
    assert error.message == "dosing data dosing.renal: must be a mapping"
    meta = {**mutate("systemic", "yes"), "_lines": {"dosing": 7, "systemic": 3}}
    assert validate_drug(monograph(meta), corpus("x"))[0].line == 3


def test_a_mistake_whose_key_is_not_listed_is_placed_on_line_2() -> None:
    assert validate_drug(monograph(mutate("systemic", "yes")), corpus("x"))[0].line == 2  # no _lines at all
    meta = {**mutate("systemic", "yes"), "_lines": {"dosing": 7}}
    assert validate_drug(monograph(meta), corpus("x"))[0].line == 2


def test_an_indication_that_names_no_cause_is_placed_at_the_dosing_key() -> None:
    meta = {**copy.deepcopy(DRUG), "_lines": {"dosing": 9}}
    (error,) = validate_drug(monograph(meta), corpus("other"))
    assert (error.line, error.message) == (9, "indication 'x' names no cause")
    (unplaced,) = validate_drug(monograph(copy.deepcopy(DRUG)), corpus())
    assert (unplaced.line, unplaced.message) == (2, "indication 'x' names no cause")
    assert validate_drug(monograph(meta), corpus("x")) == []


def test_a_missing_body_marker_is_placed_at_the_body() -> None:
    (error,) = validate_drug(monograph(copy.deepcopy(DRUG), body="{{dosing:renal}}"), corpus("x"))
    assert (error.line, error.message) == (21, "a systemic drug's body needs the {{dosing:elderly}} line")
