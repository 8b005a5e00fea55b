"""User data: transactions, migrations, export and import, and survival of a killed writer."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legpain_desktop.core.db.userdata import USERDATA_SCHEMA_VERSION, UserData, UserDataError


def test_bookmarks_history_notes_state(tmp_path: Path) -> None:
    ud = UserData(tmp_path / "u.sqlite")
    assert ud.schema_version == USERDATA_SCHEMA_VERSION
    assert ud.toggle_bookmark("gout", "Gout") is True
    assert ud.is_bookmarked("gout")
    assert ud.toggle_bookmark("gout", "Gout") is False
    ud.toggle_bookmark("gout", "Gout")
    ud.add_visit("gout", "Gout")
    ud.add_visit("pregabalin", "Pregabalin")
    assert [v.monograph_id for v in ud.history()] == ["pregabalin", "gout"]
    ud.clear_history()
    assert ud.history() == []
    ud.set_note("gout", "check urate")
    assert ud.note("gout") == "check urate" and ud.notes() == {"gout": "check urate"}
    ud.set_note("gout", "   ")
    assert ud.note("gout") == ""
    ud.set_state("session", {"monograph": "gout", "selection": ["region.calf"]})
    assert ud.get_state("session")["selection"] == ["region.calf"]
    assert ud.get_state("missing", 5) == 5
    assert ud.integrity_check() == "ok"
    ud.close()
    reopened = UserData(tmp_path / "u.sqlite")
    assert [b.monograph_id for b in reopened.bookmarks()] == ["gout"]
    reopened.close()


def test_journal_is_wal(tmp_path: Path) -> None:
    UserData(tmp_path / "u.sqlite").close()
    conn = sqlite3.connect(tmp_path / "u.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_migrates_an_old_schema_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bookmarks (monograph_id TEXT PRIMARY KEY, title TEXT NOT NULL, created TEXT NOT NULL)")
    conn.execute(
        "CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, monograph_id TEXT, title TEXT, visited TEXT)"
    )
    conn.execute("CREATE TABLE notes (monograph_id TEXT PRIMARY KEY, text TEXT NOT NULL, updated TEXT NOT NULL)")
    conn.execute("INSERT INTO bookmarks VALUES ('gout', 'Gout', '2026-01-01')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    ud = UserData(path)
    assert ud.schema_version == USERDATA_SCHEMA_VERSION and ud.is_bookmarked("gout")
    ud.set_state("x", 1)
    ud.close()


def test_newer_schema_is_refused_and_fallback_keeps_working(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(UserDataError, match="newer than this app"):
        UserData(path)
    ud, warning = UserData.open_or_fallback(path)
    assert warning and "will not be kept" in warning
    assert ud.toggle_bookmark("gout", "Gout")  # the in-memory store still works


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else False, reason="root ignores permissions")
def test_read_only_folder_degrades_to_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        ud, warning = UserData.open_or_fallback(folder / "sub" / "u.sqlite")
        assert warning is not None
        ud.toggle_bookmark("gout", "Gout")
    finally:
        folder.chmod(0o700)


def test_unwritable_path_degrades_to_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")  # a file where the folder should be: the same failure as a full or locked disk
    ud, warning = UserData.open_or_fallback(blocker / "u.sqlite")
    assert warning is not None and "cannot open user data" in warning
    assert ud.path is None


def test_export_and_import(tmp_path: Path) -> None:
    a = UserData(tmp_path / "a.sqlite")
    a.toggle_bookmark("gout", "Gout")
    a.toggle_bookmark("pregabalin", "Pregabalin")
    assert a.export_bookmarks(tmp_path / "b.json") == 2
    data = json.loads((tmp_path / "b.json").read_text())
    data["bookmarks"].append({"id": "retired-id", "title": "Old"})
    (tmp_path / "b.json").write_text(json.dumps(data))
    b = UserData(tmp_path / "b.sqlite")
    added, skipped = b.import_bookmarks(tmp_path / "b.json", {"gout", "pregabalin"})
    assert (added, skipped) == (2, ["retired-id"])
    assert b.import_bookmarks(tmp_path / "b.json", {"gout", "pregabalin"})[0] == 0  # merging twice adds nothing


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json", "not valid JSON"), ('{"format": "other"}', "not a LegPain Desktop bookmarks export"),
     ('{"format": "legpain-desktop-bookmarks", "bookmarks": [3]}', "malformed bookmark entry")],
)  # fmt: skip
def test_import_bad_files_explains(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "x.json").write_text(content)
    with pytest.raises(UserDataError, match=message):
        UserData(None).import_bookmarks(tmp_path / "x.json")
    with pytest.raises(UserDataError, match="could not read"):
        UserData(None).import_bookmarks(tmp_path / "absent.json")
    with pytest.raises(UserDataError, match="could not write"):
        UserData(None).export_bookmarks(tmp_path / "no" / "such" / "dir.json")


def test_note_size_limit(tmp_path: Path) -> None:
    with pytest.raises(UserDataError, match="limited to 200,000 characters"):
        UserData(None).set_note("gout", "x" * 200_001)


WRITER = """
import sys
from pathlib import Path
from legpain_desktop.core.db.userdata import UserData
ud = UserData(Path(sys.argv[1]))
i = 0
while True:
    ud.toggle_bookmark(f"id-{i}", f"Title {i}")
    ud.set_note(f"id-{i}", "note " * 50 + str(i))
    print(i, flush=True)
    i += 1
"""


def test_killed_writer_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite"
    with subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        committed = -1
        deadline = time.monotonic() + 30
        while committed < 150 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.strip():
                committed = int(line)
        os.kill(proc.pid, signal.SIGKILL)  # mid-write: it never stops between transactions
        proc.wait(timeout=10)
    assert committed >= 150, "the writer did not get going"
    ud = UserData(path)
    assert ud.integrity_check() == "ok"
    marked = {b.monograph_id for b in ud.bookmarks()}
    notes = ud.notes()
    for i in range(committed + 1):
        assert f"id-{i}" in marked
        assert notes[f"id-{i}"].endswith(str(i))


def test_damaged_user_data_file_degrades_to_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite"
    path.write_bytes(b"this is not a database" * 200)
    ud, warning = UserData.open_or_fallback(path)
    assert warning is not None and "cannot open user data" in warning
    assert ud.toggle_bookmark("gout", "Gout")
    assert path.read_bytes().startswith(b"this is not")  # the user's file is left alone for recovery
