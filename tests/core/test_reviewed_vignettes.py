"""The independent physician's vignettes (review of 2026-12-03), kept so the alerts never regress.

93 presentations written from clinical knowledge before the reviewer read ``content/``
(``review/vignettes_2026_12.yaml``): 48 must-not-miss, 42 benign, 3 that need a same-day alert.
Every must-not-miss vignette must raise an alert at its urgency or higher; no benign one may
raise an urgent or emergency alert. The rates are printed at the end of the test run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.differential import DifferentialEngine, engine_from_repository

VIGNETTES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "review" / "vignettes_2026_12.yaml").read_text(encoding="utf-8")
)["vignettes"]
LEVEL = {"none": 0, "urgent": 2, "emergency": 3}
# The reviewer's names for causes the app files under another id.
ALIASES = {
    "achilles-rupture": ["achilles-tendon-rupture"],
    "spinal-stenosis": ["lumbar-spinal-stenosis"],
    "hamstring-injury": ["hamstring-strain", "hamstring-tendinopathy"],
    "peripheral-artery-disease": ["chronic-limb-threatening-ischemia"],
}
RATES: dict[str, str] = {}


@pytest.fixture(scope="module")
def engine(shipped_repo: ContentRepository) -> DifferentialEngine:
    return engine_from_repository(shipped_repo)


def _alert_level(engine: DifferentialEngine, v: dict[str, Any]) -> int:
    return max((LEVEL[r.urgency] for r in engine.compute(v["findings"]).red_flags), default=0)


def _in_top_three(engine: DifferentialEngine, v: dict[str, Any]) -> bool:
    top = [c.id for c in engine.compute(v["findings"]).causes[:3]]
    return any(name in top for name in [v["diagnosis"], *ALIASES.get(v["diagnosis"], [])])


def test_the_set_is_large_enough() -> None:
    assert len(VIGNETTES) >= 80
    assert sum(v["must_not_miss"] for v in VIGNETTES) >= 25


@pytest.mark.parametrize("v", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_alert_at_the_right_urgency_and_no_false_alarm(engine: DifferentialEngine, v: dict[str, Any]) -> None:
    level = _alert_level(engine, v)
    required = LEVEL[v["alert"]]
    if required:
        assert level >= required, f"{v['id']} ({v['diagnosis']}): needs {v['alert']}, got level {level}"
    else:
        assert level < LEVEL["urgent"], f"{v['id']} ({v['diagnosis']}): benign but raised an urgent alert"


def test_rates_on_the_independent_set(engine: DifferentialEngine) -> None:
    mnm = [v for v in VIGNETTES if v["must_not_miss"]]
    benign = [v for v in VIGNETTES if v["alert"] == "none"]
    known = {c.id for c in engine.causes}
    covered = [v for v in VIGNETTES if v["diagnosis"] in known or set(ALIASES.get(v["diagnosis"], [])) & known]
    sensitivity = sum(_alert_level(engine, v) >= LEVEL[v["alert"]] for v in mnm) / len(mnm)
    false_alarms = sum(_alert_level(engine, v) >= LEVEL["urgent"] for v in benign) / len(benign)
    top3 = sum(_in_top_three(engine, v) for v in covered) / len(covered)
    top3_mnm = sum(_in_top_three(engine, v) for v in mnm if v in covered) / len([v for v in mnm if v in covered])
    RATES.update(
        {
            "must-not-miss alert sensitivity": f"{sensitivity:.1%} of {len(mnm)}",
            "benign false-alarm rate": f"{false_alarms:.1%} of {len(benign)}",
            "top-3, diagnoses the app covers": f"{top3:.1%} of {len(covered)}",
            "top-3, must-not-miss": f"{top3_mnm:.1%}",
            "vignettes whose diagnosis has no monograph yet": str(len(VIGNETTES) - len(covered)),
        }
    )
    assert sensitivity == 1.0 and false_alarms <= 0.05
    # top-3 is not yet at the 95% for every cause (issue 13 stays open); it may not fall
    assert top3 >= 0.90 and top3_mnm >= 0.95
