"""The command line as a user runs it: a separate process, real arguments, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


def test_list_json_has_id_kind_title(fixture_db: Path) -> None:
    out = run_cli("--db", str(fixture_db), "list", "--kind", "cause", "--json")
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert {i["id"] for i in items} == {"sample-sciatic-pain", "sample-clot"}
    assert all({"id", "kind", "title"} <= set(i) for i in items)


def test_search_json_best_first_with_snippet_and_score(fixture_db: Path) -> None:
    out = run_cli("--db", str(fixture_db), "search", "sciatica", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    hits = data["hits"]
    assert data["query"] == "sciatica" and data["corrections"] == []
    assert hits[0]["id"] == "sample-sciatic-pain"
    assert {"id", "kind", "title", "snippet", "score"} <= set(hits[0])


def test_search_json_reports_the_correction_and_exact_undoes_it(shipped_db: Path) -> None:
    data = json.loads(run_cli("--db", str(shipped_db), "search", "siatica", "--json").stdout)
    assert data["corrections"] == [{"typed": "siatica", "used": "sciatica"}]
    assert data["searched_for"] == "sciatica" and data["hits"][0]["id"] == "lumbosacral-radiculopathy"
    exact = json.loads(run_cli("--db", str(shipped_db), "search", "siatica", "--exact", "--json").stdout)
    assert exact["corrections"] == [] and exact["hits"] == []
    dash = run_cli("--db", str(shipped_db), "search", "--json", "--", "-x")
    assert dash.returncode == 0 and json.loads(dash.stdout)["hits"] == []


def test_show_formats(fixture_db: Path) -> None:
    md = run_cli("--db", str(fixture_db), "show", "sample-clot", "--format", "markdown")
    html = run_cli("--db", str(fixture_db), "show", "sample-clot", "--format", "html")
    text = run_cli("--db", str(fixture_db), "show", "sample-clot")
    assert md.stdout.startswith("# Sample clot") and "## Overview" in md.stdout
    assert "<h2>" in html.stdout
    assert "Overview" in text.stdout and "<" not in text.stdout


def test_unknown_id_exits_2_naming_it(fixture_db: Path) -> None:
    out = run_cli("--db", str(fixture_db), "show", "no-such-thing")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "legpain-desktop: error: unknown monograph id 'no-such-thing' (see 'legpain-desktop list')"
    ]


def test_bad_flag_value_exits_2_with_one_line(fixture_db: Path) -> None:
    out = run_cli("--db", str(fixture_db), "search", "x", "--limit", "0")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "1 to 500" in out.stderr


def test_missing_database_exits_3(tmp_path: Path) -> None:
    out = run_cli("--db", str(tmp_path / "nope.db"), "list")
    assert out.returncode == 3
    assert "not found" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "nope.db").exists()


def test_smoke_test_prints_ok(fixture_db: Path) -> None:
    out = run_cli("--db", str(fixture_db), "--smoke-test")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "smoke-test ok"


def test_build_db_reports_file_and_line(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import FIXTURE_CONTENT

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    bad = content / "causes" / "sample-clot.md"
    bad.write_text(bad.read_text().replace("urgency: emergency", "urgency: someday"))
    out = run_cli("--db", str(tmp_path / "x.db"), "build-db", "--content", str(content))
    assert out.returncode == 2
    assert f"{bad}:14: urgency must be one of emergency, urgent, routine" in out.stderr


def test_findings_json_lists_facets(shipped_db: Path) -> None:
    out = run_cli("--db", str(shipped_db), "findings", "--json")
    assert out.returncode == 0, out.stderr
    facets = json.loads(out.stdout)
    assert facets[0]["id"] == "region" and {"id", "label", "findings"} <= set(facets[0])
    labels = {f["id"]: f["label"] for facet in facets for f in facet["findings"]}
    assert labels["pattern.walking-relieved-by-rest"] == "Comes on walking, reliably eases within minutes of rest"


def test_differential_bowel_bladder_is_a_cauda_equina_emergency(shipped_db: Path) -> None:
    out = run_cli("--db", str(shipped_db), "differential", "--finding", "sign.bowel-bladder", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    flag = next(f for f in data["red_flags"] if f["id"] == "cauda-equina")
    assert flag["urgency"] == "emergency" and "cauda-equina-syndrome" in flag["causes"]
    first = data["causes"][0]
    assert first["id"] == "cauda-equina-syndrome" and first["pinned"] is True
    assert {"id", "title", "score", "urgency", "pinned", "matched", "unexplained"} <= set(first)
    pinned = [c["pinned"] for c in data["causes"]]
    assert pinned == sorted(pinned, reverse=True)  # pinned first, then the ranking


def test_differential_unknown_finding_exits_2_naming_it(shipped_db: Path) -> None:
    out = run_cli("--db", str(shipped_db), "differential", "--finding", "region.calf", "--finding", "sign.glow")
    assert out.returncode == 2
    assert "'sign.glow'" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_differential_absent_findings_lower_the_causes_that_expect_them(shipped_db: Path) -> None:
    base = ["differential", "--finding", "region.calf", "--finding", "side.one-leg", "--json"]
    before = json.loads(run_cli("--db", str(shipped_db), *base).stdout)
    out = run_cli("--db", str(shipped_db), *base, "--absent", "sign.swelling")
    assert out.returncode == 0, out.stderr
    after = json.loads(out.stdout)
    assert after["absent"] == ["sign.swelling"]
    dvt_before = next(c for c in before["causes"] if c["id"] == "deep-vein-thrombosis")
    dvt_after = next(c for c in after["causes"] if c["id"] == "deep-vein-thrombosis")
    assert dvt_after["absent"] == ["sign.swelling"] and dvt_after["match"] < dvt_before["match"]
    assert "expected but absent: " in dvt_after["why"]


def test_differential_refuses_a_finding_both_present_and_absent(shipped_db: Path) -> None:
    out = run_cli("--db", str(shipped_db), "differential", "--finding", "region.calf", "--absent", "region.calf")
    assert out.returncode == 2 and "both present and absent" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_differential_ask_next_puts_the_red_flag_question_first(shipped_db: Path) -> None:
    args = ["differential", "--finding", "region.buttock", "--finding", "pattern.radiates-from-back", "--ask-next"]
    out = run_cli("--db", str(shipped_db), *args, "--json")
    assert out.returncode == 0, out.stderr
    asks = json.loads(out.stdout)["ask_next"]
    assert len(asks) == 3 and {"finding", "why", "red_flag"} <= set(asks[0])
    assert asks[0]["finding"] == "sign.bowel-bladder" and asks[0]["red_flag"] is True
    assert "cauda equina" in asks[0]["why"].lower()
    text = run_cli("--db", str(shipped_db), *args)
    assert "Ask next:" in text.stdout and "sign.bowel-bladder" in text.stdout


def test_dose_done_when(shipped_db: Path) -> None:
    out = run_cli(
        "--db", str(shipped_db), "dose", "pregabalin", "--age", "75", "--sex", "female", "--weight-kg", "60",
        "--height-cm", "160", "--scr-mg-dl", "1.2", "--json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["crcl_ml_min"] == 38.4
    assert data["daily_dose_mg"] == {"min": 75, "max": 300}
    assert "two or three" in data["frequency"]
    assert any(f["kind"] == "beers" for f in data["flags"])
    assert set(data) >= {"drug", "crcl_ml_min", "egfr_ml_min_1_73m2", "weight_basis", "band", "daily_dose_mg",
                         "frequency", "max_daily_mg", "avoid", "flags", "sources"}  # fmt: skip
    assert set(data["band"]) == {"label", "conservative", "note"}
    kinds = {"renal", "elderly", "beers", "interaction", "contraindication", "boundary", "dialysis", "unverified"}
    assert all(f["kind"] in kinds for f in data["flags"])


def test_crcl_json(shipped_db: Path) -> None:
    out = run_cli(
        "crcl",
        "--age",
        "50",
        "--sex",
        "male",
        "--weight-kg",
        "120",
        "--height-cm",
        "170",
        "--scr-mg-dl",
        "1.1",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["crcl_ml_min"] == 136.4 and data["crcl_ideal_ml_min"] == 74.9 and data["crcl_adjusted_ml_min"] == 99.5
    assert set(data) == {"crcl_ml_min", "crcl_ideal_ml_min", "crcl_adjusted_ml_min", "egfr_ml_min_1_73m2",
                         "egfr_ml_min", "bsa_m2", "ideal_weight_kg", "adjusted_weight_kg"}  # fmt: skip


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--age", "17"], "age"),
        (["--age", "abc"], "age"),
        (["--weight-kg", "0"], "weight"),
        (["--weight-kg", "-3"], "weight"),
        (["--scr-mg-dl", "0"], "serum creatinine"),
        (["--scr-umol-l", "99999"], "serum creatinine"),
        (["--sex", "x"], "sex"),
        (["--dialysis", "maybe"], "dialysis"),
    ],
)
def test_dose_bad_input_exits_2_naming_field_and_range(shipped_db: Path, args: list[str], field: str) -> None:
    base = {"--age": "70", "--sex": "male", "--weight-kg": "70", "--height-cm": "175", "--scr-mg-dl": "1.0"}
    if args[0] == "--scr-umol-l":
        del base["--scr-mg-dl"]
    base.update({args[0]: args[1]})
    flat = [x for kv in base.items() for x in kv]
    out = run_cli("--db", str(shipped_db), "dose", "pregabalin", *flat)
    assert out.returncode == 2, out.stdout
    line = out.stderr.strip()
    assert len(line.splitlines()) == 1 and field in line and ("to" in line or "must be" in line)


def test_dose_missing_flag_and_unknown_drug(shipped_db: Path) -> None:
    out = run_cli("--db", str(shipped_db), "dose", "pregabalin", "--age", "70")
    assert out.returncode == 2 and "--sex: is required" in out.stderr
    out = run_cli("--db", str(shipped_db), "dose", "unobtainium", "--age", "70")
    assert out.returncode == 2 and "unknown drug 'unobtainium'" in out.stderr


def test_start_up_report_gives_first_paint_then_start_page_and_quits(shipped_db: Path) -> None:
    import json
    import time

    before = time.time()
    out = run_cli("--db", str(shipped_db), env={"LEGPAIN_REPORT_START_UP": "1"})
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert before < report["painted"] <= report["page"] <= time.time()
    assert "first_paint_s" not in report  # no launch time given
    launched = run_cli("--db", str(shipped_db), env={"LEGPAIN_REPORT_START_UP": f"{time.time():.3f}"})
    timed = json.loads(launched.stdout.strip().splitlines()[-1])
    assert 0 < timed["first_paint_s"] <= timed["start_page_s"] < 60


def test_score_cli_contract() -> None:
    """Issue 16: score NAME --item ... --json; ABI adds index, Ottawa gives xray; --list."""
    listed = json.loads(run_cli("score", "--list", "--json").stdout)
    assert [s["name"] for s in listed] == ["wells-dvt", "ottawa-knee", "ottawa-ankle", "abi", "cauda-equina", "news2"]
    wells = json.loads(run_cli("score", "wells-dvt", "--item", "cancer", "--item", "previous-dvt", "--json").stdout)
    assert (wells["score"], wells["points"], wells["category"]) == ("wells-dvt", 2, "likely")
    assert {"next_step", "source"} <= set(wells)
    abi = json.loads(run_cli("score", "abi", "--ankle-mmhg", "90", "--brachial-mmhg", "140", "--json").stdout)
    assert abi["index"] == 0.64 and abi["category"] == "pad"
    knee = json.loads(run_cli("score", "ottawa-knee", "--age", "60", "--json").stdout)
    assert knee["xray"] is True
    news = run_cli(
        "score", "news2", "--resp-rate", "26", "--spo2", "97", "--systolic-bp", "120", "--pulse", "80",
        "--temperature", "37", "--json",
    )  # fmt: skip
    assert json.loads(news.stdout)["category"] == "low-medium"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["wells-dvt", "--item", "swelling"], "unknown item 'swelling'"),
        (["abi", "--ankle-mmhg", "90", "--brachial-mmhg", "400"], "outside the valid range 50 to 300"),
        (["abi", "--ankle-mmhg", "ninety", "--brachial-mmhg", "120"], "--ankle-mmhg: 'ninety' is not a number"),
        (["nosuch"], "unknown score 'nosuch'"),
    ],
)
def test_score_cli_refuses_bad_input_cleanly(args: list[str], message: str) -> None:
    out = run_cli("score", *args)
    assert out.returncode == 2 and message in out.stderr and len(out.stderr.strip().splitlines()) == 1


def _subcommands() -> list[str]:
    import argparse

    from legpain_desktop.cli import build_parser

    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(action.choices)


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_prints_its_help(command: str) -> None:
    """`score --help` crashed ("incomplete format": a bare % in a help string): the reviewer of
    the scores could not find the flags."""
    out = run_cli(command, "--help")
    assert out.returncode == 0, out.stderr[-500:]
    assert "usage:" in out.stdout and "Traceback" not in out.stderr


def test_dose_text_gives_every_limit_and_the_cap_that_binds(shipped_db: Path) -> None:
    """The "Result:" line is the sheet's headline (with the single-dose and doses-a-day limits), and a liver
    cap below the kidney row is named on its own line (pass 8 follow-up, 2026-12-05)."""
    out = run_cli(
        "--db", str(shipped_db), "dose", "tramadol", "--age", "60", "--sex", "male", "--weight-kg", "80",
        "--height-cm", "178", "--scr-mg-dl", "1.0", "--child-pugh", "B",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[1:4] == [
        "Rule: CrCl 30 or more",
        "Maximum lowered by: Child-Pugh B: Cirrhosis: 50 mg every 12 hours (at most 100 mg a day, at most 50 mg a "
        "dose). The label does not grade cirrhosis, so this applies from Child-Pugh A; the extended-release forms "
        "are not used in severe liver impairment.",
        "Result: 50 to 100 mg a day, 50 mg every 12 hours; maximum 100 mg a day, at most 50 mg a dose, at most 2 "
        "doses a day",
    ]


def test_dose_text_shows_both_weight_bases_in_obesity(shipped_db: Path) -> None:
    out = run_cli(
        "--db", str(shipped_db), "dose", "pregabalin", "--age", "60", "--sex", "male", "--weight-kg", "140",
        "--height-cm", "170", "--scr-mg-dl", "1.6",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "\n  on actual weight: 150 to 600 mg a day\n  on adjusted weight: 150 to 600 mg a day\n" in out.stdout
    assert "Obesity: BMI 48.4 kg/m²: Cockcroft-Gault on actual weight (97.2 mL/min) overestimates" in out.stdout
