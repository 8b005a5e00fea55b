"""Signed offline content packs (issue 18): publish with TUF, install from a folder, refuse
anything not signed by the trusted keys, and never leave the content store half changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from legpain_desktop.cli import main
from legpain_desktop.core.integrity import read_manifest, verify_database
from legpain_desktop.core.packs import install, publish
from legpain_desktop.core.packs.install import InstallResult, PackRefused
from legpain_desktop.core.packs.store import content_store, installed_database, read_current
from legpain_desktop.core.paths import manifest_path


@dataclass
class Env:
    tmp: Path
    db: Path
    keys: Path
    store: Path

    def pack(self, name: str, keys: Path | None = None, **kwargs: Any) -> Path:
        out = self.tmp / "packs on a stick" / name  # a space: file URLs are quoted
        publish.build_pack(self.db, keys or self.keys, out, **kwargs)
        return out

    def install(self, pack: Path) -> InstallResult:
        return install.update_from(pack, trusted_root=self.keys / "root.json")


@pytest.fixture()
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_db: Path) -> Env:
    db = tmp_path / "db" / "legpain.db"
    db.parent.mkdir()
    shutil.copyfile(fixture_db, db)
    shutil.copyfile(manifest_path(fixture_db), manifest_path(db))
    monkeypatch.setenv("LEGPAIN_CONTENT_DIR", str(tmp_path / "store"))
    publish.keygen(tmp_path / "keys")
    return Env(tmp_path, db, tmp_path / "keys", tmp_path / "store")


def store_digest(store: Path) -> dict[str, str]:
    """Every file (and symlink) in the store with a hash of its bytes: equal means unchanged."""
    out = {}
    for path in sorted(store.rglob("*")):
        rel = path.relative_to(store).as_posix()
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


def assert_current(env: Env, version: int) -> None:
    assert read_current(env.store).current == version
    database = installed_database()
    assert database == env.store / "versions" / str(version) / "legpain.db"
    repo, manifest = verify_database(database)  # still exactly what the pack carried
    repo.close()
    assert manifest.content_version == read_manifest(env.db).content_version


def refused(env: Env, pack: Path, match: str) -> None:
    before = store_digest(env.store)
    with pytest.raises(PackRefused, match=match):
        env.install(pack)
    assert store_digest(env.store) == before


def test_a_pack_installs_and_becomes_the_current_content(env: Env) -> None:
    assert installed_database() is None
    result = env.install(env.pack("one", signed_by="Dr Test"))
    assert result.pack_version == 1
    assert result.content_version == read_manifest(env.db).content_version
    assert result.signed_by == "Dr Test"
    assert result.path == installed_database()
    assert (env.store / "trusted" / "root.json").is_file()
    assert json.loads((env.store / "current.json").read_text()) == {"current": 1, "previous": None}
    assert_current(env, 1)


def test_a_later_build_installs_as_newer(env: Env) -> None:
    env.install(env.pack("one"))
    result = install.update_from(env.pack("two"))  # the store's trusted root from now on
    assert result.pack_version == 2
    assert read_current(env.store).previous == 1
    assert_current(env, 2)


def test_rollback_goes_back_once(env: Env) -> None:
    env.install(env.pack("one"))
    env.install(env.pack("two"))
    assert install.rollback().pack_version == 1
    assert_current(env, 1)
    with pytest.raises(PackRefused, match="no previous content pack"):
        install.rollback()
    assert_current(env, 1)
    assert install.update_from(env.tmp / "packs on a stick" / "two").pack_version == 2  # forward again
    assert_current(env, 2)


def test_a_third_install_keeps_only_current_and_previous(env: Env) -> None:
    for name in ("one", "two", "three"):
        env.install(env.pack(name))
    assert sorted(p.name for p in (env.store / "versions").iterdir()) == ["2", "3"]
    assert_current(env, 3)


def test_an_older_pack_or_the_same_pack_again_is_refused(env: Env) -> None:
    one, two = env.pack("one"), env.pack("two")
    env.install(one)
    env.install(two)
    refused(env, one, "^older version")
    refused(env, two, "^older or same content")
    assert_current(env, 2)


def test_a_pack_signed_by_other_keys_is_refused(env: Env) -> None:
    env.install(env.pack("one"))
    publish.keygen(env.tmp / "other-keys")
    refused(env, env.pack("stranger", keys=env.tmp / "other-keys"), "^bad signature")
    assert_current(env, 1)


def test_a_first_install_needs_a_trusted_root(env: Env) -> None:
    pack = env.pack("one")
    with pytest.raises(PackRefused, match=r"^no trusted root"):
        install.update_from(pack)
    assert installed_database() is None


def test_a_tampered_database_byte_is_refused(env: Env) -> None:
    env.install(env.pack("one"))
    two = env.pack("two")
    db = two / "targets" / "legpain.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0x01
    db.write_bytes(bytes(data))
    refused(env, two, "^tampered or truncated file: legpain.db")
    assert_current(env, 1)


def test_a_truncated_database_is_refused(env: Env) -> None:
    env.install(env.pack("one"))
    two = env.pack("two")
    db = two / "targets" / "legpain.db"
    db.write_bytes(db.read_bytes()[:-4096])
    refused(env, two, "^tampered or truncated file")
    assert_current(env, 1)


def test_edited_targets_metadata_fails_its_signature(env: Env) -> None:
    env.install(env.pack("one"))
    two = env.pack("two")
    path = two / "metadata" / "targets.json"
    md = json.loads(path.read_text())
    md["signed"]["targets"]["pack.json"]["length"] += 1
    path.write_text(json.dumps(md))
    refused(env, two, "^bad signature")
    assert_current(env, 1)


def test_expired_metadata_is_refused(env: Env) -> None:
    env.install(env.pack("one"))
    refused(env, env.pack("two", expires_days=0), "^expired metadata")
    assert_current(env, 1)


def test_a_missing_target_is_refused(env: Env) -> None:
    env.install(env.pack("one"))
    two = env.pack("two")
    (two / "targets" / "pack.json").unlink()
    refused(env, two, "^missing file")
    assert_current(env, 1)


def test_after_a_root_rotation_new_keys_install_and_retired_keys_are_refused(env: Env) -> None:
    env.install(env.pack("one"))
    retired = env.tmp / "retired-keys"
    shutil.copytree(env.keys, retired)
    publish.rotate_root(env.keys, env.tmp / "new-keys")
    assert (env.keys / "2.root.json").is_file()
    assert (env.keys / "online.pem").read_bytes() == (env.tmp / "new-keys" / "online.pem").read_bytes()

    assert env.install(env.pack("two")).pack_version == 2
    assert (env.store / "trusted" / "root_history" / "2.root.json").is_file()
    assert_current(env, 2)
    publish.build_pack(env.db, retired, env.tmp / "packs on a stick" / "old-a")  # pack 2 by the retired keys
    publish.build_pack(env.db, retired, env.tmp / "packs on a stick" / "old-b")  # pack 3: newer, still retired
    refused(env, env.tmp / "packs on a stick" / "old-b", "^bad signature")
    assert_current(env, 2)


def test_an_interrupted_install_leaves_the_old_content_current(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    env.install(env.pack("one"))
    two = env.pack("two")
    real_copy = install._copy_file
    calls: list[Path] = []

    def copy_then_fail(source: Path, dest: Path) -> None:
        calls.append(source)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_copy(source, dest)

    monkeypatch.setattr(install, "_copy_file", copy_then_fail)
    refused(env, two, "^install interrupted")
    assert not (env.store / "versions" / "2.partial").exists()
    assert_current(env, 1)

    monkeypatch.setattr(install, "_copy_file", real_copy)
    assert env.install(two).pack_version == 2
    assert_current(env, 2)


def test_a_leftover_partial_folder_is_ignored_then_cleaned(env: Env) -> None:
    env.install(env.pack("one"))
    partial = env.store / "versions" / "2.partial"
    partial.mkdir()
    (partial / "legpain.db").write_bytes(b"half a database")
    assert_current(env, 1)
    env.install(env.pack("two"))
    assert not partial.exists()
    assert_current(env, 2)


def test_installing_uses_no_network(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a content pack install touched the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert env.install(env.pack("one")).pack_version == 1
    assert_current(env, 1)


def test_keygen_refuses_to_overwrite_keys(env: Env) -> None:
    with pytest.raises(publish.PublishError, match="not empty"):
        publish.keygen(env.keys)


def test_the_content_store_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGPAIN_CONTENT_DIR", str(tmp_path / "c"))
    assert content_store() == tmp_path / "c"
    monkeypatch.delenv("LEGPAIN_CONTENT_DIR")
    monkeypatch.setenv("LEGPAIN_USER_DATA", str(tmp_path / "u"))
    assert content_store() == tmp_path / "u" / "content"
    monkeypatch.delenv("LEGPAIN_USER_DATA")
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "x"))
        assert content_store() == tmp_path / "x" / "legpain-desktop" / "content"


# --------------------------------------------------------------------------- command line


def test_cli_keygen_build_update_and_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LEGPAIN_CONTENT_DIR", str(tmp_path / "store"))
    keys, pack = tmp_path / "keys", tmp_path / "pack"
    assert main(["pack", "keygen", str(keys)]) == 0
    assert main(["--db", str(fixture_db), "pack", "build", "--keys", str(keys), "--out", str(pack)]) == 0
    capsys.readouterr()

    assert main(["update", "--from", str(pack), "--trusted-root", str(keys / "root.json")]) == 0
    version = read_manifest(fixture_db).content_version
    out = capsys.readouterr().out
    assert out == f"installed content pack 1 (content version {version}, signed by LegPain content team)\n"

    assert main(["update", "--from", str(pack)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("update refused: older or same content") and err.count("\n") == 1

    assert main(["update", "--rollback"]) == 3
    assert capsys.readouterr().err == "rollback refused: no previous content pack to go back to\n"
    assert read_current().current == 1


def test_cli_refuses_a_pack_without_a_trusted_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LEGPAIN_CONTENT_DIR", str(tmp_path / "store"))
    publish.keygen(tmp_path / "keys")
    publish.build_pack(fixture_db, tmp_path / "keys", tmp_path / "pack")
    assert main(["update", "--from", str(tmp_path / "pack")]) == 3
    assert capsys.readouterr().err.startswith("update refused: no trusted root")
    assert installed_database() is None


def test_cli_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["update"]) == 2
    assert main(["pack", "build", "--keys", "k"]) == 2
    assert main(["pack", "build", "--keys", "k", "--out", "o", "--expires-days", "0"]) == 2


def test_starting_the_cli_does_not_import_tuf() -> None:
    code = (
        "import sys\n"
        "from legpain_desktop.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('tuf', 'securesystemslib', 'cryptography')))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert run.stdout.strip() == "[]"


def test_a_signed_database_that_fails_the_apps_own_check_is_refused(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    env.install(env.pack("one"))
    data = bytearray(env.db.read_bytes())
    data[len(data) // 2] ^= 0x01  # the manifest no longer matches, but the publisher signs it anyway
    env.db.write_bytes(bytes(data))

    class NoRepo:
        def close(self) -> None:
            pass

    monkeypatch.setattr(publish, "verify_database", lambda db: (NoRepo(), read_manifest(db)))
    refused(env, env.pack("two"), "^the pack's database failed the app's integrity check")
    assert_current(env, 1)


KILLED_CHILD = r"""
import os, sys, time
from pathlib import Path
from legpain_desktop.core.packs import install
real = install._copy_file
def copy_slowly(source, dest):
    real(source, dest)
    Path(sys.argv[2]).write_text("copied one file")  # the parent kills us now, mid-copy
    time.sleep(60)
