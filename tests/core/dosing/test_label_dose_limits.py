"""Label limits on how a day's dose is divided (pharmacist pass 7, 2026-12-05; second pharmacist's
changes the same day): the most doses in 24 hours (tizanidine 3; tramadol immediate release 6,
below CrCl 30 or in cirrhosis, every 12 hours: 2) and the largest single dose (tramadol
immediate-release 100 mg, in cirrhosis 50 mg; tizanidine 12 mg, the stricter of the UK/Irish SmPC and
the US label's 16 mg). A typed regimen that breaks one is "above", not "within" with a note. Where
the indication, the kidney row and the liver rule each give a limit, the strictest holds."""

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


LIVER = {
    "child_pugh": ["B", "C"], "avoid": False, "max_daily_mg": 100, "doses_per_day": [2],
    "frequency": "50 mg every 12 hours", "text": "Cirrhosis: 50 mg every 12 hours.", "source": "S-H", "status": "L",
}  # fmt: skip


def liver_drug(rule: dict[str, Any], indication: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    return synthetic_drug([BAND], indication, hepatic_rules=[{**LIVER, **rule}])


def test_a_liver_rule_reads_both_limits_and_defaults_to_none() -> None:
    rule = liver_drug({"max_doses_per_day": 2, "max_single_dose_mg": 50}).hepatic_rules[0]
    assert (rule.max_doses_per_day, rule.max_single_dose_mg) == (2, 50)
    plain = liver_drug({}).hepatic_rules[0]
    assert (plain.max_doses_per_day, plain.max_single_dose_mg) == (None, None)


@pytest.mark.parametrize(
    ("rule", "key", "message"),
    [
        ({"max_doses_per_day": 0}, "max_doses_per_day", "must be a whole number from 1 to 24"),
        ({"max_doses_per_day": 1}, "max_doses_per_day", "is 1, below the 2 doses a day doses_per_day lists"),
        ({"max_single_dose_mg": 0}, "max_single_dose_mg", "must be more than 0"),
        ({"max_single_dose_mg": 101}, "max_single_dose_mg", "101 mg is above the daily maximum 100 mg"),
    ],
)
def test_a_bad_liver_limit_names_its_path_and_the_rule(rule: dict[str, Any], key: str, message: str) -> None:
    with pytest.raises(DosingDataError) as err:
        liver_drug(rule)
    assert str(err.value) == f"dosing data dosing.hepatic_rules[0].{key}: {message}"


# ---------------------------------------------------------------- the result


def test_the_shipped_limits(formulary: Formulary) -> None:
    tiz, tram = formulary.drug("tizanidine"), formulary.drug("tramadol")
    normal = calculate_dose(tiz, patient(), kidney(80), formulary.checker)
    assert (normal.max_doses_per_day, normal.max_single_dose_mg, normal.max_daily_mg) == (3, 12, 36)
    low = calculate_dose(tiz, patient(), kidney(20), formulary.checker)
    assert (low.max_doses_per_day, low.max_single_dose_mg, low.max_daily_mg) == (3, 12, 18)
    assert calculate_dose(tram, patient(), kidney(29.9), formulary.checker).max_doses_per_day == 2
    at_30 = calculate_dose(tram, patient(), kidney(30), formulary.checker)
    assert (at_30.max_doses_per_day, at_30.max_single_dose_mg) == (6, 100)
    for child_pugh in ("A", "B", "C"):  # the label's "cirrhosis" is not graded
        cirrhosis = calculate_dose(tram, patient(child_pugh=child_pugh), kidney(80), formulary.checker)
        assert (cirrhosis.max_doses_per_day, cirrhosis.max_single_dose_mg, cirrhosis.max_daily_mg) == (2, 50, 100)


def test_an_avoided_drug_carries_no_limits(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tizanidine"), patient(), kidney(14.9), formulary.checker)
    assert r.avoid and r.max_doses_per_day is None and r.max_single_dose_mg is None


def test_the_strictest_of_the_indication_and_band_limits_holds() -> None:
    both = drug({"doses_per_day": [1], "max_doses_per_day": 4}, {"doses_per_day": [1], "max_doses_per_day": 1})
    assert calculate_dose(both, patient(), kidney(80)).max_doses_per_day == 1
    looser_band = drug({"doses_per_day": [1], "max_doses_per_day": 2}, {"doses_per_day": [1], "max_doses_per_day": 4})
    assert calculate_dose(looser_band, patient(), kidney(80)).max_doses_per_day == 2
    only_indication = drug({"doses_per_day": [1], "max_doses_per_day": 4})
    assert calculate_dose(only_indication, patient(), kidney(80)).max_doses_per_day == 4
    only_band = drug(band={"max_doses_per_day": 3})
    assert calculate_dose(only_band, patient(), kidney(80)).max_doses_per_day == 3


@pytest.mark.parametrize(
    ("indication", "rule", "expected"),
    [
        ({}, {"max_doses_per_day": 2, "max_single_dose_mg": 50}, (2, 50)),  # the liver rule alone
        ({"max_doses_per_day": 6, "max_single_dose_mg": 100}, {"max_doses_per_day": 2, "max_single_dose_mg": 50},
         (2, 50)),  # stricter than the indication
        ({"max_doses_per_day": 2, "max_single_dose_mg": 40}, {"max_doses_per_day": 3, "max_single_dose_mg": 50},
         (2, 40)),  # looser than the indication: the indication's stand
        ({"max_doses_per_day": 6, "max_single_dose_mg": 100}, {}, (6, 100)),  # a liver rule without limits
    ],
)  # fmt: skip
def test_a_liver_rule_tightens_the_limits_and_never_loosens_them(
    indication: dict[str, Any], rule: dict[str, Any], expected: tuple[int, float]
) -> None:
    d = liver_drug(rule, indication)
    for child_pugh in ("B", "C"):
        r = calculate_dose(d, patient(child_pugh=child_pugh), kidney(80))
        assert (r.max_doses_per_day, r.max_single_dose_mg) == expected
    unaffected = calculate_dose(d, patient(child_pugh="A"), kidney(80))
    assert (unaffected.max_doses_per_day, unaffected.max_single_dose_mg) == (
        indication.get("max_doses_per_day"),
        indication.get("max_single_dose_mg"),
    )


def test_a_liver_avoid_rule_leaves_no_limits() -> None:
    avoid = {"avoid": True, "max_daily_mg": None, "max_doses_per_day": 2}
    d = synthetic_drug([BAND], {"max_doses_per_day": 2}, hepatic_rules=[{**LIVER, **avoid}])
    r = calculate_dose(d, patient(child_pugh="C"), kidney(80))
    assert r.avoid and r.max_doses_per_day is None and r.max_single_dose_mg is None


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
        (80, 12, 2, "within"),  # the largest single dose (UK and Irish SmPC)
        (80, 12.5, 2, "above"),  # just above it
        (80, 16, 2, "above"),  # the US label's 16 mg is above the stricter limit
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
        (80, 50, 6, "within"),  # every 4 hours: 6 doses, 300 mg
        (80, 50, 7, "above"),  # a seventh dose
    ],
)
def test_tramadol_regimens(formulary: Formulary, crcl: float, dose: float, times: int, verdict: str) -> None:
    r = calculate_dose(formulary.drug("tramadol"), patient(), kidney(crcl), formulary.checker)
    assert check_regimen(r, dose, times).verdict == VERDICTS[verdict]


