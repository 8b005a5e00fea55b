from __future__ import annotations

from typing import Any

import pytest

from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.patient import Patient
from legpain_desktop.core.dosing.renal import KidneyFunction
from legpain_desktop.core.dosing.schema import DrugDosing, parse_drug


@pytest.fixture(scope="session")
def formulary(shipped_repo: ContentRepository) -> Formulary:
    return Formulary.from_repository(shipped_repo)


def kidney(crcl: float = 80.0, egfr: float | None = None, basis: str = "actual") -> KidneyFunction:
    """Kidney function with exactly the clearance a test needs."""
    e = crcl if egfr is None else egfr
    return KidneyFunction(
        crcl_actual=crcl,
        crcl_ideal=crcl,
        crcl_adjusted=crcl,
        weight_basis=basis,
        egfr_indexed=e,
        egfr_absolute=e,
        bsa_m2=1.8,
        ideal_weight_kg=60.0,
        adjusted_weight_kg=64.0,
        weight_note="",
        working=(),
    )


def patient(**changes: Any) -> Patient:
    base: dict[str, Any] = {"age": 50, "sex": "male", "weight": 80, "height": 178, "scr": 1.0}
    return Patient.create(**{**base, **changes})


AVOID_RULE = {"basis": "avoid", "text": "Avoid.", "source": "S-X", "status": "L"}


def synthetic_drug(
    bands: list[dict[str, Any]],
    indication: dict[str, Any] | None = None,
    renal: dict[str, Any] | None = None,
    **dosing_extra: Any,
) -> DrugDosing:
    """A systemic drug with one indication and the given kidney rows (avoided on dialysis), for rare paths."""
    ind = {
        "indication": "c", "label": "C", "daily_mg": {"min": 10, "max": 600}, "doses_per_day": [2],
        "frequency": "twice daily", "max_daily_mg": 600, "source": "S-I", "status": "L", **(indication or {}),
    }  # fmt: skip
    dosing = {
        "main_indication": "c",
        "indications": [ind],
        "renal": {
            "measure": "crcl", "source": "S-R", "status": "L", "bands": bands,
            "dialysis": {"hd": AVOID_RULE, "pd": AVOID_RULE}, **(renal or {}),
        },
        **dosing_extra,
    }  # fmt: skip
    return parse_drug("x", "X", {"systemic": True, "dosing": dosing})
