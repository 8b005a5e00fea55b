"""``legpain-desktop study cards`` and ``study export-anki`` (issue 19, item 4): the JSON listing,
and an Anki package that Anki can open, whose notes keep their ids when exported again."""

from __future__ import annotations

import json
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

from legpain_desktop.cli import main
from legpain_desktop.core.db.repository import ContentRepository


def test_cards_as_json(shipped_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(shipped_db), "study", "cards", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 300
    assert set(rows[0]) == {"id", "kind", "front", "back", "monograph", "section", "region", "choices"}
    assert main(["--db", str(shipped_db), "study", "cards", "--json", "--kind", "urgency", "--region", "calf"]) == 0
    calf = json.loads(capsys.readouterr().out)
    assert calf and all(r["kind"] == "urgency" and r["region"] == "Calf" for r in calf)
    assert main(["--db", str(shipped_db), "study", "cards", "--kind", "nonsense"]) == 2
    assert "--kind must be one of" in capsys.readouterr().err
    assert main(["--db", str(shipped_db), "study", "cards", "--region", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert "--region must be one of" in err and "Calf" in err and "'nowhere'" in err


def notes_in(package: Path) -> dict[str, tuple[int, str]]:
    """guid -> (note id, fields) from the collection database inside an .apkg."""
    with zipfile.ZipFile(package) as archive:
        data = archive.read("collection.anki2")
    copy = package.with_suffix(".anki2")
    copy.write_bytes(data)
    conn = sqlite3.connect(copy)
    try:
        return {guid: (nid, flds) for nid, guid, flds in conn.execute("SELECT id, guid, flds FROM notes")}
    finally:
        conn.close()


def test_the_anki_export_holds_every_card_and_keeps_note_ids(
    shipped_db: Path, shipped_repo: ContentRepository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import genanki

    first, second = tmp_path / "one.apkg", tmp_path / "two.apkg"
    assert main(["--db", str(shipped_db), "study", "export-anki", str(first)]) == 0
    assert main(["--db", str(shipped_db), "study", "export-anki", str(second)]) == 0
    cards = shipped_repo.cards()
    assert f"wrote {len(cards)} cards" in capsys.readouterr().out
    one, two = notes_in(first), notes_in(second)
    assert set(one) == {genanki.guid_for(c.id) for c in cards}  # every card, one note each
    assert {guid: nid for guid, (nid, _f) in one.items()} == {guid: nid for guid, (nid, _f) in two.items()}
    card = cards[0]
    assert card.id in one[genanki.guid_for(card.id)][1]  # the card id travels in its own field


def test_an_unwritable_path_is_a_clear_error(shipped_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(shipped_db), "study", "export-anki", "/nonexistent/folder/cards.apkg"]) == 2
    assert "could not write /nonexistent/folder/cards.apkg" in capsys.readouterr().err


def test_without_genanki_the_export_asks_for_the_study_extra(
    shipped_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The packaged app leaves genanki out (scripts/bundle_exclusions.py): a clear error, exit 2."""
    monkeypatch.setitem(sys.modules, "genanki", None)  # importing it now fails, as in the bundle
    assert main(["--db", str(shipped_db), "study", "export-anki", str(tmp_path / "cards.apkg")]) == 2
    assert "needs the 'study' extra (genanki is missing)" in capsys.readouterr().err
    assert not (tmp_path / "cards.apkg").exists()
