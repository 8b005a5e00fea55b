"""The dose calculator's words, in one place: severities, flag kinds, dialysis modes, range text.

Every view (form, sheet, note, CLI) takes its words from here, so they cannot drift apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legpain_desktop.core.dosing.schema import DoseRange

SEVERITY_ORDER = ("critical", "major", "moderate", "info")
FLAG_KINDS = (
    "renal",
    "dialysis",
    "hepatic",
    "weight",
    "elderly",
    "beers",
    "interaction",
    "unchecked",
    "opioid",
    "contraindication",
    "pregnancy",
    "breastfeeding",
    "plausibility",
    "boxed-warning",
    "boundary",
    "unverified",
)
# Content severities mapped to flag severities. Anything that says avoid is critical: the result
# gives no dose, so the reason must be the first thing read.
INTERACTION_SEVERITY = {"contraindicated": "critical", "major": "major", "moderate": "moderate"}
CONTRAINDICATION_SEVERITY = {"contraindicated": "critical", "avoid": "critical", "caution": "moderate", "info": "info"}
AVOIDING_SEVERITIES = ("contraindicated", "avoid")
DIALYSIS_NAMES = {"none": "none", "hd": "haemodialysis", "pd": "peritoneal dialysis"}
REPRODUCTIVE_WORDS = {"pregnancy": "Pregnancy", "breastfeeding": "Breastfeeding"}
# The flag kind of a condition rule other than pregnancy and breastfeeding: liver and dialysis advice is
# filed under its organ; any other condition (heart failure) is a "contraindication".
CONDITION_KINDS = {"child-pugh-a": "hepatic", "child-pugh-b": "hepatic", "child-pugh-c": "hepatic",
                   "dialysis": "dialysis"}  # fmt: skip


def format_mg(x: float) -> str:
    return f"{x:g}"


def format_daily_range(daily: DoseRange) -> str:
    """``75 mg a day`` for a single figure, ``75 to 300 mg a day`` for a range (never "75 to 75")."""
    if daily.min == daily.max:
        return f"{format_mg(daily.max)} mg a day"
    return f"{format_mg(daily.min)} to {format_mg(daily.max)} mg a day"
