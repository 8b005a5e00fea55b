"""Structured dosing data: one schema for every drug, parsed strictly from monograph front matter.

See ``content/DOSING.md`` for the authoring contract. Every figure carries a source key and a
status: ``L`` (label text seen), ``L2`` (label as quoted), ``G`` (guideline or criteria) or
``U`` (unverified: shown as unverified and never used silently).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from legpain_desktop.core.model import ContentError
from legpain_desktop.core.sources.lines import key_line

if TYPE_CHECKING:
    from legpain_desktop.core.sources.corpus import Corpus
    from legpain_desktop.core.sources.monograph import Monograph

STATUSES = ("L", "L2", "G", "U")
MEASURES = ("crcl", "egfr")
BEERS_TABLES = ("T2", "T3", "T4", "T5", "T6")
QUALITIES = ("high", "moderate", "low")
STRENGTHS = ("strong", "weak")
CONDITIONS = (
    "heart-failure",
    "child-pugh-a",
    "child-pugh-b",
    "child-pugh-c",
    "dialysis",
    "pregnancy",
    "breastfeeding",
)
# How a dialysis rule doses: avoid; the named label row (``maintenance_band``); a fixed dose the
# label or a named renal reference gives; or the usual dose, allowed only for a drug whose label
# says kidney function does not change the dose. Every systemic drug states one for hd and pd.
DIALYSIS_BASES = ("avoid", "row", "fixed", "usual")
DIALYSIS_MODES = ("hd", "pd")
CHILD_PUGH = ("A", "B", "C")
SEVERITIES = ("contraindicated", "avoid", "caution")
CLASSES = (
    "gabapentinoid",
    "antiepileptic",
    "opioid",
    "ssri",
    "snri",
    "tca",
    "serotonergic",
    "anticholinergic",
    "cns-active",
    "muscle-relaxant",
    "nsaid",
    "cox2-selective",
    "antiplatelet",
    "anticoagulant",
    "doac",
    "heparin",
    "pde3-inhibitor",
    "statin",
    "cyp3a4-inducer",
    "class-1-antiarrhythmic",
    "analgesic",
    "vasoactive",
    "local-anaesthetic",
)


class DosingDataError(ValueError):
    """Malformed dosing data; ``path`` is the key path inside the drug's front matter."""

    def __init__(self, path: str, message: str, node: Any = None, key: Any = None) -> None:
        super().__init__(f"dosing data {path}: {message}")
        self.path = path
        self.node = node
        self.key = key


@dataclass(frozen=True)
class DoseRange:
    min: float
    max: float


@dataclass(frozen=True)
class PerKg:
    mg_per_kg: float
    doses_per_day: int


@dataclass(frozen=True)
class WeightRule:
    """A label's dose limit for light patients: below ``below_kg``, mg/kg caps apply."""

    below_kg: float
    max_mg_per_kg_daily: float
    max_mg_per_kg_dose: float | None
    max_single_mg: float | None
    max_daily_mg: float | None
    text: str
    source: str
    status: str


@dataclass(frozen=True)
class RenalLimit:
    """An indication-specific kidney limit: below ``below`` on ``measure``, avoid this use."""

    measure: str
    below: float
    text: str
    source: str
    status: str


@dataclass(frozen=True)
class LoadingPhase:
    """A short higher-dose start (days 1 to ``days``); the usual range is the maintenance phase."""

    days: int
    daily_mg: float
    doses_per_day: int
    text: str
    source: str
    status: str


@dataclass(frozen=True)
class Indication:
    indication: str
    label: str
    form: str
    daily_mg: DoseRange | None
    per_kg: PerKg | None
    doses_per_day: tuple[int, ...]
    frequency: str
    max_daily_mg: float | None
    note: str
    source: str
    status: str
    weight_rule: WeightRule | None = None
    renal_limit: RenalLimit | None = None
    loading: LoadingPhase | None = None
    max_doses_per_day: int | None = None  # a label limit on doses in 24 hours (tizanidine: 3)
    max_single_dose_mg: float | None = None  # the label's largest single dose (tramadol IR: 100 mg)
    # the source of those two limits when it is not the indication's own (tizanidine's 12 mg: the UK/Irish SmPC)
    limits_source: str = ""


