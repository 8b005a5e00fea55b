"""The rule engine on the shipped drugs: bands, boundaries, dialysis, age, Beers, conditions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legpain_desktop.core.dosing.calculator import SEVERITY_ORDER, calculate_dose, choose_band
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.patient import InputError
from tests.core.dosing.conftest import kidney, patient


def dose(formulary: Formulary, drug: str, crcl: float = 80.0, egfr: float | None = None, indication=None, **p):  # type: ignore[no-untyped-def]
    return calculate_dose(formulary.drug(drug), patient(**p), kidney(crcl, egfr), formulary.checker, indication)


def rng(result) -> tuple[float, float] | None:  # type: ignore[no-untyped-def]
    d = result.daily_dose_mg
    return None if d is None else (d.min, d.max)


# ----------------------------------------------------------------- the issue's pinned cases


def test_pregabalin_issue_example(formulary: Formulary) -> None:
    r, k = formulary.dose("pregabalin", patient(age=75, sex="female", weight=60, height=160, scr=1.2))
    assert k.crcl == 38.4
    assert rng(r) == (75, 300) and r.doses_per_day == (2, 3) and r.max_daily_mg == 300
    assert r.band is not None and r.band.label == "CrCl 30 to 60" and not r.band.conservative
    assert any(f.kind == "beers" for f in r.flags)
    assert r.indication_id == "herpes-zoster"


@pytest.mark.parametrize(
    ("crcl", "band", "alternative", "expected"),
    [
        (60.0, "CrCl 30 to 60", "CrCl 60 or more", (75, 300)),  # overlap: both rows contain 60
        (30.0, "CrCl 15 to 30", "CrCl 30 to 60", (25, 150)),  # overlap at 30
        (60.1, "CrCl 60 or more", None, (150, 600)),
        (59.9, "CrCl 30 to 60", None, (75, 300)),
        (30.1, "CrCl 30 to 60", None, (75, 300)),
        (29.9, "CrCl 15 to 30", None, (25, 150)),
        (15.0, "CrCl 15 to 30", None, (25, 150)),
        (14.9, "CrCl below 15", None, (25, 75)),
        (0.0, "CrCl below 15", None, (25, 75)),
    ],
)
def test_pregabalin_boundaries(formulary: Formulary, crcl: float, band: str, alternative: str | None, expected) -> None:  # type: ignore[no-untyped-def]
    r = dose(formulary, "pregabalin", crcl)
    assert r.band is not None and r.band.label == band
    assert r.band.alternative == alternative
    assert r.band.conservative == (alternative is not None)
    assert rng(r) == expected
    assert any(f.kind == "boundary" for f in r.flags) == (alternative is not None)


@pytest.mark.parametrize(
    ("crcl", "band", "conservative", "expected"),
    [
        (30.0, "CrCl above 15 to 29", True, (200, 700)),  # gap between 29 and 30
        (29.5, "CrCl above 15 to 29", True, (200, 700)),
        (59.5, "CrCl above 30 to 59", True, (400, 1400)),  # gap between 59 and 60
        (60.0, "CrCl 60 or more", False, (1800, 3600)),
        (59.0, "CrCl above 30 to 59", False, (400, 1400)),
        (30.1, "CrCl above 30 to 59", False, (400, 1400)),
        (29.0, "CrCl above 15 to 29", False, (200, 700)),
        (15.1, "CrCl above 15 to 29", False, (200, 700)),
        (15.0, "CrCl 15 or less", False, (100, 300)),
    ],
)
def test_gabapentin_gaps(formulary: Formulary, crcl: float, band: str, conservative: bool, expected) -> None:  # type: ignore[no-untyped-def]
    r = dose(formulary, "gabapentin", crcl)
    assert r.band is not None and (r.band.label, r.band.conservative) == (band, conservative)
    assert rng(r) is not None
    assert rng(r) == expected


def test_every_band_boundary_of_every_drug_on_both_sides(formulary: Formulary) -> None:
    """At each label edge, one step inside picks that row; the answer never exceeds the row's maximum."""
    checked = 0
    for drug in formulary.drugs.values():
        if drug.renal is None or drug.renal.no_adjustment:
            continue
        for band in drug.renal.bands:
            for edge, inside in ((band.lower, 0.1), (band.upper, -0.1)):
                if edge is None:
                    continue
                value = round(edge + inside, 1)
                r = calculate_dose(drug, patient(), kidney(value), None)
                assert r.band is not None
                chosen = next(b for b in drug.renal.bands if b.label == r.band.label)
                assert chosen.contains(value), (drug.drug_id, value)
                if r.daily_dose_mg is not None and chosen.max_daily_mg is not None:
                    assert r.daily_dose_mg.max <= chosen.max_daily_mg
                outside = round(edge - inside, 1)
                r2 = calculate_dose(drug, patient(), kidney(max(outside, 0.0)), None)
                assert r2.band is not None
                checked += 1
    assert checked >= 30


