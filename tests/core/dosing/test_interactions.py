"""The interaction checker: every rule pinned with its source, the issue-12 pairs, name matching,
and the invariants (symmetry, contraindicated means avoid, brands behave as generics)."""

from __future__ import annotations

import dataclasses
import itertools
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legpain_desktop.core.content import Corpus, load_corpus
from legpain_desktop.core.dosing.calculator import calculate_dose
from legpain_desktop.core.dosing.content_checks import validate_interactions
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.interactions import (
    InteractionChecker,
    InteractionRule,
    normalise_name,
    parse_rules,
)
from legpain_desktop.core.dosing.patient import InputError
from legpain_desktop.core.dosing.schema import DosingDataError
from tests.core.dosing.conftest import kidney, patient

CONTENT = Path(__file__).resolve().parents[3] / "content"


@cache
def shipped_corpus() -> Corpus:
    return load_corpus(CONTENT)


@cache
def shipped_checker() -> InteractionChecker:
    """The checker built from the content files, as the formulary builds it from the database."""
    corpus = shipped_corpus()
    classes = {m.id: list(m.meta.get("classes") or ()) for m in corpus.of_kind("drug")}
    return InteractionChecker(classes, corpus.interactions)


def rule_ids(checker: InteractionChecker, drug: str, others: list[str]) -> set[str]:
    return {h.rule.id for h in checker.check(drug, others)}


def highest(checker: InteractionChecker, drug: str, others: list[str]) -> str:
    hits = checker.check(drug, others)
    return hits[0].rule.severity if hits else "none"


# --------------------------------------------------------------------------- every rule, with its source

