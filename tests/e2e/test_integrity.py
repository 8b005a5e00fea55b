"""A damaged content database is refused with a clear message, never shown (issue: trust)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from legpain_desktop.core.db.errors import DatabaseError
from legpain_desktop.core.integrity import verify_database
from legpain_desktop.core.paths import manifest_path
from tests.conftest import copy_database, run_cli


def missing(db: Path) -> None:
    db.unlink()


def zero_bytes(db: Path) -> None:
    db.write_bytes(b"")


def truncated(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def byte_flipped(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0xFF
    db.write_bytes(bytes(data))


def monograph_edited(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE monographs SET html = replace(html, 'Ultrasound', 'Ignore it') WHERE id = 'sample-clot'")
    conn.commit()
    conn.close()


def manifest_removed(db: Path) -> None:
    manifest_path(db).unlink()


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing": (missing, "not found"),
    "zero bytes": (zero_bytes, "empty (0 bytes)"),
    "truncated": (truncated, "does not match its manifest"),
    "one byte flipped": (byte_flipped, "does not match its manifest"),
    "monograph edited in place": (monograph_edited, "does not match its manifest"),
    "manifest removed": (manifest_removed, "integrity manifest missing"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_cli_exits_3_with_one_line(fixture_db: Path, tmp_path: Path, case: str) -> None:
    damage, message = CASES[case]
    db = copy_database(fixture_db, tmp_path)
    damage(db)
    for args in (["verify"], ["search", "clot"], ["show", "sample-clot"]):
        out = run_cli("--db", str(db), *args)
        assert out.returncode == 3, (case, args, out.stdout)
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], lines
        assert out.stdout == ""  # no content shown


@pytest.mark.parametrize("case", list(CASES))
def test_gui_refuses_with_a_clear_message(fixture_db: Path, tmp_path: Path, case: str) -> None:
    from legpain_desktop.gui.app import startup_problem_message

    damage, message = CASES[case]
    db = copy_database(fixture_db, tmp_path)
    damage(db)
    with pytest.raises(DatabaseError) as info:
        verify_database(db)
    text = startup_problem_message(info.value)
    assert "no clinical content is shown" in text and message in text
    out = run_cli("--db", str(db), "--smoke-test")
    assert out.returncode == 3 and "smoke-test ok" not in out.stdout


def test_verify_ok_and_db_is_never_repaired(fixture_db: Path, tmp_path: Path) -> None:
    db = copy_database(fixture_db, tmp_path)
    out = run_cli("--db", str(db), "verify")
    assert out.returncode == 0 and out.stdout.startswith("ok: ")
    byte_flipped(db)
    before = db.read_bytes()
    assert run_cli("--db", str(db), "verify").returncode == 3
    assert db.read_bytes() == before  # --db never rebuilds or repairs


def test_hostile_monograph_builds_into_harmless_text(tmp_path: Path) -> None:
    from legpain_desktop.core.db.build import build_database
    from legpain_desktop.core.db.repository import ContentRepository
    from tests.conftest import FIXTURE_CONTENT

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    topic = content / "topics" / "sample-topic.md"
    topic.write_text(
        topic.read_text()
        + "\n<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n[x](javascript:alert(3))\n"
        + "![t](http://tracker.example/p.png)\n<a href='http://evil' onclick='x()'>link</a>\n"
    )
    build_database(content, tmp_path / "x.db")
    repo = ContentRepository(tmp_path / "x.db")
    html = repo.get("sample-topic").html  # type: ignore[union-attr]
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.replace("&lt;", "")
    assert "onclick=" not in html.split("&lt;a")[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, harmless
    repo.close()
