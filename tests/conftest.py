"""Root test configuration: offscreen Qt, user data in a temporary folder, built databases."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
SHIPPED_CONTENT = ROOT / "content"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings and user data of every test live in its own temporary folder."""
    monkeypatch.setenv("LEGPAIN_USER_DATA", str(tmp_path / "userdata"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("LEGPAIN_POLICY_DIR", str(tmp_path / "policy"))  # no machine policy unless a test writes one


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from legpain_desktop.core.db.build import build_database

    path = tmp_path_factory.mktemp("fixture-db") / "legpain.db"
    build_database(FIXTURE_CONTENT, path)
    return path


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from legpain_desktop.core.db.build import build_database

    path = tmp_path_factory.mktemp("shipped-db") / "legpain.db"
    build_database(SHIPPED_CONTENT, path)
    return path


@pytest.fixture()
def fixture_repo(fixture_db: Path):  # type: ignore[no-untyped-def]
    from legpain_desktop.core.db.repository import ContentRepository

    repo = ContentRepository(fixture_db)
    yield repo
    repo.close()


@pytest.fixture(scope="session")
def shipped_repo(shipped_db: Path):  # type: ignore[no-untyped-def]
    from legpain_desktop.core.db.repository import ContentRepository

    repo = ContentRepository(shipped_db)
    yield repo
    repo.close()


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:  # noqa: F821
    import subprocess

    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "legpain_desktop", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        cwd=ROOT,
    )


def copy_database(db: Path, folder: Path) -> Path:
    """A copy of a built database and its manifest in ``folder``, to damage in a test."""
    import shutil

    from legpain_desktop.core.paths import manifest_path

    target = folder / "legpain.db"
    shutil.copy(db, target)
    shutil.copy(manifest_path(db), manifest_path(target))
    return target


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the rates of the independent vignette set when its test ran (issue 13)."""
    from tests.core.test_reviewed_vignettes import RATES
    from tests.core.test_search_queries import RATES as SEARCH_RATES

    if RATES:
        terminalreporter.section("independent vignettes (tests/core/review/vignettes_2026_12*.yaml)")
        for name, value in RATES.items():
            terminalreporter.write_line(f"{name}: {value}")
    if SEARCH_RATES:
        terminalreporter.section("independent search queries (tests/core/review/search_queries_2026_12.yaml)")
        for name, value in SEARCH_RATES.items():
            terminalreporter.write_line(f"{name}: {value}")
