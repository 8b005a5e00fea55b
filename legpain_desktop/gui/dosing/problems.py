"""The dose form's input problems in the user's language.

The core reports what is wrong with an input as a :class:`Problem` (field code, kind, range, unit,
what was typed); this module words it through Qt's translation functions, so a translated app
never shows the core's English and no English sentence is used as a key (issue 15, item 5).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from legpain_desktop.core.dosing.patient import Problem


def field_label(code: str) -> str:
    """The name of a field as the form shows it."""
    labels = {
        "age": QCoreApplication.translate("InputProblem", "age"),
        "sex": QCoreApplication.translate("InputProblem", "sex"),
        "weight": QCoreApplication.translate("InputProblem", "weight"),
        "height": QCoreApplication.translate("InputProblem", "height"),
        "scr": QCoreApplication.translate("InputProblem", "creatinine"),
        "dialysis": QCoreApplication.translate("InputProblem", "dialysis"),
        "child_pugh": QCoreApplication.translate("InputProblem", "Child-Pugh class"),
        "weight_unit": QCoreApplication.translate("InputProblem", "weight unit"),
        "height_unit": QCoreApplication.translate("InputProblem", "height unit"),
        "scr_unit": QCoreApplication.translate("InputProblem", "creatinine unit"),
        "pregnant": QCoreApplication.translate("InputProblem", "pregnant"),
        "other_drug": QCoreApplication.translate("InputProblem", "other drug"),
        "drug": QCoreApplication.translate("InputProblem", "drug"),
        "indication": QCoreApplication.translate("InputProblem", "indication"),
        "weight_basis": QCoreApplication.translate("InputProblem", "weight for kidney function"),
    }
    return labels.get(code, code)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def describe(problem: Problem) -> str:
    """One sentence saying what is wrong and what is allowed (the field is named by the form's row)."""
    low, high, unit, value = _number(problem.low), _number(problem.high), problem.unit, problem.value
    choices = QCoreApplication.translate("InputProblem", " or ").join(problem.choices)
    if problem.kind == "required" and problem.low is not None:
        return QCoreApplication.translate("InputProblem", "is required: a number from {0} to {1} {2}").format(
            low, high, unit
        )
    if problem.kind == "required":
        return QCoreApplication.translate("InputProblem", "is required: choose {0}").format(choices)
    if problem.kind == "not_a_number" and value:
        return QCoreApplication.translate("InputProblem", "'{0}' is not a number; enter {1} to {2} {3}").format(
            value, low, high, unit
        )
    if problem.kind in ("not_a_number", "not_finite"):
        return QCoreApplication.translate("InputProblem", "must be a number from {0} to {1} {2}").format(
            low, high, unit
        )
    if problem.kind == "out_of_range":
        return QCoreApplication.translate("InputProblem", "{0} {1} is outside the valid range {2} to {3} {1}").format(
            value, unit, low, high
        )
    if problem.kind == "not_one_of":
        return QCoreApplication.translate("InputProblem", "'{0}' is not allowed; choose {1}").format(value, choices)
    if problem.kind == "contradiction" and problem.field == "pregnant":
        return QCoreApplication.translate(
            "InputProblem", "is ticked for a male patient; check the sex and the pregnancy box"
        )
    if problem.kind == "unknown" and value and problem.choices:
        return QCoreApplication.translate("InputProblem", "unknown name '{0}'; did you mean {1}?").format(
            value, choices
        )
    if problem.kind == "unknown" and value:
        return QCoreApplication.translate("InputProblem", "unknown name '{0}'").format(value)
    return QCoreApplication.translate("InputProblem", "this value cannot be used; check {0}").format(
        field_label(problem.field)
    )
