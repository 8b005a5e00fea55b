"""The dose rule engine: label rules applied to one patient, every step explained and sourced.

Order of application, each step able only to lower the dose or add a warning:

1. the indication's usual range and maximum (the drug's main indication when none is named);
2. the renal rule, keyed on the measure the label names (Cockcroft-Gault CrCl by default, on the
   chosen weight basis, rounded half-up to one decimal; or CKD-EPI eGFR). A value on an overlap
   or in a gap between label rows takes the more conservative row and says so. Below a row's
   ``proportional_below`` the dose falls in proportion to clearance. On dialysis the drug's
   explicit dialysis rule applies (avoid, a named row, a fixed dose, or the usual dose for a
   drug the label says is not renally adjusted); there is no implicit fallback. An indication's
   own kidney limit (``renal_limit``) makes that use avoid below it and on dialysis;
3. when the indication's maximum is below the table's top column, the row is lowered in the
   same proportion (the label's table reduces each dose column alike);
4. the weight rule of the indication (mg/kg caps below a weight); hepatic rules by Child-Pugh
   class; older-adult caps; Beers 2023 flags from age 65; contraindications from the patient's
   conditions (pregnancy and breastfeeding included); interactions among the patient's drugs
   (with any dose cap they impose);
5. implausible inputs and unstable kidney function are questioned; any figure marked
   unverified (U) that shaped the answer is flagged as such.

Anything that says avoid makes the whole result avoid, and its flag is critical.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from legpain_desktop.core.dosing.interactions import InteractionChecker
from legpain_desktop.core.dosing.patient import InputError, Patient
from legpain_desktop.core.dosing.renal import KidneyFunction
from legpain_desktop.core.dosing.schema import (
    Contraindication,
    DoseRange,
    DrugDosing,
    Indication,
    LoadingPhase,
    PerKg,
    RenalBand,
)
from legpain_desktop.core.dosing.vocabulary import (
    AVOIDING_SEVERITIES,
    CONDITION_KINDS,
    CONTRAINDICATION_SEVERITY,
    DIALYSIS_NAMES,
    INTERACTION_SEVERITY,
    REPRODUCTIVE_WORDS,
    SEVERITY_ORDER,
    format_daily_range,
)

BEERS_AGE = 65
MEASURE_LABELS = {"crcl": ("CrCl", "mL/min", "Cockcroft-Gault"), "egfr": ("eGFR", "mL/min/1.73 m²", "CKD-EPI 2021")}
# Inputs outside these are questioned, not silently used (issue 11: creatinine 10 µmol/L gave CrCl 774).
IMPLAUSIBLE_CRCL_ABOVE = 200.0  # mL/min
IMPLAUSIBLE_SCR_BELOW = 0.3  # mg/dL (about 27 µmol/L)
QUESTION_WEIGHT_ABOVE = 120.0  # kg: 121 typed in kg when meant in lb was accepted silently (issue 17)
QUESTION_BMI_OUTSIDE = (15.0, 50.0)  # kg/m²: a weight or height in the wrong unit, more often than not
LB_PER_KG = 2.20462


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
    rule_text: str  # the rule that sets the maximum: the kidney row, or a weight, liver, age or interaction cap
    verified: bool
    max_single_dose_mg: float | None = None
    loading: LoadingPhase | None = None
    max_doses_per_day: int | None = None  # the label's limit on doses in 24 hours, when it gives one
    # the weight, liver, age or interaction rule that lowered the maximum below the kidney row's, if one did
    binding_cap: str | None = None

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
    max_single: float | None = None
    max_doses: int | None = None
    flags: list[Flag] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    capped_by: str = ""  # the rule whose cap set the maximum, when one lowered it below the kidney row's

    def flag(self, kind: str, severity: str, message: str, source: str, status: str = "") -> None:
        self.flags.append(Flag(kind, severity, message, source, status))
        self.cite(source)
        if status == "U":
            self.unverified.append(message)

    def cite(self, source: str) -> None:
        if source and source not in self.sources:
            self.sources.append(source)

    def forbid(self, kind: str, message: str, source: str, status: str = "") -> None:
        """Avoid this drug: the result gives no dose and the reason is critical."""
        self.avoid = True
        self.daily = None
        self.per_kg = None
        self.flag(kind, "critical", message, source, status)

    def cap(self, limit: float, why: str) -> None:
        """Lower the maximum to ``limit``; ``why`` names the rule when it is the one that now binds."""
        if self.max_daily is None or limit < self.max_daily:
            self.capped_by = why
        if self.daily is not None and self.daily.max > limit:
            self.daily = DoseRange(min(self.daily.min, limit), limit)
        self.max_daily = limit if self.max_daily is None else min(self.max_daily, limit)

    def limit_doses(self, most: int | None) -> None:
        """A label limit on doses in 24 hours; the strictest of the indication, kidney and liver rules holds."""
        if most is not None:
            self.max_doses = most if self.max_doses is None else min(self.max_doses, most)

    def limit_single(self, largest: float | None) -> None:
        """A largest single dose; the strictest one holds."""
        if largest is not None:
            self.max_single = largest if self.max_single is None else min(self.max_single, largest)


def _row_words(band: RenalBand) -> str:
    """How a message names a kidney row: a row not verified against the label is not called a label row."""
    if band.status == "U":
        return f"the row {band.label!r} (not verified against the label)"
    return f"the label row {band.label!r}"


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
    if not neighbours:  # parse_renal guarantees bounded bands exist; an empty table is refused, not guessed
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


def _is_top_row(band: RenalBand) -> bool:
    """The row for normal kidney function: open above."""
    return band.upper is None


def _apply_band(
    work: _Work, band: RenalBand, indication: Indication, bands: Sequence[RenalBand], value: float | None = None
) -> None:
    """Dose from ``band``; ``value`` (None on dialysis) drives any proportional reduction."""
    if band.avoid:
        work.avoid = True
        work.daily = None
        work.per_kg = None
        return
    work.per_kg = band.per_kg or work.per_kg
    work.doses = band.doses_per_day or work.doses
    work.frequency = band.frequency or work.frequency
    work.limit_doses(band.max_doses_per_day)
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
    if _is_top_row(band) and indication.daily_mg is not None and daily.min < indication.daily_mg.min <= daily.max:
        # In the row for normal kidney function the indication's usual range still applies.
        daily = DoseRange(indication.daily_mg.min, daily.max)
    if band.proportional_below is not None and value is not None and value < band.proportional_below:
        factor = value / band.proportional_below
        daily = DoseRange(_round_down(daily.min * factor), _round_down(daily.max * factor))
        band_max = _round_down(band_max * factor)
        work.flag(
            "renal",
            "major",
            f"Below {band.proportional_below:g} mL/min the label reduces the dose in proportion to clearance: "
            f"{value:g}/{band.proportional_below:g} of the row gives {format_daily_range(daily)}.",
            "",
        )
    work.daily = daily
    work.max_daily = band_max


def _round_down(x: float) -> float:
    """To one decimal, never upwards (a proportional dose must not round above its share)."""
    return math.floor(x * 10 + 1e-9) / 10


def _renal(
    work: _Work, drug: DrugDosing, indication: Indication, patient: Patient, kidney: KidneyFunction
) -> tuple[str | None, float | None, BandChoice | None, str]:
    renal = drug.renal
    if renal is None:  # only do-not-use and topical drugs lack renal rules, and they return earlier
        return None, None, None, ""
    short, unit, formula = MEASURE_LABELS[renal.measure]
    value = kidney.measure(renal.measure)
    basis = f", {kidney.weight_basis} weight" if renal.measure == "crcl" else ""
    value_text = f"{short} {value:g} {unit} ({formula}{basis})"
    work.cite(renal.source)
    if patient.dialysis != "none":
        return _dialysis(work, drug, indication, patient, value)
    if renal.no_adjustment:
        text = renal.text or "The label gives no renal dose adjustment."
        work.flag("renal", "info", f"{value_text}: {text}", renal.source, renal.status)
        return renal.measure, value, BandChoice("No renal dose bands in the label", False, text), text
    band, choice = choose_band(renal.bands, value, unit)
    _apply_band(work, band, indication, renal.bands, value)
    if band.status == "U":
        work.unverified.append(f"row {band.label!r}")
    if band.avoid:
        message = f"{value_text} falls in {_row_words(band)}: avoid this drug."
        severity = "critical"
        work.avoid = True
    else:
        message = f"{value_text} falls in {_row_words(band)}: {_dose_text(work)}."
        severity = "info" if _is_top_row(band) else "moderate"
    if band.note:
        message += f" {band.note}"
    work.flag("renal", severity, message, renal.source, renal.status)
    if choice.conservative:
        work.flag("boundary", "moderate", choice.note + f" Alternative row: {choice.alternative}.", renal.source)
    return renal.measure, value, choice, message


def _dialysis(
    work: _Work, drug: DrugDosing, indication: Indication, patient: Patient, value: float
) -> tuple[str | None, float | None, BandChoice | None, str]:
    """The drug's explicit dialysis rule; Cockcroft-Gault is not used on dialysis."""
    renal = drug.renal
    assert renal is not None
    mode_name = DIALYSIS_NAMES[patient.dialysis]
    rule = renal.dialysis.get(patient.dialysis)
    if rule is None:  # the schema requires hd and pd rules for every systemic drug; without one, no dose
        work.forbid("dialysis", f"No {mode_name} rule is recorded for {drug.title}: do not use without advice.", "")
        return renal.measure, value, BandChoice(f"No {mode_name} rule", True, ""), ""
    supplement = f" Supplement: {rule.supplement}" if rule.supplement else ""
    label = f"{mode_name.capitalize()} rule"
    if rule.basis == "avoid":
        work.forbid("dialysis", f"On {mode_name}: {rule.text}", rule.source, rule.status)
        return renal.measure, value, BandChoice(label, False, rule.text), f"{mode_name}: {rule.text}"
    work.flag(
        "dialysis",
        "major",
        f"On {mode_name}: Cockcroft-Gault does not apply, so this drug's dialysis rule is used. "
        f"{rule.text}{supplement}",
        rule.source,
        rule.status,
    )
    choice = BandChoice(label, False, rule.text)
    if rule.basis == "row":
        band = next(b for b in renal.bands if b.label == rule.maintenance_band)
        _apply_band(work, band, indication, renal.bands)
        choice = BandChoice(band.label, False, f"Maintenance from {_row_words(band)}; {rule.text}")
        if band.status == "U":
            work.unverified.append(f"row {band.label!r}")
    elif rule.basis == "fixed":
        assert rule.daily_mg is not None
        work.daily = rule.daily_mg
        work.per_kg = None
        work.max_daily = rule.daily_mg.max
        work.doses = rule.doses_per_day
        work.frequency = rule.frequency or work.frequency
    if indication.renal_limit is not None:
        limit = indication.renal_limit
        work.forbid("renal", f"{indication.label} on {mode_name}: {limit.text}", limit.source, limit.status)
    return renal.measure, value, choice, f"{mode_name}: {rule.text}"


