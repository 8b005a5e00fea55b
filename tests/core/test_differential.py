"""The differential engine on small hand-made profiles: every rule of the scoring pinned."""

from __future__ import annotations

import math

import pytest

from legpain_desktop.core.differential import (
    AGAINST_FACTOR,
    CauseProfile,
    ConflictingFinding,
    DifferentialEngine,
    UnknownFinding,
)
from legpain_desktop.core.redflags import rule_from_dict

FINDINGS = ["a", "b", "c", "d", "e", "x"]


def cause(cid: str, urgency: str = "routine", prevalence: str = "common", against=None, **weights: int) -> CauseProfile:  # type: ignore[no-untyped-def]
    return CauseProfile(cid, cid.title(), urgency, prevalence, weights, against or {})


@pytest.fixture()
def engine() -> DifferentialEngine:
    causes = [
        cause("common-one", a=2, b=1),
        cause("rare-one", prevalence="rare", a=2, b=1),
        cause("strong", a=3, c=2, against={"d": 1}),
        cause("emergency", urgency="emergency", prevalence="rare", e=2, c=1, against={"b": 2}),
    ]
    rule = rule_from_dict(
        {
            "id": "r",
            "title": "R",
            "urgency": "emergency",
            "when": [{"all": ["e"], "any": ["x"]}],
            "message": "m",
            "action": "act",
            "causes": ["emergency"],
        }
    )
    return DifferentialEngine(causes, [rule], FINDINGS)


def test_nothing_selected_lists_every_cause(engine: DifferentialEngine) -> None:
    result = engine.compute([])
    assert {c.id for c in result.causes} == {"common-one", "rare-one", "strong", "emergency"}
    assert result.red_flags == ()


def test_points_sum_weights_and_hide_unmatched(engine: DifferentialEngine) -> None:
    result = engine.compute(["a"])
    assert {(c.id, c.score) for c in result.causes} == {("strong", 3), ("common-one", 2), ("rare-one", 2)}


def test_match_is_points_over_the_size_of_the_profile(engine: DifferentialEngine) -> None:
    """Issue 13: a cause does not win by listing more findings. "a" is 2 of common-one's
    profile (2, 1) but 3 of strong's larger profile (3, 2): common-one fits better."""
    result = {c.id: c for c in engine.compute(["a"]).causes}
    assert result["common-one"].match == round(100 * 2 / math.sqrt(2**2 + 1**2))  # 89
    assert result["strong"].match == round(100 * 3 / math.sqrt(3**2 + 2**2))  # 83
    two = {c.id: c for c in engine.compute(["a", "c"]).causes}
    assert two["strong"].match == round(100 * (3 + 2) / (math.sqrt(2) * math.sqrt(13)))
    assert [c.id for c in engine.compute(["a"]).causes] == ["common-one", "rare-one", "strong"]


def test_a_broad_profile_does_not_outrank_a_specific_one_on_the_same_findings() -> None:
    broad = cause("broad", a=2, b=2, **{k: 1 for k in "cdex"})
    specific = cause("specific", a=2, b=2)
    engine = DifferentialEngine([broad, specific], [], FINDINGS)
    result = engine.compute(["a", "b"])
    assert [c.id for c in result.causes] == ["specific", "broad"]
    assert result.causes[0].score == result.causes[1].score == 4  # same points, different fit


def test_ties_fall_to_the_more_common_cause(engine: DifferentialEngine) -> None:
    ids = [c.id for c in engine.compute(["a", "b"]).causes]
    assert ids.index("common-one") < ids.index("rare-one")


def test_against_lowers_by_factor(engine: DifferentialEngine) -> None:
    result = {c.id: c for c in engine.compute(["a", "d"]).causes}
    assert result["strong"].score == 3 - AGAINST_FACTOR * 1
    assert result["strong"].against == ("d",)
    assert result["strong"].unexplained == ("d",)


def test_result_explains_itself(engine: DifferentialEngine) -> None:
    strong = next(c for c in engine.compute(["c", "b"]).causes if c.id == "strong")
    assert strong.matched == ("c",)
    assert strong.unexplained == ("b",)
    assert strong.missing_characteristic == ("a",)


def test_explaining_half_the_selection_no_longer_pins(engine: DifferentialEngine) -> None:
    """Overlap alone pinned emergencies on benign findings in the first version (issue 13)."""
    result = engine.compute(["a", "c"])
    assert not any(c.pinned for c in result.causes)
    assert result.causes[0].id == "strong"


