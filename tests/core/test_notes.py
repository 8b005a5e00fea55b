"""The user's notes gathered into one Markdown document."""

from __future__ import annotations

from legpain_desktop.core.db.userdata import Note, UserData
from legpain_desktop.core.notes import notes_markdown


def test_notes_export_in_title_order_with_headings_kept_inside_each_note() -> None:
    notes = [
        Note("pregabalin", "Max 300 mg if CrCl 30-60.", "2026-11-02T10:00:00+00:00"),
        Note("gout", "# not a heading\nAsk about diuretics.\n", "2026-11-01T09:00:00+00:00"),
        Note("retired-page", "Old note.", "2026-10-01T09:00:00+00:00"),
    ]
    titles = {"gout": "Gout", "pregabalin": "Pregabalin"}
    text = notes_markdown(notes, titles, "abc123", "2026-11-22")
    assert text.startswith("# My notes from LegPain Desktop\n\nExported 2026-11-22; content version abc123.")
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections == ["## Gout", "## Pregabalin", "## retired-page (not in this content version)"]
    assert "\\# not a heading\nAsk about diuretics." in text  # stays part of the Gout note
    assert "*Last changed 2026-11-02T10:00:00+00:00*\n\nMax 300 mg if CrCl 30-60." in text
    assert "No notes yet" not in text


def test_no_notes_says_so() -> None:
    assert "No notes yet" in notes_markdown([], {}, "v", "2026-11-22")


def test_all_notes_most_recent_first() -> None:
    store = UserData(None)
    store.set_note("gout", "first")
    store.set_note("pregabalin", "second")
    store.set_note("gout", "")  # an emptied note is removed
    assert [n.monograph_id for n in store.all_notes()] == ["pregabalin"]
    assert store.all_notes()[0].text == "second" and store.all_notes()[0].updated
