"""Bookmarks, history and notes on their own, with the store passed in (no window)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from legpain_desktop.core.db.userdata import UserData
from legpain_desktop.gui.library.user_library import UserLibrary


def _library(store: UserData) -> tuple[UserLibrary, dict[str, list[object]]]:
    library = UserLibrary(store, lambda: {"gout": "Gout", "pregabalin": "Pregabalin"}, "v1")
    seen: dict[str, list[object]] = {"warning": [], "message": [], "bookmark": [], "open": []}
    library.warning.connect(seen["warning"].append)
    library.message.connect(lambda text, _ms: seen["message"].append(text))
    library.bookmark_changed.connect(seen["bookmark"].append)
    library.monograph_requested.connect(seen["open"].append)
    return library, seen


def test_visits_bookmarks_and_notes_are_kept_and_shown(qtbot: QtBot, tmp_path: Path) -> None:
    store = UserData(tmp_path / "u.sqlite")
    library, seen = _library(store)
    assert library.page_shown("gout", "Gout") == "" and seen["bookmark"] == [False]
    library.toggle_bookmark("gout", "Gout")
    assert seen["bookmark"][-1] is True and seen["message"][-1] == "Bookmarked"
    assert library.save_note("gout", "Ask about diuretics.")
    assert library.page_shown("gout", "Gout") == "Ask about diuretics." and seen["bookmark"][-1] is True
    assert not library.built
    panel = library.panel  # built on first use, filled from the store
    qtbot.addWidget(panel)
    assert panel.bookmarks_model.rowCount() == 1 and panel.history_model.rowCount() == 2  # two visits
    panel.bookmarks.activated.emit(panel.bookmarks_model.index(0, 0))
    assert seen["open"] == ["gout"]
    library.clear_history()
    assert panel.history_model.rowCount() == 0 and seen["warning"] == []


def test_export_then_import_skips_monographs_this_content_lacks(qtbot: QtBot, tmp_path: Path) -> None:
    source, _ = _library(UserData(None))
    source.toggle_bookmark("gout", "Gout")
    source.toggle_bookmark("retired-id", "A page an older content version had")
    assert source.export_bookmarks(str(tmp_path / "b.json")) == 2
    target, seen = _library(UserData(None))
    assert target.import_bookmarks(str(tmp_path / "b.json")) == 1
    assert "1 not in this content version were skipped" in str(seen["message"][-1])


def test_a_store_that_fails_gives_warnings_and_the_calls_carry_on(qtbot: QtBot, tmp_path: Path) -> None:
    store = UserData(tmp_path / "u.sqlite")
    library, seen = _library(store)
    store.close()  # the disk goes away
    assert library.page_shown("gout", "Gout") == "" and seen["bookmark"] == [False]
    library.toggle_bookmark("gout", "Gout")
    assert not library.save_note("gout", "text")
    assert library.export_bookmarks(str(tmp_path / "b.json")) is None
    assert library.import_bookmarks(str(tmp_path / "absent.json")) is None
    library.clear_history()
    assert library.export_notes(str(tmp_path / "notes.md")) is None
    qtbot.addWidget(library.panel)  # an empty panel, and one more warning, not a crash
    warnings = [str(w) for w in seen["warning"]]
    assert len(warnings) == 8  # one for each call above, each saying what could not be done
    assert sum("could not save user data" in w for w in warnings) == 4
    assert sum("could not read user data" in w for w in warnings) == 3
    assert any("absent.json" in w for w in warnings)


def test_notes_are_listed_and_exported(qtbot: QtBot, tmp_path: Path) -> None:
    library, seen = _library(UserData(None))
    panel = library.panel
    qtbot.addWidget(panel)
    assert panel.notes_model.rowCount() == 0 and not panel.export_notes_button.isEnabled()
    assert library.save_note("pregabalin", "Max 300 mg if CrCl 30-60.")
    assert library.save_note("gout", "Ask about diuretics.")
    names = [panel.notes_model.item(r).text() for r in range(panel.notes_model.rowCount())]
    assert names == ["Gout", "Pregabalin"] and panel.export_notes_button.isEnabled()
    assert "Ask about diuretics." in panel.notes_model.item(0).toolTip()
    panel.notes.activated.emit(panel.notes_model.index(1, 0))
    assert seen["open"] == ["pregabalin"]
    assert library.export_notes(str(tmp_path / "notes.md")) == 2
    text = (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert "## Gout" in text and "## Pregabalin" in text and "content version v1" in text
    assert library.export_notes(str(tmp_path / "no" / "such" / "folder.md")) is None
    assert "could not write" in str(seen["warning"][-1])


def test_each_library_action_says_what_it_did(qtbot: QtBot, tmp_path: Path) -> None:
    """Signal mutation run of 2026-12-04: removing the in-memory 'removed' message, the plain
    'Imported' message or the notes-export message left every test passing."""
    library, seen = _library(UserData(None))
    assert library.toggle_bookmark("gout", "Gout") is True
    assert library.toggle_bookmark("gout", "Gout") is False
    assert seen["message"][-1] == "Bookmark removed for this session only: nothing is saved to disk"
    library.toggle_bookmark("gout", "Gout")
    assert library.export_bookmarks(str(tmp_path / "b.json")) == 1
    other, heard = _library(UserData(None))
    assert other.import_bookmarks(str(tmp_path / "b.json")) == 1
    assert heard["message"][-1] == "Imported 1 bookmark(s)"
    assert library.save_note("gout", "Ask about alcohol.")
    assert library.export_notes(str(tmp_path / "notes.md")) == 1
    assert seen["message"][-1] == f"Exported 1 note(s) to {tmp_path / 'notes.md'}"
