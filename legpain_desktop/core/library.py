"""Opening the content the app will show: the bundled database, or one named with ``--db``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from legpain_desktop.core.db.errors import DatabaseCorrupt
from legpain_desktop.core.db.repository import ContentRepository, check_fts5
from legpain_desktop.core.integrity import Manifest, read_manifest, verify_database
from legpain_desktop.core.paths import CONTENT, DEFAULT_DATABASE, is_source_checkout

if TYPE_CHECKING:
    from legpain_desktop.core.db.build import BuildReport


def is_stale(database: Path, content_root: Path) -> bool:
    """True when ``database`` is missing or was built from other sources than ``content_root``."""
    from legpain_desktop.core.content import content_version

    if not database.exists():
        return True
    try:
        manifest = read_manifest(database)
    except DatabaseCorrupt:
        return True
    return manifest.content_version != content_version(content_root)


def ensure_built(database: Path = DEFAULT_DATABASE, content_root: Path = CONTENT) -> BuildReport | None:
    """In a source checkout, build the database when it is missing or stale; else do nothing."""
    if is_stale(database, content_root):
        from legpain_desktop.core.db.build import build_database  # the builder is heavy: load it only to build

        return build_database(content_root, database)
    return None


def open_content(database: Path | None = None) -> tuple[ContentRepository, Manifest]:
    """The verified content. An explicit ``database`` is never rebuilt or repaired."""
    check_fts5()
    if database is None:
        database = DEFAULT_DATABASE
        if is_source_checkout():
            ensure_built(database, CONTENT)
    return verify_database(database)
