"""The user's own data: bookmarks, history, notes, study reviews and where they left off.

One SQLite file in WAL mode; every write is one transaction, so a crash or a killed process
loses at most the write under way. The schema is versioned with ``PRAGMA user_version`` and
migrated forward step by step. Patient details are stored only if the user turns that on.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

USERDATA_SCHEMA_VERSION = 3
EXPORT_FORMAT = "legpain-desktop-bookmarks"
MAX_NOTE_CHARS = 200_000
MAX_HISTORY = 500


class UserDataError(Exception):
    """User data could not be read or written; the message says what and why."""


class Bookmark(NamedTuple):
    monograph_id: str
    title: str
    created: str


class Visit(NamedTuple):
    monograph_id: str
    title: str
    visited: str


class Note(NamedTuple):
    monograph_id: str
    text: str
    updated: str


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE bookmarks (monograph_id TEXT PRIMARY KEY, title TEXT NOT NULL, created TEXT NOT NULL)")
    conn.execute(
        "CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, monograph_id TEXT NOT NULL, "
        "title TEXT NOT NULL, visited TEXT NOT NULL)"
    )
    conn.execute("CREATE TABLE notes (monograph_id TEXT PRIMARY KEY, text TEXT NOT NULL, updated TEXT NOT NULL)")


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    """Study mode (issue 19): each card's scheduler state (FSRS, as JSON) and every rating given."""
    conn.execute("CREATE TABLE study_cards (card_id TEXT PRIMARY KEY, fsrs TEXT NOT NULL, due TEXT NOT NULL)")
    conn.execute(
        "CREATE TABLE study_reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, card_id TEXT NOT NULL, "
        "rating INTEGER NOT NULL, reviewed TEXT NOT NULL)"
    )


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_to_1, 2: _migrate_to_2, 3: _migrate_to_3}


class StudyReview(NamedTuple):
    card_id: str
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed: str  # ISO time, UTC


def _merge_study(conn: sqlite3.Connection, study: object, path: Path) -> None:
    """Study progress from an export: a card's schedule is taken when it is newer than the one held
    here (or none is), and reviews not yet held are added."""
    if study is None:
        return
    if not isinstance(study, dict) or not isinstance(study.get("cards", {}), dict):
        raise UserDataError(f"{path} has a malformed study section")
    held = {r[0]: r[1] for r in conn.execute("SELECT card_id, fsrs FROM study_cards")}
    for card_id, item in study.get("cards", {}).items():
        if not isinstance(item, dict) or not isinstance(item.get("due"), str) or not isinstance(item.get("fsrs"), dict):
            raise UserDataError(f"{path} has a malformed study card: {str(card_id)[:60]}")
        theirs = str(item["fsrs"].get("last_review") or "")
        if card_id not in held or theirs > str(json.loads(held[card_id]).get("last_review") or ""):
            conn.execute(
                "INSERT OR REPLACE INTO study_cards VALUES (?, ?, ?)", (card_id, json.dumps(item["fsrs"]), item["due"])
            )
    seen = set(conn.execute("SELECT card_id, rating, reviewed FROM study_reviews").fetchall())
    for review in study.get("reviews", []):
        if not isinstance(review, dict):
            raise UserDataError(f"{path} has a malformed study review: {str(review)[:60]}")
        row = (str(review.get("card_id")), int(review.get("rating", 0)), str(review.get("reviewed")))
        if row not in seen and 1 <= row[1] <= 4:
            conn.execute("INSERT INTO study_reviews (card_id, rating, reviewed) VALUES (?, ?, ?)", row)
            seen.add(row)


