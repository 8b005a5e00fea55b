"""Exact values for interactions.py: each test pins what a mutant of the parser or the checker could change (issue 21).

Every checker is built here from a small source written in the file (the main one, CHECKER: ibuprofen, naproxen,
aspirin, morphine and sertraline as the app's drugs; diazepam, zopiclone, phenelzine, lisinopril and furosemide as
other drugs; the rules written below it), so every drug, class, hit and message expected can be read off the data.
"""

from __future__ import annotations

from typing import Any

import pytest

from legpain_desktop.core.dosing.interactions import (
    DrugIdentity,
    Group,
    InteractionChecker,
    InteractionRule,
    VocabularyEntry,
    normalise_name,
    parse_app_aliases,
    parse_rules,
    parse_vocabulary,
)
from legpain_desktop.core.dosing.patient import InputError
from legpain_desktop.core.dosing.schema import DosingDataError


def _error(call: Any, *args: Any) -> DosingDataError:
    with pytest.raises(DosingDataError) as err:
        call(*args)
    return err.value


# --------------------------------------------------------------------------- names and groups in the data


@pytest.mark.parametrize("bad", [["  "], [""], [3], "Valium", [["Valium"]]])
def test_a_brand_list_must_be_a_list_of_non_blank_names(bad: Any) -> None:
    e = _error(parse_vocabulary, {"other_drugs": {"diazepam": {"classes": ["benzodiazepine"], "brands": bad}}})
    assert str(e) == "dosing data other_drugs.diazepam.brands: must be a list of names"
    assert e.path == "other_drugs.diazepam.brands"


def test_names_are_kept_without_their_spaces_in_order() -> None:
    entry = {"classes": [" benzodiazepine "], "brands": [" Valium", "Diazemuls "], "synonyms": ["diazepamum"]}
    assert parse_vocabulary({"other_drugs": {" Diazepam ": entry}}) == {
        "diazepam": VocabularyEntry("diazepam", frozenset({"benzodiazepine"}), ("Valium", "Diazemuls"), ("diazepamum",))
    }


@pytest.mark.parametrize("group", [{}, {"drugs": []}, {"classes": []}, {"except": ["x"]}, "nsaid", None])
def test_a_group_must_name_drugs_or_classes(group: Any) -> None:
    rule = {"id": "r", "groups": [{"classes": ["nsaid"]}, group], "severity": "major", "status": "G",
            "message": "m", "action": "a", "source": "S-1"}  # fmt: skip
    e = _error(parse_rules, {"rules": [rule]})
    assert str(e) == "dosing data rules[0].groups: a group names drugs and/or classes"
    assert e.path == "rules[0].groups"


def test_a_group_keeps_its_drugs_classes_and_exceptions() -> None:
    rule = {
        "id": "r", "groups": [{"drugs": ["lithium"], "classes": ["nsaid"], "except": ["aspirin"]}, {"drugs": ["x"]}],
        "severity": "major", "status": "G", "message": "m", "action": "a", "source": "S-1",
    }  # fmt: skip
    _, rules = parse_rules({"rules": [rule]})
    assert rules[0].groups == (
        Group(frozenset({"lithium"}), frozenset({"nsaid"}), frozenset({"aspirin"})),
        Group(frozenset({"x"}), frozenset(), frozenset()),
    )


# --------------------------------------------------------------------------- the checker's names


def test_a_name_that_means_two_drugs_is_refused_with_both() -> None:
    data = {"other_drugs": {"diazepam": {"classes": ["benzodiazepine"], "brands": ["Ibuprofen"]}}}
    e = _error(InteractionChecker, {"ibuprofen": ["nsaid"]}, data)
    assert str(e) == "dosing data interactions: the name 'Ibuprofen' means both 'ibuprofen' and 'diazepam'"
    assert e.path == "interactions"


def test_suggestions_are_the_three_closest_names_closest_first() -> None:
    # difflib ratios against "abcdefghij": abcdefghi 0.947, abcdefghijkl 0.909, abcdefgh 0.889, abcdefg 0.824
    checker = InteractionChecker({"abcdefg": [], "abcdefgh": [], "abcdefghi": [], "abcdefghijkl": []}, {})
    assert checker.suggestions("abcdefghij") == ("abcdefghi", "abcdefghijkl", "abcdefgh")
    assert checker.suggestions("abcdefghij 10mg bd") == ("abcdefghi", "abcdefghijkl", "abcdefgh")


