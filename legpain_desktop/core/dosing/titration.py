"""Titration schedules capped for the patient, and checking a regimen the user types."""

from __future__ import annotations

from dataclasses import dataclass

from legpain_desktop.core.dosing.calculator import DoseResult
from legpain_desktop.core.dosing.patient import InputError, parse_number
from legpain_desktop.core.dosing.schema import DrugDosing

WITHIN = "within range"
ABOVE = "above the maximum for this patient"
BELOW = "below the usual range"
AVOID = "avoid for this patient"
NOT_DEFINED = "no numeric range to check against"


@dataclass(frozen=True)
class ScheduledStep:
    day: int
    daily_mg: float
    doses_per_day: int
    note: str
    capped: bool


@dataclass(frozen=True)
class Schedule:
    drug_id: str
    steps: tuple[ScheduledStep, ...]
    cap_mg: float | None
    explanation: str
    source: str
    status: str


def titration_schedule(drug: DrugDosing, result: DoseResult) -> Schedule | None:
    """The drug's day-by-day schedule, each step capped at this patient's maximum; None if none."""
    if drug.titration is None:
        return None
    t = drug.titration
    if result.avoid:
        return Schedule(drug.drug_id, (), None, "No schedule: this drug is to be avoided for this patient.", t.source,
                        t.status)  # fmt: skip
    cap = result.max_daily_mg
    if result.daily_dose_mg is not None:
        cap = result.daily_dose_mg.max if cap is None else min(cap, result.daily_dose_mg.max)
    steps: list[ScheduledStep] = []
    for step in t.steps:
        capped = cap is not None and step.daily_mg > cap
        daily = min(step.daily_mg, cap) if cap is not None else step.daily_mg
        if steps and steps[-1].daily_mg == daily:
            continue  # the cap was reached: later steps would only repeat it
        allowed = result.doses_per_day
        doses = step.doses_per_day if not allowed or step.doses_per_day in allowed else min(allowed)
        note = step.note if not capped else f"capped at {daily:g} mg/day for this patient (schedule: {step.note})"
        steps.append(ScheduledStep(step.day, daily, doses, note, capped))
    explanation = (
        f"Schedule from the {t.indication} titration, capped at {cap:g} mg/day for this patient."
        if cap is not None
        else f"Schedule from the {t.indication} titration."
    )
    return Schedule(drug.drug_id, tuple(steps), cap, explanation, t.source, t.status)


@dataclass(frozen=True)
class RegimenCheck:
    verdict: str
    daily_mg: float
    reason: str


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
    if top is not None and daily > top:
        return RegimenCheck(
            ABOVE, daily, f"{daily:g} mg/day is above this patient's maximum of {top:g} mg/day ({result.rule_text})."
        )
    if rng is not None and daily < rng.min:
        return RegimenCheck(BELOW, daily, f"{daily:g} mg/day is below the usual range of {rng.min:g} to {rng.max:g}.")
    reason = f"{daily:g} mg/day is within this patient's range"
    if result.doses_per_day and int(times) not in result.doses_per_day:
        allowed = " or ".join(str(d) for d in result.doses_per_day)
        reason += f", but the label divides it into {allowed} doses a day, not {int(times)}"
    return RegimenCheck(WITHIN, daily, reason + ".")
