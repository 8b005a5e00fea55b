"""Ankle-brachial and toe-brachial index, with the category and what to do.

Categories: Gornik HL, Aronow HD, Goodney PP, et al. 2024 ACC/AHA/AACVPR/APMA/ABC/SCAI/SVM/SVN/SVS/
SIR/VESS guideline for the management of lower extremity peripheral artery disease. Circulation
2024;149:e1313-e1410 (ABI: above 1.40 non-compressible, 1.00 to 1.40 normal, 0.91 to 0.99
borderline, 0.90 or less abnormal; TBI 0.70 or less abnormal). Severe at 0.40 or less: Aboyans V
et al. Measurement and interpretation of the ankle-brachial index. AHA scientific statement.
Circulation 2012;126:2890-2909. The higher arm pressure is the denominator (same sources).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from legpain_desktop.core.scores.base import (
    Item,
    NumberInput,
    ScoreInputError,
    ScoreResult,
    check_items,
    check_numbers,
)

NAME = "abi"
TITLE = "Ankle-brachial (or toe-brachial) index"
SHORT = "ABI"  # a button label
SOURCE = (
    "2024 ACC/AHA multisociety PAD guideline (Gornik HL et al. Circulation 2024;149:e1313); "
    "Aboyans V et al. Circulation 2012;126:2890"
)
ITEMS: tuple[Item, ...] = ()
NUMBERS = (
    NumberInput("ankle_mmhg", "Ankle systolic pressure", "mmHg", 0, 350, required=False),
    NumberInput("toe_mmhg", "Toe systolic pressure", "mmHg", 0, 250, required=False),
    NumberInput("brachial_mmhg", "Brachial systolic pressure", "mmHg", 50, 300, required=False),
    NumberInput("brachial_left_mmhg", "Left brachial systolic pressure", "mmHg", 50, 300, required=False),
    NumberInput("brachial_right_mmhg", "Right brachial systolic pressure", "mmHg", 50, 300, required=False),
)
NON_COMPRESSIBLE_ABOVE = Decimal("1.40")
NORMAL_FROM = Decimal("1.00")
BORDERLINE_FROM = Decimal("0.91")
SEVERE_AT_OR_BELOW = Decimal("0.40")
TBI_ABNORMAL_AT_OR_BELOW = Decimal("0.70")

STEPS = {
    "non-compressible": (
        "Non-compressible arteries (above 1.40): the ABI cannot be read; measure the toe-brachial index."
    ),
    "normal": (
        "Normal (1.00 to 1.40): PAD is unlikely at rest; if symptoms suggest claudication, consider an exercise ABI."
    ),
    "borderline": (
        "Borderline (0.91 to 0.99): if symptoms suggest claudication, consider an exercise ABI; treat risk factors."
    ),
    "pad": (
        "Peripheral artery disease (0.90 or less): start risk-factor treatment (antiplatelet, statin, stop smoking, "
        "supervised exercise) and follow the claudication pathway; refer if symptoms limit life."
    ),
    "severe": (
        "Severe PAD (0.40 or less): look for rest pain, ulcers or gangrene (chronic limb-threatening ischaemia) and "
        "refer to vascular surgery urgently."
    ),
    "tbi-normal": "Toe-brachial index above 0.70: normal.",
    "tbi-abnormal": (
        "Toe-brachial index 0.70 or less: peripheral artery disease; treat risk factors and follow the claudication "
        "pathway. A toe pressure below 30 mmHg suggests chronic limb-threatening ischaemia: refer urgently."
    ),
}


def _two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def compute(items: Iterable[str], values: Mapping[str, object]) -> ScoreResult:
    check_items(NAME, ITEMS, items)
    numbers = check_numbers(NAME, NUMBERS, values)
    arms = [numbers[k] for k in ("brachial_mmhg", "brachial_left_mmhg", "brachial_right_mmhg") if k in numbers]
    if not arms:
        raise ScoreInputError("a brachial systolic pressure is needed (50 to 300 mmHg)")
    if ("ankle_mmhg" in numbers) == ("toe_mmhg" in numbers):
        raise ScoreInputError("give either an ankle pressure (0 to 350 mmHg) or a toe pressure (0 to 250 mmHg)")
    arm = max(arms)
    toe = "toe_mmhg" in numbers
    leg = numbers["toe_mmhg" if toe else "ankle_mmhg"]
    index = _two_places(Decimal(str(leg)) / Decimal(str(arm)))
    working = [
        f"Higher arm pressure: {arm:g} mmHg" + (f" (of {', '.join(f'{a:g}' for a in arms)})" if len(arms) > 1 else ""),
        f"{'Toe' if toe else 'Ankle'}-brachial index = {leg:g} / {arm:g} = {index}",
    ]
    if toe:
        category = "tbi-abnormal" if index <= TBI_ABNORMAL_AT_OR_BELOW else "tbi-normal"
        step = STEPS[category]
        if leg < 30:
            working.append(f"Toe pressure {leg:g} mmHg is below 30 mmHg")
    else:
        if index > NON_COMPRESSIBLE_ABOVE:
            category = "non-compressible"
        elif index >= NORMAL_FROM:
            category = "normal"
        elif index >= BORDERLINE_FROM:
            category = "borderline"
        elif index > SEVERE_AT_OR_BELOW:
            category = "pad"
        else:
            category = "severe"
        step = STEPS[category]
    return ScoreResult(
        score=NAME,
        category=category,
        next_step=step + " An index supports, and does not replace, clinical judgement.",
        source=SOURCE,
        points=float(index),
        items=(),
        working=tuple(working),
        extra={"index": float(index), "kind": "tbi" if toe else "abi"},
    )
