"""The user's notes gathered into one Markdown document, for revision or to keep elsewhere."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from legpain_desktop.core.db.userdata import Note


def _not_a_heading(line: str) -> str:
    return "\\" + line.lstrip() if line.lstrip().startswith("#") else line


def note_title(note: Note, titles: Mapping[str, str]) -> str:
    """The monograph's title, or its id marked as missing when this content version lacks it."""
    return titles.get(note.monograph_id) or f"{note.monograph_id} (not in this content version)"


def notes_markdown(notes: Sequence[Note], titles: Mapping[str, str], content_version: str, today: str) -> str:
    """One section per monograph, in title order: the title, when the note was last changed and
    the note as written (a line starting with # is escaped, so it stays part of the note)."""
    lines = [
        "# My notes from LegPain Desktop",
        "",
        f"Exported {today}; content version {content_version}. Notes are the reader's own, not reviewed content.",
    ]
    for note in sorted(notes, key=lambda n: (note_title(n, titles).lower(), n.monograph_id)):
        body = [_not_a_heading(line) for line in note.text.strip().splitlines()]
        lines += ["", f"## {note_title(note, titles)}", "", f"*Last changed {note.updated}*", "", *body]
    if not notes:
        lines += ["", "No notes yet: notes typed under a monograph appear here."]
    return "\n".join(lines) + "\n"