def _fmt(x: float) -> str:
    return f"{x:g}"


def _dose_text(work: _Work) -> str:
    """The dose a non-avoid label row gives (rows always carry a daily range or a mg/kg dose)."""
    if work.per_kg is not None:
        dose = f"{_fmt(work.per_kg.mg_per_kg)} mg/kg"  # not twice when the frequency text begins with it
        return work.frequency if work.frequency.startswith(dose) else f"{dose} {work.frequency}".strip()
    assert work.daily is not None
    return f"{format_daily_range(work.daily)} {work.frequency}".strip()


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
        extra = _condition_flags(drug, patient)
        return DoseResult(
            drug.drug_id, drug.title, None, "Do not use", None, None, None, None, None, "do not use", (), None,
            True, _ordered([flag, *extra]), tuple(dict.fromkeys([reason.source, *(f.source for f in extra)])),
            reason.text, reason.status != "U",
        )  # fmt: skip
    if not drug.systemic:
        topical = drug.topical or {}
        flag = Flag("renal", "info", topical.get("renal", ""), topical.get("source", ""), topical.get("status", ""))
        flags = [flag]
        if topical.get("status") == "U":
            flags.append(
                Flag("unverified", "major", "The application schedule is unverified.", topical.get("source", ""))
            )
        extra = _condition_flags(drug, patient)
        avoid = any(f.severity == "critical" for f in extra)
        return DoseResult(
            drug.drug_id, drug.title, None, "Topical use", None, None, None, None, None,
            "avoid" if avoid else topical.get("schedule", ""), (), None, avoid, _ordered([*flags, *extra]),
            tuple(dict.fromkeys([topical.get("source", ""), *(f.source for f in extra)])),
            topical.get("schedule", ""), topical.get("status") != "U",
        )  # fmt: skip
    ind = drug.indication(indication)
    if ind is None:
        valid = ", ".join(i.indication for i in drug.indications)
        raise InputError("indication", f"{drug.drug_id} has no indication {indication!r}; valid: {valid}")
    work = _Work(ind.daily_mg, ind.per_kg, ind.doses_per_day, ind.frequency, ind.max_daily_mg)
    work.max_doses, work.max_single = ind.max_doses_per_day, ind.max_single_dose_mg
    work.cite(ind.source)
    work.cite(ind.limits_source)
    if ind.status == "U":
        work.unverified.append(f"the {ind.label} dose")
    measure, value, band, rule_text = _renal(work, drug, ind, patient, kidney)
    for boxed in drug.boxed_warnings:
        work.flag("boxed-warning", "major", boxed.text, boxed.source, boxed.status)
    renally_dosed = drug.renal is not None and not drug.renal.no_adjustment
    if renally_dosed and kidney.weight_basis == "actual" and kidney.crcl_adjusted < kidney.crcl_actual:
        if kidney.weight_note and patient.dialysis == "none" and "overestimates" in kidney.weight_note:
            work.flag(
                "weight",
                "moderate",
                f"{kidney.weight_note} On adjusted weight CrCl is {kidney.crcl_adjusted:g} mL/min; check the result "
                "with the adjusted weight basis.",
                "S-IBW",
                "G",
            )
    limit = ind.renal_limit
    if limit is not None and patient.dialysis == "none" and kidney.measure(limit.measure) < limit.below:
        short, unit, _formula = MEASURE_LABELS[limit.measure]
        work.forbid(
            "renal",
            f"{ind.label}: {short} {kidney.measure(limit.measure):g} {unit} is below {limit.below:g}. {limit.text}",
            limit.source,
            limit.status,
        )
    _weight(work, ind, patient)
    _hepatic(work, drug, patient)
    for rule in drug.elderly:
        if not rule.applies(patient.age):
            continue
        if rule.max_daily_mg is not None:
            work.cap(rule.max_daily_mg, rule.text)
        if rule.daily_mg is not None and work.daily is not None:
            low = max(work.daily.min, rule.daily_mg.min)
            high = min(work.daily.max, rule.daily_mg.max)
            work.daily = DoseRange(min(low, high), high)
            work.cap(high, rule.text)
        changes_dose = rule.max_daily_mg is not None or rule.daily_mg is not None
        severity = rule.severity or ("moderate" if changes_dose else "info")
        work.flag("elderly", severity, rule.text, rule.source, rule.status)
    if patient.age >= BEERS_AGE:
        for entry in drug.beers:
            if entry.when_condition is not None and entry.when_condition not in patient.conditions():
                continue
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
    for c in _for_indication(drug.contraindications, ind.indication):
        if c.condition in conditions:
            kind, message = _condition_message(c)
            if c.severity in AVOIDING_SEVERITIES:
                work.forbid(kind, message, c.source, c.status)
            else:
                work.flag(kind, CONTRAINDICATION_SEVERITY[c.severity], message, c.source, c.status)
    if checker is not None:
        for hit in checker.check(drug.drug_id, patient.other_drugs):
            irule = hit.rule
            if irule.severity == "contraindicated":
                work.avoid = True
                work.daily = None
            if irule.cap_daily_mg is not None and irule.capped_drug == drug.drug_id:
                work.cap(irule.cap_daily_mg, f"{' + '.join(hit.drugs)}: {irule.action}")
            work.flag(
                "interaction",
                INTERACTION_SEVERITY[irule.severity],
                f"{' + '.join(hit.drugs)}: {irule.message} {irule.action}",
                irule.source,
                irule.status,
            )
    _question_inputs(work, drug, patient, kidney)
    if work.unverified:
        work.flags.append(
            Flag(
                "unverified",
                "major",
                # each reason without its own full stop ("falls are more likely.. Check" before)
                "Unverified figures shaped this result: "
                + "; ".join(dict.fromkeys(u.rstrip(".") for u in work.unverified))
                + ". Check the current product label before prescribing.",
                "dosing-facts [U]",
                "U",
            )
        )  # fmt: skip
    single = None
    daily = work.daily
    if work.per_kg is not None and not work.avoid:
        single, total = _per_kg_dose(work, work.per_kg, patient.weight_kg)
        # the mg/kg dose is also the most one dose may be: 2 mg/kg in one injection is not 1 mg/kg twice
        # (pharmacist pass 9: enoxaparin 162 mg once daily for 81 kg read "within")
        work.limit_single(single)
        daily = DoseRange(total, total)
        work.max_daily = total  # never above an earlier maximum: _per_kg_dose keeps the total within it
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
        rule_text=work.capped_by or rule_text,
        verified=not work.unverified,
        max_single_dose_mg=None if work.avoid else work.max_single,
        loading=None if work.avoid or ind.loading is None else ind.loading,
        max_doses_per_day=None if work.avoid else work.max_doses,
        binding_cap=None if work.avoid else work.capped_by or None,
    )


