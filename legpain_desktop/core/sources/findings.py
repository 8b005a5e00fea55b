"""The findings vocabulary (``content/findings.yaml``): facets and the findings under them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from legpain_desktop.core.model import ContentError
from legpain_desktop.core.sources.yaml_lines import load_yaml, node_line


@dataclass(frozen=True)
class Finding:
    id: str
    label: str
    facet: str


@dataclass(frozen=True)
class Facet:
    id: str
    label: str
    findings: tuple[Finding, ...]


def load_vocabulary(path: Path) -> list[Facet]:
    data = load_yaml(path.read_text(encoding="utf-8"), path)
    if not isinstance(data, dict) or not isinstance(data.get("facets"), list):
        raise ContentError(path, 1, "the vocabulary needs a 'facets' list")
    facets: list[Facet] = []
    seen: set[str] = set()
    for facet in data["facets"]:
        line = node_line(facet, 1)
        if not isinstance(facet, dict) or not {"id", "label", "findings"} <= set(facet):
            raise ContentError(path, line, "each facet needs id, label and findings")
        findings = []
        for f in facet["findings"]:
            fline = node_line(f, 1)
            if not isinstance(f, dict) or not {"id", "label"} <= set(f):
                raise ContentError(path, fline, "each finding needs id and label")
            extra = set(f) - {"id", "label", "hint"}
            if extra or not isinstance(f["label"], str):
                raise ContentError(
                    path,
                    fline,
                    f"finding {f['id']!r} has unexpected keys {sorted(map(str, extra))}: quote labels with commas",
                )
            if f["id"] in seen:
                raise ContentError(path, fline, f"duplicate finding id {f['id']!r}")
            seen.add(f["id"])
            findings.append(Finding(id=str(f["id"]), label=str(f["label"]), facet=str(facet["id"])))
        facets.append(Facet(id=str(facet["id"]), label=str(facet["label"]), findings=tuple(findings)))
    return facets
