"""Run the independent pharmacist cases through the `legpain-desktop dose` command line.

Usage (from /work/main):
    .venv/bin/python tests/core/dosing/review/run_pharmacist_cases.py [--subprocess] [--verbose] [ID ...]

By default the CLI's own `main(argv)` is called in this process (same argument parsing and JSON
output as the installed command, much faster); `--subprocess` runs the installed
`.venv/bin/legpain-desktop` instead. Prints PASS / FAIL / NOT RUNNABLE per case, then totals.
A reviewer's tool, not part of the test suite.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
CASES = HERE / "pharmacist_2026_12.yaml"
SEVERITY = {"info": 0, "moderate": 1, "major": 2, "critical": 3}
# words that mark a flag as questioning the inputs
PLAUSIBILITY_WORDS = ("plausib", "not physiolog")


def argv_for(case: dict[str, Any]) -> list[str]:
    p = case["patient"]
    argv = [
        "dose",
        case["drug"],
        "--age",
        str(p["age"]),
        "--sex",
        p["sex"],
        "--weight-kg",
        str(p["weight_kg"]),
        "--height-cm",
        str(p["height_cm"]),
    ]
    if "scr_umol_l" in p:
        argv += ["--scr-umol-l", str(p["scr_umol_l"])]
    else:
        argv += ["--scr-mg-dl", str(p["scr_mg_dl"])]
    if p.get("dialysis"):
        argv += ["--dialysis", p["dialysis"]]
    if p.get("child_pugh"):
        argv += ["--child-pugh", p["child_pugh"]]
    if p.get("heart_failure"):
        argv.append("--heart-failure")
    if p.get("pregnant"):
        argv.append("--pregnant")
    if p.get("breastfeeding"):
        argv.append("--breastfeeding")
    if p.get("unstable_kidney_function"):
        argv.append("--unstable-kidney-function")
    for other in p.get("other_drugs", []) or []:
        argv += ["--with", other]
    if p.get("weight_basis"):
        argv += ["--weight-basis", p["weight_basis"]]
    if case.get("indication"):
        argv += ["--indication", case["indication"]]
    reg = (case.get("expect") or {}).get("regimen")
    if reg:
        argv += ["--regimen", f"{reg['dose_mg']:g}x{reg['doses_per_day']}"]
    return [*argv, "--json"]


def run_cli(argv: list[str], use_subprocess: bool) -> tuple[int, str, str]:
    if use_subprocess:
        proc = subprocess.run(
            [str(ROOT / ".venv/bin/legpain-desktop"), *argv], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        return proc.returncode, proc.stdout, proc.stderr
    from legpain_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = main(argv)
        except SystemExit as exc:  # argparse errors
            rc = exc.code if isinstance(exc.code, int) else 2
        except Exception as exc:  # a crash is a failure, reported as such
            return 99, "", f"crash: {type(exc).__name__}: {exc}"
    return rc, out.getvalue(), err.getvalue()


def titration_day1(result: dict[str, Any]) -> float | None:
    """mg on day 1 of the titration schedule, if the JSON exposes one."""
    for key, value in result.items():
        if "titration" not in key or not value:
            continue
        steps = value.get("steps", value) if isinstance(value, dict) else value
        if isinstance(steps, list) and steps:
            first = steps[0]
            if isinstance(first, dict):
                for k in ("daily_mg", "daily_dose_mg", "total_mg", "mg_per_day", "dose_mg"):
                    v = first.get(k)
                    if isinstance(v, dict) and isinstance(v.get("max"), (int, float)):
                        return float(v["max"])
                    if isinstance(v, (int, float)):
                        return float(v)
    return None


def check(case: dict[str, Any], rc: int, out: str, err: str) -> tuple[str, list[str]]:
    exp = case.get("expect") or {}
    problems: list[str] = []
    if rc == 2 and ("unrecognized arguments" in err or ("invalid choice" in err and "--" in err)):
        return "NOT RUNNABLE", [err.strip().splitlines()[-1]]
    if exp.get("input_error"):
        return ("PASS", []) if rc == 2 else ("FAIL", [f"expected refusal (exit 2), got exit {rc}"])
    if rc == 2 and exp.get("plausibility_warning"):
        return "PASS", [f"refused: {err.strip()}"]
    if rc != 0:
        return "FAIL", [f"exit {rc}: {err.strip()[:300]}"]
    res = json.loads(out)
    flags = res.get("flags", [])
    mx = res.get("max_daily_mg")
    avoid = bool(res.get("avoid"))
    if "avoid" in exp and avoid != exp["avoid"]:
        problems.append(f"avoid={avoid}, expected {exp['avoid']}")
    if "max_daily_mg_at_most" in exp and not avoid:
        if mx is None or mx > exp["max_daily_mg_at_most"]:
            problems.append(f"max_daily_mg={mx}, expected <= {exp['max_daily_mg_at_most']}")
    if "max_daily_mg_at_least" in exp:
        if avoid or mx is None or mx < exp["max_daily_mg_at_least"]:
            problems.append(f"max_daily_mg={mx} avoid={avoid}, expected >= {exp['max_daily_mg_at_least']}")
    if "flag_severity_at_least" in exp:
        want = SEVERITY[exp["flag_severity_at_least"]]
        # 'unverified' flags say nothing clinical about this patient; do not let them satisfy a check
        got = [SEVERITY.get(f.get("severity"), -1) for f in flags if f.get("kind") != "unverified"]
        if not got or max(got) < want:
            problems.append(
                f"highest clinical flag {max(got) if got else None}, expected >= {exp['flag_severity_at_least']}"
            )
    for word in exp.get("mentions", []) or []:
        if not any(word.lower() in (f.get("message") or "").lower() for f in flags):
            problems.append(f"no flag mentions '{word}'")
    if "titration_day1_at_most" in exp:
        d1 = titration_day1(res)
        if d1 is None:
            problems.append("titration: not checkable (no titration schedule in JSON)")
        elif d1 > exp["titration_day1_at_most"]:
            problems.append(f"titration day1={d1}, expected <= {exp['titration_day1_at_most']}")
    if "regimen" in exp:
        verdict = res.get("regimen")
        within = verdict.get("within") if isinstance(verdict, dict) else verdict
        if within is None:
            problems.append("regimen verdict missing from JSON")
        elif bool(within) != exp["regimen"]["within"]:
            problems.append(f"regimen within={within}, expected {exp['regimen']['within']}")
    if exp.get("plausibility_warning"):
        if not any(
            any(w in ((f.get("kind") or "") + " " + (f.get("message") or "")).lower() for w in PLAUSIBILITY_WORDS)
            for f in flags
            if f.get("kind") != "unverified"
        ):
            problems.append("no flag questions the inputs")
    if problems and all(p.startswith("titration: not checkable") for p in problems):
        return "PARTIAL", problems
    return ("PASS" if not problems else "FAIL"), problems


def main() -> int:
    args = sys.argv[1:]
    use_sub = "--subprocess" in args
    verbose = "--verbose" in args
    only = {a for a in args if not a.startswith("--")}
    sys.path.insert(0, str(ROOT))
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    tally: dict[str, int] = {}
    for case in data["cases"]:
        if only and case["id"] not in only:
            continue
        argv = argv_for(case)
        rc, out, err = run_cli(argv, use_sub)
        status, problems = check(case, rc, out, err)
        tally[status] = tally.get(status, 0) + 1
        summary = ""
        if rc == 0 and out.strip().startswith("{"):
            r = json.loads(out)
            summary = (
                f"crcl={r.get('crcl_ml_min')} band={(r.get('band') or {}).get('label')!r} "
                f"max={r.get('max_daily_mg')} avoid={r.get('avoid')}"
            )
        print(f"{case['id']} {status:12} {case['drug']:16} {summary}")
        for p in problems:
            print(f"    - {p}")
        if verbose and rc == 0:
            for f in json.loads(out).get("flags", []):
                print(f"      [{f.get('severity')}] {f.get('kind')}: {f.get('message')}")
        if verbose:
            print("      $ legpain-desktop " + " ".join(argv))
    ran = sum(v for k, v in tally.items() if k != "NOT RUNNABLE")
    print(f"\n{tally}  (cases run: {ran}; PASS {tally.get('PASS', 0)} of {ran})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
