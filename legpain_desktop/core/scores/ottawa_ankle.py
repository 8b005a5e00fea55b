"""Ottawa ankle rules: who needs an ankle or foot X-ray after an ankle injury.

Stiell IG, Greenberg GH, McKnight RD, et al. A study to develop clinical decision rules for the
use of radiography in acute ankle injuries. Ann Emerg Med 1992;21:384-390; Stiell IG et al.
Decision rules for the use of radiography in acute ankle injuries: refinement and prospective
validation. JAMA 1993;269:1127-1132.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from legpain_desktop.core.scores.base import Item, NumberInput, ScoreResult, check_items, check_numbers

NAME = "ottawa-ankle"
TITLE = "Ottawa ankle rules"
SHORT = "Ottawa ankle"  # a button label
SOURCE = (
    "Stiell IG et al. Ann Emerg Med 1992;21:384-90 and JAMA 1993;269:1127-32; "
    "children: Dowling S et al. Acad Emerg Med 2009;16:277-87"
)
ITEMS = (
    Item("malleolar-zone-pain", "Pain in the malleolar zone"),
    Item("midfoot-zone-pain", "Pain in the midfoot zone"),
    Item(
        "lateral-malleolus-tenderness",
        "Bone tenderness at the posterior edge or tip of the lateral malleolus (distal 6 cm)",
    ),
    Item(
        "medial-malleolus-tenderness",
        "Bone tenderness at the posterior edge or tip of the medial malleolus (distal 6 cm)",
    ),
    Item("base-fifth-metatarsal-tenderness", "Bone tenderness at the base of the fifth metatarsal"),
    Item("navicular-tenderness", "Bone tenderness at the navicular"),
    Item("cannot-bear-weight", "Cannot bear weight for 4 steps, both just after the injury and when examined"),
)
# The ankle rules have no age criterion (unlike the knee rule): an age may be given and changes nothing.
NUMBERS = (NumberInput("age", "Age", "years", 0, 120, required=False, help="not part of the ankle rules"),)
ANKLE_SIGNS = ("lateral-malleolus-tenderness", "medial-malleolus-tenderness")
FOOT_SIGNS = ("base-fifth-metatarsal-tenderness", "navicular-tenderness")


def compute(items: Iterable[str], values: Mapping[str, object] | None = None) -> ScoreResult:
    chosen = set(check_items(NAME, ITEMS, items))
    check_numbers(NAME, NUMBERS, values or {})
    # Tenderness in a zone means pain there; a patient who cannot bear weight with no zone given
    # is X-rayed (the rule is for malleolar or midfoot pain: the safe reading).
    malleolar = "malleolar-zone-pain" in chosen or bool(chosen & set(ANKLE_SIGNS))
    midfoot = "midfoot-zone-pain" in chosen or bool(chosen & set(FOOT_SIGNS))
    weight = "cannot-bear-weight" in chosen
    ankle = malleolar and (bool(chosen & set(ANKLE_SIGNS)) or weight)
    foot = midfoot and (bool(chosen & set(FOOT_SIGNS)) or weight)
    if weight and not malleolar and not midfoot:
        ankle = True
    series = [s for s, on in (("ankle X-ray series", ankle), ("foot X-ray series", foot)) if on]
    xray = bool(series)
    step = (
        f"{' and '.join(series).capitalize()}: the rule is positive."
        if xray
        else "No X-ray needed by the rule: no bone tenderness in the zones and able to bear weight."
    )
    ordered = tuple(i.id for i in ITEMS if i.id in chosen)
    return ScoreResult(
        score=NAME,
        category="x-ray" if xray else "no x-ray",
        next_step=step
        + " Derived in adults; in children its sensitivity is high but not perfect (Dowling 2009), so"
        + " keep a lower threshold for an X-ray in a young child."
        + " The rule supports, and does not replace, clinical judgement.",
        source=SOURCE,
        points=None,
        items=ordered,
        working=tuple(f"{i.label}: present" for i in ITEMS if i.id in chosen),
        extra={"xray": xray, "ankle_xray": ankle, "foot_xray": foot},
    )
