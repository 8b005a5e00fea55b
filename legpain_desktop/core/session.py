"""Where the user left off, as kept between runs: the page and place, the findings ticked and the
side-panel tab. Read back tolerantly: a damaged or older record gives what can still be used."""

from __future__ import annotations

from typing import NamedTuple


def _count(value: object) -> int | None:
    """A non-negative int, or None (JSON booleans are not counts)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


class SavedSession(NamedTuple):
    monograph: str | None = None
    scroll: int | None = None
    selection: tuple[str, ...] = ()
    tab: int | None = None
    absent: tuple[str, ...] = ()  # findings checked and found absent
    tab_id: str | None = None  # the side-panel tab by its stable id (the index is kept for old records)

    def to_stored(self) -> dict[str, object]:
        return {
            "monograph": self.monograph,
            "scroll": self.scroll,
            "selection": list(self.selection),
            "tab": self.tab,
            "absent": list(self.absent),
            "tab_id": self.tab_id,
        }

    @classmethod
    def from_stored(cls, data: object) -> SavedSession:
        """Whatever ``data`` is, a session: fields of the wrong type are dropped, not raised."""
        if not isinstance(data, dict):
            return cls()
        monograph = data.get("monograph")
        selection = _ids(data.get("selection"))
        return cls(
            monograph=monograph if isinstance(monograph, str) and monograph else None,
            scroll=_count(data.get("scroll")),
            selection=selection,
            tab=_count(data.get("tab")),
            absent=tuple(f for f in _ids(data.get("absent")) if f not in selection),
            tab_id=tab_id if isinstance(tab_id := data.get("tab_id"), str) and tab_id else None,
        )


def _ids(value: object) -> tuple[str, ...]:
    """Finding ids from a stored list, in order, without duplicates; anything else gives none."""
    items = value if isinstance(value, list) else []
    return tuple(dict.fromkeys(f for f in items if isinstance(f, str)))
