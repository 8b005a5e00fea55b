"""Opioid stewardship: the total daily oral morphine-equivalent dose (MME/day) and naloxone advice.

The conversion factors, thresholds and advice are content (``opioid_equivalence`` in
``content/interactions.yaml``, CDC 2022 with every factor's source); this module only does the
arithmetic and says what it could not count. An opioid whose daily dose is unknown is never
counted as 0: the total is then incomplete and says which opioid and why.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from legpain_desktop.core.dosing.medicines import PER_DAY, PER_HOUR
from legpain_desktop.core.dosing.schema import STATUSES, DosingDataError

MME_UNITS = (PER_DAY, PER_HOUR)
THRESHOLD_SEVERITIES = ("moderate", "major")
OPIOID_CLASS = "opioid"
UNIT_WORDS = {PER_DAY: "mg a day", PER_HOUR: "micrograms an hour"}


@dataclass(frozen=True)
class OpioidFactor:
    drug_id: str
    factor: float
    unit: str
    source: str
    status: str
    note: str = ""
    not_for: frozenset[str] = frozenset()  # names (normalised) of forms the factor does not cover


@dataclass(frozen=True)
class OpioidThreshold:
    at: float
    severity: str
    message: str


@dataclass(frozen=True)
class OpioidTable:
    source: str
    factors: Mapping[str, OpioidFactor]
    excluded: Mapping[str, str]  # left out of the total on purpose (CDC 2022: buprenorphine), with why
    no_factor: Mapping[str, str]  # opioids with no cited factor: a total with them is incomplete
    thresholds: tuple[OpioidThreshold, ...]  # ascending
    naloxone: str
    naloxone_risk: str
    risk_classes: frozenset[str]
    disclaimer: str
    risk_drugs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class OpioidTaken:
    """One opioid among the patient's medicines, with what is known of its daily dose."""

    drug_id: str
    name: str  # as the user named it (or the dosed drug's title)
    amount: float | None  # per day (mg) or per hour (mcg, patches); None when unknown
    unit: str | None  # None: in the factor's own unit (``oxycodone:40``)
    basis: str  # where the amount came from, in words
    dose_problem: str = ""
    normalised_name: str = ""


@dataclass(frozen=True)
class MmeLine:
    drug_id: str
    name: str
    amount: float | None
    unit: str
    factor: float | None
    mme: float | None
    source: str
    basis: str
    note: str = ""  # why it is not counted, or what the factor covers


ALERT_KINDS = ("band", "incomplete", "naloxone")


@dataclass(frozen=True)
class OpioidAlert:
    severity: str
    message: str
    source: str
    kind: str  # one of ALERT_KINDS: the CDC dosage band reached, an incomplete total, naloxone advice


@dataclass(frozen=True)
class MmeTotal:
    """The total, or None when some opioid's dose is unknown (``known`` is then the counted part)
    or when every opioid is left out of MME totals (buprenorphine alone: no total, never "0")."""

    total: float | None
    known: float
    lines: tuple[MmeLine, ...]
    missing: tuple[str, ...]
    alerts: tuple[OpioidAlert, ...]
    disclaimer: str
    source: str
    excluded: tuple[str, ...] = ()  # "name: why" for each opioid left out of the total on purpose
    band: float | None = None  # the highest CDC threshold the counted MME/day reaches (50 or 90), if any
    offer_naloxone: bool = False  # the strong advice (offer naloxone), not the note every opioid carries

    @property
    def complete(self) -> bool:
        return not self.missing

    def summary(self) -> str:
        if self.total is not None:
            return f"{format_mme(self.total)} MME/day"
        if not self.missing:
            return "no total: " + "; ".join(self.excluded)
        return f"incomplete: at least {format_mme(self.known)} MME/day counted; " + "; ".join(self.missing)


def format_mme(x: float) -> str:
    """Two decimals at most, cut rather than rounded, so a total below a level (49.95, or 49.996)
    is never shown as the level, 50, which would look like a missed flag; a floating-point hair
    below a whole figure (89.99999999 for 90) still reads as that figure."""
    return f"{math.floor(x * 100 + 1e-6) / 100:g}"


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DosingDataError(where, f"'{key}' is required")
    return value.strip()


def _reasons(raw: Any, where: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping) or not all(isinstance(v, str) and v.strip() for v in raw.values()):
        raise DosingDataError(where, "must map drug ids to the reason in words")
    return {str(k): str(v).strip() for k, v in raw.items()}


