"""The patient a dose is calculated for, with every input validated and converted to SI units.

Nothing here is written to disk. Every bad value raises :class:`InputError` naming the field
and its valid range, so the CLI and the GUI can say exactly what to fix.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

# Unit conversions. 1 mg/dL creatinine = 88.4 µmol/L (the conventional factor; 88.42 exact).
UMOL_PER_MG_DL = 88.4
KG_PER_LB = 0.45359237
CM_PER_IN = 2.54

AGE_RANGE = (18.0, 120.0)  # adults only: the formulas and labels here are for adults
WEIGHT_KG_RANGE = (25.0, 350.0)
HEIGHT_CM_RANGE = (100.0, 250.0)
SCR_MG_DL_RANGE = (0.1, 20.0)

SEXES = ("female", "male")
DIALYSIS_MODES = ("none", "hd", "pd")
CHILD_PUGH_CLASSES = ("A", "B", "C")
WEIGHT_BASES = ("actual", "ideal", "adjusted")


# The form's fields by stable code, with the English name the command line's messages use. The GUI
# keys its error lines by code and words each problem itself, in the user's language (issue 15).
FIELD_NAMES = {
    "age": "age", "sex": "sex", "weight": "weight", "height": "height", "scr": "serum creatinine",
    "dialysis": "dialysis", "child_pugh": "Child-Pugh class", "weight_unit": "weight unit",
    "height_unit": "height unit", "scr_unit": "creatinine unit", "pregnant": "pregnant",
    "other_drug": "other drug", "weight_basis": "weight basis", "drug": "drug",
}  # fmt: skip
FIELD_CODES = {name: code for code, name in FIELD_NAMES.items()}
# What can be wrong with a value: the kinds a Problem carries.
PROBLEM_KINDS = ("required", "not_a_number", "not_finite", "out_of_range", "not_one_of", "contradiction", "unknown")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one input, as data for the caller to word: ``field`` is a code of
    FIELD_NAMES (or the core's name for a field outside the patient form), ``kind`` one of
    PROBLEM_KINDS; ``low``, ``high`` and ``unit`` give the valid range as the user's unit states it,
    ``value`` what was entered (cut to 40 characters), ``choices`` the values allowed or suggested."""

    field: str
    kind: str
    value: str = ""
    low: float | None = None
    high: float | None = None
    unit: str = ""
    choices: tuple[str, ...] = ()


class InputError(ValueError):
    """A patient value that cannot be used; ``field`` names it, the message gives the valid range.

    ``problem`` says the same as data (the GUI words it); ``message`` is the English sentence
    without the field name (the command line prints ``field: message``)."""

    def __init__(self, field_name: str, message: str, problem: Problem | None = None) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message
        self.problem = problem or Problem(FIELD_CODES.get(field_name, field_name), "unknown")


def parse_number(
    field_name: str, value: object, low: float, high: float, unit: str, shown: tuple[float, float] | None = None
) -> float:
    """A finite number within [low, high] from text or a number; else InputError.

    ``shown`` is the range the messages state, when it differs from the one enforced here.
    """
    low_text, high_text = shown or (low, high)
    code = FIELD_CODES.get(field_name, field_name)

    def problem(kind: str, entered: str = "") -> Problem:
        return Problem(code, kind, entered, low_text, high_text, unit)

    if isinstance(value, bool):
        raise InputError(
            field_name, f"must be a number from {low_text:g} to {high_text:g} {unit}", problem("not_a_number")
        )
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        if not text:
            raise InputError(
                field_name, f"is required: a number from {low_text:g} to {high_text:g} {unit}", problem("required")
            )
        try:
            number = float(text)
        except ValueError:
            raise InputError(
                field_name,
                f"{str(value)[:40]!r} is not a number; enter {low_text:g} to {high_text:g} {unit}",
                problem("not_a_number", str(value)[:40]),
            ) from None
    if not math.isfinite(number):
        raise InputError(
            field_name, f"must be a finite number from {low_text:g} to {high_text:g} {unit}", problem("not_finite")
        )
    if not low <= number <= high:
        raise InputError(
            field_name,
            f"{number:g} {unit} is outside the valid range {low_text:g} to {high_text:g} {unit}",
            problem("out_of_range", f"{number:g}"),
        )
    return number