@pytest.mark.parametrize(
    ("child_pugh", "dose", "times", "verdict", "reason"),
    [
        ("B", 50, 2, "within", "100 mg/day is within this patient's range."),
        ("C", 50, 2, "within", "100 mg/day is within this patient's range."),
        ("C", 25, 2, "within", "50 mg/day is within this patient's range."),
        (
            "C",
            100,
            1,
            "above",
            "100 mg a dose is above this patient's maximum single dose of 50 mg (the rule: 50 mg every 12 hours).",
        ),
        (
            "C",
            51,
            1,
            "above",
            "51 mg a dose is above this patient's maximum single dose of 50 mg (the rule: 50 mg every 12 hours).",
        ),
        (
            "B",
            25,
            3,
            "above",
            "3 doses a day is more than the label allows for this patient: at most 2 a day"
            " (the rule: 50 mg every 12 hours).",
        ),
        (
            "C",
            25,
            4,
            "above",
            "4 doses a day is more than the label allows for this patient: at most 2 a day"
            " (the rule: 50 mg every 12 hours).",
        ),
        ("A", 50, 2, "within", "100 mg/day is within this patient's range."),
        (
            "A",
            100,
            4,
            "above",
            "400 mg/day is above this patient's maximum of 100 mg/day (Child-Pugh A: Cirrhosis: 50 mg "
            "every 12 hours (at most 100 mg a day, at most 50 mg a dose). The label does not grade cirrhosis, so this "
            "applies from Child-Pugh A; the extended-release forms are not used in severe liver impairment.).",
        ),
    ],
)
def test_tramadol_in_cirrhosis_keeps_50_mg_every_12_hours(
    formulary: Formulary, child_pugh: str, dose: float, times: int, verdict: str, reason: str
) -> None:
    liver = patient(child_pugh=child_pugh)
    r = calculate_dose(formulary.drug("tramadol"), liver, kidney(80), formulary.checker)
    check = check_regimen(r, dose, times)
    assert (check.verdict, check.reason) == (VERDICTS[verdict], reason)