def test_a_name_written_without_its_hyphen_or_spaces_is_found() -> None:
    checker = InteractionChecker({"co-amilofruse": ["diuretic"]}, {"other_drugs": {"co-codamol": ["opioid"]}})
    assert checker.find("coamilofruse") == DrugIdentity("co-amilofruse", frozenset({"diuretic"}))
    assert checker.find("co amilo fruse 5/40 od") == DrugIdentity("co-amilofruse", frozenset({"diuretic"}))
    assert checker.find("CoCodamol 30/500") == DrugIdentity("co-codamol", frozenset({"opioid"}))
    assert checker.find("coamilo") is None


def test_a_name_that_two_drugs_share_without_spaces_finds_neither() -> None:
    # "pro-drug" and "prodrug" are two drugs; written "p rodrug" it could be either, so it is not guessed
    checker = InteractionChecker({"pro-drug": ["a"]}, {"other_drugs": {"prodrug": ["b"]}})
    assert checker.find("p rodrug") is None
    assert checker.find("pro drug 10mg bd") == DrugIdentity("pro-drug", frozenset({"a"}))  # whole name, then compact
    assert checker.find("pro drug") == DrugIdentity("pro-drug", frozenset({"a"}))
    assert checker.find("prodrug") == DrugIdentity("prodrug", frozenset({"b"}))
    # the same drug under two names that agree without spaces stays found
    same = InteractionChecker({"pro-drug": ["a"]}, {"app_drugs": {"pro-drug": {"synonyms": ["prodrug"]}}})
    assert same.find("p rodrug") == DrugIdentity("pro-drug", frozenset({"a"}))


# --------------------------------------------------------------------------- malformed data: path and whole message

RULE = {"id": "r", "count": {"classes": ["x"], "min": 2}, "severity": "major", "status": "G", "message": "m",
        "action": "a", "source": "S-1"}  # fmt: skip


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ({"other_drugs": ["diazepam"]}, "other_drugs", "must map drug names to class lists or entries"),
        ({"other_drugs": {"diazepam": {"brands": ["Valium"]}}}, "other_drugs.diazepam",
         "an entry needs at least one class"),
        ({"other_drugs": {"diazepam": {"classes": []}}}, "other_drugs.diazepam", "an entry needs at least one class"),
        ({"other_drugs": {"diazepam": "benzodiazepine"}}, "other_drugs.diazepam", "must be a list of names"),
        ({"other_drugs": {"diazepam": {"classes": [""]}}}, "other_drugs.diazepam.classes", "must be a list of names"),
        ({"other_drugs": {"diazepam": {"classes": ["b"], "synonyms": [1]}}}, "other_drugs.diazepam.synonyms",
         "must be a list of names"),
        ({"app_drugs": ["ibuprofen"]}, "app_drugs", "must map drug ids to their brands and synonyms"),
        ({"app_drugs": {"ibuprofen": ["Nurofen"]}}, "app_drugs.ibuprofen", "each entry has brands and/or synonyms"),
        ({"app_drugs": {"ibuprofen": {"synonyms": "x"}}}, "app_drugs.ibuprofen.synonyms", "must be a list of names"),
        ({"app_drugs": {"ibuprofen": {"brands": [""]}}}, "app_drugs.ibuprofen.brands", "must be a list of names"),
        ({"sources": ["S-1"]}, "sources", "must map source keys to citations"),
        ({"sources": {"S-1": "  "}}, "sources", "must map source keys to citations"),
        ({"sources": {"S-1": 3}}, "sources", "must map source keys to citations"),
        ({"rules": [RULE, "r"]}, "rules[1]", "each rule is a mapping"),
        ({"rules": [{**RULE, "groups": [{"classes": ["x"]}]}]}, "rules[0]", "a rule has either groups or count"),
        ({"rules": [{**RULE, "count": None}]}, "rules[0]", "a rule has either groups or count"),
        ({"rules": [{**RULE, "severity": "minor"}]}, "rules[0]",
         "severity must be one of contraindicated, major, moderate"),
        ({"rules": [{**RULE, "status": "X"}]}, "rules[0]", "status must be one of L, L2, G, U"),
        ({"rules": [{**RULE, "id": ""}]}, "rules[0]", "'id' is required"),
        ({"rules": [{**RULE, "message": None}]}, "rules[0]", "'message' is required"),
        ({"rules": [{**RULE, "action": ""}]}, "rules[0]", "'action' is required"),
        ({"rules": [{k: v for k, v in RULE.items() if k != "source"}]}, "rules[0]", "'source' is required"),
        ({"rules": [RULE, {**RULE, "id": "s"}, RULE]}, "rules.r", "rule ids must be unique"),
        ({"rules": [RULE, {**RULE, "id": "s", "overrides": ["r", "q"]}]}, "rules.s", "overrides unknown rule 'q'"),
    ],
)  # fmt: skip
def test_malformed_data_is_refused_with_its_path_and_message(data: dict[str, Any], path: str, message: str) -> None:
    e = _error(InteractionChecker, {}, data)
    assert (e.path, str(e)) == (path, f"dosing data {path}: {message}")


