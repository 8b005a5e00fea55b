"""Dose-calculator subcommands: ``crcl`` and ``dose DRUG``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from legpain_desktop.core.db.repository import ContentRepository


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
    p.add_argument("--with", dest="with_drugs", action="append", default=[], metavar="DRUG", help="another drug")
    p.add_argument("--heart-failure", action="store_true")
    p.add_argument("--child-pugh", help="A, B or C")


def patient_from_args(args: argparse.Namespace) -> Any:
    from legpain_desktop.core.dosing.patient import InputError, Patient

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
    return Patient.create(
        age=args.age,
        sex=args.sex,
        weight=args.weight_kg if args.weight_kg is not None else args.weight_lb,
        weight_unit="kg" if args.weight_kg is not None else "lb",
        height=args.height_cm if args.height_cm is not None else args.height_in,
        height_unit="cm" if args.height_cm is not None else "in",
        scr=args.scr_mg_dl if args.scr_mg_dl is not None else args.scr_umol_l,
        scr_unit="mg/dL" if args.scr_mg_dl is not None else "umol/L",
        dialysis=args.dialysis,
        heart_failure=getattr(args, "heart_failure", False),
        child_pugh=getattr(args, "child_pugh", None),
        other_drugs=tuple(getattr(args, "with_drugs", []) or ()),
    )


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


def dose_json(result: Any, kidney: Any) -> dict[str, Any]:
    daily = result.daily_dose_mg
    return {
        "drug": result.drug_id,
        "indication": result.indication_id,
        "indication_label": result.indication_label,
        "crcl_ml_min": kidney.crcl,
        "egfr_ml_min_1_73m2": kidney.egfr_indexed,
        "weight_basis": kidney.weight_basis,
        "band": (
            {"label": result.band.label, "conservative": result.band.conservative, "note": result.band.note}
            if result.band
            else None
        ),
        "daily_dose_mg": {"min": _num(daily.min), "max": _num(daily.max)} if daily else None,
        "single_dose_mg": _num(result.single_dose_mg),
        "frequency": result.frequency,
        "doses_per_day": list(result.doses_per_day),
        "max_daily_mg": _num(result.max_daily_mg),
        "avoid": result.avoid,
        "verified": result.verified,
        "flags": [f.to_json() for f in result.flags],
        "sources": list(result.sources),
    }


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
    from legpain_desktop.core.dosing.formulary import Formulary

    assert repo is not None
    formulary = Formulary.from_repository(repo)
    formulary.drug(args.drug)
    patient = patient_from_args(args)
    result, kidney = formulary.dose(args.drug, patient, args.weight_basis, args.indication)
    if args.json:
        sys.stdout.write(json.dumps(dose_json(result, kidney), indent=2, ensure_ascii=False) + "\n")
        return 0
    print(f"{result.drug_title} for {result.indication_label}")
    if result.band:
        print(f"Rule: {result.band.label}" + (f" ({result.band.note})" if result.band.note else ""))
    if result.avoid:
        print("Result: AVOID")
    elif result.daily_dose_mg:
        d = result.daily_dose_mg
        print(f"Result: {d.min:g} to {d.max:g} mg a day, {result.frequency}; maximum {result.max_daily_mg} mg a day")
    else:
        print(f"Result: {result.frequency}")
    for f in result.flags_by_severity():
        print(f"  [{f.severity}] {f.kind}: {f.message} ({f.source})")
    print("Working:")
    for line in kidney.working:
        print(f"  {line}")
    return 0
