"""The sixth independent pharmacist pass over the interaction checker, kept as tests.

The 28 cases in ``review/pharmacist_2026_12_pass6.yaml`` were written from the labels before the
reviewer ran the app or read ``content/``: statins with systemic fusidic acid (MHRA 2015),
finerenone, drospirenone, ciclosporin and tacrolimus with potassium-sparing diuretics and potassium,
and leg-pain prescribing edges. They run here through ``review_regimen`` (the view the form, the
sheet and the ``regimen`` command show), so a dose or form written after a name counts as it does
for the user. Findings are in ``review/pharmacist_2026_12_pass6_report.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legpain_desktop.core.dosing.regimen import review_regimen
from tests.core.dosing.test_interactions import shipped_checker
from tests.core.dosing.test_reviewed_interaction_cases import judge_case

REVIEW = yaml.safe_load(
    (Path(__file__).parent / "review" / "pharmacist_2026_12_pass6.yaml").read_text(encoding="utf-8")
)
CASES: list[dict[str, Any]] = REVIEW["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_reviewed_interaction_case_pass6(case: dict[str, Any]) -> None:
    checker = shipped_checker()
    review = review_regimen(checker, case["medicines"])
    assert not review.unchecked, [m.entered.text for m in review.unchecked]
    judge_case(checker, list(review.interactions), case)


def test_the_case_file_is_the_reviewers_whole_set() -> None:
    assert len(CASES) == 28 and len({c["id"] for c in CASES}) == 28
    assert all(c.get("source") and c.get("rationale") for c in CASES)
