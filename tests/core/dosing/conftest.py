from __future__ import annotations

from typing import Any

import pytest

from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.dosing.formulary import Formulary
from legpain_desktop.core.dosing.patient import Patient
from legpain_desktop.core.dosing.renal import KidneyFunction


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
