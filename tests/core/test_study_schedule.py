"""Study scheduling with FSRS (issue 19, item 2): due cards first, new cards per day, every rating
kept in the user data (surviving a kill mid-review and a restart), progress, and export."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Scheduler

from legpain_desktop.core.db.userdata import USERDATA_SCHEMA_VERSION, UserData, UserDataError
from legpain_desktop.core.study.schedule import StudySchedule

T0 = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
CARDS = [f"urgency:cause-{n}" for n in range(10)]
REGIONS = {c: ("calf" if n % 2 else "knee") for n, c in enumerate(CARDS)}


def schedule(user_data: UserData) -> StudySchedule:
    return StudySchedule(user_data, CARDS, REGIONS, Scheduler(enable_fuzzing=False))


def test_new_cards_come_in_content_order_up_to_the_days_limit() -> None:
    study = schedule(UserData(None))
    assert study.queue(T0, new_per_day=3) == CARDS[:3]
    study.rate(CARDS[0], 3, T0)
    assert study.queue(T0, new_per_day=3) == CARDS[1:3]  # one new card used today; it is not due yet
    assert study.queue(T0 + timedelta(days=1), new_per_day=3)[-3:] == CARDS[1:4]  # a new day, three more


def test_due_cards_come_first_most_overdue_first() -> None:
    study = schedule(UserData(None))
    first = study.rate(CARDS[4], 1, T0)  # Again: back in a minute
    second = study.rate(CARDS[2], 3, T0)  # Good: back in ten minutes
    assert first < second
    later = second + timedelta(seconds=1)
    assert study.queue(later, new_per_day=5)[:2] == [CARDS[4], CARDS[2]]
    assert study.queue(T0, new_per_day=0) == []  # nothing due yet and no new cards wanted


def test_a_filter_keeps_the_queue_to_the_chosen_cards() -> None:
    study = schedule(UserData(None))
    calf = [c for c in CARDS if REGIONS[c] == "calf"]
    assert study.queue(T0, new_per_day=20, only=calf) == calf


def test_easy_puts_a_card_further_off_than_good_and_good_further_than_again() -> None:
    dues = {rating: schedule(UserData(None)).rate(CARDS[0], rating, T0) for rating in (1, 3, 4)}
    assert dues[1] < dues[3] < dues[4]


@pytest.mark.parametrize("bad", [0, 5, -1])
def test_a_rating_outside_1_to_4_is_refused_and_nothing_is_saved(bad: int) -> None:
    user_data = UserData(None)
    with pytest.raises(ValueError, match="1 \\(Again\\), 2 \\(Hard\\), 3 \\(Good\\) or 4 \\(Easy\\)"):
        schedule(user_data).rate(CARDS[0], bad, T0)
    assert user_data.study_reviews() == [] and user_data.study_cards() == {}


def test_unknown_cards_times_without_a_zone_and_bad_limits_are_refused() -> None:
    study = schedule(UserData(None))
    with pytest.raises(ValueError, match="unknown card"):
        study.rate("urgency:nothing", 3, T0)
    with pytest.raises(ValueError, match="time zone"):
        study.queue(datetime(2026, 12, 5, 9, 0))
    with pytest.raises(ValueError, match="from 0 to 500"):
        study.queue(T0, new_per_day=501)


def test_the_schedule_persists_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    user_data = UserData(path)
    due = schedule(user_data).rate(CARDS[0], 3, T0)
    user_data.close()
    reopened = UserData(path)
    study = schedule(reopened)
    assert CARDS[0] not in study.queue(T0, new_per_day=20)
    assert study.queue(due, new_per_day=0) == [CARDS[0]]
    assert [r.rating for r in reopened.study_reviews()] == [3]


def test_progress_counts_learned_cards_retention_and_weak_regions() -> None:
    study = schedule(UserData(None))
    study.rate(CARDS[0], 4, T0)  # knee, Easy: straight to review
    study.rate(CARDS[1], 1, T0)  # calf, Again
    study.rate(CARDS[3], 3, T0)  # calf, Good
    got = study.progress(T0 + timedelta(minutes=2))
    assert (got.total, got.studied, got.learned, got.new_today) == (10, 3, 1, 3)
    assert got.due_now == 1  # the Again card, due after a minute
    assert got.retention == pytest.approx(2 / 3)
    assert got.weak_regions == (("calf", 0.5),)
    assert schedule(UserData(None)).progress(T0).retention is None


KILLED = r"""
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from legpain_desktop.core.db.userdata import UserData
from legpain_desktop.core.study.schedule import StudySchedule
cards = [f"c{n}" for n in range(50)]
study = StudySchedule(UserData(Path(sys.argv[1])), cards)
now = datetime(2026, 12, 5, tzinfo=timezone.utc)
Path(sys.argv[2]).write_text("started")
n = 0
while True:
    study.rate(cards[n % 50], 1 + n % 4, now + timedelta(seconds=n))
    n += 1
"""


def test_a_kill_mid_review_leaves_every_rating_with_its_schedule(tmp_path: Path) -> None:
    path, marker = tmp_path / "userdata.sqlite", tmp_path / "started"
    child = subprocess.Popen([sys.executable, "-c", KILLED, str(path), str(marker)], env=os.environ.copy())
    try:
        for _ in range(400):
            if marker.exists():
                break
            time.sleep(0.025)
        time.sleep(0.5)  # rating as fast as it can
    finally:
        child.kill()
        child.wait()
    user_data = UserData(path)
    assert user_data.integrity_check() == "ok"
    reviewed = {r.card_id for r in user_data.study_reviews()}
    assert reviewed and reviewed == set(user_data.study_cards())  # never a rating without its schedule


def test_study_progress_is_exported_with_the_bookmarks_and_merged_back(tmp_path: Path) -> None:
    source = UserData(None)
    source.toggle_bookmark("sciatica", "Sciatica")
    schedule(source).rate(CARDS[2], 3, T0)
    out = tmp_path / "export.json"
    source.export_bookmarks(out)
    data = json.loads(out.read_text())
    assert data["version"] == 2 and set(data["study"]["cards"]) == {CARDS[2]}
    target = UserData(None)
    target.import_bookmarks(out)
    assert set(target.study_cards()) == {CARDS[2]} and [r.rating for r in target.study_reviews()] == [3]
    target.import_bookmarks(out)  # twice: nothing doubled
    assert len(target.study_reviews()) == 1
    data["study"]["cards"][CARDS[2]] = "garbage"
    out.write_text(json.dumps(data))
    with pytest.raises(UserDataError, match="malformed study card"):
        UserData(None).import_bookmarks(out)


def test_user_data_of_the_previous_version_is_migrated_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE bookmarks (monograph_id TEXT PRIMARY KEY, title TEXT NOT NULL, created TEXT NOT NULL);"
        "CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, monograph_id TEXT NOT NULL, "
        "title TEXT NOT NULL, visited TEXT NOT NULL);"
        "CREATE TABLE notes (monograph_id TEXT PRIMARY KEY, text TEXT NOT NULL, updated TEXT NOT NULL);"
        "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO bookmarks VALUES ('gout', 'Gout', '2026-01-01T00:00:00+00:00');"
        "PRAGMA user_version = 2;"
    )
    conn.close()
    user_data = UserData(path)
    assert user_data.schema_version == USERDATA_SCHEMA_VERSION == 3
    assert [b.monograph_id for b in user_data.bookmarks()] == ["gout"]
    assert user_data.study_cards() == {}