def parse_opioid_table(
    data: Mapping[str, Any],
    classes_of: Mapping[str, frozenset[str]],
    sources: set[str],
    normalise: Any,
) -> OpioidTable | None:
    """``opioid_equivalence`` checked against the known drugs: every opioid is either converted,
    left out on purpose, or named as having no factor, so a new opioid cannot be silently skipped."""
    raw = data.get("opioid_equivalence")
    if raw is None:
        return None
    where = "opioid_equivalence"
    if not isinstance(raw, Mapping) or not isinstance(raw.get("factors"), Mapping):
        raise DosingDataError(where, "needs 'factors' (drug id -> factor, unit, source, status)")
    section_source = _text(raw, "source", where)
    factors = {}
    for drug_id, entry in raw["factors"].items():
        at = f"{where}.factors.{drug_id}"
        if not isinstance(entry, Mapping):
            raise DosingDataError(at, "each factor is a mapping with factor, unit, source and status")
        factor = entry.get("factor")
        if isinstance(factor, bool) or not isinstance(factor, int | float) or not math.isfinite(factor) or factor <= 0:
            raise DosingDataError(at, "'factor' must be a positive number")
        unit = entry.get("unit")
        if unit not in MME_UNITS:
            raise DosingDataError(at, f"'unit' must be one of {', '.join(MME_UNITS)}")
        if entry.get("status") not in STATUSES:
            raise DosingDataError(at, f"status must be one of {', '.join(STATUSES)}")
        factors[str(drug_id)] = OpioidFactor(
            str(drug_id),
            float(factor),
            str(unit),
            _text(entry, "source", at),
            str(entry["status"]),
            str(entry.get("note") or ""),
            frozenset(normalise(n) for n in entry.get("not_for") or ()),
        )
    excluded = _reasons(raw.get("excluded"), f"{where}.excluded")
    no_factor = _reasons(raw.get("no_factor"), f"{where}.no_factor")
    thresholds = []
    for i, entry in enumerate(raw.get("thresholds") or ()):
        at = f"{where}.thresholds[{i}]"
        if not isinstance(entry, Mapping) or entry.get("severity") not in THRESHOLD_SEVERITIES:
            raise DosingDataError(at, f"severity must be one of {', '.join(THRESHOLD_SEVERITIES)}")
        level = entry.get("at")
        if isinstance(level, bool) or not isinstance(level, int | float) or level <= 0:
            raise DosingDataError(at, "'at' must be a positive number of MME/day")
        thresholds.append(OpioidThreshold(float(level), str(entry["severity"]), _text(entry, "message", at)))
    if [t.at for t in thresholds] != sorted({t.at for t in thresholds}):
        raise DosingDataError(f"{where}.thresholds", "must rise, each level once")
    naloxone = raw.get("naloxone")
    if not isinstance(naloxone, Mapping):
        raise DosingDataError(f"{where}.naloxone", "needs 'advice', 'with_risk' and 'risk_classes'")
    table = OpioidTable(
        source=section_source,
        factors=factors,
        excluded=excluded,
        no_factor=no_factor,
        thresholds=tuple(thresholds),
        naloxone=_text(naloxone, "advice", f"{where}.naloxone"),
        naloxone_risk=_text(naloxone, "with_risk", f"{where}.naloxone"),
        risk_classes=frozenset(naloxone.get("risk_classes") or ()),
        disclaimer=_text(raw, "disclaimer", where),
        risk_drugs=frozenset(naloxone.get("risk_drugs") or ()),
    )
    _check_against_drugs(table, classes_of, sources)
    return table


def _check_against_drugs(table: OpioidTable, classes_of: Mapping[str, frozenset[str]], sources: set[str]) -> None:
    where = "opioid_equivalence"
    named = [*table.factors, *table.excluded, *table.no_factor]
    for drug_id in named:
        if named.count(drug_id) > 1:
            raise DosingDataError(where, f"{drug_id!r} is listed twice (factors, excluded and no_factor are exclusive)")
        if drug_id not in classes_of:
            raise DosingDataError(where, f"{drug_id!r} is not a known drug")
        if OPIOID_CLASS not in classes_of[drug_id]:
            raise DosingDataError(where, f"{drug_id!r} is not in the opioid class")
    for drug_id in sorted(d for d, classes in classes_of.items() if OPIOID_CLASS in classes):
        if drug_id not in named:
            raise DosingDataError(
                where, f"opioid {drug_id!r} has no factor: add one with its source, or list it as excluded or no_factor"
            )
    for key in {table.source, *(f.source for f in table.factors.values())}:
        if key.lower() not in sources:
            raise DosingDataError(where, f"source {key!r} is not defined in 'sources'")