@dataclass(frozen=True)
class RenalBand:
    label: str
    lower: float | None
    lower_inclusive: bool
    upper: float | None
    upper_inclusive: bool
    daily_mg: DoseRange | None
    per_kg: PerKg | None
    doses_per_day: tuple[int, ...]
    frequency: str
    max_daily_mg: float | None
    avoid: bool
    note: str
    status: str
    proportional_below: float | None = None  # below this value the dose falls in proportion to it
    max_doses_per_day: int | None = None  # a label limit on doses in 24 hours for this band (tramadol CrCl<30: 2)

    def contains(self, value: float) -> bool:
        if self.lower is not None and (value < self.lower or (value == self.lower and not self.lower_inclusive)):
            return False
        return not (
            self.upper is not None and (value > self.upper or (value == self.upper and not self.upper_inclusive))
        )

    def describe_bounds(self, unit: str) -> str:
        parts = []
        if self.lower is not None:
            parts.append(f"{'≥' if self.lower_inclusive else '>'} {self.lower:g}")
        if self.upper is not None:
            parts.append(f"{'≤' if self.upper_inclusive else '<'} {self.upper:g}")
        return " and ".join(parts) + f" {unit}" if parts else "any value"


@dataclass(frozen=True)
class DialysisRule:
    mode: str
    basis: str
    text: str
    maintenance_band: str | None
    daily_mg: DoseRange | None
    doses_per_day: tuple[int, ...]
    frequency: str
    supplement: str
    source: str
    status: str

    @property
    def avoid(self) -> bool:
        return self.basis == "avoid"


@dataclass(frozen=True)
class HepaticRule:
    """What a Child-Pugh class does to the dose: avoid, a cap, or a fixed regimen."""

    classes: tuple[str, ...]
    avoid: bool
    max_daily_mg: float | None
    doses_per_day: tuple[int, ...]
    frequency: str
    text: str
    source: str
    status: str
    severity: str = "major"  # the flag's severity for a cap or a warning (an avoid is always critical)
    max_doses_per_day: int | None = None  # a label limit on doses in 24 hours (tramadol in cirrhosis: 2)
    max_single_dose_mg: float | None = None  # the label's largest single dose here (tramadol in cirrhosis: 50 mg)


@dataclass(frozen=True)
class RenalRules:
    measure: str
    source: str
    status: str
    label_version: str
    no_adjustment: bool
    text: str
    bands: tuple[RenalBand, ...]
    dialysis: Mapping[str, DialysisRule]


@dataclass(frozen=True)
class ElderlyRule:
    min_age: float
    min_age_inclusive: bool
    max_daily_mg: float | None
    daily_mg: DoseRange | None
    text: str
    source: str
    status: str
    severity: str | None = None  # a flag severity for advice that changes practice without a number

    def applies(self, age: float) -> bool:
        return age >= self.min_age if self.min_age_inclusive else age > self.min_age


@dataclass(frozen=True)
class BeersEntry:
    table: str
    criterion: str
    recommendation: str
    rationale: str
    quality: str
    strength: str
    when_measure: str | None
    when_below: float | None
    source: str
    status: str
    when_condition: str | None = None  # a drug-disease row (Table 3) applies only with that condition


@dataclass(frozen=True)
class Contraindication:
    condition: str
    severity: str
    message: str
    source: str
    status: str
    indication: str | None = None  # only for this use (low-dose aspirin differs from analgesic doses)


@dataclass(frozen=True)
class TitrationStep:
    day: int
    daily_mg: float
    doses_per_day: int
    note: str
    # a step from another source than the schedule's (the label's days, then a later increment
    # rule from elsewhere); empty: the schedule's own source and status
    source: str = ""
    status: str = ""


@dataclass(frozen=True)
class Titration:
    indication: str
    steps: tuple[TitrationStep, ...]
    source: str
    status: str


@dataclass(frozen=True)
class Sourced:
    text: str
    source: str
    status: str


