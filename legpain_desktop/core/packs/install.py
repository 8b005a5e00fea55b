"""Installing a signed content pack from a folder (issue 18), never over the network.

TUF (python-tuf's ``Updater``) checks the pack against the root of trust this computer already
holds: signatures and thresholds, root rotations, versions (no going back to older metadata),
expiry, and the length and hash of every file. The database is then checked again with the app's
own integrity check, and only then copied into the content store. Anything wrong refuses the whole
pack with :class:`PackRefused` and leaves the store exactly as it was: TUF runs on a copy of the
trusted metadata, which replaces the real one only when the pack is installed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from tuf.api import exceptions as tuf_errors
from tuf.ngclient import FetcherInterface, Updater

from legpain_desktop.core.db.errors import DatabaseError
from legpain_desktop.core.integrity import verify_database
from legpain_desktop.core.packs.store import (
    PACK_INFO,
    TRUSTED,
    VERSIONS,
    content_store,
    fsync_dir,
    read_current,
    version_dir,
    write_current,
)
from legpain_desktop.core.paths import DATABASE_NAME, RESOURCES, manifest_path

TARGET_NAMES = (DATABASE_NAME, manifest_path(Path(DATABASE_NAME)).name, PACK_INFO)
# The content team's root.json, shipped with the app once made (pack keygen on an offline machine;
# the public root only, never the keys): the trust a first update starts from.
SHIPPED_ROOT = RESOURCES / "trusted-root.json"
_CHUNK = 1 << 20


class PackRefused(Exception):
    """The pack was not installed; ``str(error)`` is one sentence naming the reason."""


@dataclass(frozen=True)
class InstallResult:
    pack_version: int
    content_version: str
    built_at: str
    review_by: date
    signed_by: str
    path: Path  # the installed database


class LocalFetcher(FetcherInterface):
    """TUF's downloads served from ``file://`` URLs inside one folder: no network at all."""

    def __init__(self, root: Path) -> None:
        self._root = Path(root).resolve()

    def _fetch(self, url: str) -> Iterator[bytes]:
        parsed = urlparse(url)
        raw = parsed.path
        if parsed.netloc not in ("", "localhost"):
            raw = f"//{parsed.netloc}{parsed.path}"  # a Windows share: file://server/share/...
        if parsed.scheme != "file" or (raw.startswith("//") and sys.platform != "win32"):
            raise tuf_errors.DownloadError(f"only files in a folder are read, not {url}")
        path = Path(url2pathname(raw)).resolve()
        if not path.is_relative_to(self._root):
            raise tuf_errors.DownloadError(f"{path} is outside the pack folder {self._root}")
        try:
            fh = path.open("rb")
        except (FileNotFoundError, IsADirectoryError):
            # what a web server says: the updater stops looking for newer roots at a 404
            raise tuf_errors.DownloadHTTPError(f"{path.name} not found in the pack", 404) from None
        return _chunks(fh)


def _chunks(fh: IO[bytes]) -> Iterator[bytes]:
    with fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def _refusal(exc: Exception) -> PackRefused:
    """One sentence naming why TUF rejected the pack."""
    from tuf.api.serialization import DeserializationError

    if isinstance(exc, tuf_errors.UnsignedMetadataError):
        reason = (
            "bad signature: the pack is not signed by the keys this computer trusts "
            "(it was signed with other or retired keys, or its metadata was edited)"
        )
    elif isinstance(exc, tuf_errors.BadVersionNumberError):
        reason = "older version: the pack's signed metadata is older than what this computer has already installed"
    elif isinstance(exc, tuf_errors.ExpiredMetadataError):
        reason = "expired metadata: the pack's signatures have expired; ask the publisher for a freshly signed pack"
    elif isinstance(exc, (tuf_errors.LengthOrHashMismatchError, tuf_errors.DownloadLengthMismatchError)):
        reason = "tampered or truncated file: a file in the pack does not match its signed length and hash"
    elif isinstance(exc, DeserializationError):
        reason = "tampered or truncated file: the pack's metadata is damaged and cannot be read"
    elif isinstance(exc, tuf_errors.DownloadError):
        reason = f"missing file: the pack is incomplete or unreadable ({exc})"
    else:
        reason = f"the pack failed verification: {exc}"
    return PackRefused(reason)