def morphine_equivalents(
    table: OpioidTable, opioids: Sequence[OpioidTaken], classes_present: frozenset[str] = frozenset()
) -> MmeTotal | None:
    """The total MME/day of ``opioids`` (None when there are none). ``classes_present``: the classes
    of all the patient's medicines, for naloxone advice with benzodiazepines and gabapentinoids."""
    if not opioids:
        return None
    lines = [_line(table, taken) for taken in opioids]
    missing = tuple(
        f"{line.name}: {line.note}" for line in lines if line.mme is None and line.drug_id in _counting(table)
    )
    excluded = tuple(f"{line.name}: {line.note}" for line in lines if line.drug_id in table.excluded)
    # rounded to 6 decimals so 37.5 x 2.4 is 90 and 33.3 x 1.5 stays 49.95 (no display rounding)
    known = round(math.fsum(line.mme for line in lines if line.mme is not None), 6)
    counted = any(line.mme is not None for line in lines)
    total = known if counted and not missing else None
    alerts: list[OpioidAlert] = []
    reached = [t for t in table.thresholds if known >= t.at]
    if reached:
        top = reached[-1]
        amount = f"{format_mme(known)} MME/day" if total is not None else f"at least {format_mme(known)} MME/day"
        alerts.append(OpioidAlert(top.severity, f"{amount}: {top.message}", table.source, "band"))
    if missing:
        alerts.append(
            OpioidAlert(
                "major",
                f"Morphine-equivalent total incomplete ({format_mme(known)} MME/day counted): "
                + "; ".join(missing)
                + ". Enter each opioid's daily dose; an opioid without one is not counted as zero.",
                table.source,
                "incomplete",
            )
        )
    risky = bool(reached) or bool(classes_present & table.risk_classes)
    risky = risky or any(taken.drug_id in table.risk_drugs for taken in opioids)
    alerts.append(OpioidAlert("moderate" if risky else "info", table.naloxone_risk if risky else table.naloxone,
                              table.source, "naloxone"))  # fmt: skip
    band = reached[-1].at if reached else None
    return MmeTotal(
        total, known, tuple(lines), missing, tuple(alerts), table.disclaimer, table.source, excluded, band, risky
    )


def _counting(table: OpioidTable) -> set[str]:
    return set(table.factors) | set(table.no_factor)


def _line(table: OpioidTable, taken: OpioidTaken) -> MmeLine:
    if taken.drug_id in table.excluded:
        return MmeLine(taken.drug_id, taken.name, taken.amount, taken.unit or "", None, None, table.source,
                       taken.basis, table.excluded[taken.drug_id])  # fmt: skip
    factor = table.factors.get(taken.drug_id)
    if factor is None:
        reason = table.no_factor.get(taken.drug_id, "no conversion factor")
        return MmeLine(taken.drug_id, taken.name, taken.amount, taken.unit or "", None, None, "", taken.basis, reason)
    if taken.normalised_name in factor.not_for:
        return MmeLine(taken.drug_id, taken.name, taken.amount, factor.unit, None, None, factor.source, taken.basis,
                       f"{factor.note} ({taken.name} is not covered by this factor)")  # fmt: skip
    if taken.amount is None:
        why = taken.dose_problem or f"no daily dose given (enter it in {UNIT_WORDS[factor.unit]})"
        why += f" ({factor.note})" if factor.note else ""
        return MmeLine(taken.drug_id, taken.name, None, factor.unit, factor.factor, None, factor.source, taken.basis,
                       why)  # fmt: skip
    if taken.unit is not None and taken.unit != factor.unit:
        why = f"the dose is in {UNIT_WORDS[taken.unit]}, but the factor needs {UNIT_WORDS[factor.unit]}"
        return MmeLine(taken.drug_id, taken.name, taken.amount, taken.unit, factor.factor, None, factor.source,
                       taken.basis, why)  # fmt: skip
    mme = round(taken.amount * factor.factor, 6)
    return MmeLine(taken.drug_id, taken.name, taken.amount, factor.unit, factor.factor, mme, factor.source,
                   taken.basis, factor.note)  # fmt: skip
