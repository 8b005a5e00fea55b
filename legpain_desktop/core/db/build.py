"""Compile ``content/`` into one SQLite file with sqlite-utils.

The database is written to a temporary file and moved into place only when complete, with a
manifest beside it (content version, SHA-256 of the file, build time) that the app checks at
start-up.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from legpain_desktop.core.content import Corpus, Monograph, content_version, load_corpus
from legpain_desktop.core.db.schema import FTS_PREFIXES, FTS_TOKENIZE, SCHEMA_VERSION, ZLIB_LEVEL
from legpain_desktop.core.integrity import file_sha256
from legpain_desktop.core.paths import manifest_path
from legpain_desktop.core.render import TOKENS, html_to_text, markdown_to_html, references_html
from legpain_desktop.core.study.cards import generate_cards


@dataclass(frozen=True)
class BuildReport:
    path: Path
    content_version: str
    sha256: str
    monographs: int
    seconds: float
    counts: dict[str, int]


def render_monograph(mono: Monograph, corpus: Corpus) -> str:
    """The stored HTML of a monograph (without patient-specific highlights)."""
    from legpain_desktop.core.dosing.present import dosing_markdown

    def sections(name: str) -> str:
        return dosing_markdown(mono, name)

    body = markdown_to_html(mono.body, mono.references, palette=TOKENS, dosing_sections=sections)
    return body + references_html(mono.references)


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def build_database(content_root: Path, out_path: Path, *, corpus: Corpus | None = None) -> BuildReport:
    """Validate and compile the content. Raises ContentErrors (with file:line) on bad sources."""
    started = time.perf_counter()
    corpus = corpus or load_corpus(content_root)
    version = content_version(content_root)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".legpain-build-", suffix=".db", dir=out_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write(tmp, corpus, version)
        digest = file_sha256(tmp)
        os.replace(tmp, out_path)
    finally:
        if tmp.exists():
            tmp.unlink()
    built_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    manifest = {
        "content_version": version,
        "sha256": digest,
        "built_at": built_at,
        "schema_version": SCHEMA_VERSION,
        "database": out_path.name,
    }
    manifest_path(out_path).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for mono in corpus.monographs.values():
        counts[mono.kind] = counts.get(mono.kind, 0) + 1
    return BuildReport(
        path=out_path,
        content_version=version,
        sha256=digest,
        monographs=len(corpus.monographs),
        seconds=time.perf_counter() - started,
        counts=counts,
    )


def _create_tables(db: sqlite_utils.Database) -> None:
    """Every table exists even when a corpus has no rows for it (an empty rule list, say)."""
    text, integer = str, int
    db.table("monographs").create(
        {"id": text, "kind": text, "title": text, "summary": text, "synonyms": text, "reviewed": text,
         "evidence": text, "body_md": bytes, "html": bytes, "text": text, "references_json": text, "meta_json": text},
        pk="id",
    )  # fmt: skip
    db.table("synonyms").create({"monograph_id": text, "synonym": text})
    db.table("links").create({"source_id": text, "target_id": text, "relation": text})
    db.table("facets").create({"id": text, "label": text, "position": integer}, pk="id")
    db.table("findings").create({"id": text, "facet_id": text, "label": text, "position": integer}, pk="id")
    db.table("cause_findings").create({"cause_id": text, "finding_id": text, "weight": integer})
    db.table("red_flags").create({"id": text, "position": integer, "rule_json": text}, pk="id")
    db.table("interactions").create({"name": text, "rules_json": text})
    db.table("cards").create(
        {"id": text, "position": integer, "kind": text, "front": text, "back": text, "monograph": text,
         "section": text, "region": text, "answer": text, "source": text, "choices_json": text},
        pk="id",
    )  # fmt: skip
    db.table("metadata").create({"key": text, "value": text}, pk="key")


def _write(path: Path, corpus: Corpus, version: str) -> None:
    conn = sqlite3.connect(path)
    try:
        db = sqlite_utils.Database(conn)
        rows = []
        for mono in sorted(corpus.monographs.values(), key=lambda m: m.id):
            html = render_monograph(mono, corpus)
            rows.append(
                {
                    "id": mono.id,
                    "kind": mono.kind,
                    "title": mono.title,
                    "summary": mono.summary,
                    "synonyms": " ; ".join(mono.synonyms),
                    "reviewed": mono.reviewed,
                    "evidence": mono.evidence,
                    "body_md": zlib.compress(mono.body.encode("utf-8"), ZLIB_LEVEL),
                    "html": zlib.compress(html.encode("utf-8"), ZLIB_LEVEL),
                    "text": html_to_text(html),
                    "references_json": json.dumps([r._asdict() for r in mono.references]),
                    "meta_json": json.dumps(_json_safe(mono.meta), sort_keys=True),
                }
            )
        _create_tables(db)
        db.table("monographs").insert_all(rows, pk="id")
        # The FTS5 index is declared here rather than with enable_fts() because it needs prefix
        # indexes: without them a short prefix on a 10,000-monograph corpus is ranked slowly.
        conn.execute(
            "CREATE VIRTUAL TABLE monographs_fts USING fts5(title, synonyms, summary, text, "
            f"content='monographs', content_rowid='rowid', tokenize='{FTS_TOKENIZE}', prefix='{FTS_PREFIXES}')"
        )
        conn.execute(
            "INSERT INTO monographs_fts(rowid, title, synonyms, summary, text) "
            "SELECT rowid, title, synonyms, summary, text FROM monographs"
        )
        db.table("synonyms").insert_all(
            {"monograph_id": m.id, "synonym": s} for m in corpus.monographs.values() for s in m.synonyms
        )
        links = []
        for mono in corpus.monographs.values():
            for target in mono.related:
                links.append({"source_id": mono.id, "target_id": target, "relation": "related"})
            for _kind, target, _line in mono.body_links():
                links.append({"source_id": mono.id, "target_id": target, "relation": "body"})
            for step in mono.steps:
                for ref in step.refers:
                    links.append({"source_id": mono.id, "target_id": ref.split(":", 1)[1], "relation": "step"})
        db.table("links").insert_all(links)
        db.table("facets").insert_all(
            ({"id": f.id, "label": f.label, "position": i} for i, f in enumerate(corpus.facets)), pk="id"
        )
        db.table("findings").insert_all(
            (
                {"id": fd.id, "facet_id": f.id, "label": fd.label, "position": j}
                for f in corpus.facets
                for j, fd in enumerate(f.findings)
            ),
            pk="id",
        )
        weights = []
        for mono in corpus.of_kind("cause"):
            for fid, w in (mono.meta.get("findings") or {}).items():
                weights.append({"cause_id": mono.id, "finding_id": fid, "weight": int(w)})
            for fid, w in (mono.meta.get("against") or {}).items():
                weights.append({"cause_id": mono.id, "finding_id": fid, "weight": -int(w)})
        db.table("cause_findings").insert_all(weights)
        db.table("cause_findings").create_index(["finding_id"])
        db.table("red_flags").insert_all(
            (
                {"id": r["id"], "position": i, "rule_json": json.dumps(_json_safe(r))}
                for i, r in enumerate(corpus.red_flags)
            ),
            pk="id",
        )
        db.table("interactions").insert_all(
            [
                {"name": "rules", "rules_json": json.dumps(_json_safe(corpus.interactions))},
                {"name": "pregnancy-lactation", "rules_json": json.dumps(_json_safe(corpus.reproductive))},
            ]
        )
        db.table("cards").insert_all(
            (
                {"id": c.id, "position": i, "kind": c.kind, "front": c.front, "back": c.back,
                 "monograph": c.monograph, "section": c.section, "region": c.region, "answer": c.answer,
                 "source": c.source, "choices_json": json.dumps(list(c.choices))}
                for i, c in enumerate(generate_cards(corpus))
            ),
            pk="id",
        )  # fmt: skip
        db.table("metadata").insert_all(
            [
                {"key": "content_version", "value": version},
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": "built_at", "value": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()},
                {
                    "key": "reviewed",
                    "value": max((m.reviewed for m in corpus.monographs.values()), default=""),
                },
            ],
            pk="key",
        )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
