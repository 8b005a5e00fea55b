"""The dosing content's cross-file checks (core/dosing/content_checks.py): every drug has its
pregnancy and breastfeeding advice, and the advice names only drugs."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from legpain_desktop.core.content import Corpus, load_corpus
from legpain_desktop.core.dosing.content_checks import validate_interactions, validate_reproductive
from tests.conftest import SHIPPED_CONTENT
from tests.core.dosing.test_interactions import with_bad_references


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(SHIPPED_CONTENT)


def messages(corpus: Corpus) -> list[str]:
    return [e.message for e in validate_reproductive(corpus)]


def test_the_shipped_advice_covers_every_drug(corpus: Corpus) -> None:
    assert messages(corpus) == []


def test_a_missing_file_is_an_error_only_when_there_are_drugs(corpus: Corpus) -> None:
    assert messages(dataclasses.replace(corpus, reproductive={})) == [
        "every drug needs pregnancy and breastfeeding advice; the file is missing"
    ]
    no_drugs = {i: m for i, m in corpus.monographs.items() if m.kind != "drug"}
    assert messages(dataclasses.replace(corpus, reproductive={}, monographs=no_drugs)) == []


def test_a_malformed_file_is_reported_and_each_drug_is_checked_both_ways(corpus: Corpus) -> None:
    broken = messages(dataclasses.replace(corpus, reproductive={"sources": {}, "drugs": []}))
    assert len(broken) == 1 and "'sources' mapping" in broken[0]
    data = copy.deepcopy(corpus.reproductive)
    data["drugs"]["no-such-drug"] = data["drugs"].pop("apixaban")
    assert messages(dataclasses.replace(corpus, reproductive=data)) == [
        "drug 'apixaban' has no pregnancy and breastfeeding entry",
        "'no-such-drug' is not a drug monograph",
    ]


def test_no_interaction_rules_means_nothing_to_check(corpus: Corpus) -> None:
    assert validate_interactions(dataclasses.replace(corpus, interactions={})) == []
    assert validate_interactions(corpus) == []


def test_every_error_points_at_its_file_and_first_line(corpus: Corpus) -> None:
    """The mutation run of 2026-12-05 found the file and line of these errors unchecked: each must
    name interactions.yaml or pregnancy-lactation.yaml at line 1 (the checks span the whole file)."""
    from legpain_desktop.core.sources.corpus import REPRODUCTIVE_FILE

    reproductive = corpus.root / REPRODUCTIVE_FILE
    interactions = corpus.root / "interactions.yaml"
    assert interactions.name == "interactions.yaml" and interactions.is_file()
    data = copy.deepcopy(corpus.reproductive)
    data["drugs"]["no-such-drug"] = data["drugs"].pop("apixaban")
    for variant in (
        dataclasses.replace(corpus, reproductive={}),
        dataclasses.replace(corpus, reproductive={"sources": {}, "drugs": []}),
        dataclasses.replace(corpus, reproductive=data),
    ):
        errors = validate_reproductive(variant)
        assert errors and all((e.path, e.line) == (reproductive, 1) for e in errors)
    rules = with_bad_references(corpus.interactions)
    for variant in (
        dataclasses.replace(corpus, interactions=rules),
        dataclasses.replace(corpus, interactions={"rules": ["x"]}),
    ):
        errors = validate_interactions(variant)
        assert errors and all((e.path, e.line) == (interactions, 1) for e in errors), errors
    assert len(validate_interactions(dataclasses.replace(corpus, interactions=rules))) == 8  # one per branch