# rule id -> (dosed drug, other drugs, the source the rule must cite)
RULE_EXAMPLES: dict[str, tuple[str, list[str], str]] = {
    "antidepressant-maoi": ("duloxetine", ["phenelzine"], "L-MAOI"),
    "antidepressant-mao-b": ("sertraline", ["rasagiline"], "L-MAOB"),
    "tramadol-maoi": ("tramadol", ["selegiline"], "S-TRA"),
    "opioid-maoi": ("morphine", ["phenelzine"], "FDA-2016-OPS"),
    "carbamazepine-maoi": ("carbamazepine", ["moclobemide"], "S-CBZ"),
    "triptan-maoi": ("sumatriptan", ["phenelzine"], "L-TRIP"),
    "tramadol-serotonergic": ("tramadol", ["sertraline"], "S-TRA"),
    "st-johns-wort-serotonergic": ("duloxetine", ["St John's wort"], "FDA-2016-OPS"),
    "serotonergic-pair": ("sertraline", ["sumatriptan"], "FDA-2016-OPS"),
    "antidepressant-pair": ("duloxetine", ["sertraline"], "FDA-2016-OPS"),
    "ssri-pimozide": ("sertraline", ["pimozide"], "L-PIM"),
    "tca-cyp2d6-inhibitor": ("desipramine", ["bupropion"], "L-TCA7"),
    "tca-qt": ("nortriptyline", ["amiodarone"], "QT-KR"),
    "tca-qt-minor": ("amitriptyline", ["azithromycin"], "QT-KR"),
    "qt-pair": ("quinine", ["clarithromycin"], "QT-KR"),
    "tizanidine-cyp1a2": ("tizanidine", ["ciprofloxacin"], "S-TIZ"),
    "tizanidine-cyp1a2-other": ("tizanidine", ["mexiletine"], "S-TIZ"),
    "duloxetine-cyp1a2": ("duloxetine", ["ciprofloxacin"], "S-CYM"),
    "mexiletine-cyp1a2": ("mexiletine", ["fluvoxamine"], "S-MEX"),
    "pentoxifylline-theophylline": ("pentoxifylline", ["theophylline"], "S-PTX"),
    "doac-anticoagulant": ("apixaban", ["rivaroxaban"], "SMPC-DOAC"),
    "anticoagulant-pair": ("enoxaparin", ["warfarin"], "L-WAR"),
    "antiplatelet-anticoagulant": ("clopidogrel", ["apixaban"], "S-CLO"),
    "p2y12-pair": ("clopidogrel", ["ticagrelor"], "S-CLO"),
    "antiplatelet-pair": ("cilostazol", ["clopidogrel"], "S-CLO"),
    "nsaid-antithrombotic": ("ibuprofen", ["warfarin"], "S-CLO"),
    "nsaid-aspirin": ("ibuprofen", ["aspirin"], "S-IBU"),
    "ssri-snri-bleeding": ("sertraline", ["ibuprofen"], "S-SER"),
    "pentoxifylline-antithrombotic": ("pentoxifylline", ["warfarin"], "S-PTX"),
    "paracetamol-duplication": ("acetaminophen", ["co-codamol"], "S-APAP"),
    "acetaminophen-warfarin": ("paracetamol", ["warfarin"], "L-WAR"),
    "doac-combined-inhibitor": ("apixaban", ["ritonavir"], "L-AZOLE"),
    "doac-cyp3a4-inhibitor": ("rivaroxaban", ["clarithromycin"], "L-AZOLE"),
    "doac-inducer": ("rivaroxaban", ["rifampicin"], "L-AZOLE"),
    "carbamazepine-warfarin": ("carbamazepine", ["warfarin"], "L-WAR"),
    "clopidogrel-ppi": ("clopidogrel", ["omeprazole"], "S-CLO"),
    "clopidogrel-repaglinide": ("clopidogrel", ["repaglinide"], "L-REP"),
    "cilostazol-strong-inhibitor": ("cilostazol", ["ketoconazole"], "S-CIL"),
    "cilostazol-inhibitor": ("cilostazol", ["omeprazole"], "S-CIL"),
    "tramadol-carbamazepine": ("tramadol", ["carbamazepine"], "S-TRA"),
    "opioid-inducer": ("oxycodone", ["carbamazepine"], "FDA-2016-OPS"),
    "morphine-rifampicin": ("morphine", ["rifampin"], "S-MOR"),
    "carbamazepine-cyp3a4-inhibitor": ("carbamazepine", ["clarithromycin"], "S-CBZ"),
    "inducer-contraceptive": ("carbamazepine", ["ethinylestradiol"], "FSRH-2022"),
    "inducer-statin": ("carbamazepine", ["simvastatin"], "S-CBZ"),
    "simvastatin-strong-inhibitor": ("simvastatin", ["clarithromycin"], "S-SIM"),
    "simvastatin-contraindicated": ("simvastatin", ["gemfibrozil"], "S-SIM"),
    "simvastatin-cap-10": ("simvastatin", ["diltiazem"], "S-SIM"),
    "simvastatin-cap-20": ("simvastatin", ["amiodarone"], "S-SIM"),
    "simvastatin-amlodipine": ("simvastatin", ["amlodipine"], "S-SIM"),
    "simvastatin-ticagrelor": ("simvastatin", ["ticagrelor"], "L-BRI"),
    "atorvastatin-inhibitor": ("statins", ["clarithromycin"], "S-ATO"),
    "atorvastatin-avoid": ("atorvastatin", ["cyclosporine"], "S-ATO"),
    "atorvastatin-strong-inhibitor": ("statins", ["ritonavir"], "S-ATO"),
    "gabapentinoid-opioid": ("pregabalin", ["morphine"], "S-B23-T5"),
    "gabapentinoid-pair": ("pregabalin", ["gabapentin"], "FDA-2019-GAB"),
    "opioid-pair": ("morphine", ["oxycodone"], "FDA-2016-OPB"),
    "opioid-benzodiazepine": ("morphine", ["diazepam"], "S-B23-T5"),
    "opioid-z-drug": ("morphine", ["zolpidem"], "FDA-2016-OPB"),
    "opioid-muscle-relaxant": ("morphine", ["baclofen"], "FDA-2016-OPB"),
    "opioid-naltrexone": ("tramadol", ["naltrexone"], "L-NTX"),
    "three-cns-active": ("pregabalin", ["duloxetine", "baclofen"], "S-B23-T5"),
    "nsaid-pair": ("ibuprofen", ["naproxen"], "S-IBU"),
    "nsaid-corticosteroid": ("diclofenac", ["prednisone"], "S-B23-T5"),
    "triple-whammy": ("ibuprofen", ["lisinopril", "furosemide"], "S-TW"),
    "nsaid-ras": ("meloxicam", ["lisinopril"], "S-TW"),
    "nsaid-diuretic": ("meloxicam", ["furosemide"], "S-TW"),
    "nsaid-potassium-sparing": ("indomethacin", ["triamterene"], "S-IND"),
    "lithium-nsaid": ("meloxicam", ["lithium"], "L-LITH"),
    "methotrexate-nsaid": ("aspirin", ["methotrexate"], "L-MTX"),
    "nsaid-ciclosporin": ("diclofenac", ["ciclosporin"], "S-DIC"),
    "indomethacin-digoxin": ("indomethacin", ["digoxin"], "S-IND"),
    "heparin-potassium": ("enoxaparin", ["spironolactone"], "S-ENX"),
    "quinine-warfarin": ("quinine", ["warfarin"], "S-QUI"),
    "quinine-digoxin": ("quinine", ["digoxin"], "S-QUI"),
    "tizanidine-antihypertensive": ("tizanidine", ["lisinopril"], "S-TIZ"),
    "lidocaine-mexiletine": ("mexiletine", ["lidocaine-topical"], "S-LID"),
    "citalopram-cyp2c19-inhibitor": ("citalopram", ["omeprazole"], "L-CIT"),
    "lithium-ras-thiazide": ("lithium", ["ramipril"], "L-LITH"),
    "dabigatran-pgp-inducer": ("carbamazepine", ["dabigatran"], "L-DABI"),
    "tca-carbamazepine": ("amitriptyline", ["carbamazepine"], "L-TEG"),
    "cyp3a4-opioid-inhibitor": ("fentanyl", ["clarithromycin"], "L-CYP3A4-OP"),
    "colchicine-inhibitor": ("colchicine", ["clarithromycin"], "L-COL"),
    "colchicine-statin": ("colchicine", ["simvastatin"], "L-COL"),
    "methotrexate-trimethoprim": ("methotrexate", ["trimethoprim"], "L-MTX-TMP"),
    "ras-potassium-sparing": ("spironolactone", ["lisinopril"], "L-SPIRO"),
    "ras-potassium-supplement": ("ramipril", ["potassium chloride"], "L-SPIRO"),
    "gabapentinoid-sedative": ("pregabalin", ["diazepam"], "FDA-2019-GAB"),
    "sedative-pair": ("diazepam", ["zopiclone"], "BNF-SED"),
    "prodrug-opioid-cyp2d6-inhibitor": ("codeine", ["paroxetine"], "L-CYP2D6-PRO"),
    "quinine-anticonvulsant": ("quinine", ["phenobarbitone"], "MHRA-2017-QUI"),
    "antidepressant-linezolid": ("sertraline", ["linezolid"], "FDA-2011-LZD"),
    "antidepressant-moclobemide": ("duloxetine", ["moclobemide"], "SPS-MOCLO"),
    "maoi-pair": ("phenelzine", ["tranylcypromine"], "L-MAOI-PAIR"),
    "bupropion-maoi": ("bupropion", ["linezolid"], "L-BUP"),
    "tramadol-bupropion": ("tramadol", ["bupropion"], "L-BUP"),
    "potassium-sparing-potassium": ("spironolactone", ["potassium chloride"], "L-SPIRO"),
    "potassium-sparing-potassium-contraindicated": ("amiloride", ["potassium chloride"], "L-KSPARE"),
    "potassium-sparing-pair": ("spironolactone", ["amiloride"], "L-KSPARE"),
    "ras-dual-blockade": ("lisinopril", ["losartan"], "MHRA-2014-RAS"),
    "ace-inhibitor-neprilysin": ("ramipril", ["Entresto"], "L-ARNI"),
    "trimethoprim-potassium": ("lisinopril", ["co-trimoxazole"], "BNF-TMP"),
    "naproxen-aspirin": ("aspirin", ["naproxen"], "L-NAP-ASA"),
    "celecoxib-aspirin": ("aspirin", ["celecoxib"], "L-CEL-ASA"),
    "ticagrelor-aspirin": ("aspirin", ["ticagrelor"], "L-BRI-ASA"),
    "maoi-levodopa": ("phenelzine", ["co-careldopa"], "L-LDOPA"),
    "moclobemide-levodopa": ("moclobemide", ["Sinemet"], "L-LDOPA"),
    "cyclobenzaprine-maoi": ("cyclobenzaprine", ["rasagiline"], "L-CBP"),
    "st-johns-wort-maoi": ("St John's wort", ["linezolid"], "L-SJW-MAOI"),
    "emsam-antidepressant": ("sertraline", ["Emsam"], "L-EMSAM"),
    "safinamide-antidepressant": ("duloxetine", ["safinamide"], "L-XADAGO"),
    "triple-whammy-combination": ("ibuprofen", ["Zestoretic"], "S-TW"),
    "eplerenone-ace-arb": ("eplerenone", ["lisinopril", "losartan"], "L-INSPRA-3"),
    "opioid-cns-depressant": ("morphine", ["promethazine"], "FDA-2016-OPB-CNS"),
    "eplerenone-strong-cyp3a4": ("eplerenone", ["clarithromycin"], "L-INSPRA-CYP"),
    "maoi-sympathomimetic": ("phenelzine", ["Sudafed"], "L-MAOI-SYMP"),
    "reversible-maoi-sympathomimetic": ("linezolid", ["pseudoephedrine"], "L-LZD-PRESSOR"),
    # sixth pharmacist pass
    "statin-fusidic-acid": ("rosuvastatin", ["sodium fusidate"], "MHRA-2011-FUS"),
    "finerenone-strong-cyp3a4": ("finerenone", ["clarithromycin"], "L-FIN"),
    "finerenone-cyp3a4-inhibitor": ("finerenone", ["verapamil"], "L-FIN"),
    "finerenone-inducer": ("finerenone", ["rifampicin"], "L-FIN"),
    "finerenone-potassium-sparing": ("finerenone", ["spironolactone"], "L-FIN"),
    "finerenone-potassium": ("finerenone", ["potassium chloride"], "L-FIN"),
    "finerenone-trimethoprim": ("finerenone", ["co-trimoxazole"], "L-FIN"),
    "finerenone-ras": ("finerenone", ["irbesartan"], "L-FIN"),
    "drospirenone-potassium": ("Yasmin", ["spironolactone"], "L-DRSP"),
    "calcineurin-potassium-sparing": ("tacrolimus", ["amiloride"], "L-CNI-K"),
    "calcineurin-potassium": ("ciclosporin", ["potassium chloride"], "L-CNI-K"),
    "calcineurin-ras": ("tacrolimus", ["ramipril"], "L-CNI-K"),
    "calcineurin-cyp3a4-inhibitor": ("tacrolimus", ["clarithromycin"], "L-CNI-3A4"),
    "calcineurin-inducer": ("ciclosporin", ["rifampicin"], "L-CNI-3A4"),
}
# Rules that fire only on a class an entered dose gives (regimen.DOSE_CLASSES), with their example.
DOSE_RULE_EXAMPLES = {"ticagrelor-high-dose-aspirin": (["ticagrelor", "aspirin 300 mg od"], "L-BRI-ASA")}


