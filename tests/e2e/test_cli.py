"""The command line as a user runs it: a separate process, real arguments, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def test_list_json_has_id_kind_title(fixture_db: Path) -> None:
    out = run_cli("--db", str(fixture_db), "list", "--kind", "cause", "--json")
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert {i["id"] for i in items} == {"sample-sciatic-pain", "sample-clot"}
    assert all({"id", "kind", "title"} <= set(i) for i in items)


def test_search_json_best_first_with_snippet_and_score(fixture_db: Path) -> None:
    out = run_cli("--db", str(fixture_db), "search", "sciatica", "--json")
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert hits[0]["id"] == "sample-sciatic-pain"
    assert {"id", "kind", "title", "snippet", "score"} <= set(hits[0])


def test_show_formats(fixture_db: Path) -> None:
    md = run_cli("--db", str(fixture_db), "show", "sample-clot", "--format", "markdown")
    html = run_cli("--db", str(fixture_db), "show", "sample-clot", "--format", "html")
    text = run_cli("--db", str(fixture_db), "show", "sample-clot")
    assert md.stdout.startswith("# Sample clot") and "## Overview" in md.stdout
    assert "<h2>" in html.stdout
    assert "Overview" in text.stdout and "<" not in text.stdout


def test_unknown_id_exits_2_naming_it(fixture_db: Path) -> None:
    out = run_cli("--db", str(fixture_db), "show", "no-such-thing")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "legpain-desktop: error: unknown monograph id 'no-such-thing' (see 'legpain-desktop list')"
    ]


def test_bad_flag_value_exits_2_with_one_line(fixture_db: Path) -> None:
    out = run_cli("--db", str(fixture_db), "search", "x", "--limit", "0")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "1 to 500" in out.stderr


def test_missing_database_exits_3(tmp_path: Path) -> None:
    out = run_cli("--db", str(tmp_path / "nope.db"), "list")
    assert out.returncode == 3
    assert "not found" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "nope.db").exists()


def test_smoke_test_prints_ok(fixture_db: Path) -> None:
    out = run_cli("--db", str(fixture_db), "--smoke-test")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "smoke-test ok"


def test_build_db_reports_file_and_line(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import FIXTURE_CONTENT

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    bad = content / "causes" / "sample-clot.md"
    bad.write_text(bad.read_text().replace("urgency: emergency", "urgency: someday"))
    out = run_cli("--db", str(tmp_path / "x.db"), "build-db", "--content", str(content))
    assert out.returncode == 2
    assert f"{bad}:14: urgency must be one of emergency, urgent, routine" in out.stderr