@dataclass(frozen=True)
class DrugDosing:
    drug_id: str
    title: str
    classes: tuple[str, ...]
    systemic: bool
    main_indication: str | None
    indications: tuple[Indication, ...]
    renal: RenalRules | None
    elderly: tuple[ElderlyRule, ...]
    beers: tuple[BeersEntry, ...]
    contraindications: tuple[Contraindication, ...]
    hepatic: Sourced | None
    titration: Titration | None
    do_not_use: Sourced | None
    topical: Mapping[str, str] | None
    hepatic_rules: tuple[HepaticRule, ...] = ()
    strengths_mg: tuple[float, ...] = ()
    boxed_warnings: tuple[Sourced, ...] = ()

    def indication(self, indication_id: str | None) -> Indication | None:
        wanted = indication_id or self.main_indication
        return next((i for i in self.indications if i.indication == wanted), None)


# --------------------------------------------------------------------------- parsing


class _Reader:
    """Typed access to one mapping with errors that name the key path."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, Mapping):
            raise DosingDataError(path, "must be a mapping", data)
        self.data = data
        self.path = path

    def fail(self, key: str, message: str) -> DosingDataError:
        return DosingDataError(f"{self.path}.{key}", message, self.data, key)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            if default is None:
                raise self.fail(key, "is required text")
            return default
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(key, "must be text")
        return str(value).strip()

    def number(self, key: str, optional: bool = False) -> float | None:
        value = self.data.get(key)
        if value is None:
            if optional:
                return None
            raise self.fail(key, "is required: a number")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            raise self.fail(key, f"must be a non-negative number, not {value!r}")
        return float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def choice(self, key: str, choices: Sequence[str]) -> str:
        value = self.data.get(key)
        if value not in choices:
            raise self.fail(key, f"must be one of {', '.join(choices)}, not {value!r}")
        return str(value)

    def items(self, key: str) -> list[Any]:
        value = self.data.get(key) or []
        if not isinstance(value, list):
            raise self.fail(key, "must be a list")
        return value

    def count(self, key: str) -> int:
        """A number of doses a day: a whole number from 1 to 24."""
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 24:
            raise self.fail(key, "must be a whole number from 1 to 24")
        return value

    def ints(self, key: str) -> tuple[int, ...]:
        values = self.items(key)
        if not values or not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 24 for v in values):
            raise self.fail(key, "must be a non-empty list of whole numbers of doses a day (1 to 24)")
        return tuple(values)

    def dose_range(self, key: str) -> DoseRange | None:
        value = self.data.get(key)
        if value is None:
            return None
        r = _Reader(value, f"{self.path}.{key}")
        low, high = r.number("min"), r.number("max")
        assert low is not None and high is not None
        if low > high:
            raise self.fail(key, f"min {low:g} is above max {high:g}")
        return DoseRange(low, high)

    def per_kg(self) -> PerKg | None:
        value = self.data.get("per_kg")
        if value is None:
            return None
        r = _Reader(value, f"{self.path}.per_kg")
        mg = r.number("mg_per_kg")
        doses = r.count("doses_per_day")
        assert mg is not None
        return PerKg(mg, doses)


def _sourced_fields(r: _Reader) -> tuple[str, str]:
    return r.text("source"), r.choice("status", STATUSES)


def parse_indication(data: Any, path: str) -> Indication:
    r = _Reader(data, path)
    source, status = _sourced_fields(r)
    daily = r.dose_range("daily_mg")
    max_daily = r.number("max_daily_mg", optional=True)
    if daily is not None and max_daily is not None and daily.max > max_daily:
        raise r.fail("max_daily_mg", f"usual maximum {daily.max:g} exceeds the maximum {max_daily:g}")
    weight_rule = None
    if r.has("weight_rule"):
        w = _Reader(r.data["weight_rule"], f"{path}.weight_rule")
        w_source, w_status = _sourced_fields(w)
        below, per_kg_daily = w.number("below_kg"), w.number("max_mg_per_kg_daily")
        assert below is not None and per_kg_daily is not None
        weight_rule = WeightRule(
            below_kg=below,
            max_mg_per_kg_daily=per_kg_daily,
            max_mg_per_kg_dose=w.number("max_mg_per_kg_dose", optional=True),
            max_single_mg=w.number("max_single_mg", optional=True),
            max_daily_mg=w.number("max_daily_mg", optional=True),
            text=w.text("text"),
            source=w_source,
            status=w_status,
        )
    renal_limit = None
    if r.has("renal_limit"):
        rl = _Reader(r.data["renal_limit"], f"{path}.renal_limit")
        rl_source, rl_status = _sourced_fields(rl)
        rl_below = rl.number("below")
        assert rl_below is not None
        renal_limit = RenalLimit(rl.choice("measure", MEASURES), rl_below, rl.text("text"), rl_source, rl_status)
    loading = None
    if r.has("loading"):
        ld = _Reader(r.data["loading"], f"{path}.loading")
        ld_source, ld_status = _sourced_fields(ld)
        days, ld_daily = ld.data.get("days"), ld.number("daily_mg")
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 60:
            raise ld.fail("days", "must be a whole number of days from 1 to 60")
        ld_doses = ld.ints("doses_per_day")
        assert ld_daily is not None
        loading = LoadingPhase(days, ld_daily, ld_doses[0], ld.text("text"), ld_source, ld_status)
    return Indication(
        indication=r.text("indication"),
        label=r.text("label"),
        form=r.text("form", ""),
        daily_mg=daily,
        per_kg=r.per_kg(),
        doses_per_day=r.ints("doses_per_day"),
        frequency=r.text("frequency"),
        max_daily_mg=max_daily,
        note=r.text("note", ""),
        source=source,
        status=status,
        weight_rule=weight_rule,
        renal_limit=renal_limit,
        loading=loading,
        max_doses_per_day=_max_doses(r),
        max_single_dose_mg=_max_single(r, max_daily),
        limits_source=_limits_source(r),
    )


def _limits_source(r: _Reader) -> str:
    """``limits_source``: the source key of max_single_dose_mg and max_doses_per_day, when another source's."""
    key = r.text("limits_source", "")
    if key and not (r.has("max_single_dose_mg") or r.has("max_doses_per_day")):
        raise r.fail("limits_source", "names the source of max_single_dose_mg or max_doses_per_day; give one of them")
    return key


