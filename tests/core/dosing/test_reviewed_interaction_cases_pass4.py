"""The fourth independent pharmacist pass over the interaction checker, kept as tests.

The 94 cases in ``review/pharmacist_2026_12_pass4.yaml`` were written from the labels before the
reviewer ran the app or read ``content/`` (conventions at the top of that file); 88 passed as
first run, 2 of the 6 failures being the app's (fixed) and 4 the reviewer's own scoring (settled
below). The report (``review/pharmacist_2026_12_pass4_report.md``) adds 18 findings from probes;
the ones fixed are pinned in ``PROBES`` and the tests after it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.core.dosing.test_interactions import shipped_checker
from tests.core.dosing.test_regimen import cli
from tests.core.dosing.test_reviewed_interaction_cases import RANK, _lines, _worst, judge_case

REVIEW = yaml.safe_load(
    (Path(__file__).parent / "review" / "pharmacist_2026_12_pass4.yaml").read_text(encoding="utf-8")
)
CASES: list[dict[str, Any]] = REVIEW["cases"]
# The reviewer's own scoring, settled against the case (report, "Real defects in scored cases").
SETTLED = {
    "P4-089": "mirtazapine is not a Beers 2023 Table 5 CNS-active antidepressant (tricyclics, SSRIs and SNRIs "
    "are), so quetiapine + mirtazapine + zolpidem counts two; the reviewer agreed",
}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_reviewed_interaction_case_pass4(case: dict[str, Any], shipped_db: Any) -> None:
    if case["id"] in SETTLED:
        pytest.xfail(SETTLED[case["id"]])
    checker = shipped_checker()
    names = case["medicines"]
    unknown = [n for n in names if checker.find(n) is None]
    if "expect_exit" in case or unknown:
        assert unknown and (case.get("accept_unrecognised") or case.get("expect_unchecked")), unknown
        code, _out, err = cli("--db", str(shipped_db), "regimen", *names)
        assert code == 4 and all(f"'{n}' was not recognised" in err for n in unknown)
        assert set(case.get("expect_unchecked") or unknown) == set(unknown)
        return
    judge_case(checker, checker.interactions_among(names), case)


PROBES: list[tuple[list[str], str]] = [
    # 1 a non-selective MAO inhibitor with levodopa (silent before)
    (["phenelzine", "co-careldopa"], "contraindicated"),
    (["tranylcypromine", "Sinemet"], "contraindicated"),
    (["moclobemide", "levodopa"], "major"),
    # 3 cyclobenzaprine with any MAO inhibitor
    (["cyclobenzaprine", "rasagiline"], "contraindicated"),
    (["cyclobenzaprine", "linezolid"], "contraindicated"),
    (["cyclobenzaprine", "phenelzine"], "contraindicated"),
    # 4 St John's wort with any MAO inhibitor
    (["hypericum", "rasagiline"], "contraindicated"),
    (["St John's wort", "methylene blue"], "contraindicated"),
    # 5 the selegiline patch is not MAO-B selective
    (["Emsam", "sertraline"], "contraindicated"),
    (["Emsam", "mirtazapine"], "contraindicated"),
    # 6 a tablet holding an ACE inhibitor and a diuretic, with an NSAID
    (["Zestoretic", "ibuprofen"], "major"),
    (["Capozide", "naproxen"], "major"),
    # 7 eplerenone with an ACE inhibitor and an ARB
    (["eplerenone", "lisinopril", "losartan"], "contraindicated"),
    # 8 and 9 aliskiren, trimethoprim and heparins in the potassium rules
    (["aliskiren", "spironolactone"], "major"),
    (["aliskiren", "ibuprofen"], "moderate"),
    (["trimethoprim", "potassium chloride"], "moderate"),
    (["enoxaparin", "Sando-K"], "moderate"),
    # 10 opioids with antipsychotics and sedating antihistamines
    (["morphine", "promethazine"], "major"),
    (["oxycodone", "quetiapine"], "major"),
    # 11 safinamide with an SNRI or a tricyclic (US label)
    (["safinamide", "duloxetine"], "contraindicated"),
    (["safinamide", "amitriptyline"], "contraindicated"),
    # 14 names added
    (["Lasilactone", "LoSalt"], "major"),
    (["valsartan/sacubitril", "ramipril"], "contraindicated"),
]


@pytest.mark.parametrize(("names", "severity"), PROBES, ids=["+".join(n) for n, _ in PROBES])
def test_pass4_probe(names: list[str], severity: str) -> None:
    checker = shipped_checker()
    hits = checker.interactions_among(names)
    lines = _lines(checker, hits, names)
    assert RANK[_worst(lines)] >= RANK[severity], [h.rule.id for h in hits]


def test_2_low_dose_aspirin_is_not_an_nsaid_in_a_heart_failure_regimen(shipped_db: Any) -> None:
    """Aspirin 75 mg with an ACE inhibitor, a loop diuretic and spironolactone: no "avoid" line
    against the aspirin (it invited stopping secondary prevention); the real major line stays."""
    from legpain_desktop.core.dosing.regimen import review_regimen

    checker = shipped_checker()
    for aspirin in ("aspirin 75mg", "aspirin 75 mg od", "aspirin 75mg/day", "aspirin:75", "Nu-Seals 75 mg daily"):
        review = review_regimen(checker, [aspirin, "ramipril", "bisoprolol", "furosemide", "spironolactone"])
        with_aspirin = [h.rule.id for h in review.interactions if "aspirin" in h.drugs]
        assert with_aspirin == [], (aspirin, with_aspirin)
        assert any(h.rule.id == "ras-potassium-sparing" for h in review.interactions)
    for analgesic in ("aspirin 300mg qds", "aspirin 600 mg", "aspirin"):  # analgesic or dose unknown: still an NSAID
        review = review_regimen(checker, [analgesic, "ramipril", "furosemide"])
        assert any(h.rule.id == "triple-whammy" for h in review.interactions), analgesic
    review = review_regimen(checker, ["aspirin 75mg", "clopidogrel"])  # still an antiplatelet
    assert [h.rule.id for h in review.interactions] == ["antiplatelet-pair"]


def test_12_only_mao_a_substrate_triptans_with_mao_a_inhibitors_are_contraindicated() -> None:
    checker = shipped_checker()
    assert _worst(_lines(checker, checker.interactions_among(["sumatriptan", "phenelzine"]),
                         ["sumatriptan", "phenelzine"])) == "contraindicated"  # fmt: skip
    for pair in (["naratriptan", "phenelzine"], ["sumatriptan", "rasagiline"], ["eletriptan", "moclobemide"]):
        assert _worst(_lines(checker, checker.interactions_among(pair), pair)) != "contraindicated", pair


def test_13_a_salt_word_or_a_missing_hyphen_still_finds_the_medicine() -> None:
    checker = shipped_checker()
    assert checker.identify("phenelzine sulfate").id == "phenelzine"
    assert checker.identify("sertraline hydrochloride").id == "sertraline"
    assert checker.identify("potassium citrate").id == "potassium-citrate"  # the whole name first
    assert checker.identify("coamilofruse").id == "co-amilofruse"
    assert checker.identify("co amilozide").id == "co-amilozide"


def test_15_16_an_empty_name_is_refused_and_not_checked_comes_first(shipped_db: Any) -> None:
    code, out, err = cli("--db", str(shipped_db), "regimen", "")
    assert code == 2 and "no medicine name given" in err and out == ""
    code, out, _ = cli("--db", str(shipped_db), "regimen", "xyzzyxil", "spironolactone")
    assert code == 4
    assert out.index("NOT ALL MEDICINES WERE CHECKED") < out.index("Interactions: none listed among the medicines")