# unit: (label shown to the user, conversion to the base unit). Creatinine divides by 88.4
# rather than multiplying by its inverse, so values keep full precision (132.6 -> 1.4999...).
WEIGHT_UNITS = {"kg": ("kg", lambda v: v), "lb": ("lb", lambda v: v * KG_PER_LB)}
HEIGHT_UNITS = {"cm": ("cm", lambda v: v), "in": ("in", lambda v: v * CM_PER_IN)}
CREATININE_UNITS = {"mg/dL": ("mg/dL", lambda v: v), "umol/L": ("µmol/L", lambda v: v / UMOL_PER_MG_DL)}


def _in_base_units(
    field_name: str,
    value: object,
    unit: str,
    unit_field: str,
    base_range: tuple[float, float],
    units: dict[str, tuple[str, Callable[[float], float]]],
) -> float:
    """``value`` in ``unit`` converted to the base unit; the valid range is stated in the user's unit."""
    if unit not in units:
        raise InputError(
            unit_field,
            f"must be {' or '.join(units)}, not {unit!r}",
            Problem(FIELD_CODES[unit_field], "not_one_of", str(unit)[:40], choices=tuple(units)),
        )
    label, to_base = units[unit]
    per_unit = to_base(1.0)
    if per_unit == 1.0:
        return parse_number(field_name, value, *base_range, label)
    # The converted value is held to the exact base range, so no invalid value passes and no valid
    # one is refused; the range is *stated* in the user's unit to two decimals, rounded inwards, so
    # every value the message offers is valid.
    low = math.ceil(round(base_range[0] / per_unit * 100, 6)) / 100
    high = math.floor(round(base_range[1] / per_unit * 100, 6)) / 100
    number = parse_number(field_name, value, -math.inf, math.inf, label, shown=(low, high))
    base = to_base(number)
    if not base_range[0] - 1e-9 <= base <= base_range[1] + 1e-9:
        raise InputError(
            field_name,
            f"{number:g} {label} is outside the valid range {low:g} to {high:g} {label}",
            Problem(FIELD_CODES[field_name], "out_of_range", f"{number:g}", low, high, label),
        )
    return min(max(base, base_range[0]), base_range[1])