@settings(max_examples=150, deadline=None)
@given(crcl=st.floats(min_value=0, max_value=200, allow_nan=False))
def test_every_clearance_gets_exactly_one_decision_within_label_max(formulary: Formulary, crcl: float) -> None:
    from legpain_desktop.core.dosing.renal import round_half_up

    value = round_half_up(crcl)
    for drug in formulary.drugs.values():
        r = calculate_dose(drug, patient(), kidney(value), None)
        assert r.avoid or r.daily_dose_mg is not None or r.frequency
        if not drug.systemic or drug.do_not_use is not None:
            continue
        ind = drug.indication(None)
        assert ind is not None
        if r.daily_dose_mg is not None and ind.max_daily_mg is not None and ind.per_kg is None:
            assert r.daily_dose_mg.max <= ind.max_daily_mg + 1e-9, drug.drug_id
            assert r.daily_dose_mg.min <= r.daily_dose_mg.max


def test_indication_scaling_lowers_each_row_in_proportion(formulary: Formulary) -> None:
    normal = dose(formulary, "pregabalin", 80, indication="peripheral-neuropathy")
    assert rng(normal) == (150, 300)
    moderate = dose(formulary, "pregabalin", 45, indication="peripheral-neuropathy")
    assert rng(moderate) == (75, 150)  # the label's 300 mg/day column maps to 150 in this row
    assert any("lowered in the same proportion" in f.message for f in moderate.flags)


def test_unknown_indication_names_the_valid_ones(formulary: Formulary) -> None:
    with pytest.raises(InputError, match="valid: herpes-zoster, peripheral-neuropathy"):
        dose(formulary, "pregabalin", indication="gout")


def test_avoid_band(formulary: Formulary) -> None:
    r = dose(formulary, "duloxetine", 29.9)
    assert r.avoid and r.daily_dose_mg is None and r.frequency == "avoid" and r.max_daily_mg is None
    assert r.flags[0].severity == "critical"
    assert not dose(formulary, "duloxetine", 30.0).avoid


def test_tramadol_renal_and_age_caps(formulary: Formulary) -> None:
    young = dose(formulary, "tramadol", 80, age=60)
    assert young.max_daily_mg == 400
    old = dose(formulary, "tramadol", 80, age=76)
    assert old.max_daily_mg == 300 and rng(old)[1] <= 300  # type: ignore[index]
    at75 = dose(formulary, "tramadol", 80, age=75)
    assert at75.max_daily_mg == 400  # the label's cap is for patients above 75
    renal = dose(formulary, "tramadol", 29.9, age=60)
    assert renal.max_daily_mg == 200 and renal.doses_per_day == (2,)


def test_beers_is_for_65_and_over_and_keys_on_its_measure(formulary: Formulary) -> None:
    assert not any(f.kind == "beers" for f in dose(formulary, "baclofen", 80, egfr=50, age=64).flags)
    flags = dose(formulary, "baclofen", 80, egfr=50, age=65).flags
    assert any(f.kind == "beers" and "eGFR" in f.message for f in flags)
    # The baclofen row keys on eGFR: a CrCl below 60 with eGFR above it does not fire it.
    assert not any(
        f.kind == "beers" and "eGFR" in f.message for f in dose(formulary, "baclofen", 40, egfr=70, age=70).flags
    )


