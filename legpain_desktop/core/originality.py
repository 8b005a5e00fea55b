"""Prove that monographs are written in our own words.

A monograph shares "a long run of words" with a source when any run of ``RUN_LENGTH``
consecutive words (case-folded, punctuation ignored) also stands in a seed article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

RUN_LENGTH = 8

_WORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"\[\[[a-z-]+:[^\]]*\]\]|\]\((?:cause|drug|algorithm|topic):[^)]*\)")


def words(text: str) -> list[str]:
    """The words of ``text`` as the check sees them."""
    return _WORD.findall(_TOKEN.sub(" ", text.lower()))


def runs(text: str, length: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    ws = words(text)
    return {tuple(ws[i : i + length]) for i in range(len(ws) - length + 1)}


@dataclass(frozen=True)
class SharedRun:
    path: Path
    line: int
    text: str


class SourceIndex:
    """Every run of words in the source articles."""

    def __init__(self, sources: Iterable[str], length: int = RUN_LENGTH) -> None:
        self.length = length
        self._runs: set[tuple[str, ...]] = set()
        for text in sources:
            self._runs |= runs(text, length)

    @classmethod
    def from_folder(cls, folder: Path, length: int = RUN_LENGTH) -> SourceIndex:
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        return cls(texts, length)

    def shared_runs(self, path: Path, text: str) -> list[SharedRun]:
        """Runs of ``text`` found in a source, with the line each one starts on."""
        found: list[SharedRun] = []
        ws_lines: list[tuple[str, int]] = []
        for lineno, line in enumerate(text.splitlines(), start=1):
            ws_lines.extend((w, lineno) for w in words(line))
        seen_lines: set[int] = set()
        for i in range(len(ws_lines) - self.length + 1):
            run = tuple(w for w, _ in ws_lines[i : i + self.length])
            if run in self._runs:
                start = ws_lines[i][1]
                if start not in seen_lines:
                    seen_lines.add(start)
                    found.append(SharedRun(path, start, " ".join(run)))
        return found