def test_too_many_doses_says_the_limit(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tramadol"), patient(), kidney(29), formulary.checker)
    check = check_regimen(r, 50, 3)
    assert check.daily_mg == 150
    assert check.reason == (
        "3 doses a day is more than the label allows for this patient: at most 2 a day (the rule: every 12 hours)."
    )
    assert not check.within


def test_the_limits_are_shown_and_given_as_json(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tizanidine"), patient(), kidney(80), formulary.checker)
    assert headline(r)[1].endswith("; maximum 36 mg a day, at most 12 mg a dose, at most 3 doses a day")
    request = DoseRequest(drug="tramadol", age=68, sex="male", weight=58, height=170, scr=2.0)
    result = dose_json(consult_dose(formulary, request))
    assert result["max_doses_per_day"] == 2 and result["max_single_dose_mg"] == 100


# ---------------------------------------------------------------- naming an unverified row


def test_a_row_not_verified_against_the_label_is_not_called_a_label_row(formulary: Formulary) -> None:
    tiz = formulary.drug("tizanidine")
    low = calculate_dose(tiz, patient(), kidney(20), formulary.checker)
    renal = next(f.message for f in low.flags if f.kind == "renal")
    assert renal.startswith("CrCl 20 mL/min")
    assert " falls in the row 'CrCl 15 to 24' (not verified against the label): " in renal
    assert "label row" not in renal
    unverified = next(f.message for f in low.flags if f.kind == "unverified")
    assert "row 'CrCl 15 to 24'" in unverified and "label row" not in unverified
    normal = calculate_dose(tiz, patient(), kidney(80), formulary.checker)
    assert " falls in the label row 'CrCl 25 or more': " in next(f.message for f in normal.flags if f.kind == "renal")


def test_an_avoided_unverified_row_tells_a_patient_already_on_it_to_taper(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tizanidine"), patient(), kidney(14.9), formulary.checker)
    renal = next(f for f in r.flags if f.kind == "renal")
    assert renal.severity == "critical"
    assert "falls in the row 'CrCl below 15' (not verified against the label): avoid this drug." in renal.message
    assert "do not stop it suddenly: taper by 2 to 4 mg a day" in renal.message
    tiz = formulary.drug("tizanidine")
    for mode in ("hd", "pd"):
        on_dialysis = calculate_dose(tiz, patient(dialysis=mode), kidney(10), formulary.checker)
        assert on_dialysis.avoid
        assert any("taper by 2 to 4 mg a day" in f.message for f in on_dialysis.flags)
    for child_pugh in ("A", "B", "C"):  # pharmacist pass 8, P8-030: the liver's avoid says it too
        liver = calculate_dose(tiz, patient(child_pugh=child_pugh), kidney(80), formulary.checker)
        assert liver.avoid
        assert any("do not stop it suddenly: taper by 2 to 4 mg a day" in f.message for f in liver.flags)


def test_the_single_dose_limit_quotes_where_it_comes_from(formulary: Formulary) -> None:
    """Pharmacist pass 8 (P8-022): a US prescriber told 16 mg is too much should see why 12 mg."""
    r = calculate_dose(formulary.drug("tizanidine"), patient(), kidney(50), formulary.checker)
    reason = check_regimen(r, 16, 2).reason
    assert reason.startswith("16 mg a dose is above this patient's maximum single dose of 12 mg (the rule: every 6")
    assert reason.endswith("no single dose above 12 mg (UK and Irish SmPC; the current US label sets 16 mg)).")
    low = calculate_dose(formulary.drug("tizanidine"), patient(), kidney(20), formulary.checker)
    assert check_regimen(low, 13, 1).reason.endswith("the current US label sets 16 mg)).")


def test_a_limit_without_a_frequency_text_reads_plainly() -> None:
    plain = drug({"max_single_dose_mg": 100, "max_doses_per_day": 2, "frequency": ""}, {"frequency": ""})
    r = calculate_dose(plain, patient(), kidney(80))
    assert r.frequency == ""
    assert check_regimen(r, 150, 2).reason == "150 mg a dose is above this patient's maximum single dose of 100 mg."
    assert check_regimen(r, 50, 3).reason == (
        "3 doses a day is more than the label allows for this patient: at most 2 a day."
    )


# ---------------------------------------------------------------- where the limits come from


def test_the_limits_source_is_read_and_cited_in_every_result() -> None:
    limited = drug({"max_single_dose_mg": 250, "limits_source": "S-LIM"})
    assert limited.indications[0].limits_source == "S-LIM"
    r = calculate_dose(limited, patient(), kidney(80))
    assert r.sources == ("S-I", "S-LIM", "S-R")
    assert drug().indications[0].limits_source == ""
    assert calculate_dose(drug(), patient(), kidney(80)).sources == ("S-I", "S-R")
    by_doses = drug({"doses_per_day": [1], "max_doses_per_day": 2, "limits_source": "S-LIM"})
    assert by_doses.indications[0].limits_source == "S-LIM"


def test_a_limits_source_without_a_limit_is_refused() -> None:
    with pytest.raises(DosingDataError) as err:
        drug({"limits_source": "S-LIM"})
    assert err.value.path == "dosing.indications[0].limits_source"
    assert str(err.value) == (
        "dosing data dosing.indications[0].limits_source: names the source of max_single_dose_mg or "
        "max_doses_per_day; give one of them"
    )


def test_tizanidines_12_mg_cites_the_smpc_it_comes_from(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tizanidine"), patient(), kidney(80), formulary.checker)
    assert r.max_single_dose_mg == 12 and r.sources[:2] == ("S-TIZ", "S-TIZ-IE")


def test_every_dosing_source_key_has_a_citation(formulary: Formulary, shipped_repo: Any) -> None:
    """Each source key a drug's dosing data names resolves to a reference of its monograph (or to the
    pregnancy file's or interaction file's sources), so the sheet's footer can spell it out."""
    import dataclasses

    def keys(value: Any) -> set[str]:
        found: set[str] = set()
        if dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                item = getattr(value, f.name)
                if f.name in ("source", "limits_source") and isinstance(item, str):
                    found |= {item} if item else set()
                else:
                    found |= keys(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                found |= keys(item)
        elif isinstance(value, dict):
            for name, item in value.items():
                found |= ({item} if item else set()) if name == "source" else keys(item)
        return found

    shared = {k.lower() for k in formulary.source_citations}
    missing = {}
    for drug_id, dosing in formulary.drugs.items():
        record = shipped_repo.get(drug_id)
        references = {r.key.lower() for r in record.references} if record else set()
        unknown = {k for k in keys(dosing) if k.lower() not in references | shared}
        if unknown:
            missing[drug_id] = sorted(unknown)
    assert missing == {}
    assert len(formulary.drugs) >= 30
