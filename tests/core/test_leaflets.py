"""Patient leaflets (issue 20): plain words proved by reading-level scores, a "Get help now" box
generated from the red-flag rules (so a rule and its leaflet line cannot disagree), a link from
the page each explains, and search and the CLI finding them."""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path

import pytest
import textstat

from legpain_desktop.core.content import Corpus, load_corpus
from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.leaflets import (
    DRUG_DO_NOT_STOP,
    DRUG_HELP_NOW,
    DRUG_HELP_NOW_AMBULANCE,
    HELP_NOW_LEADS,
    help_now_lines,
    help_now_markdown,
    help_now_rules,
    plain_text,
    validate_leaflets,
)
from legpain_desktop.core.model import ContentError
from legpain_desktop.core.sources.monograph import parse_monograph
from tests.conftest import SHIPPED_CONTENT, run_cli

GRADE_LIMIT = 8.0  # school grade, Flesch-Kincaid and SMOG (issue 20)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(SHIPPED_CONTENT)


def leaflet_files() -> list[Path]:
    return sorted((SHIPPED_CONTENT / "leaflets").glob("*.md"))


def test_every_cause_and_every_drug_has_a_leaflet(corpus: Corpus) -> None:
    explained = {leaflet.meta["for"] for leaflet in corpus.of_kind("leaflet")}
    wanted = {m.id for m in corpus.monographs.values() if m.kind in ("cause", "drug")}
    assert sorted(wanted - explained) == []
    assert len(corpus.of_kind("cause")) >= 54 and len(corpus.of_kind("drug")) >= 35  # issue 20's counts


def test_there_are_leaflets_and_each_explains_a_cause_or_a_drug(corpus: Corpus) -> None:
    leaflets = corpus.of_kind("leaflet")
    assert leaflets, "no leaflet in content/leaflets"
    for leaflet in leaflets:
        target = corpus.monographs[leaflet.meta["for"]]
        assert target.kind in ("cause", "drug") and leaflet.id == f"{target.id}-leaflet"
        assert leaflet.references and leaflet.reviewed


@pytest.mark.parametrize("path", leaflet_files(), ids=lambda p: p.stem)
def test_every_leaflet_reads_at_school_grade_8_or_below(path: Path) -> None:
    text = plain_text(parse_monograph(path).body)
    assert len(text.split()) >= 120, "too short to say what a leaflet must"
    fk, smog = textstat.flesch_kincaid_grade(text), textstat.smog_index(text)
    assert fk <= GRADE_LIMIT and smog <= GRADE_LIMIT, f"Flesch-Kincaid {fk}, SMOG {smog}"


def test_the_plain_words_of_every_red_flag_read_at_grade_8_or_below(corpus: Corpus) -> None:
    lines = [str(rule["patient"]) for rule in corpus.red_flags]
    assert len(lines) == len(corpus.red_flags) and all(lines)
    text = " ".join(f"Get help now if {line}." for line in lines)
    assert textstat.flesch_kincaid_grade(text) <= GRADE_LIMIT
    assert textstat.smog_index(text) <= GRADE_LIMIT


def box_lines(body: str) -> dict[str, list[str]]:
    """The generated box of a built leaflet, read back: lead -> its lines."""
    box = body.split("\n\n*", 1)[0]
    out: dict[str, list[str]] = {}
    lead = ""
    for line in box.splitlines():
        line = line.strip()
        if line.startswith("**"):
            lead = line.strip("*")
            out[lead] = []
        elif line.startswith("- "):
            out[lead].append(line[2:])
    return out


def test_a_cause_leaflet_shows_exactly_the_rules_that_name_it_then_those_for_everyone(corpus: Corpus) -> None:
    checked = 0
    for leaflet in corpus.of_kind("leaflet"):
        cause = corpus.monographs[leaflet.meta["for"]]
        if cause.kind != "cause":
            continue
        left_out = set(leaflet.meta.get("help_now_except") or [])
        also = set(leaflet.meta.get("help_now_also") or [])
        rules = [r for r in corpus.red_flags if r["id"] not in left_out]
        naming = [r for r in rules if cause.id in r["causes"] or r["id"] in also]
        naming.sort(key=lambda r: r["urgency"] != "emergency")
        everyone = [r for r in rules if r.get("on_every_leaflet")]
        expected: dict[str, list[str]] = {}
        for rule in sorted(
            naming + [r for r in everyone if r not in naming], key=lambda r: r["urgency"] != "emergency"
        ):
            lines = expected.setdefault(HELP_NOW_LEADS[rule["urgency"]], [])
            if rule["patient"] not in lines:
                lines.append(rule["patient"])
        assert box_lines(leaflet.body) == {lead: expected[lead] for lead in HELP_NOW_LEADS.values() if lead in expected}
        checked += 1
    assert checked >= 1


