"""Two-level Wells score for deep vein thrombosis, with the NICE NG158 pathway for each level.

Items and points: Wells PS, Anderson DR, Rodger M, et al. Evaluation of D-dimer in the diagnosis
of suspected deep-vein thrombosis. N Engl J Med 2003;349:1227-1235 (the two-level score: 2 or
more "DVT likely"). Next steps: NICE NG158, Venous thromboembolic diseases: diagnosis,
management and thrombophilia testing (2020, updated 2023), recommendations 1.1.1 to 1.1.9.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from legpain_desktop.core.scores.base import Item, NumberInput, ScoreResult, check_items, check_numbers

NAME = "wells-dvt"
TITLE = "Wells score for DVT (two-level)"
SHORT = "Wells DVT"  # a button label
SOURCE = "Wells PS et al. N Engl J Med 2003;349:1227-35 (two-level score); NICE NG158 (2020, updated 2023) 1.1"
ITEMS = (
    Item("cancer", "Active cancer (treatment ongoing, within 6 months, or palliative)"),
    Item("paralysis-or-cast", "Paralysis, paresis or recent plaster cast of a leg"),
    Item("bedridden-or-surgery", "Bedridden 3 days or more, or major surgery in the last 12 weeks"),
    Item("deep-vein-tenderness", "Tenderness along the deep veins"),
    Item("whole-leg-swollen", "Whole leg swollen"),
    Item("calf-swelling-3cm", "Calf 3 cm or more larger than the other side (10 cm below the tibial tuberosity)"),
    Item("pitting-oedema", "Pitting oedema confined to the symptomatic leg"),
    Item("collateral-veins", "Collateral superficial veins (not varicose)"),
    Item("previous-dvt", "Previously documented DVT"),
    Item("alternative-diagnosis-likely", "An alternative diagnosis is at least as likely as DVT", points=-2),
)
NUMBERS = (
    NumberInput(
        "age", "Age", "years", 18, 120, required=False, help="optional: gives the age-adjusted D-dimer threshold"
    ),
)
AGE_ADJUST_FROM = 50  # NICE NG158: consider an age-adjusted D-dimer threshold over 50
LIKELY_FROM = 2  # Wells 2003: 2 points or more is "DVT likely"
# Symptom-filter findings that say what an item says (all of a row's findings must be ticked).
# Only these are pre-ticked; the rest (deep-vein tenderness, 3 cm, pitting) need an examination.
FROM_FINDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cancer", ("risk.cancer",)),
    ("paralysis-or-cast", ("risk.plaster-cast",)),
    ("bedridden-or-surgery", ("risk.recent-surgery",)),
    ("previous-dvt", ("risk.prior-clot",)),
    ("whole-leg-swollen", ("region.whole-leg", "sign.swelling")),
)

LIKELY_STEP = (
    "DVT likely: offer a proximal leg vein ultrasound with the result within 4 hours; if positive, "
    "diagnose DVT and treat. If the scan cannot be done within 4 hours, take a D-dimer, start interim "
    "therapeutic anticoagulation and scan within 24 hours. If the scan is negative, take a D-dimer: "
    "if it is positive, stop interim anticoagulation and repeat the scan 6 to 8 days later; if it is "
    "negative, DVT is unlikely: look for another cause (NICE NG158 1.1.3-1.1.5)."
)
UNLIKELY_STEP = (
    "DVT unlikely: take a D-dimer with the result within 4 hours (if not possible, start interim "
    "therapeutic anticoagulation while waiting). If it is positive, offer a proximal leg vein "
    "ultrasound within 4 hours (or within 24 hours with interim anticoagulation); if it is negative, "
    "DVT is unlikely: look for another cause (NICE NG158 1.1.6-1.1.7). Over 50, consider an "
    "age-adjusted D-dimer threshold where the laboratory uses one (NICE NG158 1.1.8)."
)
CAVEAT = (
    "Not validated in pregnancy or the puerperium: use compression ultrasound (RCOG Green-top 37a). "
    "A score supports, and does not replace, clinical judgement."
)


def compute(items: Iterable[str], values: Mapping[str, object] | None = None) -> ScoreResult:
    chosen = check_items(NAME, ITEMS, items)
    numbers = check_numbers(NAME, NUMBERS, values or {})
    points = sum(i.points for i in ITEMS if i.id in chosen)
    age = numbers.get("age")
    adjusted = (
        f" For this patient (age {age:g}) the age-adjusted threshold is {age * 10:g} micrograms/L FEU."
        if age is not None and age > AGE_ADJUST_FROM
        else ""
    )
    likely = points >= LIKELY_FROM
    working = (
        *tuple(f"{i.label}: {i.points:+d}" for i in ITEMS if i.id in chosen),
        f"Total {points} ({'2 or more: likely' if likely else 'below 2: unlikely'})",
    )
    return ScoreResult(
        score=NAME,
        points=points,
        category="likely" if likely else "unlikely",
        next_step=f"{LIKELY_STEP if likely else UNLIKELY_STEP}{adjusted} {CAVEAT}",
        source=SOURCE,
        items=chosen,
        working=working,
    )
