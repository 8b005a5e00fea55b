"""Ottawa knee rule: who needs a knee X-ray after an acute knee injury.

Stiell IG, Greenberg GH, Wells GA, et al. Prospective validation of a decision rule for the use
of radiography in acute knee injuries. JAMA 1996;275:611-615; Stiell IG et al. Implementation of
the Ottawa Knee Rule. JAMA 1997;278:2075-2079. Validated in adults; Bulloch B et al. Ann Emerg
Med 2003;42:48-55 in children aged 2 to 16.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from legpain_desktop.core.scores.base import Item, NumberInput, ScoreResult, check_items, check_numbers

NAME = "ottawa-knee"
TITLE = "Ottawa knee rule"
SHORT = "Ottawa knee"  # a button label
SOURCE = (
    "Stiell IG et al. JAMA 1996;275:611-5 and JAMA 1997;278:2075-9; "
    "children: Bulloch B et al. Ann Emerg Med 2003;42:48-55"
)
ITEMS = (
    Item("patellar-tenderness", "Isolated tenderness of the patella (no other bony tenderness)"),
    Item("fibular-head-tenderness", "Tenderness at the head of the fibula"),
    Item("cannot-flex-90", "Cannot flex the knee to 90 degrees"),
    Item("cannot-bear-weight", "Cannot bear weight for 4 steps, both just after the injury and when examined"),
)
NUMBERS = (NumberInput("age", "Age", "years", 0, 120),)
AGE_FROM = 55


def compute(items: Iterable[str], values: Mapping[str, object]) -> ScoreResult:
    chosen = check_items(NAME, ITEMS, items)
    numbers = check_numbers(NAME, NUMBERS, values)
    age = numbers["age"]
    reasons = [i.label for i in ITEMS if i.id in chosen]
    if age >= AGE_FROM:
        reasons.insert(0, f"Age {age:g} (55 or over)")
    xray = bool(reasons)
    step = (
        "Knee X-ray: the rule is positive (" + "; ".join(reasons) + ")."
        if xray
        else "No X-ray needed by the rule: none of its criteria is present. Review if it does not improve."
    )
    working = (f"Age {age:g} years", *(f"{i.label}: present" for i in ITEMS if i.id in chosen))
    return ScoreResult(
        score=NAME,
        category="x-ray" if xray else "no x-ray",
        next_step=step
        + " Validated in adults, and in children aged 2 to 16 (Bulloch 2003); under 2, judge without it."
        + " The rule supports, and does not replace, clinical judgement.",
        source=SOURCE,
        points=len(reasons),
        items=chosen,
        working=working,
        extra={"xray": xray},
    )
