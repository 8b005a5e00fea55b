"""Line numbers of YAML keys, without YAML: the run-time code (the dosing schema, the red-flag
rules) reports errors at a file line but must not import PyYAML, which the packaged app leaves out
(only the content build parses YAML)."""

from __future__ import annotations

from typing import Any


class LineDict(dict[Any, Any]):
    """A dict that remembers the (0-based, in-YAML) line of each key."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}
        self.line = 0


def key_line(mapping: Any, key: Any, base: int) -> int:
    """File line of ``key`` in a mapping loaded by :func:`load_yaml` starting at ``base``."""
    if isinstance(mapping, LineDict):
        return base + mapping.lines.get(key, mapping.line)
    return base


def node_line(mapping: Any, base: int) -> int:
    return base + mapping.line if isinstance(mapping, LineDict) else base
