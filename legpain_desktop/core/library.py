"""Opening the content the app will show: the bundled database, a newer installed content pack
(issue 18), or one named with ``--db``."""

from __future__ import annotations

import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from legpain_desktop.core.db.errors import DatabaseCorrupt, DatabaseError
from legpain_desktop.core.db.repository import ContentRepository, check_fts5
from legpain_desktop.core.db.schema import SCHEMA_VERSION
from legpain_desktop.core.integrity import Manifest, read_manifest, verify_database
from legpain_desktop.core.paths import CONTENT, DEFAULT_DATABASE, is_source_checkout

if TYPE_CHECKING:
    from legpain_desktop.core.db.build import BuildReport


def is_stale(database: Path, content_root: Path) -> bool:
    """True when ``database`` is missing, was built from other sources than ``content_root``, or has
    another layout than this code reads (a checkout updated past a schema change)."""
    from legpain_desktop.core.content import content_version

    if not database.exists():
        return True
    try:
        manifest = read_manifest(database)
    except DatabaseCorrupt:
        return True
    if manifest.schema_version != SCHEMA_VERSION:
        return True
    return manifest.content_version != content_version(content_root)


def ensure_built(database: Path = DEFAULT_DATABASE, content_root: Path = CONTENT) -> BuildReport | None:
    """In a source checkout, build the database when it is missing or stale; else do nothing."""
    if is_stale(database, content_root):
        from legpain_desktop.core.db.build import build_database  # the builder is heavy: load it only to build

        return build_database(content_root, database)
    return None


def newer_installed_pack(bundled: Path) -> Path | None:
    """The installed content pack's database when it was built after ``bundled`` and has the layout
    this code reads; None otherwise (no pack, an older one, or one unreadable)."""
    from legpain_desktop.core.packs.store import installed_database

    installed = installed_database()
    if installed is None:
        return None
    try:
        pack = read_manifest(installed)
    except DatabaseCorrupt:
        return None
    if pack.schema_version != SCHEMA_VERSION:
        return None  # written for another version of the app
    try:
        own = read_manifest(bundled)
    except DatabaseCorrupt:
        return installed  # the bundled content is missing or damaged: the pack (still to be verified) is better
    try:
        return installed if datetime.fromisoformat(pack.built_at) > datetime.fromisoformat(own.built_at) else None
    except ValueError:
        return None


def open_content(database: Path | None = None) -> tuple[ContentRepository, Manifest]:
    """The verified content. An explicit ``database`` is never rebuilt or repaired. Without one, a
    content pack installed with ``update --from`` is used when it is newer than the bundled
    database; if it fails its check the bundled content is used instead and the reason is printed
    (a damaged pack must not stop the app opening)."""
    check_fts5()
    if database is None:
        database = DEFAULT_DATABASE
        if is_source_checkout():
            ensure_built(database, CONTENT)
        installed = newer_installed_pack(database)
        if installed is not None:
            try:
                return verify_database(installed)
            except DatabaseError as exc:
                sys.stderr.write(f"legpain-desktop: the installed content pack was not used: {exc}\n")
    return verify_database(database)


class ContentOpening:
    """:func:`open_content` run on a worker thread, so start-up can load the window's modules
    meanwhile (hashing the file and SQLite's check release the GIL). Nothing may be shown from
    the content before :meth:`result` has returned it verified."""

    def __init__(self, database: Path | None = None) -> None:
        self._outcome: tuple[ContentRepository, Manifest] | BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(database,), name="open-content", daemon=True)
        self._thread.start()

    def _run(self, database: Path | None) -> None:
        try:
            self._outcome = open_content(database)
        except BaseException as exc:  # handed over, and raised, by result()
            self._outcome = exc

    def result(self) -> tuple[ContentRepository, Manifest]:
        """The verified content, waiting for the check if need be; raises what opening raised."""
        self._thread.join()
        outcome = self._outcome
        if isinstance(outcome, BaseException):
            raise outcome
        if outcome is None:  # pragma: no cover - _run always sets an outcome
            raise RuntimeError("the content was not opened")
        return outcome
