"""Exact values for opioids.py: each test pins a number, a limit or a message a mutant could change (issue 21).

The table is written here with the CDC 2022 factors (Dowell et al., MMWR Recomm Rep 2022;71(3), table:
morphine 1, oxycodone 1.5, methadone 4.7, transdermal fentanyl 2.4 per microgram an hour) and the CDC 2022
dosage levels of 50 and 90 MME/day, so every total below can be re-done by hand: MME/day = daily amount x factor.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from legpain_desktop.core.dosing.opioids import (
    MmeLine,
    MmeTotal,
    OpioidAlert,
    OpioidFactor,
    OpioidTable,
    OpioidTaken,
    OpioidThreshold,
    format_mme,
    morphine_equivalents,
    parse_opioid_table,
)
from legpain_desktop.core.dosing.schema import DosingDataError

AT_50 = "50 MME/day or more: reassess benefit and risk."
AT_90 = "90 MME/day or more: avoid increasing."
ADVICE = "Discuss overdose risk and offer naloxone."
WITH_RISK = "Offer naloxone and teach its use."
DISCLAIMER = "MME/day estimates overdose risk; it is not a conversion chart."
BUP = "not counted: CDC 2022 leaves buprenorphine out"
PETH = "no CDC 2022 factor for pethidine"
PATCH = "transdermal patch, micrograms an hour"
METH = "methadone: the factor is an estimate"


def _section() -> dict[str, Any]:
    return {
        "source": " CDC-2022 ",
        "disclaimer": DISCLAIMER,
        "factors": {
            "morphine": {"factor": 1, "unit": "mg/day", "source": "CDC-2022", "status": "G"},
            "oxycodone": {"factor": 1.5, "unit": "mg/day", "source": "CDC-2022", "status": "L"},
            "methadone": {"factor": 4.7, "unit": "mg/day", "source": "CDC-2022", "status": "G", "note": METH},
            "fentanyl": {"factor": 2.4, "unit": "mcg/h", "source": "FEN-1", "status": "L2", "note": PATCH,
                         "not_for": ["Actiq", "ABSTRAL"]},
        },
        "excluded": {"buprenorphine": f" {BUP} "},
        "no_factor": {"pethidine": PETH},
        "thresholds": [
            {"at": 50, "severity": "moderate", "message": AT_50},
            {"at": 90, "severity": "major", "message": AT_90},
        ],
        "naloxone": {"advice": ADVICE, "with_risk": WITH_RISK, "risk_classes": ["benzodiazepine", "gabapentinoid"],
                     "risk_drugs": ["buprenorphine"]},
    }  # fmt: skip


OPIOIDS = ("morphine", "oxycodone", "methadone", "fentanyl", "buprenorphine", "pethidine")
CLASSES = {
    **{d: frozenset({"opioid"}) for d in OPIOIDS},
    "diazepam": frozenset({"benzodiazepine"}),
    "tramadol-like": frozenset({"analgesic"}),
}
SOURCES = {"cdc-2022", "fen-1"}


def _normalise(name: str) -> str:
    return name.lower()


def _parse(section: dict[str, Any] | None = None, classes: dict[str, frozenset[str]] | None = None) -> OpioidTable:
    table = parse_opioid_table(
        {"opioid_equivalence": _section() if section is None else section},
        CLASSES if classes is None else classes,
        SOURCES,
        _normalise,
    )
    assert table is not None
    return table


TABLE = OpioidTable(
    source="CDC-2022",
    factors={
        "morphine": OpioidFactor("morphine", 1.0, "mg/day", "CDC-2022", "G"),
        "oxycodone": OpioidFactor("oxycodone", 1.5, "mg/day", "CDC-2022", "L"),
        "methadone": OpioidFactor("methadone", 4.7, "mg/day", "CDC-2022", "G", METH),
        "fentanyl": OpioidFactor("fentanyl", 2.4, "mcg/h", "FEN-1", "L2", PATCH, frozenset({"actiq", "abstral"})),
    },
    excluded={"buprenorphine": BUP},
    no_factor={"pethidine": PETH},
    thresholds=(OpioidThreshold(50.0, "moderate", AT_50), OpioidThreshold(90.0, "major", AT_90)),
    naloxone=ADVICE,
    naloxone_risk=WITH_RISK,
    risk_classes=frozenset({"benzodiazepine", "gabapentinoid"}),
    disclaimer=DISCLAIMER,
    risk_drugs=frozenset({"buprenorphine"}),
)


# --------------------------------------------------------------------------- reading the table


def test_the_table_is_read_field_by_field() -> None:
    table = _parse()
    assert table == TABLE
    assert [type(f.factor) for f in table.factors.values()] == [float] * 4
    assert list(table.factors) == ["morphine", "oxycodone", "methadone", "fentanyl"]


def test_optional_parts_default_to_empty() -> None:
    section = _section()
    for key in ("excluded", "no_factor", "thresholds"):
        del section[key]
    del section["naloxone"]["risk_classes"], section["naloxone"]["risk_drugs"]
    section["factors"]["buprenorphine"] = {"factor": 25, "unit": "mg/day", "source": "CDC-2022", "status": "U"}
    section["factors"]["pethidine"] = {"factor": 0.1, "unit": "mg/day", "source": "CDC-2022", "status": "U"}
    table = _parse(section)
    assert (table.excluded, table.no_factor, table.thresholds) == ({}, {}, ())
    assert (table.risk_classes, table.risk_drugs) == (frozenset(), frozenset())
    # a factor below 1 (pethidine 0.1) is as valid as one above
    assert table.factors["pethidine"] == OpioidFactor("pethidine", 0.1, "mg/day", "CDC-2022", "U")


def test_without_a_section_there_is_no_table() -> None:
    assert parse_opioid_table({}, CLASSES, SOURCES, _normalise) is None
    assert parse_opioid_table({"opioid_equivalence": None}, CLASSES, SOURCES, _normalise) is None


def test_a_threshold_below_1_mme_is_valid() -> None:
    section = _section()
    section["thresholds"] = [{"at": 0.5, "severity": "moderate", "message": "low"}]
    assert _parse(section).thresholds == (OpioidThreshold(0.5, "moderate", "low"),)


def _changed(change: Any) -> dict[str, Any]:
    section = copy.deepcopy(_section())
    change(section)
    return section


def _set(path: str, value: Any) -> Any:
    def change(section: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = section
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if value is DELETE:
            del node[last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


DELETE = object()
F = "opioid_equivalence.factors"
T = "opioid_equivalence.thresholds"
NEEDS_FACTORS = "dosing data opioid_equivalence: needs 'factors' (drug id -> factor, unit, source, status)"
POSITIVE = "'factor' must be a positive number"
AT_POSITIVE = "'at' must be a positive number of MME/day"
SEVERITY = "severity must be one of moderate, major"
RISE = f"dosing data {T}: must rise, each level once"
REASONS = "must map drug ids to the reason in words"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set("factors", DELETE), NEEDS_FACTORS),
        (_set("factors", ["morphine"]), NEEDS_FACTORS),
        (_set("source", DELETE), "dosing data opioid_equivalence: 'source' is required"),
        (_set("source", "  "), "dosing data opioid_equivalence: 'source' is required"),
        (_set("source", 2022), "dosing data opioid_equivalence: 'source' is required"),
        (_set("disclaimer", DELETE), "dosing data opioid_equivalence: 'disclaimer' is required"),
        (_set("factors/morphine", 1.0), f"dosing data {F}.morphine: each factor is a mapping with factor, unit, "
                                        "source and status"),
        (_set("factors/morphine/factor", True), f"dosing data {F}.morphine: {POSITIVE}"),
        (_set("factors/morphine/factor", "1"), f"dosing data {F}.morphine: {POSITIVE}"),
        (_set("factors/morphine/factor", float("nan")), f"dosing data {F}.morphine: {POSITIVE}"),
        (_set("factors/morphine/factor", float("inf")), f"dosing data {F}.morphine: {POSITIVE}"),
        (_set("factors/morphine/factor", 0), f"dosing data {F}.morphine: {POSITIVE}"),
        (_set("factors/morphine/factor", -1.5), f"dosing data {F}.morphine: {POSITIVE}"),
        (_set("factors/morphine/unit", "mg"), f"dosing data {F}.morphine: 'unit' must be one of mg/day, mcg/h"),
        (_set("factors/morphine/unit", DELETE), f"dosing data {F}.morphine: 'unit' must be one of mg/day, mcg/h"),
        (_set("factors/morphine/status", "X"), f"dosing data {F}.morphine: status must be one of L, L2, G, U"),
        (_set("factors/morphine/status", DELETE), f"dosing data {F}.morphine: status must be one of L, L2, G, U"),
        (_set("factors/morphine/source", DELETE), f"dosing data {F}.morphine: 'source' is required"),
        (_set("excluded", ["buprenorphine"]), f"dosing data opioid_equivalence.excluded: {REASONS}"),
        (_set("excluded/buprenorphine", " "), f"dosing data opioid_equivalence.excluded: {REASONS}"),
        (_set("excluded/buprenorphine", 1), f"dosing data opioid_equivalence.excluded: {REASONS}"),
        (_set("no_factor/pethidine", ""), f"dosing data opioid_equivalence.no_factor: {REASONS}"),
        (_set("thresholds/1", "90"), f"dosing data {T}[1]: {SEVERITY}"),
        (_set("thresholds/1/severity", "info"), f"dosing data {T}[1]: {SEVERITY}"),
        (_set("thresholds/0/severity", DELETE), f"dosing data {T}[0]: {SEVERITY}"),
        (_set("thresholds/1/at", True), f"dosing data {T}[1]: {AT_POSITIVE}"),
        (_set("thresholds/1/at", "90"), f"dosing data {T}[1]: {AT_POSITIVE}"),
        (_set("thresholds/1/at", DELETE), f"dosing data {T}[1]: {AT_POSITIVE}"),
        (_set("thresholds/0/at", 0), f"dosing data {T}[0]: {AT_POSITIVE}"),
        (_set("thresholds/0/at", -50), f"dosing data {T}[0]: {AT_POSITIVE}"),
        (_set("thresholds/1/message", " "), f"dosing data {T}[1]: 'message' is required"),
        (_set("thresholds/1/at", 50), RISE),
        (_set("thresholds/1/at", 40), RISE),
        (_set("naloxone", DELETE), "dosing data opioid_equivalence.naloxone: needs 'advice', 'with_risk' and "
                                   "'risk_classes'"),
        (_set("naloxone", ADVICE), "dosing data opioid_equivalence.naloxone: needs 'advice', 'with_risk' and "
                                   "'risk_classes'"),
        (_set("naloxone/advice", DELETE), "dosing data opioid_equivalence.naloxone: 'advice' is required"),
        (_set("naloxone/with_risk", ""), "dosing data opioid_equivalence.naloxone: 'with_risk' is required"),
    ],
)  # fmt: skip
def test_a_malformed_table_is_refused_where_it_is_wrong(change: Any, message: str) -> None:
    with pytest.raises(DosingDataError) as caught:
        _parse(_changed(change))
    assert str(caught.value) == message


def test_a_section_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(DosingDataError) as caught:
        parse_opioid_table({"opioid_equivalence": ["morphine"]}, CLASSES, SOURCES, _normalise)
    assert str(caught.value) == NEEDS_FACTORS


@pytest.mark.parametrize(
    ("change", "classes", "message"),
    [
        (_set("excluded/morphine", "twice"), None, "'morphine' is listed twice (factors, excluded and no_factor "
                                                   "are exclusive)"),
        (_set("no_factor/buprenorphine", "twice"), None, "'buprenorphine' is listed twice (factors, excluded and "
                                                         "no_factor are exclusive)"),
        (_set("no_factor/heroin", "unknown"), None, "'heroin' is not a known drug"),
        (_set("no_factor/diazepam", "not one"), None, "'diazepam' is not in the opioid class"),
        (lambda s: None, {**CLASSES, "tapentadol": frozenset({"opioid", "snri"})},
         "opioid 'tapentadol' has no factor: add one with its source, or list it as excluded or no_factor"),
        (_set("source", "CDC-2016"), None, "source 'CDC-2016' is not defined in 'sources'"),
        (_set("factors/oxycodone/source", "OXY-9"), None, "source 'OXY-9' is not defined in 'sources'"),
    ],
)  # fmt: skip
def test_every_opioid_is_accounted_for_once_with_a_known_source(
    change: Any, classes: dict[str, frozenset[str]] | None, message: str
) -> None:
    with pytest.raises(DosingDataError) as caught:
        _parse(_changed(change), classes)
    assert str(caught.value) == f"dosing data opioid_equivalence: {message}"


def test_a_source_key_is_matched_whatever_its_case() -> None:
    section = _section()
    section["factors"]["oxycodone"]["source"] = "fen-1"
    assert _parse(section).factors["oxycodone"].source == "fen-1"


# --------------------------------------------------------------------------- the total


def taken(
    drug_id: str,
    amount: float | None,
    unit: str | None = "mg/day",
    name: str = "",
    problem: str = "",
    normalised: str = "",
) -> OpioidTaken:
    return OpioidTaken(drug_id, name or drug_id.capitalize(), amount, unit, "as entered", problem, normalised)


def line(drug_id: str, amount: float | None, unit: str, factor: float | None, mme: float | None, source: str,
         note: str = "", name: str = "") -> MmeLine:  # fmt: skip
    return MmeLine(drug_id, name or drug_id.capitalize(), amount, unit, factor, mme, source, "as entered", note)


def naloxone(risky: bool) -> OpioidAlert:
    return OpioidAlert("moderate" if risky else "info", WITH_RISK if risky else ADVICE, "CDC-2022", "naloxone")


def test_no_opioid_gives_no_total() -> None:
    assert morphine_equivalents(TABLE, []) is None


def test_oxycodone_40_mg_a_day_is_60_mme_in_the_50_band() -> None:
    """CDC 2022: oxycodone 40 mg/day x 1.5 = 60 MME/day, at or above 50 and below 90."""
    total = morphine_equivalents(TABLE, [taken("oxycodone", 40)])
    assert total == MmeTotal(
        total=60.0,
        known=60.0,
        lines=(line("oxycodone", 40, "mg/day", 1.5, 60.0, "CDC-2022"),),
        missing=(),
        alerts=(OpioidAlert("moderate", f"60 MME/day: {AT_50}", "CDC-2022", "band"), naloxone(True)),
        disclaimer=DISCLAIMER,
        source="CDC-2022",
        excluded=(),
        band=50.0,
        offer_naloxone=True,
    )
    assert total.summary() == "60 MME/day" and total.complete


@pytest.mark.parametrize(
    ("mg", "band", "severity", "message"),
    [
        (49.99, None, None, None),
        (50, 50.0, "moderate", AT_50),
        (50.01, 50.0, "moderate", AT_50),
        (89.99, 50.0, "moderate", AT_50),
        (90, 90.0, "major", AT_90),
        (90.01, 90.0, "major", AT_90),
        (200, 90.0, "major", AT_90),
    ],
)
def test_each_band_starts_exactly_at_its_level(
    mg: float, band: float | None, severity: str | None, message: str | None
) -> None:
    """Morphine (factor 1): the MME/day is the mg a day; 50 and 90 are reached "or more" (CDC 2022)."""
    total = morphine_equivalents(TABLE, [taken("morphine", mg)])
    assert total is not None
    assert total.total == pytest.approx(mg) and total.band == band
    expected = [] if severity is None else [OpioidAlert(severity, f"{format_mme(mg)} MME/day: {message}",
                                                        "CDC-2022", "band")]  # fmt: skip
    assert list(total.alerts) == [*expected, naloxone(band is not None)]
    assert total.offer_naloxone is (band is not None)


def test_a_fentanyl_patch_of_37_5_micrograms_an_hour_is_exactly_90() -> None:
    """37.5 mcg/h x 2.4 = 90 MME/day (CDC 2022), reached although 37.5 * 2.4 is 90.00000000000001 in floats."""
    total = morphine_equivalents(TABLE, [taken("fentanyl", 37.5, "mcg/h")])
    assert total is not None and total.total == 90.0 and total.band == 90.0
    assert total.lines == (line("fentanyl", 37.5, "mcg/h", 2.4, 90.0, "FEN-1", PATCH),)
    assert total.alerts[0].message == f"90 MME/day: {AT_90}"


def test_33_3_mg_of_oxycodone_stays_below_50() -> None:
    total = morphine_equivalents(TABLE, [taken("oxycodone", 33.3)])
    assert total is not None and total.total == 49.95 and total.band is None
    assert total.summary() == "49.95 MME/day" and total.alerts == (naloxone(False),)


def test_several_opioids_add_up() -> None:
    """Oxycodone 20 mg (30) + morphine 15 mg (15) + fentanyl 12 mcg/h (28.8) + methadone 5 mg (23.5) = 97.3."""
    total = morphine_equivalents(
        TABLE,
        [taken("oxycodone", 20), taken("morphine", 15), taken("fentanyl", 12, None), taken("methadone", 5)],
    )
    assert total is not None and total.total == 97.3 and total.known == 97.3 and total.band == 90.0
    assert [x.mme for x in total.lines] == [30.0, 15.0, 28.8, 23.5]
    assert total.lines[2] == line("fentanyl", 12, "mcg/h", 2.4, 28.8, "FEN-1", PATCH)
    assert total.lines[3] == line("methadone", 5, "mg/day", 4.7, 23.5, "CDC-2022", METH)
    assert total.alerts[0] == OpioidAlert("major", f"97.3 MME/day: {AT_90}", "CDC-2022", "band")


def test_each_line_and_the_total_are_rounded_to_six_decimals() -> None:
    """Methadone 2.1234567 mg x 4.7 = 9.98024649, kept as 9.980246 (the rounding that makes 37.5 x 2.4 = 90)."""
    total = morphine_equivalents(TABLE, [taken("methadone", 2.1234567)])
    assert total is not None and total.lines[0].mme == 9.980246 and total.total == 9.980246


def test_the_total_is_the_sum_of_the_lines_to_six_decimals_at_any_size() -> None:
    """800000000.013808 + 0.565 = 800000000.578808 exactly; no dose is this large, but the arithmetic is
    documented as six decimals, and a seventh would give 800000000.5788081 here (the float sum's own error)."""
    total = morphine_equivalents(TABLE, [taken("morphine", 800000000.013808), taken("morphine", 0.565)])
    assert total is not None and total.total == 800000000.578808 and total.known == 800000000.578808


def test_an_opioid_without_a_daily_dose_makes_the_total_incomplete_never_zero() -> None:
    total = morphine_equivalents(TABLE, [taken("oxycodone", 40), taken("morphine", None)])
    missing = "Morphine: no daily dose given (enter it in mg a day)"
    assert total == MmeTotal(
        total=None,
        known=60.0,
        lines=(
            line("oxycodone", 40, "mg/day", 1.5, 60.0, "CDC-2022"),
            line("morphine", None, "mg/day", 1.0, None, "CDC-2022", "no daily dose given (enter it in mg a day)"),
        ),
        missing=(missing,),
        alerts=(
            OpioidAlert("moderate", f"at least 60 MME/day: {AT_50}", "CDC-2022", "band"),
            OpioidAlert(
                "major",
                f"Morphine-equivalent total incomplete (60 MME/day counted): {missing}. Enter each opioid's daily "
                "dose; an opioid without one is not counted as zero.",
                "CDC-2022",
                "incomplete",
            ),
            naloxone(True),
        ),
        disclaimer=DISCLAIMER,
        source="CDC-2022",
        band=50.0,
        offer_naloxone=True,
    )
    assert total.summary() == f"incomplete: at least 60 MME/day counted; {missing}"
    assert not total.complete


def test_why_a_dose_is_missing_names_the_unit_and_the_factors_note() -> None:
    total = morphine_equivalents(
        TABLE,
        [
            taken("fentanyl", None, "mcg/h"),
            taken("methadone", None, problem="taken as needed"),
            taken("morphine", None, problem="is one dose: say how often"),
        ],
    )
    assert total is not None and total.total is None and total.known == 0
    assert total.missing == (
        f"Fentanyl: no daily dose given (enter it in micrograms an hour) ({PATCH})",
        f"Methadone: taken as needed ({METH})",
        "Morphine: is one dose: say how often",
    )
    assert total.alerts[0].message == (
        "Morphine-equivalent total incomplete (0 MME/day counted): " + "; ".join(total.missing) + ". Enter each "
        "opioid's daily dose; an opioid without one is not counted as zero."
    )
    assert total.summary() == "incomplete: at least 0 MME/day counted; " + "; ".join(total.missing)
    assert total.lines[0] == line("fentanyl", None, "mcg/h", 2.4, None, "FEN-1", total.missing[0][10:])
    assert [a.kind for a in total.alerts] == ["incomplete", "naloxone"] and total.band is None


def test_a_dose_in_the_other_unit_is_not_converted() -> None:
    total = morphine_equivalents(TABLE, [taken("fentanyl", 25, "mg/day"), taken("morphine", 30, "mcg/h")])
    assert total is not None and total.total is None and total.known == 0
    assert total.lines == (
        line("fentanyl", 25, "mg/day", 2.4, None, "FEN-1", "the dose is in mg a day, but the factor needs "
             "micrograms an hour"),
        line("morphine", 30, "mcg/h", 1.0, None, "CDC-2022", "the dose is in micrograms an hour, but the factor "
             "needs mg a day"),
    )  # fmt: skip


def test_a_dose_in_the_factors_own_unit_or_none_is_converted() -> None:
    """Fentanyl 25 mcg/h x 2.4 = 60 MME/day whether the unit is given or implied (``fentanyl:25``)."""
    for unit in ("mcg/h", None):
        total = morphine_equivalents(TABLE, [taken("fentanyl", 25, unit)])
        assert total is not None and total.total == 60.0
        assert total.lines == (line("fentanyl", 25, "mcg/h", 2.4, 60.0, "FEN-1", PATCH),)


def test_a_form_the_factor_does_not_cover_is_not_counted() -> None:
    total = morphine_equivalents(TABLE, [taken("fentanyl", 200, "mcg/h", name="Actiq", normalised="actiq")])
    note = f"{PATCH} (Actiq is not covered by this factor)"
    assert total is not None and total.total is None and total.missing == (f"Actiq: {note}",)
    assert total.lines == (line("fentanyl", 200, "mcg/h", None, None, "FEN-1", note, name="Actiq"),)
    covered = morphine_equivalents(TABLE, [taken("fentanyl", 25, "mcg/h", name="Durogesic", normalised="durogesic")])
    assert covered is not None and covered.total == 60.0


def test_an_opioid_without_a_factor_makes_the_total_incomplete() -> None:
    total = morphine_equivalents(TABLE, [taken("pethidine", 300), taken("morphine", 20)])
    assert total is not None and total.total is None and total.known == 20
    assert total.lines[0] == line("pethidine", 300, "mg/day", None, None, "", PETH)
    assert total.missing == (f"Pethidine: {PETH}",)
    assert total.summary() == f"incomplete: at least 20 MME/day counted; Pethidine: {PETH}"


def test_a_drug_outside_the_table_has_no_conversion_factor() -> None:
    total = morphine_equivalents(TABLE, [taken("tramadol-like", 100, None), taken("morphine", 20)])
    assert total is not None
    assert total.lines[0] == line("tramadol-like", 100, "", None, None, "", "no conversion factor")


def test_buprenorphine_alone_gives_no_total_and_naloxone_is_offered() -> None:
    """CDC 2022 leaves buprenorphine out of MME totals; it is often prescribed for opioid use disorder."""
    total = morphine_equivalents(TABLE, [taken("buprenorphine", 0.4, None), taken("buprenorphine", 8, "mg/day",
                                                                                   name="Subutex")])  # fmt: skip
    assert total == MmeTotal(
        total=None,
        known=0.0,
        lines=(
            line("buprenorphine", 0.4, "", None, None, "CDC-2022", BUP),
            line("buprenorphine", 8, "mg/day", None, None, "CDC-2022", BUP, name="Subutex"),
        ),
        missing=(),
        alerts=(naloxone(True),),
        disclaimer=DISCLAIMER,
        source="CDC-2022",
        excluded=(f"Buprenorphine: {BUP}", f"Subutex: {BUP}"),
        band=None,
        offer_naloxone=True,
    )
    assert total.summary() == f"no total: Buprenorphine: {BUP}; Subutex: {BUP}"
    assert total.complete


def test_buprenorphine_beside_a_counted_opioid_leaves_the_total_complete() -> None:
    total = morphine_equivalents(TABLE, [taken("buprenorphine", 8), taken("morphine", 20)])
    assert total is not None and total.total == 20 and total.missing == ()
    assert total.excluded == (f"Buprenorphine: {BUP}",) and total.summary() == "20 MME/day"


def test_two_missing_doses_are_listed_with_a_semicolon() -> None:
    total = morphine_equivalents(TABLE, [taken("morphine", None), taken("pethidine", 50)])
    assert total is not None
    assert total.summary() == (
        f"incomplete: at least 0 MME/day counted; Morphine: no daily dose given (enter it in mg a day); "
        f"Pethidine: {PETH}"
    )


@pytest.mark.parametrize(
    ("classes", "risky"),
    [
        (frozenset(), False),
        (frozenset({"nsaid", "ssri"}), False),
        (frozenset({"benzodiazepine"}), True),
        (frozenset({"gabapentinoid", "nsaid"}), True),
    ],
)
def test_naloxone_is_offered_below_50_with_a_benzodiazepine_or_gabapentinoid(
    classes: frozenset[str], risky: bool
) -> None:
    total = morphine_equivalents(TABLE, [taken("morphine", 20)], classes)
    assert total is not None and total.alerts == (naloxone(risky),) and total.offer_naloxone is risky
    assert total.band is None


def test_format_mme_shows_two_decimals_at_most() -> None:
    assert format_mme(49.95) == "49.95"
    assert format_mme(60.0) == "60"
    assert format_mme(33.333333) == "33.33"
    assert format_mme(97.3) == "97.3"


def test_a_total_below_a_level_is_never_shown_as_the_level() -> None:
    # found by the issue 21 run of 2026-12-04: two decimals rounded 49.995-49.999 up, so 49.996 MME/day
    # (morphine 49.996 mg, or tramadol 249.98 mg a day x 0.2) read '50 MME/day' with no 50 MME/day flag
    total = morphine_equivalents(TABLE, [taken("morphine", 49.996)])
    assert total is not None and total.band is None
    assert total.summary() == "49.99 MME/day"
    assert format_mme(0.3 * 3) == "0.9" and format_mme(89.99999999) == "90"  # floating-point hairs
