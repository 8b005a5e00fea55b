"""Interactions among a patient's drugs, from the rules in ``content/interactions.yaml``."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from legpain_desktop.core.dosing.patient import InputError
from legpain_desktop.core.dosing.schema import STATUSES, DosingDataError

INTERACTION_SEVERITIES = ("contraindicated", "major", "moderate")


@dataclass(frozen=True)
class DrugIdentity:
    id: str
    classes: frozenset[str]


@dataclass(frozen=True)
class Group:
    drugs: frozenset[str]
    classes: frozenset[str]

    def matches(self, drug: DrugIdentity) -> bool:
        return drug.id in self.drugs or bool(drug.classes & self.classes)


@dataclass(frozen=True)
class InteractionRule:
    id: str
    groups: tuple[Group, ...]
    count_classes: frozenset[str]
    count_min: int
    severity: str
    message: str
    action: str
    capped_drug: str | None
    cap_daily_mg: float | None
    source: str
    status: str


@dataclass(frozen=True)
class InteractionHit:
    rule: InteractionRule
    drugs: tuple[str, ...]

    @property
    def cap_applies_to(self) -> str | None:
        return self.rule.capped_drug


def _group(data: Any, where: str) -> Group:
    if not isinstance(data, Mapping) or not (data.get("drugs") or data.get("classes")):
        raise DosingDataError(where, "a group names drugs and/or classes")
    return Group(frozenset(data.get("drugs") or ()), frozenset(data.get("classes") or ()))


def parse_rules(data: Mapping[str, Any]) -> tuple[dict[str, frozenset[str]], tuple[InteractionRule, ...]]:
    """Other-drug classes and the rules; raise DosingDataError for malformed entries."""
    others_raw = data.get("other_drugs") or {}
    if not isinstance(others_raw, Mapping):
        raise DosingDataError("other_drugs", "must map drug names to class lists")
    others = {str(k).lower(): frozenset(v or ()) for k, v in others_raw.items()}
    rules = []
    for i, raw in enumerate(data.get("rules") or []):
        where = f"rules[{i}]"
        if not isinstance(raw, Mapping):
            raise DosingDataError(where, "each rule is a mapping")
        groups = tuple(_group(g, f"{where}.groups") for g in raw.get("groups") or ())
        count = raw.get("count") or {}
        if bool(groups) == bool(count):
            raise DosingDataError(where, "a rule has either groups or count")
        severity = raw.get("severity")
        if severity not in INTERACTION_SEVERITIES:
            raise DosingDataError(where, f"severity must be one of {', '.join(INTERACTION_SEVERITIES)}")
        if raw.get("status") not in STATUSES:
            raise DosingDataError(where, f"status must be one of {', '.join(STATUSES)}")
        for key in ("id", "message", "action", "source"):
            if not raw.get(key):
                raise DosingDataError(where, f"'{key}' is required")
        cap = raw.get("cap_daily_mg")
        rules.append(
            InteractionRule(
                id=str(raw["id"]),
                groups=groups,
                count_classes=frozenset(count.get("classes") or ()),
                count_min=int(count.get("min", 0)),
                severity=str(severity),
                message=str(raw["message"]),
                action=str(raw["action"]),
                capped_drug=raw.get("capped_drug"),
                cap_daily_mg=float(cap) if cap is not None else None,
                source=str(raw["source"]),
                status=str(raw["status"]),
            )
        )
    return others, tuple(rules)


class InteractionChecker:
    """Knows every drug's classes; finds the rules that fire for a drug among the patient's others."""

    def __init__(self, monograph_classes: Mapping[str, Sequence[str]], rules_data: Mapping[str, Any]) -> None:
        self.other_classes, self.rules = parse_rules(rules_data)
        self.monograph_classes = {k: frozenset(v) for k, v in monograph_classes.items()}

    def known_names(self) -> list[str]:
        return sorted(set(self.monograph_classes) | set(self.other_classes))

    def identify(self, name: str) -> DrugIdentity:
        key = name.strip().lower()
        if key in self.monograph_classes:
            return DrugIdentity(key, self.monograph_classes[key])
        if key in self.other_classes:
            return DrugIdentity(key, self.other_classes[key])
        raise InputError(
            "other drug",
            f"unknown drug {name[:40]!r}; use a drug id such as tramadol, or a common name such as "
            "omeprazole, lisinopril or furosemide ('legpain-desktop list --kind drug' lists ids)",
        )

    def check(self, drug_id: str, others: Sequence[str]) -> list[InteractionHit]:
        dosed = self.identify(drug_id)
        people = [dosed] + [self.identify(o) for o in others if o.strip().lower() != dosed.id]
        unique = list({d.id: d for d in people}.values())
        hits = []
        for rule in self.rules:
            if rule.groups:
                match = self._match_groups(rule.groups, unique, dosed)
                if match:
                    hits.append(InteractionHit(rule, match))
            else:
                members = tuple(d.id for d in unique if d.classes & rule.count_classes)
                if dosed.id in members and len(members) >= rule.count_min:
                    hits.append(InteractionHit(rule, members))
        return hits

    @staticmethod
    def _match_groups(
        groups: Sequence[Group], drugs: Sequence[DrugIdentity], dosed: DrugIdentity
    ) -> tuple[str, ...] | None:
        for combo in itertools.permutations(drugs, len(groups)):
            if dosed not in combo:
                continue
            if all(g.matches(d) for g, d in zip(groups, combo, strict=True)):
                return tuple(d.id for d in combo)
        return None