def test_a_rule_is_read_field_by_field() -> None:
    pair = {
        "id": 7, "groups": [{"drugs": ["lithium"]}, {"classes": ["nsaid"], "except": ["aspirin"]}],
        "severity": "contraindicated", "status": "L2", "message": "Lithium rises.", "action": "Halve lithium.",
        "source": "S-1", "capped_drug": "lithium", "cap_daily_mg": "400", "overrides": ["three"],
    }  # fmt: skip
    count = {**RULE, "id": "three", "count": {"classes": ["cns", "opioid"], "min": 3}, "severity": "moderate"}
    bare = {**RULE, "id": "any", "count": {"classes": ["cns"]}}
    others, rules = parse_rules({"other_drugs": {"Lithium": ["mood"]}, "rules": [pair, count, bare]})
    assert others == {"lithium": frozenset({"mood"})}
    assert rules == (
        InteractionRule(
            id="7",
            groups=(
                Group(frozenset({"lithium"}), frozenset()),
                Group(frozenset(), frozenset({"nsaid"}), frozenset({"aspirin"})),
            ),
            count_classes=frozenset(),
            count_min=0,
            severity="contraindicated",
            message="Lithium rises.",
            action="Halve lithium.",
            capped_drug="lithium",
            cap_daily_mg=400.0,
            source="S-1",
            status="L2",
            overrides=frozenset({"three"}),
        ),
        InteractionRule("three", (), frozenset({"cns", "opioid"}), 3, "moderate", "m", "a", None, None, "S-1", "G"),
        InteractionRule("any", (), frozenset({"cns"}), 0, "major", "m", "a", None, None, "S-1", "G"),
    )
    assert isinstance(rules[0].cap_daily_mg, float)


def test_the_checker_keeps_the_vocabulary_sources_and_aliases() -> None:
    data = {
        "sources": {"S-1": "Reference one.", 2: "Reference two."},
        "other_drugs": {"Diazepam": {"classes": ["benzodiazepine"], "brands": ["Valium"], "synonyms": ["diazepamum"]}},
        "app_drugs": {"gone": {"brands": ["G"]}, "ibuprofen": {"brands": ["Nurofen"], "synonyms": ["ibuprofenum"]}},
    }
    assert parse_app_aliases(data) == {"ibuprofen": ("Nurofen", "ibuprofenum"), "gone": ("G",)}
    checker = InteractionChecker({"ibuprofen": ["nsaid"]}, data)
    assert checker.sources == {"S-1": "Reference one.", "2": "Reference two."}
    assert checker.vocabulary == {
        "diazepam": VocabularyEntry("diazepam", frozenset({"benzodiazepine"}), ("Valium",), ("diazepamum",))
    }
    assert checker.known_names() == ["diazepam", "diazepamum", "ibuprofen", "ibuprofenum", "Nurofen", "Valium"]
    assert checker.find("NUROFEN") == checker.find("ibuprofenum") == DrugIdentity("ibuprofen", frozenset({"nsaid"}))
    assert checker.find("valium") == DrugIdentity("diazepam", frozenset({"benzodiazepine"}))
    assert checker.find("G") is None
    assert checker.opioids is None


# --------------------------------------------------------------------------- finding a drug by what was typed

NAMES = InteractionChecker(
    {"morphine": ["opioid"], "potassium citrate": ["alkaliniser"], "oxycodone": ["opioid"]},
    {"other_drugs": {"phenelzine": ["maoi"], "co-codamol": ["opioid"], "valproic acid": ["antiepileptic"]}},
)


