"""Ranking causes from the findings a clinician selects, transparently.

Scoring, documented so a clinician can check any result by hand:

* **points**: each selected finding the cause lists adds its weight (1 compatible, 2 typical,
  3 characteristic); each selected finding that argues against the cause subtracts
  ``AGAINST_FACTOR`` times its weight (1 argues against, 2 strongly against); each finding the
  clinician marked **absent** that the cause expects (weight 2 or 3) subtracts its weight;
* **match** (the rank): the points divided by the size of the cause's profile, as a cosine
  between the ticked findings and the cause's weights (``points / (sqrt(ticked) * sqrt(sum of
  squared weights))``), shown as a percentage. A cause that lists many findings no longer wins
  merely by listing more of them (issue 13): it needs the ticked findings to be *its* findings;
* causes that explain none of the selected findings are not listed;
* ties fall to the higher points, then to the more common cause, then to the title.

Absent findings lower causes only: they never silence a red flag, which reads present findings.

The must-not-miss lane: a cause is pinned above the ranking, however it scores, when a red flag
naming it has fired (emergency and urgent causes alike), or, for an *emergency* cause with no
selected finding arguing against it, when one of its characteristic findings is selected.
Overlap alone never pins: the first version also pinned a cause explaining half of the
selection, so one benign finding such as "one leg" pinned three emergencies (issue 13).

What to ask next (:meth:`DifferentialEngine.ask_next`): questions whose yes would raise a red
flag for a must-not-miss cause among the leaders come first; then the unasked findings that best
separate the leading causes (the largest expected fall in uncertainty over the top causes, each
cause's chance of the finding read from its weight).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from legpain_desktop.core.redflags import RedFlagRule, evaluate, rule_from_dict

AGAINST_FACTOR = 2
PREVALENCE_ORDER = {"common": 0, "uncommon": 1, "rare": 2}
CHARACTERISTIC = 3
TYPICAL = 2
# Facets whose findings exclude one another: once one is answered the others are not asked.
EXCLUSIVE_FACETS = frozenset({"side"})
ASK_NEXT_COUNT = 3
LEADERS = 5  # how many leading causes the questions try to separate
RED_FLAG_QUESTIONS = 2  # at most this many of the questions are red-flag questions


class UnknownFinding(ValueError):
    """A finding id that is not in the vocabulary."""

    def __init__(self, finding_id: str) -> None:
        super().__init__(f"unknown finding id {finding_id!r} (see 'legpain-desktop findings')")
        self.finding_id = finding_id


class ConflictingFinding(ValueError):
    """A finding given as both present and absent."""

    def __init__(self, finding_id: str) -> None:
        super().__init__(f"finding {finding_id!r} is given as both present and absent: choose one")
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
    score: int  # points: explained weights minus against and absent penalties
    urgency: str
    prevalence: str
    pinned: bool
    matched: tuple[str, ...]  # selected findings this cause explains, strongest first
    against: tuple[str, ...]  # selected findings that argue against it
    pin_reason: str = ""
    selected: tuple[str, ...] = ()
    characteristic: tuple[str, ...] = ()  # all of this cause's characteristic findings
    match: int = 0  # percent: the points against the size of the cause's profile (the rank)
    absent: tuple[str, ...] = ()  # findings marked absent that this cause expects

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

    def why(self, labels: Mapping[str, str]) -> str:
        """Why it ranks where it does, in clinical words (the GUI's tooltip and the CLI's text)."""

        def words(ids: Iterable[str]) -> str:
            return ", ".join(labels.get(f, f) for f in ids)

        parts = [f"match {max(self.match, 0)}% ({self.score} points)"]
        if self.pin_reason:
            parts.append(f"pinned: {self.pin_reason}")
        if self.matched:
            parts.append(f"explains {words(self.matched)}")
        if self.against:
            parts.append(f"argues against: {words(self.against)}")
        if self.absent:
            parts.append(f"expected but absent: {words(self.absent)}")
        unexplained = self.unexplained
        if unexplained:
            parts.append(f"does not explain {words(unexplained)}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Question:
    """A finding worth asking about next, and why, in clinical words."""

    finding: str
    why: str
    red_flag: bool = False


@dataclass(frozen=True)
class Differential:
    selected: tuple[str, ...]
    causes: tuple[CauseResult, ...]  # pinned first, then ranked
    red_flags: tuple[RedFlagRule, ...]
    facet_counts: Mapping[str, int] = field(default_factory=dict)
    absent: tuple[str, ...] = ()

    @property
    def pinned(self) -> tuple[CauseResult, ...]:
        return tuple(c for c in self.causes if c.pinned)

    @property
    def ranked(self) -> tuple[CauseResult, ...]:
        return tuple(c for c in self.causes if not c.pinned)

    def to_json(self) -> dict[str, Any]:
        return {
            "selected": list(self.selected),
            "absent": list(self.absent),
            "causes": [
                {
                    "id": c.id,
                    "title": c.title,
                    "match": c.match,
                    "score": c.score,
                    "urgency": c.urgency,
                    "pinned": c.pinned,
                    "pin_reason": c.pin_reason,
                    "matched": list(c.matched),
                    "unexplained": list(c.unexplained),
                    "against": list(c.against),
                    "absent": list(c.absent),
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
        labels: Mapping[str, str] | None = None,
        facet_of: Mapping[str, str] | None = None,
    ) -> None:
        self.causes = tuple(causes)
        self.rules = tuple(rules)
        self.finding_ids = frozenset(finding_ids)
        self.labels: Mapping[str, str] = dict(labels or {})
        self.facet_of: Mapping[str, str] = dict(facet_of or {})
        self._by_finding: dict[str, list[int]] = {}
        for i, cause in enumerate(self.causes):
            for fid in cause.findings:
                self._by_finding.setdefault(fid, []).append(i)
        self._characteristic = [
            tuple(f for f, w in cause.findings.items() if w >= CHARACTERISTIC) for cause in self.causes
        ]
        self._norm = [math.sqrt(sum(w * w for w in cause.findings.values())) or 1.0 for cause in self.causes]
        self._index = {cause.id: i for i, cause in enumerate(self.causes)}

    @classmethod
    def from_content(
        cls,
        causes_meta: Mapping[str, tuple[str, Mapping[str, Any]]],
        rules: Sequence[Mapping[str, Any]],
        finding_ids: Iterable[str],
        labels: Mapping[str, str] | None = None,
        facet_of: Mapping[str, str] | None = None,
    ) -> DifferentialEngine:
        profiles = [CauseProfile.from_meta(cid, title, meta) for cid, (title, meta) in causes_meta.items()]
        return cls(profiles, [rule_from_dict(dict(r)) for r in rules], finding_ids, labels, facet_of)

    def label(self, finding_id: str) -> str:
        return self.labels.get(finding_id, finding_id)

    def check(self, selected: Iterable[str]) -> tuple[str, ...]:
        """The selection in a stable order, without duplicates; raise UnknownFinding for bad ids."""
        out: list[str] = []
        for fid in selected:
            if fid not in self.finding_ids:
                raise UnknownFinding(fid)
            if fid not in out:
                out.append(fid)
        return tuple(out)

    def compute(self, selected: Iterable[str], absent: Iterable[str] = ()) -> Differential:
        chosen = self.check(selected)
        missing = self.check(absent)
        for fid in missing:
            if fid in chosen:
                raise ConflictingFinding(fid)
        chosen_set = frozenset(chosen)
        fired = tuple(evaluate(self.rules, chosen_set))
        flagged_causes = {cid for rule in fired for cid in rule.causes}
        emergency_flagged = {cid for rule in fired if rule.urgency == "emergency" for cid in rule.causes}
        # Accumulate through the finding index: only causes that explain a selected finding are
        # touched, and each selected finding is looked at once per cause that lists it.
        matched: dict[int, list[str]] = {}
        if chosen:
            for f in chosen:
                for i in self._by_finding.get(f, ()):
                    matched.setdefault(i, []).append(f)
        else:
            matched = {i: [] for i in range(len(self.causes))}
        scale = math.sqrt(max(len(chosen), 1))
        results: list[CauseResult] = []
        for i, explained in matched.items():
            cause = self.causes[i]
            weights = cause.findings
            against = [f for f in chosen if f in cause.against] if cause.against else []
            expected_absent = [f for f in missing if weights.get(f, 0) >= TYPICAL]
            score = 0
            for f in explained:
                score += weights[f]
            for f in against:
                score -= AGAINST_FACTOR * cause.against[f]
            for f in expected_absent:
                score -= weights[f]
            match = round(100 * score / (scale * self._norm[i]))
            pinned, reason = self._pin(cause, explained, against, flagged_causes)
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
                    match,
                    tuple(expected_absent),
                )
            )

        def lane(r: CauseResult) -> int:
            """Within the pinned lane: named by an emergency red flag first, then an emergency
            cause pinned by its key feature, then one named by an urgent flag (a necrotising
            fasciitis whose own emergency alert fired once came sixth of six: second review)."""
            if not r.pinned:
                return 3
            if r.id in emergency_flagged:
                return 0
            return 1 if r.urgency == "emergency" else 2

        results.sort(key=lambda r: (lane(r), -r.match, -r.score, PREVALENCE_ORDER.get(r.prevalence, 9), r.title))
        counts = dict.fromkeys(self.finding_ids - chosen_set, 0)
        for i in matched:
            for fid in self.causes[i].findings:
                if fid in counts:
                    counts[fid] += 1
        return Differential(
            selected=chosen, causes=tuple(results), red_flags=fired, facet_counts=counts, absent=missing
        )

    def _pin(
        self,
        cause: CauseProfile,
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
            return True, f"its key feature is present: {', '.join(self.label(f) for f in key)}"
        return False, ""

    # ------------------------------------------------------------------ what to ask next

    def ask_next(self, result: Differential, count: int = ASK_NEXT_COUNT) -> tuple[Question, ...]:
        """The unasked findings most worth asking about, red-flag questions first."""
        asked = set(result.selected) | set(result.absent)
        answered_facets = {self.facet_of[f] for f in result.selected if self.facet_of.get(f) in EXCLUSIVE_FACETS}

        def askable(fid: str) -> bool:
            return fid not in asked and self.facet_of.get(fid) not in answered_facets

        leaders = [c for c in result.causes if c.matched][:LEADERS]
        if not leaders:
            return ()
        questions: list[Question] = []
        questions += self._red_flag_questions(result, leaders, askable)[:RED_FLAG_QUESTIONS]
        taken = {q.finding for q in questions}
        for gain, fid, why in self._separating_questions(leaders, askable):
            if len(questions) >= count:
                break
            if fid not in taken and gain > 0:
                questions.append(Question(fid, why))
                taken.add(fid)
        return tuple(questions[:count])

    def _red_flag_questions(self, result: Differential, leaders: Sequence[CauseResult], askable: Any) -> list[Question]:
        """Findings one answer away from a red flag that names a must-not-miss leading cause."""
        fired = {r.id for r in result.red_flags}
        leading = {c.id for c in leaders if c.urgency in ("emergency", "urgent")}
        chosen = frozenset(result.selected)
        out: list[Question] = []
        seen: set[str] = set()
        for rule in self.rules:  # content order; emergencies sorted first below
            if rule.id in fired or not leading & set(rule.causes):
                continue
            near = {f for alt in rule.conditions if not alt.none & chosen for f in alt.findings - chosen}
            for fid in sorted(near):
                if fid in seen or not askable(fid) or not rule.fires(chosen | {fid}):
                    continue
                seen.add(fid)
                names = ", ".join(self.causes[self._index[c]].title for c in rule.causes if c in self._index)
                out.append(Question(fid, f"red flag: a yes raises '{rule.title}' ({rule.urgency}: {names})", True))
        out.sort(key=lambda q: 0 if "(emergency:" in q.why else 1)
        return out

    def _separating_questions(self, leaders: Sequence[CauseResult], askable: Any) -> list[tuple[float, str, str]]:
        """Each askable finding's expected fall in uncertainty over the leading causes.

        The leaders' chances come from their match (a softmax); a cause's chance of showing a
        finding is read from its weight (3: 0.9, 2: 0.7, 1: 0.4, unlisted: 0.1, against: 0.05).
        """
        exps = [math.exp(max(c.match, 0) / 20) for c in leaders]
        total = sum(exps)
        prior = [e / total for e in exps]
        profiles = [self.causes[self._index[c.id]] for c in leaders]
        candidates = {f for p in profiles for f in p.findings} | {f for p in profiles for f in p.against}
        out: list[tuple[float, str, str]] = []
        for fid in sorted(candidates):
            if not askable(fid):
                continue
            likes = [_chance(p, fid) for p in profiles]
            p_yes = sum(pr * lk for pr, lk in zip(prior, likes, strict=True))
            post_yes = [pr * lk / p_yes for pr, lk in zip(prior, likes, strict=True)]
            post_no = [pr * (1 - lk) / (1 - p_yes) for pr, lk in zip(prior, likes, strict=True)]
            gain = _entropy(prior) - p_yes * _entropy(post_yes) - (1 - p_yes) * _entropy(post_no)
            high = max(range(len(profiles)), key=lambda k: likes[k])
            low = min(range(len(profiles)), key=lambda k: likes[k])
            why = f"a yes points to {leaders[high].title}, a no to {leaders[low].title}"
            out.append((round(gain, 6), fid, why))
        out.sort(key=lambda t: (-t[0], t[1]))
        return out


CHANCE_BY_WEIGHT = {3: 0.9, 2: 0.7, 1: 0.4}


def _chance(cause: CauseProfile, fid: str) -> float:
    if fid in cause.findings:
        return CHANCE_BY_WEIGHT.get(cause.findings[fid], 0.4)
    if fid in cause.against:
        return 0.05
    return 0.1


def _entropy(ps: Sequence[float]) -> float:
    return -sum(p * math.log2(p) for p in ps if p > 0)


def engine_from_repository(repo: Any) -> DifferentialEngine:
    """The engine over a :class:`~legpain_desktop.core.db.ContentRepository`'s causes and rules."""
    facets = repo.facets()
    finding_ids = [fid for _facet, _label, findings in facets for fid, _ in findings]
    labels = {fid: label for _facet, _label, findings in facets for fid, label in findings}
    facet_of = {fid: facet for facet, _label, findings in facets for fid, _ in findings}
    return DifferentialEngine.from_content(
        repo.meta_of_kind("cause"), repo.red_flag_rules(), finding_ids, labels, facet_of
    )
