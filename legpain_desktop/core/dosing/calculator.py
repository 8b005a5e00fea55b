"""The dose rule engine: label rules applied to one patient, every step explained and sourced.

Order of application, each step able only to lower the dose or add a warning:

1. the indication's usual range and maximum (the drug's main indication when none is named);
2. the renal rule, keyed on the measure the label names (Cockcroft-Gault CrCl by default, on the
   chosen weight basis, rounded half-up to one decimal; or CKD-EPI eGFR). A value on an overlap
   or in a gap between label rows takes the more conservative row and says so. On dialysis the
   label's dialysis rule applies (or, without one, the lowest-function row);
3. when the indication's maximum is below the table's top column, the row is lowered in the
   same proportion (the label's table reduces each dose column alike);
4. older-adult caps; Beers 2023 flags from age 65; contraindications from the patient's
   conditions; interactions among the patient's drugs (with any dose cap they impose);
5. any figure marked unverified (U) that shaped the answer is flagged as such.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from legpain_desktop.core.dosing.interactions import InteractionChecker
from legpain_desktop.core.dosing.patient import InputError, Patient
from legpain_desktop.core.dosing.renal import KidneyFunction
from legpain_desktop.core.dosing.schema import DoseRange, DrugDosing, Indication, PerKg, RenalBand

SEVERITY_ORDER = ("critical", "major", "moderate", "info")
FLAG_KINDS = ("renal", "elderly", "beers", "interaction", "contraindication", "boundary", "dialysis", "unverified")
BEERS_AGE = 65
MEASURE_LABELS = {"crcl": ("CrCl", "mL/min", "Cockcroft-Gault"), "egfr": ("eGFR", "mL/min/1.73 m²", "CKD-EPI 2021")}
INTERACTION_SEVERITY = {"contraindicated": "critical", "major": "major", "moderate": "moderate"}
CONTRAINDICATION_SEVERITY = {"contraindicated": "critical", "avoid": "major", "caution": "moderate"}


@dataclass(frozen=True)
class Flag:
    kind: str
    severity: str
    message: str
    source: str
    status: str = ""

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "severity": self.severity, "message": self.message, "source": self.source}


@dataclass(frozen=True)
class BandChoice:
    label: str
    conservative: bool
    note: str
    alternative: str | None = None


@dataclass(frozen=True)
class DoseResult:
    drug_id: str
    drug_title: str
    indication_id: str | None
    indication_label: str
    measure: str | None
    measure_value: float | None
    band: BandChoice | None
    daily_dose_mg: DoseRange | None
    single_dose_mg: float | None
    frequency: str
    doses_per_day: tuple[int, ...]
    max_daily_mg: float | None
    avoid: bool
    flags: tuple[Flag, ...]
    sources: tuple[str, ...]
    rule_text: str
    verified: bool

    def flags_by_severity(self) -> list[Flag]:
        return sorted(self.flags, key=lambda f: SEVERITY_ORDER.index(f.severity))


@dataclass
class _Work:
    daily: DoseRange | None
    per_kg: PerKg | None
    doses: tuple[int, ...]
    frequency: str
    max_daily: float | None
    avoid: bool = False
    flags: list[Flag] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)

    def flag(self, kind: str, severity: str, message: str, source: str, status: str = "") -> None:
        self.flags.append(Flag(kind, severity, message, source, status))
        self.cite(source)
        if status == "U":
            self.unverified.append(message)

    def cite(self, source: str) -> None:
        if source and source not in self.sources:
            self.sources.append(source)

    def cap(self, limit: float) -> None:
        if self.daily is not None and self.daily.max > limit:
            self.daily = DoseRange(min(self.daily.min, limit), limit)
        self.max_daily = limit if self.max_daily is None else min(self.max_daily, limit)


def _band_weight(band: RenalBand) -> float:
    """How much a band allows; less is more conservative. An avoid band allows nothing."""
    if band.avoid:
        return -1.0
    if band.max_daily_mg is not None:
        return band.max_daily_mg
    if band.daily_mg is not None:
        return band.daily_mg.max
    if band.per_kg is not None:
        return band.per_kg.mg_per_kg * band.per_kg.doses_per_day
    return math.inf  # pragma: no cover - the schema requires a dose or avoid


def choose_band(bands: Sequence[RenalBand], value: float, unit: str) -> tuple[RenalBand, BandChoice]:
    """The label row for ``value``; overlaps and gaps resolve to the more conservative row."""
    containing = [b for b in bands if b.contains(value)]
    if len(containing) == 1:
        return containing[0], BandChoice(containing[0].label, False, "")
    if containing:
        chosen = min(containing, key=_band_weight)
        other = next(b for b in containing if b is not chosen)
        note = (
            f"{value:g} {unit} lies in two label rows as printed ({other.label!r} and {chosen.label!r}); "
            f"the more conservative row, {chosen.label!r}, is used."
        )
        return chosen, BandChoice(chosen.label, True, note, other.label)
    below = [b for b in bands if b.upper is not None and b.upper <= value]
    above = [b for b in bands if b.lower is not None and b.lower >= value]
    neighbours = []
    if below:
        neighbours.append(max(below, key=lambda b: b.upper if b.upper is not None else -math.inf))
    if above:
        neighbours.append(min(above, key=lambda b: b.lower if b.lower is not None else math.inf))
    if not neighbours:  # pragma: no cover - parse_renal guarantees bounded bands exist
        raise InputError("kidney function", f"{value:g} {unit} matches no row of the label")
    chosen = min(neighbours, key=_band_weight)
    other_label = next((b.label for b in neighbours if b is not chosen), None)
    between = f" between {other_label!r} and {chosen.label!r}" if other_label else ""
    note = (
        f"{value:g} {unit} falls in a gap{between} of the label's table; "
        f"the more conservative row, {chosen.label!r}, is used."
    )
    return chosen, BandChoice(chosen.label, True, note, other_label)


def _top_of_table(bands: Sequence[RenalBand]) -> float | None:
    tops = [_band_weight(b) for b in bands if not b.avoid and b.per_kg is None]
    return max(tops) if tops else None


def _apply_band(work: _Work, band: RenalBand, indication: Indication, bands: Sequence[RenalBand]) -> None:
    if band.avoid:
        work.avoid = True
        work.daily = None
        work.per_kg = None
        return
    work.per_kg = band.per_kg or work.per_kg
    work.doses = band.doses_per_day or work.doses
    work.frequency = band.frequency or work.frequency
    if band.daily_mg is None:
        return
    daily = band.daily_mg
    band_max = band.max_daily_mg if band.max_daily_mg is not None else daily.max
    top = _top_of_table(bands)
    ind_max = indication.max_daily_mg or (indication.daily_mg.max if indication.daily_mg else None)
    if top and ind_max and ind_max < top:
        factor = ind_max / top
        scaled = round(band_max * factor, 1)
        work.flag(
            "renal",
            "info",
            f"{indication.label} has a usual maximum of {ind_max:g} mg/day, below the table's top column "
            f"({top:g} mg/day); this row is lowered in the same proportion to {scaled:g} mg/day.",
            indication.source,
        )
        band_max = scaled
        daily = DoseRange(min(daily.min, scaled), min(daily.max, scaled))
    top_row = band is _least_restrictive(bands)
    if top_row and indication.daily_mg is not None and daily.min < indication.daily_mg.min <= daily.max:
        # In the row for normal kidney function the indication's usual range still applies.
        daily = DoseRange(indication.daily_mg.min, daily.max)
    work.daily = daily
    work.max_daily = band_max


def _renal(
    work: _Work, drug: DrugDosing, indication: Indication, patient: Patient, kidney: KidneyFunction
) -> tuple[str | None, float | None, BandChoice | None, str]:
    renal = drug.renal
    if renal is None:  # pragma: no cover - only do-not-use drugs lack renal rules
        return None, None, None, ""
    short, unit, formula = MEASURE_LABELS[renal.measure]
    value = kidney.measure(renal.measure)
    basis = f", {kidney.weight_basis} weight" if renal.measure == "crcl" else ""
    value_text = f"{short} {value:g} {unit} ({formula}{basis})"
    work.cite(renal.source)
    if patient.dialysis != "none":
        mode_name = {"hd": "haemodialysis", "pd": "peritoneal dialysis"}[patient.dialysis]
        work.flag(
            "dialysis",
            "major",
            f"On {mode_name}: Cockcroft-Gault is unreliable, so the label's dialysis rule applies, not the "
            "calculated clearance.",
            "S-NEU",
        )
        rule = renal.dialysis.get(patient.dialysis)
        if rule is not None:
            work.flag("dialysis", "major", rule.text + (f" Supplement: {rule.supplement}" if rule.supplement else ""),
                      rule.source, rule.status)  # fmt: skip
            choice = BandChoice(f"{mode_name.capitalize()} rule", False, rule.text)
            if rule.avoid:
                work.avoid = True
                work.daily = None
            elif rule.maintenance_band:
                band = next(b for b in renal.bands if b.label == rule.maintenance_band)
                _apply_band(work, band, indication, renal.bands)
                choice = BandChoice(band.label, False, f"Maintenance from the label row {band.label!r}; {rule.text}")
                if band.status == "U":
                    work.unverified.append(f"row {band.label!r}")
            return renal.measure, value, choice, f"{mode_name}: {rule.text}"
        if renal.no_adjustment:
            work.flag("dialysis", "major", f"The label gives no dialysis rule. {renal.text}".strip(), renal.source,
                      renal.status)  # fmt: skip
            return renal.measure, value, BandChoice("No dialysis rule in the label", True, renal.text), renal.text
        band = min(renal.bands, key=_band_weight)
        _apply_band(work, band, indication, renal.bands)
        note = (
            f"The label gives no {mode_name} rule; the lowest-function row {band.label!r} is used. "
            "Seek specialist advice."
        )
        work.flag("dialysis", "major", note, renal.source, renal.status)
        return renal.measure, value, BandChoice(band.label, True, note), note
    if renal.no_adjustment:
        text = renal.text or "The label gives no renal dose adjustment."
        work.flag("renal", "info", f"{value_text}: {text}", renal.source, renal.status)
        return renal.measure, value, BandChoice("No renal dose bands in the label", False, text), text
    band, choice = choose_band(renal.bands, value, unit)
    _apply_band(work, band, indication, renal.bands)
    if band.status == "U":
        work.unverified.append(f"label row {band.label!r}")
    if band.avoid:
        message = f"{value_text} falls in the label row {band.label!r}: avoid this drug."
        severity = "critical"
    else:
        message = f"{value_text} falls in the label row {band.label!r}: {_dose_text(work)}."
        severity = "moderate" if band is not _least_restrictive(renal.bands) else "info"
    if band.note:
        message += f" {band.note}"
    work.flag("renal", severity, message, renal.source, renal.status)
    if choice.conservative:
        work.flag("boundary", "moderate", choice.note + f" Alternative row: {choice.alternative}.", renal.source)
    return renal.measure, value, choice, message


def _least_restrictive(bands: Sequence[RenalBand]) -> RenalBand:
    return max(bands, key=_band_weight)


def _fmt(x: float) -> str:
    return f"{x:g}"


def _dose_text(work: _Work) -> str:
    """The dose a non-avoid label row gives (rows always carry a daily range or a mg/kg dose)."""
    if work.per_kg is not None:
        return f"{_fmt(work.per_kg.mg_per_kg)} mg/kg {work.frequency}".strip()
    assert work.daily is not None
    return f"{_fmt(work.daily.min)} to {_fmt(work.daily.max)} mg a day {work.frequency}".strip()


def calculate_dose(
    drug: DrugDosing,
    patient: Patient,
    kidney: KidneyFunction,
    checker: InteractionChecker | None = None,
    indication: str | None = None,
) -> DoseResult:
    """Apply every rule for ``drug`` to ``patient``. Raises InputError for an unknown indication."""
    if drug.do_not_use is not None:
        reason = drug.do_not_use
        flag = Flag("contraindication", "critical", reason.text, reason.source, reason.status)
        return DoseResult(
            drug.drug_id, drug.title, None, "Do not use", None, None, None, None, None, "do not use", (), None,
            True, (flag,), (reason.source,), reason.text, reason.status != "U",
        )  # fmt: skip
    if not drug.systemic:
        topical = drug.topical or {}
        flag = Flag("renal", "info", topical.get("renal", ""), topical.get("source", ""), topical.get("status", ""))
        flags = [flag]
        if topical.get("status") == "U":
            flags.append(
                Flag("unverified", "major", "The application schedule is unverified.", topical.get("source", ""))
            )
        return DoseResult(
            drug.drug_id, drug.title, None, "Topical use", None, None, None, None, None,
            topical.get("schedule", ""), (), None, False, tuple(flags), (topical.get("source", ""),),
            topical.get("schedule", ""), topical.get("status") != "U",
        )  # fmt: skip
    ind = drug.indication(indication)
    if ind is None:
        valid = ", ".join(i.indication for i in drug.indications)
        raise InputError("indication", f"{drug.drug_id} has no indication {indication!r}; valid: {valid}")
    work = _Work(ind.daily_mg, ind.per_kg, ind.doses_per_day, ind.frequency, ind.max_daily_mg)
    work.cite(ind.source)
    if ind.status == "U":
        work.unverified.append(f"the {ind.label} dose")
    measure, value, band, rule_text = _renal(work, drug, ind, patient, kidney)
    for rule in drug.elderly:
        if not rule.applies(patient.age):
            continue
        if rule.max_daily_mg is not None:
            work.cap(rule.max_daily_mg)
        if rule.daily_mg is not None and work.daily is not None:
            low = max(work.daily.min, rule.daily_mg.min)
            high = min(work.daily.max, rule.daily_mg.max)
            work.daily = DoseRange(min(low, high), high)
            work.max_daily = high if work.max_daily is None else min(work.max_daily, high)
        changes_dose = rule.max_daily_mg is not None or rule.daily_mg is not None
        work.flag("elderly", "moderate" if changes_dose else "info", rule.text, rule.source, rule.status)
    if patient.age >= BEERS_AGE:
        for entry in drug.beers:
            if entry.when_measure is not None and entry.when_below is not None:
                if kidney.measure(entry.when_measure) >= entry.when_below:
                    continue
            severity = "major" if entry.recommendation.lower().startswith("avoid") else "moderate"
            why = f" ({entry.rationale})" if entry.rationale else ""
            work.flag(
                "beers",
                severity,
                f"AGS Beers 2023 {entry.table}: {entry.criterion}: {entry.recommendation}{why}; "
                f"quality of evidence {entry.quality}, strength {entry.strength}.",
                entry.source,
                entry.status,
            )
    conditions = patient.conditions()
    for c in drug.contraindications:
        if c.condition in conditions:
            if c.severity in ("contraindicated", "avoid"):
                work.avoid = True
            work.flag("contraindication", CONTRAINDICATION_SEVERITY[c.severity], c.message, c.source, c.status)
    if checker is not None:
        for hit in checker.check(drug.drug_id, patient.other_drugs):
            irule = hit.rule
            if irule.severity == "contraindicated":
                work.avoid = True
            if irule.cap_daily_mg is not None and irule.capped_drug == drug.drug_id:
                work.cap(irule.cap_daily_mg)
            work.flag(
                "interaction",
                INTERACTION_SEVERITY[irule.severity],
                f"{' + '.join(hit.drugs)}: {irule.message} {irule.action}",
                irule.source,
                irule.status,
            )
    if work.unverified:
        work.flags.append(
            Flag(
                "unverified",
                "major",
                "Unverified figures shaped this result: " + "; ".join(dict.fromkeys(work.unverified))
                + ". Check the current product label before prescribing.",
                "dosing-facts [U]",
                "U",
            )
        )  # fmt: skip
    single = None
    daily = work.daily
    if work.per_kg is not None and not work.avoid:
        single = round(work.per_kg.mg_per_kg * patient.weight_kg, 1)
        total = round(single * work.per_kg.doses_per_day, 1)
        daily = DoseRange(total, total)
    if work.avoid:
        daily = None
    ordered = tuple(sorted(work.flags, key=lambda f: SEVERITY_ORDER.index(f.severity)))
    return DoseResult(
        drug_id=drug.drug_id,
        drug_title=drug.title,
        indication_id=ind.indication,
        indication_label=ind.label,
        measure=measure,
        measure_value=value,
        band=band,
        daily_dose_mg=daily,
        single_dose_mg=single,
        frequency="avoid" if work.avoid else work.frequency,
        doses_per_day=() if work.avoid else work.doses,
        max_daily_mg=None if work.avoid else work.max_daily,
        avoid=work.avoid,
        flags=ordered,
        sources=tuple(work.sources),
        rule_text=rule_text,
        verified=not work.unverified,
    )
