"""The study cards (issue 19, item 1): at least 300, every kind, stable ids, and every answer
checked against the source it came from, by a check written here apart from the generator. The
cards checked are the ones the build stored in the database (what the app and the CLI show)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from legpain_desktop.core.content import load_corpus
from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.dosing.schema import parse_drug
from legpain_desktop.core.scores import SCORES, compute
from legpain_desktop.core.study.cards import KINDS, Card, generate_cards, review_table
from tests.conftest import FIXTURE_CONTENT, SHIPPED_CONTENT

ROOT = Path(__file__).resolve().parents[2]
# The fewest cards of each kind the shipped content must give (a kind that dwindles is a bug).
MINIMUM = {
    "urgency": 50, "distinguish": 30, "red-flag": 60, "algorithm-step": 30, "renal": 80, "max-dose": 35, "score": 15,
}  # fmt: skip


@pytest.fixture(scope="module")
def cards(shipped_repo: ContentRepository) -> list[Card]:
    return shipped_repo.cards()


def words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def stated_in_source(card: Card, repo: ContentRepository) -> bool:
    """True when the card's answer is what its source states (a field of the monograph, the
    red-flag rule, the algorithm step, the drug's dosing or the score)."""
    kind, _, rest = card.id.partition(":")
    if kind in ("urgency", "distinguish"):
        title, meta = repo.meta_of_kind("cause")[card.monograph]
        if kind == "urgency":
            return meta.get("urgency") == card.answer and words(str(meta.get("referral", ""))) in words(card.back)
        return card.answer == title
    if kind.startswith("red-flag"):
        rule = next(r for r in repo.red_flag_rules() if r["id"] == rest)
        field = {"red-flag": "title", "red-flag-urgency": "urgency", "red-flag-action": "action"}[kind]
        return words(str(rule[field])) == words(card.answer)
    if kind in ("algorithm-step", "algorithm-first"):
        steps = repo.meta_of_kind("algorithm")[card.monograph][1]["steps"]
        by_id = {s["id"]: s for s in steps}
        if kind == "algorithm-first":
            return steps[0]["title"] == card.answer
        step = by_id[rest.split(":", 1)[1]]
        return [by_id[n]["title"] for n in step.get("next", []) if n in by_id] == [card.answer]
    if kind in ("renal", "dialysis", "max-dose"):
        title, meta = repo.meta_of_kind("drug")[card.monograph]
        drug = parse_drug(card.monograph, title, meta)
        key = rest.split(":", 1)[1]
        if kind == "max-dose":
            found = next(i for i in drug.indications if i.indication == key)
            return found.max_daily_mg is not None and card.answer == f"{found.max_daily_mg:g} mg"
        assert drug.renal is not None
        if kind == "dialysis":
            rule = drug.renal.dialysis[key]
            return card.answer == ("avoid" if rule.basis == "avoid" else " ".join(rule.text.split()))
        band = next(b for b in drug.renal.bands if words(b.label).replace(" ", "-") == key)
        if band.avoid:
            return card.answer == "avoid"
        assert band.daily_mg is not None
        low, high = band.daily_mg.min, band.daily_mg.max
        return card.answer == (f"{low:g} mg" if low == high else f"{low:g} to {high:g} mg")
    if kind == "score-threshold":
        name, _, category = rest.partition(":")
        score = SCORES[name]
        if not category:
            return card.answer == str(score.LIKELY_FROM)  # type: ignore[attr-defined]
        constant = card.source.rpartition(": ")[2]  # the cut-off must bound the category it is asked of
        return card.answer == str(getattr(score, constant)) and card.answer in score.STEPS[category]  # type: ignore[attr-defined]
    if kind in ("score", "score-result"):
        name, item_id = rest.split(":", 1)
        item = next(i for i in SCORES[name].ITEMS if i.id == item_id)
        if kind == "score":
            return card.answer == f"{item.points:+d}"
        return compute(name, [item_id]).category == card.answer
    raise AssertionError(f"no check for card kind {kind!r}")


def test_at_least_300_cards_of_every_kind(cards: list[Card]) -> None:
    counts = Counter(c.kind for c in cards)
    assert len(cards) >= 300
    assert set(counts) == set(KINDS) == set(MINIMUM)
    assert {kind: n for kind, n in counts.items() if n < MINIMUM[kind]} == {}, counts


def test_the_build_stores_the_cards_the_corpus_gives(cards: list[Card], shipped_repo: ContentRepository) -> None:
    """The stored cards are the generated ones, in order; generating twice gives the same cards;
    a repository hands back what its build stored."""
    corpus = load_corpus(SHIPPED_CONTENT)
    assert generate_cards(corpus) == cards == generate_cards(load_corpus(SHIPPED_CONTENT))
    assert shipped_repo.cards() == cards


def test_the_repository_filters_by_kind_and_region(cards: list[Card], shipped_repo: ContentRepository) -> None:
    urgency = shipped_repo.cards(kind="urgency")
    assert urgency == [c for c in cards if c.kind == "urgency"]
    calf = shipped_repo.cards(region="calf")
    assert calf and calf == [c for c in cards if c.region == "Calf"]
    assert shipped_repo.cards(kind="urgency", region="CALF") == [c for c in calf if c.kind == "urgency"]
    assert shipped_repo.cards(kind="no-such-kind") == []


