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


def compute(name: str, items: Iterable[str] = (), values: Mapping[str, object] | None = None) -> ScoreResult:
    """Run the score ``name`` on ticked ``items`` and measured ``values``; bad input raises
    :class:`ScoreInputError` naming the field and its valid range."""
    module = SCORES.get(name)
    if module is None:
        raise ScoreInputError(f"unknown score {name!r}; choose one of: {', '.join(SCORES)}")
    result: ScoreResult = module.compute(list(items), dict(values or {}))
    return result


__all__ = ["SCORES", "ScoreInputError", "ScoreResult", "compute"]
