"""One dose consultation: raw inputs in, field errors or one complete result out.

The GUI form, the drug page's row highlight, the dosing sheet, the note for the record and the
CLI all call :func:`consult_dose`, so they show the same numbers (the first version assembled
the answer twice and the two drifted: only the GUI ran the titration and the regimen check).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from legpain_desktop.core.dosing.calculator import DoseResult, Flag, calculate_dose
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.patient import FIELD_NAMES, InputError, Patient, Problem
from legpain_desktop.core.dosing.regimen import DosedDrug, RegimenReview, review_regimen
from legpain_desktop.core.dosing.renal import KidneyFunction, kidney_function
from legpain_desktop.core.dosing.schema import DrugDosing
from legpain_desktop.core.dosing.titration import RegimenCheck, Schedule, check_regimen, titration_schedule
from legpain_desktop.core.dosing.vocabulary import SEVERITY_ORDER

OBESE_BMI = 30.0  # kg/m2: from here dose shows both weight bases (WHO obesity threshold)


@dataclass(frozen=True)
class DoseRequest:
    """What a user typed or passed, unvalidated. Units are as entered."""

    drug: str
    age: object = None
    sex: object = None
    weight: object = None
    weight_unit: str = "kg"
    height: object = None
    height_unit: str = "cm"
    scr: object = None
    scr_unit: str = "mg/dL"
    dialysis: object = "none"
    weight_basis: str = "actual"
    indication: str | None = None
    child_pugh: object = None
    heart_failure: bool = False
    pregnant: bool = False
    breastfeeding: bool = False
    unstable_kidney_function: bool = False
    other_drugs: tuple[str, ...] = field(default_factory=tuple)
    regimen_dose: object = None
    regimen_times: object = None

    def patient_fields(self) -> dict[str, object]:
        return {
            "age": self.age, "sex": self.sex, "weight": self.weight, "weight_unit": self.weight_unit,
            "height": self.height, "height_unit": self.height_unit, "scr": self.scr, "scr_unit": self.scr_unit,
            "dialysis": self.dialysis, "child_pugh": self.child_pugh,
        }  # fmt: skip


@dataclass(frozen=True)
class ObesityComparison:
    """For BMI 30 or more: the result on actual and on adjusted weight, side by side."""

    bmi: float
    crcl_actual: float
    crcl_adjusted: float
    actual: DoseResult
    adjusted: DoseResult
    note: str


@dataclass(frozen=True)
class DoseConsultation:
    request: DoseRequest
    errors: Mapping[str, str]
    patient: Patient | None = None
    kidney: KidneyFunction | None = None
    drug: DrugDosing | None = None
    result: DoseResult | None = None
    schedule: Schedule | None = None
    regimen: RegimenCheck | None = None
    regimen_error: str = ""
    obesity: ObesityComparison | None = None
    medicines: RegimenReview | None = None  # all the patient's medicines: interactions, opioid total
    # the same problems as ``errors``, as data keyed by field code, for a view that words them itself
    problems: Mapping[str, Problem] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and self.result is not None

    @property
    def highlight_band(self) -> str | None:
        """The label row of the drug's monograph table that applies to this patient."""
        if self.result is None or self.result.band is None:
            return None
        return self.result.band.label


def body_mass_index(patient: Patient) -> float:
    return patient.weight_kg / (patient.height_cm / 100.0) ** 2


def validate_patient(formulary: Formulary, request: DoseRequest) -> tuple[Patient | None, dict[str, str]]:
    """The patient, or every problem with the inputs by field name, in English."""
    patient, failures = check_patient(formulary, request)
    return patient, _messages(failures)


def _messages(failures: Mapping[str, InputError]) -> dict[str, str]:
    return {FIELD_NAMES.get(code, code): exc.message for code, exc in failures.items()}


def _failed(
    request: DoseRequest,
    failures: dict[str, InputError],
    patient: Patient | None = None,
    drug: DrugDosing | None = None,
) -> DoseConsultation:
    problems = {code: exc.problem for code, exc in failures.items()}
    return DoseConsultation(request, _messages(failures), patient, drug=drug, problems=problems)


def check_patient(formulary: Formulary, request: DoseRequest) -> tuple[Patient | None, dict[str, InputError]]:
    """The patient, or every problem with the inputs by field code, each with its Problem.

    Other drugs the vocabulary does not know are not an input error: they are left out of the
    patient's checked drugs and reported as not checked (they must never hide the dose)."""
    failures = Patient.field_failures(**request.patient_fields())
    if failures:
        return None, failures
    try:
        patient = Patient.create(
            **request.patient_fields(),  # type: ignore[arg-type]
            heart_failure=request.heart_failure,
            pregnant=request.pregnant,
            breastfeeding=request.breastfeeding,
            unstable_kidney_function=request.unstable_kidney_function,
            other_drugs=tuple(d for d in request.other_drugs if formulary.checker.find(d) is not None),
        )
    except InputError as exc:  # pragma: no cover - field_failures found every problem create raises
        return None, {exc.problem.field: exc}
    if request.pregnant and patient.sex == "male":
        return None, {
            "pregnant": InputError(
                "pregnant",
                "is ticked for a male patient; check the sex and the pregnancy box",
                Problem("pregnant", "contradiction"),
            )
        }
    return patient, {}