def test_every_rule_has_an_example() -> None:
    assert {r.id for r in shipped_checker().rules} == set(RULE_EXAMPLES) | set(DOSE_RULE_EXAMPLES)


@pytest.mark.parametrize("rule_id", sorted(DOSE_RULE_EXAMPLES))
def test_dose_rule_fires_with_its_source(rule_id: str) -> None:
    from legpain_desktop.core.dosing.regimen import review_regimen

    names, source = DOSE_RULE_EXAMPLES[rule_id]
    hits = {h.rule.id: h for h in review_regimen(shipped_checker(), names).interactions}
    assert rule_id in hits and hits[rule_id].rule.source == source


@pytest.mark.parametrize("rule_id", sorted(RULE_EXAMPLES))
def test_rule_fires_with_its_source(rule_id: str) -> None:
    checker = shipped_checker()
    drug, others, source = RULE_EXAMPLES[rule_id]
    hits = {h.rule.id: h for h in checker.check(drug, others)}
    assert rule_id in hits
    assert hits[rule_id].rule.source == source


def test_every_source_is_defined() -> None:
    corpus = shipped_corpus()
    defined = {k.lower() for k in shipped_checker().sources}
    defined |= {r.key.lower() for m in corpus.of_kind("drug") for r in m.references}
    assert all(r.source.lower() in defined for r in shipped_checker().rules)
    assert all(r.status in ("L", "L2", "G", "U") for r in shipped_checker().rules)


