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
    assert fts_query("sciat (xy") == '"sciat"* AND {title synonyms} : "xy"*'
    assert fts_query('sciat "AND" (xy') == '"sciat"* AND "and" AND {title synonyms} : "xy"*'  # quoted: literal
    assert fts_query("deep vein t") == '"deep"* AND "vein"*'  # a single letter being typed waits
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
    strict = [h for h in hits if "clot" in (h.title + h.snippet_plain()).lower()]
    assert all(a.score >= b.score for a, b in itertools.pairwise(strict[1:]))


def test_snippet_marks_matches(fixture_repo: ContentRepository) -> None:
    hit = fixture_repo.search("dvt")[0]
    assert "<b>DVT</b>" in hit.snippet_html()
    assert "\x02" not in hit.snippet_plain()


def test_misspellings_get_suggestions(shipped_repo: ContentRepository) -> None:
    from legpain_desktop.core.search import suggest

    vocabulary = shipped_repo.search_vocabulary()
    assert shipped_repo.search_detailed("siatica", correct=False)[0] == []
    assert "sciatica" in [s.lower() for s in suggest("sciatia", vocabulary)]
    assert suggest("pregablin", vocabulary) and "pregabalin" in suggest("pregablin", vocabulary)[0].lower()
    assert suggest("claudicaton pain", vocabulary)
    assert suggest("zzzzqqq", vocabulary) == []
    assert suggest("  ", vocabulary) == []


# ---------------------------------------------------------------- issue 14: how people type

from legpain_desktop.core.search import (  # noqa: E402
    Correction,
    edit_distance,
    folded_key,
    normalise,
    parse,
    spelling_variants,
)


def test_unicode_is_normalised_and_invisible_characters_removed() -> None:
    assert normalise("ＤＶＴ") == "dvt"
    assert normalise("sci\u00adatica") == "sciatica" and normalise("sci\u200batica") == "sciatica"
    assert normalise("Baker\u2019s cyst") == "baker's cyst"


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("oedema", "edema"),
        ("edema", "oedema"),
        ("ischaemia", "ischemia"),
        ("ischemia", "ischaemia"),
        ("tumour", "tumor"),
        ("tumor", "tumour"),
        ("haematoma", "hematoma"),
        ("hematoma", "haematoma"),
        ("paediatric", "pediatric"),
        ("pediatric", "paediatric"),
        ("paraesthesia", "paresthesia"),
        ("anaemia", "anemia"),
        ("orthopaedic", "orthopedic"),
        ("oesophagus", "esophagus"),
        ("immobilisation", "immobilization"),
    ],
)
def test_british_and_american_spellings_find_each_other(word: str, other: str) -> None:
    assert spelling_variants(word)[0] == word and other in spelling_variants(word)


def test_anchored_spellings_leave_other_words_alone() -> None:
    assert spelling_variants("bedside") == ["bedside"]
    assert spelling_variants("phlebitis") == ["phlebitis"]
    assert folded_key("Acute limb ischaemia") == folded_key("acute limb ischemia") == "acute limb ischemia"
    assert folded_key("Baker's cyst") == "baker cyst"


def test_questions_keep_their_meaningful_words_with_no_limit() -> None:
    plan = parse("why does my calf hurt when I walk up the stairs after a long flight yesterday")
    words = [t.text for t in plan.terms]
    assert words == ["calf", "hurt", "walk", "stairs", "long", "flight", "yesterday"]
    assert "why" in plan.dropped and "my" in plan.dropped


def test_operators_work_as_written_or_are_plain_words() -> None:
    either = parse("gout OR cramp")
    assert [[t.text for t in g] for g in either.groups] == [["gout", "cramp"]]
    minus = parse("gout NOT cramp")
    assert [t.text for t in minus.terms] == ["gout"] and [t.text for t in minus.excluded] == ["cramp"]
    assert [t.text for t in parse("gout -cramp").excluded] == ["cramp"]
    phrase = parse('"compartment syndrome"').terms[0]
    assert phrase.phrase and phrase.words == ("compartment", "syndrome")
    assert parse("AND").terms == [] and parse("OR").terms == []  # alone: ordinary (stop) words


