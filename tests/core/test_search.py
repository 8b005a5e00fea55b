"""Search over FTS5: prefix matching, synonyms, ranking, and any text is safe."""

from __future__ import annotations

import itertools

import pytest

from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.search import fts_query

HOSTILE = [
    '"',
    '"unbalanced',
    "AND",
    "OR NOT",
    "NEAR(a b)",
    "*",
    "-",
    "/",
    "()",
    "(((",
    "title:sciatica",
    "col:",
    "sciatica AND OR NOT",
    "x" * 500,
    "🦵 pain ☃",
    "\x00\x01",
    "' OR 1=1 --",
    "^",
    "{a b}",
    " ".join(["word"] * 100),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_any_text_gives_results_or_none_never_an_error(fixture_repo: ContentRepository, text: str) -> None:
    hits = fixture_repo.search(text)
    assert isinstance(hits, list)


def test_query_words_are_quoted_prefixes() -> None:
    assert fts_query('sciat "AND" (xy') == '"sciat"* "and"* {title synonyms} : "xy"*'
    assert fts_query("deep vein t") == '"deep"* "vein"*'  # a single letter being typed waits
    assert fts_query("s") is None
    assert fts_query("  -*:() ") is None


def test_prefix_finds_synonym(fixture_repo: ContentRepository) -> None:
    hits = fixture_repo.search("sciat")
    assert hits and hits[0].id == "sample-sciatic-pain"


def test_brand_name_synonym_finds_drug(fixture_repo: ContentRepository) -> None:
    hits = fixture_repo.search("lyrica")
    assert [h.id for h in hits][:1] == ["sample-drug"]


def test_title_outranks_body_mention(fixture_repo: ContentRepository) -> None:
    # "clot" is the title of one fixture and appears in another's body text only via links.
    hits = fixture_repo.search("clot")
    assert hits[0].id == "sample-clot"
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))


def test_snippet_marks_matches(fixture_repo: ContentRepository) -> None:
    hit = fixture_repo.search("dvt")[0]
    assert "<b>DVT</b>" in hit.snippet_html()
    assert "\x02" not in hit.snippet_plain()


def test_misspellings_get_suggestions(shipped_repo: ContentRepository) -> None:
    from legpain_desktop.core.search import suggest

    vocabulary = shipped_repo.search_vocabulary()
    assert shipped_repo.search("sciatia") == []
    assert "sciatica" in [s.lower() for s in suggest("sciatia", vocabulary)]
    assert suggest("pregablin", vocabulary) and "pregabalin" in suggest("pregablin", vocabulary)[0].lower()
    assert suggest("claudicaton pain", vocabulary)
    assert suggest("zzzzqqq", vocabulary) == []
    assert suggest("  ", vocabulary) == []