def _fetch_verified(pack_dir: Path, trusted: Path, download: Path, bootstrap: bytes | None) -> None:
    """TUF's refresh and the three targets, downloaded into ``download``, or PackRefused."""
    try:
        updater = Updater(
            metadata_dir=str(trusted),
            metadata_base_url=(pack_dir / "metadata").as_uri() + "/",
            target_dir=str(download),
            target_base_url=(pack_dir / "targets").as_uri() + "/",
            fetcher=LocalFetcher(pack_dir),
            bootstrap=bootstrap,
        )
    except (OSError, tuf_errors.RepositoryError, ValueError) as exc:
        raise PackRefused(f"no trusted root: the trusted root.json is not valid TUF root metadata ({exc})") from exc
    try:
        updater.refresh()
        for name in TARGET_NAMES:
            info = updater.get_targetinfo(name)
            if info is None:
                raise PackRefused(f"missing file: the pack's signed file list has no {name}")
            try:
                updater.download_target(info, str(download / name))
            except (tuf_errors.LengthOrHashMismatchError, tuf_errors.DownloadLengthMismatchError) as exc:
                raise PackRefused(
                    f"tampered or truncated file: {name} does not match the length and hash the pack signed"
                ) from exc
    except PackRefused:
        raise
    except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as exc:
        raise _refusal(exc) from exc
    except OSError as exc:
        raise PackRefused(f"missing file: the pack could not be read ({exc})") from exc


def _read_info(path: Path) -> dict[str, Any]:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        version = info["pack_version"]
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError(f"pack_version {version!r}")
        date.fromisoformat(str(info["review_by"]))
        for key in ("content_version", "built_at", "signed_by"):
            str(info[key])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PackRefused(f"the pack's {PACK_INFO} is unreadable or incomplete ({exc})") from exc
    return dict(info)


def _result(info: dict[str, Any], database: Path) -> InstallResult:
    return InstallResult(
        pack_version=int(info["pack_version"]),
        content_version=str(info["content_version"]),
        built_at=str(info["built_at"]),
        review_by=date.fromisoformat(str(info["review_by"])),
        signed_by=str(info["signed_by"]),
        path=database,
    )


def _check_database(database: Path, content_version: str) -> None:
    """The app's own check: the database matches its manifest and passes SQLite's check."""
    try:
        repo, manifest = verify_database(database)
    except DatabaseError as exc:
        raise PackRefused(f"the pack's database failed the app's integrity check: {exc}") from exc
    repo.close()
    if manifest.content_version != content_version:
        raise PackRefused(
            f"the pack says content version {content_version} but its database holds {manifest.content_version}"
        )


def _copy_file(source: Path, dest: Path) -> None:
    with source.open("rb") as src, dest.open("wb") as dst:
        shutil.copyfileobj(src, dst, _CHUNK)
        dst.flush()
        os.fsync(dst.fileno())


