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

    def to_stored(self) -> dict[str, object]:
        return {"monograph": self.monograph, "scroll": self.scroll, "selection": list(self.selection), "tab": self.tab}

    @classmethod
    def from_stored(cls, data: object) -> SavedSession:
        """Whatever ``data`` is, a session: fields of the wrong type are dropped, not raised."""
        if not isinstance(data, dict):
            return cls()
        monograph, selection = data.get("monograph"), data.get("selection")
        findings = selection if isinstance(selection, list) else []
        return cls(
            monograph=monograph if isinstance(monograph, str) and monograph else None,
            scroll=_count(data.get("scroll")),
            selection=tuple(dict.fromkeys(f for f in findings if isinstance(f, str))),
            tab=_count(data.get("tab")),
        )
