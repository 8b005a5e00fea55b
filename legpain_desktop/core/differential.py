"""Ranking causes from the findings a clinician selects, transparently.

Scoring, documented so a clinician can check any result by hand:

* each selected finding the cause lists adds its weight (1 compatible, 2 typical,
  3 characteristic);
* each selected finding that argues against the cause subtracts ``AGAINST_FACTOR`` times its
  weight (1 argues against, 2 strongly against);
* causes that explain none of the selected findings are not listed;
* ties fall to the more common cause, then to the title.

The must-not-miss lane: a cause is pinned above the ranking, however it scores, when a red flag
naming it has fired (emergency and urgent causes alike), or, for an *emergency* cause with no
selected finding arguing against it, when one of its characteristic findings is selected.
Overlap alone never pins: the first version also pinned a cause explaining half of the
selection, so one benign finding such as "one leg" pinned three emergencies (issue 13).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from legpain_desktop.core.redflags import RedFlagRule, evaluate, rule_from_dict

AGAINST_FACTOR = 2
PREVALENCE_ORDER = {"common": 0, "uncommon": 1, "rare": 2}
URGENCY_ORDER = {"emergency": 0, "urgent": 1, "routine": 2}
CHARACTERISTIC = 3


class UnknownFinding(ValueError):
    """A finding id that is not in the vocabulary."""

    def __init__(self, finding_id: str) -> None:
        super().__init__(f"unknown finding id {finding_id!r} (see 'legpain-desktop findings')")
        self.finding_id = finding_id


@dataclass(frozen=True)
class CauseProfile:
    id: str
    title: str
    urgency: str
    prevalence: str
    findings: Mapping[str, int]
    against: Mapping[str, int]

    @classmethod
    def from_meta(cls, cause_id: str, title: str, meta: Mapping[str, Any]) -> CauseProfile:
        return cls(
            id=cause_id,
            title=title,
            urgency=str(meta["urgency"]),
            prevalence=str(meta["prevalence"]),
            findings={str(k): int(v) for k, v in (meta.get("findings") or {}).items()},
            against={str(k): int(v) for k, v in (meta.get("against") or {}).items()},
        )


@dataclass(frozen=True, slots=True)
class CauseResult:
    id: str
    title: str
    score: int
    urgency: str
    prevalence: str
    pinned: bool
    matched: tuple[str, ...]  # selected findings this cause explains, strongest first
    against: tuple[str, ...]  # selected findings that argue against it
    pin_reason: str = ""
    selected: tuple[str, ...] = ()
    characteristic: tuple[str, ...] = ()  # all of this cause's characteristic findings

    @property
    def unexplained(self) -> tuple[str, ...]:
        """Selected findings this cause does not explain (worked out when asked: most never are)."""
        explained = set(self.matched)
        return tuple(f for f in self.selected if f not in explained)

    @property
    def missing_characteristic(self) -> tuple[str, ...]:
        """Its characteristic findings that are not selected."""
        chosen = set(self.selected)
        return tuple(f for f in self.characteristic if f not in chosen)


@dataclass(frozen=True)
class Differential:
    selected: tuple[str, ...]
    causes: tuple[CauseResult, ...]  # pinned first, then ranked
    red_flags: tuple[RedFlagRule, ...]
    facet_counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def pinned(self) -> tuple[CauseResult, ...]:
        return tuple(c for c in self.causes if c.pinned)

    @property
    def ranked(self) -> tuple[CauseResult, ...]:
        return tuple(c for c in self.causes if not c.pinned)

    def to_json(self) -> dict[str, Any]:
        return {
            "selected": list(self.selected),
            "causes": [
                {
                    "id": c.id,
                    "title": c.title,
                    "score": c.score,
                    "urgency": c.urgency,
                    "pinned": c.pinned,
                    "matched": list(c.matched),
                    "unexplained": list(c.unexplained),
                    "against": list(c.against),
                    "missing_characteristic": list(c.missing_characteristic),
                }
                for c in self.causes
            ],
            "red_flags": [
                {
                    "id": r.id,
                    "title": r.title,
                    "urgency": r.urgency,
                    "message": r.message,
                    "action": r.action,
                    "causes": list(r.causes),
                    "source": r.source,
                }
                for r in self.red_flags
            ],
        }


class DifferentialEngine:
    """Built once from content; :meth:`compute` is cheap enough to run on every click."""

    def __init__(
        self,
        causes: Sequence[CauseProfile],
        rules: Sequence[RedFlagRule],
        finding_ids: Iterable[str],
    ) -> None:
        self.causes = tuple(causes)
        self.rules = tuple(rules)
        self.finding_ids = frozenset(finding_ids)
        self._by_finding: dict[str, list[int]] = {}
        for i, cause in enumerate(self.causes):
            for fid in cause.findings:
                self._by_finding.setdefault(fid, []).append(i)
        self._characteristic = [
            tuple(f for f, w in cause.findings.items() if w >= CHARACTERISTIC) for cause in self.causes
        ]

    @classmethod
    def from_content(
        cls,
        causes_meta: Mapping[str, tuple[str, Mapping[str, Any]]],
        rules: Sequence[Mapping[str, Any]],
        finding_ids: Iterable[str],
    ) -> DifferentialEngine:
        profiles = [CauseProfile.from_meta(cid, title, meta) for cid, (title, meta) in causes_meta.items()]
        return cls(profiles, [rule_from_dict(dict(r)) for r in rules], finding_ids)

    def check(self, selected: Iterable[str]) -> tuple[str, ...]:
        """The selection in a stable order, without duplicates; raise UnknownFinding for bad ids."""
        out: list[str] = []
        for fid in selected:
            if fid not in self.finding_ids:
                raise UnknownFinding(fid)
            if fid not in out:
                out.append(fid)
        return tuple(out)

    def compute(self, selected: Iterable[str]) -> Differential:
        chosen = self.check(selected)
        chosen_set = frozenset(chosen)
        fired = tuple(evaluate(self.rules, chosen_set))
        flagged_causes = {cid for rule in fired for cid in rule.causes}
        # Accumulate through the finding index: only causes that explain a selected finding are
        # touched, and each selected finding is looked at once per cause that lists it.
        matched: dict[int, list[str]] = {}
        if chosen:
            for f in chosen:
                for i in self._by_finding.get(f, ()):
                    matched.setdefault(i, []).append(f)
        else:
            matched = {i: [] for i in range(len(self.causes))}
        results: list[CauseResult] = []
        for i, explained in matched.items():
            cause = self.causes[i]
            weights = cause.findings
            against = [f for f in chosen if f in cause.against] if cause.against else []
            score = 0
            for f in explained:
                score += weights[f]
            for f in against:
                score -= AGAINST_FACTOR * cause.against[f]
            pinned, reason = self._pin(cause, chosen, explained, against, flagged_causes)
            explained.sort(key=weights.__getitem__, reverse=True)
            results.append(
                CauseResult(
                    cause.id,
                    cause.title,
                    score,
                    cause.urgency,
                    cause.prevalence,
                    pinned,
                    tuple(explained),
                    tuple(against),
                    reason,
                    chosen,
                    self._characteristic[i],
                )
            )
        results.sort(key=lambda r: (not r.pinned, -r.score, PREVALENCE_ORDER.get(r.prevalence, 9), r.title))
        counts = dict.fromkeys(self.finding_ids - chosen_set, 0)
        for i in matched:
            for fid in self.causes[i].findings:
                if fid in counts:
                    counts[fid] += 1
        return Differential(selected=chosen, causes=tuple(results), red_flags=fired, facet_counts=counts)

    @staticmethod
    def _pin(
        cause: CauseProfile,
        chosen: Sequence[str],
        matched: Sequence[str],
        against: Sequence[str],
        flagged: set[str],
    ) -> tuple[bool, str]:
        if not matched:
            return False, ""
        if cause.id in flagged and cause.urgency in ("emergency", "urgent"):
            return True, "a red flag for it has fired"
        if cause.urgency != "emergency" or against:
            return False, ""
        key = [f for f in matched if cause.findings[f] >= CHARACTERISTIC]
        if key:
            return True, f"its key feature is present: {', '.join(key)}"
        return False, ""


def engine_from_repository(repo: Any) -> DifferentialEngine:
    """The engine over a :class:`~legpain_desktop.core.db.ContentRepository`'s causes and rules."""
    finding_ids = [fid for _facet, _label, findings in repo.facets() for fid, _ in findings]
    return DifferentialEngine.from_content(repo.meta_of_kind("cause"), repo.red_flag_rules(), finding_ids)
