"""The dosing content's cross-file checks (core/dosing/content_checks.py): every drug has its
pregnancy and breastfeeding advice, and the advice names only drugs."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from legpain_desktop.core.content import Corpus, load_corpus
from legpain_desktop.core.dosing.content_checks import validate_interactions, validate_reproductive
from tests.conftest import SHIPPED_CONTENT


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
