"""Export the study cards as an Anki deck (issue 19, item 4), with ``genanki`` (pinned, the
``study`` extra).

Note ids are stable: each note's guid is derived from the card id, so exporting again and
importing into Anki updates the notes instead of adding copies. The model and deck ids are fixed
numbers chosen once for this app; they must never change.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from legpain_desktop.core.study.cards import Card

MODEL_ID = 1_733_406_019  # fixed: Anki matches the note type by this id
DECK_ID = 1_733_406_020  # fixed: the "LegPain Desktop" deck
DECK_NAME = "LegPain Desktop"
EXPORT_TIMESTAMP = 1_733_406_000.0  # fixed: see export_anki


def export_anki(cards: Iterable[Card], path: Path, titles: dict[str, str] | None = None) -> int:
    """Write ``cards`` to ``path`` (an .apkg); returns how many notes were written."""
    import genanki  # loaded only here: it brings PyYAML, which the app does not load at start-up

    model = genanki.Model(
        MODEL_ID,
        "LegPain Desktop card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}, {"name": "CardId"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Back}}<br><small>{{Source}}</small>",
            }
        ],
        sort_field_index=3,
    )
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    count = 0
    for card in cards:
        choices = "<br>".join(html.escape(c) for c in card.choices)
        front = html.escape(card.front) + (f"<br><br>{choices}" if choices else "")
        where = (titles or {}).get(card.monograph, card.monograph or card.section)
        source = html.escape(f"{where} · {card.section}")
        note = genanki.Note(
            model=model,
            fields=[front, html.escape(card.back), source, html.escape(card.id)],
            guid=genanki.guid_for(card.id),
            tags=[card.kind],
        )
        deck.add_note(note)
        count += 1
    # A fixed creation time makes the note and card ids the same at every export of the same cards
    # (Anki itself matches notes by guid, which comes from the card id).
    genanki.Package(deck).write_to_file(str(path), timestamp=EXPORT_TIMESTAMP)
    return count