def test_contraindication_from_condition(formulary: Formulary) -> None:
    r = dose(formulary, "cilostazol", heart_failure=True)
    assert r.avoid
    assert any(f.kind == "contraindication" and f.severity == "critical" for f in r.flags)
    assert not dose(formulary, "cilostazol").avoid


def test_caution_condition_warns_without_avoiding(formulary: Formulary) -> None:
    drug = formulary.drug("tramadol")
    cautions = [c for c in drug.contraindications if c.severity == "caution"]
    assert cautions, "tramadol's hepatic caution is encoded"
    cp = cautions[0].condition.rsplit("-", 1)[1].upper()
    r = dose(formulary, "tramadol", child_pugh=cp)
    # filed under the liver, not as a "contraindication" (pharmacist pass 8: a caution is not one)
    assert not r.avoid and any(f.kind == "hepatic" and f.severity == "moderate" for f in r.flags)
    assert not any(f.kind == "contraindication" for f in r.flags)


def test_dialysis_rule_from_the_label(formulary: Formulary) -> None:
    r = dose(formulary, "gabapentin", 5, dialysis="hd")
    dialysis = [f for f in r.flags if f.kind == "dialysis"]
    assert len(dialysis) == 1 and dialysis[0].severity == "major" and dialysis[0].source == "S-NEU"
    assert "Cockcroft-Gault does not apply" in dialysis[0].message
    assert "125" in dialysis[0].message  # the post-dialysis supplement
    assert rng(r) == (100, 300) and r.max_daily_mg == 300  # the lowest row, never the full dose


def test_dialysis_with_maintenance_band(formulary: Formulary) -> None:
    r = dose(formulary, "pregabalin", 5, dialysis="hd")
    assert r.band is not None and r.band.label == "CrCl below 15"
    assert rng(r) == (25, 75)
    assert not r.verified  # the supplement pairs are unverified
    assert any(f.kind == "unverified" for f in r.flags)


def test_peritoneal_dialysis_rule_is_explicit(formulary: Formulary) -> None:
    r = dose(formulary, "pregabalin", 5, dialysis="pd")
    assert r.band is not None and r.band.label == "CrCl below 15"
    assert rng(r) == (25, 75)
    assert any(f.kind == "dialysis" and "does not address peritoneal dialysis" in f.message for f in r.flags)


def test_dialysis_avoid_rule(formulary: Formulary) -> None:
    avoiders = [d for d in formulary.drugs.values() if d.renal and any(x.avoid for x in d.renal.dialysis.values())]
    assert avoiders
    drug = avoiders[0]
    mode = next(m for m, x in drug.renal.dialysis.items() if x.avoid)  # type: ignore[union-attr]
    r = calculate_dose(drug, patient(dialysis=mode), kidney(5), None)
    assert r.avoid


def test_dialysis_usual_dose_only_for_a_drug_the_label_does_not_adjust(formulary: Formulary) -> None:
    r = dose(formulary, "sertraline", 5, dialysis="pd")
    assert r.band is not None and r.band.label == "Peritoneal dialysis rule"
    assert rng(r) == (50, 200) and any("not removed by dialysis" in f.message for f in r.flags)


def test_per_kg_dosing_uses_actual_weight(formulary: Formulary) -> None:
    r = dose(formulary, "enoxaparin", 80, weight=80)
    assert r.single_dose_mg == 80 and rng(r) == (160, 160)
    low = dose(formulary, "enoxaparin", 29, weight=80)
    assert low.single_dose_mg == 80 and rng(low) == (80, 80)


def test_no_numeric_range_drug(formulary: Formulary) -> None:
    r = dose(formulary, "morphine")
    assert r.daily_dose_mg is None and r.frequency and not r.avoid


def test_do_not_use_and_topicals(formulary: Formulary) -> None:
    q = dose(formulary, "quinine")
    assert q.avoid and q.flags[0].kind == "contraindication" and "FDA" in q.flags[0].message
    t = dose(formulary, "lidocaine-topical")
    assert not t.avoid and t.daily_dose_mg is None and "renal" in [f.kind for f in t.flags]
    u = dose(formulary, "menthol-topical")
    assert any(f.kind == "unverified" for f in u.flags)