def test_hyphenated_letter_compounds_are_one_term_and_numbers_are_whole() -> None:
    xray = parse("x-ray").terms[0]
    assert xray.phrase and xray.words == ("x", "ray")
    assert parse("t-PA").terms[0].words == ("t", "pa")
    eight = parse("8%").terms[0]
    assert eight.words == ("8",) and not eight.prefix
    assert parse("-x").terms == []  # nothing to look for, and no error


def test_edit_distance_counts_a_swap_as_one() -> None:
    assert edit_distance("achilis", "achilles", 2) == 2
    assert edit_distance("pregablin", "pregabalin", 2) == 1
    assert edit_distance("tromboflebitis", "thrombophlebitis", 3) == 3
    assert edit_distance("sicatica", "sciatica", 2) == 1  # adjacent letters swapped
    assert edit_distance("gout", "thrombosis", 2) == 3  # stops early above the limit


@pytest.mark.parametrize(
    ("typed", "used", "first"),
    [
        ("siatica", "sciatica", "lumbosacral-radiculopathy"),
        ("pregablin", "pregabalin", "pregabalin"),
        ("tromboflebitis", "thrombophlebitis", "superficial-thrombophlebitis"),
        ("achilis tendon", "achilles tendon", None),
        ("bakers cist", "bakers cyst", "bakers-cyst"),
        ("apixiban", "apixaban", "apixaban"),
    ],
)
def test_a_misspelling_finds_its_page_as_you_type(
    shipped_repo: ContentRepository, typed: str, used: str, first: str | None
) -> None:
    hits, plan = shipped_repo.search_detailed(typed)
    assert plan is not None and plan.searched_for == used
    assert plan.corrections and all(isinstance(c, Correction) for c in plan.corrections)
    if first:
        assert hits[0].id == first


def test_correct_and_everyday_words_are_never_rewritten(shipped_repo: ContentRepository) -> None:
    for text in ("sciatica", "gout", "heel pain", "heard a pop", "calf felt tight"):
        _hits, plan = shipped_repo.search_detailed(text)
        assert plan is not None and plan.corrections == [], text
    _hits, plan = shipped_repo.search_detailed("heard a pop")
    assert plan is not None and plan.missing == ["heard"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("ＤＶＴ", "deep-vein-thrombosis"),
        ("sci\u00adatica", "lumbosacral-radiculopathy"),
        ("acute limb ischaemia", "acute-limb-ischemia"),
        ("CES", "cauda-equina-syndrome"),
        ("Voltaren", "diclofenac"),
        ("leg pain better when I bend forward", "lumbar-spinal-stenosis"),
        ("why does my calf hurt when I walk", "pad-claudication"),
        ("8% capsaicin", "capsaicin-topical"),
    ],
)
def test_how_people_type_finds_the_page(shipped_repo: ContentRepository, text: str, first: str) -> None:
    assert shipped_repo.search(text)[0].id == first


def test_spelling_folds_both_ways_on_the_shipped_pages(shipped_repo: ContentRepository) -> None:
    for us, uk in (("edema", "oedema"), ("tumor", "tumour"), ("hematoma", "haematoma"), ("pediatric", "paediatric")):
        assert {h.id for h in shipped_repo.search(us)} == {h.id for h in shipped_repo.search(uk)}, us


def test_or_and_not_behave(shipped_repo: ContentRepository) -> None:
    gout = {h.id for h in shipped_repo.search("gout", limit=200)}
    cramp = {h.id for h in shipped_repo.search("cramp", limit=200)}
    either = {h.id for h in shipped_repo.search("gout OR cramp", limit=200)}
    assert either == gout | cramp
    without = {h.id for h in shipped_repo.search("gout NOT cramp", limit=200)}
    assert without == gout - cramp
    assert shipped_repo.search("AND") == []


def test_snippets_read_as_sentences(shipped_repo: ContentRepository) -> None:
    """Issue 17 item 15: "Baker 's cyst ," in the snippets."""
    for hit in shipped_repo.search("baker cyst")[:6]:
        text = hit.snippet_plain()
        assert " ," not in text and " ;" not in text and "\n" not in text and " 's" not in text, text
