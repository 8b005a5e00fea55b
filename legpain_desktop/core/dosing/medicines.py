"""A medicine as the user wrote it: the name to match and any daily dose written after it.

People write what is on the box or the chart: ``aspirin 75mg``, ``aspirin 75 mg daily``,
``oxycodone 20mg bd``, ``oxycodone 40mg/day``, ``oxycodone:40`` (the command line's short form:
the amount per day in the medicine's own unit), ``fentanyl 25mcg/h``. The name is matched
without the dose; the dose becomes an amount per day (or per hour for patches) only when the
text says how often. A single dose with no frequency, or "as needed", is not turned into a daily
amount: the reason is kept so the opioid total can say what it is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PER_DAY = "mg/day"
PER_HOUR = "mcg/h"

# Words after a dose that say how many doses a day (UK and US chart abbreviations included).
_TIMES_A_DAY = {
    "od": 1, "once daily": 1, "once a day": 1, "daily": 1, "a day": 1, "per day": 1, "each day": 1,
    "every day": 1, "/day": 1, "/d": 1, "/24h": 1, "/24 h": 1, "/24 hours": 1, "nocte": 1, "at night": 1,
    "mane": 1, "in the morning": 1, "om": 1, "on": 1, "qd": 1,
    "bd": 2, "bid": 2, "twice daily": 2, "twice a day": 2,
    "tds": 3, "tid": 3, "three times daily": 3, "three times a day": 3,
    "qds": 4, "qid": 4, "four times daily": 4, "four times a day": 4,
}  # fmt: skip
_PER_HOUR_WORDS = ("/h", "/hr", "/hour", "per hour", "an hour", "a hour", "/hrs")
_AS_NEEDED = re.compile(r"\b(prn|as needed|when needed|as required|when required|if needed|sos)\b")
# Formulation words that say nothing about the amount (dropped before reading the frequency).
FORMULATION_WORDS = (
    "modified release", "slow release", "prolonged release", "extended release", "immediate release", "by mouth",
    "mr", "sr", "xl", "er", "cr", "ir", "la", "pr", "retard", "patch", "patches", "tablet", "tablets", "tab", "tabs",
    "capsule", "capsules", "caps", "oral", "orally", "po", "liquid", "solution", "dispersible", "soluble",
    "gastro-resistant", "gastro resistant", "enteric coated", "enteric-coated", "ec", "e/c", "chewable",
)  # fmt: skip
_UNITS = {
    "mg": ("mg", 1.0), "milligram": ("mg", 1.0), "milligrams": ("mg", 1.0), "g": ("mg", 1000.0),
    "gram": ("mg", 1000.0), "grams": ("mg", 1000.0), "mcg": ("mcg", 1.0), "microgram": ("mcg", 1.0),
    "micrograms": ("mcg", 1.0), "µg": ("mcg", 1.0), "μg": ("mcg", 1.0), "ug": ("mcg", 1.0),
}  # fmt: skip
_DOSE_START = re.compile(r"(?:\s*:\s*|\s+)(?=[0-9]|[.,][0-9])")
_AMOUNT = re.compile(
    r"^(?P<amount>[0-9]+(?:[.,][0-9]+)?)\s*(?P<unit>milligrams?|micrograms?|grams?|mg|mcg|µg|μg|ug|g)?(?![a-z])\s*"
    r"(?P<rest>.*)$"
)
_TIMES = re.compile(r"^(?:x\s*(?P<x>[0-9]+)|(?P<n>[0-9]+)\s*times)(?:\s+(?:a day|daily|per day)|/day)?$")
_HOURLY = re.compile(r"^(?:q\s*(?P<q>[0-9]+)\s*h|every\s+(?P<e>[0-9]+)\s*hours?|(?P<h>[0-9]+)\s*-?\s*hourly)$")


@dataclass(frozen=True)
class EnteredMedicine:
    """One medicine as typed. ``daily_amount`` is per day (``mg/day``) or, for patches, per hour
    (``mcg/h``); ``unit`` is None when only the number was given (``oxycodone:40``): the amount is
    then in the medicine's own unit. ``dose_problem`` says why a written dose gave no daily amount."""

    text: str
    name: str
    dose_text: str = ""
    daily_amount: float | None = None
    unit: str | None = None
    dose_problem: str = ""

    @property
    def dose_given(self) -> bool:
        return bool(self.dose_text)


