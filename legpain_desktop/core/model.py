"""Small, dependency-free pieces of the content model shared by the reader and the renderer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

# Said in the About box, on every printout and PDF, and above every dosing note copied out.
DISCLAIMER = (
    "LegPain Desktop is a reference that supports, and does not replace, clinical judgement. "
    "Check doses against the current product label and local guidance."
)
# The content's words, defined here once (issue 15: kinds were spelled out five times, urgency
# levels four): the validators, the renderer, the engine and the GUI read them from here.
KINDS = ("cause", "drug", "algorithm", "topic", "leaflet")
KIND_LABELS = {
    "cause": "Causes",
    "drug": "Drugs",
    "algorithm": "Algorithms",
    "topic": "Topics",
    "leaflet": "Patient leaflets",
}
KIND_NAMES = {
    "cause": "Cause",
    "drug": "Drug",
    "algorithm": "Algorithm",
    "topic": "Topic",
    "leaflet": "Patient leaflet",
}
# A patient leaflet's id is the id of the cause or drug it explains, then this (issue 20).
LEAFLET_SUFFIX = "-leaflet"


def leaflet_id(monograph_id: str) -> str:
    return f"{monograph_id}{LEAFLET_SUFFIX}"


URGENCIES = ("emergency", "urgent", "routine")  # most urgent first
RED_FLAG_URGENCIES = ("emergency", "urgent")  # a red flag is never routine
EVIDENCE_LEVELS = {
    "guideline": "Guideline",
    "systematic-review": "Systematic review",
    "trial": "Trial",
    "observational": "Observational",
    "expert-opinion": "Expert opinion",
    "label": "Product label",
    "no-evidence": "No evidence",
}


class Step(NamedTuple):
    """One step of an algorithm: read from the front matter by the content build, and from the
    database by the flow diagram (one record for both: issue 15)."""

    id: str
    title: str
    action: str
    duration: str = ""
    move_on: str = ""
    refers: tuple[str, ...] = ()  # "kind:id"
    next: tuple[str, ...] = ()
    evidence: str = ""


def steps_from(raw: Iterable[Mapping[str, Any]] | None) -> tuple[Step, ...]:
    """Typed steps from an algorithm's ``steps`` list (validated by the build)."""
    return tuple(
        Step(
            id=str(s["id"]),
            title=str(s["title"]),
            action=str(s["action"]),
            duration=str(s.get("duration") or ""),
            move_on=str(s.get("move_on") or ""),
            refers=tuple(str(r) for r in s.get("refers") or ()),
            next=tuple(str(n) for n in s.get("next") or ()),
            evidence=str(s.get("evidence") or ""),
        )
        for s in raw or ()
    )


class Reference(NamedTuple):
    key: str
    citation: str
    year: int
    type: str


class ContentError(Exception):
    """A problem in a content file, located by file and line."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = Path(path)
        self.line = line
        self.message = message


class ContentErrors(Exception):
    """Several content problems at once; the build reports them all."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
