"""Kidney function: Cockcroft-Gault creatinine clearance and CKD-EPI 2021 eGFR, with their working.

Formulas (sources in ``content/DOSING.md`` and the About box):

* Cockcroft-Gault (1976): CrCl = (140 - age) x weight / (72 x SCr) x 0.85 if female, mL/min.
  US labels assume actual body weight; ideal (Devine) and adjusted weights are shown beside it.
* Devine ideal body weight: 50 kg (men) or 45.5 kg (women) + 2.3 kg per inch over 60 inches.
* Adjusted body weight: IBW + 0.4 x (actual - IBW).
* CKD-EPI 2021 (race-free): 142 x min(SCr/k, 1)^a x max(SCr/k, 1)^-1.200 x 0.9938^age
  x 1.012 if female; k = 0.7 (F) / 0.9 (M), a = -0.241 (F) / -0.302 (M); mL/min/1.73 m2.
* Mosteller BSA: sqrt(height cm x weight kg / 3600); de-indexed eGFR = eGFR x BSA / 1.73.

Clearance is rounded half-up to one decimal *before* a dose band is chosen; creatinine is kept
at full precision (132.6 umol/L / 88.4 = 1.4999999999999998 must not move a band edge).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from legpain_desktop.core.dosing.patient import Patient

# Weight far from ideal: practice thresholds (institutions differ; shown as guidance only).
OBESE_RATIO = 1.2


def round_half_up(value: float, places: int = 1) -> float:
    """Round as a clinician would on paper: 36.35 -> 36.4, using the shortest decimal form."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def cockcroft_gault(age: float, weight_kg: float, scr_mg_dl: float, female: bool) -> float:
    crcl = (140.0 - age) * weight_kg / (72.0 * scr_mg_dl)
    return crcl * 0.85 if female else crcl


def ideal_body_weight(height_cm: float, female: bool) -> float:
    inches = height_cm / 2.54
    return (45.5 if female else 50.0) + 2.3 * (inches - 60.0)


def adjusted_body_weight(ideal_kg: float, actual_kg: float) -> float:
    return ideal_kg + 0.4 * (actual_kg - ideal_kg)


def ckd_epi_2021(age: float, scr_mg_dl: float, female: bool) -> float:
    kappa = 0.7 if female else 0.9
    alpha = -0.241 if female else -0.302
    ratio = scr_mg_dl / kappa
    egfr: float = 142.0 * min(ratio, 1.0) ** alpha * max(ratio, 1.0) ** -1.200 * 0.9938**age
    return egfr * 1.012 if female else egfr


def bsa_mosteller(height_cm: float, weight_kg: float) -> float:
    return math.sqrt(height_cm * weight_kg / 3600.0)


@dataclass(frozen=True)
class KidneyFunction:
    """Every kidney estimate for one patient, rounded for display and band lookup, with working."""

    crcl_actual: float
    crcl_ideal: float
    crcl_adjusted: float
    weight_basis: str
    egfr_indexed: float
    egfr_absolute: float
    bsa_m2: float
    ideal_weight_kg: float
    adjusted_weight_kg: float
    weight_note: str
    working: tuple[str, ...]

    @property
    def crcl(self) -> float:
        """The clearance for the chosen weight basis (rounded to one decimal)."""
        return {"actual": self.crcl_actual, "ideal": self.crcl_ideal, "adjusted": self.crcl_adjusted}[self.weight_basis]

    def measure(self, name: str) -> float:
        """The value a dosing rule keys on: ``crcl`` (CG, mL/min) or ``egfr`` (CKD-EPI, mL/min/1.73 m2)."""
        if name == "egfr":
            return self.egfr_indexed
        return self.crcl


