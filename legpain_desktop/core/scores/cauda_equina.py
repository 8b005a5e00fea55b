"""Cauda equina: the stages of the national suspected cauda equina syndrome pathway and what each
needs.

Getting It Right First Time (GIRFT) and NHS England. National suspected cauda equina syndrome
pathway (2023): CES-S (suspected: bilateral radicular pain or new sensory or sphincter symptoms
without objective change), CES-I (incomplete: altered urinary function, such as reduced bladder
sensation, loss of the desire to void or a poor stream, with voluntary control kept), CES-R
(retention: painless retention with overflow incontinence). Every stage needs an emergency MRI;
surgery is planned on the scan. Todd NV, Dickson RA. Standards of care in cauda equina syndrome.
Br J Neurosurg 2016;30:518-522.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from legpain_desktop.core.scores.base import Item, NumberInput, ScoreResult, check_items, check_numbers

NAME = "cauda-equina"
TITLE = "Cauda equina checklist (GIRFT pathway)"
SHORT = "Cauda equina"  # a button label
SOURCE = (
    "GIRFT / NHS England national suspected cauda equina syndrome pathway (2023); "
    "Todd NV, Dickson RA. Br J Neurosurg 2016;30:518-22"
)
ITEMS = (
    Item("bilateral-radicular-pain", "Sciatica in both legs, or sciatica that has spread to both sides"),
    Item("saddle-numbness", "Numbness or altered feeling in the saddle area (buttocks, perineum, genitals)"),
    Item(
        "bladder-change",
        "New change in bladder function: reduced sensation, loss of the urge to void, poor stream, straining",
    ),
    Item("painless-retention-or-incontinence", "Painless retention or overflow incontinence"),
    Item("bowel-change", "New loss of bowel control or sensation"),
    Item("sexual-dysfunction", "New sexual dysfunction (loss of genital sensation, erectile or ejaculatory change)"),
    Item("severe-or-progressive-weakness", "Severe or progressive weakness in the legs"),
)
NUMBERS: tuple[NumberInput, ...] = ()
FROM_FINDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("bilateral-radicular-pain", ("side.both-legs", "pattern.radiates-from-back")),
)
ACTION = (
    "Emergency: same-day (immediate) MRI of the lumbosacral spine and referral to the on-call spinal team; do not "
    "wait for retention, and do not let a bladder scan or examination delay the MRI (GIRFT 2023)."
)
STEPS = {
    "retention": "CES-R (retention): the most advanced stage. " + ACTION,
    "incomplete": "CES-I (incomplete): bladder function has changed but control is kept. " + ACTION,
    "suspected": "CES-S (suspected): symptoms without objective bladder change. " + ACTION,
    "none": (
        "No cauda equina feature ticked. Give written safety-netting: come back at once (emergency department) with "
        "numbness between the legs, bladder or bowel change, sexual dysfunction or sciatica in both legs."
    ),
}


def compute(items: Iterable[str], values: Mapping[str, object] | None = None) -> ScoreResult:
    chosen = check_items(NAME, ITEMS, items)
    check_numbers(NAME, NUMBERS, values or {})
    if "painless-retention-or-incontinence" in chosen:
        category = "retention"
    elif "bladder-change" in chosen:
        category = "incomplete"
    elif chosen:
        category = "suspected"
    else:
        category = "none"
    return ScoreResult(
        score=NAME,
        category=category,
        next_step=STEPS[category] + " A checklist supports, and does not replace, clinical judgement.",
        source=SOURCE,
        points=len(chosen),
        items=chosen,
        working=tuple(f"{i.label}: present" for i in ITEMS if i.id in chosen),
    )
