"""The patient's medicines as a whole: what each entry is, every interaction among all of them,
and the opioid total with naloxone advice.

One function, :func:`review_regimen`, serves the dose consultation (the form, the sheet, the note
and ``dose``) and the ``regimen`` command, so the list a prescriber sees is the same everywhere.
(Not to be confused with the dose-regimen check of ``titration.py``: mg per dose x doses a day.)

An entry the vocabulary does not know is kept as *not checked*, with "did you mean" when a
known name is close: it never hides the dose (issue 17: an unknown co-medication blanked the
whole result).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from legpain_desktop.core.dosing.interactions import DrugIdentity, InteractionChecker, InteractionHit, normalise_name
from legpain_desktop.core.dosing.medicines import EnteredMedicine, parse_medicine, single_dose_mg
from legpain_desktop.core.dosing.opioids import MmeTotal, OpioidTaken, morphine_equivalents


@dataclass(frozen=True)
class RegimenMedicine:
    """One entry of the patient's list: as typed, what it was recognised as (None: not checked)."""

    entered: EnteredMedicine
    identity: DrugIdentity | None
    suggestions: tuple[str, ...] = ()

    @property
    def checked(self) -> bool:
        return self.identity is not None

    @property
    def is_opioid(self) -> bool:
        return self.identity is not None and "opioid" in self.identity.classes

    def unchecked_message(self) -> str:
        hint = f" Did you mean {' or '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        return (
            f"'{self.entered.text[:60]}' was not recognised, so it was NOT checked for interactions "
            f"(nor counted in any opioid total).{hint} Check it yourself, or correct the name."
        )


@dataclass(frozen=True)
class DosedDrug:
    """The drug being dosed, with the daily amount the result proposes (None when it proposes none)."""

    drug_id: str
    title: str
    daily_mg: float | None
    basis: str


@dataclass(frozen=True)
class RegimenReview:
    medicines: tuple[RegimenMedicine, ...]
    interactions: tuple[InteractionHit, ...]  # among all recognised medicines, most severe first
    mme: MmeTotal | None  # None when no opioid is among them

    @property
    def unchecked(self) -> tuple[RegimenMedicine, ...]:
        return tuple(m for m in self.medicines if not m.checked)


# Aspirin at an antiplatelet dose (75 to 150 mg a day, BNF) is not an NSAID for the kidney,
# potassium and "triple whammy" rules; labelled as one, a heart-failure regimen with aspirin 75 mg
# got three "avoid" lines against its secondary-prevention aspirin (fourth pharmacist pass, finding 2).
# Without a dose the NSAID rules still apply (analgesic aspirin cannot be ruled out).
LOW_DOSE_ASPIRIN_MAX_MG_PER_DAY = 150.0


# Ticagrelor loses effect with aspirin above 100 mg a day (Brilinta boxed warning): an aspirin
# entered above that carries a class of its own for the ticagrelor rule (fifth pharmacist pass).
TICAGRELOR_ASPIRIN_MAX_MG_PER_DAY = 100.0
ASPIRIN_ABOVE_100_MG = "aspirin-above-100-mg"
DOSE_CLASSES = frozenset({ASPIRIN_ABOVE_100_MG})  # classes a rule may name that come from an entered dose
_BARE_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*$")


def _aspirin_mg(entered: EnteredMedicine) -> float | None:
    """The aspirin entered, in mg a day, as far as the text says (None when it does not).

    A single dose with no frequency ("aspirin 75mg", "75 mg dispersible tablets") counts as the
    day's amount (at 150 mg or less it is low-dose aspirin: no analgesic dose is that small); a
    bare number after aspirin ("aspirin 75") can only be milligrams."""
    if entered.daily_amount is not None and entered.unit in (None, "mg/day"):
        return entered.daily_amount
    one = single_dose_mg(entered.dose_text)
    if one is None:
        bare = _BARE_NUMBER.match(entered.dose_text)
        one = float(bare.group(1)) if bare else None
    return one  # one dose is at least the day's amount


def _dose_adjusted(identity: DrugIdentity, entered: EnteredMedicine) -> DrugIdentity:
    """The identity the rules see: low-dose aspirin entered with its dose loses the NSAID class;
    aspirin above 100 mg a day gains the class the ticagrelor rule needs."""
    if identity.id != "aspirin":
        return identity
    daily = _aspirin_mg(entered)
    classes = identity.classes
    if daily is not None and daily <= LOW_DOSE_ASPIRIN_MAX_MG_PER_DAY:
        classes = classes - {"nsaid"}
    if daily is not None and daily > TICAGRELOR_ASPIRIN_MAX_MG_PER_DAY:
        classes = classes | {ASPIRIN_ABOVE_100_MG}
    return DrugIdentity(identity.id, classes) if classes != identity.classes else identity


def describe_medicine(checker: InteractionChecker, text: str) -> RegimenMedicine:
    """What one typed entry is: its name and dose read, recognised or not, with close names."""
    entered = parse_medicine(text)
    identity = checker.find(text)
    if identity is None:
        return RegimenMedicine(entered, None, checker.suggestions(text))
    return RegimenMedicine(entered, _dose_adjusted(identity, entered))


def opioid_unit(checker: InteractionChecker, medicine: RegimenMedicine) -> str | None:
    """The unit a daily dose of this opioid is entered in (``mg/day``, ``mcg/h``), or None."""
    if medicine.identity is None or checker.opioids is None:
        return None
    factor = checker.opioids.factors.get(medicine.identity.id)
    return factor.unit if factor is not None else None


def review_regimen(checker: InteractionChecker, texts: Sequence[str], dosed: DosedDrug | None = None) -> RegimenReview:
    """Every entry described, every interaction among the dosed drug and all recognised entries,
    and the MME total over every opioid among them."""
    medicines = tuple(describe_medicine(checker, t) for t in texts if t.strip())
    names: list[str | DrugIdentity] = [dosed.drug_id] if dosed is not None else []
    names += [m.identity for m in medicines if m.identity is not None]
    interactions = tuple(checker.interactions_among(names)) if names else ()
    mme = None
    if checker.opioids is not None:
        taken: list[OpioidTaken] = []
        if dosed is not None and "opioid" in checker.classes_of(dosed.drug_id):
            taken.append(OpioidTaken(dosed.drug_id, dosed.title, dosed.daily_mg, "mg/day", dosed.basis))
        for m in medicines:
            if m.identity is None or not m.is_opioid:
                continue
            if dosed is not None and m.identity.id == dosed.drug_id:
                continue  # the dosed opioid entered again: counted once, at the dose the result proposes
            e = m.entered
            basis = f"as entered ('{e.text}')" if e.dose_given else "no dose entered"
            taken.append(
                OpioidTaken(
                    m.identity.id, e.name, e.daily_amount, e.unit, basis, e.dose_problem, normalise_name(e.name)
                )
            )
        classes = frozenset(c for m in medicines if m.identity is not None for c in m.identity.classes)
        if dosed is not None:
            classes |= checker.classes_of(dosed.drug_id)
        mme = morphine_equivalents(checker.opioids, taken, classes)
    return RegimenReview(medicines, interactions, mme)
