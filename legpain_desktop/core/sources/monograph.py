"""One monograph source file: its front matter and body, parsed and checked on its own.

Cross-file checks (links resolve, findings exist, dosing and interaction data are sound) are in
:func:`legpain_desktop.core.content.validate_corpus`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legpain_desktop.core.model import (
    EVIDENCE_LEVELS,
    KINDS,
    LEAFLET_SUFFIX,
    URGENCIES,
    ContentError,
    Reference,
    Step,
    steps_from,
)
from legpain_desktop.core.sources.yaml_lines import key_line, load_yaml, node_line

KIND_FOLDERS = {kind: f"{kind}s" for kind in KINDS}
REFERENCE_TYPES = {
    "guideline",
    "review",
    "trial",
    "label",
    "textbook",
    "criteria",
    "observational",
}
# What each urgency word means, the same on every page (issue 13): the `referral` phrase of a
# cause opens with the word of its `urgency`, e.g. "Urgent: same-day orthopaedic assessment".
URGENCY_MEANINGS = {
    "emergency": "now, by ambulance or within the hour",
    "urgent": "the same day",
    "routine": "otherwise, with the time stated",
}
PREVALENCES = ("common", "uncommon", "rare")
FINDING_WEIGHTS = {1: "compatible", 2: "typical", 3: "characteristic"}
AGAINST_WEIGHTS = {1: "argues against", 2: "strongly against"}

COMMON_REQUIRED = ("id", "kind", "title", "summary", "synonyms", "related", "reviewed", "references")
COMMON_OPTIONAL = ("evidence",)
KIND_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (required, optional)
    "cause": (("urgency", "referral", "prevalence", "findings"), ("against", "algorithms", "drugs")),
    "drug": (("systemic",), ("classes", "dosing", "topical")),
    "algorithm": (("steps",), ("causes", "drugs")),
    "topic": ((), ()),
    "leaflet": (("for",), ("help_now_except", "help_now_also")),
}
SECTIONS = {
    "cause": (
        "Overview",
        "Typical presentation",
        "Red flags",
        "Assessment",
        "Management",
        "When to refer",
    ),
    "algorithm": ("Who it is for", "Steps", "Pitfalls"),
    "drug": (
        "Role in leg pain",
        "Forms and strengths",
        "Adult dosing",
        "Renal impairment",
        "Older adults",
        "Hepatic impairment",
        "Contraindications and cautions",
        "Adverse effects",
        "Interactions",
        "Monitoring",
    ),
    "topic": (),
    "leaflet": (),  # one of LEAFLET_SECTIONS, by the kind of monograph the leaflet explains
}
# A patient leaflet (issue 20) explains one cause or one drug in plain words. Its "Get help now"
# box is not written here: it is generated from the red-flag rules (core/leaflets.py).
LEAFLET_SECTIONS = {
    "cause": (
        "What it is",
        "What you may notice",
        "What you can do",
        "What the treatment involves",
        "When to see your doctor",
    ),
    "drug": (
        "What it is for",
        "How to take it",
        "Common side effects",
        "Serious side effects",
        "What not to take it with",
        "Driving",
        "Alcohol",
        "Pregnancy and breastfeeding",
    ),
}
STEP_KEYS = ("id", "title", "action", "duration", "move_on", "refers", "next", "evidence")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INTERNAL_LINK = re.compile(r"\]\((" + "|".join(KINDS) + r"):([^)\s]*)\)")
REF_TOKEN = re.compile(r"\[\[ref:([^\]]*)\]\]")
EVIDENCE_TOKEN = re.compile(r"\[\[evidence:([^\]]*)\]\]")
DOSING_TOKEN = re.compile(r"\{\{dosing:([a-z]+)\}\}")
REFERRAL_TOKEN = re.compile(r"\[\[referral:([^\]]*)\]\]")
HEADING2 = re.compile(r"^## (.+?)\s*$", re.M)


@dataclass
class Monograph:
    id: str
    kind: str
    title: str
    summary: str
    synonyms: list[str]
    related: list[str]
    reviewed: str
    evidence: str | None
    references: list[Reference]
    body: str
    path: Path
    body_line: int
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def steps(self) -> list[Step]:
        return list(steps_from(self.meta.get("steps")))

    def body_links(self) -> list[tuple[str, str, int]]:
        """Internal links in the body as (kind, id, file line)."""
        found = []
        for lineno, line in enumerate(self.body.splitlines(), start=self.body_line):
            for m in INTERNAL_LINK.finditer(line):
                found.append((m.group(1), m.group(2), lineno))
        return found


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n?", re.S)


def parse_monograph(path: Path, text: str | None = None) -> Monograph:
    """Parse one monograph file; raise ContentError for the first structural problem.

    Cross-file checks (links, vocabulary) are in :func:`validate_corpus`.
    """
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ContentError(path, 1, f"not UTF-8 text ({exc.reason})") from exc
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentError(path, 1, "missing YAML front matter between '---' lines")
    fm_text = match.group(1)
    base = 2  # the front matter starts on file line 2
    data = load_yaml(fm_text, path, base)
    if not isinstance(data, dict):
        raise ContentError(path, base, "front matter must be a mapping of keys to values")
    body = text[match.end() :]
    body_line = text[: match.end()].count("\n") + 1

    def fail(key: str, message: str) -> ContentError:
        return ContentError(path, key_line(data, key, base), message)

    for key in COMMON_REQUIRED:
        if key not in data:
            raise ContentError(path, base, f"missing key '{key}'")
    kind = data["kind"]
    if kind not in KINDS:
        raise fail("kind", f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    required, optional = KIND_KEYS[kind]
    for key in required:
        if key not in data:
            raise ContentError(path, base, f"missing key '{key}' (required for a {kind})")
    allowed = set(COMMON_REQUIRED) | set(COMMON_OPTIONAL) | set(required) | set(optional)
    for key in data:
        if key not in allowed:
            raise fail(key, f"unknown key '{key}' for a {kind}")

    mono_id = data["id"]
    if not isinstance(mono_id, str) or not ID_PATTERN.match(mono_id):
        raise fail("id", f"id {mono_id!r} must be lower-case words joined by hyphens")
    if mono_id != path.stem:
        raise fail("id", f"id {mono_id!r} must match the file name {path.name!r}")
    if path.parent.name != KIND_FOLDERS[kind]:
        raise fail("kind", f"a {kind} belongs in content/{KIND_FOLDERS[kind]}/")
    for key in ("title", "summary"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise fail(key, f"'{key}' must be non-empty text")
    if "\n" in data["summary"].strip():
        raise fail("summary", "'summary' must be one line")
    for key in ("synonyms", "related"):
        if not isinstance(data[key], list) or not all(isinstance(s, str) for s in data[key]):
            raise fail(key, f"'{key}' must be a list of text")
    reviewed = data["reviewed"]
    try:
        dt.date.fromisoformat(str(reviewed))
    except ValueError:
        raise fail("reviewed", f"'reviewed' must be an ISO date (YYYY-MM-DD), not {reviewed!r}") from None
    evidence = data.get("evidence")
    if evidence is not None and evidence not in EVIDENCE_LEVELS:
        raise fail("evidence", f"unknown evidence {evidence!r}; expected one of {', '.join(EVIDENCE_LEVELS)}")

    references = _parse_references(data, path, base)
    ref_keys = {r.key for r in references}
    for lineno, line in enumerate(body.splitlines(), start=body_line):
        for m in REF_TOKEN.finditer(line):
            if m.group(1) not in ref_keys:
                raise ContentError(path, lineno, f"[[ref:{m.group(1)}]] names no reference key")
        for m in EVIDENCE_TOKEN.finditer(line):
            if m.group(1) not in EVIDENCE_LEVELS:
                raise ContentError(
                    path,
                    lineno,
                    f"unknown evidence label {m.group(1)!r}; expected one of {', '.join(EVIDENCE_LEVELS)}",
                )
        if re.match(r"^## References\s*$", line):
            raise ContentError(path, lineno, "do not write a References section; it is rendered from front matter")
    _check_sections(kind, body, path, body_line)

    meta = {k: v for k, v in data.items() if k not in COMMON_REQUIRED and k not in COMMON_OPTIONAL}
    mono = Monograph(
        id=mono_id,
        kind=kind,
        title=data["title"].strip(),
        summary=data["summary"].strip(),
        synonyms=[s.strip() for s in data["synonyms"]],
        related=list(data["related"]),
        reviewed=str(reviewed),
        evidence=evidence,
        references=references,
        body=body,
        path=path,
        body_line=body_line,
        meta=meta,
    )
    mono.meta["_lines"] = {k: key_line(data, k, base) for k in data}
    if kind == "leaflet" and (not isinstance(data["for"], str) or mono_id != f"{data['for']}{LEAFLET_SUFFIX}"):
        raise fail("for", f"a leaflet's id is the id of the monograph it explains then {LEAFLET_SUFFIX!r}")
    if kind == "cause":
        _check_cause(mono, data, path, base)
    elif kind == "algorithm":
        _check_steps(data, path, base)
    return mono


def _parse_references(data: dict[str, Any], path: Path, base: int) -> list[Reference]:
    refs = data["references"]
    if not isinstance(refs, list) or not refs:
        raise ContentError(path, key_line(data, "references", base), "'references' must be a non-empty list")
    out: list[Reference] = []
    seen: set[str] = set()
    for ref in refs:
        line = node_line(ref, base)
        if not isinstance(ref, dict):
            raise ContentError(path, line, "each reference needs key, citation, year and type")
        for key in ("key", "citation", "year", "type"):
            if key not in ref:
                raise ContentError(path, line, f"reference is missing '{key}'")
        extra = set(ref) - {"key", "citation", "year", "type", "url"}
        if extra:
            raise ContentError(path, line, f"unknown reference key(s): {', '.join(sorted(map(str, extra)))}")
        if ref["type"] not in REFERENCE_TYPES:
            raise ContentError(
                path,
                key_line(ref, "type", base),
                f"unknown reference type {ref['type']!r}; expected one of {', '.join(sorted(REFERENCE_TYPES))}",
            )
        if not isinstance(ref["year"], int) or not 1900 <= ref["year"] <= 2100:
            raise ContentError(path, key_line(ref, "year", base), "reference year must be a year from 1900 to 2100")
        key = str(ref["key"])
        if key in seen:
            raise ContentError(path, key_line(ref, "key", base), f"duplicate reference key {key!r}")
        seen.add(key)
        out.append(Reference(key=key, citation=str(ref["citation"]).strip(), year=ref["year"], type=ref["type"]))
    return out


def _check_sections(kind: str, body: str, path: Path, body_line: int) -> None:
    wanted = SECTIONS[kind]
    if kind == "leaflet":  # a cause's leaflet or a drug's, told apart by its first section
        first = HEADING2.search(body)
        about = "drug" if first and first.group(1) == LEAFLET_SECTIONS["drug"][0] else "cause"
        wanted = LEAFLET_SECTIONS[about]
    if not wanted:
        return
    headings = [(m.group(1), body[: m.start()].count("\n") + body_line) for m in HEADING2.finditer(body)]
    present = [h for h, _ in headings if h in wanted]
    if present != list(wanted):
        missing = [w for w in wanted if w not in present]
        if missing:
            raise ContentError(
                path, body_line, f"missing section '## {missing[0]}' (a {kind} has: {', '.join(wanted)})"
            )
        raise ContentError(path, body_line, f"sections out of order; a {kind} has: {', '.join(wanted)}")


def _check_cause(mono: Monograph, data: dict[str, Any], path: Path, base: int) -> None:
    if data["urgency"] not in URGENCIES:
        raise ContentError(path, key_line(data, "urgency", base), f"urgency must be one of {', '.join(URGENCIES)}")
    _check_referral(data, path, base)
    if data["prevalence"] not in PREVALENCES:
        raise ContentError(
            path, key_line(data, "prevalence", base), f"prevalence must be one of {', '.join(PREVALENCES)}"
        )
    for key, scale in (("findings", FINDING_WEIGHTS), ("against", AGAINST_WEIGHTS)):
        mapping = data.get(key) or {}
        if not isinstance(mapping, dict):
            raise ContentError(path, key_line(data, key, base), f"'{key}' must map finding ids to weights")
        for fid, weight in mapping.items():
            if weight not in scale or isinstance(weight, bool):
                raise ContentError(
                    path,
                    key_line(mapping, fid, base),
                    f"weight of {fid!r} must be one of {', '.join(f'{w} ({n})' for w, n in scale.items())}",
                )
    if len(data["findings"] or {}) < 4:
        raise ContentError(path, key_line(data, "findings", base), "a cause maps at least four findings")
    both = set(data["findings"]) & set(data.get("against") or {})
    if both:
        raise ContentError(path, key_line(data, "against", base), f"finding(s) both for and against: {sorted(both)}")


def _check_referral(data: dict[str, Any], path: Path, base: int) -> None:
    """The referral phrase is one line that opens with the cause's urgency word."""
    referral = data["referral"]
    line = key_line(data, "referral", base)
    if not isinstance(referral, str) or not referral.strip() or "\n" in referral.strip():
        raise ContentError(path, line, "'referral' must be one line of text, e.g. 'Urgent: same-day assessment'")
    head = f"{data['urgency'].capitalize()}:"
    if not referral.strip().startswith(head):
        raise ContentError(
            path,
            line,
            f"'referral' must open with {head!r} to match urgency {data['urgency']!r} "
            f"({data['urgency']} = {URGENCY_MEANINGS[data['urgency']]})",
        )
    if "[[" in referral or "{{" in referral:
        raise ContentError(path, line, "'referral' is plain text; it cannot hold tokens")


