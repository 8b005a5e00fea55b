"""The independent pharmacist's patient cases (review of 2026-12-03), kept so the rules never regress.

The cases were written from clinical knowledge and the cited labels before the reviewer read
``content/`` (``review/pharmacist_2026_12.yaml``). Each runs through the one dose consultation
and its JSON (exactly what ``dose --json`` prints). Cases the rules do not yet meet are listed
in ``OPEN`` with the reason; the test fails when one of them starts passing, so the list stays
honest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legpain_desktop.cli_dosing import dose_json
from legpain_desktop.core.dosing.consultation import DoseRequest, consult_dose
from legpain_desktop.core.dosing.formulary import Formulary

REVIEW = Path(__file__).parent / "review"
# First pass (all rules, 251 cases) and second pass (dialysis, liver, pregnancy; 198 cases).
CASE_FILES = (REVIEW / "pharmacist_2026_12.yaml", REVIEW / "pharmacist_2026_12_pass2.yaml")
CASES: list[dict[str, Any]] = [
    case for path in CASE_FILES for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
]
SEVERITY = {"info": 0, "moderate": 1, "major": 2, "critical": 3}

# Cases not met yet, each with why (settled with the reviewer's report; see the commit message).
OPEN: dict[str, str] = {
    "PH-225": "lidocaine patch in Child-Pugh C: topical products carry no hepatic rule yet (issue 11 follow-up)",
    "PH-246": "lidocaine patch + mexiletine flagged only when mexiletine is dosed: topicals skip the checker",
    "PH-230": "compounded cream: the reviewer wanted the word 'compound'; the result says 'unlabelled' (wording)",
}

# Reviewer expectations not adopted, each with how it was settled.
SETTLED: dict[str, str] = {
    "PH-016": "obese patient: dose shows both weight bases and a moderate weight flag with the adjusted-weight "
    "clearance; the basis stays the clinician's choice (issue 11 item 4), so actual weight is not overridden",
    "PH-131": "the reviewer withdrew it: 10 mg twice daily is reported as the loading dose for days 1 to 7 only",
    "PH-148": "the reviewer withdrew it: 15 mg twice daily is reported as the loading dose for days 1 to 21 only",
    "PH-171": "the reviewer withdrew it: baclofen's indication here is cramps in cirrhosis (ceiling 30 mg a day)",
    "P2-023": "antiplatelet aspirin in pregnancy is a moderate caution (150 mg a day or less, agreed with the "
    "teams), as the same reviewer's report advised ('antiplatelet <=150 a caution'); the case predates that advice",
    "P2-137": "pregabalin in pregnancy stays avoid: MHRA (2022) advises avoiding it unless clearly necessary; the "
    "reviewer rated this low-to-medium confidence. Tapering a patient already on it is a specialist decision",
}


def request_for(case: dict[str, Any]) -> DoseRequest:
    p = case["patient"]
    regimen = (case.get("expect") or {}).get("regimen")
    return DoseRequest(
        drug=case["drug"],
        age=p["age"],
        sex=p["sex"],
        weight=p["weight_kg"],
        height=p["height_cm"],
        scr=p.get("scr_umol_l", p.get("scr_mg_dl")),
        scr_unit="umol/L" if "scr_umol_l" in p else "mg/dL",
        dialysis=p.get("dialysis") or "none",
        weight_basis=p.get("weight_basis") or "actual",
        indication=case.get("indication"),
        child_pugh=p.get("child_pugh"),
        heart_failure=bool(p.get("heart_failure")),
        pregnant=bool(p.get("pregnant")),
        breastfeeding=bool(p.get("breastfeeding")),
        unstable_kidney_function=bool(p.get("unstable_kidney_function")),
        other_drugs=tuple(p.get("other_drugs") or ()),
        regimen_dose=regimen["dose_mg"] if regimen else None,
        regimen_times=regimen["doses_per_day"] if regimen else None,
    )


def problems_with(formulary: Formulary, case: dict[str, Any]) -> list[str]:
    exp = case.get("expect") or {}
    c = consult_dose(formulary, request_for(case))
    if exp.get("input_error"):
        return [] if c.errors else ["expected the inputs to be refused"]
    if c.errors:
        return [] if exp.get("plausibility_warning") else [f"refused: {dict(c.errors)}"]
    res = dose_json(c)
    flags, mx, avoid = res["flags"], res["max_daily_mg"], res["avoid"]
    out = []
    if "avoid" in exp and avoid != exp["avoid"]:
        out.append(f"avoid={avoid}, expected {exp['avoid']}")
    if "max_daily_mg_at_most" in exp and not avoid and (mx is None or mx > exp["max_daily_mg_at_most"]):
        out.append(f"max_daily_mg={mx}, expected <= {exp['max_daily_mg_at_most']}")
    if "max_daily_mg_at_least" in exp and (avoid or mx is None or mx < exp["max_daily_mg_at_least"]):
        out.append(f"max_daily_mg={mx}, expected >= {exp['max_daily_mg_at_least']}")
    if "flag_severity_at_least" in exp:
        got = [SEVERITY[f["severity"]] for f in flags if f["kind"] != "unverified"]
        if not got or max(got) < SEVERITY[exp["flag_severity_at_least"]]:
            out.append(f"no clinical flag at least {exp['flag_severity_at_least']}")
    for word in exp.get("mentions") or []:
        if not any(word.lower() in f["message"].lower() for f in flags):
            out.append(f"no flag mentions {word!r}")
    if "titration_day1_at_most" in exp and res["titration"]:
        day1 = res["titration"]["steps"][0]["daily_mg"]["max"]
        if day1 > exp["titration_day1_at_most"]:
            out.append(f"titration day 1 {day1} mg, expected <= {exp['titration_day1_at_most']}")
    if "regimen" in exp and res["regimen"]["within"] != exp["regimen"]["within"]:
        out.append(f"regimen within={res['regimen']['within']}, expected {exp['regimen']['within']}")
    if exp.get("plausibility_warning") and not any(f["kind"] == "plausibility" for f in flags):
        out.append("expected a plausibility warning")
    return out


def check_reviewed_case(formulary: Formulary, case: dict[str, Any], open_cases: dict[str, str]) -> None:
    """A later pass's case: it passes, or it is listed as not adopted (with why) and still fails."""
    problems = problems_with(formulary, case)
    if case["id"] in open_cases:
        assert problems, f"{case['id']} passes now: remove it from OPEN"
        pytest.xfail(open_cases[case["id"]])
    assert not problems, f"{case['id']} ({case['drug']}): {problems}; {case.get('rationale', '')}"


def check_unrunnable_titration_case(formulary: Formulary, case: dict[str, Any], drug: str, avoid: bool) -> None:
    """A day-1 titration expectation that would pass unchecked because the answer has no schedule
    (the drug has none, or the answer is avoid): named, and failing once a schedule appears."""
    assert "titration_day1_at_most" in case["expect"] and case["drug"] == drug
    result = dose_json(consult_dose(formulary, request_for(case)))
    assert result["titration"] is None
    if avoid:
        assert result["avoid"] is True


def test_the_review_has_its_cases() -> None:
    assert len(CASES) >= 440
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_reviewed_case(formulary: Formulary, case: dict[str, Any]) -> None:
    problems = problems_with(formulary, case)
    for listed in (OPEN, SETTLED):
        if case["id"] in listed:
            assert problems, f"{case['id']} passes now: remove it from the list"
            pytest.xfail(listed[case["id"]])
    assert not problems, f"{case['id']} ({case['drug']}; source {case.get('source')}): {problems}"
