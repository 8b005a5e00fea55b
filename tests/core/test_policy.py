"""Administrator policy and portable installs (issue 18, items 3 and 4), without Qt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legpain_desktop.core import policy
from legpain_desktop.core.packs.store import content_store
from legpain_desktop.core.policy import Policy, load_policy, portable_data_dir


def write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_no_policy_file_locks_nothing(tmp_path: Path) -> None:
    assert load_policy((tmp_path / "none.json",)) == Policy()


def test_a_policy_locks_settings_turns_notes_off_and_names_the_pack_folder(tmp_path: Path) -> None:
    path = write(
        tmp_path / "policy.json",
        {"theme": "high-contrast", "text_scale": 130, "remember_patient": False, "notes": False,
         "content_pack_dir": "/srv/legpain/packs"},
    )  # fmt: skip
    got = load_policy((path,))
    assert got.locked == {"theme": "high-contrast", "text_scale": 130, "remember_patient": False}
    assert got.notes_enabled is False
    assert got.content_pack_dir == Path("/srv/legpain/packs")
    assert got.sources == (path,) and got.problems == ()


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        ("theme", "purple", "must be one of system, light, dark, high-contrast"),
        ("text_scale", 300, "must be a whole number from 70 to 200"),
        ("text_scale", True, "must be a whole number from 70 to 200"),
        ("text_scale", 69, "must be a whole number from 70 to 200"),
        ("remember_patient", "no", "must be true or false"),
        ("notes", 0, "must be true or false"),
        ("content_pack_dir", "  ", "must be a folder path"),
        ("colour", "red", "is not a policy setting"),
    ],
)
def test_a_bad_value_is_ignored_and_reported(tmp_path: Path, key: str, value: object, why: str) -> None:
    path = write(tmp_path / "policy.json", {key: value, "text_scale": 70} if key != "text_scale" else {key: value})
    got = load_policy((path,))
    assert key not in got.locked and got.notes_enabled is True and got.content_pack_dir is None
    (problem,) = got.problems
    assert problem.startswith(f"{path}: {key} ") and why in problem and problem.endswith("; ignored")
    if key != "text_scale":
        assert got.locked == {"text_scale": 70}  # the good values of the same file still apply


@pytest.mark.parametrize("text", ["{not json", "[1, 2]"])
def test_an_unreadable_policy_never_stops_anything(tmp_path: Path, text: str) -> None:
    path = tmp_path / "policy.json"
    path.write_text(text, encoding="utf-8")
    got = load_policy((path,))
    assert got.locked == {} and got.sources == () and len(got.problems) == 1


def test_the_machine_wide_file_wins_over_the_one_beside_the_executable(tmp_path: Path) -> None:
    machine = write(tmp_path / "etc" / "policy.json", {"theme": "dark"})
    beside = write(tmp_path / "app" / "policy.json", {"theme": "light", "notes": False})
    got = load_policy((machine, beside))
    assert got.locked == {"theme": "dark"} and got.notes_enabled is False
    assert got.sources == (machine, beside)


def test_the_default_paths_are_the_machine_folder_then_beside_the_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEGPAIN_POLICY_DIR", str(tmp_path / "machine"))
    monkeypatch.setattr(policy, "app_dir", lambda: tmp_path / "app")
    assert policy.policy_paths() == (tmp_path / "machine" / "policy.json", tmp_path / "app" / "policy.json")
    write(tmp_path / "app" / "policy.json", {"notes": False})
    assert load_policy().notes_enabled is False


def test_portable_mode_keeps_data_settings_and_content_beside_the_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tmp_path / "usb" / "LegPain"
    app.mkdir(parents=True)
    monkeypatch.setattr(policy, "app_dir", lambda: app)
    monkeypatch.delenv("LEGPAIN_USER_DATA")
    monkeypatch.delenv("LEGPAIN_CONTENT_DIR", raising=False)
    assert portable_data_dir() is None and policy.user_data_dir() is None
    (app / "portable").write_text("", encoding="utf-8")
    assert portable_data_dir() == app / "portable-data"
    assert policy.user_data_dir() == app / "portable-data"
    assert content_store() == app / "portable-data" / "content"


def test_the_frozen_app_dir_is_the_executables_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy.sys, "frozen", True, raising=False)
    monkeypatch.setattr(policy.sys, "executable", str(tmp_path / "LegPain" / "legpain-desktop"))
    assert policy.app_dir() == (tmp_path / "LegPain").resolve()
