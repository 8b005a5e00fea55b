"""Where installed content packs live (issue 18), with no TUF and no Qt.

Layout of the content store::

    trusted/              TUF's trusted metadata (root.json, root_history/, timestamp.json, ...)
    versions/<n>/         one installed pack: legpain.db, its manifest, pack.json
    current.json          {"current": n, "previous": m or null}

``current.json`` is only ever replaced whole (temporary file, fsync, ``os.replace``), so a crash
leaves either the old or the new choice, never half of one. A ``versions/<n>.partial`` folder is an
install that did not finish: it is never used, and the next install removes it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from legpain_desktop.core.paths import DATABASE_NAME, manifest_path
from legpain_desktop.core.paths import PACK_INFO as PACK_INFO  # re-exported: one definition

TRUSTED = "trusted"
VERSIONS = "versions"
CURRENT = "current.json"


def content_store() -> Path:
    """``LEGPAIN_CONTENT_DIR``, else ``content`` in the user-data folder when that is set
    (``LEGPAIN_USER_DATA`` or a portable install), else the platform's data folder."""
    from legpain_desktop.core.policy import user_data_dir

    override = os.environ.get("LEGPAIN_CONTENT_DIR")
    if override:
        return Path(override)
    user_data = user_data_dir()
    if user_data is not None:
        return user_data / "content"
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / "LegPain" / "content"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "LegPain" / "content"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else home / ".local" / "share") / "legpain-desktop" / "content"


@dataclass(frozen=True)
class Current:
    """The installed pack in use, and the one before it (for ``update --rollback``)."""

    current: int | None
    previous: int | None


def version_dir(store: Path, version: int) -> Path:
    return store / VERSIONS / str(version)


def read_current(store: Path | None = None) -> Current:
    """What ``current.json`` says; no pack installed when it is missing or unreadable."""
    store = content_store() if store is None else store
    try:
        data = json.loads((store / CURRENT).read_text(encoding="utf-8"))
        current = data.get("current")
        previous = data.get("previous")
    except (OSError, ValueError, AttributeError):
        return Current(None, None)
    return Current(
        current if isinstance(current, int) and not isinstance(current, bool) else None,
        previous if isinstance(previous, int) and not isinstance(previous, bool) else None,
    )


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: temporary file, fsync, ``os.replace``."""
    import tempfile  # not at start-up: the app reads the store before its window shows

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def write_current(store: Path, current: int, previous: int | None) -> None:
    text = json.dumps({"current": current, "previous": previous}, indent=2) + "\n"
    write_atomic(store / CURRENT, text.encode("utf-8"))


def installed_database(store: Path | None = None) -> Path | None:
    """The current pack's database, or None when no pack is installed (or its files are gone).

    The caller must still verify it against its manifest before showing anything from it."""
    store = content_store() if store is None else store
    current = read_current(store).current
    if current is None:
        return None
    database = version_dir(store, current) / DATABASE_NAME
    if database.is_file() and manifest_path(database).is_file():
        return database
    return None


@dataclass(frozen=True)
class PackInfo:
    """What ``pack.json`` says of an installed pack: shown in the About box and the status bar."""

    pack_version: int
    content_version: str
    built_at: str
    review_by: date
    signed_by: str


def read_pack_info(database: Path) -> PackInfo | None:
    """The pack a database was installed from (its ``pack.json`` beside it), or None for the bundled
    database, a ``--db`` file or an unreadable ``pack.json``."""
    try:
        data = json.loads((database.parent / PACK_INFO).read_text(encoding="utf-8"))
        version = data["pack_version"]
        if not isinstance(version, int) or isinstance(version, bool):
            return None
        return PackInfo(
            version,
            str(data["content_version"]),
            str(data["built_at"]),
            date.fromisoformat(str(data["review_by"])),
            str(data["signed_by"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def pack_metadata(database: Path) -> dict[str, str]:
    """The About box's lines for an installed pack (empty for the bundled content)."""
    info = read_pack_info(database)
    if info is None:
        return {}
    return {
        "pack_version": str(info.pack_version),
        "signed_by": info.signed_by,
        "review_by": info.review_by.isoformat(),
    }
