"""Making signed content packs (issue 18), for the content team only.

The keys folder made by :func:`keygen` holds **private signing keys** (``root-1.pem`` ...
``root-3.pem`` and ``online.pem``, unencrypted PEM). Whoever has them can make content that every
installed copy of LegPain Desktop accepts as genuine. Publishers must keep the folder on an
encrypted, access-controlled disk with a backup, never in a repository, a shared drive or a pack.
The three root keys are only needed to rotate keys (:func:`rotate_root`): keep two of them offline.

Keys folder layout::

    root-1.pem root-2.pem root-3.pem   root keys (threshold 2 of 3)
    online.pem                         signs targets, snapshot and timestamp of every pack
    1.root.json ... N.root.json        every root version ever signed (clients walk the chain)
    root.json                          the newest root; give it to clients as their trusted root
    state.json                         {"last_pack_version": n}

A pack folder holds ``metadata/`` (every ``N.root.json``, ``root.json``, ``targets.json``,
``snapshot.json``, ``timestamp.json``) and ``targets/`` (``legpain.db``, its manifest and
``pack.json``). The pack number is also the version of the targets, snapshot and timestamp
metadata, so every pack built with a keys folder is newer, to TUF, than all earlier ones.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TypeVar

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata, MetaFile, Root, Snapshot, TargetFile, Targets, Timestamp
from tuf.api.serialization.json import JSONSerializer

from legpain_desktop.core.db.errors import DatabaseError
from legpain_desktop.core.integrity import verify_database
from legpain_desktop.core.packs.store import PACK_INFO, write_atomic
from legpain_desktop.core.paths import DATABASE_NAME, manifest_path

ROOT_KEYS = ("root-1.pem", "root-2.pem", "root-3.pem")
ONLINE_KEY = "online.pem"
ROOT_THRESHOLD = 2
ROOT_EXPIRES_DAYS = 3650  # rotate the root (rotate_root) before this runs out
STATE = "state.json"
DEFAULT_PUBLISHER = "LegPain content team"
ONLINE_ROLES = (Targets.type, Snapshot.type, Timestamp.type)
_Online = TypeVar("_Online", Targets, Snapshot, Timestamp)

KEYS_README = """\
PRIVATE SIGNING KEYS FOR LEGPAIN DESKTOP CONTENT PACKS - KEEP SECRET.