# --------------------------------------------------------------------------- the pairs issue 12 lists

# (drug, others, highest severity, the same by brand names)
ISSUE_PAIRS: list[tuple[str, list[str], str, str, list[str]]] = [
    ("duloxetine", ["phenelzine"], "contraindicated", "Cymbalta", ["Nardil"]),
    ("sertraline", ["linezolid"], "contraindicated", "Zoloft", ["Zyvox"]),
    ("amitriptyline", ["phenelzine"], "contraindicated", "Elavil", ["Nardil"]),
    ("nortriptyline", ["tranylcypromine"], "contraindicated", "Pamelor", ["Parnate"]),
    ("apixaban", ["rivaroxaban"], "contraindicated", "Eliquis", ["Xarelto"]),
    ("apixaban", ["enoxaparin"], "contraindicated", "Eliquis", ["Clexane"]),
    ("apixaban", ["ketoconazole"], "major", "Eliquis", ["Nizoral"]),
    ("rivaroxaban", ["itraconazole"], "major", "Xarelto", ["Sporanox"]),
    ("carbamazepine", ["apixaban"], "major", "Tegretol", ["Eliquis"]),
    ("carbamazepine", ["rivaroxaban"], "major", "Tegretol", ["Xarelto"]),
    ("duloxetine", ["fluvoxamine"], "major", "Cymbalta", ["Faverin"]),
    ("duloxetine", ["ciprofloxacin"], "major", "Cymbalta", ["Cipro"]),
    ("sertraline", ["naproxen"], "moderate", "Lustral", ["Aleve"]),
    ("duloxetine", ["ibuprofen"], "moderate", "Cymbalta", ["Advil"]),
    ("sertraline", ["aspirin"], "moderate", "Zoloft", ["Disprin"]),
    ("duloxetine", ["clopidogrel"], "moderate", "Yentreve", ["Plavix"]),
    ("sertraline", ["apixaban"], "moderate", "Zoloft", ["Eliquis"]),
    ("venlafaxine", ["rivaroxaban"], "moderate", "Effexor", ["Xarelto"]),
    ("sertraline", ["warfarin"], "moderate", "Zoloft", ["Coumadin"]),
    ("apixaban", ["clopidogrel"], "major", "Eliquis", ["Plavix"]),
    ("tramadol", ["carbamazepine"], "major", "Ultram", ["Tegretol"]),
    ("carbamazepine", ["clarithromycin"], "major", "Tegretol", ["Klaricid"]),
    ("carbamazepine", ["warfarin"], "major", "Tegretol", ["Coumadin"]),
    ("pentoxifylline", ["warfarin"], "moderate", "Trental", ["Coumadin"]),
    ("nortriptyline", ["paroxetine"], "major", "Pamelor", ["Seroxat"]),
    ("amitriptyline", ["fluoxetine"], "major", "Elavil", ["Prozac"]),
    ("morphine", ["oxycodone"], "major", "MS Contin", ["OxyContin"]),
    ("tramadol", ["morphine"], "major", "Zydol", ["Oramorph"]),
    ("pregabalin", ["gabapentin"], "major", "Lyrica", ["Neurontin"]),
    ("morphine", ["diazepam"], "major", "Oramorph", ["Valium"]),
    ("tramadol", ["zolpidem"], "major", "Zydol", ["Ambien"]),
    ("ibuprofen", ["prednisolone"], "moderate", "Nurofen", ["Deltacortril"]),
    ("ibuprofen", ["lisinopril", "furosemide"], "major", "Advil", ["Zestril", "Lasix"]),
    ("diclofenac", ["losartan", "bendroflumethiazide"], "major", "Voltarol", ["Cozaar", "Aprinox"]),
    ("ibuprofen", ["lithium"], "major", "Brufen", ["Priadel"]),
]


@pytest.mark.parametrize(("drug", "others", "severity", "brand", "brand_others"), ISSUE_PAIRS)
def test_issue_pair_by_generic_and_brand(
    drug: str, others: list[str], severity: str, brand: str, brand_others: list[str]
) -> None:
    checker = shipped_checker()
    assert highest(checker, drug, others) == severity
    by_generic = [(h.rule.id, h.drugs) for h in checker.check(drug, others)]
    assert [(h.rule.id, h.drugs) for h in checker.check(brand, brand_others)] == by_generic


@pytest.mark.parametrize(
    "name",
    ["naproxen", "celecoxib", "paracetamol", "atorvastatin", "rifampicin", "phenytoin", "amiodarone", "lithium",
     "ritonavir", "Aleve", "Celebrex", "Lipitor", "Rifadin", "Dilantin", "Cordarone", "Priadel", "Paxlovid"],
)  # fmt: skip
def test_the_field_accepts_what_patients_take(name: str) -> None:
    assert shipped_checker().identify(name).id


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "drug_id"),
    [
        ("  PARACÉTAMOL ", "acetaminophen"),
        ("Tylenol", "acetaminophen"),
        ("Rifampin", "rifampicin"),
        ("meperidine", "pethidine"),
        ("Cyclosporine", "ciclosporin"),
        ("St. John’s Wort", "st-johns-wort"),
        ("methylthioninium chloride", "methylene-blue"),
        ("frusemide", "furosemide"),
        ("Lidocaine Topical", "lidocaine-topical"),
        ("co-amoxiclav", "co-amoxiclav"),
    ],
)
def test_names_ignore_case_accents_and_spelling(name: str, drug_id: str) -> None:
    assert shipped_checker().identify(name).id == drug_id


