"""NEWS2 for the septic or unwell leg (cellulitis, necrotising infection, septic arthritis).

Royal College of Physicians. National Early Warning Score (NEWS) 2: standardising the assessment of
acute-illness severity in the NHS. Updated report of a working party. London: RCP, 2017 (chart 1,
the scoring thresholds; chart 2, the clinical response). NICE NG51 (sepsis, 2024) uses the same
score for adults in acute hospitals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from legpain_desktop.core.scores.base import (
    Item,
    NumberInput,
    ScoreInputError,
    ScoreResult,
    check_items,
    check_numbers,
)

NAME = "news2"
TITLE = "NEWS2 (National Early Warning Score 2)"
SHORT = "NEWS2"  # a button label
SOURCE = "Royal College of Physicians. National Early Warning Score (NEWS) 2. London: RCP, 2017 (charts 1 and 2)"
ITEMS = (
    Item("on-oxygen", "On supplemental oxygen"),
    Item("new-confusion", "New confusion, or responds only to voice or pain, or unresponsive (CVPU)"),
    Item(
        "spo2-scale-2",
        "SpO2 scale 2: hypercapnic respiratory failure with a prescribed target of 88-92%",
        help="Only when a clinician has prescribed a target of 88-92%; otherwise scale 1 (an SpO2 of 88% "
        "scores 3 on scale 1 and 0 on scale 2).",
    ),
)
NUMBERS = (
    NumberInput("resp_rate", "Respiration rate", "breaths/min", 0, 80),
    NumberInput("spo2", "Oxygen saturation (SpO2)", "%", 50, 100),
    NumberInput("systolic_bp", "Systolic blood pressure", "mmHg", 30, 300),
    NumberInput("pulse", "Pulse", "beats/min", 20, 250),
    NumberInput("temperature", "Temperature", "°C", 25, 45),
)

# Chart 1 bands: (upper bound inclusive, points), tried in order; the last catches the rest.
RESP_RATE = ((8, 3), (11, 1), (20, 0), (24, 2), (999, 3))
SPO2_SCALE_1 = ((91, 3), (93, 2), (95, 1), (100, 0))
SYSTOLIC = ((90, 3), (100, 2), (110, 1), (219, 0), (999, 3))
PULSE = ((40, 3), (50, 1), (90, 0), (110, 1), (130, 2), (999, 3))
TEMPERATURE = ((35.0, 3), (36.0, 1), (38.0, 0), (39.0, 1), (99.0, 2))

RESPONSES = {
    "low": (
        "Low (0-4): continue monitoring (at least 12-hourly at 0, 4- to 6-hourly at 1-4); the ward nurse decides "
        "if more is needed."
    ),
    "low-medium": (
        "Low-medium (a 3 in one parameter): at least hourly observations; the nurse informs the medical team for an "
        "urgent review by a clinician who can decide on escalation."
    ),
    "medium": (
        "Medium (5-6): at least hourly observations; urgent review by a clinician competent in acute illness; consider "
        "sepsis (NICE NG51) and a higher level of care."
    ),
    "high": (
        "High (7 or more): continuous monitoring; emergency assessment by a team with critical-care skills; usually "
        "transfer to a higher level of care; treat as possible sepsis (NICE NG51)."
    ),
}


def _band(value: float, bands: tuple[tuple[float, int], ...]) -> int:
    for upper, points in bands:
        if value <= upper:
            return points
    return bands[-1][1]


def _spo2_scale_2(spo2: float, on_oxygen: bool) -> int:
    """Chart 1, scale 2: 88-92% scores 0; above 92 scores only on oxygen."""
    if spo2 <= 83:
        return 3
    if spo2 <= 85:
        return 2
    if spo2 <= 87:
        return 1
    if spo2 <= 92 or not on_oxygen:
        return 0
    if spo2 <= 94:
        return 1
    if spo2 <= 96:
        return 2
    return 3


def compute(items: Iterable[str], values: Mapping[str, object]) -> ScoreResult:
    chosen = check_items(NAME, ITEMS, items)
    v = check_numbers(NAME, NUMBERS, values)
    if v["spo2"] < 70:
        raise ScoreInputError(
            f"SpO2 {v['spo2']:g}% is implausibly low for a reading: check the probe (valid 70 to 100%)"
        )
    oxygen = "on-oxygen" in chosen
    scale2 = "spo2-scale-2" in chosen
    parts = [
        ("Respiration rate", f"{v['resp_rate']:g}/min", _band(v["resp_rate"], RESP_RATE)),
        (
            "SpO2" + (" (scale 2)" if scale2 else " (scale 1)"),
            f"{v['spo2']:g}%",
            _spo2_scale_2(v["spo2"], oxygen) if scale2 else _band(v["spo2"], SPO2_SCALE_1),
        ),
        ("Air or oxygen", "oxygen" if oxygen else "air", 2 if oxygen else 0),
        ("Systolic blood pressure", f"{v['systolic_bp']:g} mmHg", _band(v["systolic_bp"], SYSTOLIC)),
        ("Pulse", f"{v['pulse']:g}/min", _band(v["pulse"], PULSE)),
        (
            "Consciousness",
            "new confusion or CVPU" if "new-confusion" in chosen else "alert",
            3 if "new-confusion" in chosen else 0,
        ),
        ("Temperature", f"{v['temperature']:.1f} °C", _band(round(v["temperature"], 1), TEMPERATURE)),
    ]
    total = sum(p for _n, _v, p in parts)
    single_three = any(p == 3 for _n, _v, p in parts)
    if total >= 7:
        category = "high"
    elif total >= 5:
        category = "medium"
    elif single_three:
        category = "low-medium"
    else:
        category = "low"
    working = (*tuple(f"{name} {shown}: {points}" for name, shown, points in parts), f"Total {total}")
    return ScoreResult(
        score=NAME,
        category=category,
        next_step=RESPONSES[category] + " A score supports, and does not replace, clinical judgement.",
        source=SOURCE,
        points=total,
        items=chosen,
        working=working,
    )