def test_changing_a_rule_changes_its_leaflet_line() -> None:
    rules = [
        {"id": "a", "urgency": "urgent", "causes": ["x"], "patient": "your calf swells"},
        {"id": "b", "urgency": "emergency", "causes": ["y"], "patient": "you get short of breath"},
        {"id": "c", "urgency": "emergency", "causes": [], "patient": "your leg turns cold", "on_every_leaflet": True},
    ]
    assert [r["id"] for r in help_now_rules("x", rules)] == ["c", "a"]  # emergencies first
    assert help_now_lines("x", rules) == {"emergency": ["your leg turns cold"], "urgent": ["your calf swells"]}
    changed = copy.deepcopy(rules)
    changed[0]["patient"] = "your calf swells and hurts"
    assert help_now_lines("x", changed)["urgent"] == ["your calf swells and hurts"]
    box = help_now_markdown(help_now_lines("y", rules))
    assert box.splitlines()[0] == '!!! danger "Get help now"'
    assert "    - you get short of breath" in box and "    - your leg turns cold" in box
    assert "See a doctor today if" not in box  # no urgent rule: no empty heading


def test_a_leaflet_can_leave_out_a_rule_that_is_its_condition_and_add_one_its_patients_need() -> None:
    rules = [
        {"id": "dvt", "urgency": "urgent", "causes": ["dvt"], "patient": "one calf swells"},
        {"id": "ces", "urgency": "emergency", "causes": ["ces"], "patient": "you cannot pass urine"},
    ]
    assert help_now_lines("dvt", rules, left_out=["dvt"]) == {}
    assert help_now_lines("sciatica", rules) == {}
    assert help_now_lines("sciatica", rules, also=["ces"]) == {"emergency": ["you cannot pass urine"]}


def test_left_out_rules_must_name_the_cause_and_added_rules_must_exist(corpus: Corpus, tmp_path: Path) -> None:
    path = write_leaflet(tmp_path / "leaflets", "gout", "What it is")
    text = path.read_text().replace(
        "for: gout\n", "for: gout\nhelp_now_except: [sepsis]\nhelp_now_also: [no-such-rule]\n"
    )
    path.write_text(text)
    leaflet = parse_monograph(path)
    trial = dataclasses.replace(corpus, monographs={**corpus.monographs, "gout-leaflet": leaflet})
    messages = [e.message for e in validate_leaflets(trial) if e.path == path]
    assert messages == [
        "'help_now_except' lists red-flag rules that name the cause; these do: []",
        "'help_now_also' lists ids of red-flag rules",
    ]


def test_a_drug_leaflet_opens_with_the_serious_side_effects_box(corpus: Corpus) -> None:
    drugs = [leaf for leaf in corpus.of_kind("leaflet") if corpus.monographs[leaf.meta["for"]].kind == "drug"]
    for leaflet in drugs:
        assert leaflet.body.startswith('!!! danger "Get help now"') and DRUG_HELP_NOW in leaflet.body
        assert DRUG_DO_NOT_STOP in leaflet.body and "Stop taking it and get" not in leaflet.body.split("\n\n*")[0]
        assert all(f"    - {line}" in leaflet.body for line in DRUG_HELP_NOW_AMBULANCE)
        assert "## Serious side effects" in leaflet.body


def test_each_cause_or_drug_page_links_to_its_leaflet(corpus: Corpus) -> None:
    for leaflet in corpus.of_kind("leaflet"):
        target = corpus.monographs[leaflet.meta["for"]]
        assert f"](leaflet:{leaflet.id})" in target.body.split("\n", 2)[0]