def _per_kg_dose(work: _Work, per_kg: PerKg, weight_kg: float) -> tuple[float, float]:
    """The single and daily dose from mg/kg, never above a single-dose limit or the daily maximum another rule
    set: a dose shown above the maximum shown beside it would be a contradiction the clinician has to resolve."""
    doses = per_kg.doses_per_day
    single = round(per_kg.mg_per_kg * weight_kg, 1)
    by_weight = round(single * doses, 1)
    if work.max_single is not None and single > work.max_single:
        single = _round_down(work.max_single)  # one decimal, as every mg/kg dose, so the total is exact
    if work.max_daily is not None and single * doses > work.max_daily:
        single = _round_down(work.max_daily / doses)
    total = round(single * doses, 1)
    if total < by_weight:
        why = f" ({work.capped_by})" if work.capped_by else ""
        work.flag(
            "weight",
            "major",
            f"{per_kg.mg_per_kg:g} mg/kg x {weight_kg:g} kg = {by_weight:g} mg a day is above this patient's limits"
            f"{why}; the dose is limited to {single:g} mg a dose, {total:g} mg a day.",
            "",
        )
    return single, total


def _hepatic(work: _Work, drug: DrugDosing, patient: Patient) -> None:
    """Child-Pugh rules; without one for the patient's class, the monograph's hepatic advice is shown."""
    if patient.child_pugh is None:
        return
    label = f"Child-Pugh {patient.child_pugh}"
    applied = False
    for rule in drug.hepatic_rules:
        if patient.child_pugh not in rule.classes:
            continue
        applied = True
        if rule.avoid:
            work.forbid("hepatic", f"{label}: {rule.text}", rule.source, rule.status)
            continue
        if rule.max_daily_mg is not None:
            work.cap(rule.max_daily_mg, f"{label}: {rule.text}")
        if rule.doses_per_day:
            work.doses = rule.doses_per_day
        if rule.frequency:
            work.frequency = rule.frequency
        work.limit_doses(rule.max_doses_per_day)
        work.limit_single(rule.max_single_dose_mg)
        work.flag("hepatic", rule.severity, f"{label}: {rule.text}", rule.source, rule.status)
    condition = f"child-pugh-{patient.child_pugh.lower()}"
    covered = applied or any(c.condition == condition for c in drug.contraindications)
    if not covered and drug.hepatic is not None:
        # advice, not a figure that shaped the dose: an unverified statement says so in its text
        hepatic = drug.hepatic
        unverified = " (statement not verified against the label)" if hepatic.status == "U" else ""
        work.flag("hepatic", "moderate", f"{label}: {hepatic.text}{unverified}", hepatic.source)