def test_unknown_name_suggests_the_nearest() -> None:
    with pytest.raises(InputError, match="did you mean 'naproxen'") as err:
        shipped_checker().identify("naproxin")
    assert err.value.field == "other drug"
    with pytest.raises(InputError, match="unknown drug 'zzqx'; use a generic or brand name"):
        shipped_checker().identify("zzqx")


def test_normalise_name() -> None:
    assert normalise_name("  Ibuprofène   400 ") == "ibuprofene 400"
    assert normalise_name("St. John’s-Wort") == normalise_name("st johns wort")


def test_known_names_complete_generics_and_brands() -> None:
    names = shipped_checker().known_names()
    assert {"omeprazole", "paracetamol", "Lipitor", "Eliquis", "rifampin"} <= set(names)
    assert names == sorted(names, key=str.lower)


# --------------------------------------------------------------------------- the vocabulary

ISSUE_CLASSES = [
    "maoi", "ssri", "snri", "tca", "triptan", "serotonergic", "strong-cyp3a4-inhibitor", "moderate-cyp3a4-inhibitor",
    "cyp3a4-inducer", "moderate-cyp3a4-inducer", "pgp-inhibitor", "pgp-inducer", "cyp1a2-inhibitor",
    "cyp2d6-inhibitor", "anticoagulant", "doac", "antiplatelet", "nsaid", "corticosteroid", "ace-inhibitor", "arb",
    "diuretic", "lithium", "opioid", "benzodiazepine", "z-drug", "gabapentinoid", "qt-prolonging", "methotrexate",
]  # fmt: skip


def test_vocabulary_holds_150_medicines_beyond_the_apps_with_brands() -> None:
    checker = shipped_checker()
    others = checker.vocabulary
    assert not set(others) & set(checker.monograph_classes)
    assert len(others) >= 150
    assert sum(1 for e in others.values() if e.brands) >= 150
    assert all(e.classes for e in others.values())
    members = {c: {d for d, e in others.items() if c in e.classes} for c in ISSUE_CLASSES}
    assert all(members.values()), [c for c, m in members.items() if not m]
    assert {"phenelzine", "tranylcypromine", "isocarboxazid", "moclobemide", "linezolid", "methylene-blue",
            "selegiline", "rasagiline", "safinamide"} <= members["maoi"]  # fmt: skip
    assert {"rifampicin", "phenytoin", "st-johns-wort"} <= members["cyp3a4-inducer"]
    assert {"naproxen", "celecoxib", "ketorolac", "etoricoxib"} <= members["nsaid"]


def test_every_app_drug_has_its_names() -> None:
    checker = shipped_checker()
    for drug_id in checker.monograph_classes:
        assert checker.identify(drug_id).id == drug_id


# --------------------------------------------------------------------------- how rules combine


def test_the_list_is_checked_pair_by_pair() -> None:
    hits = shipped_checker().check("tramadol", ["sertraline", "fluoxetine", "omeprazole"])
    serotonergic = [h.drugs for h in hits if h.rule.id == "tramadol-serotonergic"]
    assert sorted(serotonergic) == [("tramadol", "fluoxetine"), ("tramadol", "sertraline")]


def test_a_specific_rule_overrides_the_general_one() -> None:
    checker = shipped_checker()
    assert rule_ids(checker, "ibuprofen", ["aspirin"]) == {"nsaid-aspirin"}
    assert "antidepressant-maoi" not in rule_ids(checker, "duloxetine", ["selegiline"])
    # the override is per set of drugs: a second, non-selective MAOI is still contraindicated
    assert highest(checker, "duloxetine", ["selegiline", "phenelzine"]) == "contraindicated"
    # the triple whammy no longer hides its pairs: each carries its own advice (third pass, P3-012)
    three = rule_ids(checker, "ibuprofen", ["lisinopril", "furosemide"])
    assert {"triple-whammy", "nsaid-ras", "nsaid-diuretic"} <= three


# --------------------------------------------------------------------------- the MME pharmacist's findings
# (review/pharmacist_2026_12_mme_report.md, F1-F7): each pair judged on its own, so a three-drug
# rule (triple whammy, three CNS-active drugs) cannot stand in for a missing pairwise rule.


def pair_rules(checker: InteractionChecker, a: str, b: str) -> dict[str, str]:
    """Rule id -> severity for the rules that name exactly these two drugs."""
    ids = {checker.identify(a).id, checker.identify(b).id}
    return {h.rule.id: h.rule.severity for h in checker.interactions_among([a, b]) if set(h.drugs) == ids}


@pytest.mark.parametrize("ras", ["lisinopril", "ramipril", "losartan", "candesartan"])
@pytest.mark.parametrize("sparing", ["spironolactone", "eplerenone", "amiloride", "triamterene"])
def test_f1_ace_inhibitor_or_arb_with_a_potassium_sparing_diuretic_is_major(ras: str, sparing: str) -> None:
    rules = pair_rules(shipped_checker(), ras, sparing)
    assert rules == {"ras-potassium-sparing": "major"}, rules