def test_an_emergency_is_pinned_by_its_key_feature_with_the_reason_in_words() -> None:
    emergency = cause("emergency", urgency="emergency", prevalence="rare", e=3, c=1, against={"b": 2})
    engine = DifferentialEngine([cause("common-one", a=2, b=1), emergency], [], FINDINGS, labels={"e": "Cold pale leg"})
    result = engine.compute(["a", "e"])
    assert result.causes[0].id == "emergency" and result.causes[0].pinned
    assert result.causes[0].pin_reason == "its key feature is present: Cold pale leg"


def test_an_urgent_cause_is_pinned_only_by_its_red_flag() -> None:
    urgent = cause("urgent-one", urgency="urgent", e=3)
    rule = rule_from_dict({"id": "r", "title": "R", "urgency": "urgent", "when": [{"all": ["e", "x"]}],
                           "message": "m", "action": "a", "causes": ["urgent-one"]})  # fmt: skip
    engine = DifferentialEngine([urgent, cause("other", a=3)], [rule], FINDINGS)
    assert not engine.compute(["e"]).causes[0].pinned  # a key feature alone pins emergencies only
    flagged = engine.compute(["e", "x", "a"])
    assert flagged.causes[0].id == "urgent-one" and flagged.causes[0].pin_reason == "a red flag for it has fired"


def test_emergency_argued_against_is_not_pinned(engine: DifferentialEngine) -> None:
    result = {c.id: c for c in engine.compute(["c", "b"]).causes}
    assert not result["emergency"].pinned


def test_emergency_explaining_little_is_not_pinned_without_a_flag(engine: DifferentialEngine) -> None:
    result = {c.id: c for c in engine.compute(["a", "c", "d"]).causes}
    assert not result["emergency"].pinned


def test_red_flag_fires_and_pins_its_cause(engine: DifferentialEngine) -> None:
    result = engine.compute(["e", "x", "a", "d"])
    assert [r.id for r in result.red_flags] == ["r"]
    assert result.causes[0].id == "emergency" and result.causes[0].pin_reason == "a red flag for it has fired"


def test_facet_counts_count_listed_causes_with_the_finding(engine: DifferentialEngine) -> None:
    counts = engine.compute(["a"]).facet_counts
    assert "a" not in counts
    assert counts["b"] == 2 and counts["c"] == 1 and counts["e"] == 0
    assert engine.compute([]).facet_counts["a"] == 3


def test_unknown_finding_is_named(engine: DifferentialEngine) -> None:
    with pytest.raises(UnknownFinding, match="'nope'"):
        engine.compute(["a", "nope"])


def test_duplicates_are_ignored(engine: DifferentialEngine) -> None:
    assert engine.compute(["a", "a"]).selected == ("a",)


# ---------------------------------------------------------------- absent findings (issue 13)


def test_an_expected_finding_marked_absent_lowers_the_cause(engine: DifferentialEngine) -> None:
    present = {c.id: c for c in engine.compute(["a"]).causes}
    result = {c.id: c for c in engine.compute(["a"], absent=["c"]).causes}
    assert result["strong"].score == present["strong"].score - 2  # c is typical (2) of strong
    assert result["strong"].absent == ("c",) and result["strong"].match < present["strong"].match
    assert result["common-one"].score == present["common-one"].score  # it does not expect c
    assert result["common-one"].absent == ()


def test_an_absent_compatible_finding_says_little(engine: DifferentialEngine) -> None:
    """Weight 1 (compatible) findings are not expected, so their absence costs nothing."""
    present = {c.id: c.score for c in engine.compute(["a"]).causes}
    result = {c.id: c for c in engine.compute(["a"], absent=["b"]).causes}
    assert result["common-one"].score == present["common-one"] and result["common-one"].absent == ()


def test_absent_findings_never_silence_a_red_flag(engine: DifferentialEngine) -> None:
    result = engine.compute(["e", "x"], absent=["c", "a"])
    assert [r.id for r in result.red_flags] == ["r"]
    assert result.causes[0].id == "emergency" and result.causes[0].pinned


def test_present_and_absent_at_once_is_refused(engine: DifferentialEngine) -> None:
    with pytest.raises(ConflictingFinding, match="'a' is given as both present and absent"):
        engine.compute(["a"], absent=["a"])
    with pytest.raises(UnknownFinding, match="'nope'"):
        engine.compute(["a"], absent=["nope"])