class UserData:
    """Opened once per app; ``path=None`` keeps everything in memory (used when the disk fails)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None, timeout=5)
            if path is not None:
                self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise UserDataError(f"cannot open user data at {path}: {exc}") from exc

    @property
    def persistent(self) -> bool:
        """False for the in-memory fallback: what is kept there is lost when the app closes."""
        return self.path is not None

    @classmethod
    def open_or_fallback(cls, path: Path) -> tuple[UserData, str | None]:
        """The user data file, or an in-memory store and a warning when the folder is unusable."""
        try:
            return cls(path), None
        except UserDataError as exc:
            return cls(None), f"{exc}. Bookmarks and notes will not be kept after you close the app."

    def close(self) -> None:
        self._conn.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > USERDATA_SCHEMA_VERSION:
            raise UserDataError(f"user data schema {version} is newer than this app understands")
        for target in range(version + 1, USERDATA_SCHEMA_VERSION + 1):
            with self._transaction():
                MIGRATIONS[target](self._conn)
                self._conn.execute(f"PRAGMA user_version = {target}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise UserDataError(f"could not save user data: {exc}") from exc

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise UserDataError(f"could not read user data: {exc}") from exc

    # ------------------------------------------------------------------ bookmarks

    def is_bookmarked(self, monograph_id: str) -> bool:
        return bool(self._read("SELECT 1 FROM bookmarks WHERE monograph_id = ?", (monograph_id,)))

    def toggle_bookmark(self, monograph_id: str, title: str) -> bool:
        """Add or remove; returns True when the monograph is now bookmarked."""
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM bookmarks WHERE monograph_id = ?", (monograph_id,)).fetchone():
                conn.execute("DELETE FROM bookmarks WHERE monograph_id = ?", (monograph_id,))
                return False
            conn.execute("INSERT INTO bookmarks VALUES (?, ?, ?)", (monograph_id, title, _now()))
            return True

    def bookmarks(self) -> list[Bookmark]:
        rows = self._read("SELECT monograph_id, title, created FROM bookmarks ORDER BY title COLLATE NOCASE")
        return [Bookmark(*r) for r in rows]

    def export_bookmarks(self, path: Path) -> int:
        items = [{"id": b.monograph_id, "title": b.title, "created": b.created} for b in self.bookmarks()]
        study = {
            "cards": {cid: {"fsrs": json.loads(state), "due": due} for cid, (state, due) in self.study_cards().items()},
            "reviews": [r._asdict() for r in self.study_reviews()],
        }
        data = {"format": EXPORT_FORMAT, "version": 2, "bookmarks": items, "study": study}
        try:
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            raise UserDataError(f"could not write {path}: {exc.strerror or exc}") from exc
        return len(items)

    def import_bookmarks(self, path: Path, known_ids: set[str] | None = None) -> tuple[int, list[str]]:
        """Merge bookmarks from an export; returns (added, ids skipped because unknown)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise UserDataError(f"could not read {path}: {exc}") from exc
        except ValueError as exc:
            raise UserDataError(f"{path} is not a bookmarks file (not valid JSON: {exc})") from exc
        if (
            not isinstance(data, dict)
            or data.get("format") != EXPORT_FORMAT
            or not isinstance(data.get("bookmarks"), list)
        ):
            raise UserDataError(f"{path} is not a LegPain Desktop bookmarks export")
        added = 0
        skipped: list[str] = []
        with self._transaction() as conn:
            for item in data["bookmarks"]:
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    raise UserDataError(f"{path} has a malformed bookmark entry: {str(item)[:60]}")
                mid = item["id"]
                if known_ids is not None and mid not in known_ids:
                    skipped.append(mid)
                    continue
                title = str(item.get("title") or mid)
                cur = conn.execute(
                    "INSERT OR IGNORE INTO bookmarks VALUES (?, ?, ?)", (mid, title, str(item.get("created") or _now()))
                )
                added += cur.rowcount
            _merge_study(conn, data.get("study"), path)
        return added, skipped

    # ------------------------------------------------------------------ history

    def add_visit(self, monograph_id: str, title: str) -> None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO history (monograph_id, title, visited) VALUES (?, ?, ?)", (monograph_id, title, _now())
            )
            conn.execute(
                "DELETE FROM history WHERE id NOT IN (SELECT id FROM history ORDER BY id DESC LIMIT ?)", (MAX_HISTORY,)
            )

    def history(self, limit: int = 100) -> list[Visit]:
        rows = self._read("SELECT monograph_id, title, visited FROM history ORDER BY id DESC LIMIT ?", (limit,))
        return [Visit(*r) for r in rows]

    def clear_history(self) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM history")

    # ------------------------------------------------------------------ notes

    def note(self, monograph_id: str) -> str:
        rows = self._read("SELECT text FROM notes WHERE monograph_id = ?", (monograph_id,))
        return str(rows[0][0]) if rows else ""

    def set_note(self, monograph_id: str, text: str) -> None:
        if len(text) > MAX_NOTE_CHARS:
            raise UserDataError(f"a note is limited to {MAX_NOTE_CHARS:,} characters; this one has {len(text):,}")
        with self._transaction() as conn:
            if text.strip():
                conn.execute("INSERT OR REPLACE INTO notes VALUES (?, ?, ?)", (monograph_id, text, _now()))
            else:
                conn.execute("DELETE FROM notes WHERE monograph_id = ?", (monograph_id,))

    def notes(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._read("SELECT monograph_id, text FROM notes ORDER BY monograph_id")}

    def all_notes(self) -> list[Note]:
        """Every note with when it was last changed, most recent first."""
        rows = self._read("SELECT monograph_id, text, updated FROM notes ORDER BY updated DESC, monograph_id")
        return [Note(*r) for r in rows]

    # ------------------------------------------------------------------ state

    def get_state(self, key: str, default: Any = None) -> Any:
        rows = self._read("SELECT value FROM state WHERE key = ?", (key,))
        if not rows:
            return default
        try:
            return json.loads(rows[0][0])
        except ValueError:
            return default

    def set_state(self, key: str, value: Any) -> None:
        with self._transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, json.dumps(value)))

    # ------------------------------------------------------------------ study (issue 19)

    def study_cards(self) -> dict[str, tuple[str, str]]:
        """Every card studied so far: id -> (scheduler state as JSON, due time)."""
        return {r[0]: (r[1], r[2]) for r in self._read("SELECT card_id, fsrs, due FROM study_cards")}

    def record_review(self, card_id: str, rating: int, reviewed: str, state_json: str, due: str) -> None:
        """A rating and the card's new schedule in one transaction: a kill mid-review keeps both or neither."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO study_reviews (card_id, rating, reviewed) VALUES (?, ?, ?)", (card_id, rating, reviewed)
            )
            conn.execute("INSERT OR REPLACE INTO study_cards VALUES (?, ?, ?)", (card_id, state_json, due))

    def study_reviews(self) -> list[StudyReview]:
        rows = self._read("SELECT card_id, rating, reviewed FROM study_reviews ORDER BY id")
        return [StudyReview(*r) for r in rows]

    def integrity_check(self) -> str:
        return str(self._read("PRAGMA integrity_check")[0][0])