def _max_single(r: _Reader, max_daily: float | None) -> float | None:
    """``max_single_dose_mg``: a positive number, no more than the daily maximum."""
    single = r.number("max_single_dose_mg", optional=True)
    if single is None:
        return None
    if single <= 0:
        raise r.fail("max_single_dose_mg", "must be more than 0")
    if max_daily is not None and single > max_daily:
        raise r.fail("max_single_dose_mg", f"{single:g} mg is above the daily maximum {max_daily:g} mg")
    return single


def _max_doses(r: _Reader) -> int | None:
    """``max_doses_per_day``: a whole number from 1 to 24, at least the most doses its list allows."""
    if r.data.get("max_doses_per_day") is None:
        return None
    value = r.count("max_doses_per_day")
    listed = r.ints("doses_per_day") if r.has("doses_per_day") else ()
    if listed and max(listed) > value:
        raise r.fail("max_doses_per_day", f"is {value}, below the {max(listed)} doses a day doses_per_day lists")
    return value


def parse_band(data: Any, path: str) -> RenalBand:
    r = _Reader(data, path)
    avoid = r.flag("avoid")
    lower = r.number("lower", optional=True)
    upper = r.number("upper", optional=True)
    if lower is None and upper is None:
        raise r.fail("lower", "a band needs a lower or an upper bound")
    if lower is not None and upper is not None and lower > upper:
        raise r.fail("upper", f"upper bound {upper:g} is below lower bound {lower:g}")
    daily = r.dose_range("daily_mg")
    per_kg = r.per_kg()
    if not avoid and daily is None and per_kg is None:
        raise r.fail("daily_mg", "a band that is not 'avoid' needs daily_mg or per_kg")
    if avoid and (daily is not None or per_kg is not None):
        raise r.fail("avoid", "an 'avoid' band gives no dose")
    max_daily = r.number("max_daily_mg", optional=True)
    if daily is not None and max_daily is not None and daily.max > max_daily:
        raise r.fail("max_daily_mg", f"band range {daily.max:g} exceeds the band maximum {max_daily:g}")
    return RenalBand(
        label=r.text("label"),
        lower=lower,
        lower_inclusive=r.flag("lower_inclusive", True),
        upper=upper,
        upper_inclusive=r.flag("upper_inclusive", False),
        daily_mg=daily,
        per_kg=per_kg,
        doses_per_day=r.ints("doses_per_day") if not avoid else (),
        frequency=r.text("frequency", ""),
        max_daily_mg=max_daily,
        avoid=avoid,
        note=r.text("note", ""),
        status=r.choice("status", STATUSES),
        proportional_below=r.number("proportional_below", optional=True),
        max_doses_per_day=_max_doses(r),
    )


