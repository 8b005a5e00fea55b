"""Each check the integrity gate makes, on its own, and when a source checkout rebuilds."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from legpain_desktop.core.db.errors import DatabaseCorrupt
from legpain_desktop.core.integrity import file_sha256, verify_database
from legpain_desktop.core.library import ensure_built, is_stale
from legpain_desktop.core.paths import manifest_path
from tests.conftest import FIXTURE_CONTENT, copy_database


def _reseal(db: Path) -> None:
    """Make the manifest's hash match the file again, as a forger who edits both would."""
    manifest = json.loads(manifest_path(db).read_text())
    manifest["sha256"] = file_sha256(db)
    manifest_path(db).write_text(json.dumps(manifest))


def test_a_damaged_file_whose_hash_was_forged_is_still_refused_by_quick_check(fixture_db: Path, tmp_path: Path) -> None:
    db = copy_database(fixture_db, tmp_path)
    conn = sqlite3.connect(db)
    leaf = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'monographs' AND pagetype = 'leaf' ORDER BY pageno"
    ).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    start = (leaf - 1) * page_size + 8  # a leaf page's cell pointers: they now point off the page
    data[start : start + 4] = bytes(b ^ 0xFF for b in data[start : start + 4])
    db.write_bytes(bytes(data))
    _reseal(db)
    with pytest.raises(DatabaseCorrupt, match=r"(?s)failed its integrity check: .*out of range"):
        verify_database(db)


def test_content_version_must_match_the_manifest(fixture_db: Path, tmp_path: Path) -> None:
    db = copy_database(fixture_db, tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE metadata SET value = 'someone-elses' WHERE key = 'content_version'")
    conn.commit()
    conn.close()
    _reseal(db)
    with pytest.raises(DatabaseCorrupt, match="has content someone-elses, manifest says"):
        verify_database(db)


@pytest.mark.parametrize("text", ["{not json", '{"sha256": "x"}', '["a list"]', ""])
def test_a_damaged_manifest_is_refused(fixture_db: Path, tmp_path: Path, text: str) -> None:
    db = copy_database(fixture_db, tmp_path)
    manifest_path(db).write_text(text)
    with pytest.raises(DatabaseCorrupt, match="unreadable or damaged"):
        verify_database(db)


def test_a_source_checkout_rebuilds_a_missing_or_stale_database_and_only_then(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    db = tmp_path / "built" / "legpain.db"
    assert is_stale(db, content)  # missing
    report = ensure_built(db, content)
    assert report is not None and db.is_file() and not is_stale(db, content)
    assert ensure_built(db, content) is None  # up to date: left alone
    verify_database(db)[0].close()
    first = next(content.glob("causes/*.md"))
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert is_stale(db, content)  # the sources changed
    assert ensure_built(db, content) is not None and not is_stale(db, content)
    manifest_path(db).write_text("{damaged")
    assert is_stale(db, content)  # an unreadable manifest means rebuild, never serve
