"""Red-flag rules: combinations of findings that must raise an alert.

Rules are content (``content/red-flags.yaml``). A rule fires when any one of its ``when``
alternatives holds: every finding in ``all`` is selected, at least ``min_any`` of ``any``, and none of
``none`` (a finding that points elsewhere, such as a gradual onset for a sudden-limb rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from legpain_desktop.core.model import RED_FLAG_URGENCIES, ContentError
from legpain_desktop.core.sources.lines import key_line, node_line

if TYPE_CHECKING:
    from legpain_desktop.core.sources.corpus import Corpus

RULE_KEYS = {"id", "title", "urgency", "when", "message", "action", "causes", "source", "patient", "on_every_leaflet"}


@dataclass(frozen=True)
class Condition:
    all: frozenset[str]
    any: frozenset[str]
    min_any: int
    none: frozenset[str] = frozenset()

    def holds(self, selected: frozenset[str]) -> bool:
        if not self.all <= selected or self.none & selected:
            return False
        return len(self.any & selected) >= self.min_any

    @property
    def findings(self) -> frozenset[str]:
        return self.all | self.any


@dataclass(frozen=True)
class RedFlagRule:
    id: str
    title: str
    urgency: str
    conditions: tuple[Condition, ...]
    message: str
    action: str
    causes: tuple[str, ...]
    source: str

    def fires(self, selected: frozenset[str]) -> bool:
        return any(c.holds(selected) for c in self.conditions)

    def triggering(self, selected: frozenset[str]) -> frozenset[str]:
        """The selected findings that make this rule fire (they keep the banner up)."""
        out: set[str] = set()
        for c in self.conditions:
            if c.holds(selected):
                out |= c.findings & selected
        return frozenset(out)


def rule_from_dict(data: dict[str, Any]) -> RedFlagRule:
    conditions = []
    for alt in data["when"]:
        any_ids = frozenset(alt.get("any") or ())
        conditions.append(
            Condition(
                all=frozenset(alt.get("all") or ()),
                any=any_ids,
                min_any=int(alt.get("min_any", 1 if any_ids else 0)),
                none=frozenset(alt.get("none") or ()),
            )
        )
    return RedFlagRule(
        id=str(data["id"]),
        title=str(data["title"]),
        urgency=str(data["urgency"]),
        conditions=tuple(conditions),
        message=str(data["message"]).strip(),
        action=str(data["action"]).strip(),
        causes=tuple(data.get("causes") or ()),
        source=str(data.get("source") or ""),
    )


def evaluate(rules: Iterable[RedFlagRule], selected: Iterable[str]) -> list[RedFlagRule]:
    """The rules that fire, emergencies first, in content order otherwise."""
    chosen = frozenset(selected)
    fired = [r for r in rules if r.fires(chosen)]
    return sorted(fired, key=lambda r: RED_FLAG_URGENCIES.index(r.urgency))


def validate_red_flags(corpus: Corpus) -> list[ContentError]:
    path = corpus.root / "red-flags.yaml"
    errors: list[ContentError] = []
    seen: set[str] = set()
    for raw in corpus.red_flags:
        line = node_line(raw, 1)
        if not isinstance(raw, dict):
            errors.append(ContentError(path, line, "each red flag is a mapping"))
            continue
        missing = {"id", "title", "urgency", "when", "message", "action", "causes", "patient"} - set(raw)
        if missing:
            errors.append(ContentError(path, line, f"red flag is missing {', '.join(sorted(missing))}"))
            continue
        extra = set(raw) - RULE_KEYS
        if extra:
            errors.append(ContentError(path, line, f"unknown red-flag key(s): {', '.join(sorted(map(str, extra)))}"))
        patient = raw["patient"]
        if not isinstance(patient, str) or not patient.strip() or "\n" in patient.strip():
            errors.append(
                ContentError(path, key_line(raw, "patient", 1), "'patient' is one line of plain words for leaflets")
            )
        if raw.get("on_every_leaflet", False) not in (True, False):
            errors.append(
                ContentError(path, key_line(raw, "on_every_leaflet", 1), "'on_every_leaflet' is true or false")
            )
        if raw["id"] in seen:
            errors.append(ContentError(path, key_line(raw, "id", 1), f"duplicate red flag id {raw['id']!r}"))
        seen.add(raw["id"])
        if raw["urgency"] not in RED_FLAG_URGENCIES:
            errors.append(
                ContentError(
                    path, key_line(raw, "urgency", 1), f"urgency must be one of {', '.join(RED_FLAG_URGENCIES)}"
                )
            )
        if not isinstance(raw["when"], list) or not raw["when"]:
            errors.append(ContentError(path, key_line(raw, "when", 1), "'when' must list at least one alternative"))
            continue
        for alt in raw["when"]:
            aline = node_line(alt, 1)
            if not isinstance(alt, dict) or not (alt.get("all") or alt.get("any")):
                errors.append(ContentError(path, aline, "each alternative needs 'all' and/or 'any'"))
                continue
            for fid in list(alt.get("all") or []) + list(alt.get("any") or []) + list(alt.get("none") or []):
                if fid not in corpus.finding_ids:
                    errors.append(ContentError(path, aline, f"unknown finding id {fid!r}"))
            min_any = alt.get("min_any", 1)
            if alt.get("any") and not (isinstance(min_any, int) and 1 <= min_any <= len(alt["any"])):
                errors.append(ContentError(path, aline, f"min_any must be a whole number from 1 to {len(alt['any'])}"))
        for cid in raw["causes"]:
            mono = corpus.monographs.get(cid)
            if mono is None or mono.kind != "cause":
                errors.append(ContentError(path, key_line(raw, "causes", 1), f"red flag names unknown cause {cid!r}"))
    return errors
