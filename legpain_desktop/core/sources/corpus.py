"""The corpus: every source file under ``content/``, read and parsed file by file.

:func:`read_corpus` collects each file's own errors; the cross-file checks run after it, in
:func:`legpain_desktop.core.content.load_corpus`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legpain_desktop.core.model import KINDS, ContentError, ContentErrors
from legpain_desktop.core.sources.findings import Facet, load_vocabulary
from legpain_desktop.core.sources.monograph import KIND_FOLDERS, Monograph, parse_monograph
from legpain_desktop.core.sources.yaml_lines import load_yaml

REPRODUCTIVE_FILE = "pregnancy-lactation.yaml"
DATA_FILES = ("findings.yaml", "red-flags.yaml", "interactions.yaml", REPRODUCTIVE_FILE)


@dataclass
class Corpus:
    root: Path
    monographs: dict[str, Monograph]
    facets: list[Facet]
    red_flags: list[dict[str, Any]]
    interactions: dict[str, Any]
    reproductive: dict[str, Any] = field(default_factory=dict)

    @property
    def finding_ids(self) -> set[str]:
        return {f.id for facet in self.facets for f in facet.findings}

    def of_kind(self, kind: str) -> list[Monograph]:
        return sorted((m for m in self.monographs.values() if m.kind == kind), key=lambda m: m.title.lower())


def source_files(root: Path) -> Iterator[Path]:
    """Every file that feeds the database, in a stable order."""
    for kind in KINDS:
        yield from sorted((root / KIND_FOLDERS[kind]).glob("*.md"))
    for name in DATA_FILES:
        if (root / name).exists():
            yield root / name


def content_version(root: Path) -> str:
    """A hash of the sources: the same sources always give the same version."""
    digest = hashlib.sha256()
    for path in source_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def read_corpus(root: Path) -> Corpus:
    """Parse every source under ``root``, each file on its own; collect every error, then raise
    them together. Nothing here checks one file against another."""
    errors: list[ContentError] = []
    monographs: dict[str, Monograph] = {}
    for kind in KINDS:
        for path in sorted((root / KIND_FOLDERS[kind]).glob("*.md")):
            try:
                mono = parse_monograph(path)
            except ContentError as exc:
                errors.append(exc)
                continue
            if mono.id in monographs:
                other = monographs[mono.id].path
                errors.append(ContentError(path, 2, f"duplicate id {mono.id!r} (also in {other})"))
                continue
            monographs[mono.id] = mono
    facets: list[Facet] = []
    red_flags: list[dict[str, Any]] = []
    interactions: dict[str, Any] = {}
    try:
        facets = load_vocabulary(root / "findings.yaml")
    except ContentError as exc:
        errors.append(exc)
    except FileNotFoundError:
        errors.append(ContentError(root / "findings.yaml", 1, "the findings vocabulary is missing"))
    reproductive: dict[str, Any] = {}
    for name in ("red-flags.yaml", "interactions.yaml", REPRODUCTIVE_FILE):
        path = root / name
        if not path.exists():
            continue
        try:
            data = load_yaml(path.read_text(encoding="utf-8"), path)
        except ContentError as exc:
            errors.append(exc)
            continue
        if name == "red-flags.yaml":
            red_flags = list((data or {}).get("red_flags") or [])
        elif name == REPRODUCTIVE_FILE:
            reproductive = dict(data or {})
        else:
            interactions = dict(data or {})
    if errors:
        raise ContentErrors(errors)
    return Corpus(root, monographs, facets, red_flags, interactions, reproductive)


def referrals(corpus: Corpus) -> dict[str, str]:
    """Each cause's front-matter ``referral`` phrase, by cause id."""
    return {m.id: str(m.meta["referral"]).strip() for m in corpus.monographs.values() if m.kind == "cause"}
