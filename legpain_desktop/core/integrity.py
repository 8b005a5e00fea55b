"""Checking that a content database is exactly what the build produced.

A clinician must never see wrong content: a missing, empty, truncated, corrupted or edited
database is refused with a one-line reason, never repaired silently.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple

from legpain_desktop.core.db.errors import DatabaseCorrupt, DatabaseMissing
from legpain_desktop.core.db.repository import ContentRepository
from legpain_desktop.core.paths import manifest_path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Manifest(NamedTuple):
    content_version: str
    sha256: str
    built_at: str
    schema_version: int


def read_manifest(database: Path) -> Manifest:
    path = manifest_path(database)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(
            content_version=str(data["content_version"]),
            sha256=str(data["sha256"]),
            built_at=str(data["built_at"]),
            schema_version=int(data["schema_version"]),
        )
    except FileNotFoundError as exc:
        raise DatabaseCorrupt(f"integrity manifest missing for {database} (expected {path.name})") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DatabaseCorrupt(f"integrity manifest {path} is unreadable or damaged") from exc


def verify_database(database: Path) -> tuple[ContentRepository, Manifest]:
    """Open ``database`` only if it matches its manifest and passes ``PRAGMA quick_check``."""
    if not database.is_file():
        raise DatabaseMissing(f"content database not found: {database}")
    if database.stat().st_size == 0:
        raise DatabaseCorrupt(f"content database is empty (0 bytes): {database}")
    manifest = read_manifest(database)
    if file_sha256(database) != manifest.sha256:
        raise DatabaseCorrupt(
            f"content database {database} does not match its manifest: it was edited, truncated or damaged"
        )
    repo = ContentRepository(database)
    try:
        result = repo.quick_check()
        if result != "ok":
            raise DatabaseCorrupt(f"content database {database} failed its integrity check: {result}")
        stored = repo.metadata().get("content_version")
        if stored != manifest.content_version:
            raise DatabaseCorrupt(
                f"content database {database} has content {stored}, manifest says {manifest.content_version}"
            )
    except Exception:
        repo.close()
        raise
    return repo, manifest
