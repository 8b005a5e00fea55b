"""The independent pharmacist's 160 drug pairs (``review/interaction_pairs.yaml``) against the checker.

For each pair the most severe interaction the checker reports must equal the reviewer's: a
contraindicated pair is contraindicated, a "none" pair gives nothing. Where we rate a pair
differently on purpose, it is listed in KNOWN_DISAGREEMENTS with the reason and our rating, and
the test pins our rating instead, so neither side can drift silently.

Simvastatin and atorvastatin are dosed by their vocabulary names: the app's one ``statins``
monograph doses atorvastatin, and the checker tells the two statins apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legpain_desktop.core.dosing.interactions import InteractionChecker
from tests.core.dosing.test_interactions import shipped_checker

PAIRS_FILE = Path(__file__).parent / "review" / "interaction_pairs.yaml"
PAIRS: list[dict[str, Any]] = yaml.safe_load(PAIRS_FILE.read_text(encoding="utf-8"))["pairs"]

_TWO_ANTICOAGULANTS = (
    "contraindicated: issue 12 rates any two anticoagulants contraindicated except while switching "
    "(it names apixaban + rivaroxaban and apixaban + enoxaparin), as section 4.3 of the apixaban, "
    "rivaroxaban, edoxaban and dabigatran EU SmPCs does (the reviewer cites it too); one rule "
    "(doac-anticoagulant) covers every DOAC with any other anticoagulant, so rating these major would "
    "contradict the pairs the issue lists"
)
# id -> (our severity, why we differ from the reviewer)
KNOWN_DISAGREEMENTS: dict[str, tuple[str, str]] = {
    "IX-026": ("contraindicated", _TWO_ANTICOAGULANTS),  # apixaban + warfarin
    "IX-027": ("contraindicated", _TWO_ANTICOAGULANTS),  # rivaroxaban + enoxaparin
    "IX-028": ("contraindicated", _TWO_ANTICOAGULANTS),  # enoxaparin + dabigatran
    "IX-029": ("contraindicated", _TWO_ANTICOAGULANTS),  # apixaban + edoxaban
    "IX-030": ("contraindicated", _TWO_ANTICOAGULANTS),  # rivaroxaban + heparin
}


@pytest.fixture(scope="module")
def checker() -> InteractionChecker:
    return shipped_checker()


def highest_severity(checker: InteractionChecker, drug: str, others: list[str]) -> str:
    hits = checker.check(drug, others)
    return hits[0].rule.severity if hits else "none"  # hits come most severe first


def test_the_review_file_is_complete() -> None:
    assert len(PAIRS) == 160
    assert len({p["id"] for p in PAIRS}) == len(PAIRS)
    assert set(KNOWN_DISAGREEMENTS) <= {p["id"] for p in PAIRS}


@pytest.mark.parametrize("pair", PAIRS, ids=[p["id"] for p in PAIRS])
def test_reviewer_pair(checker: InteractionChecker, pair: dict[str, Any]) -> None:
    others = [str(o) for o in pair["with"]]
    got = highest_severity(checker, pair["drug"], others)
    expected = pair["expect_severity"]
    if pair["id"] in KNOWN_DISAGREEMENTS:
        ours, _why = KNOWN_DISAGREEMENTS[pair["id"]]
        assert got == ours != expected
    else:
        assert got == expected, f"{pair['drug']} + {', '.join(others)}: {pair['rationale']}"


TWO_DRUG_PAIRS = [p for p in PAIRS if len(p["with"]) == 1]


@pytest.mark.parametrize("pair", TWO_DRUG_PAIRS, ids=[p["id"] for p in TWO_DRUG_PAIRS])
def test_reviewer_pair_is_symmetric(checker: InteractionChecker, pair: dict[str, Any]) -> None:
    """Two-drug pairs give the same rules whichever of the two is dosed."""
    a, b = pair["drug"], str(pair["with"][0])
    assert {h.rule.id for h in checker.check(a, [b])} == {h.rule.id for h in checker.check(b, [a])}