def _ordered(flags: Sequence[Flag]) -> tuple[Flag, ...]:
    return tuple(sorted(flags, key=lambda f: SEVERITY_ORDER.index(f.severity)))


def _condition_flags(drug: DrugDosing, patient: Patient) -> list[Flag]:
    """Pregnancy, breastfeeding and other condition flags for drugs without a dose (topical, do not use)."""
    conditions = patient.conditions()
    out = []
    for c in drug.contraindications:
        if c.condition in conditions and c.indication is None:
            kind, message = _condition_message(c)
            out.append(Flag(kind, CONTRAINDICATION_SEVERITY[c.severity], message, c.source, c.status))
    return out


def _for_indication(rules: Sequence[Contraindication], indication: str) -> list[Contraindication]:
    """The condition rules for this use: an indication's own advice replaces the drug's general one."""
    own = {c.condition for c in rules if c.indication == indication}
    return [c for c in rules if c.indication == indication or (c.indication is None and c.condition not in own)]


def _condition_message(c: Contraindication) -> tuple[str, str]:
    """The flag kind and message for a condition; pregnancy and breastfeeding say which they are. Liver
    and dialysis advice is filed under its organ, as the rules for it are: a caution for cirrhosis is
    not a "contraindication" (pharmacist pass 8), and the severity says whether the drug is avoided."""
    if c.condition in REPRODUCTIVE_WORDS:
        return c.condition, f"{REPRODUCTIVE_WORDS[c.condition]}: {c.message}"
    return CONDITION_KINDS.get(c.condition, "contraindication"), c.message


