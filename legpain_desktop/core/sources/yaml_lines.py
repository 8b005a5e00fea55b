"""YAML with line numbers: every content error names the file line an author must fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from legpain_desktop.core.model import ContentError
from legpain_desktop.core.sources.lines import LineDict, key_line, node_line

__all__ = ["LineDict", "key_line", "load_yaml", "node_line"]


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = LineDict()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a key must be plain text", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line
    mapping.line = node.start_mark.line
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)
# Dates stay text so that they validate and serialise the same way everywhere.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse YAML; errors become ContentError at the right file line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = exc.problem or exc.context or "malformed YAML"
        raise ContentError(path, line, f"malformed YAML: {problem}") from exc
    except yaml.YAMLError as exc:  # pragma: no cover - other YAML errors carry no mark
        raise ContentError(path, first_line, f"malformed YAML: {exc}") from exc
