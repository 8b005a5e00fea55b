"""Spaced repetition of the study cards with FSRS (issue 19), without Qt.

Each card studied keeps its FSRS state in the user data (``study_cards``), and every rating is
logged (``study_reviews``); a rating and the new schedule are written in one transaction, so a
review killed half way keeps both or neither. The queue gives the cards due now first (most
overdue first), then new cards in the content's order, no more new cards a day than the user's
setting. FSRS (the ``fsrs`` package, the scheduler Anki uses since 23.10) sets each next date from
the rating: 1 Again, 2 Hard, 3 Good, 4 Easy.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler, State

from legpain_desktop.core.db.userdata import UserData

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
DEFAULT_NEW_PER_DAY = 20
NEW_PER_DAY_RANGE = (0, 500)
RETENTION_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class Progress:
    """How far the user has come: for the Study tab's summary and chart."""

    total: int  # cards in the content
    studied: int  # cards rated at least once
    learned: int  # cards past their learning steps (FSRS review state)
    due_now: int
    new_today: int  # new cards first rated today
    retention: float | None  # share of the last 30 days' ratings that were not Again; None before any
    weak_regions: tuple[tuple[str, float], ...]  # (region, share of Again), worst first, regions with an Again


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("times must carry a time zone")
    return moment.astimezone(timezone.utc)


class StudySchedule:
    """The user's schedule over ``card_ids`` (in the content's order); ``regions`` maps a card id to
    its body region, for the weak-region summary."""

    def __init__(
        self,
        user_data: UserData,
        card_ids: Sequence[str],
        regions: Mapping[str, str] | None = None,
        scheduler: Scheduler | None = None,
    ) -> None:
        self.user_data = user_data
        self.card_ids = list(dict.fromkeys(card_ids))
        self._known = set(self.card_ids)
        self.regions = dict(regions or {})
        self.scheduler = scheduler or Scheduler()

    def _states(self) -> dict[str, tuple[Card, datetime]]:
        out = {}
        for card_id, (state, due) in self.user_data.study_cards().items():
            if card_id in self._known:  # a card the content no longer has is kept, not shown
                out[card_id] = (Card.from_dict(json.loads(state)), datetime.fromisoformat(due))
        return out

    def queue(
        self, now: datetime, new_per_day: int = DEFAULT_NEW_PER_DAY, only: Collection[str] | None = None
    ) -> list[str]:
        """Card ids to study now: due cards, most overdue first, then today's new cards."""
        now = _utc(now)
        low, high = NEW_PER_DAY_RANGE
        if not low <= new_per_day <= high:
            raise ValueError(f"new cards a day must be from {low} to {high}, not {new_per_day}")
        wanted = self._known if only is None else self._known & set(only)
        states = self._states()
        due = sorted((d, cid) for cid, (_card, d) in states.items() if cid in wanted and d <= now)
        room = max(0, new_per_day - self._new_on(now))
        fresh = [cid for cid in self.card_ids if cid in wanted and cid not in states][:room]
        return [cid for _d, cid in due] + fresh

    def _new_on(self, now: datetime) -> int:
        """New cards first rated on ``now``'s UTC day."""
        first: dict[str, str] = {}
        for review in self.user_data.study_reviews():
            first.setdefault(review.card_id, review.reviewed)
        day = now.date().isoformat()
        return sum(1 for when in first.values() if when[:10] == day)

    def rate(self, card_id: str, rating: int, now: datetime) -> datetime:
        """Record the user's rating of ``card_id`` and return when it is next due."""
        if card_id not in self._known:
            raise ValueError(f"unknown card {card_id[:60]!r}")
        if rating not in RATINGS:
            raise ValueError(f"a rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating!r}")
        now = _utc(now)
        held = self._states().get(card_id)
        card = held[0] if held is not None else Card()
        card, _log = self.scheduler.review_card(card, Rating(rating), review_datetime=now)
        due = _utc(card.due)
        self.user_data.record_review(card_id, rating, now.isoformat(), json.dumps(card.to_dict()), due.isoformat())
        return due

    def progress(self, now: datetime) -> Progress:
        now = _utc(now)
        states = self._states()
        reviews = [r for r in self.user_data.study_reviews() if r.card_id in self._known]
        recent = [r for r in reviews if datetime.fromisoformat(r.reviewed) >= now - RETENTION_WINDOW]
        again: dict[str, list[int]] = {}
        for r in recent:
            region = self.regions.get(r.card_id)
            if region:
                again.setdefault(region, []).append(1 if r.rating == 1 else 0)
        weak = sorted(
            ((region, sum(v) / len(v)) for region, v in again.items() if sum(v)), key=lambda item: (-item[1], item[0])
        )
        return Progress(
            total=len(self.card_ids),
            studied=len(states),
            learned=sum(1 for card, _due in states.values() if card.state == State.Review),
            due_now=sum(1 for _card, due in states.values() if due <= now),
            new_today=self._new_on(now),
            retention=(sum(1 for r in recent if r.rating > 1) / len(recent)) if recent else None,
            weak_regions=tuple(weak),
        )
