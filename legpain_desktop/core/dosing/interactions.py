"""Interactions among a patient's drugs, from the rules in ``content/interactions.yaml``.

The file holds five things: ``sources`` (citation of every source key a rule names that no
monograph defines), ``other_drugs`` (the co-medication vocabulary: medicines without a
monograph, each with its classes, brand names and other generic names), ``app_drugs`` (brand
and other names for the app's own drugs, whose classes live in their monographs), ``rules``
and ``opioid_equivalence`` (the morphine-equivalent factors, read by ``opioids.py``). A rule
either pairs ``groups`` (each matched by a different drug, one of them the drug being dosed) or
counts drugs of some classes. A more specific rule may ``override`` a
general one: when both fire on the same drugs, only the specific one is reported.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from legpain_desktop.core.dosing.medicines import parse_medicine, strip_formulation
from legpain_desktop.core.dosing.opioids import OpioidTable, parse_opioid_table
from legpain_desktop.core.dosing.patient import InputError, Problem
from legpain_desktop.core.dosing.schema import STATUSES, DosingDataError

INTERACTION_SEVERITIES = ("contraindicated", "major", "moderate")


def normalise_name(name: str) -> str:
    """Case, accents, punctuation and spacing do not matter: ``St. John’s Wort`` = ``st johns wort``."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’`.]", "", plain)
    return " ".join(re.sub(r"[^a-z0-9+]+", " ", plain).split())


# Salt words after a generic name ("phenelzine sulfate", "sertraline hydrochloride"): tried only
# after the whole name, so a medicine whose name holds one ("potassium citrate") is still itself
# (fourth pharmacist pass: "phenelzine sulfate" was not found and "did you mean" offered morphine).
SALT_WORDS = frozenset(
    "sulfate sulphate hydrochloride hcl sodium potassium calcium magnesium maleate mesilate mesylate tartrate "
    "citrate phosphate besilate besylate succinate fumarate bromide hydrobromide acetate hyclate monohydrate "
    "dihydrate trihydrate erbumine arginine tosilate cilexetil medoxomil bisulfate bisulphate oxalate malate "
    "benzoate teoclate".split()
)


def _without_salt(name: str) -> str:
    words = name.split()
    while len(words) > 1 and normalise_name(words[-1]) in SALT_WORDS:
        words.pop()
    return " ".join(words)


@dataclass(frozen=True)
class DrugIdentity:
    id: str
    classes: frozenset[str]


@dataclass(frozen=True)
class VocabularyEntry:
    """A medicine without a monograph: its classes and every name a patient may know it by."""

    id: str
    classes: frozenset[str]
    brands: tuple[str, ...]
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    drugs: frozenset[str]
    classes: frozenset[str]
    excluded: frozenset[str] = frozenset()

    def matches(self, drug: DrugIdentity) -> bool:
        if drug.id in self.excluded:
            return False
        return drug.id in self.drugs or bool(drug.classes & self.classes)


@dataclass(frozen=True)
class InteractionRule:
    id: str
    groups: tuple[Group, ...]
    count_classes: frozenset[str]
    count_min: int
    severity: str
    message: str
    action: str
    capped_drug: str | None
    cap_daily_mg: float | None
    source: str
    status: str
    overrides: frozenset[str] = frozenset()


@dataclass(frozen=True)
class InteractionHit:
    rule: InteractionRule
    drugs: tuple[str, ...]

    @property
    def cap_applies_to(self) -> str | None:
        return self.rule.capped_drug


def _names(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(n, str) and n.strip() for n in raw):
        raise DosingDataError(where, "must be a list of names")
    return tuple(n.strip() for n in raw)


