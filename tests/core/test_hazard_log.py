"""The hazard log names real tests: every control cites at least one test id, and each exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

LOG = ROOT / "docs" / "safety" / "hazard-log.md"
TEST_ID = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def test_every_test_id_in_the_hazard_log_exists() -> None:
    text = LOG.read_text(encoding="utf-8")
    ids = TEST_ID.findall(text)
    assert len(ids) >= 40
    missing = [f"{f}::{name}" for f, name in ids if not (ROOT / f).exists() or name not in _test_names(ROOT / f)]
    assert not missing, f"the hazard log names tests that do not exist: {missing}"


def test_every_hazard_has_controls_and_tests() -> None:
    text = LOG.read_text(encoding="utf-8")
    table = set(re.findall(r"^\| (H\d+) \|", text, re.M))
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    assert {s.split()[0] for s in sections} == table
    for section in sections:
        assert "**Controls:**" in section, section.splitlines()[0]
        assert TEST_ID.search(section), f"{section.splitlines()[0]} names no test"


def test_a_missing_test_id_would_be_caught(tmp_path: Path) -> None:
    fake = tmp_path / "t.py"
    fake.write_text("def test_real():\n    pass\n", encoding="utf-8")
    assert "test_real" in _test_names(fake) and "test_gone" not in _test_names(fake)
