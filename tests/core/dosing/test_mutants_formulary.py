"""Exact values for formulary.py: each test pins what a mutant of the loader or the look-ups could change (issue 21).

The formulary is built from a source written here (two synthetic systemic drugs and one topical, interaction
sources, pregnancy advice), so every drug, class, contraindication and citation expected below can be read off
the data; the kidney values are Cockcroft-Gault worked by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.interactions import InteractionChecker
from legpain_desktop.core.dosing.patient import InputError
from legpain_desktop.core.dosing.schema import Contraindication
from tests.core.dosing.conftest import AVOID_RULE, patient

OWN_RULE = {
    "condition": "heart-failure", "severity": "caution", "message": "Fluid retention.", "source": "S-X",
    "status": "L",
}  # fmt: skip


def _meta(indications: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    """A systemic drug: 100-300 mg a day (indication "c"), one kidney row keyed on CrCl, avoided on dialysis."""
    ind = {
        "indication": "c", "label": "C", "daily_mg": {"min": 100, "max": 300}, "doses_per_day": [2],
        "frequency": "twice daily", "max_daily_mg": 300, "source": "S-X", "status": "L",
    }  # fmt: skip
    band = {"label": "any", "lower": 0, "upper": None, "daily_mg": {"min": 100, "max": 300},
            "doses_per_day": [2], "status": "L"}  # fmt: skip
    dosing = {
        "main_indication": "c",
        "indications": indications or [ind],
        "renal": {"measure": "crcl", "source": "S-X", "status": "L", "bands": [band],
                  "dialysis": {"hd": AVOID_RULE, "pd": AVOID_RULE}},
        **extra,
    }  # fmt: skip
    return {"systemic": True, "classes": ["nsaid"], "dosing": dosing}


TOPICAL = {
    "systemic": False, "classes": [],
    "topical": {"schedule": "Apply thinly.", "renal": "No kidney rule.", "source": "S-X", "status": "L"},
}  # fmt: skip


def _advice(severity: str, text: str) -> dict[str, str]:
    return {"severity": severity, "text": text, "source": "S-PREG", "status": "G"}


REPRODUCTIVE = {
    "sources": {"S-PREG": "Pregnancy reference, 2026."},
    "drugs": {
        "zeta": {"pregnancy": _advice("avoid", "Avoid in pregnancy."),
                 "breastfeeding": _advice("info", "Compatible.")},
        "ghost": {"pregnancy": _advice("avoid", "Not a drug here."),
                  "breastfeeding": _advice("avoid", "Not a drug here.")},
    },
}  # fmt: skip


NSAID_PAIR = {
    "id": "nsaid-pair", "groups": [{"classes": ["nsaid"]}, {"classes": ["nsaid"]}], "severity": "major",
    "status": "G", "message": "Two NSAIDs add bleeding and kidney risk.", "action": "Use one.", "source": "S-INT",
}  # fmt: skip


class Source:
    """A DrugSource: zeta (with its own contraindication), alpha, and the topical cream."""

    def __init__(self, reproductive: dict[str, Any] | None = None) -> None:
        self.reproductive = REPRODUCTIVE if reproductive is None else reproductive

    def meta_of_kind(self, kind: str) -> dict[str, tuple[str, dict[str, Any]]]:
        assert kind == "drug"
        return {
            "zeta": ("Zeta", _meta(contraindications=[OWN_RULE])),
            "alpha": ("Alpha", _meta()),
            "cream": ("Cream", TOPICAL),
        }

    def interaction_rules(self) -> dict[str, Any]:
        return {"sources": {"S-INT": "Interaction reference, 2025."}, "rules": [NSAID_PAIR]}

    def reproductive_rules(self) -> dict[str, Any]:
        return self.reproductive


@pytest.fixture()
def formulary() -> Formulary:
    """Built afresh for each test, so a mutant of the loader meets every test (not only the first)."""
    return Formulary.from_repository(Source())


# --------------------------------------------------------------------------- building


def test_the_constructor_keeps_the_drugs_the_checker_and_the_citations_it_is_given() -> None:
    checker = InteractionChecker({}, {})
    f = Formulary({}, checker, {"S-P": "A citation."})
    assert f.drugs == {} and f.checker is checker and f.source_citations == {"S-P": "A citation."}
    assert Formulary({}, checker).source_citations == {}


def test_every_drug_is_loaded_under_its_id_with_its_title(formulary: Formulary) -> None:
    assert sorted(formulary.drugs) == ["alpha", "cream", "zeta"]
    assert {d: x.title for d, x in formulary.drugs.items()} == {"alpha": "Alpha", "cream": "Cream", "zeta": "Zeta"}
    assert formulary.drugs["alpha"].drug_id == "alpha" and formulary.drugs["alpha"].classes == ("nsaid",)


def test_pregnancy_advice_follows_the_drugs_own_contraindications(formulary: Formulary) -> None:
    assert formulary.drugs["zeta"].contraindications == (
        Contraindication("heart-failure", "caution", "Fluid retention.", "S-X", "L"),
        Contraindication("pregnancy", "avoid", "Avoid in pregnancy.", "S-PREG", "G"),
        Contraindication("breastfeeding", "info", "Compatible.", "S-PREG", "G"),
    )
    assert formulary.drugs["alpha"].contraindications == ()  # "ghost" is not a drug here: ignored


def test_the_citations_are_the_interaction_sources_and_the_pregnancy_sources(formulary: Formulary) -> None:
    assert formulary.source_citations == {
        "S-INT": "Interaction reference, 2025.",
        "S-PREG": "Pregnancy reference, 2026.",
    }


def test_without_pregnancy_advice_the_drugs_and_citations_are_the_monographs_alone() -> None:
    f = Formulary.from_repository(Source({}))
    assert f.drugs["zeta"].contraindications == (
        Contraindication("heart-failure", "caution", "Fluid retention.", "S-X", "L"),
    )
    assert f.source_citations == {"S-INT": "Interaction reference, 2025."}


def test_the_checker_knows_every_drugs_classes_and_the_interaction_sources(formulary: Formulary) -> None:
    assert formulary.checker.classes_of("zeta") == frozenset({"nsaid"})
    assert formulary.checker.classes_of("cream") == frozenset()
    assert formulary.checker.sources == {"S-INT": "Interaction reference, 2025."}


# --------------------------------------------------------------------------- look-ups


def test_a_drug_is_found_whatever_its_case_and_surrounding_spaces(formulary: Formulary) -> None:
    assert formulary.drug("  ZeTa ").drug_id == "zeta"
    assert formulary.drug("alpha").title == "Alpha"


def test_an_unknown_drug_is_refused_on_the_drug_field_with_its_name_cut_to_40_characters(
    formulary: Formulary,
) -> None:
    with pytest.raises(InputError) as caught:
        formulary.drug("beta")
    assert caught.value.field == "drug"
    assert str(caught.value) == "drug: unknown drug 'beta'; see 'legpain-desktop list --kind drug'"
    name = "b" * 40 + "XYZ"
    with pytest.raises(InputError) as caught:
        formulary.drug(name)
    assert str(caught.value) == f"drug: unknown drug {'b' * 40!r}; see 'legpain-desktop list --kind drug'"


def test_systemic_ids_are_the_systemic_drugs_in_order(formulary: Formulary) -> None:
    assert formulary.systemic_ids() == ["alpha", "zeta"]


# --------------------------------------------------------------------------- dosing

# 50-year-old man, 80 kg, 152.4 cm (60 in), creatinine 1.0 mg/dL. Ideal weight (Devine) 50 + 2.3 x 0 = 50 kg;
# adjusted 50 + 0.4 x (80 - 50) = 62 kg. Cockcroft-Gault (140 - 50) x weight / 72: actual 100.0, ideal 62.5,
# adjusted 77.5 mL/min.
SHORT_MAN = {"height": 152.4}


def test_the_dose_uses_actual_weight_unless_told_otherwise(formulary: Formulary) -> None:
    result, kidney = formulary.dose("zeta", patient(**SHORT_MAN))
    assert kidney.weight_basis == "actual" and kidney.crcl == pytest.approx(100.0)
    assert result.drug_id == "zeta" and result.measure_value == pytest.approx(100.0)


@pytest.mark.parametrize(("basis", "crcl"), [("ideal", 62.5), ("adjusted", 77.5)])
def test_the_dose_uses_the_weight_basis_it_is_given(formulary: Formulary, basis: str, crcl: float) -> None:
    result, kidney = formulary.dose(" Zeta", patient(**SHORT_MAN), basis)
    assert kidney.weight_basis == basis and kidney.crcl == pytest.approx(crcl)
    assert result.drug_id == "zeta" and result.measure_value == pytest.approx(crcl)


def test_the_dose_is_for_the_indication_asked_for() -> None:
    ind = {
        "indication": "c", "label": "C", "daily_mg": {"min": 100, "max": 300}, "doses_per_day": [2],
        "frequency": "twice daily", "max_daily_mg": 300, "source": "S-X", "status": "L",
    }  # fmt: skip
    second = {**ind, "indication": "d", "label": "D", "daily_mg": {"min": 50, "max": 150}, "max_daily_mg": 150}
    source = Source({})
    metas = {"zeta": ("Zeta", _meta([ind, second]))}
    source.meta_of_kind = lambda kind: metas  # type: ignore[method-assign]
    f = Formulary.from_repository(source)
    main, _ = f.dose("zeta", patient())
    other, _ = f.dose("zeta", patient(), "actual", "d")
    assert (main.indication_id, main.max_daily_mg) == ("c", 300)
    assert (other.indication_id, other.indication_label, other.max_daily_mg) == ("d", "D", 150)


def test_every_other_drug_is_identified_and_an_unknown_one_is_named_back(formulary: Formulary) -> None:
    alone, _ = formulary.dose("zeta", patient())
    assert [f for f in alone.flags if f.kind == "interaction"] == []
    result, _ = formulary.dose("zeta", patient(other_drugs=["Alpha"]))
    assert [(f.severity, f.message, f.source) for f in result.flags if f.kind == "interaction"] == [
        ("major", "zeta + alpha: Two NSAIDs add bleeding and kidney risk. Use one.", "S-INT")
    ]
    with pytest.raises(InputError) as caught:
        formulary.dose("zeta", patient(other_drugs=["alpha", "qqqqqq"]))
    assert caught.value.field == "other drug" and "'qqqqqq'" in str(caught.value)
