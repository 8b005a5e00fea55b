"""The independent reviewers' cases for the patient leaflets (issue 20), kept as data in
``tests/core/review/leaflet_cases_*.yaml``: written from clinical knowledge and the named sources
before the reviewers read the leaflets. Each case lists what a leaflet must say (any one of
several wordings per item) and what it must not say; the leaflet's words include its generated
"Get help now" box."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legpain_desktop.core.content import Corpus, load_corpus
from legpain_desktop.core.leaflets import plain_text
from tests.conftest import SHIPPED_CONTENT

REVIEW = Path(__file__).parent / "review"


def cases() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path in sorted(REVIEW.glob("leaflet_cases_*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for leaflet_id, case in (data.get("leaflets") or {}).items():
            out.append((path.stem, leaflet_id, case))
    return out


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(SHIPPED_CONTENT)


@pytest.mark.parametrize(("review", "leaflet_id", "case"), cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_leaflet_says_what_the_reviewer_required(
    corpus: Corpus, review: str, leaflet_id: str, case: dict[str, Any]
) -> None:
    assert leaflet_id in corpus.monographs, f"{review}: no leaflet {leaflet_id}"
    words = plain_text(corpus.monographs[leaflet_id].body).lower()
    missing = [item for item in case.get("must_mention") or [] if not any(str(p).lower() in words for p in item)]
    wrong = [p for p in case.get("must_not_mention") or [] if str(p).lower() in words]
    assert not missing and not wrong, f"missing {missing}; must not say {wrong}"