@dataclass(frozen=True)
class Patient:
    """A validated adult patient. Weight in kg, height in cm, creatinine in mg/dL (full precision)."""

    age: float
    sex: str
    weight_kg: float
    height_cm: float
    scr_mg_dl: float
    dialysis: str = "none"
    heart_failure: bool = False
    child_pugh: str | None = None
    other_drugs: tuple[str, ...] = field(default_factory=tuple)
    pregnant: bool = False
    breastfeeding: bool = False
    unstable_kidney_function: bool = False

    @property
    def female(self) -> bool:
        return self.sex == "female"

    @property
    def height_in(self) -> float:
        return self.height_cm / CM_PER_IN

    @property
    def scr_umol_l(self) -> float:
        return self.scr_mg_dl * UMOL_PER_MG_DL

    @classmethod
    def create(
        cls,
        *,
        age: object,
        sex: object,
        weight: object,
        weight_unit: str = "kg",
        height: object,
        height_unit: str = "cm",
        scr: object,
        scr_unit: str = "mg/dL",
        dialysis: object = "none",
        heart_failure: bool = False,
        child_pugh: object = None,
        other_drugs: tuple[str, ...] = (),
        pregnant: bool = False,
        breastfeeding: bool = False,
        unstable_kidney_function: bool = False,
    ) -> Patient:
        """Validate raw inputs in the units the user chose."""
        age_v = parse_number("age", age, *AGE_RANGE, "years")
        sex_v = str(sex).strip().lower() if sex is not None else ""
        if sex_v in ("f", "m"):
            sex_v = {"f": "female", "m": "male"}[sex_v]
        if sex_v not in SEXES:
            raise InputError(
                "sex",
                "must be female or male (the kidney formulas need it)",
                Problem("sex", "required" if not sex_v else "not_one_of", sex_v[:40], choices=SEXES),
            )
        weight_kg = _in_base_units("weight", weight, weight_unit, "weight unit", WEIGHT_KG_RANGE, WEIGHT_UNITS)
        height_cm = _in_base_units("height", height, height_unit, "height unit", HEIGHT_CM_RANGE, HEIGHT_UNITS)
        scr_mg_dl = _in_base_units(
            "serum creatinine", scr, scr_unit, "creatinine unit", SCR_MG_DL_RANGE, CREATININE_UNITS
        )
        dialysis_v = str(dialysis).strip().lower()
        if dialysis_v not in DIALYSIS_MODES:
            raise InputError(
                "dialysis",
                "must be none, hd (haemodialysis) or pd (peritoneal dialysis)",
                Problem("dialysis", "not_one_of", dialysis_v[:40], choices=DIALYSIS_MODES),
            )
        cp: str | None = None
        if child_pugh not in (None, "", "none"):
            cp = str(child_pugh).strip().upper()
            if cp not in CHILD_PUGH_CLASSES:
                raise InputError(
                    "Child-Pugh class",
                    "must be A, B or C (or left empty when the liver is normal)",
                    Problem("child_pugh", "not_one_of", cp[:40], choices=CHILD_PUGH_CLASSES),
                )
        return cls(
            age=age_v,
            sex=sex_v,
            weight_kg=weight_kg,
            height_cm=height_cm,
            scr_mg_dl=scr_mg_dl,
            dialysis=dialysis_v,
            heart_failure=bool(heart_failure),
            child_pugh=cp,
            other_drugs=tuple(other_drugs),
            pregnant=bool(pregnant),
            breastfeeding=bool(breastfeeding),
            unstable_kidney_function=bool(unstable_kidney_function),
        )

    @classmethod
    def field_errors(cls, **raw: object) -> dict[str, str]:
        """Every problem in a form at once, by field name, in English (``create`` stops at the first)."""
        return {FIELD_NAMES[code]: exc.message for code, exc in cls.field_failures(**raw).items()}

    @classmethod
    def field_failures(cls, **raw: object) -> dict[str, InputError]:
        """Every problem in a form at once, by the code of the form's field (a unit's problem is
        its value's field: ``weight_unit`` under ``weight``); each error carries its Problem."""
        errors: dict[str, InputError] = {}
        base: dict[str, object] = {
            "age": 50, "sex": "male", "weight": 70, "weight_unit": "kg", "height": 170, "height_unit": "cm",
            "scr": 1.0, "scr_unit": "mg/dL", "dialysis": "none", "child_pugh": None,
        }  # fmt: skip
        groups = {
            "age": ("age",),
            "sex": ("sex",),
            "weight": ("weight", "weight_unit"),
            "height": ("height", "height_unit"),
            "scr": ("scr", "scr_unit"),
            "dialysis": ("dialysis",),
            "child_pugh": ("child_pugh",),
        }
        for code, keys in groups.items():
            trial = dict(base)
            trial.update({k: raw[k] for k in keys if k in raw})
            try:
                cls.create(**trial)  # type: ignore[arg-type]
            except InputError as exc:
                errors[code] = exc
        return errors

    def conditions(self) -> frozenset[str]:
        """The patient's conditions in the vocabulary drug contraindications use."""
        out: set[str] = set()
        if self.heart_failure:
            out.add("heart-failure")
        if self.child_pugh:
            out.add(f"child-pugh-{self.child_pugh.lower()}")
        if self.dialysis != "none":
            out.add("dialysis")
        if self.pregnant:
            out.add("pregnancy")
        if self.breastfeeding:
            out.add("breastfeeding")
        return frozenset(out)