def find_overlaps_by_mistake(bands: Sequence[RenalBand]) -> list[tuple[str, str]]:
    """Pairs of bands overlapping by more than a shared end point (a label never does that)."""
    pairs = []
    for i, a in enumerate(bands):
        for b in bands[i + 1 :]:
            lo = max(a.lower if a.lower is not None else -math.inf, b.lower if b.lower is not None else -math.inf)
            hi = min(a.upper if a.upper is not None else math.inf, b.upper if b.upper is not None else math.inf)
            if hi - lo > 0:
                pairs.append((a.label, b.label))
    return pairs


def _parse_dialysis(data: Any, path: str, mode: str, labels: Sequence[str], no_adjustment: bool) -> DialysisRule:
    """One dialysis rule; its ``basis`` says explicitly how it doses (no implicit fallback)."""
    dr = _Reader(data, path)
    source, status = _sourced_fields(dr)
    basis = dr.choice("basis", DIALYSIS_BASES)
    maintenance = dr.data.get("maintenance_band")
    daily = dr.dose_range("daily_mg")
    if basis == "row" and maintenance not in labels:
        raise dr.fail("maintenance_band", f"basis 'row' names the label row to use; {maintenance!r} is not one")
    if basis != "row" and maintenance is not None:
        raise dr.fail("maintenance_band", "only a rule with basis 'row' names a maintenance row")
    if basis == "fixed" and daily is None:
        raise dr.fail("daily_mg", "basis 'fixed' gives the dialysis dose as daily_mg {min, max}")
    if basis != "fixed" and daily is not None:
        raise dr.fail("daily_mg", "only a rule with basis 'fixed' gives its own daily dose")
    if basis == "usual" and not no_adjustment:
        raise dr.fail(
            "basis", "'usual' is only for a drug whose label gives no renal adjustment; name a row, a dose or avoid"
        )
    return DialysisRule(
        mode=mode,
        basis=basis,
        text=dr.text("text"),
        maintenance_band=maintenance,
        daily_mg=daily,
        doses_per_day=dr.ints("doses_per_day") if basis == "fixed" else (),
        frequency=dr.text("frequency", ""),
        supplement=dr.text("supplement", ""),
        source=source,
        status=status,
    )


def parse_renal(data: Any, path: str) -> RenalRules:
    r = _Reader(data, path)
    source, status = _sourced_fields(r)
    no_adjustment = r.flag("no_adjustment")
    bands = tuple(parse_band(b, f"{path}.bands[{i}]") for i, b in enumerate(r.items("bands")))
    if not no_adjustment and not bands:
        raise r.fail("bands", "give the label's bands, or set no_adjustment: true with the label's words in text")
    if no_adjustment and bands:
        raise r.fail("no_adjustment", "a drug with no renal adjustment lists no bands")
    overlaps = find_overlaps_by_mistake(bands)
    if overlaps:
        a, b = overlaps[0]
        raise r.fail("bands", f"bands {a!r} and {b!r} overlap by more than a shared end point")
    labels = [b.label for b in bands]
    if len(set(labels)) != len(labels):
        raise r.fail("bands", "band labels must be unique")
    dialysis: dict[str, DialysisRule] = {}
    dialysis_data = data.get("dialysis") or {}
    if not isinstance(dialysis_data, Mapping):
        raise r.fail("dialysis", "must map hd and/or pd to a rule")
    for mode, rule in dialysis_data.items():
        if mode not in DIALYSIS_MODES:
            raise r.fail("dialysis", f"mode must be hd or pd, not {mode!r}")
        dialysis[mode] = _parse_dialysis(rule, f"{path}.dialysis.{mode}", mode, labels, no_adjustment)
    return RenalRules(
        measure=r.choice("measure", MEASURES),
        source=source,
        status=status,
        label_version=r.text("label_version", ""),
        no_adjustment=no_adjustment,
        text=r.text("text", ""),
        bands=bands,
        dialysis=dialysis,
    )


