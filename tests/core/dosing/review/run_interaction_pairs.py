"""Run the independent interaction review pairs through the legpain-desktop CLI.

Usage:
    python run_interaction_pairs.py                      # the checkout's own CLI (/work/main/.venv/bin/legpain-desktop)
    python run_interaction_pairs.py --app-root /tmp/lp_head   # another copy of the package (python -m legpain_desktop)
    python run_interaction_pairs.py --json out.json      # also write machine-readable results

For each pair it prints: id, drug, with, expected, got, and PASS / FAIL (exact severity match).
"got" is the highest severity among flags of kind "interaction" (critical -> contraindicated),
"none" when there is no interaction flag, or "name not recognised: X" when the CLI exits 2
for an unknown other-drug name. Lenient results (got at least as severe as expected) are shown too.
Nothing is written outside this folder except the optional --json file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
MAIN = Path("/work/main")
PATIENT = ["--age", "60", "--sex", "male", "--weight-kg", "75", "--height-cm", "175", "--scr-mg-dl", "1.0"]
RANK = {"none": 0, "moderate": 1, "major": 2, "contraindicated": 3}
APP_SEVERITY = {
    "critical": "contraindicated",
    "contraindicated": "contraindicated",
    "major": "major",
    "moderate": "moderate",
}
# The app doses simvastatin and atorvastatin under one id.
DRUG_ALIAS = {"simvastatin": "statins", "atorvastatin": "statins"}


def base_command(app_root: Path | None) -> tuple[list[str], Path, dict[str, str]]:
    env = dict(os.environ)
    if app_root is None:
        return [str(MAIN / ".venv/bin/legpain-desktop")], MAIN, env
    env["PYTHONPATH"] = str(app_root)
    return [str(MAIN / ".venv/bin/python"), "-m", "legpain_desktop"], app_root, env


def run_cli(app_root: Path | None, drug: str, others: list[str]) -> tuple[int, str, str]:
    cmd, cwd, env = base_command(app_root)
    argv = [*cmd, "dose", drug, *PATIENT]
    for other in others:
        argv += ["--with", other]
    argv.append("--json")
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def evaluate(app_root: Path | None, pair: dict) -> dict:
    drug = DRUG_ALIAS.get(pair["drug"], pair["drug"])
    others = [str(o) for o in pair["with"]]
    rc, out, err = run_cli(app_root, drug, others)
    result = {
        "id": pair["id"],
        "drug": pair["drug"],
        "dosed_as": drug,
        "with": others,
        "expected": pair["expect_severity"],
        "messages": [],
        "other_flags": [],
        "unrecognised": [],
    }
    if rc == 2:
        # find which names are unknown, one at a time
        unknown = []
        for other in others:
            rc1, _, err1 = run_cli(app_root, drug, [other])
            if rc1 == 2 and "other drug" in err1:
                unknown.append(other)
        if "drug: unknown drug" in err and "other drug" not in err:
            result["got"] = f"dosed drug not recognised: {drug}"
        else:
            result["got"] = "name not recognised: " + ", ".join(unknown or others)
        result["unrecognised"] = unknown
        result["error"] = err.strip()
        result["pass"] = False
        result["lenient_pass"] = False
        return result
    if rc != 0:
        result["got"] = f"error rc={rc}"
        result["error"] = (err or out).strip()[-400:]
        result["pass"] = False
        result["lenient_pass"] = False
        return result
    data = json.loads(out)
    got = "none"
    for flag in data.get("flags", []):
        if flag.get("kind") == "interaction":
            sev = APP_SEVERITY.get(flag.get("severity"), flag.get("severity"))
            result["messages"].append(f"[{flag.get('severity')}] {flag.get('message')}")
            if RANK.get(sev, 0) > RANK.get(got, 0):
                got = sev
        elif flag.get("kind") != "renal":
            result["other_flags"].append(f"{flag.get('kind')}/{flag.get('severity')}: {flag.get('message')}")
    result["got"] = got
    exp = pair["expect_severity"]
    result["pass"] = got == exp
    result["lenient_pass"] = got == exp or (exp != "none" and RANK.get(got, 0) >= RANK[exp])
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", default=str(HERE / "interaction_pairs.yaml"))
    ap.add_argument("--app-root", type=Path, default=None)
    ap.add_argument("--json", dest="json_out", default=None)
    ap.add_argument("--jobs", type=int, default=8)
    args = ap.parse_args()

    pairs = yaml.safe_load(Path(args.pairs).read_text())["pairs"]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda p: evaluate(args.app_root, p), pairs))

    for r in results:
        verdict = "PASS" if r["pass"] else ("pass(stricter)" if r["lenient_pass"] else "FAIL")
        print(
            f"{r['id']}  {r['drug']:<14} + {', '.join(r['with']):<32} "
            f"expected={r['expected']:<16} got={r['got']:<20} {verdict}"
        )
    run = [r for r in results if not r["got"].startswith(("name not recognised", "dosed drug", "error"))]
    n_pass = sum(r["pass"] for r in results)
    n_len = sum(r["lenient_pass"] for r in results)
    unknown = sorted({u for r in results for u in r["unrecognised"]})
    print()
    print(f"exact: {n_pass}/{len(results)} pairs correct; lenient (>= expected): {n_len}/{len(results)}")
    print(f"pairs that ran: {len(run)}; exact among those: {sum(r['pass'] for r in run)}/{len(run)}")
    print(f"other-drug names not recognised: {', '.join(unknown) if unknown else 'none'}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