def test_f1_a_potassium_supplement_is_flagged_and_a_thiazide_is_not() -> None:
    checker = shipped_checker()
    assert pair_rules(checker, "lisinopril", "Sando-K") == {"ras-potassium-supplement": "moderate"}
    # a potassium-sparing diuretic with potassium is no longer the ACE inhibitor's moderate line (third pass)
    assert pair_rules(checker, "spironolactone", "potassium chloride") == {"potassium-sparing-potassium": "major"}
    assert pair_rules(checker, "lisinopril", "bendroflumethiazide") == {}


@pytest.mark.parametrize(("a", "b"), [("diazepam", "pregabalin"), ("gabapentin", "diazepam"),
                                      ("pregabalin", "zopiclone"), ("gabapentin", "lorazepam")])  # fmt: skip
def test_f2_a_gabapentinoid_with_a_benzodiazepine_or_z_drug_without_an_opioid(a: str, b: str) -> None:
    assert pair_rules(shipped_checker(), a, b) == {"gabapentinoid-sedative": "moderate"}


def test_f2_with_an_opioid_the_gabapentinoid_rule_stays_major() -> None:
    assert pair_rules(shipped_checker(), "pregabalin", "morphine") == {"gabapentinoid-opioid": "major"}


def test_f3_low_dose_aspirin_is_not_an_nsaid_beside_another_antithrombotic() -> None:
    checker = shipped_checker()
    dapt = pair_rules(checker, "clopidogrel", "aspirin")
    assert dapt == {"antiplatelet-pair": "moderate"}
    action = next(h.rule.action for h in checker.check("clopidogrel", ["aspirin"]))
    assert "do not stop it after a recent stent" in action and "Avoid scheduled NSAID" not in action
    assert pair_rules(checker, "aspirin", "apixaban") == {"antiplatelet-anticoagulant": "major"}
    assert pair_rules(checker, "aspirin", "warfarin") == {"antiplatelet-anticoagulant": "major"}
    # a true NSAID with an antiplatelet is still the NSAID rule
    assert pair_rules(checker, "naproxen", "clopidogrel") == {"nsaid-antithrombotic": "major"}


@pytest.mark.parametrize(("a", "b"), [("diazepam", "zopiclone"), ("temazepam", "zolpidem"), ("diazepam", "lorazepam")])
def test_f4_two_sedative_hypnotics(a: str, b: str) -> None:
    assert pair_rules(shipped_checker(), a, b) == {"sedative-pair": "moderate"}


@pytest.mark.parametrize("opioid", ["codeine", "co-codamol"])
@pytest.mark.parametrize("inhibitor", ["paroxetine", "fluoxetine", "bupropion", "quinidine"])
def test_f5_codeine_with_a_cyp2d6_inhibitor(opioid: str, inhibitor: str) -> None:
    rules = pair_rules(shipped_checker(), opioid, inhibitor)
    assert rules.get("prodrug-opioid-cyp2d6-inhibitor") == "moderate", rules


def test_f5_tramadol_with_a_serotonergic_cyp2d6_inhibitor_keeps_the_serotonin_rule_only() -> None:
    checker = shipped_checker()
    assert pair_rules(checker, "tramadol", "fluoxetine") == {"tramadol-serotonergic": "major"}
    # bupropion also lowers the seizure threshold: its own major line (third pharmacist pass, P3-031)
    assert pair_rules(checker, "tramadol", "bupropion") == {"tramadol-bupropion": "major"}


def test_f7_a_pair_is_not_also_listed_at_a_weaker_severity_for_the_same_mechanism() -> None:
    """Every pair of known medicines: a contraindicated pair never also shows the general serotonin
    or QT line, and no pair shows the same rule twice."""
    checker = shipped_checker()
    ids = sorted({checker.identify(n).id for n in checker.known_names()})
    problems = []
    for a, b in itertools.combinations(ids, 2):
        hits = [h for h in checker.interactions_among([a, b]) if len(h.drugs) == 2]
        names = [h.rule.id for h in hits]
        if len(names) != len(set(names)):
            problems.append(f"{a} + {b}: {names}")
        if any(h.rule.severity == "contraindicated" for h in hits) and {"serotonergic-pair", "qt-pair"} & set(names):
            problems.append(f"{a} + {b}: {names}")
    assert not problems, problems[:10]
    assert pair_rules(checker, "phenelzine", "fluoxetine") == {"antidepressant-maoi": "contraindicated"}


def test_except_leaves_a_drug_out_of_a_class() -> None:
    checker = shipped_checker()
    assert "lithium-nsaid" not in rule_ids(checker, "aspirin", ["lithium"])
    assert "lithium-nsaid" in rule_ids(checker, "ibuprofen", ["lithium"])


def test_hits_come_most_severe_first() -> None:
    hits = shipped_checker().check("tramadol", ["phenelzine", "sertraline", "ondansetron"])
    severities = [h.rule.severity for h in hits]
    assert severities == sorted(severities, key=("contraindicated", "major", "moderate").index)
    assert severities[0] == "contraindicated"


# --------------------------------------------------------------------------- invariants

NAMES = st.sampled_from(shipped_checker().known_names())
CONTRAINDICATED = [r for r in shipped_checker().rules if r.severity == "contraindicated"]


def group_members(checker: InteractionChecker, rule: InteractionRule, index: int) -> list[str]:
    group = rule.groups[index]
    ids = list(checker.monograph_classes) + list(checker.vocabulary)
    return sorted(d for d in ids if group.matches(checker.identify(d)))


