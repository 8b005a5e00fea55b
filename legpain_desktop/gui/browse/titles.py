"""Monograph titles and search suggestions, asked of the repository once: the content is
read-only while the app runs."""

from __future__ import annotations

from legpain_desktop.core.db.repository import ContentRepository


class Titles:
    def __init__(self, repo: ContentRepository) -> None:
        self.repo = repo
        self._all: dict[str, tuple[str, str]] | None = None

    def all(self) -> dict[str, tuple[str, str]]:
        """Monograph id to (kind, title)."""
        if self._all is None:
            self._all = self.repo.titles()
        return self._all

    def of(self, kind: str | None = None) -> dict[str, str]:
        """Monograph id to title, of one kind or of all."""
        return {i: title for i, (k, title) in self.all().items() if kind in (None, k)}

    def causes(self) -> dict[str, str]:
        return self.of("cause")

    def suggest(self, text: str) -> list[str]:
        """Words of the content's vocabulary close to ``text`` (for "did you mean")."""
        from legpain_desktop.core.search import suggest

        return suggest(text, self.repo.search_vocabulary())
