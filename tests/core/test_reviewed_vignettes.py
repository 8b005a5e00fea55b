"""The independent physicians' vignettes, kept so the alerts never regress (issue 13).

Three sets, each written from clinical knowledge before the reviewer read ``content/``:

* ``review/vignettes_2026_12.yaml``: first pass, 93 presentations;
* ``review/vignettes_2026_12_monographs.yaml``: the four new causes' review (the limping child);
* ``review/vignettes_2026_12_pass2.yaml``: second pass, 88 presentations with atypical
  must-not-miss causes, absent findings and what to ask next;
* ``review/vignettes_2026_12_corrections.yaml``: the third reviewer's 15 cases for the corrected
  content and the new rules (spinal metastasis, DVT in pregnancy or plaster, the limping child,
  hip fracture).

Every must-not-miss vignette must raise an alert at its urgency or higher; no benign one may
raise an urgent or emergency alert; absent findings are passed as absent. A few disagreements
were settled against the reviewer, each with its reason below (``SETTLED``). The rates are
printed at the end of the run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.differential import DifferentialEngine, engine_from_repository

REVIEW = Path(__file__).parent / "review"
SETS = {
    "first pass": "vignettes_2026_12.yaml",
    "new causes": "vignettes_2026_12_monographs.yaml",
    "second pass": "vignettes_2026_12_pass2.yaml",
    "corrections review": "vignettes_2026_12_corrections.yaml",
    "hip fracture and MSCC review": "vignettes_2026_12_hipfracture_mscc.yaml",
}
VIGNETTES: dict[str, list[dict[str, Any]]] = {
    name: yaml.safe_load((REVIEW / file).read_text(encoding="utf-8"))["vignettes"] for name, file in SETS.items()
}
ALL = [(name, v) for name, items in VIGNETTES.items() for v in items]
LEVEL = {"none": 0, "urgent": 2, "emergency": 3}
# The reviewers' names for causes the app files under another id.
ALIASES = {
    "achilles-rupture": ["achilles-tendon-rupture"],
    "spinal-stenosis": ["lumbar-spinal-stenosis"],
    "hamstring-injury": ["hamstring-strain", "hamstring-tendinopathy"],
    "peripheral-artery-disease": ["chronic-limb-threatening-ischemia"],
    "slipped-capital-femoral-epiphysis": ["hip-referred-pain"],
}
# Disagreements settled against the reviewer, with the reason (the alert is still raised).
SETTLED = {
    "VP-011": "urgent, as asked for an afebrile spinal abscess without a deficit: same-day MRI (IDSA 2015); "
    "in this app emergency means now, by ambulance; a deficit raises the emergency rule",
    "VP-026": "urgent: a hot swollen joint needs same-day aspiration before antibiotics (BSR/BOA 2006); the "
    "sepsis rule makes it an emergency when the patient is unwell",
    "VP-027": "urgent, as VP-026: rigors with a hot joint are same-day aspiration and blood cultures; unwell "
    "(fast pulse, low pressure, confusion) raises the emergency sepsis rule",
    "VP-088": "urgent, as VP-026",
    "VP-034": "written before sign.limp existed; the story's limp, entered, raises the limping-child rule "
    "(test_the_settled_cases_raise_their_alert_when_entered_in_full)",
    "VP-037": "written before sign.growing-lump existed; entered, it raises the tumour rule (same test)",
    "VB-03": "benign, but an urgent hip alert is defensible: an older person tender over the outer thigh after a "
    "fall may have a trochanteric fracture that still bears weight, so a same-day X-ray is right (the reviewer "
    "agreed; NICE CG124); counted in test_benign_false_alarms_over_all_the_sets",
    "VC-09": "written before risk.age-under-3 existed (the case says under 25); entered with the child's age, "
    "it raises the limping-toddler rule (same test)",
}
# VP-034, VP-037 and VC-09 as the stories describe them, with the findings that now exist.
IN_FULL = {
    "VP-034": (["sign.limp"], "urgent"),
    "VP-037": (["sign.growing-lump"], "urgent"),
    "VC-09": (["risk.age-under-3"], "urgent"),
}
RATES: dict[str, str] = {}


@pytest.fixture(scope="module")
def engine(shipped_repo: ContentRepository) -> DifferentialEngine:
    return engine_from_repository(shipped_repo)


def _compute(engine: DifferentialEngine, v: dict[str, Any], extra: list[str] | None = None) -> Any:
    return engine.compute([*v["findings"], *(extra or [])], v.get("absent") or [])


def _alert_level(engine: DifferentialEngine, v: dict[str, Any], extra: list[str] | None = None) -> int:
    return max((LEVEL[r.urgency] for r in _compute(engine, v, extra).red_flags), default=0)


def _names(v: dict[str, Any]) -> list[str]:
    return [v["diagnosis"], *ALIASES.get(v["diagnosis"], [])]


def _in_top_three(engine: DifferentialEngine, v: dict[str, Any]) -> bool:
    top = [c.id for c in _compute(engine, v).causes[:3]]
    return any(name in top for name in _names(v))


def test_the_sets_are_large_enough() -> None:
    assert len(ALL) >= 180
    assert sum(v["must_not_miss"] for _s, v in ALL) >= 50


@pytest.mark.parametrize(("name", "v"), ALL, ids=[v["id"] for _s, v in ALL])
def test_alert_at_the_right_urgency_and_no_false_alarm(
    engine: DifferentialEngine, name: str, v: dict[str, Any]
) -> None:
    level = _alert_level(engine, v)
    required = LEVEL[v["alert"]]
    if v["id"] in SETTLED:
        assert level >= LEVEL["urgent"] or v["id"] in IN_FULL, f"{v['id']}: no alert at all"
        pytest.xfail(SETTLED[v["id"]])
    if required:
        assert level >= required, f"{v['id']} ({v['diagnosis']}): needs {v['alert']}, got level {level}"
    else:
        assert level < LEVEL["urgent"], f"{v['id']} ({v['diagnosis']}): benign but raised an urgent alert"


def test_the_settled_cases_raise_their_alert_when_entered_in_full(engine: DifferentialEngine) -> None:
    by_id = {v["id"]: v for _s, v in ALL}
    for vid, (extra, urgency) in IN_FULL.items():
        assert _alert_level(engine, by_id[vid], extra) >= LEVEL[urgency], vid


def test_ask_next_offers_a_question_the_reviewer_would_ask(engine: DifferentialEngine) -> None:
    cases = [v for _s, v in ALL if v.get("ask_next_should_include_any")]
    hits = 0
    for v in cases:
        asked = {q.finding for q in engine.ask_next(_compute(engine, v))}
        hits += bool(asked & set(v["ask_next_should_include_any"]))
    RATES["ask-next: a suggested question is one the reviewer would ask"] = f"{hits} of {len(cases)}"
    assert cases and hits / len(cases) >= 0.8


@pytest.mark.parametrize("name", list(SETS))
def test_rates_on_each_independent_set(engine: DifferentialEngine, name: str) -> None:
    vignettes = VIGNETTES[name]
    mnm = [v for v in vignettes if v["must_not_miss"] and v["id"] not in SETTLED]
    benign = [v for v in vignettes if v["alert"] == "none" and v["id"] not in SETTLED]
    known = {c.id for c in engine.causes}
    covered = [v for v in vignettes if set(_names(v)) & known]
    sensitivity = sum(_alert_level(engine, v) >= LEVEL[v["alert"]] for v in mnm) / max(len(mnm), 1)
    false_alarms = sum(_alert_level(engine, v) >= LEVEL["urgent"] for v in benign) / max(len(benign), 1)
    top3 = sum(_in_top_three(engine, v) for v in covered) / max(len(covered), 1)
    RATES[f"{name}: must-not-miss alert sensitivity"] = f"{sensitivity:.1%} of {len(mnm)} (settled apart: "
    RATES[f"{name}: must-not-miss alert sensitivity"] += f"{sum(v['id'] in SETTLED for v in vignettes)})"
    RATES[f"{name}: benign false-alarm rate"] = f"{false_alarms:.1%} of {len(benign)}"
    RATES[f"{name}: top-3, diagnoses the app covers"] = f"{top3:.1%} of {len(covered)}"
    assert sensitivity == 1.0 and false_alarms <= 0.05
    assert top3 >= TOP3_AT_LEAST[name]


# Top-3 may not fall below these, per set and over all four sets together (issue 13: at least 95%).
# The new-causes set has 6 vignettes (MR-04, insertional Achilles tendinopathy, comes 5th after a
# calcaneal stress fracture); the corrections set was written to test alerts, and VC-09 (a toddler's
# limp, nothing else) cannot name one cause.
TOP3_AT_LEAST = {
    "first pass": 0.95,
    "new causes": 0.8,
    "second pass": 0.95,
    "corrections review": 0.75,
    "hip fracture and MSCC review": 0.85,
}
TOP3_OVERALL = 0.95


def test_benign_false_alarms_over_all_the_sets(engine: DifferentialEngine) -> None:
    """Issue 13: at most 5% of benign vignettes raise an urgent or emergency alert, settled ones included."""
    benign = [v for _s, v in ALL if v["alert"] == "none"]
    alarms = [v["id"] for v in benign if _alert_level(engine, v) >= LEVEL["urgent"]]
    RATES["all sets: benign false alarms, settled included"] = f"{len(alarms)} of {len(benign)} ({', '.join(alarms)})"
    assert len(benign) >= 90 and len(alarms) / len(benign) <= 0.05
    assert all(a in SETTLED for a in alarms), alarms  # each one explained


def test_top_three_over_all_the_sets(engine: DifferentialEngine) -> None:
    known = {c.id for c in engine.causes}
    covered = [v for _s, v in ALL if set(_names(v)) & known]
    rate = sum(_in_top_three(engine, v) for v in covered) / len(covered)
    RATES["all sets: top-3, diagnoses the app covers"] = f"{rate:.1%} of {len(covered)}"
    assert rate >= TOP3_OVERALL


# The hip fracture and MSCC reviewer's probes (tests/core/review/hipfracture_mscc_2026_12_report.md,
# "rules run"), entered as findings: each must raise its rule at least at the stated urgency, and the
# look-alikes beside them must not raise it (chemotherapy neuropathy, a cancer patient's torn tendon,
# an old arthritic knee).
PROBES = [
    ("P1", ["risk.cancer", "sign.weakness", "sign.numbness", "side.both-legs"], "spinal-cord-compression-cancer"),
    ("P2", ["risk.cancer", "sign.numbness", "side.both-legs", "quality.heaviness"], "spinal-cord-compression-cancer"),
    (
        "P3",
        ["risk.cancer", "pattern.radiates-from-back", "quality.shooting", "region.posterior-thigh"],
        "spinal-cord-compression-cancer",
    ),
    (
        "P4",
        ["risk.older-age", "pattern.night-or-rest", "sign.weight-loss", "sign.weakness", "side.one-leg"],
        "spinal-cord-compression-cancer",
    ),
    ("P7", ["risk.cancer", "sign.weakness", "sign.limp", "side.both-legs"], "spinal-cord-compression-cancer"),
    ("P8", ["risk.cancer", "pattern.night-or-rest", "pattern.spine-movement"], "spinal-metastasis"),
    (
        "P9",
        ["risk.cancer", "sign.muscle-weakness-both", "pattern.radiates-from-back"],
        "spinal-cord-compression-cancer",
    ),
    ("P10", ["risk.cancer", "sign.weakness", "side.one-leg"], "spinal-cord-compression-cancer"),
    ("P15", ["risk.cancer", "risk.older-age", "pattern.radiates-from-back", "quality.aching"], "spinal-metastasis"),
    ("P5", ["risk.older-age", "onset.after-injury", "region.anterior-thigh", "sign.limp"], "possible-hip-fracture"),
    ("P6", ["risk.older-age", "sign.cannot-bear-weight"], "possible-hip-fracture"),
    ("P12", ["risk.older-age", "sign.limp", "region.groin"], "possible-hip-fracture"),
    ("P13", ["risk.older-age", "onset.after-injury", "sign.limp"], "possible-hip-fracture"),
    (
        "VH-07",
        ["risk.older-age", "onset.after-injury", "sign.systemically-unwell", "sign.cannot-bear-weight"],
        "hip-fracture-unwell",
    ),
]
LOOK_ALIKES = [
    (
        "chemotherapy neuropathy",
        [
            "risk.cancer",
            "risk.chemotherapy",
            "sign.numbness",
            "quality.burning",
            "region.foot",
            "side.both-legs",
            "onset.gradual",
        ],
        "spinal-cord-compression-cancer",
    ),
    (
        "a cancer patient's torn Achilles",
        ["risk.cancer", "onset.sudden", "onset.after-injury", "sign.weakness", "region.achilles"],
        "spinal-cord-compression-cancer",
    ),
    ("an old arthritic knee", ["risk.older-age", "sign.limp", "region.knee", "onset.chronic"], "possible-hip-fracture"),
]


@pytest.mark.parametrize(("pid", "findings", "rule"), PROBES, ids=[p[0] for p in PROBES])
def test_hip_fracture_and_mscc_probes_raise_their_rule(
    engine: DifferentialEngine, pid: str, findings: list[str], rule: str
) -> None:
    fired = {r.id for r in engine.compute(findings, []).red_flags}
    assert rule in fired, (pid, fired)


@pytest.mark.parametrize(("name", "findings", "rule"), LOOK_ALIKES, ids=[a[0] for a in LOOK_ALIKES])
def test_look_alikes_do_not_raise_the_rule(
    engine: DifferentialEngine, name: str, findings: list[str], rule: str
) -> None:
    assert rule not in {r.id for r in engine.compute(findings, []).red_flags}, name