@pytest.mark.parametrize(
    ("typed", "drug_id"),
    [
        ("morphine", "morphine"),
        ("Morphine 10mg bd", "morphine"),
        ("oxycodone MR 20 mg bd", "oxycodone"),
        ("oxycodone:40", "oxycodone"),
        ("co-codamol 30/500:240", "co-codamol"),
        ("co-codamol 30/500 2 qds", "co-codamol"),
        ("phenelzine sulfate", "phenelzine"),
        ("Phenelzine Sulphate 15mg tds", "phenelzine"),
        ("phenelzine sulfate tablets", "phenelzine"),
        ("morphine sulfate hydrochloride MR", "morphine"),
        ("potassium citrate", "potassium citrate"),
        ("Valproic Acid sodium 500mg bd", "valproic acid"),
        ("morphine 10mg sulfate", "morphine"),
    ],
)
def test_a_drug_is_found_under_its_dose_chart_words_and_salt(typed: str, drug_id: str) -> None:
    found = NAMES.find(typed)
    assert found is not None and found == DrugIdentity(drug_id, NAMES.classes_of(drug_id))


@pytest.mark.parametrize("typed", ["sulfate", "citrate", "potassium", "sulfate morphine", "morphin"])
def test_a_salt_alone_or_first_is_not_a_drug(typed: str) -> None:
    assert NAMES.find(typed) is None


def test_an_unknown_drug_is_named_cut_at_40_characters_with_the_close_names() -> None:
    with pytest.raises(InputError) as err:
        NAMES.identify("morphin")
    assert (err.value.field, str(err.value)) == (
        "other drug",
        "other drug: unknown drug 'morphin'; did you mean 'morphine'?",
    )
    with pytest.raises(InputError) as err:
        NAMES.identify("oxycodon 5mg")
    assert str(err.value) == "other drug: unknown drug 'oxycodon 5mg'; did you mean 'oxycodone'?"
    both = InteractionChecker({"abcdefgh": [], "abcdefgi": []}, {})
    with pytest.raises(InputError) as err:
        both.identify("abcdefgj")
    assert str(err.value) == "other drug: unknown drug 'abcdefgj'; did you mean 'abcdefgi' or 'abcdefgh'?"
    with pytest.raises(InputError) as err:
        NAMES.identify("z" * 40 + "TAIL")
    assert str(err.value) == (
        f"other drug: unknown drug '{'z' * 40}'; "
        "use a generic or brand name such as omeprazole, Lipitor or paracetamol."
    )


# --------------------------------------------------------------------------- which rules fire

NSAID_PAIR = {
    "id": "nsaid-pair",
    "groups": [{"classes": ["nsaid"]}, {"classes": ["nsaid"], "except": ["aspirin"]}],
    "severity": "major",
    "status": "G",
    "message": "Two NSAIDs.",
    "action": "Use one.",
    "source": "S-1",
}
SSRI_MAOI = {
    "id": "ssri-maoi",
    "groups": [{"classes": ["ssri"]}, {"classes": ["maoi"]}],
    "severity": "contraindicated",
    "status": "L",
    "message": "Serotonin syndrome.",
    "action": "Do not combine.",
    "source": "S-2",
}
OPIOID_BENZO = {
    "id": "opioid-benzo",
    "groups": [{"classes": ["opioid"]}, {"drugs": ["diazepam"]}],
    "severity": "major",
    "status": "G",
    "message": "Breathing.",
    "action": "Avoid.",
    "source": "S-1",
    "overrides": ["cns-two"],
}
CNS_TWO = {
    "id": "cns-two",
    "count": {"classes": ["cns"], "min": 2},
    "severity": "moderate",
    "status": "G",
    "message": "Drowsy.",
    "action": "Warn.",
    "source": "S-1",
}
THREE = {
    "id": "three",
    "groups": [{"classes": ["nsaid"]}, {"classes": ["ace"]}, {"classes": ["diuretic"]}],
    "severity": "moderate",
    "status": "G",
    "message": "Kidneys.",
    "action": "Check.",
    "source": "S-1",
}
CHECKER = InteractionChecker(
    {"ibuprofen": ["nsaid"], "naproxen": ["nsaid"], "aspirin": ["nsaid", "antiplatelet"], "morphine": ["opioid", "cns"],
     "sertraline": ["ssri"]},
    {"other_drugs": {"diazepam": ["benzodiazepine", "cns"], "zopiclone": ["cns"], "phenelzine": ["maoi"],
                     "lisinopril": ["ace"], "furosemide": ["diuretic"]},
     "rules": [CNS_TWO, THREE, NSAID_PAIR, OPIOID_BENZO, SSRI_MAOI]},
)  # fmt: skip


