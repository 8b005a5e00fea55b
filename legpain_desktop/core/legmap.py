"""The leg map's regions, read from ``resources/leg-map.svg`` (no Qt: plain polygons)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

SVG_NS = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class MapRegion:
    id: str
    finding: str
    label: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class LegMap:
    width: float
    height: float
    regions: tuple[MapRegion, ...]

    def findings(self) -> list[str]:
        """Finding ids in map order, each once."""
        return list(dict.fromkeys(r.finding for r in self.regions))

    def label_of(self, finding: str) -> str:
        return next(r.label for r in self.regions if r.finding == finding)


def load_leg_map(path: Path) -> LegMap:
    root = ET.parse(path).getroot()  # noqa: S314 - bundled resource
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    regions = []
    for poly in root.iter(f"{SVG_NS}polygon"):
        if "region" not in poly.attrib.get("class", "").split():
            continue
        pairs = [p.split(",") for p in poly.attrib["points"].split()]
        regions.append(
            MapRegion(
                id=poly.attrib["id"],
                finding=poly.attrib["data-finding"],
                label=poly.attrib["data-label"],
                points=tuple((float(x), float(y)) for x, y in pairs),
            )
        )
    return LegMap(width, height, tuple(regions))