def _weight(work: _Work, ind: Indication, patient: Patient) -> None:
    """The indication's mg/kg limits for a light patient."""
    rule = ind.weight_rule
    if rule is None or patient.weight_kg >= rule.below_kg:
        return
    weight = patient.weight_kg
    limit = math.floor(rule.max_mg_per_kg_daily * weight)
    working = f"{rule.max_mg_per_kg_daily:g} mg/kg x {weight:.1f} kg = {limit:g} mg a day"
    if rule.max_daily_mg is not None and rule.max_daily_mg < limit:
        limit = math.floor(rule.max_daily_mg)
        working += f", above the {rule.max_daily_mg:g} mg ceiling, so {limit:g}"
    if rule.max_mg_per_kg_dose is not None:
        single = math.floor(rule.max_mg_per_kg_dose * weight)
        if rule.max_single_mg is not None:
            single = min(single, math.floor(rule.max_single_mg))
        work.limit_single(single)
        working += f"; each dose at most {single:g} mg"
    message = f"Weight {weight:.1f} kg is under {rule.below_kg:g} kg: {rule.text} ({working})."
    work.cap(limit, message.rstrip("."))
    work.flag("weight", "major", message, rule.source, rule.status)


def _question_inputs(work: _Work, drug: DrugDosing, patient: Patient, kidney: KidneyFunction) -> None:
    """Flag values no one should dose from without checking: implausible or unsteady kidney figures."""
    renal = drug.renal
    renally_dosed = renal is not None and not renal.no_adjustment
    if patient.unstable_kidney_function and patient.dialysis == "none":
        work.flag(
            "renal",
            "major" if renally_dosed else "moderate",
            "Kidney function is changing (acute kidney injury or unstable creatinine): Cockcroft-Gault and CKD-EPI "
            "assume a steady creatinine and overestimate function while it rises. Use the result only as an upper "
            "limit, choose the lower row when in doubt, and recheck creatinine before each dose change.",
            "S-CKD",
            "G",
        )
        work.unverified.append("a clearance estimated while kidney function is not steady")
    problems = []
    if kidney.crcl > IMPLAUSIBLE_CRCL_ABOVE:
        problems.append(f"a creatinine clearance of {kidney.crcl:g} mL/min (above {IMPLAUSIBLE_CRCL_ABOVE:g})")
    if patient.scr_mg_dl < IMPLAUSIBLE_SCR_BELOW:
        problems.append(
            f"a creatinine of {patient.scr_mg_dl:.2g} mg/dL ({patient.scr_umol_l:.0f} µmol/L; below "
            f"{IMPLAUSIBLE_SCR_BELOW:g} mg/dL or 27 µmol/L)"
        )
    bmi = patient.weight_kg / (patient.height_cm / 100) ** 2
    low_bmi, high_bmi = QUESTION_BMI_OUTSIDE
    if patient.weight_kg > QUESTION_WEIGHT_ABOVE or not low_bmi <= bmi <= high_bmi:
        as_lb = patient.weight_kg / LB_PER_KG
        work.flag(
            "plausibility",
            "moderate",
            f"Please check the weight: {patient.weight_kg:g} kg with a height of {patient.height_cm:g} cm is a BMI of "
            f"{bmi:.1f} kg/m². If the weight was in pounds, {patient.weight_kg:g} lb is {as_lb:.1f} kg; choose the "
            "unit beside the weight. Weight-based doses and Cockcroft-Gault change with it.",
            "S-IBW",
            "G",
        )
    if problems and patient.dialysis == "none":
        work.flag(
            "plausibility",
            "major",
            f"Implausible input: {' and '.join(problems)}. Check the value and its unit (mg/dL or µmol/L) before "
            "using this result.",
            "S-SCr",
            "G",
        )
        work.unverified.append("inputs that look implausible")
