"""Bedside scores tied to the pathway (issue 16): one module per score, each Qt-free, with its
items, their points, the categories, the next step for each category and the source.

``SCORES`` maps the stable names (CLI ``score NAME``) to the modules; :func:`compute` is the one
entry point the GUI and the CLI share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import ModuleType

from legpain_desktop.core.scores import abi, cauda_equina, news2, ottawa_ankle, ottawa_knee, wells_dvt
from legpain_desktop.core.scores.base import ScoreInputError, ScoreResult

SCORES: dict[str, ModuleType] = {m.NAME: m for m in (wells_dvt, ottawa_knee, ottawa_ankle, abi, cauda_equina, news2)}


# The score a clinician reaches for next when a cause is on the list (the differential offers it).
SCORE_FOR_CAUSE = {
    "deep-vein-thrombosis": "wells-dvt",
    "cauda-equina-syndrome": "cauda-equina",
    "peripheral-artery-disease": "abi",
    "chronic-limb-threatening-ischemia": "abi",
    "knee-ligament-injury": "ottawa-knee",
    "meniscus-tear": "ottawa-knee",
    "achilles-tendon-rupture": "ottawa-ankle",
    "septic-arthritis": "news2",
    "cellulitis": "news2",
    "necrotising-fasciitis": "news2",
    "erysipelas": "news2",
}


def prefill(name: str, findings: Iterable[str]) -> tuple[str, ...]:
    """The score's items the ticked findings already say (all of an item's findings present)."""
    module = SCORES.get(name)
    ticked = set(findings)
    rows = getattr(module, "FROM_FINDINGS", ())
    return tuple(item for item, needed in rows if set(needed) <= ticked)


def compute(name: str, items: Iterable[str] = (), values: Mapping[str, object] | None = None) -> ScoreResult:
    """Run the score ``name`` on ticked ``items`` and measured ``values``; bad input raises
    :class:`ScoreInputError` naming the field and its valid range."""
    module = SCORES.get(name)
    if module is None:
        raise ScoreInputError(f"unknown score {name!r}; choose one of: {', '.join(SCORES)}")
    result: ScoreResult = module.compute(list(items), dict(values or {}))
    return result


__all__ = ["SCORES", "SCORE_FOR_CAUSE", "ScoreInputError", "ScoreResult", "compute", "prefill"]
