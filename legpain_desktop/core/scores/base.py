"""The shape every bedside score shares: items with points, numeric inputs with valid ranges,
categories with the next step for each, and the source of every one (issue 16).

A score never guesses: an unknown item, a missing or out-of-range number raises
:class:`ScoreInputError` naming the field and its valid range; the GUI and CLI show that message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol


class ScoreInputError(ValueError):
    """Bad input to a score: the message names the field and the valid range or choices."""


@dataclass(frozen=True)
class Item:
    """One tick box: its stable id (a public contract), what it means, its points, its source."""

    id: str
    label: str
    points: int = 1
    help: str = ""


@dataclass(frozen=True)
class NumberInput:
    """One measured value: its id (CLI flag ``--id``), unit, valid range and whether it may repeat."""

    id: str
    label: str
    unit: str
    low: float
    high: float
    required: bool = True
    help: str = ""

    def check(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ScoreInputError(f"{self.label} must be a number in {self.unit} ({self.low:g} to {self.high:g})")
        number = float(value)
        if not self.low <= number <= self.high:
            raise ScoreInputError(
                f"{self.label} {number:g} {self.unit} is outside the valid range "
                f"{self.low:g} to {self.high:g} {self.unit}"
            )
        return number


@dataclass(frozen=True)
class ScoreResult:
    """What a score gives back: its number, category, next step and the working behind them."""

    score: str
    category: str
    next_step: str
    source: str
    points: float | None = None
    items: tuple[str, ...] = ()
    working: tuple[str, ...] = ()
    extra: Mapping[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "score": self.score,
            "points": self.points,
            "category": self.category,
            "next_step": self.next_step,
            "source": self.source,
            "items": list(self.items),
            "working": list(self.working),
        }
        data.update(self.extra)
        return data


class Score(Protocol):
    """A score module's public face (each module in core/scores provides these)."""

    NAME: str
    TITLE: str
    SOURCE: str
    ITEMS: tuple[Item, ...]
    NUMBERS: tuple[NumberInput, ...]

    def compute(self, items: Iterable[str], values: Mapping[str, object]) -> ScoreResult: ...


def check_items(name: str, known: Iterable[Item], chosen: Iterable[str]) -> tuple[str, ...]:
    """The chosen item ids in a stable order, without duplicates; unknown ids refused by name."""
    ids = [i.id for i in known]
    picked: list[str] = []
    for item in chosen:
        if item not in ids:
            raise ScoreInputError(f"unknown item {item!r} for {name}; valid items: {', '.join(ids)}")
        if item not in picked:
            picked.append(item)
    return tuple(i for i in ids if i in picked)


def check_numbers(name: str, inputs: Iterable[NumberInput], values: Mapping[str, object]) -> dict[str, float]:
    """Each numeric input checked against its range; a required one that is missing is named."""
    known = {n.id: n for n in inputs}
    for key in values:
        if key not in known:
            raise ScoreInputError(f"{name} takes no value {key!r}; it takes: {', '.join(known) or 'none'}")
    out: dict[str, float] = {}
    for number in known.values():
        if values.get(number.id) is None:
            if number.required:
                raise ScoreInputError(f"{number.label} is needed ({number.low:g} to {number.high:g} {number.unit})")
            continue
        out[number.id] = number.check(values[number.id])
    return out