def test_elderly_cap_on_nortriptyline(formulary: Formulary) -> None:
    r = dose(formulary, "nortriptyline", 80, age=70)
    assert rng(r) == (25, 50) and r.max_daily_mg == 50


def test_elderly_range_replaces_usual_range(formulary: Formulary) -> None:
    r = dose(formulary, "desipramine", 80, age=70)
    assert rng(r) == (25, 100) and r.max_daily_mg == 100


def test_flags_are_sorted_by_severity(formulary: Formulary) -> None:
    r = dose(
        formulary, "ibuprofen", 25, age=80, heart_failure=True, other_drugs=("apixaban", "lisinopril", "furosemide")
    )
    order = [SEVERITY_ORDER.index(f.severity) for f in r.flags]
    assert order == sorted(order)
    assert r.flags_by_severity() == list(r.flags)


def test_choose_band_picks_single_row(formulary: Formulary) -> None:
    bands = formulary.drug("pregabalin").renal.bands  # type: ignore[union-attr]
    band, choice = choose_band(bands, 45.0, "mL/min")
    assert band.label == "CrCl 30 to 60" and not choice.conservative and choice.note == ""
    assert not math.isnan(45.0)


# ----------------------------------------------------------------- synthetic drugs for rare paths


def _synthetic(bands: list[dict], dialysis: dict | None = None):  # type: ignore[no-untyped-def, type-arg]
    from legpain_desktop.core.dosing.schema import parse_drug

    renal = {"measure": "crcl", "source": "S-X", "status": "L", "bands": bands}
    if dialysis:
        renal["dialysis"] = dialysis
    return parse_drug(
        "x",
        "X",
        {
            "systemic": True,
            "dosing": {
                "main_indication": "c",
                "indications": [
                    {
                        "indication": "c",
                        "label": "C",
                        "daily_mg": {"min": 10, "max": 100},
                        "doses_per_day": [2],
                        "frequency": "twice daily",
                        "max_daily_mg": 100,
                        "source": "S-X",
                        "status": "L",
                    }
                ],
                "renal": renal,
            },
        },
    )


PD_AVOID = {"basis": "avoid", "text": "Avoid.", "source": "S-X", "status": "L"}
HD_AVOID = {"hd": PD_AVOID, "pd": PD_AVOID}


def _band(label: str, lower, upper, mx: float, status: str = "L") -> dict:  # type: ignore[no-untyped-def, type-arg]
    return {
        "label": label,
        "lower": lower,
        "upper": upper,
        "upper_inclusive": False,
        "daily_mg": {"min": 10, "max": mx},
        "doses_per_day": [2],
        "status": status,
    }


def test_value_below_every_row_takes_the_nearest_row() -> None:
    drug = _synthetic([_band("30 to 60", 30, 60, 50), _band("60 up", 60, None, 100)], HD_AVOID)
    r = calculate_dose(drug, patient(), kidney(10), None)
    assert r.band is not None and r.band.label == "30 to 60" and r.band.conservative
    assert r.band.alternative is None and "falls in a gap" in r.band.note
    assert r.max_daily_mg == 50  # the row's range is its maximum when none is given


def test_unverified_maintenance_row_on_dialysis() -> None:
    drug = _synthetic(
        [_band("low", None, 30, 40, status="U"), _band("high", 30, None, 100)],
        {
            "hd": {
                "basis": "row",
                "text": "Use the low row.",
                "maintenance_band": "low",
                "source": "S-X",
                "status": "L",
            },
            "pd": PD_AVOID,
        },
    )
    r = calculate_dose(drug, patient(dialysis="hd"), kidney(5), None)
    assert r.band is not None and r.band.label == "low" and not r.verified
    assert any(f.kind == "unverified" and "low" in f.message for f in r.flags)


def test_flag_json_has_the_contract_keys(formulary: Formulary) -> None:
    r = dose(formulary, "pregabalin", 40, age=70)
    assert set(r.flags[0].to_json()) == {"kind", "severity", "message", "source"}
