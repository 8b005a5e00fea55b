"""Back and forward history of opened monographs (plain Python, used by the GUI)."""

from __future__ import annotations


class History:
    """A browser-style history: opening a page drops anything ahead of the current one."""

    __slots__ = ("_back", "_forward", "current", "limit")

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._back: list[str] = []
        self._forward: list[str] = []
        self.current: str | None = None

    def visit(self, page: str) -> None:
        if page == self.current:
            return
        if self.current is not None:
            self._back.append(self.current)
            del self._back[: -self.limit]
        self.current = page
        self._forward.clear()

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> str | None:
        if not self._back:
            return None
        if self.current is not None:
            self._forward.append(self.current)
        self.current = self._back.pop()
        return self.current

    def forward(self) -> str | None:
        if not self._forward:
            return None
        if self.current is not None:
            self._back.append(self.current)
        self.current = self._forward.pop()
        return self.current
