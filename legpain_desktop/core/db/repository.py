"""Read-only access to the content database. Every query the app runs is in this file."""

from __future__ import annotations

import bisect
import html
import json
import re
import sqlite3
import urllib.parse
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from legpain_desktop.core.db.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseMissing,
    DatabaseTooNew,
    FtsUnavailable,
)
from legpain_desktop.core.db.schema import BM25_WEIGHTS, SCHEMA_VERSION
from legpain_desktop.core.model import RED_FLAG_URGENCIES, Reference, Step, steps_from

# core.search (with dataclasses) loads with the first search, not at start-up: the home page
# needs none of it.
if TYPE_CHECKING:
    from legpain_desktop.core.search import ParsedQuery, SearchPlan, Term
    from legpain_desktop.core.study.cards import Card


# Records are NamedTuples: immutable, and far cheaper than dataclasses to define at start-up.
class MonographSummary(NamedTuple):
    id: str
    kind: str
    title: str
    summary: str


class UrgentCause(NamedTuple):
    """A cause that must not be missed, for the home page: its urgency is ``emergency`` or ``urgent``."""

    id: str
    title: str
    urgency: str


FlowStep = Step  # an algorithm's step, as the flow diagram draws it


class MonographRecord(NamedTuple):
    id: str
    kind: str
    title: str
    summary: str
    synonyms: list[str]
    reviewed: str
    evidence: str | None
    body_md: str
    html: str
    text: str
    references: list[Reference]
    meta: dict[str, Any]

    @property
    def steps(self) -> tuple[FlowStep, ...]:
        """An algorithm's steps, typed (empty for other kinds)."""
        return steps_from(self.meta.get("steps"))


LOOSE_BELOW = 3  # fewer strict hits than this: pages matching some of the words follow
COMPLETIONS = 6  # title and synonym words offered for the word being typed
STEMMED_ENDINGS = ("s", "e", "y", "ed", "ing", "ly")  # what the Porter stemmer cuts from a typed start
# Endings the Porter stemmer removes or rewrites; a typed word cut back by the start of one of them
# is still the same word ("claudicati" is "claudic" + the start of "ation").
STEMMED_SUFFIXES = (
    "ational", "ation", "ations", "ator", "ative", "ing", "ings", "ive", "ement", "ment", "ness", "ised",
    "ized", "ises", "izes", "ous", "ical", "ity", "ies", "ied", "ism", "ist", "ful", "able", "ible", "al",
    "ic", "ly", "es", "ed", "s", "e",
)  # fmt: skip
# Exact title or synonym matches, in this order: a brand on a drug page and a condition page
# (Xarelto) opens the drug's own page first.
KIND_ORDER = {"drug": 0, "cause": 1, "algorithm": 2, "topic": 3, "leaflet": 4}
# Words that ask for patient leaflets: without one, leaflets follow the clinical pages (issue 20: a
# leaflet, written in plain words, outranked its own monograph for "calf hurts when I walk").
LEAFLET_WORDS = frozenset({"leaflet", "leaflets", "patient", "patients", "handout", "information"})


class SearchHit(NamedTuple):
    id: str
    kind: str
    title: str
    snippet: str  # plain text; matched words wrapped in SNIPPET_OPEN / SNIPPET_CLOSE
    score: float

    def snippet_html(self) -> str:
        from legpain_desktop.core.search import SNIPPET_CLOSE, SNIPPET_OPEN

        escaped = html.escape(_tidy(self.snippet))
        return escaped.replace(SNIPPET_OPEN, "<b>").replace(SNIPPET_CLOSE, "</b>")

    def snippet_plain(self) -> str:
        from legpain_desktop.core.search import SNIPPET_CLOSE, SNIPPET_OPEN

        return _tidy(self.snippet).replace(SNIPPET_OPEN, "").replace(SNIPPET_CLOSE, "")


_SPACE_RUN = re.compile(r"\s+")
_SPACE_BEFORE = re.compile(r" ([\x02\x03]?)([,;:.!?)\]])")
_SPACE_AFTER = re.compile(r"([(\[]) ")


def _tidy(snippet: str) -> str:
    """One line, no space before punctuation (the indexed text spaces it out: "Baker 's cyst ,")."""
    text = _SPACE_RUN.sub(" ", snippet)
    text = _SPACE_BEFORE.sub(r"\1\2", text)
    return _SPACE_AFTER.sub(r"\1", text).replace(" 's ", "'s ")