def _check_steps(data: dict[str, Any], path: Path, base: int) -> None:
    steps = data["steps"]
    if not isinstance(steps, list) or len(steps) < 3:
        raise ContentError(path, key_line(data, "steps", base), "an algorithm has at least three steps")
    ids: set[str] = set()
    for step in steps:
        line = node_line(step, base)
        if not isinstance(step, dict):
            raise ContentError(path, line, "each step is a mapping")
        for key in ("id", "title", "action", "next"):
            if key not in step:
                raise ContentError(path, line, f"step is missing '{key}'")
        extra = set(step) - set(STEP_KEYS)
        if extra:
            raise ContentError(path, line, f"unknown step key(s): {', '.join(sorted(map(str, extra)))}")
        if step["id"] in ids:
            raise ContentError(path, key_line(step, "id", base), f"duplicate step id {step['id']!r}")
        ids.add(step["id"])
        ev = step.get("evidence")
        if ev and ev not in EVIDENCE_LEVELS:
            raise ContentError(path, key_line(step, "evidence", base), f"unknown evidence {ev!r}")
        for r in step.get("refers") or []:
            if not isinstance(r, str) or ":" not in r or r.split(":", 1)[0] not in KINDS:
                raise ContentError(path, key_line(step, "refers", base), f"refers entry {r!r} must be kind:id")
    for step in steps:
        for n in step.get("next") or []:
            if n not in ids:
                raise ContentError(
                    path, key_line(step, "next", base), f"next step {n!r} is not a step of this algorithm"
                )
