"""The independent pharmacist's opioid-stewardship and regimen cases (review of 2026-12-03).

The cases were written from CDC 2022 and the labels before the reviewer read ``content/`` or the
code (``review/pharmacist_2026_12_mme.yaml``; its conventions are at the top of that file). Each
runs through the one core function the GUI and the CLI use, :func:`review_regimen`. Cases the
app does not meet, or where the reviewer's expectation was not adopted, are listed below with
the reason; the test fails when a listed case starts passing, so the lists stay honest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.interactions import INTERACTION_SEVERITIES
from legpain_desktop.core.dosing.regimen import RegimenReview, review_regimen

REVIEW = yaml.safe_load((Path(__file__).parent / "review" / "pharmacist_2026_12_mme.yaml").read_text(encoding="utf-8"))
MME_CASES: list[dict[str, Any]] = REVIEW["mme_cases"]
REGIMEN_CASES: list[dict[str, Any]] = REVIEW["regimen_cases"]
RANK = {s: len(INTERACTION_SEVERITIES) - i for i, s in enumerate(INTERACTION_SEVERITIES)}  # contraindicated 3

# Cases not met yet, each with why.
OPEN: dict[str, str] = {}

# Reviewer expectations not adopted, each with how it was settled.
SETTLED: dict[str, str] = {}


def medicine_text(medicine: dict[str, Any]) -> str:
    """The medicine as a user would type it: the name, then its daily dose when known."""
    name = str(medicine["name"])
    if medicine.get("mcg_per_hour") is not None:
        return f"{name} {medicine['mcg_per_hour']:g} mcg/h"
    if medicine.get("mg_per_day") is not None:
        return f"{name} {medicine['mg_per_day']:g} mg/day"
    return name


def band_of(review: RegimenReview) -> str:
    """The CDC 2022 band the app reports: "90", "50" or "none"."""
    assert review.mme is not None
    reached = [a.message for a in review.mme.alerts[:-1] if "MME/day or more" in a.message]
    said = "90" if any("90 MME/day or more" in m for m in reached) else "50" if reached else "none"
    field = "none" if review.mme.band is None else f"{review.mme.band:g}"
    assert said == field, (said, field)  # the text and the JSON's band field agree (finding F6)
    return field


def offers_naloxone(review: RegimenReview) -> bool:
    """The strong advice (offer naloxone), not the general note every opioid carries."""
    strong = review.mme is not None and review.mme.alerts[-1].severity != "info"
    assert review.mme is None or review.mme.offer_naloxone is strong
    return strong


def mme_problems(formulary: Formulary, case: dict[str, Any]) -> list[str]:
    texts = [medicine_text(m) for m in case["medicines"]]
    review = review_regimen(formulary.checker, texts)
    out = [f"not recognised: {m.entered.text}" for m in review.unchecked]
    mme = review.mme
    if case.get("expect_no_opioid"):
        return out + ([f"an MME total was produced: {mme.summary()}"] if mme is not None else [])
    if mme is None:
        return [*out, "no MME total for a regimen with an opioid"]
    expected = case.get("expect_mme")
    if expected is None and mme.total is not None:
        out.append(f"total {mme.total}, expected none (incomplete or not included)")
    if expected is not None:
        low, high = (expected, 30.0) if case["id"] == "MME-033" else (expected, expected)  # 12 or 12.5 mcg/h
        if mme.total is None or not low - 0.01 <= mme.total <= high + 0.01:
            out.append(f"total {mme.total}, expected {expected} ({mme.summary()})")
    for name in case.get("expect_incomplete_because") or []:
        if mme.complete or not any(name.lower() in m.lower() for m in mme.missing):
            out.append(f"the total does not say it is incomplete because of {name}")
    table = formulary.checker.opioids
    assert table is not None
    for drug in case.get("expect_excluded") or []:
        if not any(line.drug_id == drug and line.drug_id in table.excluded for line in mme.lines):
            out.append(f"{drug} not listed as excluded")
    band = str(case.get("expect_at_least_flag"))
    if band_of(review) != band:
        out.append(f"band {band_of(review)}, expected {band} ({mme.summary()})")
    if offers_naloxone(review) != bool(case.get("expect_naloxone_advice")):
        out.append(f"naloxone offered={offers_naloxone(review)}, expected {case.get('expect_naloxone_advice')}")
    return out


def regimen_problems(formulary: Formulary, case: dict[str, Any]) -> list[str]:
    checker = formulary.checker
    review = review_regimen(checker, case["medicines"])
    out = [f"not recognised: {m.entered.text}" for m in review.unchecked]
    ids = {name: checker.identify(name).id for name in case["medicines"] if checker.find(name) is not None}

    def worst(*names: str) -> int:
        wanted = {ids.get(n, n) for n in names}
        return max((RANK[h.rule.severity] for h in review.interactions if wanted <= set(h.drugs)), default=0)

    for pair in case.get("expect_pairs") or []:
        if worst(pair["a"], pair["b"]) < RANK[pair["min_severity"]]:
            found = [(h.rule.id, h.rule.severity) for h in review.interactions if {ids[pair["a"]], ids[pair["b"]]} <= set(h.drugs)]  # fmt: skip  # noqa: E501
            out.append(f"{pair['a']} + {pair['b']}: expected at least {pair['min_severity']}, found {found or 'none'}")
    for a, b in case.get("expect_no_contraindicated_between") or []:
        if worst(a, b) >= RANK["contraindicated"]:
            out.append(f"{a} + {b} rated contraindicated")
    triple = case.get("expect_triple")
    if triple and worst(*triple["members"]) < RANK[triple["min_severity"]]:
        out.append(f"no {triple['min_severity']} flag for {triple['name']}")
    if case.get("expect_pairs") == [] and any(RANK[h.rule.severity] >= RANK["major"] for h in review.interactions):
        out.append("false alarm: " + ", ".join(f"{h.rule.id} ({h.rule.severity})" for h in review.interactions))
    return out


def test_the_review_has_its_cases() -> None:
    assert len(MME_CASES) >= 50 and len(REGIMEN_CASES) >= 25
    ids = [c["id"] for c in MME_CASES + REGIMEN_CASES]
    assert len(set(ids)) == len(ids)
    assert set(OPEN) | set(SETTLED) <= set(ids)


def _run(case: dict[str, Any], problems: list[str]) -> None:
    for listed in (OPEN, SETTLED):
        if case["id"] in listed:
            assert problems, f"{case['id']} passes now: remove it from the list"
            pytest.xfail(listed[case["id"]])
    assert not problems, f"{case['id']} (source {case.get('source')}): {problems}"


@pytest.mark.parametrize("case", MME_CASES, ids=[c["id"] for c in MME_CASES])
def test_reviewed_mme_case(formulary: Formulary, case: dict[str, Any]) -> None:
    _run(case, mme_problems(formulary, case))


@pytest.mark.parametrize("case", REGIMEN_CASES, ids=[c["id"] for c in REGIMEN_CASES])
def test_reviewed_regimen_case(formulary: Formulary, case: dict[str, Any]) -> None:
    _run(case, regimen_problems(formulary, case))
