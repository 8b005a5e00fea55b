"""The content build: validation stops with file:line, same sources give the same version."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from legpain_desktop.core.content import ContentErrors, content_version, load_corpus
from legpain_desktop.core.db.build import build_database, render_monograph
from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.db.schema import SCHEMA_VERSION
from tests.conftest import FIXTURE_CONTENT


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def _errors(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        load_corpus(content)
    return [str(e) for e in info.value.errors]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_fixture_content_builds_with_every_table(tmp_path: Path) -> None:
    report = build_database(FIXTURE_CONTENT, tmp_path / "x.db")
    assert report.counts == {"cause": 2, "drug": 1, "algorithm": 1, "topic": 1}
    conn = sqlite3.connect(tmp_path / "x.db")
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    every = {"monographs", "monographs_fts", "synonyms", "links", "findings", "cause_findings", "cards", "metadata"}
    assert every <= tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    links = set(conn.execute("select source_id, target_id, relation from links"))
    assert ("sample-sciatic-pain", "sample-drug", "body") in links
    conn.close()


def test_malformed_yaml_names_file_and_line(content: Path) -> None:
    path = content / "causes" / "sample-clot.md"
    _edit(path, "prevalence: uncommon", "prevalence: [uncommon")
    errors = _errors(content)
    assert any(e.startswith(f"{path}:") and "malformed YAML" in e for e in errors), errors
    line = int(next(e for e in errors if "malformed" in e).split(":")[1])
    assert 14 <= line <= 17  # the broken line or the one after it, where YAML notices


def test_missing_key_is_reported(content: Path) -> None:
    path = content / "topics" / "sample-topic.md"
    _edit(path, "summary: A fixture topic with <b>markup</b> in its summary.\n", "")
    assert any(f"{path}:2: missing key 'summary'" == e for e in _errors(content))


def test_unknown_key_names_its_line(content: Path) -> None:
    path = content / "topics" / "sample-topic.md"
    _edit(path, "related: []", "related: []\ncolour: blue")
    assert f"{path}:8: unknown key 'colour' for a topic" in _errors(content)


def test_duplicate_id_is_reported(content: Path) -> None:
    copy = content / "causes" / "sample-clot-2.md"
    copy.write_text((content / "causes" / "sample-clot.md").read_text())
    errors = _errors(content)
    assert any(str(copy) in e and "must match the file name" in e for e in errors)


def test_dangling_link_names_line(content: Path) -> None:
    path = content / "causes" / "sample-clot.md"
    _edit(path, "Anticoagulation.", "Anticoagulation with [x](drug:no-such-drug).")
    errors = _errors(content)
    assert any(e.startswith(f"{path}:") and "drug:no-such-drug" in e for e in errors), errors
    line = int(next(e for e in errors if "no-such-drug" in e).split(":")[1])
    assert path.read_text().splitlines()[line - 1].count("no-such-drug") == 1


def test_unknown_finding_id_stops_the_build(content: Path) -> None:
    path = content / "causes" / "sample-clot.md"
    _edit(path, "sign.warmth: 1", "sign.glowing: 1")
    assert any("unknown finding id 'sign.glowing'" in e for e in _errors(content))


def test_wrong_weight_is_explained(content: Path) -> None:
    path = content / "causes" / "sample-clot.md"
    _edit(path, "sign.warmth: 1", "sign.warmth: 7")
    assert any(
        "weight of 'sign.warmth' must be one of 1 (compatible), 2 (typical), 3 (characteristic)" in e
        for e in _errors(content)
    )


def test_unknown_citation_key_is_reported(content: Path) -> None:
    path = content / "causes" / "sample-sciatic-pain.md"
    _edit(path, "[[ref:ng59]]", "[[ref:nope]]")
    assert any("[[ref:nope]] names no reference key" in e for e in _errors(content))


def test_same_sources_same_version_and_any_edit_changes_it(content: Path) -> None:
    first = content_version(content)
    assert content_version(content) == first
    assert content_version(FIXTURE_CONTENT) == first  # a copy elsewhere hashes the same
    _edit(content / "causes" / "sample-clot.md", "A swollen calf.", "A swollen, tender calf.")
    assert content_version(content) != first


def test_repository_never_creates_a_file(tmp_path: Path) -> None:
    from legpain_desktop.core.db.errors import DatabaseMissing

    missing = tmp_path / "absent.db"
    with pytest.raises(DatabaseMissing, match="not found"):
        ContentRepository(missing)
    assert not missing.exists()


def test_repository_is_read_only(fixture_db: Path) -> None:
    repo = ContentRepository(fixture_db)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        repo._conn.execute("DELETE FROM monographs")
    repo.close()


def test_too_new_schema_is_a_clear_error(tmp_path: Path) -> None:
    from legpain_desktop.core.db.errors import DatabaseTooNew

    path = tmp_path / "new.db"
    build_database(FIXTURE_CONTENT, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNew, match="newer than this app understands"):
        ContentRepository(path)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    from legpain_desktop.core.db.errors import DatabaseCorrupt

    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseCorrupt, match="damaged or not a database"):
        ContentRepository(path)


def test_corpus_without_rules_still_has_every_table(content: Path, tmp_path: Path) -> None:
    from legpain_desktop.core.differential import engine_from_repository

    (content / "red-flags.yaml").unlink()
    build_database(content, tmp_path / "bare.db")
    repo = ContentRepository(tmp_path / "bare.db")
    assert repo.red_flag_rules() == [] and repo.interaction_rules() == {}
    assert engine_from_repository(repo).compute(["region.calf"]).red_flags == ()
    repo.close()


def test_page_source_and_html_are_stored_compressed_and_read_back_whole(tmp_path: Path) -> None:
    """Schema 2 keeps body_md and html zlib-compressed (the bundle carries the database)."""
    import zlib

    path = tmp_path / "x.db"
    build_database(FIXTURE_CONTENT, path)
    corpus = load_corpus(FIXTURE_CONTENT)
    conn = sqlite3.connect(path)
    stored = dict(conn.execute("SELECT id, body_md FROM monographs").fetchall())
    conn.close()
    repo = ContentRepository(path)
    try:
        for mono_id, blob in stored.items():
            assert isinstance(blob, bytes)
            assert zlib.decompress(blob).decode("utf-8") == corpus.monographs[mono_id].body
            record = repo.get(mono_id)
            assert record is not None
            assert record.body_md == corpus.monographs[mono_id].body
            assert record.html == render_monograph(corpus.monographs[mono_id], corpus)
    finally:
        repo.close()


def test_a_damaged_compressed_page_is_refused_not_shown(tmp_path: Path) -> None:
    from legpain_desktop.core.db.errors import DatabaseCorrupt

    path = tmp_path / "x.db"
    build_database(FIXTURE_CONTENT, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE monographs SET html = ? WHERE id = 'sample-drug'", (b"not zlib at all",))
    conn.commit()
    conn.close()
    repo = ContentRepository(path)
    try:
        with pytest.raises(DatabaseCorrupt, match="damaged monograph"):
            repo.get("sample-drug")
    finally:
        repo.close()


def test_a_database_of_another_schema_is_rebuilt_in_a_checkout(content: Path, tmp_path: Path) -> None:
    """A checkout updated past a schema change rebuilds its database instead of refusing it."""
    import json

    from legpain_desktop.core.library import is_stale
    from legpain_desktop.core.paths import manifest_path

    path = tmp_path / "x.db"
    build_database(content, path)
    assert not is_stale(path, content)
    manifest = manifest_path(path)
    data = json.loads(manifest.read_text())
    data["schema_version"] = SCHEMA_VERSION - 1
    manifest.write_text(json.dumps(data))
    assert is_stale(path, content)