def parse_drug(drug_id: str, title: str, meta: Mapping[str, Any]) -> DrugDosing:
    """Parse a drug monograph's structured data; raise DosingDataError naming the key path."""
    systemic = meta.get("systemic")
    if not isinstance(systemic, bool):
        raise DosingDataError("systemic", "must be true or false")
    classes = tuple(meta.get("classes") or ())
    for c in classes:
        if c not in CLASSES:
            raise DosingDataError("classes", f"unknown class {c!r}; use one of {', '.join(CLASSES)}", meta, "classes")
    topical = meta.get("topical")
    dosing = meta.get("dosing")
    if not systemic:
        if dosing is not None:
            raise DosingDataError("dosing", "a non-systemic drug has a topical block, not dosing", meta, "dosing")
        if topical is None:
            raise DosingDataError("topical", "a non-systemic drug needs a topical block", meta, "systemic")
        t = _Reader(topical, "topical")
        t.text("schedule")
        t.text("renal")
        _sourced_fields(t)
        return DrugDosing(
            drug_id, title, classes, False, None, (), None, (), (), (), None, None, None,
            {k: str(v) for k, v in topical.items()},
        )  # fmt: skip
    if dosing is None:
        raise DosingDataError("dosing", "a systemic drug needs structured dosing data", meta, "systemic")
    d = _Reader(dosing, "dosing")
    do_not_use = None
    if d.has("do_not_use"):
        dn = _Reader(dosing["do_not_use"], "dosing.do_not_use")
        source, status = _sourced_fields(dn)
        do_not_use = Sourced(dn.text("reason"), source, status)
    indications = tuple(parse_indication(x, f"dosing.indications[{i}]") for i, x in enumerate(d.items("indications")))
    main = dosing.get("main_indication")
    if do_not_use is None:
        if not indications:
            raise d.fail("indications", "list at least one indication")
        if main not in {i.indication for i in indications}:
            raise d.fail("main_indication", f"{main!r} is not one of the drug's indications")
    renal = parse_renal(dosing["renal"], "dosing.renal") if d.has("renal") else None
    if do_not_use is None and renal is None:
        raise d.fail("renal", "a systemic drug states its renal rule (bands or no_adjustment)")
    if do_not_use is None and renal is not None:
        missing = [m for m in DIALYSIS_MODES if m not in renal.dialysis]
        if missing:
            raise DosingDataError(
                "dosing.renal.dialysis",
                f"a systemic drug states its haemodialysis (hd) and peritoneal dialysis (pd) rules; missing: "
                f"{', '.join(missing)}",
                dosing["renal"],
                "dialysis" if "dialysis" in dosing["renal"] else "measure",
            )
    boxed = []
    for i, b in enumerate(d.items("boxed_warnings")):
        br = _Reader(b, f"dosing.boxed_warnings[{i}]")
        b_source, b_status = _sourced_fields(br)
        boxed.append(Sourced(br.text("text"), b_source, b_status))
    hepatic_rules = []
    for i, h in enumerate(d.items("hepatic_rules")):
        hr = _Reader(h, f"dosing.hepatic_rules[{i}]")
        h_source, h_status = _sourced_fields(hr)
        child_pugh = hr.items("child_pugh")
        if not child_pugh or any(c not in CHILD_PUGH for c in child_pugh):
            raise hr.fail("child_pugh", "must list Child-Pugh classes A, B and/or C")
        h_avoid = hr.flag("avoid")
        h_max = hr.number("max_daily_mg", optional=True)
        h_severity = hr.choice("severity", ("moderate", "major")) if hr.has("severity") else None
        if h_avoid and (h_max is not None or h_severity is not None):
            raise hr.fail("avoid", "an avoid rule gives no max_daily_mg or severity (it is always critical)")
        if not h_avoid and h_max is None and h_severity is None:
            raise hr.fail("avoid", "a hepatic rule says avoid, gives max_daily_mg, or is a warning with a severity")
        hepatic_rules.append(
            HepaticRule(
                classes=tuple(child_pugh),
                avoid=h_avoid,
                max_daily_mg=h_max,
                doses_per_day=hr.ints("doses_per_day") if hr.has("doses_per_day") else (),
                frequency=hr.text("frequency", ""),
                text=hr.text("text"),
                source=h_source,
                status=h_status,
                severity=h_severity or "major",
                max_doses_per_day=_max_doses(hr),
                max_single_dose_mg=_max_single(hr, h_max),
            )
        )
    elderly = []
    for i, e in enumerate(d.items("elderly")):
        er = _Reader(e, f"dosing.elderly[{i}]")
        source, status = _sourced_fields(er)
        min_age = er.number("min_age")
        assert min_age is not None
        elderly.append(
            ElderlyRule(
                min_age=min_age,
                min_age_inclusive=er.flag("min_age_inclusive", True),
                max_daily_mg=er.number("max_daily_mg", optional=True),
                daily_mg=er.dose_range("daily_mg"),
                text=er.text("text"),
                source=source,
                status=status,
                severity=er.choice("severity", ("info", "moderate", "major")) if er.has("severity") else None,
            )
        )
    beers = []
    for i, b in enumerate(d.items("beers")):
        br = _Reader(b, f"dosing.beers[{i}]")
        source, status = _sourced_fields(br)
        when = b.get("when")
        when_measure: str | None = None
        when_below: float | None = None
        when_condition: str | None = None
        if when is not None:
            wr = _Reader(when, f"dosing.beers[{i}].when")
            if wr.has("condition"):
                when_condition = wr.choice("condition", CONDITIONS)
            else:
                when_measure = wr.choice("measure", MEASURES)
                when_below = wr.number("below")
        beers.append(
            BeersEntry(
                table=br.choice("table", BEERS_TABLES),
                criterion=br.text("criterion"),
                recommendation=br.text("recommendation"),
                rationale=br.text("rationale", ""),
                quality=br.choice("quality", QUALITIES),
                strength=br.choice("strength", STRENGTHS),
                when_measure=when_measure,
                when_below=when_below,
                when_condition=when_condition,
                source=source,
                status=status,
            )
        )
    contraindications = []
    for i, c in enumerate(d.items("contraindications")):
        cr = _Reader(c, f"dosing.contraindications[{i}]")
        source, status = _sourced_fields(cr)
        contraindications.append(
            Contraindication(
                condition=cr.choice("condition", CONDITIONS),
                severity=cr.choice("severity", SEVERITIES),
                message=cr.text("message"),
                source=source,
                status=status,
            )
        )
    hepatic = None
    if d.has("hepatic"):
        hr = _Reader(dosing["hepatic"], "dosing.hepatic")
        source, status = _sourced_fields(hr)
        hepatic = Sourced(hr.text("text"), source, status)
    strengths = d.items("strengths_mg")
    if any(isinstance(x, bool) or not isinstance(x, (int, float)) or x <= 0 for x in strengths):
        raise d.fail("strengths_mg", "must list the tablet or capsule strengths in mg (positive numbers)")
    titration = None
    if d.has("titration"):
        tr = _Reader(dosing["titration"], "dosing.titration")
        source, status = _sourced_fields(tr)
        steps = []
        last_day = 0
        for i, s in enumerate(tr.items("steps")):
            sr = _Reader(s, f"dosing.titration.steps[{i}]")
            day = s.get("day")
            if not isinstance(day, int) or isinstance(day, bool) or day <= last_day:
                raise sr.fail("day", "days must be whole numbers in increasing order, starting at 1 or later")
            doses = sr.count("doses_per_day")
            mg = sr.number("daily_mg")
            assert mg is not None
            own = _sourced_fields(sr) if "source" in s or "status" in s else ("", "")
            steps.append(TitrationStep(day, mg, doses, sr.text("note", ""), *own))
            last_day = day
        ind = tr.text("indication")
        if ind not in {i.indication for i in indications}:
            raise tr.fail("indication", f"{ind!r} is not one of the drug's indications")
        if not steps:
            raise tr.fail("steps", "list at least one step")
        titration = Titration(ind, tuple(steps), source, status)
        if not strengths:
            raise d.fail("strengths_mg", "a drug with a titration lists its tablet or capsule strengths")
    return DrugDosing(
        drug_id=drug_id,
        title=title,
        classes=classes,
        systemic=True,
        main_indication=main,
        indications=indications,
        renal=renal,
        elderly=tuple(elderly),
        beers=tuple(beers),
        contraindications=tuple(contraindications),
        hepatic=hepatic,
        titration=titration,
        do_not_use=do_not_use,
        topical=None,
        hepatic_rules=tuple(hepatic_rules),
        strengths_mg=tuple(sorted(float(x) for x in strengths)),
        boxed_warnings=tuple(boxed),
    )


