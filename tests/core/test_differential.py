"""The differential engine on small hand-made profiles: every rule of the scoring pinned."""

from __future__ import annotations

import pytest

from legpain_desktop.core.differential import (
    AGAINST_FACTOR,
    CauseProfile,
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


def test_scores_sum_weights_and_hide_unmatched(engine: DifferentialEngine) -> None:
    result = engine.compute(["a"])
    assert [(c.id, c.score) for c in result.causes] == [("strong", 3), ("common-one", 2), ("rare-one", 2)]


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


def test_an_emergency_is_pinned_by_its_key_feature_with_the_reason() -> None:
    emergency = cause("emergency", urgency="emergency", prevalence="rare", e=3, c=1, against={"b": 2})
    engine = DifferentialEngine([cause("common-one", a=2, b=1), emergency], [], FINDINGS)
    result = engine.compute(["a", "e"])
    assert result.causes[0].id == "emergency" and result.causes[0].pinned
    assert result.causes[0].pin_reason == "its key feature is present: e"


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
