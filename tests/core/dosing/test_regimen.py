"""The patient's medicines as a whole (issue 12 items 3 and 4, issue 17 item 6).

An unknown co-medication is shown as not checked and never hides the dose; a dose written after
a name is read; every interaction among all the medicines is listed once, most severe first;
the morphine-equivalent total uses the CDC 2022 factors from content and never counts an opioid
of unknown dose as zero. Invariants (marked) let Hypothesis hunt for counter-examples.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legpain_desktop.cli_dosing import dose_json, regimen_json
from legpain_desktop.core.dosing.consultation import DoseRequest, consult_dose, dosed_drug, with_regimen_flags
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.interactions import InteractionChecker, normalise_name
from legpain_desktop.core.dosing.medicines import parse_medicine, strip_formulation
from legpain_desktop.core.dosing.opioids import (
    MmeTotal,
    OpioidTaken,
    format_mme,
    morphine_equivalents,
    parse_opioid_table,
)
from legpain_desktop.core.dosing.regimen import DosedDrug, describe_medicine, opioid_unit, review_regimen
from legpain_desktop.core.dosing.report import (
    dosing_note_text,
    dosing_sheet_html,
    medicines_text,
    mme_html,
    other_drugs_text,
    regimen_interactions_html,
)
from legpain_desktop.core.dosing.schema import DosingDataError
from legpain_desktop.core.dosing.titration import RegimenCheck
from tests.core.dosing.conftest import patient
from tests.core.dosing.test_interactions import shipped_checker, shipped_corpus

INVARIANT_EXAMPLES = int(os.environ.get("LEGPAIN_INVARIANT_EXAMPLES", "1000"))
PATIENT = {"age": 60, "sex": "male", "weight": 75, "height": 175, "scr": 1.0}


def request(drug: str, *others: str, **changes: Any) -> DoseRequest:
    return DoseRequest(drug=drug, other_drugs=others, **{**PATIENT, **changes})


def mme_of(formulary: Formulary, *texts: str) -> MmeTotal:
    review = review_regimen(formulary.checker, texts)
    assert review.mme is not None
    return review.mme


# --------------------------------------------------------------------------- reading what was typed


@pytest.mark.parametrize(
    ("text", "name", "amount", "unit"),
    [
        ("aspirin 75mg", "aspirin", None, None),
        ("aspirin 75 mg daily", "aspirin", 75, "mg/day"),
        ("oxycodone 40mg/day", "oxycodone", 40, "mg/day"),
        ("oxycodone 40 mg a day", "oxycodone", 40, "mg/day"),
        ("oxycodone:40", "oxycodone", 40, None),
        ("oxycodone 20mg bd", "oxycodone", 40, "mg/day"),
        ("oxycodone MR 20 mg twice daily", "oxycodone MR", 40, "mg/day"),
        ("oxycodone 20mg bd mr", "oxycodone", 40, "mg/day"),
        ("tramadol 50mg q6h", "tramadol", 200, "mg/day"),
        ("oxycodone 10 mg every 4 hours", "oxycodone", 60, "mg/day"),
        ("codeine 30 mg 4 times a day", "codeine", 120, "mg/day"),
        ("morphine 10mg x4", "morphine", 40, "mg/day"),
        ("paracetamol 1g qds", "paracetamol", 4000, "mg/day"),
        ("fentanyl 25mcg/h", "fentanyl", 25, "mcg/h"),
        ("fentanyl 25 micrograms per hour", "fentanyl", 25, "mcg/h"),
        ("fentanyl 0.025 mg/h", "fentanyl", 25, "mcg/h"),
        ("buprenorphine 400 micrograms daily", "buprenorphine", 0.4, "mg/day"),
        ("metformin", "metformin", None, None),
        ("St. John's wort", "St. John's wort", None, None),
    ],
)
def test_the_dose_after_a_name_is_read_as_an_amount_per_day(
    text: str, name: str, amount: float | None, unit: str | None
) -> None:
    entered = parse_medicine(text)
    assert entered.name == name
    assert entered.daily_amount == (pytest.approx(amount) if amount is not None else None)
    assert entered.unit == unit


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("oxycodone 10mg prn", "taken as needed"),
        ("oxycodone 10mg", "is one dose: say how often"),
        ("oxycodone 1 tablet twice daily", "gives no unit"),  # never read as 2 mg
        ("co-codamol 30/500", "gives no unit"),
        ("oxycodone 5mg weekly", "could not read how often"),
        ("oxycodone 5mg every 5 hours", "could not read how often"),
    ],
)
def test_a_dose_that_does_not_say_the_daily_amount_is_not_guessed(text: str, problem: str) -> None:
    entered = parse_medicine(text)
    assert entered.daily_amount is None and problem in entered.dose_problem and entered.dose_given


def test_chart_words_after_a_name_are_ignored_for_matching() -> None:
    assert strip_formulation("oxycodone MR") == "oxycodone"
    assert strip_formulation("MR") == "MR"
    checker = shipped_checker()
    for text in ("aspirin 75mg", "aspirin 75 mg daily", "Oxycodone MR 20 mg bd", "MST Continus 30mg bd"):
        assert checker.find(text) is not None, text
    assert checker.identify("aspirin 75mg").id == "aspirin"


# --------------------------------------------------------------------------- unknown co-medication (issue 17)


@pytest.mark.parametrize("unknown", ["snake oil", "metfornin", "aspirine 75mg"])
def test_an_unknown_co_medication_never_hides_the_dose(formulary: Formulary, unknown: str) -> None:
    c = consult_dose(formulary, request("tramadol", "sertraline", unknown))
    assert c.ok and c.result is not None and c.result.daily_dose_mg is not None
    assert c.medicines is not None and [m.entered.text for m in c.medicines.unchecked] == [unknown]
    flags = [f for f in c.result.flags if f.kind == "unchecked"]
    assert len(flags) == 1 and flags[0].severity == "major"
    assert f"'{unknown}' was not recognised, so it was NOT checked for interactions" in flags[0].message
    assert "legpain-desktop" not in flags[0].message  # no pointer to a command line
    assert any(f.kind == "interaction" and "sertraline" in f.message for f in c.result.flags)
    assert c.patient is not None and c.patient.other_drugs == ("sertraline",)


def test_the_consultation_still_names_a_bad_indication_and_its_row(formulary: Formulary) -> None:
    bad = consult_dose(formulary, request("pregabalin", "metfornin", indication="nope"))
    assert not bad.ok and "has no indication 'nope'" in bad.errors["indication"]
    good = consult_dose(formulary, request("pregabalin", "metfornin"))
    assert good.highlight_band is not None and good.highlight_band.startswith("CrCl")


def test_did_you_mean_is_offered_for_a_close_name(formulary: Formulary) -> None:
    medicine = describe_medicine(formulary.checker, "metfornin")
    assert not medicine.checked and "metformin" in medicine.suggestions
    assert "Did you mean 'metformin'" in medicine.unchecked_message()
    assert describe_medicine(formulary.checker, "zzzz qqq").suggestions == ()


@pytest.mark.parametrize(
    "name",
    ["metformin", "amlodipine", "bisoprolol", "levothyroxine", "Adcal-D3", "folic acid", "Movicol", "Gaviscon",
     "salbutamol", "donepezil", "co-codamol", "Buscopan", "GTN", "insulin aspart", "vitamin B12", "Imodium"],
)  # fmt: skip
def test_everyday_medicines_are_in_the_vocabulary(name: str) -> None:
    assert shipped_checker().find(name) is not None


def test_the_vocabulary_holds_at_least_150_medicines_beyond_the_apps_own() -> None:
    assert len(shipped_checker().vocabulary) >= 150 + 150  # issue 12 asked for 150; issue 17 added more


# --------------------------------------------------------------------------- every interaction among all


def test_the_regimen_view_lists_pairs_that_do_not_involve_the_dosed_drug(formulary: Formulary) -> None:
    c = consult_dose(formulary, request("acetaminophen", "oxycodone", "diazepam", "metformin"))
    assert c.medicines is not None
    pairs = {(h.rule.id, frozenset(h.drugs)) for h in c.medicines.interactions}
    assert ("opioid-benzodiazepine", frozenset({"oxycodone", "diazepam"})) in pairs
    # the dose's own flags are only those involving the dosed drug
    assert c.result is not None and not any("diazepam" in f.message for f in c.result.flags if f.kind == "interaction")


def test_the_regimen_view_is_most_severe_first_and_reported_once() -> None:
    hits = shipped_checker().interactions_among(["tramadol", "phenelzine", "sertraline", "ibuprofen", "apixaban"])
    ranks = [("contraindicated", "major", "moderate").index(h.rule.severity) for h in hits]
    assert ranks == sorted(ranks) and ranks[0] == 0
    keys = [(h.rule.id, frozenset(h.drugs)) for h in hits]
    assert len(keys) == len(set(keys))


def test_an_override_still_replaces_the_general_rule_across_the_regimen() -> None:
    ids = {h.rule.id for h in shipped_checker().interactions_among(["sertraline", "rasagiline"])}
    assert "antidepressant-mao-b" in ids and "antidepressant-maoi" not in ids


def test_the_regimen_of_nothing_is_empty(formulary: Formulary) -> None:
    review = review_regimen(formulary.checker, ["", "  "])
    assert review.medicines == () and review.interactions == () and review.mme is None
    assert review_regimen(formulary.checker, ["metformin"]).mme is None


def test_paracetamol_in_two_products_is_a_major_flag(formulary: Formulary) -> None:
    c = consult_dose(formulary, request("acetaminophen", "co-codamol"))
    assert c.result is not None
    assert any(f.kind == "interaction" and f.severity == "major" and "contain paracetamol" in f.message
               for f in c.result.flags)  # fmt: skip


# --------------------------------------------------------------------------- MME: the CDC 2022 factors


CDC_2022 = {
    "codeine": (0.15, "mg/day"),
    "fentanyl": (2.4, "mcg/h"),
    "hydrocodone": (1.0, "mg/day"),
    "hydromorphone": (5.0, "mg/day"),
    "methadone": (4.7, "mg/day"),
    "morphine": (1.0, "mg/day"),
    "oxycodone": (1.5, "mg/day"),
    "oxymorphone": (3.0, "mg/day"),
    "tapentadol": (0.4, "mg/day"),
    "tramadol": (0.2, "mg/day"),
}
# combination products take their opioid's factor, applied to the opioid content only
COMBINATIONS = {"co-codamol": (0.15, "mg/day"), "oxycodone-paracetamol": (1.5, "mg/day"),
                "hydrocodone-paracetamol": (1.0, "mg/day")}  # fmt: skip


def test_the_factors_are_the_cdc_2022_table_each_with_its_source() -> None:
    """Dowell et al., MMWR Recomm Rep 2022;71(3), Table: pinned here as printed."""
    table = shipped_checker().opioids
    assert table is not None
    assert {d: (f.factor, f.unit) for d, f in table.factors.items()} == {**CDC_2022, **COMBINATIONS}
    assert {f.source for f in table.factors.values()} == {"CDC-2022"}
    assert "MMWR Recomm Rep 2022;71" in shipped_checker().sources["CDC-2022"]
    assert "buprenorphine" in table.excluded and "not included in the MME total" in table.excluded["buprenorphine"]
    assert [(t.at, t.severity) for t in table.thresholds] == [(50, "moderate"), (90, "major")]
    assert {"benzodiazepine", "gabapentinoid"} <= table.risk_classes


@pytest.mark.parametrize(("drug", "daily"), [(d, 10.0) for d in CDC_2022])
def test_each_opioid_converts_with_its_factor(formulary: Formulary, drug: str, daily: float) -> None:
    factor, unit = CDC_2022[drug]
    mme = mme_of(formulary, f"{drug} {daily:g} {'mcg/h' if unit == 'mcg/h' else 'mg/day'}")
    assert mme.total == pytest.approx(daily * factor)
    assert mme.lines[0].factor == factor and mme.lines[0].source == "CDC-2022"


def test_worked_examples_from_the_cdc_table_notes(formulary: Formulary) -> None:
    # hydrocodone 5 mg four times a day = 20 MME; oxycodone 10 mg twice a day = 30 MME
    assert mme_of(formulary, "hydrocodone 5 mg qds").total == pytest.approx(20)
    assert mme_of(formulary, "oxycodone 10 mg bd").total == pytest.approx(30)
    assert mme_of(formulary, "fentanyl 25 mcg/h").total == pytest.approx(60)


def test_an_opioid_without_a_dose_is_never_counted_as_zero(formulary: Formulary) -> None:
    mme = mme_of(formulary, "oxycodone 40mg/day", "morphine")
    assert mme.total is None and not mme.complete and mme.known == pytest.approx(60)
    assert any("morphine" in m and "no daily dose given" in m for m in mme.missing)
    assert "incomplete: at least 60 MME/day counted" in mme.summary()
    alert = next(a for a in mme.alerts if "incomplete" in a.message)
    assert alert.severity == "major" and "not counted as zero" in alert.message
    assert any(a.severity == "moderate" and "at least 60 MME/day" in a.message for a in mme.alerts)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("oxycodone 10mg prn", "taken as needed"),
        ("fentanyl 100mg/day", "the factor needs micrograms an hour"),
        ("Actiq 200mcg/h", "not covered by this factor"),
        ("dihydrocodeine 120mg/day", "gives no factor for dihydrocodeine"),
        ("co-codamol 30/500", "enter the codeine content per day"),
        ("pethidine 100mg/day", "gives no factor for pethidine"),
    ],
)
def test_each_reason_a_total_is_incomplete_is_said(formulary: Formulary, text: str, why: str) -> None:
    mme = mme_of(formulary, text)
    assert mme.total is None and any(why in m for m in mme.missing), mme.missing


def test_buprenorphine_is_named_but_not_counted_and_the_total_stays_complete(formulary: Formulary) -> None:
    mme = mme_of(formulary, "buprenorphine 10 mcg/h", "oxycodone 20mg/day")
    assert mme.total == pytest.approx(30) and mme.complete
    line = next(x for x in mme.lines if x.drug_id == "buprenorphine")
    assert line.mme is None and "CDC 2022 leaves buprenorphine out" in line.note


def test_buprenorphine_alone_gives_no_total_never_zero_and_naloxone_is_offered(formulary: Formulary) -> None:
    mme = mme_of(formulary, "buprenorphine 16 mg/day")
    assert mme.total is None and mme.complete and mme.summary().startswith("no total: buprenorphine")
    assert "No MME total" in mme_html(mme) and " 0 MME" not in mme_html(mme) and ">0 MME" not in mme_html(mme)
    assert mme.alerts[-1].severity == "moderate" and "opioid use disorder" in mme.alerts[-1].message
    assert dose_json(consult_dose(formulary, request("gabapentin", "Butrans 10 mcg/h")))["mme_per_day"] is None


@pytest.mark.parametrize(
    ("daily", "severity", "words"),
    [(30, "info", None), (49.9, "info", None), (50, "moderate", "50 MME/day or more"),
     (89.9, "moderate", "50 MME/day or more"), (90, "major", "90 MME/day or more")],
)  # fmt: skip
def test_thresholds_at_50_and_90(formulary: Formulary, daily: float, severity: str, words: str | None) -> None:
    mme = mme_of(formulary, f"morphine {daily:g} mg/day")
    reached = list(mme.alerts[:-1])  # the last is the naloxone advice
    if words is None:
        assert reached == []
    else:
        assert len(reached) == 1 and reached[0].severity == severity and words in reached[0].message
        assert "careful evaluation" in reached[0].message or daily < 90
    naloxone = mme.alerts[-1]
    assert "naloxone" in naloxone.message.lower() and "recommendation 8" in naloxone.message
    assert naloxone.severity == ("info" if daily < 50 else "moderate")


@pytest.mark.parametrize("other", ["diazepam", "zopiclone", "pregabalin"])
def test_naloxone_is_offered_with_a_benzodiazepine_or_gabapentinoid(formulary: Formulary, other: str) -> None:
    mme = mme_of(formulary, "codeine 60mg/day", other)
    assert mme.alerts[-1].severity == "moderate" and "Offer naloxone" in mme.alerts[-1].message


def test_the_dosed_opioid_counts_at_its_proposed_maximum_and_says_so(formulary: Formulary) -> None:
    c = consult_dose(formulary, request("tramadol", "oxycodone 40mg/day"))
    assert c.medicines is not None and c.medicines.mme is not None and c.result is not None
    tramadol = next(x for x in c.medicines.mme.lines if x.drug_id == "tramadol")
    assert tramadol.amount == c.result.max_daily_mg and tramadol.basis == "the proposed maximum daily dose"
    assert c.medicines.mme.total == pytest.approx(c.result.max_daily_mg * 0.2 + 60)
    assert any(f.kind == "opioid" and "naloxone" in f.message.lower() for f in c.result.flags)


def test_the_dosed_opioid_entered_again_is_counted_once(formulary: Formulary) -> None:
    c = consult_dose(formulary, request("tramadol", "tramadol 400mg/day"))
    assert c.medicines is not None and c.medicines.mme is not None
    assert [x.drug_id for x in c.medicines.mme.lines] == ["tramadol"]


def test_a_regimen_being_checked_is_the_number_counted(formulary: Formulary) -> None:
    c = consult_dose(formulary, request("tramadol", regimen_dose=50, regimen_times=4))
    assert c.medicines is not None and c.medicines.mme is not None
    assert c.medicines.mme.lines[0].basis == "the regimen being checked" and c.medicines.mme.total == 40


def test_what_the_dosed_drug_counts_for_in_each_case(formulary: Formulary) -> None:
    c = consult_dose(formulary, request("tramadol"))
    assert c.result is not None
    avoid = replace(c.result, avoid=True)
    assert dosed_drug(avoid, None).daily_mg == 0 and "avoid" in dosed_drug(avoid, None).basis
    assert dosed_drug(c.result, RegimenCheck("within range", 150, "")).daily_mg == 150
    no_max = replace(c.result, max_daily_mg=None)
    assert dosed_drug(no_max, None).basis == "the top of the proposed daily range"
    nothing = replace(no_max, daily_dose_mg=None)
    d = dosed_drug(nothing, None)
    assert d.daily_mg is None and d.basis == "no daily dose in the result"
    review = review_regimen(formulary.checker, [], DosedDrug("tramadol", "Tramadol", None, d.basis))
    assert review.mme is not None and review.mme.total is None


def test_morphine_avoided_counts_as_nothing_proposed(formulary: Formulary) -> None:
    c = consult_dose(formulary, request("morphine", "oxycodone 20mg/day", scr=4.0))
    assert c.result is not None and c.result.avoid
    assert c.medicines is not None and c.medicines.mme is not None and c.medicines.mme.total == pytest.approx(30)


def test_no_opioid_no_total_and_nothing_added(formulary: Formulary) -> None:
    c = consult_dose(formulary, request("gabapentin", "metformin"))
    assert c.medicines is not None and c.medicines.mme is None
    assert c.result is not None and with_regimen_flags(c.result, c.medicines) is c.result
    assert "mme_per_day" not in dose_json(c)


def test_opioid_unit_for_the_chip(formulary: Formulary) -> None:
    checker = formulary.checker
    assert opioid_unit(checker, describe_medicine(checker, "fentanyl")) == "mcg/h"
    assert opioid_unit(checker, describe_medicine(checker, "oxycodone")) == "mg/day"
    assert opioid_unit(checker, describe_medicine(checker, "buprenorphine")) is None
    assert opioid_unit(checker, describe_medicine(checker, "snake oil")) is None
    bare = InteractionChecker({"a": ["opioid"]}, {})
    assert bare.opioids is None and opioid_unit(bare, describe_medicine(bare, "a")) is None
    assert review_regimen(bare, ["a"]).mme is None


# --------------------------------------------------------------------------- the content is checked


def _table(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "source": "S",
        "disclaimer": "d",
        "factors": {"a": {"factor": 1, "unit": "mg/day", "source": "S", "status": "G"}},
        "excluded": {"b": "why"},
        "thresholds": [{"at": 50, "severity": "moderate", "message": "m"}],
        "naloxone": {"advice": "x", "with_risk": "y", "risk_classes": ["z"]},
    }
    base.update(changes)
    return {"opioid_equivalence": base}


OPIOIDS = {"a": frozenset({"opioid"}), "b": frozenset({"opioid"}), "c": frozenset({"nsaid"})}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"opioid_equivalence": []}, "needs 'factors'"),
        (_table(factors={"a": 1}), "each factor is a mapping"),
        (_table(factors={"a": {"factor": 0, "unit": "mg/day", "source": "S", "status": "G"}}), "positive number"),
        (_table(factors={"a": {"factor": True, "unit": "mg/day", "source": "S", "status": "G"}}), "positive number"),
        (_table(factors={"a": {"factor": 1, "unit": "mg", "source": "S", "status": "G"}}), "'unit' must be"),
        (_table(factors={"a": {"factor": 1, "unit": "mg/day", "source": "S", "status": "Q"}}), "status must be"),
        (_table(factors={"a": {"factor": 1, "unit": "mg/day", "status": "G"}}), "'source' is required"),
        (_table(excluded={"b": ""}), "reason in words"),
        (_table(thresholds=[{"at": 50, "severity": "low", "message": "m"}]), "severity must be"),
        (_table(thresholds=[{"at": -1, "severity": "major", "message": "m"}]), "positive number of MME"),
        (
            _table(
                thresholds=[
                    {"at": 90, "severity": "major", "message": "m"},
                    {"at": 50, "severity": "moderate", "message": "m"},
                ]
            ),
            "must rise",
        ),
        (_table(naloxone=None), "needs 'advice'"),
        (_table(disclaimer=""), "'disclaimer' is required"),
        (_table(no_factor={"a": "x"}), "listed twice"),
        (_table(no_factor={"zz": "x"}), "not a known drug"),
        (_table(no_factor={"c": "x"}), "not in the opioid class"),
        (_table(excluded={}), "opioid 'b' has no factor"),
        (_table(source="T"), "source 'T' is not defined"),
    ],
)
def test_a_malformed_opioid_table_is_refused(data: dict[str, Any], message: str) -> None:
    with pytest.raises(DosingDataError, match=message):
        parse_opioid_table(data, OPIOIDS, {"s"}, normalise_name)


def test_a_well_formed_table_parses_and_an_absent_one_is_none() -> None:
    table = parse_opioid_table(_table(), OPIOIDS, {"s"}, normalise_name)
    assert table is not None and table.factors["a"].factor == 1.0
    assert parse_opioid_table({}, OPIOIDS, {"s"}, normalise_name) is None


def test_every_opioid_in_the_vocabulary_has_a_decision() -> None:
    checker = shipped_checker()
    table = checker.opioids
    assert table is not None
    opioids = {d for d in (*checker.monograph_classes, *checker.other_classes) if "opioid" in checker.classes_of(d)}
    assert opioids == set(table.factors) | set(table.excluded) | set(table.no_factor)


def test_the_content_validation_reports_a_broken_opioid_table() -> None:
    from legpain_desktop.core.dosing.content_checks import validate_interactions

    corpus = shipped_corpus()
    broken = dict(corpus.interactions)
    broken["opioid_equivalence"] = {**broken["opioid_equivalence"], "factors": {}}
    errors = validate_interactions(replace(corpus, interactions=broken))
    assert errors and "has no factor" in str(errors[0])


def test_morphine_equivalents_of_no_opioid_is_none(formulary: Formulary) -> None:
    assert formulary.checker.opioids is not None
    assert morphine_equivalents(formulary.checker.opioids, []) is None
    line = morphine_equivalents(formulary.checker.opioids, [OpioidTaken("pethidine", "pethidine", 100, None, "x")])
    assert line is not None and "gives no factor for pethidine" in line.missing[0]
    assert format_mme(59.999) == "59.99"  # cut, never rounded up past what was counted


# --------------------------------------------------------------------------- every view shows it


def test_the_sheet_and_note_show_the_regimen_view_and_the_mme_basis(formulary: Formulary) -> None:
    c = consult_dose(formulary, request("gabapentin", "oxycodone 20mg bd", "diazepam", "morphine", "snake oil"))
    assert c.patient and c.kidney and c.result and c.medicines
    sheet = dosing_sheet_html(c.patient, c.kidney, c.result, medicines=c.medicines)
    for text in ("Interactions among all the patient's medicines", "oxycodone + diazepam",
                 "Opioids: morphine-equivalent dose", "Total incomplete: at least 60 MME/day counted",
                 "oxycodone: 40 mg a day x 1.5 = 60 MME/day", "morphine: dose unknown, NOT COUNTED",
                 "NOT CHECKED", "snake oil (NOT CHECKED: not recognised)", "not a conversion chart"):  # fmt: skip
        assert text in sheet, text
    note = dosing_note_text(c.patient, c.kidney, c.result, medicines=c.medicines)
    for text in ("Opioids, morphine-equivalent dose: incomplete", "MAJOR oxycodone + diazepam",
                 "NOT CHECKED snake oil"):  # fmt: skip
        assert text in note, text


def test_a_complete_total_and_a_regimen_without_interactions(formulary: Formulary) -> None:
    review = review_regimen(formulary.checker, ["codeine 240mg/day"])
    assert review.mme is not None and review.mme.summary() == "36 MME/day"
    html = mme_html(review.mme)
    assert "Total: 36 MME/day" in html and "factor CDC-2022" in html
    assert "No interaction is listed" in regimen_interactions_html(review)
    assert regimen_interactions_html(None) == "" and mme_html(None) == ""
    assert regimen_interactions_html(review_regimen(formulary.checker, [])) == ""
    assert medicines_text(review_regimen(formulary.checker, ["metformin"])) == []
    assert other_drugs_text(patient(), review_regimen(formulary.checker, [])) == "none entered"
    assert other_drugs_text(patient(other_drugs=("x",))) == "x"
    assert "methadone: the factor is an estimate" in mme_html(review_regimen(formulary.checker, ["methadone:10"]).mme)


def test_dose_json_has_mme_per_day_or_null_with_a_reason(formulary: Formulary) -> None:
    known = dose_json(consult_dose(formulary, request("gabapentin", "oxycodone:40")))
    assert known["mme_per_day"] == 60 and known["mme"]["complete"]
    unknown = dose_json(consult_dose(formulary, request("gabapentin", "oxycodone")))
    assert unknown["mme_per_day"] is None and unknown["mme"]["incomplete_because"]
    assert any(
        i["rule"] == "gabapentinoid-opioid" and i["kind"] == "interaction" for i in unknown["regimen_interactions"]
    )
    json.dumps(unknown)  # all of it is JSON
    listed = regimen_json(review_regimen(formulary.checker, ["metfornin"]))
    assert listed["unchecked_medicines"] == [{"name": "metfornin", "did_you_mean": ["metformin", "melatonin"]}]


# --------------------------------------------------------------------------- invariants

OPIOID_TEXTS = sorted(CDC_2022)
OTHER_NAMES = ["metformin", "diazepam", "sertraline", "ibuprofen", "apixaban", "phenelzine", "pregabalin", "tramadol",
               "oxycodone", "warfarin", "clarithromycin", "lisinopril", "furosemide", "lithium", "buprenorphine",
               "co-codamol", "aspirin", "duloxetine", "gabapentin", "morphine", "linezolid", "zopiclone"]  # fmt: skip


def _dose_text(drug: str, amount: float) -> str:
    return f"{drug} {amount:g} {CDC_2022[drug][1]}"


@pytest.mark.invariants
def test_mme_never_falls_when_a_dose_rises_or_an_opioid_is_added(formulary: Formulary) -> None:
    @settings(max_examples=INVARIANT_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(st.tuples(st.sampled_from(OPIOID_TEXTS), st.integers(1, 400)), min_size=1, max_size=4),
        st.integers(0, 3),
        st.integers(1, 200),
        st.tuples(st.sampled_from(OPIOID_TEXTS), st.integers(1, 400)),
    )
    def check(doses: list[tuple[str, int]], which: int, rise: int, added: tuple[str, int]) -> None:
        base = mme_of(formulary, *(_dose_text(d, a) for d, a in doses))
        i = which % len(doses)
        higher = [(d, a + rise if j == i else a) for j, (d, a) in enumerate(doses)]
        raised = mme_of(formulary, *(_dose_text(d, a) for d, a in higher))
        more = mme_of(formulary, *(_dose_text(d, a) for d, a in [*doses, added]))
        assert base.total is not None and raised.total is not None and more.total is not None
        assert raised.total > base.total and more.total > base.total
        # an opioid without a dose never lowers the known part, and makes the total incomplete
        unknown = mme_of(formulary, *(_dose_text(d, a) for d, a in doses), added[0])
        assert unknown.total is None and unknown.known >= base.known - 1e-9

    check()


@pytest.mark.invariants
def test_the_regimen_view_is_symmetric_and_holds_every_pairwise_flag(formulary: Formulary) -> None:
    checker = formulary.checker

    @settings(max_examples=INVARIANT_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.sampled_from(OTHER_NAMES), min_size=2, max_size=5, unique=True), st.randoms())
    def check(names: list[str], rnd: Any) -> None:
        shuffled = list(names)
        rnd.shuffle(shuffled)
        key = lambda hits: {(h.rule.id, frozenset(h.drugs)) for h in hits}  # noqa: E731
        view = key(checker.interactions_among(names))
        assert view == key(checker.interactions_among(shuffled))
        for drug in names:  # every flag the dose of any one of them would carry is in the view
            others = [n for n in names if n != drug]
            dosed_id = checker.identify(drug).id
            for hit in checker.check(dosed_id, others):
                assert (hit.rule.id, frozenset(hit.drugs)) in view, (drug, hit.rule.id)

    check()


@pytest.mark.invariants
def test_an_unknown_co_medication_never_removes_the_dose(formulary: Formulary) -> None:
    drugs = formulary.systemic_ids()

    @settings(max_examples=INVARIANT_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.sampled_from(drugs),
        st.lists(st.sampled_from(OTHER_NAMES), max_size=3, unique=True),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=3, max_size=15),
    )
    def check(drug: str, others: list[str], unknown: str) -> None:
        if formulary.checker.find(unknown) is not None or not unknown.strip():
            return
        without = consult_dose(formulary, request(drug, *others))
        with_unknown = consult_dose(formulary, request(drug, *others, unknown))
        assert with_unknown.ok and with_unknown.result is not None and without.result is not None
        assert with_unknown.result.daily_dose_mg == without.result.daily_dose_mg
        assert with_unknown.result.avoid == without.result.avoid
        assert any(f.kind == "unchecked" for f in with_unknown.result.flags)

    check()


# --------------------------------------------------------------------------- the command line


def cli(*argv: str) -> tuple[int, str, str]:
    import contextlib
    import io

    from legpain_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


DOSE = [
    "dose",
    "tramadol",
    "--age",
    "60",
    "--sex",
    "male",
    "--weight-kg",
    "80",
    "--height-cm",
    "178",
    "--scr-mg-dl",
    "1",
]


def test_regimen_command_lists_every_interaction_and_the_total(shipped_db: Any) -> None:
    code, out, _ = cli("--db", str(shipped_db), "regimen", "gabapentin", "oxycodone 20mg bd", "diazepam", "metformin")
    assert code == 0
    assert "[major] oxycodone + diazepam" in out and "[major] gabapentin + oxycodone" in out
    assert "Morphine-equivalent dose: 60 MME/day" in out and "40 mg a day x 1.5 = 60 MME/day" in out
    assert "[moderate] Offer naloxone" in out and "not a conversion chart" in out
    code, out, _ = cli("--db", str(shipped_db), "interactions", "metformin", "--json")
    assert code == 0 and json.loads(out) == {"regimen_interactions": [], "unchecked_medicines": []}
    code, out, _ = cli("--db", str(shipped_db), "regimen", "oxycodone", "buprenorphine 10 mcg/h")
    assert "incomplete: at least 0 MME/day counted; oxycodone: no daily dose given" in out
    assert "buprenorphine: 10 micrograms an hour: not counted: not included in the MME total" in out
    code, out, _ = cli("--db", str(shipped_db), "regimen", "paracetamol")
    assert code == 0 and out.strip() == "Interactions: none listed."


@pytest.mark.parametrize("command", [["regimen", "oxycodone", "metfornin"], [*DOSE, "--with", "metfornin"]])
def test_the_command_line_lists_an_unknown_name_as_not_checked_and_exits_4(shipped_db: Any, command: list[str]) -> None:
    # third pharmacist pass, finding H: an unknown name used to stop the whole check (exit 2)
    code, out, err = cli("--db", str(shipped_db), *command)
    assert code == 4
    message = (
        "'metfornin' was not recognised, so it was NOT checked for interactions (nor counted in any opioid "
        "total). Did you mean 'metformin' or 'melatonin'? Check it yourself, or correct the name."
    )
    assert f"[NOT CHECKED] {message}" in out
    assert err.strip() == f"legpain-desktop: NOT CHECKED: {message}"
    code, out, err = cli("--db", str(shipped_db), *command, "--json")
    assert code == 4 and json.loads(out)["unchecked_medicines"] == [
        {"name": "metfornin", "did_you_mean": ["metformin", "melatonin"]}
    ]


def test_an_unknown_name_never_hides_the_lines_for_the_names_the_app_knows(shipped_db: Any) -> None:
    # the reviewer's example: the ACE inhibitor + spironolactone line was lost to one unknown name
    code, out, _ = cli("--db", str(shipped_db), "regimen", "lisinopril", "spironolactone", "co-amiloxide", "--json")
    data = json.loads(out)
    assert code == 4 and [m["name"] for m in data["unchecked_medicines"]] == ["co-amiloxide"]
    lines = {(tuple(i["drugs"]), i["severity"]) for i in data["regimen_interactions"]}
    assert (("lisinopril", "spironolactone"), "major") in lines
    code, _, err = cli("--db", str(shipped_db), "regimen", "lisinopril", "spironolactone")
    assert code == 0 and err == ""


def test_dose_command_prints_the_regimen_view_and_json_mme(shipped_db: Any) -> None:
    code, out, _ = cli("--db", str(shipped_db), *DOSE, "--with", "aspirin 75mg", "--with", "oxycodone:40")
    assert code == 0 and "Interactions among all the patient's medicines, most severe first:" in out
    assert "Tramadol: 400 mg a day x 0.2 = 80 MME/day (the proposed maximum daily dose; CDC-2022)" in out
    code, out, _ = cli("--db", str(shipped_db), *DOSE, "--with", "oxycodone", "--json")
    data = json.loads(out)
    assert data["mme_per_day"] is None and data["mme"]["incomplete_because"][0].startswith("oxycodone: no daily dose")
    assert any(f["kind"] == "opioid" and f["severity"] == "major" for f in data["flags"])


def test_count_rules_fire_once_across_the_regimen() -> None:
    rule = {"id": "two", "count": {"classes": ["cns"], "min": 0}, "severity": "moderate", "message": "m",
            "action": "x", "source": "S", "status": "L"}  # fmt: skip
    checker = InteractionChecker({"a": ["cns"], "b": ["cns"], "c": ["other"]}, {"rules": [rule]})
    assert checker.interactions_among(["c"]) == []  # no member: nothing, even with a minimum of 0
    hits = checker.interactions_among(["a", "b", "c"])
    assert [(h.rule.id, h.drugs) for h in hits] == [("two", ("a", "b"))]
    strict = InteractionChecker(
        {"a": ["cns"], "b": ["cns"]}, {"rules": [{**rule, "count": {"classes": ["cns"], "min": 3}}]}
    )
    assert strict.interactions_among(["a", "b"]) == []


# --------------------------------------------------------------------------- F6: the JSON carries the advice
# (review/pharmacist_2026_12_mme_report.md): the CDC band, the naloxone advice and an incomplete
# total were only in the text output, so a caller of --json lost the 90 MME/day and naloxone advice.


@pytest.mark.parametrize(
    ("medicines", "band", "offer", "kinds"),
    [(["morphine 30 mg/day"], None, False, ["naloxone"]),
     (["morphine 50 mg/day"], 50, True, ["band", "naloxone"]),
     (["oxycodone 60 mg/day"], 90, True, ["band", "naloxone"]),
     (["morphine 20 mg/day", "diazepam"], None, True, ["naloxone"]),
     (["oxycodone 40 mg/day", "codeine"], 50, True, ["band", "incomplete", "naloxone"])],
)  # fmt: skip
def test_f6_band_naloxone_and_incomplete_total_are_fields(
    formulary: Formulary, medicines: list[str], band: int | None, offer: bool, kinds: list[str]
) -> None:
    review = review_regimen(formulary.checker, medicines)
    assert review.mme is not None
    assert review.mme.band == band and review.mme.offer_naloxone is offer
    out = json.loads(json.dumps(regimen_json(review)))["mme"]
    assert out["band_mme_per_day"] == band
    assert out["naloxone"]["offer"] is offer
    assert ("Offer naloxone" in out["naloxone"]["advice"]) is offer
    assert [a["kind"] for a in out["alerts"]] == kinds
    assert all(a["message"] and a["source"] == "CDC-2022" for a in out["alerts"])
    if "incomplete" in kinds:
        incomplete = next(a for a in out["alerts"] if a["kind"] == "incomplete")
        assert incomplete["severity"] == "major" and "codeine" in incomplete["message"]


def test_f6_dose_json_carries_the_same_fields(formulary: Formulary) -> None:
    out = dose_json(consult_dose(formulary, request("gabapentin", "morphine 100 mg/day")))
    assert out["mme_per_day"] == 100 and out["mme"]["band_mme_per_day"] == 90
    assert out["mme"]["naloxone"]["offer"] is True


@pytest.mark.parametrize(
    ("text", "mg"),
    [("75mg", 75.0), ("75 mg dispersible tablets", 75.0), ("0.075 g", 75.0), ("75000 mcg", 75.0),
     ("75 mg od", None), ("75", None), ("", None), ("25 mcg/h", None), ("lots", None)],
)  # fmt: skip
def test_single_dose_mg_reads_one_dose_and_nothing_else(text: str, mg: float | None) -> None:
    from legpain_desktop.core.dosing.medicines import single_dose_mg

    assert single_dose_mg(text) == mg
