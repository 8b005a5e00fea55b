#!/usr/bin/env python3
"""Run the independent review vignettes through the CLI differential.

Usage: cd /work/main && .venv/bin/python tests/core/review/run_vignettes.py [--json-out FILE]

Not a pytest module (no test_ prefix): it shells out to the installed CLI,
one call per vignette, and prints per-vignette results and totals.
Rank = 1-based position of the diagnosis in the CLI's "causes" list (the order
shown to the user, pinned causes first). Alerts = the "red_flags" list.
"""

from __future__ import annotations

import datetime as _dt
import json
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CLI = ROOT / ".venv" / "bin" / "legpain-desktop"
# The app's own ids for diagnoses I named differently (naming only, not clinical error).
# The strict top-3 rate uses the vignette id only; the alias-adjusted rate also accepts these.
ALIASES = {
    "achilles-rupture": ["achilles-tendon-rupture"],
    "spinal-stenosis": ["lumbar-spinal-stenosis"],
    "hamstring-injury": ["hamstring-strain", "hamstring-tendinopathy"],
    "peripheral-artery-disease": ["chronic-limb-threatening-ischemia"],
}
LEVEL = {"none": 0, "routine": 0, "soon": 1, "urgent": 2, "emergency": 3}


def run(findings: list[str]) -> dict:
    cmd = [str(CLI), "differential", "--json"]
    for f in findings:
        cmd += ["--finding", f]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        return {"error": (out.stderr or out.stdout).strip()[-400:], "causes": [], "red_flags": []}
    return json.loads(out.stdout)


def main() -> int:
    data = yaml.safe_load((HERE / "vignettes_2026_12.yaml").read_text())
    started = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    print(f"run started {started}")
    rows = []
    for v in data["vignettes"]:
        res = run(v["findings"])
        causes = [c["id"] for c in res.get("causes", [])]
        pinned = [c["id"] for c in res.get("causes", []) if c.get("pinned")]
        flags = res.get("red_flags", [])
        rank = causes.index(v["diagnosis"]) + 1 if v["diagnosis"] in causes else None
        top3 = causes[:3]
        names = [v["diagnosis"], *ALIASES.get(v["diagnosis"], [])]
        arank = min((causes.index(x) + 1 for x in names if x in causes), default=None)
        max_lvl = max((LEVEL.get(f.get("urgency", "none"), 0) for f in flags), default=0)
        req = LEVEL[v["alert"]]
        specific = [f for f in flags if set(names) & set(f.get("causes") or []) or f.get("id") in names]
        spec_lvl = max((LEVEL.get(f.get("urgency", "none"), 0) for f in specific), default=0)
        row = {
            "id": v["id"],
            "diagnosis": v["diagnosis"],
            "must_not_miss": v["must_not_miss"],
            "required_alert": v["alert"],
            "rank": rank,
            "top3": top3,
            "pinned": pinned,
            "alerts": [f"{f.get('id')}:{f.get('urgency')}" for f in flags],
            "error": res.get("error"),
            "pass_top3": rank is not None and rank <= 3,
            "alias_rank": arank,
            "pass_top3_alias": arank is not None and arank <= 3,
            "pass_alert": None,
            "pass_alert_specific": None,
            "pass_no_false_alarm": None,
            "over_triage": None,
        }
        if req > 0:
            row["pass_alert"] = max_lvl >= req
            row["pass_alert_specific"] = spec_lvl >= req
            row["over_triage"] = max_lvl > req
        else:
            row["pass_no_false_alarm"] = max_lvl < LEVEL["urgent"]
        rows.append(row)

        def flag(b):
            return "-" if b is None else ("PASS" if b else "FAIL")

        print(f"{v['id']} dx={v['diagnosis']} rank={rank} alias_rank={arank} top3={top3} pinned={pinned}")
        print(
            f"    alerts={row['alerts'] or '[]'} required={v['alert']}"
            f" | top3:{flag(row['pass_top3'])} alert:{flag(row['pass_alert'])}"
            f" alert-specific:{flag(row['pass_alert_specific'])} no-false-alarm:{flag(row['pass_no_false_alarm'])}"
            + (f" ERROR {row['error']}" if row["error"] else "")
        )
    finished = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")

    n = len(rows)
    mnm = [r for r in rows if r["must_not_miss"]]
    t3 = sum(r["pass_top3"] for r in rows)
    alerted = [r for r in rows if r["required_alert"] != "none"]
    benign = [r for r in rows if r["required_alert"] == "none"]
    print("\n==== TOTALS ====")
    print(f"run {started} -> {finished}")
    print(f"top-3 rate (strict ids): {t3}/{n} = {t3 / n:.1%}")
    t3a = sum(r["pass_top3_alias"] for r in rows)
    print(f"top-3 rate (alias-adjusted): {t3a}/{n} = {t3a / n:.1%}")
    mt = sum(r["pass_top3_alias"] for r in mnm)
    print(f"top-3 rate, must-not-miss only (alias-adjusted): {mt}/{len(mnm)} = {mt / len(mnm):.1%}")
    s = sum(r["pass_alert"] for r in mnm)
    ss = sum(r["pass_alert_specific"] for r in mnm)
    print(f"alert sensitivity, must-not-miss (any alert at >= required urgency): {s}/{len(mnm)} = {s / len(mnm):.1%}")
    print(f"alert sensitivity, must-not-miss (alert naming the diagnosis): {ss}/{len(mnm)} = {ss / len(mnm):.1%}")
    sa = sum(r["pass_alert"] for r in alerted)
    print(f"alert sensitivity, all vignettes needing an alert: {sa}/{len(alerted)} = {sa / len(alerted):.1%}")
    fa = sum(not r["pass_no_false_alarm"] for r in benign)
    print(f"benign false-alarm rate (urgent/emergency alert raised): {fa}/{len(benign)} = {fa / len(benign):.1%}")
    ot = sum(bool(r["over_triage"]) for r in alerted)
    print(f"over-triage among alerted (higher than required): {ot}/{len(alerted)}")
    bp = sum(any(c in r["pinned"] for c in r["top3"]) for r in benign)
    print(f"benign vignettes with a pinned (emergency) cause in the visible top 3: {bp}/{len(benign)}")
    if "--json-out" in sys.argv:
        Path(sys.argv[sys.argv.index("--json-out") + 1]).write_text(
            json.dumps({"started": started, "finished": finished, "rows": rows}, indent=1)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
