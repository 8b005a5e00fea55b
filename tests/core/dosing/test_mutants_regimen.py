"""Exact values for regimen.py: each test pins what a mutant of the regimen review could change (issue 21).

The checker is built here from a small vocabulary (morphine, fentanyl, gabapentin, paracetamol, aspirin and
ibuprofen as the app's drugs; diazepam and omeprazole as other drugs), two interaction rules (an opioid with a
benzodiazepine, two NSAIDs) and the
CDC 2022 factors for morphine (1 per mg a day) and transdermal fentanyl (2.4 per microgram an hour), so every
total below can be re-done by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from legpain_desktop.core.dosing.interactions import DrugIdentity, InteractionChecker
from legpain_desktop.core.dosing.medicines import parse_medicine
from legpain_desktop.core.dosing.opioids import MmeLine
from legpain_desktop.core.dosing.regimen import (
    DosedDrug,
    RegimenMedicine,
    RegimenReview,
    describe_medicine,
    opioid_unit,
    review_regimen,
)

PATCH = "transdermal patch, micrograms an hour"
MONOGRAPHS = {
    "morphine": ["opioid"],
    "fentanyl": ["opioid"],
    "gabapentin": ["gabapentinoid", "antiepileptic"],
    "paracetamol": ["analgesic"],
    "aspirin": ["nsaid", "antiplatelet"],
    "ibuprofen": ["nsaid"],
}
RULE = {
    "id": "opioid-benzodiazepine", "groups": [{"classes": ["opioid"]}, {"classes": ["benzodiazepine"]}],
    "severity": "major", "status": "G", "message": "Breathing depression.", "action": "Avoid.", "source": "R-1",
}  # fmt: skip
NSAID_PAIR = {
    "id": "nsaid-pair", "groups": [{"classes": ["nsaid"]}, {"classes": ["nsaid"]}], "severity": "major",
    "status": "G", "message": "Two NSAIDs.", "action": "Use one.", "source": "R-1",
}  # fmt: skip
OPIOID_TABLE = {
    "source": "CDC-2022",
    "disclaimer": "Estimates only.",
    "factors": {
        "morphine": {"factor": 1, "unit": "mg/day", "source": "CDC-2022", "status": "G"},
        "fentanyl": {"factor": 2.4, "unit": "mcg/h", "source": "CDC-2022", "status": "G", "note": PATCH,
                     "not_for": ["Actiq"]},
    },
    "thresholds": [{"at": 50, "severity": "moderate", "message": "50 or more."},
                   {"at": 90, "severity": "major", "message": "90 or more."}],
    "naloxone": {"advice": "Discuss naloxone.", "with_risk": "Offer naloxone.",
                 "risk_classes": ["benzodiazepine", "gabapentinoid"]},
}  # fmt: skip


def _checker(opioids: bool = True) -> InteractionChecker:
    data: dict[str, Any] = {
        "sources": {"CDC-2022": "CDC 2022.", "R-1": "A reference."},
        "other_drugs": {"diazepam": {"classes": ["benzodiazepine"], "brands": ["Valium"]}, "omeprazole": ["ppi"]},
        "app_drugs": {"fentanyl": {"brands": ["Actiq", "Durogesic"]}},
        "rules": [RULE, NSAID_PAIR],
    }
    if opioids:
        data["opioid_equivalence"] = OPIOID_TABLE
    return InteractionChecker(MONOGRAPHS, data)


CHECKER = _checker()
NO_TABLE = _checker(opioids=False)


def _mme_line(review: RegimenReview, i: int = 0) -> MmeLine:
    assert review.mme is not None
    return review.mme.lines[i]


# --------------------------------------------------------------------------- one entry


def test_a_known_entry_is_read_and_recognised_without_suggestions() -> None:
    medicine = describe_medicine(CHECKER, "Valium 5mg tds")
    assert medicine == RegimenMedicine(
        parse_medicine("Valium 5mg tds"), DrugIdentity("diazepam", frozenset({"benzodiazepine"})), ()
    )
    assert medicine.checked and not medicine.is_opioid


def test_an_unknown_entry_is_kept_with_the_close_names() -> None:
    medicine = describe_medicine(CHECKER, "morphin 10mg")
    assert medicine == RegimenMedicine(parse_medicine("morphin 10mg"), None, ("morphine",))
    assert not medicine.checked and not medicine.is_opioid
    assert medicine.unchecked_message() == (
        "'morphin 10mg' was not recognised, so it was NOT checked for interactions (nor counted in any opioid "
        "total). Did you mean 'morphine'? Check it yourself, or correct the name."
    )


def test_the_unchecked_message_lists_every_suggestion_and_cuts_the_entry_at_60_characters() -> None:
    text = "x" * 60 + "TAIL"
    medicine = RegimenMedicine(parse_medicine(text), None, ("diazepam", "Valium"))
    assert medicine.unchecked_message() == (
        f"'{'x' * 60}' was not recognised, so it was NOT checked for interactions (nor counted in any opioid "
        "total). Did you mean 'diazepam' or 'Valium'? Check it yourself, or correct the name."
    )
    bare = RegimenMedicine(parse_medicine("zzzz"), None)
    assert bare.unchecked_message() == (
        "'zzzz' was not recognised, so it was NOT checked for interactions (nor counted in any opioid total). "
        "Check it yourself, or correct the name."
    )


@pytest.mark.parametrize(
    ("text", "unit"),
    [("morphine 10mg", "mg/day"), ("Durogesic 25", "mcg/h"), ("diazepam", None), ("paracetamol", None),
     ("qqqq", None)],
)  # fmt: skip
def test_an_opioids_dose_is_entered_in_its_factors_unit(text: str, unit: str | None) -> None:
    assert opioid_unit(CHECKER, describe_medicine(CHECKER, text)) == unit


def test_without_an_opioid_table_no_unit_is_known() -> None:
    assert opioid_unit(NO_TABLE, describe_medicine(NO_TABLE, "morphine")) is None


# --------------------------------------------------------------------------- the whole list


def test_the_review_describes_every_entry_skipping_blank_ones() -> None:
    review = review_regimen(CHECKER, ["omeprazole 20mg", "  ", "", "qqqq"])
    assert review.medicines == (
        describe_medicine(CHECKER, "omeprazole 20mg"),
        describe_medicine(CHECKER, "qqqq"),
    )
    assert review.unchecked == (describe_medicine(CHECKER, "qqqq"),)
    assert review.interactions == () and review.mme is None


def test_an_interaction_is_found_among_the_entries_alone() -> None:
    review = review_regimen(CHECKER, ["diazepam 5mg", "qqqq", "morphine 10mg qds"])
    assert [(h.rule.id, set(h.drugs)) for h in review.interactions] == [
        ("opioid-benzodiazepine", {"diazepam", "morphine"})
    ]


def test_an_interaction_with_the_dosed_drug_is_found() -> None:
    dosed = DosedDrug("morphine", "Morphine", 40.0, "the proposed dose")
    review = review_regimen(CHECKER, ["Valium 2mg"], dosed)
    assert [(h.rule.id, set(h.drugs)) for h in review.interactions] == [
        ("opioid-benzodiazepine", {"diazepam", "morphine"})
    ]
    assert review_regimen(CHECKER, [], dosed).interactions == ()


def test_morphine_10_mg_four_times_a_day_with_diazepam_is_40_mme_and_naloxone_is_offered() -> None:
    """10 mg x 4 = 40 mg a day x 1 = 40 MME/day, below 50, but with a benzodiazepine (CDC 2022, rec. 8)."""
    review = review_regimen(CHECKER, ["diazepam 5mg", "morphine 10mg qds"])
    assert review.mme is not None and review.mme.total == 40.0 and review.mme.band is None
    assert review.mme.offer_naloxone and review.mme.alerts[-1].message == "Offer naloxone."
    assert _mme_line(review) == MmeLine(
        "morphine", "morphine", 40.0, "mg/day", 1.0, 40.0, "CDC-2022", "as entered ('morphine 10mg qds')", ""
    )


def test_a_non_opioid_before_an_opioid_does_not_stop_the_count() -> None:
    review = review_regimen(CHECKER, ["paracetamol 1g qds", "omeprazole", "morphine 10mg qds"])
    assert review.mme is not None and review.mme.total == 40.0
    assert [x.drug_id for x in review.mme.lines] == ["morphine"]  # only opioids are lines of the total
    assert not review.mme.offer_naloxone and review.mme.alerts[-1].message == "Discuss naloxone."


def test_an_opioid_entered_without_a_dose_is_not_counted_as_zero() -> None:
    review = review_regimen(CHECKER, ["morphine"])
    assert review.mme is not None and review.mme.total is None
    assert _mme_line(review) == MmeLine(
        "morphine", "morphine", None, "mg/day", 1.0, None, "CDC-2022", "no dose entered",
        "no daily dose given (enter it in mg a day)",
    )  # fmt: skip


def test_a_dose_taken_as_needed_says_why_it_is_not_counted() -> None:
    entered = parse_medicine("morphine 10mg prn")
    assert entered.daily_amount is None and entered.dose_problem
    review = review_regimen(CHECKER, ["morphine 10mg prn"])
    assert review.mme is not None and review.mme.missing == (f"morphine: {entered.dose_problem}",)
    assert _mme_line(review).basis == "as entered ('morphine 10mg prn')"


def test_a_patch_is_counted_in_micrograms_an_hour_and_a_dose_in_mg_is_not() -> None:
    """Fentanyl 25 mcg/h x 2.4 = 60 MME/day; "25 mg daily" is in the wrong unit for the patch factor."""
    patch = review_regimen(CHECKER, ["Durogesic 25mcg/h"])
    assert patch.mme is not None and patch.mme.total == 60.0
    assert _mme_line(patch) == MmeLine(
        "fentanyl", "Durogesic", 25.0, "mcg/h", 2.4, 60.0, "CDC-2022", "as entered ('Durogesic 25mcg/h')", PATCH
    )
    wrong = review_regimen(CHECKER, ["fentanyl 25 mg daily"])
    assert wrong.mme is not None and wrong.mme.total is None
    assert _mme_line(wrong).note == "the dose is in mg a day, but the factor needs micrograms an hour"


def test_a_brand_the_factor_does_not_cover_is_named() -> None:
    review = review_regimen(CHECKER, ["Actiq 200 mcg/h"])
    assert review.mme is not None and review.mme.total is None
    assert review.mme.missing == (f"Actiq: {PATCH} (Actiq is not covered by this factor)",)


def test_the_dosed_opioid_is_counted_at_the_proposed_dose_and_once() -> None:
    """Dosed morphine 60 mg a day (the result's dose) + fentanyl 25 mcg/h (60) = 120 MME/day; the morphine
    also typed in the list (40 mg a day) is not counted again."""
    dosed = DosedDrug("morphine", "Morphine sulfate", 60.0, "the proposed dose")
    review = review_regimen(CHECKER, ["morphine 10mg qds", "fentanyl 25mcg/h"], dosed)
    assert review.mme is not None and review.mme.total == 120.0 and review.mme.band == 90.0
    assert _mme_line(review) == MmeLine(
        "morphine", "Morphine sulfate", 60.0, "mg/day", 1.0, 60.0, "CDC-2022", "the proposed dose", ""
    )
    assert [x.drug_id for x in review.mme.lines] == ["morphine", "fentanyl"]


def test_a_dosed_opioid_without_a_proposed_dose_is_missing() -> None:
    review = review_regimen(CHECKER, [], DosedDrug("morphine", "Morphine", None, "no dose proposed"))
    assert review.mme is not None and review.mme.total is None
    assert review.mme.missing == ("Morphine: no daily dose given (enter it in mg a day)",)


def test_a_dosed_drugs_daily_amount_is_in_mg_never_in_a_patchs_unit() -> None:
    review = review_regimen(CHECKER, [], DosedDrug("fentanyl", "Fentanyl", 1.2, "the proposed dose"))
    assert _mme_line(review) == MmeLine(
        "fentanyl", "Fentanyl", 1.2, "mg/day", 2.4, None, "CDC-2022", "the proposed dose",
        "the dose is in mg a day, but the factor needs micrograms an hour",
    )  # fmt: skip


def test_a_dosed_drug_that_is_not_an_opioid_is_not_counted() -> None:
    dosed = DosedDrug("paracetamol", "Paracetamol", 4000.0, "the proposed dose")
    assert review_regimen(CHECKER, [], dosed).mme is None
    review = review_regimen(CHECKER, ["morphine 10mg qds"], dosed)
    assert review.mme is not None and [x.drug_id for x in review.mme.lines] == ["morphine"]


def test_naloxone_risk_counts_the_dosed_drugs_classes_and_the_entries() -> None:
    """Morphine 40 MME/day is below 50: the raised risk comes from the gabapentinoid or the benzodiazepine."""
    gabapentin = DosedDrug("gabapentin", "Gabapentin", 900.0, "the proposed dose")
    assert review_regimen(CHECKER, ["morphine 10mg qds"], gabapentin).mme.offer_naloxone  # type: ignore[union-attr]
    paracetamol = DosedDrug("paracetamol", "Paracetamol", 4000.0, "the proposed dose")
    with_diazepam = review_regimen(CHECKER, ["diazepam 2mg", "morphine 10mg qds"], paracetamol)
    assert with_diazepam.mme is not None and with_diazepam.mme.offer_naloxone
    alone = review_regimen(CHECKER, ["omeprazole", "morphine 10mg qds"], paracetamol)
    assert alone.mme is not None and not alone.mme.offer_naloxone


def test_an_unrecognised_entry_does_not_stop_the_review() -> None:
    review = review_regimen(CHECKER, ["qqqq", "diazepam", "morphine 10mg qds"])
    assert review.mme is not None and review.mme.total == 40.0 and review.mme.offer_naloxone


def test_without_an_opioid_table_there_is_no_total() -> None:
    review = review_regimen(NO_TABLE, ["morphine 10mg qds"], DosedDrug("morphine", "Morphine", 40.0, "dose"))
    assert review.mme is None
    assert [h.rule.id for h in review_regimen(NO_TABLE, ["morphine", "diazepam"]).interactions] == [
        "opioid-benzodiazepine"
    ]


# --------------------------------------------------------------------------- low-dose aspirin

# Aspirin at an antiplatelet dose, 150 mg a day or less (BNF: 75 mg daily), is not an NSAID for the
# interaction rules; a single dose written without a frequency counts when it is itself 150 mg or less.
# Only the NSAID class is checked: other classes a dose may add (for other rules) are not this rule's.
ASPIRIN = frozenset({"nsaid", "antiplatelet"})


@pytest.mark.parametrize(
    ("text", "nsaid"),
    [
        ("aspirin 75 mg daily", False),
        ("aspirin 0.075 g daily", False),
        ("aspirin 150 mg daily", False),  # on the limit
        ("aspirin 150.5 mg daily", True),  # just above
        ("aspirin 75 mg bd", False),  # 150 mg a day
        ("aspirin 100 mg bd", True),  # 200 mg a day, although each dose is below 150
        ("aspirin:75", False),  # in its own unit, mg a day
        ("aspirin 75mg", False),  # one dose, no frequency
        ("aspirin 150MG", False),
        ("aspirin 150.5mg", True),
        ("aspirin 300mg", True),
        ("aspirin 75mcg/h", True),  # not an amount in mg
    ],
)
def test_low_dose_aspirin_is_not_an_nsaid(text: str, nsaid: bool) -> None:
    medicine = describe_medicine(CHECKER, text)
    assert medicine.identity is not None and medicine.identity.id == "aspirin"
    assert ("nsaid" in medicine.identity.classes) is nsaid
    assert "antiplatelet" in medicine.identity.classes and medicine.suggestions == ()


def test_aspirin_without_a_dose_and_other_drugs_keep_their_classes() -> None:
    """Without a dose analgesic aspirin cannot be ruled out; the rule is for aspirin only."""
    assert describe_medicine(CHECKER, "aspirin").identity == DrugIdentity("aspirin", ASPIRIN)
    assert describe_medicine(CHECKER, "ibuprofen 100 mg daily").identity == DrugIdentity(
        "ibuprofen", frozenset({"nsaid"})
    )


def test_low_dose_aspirin_with_an_nsaid_is_not_an_nsaid_pair() -> None:
    low = review_regimen(CHECKER, ["aspirin 75 mg daily", "ibuprofen 400mg tds"])
    assert low.interactions == ()
    high = review_regimen(CHECKER, ["aspirin 600 mg qds", "ibuprofen 400mg tds"])
    assert [(h.rule.id, set(h.drugs)) for h in high.interactions] == [("nsaid-pair", {"aspirin", "ibuprofen"})]
    dosed = review_regimen(CHECKER, ["aspirin 75mg"], DosedDrug("ibuprofen", "Ibuprofen", 1200.0, "dose"))
    assert dosed.interactions == ()