Anyone who has these .pem files can publish content that every LegPain Desktop accepts as genuine.
Keep this folder on an encrypted, access-controlled disk with an offline backup. Never commit it,
share it, e-mail it or put it in a pack. Keep at least two of the three root keys offline: they are
only needed to replace keys ('rotate_root'). Give clients root.json only (it holds public keys).
"""


class PublishError(Exception):
    """A keys folder or a pack that cannot be made; one line for the publisher."""


@dataclass(frozen=True)
class Keys:
    root: tuple[CryptoSigner, ...]
    online: CryptoSigner


def _serializer() -> JSONSerializer:
    return JSONSerializer(compact=False)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _write_key(path: Path, signer: CryptoSigner) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(signer.private_bytes)
        fh.flush()
        os.fsync(fh.fileno())


def _load_key(path: Path) -> CryptoSigner:
    try:
        return CryptoSigner(load_pem_private_key(path.read_bytes(), None))
    except FileNotFoundError:
        raise PublishError(f"signing key missing: {path}") from None
    except (OSError, ValueError, TypeError) as exc:
        raise PublishError(f"signing key {path} is unreadable or not an unencrypted PEM key: {exc}") from None


def load_keys(keys_dir: Path) -> Keys:
    return Keys(tuple(_load_key(keys_dir / name) for name in ROOT_KEYS), _load_key(keys_dir / ONLINE_KEY))


def _generate_keys(keys_dir: Path) -> Keys:
    keys = Keys(tuple(CryptoSigner.generate_ed25519() for _ in ROOT_KEYS), CryptoSigner.generate_ed25519())
    keys_dir.mkdir(parents=True, exist_ok=True)
    for name, signer in zip(ROOT_KEYS, keys.root, strict=True):
        _write_key(keys_dir / name, signer)
    _write_key(keys_dir / ONLINE_KEY, keys.online)
    write_atomic(keys_dir / "README-KEEP-SECRET.txt", KEYS_README.encode("utf-8"))
    return keys


def _new_root(keys: Keys, version: int) -> Root:
    root = Root(version=version, expires=_now() + timedelta(days=ROOT_EXPIRES_DAYS), consistent_snapshot=False)
    for signer in keys.root:
        root.add_key(signer.public_key, Root.type)
    root.roles[Root.type].threshold = ROOT_THRESHOLD
    for role in ONLINE_ROLES:
        root.add_key(keys.online.public_key, role)
    return root


def _write_root(keys_dir: Path, md: Metadata[Root]) -> None:
    data = md.to_bytes(_serializer())
    write_atomic(keys_dir / f"{md.signed.version}.root.json", data)
    write_atomic(keys_dir / "root.json", data)


def read_state(keys_dir: Path) -> int:
    try:
        return int(json.loads((keys_dir / STATE).read_text(encoding="utf-8"))["last_pack_version"])
    except FileNotFoundError:
        raise PublishError(f"{keys_dir} is not a keys folder (no {STATE}; make one with 'pack keygen')") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PublishError(f"{keys_dir / STATE} is unreadable or damaged: {exc}") from None


def _write_state(keys_dir: Path, last: int) -> None:
    write_atomic(keys_dir / STATE, (json.dumps({"last_pack_version": last}, indent=2) + "\n").encode("utf-8"))


def keygen(keys_dir: Path) -> Path:
    """Make a new keys folder (3 root keys, threshold 2; one online key) and root version 1.

    Returns the path of ``root.json``, the file clients install as their trusted root."""
    keys_dir = Path(keys_dir)
    if keys_dir.exists() and any(keys_dir.iterdir()):
        raise PublishError(f"{keys_dir} is not empty: keys are never overwritten")
    keys = _generate_keys(keys_dir)
    md = Metadata(_new_root(keys, 1))
    for signer in keys.root:
        md.sign(signer, append=True)
    _write_root(keys_dir, md)
    _write_state(keys_dir, 0)
    return keys_dir / "root.json"


def _load_root(keys_dir: Path) -> Metadata[Root]:
    try:
        return Metadata[Root].from_bytes((keys_dir / "root.json").read_bytes())
    except FileNotFoundError:
        raise PublishError(f"{keys_dir} has no root.json (make a keys folder with 'pack keygen')") from None


def rotate_root(keys_dir: Path, new_keys_dir: Path) -> Path:
    """Replace every key: root version N+1 names the keys in ``new_keys_dir`` (made there if it is
    empty), signed by the old root keys (at least their threshold) and by the new root keys.

    ``keys_dir`` then holds ``N+1.root.json`` and the new keys, so later packs are signed with them;
    clients that install such a pack move to the new root and refuse packs signed with the old keys.
    The old private keys are overwritten in ``keys_dir``: keep ``new_keys_dir`` as safe as it."""
    keys_dir, new_keys_dir = Path(keys_dir), Path(new_keys_dir)
    old_keys = load_keys(keys_dir)
    old_root = _load_root(keys_dir)
    if new_keys_dir.exists() and (new_keys_dir / ONLINE_KEY).is_file():
        new_keys = load_keys(new_keys_dir)
    elif new_keys_dir.exists() and any(new_keys_dir.iterdir()):
        raise PublishError(f"{new_keys_dir} is neither empty nor a keys folder")
    else:
        new_keys = _generate_keys(new_keys_dir)
    md = Metadata(_new_root(new_keys, old_root.signed.version + 1))
    for signer in (*old_keys.root, *new_keys.root):
        md.sign(signer, append=True)
    old_root.signed.verify_delegate(Root.type, md.signed_bytes, md.signatures)  # the old threshold signed
    md.signed.verify_delegate(Root.type, md.signed_bytes, md.signatures)
    for name in (*ROOT_KEYS, ONLINE_KEY):
        _write_key(keys_dir / name, _load_key(new_keys_dir / name))
    _write_root(keys_dir, md)
    return keys_dir / "root.json"


def _sign_online(signed: _Online, keys: Keys) -> bytes:
    md = Metadata(signed)
    md.sign(keys.online)
    return md.to_bytes(_serializer())


def build_pack(
    database: Path,
    keys_dir: Path,
    out_dir: Path,
    expires_days: int = 365,
    review_days: int = 365,
    signed_by: str = DEFAULT_PUBLISHER,
) -> int:
    """Sign ``database`` (verified against its manifest first) into a new pack folder ``out_dir``.

    Returns the pack number. The folder appears whole or not at all (built beside it, then renamed),
    and the keys folder's pack counter moves on only once the pack exists."""
    database, keys_dir, out_dir = Path(database), Path(keys_dir), Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise PublishError(f"{out_dir} already exists and is not empty")
    try:
        repo, manifest = verify_database(database)
    except DatabaseError as exc:
        raise PublishError(f"will not sign this database: {exc}") from None
    repo.close()
    keys = load_keys(keys_dir)
    root = _load_root(keys_dir)
    if root.signed.get_key(keys.online.public_key.keyid) is None:  # pragma: no cover - a mixed-up folder
        raise PublishError(f"{keys_dir / ONLINE_KEY} is not the online key named by root.json")
    version = read_state(keys_dir) + 1
    built = _now()
    expires = built + timedelta(days=expires_days)
    info = {
        "pack_version": version,
        "content_version": manifest.content_version,
        "built_at": built.isoformat(),
        "review_by": (built + timedelta(days=review_days)).date().isoformat(),
        "signed_by": signed_by,
    }

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.building-"))
    try:
        meta, targets_dir = work / "metadata", work / "targets"
        meta.mkdir()
        targets_dir.mkdir()
        shutil.copyfile(database, targets_dir / DATABASE_NAME)
        shutil.copyfile(manifest_path(database), targets_dir / manifest_path(Path(DATABASE_NAME)).name)
        (targets_dir / PACK_INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")

        targets = Targets(version=version, expires=expires)
        for path in sorted(targets_dir.iterdir()):
            targets.targets[path.name] = TargetFile.from_file(path.name, str(path), ["sha256"])
        snapshot = Snapshot(version=version, expires=expires)
        snapshot.meta[f"{Targets.type}.json"] = MetaFile(version=version)
        timestamp = Timestamp(version=version, expires=expires, snapshot_meta=MetaFile(version=version))
        for root_file in sorted(keys_dir.glob("*.root.json")):
            shutil.copyfile(root_file, meta / root_file.name)
        shutil.copyfile(keys_dir / "root.json", meta / "root.json")
        (meta / f"{Targets.type}.json").write_bytes(_sign_online(targets, keys))
        (meta / f"{Snapshot.type}.json").write_bytes(_sign_online(snapshot, keys))
        (meta / f"{Timestamp.type}.json").write_bytes(_sign_online(timestamp, keys))
        for path in (*meta.iterdir(), *targets_dir.iterdir()):
            with path.open("r+b") as fh:
                os.fsync(fh.fileno())
        if out_dir.exists():
            out_dir.rmdir()
        os.replace(work, out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _write_state(keys_dir, version)
    return version
