"""Every drug's dosing data and the interaction rules, loaded once from the content database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Protocol

from legpain_desktop.core.dosing.calculator import DoseResult, calculate_dose
from legpain_desktop.core.dosing.interactions import InteractionChecker
from legpain_desktop.core.dosing.patient import InputError, Patient, Problem
from legpain_desktop.core.dosing.renal import KidneyFunction, kidney_function
from legpain_desktop.core.dosing.schema import DrugDosing, parse_drug, parse_reproductive


class DrugSource(Protocol):
    def meta_of_kind(self, kind: str) -> dict[str, tuple[str, dict[str, Any]]]: ...

    def interaction_rules(self) -> dict[str, Any]: ...

    def reproductive_rules(self) -> dict[str, Any]: ...


class Formulary:
    def __init__(
        self,
        drugs: Mapping[str, DrugDosing],
        checker: InteractionChecker,
        source_citations: Mapping[str, str] | None = None,
    ) -> None:
        """``source_citations`` maps source keys that no monograph cites (pregnancy advice) to citations."""
        self.drugs = dict(drugs)
        self.checker = checker
        self.source_citations = dict(source_citations or {})

    @classmethod
    def from_repository(cls, repo: DrugSource) -> Formulary:
        metas = repo.meta_of_kind("drug")
        drugs = {did: parse_drug(did, title, meta) for did, (title, meta) in metas.items()}
        reproductive_data = repo.reproductive_rules()
        if reproductive_data:
            for did, rules in parse_reproductive(reproductive_data).items():
                if did in drugs:
                    drug = drugs[did]
                    drugs[did] = replace(drug, contraindications=drug.contraindications + rules)
        classes = {did: d.classes for did, d in drugs.items()}
        citations = {str(k): str(v) for k, v in (reproductive_data.get("sources") or {}).items()}
        checker = InteractionChecker(classes, repo.interaction_rules())
        return cls(drugs, checker, {**checker.sources, **citations})

    def drug(self, drug_id: str) -> DrugDosing:
        key = drug_id.strip().lower()
        if key not in self.drugs:
            raise InputError(
                "drug",
                f"unknown drug {drug_id[:40]!r}; see 'legpain-desktop list --kind drug'",
                Problem("drug", "unknown", drug_id[:40]),
            )
        return self.drugs[key]

    def systemic_ids(self) -> list[str]:
        return sorted(d for d, x in self.drugs.items() if x.systemic)

    def dose(
        self, drug_id: str, patient: Patient, weight_basis: str = "actual", indication: str | None = None
    ) -> tuple[DoseResult, KidneyFunction]:
        drug = self.drug(drug_id)
        for other in patient.other_drugs:
            self.checker.identify(other)  # unknown names are named back to the user
        kidney = kidney_function(patient, weight_basis)
        return calculate_dose(drug, patient, kidney, self.checker, indication), kidney