def test_a_small_corpus_builds_without_failing(fixture_repo: ContentRepository) -> None:
    """Content too small for some kinds (no drug with kidney rows, one region) still builds."""
    stored = fixture_repo.cards()
    assert stored == generate_cards(load_corpus(FIXTURE_CONTENT))
    assert len({c.id for c in stored}) == len(stored)


def test_no_two_cards_ask_the_same_question(cards: list[Card]) -> None:
    """A clinical review found two causes' cards with word-for-word the same question."""
    fronts = Counter(c.front for c in cards)
    assert [f for f, n in fronts.items() if n > 1] == []


def test_card_ids_are_unique_stable_and_readable(cards: list[Card], shipped_repo: ContentRepository) -> None:
    ids = [c.id for c in cards]
    assert len(set(ids)) == len(ids)
    assert ids == [c.id for c in generate_cards(load_corpus(SHIPPED_CONTENT))]  # the same content, the same ids
    for known in (
        "urgency:acute-limb-ischemia",
        "red-flag:cauda-equina",
        "red-flag-action:cauda-equina",
        "score:wells-dvt:previous-dvt",
        "max-dose:gabapentin:herpes-zoster",
        "renal:gabapentin:crcl-above-30-to-59",
        "algorithm-step:initial-assessment:red-flags",
        "distinguish:acute-limb-ischemia",
        "score-threshold:wells-dvt",
        "score-threshold:abi:severe",
    ):
        assert known in ids
    assert all(re.fullmatch(r"[a-z-]+:[a-z0-9-]+(:[a-z0-9-]+)?", i) for i in ids), [
        i for i in ids if not re.fullmatch(r"[a-z-]+:[a-z0-9-]+(:[a-z0-9-]+)?", i)
    ]


def test_every_answer_is_stated_in_its_source(cards: list[Card], shipped_repo: ContentRepository) -> None:
    wrong = [c.id for c in cards if not stated_in_source(c, shipped_repo)]
    assert wrong == []


def test_every_answer_is_on_the_source_page(cards: list[Card], shipped_repo: ContentRepository) -> None:
    """The answer appears in the stored page or front matter the card links to (score cards link
    to the score, whose items the check above compares)."""
    missing = []
    for card in cards:
        if not card.monograph or card.answer in ("avoid",):
            continue
        record = shipped_repo.get(card.monograph)
        assert record is not None, card.id
        rules = [r for r in shipped_repo.red_flag_rules() if card.monograph in (r.get("causes") or [])]
        text = words(record.title + " " + record.body_md)
        text += " " + words(json.dumps(shipped_repo.meta_of_kind(record.kind).get(card.monograph, ("", {}))[1]))
        text += " " + words(" ".join(str(value) for rule in rules for value in rule.values()))
        numbers = re.findall(r"[0-9]+(?:\.[0-9]+)?", card.answer)
        if card.kind in ("renal", "max-dose") and numbers:  # stated as numbers in the dosing block
            raw = record.body_md + json.dumps(shipped_repo.meta_of_kind(record.kind)[card.monograph][1])
            found = all(re.search(rf"(?<![0-9.]){re.escape(n)}(?![0-9])", raw) for n in numbers)
        else:
            found = words(card.answer) in text
        if not found:
            missing.append(card.id)
    assert missing == []


@pytest.mark.parametrize(
    "forge",
    [
        lambda c: replace(c, answer="urgent" if c.answer != "urgent" else "routine"),
        lambda c: replace(c, answer=c.answer + " more"),
    ],
)
def test_the_source_check_catches_a_wrong_answer(
    cards: list[Card], shipped_repo: ContentRepository, forge: object
) -> None:
    firsts = {kind: next(c for c in cards if c.kind == kind) for kind in KINDS}
    every_id_kind = {c.id.split(":")[0]: c for c in cards}  # dialysis, red-flag-action, score-threshold ...
    for card in [*firsts.values(), *every_id_kind.values()]:
        assert stated_in_source(card, shipped_repo)
        assert not stated_in_source(forge(card), shipped_repo), card.id  # type: ignore[operator]


def test_choices_are_causes_of_the_same_region_with_the_answer_once(
    cards: list[Card], shipped_repo: ContentRepository
) -> None:
    causes = shipped_repo.meta_of_kind("cause")
    by_title = {title: cid for cid, (title, _m) in causes.items()}
    for card in (c for c in cards if c.kind == "distinguish"):
        assert card.choices.count(card.answer) == 1 and len(card.choices) >= 3
        for choice in card.choices:
            region_findings = causes[by_title[choice]][1].get("findings", {})
            assert any(f.startswith("region.") for f in region_findings)
        assert all(by_title[choice] != card.monograph for choice in card.choices if choice != card.answer)


def test_the_review_listing_is_current(cards: list[Card]) -> None:
    listing = (ROOT / "content" / "study" / "cards-review.md").read_text(encoding="utf-8")
    assert listing == review_table(cards), (
        "run: legpain-desktop study cards --write-review content/study/cards-review.md"
    )
