"""The shipped clinical corpus: complete, valid, linked, and written in our own words."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from legpain_desktop.core.content import Corpus, load_corpus
from legpain_desktop.core.originality import RUN_LENGTH, SourceIndex
from tests.conftest import ROOT, SEEDS, SHIPPED_CONTENT

INVENTORY = json.loads((ROOT / "tests" / "fixtures" / "inventory.json").read_text())
VOCABULARY_IDS = json.loads((ROOT / "tests" / "fixtures" / "vocabulary-ids.json").read_text())


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(SHIPPED_CONTENT)


@pytest.mark.parametrize("kind", ["cause", "drug", "algorithm", "topic"])
def test_every_inventory_id_is_present_with_its_kind(corpus: Corpus, kind: str) -> None:
    missing = [i for i in INVENTORY[kind] if i not in corpus.monographs]
    assert not missing, f"missing {kind} monographs: {missing}"
    wrong = [i for i in INVENTORY[kind] if corpus.monographs[i].kind != kind]
    assert not wrong


def test_the_corpus_holds_at_least_what_the_inventory_promised(corpus: Corpus) -> None:
    """Issue 15: this test compared the fixture with literal numbers and read no product code. The
    inventory (46 causes, 35 drugs, 12 algorithms, 6 topics) is a floor for the shipped corpus."""
    promised = {"cause": 46, "drug": 35, "algorithm": 12, "topic": 6}
    assert {k: len(v) for k, v in INVENTORY.items()} == promised
    assert all(len(corpus.of_kind(kind)) >= count for kind, count in promised.items())


def test_vocabulary_keeps_every_public_finding_id(corpus: Corpus) -> None:
    assert set(VOCABULARY_IDS) <= corpus.finding_ids


def test_every_cause_maps_four_findings_and_every_finding_is_used(corpus: Corpus) -> None:
    used: set[str] = set()
    for cause in corpus.of_kind("cause"):
        findings = cause.meta["findings"]
        assert len(findings) >= 4, cause.id
        used |= set(findings)
    assert corpus.finding_ids - used == set()


def test_every_cause_has_a_characteristic_or_typical_finding(corpus: Corpus) -> None:
    for cause in corpus.of_kind("cause"):
        assert max(cause.meta["findings"].values()) >= 2, cause.id


def test_algorithms_have_three_steps_that_resolve(corpus: Corpus) -> None:
    for algo in corpus.of_kind("algorithm"):
        steps = algo.steps
        assert len(steps) >= 3, algo.id
        for step in steps:
            for ref in step.refers:
                kind, _, target = ref.partition(":")
                assert corpus.monographs[target].kind == kind, (algo.id, ref)


def test_every_monograph_has_references_and_a_review_date(corpus: Corpus) -> None:
    for mono in corpus.monographs.values():
        assert mono.references, mono.id
        assert len(mono.reviewed) == 10, mono.id


def test_key_synonyms_are_searchable_terms(corpus: Corpus) -> None:
    def syn(mid: str) -> set[str]:
        return {s.lower() for s in corpus.monographs[mid].synonyms}

    assert "sciatica" in syn("lumbosacral-radiculopathy")
    assert "osteochondrosis" in syn("lumbosacral-radiculopathy")
    assert {"baker's cyst", "popliteal cyst", "becker cyst"} <= syn("bakers-cyst")
    assert "shingles" in syn("herpes-zoster")
    assert "dvt" in syn("deep-vein-thrombosis")
    assert "claudication" in {s.lower() for s in corpus.monographs["peripheral-artery-disease"].synonyms} | {
        w for s in syn("peripheral-artery-disease") for w in s.split()
    }


def test_unproven_remedies_are_only_in_their_topic_and_labelled(corpus: Corpus) -> None:
    topic = corpus.monographs["unproven-remedies"]
    assert "[[evidence:no-evidence]]" in topic.body
    assert "homeopath" in topic.body.lower()
    # No cause, drug or algorithm names a remedy (topics may mention harms and point here).
    for term in ("turpentine", "rhus tox", "arnica", "aconite"):
        assert term in topic.body.lower(), term
        others = [m.id for m in corpus.monographs.values() if m.kind != "topic" and term in m.body.lower()]
        assert not others, f"{term!r} also appears in {others}"


def test_no_run_of_eight_words_is_shared_with_a_seed(corpus: Corpus) -> None:
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"seed articles not found at {SEEDS}; CI must check originality")
        pytest.skip(f"seed articles not found at {SEEDS}")
    index = SourceIndex.from_folder(SEEDS)
    assert RUN_LENGTH == 8
    shared = []
    for path in sorted(Path(SHIPPED_CONTENT).rglob("*.md")):
        shared.extend(index.shared_runs(path, path.read_text(encoding="utf-8")))
    assert not shared, "\n".join(f"{r.path}:{r.line}: {r.text}" for r in shared[:20])


def test_originality_check_catches_a_copied_sentence() -> None:
    index = SourceIndex(["Start at seventy five mg twice daily for one full week then review"])
    found = index.shared_runs(Path("x.md"), "intro\nWe start at seventy five mg twice daily for one full week.")
    assert [(r.line, r.text) for r in found] == [(2, "start at seventy five mg twice daily for")]
    assert index.shared_runs(Path("x.md"), "start at seventy five mg once daily for one full week") == []


def test_the_indomethacin_page_states_the_gout_maximum_the_calculator_uses(corpus: Corpus) -> None:
    """The label double entry (issue 11) lowered indomethacin's gout maximum to 150 mg a day in the
    dosing data; the page's own table still said 200 until a leaflet writer noticed (issue 20)."""
    mono = corpus.monographs["indomethacin"]
    gout = next(i for i in mono.meta["dosing"]["indications"] if i["indication"] == "gout")
    row = next(line for line in mono.body.splitlines() if line.startswith("| Acute gout |"))
    assert gout["max_daily_mg"] == 150 and row.rstrip(" |").endswith(f"{gout['max_daily_mg']} mg a day")
