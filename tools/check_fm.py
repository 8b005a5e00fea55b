"""Quick author-side check of monograph front matter (the real validation is build-db).

Usage: /work/venv/bin/python tools/check_fm.py content/causes/x.md [...]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VOCAB = yaml.safe_load((ROOT / "content" / "findings.yaml").read_text())
FINDINGS = {f["id"] for facet in VOCAB["facets"] for f in facet["findings"]}
EVIDENCE = {"guideline", "systematic-review", "trial", "observational", "expert-opinion", "no-evidence"}
SECTIONS = {
    "cause": ["Overview", "Typical presentation", "Red flags", "Assessment", "Management", "When to refer"],
    "algorithm": ["Who it is for", "Steps", "Pitfalls"],
    "drug": [
        "Role in leg pain",
        "Forms and strengths",
        "Adult dosing",
        "Renal impairment",
        "Older adults",
        "Hepatic impairment",
        "Contraindications and cautions",
        "Adverse effects",
        "Interactions",
        "Monitoring",
    ],
}


def check(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    if not m:
        return ["no front matter"]
    fm = yaml.safe_load(m.group(1))
    body = m.group(2)
    errs = []
    for key in ("id", "kind", "title", "summary", "synonyms", "related", "reviewed", "references"):
        if key not in fm:
            errs.append(f"missing {key}")
    if fm.get("id") != path.stem:
        errs.append("id differs from file name")
    keys = {r.get("key") for r in fm.get("references") or []}
    for k in re.findall(r"\[\[ref:([^\]]+)\]\]", body):
        if k not in keys:
            errs.append(f"[[ref:{k}]] not in references")
    for e in re.findall(r"\[\[evidence:([^\]]+)\]\]", body):
        if e not in EVIDENCE:
            errs.append(f"unknown evidence {e}")
    heads = re.findall(r"^## (.+)$", body, re.M)
    want = SECTIONS.get(fm.get("kind"), [])
    if [h for h in heads if h in want] != want:
        errs.append(f"sections {heads} should include, in order, {want}")
    if fm.get("kind") == "cause":
        for sect in ("findings", "against"):
            for fid in fm.get(sect) or {}:
                if fid not in FINDINGS:
                    errs.append(f"unknown finding {fid} in {sect}")
        if len(fm.get("findings") or {}) < 4:
            errs.append("fewer than four findings")
    if "<" in body and re.search(r"<[a-zA-Z/!]", body.replace("<!--", "")):
        errs.append("raw HTML in body")
    return errs


def main() -> int:
    bad = 0
    for a in sys.argv[1:]:
        for e in check(Path(a)):
            print(f"{a}: {e}")
            bad += 1
    print(f"{len(sys.argv) - 1} files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