def strip_formulation(name: str) -> str:
    """``oxycodone MR`` -> ``oxycodone`` (the words a chart adds after the name)."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".") in FORMULATION_WORDS:
        words.pop()
    return " ".join(words)


def parse_medicine(text: str) -> EnteredMedicine:
    """Split ``text`` into the name and the dose, and read the dose as an amount per day if it can."""
    text = " ".join(text.split())
    colon = re.match(r"^(?P<name>[^:]+?)\s*:\s*(?P<amount>[0-9]+(?:[.,][0-9]+)?)$", text)
    if colon:
        per_day = float(colon["amount"].replace(",", "."))
        return EnteredMedicine(text, colon["name"], colon["amount"], per_day, None)
    split = _DOSE_START.search(text)
    if split is None or split.start() == 0:
        return EnteredMedicine(text, text)
    name, dose = text[: split.start()].strip(), text[split.end() :].strip()
    amount, unit, problem = read_dose(dose)
    return EnteredMedicine(text, name, dose, amount, unit, problem)


def single_dose_mg(dose: str) -> float | None:
    """One dose in mg when that is all the text gives ("75mg", "75 mg dispersible tablets",
    "0.075 g"), else None (a frequency, a unit of its own per hour, or no unit)."""
    m = _AMOUNT.match(dose.lower().strip())
    if m is None or m["unit"] is None or _without_formulation(m["rest"]):
        return None
    base, scale = _UNITS[m["unit"]]
    amount = float(m["amount"].replace(",", ".")) * scale
    return amount if base == "mg" else amount / 1000.0


def read_dose(dose: str) -> tuple[float | None, str | None, str]:
    """The amount per day (or per hour) a dose text states, its unit, or why it states none."""
    low = dose.lower().strip()
    if _AS_NEEDED.search(low):
        return None, None, f"'{dose}' is taken as needed: give the most taken in a day (e.g. 40 mg/day)"
    strength = re.match(r"^[0-9.]+/[0-9.]+\s+(?=[0-9])", low)  # a product's strength (co-codamol 30/500)
    m = _AMOUNT.match(low[strength.end() :] if strength else low)
    if m is None or m["unit"] is None:  # "1 tablet twice daily" must never be read as 2 mg
        return None, None, f"'{dose}' gives no unit: write the amount in mg (or mcg/h for a patch), e.g. 40 mg/day"
    amount = float(m["amount"].replace(",", "."))
    base, scale = _UNITS[m["unit"]]
    rest = _without_formulation(m["rest"])
    if rest in _PER_HOUR_WORDS:
        return (amount * 1000.0 if base == "mg" else amount) * scale, PER_HOUR, ""
    times = _times_a_day(rest)
    if times is None:
        return (
            None,
            None,
            (
                f"could not read how often from '{dose}': write the total per day (e.g. 40 mg/day) "
                "or the dose and how often (e.g. 20 mg twice daily)"
            ),
        )
    if times == 0:
        shown = f"{amount:g} {m['unit']}"
        return (
            None,
            None,
            (f"{shown} is one dose: say how often (e.g. {shown} twice daily) or give the total per day (… mg/day)"),
        )
    per_mg = scale if base == "mg" else scale / 1000.0
    return amount * per_mg * times, PER_DAY, ""


def _without_formulation(rest: str) -> str:
    text = f" {' '.join(rest.replace(',', ' ').split())} "
    for word in sorted(FORMULATION_WORDS, key=len, reverse=True):
        text = text.replace(f" {word} ", " ")
    return " ".join(text.split())


def _times_a_day(rest: str) -> int | None:
    """Doses a day the words after the amount give: 0 for none given, None when unreadable."""
    if not rest:
        return 0
    if rest in _TIMES_A_DAY:
        return _TIMES_A_DAY[rest]
    m = _TIMES.match(rest)
    if m:
        return int(m["x"] or m["n"])
    m = _HOURLY.match(rest)
    if m:
        hours = int(m["q"] or m["e"] or m["h"])
        if hours and 24 % hours == 0:
            return 24 // hours
    return None