install._copy_file = copy_slowly
install.update_from(Path(sys.argv[1]))
"""


def test_an_install_killed_mid_copy_leaves_the_old_content_working(env: Env) -> None:
    """The process is really killed (SIGKILL) between two file copies; the old pack stays current
    and verifying, and the next update cleans up and installs."""
    env.install(env.pack("one"))
    two = env.pack("two")
    marker = env.tmp / "marker"
    child = subprocess.Popen([sys.executable, "-c", KILLED_CHILD, str(two), str(marker)], env=os.environ.copy())
    try:
        for _ in range(600):
            if marker.exists() or child.poll() is not None:
                break
            import time

            time.sleep(0.05)
        assert marker.exists(), "the child never reached the copy"
    finally:
        child.kill()
        child.wait()
    assert (env.store / "versions" / "2.partial").is_dir()  # it was killed half way
    assert_current(env, 1)
    assert env.install(two).pack_version == 2
    assert not (env.store / "versions" / "2.partial").exists()
    assert_current(env, 2)


def test_a_crash_between_the_trust_renames_keeps_the_trusted_root(env: Env) -> None:
    """Killed after the old trusted metadata was moved aside and before the new one was moved in:
    the next update puts the old trust back instead of deleting it."""
    env.install(env.pack("one"))
    os.replace(env.store / "trusted", env.store / ".update-trusted-old-12345")
    assert install.update_from(env.pack("two")).pack_version == 2  # no --trusted-root needed
    assert (env.store / "trusted" / "root.json").is_file()
    assert not list(env.store.glob(".update-*"))


def bundled_built_at(env: Env, monkeypatch: pytest.MonkeyPatch, built_at: str) -> Path:
    """A bundled database (a copy of the pack's) whose manifest says it was built at ``built_at``."""
    from legpain_desktop.core import library

    bundled = env.tmp / "bundle" / "legpain.db"
    bundled.parent.mkdir()
    shutil.copyfile(env.db, bundled)
    data = json.loads(manifest_path(env.db).read_text())
    manifest_path(bundled).write_text(json.dumps({**data, "built_at": built_at}))
    monkeypatch.setattr(library, "DEFAULT_DATABASE", bundled)
    monkeypatch.setattr(library, "is_source_checkout", lambda: False)
    return bundled


def test_the_app_opens_an_installed_pack_newer_than_its_bundled_content(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legpain_desktop.core.library import open_content

    bundled_built_at(env, monkeypatch, "2000-01-01T00:00:00+00:00")
    assert open_content()[0].path != installed_database()  # nothing installed yet: the bundle
    env.install(env.pack("one"))
    repo, _ = open_content()
    assert repo.path == installed_database()
    repo.close()


def test_the_app_keeps_its_bundled_content_when_that_is_newer_than_the_pack(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legpain_desktop.core.library import open_content

    bundled = bundled_built_at(env, monkeypatch, "2999-01-01T00:00:00+00:00")
    env.install(env.pack("one"))
    repo, _ = open_content()
    assert repo.path == bundled
    repo.close()


def test_a_damaged_installed_pack_falls_back_to_the_bundled_content_and_says_so(
    env: Env, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from legpain_desktop.core.library import open_content

    bundled = bundled_built_at(env, monkeypatch, "2000-01-01T00:00:00+00:00")
    env.install(env.pack("one"))
    installed = installed_database()
    assert installed is not None
    data = bytearray(installed.read_bytes())
    data[len(data) // 2] ^= 0xFF
    installed.write_bytes(bytes(data))
    repo, _ = open_content()
    assert repo.path == bundled
    repo.close()
    assert "the installed content pack was not used" in capsys.readouterr().err


def test_the_installed_pack_says_who_signed_it_and_when_to_review_it(env: Env) -> None:
    from datetime import date, timedelta

    from legpain_desktop.core.packs.store import pack_metadata, read_pack_info

    env.install(env.pack("one", signed_by="Clinic IT", review_days=30))
    installed = installed_database()
    assert installed is not None
    info = read_pack_info(installed)
    assert info is not None and info.pack_version == 1 and info.signed_by == "Clinic IT"
    assert info.review_by == date.today() + timedelta(days=30)
    assert pack_metadata(installed) == {
        "pack_version": "1",
        "signed_by": "Clinic IT",
        "review_by": info.review_by.isoformat(),
    }
    assert read_pack_info(env.db) is None and pack_metadata(env.db) == {}  # a database not from a pack
    (installed.parent / "pack.json").write_text("{broken", encoding="utf-8")
    assert read_pack_info(installed) is None


def test_update_without_from_uses_the_policys_pack_folder(
    env: Env, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = env.pack("one")
    assert main(["update"]) == 2  # no policy: it says what it needs
    assert "needs --from DIR or --rollback" in capsys.readouterr().err
    policy_dir = Path(os.environ["LEGPAIN_POLICY_DIR"])
    policy_dir.mkdir(parents=True, exist_ok=True)
    (policy_dir / "policy.json").write_text(json.dumps({"content_pack_dir": str(pack)}), encoding="utf-8")
    assert main(["update", "--trusted-root", str(env.keys / "root.json")]) == 0
    assert "installed content pack 1" in capsys.readouterr().out
    assert_current(env, 1)


def test_a_root_shipped_with_the_app_is_the_first_trust(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the content team ships resources/trusted-root.json, a first update needs no --trusted-root."""
    monkeypatch.setattr(install, "SHIPPED_ROOT", env.keys / "root.json")
    assert install.update_from(env.pack("one")).pack_version == 1
    assert_current(env, 1)
    monkeypatch.setattr(install, "SHIPPED_ROOT", env.tmp / "none.json")
    other = env.tmp / "other-store"
    with pytest.raises(PackRefused, match=r"^no trusted root"):
        install.update_from(env.pack("two"), store=other)