def parse_vocabulary(data: Mapping[str, Any]) -> dict[str, VocabularyEntry]:
    """The ``other_drugs`` entries. An entry is a class list, or a mapping with classes, brands, synonyms."""
    raw = data.get("other_drugs") or {}
    if not isinstance(raw, Mapping):
        raise DosingDataError("other_drugs", "must map drug names to class lists or entries")
    entries = {}
    for name, value in raw.items():
        where = f"other_drugs.{name}"
        key = str(name).strip().lower()
        if isinstance(value, Mapping):
            classes = _names(value.get("classes"), f"{where}.classes")
            if not classes:
                raise DosingDataError(where, "an entry needs at least one class")
            entry = VocabularyEntry(
                key,
                frozenset(classes),
                _names(value.get("brands"), f"{where}.brands"),
                _names(value.get("synonyms"), f"{where}.synonyms"),
            )
        else:
            entry = VocabularyEntry(key, frozenset(_names(value, where)), (), ())
        entries[key] = entry
    return entries


def parse_app_aliases(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """``app_drugs``: the brand and other names of the app's own drugs, by monograph id."""
    raw = data.get("app_drugs") or {}
    if not isinstance(raw, Mapping):
        raise DosingDataError("app_drugs", "must map drug ids to their brands and synonyms")
    out = {}
    for drug_id, value in raw.items():
        where = f"app_drugs.{drug_id}"
        if not isinstance(value, Mapping):
            raise DosingDataError(where, "each entry has brands and/or synonyms")
        out[str(drug_id)] = _names(value.get("brands"), f"{where}.brands") + _names(
            value.get("synonyms"), f"{where}.synonyms"
        )
    return out


def parse_sources(data: Mapping[str, Any]) -> dict[str, str]:
    raw = data.get("sources") or {}
    if not isinstance(raw, Mapping) or not all(isinstance(v, str) and v.strip() for v in raw.values()):
        raise DosingDataError("sources", "must map source keys to citations")
    return {str(k): str(v) for k, v in raw.items()}


def _group(data: Any, where: str) -> Group:
    if not isinstance(data, Mapping) or not (data.get("drugs") or data.get("classes")):
        raise DosingDataError(where, "a group names drugs and/or classes")
    return Group(
        frozenset(data.get("drugs") or ()),
        frozenset(data.get("classes") or ()),
        frozenset(data.get("except") or ()),
    )


def parse_rules(data: Mapping[str, Any]) -> tuple[dict[str, frozenset[str]], tuple[InteractionRule, ...]]:
    """Other-drug classes and the rules; raise DosingDataError for malformed entries."""
    others = {k: e.classes for k, e in parse_vocabulary(data).items()}
    rules = []
    for i, raw in enumerate(data.get("rules") or []):
        where = f"rules[{i}]"
        if not isinstance(raw, Mapping):
            raise DosingDataError(where, "each rule is a mapping")
        groups = tuple(_group(g, f"{where}.groups") for g in raw.get("groups") or ())
        count = raw.get("count") or {}
        if bool(groups) == bool(count):
            raise DosingDataError(where, "a rule has either groups or count")
        severity = raw.get("severity")
        if severity not in INTERACTION_SEVERITIES:
            raise DosingDataError(where, f"severity must be one of {', '.join(INTERACTION_SEVERITIES)}")
        if raw.get("status") not in STATUSES:
            raise DosingDataError(where, f"status must be one of {', '.join(STATUSES)}")
        for key in ("id", "message", "action", "source"):
            if not raw.get(key):
                raise DosingDataError(where, f"'{key}' is required")
        cap = raw.get("cap_daily_mg")
        rules.append(
            InteractionRule(
                id=str(raw["id"]),
                groups=groups,
                count_classes=frozenset(count.get("classes") or ()),
                count_min=int(count.get("min", 0)),
                severity=str(severity),
                message=str(raw["message"]),
                action=str(raw["action"]),
                capped_drug=raw.get("capped_drug"),
                cap_daily_mg=float(cap) if cap is not None else None,
                source=str(raw["source"]),
                status=str(raw["status"]),
                overrides=frozenset(str(o) for o in raw.get("overrides") or ()),
            )
        )
    ids = [r.id for r in rules]
    for rule in rules:
        if ids.count(rule.id) > 1:
            raise DosingDataError(f"rules.{rule.id}", "rule ids must be unique")
        for target in rule.overrides - set(ids):
            raise DosingDataError(f"rules.{rule.id}", f"overrides unknown rule {target!r}")
    return others, tuple(rules)


class InteractionChecker:
    """Knows every drug's names and classes; finds the rules that fire for a drug among the patient's others."""

    def __init__(self, monograph_classes: Mapping[str, Sequence[str]], rules_data: Mapping[str, Any]) -> None:
        self.other_classes, self.rules = parse_rules(rules_data)
        self.vocabulary = parse_vocabulary(rules_data)
        self.sources = parse_sources(rules_data)
        self.monograph_classes = {k: frozenset(v) for k, v in monograph_classes.items()}
        self._index: dict[str, str] = {}  # normalised name -> drug id
        self._compact: dict[str, str | None] = {}  # the same without spaces ("coamilofruse"); None: ambiguous
        self._display: dict[str, str] = {}  # normalised name -> the name as written
        for drug_id in self.monograph_classes:
            self._add(drug_id, drug_id)
        for drug_id, aliases in parse_app_aliases(rules_data).items():
            if drug_id not in self.monograph_classes:
                continue  # content validation reports it; a checker built for a subset ignores it
            for alias in aliases:
                self._add(alias, drug_id)
        for entry in self.vocabulary.values():
            for name in (entry.id, *entry.synonyms, *entry.brands):
                self._add(name, entry.id)
        known = {d: self.classes_of(d) for d in (*self.monograph_classes, *self.other_classes)}
        defined = {k.lower() for k in self.sources}
        self.opioids: OpioidTable | None = parse_opioid_table(rules_data, known, defined, normalise_name)

    def _add(self, name: str, drug_id: str) -> None:
        key = normalise_name(name)
        owner = self._index.get(key)
        if owner is not None and owner != drug_id:
            raise DosingDataError("interactions", f"the name {name!r} means both {owner!r} and {drug_id!r}")
        self._index[key] = drug_id
        self._display.setdefault(key, name)
        compact = key.replace(" ", "")
        self._compact[compact] = drug_id if self._compact.get(compact, drug_id) == drug_id else None

    def known_names(self) -> list[str]:
        """Every name the field accepts (ids, generic names in British and US spelling, brands)."""
        return sorted(self._display.values(), key=str.lower)

    def classes_of(self, drug_id: str) -> frozenset[str]:
        if drug_id in self.monograph_classes:
            return self.monograph_classes[drug_id]
        return self.other_classes[drug_id]

    def find(self, name: str) -> DrugIdentity | None:
        """The drug ``name`` means, or None. A dose written after the name is ignored
        (``aspirin 75mg``, ``oxycodone MR 20 mg bd``), as are chart words such as MR or XL."""
        drug_id: str | None
        entered = parse_medicine(name)
        bare = parse_medicine(entered.name).name  # "co-codamol 30/500:240" -> "co-codamol"
        candidates = [name, entered.name, strip_formulation(entered.name), bare, strip_formulation(bare)]
        candidates.append(_without_salt(strip_formulation(bare)))  # "phenelzine sulfate" -> "phenelzine"
        for candidate in candidates:
            drug_id = self._index.get(normalise_name(candidate))
            if drug_id is not None:
                break
        if drug_id is None:  # written without its hyphen or space: "coamilofruse", "co amilozide"
            for candidate in candidates:
                drug_id = self._compact.get(normalise_name(candidate).replace(" ", ""))
                if drug_id is not None:
                    break
        return DrugIdentity(drug_id, self.classes_of(drug_id)) if drug_id is not None else None

    def suggestions(self, name: str) -> tuple[str, ...]:
        """Up to three known names close to ``name`` (for "did you mean")."""
        key = normalise_name(strip_formulation(parse_medicine(name).name))
        close = difflib.get_close_matches(key, list(self._index), n=3, cutoff=0.75)
        return tuple(self._display[c] for c in close)

    def identify(self, name: str) -> DrugIdentity:
        found = self.find(name)
        if found is None:
            close = self.suggestions(name)
            hint = (
                " did you mean " + " or ".join(repr(c) for c in close) + "?"
                if close
                else " use a generic or brand name such as omeprazole, Lipitor or paracetamol."
            )
            raise InputError(
                "other drug",
                f"unknown drug {name[:40]!r};{hint}",
                Problem("other_drug", "unknown", name[:40], choices=close),
            )
        return found

    def check(self, drug_id: str, others: Sequence[str]) -> list[InteractionHit]:
        """Every rule that fires between the dosed drug and the others, pair by pair (or per count).

        Symmetric: a drug dosed with B gives the same rules as B dosed with that drug.
        """
        dosed = self.identify(drug_id)
        unique: dict[str, DrugIdentity] = {dosed.id: dosed}
        for other in others:
            who = self.identify(other)
            unique.setdefault(who.id, who)
        hits = self._hits(dosed, list(unique.values()))
        kept = [h for h in hits if not self._overridden(h, hits)]
        return sorted(kept, key=lambda h: INTERACTION_SEVERITIES.index(h.rule.severity))

    def interactions_among(self, names: Sequence[str | DrugIdentity]) -> list[InteractionHit]:
        """Every interaction among all of ``names`` (the regimen as a whole), most severe first.

        Each drug in turn is checked against all the others, so pairs that do not involve the dosed
        drug are found too; a rule firing on the same drugs is reported once, and a specific rule
        still replaces the general one it overrides. The order of ``names`` does not matter. An
        entry may be an identity already made (with classes its dose changed, as for low-dose aspirin).
        """
        unique: dict[str, DrugIdentity] = {}
        for name in names:
            who = name if isinstance(name, DrugIdentity) else self.identify(name)
            unique.setdefault(who.id, who)
        everyone = list(unique.values())
        found: dict[tuple[str, frozenset[str]], InteractionHit] = {}
        for rule in self.rules:
            if not rule.groups:
                members = tuple(d.id for d in everyone if d.classes & rule.count_classes)
                if members and len(members) >= rule.count_min:
                    found.setdefault((rule.id, frozenset(members)), InteractionHit(rule, members))
                continue
            # only drugs that fill some group can take part: checking just those gives the same hits, faster
            candidates = [d for d in everyone if any(g.matches(d) for g in rule.groups)]
            if len(candidates) < len(rule.groups):
                continue
            for drug in candidates:
                partners = [d for d in candidates if d.id != drug.id]
                for match in self._matches(rule.groups, drug, partners):
                    found.setdefault((rule.id, frozenset(match)), InteractionHit(rule, match))
        hits = list(found.values())
        kept = [h for h in hits if not self._overridden(h, hits)]
        order = list(unique)
        return sorted(
            kept,
            key=lambda h: (
                INTERACTION_SEVERITIES.index(h.rule.severity),
                sorted(order.index(d) for d in h.drugs),
                h.rule.id,
            ),
        )

    def _hits(self, dosed: DrugIdentity, everyone: Sequence[DrugIdentity]) -> list[InteractionHit]:
        partners = [d for d in everyone if d.id != dosed.id]
        hits: list[InteractionHit] = []
        for rule in self.rules:
            if rule.groups:
                hits.extend(InteractionHit(rule, match) for match in self._matches(rule.groups, dosed, partners))
            else:
                members = tuple(d.id for d in everyone if d.classes & rule.count_classes)
                if dosed.id in members and len(members) >= rule.count_min:
                    hits.append(InteractionHit(rule, members))
        return hits

    @staticmethod
    def _overridden(hit: InteractionHit, hits: Sequence[InteractionHit]) -> bool:
        return any(hit.rule.id in other.rule.overrides and set(hit.drugs) <= set(other.drugs) for other in hits)

    @staticmethod
    def _matches(
        groups: Sequence[Group], dosed: DrugIdentity, partners: Sequence[DrugIdentity]
    ) -> list[tuple[str, ...]]:
        """Each distinct set of drugs (the dosed one among them) that fills every group."""
        found: dict[frozenset[str], tuple[str, ...]] = {}
        for slot in range(len(groups)):
            if not groups[slot].matches(dosed):
                continue
            rest = [g for i, g in enumerate(groups) if i != slot]
            for combo in itertools.permutations(partners, len(rest)):
                if all(g.matches(d) for g, d in zip(rest, combo, strict=True)):
                    ids = (dosed.id, *(d.id for d in combo))
                    found.setdefault(frozenset(ids), ids)
        return list(found.values())