def _hits(hits: list[Any]) -> list[tuple[str, tuple[str, ...]]]:
    return [(h.rule.id, h.drugs) for h in hits]


def test_a_pair_fires_once_with_the_dosed_drug_first() -> None:
    assert _hits(CHECKER.check("ibuprofen", ["naproxen"])) == [("nsaid-pair", ("ibuprofen", "naproxen"))]
    assert _hits(CHECKER.check("naproxen", ["ibuprofen", "Ibuprofen"])) == [("nsaid-pair", ("naproxen", "ibuprofen"))]
    assert CHECKER.check("ibuprofen", []) == [] and CHECKER.check("ibuprofen", ["ibuprofen"]) == []


def test_an_excepted_drug_fills_only_the_other_group() -> None:
    assert _hits(CHECKER.check("aspirin", ["ibuprofen"])) == [("nsaid-pair", ("aspirin", "ibuprofen"))]
    assert _hits(CHECKER.check("ibuprofen", ["aspirin"])) == [("nsaid-pair", ("ibuprofen", "aspirin"))]
    two_aspirins = InteractionChecker({"aspirin": ["nsaid"], "asa": ["nsaid"]}, {"rules": [NSAID_PAIR]})
    assert _hits(two_aspirins.check("aspirin", ["asa"])) == [("nsaid-pair", ("aspirin", "asa"))]
    assert _hits(two_aspirins.check("asa", ["aspirin"])) == [("nsaid-pair", ("asa", "aspirin"))]


def test_each_pair_the_dosed_drug_makes_is_a_hit_of_its_own() -> None:
    assert _hits(CHECKER.check("ibuprofen", ["naproxen", "aspirin"])) == [
        ("nsaid-pair", ("ibuprofen", "naproxen")),
        ("nsaid-pair", ("ibuprofen", "aspirin")),
    ]


def test_a_drug_named_in_a_group_fills_it_whatever_its_classes() -> None:
    assert _hits(CHECKER.check("diazepam", ["morphine"])) == [("opioid-benzo", ("diazepam", "morphine"))]
    assert CHECKER.check("zopiclone", ["phenelzine"]) == []


def test_a_count_rule_needs_the_dosed_drug_and_its_minimum() -> None:
    assert _hits(CHECKER.check("morphine", ["zopiclone"])) == [("cns-two", ("morphine", "zopiclone"))]
    assert CHECKER.check("morphine", ["ibuprofen"]) == []
    assert CHECKER.check("ibuprofen", ["morphine", "zopiclone"]) == []  # the dosed drug is not one of them
    lone = InteractionChecker({"a": ["cns"]}, {"rules": [{**CNS_TWO, "count": {"classes": ["cns"], "min": 1}}]})
    assert _hits(lone.check("a", [])) == [("cns-two", ("a",))]


def test_a_specific_rule_replaces_the_general_one_only_on_the_same_drugs() -> None:
    assert _hits(CHECKER.check("morphine", ["diazepam"])) == [("opioid-benzo", ("morphine", "diazepam"))]
    assert _hits(CHECKER.check("morphine", ["diazepam", "zopiclone"])) == [
        ("opioid-benzo", ("morphine", "diazepam")),
        ("cns-two", ("morphine", "diazepam", "zopiclone")),
    ]


def test_three_groups_need_three_different_drugs_and_the_hits_come_most_severe_first() -> None:
    assert _hits(CHECKER.check("ibuprofen", ["lisinopril", "furosemide", "naproxen"])) == [
        ("nsaid-pair", ("ibuprofen", "naproxen")),
        ("three", ("ibuprofen", "lisinopril", "furosemide")),
    ]
    assert _hits(CHECKER.check("furosemide", ["ibuprofen", "lisinopril", "phenelzine", "sertraline"])) == [
        ("three", ("furosemide", "ibuprofen", "lisinopril")),
    ]
    assert _hits(CHECKER.check("sertraline", ["morphine", "diazepam", "phenelzine"])) == [
        ("ssri-maoi", ("sertraline", "phenelzine")),
    ]
    assert CHECKER.check("ibuprofen", ["lisinopril"]) == []