def consult_dose(formulary: Formulary, request: DoseRequest) -> DoseConsultation:
    """Validate, compute the dose with every rule, the titration and the regimen check, once."""
    try:
        drug = formulary.drug(request.drug)
    except InputError as exc:
        return _failed(request, {exc.problem.field: exc})
    patient, failures = check_patient(formulary, request)
    if patient is None:
        return _failed(request, failures, drug=drug)
    try:
        kidney = kidney_function(patient, request.weight_basis)
        result = calculate_dose(drug, patient, kidney, formulary.checker, request.indication)
    except InputError as exc:
        return _failed(request, {exc.problem.field: exc}, patient=patient, drug=drug)
    schedule = titration_schedule(drug, result)
    regimen, regimen_error = None, ""
    if _given(request.regimen_dose) and _given(request.regimen_times):
        try:
            regimen = check_regimen(result, request.regimen_dose, request.regimen_times)
        except InputError as exc:
            regimen_error = str(exc)
    obesity = None
    bmi = body_mass_index(patient)
    if bmi >= OBESE_BMI and drug.systemic and drug.renal is not None and patient.dialysis == "none":
        # Each side on its own weight: the form's choice is reused only where it is that side (on
        # ideal weight the "actual" side was the ideal-weight clearance, labelled actual).
        basis = {
            name: kidney if request.weight_basis == name else kidney_function(patient, name)
            for name in ("actual", "adjusted")
        }
        results = {
            name: result if k is kidney else calculate_dose(drug, patient, k, formulary.checker, request.indication)
            for name, k in basis.items()
        }
        obesity = ObesityComparison(
            bmi=round(bmi, 1),
            crcl_actual=basis["actual"].crcl,
            crcl_adjusted=basis["adjusted"].crcl,
            actual=results["actual"],
            adjusted=results["adjusted"],
            note=(
                f"BMI {bmi:.1f} kg/m²: Cockcroft-Gault on actual weight ({basis['actual'].crcl:g} mL/min) "
                f"overestimates clearance in obesity; on adjusted weight it is {basis['adjusted'].crcl:g} mL/min. "
                "Both results are shown; choose the weight basis your service uses (many use adjusted weight)."
            ),
        )
    medicines = review_regimen(formulary.checker, request.other_drugs, dosed_drug(result, regimen))
    result = with_regimen_flags(result, medicines)
    return DoseConsultation(
        request, {}, patient, kidney, drug, result, schedule, regimen, regimen_error, obesity, medicines
    )


def dosed_drug(result: DoseResult, regimen: RegimenCheck | None) -> DosedDrug:
    """The dosed drug and the daily amount counted for it in the opioid total, with which number that is."""
    if result.avoid:
        return DosedDrug(result.drug_id, result.drug_title, 0.0, "none: the result is avoid")
    if regimen is not None:
        return DosedDrug(result.drug_id, result.drug_title, regimen.daily_mg, "the regimen being checked")
    if result.max_daily_mg is not None:
        return DosedDrug(result.drug_id, result.drug_title, result.max_daily_mg, "the proposed maximum daily dose")
    if result.daily_dose_mg is not None:
        return DosedDrug(
            result.drug_id, result.drug_title, result.daily_dose_mg.max, "the top of the proposed daily range"
        )
    return DosedDrug(result.drug_id, result.drug_title, None, "no daily dose in the result")


def with_regimen_flags(result: DoseResult, medicines: RegimenReview) -> DoseResult:
    """The result with a flag for each medicine not checked and the opioid alerts (MME, naloxone)."""
    extra = [Flag("unchecked", "major", m.unchecked_message(), "") for m in medicines.unchecked]
    if medicines.mme is not None:
        extra += [Flag("opioid", a.severity, a.message, a.source, "G") for a in medicines.mme.alerts]
    if not extra:
        return result
    flags = tuple(sorted((*result.flags, *extra), key=lambda f: SEVERITY_ORDER.index(f.severity)))
    sources = tuple(dict.fromkeys([*result.sources, *(f.source for f in extra if f.source)]))
    return replace(result, flags=flags, sources=sources)


def _given(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def consult_all(
    formulary: Formulary, request: DoseRequest, known: DoseConsultation | None = None
) -> list[DoseConsultation]:
    """The same patient for every drug at its main indication, in title order (the "every drug" table).

    ``known``, a consultation already made for this patient, is reused for the drug it answers
    when it was asked the same question, so no drug is computed twice for one input.
    """
    drugs = sorted(formulary.drugs.values(), key=lambda d: d.title.lower())
    out = []
    for drug in drugs:
        asked = for_drug(request, drug.drug_id)
        same = known is not None and (
            known.request == asked  # the main indication named or left out is the same question
            or (replace(known.request, indication=None) == asked and known.request.indication == drug.main_indication)
        )
        out.append(known if same and known is not None else consult_dose(formulary, asked))
    return out


def for_drug(request: DoseRequest, drug_id: str) -> DoseRequest:
    """The same patient asked about another drug (its main indication, no regimen)."""
    return replace(request, drug=drug_id, indication=None, regimen_dose=None, regimen_times=None)