def validate_drug(mono: Monograph, corpus: Corpus) -> list[ContentError]:
    """Build-time check of a drug's dosing data, reported at the file line of the bad key."""
    lines = mono.meta.get("_lines", {})
    try:
        dosing = parse_drug(mono.id, mono.title, mono.meta)
    except DosingDataError as exc:
        line = lines.get(exc.path.split(".")[0].split("[")[0], 2)
        if exc.node is not None and exc.key is not None:
            line = key_line(exc.node, exc.key, 2)
        return [ContentError(mono.path, line, str(exc))]
    errors: list[ContentError] = []
    for ind in dosing.indications:
        target = corpus.monographs.get(ind.indication)
        if target is None or target.kind != "cause":
            errors.append(
                ContentError(mono.path, lines.get("dosing", 2), f"indication {ind.indication!r} names no cause")
            )
    if dosing.systemic and dosing.do_not_use is None:
        for marker in ("{{dosing:renal}}", "{{dosing:elderly}}"):
            if marker not in mono.body:
                errors.append(
                    ContentError(mono.path, mono.body_line, f"a systemic drug's body needs the {marker} line")
                )
    return errors


REPRODUCTIVE_SEVERITIES = ("contraindicated", "avoid", "caution", "info")


def parse_reproductive(data: Mapping[str, Any]) -> dict[str, tuple[Contraindication, ...]]:
    """Pregnancy and breastfeeding advice per drug, as conditions the calculator checks.

    Every entry names a source key defined under ``sources``; both conditions are required.
    """
    sources = data.get("sources") or {}
    drugs = data.get("drugs")
    if not isinstance(sources, Mapping) or not isinstance(drugs, Mapping):
        raise DosingDataError("pregnancy-lactation", "needs a 'sources' mapping and a 'drugs' mapping")
    out: dict[str, tuple[Contraindication, ...]] = {}
    for drug_id, entry in drugs.items():
        r = _Reader(entry, f"drugs.{drug_id}")
        rules = [
            _reproductive(r, condition, sources, f"drugs.{drug_id}") for condition in ("pregnancy", "breastfeeding")
        ]
        by_indication = r.data.get("by_indication", {})
        if not isinstance(by_indication, Mapping):
            raise r.fail("by_indication", "maps an indication id to its own pregnancy or breastfeeding advice")
        for indication, advice in by_indication.items():
            ir = _Reader(advice, f"drugs.{drug_id}.by_indication.{indication}")
            for condition in ("pregnancy", "breastfeeding"):
                if ir.has(condition):
                    rule = _reproductive(ir, condition, sources, ir.path)
                    rules.append(replace(rule, indication=str(indication)))
        out[str(drug_id)] = tuple(rules)
    return out


def _reproductive(r: _Reader, condition: str, sources: Mapping[str, Any], path: str) -> Contraindication:
    if not r.has(condition):
        raise r.fail(condition, "is required (severity, text, source, status)")
    c = _Reader(r.data[condition], f"{path}.{condition}")
    source, status = _sourced_fields(c)
    if source not in sources:
        raise c.fail("source", f"{source!r} is not defined under 'sources'")
    return Contraindication(condition, c.choice("severity", REPRODUCTIVE_SEVERITIES), c.text("text"), source, status)