@settings(max_examples=300, deadline=None)
@given(a=NAMES, b=NAMES)
def test_check_is_symmetric(a: str, b: str) -> None:
    checker = shipped_checker()
    forward = {(h.rule.id, frozenset(h.drugs)) for h in checker.check(a, [b])}
    backward = {(h.rule.id, frozenset(h.drugs)) for h in checker.check(b, [a])}
    assert forward == backward


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_contraindicated_rule_always_gives_a_contraindicated_hit(data: st.DataObject) -> None:
    checker = shipped_checker()
    rule = data.draw(st.sampled_from(CONTRAINDICATED))
    chosen: list[str] = []
    for index in range(len(rule.groups)):  # one drug for each group (a rule may have three)
        chosen.append(data.draw(st.sampled_from([d for d in group_members(checker, rule, index) if d not in chosen])))
    a, others = chosen[0], chosen[1:]
    hits = checker.check(a, others)
    overriders = [h for h in hits if rule.id in h.rule.overrides]
    assert overriders or any(h.rule.severity == "contraindicated" for h in hits)


@pytest.mark.parametrize("rule", CONTRAINDICATED, ids=[r.id for r in CONTRAINDICATED])
def test_contraindicated_means_critical_and_avoid_in_the_calculator(
    formulary: Formulary, rule: InteractionRule
) -> None:
    """For each contraindicated rule, the app's drug dosed with a partner gets no dose and a critical flag."""
    checker = formulary.checker
    for index in range(len(rule.groups)):
        dosed = [d for d in group_members(checker, rule, index) if d in formulary.drugs and formulary.drugs[d].systemic]
        partners = [d for d in group_members(checker, rule, 1 - index) if d not in dosed]
        for drug_id in dosed:
            if formulary.drugs[drug_id].do_not_use is not None:
                continue
            r = calculate_dose(formulary.drug(drug_id), patient(other_drugs=(partners[0],)), kidney(80), checker)
            assert r.avoid and r.daily_dose_mg is None, (drug_id, partners[0])
            assert any(f.kind == "interaction" and f.severity == "critical" for f in r.flags)


BRANDED = [(e.id, brand) for e in shipped_checker().vocabulary.values() for brand in e.brands]


@settings(max_examples=300, deadline=None)
@given(branded=st.sampled_from(BRANDED), partner=NAMES)
def test_brand_names_give_the_same_hits_as_generics(branded: tuple[str, str], partner: str) -> None:
    checker = shipped_checker()
    generic, brand = branded

    def hits(a: str, b: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(h.rule.id, h.drugs) for h in checker.check(a, [b])]

    assert hits(brand, partner) == hits(generic, partner)
    assert hits(partner, brand) == hits(partner, generic)


# --------------------------------------------------------------------------- monograph prose

# Names a monograph's Interactions section mentions as the alternative, not as an interacting drug.
ALTERNATIVES = {"acetaminophen"}


def interaction_claims() -> list[tuple[str, str]]:
    """(drug, named drug) for each drug named in the Interactions bullets of a monograph that credits the checker."""
    checker = shipped_checker()
    claims: list[tuple[str, str]] = []
    for mono in shipped_corpus().of_kind("drug"):
        section = re.search(r"^## Interactions\n(.*?)(?=^## |\Z)", mono.body, re.S | re.M)
        if section is None or "checker" not in section.group(1):
            continue
        for bullet in re.findall(r"^- .*?(?=^- |\Z)", section.group(1), re.S | re.M):
            named = set(re.findall(r"\(drug:([a-z-]+)\)", bullet))
            plain = re.sub(r"\(drug:[a-z-]+\)|\[\[.*?\]\]", " ", bullet)
            words = f" {normalise_name(plain)} "
            named |= {checker.identify(n).id for n in checker.known_names() if len(n) > 3 and
                      f" {normalise_name(n)} " in words}  # fmt: skip
            claims.extend((mono.id, n) for n in sorted(named - ALTERNATIVES - {mono.id}))
    return claims


def test_monograph_claims_about_the_checker_are_true() -> None:
    claims = interaction_claims()
    assert len(claims) > 30
    checker = shipped_checker()
    missing = [(d, n) for d, n in claims if not checker.check(d, [n])]
    assert missing == []


@pytest.mark.parametrize(
    ("drug", "word", "member"),
    [("apixaban", "SSRIs", "fluoxetine"), ("apixaban", "SNRIs", "venlafaxine"), ("rivaroxaban", "SSRIs", "citalopram"),
     ("diclofenac", "SSRIs", "escitalopram"), ("diclofenac", "corticosteroids", "prednisolone"),
     ("indomethacin", "Potassium-sparing diuretics", "amiloride")],
)  # fmt: skip
def test_monograph_class_claims_are_true(drug: str, word: str, member: str) -> None:
    body = shipped_corpus().monographs[drug].body
    section = body.split("## Interactions", 1)[1].split("\n## ", 1)[0]
    assert word.lower() in section.lower()
    assert shipped_checker().check(drug, [member])


# --------------------------------------------------------------------------- the calculator keeps using the checker


def test_no_interaction_without_partner(formulary: Formulary) -> None:
    assert formulary.checker.check("pregabalin", []) == []
    assert formulary.checker.check("pregabalin", ["pregabalin"]) == []
    assert "three-cns-active" not in {h.rule.id for h in formulary.checker.check("pregabalin", ["duloxetine"])}


def test_cilostazol_is_capped_at_50_twice_daily(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("cilostazol"), patient(other_drugs=("diltiazem",)), kidney(80), formulary.checker)
    assert r.max_daily_mg == 100 and r.daily_dose_mg is not None and r.daily_dose_mg.max == 100
    assert any(f.kind == "interaction" and "50 mg twice daily" in f.message for f in r.flags)