def test_only_absent_findings_still_list_every_cause(engine: DifferentialEngine) -> None:
    result = engine.compute([], absent=["c"])
    assert len(result.causes) == 4 and result.absent == ("c",)
    assert result.causes[-1].id == "strong"  # the one that expected c comes last


def test_why_names_every_reason_in_words(engine: DifferentialEngine) -> None:
    labels = {"a": "Calf", "c": "Swelling", "d": "Fever", "b": "Both legs"}
    strong = next(c for c in engine.compute(["a", "d", "b"], absent=["c"]).causes if c.id == "strong")
    why = strong.why(labels)
    assert why.startswith(f"match {max(strong.match, 0)}% ({strong.score} points)")
    assert "explains Calf" in why and "argues against: Fever" in why
    assert "expected but absent: Swelling" in why and "does not explain Fever, Both legs" in why


# ---------------------------------------------------------------- what to ask next (issue 13)


def test_red_flag_questions_come_first_and_say_so() -> None:
    emergency = cause("emergency", urgency="emergency", prevalence="rare", e=2, c=1)
    rule = rule_from_dict({"id": "r", "title": "Limb threat", "urgency": "emergency", "when": [{"all": ["e", "x"]}],
                           "message": "m", "action": "a", "causes": ["emergency"]})  # fmt: skip
    engine = DifferentialEngine([emergency, cause("benign", e=2, a=2, b=2)], [rule], FINDINGS)
    questions = engine.ask_next(engine.compute(["e"]))
    assert questions[0].finding == "x" and questions[0].red_flag
    assert "Limb threat" in questions[0].why and "emergency" in questions[0].why
    assert len(questions) == 3 and not any(q.red_flag for q in questions[1:])
    assert all(q.finding not in ("e",) for q in questions)


def test_questions_separate_the_leaders_and_skip_what_was_asked() -> None:
    left = cause("left", a=3, b=2)
    right = cause("right", a=3, c=2)
    engine = DifferentialEngine([left, right], [], FINDINGS)
    questions = engine.ask_next(engine.compute(["a"]))
    assert {q.finding for q in questions} == {"b", "c"}  # each splits the two; nothing else does
    assert engine.ask_next(engine.compute(["a"], absent=["b"]))[0].finding == "c"
    assert engine.ask_next(engine.compute(["a", "b", "c"])) == ()  # nothing left that separates them


def test_a_question_in_an_answered_exclusive_facet_is_not_asked() -> None:
    left = cause("left", **{"side.one": 2, "a": 3})
    right = cause("right", **{"side.both": 2, "a": 3})
    ids = ["a", "side.one", "side.both"]
    engine = DifferentialEngine([left, right], [], ids, facet_of={"side.one": "side", "side.both": "side"})
    assert {q.finding for q in engine.ask_next(engine.compute(["a"]))} == {"side.one", "side.both"}
    assert engine.ask_next(engine.compute(["a", "side.one"])) == ()


def test_no_leading_cause_means_no_question(engine: DifferentialEngine) -> None:
    assert engine.ask_next(engine.compute([])) == ()


def test_a_cause_named_by_an_emergency_flag_heads_the_pinned_lane() -> None:
    """Second physician review (VP-018): its own emergency alert fired, yet necrotising fasciitis
    came sixth of six pinned causes because absent redness lowered its match."""
    nf = cause("nf", urgency="emergency", prevalence="rare", e=3, a=1, c=2)
    urgent = cause("urgent-one", urgency="urgent", a=3, b=2)
    key = cause("key-pinned", urgency="emergency", b=3, a=2)
    flags = [
        rule_from_dict({"id": "r1", "title": "NF", "urgency": "emergency", "when": [{"all": ["e"]}],
                        "message": "m", "action": "a", "causes": ["nf"]}),
        rule_from_dict({"id": "r2", "title": "U", "urgency": "urgent", "when": [{"all": ["a"]}],
                        "message": "m", "action": "a", "causes": ["urgent-one"]}),
    ]  # fmt: skip
    engine = DifferentialEngine([urgent, key, nf], flags, FINDINGS)
    result = engine.compute(["e", "a", "b"], absent=["c"])
    assert [c.id for c in result.causes] == ["nf", "key-pinned", "urgent-one"]
    assert all(c.pinned for c in result.causes)
    assert result.causes[0].match < result.causes[2].match  # the lane, not the match, decides
