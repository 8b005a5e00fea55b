"""The independent search query set (issue 14): 395 queries written from the monograph titles
only, by a reviewer who did not read content/ or the synonym lists
(review/search_queries_2026_12.yaml). Top-1, top-3 and MRR by group are printed at the end of
the run; the issue's targets are asserted.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from legpain_desktop.core.db.repository import ContentRepository

QUERIES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "review" / "search_queries_2026_12.yaml").read_text(encoding="utf-8")
)["queries"]
RATES: dict[str, str] = {}


def rank(repo: ContentRepository, query: dict[str, Any]) -> int | None:
    """1-based rank of the first expected monograph, or None when it is not in the first 20."""
    ids = [h.id for h in repo.search(query["q"], limit=20)]
    found = [ids.index(e) + 1 for e in query["expect"] if e in ids]
    return min(found) if found else None


def test_the_set_is_large_enough() -> None:
    assert len(QUERIES) >= 300
    groups = {q["group"] for q in QUERIES}
    assert {"typo", "question", "spelling", "brand", "lay", "clinical"} <= groups


def test_queries_with_no_answer_never_fail(shipped_repo: ContentRepository) -> None:
    for query in (q for q in QUERIES if not q["expect"]):
        assert isinstance(shipped_repo.search(query["q"]), list)


def test_rates_by_group(shipped_repo: ContentRepository) -> None:
    by_group: dict[str, list[int | None]] = defaultdict(list)
    for query in (q for q in QUERIES if q["expect"]):
        by_group[query["group"]].append(rank(shipped_repo, query))
    every = [r for ranks in by_group.values() for r in ranks]

    def rates(ranks: list[int | None]) -> tuple[float, float, float]:
        top1 = sum(r == 1 for r in ranks) / len(ranks)
        top3 = sum(r is not None and r <= 3 for r in ranks) / len(ranks)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)
        return top1, top3, mrr

    for group, ranks in sorted(by_group.items()):
        t1, t3, mrr = rates(ranks)
        RATES[group] = f"top-1 {t1:.0%}, top-3 {t3:.0%}, MRR {mrr:.2f} ({len(ranks)} queries)"
    t1, t3, mrr = rates(every)
    RATES["overall"] = f"top-1 {t1:.0%}, top-3 {t3:.0%}, MRR {mrr:.2f} ({len(every)} queries)"
    assert t3 >= 0.95, RATES
    assert rates(by_group["typo"])[1] >= 0.90, RATES["typo"]
    assert rates(by_group["question"])[1] >= 0.85, RATES["question"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Xarelto", "rivaroxaban"),
        ("Eliquis", "apixaban"),
        ("d.v.t.", "deep-vein-thrombosis"),
        ("erys", "erysipelas"),
    ],
)
def test_cases_the_reviewer_found(shipped_repo: ContentRepository, text: str, first: str) -> None:
    assert shipped_repo.search(text)[0].id == first