def test_contraindicated_interaction_means_avoid(formulary: Formulary) -> None:
    r = calculate_dose(formulary.drug("tramadol"), patient(other_drugs=("phenelzine",)), kidney(80), formulary.checker)
    assert r.avoid


def test_unknown_other_drug_is_named(formulary: Formulary) -> None:
    with pytest.raises(InputError, match="unknown drug 'snake oil'"):
        formulary.dose("pregabalin", patient(other_drugs=("snake oil",)))
    assert "omeprazole" in formulary.checker.known_names()


# --------------------------------------------------------------------------- malformed content


def with_bad_references(interactions: dict[str, Any]) -> dict[str, Any]:
    """The interaction rules with one bad reference of every kind the validation names."""
    data: dict[str, Any] = dict(interactions)
    data["app_drugs"] = {**data["app_drugs"], "not-a-drug": {"brands": ["Nope"]}}
    data["other_drugs"] = {**data["other_drugs"], "tramadol": {"classes": ["opioid"]}}
    data["rules"] = [
        *data["rules"],
        {"id": "bad", "groups": [{"drugs": ["unicorn"], "except": ["dragon"]}, {"classes": ["imaginary"]}],
         "severity": "major", "message": "m", "action": "a", "source": "S-NOWHERE", "status": "U",
         "capped_drug": "unicorn", "cap_daily_mg": 1},
        {"id": "bad-count", "count": {"classes": ["imaginary"], "min": 2}, "severity": "major", "message": "m",
         "action": "a", "source": "S-TW", "status": "U"},
    ]  # fmt: skip
    return data


def test_content_validation_names_bad_references() -> None:
    corpus = shipped_corpus()
    data = with_bad_references(corpus.interactions)
    text = "\n".join(e.message for e in validate_interactions(dataclasses.replace(corpus, interactions=data)))
    for part in ("'not-a-drug'", "'tramadol' has a monograph", "unknown drug 'unicorn'", "unknown drug 'dragon'",
                 "unknown class 'imaginary'", "counts unknown class", "'S-NOWHERE'", "caps unknown drug"):  # fmt: skip
        assert part in text
    assert validate_interactions(corpus) == []
    clash = {
        **data,
        "other_drugs": {**corpus.interactions["other_drugs"], "x": {"classes": ["y"], "brands": ["Lasix"]}},
    }
    assert "means both" in validate_interactions(dataclasses.replace(corpus, interactions=clash))[0].message


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"other_drugs": ["x"]}, "must map"),
        ({"rules": ["x"]}, "mapping"),
        ({"rules": [{"id": "a", "severity": "major", "status": "L"}]}, "either groups or count"),
        ({"rules": [{"id": "a", "groups": [{}], "severity": "major", "status": "L"}]}, "names drugs"),
        ({"rules": [{"id": "a", "count": {"classes": ["x"], "min": 3}, "severity": "big", "status": "L"}]}, "severity"),
        ({"rules": [{"id": "a", "count": {"classes": ["x"], "min": 3}, "severity": "major", "status": "Q"}]}, "status"),
        (
            {"rules": [{"id": "a", "count": {"classes": ["x"], "min": 3}, "severity": "major", "status": "L"}]},
            "message",
        ),
    ],
)
def test_malformed_rules_are_refused(data: dict, text: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(DosingDataError, match=text):
        parse_rules(data)


def test_checker_with_count_rule_only() -> None:
    checker = InteractionChecker(
        {"a": ["cns"], "b": ["cns"]},
        {
            "rules": [
                {
                    "id": "two",
                    "count": {"classes": ["cns"], "min": 2},
                    "severity": "moderate",
                    "message": "m",
                    "action": "x",
                    "source": "S",
                    "status": "L",
                }
            ]
        },
    )
    assert [h.rule.id for h in checker.check("a", ["b"])] == ["two"]
    assert checker.check("a", []) == []
    assert checker.check("a", ["b"])[0].cap_applies_to is None


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"other_drugs": {"x": {"brands": ["X"]}}}, "at least one class"),
        ({"other_drugs": {"x": {"classes": ["y"], "brands": "X"}}}, "list of names"),
        ({"app_drugs": ["x"]}, "must map drug ids"),
        ({"app_drugs": {"x": "y"}}, "brands and/or synonyms"),
        ({"sources": {"S-X": ""}}, "source keys to citations"),
    ],
)
def test_malformed_vocabulary_is_refused(data: dict, text: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(DosingDataError, match=text):
        InteractionChecker({}, data)


def test_rule_ids_and_overrides_are_checked() -> None:
    rule = {"id": "a", "count": {"classes": ["x"], "min": 3}, "severity": "major", "message": "m", "action": "x",
            "source": "S", "status": "L"}  # fmt: skip
    with pytest.raises(DosingDataError, match="unique"):
        parse_rules({"rules": [rule, rule]})
    with pytest.raises(DosingDataError, match="overrides unknown rule 'b'"):
        parse_rules({"rules": [{**rule, "overrides": ["b"]}]})


def test_old_style_class_lists_still_work() -> None:
    checker = InteractionChecker(
        {"a": ["x"]}, {"other_drugs": {"Bee": ["x"]}, "app_drugs": {"gone": {"brands": ["G"]}}}
    )
    assert checker.identify("BEE").classes == frozenset({"x"})
    with pytest.raises(InputError):
        checker.identify("G")  # aliases of drugs the checker does not hold are ignored