def write_leaflet(folder: Path, for_id: str, first_section: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{for_id}-leaflet.md"
    sections = ["What it is", "What you may notice", "What you can do", "What the treatment involves"]
    sections.append("When to see your doctor")
    if first_section != sections[0]:
        sections = [first_section, "How to take it", "Common side effects", "Serious side effects",
                    "What not to take it with", "Driving", "Alcohol", "Pregnancy and breastfeeding"]  # fmt: skip
    body = "".join(f"## {s}\n\nSome words.\n\n" for s in sections)
    path.write_text(
        f"---\nid: {for_id}-leaflet\nkind: leaflet\nfor: {for_id}\ntitle: T\nsummary: S\nsynonyms: []\n"
        f"related: []\nreviewed: 2026-12-04\nreferences:\n  - key: k\n    citation: C\n    year: 2020\n"
        f"    type: guideline\n---\n{body}",
        encoding="utf-8",
    )
    return path


def test_a_leaflet_must_explain_a_cause_or_drug_in_that_kinds_sections(corpus: Corpus, tmp_path: Path) -> None:
    folder = tmp_path / "leaflets"
    wrong_kind = parse_monograph(write_leaflet(folder, "gout", "What it is for"))  # drug sections for a cause
    no_target = parse_monograph(write_leaflet(folder, "no-such-cause", "What it is"))
    trial = dataclasses.replace(corpus, monographs={**corpus.monographs, "gout-leaflet": wrong_kind,
                                                    "no-such-cause-leaflet": no_target})  # fmt: skip
    messages = sorted(e.message for e in validate_leaflets(trial))
    assert messages == [
        "'for' must name a cause or a drug, not 'no-such-cause'",
        "a cause's leaflet has: What it is, What you may notice, What you can do, What the treatment involves, "
        "When to see your doctor",
    ]


def test_a_leaflet_id_must_be_its_monograph_id_then_leaflet(tmp_path: Path) -> None:
    path = write_leaflet(tmp_path / "leaflets", "gout", "What it is")
    path.write_text(path.read_text().replace("for: gout", "for: plantar-fasciitis"))
    with pytest.raises(ContentError, match="a leaflet's id is the id of the monograph it explains then '-leaflet'"):
        parse_monograph(path)


def test_search_finds_a_leaflet_and_marks_it_as_one(shipped_db: Path) -> None:
    repo = ContentRepository(shipped_db)
    try:
        hits = repo.search("gout leaflet")
        assert hits and hits[0].id == "gout-leaflet" and hits[0].kind == "leaflet"
    finally:
        repo.close()


def test_a_clinical_search_lists_the_pages_before_their_leaflets(shipped_db: Path) -> None:
    """A leaflet in plain words outranked its own monograph for "why does my calf hurt when I walk"
    (a reviewer saw the search tests fail); leaflets now follow unless the query asks for them."""
    repo = ContentRepository(shipped_db)
    try:
        ids = [h.id for h in repo.search("gout")]
        assert ids[0] == "gout" and "gout-leaflet" in ids
        kinds = [h.kind for h in repo.search("calf pain walking")]
        assert "leaflet" in kinds and kinds.index("leaflet") == len(kinds) - kinds[::-1].count("leaflet")
        assert repo.search("patient information gout")[0].id == "gout-leaflet"
    finally:
        repo.close()


def test_the_cli_prints_a_leaflet_and_saves_it_as_a_pdf(shipped_db: Path, tmp_path: Path) -> None:
    text = run_cli("--db", str(shipped_db), "leaflet", "gout")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Gout\n====\n") and "Get help now" in text.stdout
    assert "Call an ambulance or go to an emergency department now if:" in text.stdout
    assert run_cli("--db", str(shipped_db), "leaflet", "gout-leaflet").stdout == text.stdout
    pdf = tmp_path / "gout.pdf"
    saved = run_cli("--db", str(shipped_db), "leaflet", "gout", "--pdf", str(pdf), "--clinic", "Riverside",
                    "--instructions", "Rest the foot.", "--large")  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and re.search(r"saved .*gout\.pdf", saved.stdout)
    missing = run_cli("--db", str(shipped_db), "leaflet", "no-such-thing")
    assert missing.returncode == 2 and "no patient leaflet for 'no-such-thing'" in missing.stderr


def _media_box(pdf: Path) -> tuple[float, float]:
    found = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    assert found is not None, "no MediaBox in the PDF"
    return float(found.group(1)), float(found.group(2))


def test_the_cli_saves_a_leaflet_on_a4_or_letter_paper(shipped_db: Path, tmp_path: Path) -> None:
    """A4 is 595 x 842 points, US Letter 612 x 792; a US clinic prints on Letter."""
    for paper, size in (("a4", (595, 842)), ("letter", (612, 792))):
        pdf = tmp_path / f"gout-{paper}.pdf"
        saved = run_cli("--db", str(shipped_db), "leaflet", "gout", "--pdf", str(pdf), "--paper", paper)
        assert saved.returncode == 0, saved.stderr
        width, height = _media_box(pdf)
        assert (round(width), round(height)) == size
    wrong = run_cli("--db", str(shipped_db), "leaflet", "gout", "--pdf", str(tmp_path / "x.pdf"), "--paper", "a5")
    assert wrong.returncode == 2 and "--paper" in wrong.stderr
