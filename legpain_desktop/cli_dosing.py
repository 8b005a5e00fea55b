"""Dose-calculator subcommands: ``crcl``, ``dose DRUG`` and ``regimen NAME...``.

Other drugs given on the command line (``--with``, ``regimen``) are checked as in the GUI: an
unknown name does not stop the check of the others (a patient's list often holds a name the
vocabulary lacks, and refusing the whole list hid the lines for the drugs it knows). Each unknown
name is listed as NOT CHECKED, with "did you mean", on stdout (``unchecked_medicines`` in JSON) and
on stderr, and the command exits with status 4 (:data:`EXIT_UNCHECKED`) so a script never reads a
partial check as complete (third pharmacist pass, finding H). A daily dose may follow the name
(``--with "oxycodone 40mg/day"``, ``--with oxycodone:40``, ``--with "fentanyl 25mcg/h"``); opioids
use it for the morphine-equivalent total.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from legpain_desktop.core.db.repository import ContentRepository

EXIT_UNCHECKED = 4  # the rest was checked and printed; one or more names were not recognised


def _patient_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--age", help="years, 18 to 120")
    p.add_argument("--sex", help="female or male")
    w = p.add_mutually_exclusive_group()
    w.add_argument("--weight-kg")
    w.add_argument("--weight-lb")
    h = p.add_mutually_exclusive_group()
    h.add_argument("--height-cm")
    h.add_argument("--height-in")
    s = p.add_mutually_exclusive_group()
    s.add_argument("--scr-mg-dl", help="serum creatinine in mg/dL")
    s.add_argument("--scr-umol-l", help="serum creatinine in µmol/L")
    p.add_argument("--dialysis", default="none", help="none, hd or pd")
    p.add_argument("--weight-basis", default="actual", help="actual, ideal or adjusted (Cockcroft-Gault weight)")
    p.add_argument("--json", action="store_true")


def add_dosing_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("crcl", help="kidney function: Cockcroft-Gault, CKD-EPI 2021, BSA")
    _patient_args(p)
    p = sub.add_parser("dose", help="a drug's dose for a patient, with every rule and flag")
    p.add_argument("drug")
    _patient_args(p)
    p.add_argument("--indication", help="cause id the drug is used for")
    p.add_argument(
        "--with",
        dest="with_drugs",
        action="append",
        default=[],
        metavar="DRUG",
        help="another drug the patient takes, optionally with its daily dose: 'oxycodone 40mg/day', oxycodone:40, "
        "'fentanyl 25mcg/h' (repeatable)",
    )
    p.add_argument("--heart-failure", action="store_true")
    p.add_argument("--child-pugh", help="A, B or C")
    p.add_argument("--pregnant", action="store_true")
    p.add_argument("--breastfeeding", action="store_true")
    p.add_argument(
        "--unstable-kidney-function",
        action="store_true",
        help="acute kidney injury or a changing creatinine (Cockcroft-Gault is then not valid)",
    )
    p.add_argument("--regimen", metavar="MGxN", help="check a regimen: mg per dose x doses a day, e.g. 300x3")
    p = sub.add_parser(
        "regimen",
        aliases=["interactions"],
        help="every interaction among a patient's medicines, and the opioid morphine-equivalent total",
    )
    p.add_argument(
        "medicines",
        nargs="+",
        metavar="NAME",
        help="a medicine, optionally with its daily dose ('oxycodone 40mg/day', oxycodone:40, 'fentanyl 25mcg/h')",
    )
    p.add_argument("--json", action="store_true")


def request_from_args(args: argparse.Namespace, drug: str = "") -> Any:
    """The command line as a dose request (validated by the core, like the GUI form)."""
    from legpain_desktop.core.dosing.consultation import DoseRequest
    from legpain_desktop.core.dosing.patient import InputError
    from legpain_desktop.core.dosing.titration import parse_regimen

    required = {
        "--age": args.age,
        "--sex": args.sex,
        "--weight-kg or --weight-lb": args.weight_kg or args.weight_lb,
        "--height-cm or --height-in": args.height_cm or args.height_in,
        "--scr-mg-dl or --scr-umol-l": args.scr_mg_dl or args.scr_umol_l,
    }
    for flag, value in required.items():
        if value is None:
            raise InputError(flag, "is required")
    regimen = getattr(args, "regimen", None)
    dose, times = parse_regimen(regimen) if regimen else (None, None)
    return DoseRequest(
        drug=drug,
        age=args.age,
        sex=args.sex,
        weight=args.weight_kg if args.weight_kg is not None else args.weight_lb,
        weight_unit="kg" if args.weight_kg is not None else "lb",
        height=args.height_cm if args.height_cm is not None else args.height_in,
        height_unit="cm" if args.height_cm is not None else "in",
        scr=args.scr_mg_dl if args.scr_mg_dl is not None else args.scr_umol_l,
        scr_unit="mg/dL" if args.scr_mg_dl is not None else "umol/L",
        dialysis=args.dialysis,
        weight_basis=args.weight_basis,
        indication=getattr(args, "indication", None),
        heart_failure=getattr(args, "heart_failure", False),
        child_pugh=getattr(args, "child_pugh", None),
        pregnant=getattr(args, "pregnant", False),
        breastfeeding=getattr(args, "breastfeeding", False),
        unstable_kidney_function=getattr(args, "unstable_kidney_function", False),
        other_drugs=tuple(getattr(args, "with_drugs", []) or ()),
        regimen_dose=dose,
        regimen_times=times,
    )


def patient_from_args(args: argparse.Namespace) -> Any:
    from legpain_desktop.core.dosing.patient import Patient

    r = request_from_args(args)
    return Patient.create(**r.patient_fields())


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def crcl_json(kidney: Any) -> dict[str, Any]:
    return {
        "crcl_ml_min": kidney.crcl_actual,
        "crcl_ideal_ml_min": kidney.crcl_ideal,
        "crcl_adjusted_ml_min": kidney.crcl_adjusted,
        "egfr_ml_min_1_73m2": kidney.egfr_indexed,
        "egfr_ml_min": kidney.egfr_absolute,
        "bsa_m2": kidney.bsa_m2,
        "ideal_weight_kg": kidney.ideal_weight_kg,
        "adjusted_weight_kg": kidney.adjusted_weight_kg,
    }


def _range(r: Any) -> dict[str, Any] | None:
    return {"min": _num(r.min), "max": _num(r.max)} if r is not None else None


def result_json(result: Any) -> dict[str, Any]:
    daily = result.daily_dose_mg
    return {
        "band": (
            {"label": result.band.label, "conservative": result.band.conservative, "note": result.band.note}
            if result.band
            else None
        ),
        "daily_dose_mg": _range(daily),
        "single_dose_mg": _num(result.single_dose_mg),
        "max_single_dose_mg": _num(result.max_single_dose_mg),
        "max_doses_per_day": result.max_doses_per_day,
        "frequency": result.frequency,
        "doses_per_day": list(result.doses_per_day),
        "max_daily_mg": _num(result.max_daily_mg),
        "max_daily_rule": result.rule_text,
        "binding_cap": result.binding_cap,
        "avoid": result.avoid,
        "verified": result.verified,
        "loading": (
            {
                "days": result.loading.days,
                "daily_mg": _num(result.loading.daily_mg),
                "doses_per_day": result.loading.doses_per_day,
                "text": result.loading.text,
            }
            if result.loading
            else None
        ),
        "flags": [f.to_json() for f in result.flags],
        "sources": list(result.sources),
    }


def interaction_json(hit: Any) -> dict[str, Any]:
    from legpain_desktop.core.dosing.vocabulary import INTERACTION_SEVERITY

    rule = hit.rule
    return {
        "kind": "interaction",
        "severity": INTERACTION_SEVERITY[rule.severity],
        "drugs": list(hit.drugs),
        "rule": rule.id,
        "message": f"{' + '.join(hit.drugs)}: {rule.message} {rule.action}",
        "action": rule.action,
        "source": rule.source,
    }


def mme_json(mme: Any) -> dict[str, Any]:
    return {
        "mme_per_day": _num(round(mme.total, 2)) if mme.total is not None else None,
        "mme": {
            "complete": mme.complete,
            "counted_mme_per_day": _num(round(mme.known, 2)),
            "incomplete_because": list(mme.missing),
            "not_included": list(mme.excluded),
            "opioids": [
                {"drug": line.drug_id, "name": line.name, "amount": _num(line.amount), "unit": line.unit,
                 "factor": _num(line.factor), "mme_per_day": _num(round(line.mme, 2)) if line.mme is not None else None,
                 "basis": line.basis, "source": line.source, "note": line.note}
                for line in mme.lines
            ],
            # the CDC 2022 band the counted total reaches (50 or 90 MME/day; null below 50), and
            # the advice the text output gives, so a caller of the JSON loses none of it
            "band_mme_per_day": _num(mme.band) if mme.band is not None else None,
            "naloxone": {"offer": mme.offer_naloxone,
                         "advice": next(a.message for a in mme.alerts if a.kind == "naloxone")},
            "alerts": [{"kind": a.kind, "severity": a.severity, "message": a.message, "source": a.source}
                       for a in mme.alerts],
            "source": mme.source,
            "disclaimer": mme.disclaimer,
        },
    }  # fmt: skip


def regimen_json(review: Any) -> dict[str, Any]:
    """Every interaction among all the medicines, those not checked, and the opioid total when any."""
    out: dict[str, Any] = {
        "regimen_interactions": [interaction_json(h) for h in review.interactions],
        "unchecked_medicines": [
            {"name": m.entered.text, "did_you_mean": list(m.suggestions)} for m in review.unchecked
        ],
    }
    if review.mme is not None:
        out.update(mme_json(review.mme))
    return out


def dose_json(consultation: Any) -> dict[str, Any]:
    """The whole consultation: the result, its titration and regimen check, and the obesity comparison."""
    result, kidney, schedule, regimen = (
        consultation.result, consultation.kidney, consultation.schedule, consultation.regimen
    )  # fmt: skip
    out: dict[str, Any] = {
        "drug": result.drug_id,
        "indication": result.indication_id,
        "indication_label": result.indication_label,
        "crcl_ml_min": kidney.crcl,
        "egfr_ml_min_1_73m2": kidney.egfr_indexed,
        "weight_basis": kidney.weight_basis,
        **result_json(result),
        "titration": None,
    }
    if schedule is not None and schedule.steps:
        out["titration"] = {
            "steps": [
                {"day": s.day, "daily_mg": {"min": _num(s.daily_mg), "max": _num(s.daily_mg)},
                 "doses_per_day": s.doses_per_day, "single_dose_mg": _num(s.single_dose_mg), "note": s.note,
                 "source": s.source or schedule.source, "status": s.status or schedule.status}
                for s in schedule.steps
            ],
            "target_daily_mg": _range(schedule.target_daily_mg),
            "explanation": schedule.explanation,
        }  # fmt: skip
    if consultation.request.regimen_dose is not None:
        out["regimen"] = (
            {"daily_mg": _num(regimen.daily_mg), "within": regimen.within, "verdict": regimen.verdict,
             "message": regimen.reason}
            if regimen is not None
            else {"daily_mg": None, "within": False, "verdict": "invalid", "message": consultation.regimen_error}
        )  # fmt: skip
    if consultation.obesity is not None:
        ob = consultation.obesity
        out["obesity"] = {
            "bmi": ob.bmi,
            "note": ob.note,
            "actual_weight": {"crcl_ml_min": ob.crcl_actual, **result_json(ob.actual)},
            "adjusted_weight": {"crcl_ml_min": ob.crcl_adjusted, **result_json(ob.adjusted)},
        }
    if consultation.medicines is not None:
        out.update(regimen_json(consultation.medicines))
    return out


def run_crcl(args: argparse.Namespace, repo: ContentRepository | None) -> int:
    from legpain_desktop.core.dosing.renal import kidney_function

    kidney = kidney_function(patient_from_args(args), args.weight_basis)
    if args.json:
        sys.stdout.write(json.dumps(crcl_json(kidney), indent=2) + "\n")
    else:
        for line in kidney.working:
            print(line)
        if kidney.weight_note:
            print(f"Note: {kidney.weight_note}")
    return 0


def run_dose(args: argparse.Namespace, repo: ContentRepository | None) -> int:
    from legpain_desktop.core.dosing.consultation import consult_dose
    from legpain_desktop.core.dosing.formulary import Formulary
    from legpain_desktop.core.dosing.patient import InputError
    from legpain_desktop.core.dosing.report import BINDING_CAP_LABEL, headline
    from legpain_desktop.core.dosing.vocabulary import format_daily_range

    assert repo is not None
    formulary = Formulary.from_repository(repo)
    formulary.drug(args.drug)  # an unknown drug is named before any missing patient value
    c = consult_dose(formulary, request_from_args(args, args.drug))
    if c.errors:
        name, message = next(iter(c.errors.items()))
        raise InputError(name, message)
    result, kidney = c.result, c.kidney
    assert result is not None and kidney is not None  # no errors: the consultation is complete
    if args.json:
        sys.stdout.write(json.dumps(dose_json(c), indent=2, ensure_ascii=False) + "\n")
        return _unchecked_status(c.medicines)
    print(f"{result.drug_title} for {result.indication_label}")
    if result.band:
        print(f"Rule: {result.band.label}" + (f" ({result.band.note})" if result.band.note else ""))
    if result.binding_cap:
        print(f"{BINDING_CAP_LABEL}: {result.binding_cap}")
    stressed, rest = headline(result)
    print(f"Result: {stressed}{rest}")
    for f in result.flags_by_severity():
        print(f"  [{f.severity}] {f.kind}: {f.message} ({f.source})")
    if c.schedule is not None and c.schedule.steps:
        print(f"Titration: {c.schedule.explanation}")
        for s in c.schedule.steps:
            print(f"  day {s.day}: {s.daily_mg:g} mg a day - {s.note}")
    if c.regimen is not None:
        print(f"Regimen: {c.regimen.verdict}: {c.regimen.reason}")
    elif c.regimen_error:
        print(f"Regimen: {c.regimen_error}")
    if c.medicines is not None:
        print_regimen(c.medicines, heading="Interactions among all the patient's medicines")
    if c.obesity is not None:
        print(f"Obesity: {c.obesity.note}")
        for name, r in (("actual weight", c.obesity.actual), ("adjusted weight", c.obesity.adjusted)):
            dose = "AVOID" if r.avoid else format_daily_range(r.daily_dose_mg) if r.daily_dose_mg else r.frequency
            print(f"  on {name}: {dose}")
    print("Working:")
    for line in kidney.working:
        print(f"  {line}")
    return _unchecked_status(c.medicines)


def _unchecked_status(review: Any) -> int:
    """0, or :data:`EXIT_UNCHECKED` with one line on stderr per name that was not checked."""
    unchecked = review.unchecked if review is not None else ()
    for m in unchecked:
        one_line = " ".join(m.unchecked_message().split())  # a name typed with a line break stays one line
        sys.stderr.write(f"legpain-desktop: NOT CHECKED: {one_line}\n")
    return EXIT_UNCHECKED if unchecked else 0


def print_regimen(review: Any, heading: str = "Interactions") -> None:
    """The regimen view as text: every interaction, most severe first, then the opioid total."""
    from legpain_desktop.core.dosing.opioids import UNIT_WORDS, format_mme
    from legpain_desktop.core.dosing.vocabulary import INTERACTION_SEVERITY

    if review.unchecked:  # before the lines, so that "none listed" is never read as all clear
        print(f"NOT ALL MEDICINES WERE CHECKED: {len(review.unchecked)} not recognised:")
        for m in review.unchecked:
            print(f"  [NOT CHECKED] {m.unchecked_message()}")
    if review.interactions:
        print(f"{heading}, most severe first:")
        for hit in review.interactions:
            rule = hit.rule
            print(f"  [{INTERACTION_SEVERITY[rule.severity]}] {' + '.join(hit.drugs)}: {rule.message} {rule.action} "
                  f"({rule.source})")  # fmt: skip
    else:
        print(f"{heading}: none listed" + (" among the medicines recognised." if review.unchecked else "."))
    mme = review.mme
    if mme is None:
        return
    print(f"Morphine-equivalent dose: {mme.summary()}")
    for line in mme.lines:
        unit = UNIT_WORDS.get(line.unit, line.unit)
        amount = f"{line.amount:g} {unit}" if line.amount is not None else "dose unknown"
        if line.mme is not None:
            print(f"  {line.name}: {amount} x {line.factor:g} = {format_mme(line.mme)} MME/day ({line.basis}; "
                  f"{line.source})")  # fmt: skip
        else:
            print(f"  {line.name}: {amount}: not counted: {line.note} ({line.basis})")
    for alert in mme.alerts:
        print(f"  [{alert.severity}] {alert.message}")
    print(f"  {mme.disclaimer}")


def run_regimen(args: argparse.Namespace, repo: ContentRepository | None) -> int:
    """``regimen NAME...``: the same review the dose consultation shows, for a list of medicines."""
    from legpain_desktop.core.dosing.formulary import Formulary
    from legpain_desktop.core.dosing.regimen import review_regimen

    assert repo is not None
    if not any(name.strip() for name in args.medicines):
        from legpain_desktop.core.dosing.patient import InputError

        raise InputError("medicines", "no medicine name given (an empty name was typed)")
    formulary = Formulary.from_repository(repo)
    review = review_regimen(formulary.checker, args.medicines)
    if args.json:
        sys.stdout.write(json.dumps(regimen_json(review), indent=2, ensure_ascii=False) + "\n")
    else:
        print_regimen(review)
    return _unchecked_status(review)