def test_among_all_the_medicines_each_hit_is_listed_once_in_a_fixed_order() -> None:
    names = ["zopiclone", "sertraline", "ibuprofen", "diazepam", "phenelzine", "morphine", "naproxen"]
    expected = [
        ("ssri-maoi", ("sertraline", "phenelzine")),
        ("nsaid-pair", ("ibuprofen", "naproxen")),
        ("opioid-benzo", ("diazepam", "morphine")),
        ("cns-two", ("zopiclone", "diazepam", "morphine")),
    ]
    assert _hits(CHECKER.interactions_among(names)) == expected
    again = _hits(CHECKER.interactions_among(list(reversed(names))))
    assert sorted(again) == sorted(
        [("ssri-maoi", ("phenelzine", "sertraline")), ("nsaid-pair", ("naproxen", "ibuprofen")),
         ("opioid-benzo", ("morphine", "diazepam")), ("cns-two", ("morphine", "diazepam", "zopiclone"))]
    )  # fmt: skip
    assert [h.rule.severity for h in CHECKER.interactions_among(names)] == ["contraindicated", "major", "major",
                                                                            "moderate"]  # fmt: skip


def test_among_the_medicines_equal_severities_follow_the_order_entered_then_the_rule_id() -> None:
    both = {**NSAID_PAIR, "id": "a-first"}
    checker = InteractionChecker({"ibuprofen": ["nsaid"], "naproxen": ["nsaid"], "morphine": ["opioid"]},
                                 {"other_drugs": {"diazepam": ["benzodiazepine"]},
                                  "rules": [NSAID_PAIR, OPIOID_BENZO, both, CNS_TWO]})  # fmt: skip
    assert _hits(checker.interactions_among(["diazepam", "naproxen", "morphine", "ibuprofen"])) == [
        ("opioid-benzo", ("diazepam", "morphine")),
        ("a-first", ("naproxen", "ibuprofen")),
        ("nsaid-pair", ("naproxen", "ibuprofen")),
    ]


def test_among_the_medicines_a_count_rule_needs_its_minimum_and_an_identity_may_be_given() -> None:
    assert CHECKER.interactions_among(["morphine", "ibuprofen"]) == []
    assert CHECKER.interactions_among(["lisinopril", "furosemide"]) == []
    low_dose = DrugIdentity("aspirin", frozenset({"antiplatelet"}))
    assert CHECKER.interactions_among([low_dose, "ibuprofen"]) == []
    assert _hits(CHECKER.interactions_among(["aspirin", "ibuprofen"])) == [("nsaid-pair", ("aspirin", "ibuprofen"))]
    assert CHECKER.interactions_among([]) == []


def test_among_the_medicines_every_count_rule_that_fires_is_listed() -> None:
    three = {**CNS_TWO, "id": "cns-three", "count": {"classes": ["cns"], "min": 3}, "severity": "major"}
    checker = InteractionChecker(
        {"morphine": ["opioid", "cns"]},
        {"other_drugs": {"diazepam": ["cns"], "zopiclone": ["cns"]}, "rules": [CNS_TWO, three]},
    )
    assert _hits(checker.interactions_among(["morphine", "diazepam", "zopiclone"])) == [
        ("cns-three", ("morphine", "diazepam", "zopiclone")),
        ("cns-two", ("morphine", "diazepam", "zopiclone")),
    ]
    assert _hits(checker.interactions_among(["zopiclone", "morphine"])) == [("cns-two", ("zopiclone", "morphine"))]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("St. John’s Wort", "st johns wort"),
        ("O'Neill's `x`", "oneills x"),
        ("Ibuprofène", "ibuprofene"),
        ("ﬁnasteride", "finasteride"),
        ("co-codamol 30/500", "co codamol 30 500"),
        ("vitamin B12+D3", "vitamin b12+d3"),
        ("  Lipitor\t 20 ", "lipitor 20"),
        ("a_b,c;d", "a b c d"),
        ("", ""),
    ],
)
def test_a_name_is_compared_without_case_accents_punctuation_or_extra_spaces(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_a_salt_word_that_is_a_medicine_of_its_own_is_kept() -> None:
    checker = InteractionChecker({}, {"other_drugs": {"potassium": ["potassium"]}})
    assert checker.find("Potassium citrate") == DrugIdentity("potassium", frozenset({"potassium"}))
    assert checker.find("potassium") == DrugIdentity("potassium", frozenset({"potassium"}))


def test_a_salt_written_with_capitals_or_a_full_stop_is_still_dropped() -> None:
    assert NAMES.find("Phenelzine SULFATE.") == DrugIdentity("phenelzine", frozenset({"maoi"}))
    assert NAMES.find("phenelzine sodium potassium") == DrugIdentity("phenelzine", frozenset({"maoi"}))
