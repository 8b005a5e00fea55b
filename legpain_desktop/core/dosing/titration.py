"""Titration schedules fitted to the patient, and checking a regimen the user types.

A schedule starts from the label's normal-function steps. In a lower kidney row (or under any
cap) each step is scaled by the row's share of the normal maximum, kept within the row (never
below its lowest dose, never above this patient's maximum), and rounded *down* to a single dose
made of the tablet or capsule strengths the monograph lists (at most three units a dose), using
a number of doses a day the row allows. So day 1 sits at the start of the patient's row, not at
its top (issue 11: pregabalin at CrCl 22 used to start at 150 mg, the row's ceiling).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from legpain_desktop.core.dosing.calculator import DoseResult
from legpain_desktop.core.dosing.patient import InputError, parse_number
from legpain_desktop.core.dosing.schema import DoseRange, DrugDosing

WITHIN = "within range"
ABOVE = "above the maximum for this patient"
BELOW = "below the usual range"
AVOID = "avoid for this patient"
LOADING = "the loading dose: only for the loading days"
NOT_DEFINED = "no numeric range to check against"
UNITS_PER_DOSE = 3  # at most three tablets or capsules make one dose


@dataclass(frozen=True)
class ScheduledStep:
    day: int
    daily_mg: float
    doses_per_day: int
    single_dose_mg: float
    note: str
    capped: bool
    source: str = ""  # the step's own source when it is not the schedule's
    status: str = ""


@dataclass(frozen=True)
class Schedule:
    drug_id: str
    steps: tuple[ScheduledStep, ...]
    cap_mg: float | None
    explanation: str
    source: str
    status: str
    target_daily_mg: DoseRange | None = None


def single_doses(strengths: tuple[float, ...]) -> list[float]:
    """Every single dose that up to UNITS_PER_DOSE tablets or capsules can make, ascending."""
    combos = (c for n in range(1, UNITS_PER_DOSE + 1) for c in itertools.combinations_with_replacement(strengths, n))
    made = {sum(c) for c in combos}
    return sorted(made)


def _fit(target: float, doses_allowed: tuple[int, ...], preferred: int, singles: list[float]) -> tuple[int, float]:
    """Doses a day and a single dose giving the largest daily total not above ``target``.

    Among the doses a day the row allows, the largest total wins; on a tie, ``preferred``. When
    even the smallest dose once a day is above ``target``, that smallest dose is returned (the
    caller checks it against the cap).
    """
    best: tuple[float, int, int, float] | None = None  # (daily, preferred?, doses, single)
    for doses in doses_allowed:
        fitting = [s for s in singles if s * doses <= target + 1e-9]
        if fitting:
            candidate = (fitting[-1] * doses, int(doses == preferred), doses, fitting[-1])
            best = candidate if best is None or candidate[:2] > best[:2] else best
    if best is None:
        return 1, singles[0]
    return best[2], best[3]


def titration_schedule(drug: DrugDosing, result: DoseResult) -> Schedule | None:
    """The drug's day-by-day schedule fitted to this patient; None when the drug has none."""
    if drug.titration is None:
        return None
    t = drug.titration
    if result.avoid or result.daily_dose_mg is None:
        return Schedule(drug.drug_id, (), None, "No schedule: this drug is to be avoided for this patient.", t.source,
                        t.status)  # fmt: skip
    rng = result.daily_dose_mg
    cap = rng.max if result.max_daily_mg is None else min(result.max_daily_mg, rng.max)
    normal_top = max(s.daily_mg for s in t.steps)
    ind = drug.indication(t.indication)
    if ind is not None and ind.daily_mg is not None:
        normal_top = max(normal_top, ind.max_daily_mg or ind.daily_mg.max)
    ratio = min(1.0, cap / normal_top) if normal_top else 1.0
    reduced = ratio < 1.0
    singles = single_doses(drug.strengths_mg) if drug.strengths_mg else []
    allowed = result.doses_per_day or tuple(sorted({s.doses_per_day for s in t.steps}))
    steps: list[ScheduledStep] = []
    for step in t.steps:
        target = step.daily_mg * ratio
        if reduced:
            # within the row (not below its lowest dose), yet never above the label's own step
            target = min(step.daily_mg, max(target, rng.min))
        target = min(target, cap)
        if singles:
            # the label's step may use fewer doses a day than the row's usual division
            doses_allowed = tuple(sorted({*allowed, step.doses_per_day} if step.doses_per_day < max(allowed)
                                         else set(allowed)))  # fmt: skip
            doses, single = _fit(target, doses_allowed, step.doses_per_day, singles)
        else:  # pragma: no cover - the schema requires strengths for a drug with a titration
            doses = step.doses_per_day if step.doses_per_day in allowed else min(allowed)
            single = math.floor(target / doses * 10) / 10
        daily = round(single * doses, 3)
        if daily > cap + 1e-9:
            return Schedule(
                drug.drug_id, (), cap,
                f"No schedule: the smallest dose the listed strengths allow ({daily:g} mg a day) is above this "
                f"patient's maximum of {cap:g} mg a day. Seek specialist advice.", t.source, t.status, rng,
            )  # fmt: skip
        if steps and steps[-1].daily_mg >= daily:
            continue  # the row's ceiling was reached: later steps would only repeat it
        changed = reduced or daily != step.daily_mg or doses != step.doses_per_day
        note = f"{single:g} mg {_times(doses)}"
        note += f" (label schedule at normal kidney function: {step.note})" if changed else f"; {step.note}"
        if step.source:
            note += f" [source {step.source}{', unverified' if step.status == 'U' else ''}]"
        steps.append(ScheduledStep(step.day, daily, doses, single, note, changed, step.source, step.status))
    if reduced:
        explanation = (
            f"Schedule from the {t.indication} titration, scaled to this patient's row ({rng.min:g} to {cap:g} mg "
            f"a day, {ratio:.0%} of the normal-function maximum) and rounded down to whole tablet or capsule "
            "strengths."
        )
    else:
        explanation = f"Schedule from the {t.indication} titration, within this patient's maximum of {cap:g} mg/day."
    return Schedule(drug.drug_id, tuple(steps), cap, explanation, t.source, t.status, DoseRange(rng.min, cap))