def _install_version(store: Path, download: Path, version: int) -> Path:
    """Copy the checked files to ``versions/<n>.partial``, then rename it to ``versions/<n>``."""
    versions = store / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    final = version_dir(store, version)
    partial = final.with_name(f"{version}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        for name in TARGET_NAMES:
            _copy_file(download / name, partial / name)
        fsync_dir(partial)
        if final.exists():  # installed once and rolled back from; never the current version here
            shutil.rmtree(final)
        os.replace(partial, final)
        fsync_dir(versions)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def _prune(store: Path, keep: set[int | None]) -> None:
    """Remove installed versions other than ``keep`` and unfinished ``.partial`` folders."""
    for child in (store / VERSIONS).iterdir():
        if child.name.endswith(".partial") or (child.name.isdigit() and int(child.name) not in keep):
            shutil.rmtree(child, ignore_errors=True)


def _clean_leftovers(store: Path) -> None:
    """Remove what an interrupted update left. A crash between the two renames of ``_commit``
    leaves the old trusted metadata under its retired name: it is put back, never deleted."""
    retired = sorted(store.glob(".update-trusted-old-*"))
    if retired and not (store / TRUSTED).exists():
        os.replace(retired[0], store / TRUSTED)
    for child in store.glob(".update-*"):
        shutil.rmtree(child, ignore_errors=True)
    for child in (store / VERSIONS).glob("*.partial") if (store / VERSIONS).is_dir() else ():
        shutil.rmtree(child, ignore_errors=True)


def update_from(pack_dir: Path, trusted_root: Path | None = None, store: Path | None = None) -> InstallResult:
    """Verify the pack in ``pack_dir`` and make it the current content, or raise PackRefused.

    ``trusted_root`` (the publisher's ``root.json``) is used only on first use, when the store
    trusts no root yet; afterwards the store's trusted metadata decides, and TUF follows the
    publisher's key rotations from there."""
    pack_dir = Path(pack_dir).resolve()
    store = content_store() if store is None else Path(store)
    if not (pack_dir / "metadata").is_dir() or not (pack_dir / "targets").is_dir():
        raise PackRefused(f"missing file: {pack_dir} is not a content pack (it needs metadata/ and targets/)")
    if store.is_dir():
        _clean_leftovers(store)
    trusted = store / TRUSTED
    bootstrap: bytes | None = None
    if not (trusted / "root.json").is_file():
        if trusted_root is None and SHIPPED_ROOT.is_file():
            trusted_root = SHIPPED_ROOT  # the publisher's root the app was built with
        if trusted_root is None:
            raise PackRefused(
                "no trusted root: this computer trusts no publisher yet; give the publisher's root.json "
                "with --trusted-root"
            )
        try:
            bootstrap = Path(trusted_root).read_bytes()
        except OSError as exc:
            raise PackRefused(f"no trusted root: {trusted_root} cannot be read ({exc.strerror})") from exc

    store.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=store, prefix=".update-"))
    try:
        work_trusted, download = work / TRUSTED, work / "download"
        if bootstrap is None:
            shutil.copytree(trusted, work_trusted, symlinks=True)
        else:
            work_trusted.mkdir()
        download.mkdir()
        _fetch_verified(pack_dir, work_trusted, download, bootstrap)
        info = _read_info(download / PACK_INFO)
        _check_database(download / DATABASE_NAME, str(info["content_version"]))
        version = int(info["pack_version"])
        before = read_current(store)
        if before.current is not None and version <= before.current:
            raise PackRefused(
                f"older or same content: pack {version} is not newer than the installed pack {before.current}"
            )
        try:
            final = _install_version(store, download, version)
            _commit(store, work_trusted, version, before.current)
        except OSError as exc:
            raise PackRefused(f"install interrupted: the content in use is unchanged ({exc})") from exc
        with contextlib.suppress(OSError):
            _prune(store, {version, before.current})
        return _result(info, final / DATABASE_NAME)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _commit(store: Path, work_trusted: Path, version: int, previous: int | None) -> None:
    """Swap in the new trusted metadata and the new ``current.json``; put the old trust back if the
    switch fails."""
    trusted = store / TRUSTED
    retired = store / f".update-trusted-old-{os.getpid()}"
    had_trust = trusted.exists()
    if had_trust:
        os.replace(trusted, retired)
    try:
        os.replace(work_trusted, trusted)
        write_current(store, version, previous)
    except BaseException:
        shutil.rmtree(trusted, ignore_errors=True)
        if had_trust:
            os.replace(retired, trusted)
        raise
    fsync_dir(store)
    shutil.rmtree(retired, ignore_errors=True)


def rollback(store: Path | None = None) -> InstallResult:
    """Make the previous pack current again (after checking it), or raise PackRefused."""
    store = content_store() if store is None else Path(store)
    state = read_current(store)
    previous = state.previous
    if state.current is None or previous is None or not version_dir(store, previous).is_dir():
        raise PackRefused("no previous content pack to go back to")
    folder = version_dir(store, previous)
    info = _read_info(folder / PACK_INFO)
    _check_database(folder / DATABASE_NAME, str(info["content_version"]))
    write_current(store, previous, None)
    return _result(info, folder / DATABASE_NAME)