def weight_note(actual: float, ideal: float) -> str:
    if actual < ideal:
        return f"Actual weight ({actual:.1f} kg) is below ideal ({ideal:.1f} kg): practice is to use actual weight."
    if actual > OBESE_RATIO * ideal:
        return (
            f"Actual weight ({actual:.1f} kg) is {actual / ideal:.0%} of ideal ({ideal:.1f} kg): Cockcroft-Gault "
            "with actual weight overestimates clearance in obesity; many services use adjusted weight "
            "(thresholds of 120 to 130% of ideal vary by institution)."
        )
    return ""


def kidney_function(patient: Patient, weight_basis: str = "actual") -> KidneyFunction:
    if weight_basis not in ("actual", "ideal", "adjusted"):
        from legpain_desktop.core.dosing.patient import WEIGHT_BASES, InputError, Problem

        raise InputError(
            "weight basis",
            "must be actual, ideal or adjusted",
            Problem("weight_basis", "not_one_of", str(weight_basis)[:40], choices=WEIGHT_BASES),
        )
    female = patient.female
    ibw = ideal_body_weight(patient.height_cm, female)
    adjbw = adjusted_body_weight(ibw, patient.weight_kg)
    age, scr = patient.age, patient.scr_mg_dl
    crcl_actual = cockcroft_gault(age, patient.weight_kg, scr, female)
    crcl_ideal = cockcroft_gault(age, ibw, scr, female)
    crcl_adjusted = cockcroft_gault(age, adjbw, scr, female)
    egfr = ckd_epi_2021(age, scr, female)
    bsa = bsa_mosteller(patient.height_cm, patient.weight_kg)
    egfr_abs = egfr * bsa / 1.73
    sex_factor = " x 0.85" if female else ""
    chosen_weight = {"actual": patient.weight_kg, "ideal": ibw, "adjusted": adjbw}[weight_basis]
    chosen_crcl = {"actual": crcl_actual, "ideal": crcl_ideal, "adjusted": crcl_adjusted}[weight_basis]
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    working = (
        f"Creatinine {scr:.4g} mg/dL ({patient.scr_umol_l:.1f} µmol/L; 1 mg/dL = 88.4 µmol/L)",
        f"Cockcroft-Gault ({weight_basis} weight): (140 - {age:g}) x {chosen_weight:.1f} kg / (72 x {scr:.4g})"
        f"{sex_factor} = {chosen_crcl:.2f} -> {round_half_up(chosen_crcl):.1f} mL/min",
        f"Ideal body weight (Devine): {'45.5' if female else '50'} + 2.3 x ({patient.height_in:.1f} in - 60) "
        f"= {ibw:.1f} kg",
        f"Adjusted body weight: {ibw:.1f} + 0.4 x ({patient.weight_kg:.1f} - {ibw:.1f}) = {adjbw:.1f} kg",
        f"CKD-EPI 2021: 142 x min({scr:.4g}/{kappa}, 1)^{alpha} x max({scr:.4g}/{kappa}, 1)^-1.200 x "
        f"0.9938^{age:g}{' x 1.012' if female else ''} = {egfr:.1f} mL/min/1.73 m²",
        f"BSA (Mosteller): sqrt({patient.height_cm:.1f} x {patient.weight_kg:.1f} / 3600) = {bsa:.3f} m²; "
        f"de-indexed eGFR = {egfr:.1f} x {bsa:.3f} / 1.73 = {egfr_abs:.1f} mL/min",
    )
    return KidneyFunction(
        crcl_actual=round_half_up(crcl_actual),
        crcl_ideal=round_half_up(crcl_ideal),
        crcl_adjusted=round_half_up(crcl_adjusted),
        weight_basis=weight_basis,
        egfr_indexed=round_half_up(egfr),
        egfr_absolute=round_half_up(egfr_abs),
        bsa_m2=round(bsa, 3),
        ideal_weight_kg=round_half_up(ibw),
        adjusted_weight_kg=round_half_up(adjbw),
        weight_note=weight_note(patient.weight_kg, ibw),
        working=working,
    )