def _times(doses: int) -> str:
    return {1: "once daily", 2: "twice daily", 3: "three times daily", 4: "four times daily"}.get(
        doses, f"{doses} times daily"
    )


@dataclass(frozen=True)
class RegimenCheck:
    verdict: str
    daily_mg: float
    reason: str

    @property
    def within(self) -> bool:
        """Acceptable for this patient: not above a maximum, not avoided (below the usual range is allowed)."""
        return self.verdict in (WITHIN, BELOW)


def parse_regimen(text: str) -> tuple[str, str]:
    """``300x3`` (mg per dose x doses a day) into its two parts; InputError when it is not that."""
    parts = str(text).lower().replace("×", "x").replace(" ", "").split("x")
    if len(parts) != 2 or not all(parts):
        raise InputError("regimen", f"{str(text)[:40]!r} is not MGxN (mg per dose x doses a day), e.g. 300x3")
    return parts[0], parts[1]


def check_regimen(result: DoseResult, dose_mg: object, doses_per_day: object) -> RegimenCheck:
    """Compare a typed regimen (mg per dose x doses a day) with this patient's result."""
    dose = parse_number("dose", dose_mg, 0.1, 10000, "mg")
    times = parse_number("doses a day", doses_per_day, 1, 24, "doses")
    if not float(times).is_integer():
        raise InputError("doses a day", "must be a whole number from 1 to 24")
    daily = round(dose * times, 3)
    if result.avoid:
        return RegimenCheck(AVOID, daily, "The rules for this patient say avoid this drug; see the flags.")
    limit = result.max_daily_mg
    rng = result.daily_dose_mg
    if rng is None and limit is None:
        return RegimenCheck(NOT_DEFINED, daily, f"The label gives no numeric range here: {result.frequency}.")
    top = limit if limit is not None else rng.max if rng is not None else None
    loading = result.loading
    if loading is not None and top is not None and top < daily <= loading.daily_mg:
        return RegimenCheck(
            LOADING, daily,
            f"{daily:g} mg/day is the loading dose: acceptable on days 1 to {loading.days} only. After that it is "
            f"above this patient's maintenance maximum of {top:g} mg/day. {loading.text}",
        )  # fmt: skip
    if top is not None and daily > top:
        return RegimenCheck(
            ABOVE, daily, f"{daily:g} mg/day is above this patient's maximum of {top:g} mg/day ({result.rule_text})."
        )
    # a limit on how the day is divided quotes the rule it comes from (pharmacist pass 8: where 12 mg comes from)
    rule = f" (the rule: {result.frequency})" if result.frequency else ""
    single_max = result.max_single_dose_mg
    if single_max is not None and dose > single_max:
        return RegimenCheck(
            ABOVE, daily, f"{dose:g} mg a dose is above this patient's maximum single dose of {single_max:g} mg{rule}."
        )
    most = result.max_doses_per_day
    if most is not None and times > most:
        too_many = f"{int(times)} doses a day is more than the label allows for this patient: at most {most} a day"
        return RegimenCheck(ABOVE, daily, too_many + rule + ".")
    if rng is not None and daily < rng.min:
        usual = f"range of {rng.min:g} to {rng.max:g}" if rng.min != rng.max else f"dose of {rng.min:g} mg/day"
        return RegimenCheck(BELOW, daily, f"{daily:g} mg/day is below the usual {usual}.")
    reason = f"{daily:g} mg/day is within this patient's range"
    if result.doses_per_day and int(times) not in result.doses_per_day:
        allowed = " or ".join(str(d) for d in result.doses_per_day)
        reason += f", but the label divides it into {allowed} doses a day, not {int(times)}"
    return RegimenCheck(WITHIN, daily, reason + ".")