def _unpack(value: bytes, *, path: Path) -> str:
    """A zlib-compressed UTF-8 column (schema 2); a damaged one is refused, never shown garbled."""
    try:
        return zlib.decompress(value).decode("utf-8")
    except (zlib.error, UnicodeDecodeError, TypeError) as exc:
        raise DatabaseCorrupt(f"content database {path} holds a damaged monograph: {exc}") from exc


def check_fts5() -> None:
    """Raise FtsUnavailable when this SQLite build lacks FTS5 (search cannot work without it)."""
    try:
        conn = sqlite3.connect(":memory:")
        try:
            conn.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise FtsUnavailable(
            f"this SQLite library (version {sqlite3.sqlite_version}) has no FTS5 full-text search: {exc}"
        ) from exc


def _read_only_uri(path: Path) -> str:
    return "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"


class ContentRepository:
    """The content database, opened read-only; never creates or changes a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._vocabulary: list[str] | None = None
        self._corrections: list[str] | None = None
        self._exact: dict[str, list[tuple[int, int, int]]] | None = None
        self._leaflet_rows: frozenset[int] | None = None
        self._known_words: set[str] = set()
        if not path.is_file():
            raise DatabaseMissing(f"content database not found: {path}")
        try:
            self._conn = sqlite3.connect(_read_only_uri(path), uri=True, check_same_thread=False)
            self._conn.row_factory = sqlite3.Row
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise DatabaseCorrupt(f"content database is damaged or not a database: {path} ({exc})") from exc
        if version > SCHEMA_VERSION:
            raise DatabaseTooNew(
                f"content database {path} has schema {version}, newer than this app understands ({SCHEMA_VERSION}); "
                "install a newer LegPain Desktop"
            )
        if version < SCHEMA_VERSION or not {"monographs", "monographs_fts", "metadata", "cards"} <= tables:
            raise DatabaseCorrupt(f"content database {path} is incomplete or from an old build; rebuild it")

    def close(self) -> None:
        self._conn.close()

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise DatabaseCorrupt(f"content database read failed: {exc}") from exc

    # ------------------------------------------------------------------ integrity

    def quick_check(self) -> str:
        """``ok`` or the first problem SQLite finds."""
        rows = self._query("PRAGMA quick_check")
        return str(rows[0][0]) if rows else "no answer from quick_check"

    # ------------------------------------------------------------------ metadata

    def metadata(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self._query("SELECT key, value FROM metadata")}

    # ------------------------------------------------------------------ monographs

    def list_monographs(self, kind: str | None = None) -> list[MonographSummary]:
        if kind is None:
            rows = self._query("SELECT id, kind, title, summary FROM monographs ORDER BY kind, title COLLATE NOCASE")
        else:
            rows = self._query(
                "SELECT id, kind, title, summary FROM monographs WHERE kind = ? ORDER BY title COLLATE NOCASE",
                (kind,),
            )
        return [MonographSummary(r["id"], r["kind"], r["title"], r["summary"]) for r in rows]

    def urgent_causes(self) -> list[UrgentCause]:
        """The causes graded emergency or urgent (RED_FLAG_URGENCIES), the most urgent first, then by title."""
        rows = self._query(
            "SELECT id, title, json_extract(meta_json, '$.urgency') AS urgency FROM monographs "
            "WHERE kind = 'cause' AND urgency IN (?, ?) ORDER BY title COLLATE NOCASE",
            RED_FLAG_URGENCIES,
        )
        causes = [UrgentCause(r["id"], r["title"], r["urgency"]) for r in rows]
        return sorted(causes, key=lambda c: RED_FLAG_URGENCIES.index(c.urgency))

    def get(self, monograph_id: str) -> MonographRecord | None:
        rows = self._query("SELECT * FROM monographs WHERE id = ?", (monograph_id,))
        if not rows:
            return None
        r = rows[0]
        return MonographRecord(
            id=r["id"],
            kind=r["kind"],
            title=r["title"],
            summary=r["summary"],
            synonyms=[s for s in r["synonyms"].split(" ; ") if s],
            reviewed=r["reviewed"],
            evidence=r["evidence"],
            body_md=_unpack(r["body_md"], path=self.path),
            html=_unpack(r["html"], path=self.path),
            text=r["text"],
            references=[Reference(**d) for d in json.loads(r["references_json"])],
            meta=json.loads(r["meta_json"]),
        )

    def meta_of_kind(self, kind: str) -> dict[str, tuple[str, dict[str, Any]]]:
        """id -> (title, structured front matter) for every monograph of ``kind``."""
        rows = self._query("SELECT id, title, meta_json FROM monographs WHERE kind = ? ORDER BY id", (kind,))
        return {r["id"]: (r["title"], json.loads(r["meta_json"])) for r in rows}

    def titles(self) -> dict[str, tuple[str, str]]:
        return {r["id"]: (r["kind"], r["title"]) for r in self._query("SELECT id, kind, title FROM monographs")}

    # ------------------------------------------------------------------ search

    def search(self, text: str, limit: int = 50, snippets: int | None = None) -> list[SearchHit]:
        """Ranked hits for what the user typed (see :meth:`search_detailed`)."""
        return self.search_detailed(text, limit, snippets)[0]

    def search_detailed(
        self, text: str, limit: int = 50, snippets: int | None = None, correct: bool = True
    ) -> tuple[list[SearchHit], SearchPlan | None]:
        """Ranked hits, and the plan that found them (with any spelling it corrected).

        Any text is safe: it is never passed raw to MATCH (core/search.py). Every word is required
        first; when that finds fewer than ``LOOSE_BELOW`` pages, pages matching any of the words
        follow, ranked by how much they match. A monograph whose title or synonym is exactly
        the query comes first. Ranking runs inside FTS5; snippets, the costly part, are made only
        for the first ``snippets`` hits (default ``SNIPPET_ROWS``), the ones a user sees without
        scrolling. ``correct=False`` searches the words as typed (the user undid a correction).
        """
        from legpain_desktop.core.search import SNIPPET_ROWS, SearchPlan, correct_terms, match_expression, parse

        if snippets is None:
            snippets = SNIPPET_ROWS
        parsed = parse(text)
        if not parsed.terms:
            return [], None
        limit = max(1, min(int(limit), 500))
        try:
            parsed = self._trim_to_stem(parsed)
            if correct:
                plan = correct_terms(
                    parsed, self._known_words, self._term_exists, self._correction_words(), self._best_fit
                )
            else:
                plan = SearchPlan(parsed)
            plan.parsed = self._complete_last(plan.parsed)
            strict = match_expression(plan.parsed, require_all=True)
            if strict is None:
                return [], plan
            ranked = self._ranked(strict, limit)
            if len(ranked) < LOOSE_BELOW and len(plan.parsed.groups) > 1:
                loose = match_expression(plan.parsed, require_all=False)
                seen = {r for r, _ in ranked}
                if loose is not None:
                    ranked += [(r, k) for r, k in self._ranked(loose, limit) if r not in seen][: limit - len(ranked)]
            ranked = self._exact_first(plan, ranked)
            ranked = self._leaflets_last(plan, ranked)
            if not ranked:
                return [], plan
            hits = self._hits(ranked, strict, snippets)
        except sqlite3.OperationalError:
            # every word is quoted (core/search.py), so this should not happen; never show it.
            return [], None
        except sqlite3.DatabaseError as exc:
            raise DatabaseCorrupt(f"content database read failed: {exc}") from exc
        return hits, plan

    def _ranked(self, match: str, limit: int) -> list[tuple[int, float]]:
        weights = ", ".join(str(x) for x in BM25_WEIGHTS)
        rows = self._conn.execute(
            "SELECT rowid, rank FROM monographs_fts WHERE monographs_fts MATCH ? "
            f"AND rank MATCH 'bm25({weights})' ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def _term_exists(self, term: Term) -> bool:
        from legpain_desktop.core.search import term_expression

        expr = term_expression(term)
        if expr is None:
            return True
        return (
            self._conn.execute("SELECT 1 FROM monographs_fts WHERE monographs_fts MATCH ? LIMIT 1", (expr,)).fetchone()
            is not None
        )

    def _trim_to_stem(self, parsed: ParsedQuery) -> ParsedQuery:
        """The word being typed, cut back to what the index holds: the stemmer stores
        "claudication" as "claudic", so "claudicati" as a prefix finds nothing (and was then sent
        to be corrected, slowly). Up to 4 letters are dropped, never below 4."""
        from legpain_desktop.core.search import ParsedQuery, Term

        terms = parsed.terms
        if not terms:
            return parsed
        last = terms[-1]
        word = last.words[0]
        if last.phrase or not last.prefix or len(word) < 6 or self._term_exists(last):
            return parsed
        for cut in range(1, 5):
            shorter, removed = word[:-cut], word[-cut:]
            if len(shorter) < 4:
                break
            if not any(suffix.startswith(removed) for suffix in STEMMED_SUFFIXES):
                continue  # not the start of an ending the stemmer cuts: a typo, left to correction
            trial = Term((shorter,), prefix=True)
            if self._term_exists(trial):
                groups = tuple(tuple(trial if t is last else t for t in g) for g in parsed.groups)
                return ParsedQuery(groups, parsed.excluded, parsed.dropped)
        return parsed

    def _complete_last(self, parsed: ParsedQuery) -> ParsedQuery:
        """The word being typed also matches the title and synonym words it begins, whole: the
        stemmer cuts "erys" to "ery", which starts "every" and "very"; "erysipelas" does not."""
        from legpain_desktop.core.search import SHORT_PREFIX_LENGTH, ParsedQuery, Term

        terms = parsed.terms
        if not terms:
            return parsed
        last = terms[-1]
        word = last.words[0]
        if last.phrase or not last.prefix or len(word) < SHORT_PREFIX_LENGTH or word.isdigit():
            return parsed
        if not word.endswith(STEMMED_ENDINGS):
            return parsed  # the stemmer leaves this start alone: the prefix search is right as it is
        words = self._correction_words()
        start = bisect.bisect_left(words, word)
        completions = []
        for candidate in words[start : start + 50]:
            if not candidate.startswith(word):
                break
            if candidate != word:
                completions.append(candidate)
        if not completions:
            return parsed
        completed = Term(last.words, last.phrase, last.prefix, tuple(completions[:COMPLETIONS]))
        groups = tuple(tuple(completed if t is last else t for t in g) for g in parsed.groups)
        return ParsedQuery(groups, parsed.excluded, parsed.dropped)

    def _best_fit(self, choices: list[str], others: list[Term]) -> str:
        """Of equally close corrections, the one found with most of the other words (then the
        one found in most pages)."""
        from legpain_desktop.core.search import ParsedQuery, Term, match_expression

        def fit(word: str) -> tuple[int, int, str]:
            alone = self._count(match_expression(ParsedQuery(((Term((word,), prefix=False),),))))
            groups = (*((t,) for t in others), (Term((word,), prefix=False),))
            together = self._count(match_expression(ParsedQuery(groups))) if others else 0
            return (-together, -alone, word)

        return min(choices, key=fit)

    def _count(self, match: str | None) -> int:
        if match is None:
            return 0
        row = self._conn.execute(
            "SELECT count(*) FROM monographs_fts WHERE monographs_fts MATCH ?", (match,)
        ).fetchone()
        return int(row[0])

    def _correction_words(self) -> list[str]:
        """Words of titles and synonyms (4 letters or more): what a misspelling is corrected to."""
        if self._corrections is None:
            from legpain_desktop.core.search import query_words

            words = {w for v in self.search_vocabulary() for w in query_words(v) if len(w) >= 4}
            self._corrections = sorted(words)
        return self._corrections

    def _exact_first(self, plan: SearchPlan, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The monographs whose title or a synonym is exactly what was searched for, first:
        titles before synonyms, then causes, drugs, algorithms, topics."""
        from legpain_desktop.core.search import folded_key

        if self._exact is None:
            exact: dict[str, list[tuple[int, int, int]]] = {}
            for r in self._conn.execute("SELECT rowid, id, kind, title FROM monographs"):
                order = KIND_ORDER.get(r["kind"], 9)
                exact.setdefault(folded_key(r["title"]), []).append((0, order, int(r["rowid"])))
            for r in self._conn.execute(
                "SELECT m.rowid AS rowid, m.kind AS kind, s.synonym AS synonym FROM synonyms s "
                "JOIN monographs m ON m.id = s.monograph_id"
            ):
                exact.setdefault(folded_key(r["synonym"]), []).append(
                    (1, KIND_ORDER.get(r["kind"], 9), int(r["rowid"]))
                )
            self._exact = exact
        owners = sorted(set(self._exact.get(folded_key(plan.searched_for), [])))
        if not owners:
            return ranked
        first = list(dict.fromkeys(rowid for _t, _k, rowid in owners))
        score = dict(ranked)
        top = min((v for v in score.values()), default=0.0) - 1.0
        return [(r, score.get(r, top)) for r in first] + [(r, k) for r, k in ranked if r not in first]

    def _leaflets_last(self, plan: SearchPlan, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Patient leaflets after the clinical pages, each group in its own order; first when the
        query asks for leaflets ("sciatica leaflet", "patient information gout")."""
        from legpain_desktop.core.search import query_words

        if self._leaflet_rows is None:
            rows = self._conn.execute("SELECT rowid FROM monographs WHERE kind = 'leaflet'")
            self._leaflet_rows = frozenset(int(r[0]) for r in rows)
        leaflets = self._leaflet_rows
        pages = [h for h in ranked if h[0] not in leaflets]
        handouts = [h for h in ranked if h[0] in leaflets]
        return handouts + pages if LEAFLET_WORDS & set(query_words(plan.searched_for)) else pages + handouts

    def _hits(self, ranked: list[tuple[int, float]], match: str, snippets: int) -> list[SearchHit]:
        from legpain_desktop.core.search import SNIPPET_CLOSE, SNIPPET_OPEN

        rowids = [r for r, _ in ranked]
        marks = ",".join("?" * len(rowids))
        rows = {
            r["rowid"]: r
            for r in self._conn.execute(
                f"SELECT rowid, id, kind, title, summary FROM monographs WHERE rowid IN ({marks})", rowids
            )
        }
        head = rowids[: max(0, snippets)]
        snips: dict[int, str] = {}
        if head:
            head_marks = ",".join("?" * len(head))
            snips = {
                r[0]: r[1]
                for r in self._conn.execute(
                    f"SELECT rowid, snippet(monographs_fts, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 12) "
                    f"FROM monographs_fts WHERE monographs_fts MATCH ? AND rowid IN ({head_marks})",
                    (match, *head),
                )
            }
        hits = []
        for rowid, rank in ranked:
            row = rows[rowid]
            snippet = snips.get(rowid) or row["summary"]
            hits.append(SearchHit(row["id"], row["kind"], row["title"], snippet, round(-float(rank), 4)))
        return hits

    def search_vocabulary(self) -> list[str]:
        """Titles and synonyms, for spelling suggestions when a search finds nothing."""
        if self._vocabulary is None:
            titles = [r[0] for r in self._query("SELECT title FROM monographs")]
            synonyms = [r[0] for r in self._query("SELECT synonym FROM synonyms")]
            self._vocabulary = sorted(set(titles) | set(synonyms))
        return self._vocabulary

    # ------------------------------------------------------------------ symptom filter data

    def facets(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        facets = self._query("SELECT id, label FROM facets ORDER BY position")
        findings = self._query("SELECT id, facet_id, label FROM findings ORDER BY position")
        by_facet: dict[str, list[tuple[str, str]]] = {}
        for f in findings:
            by_facet.setdefault(f["facet_id"], []).append((f["id"], f["label"]))
        return [(f["id"], f["label"], by_facet.get(f["id"], [])) for f in facets]

    def red_flag_rules(self) -> list[dict[str, Any]]:
        return [json.loads(r["rule_json"]) for r in self._query("SELECT rule_json FROM red_flags ORDER BY position")]

    def interaction_rules(self) -> dict[str, Any]:
        return self._rules("rules")

    def reproductive_rules(self) -> dict[str, Any]:
        """Pregnancy and breastfeeding advice per drug, with its sources (``content/pregnancy-lactation.yaml``)."""
        return self._rules("pregnancy-lactation")

    # ------------------------------------------------------------------ study cards

    def cards(self, kind: str | None = None, region: str | None = None) -> list[Card]:
        """The study cards the build stored, in their order; ``region`` as the symptom filter names
        it, in any case."""
        from legpain_desktop.core.study.cards import Card  # loaded when cards are first asked for

        rows = self._query(
            "SELECT * FROM cards WHERE (? IS NULL OR kind = ?) AND (? IS NULL OR lower(region) = lower(?)) "
            "ORDER BY position",
            (kind, kind, region, region),
        )
        return [
            Card(
                id=r["id"],
                kind=r["kind"],
                front=r["front"],
                back=r["back"],
                monograph=r["monograph"],
                section=r["section"],
                region=r["region"],
                answer=r["answer"],
                source=r["source"],
                choices=tuple(json.loads(r["choices_json"])),
            )
            for r in rows
        ]

    def _rules(self, name: str) -> dict[str, Any]:
        rows = self._query("SELECT rules_json FROM interactions WHERE name = ?", (name,))
        return json.loads(rows[0]["rules_json"]) if rows else {}


__all__ = ["ContentRepository", "DatabaseError", "MonographRecord", "MonographSummary", "SearchHit", "check_fts5"]
