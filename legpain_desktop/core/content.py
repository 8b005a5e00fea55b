"""The content model: monograph sources on disk, parsed and validated.

Every problem is reported as a :class:`ContentError` naming the file and line, so that an author
can go straight to it. Nothing here touches the database or Qt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from legpain_desktop.core.model import (
    EVIDENCE_LEVELS,
    KIND_LABELS,
    KINDS,
    URGENCIES,
    ContentError,
    ContentErrors,
    Reference,
)

__all__ = [
    "EVIDENCE_LEVELS",
    "KINDS",
    "KIND_LABELS",
    "ContentError",
    "ContentErrors",
    "Corpus",
    "Monograph",
    "Reference",
    "load_corpus",
]

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

REPRODUCTIVE_FILE = "pregnancy-lactation.yaml"
COMMON_REQUIRED = ("id", "kind", "title", "summary", "synonyms", "related", "reviewed", "references")
COMMON_OPTIONAL = ("evidence",)
KIND_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (required, optional)
    "cause": (("urgency", "referral", "prevalence", "findings"), ("against", "algorithms", "drugs")),
    "drug": (("systemic",), ("classes", "dosing", "topical")),
    "algorithm": (("steps",), ("causes", "drugs")),
    "topic": ((), ()),
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
}
STEP_KEYS = ("id", "title", "action", "duration", "move_on", "refers", "next", "evidence")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INTERNAL_LINK = re.compile(r"\]\((cause|drug|algorithm|topic):([^)\s]*)\)")
REF_TOKEN = re.compile(r"\[\[ref:([^\]]*)\]\]")
EVIDENCE_TOKEN = re.compile(r"\[\[evidence:([^\]]*)\]\]")
DOSING_TOKEN = re.compile(r"\{\{dosing:([a-z]+)\}\}")
REFERRAL_TOKEN = re.compile(r"\[\[referral:([^\]]*)\]\]")
HEADING2 = re.compile(r"^## (.+?)\s*$", re.M)


# --------------------------------------------------------------------------- YAML with lines


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = LineDict()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a key must be plain text", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line
    mapping.line = node.start_mark.line
    return mapping


class LineDict(dict[Any, Any]):
    """A dict that remembers the (0-based, in-YAML) line of each key."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}
        self.line = 0


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)
# Dates stay text so that they validate and serialise the same way everywhere.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse YAML; errors become ContentError at the right file line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = exc.problem or exc.context or "malformed YAML"
        raise ContentError(path, line, f"malformed YAML: {problem}") from exc
    except yaml.YAMLError as exc:  # pragma: no cover - other YAML errors carry no mark
        raise ContentError(path, first_line, f"malformed YAML: {exc}") from exc


def key_line(mapping: Any, key: Any, base: int) -> int:
    """File line of ``key`` in a mapping loaded by :func:`load_yaml` starting at ``base``."""
    if isinstance(mapping, LineDict):
        return base + mapping.lines.get(key, mapping.line)
    return base


def node_line(mapping: Any, base: int) -> int:
    return base + mapping.line if isinstance(mapping, LineDict) else base


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    action: str
    duration: str
    move_on: str
    refers: tuple[str, ...]  # "kind:id"
    next: tuple[str, ...]
    evidence: str


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
        return [
            Step(
                id=str(s["id"]),
                title=str(s["title"]),
                action=str(s["action"]),
                duration=str(s.get("duration") or ""),
                move_on=str(s.get("move_on") or ""),
                refers=tuple(str(r) for r in s.get("refers") or ()),
                next=tuple(str(n) for n in s.get("next") or ()),
                evidence=str(s.get("evidence") or ""),
            )
            for s in self.meta.get("steps") or []
        ]

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


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Finding:
    id: str
    label: str
    facet: str


@dataclass(frozen=True)
class Facet:
    id: str
    label: str
    findings: tuple[Finding, ...]


def load_vocabulary(path: Path) -> list[Facet]:
    data = load_yaml(path.read_text(encoding="utf-8"), path)
    if not isinstance(data, dict) or not isinstance(data.get("facets"), list):
        raise ContentError(path, 1, "the vocabulary needs a 'facets' list")
    facets: list[Facet] = []
    seen: set[str] = set()
    for facet in data["facets"]:
        line = node_line(facet, 1)
        if not isinstance(facet, dict) or not {"id", "label", "findings"} <= set(facet):
            raise ContentError(path, line, "each facet needs id, label and findings")
        findings = []
        for f in facet["findings"]:
            fline = node_line(f, 1)
            if not isinstance(f, dict) or not {"id", "label"} <= set(f):
                raise ContentError(path, fline, "each finding needs id and label")
            extra = set(f) - {"id", "label", "hint"}
            if extra or not isinstance(f["label"], str):
                raise ContentError(
                    path,
                    fline,
                    f"finding {f['id']!r} has unexpected keys {sorted(map(str, extra))}: quote labels with commas",
                )
            if f["id"] in seen:
                raise ContentError(path, fline, f"duplicate finding id {f['id']!r}")
            seen.add(f["id"])
            findings.append(Finding(id=str(f["id"]), label=str(f["label"]), facet=str(facet["id"])))
        facets.append(Facet(id=str(facet["id"]), label=str(facet["label"]), findings=tuple(findings)))
    return facets


# --------------------------------------------------------------------------- corpus


@dataclass
class Corpus:
    root: Path
    monographs: dict[str, Monograph]
    facets: list[Facet]
    red_flags: list[dict[str, Any]]
    interactions: dict[str, Any]
    reproductive: dict[str, Any] = field(default_factory=dict)

    @property
    def finding_ids(self) -> set[str]:
        return {f.id for facet in self.facets for f in facet.findings}

    def of_kind(self, kind: str) -> list[Monograph]:
        return sorted((m for m in self.monographs.values() if m.kind == kind), key=lambda m: m.title.lower())


def source_files(root: Path) -> Iterator[Path]:
    """Every file that feeds the database, in a stable order."""
    for kind in KINDS:
        yield from sorted((root / KIND_FOLDERS[kind]).glob("*.md"))
    for name in ("findings.yaml", "red-flags.yaml", "interactions.yaml", REPRODUCTIVE_FILE):
        if (root / name).exists():
            yield root / name


def content_version(root: Path) -> str:
    """A hash of the sources: the same sources always give the same version."""
    digest = hashlib.sha256()
    for path in source_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def load_corpus(root: Path) -> Corpus:
    """Parse every source under ``root``; collect every error, then raise them together."""
    errors: list[ContentError] = []
    monographs: dict[str, Monograph] = {}
    for kind in KINDS:
        for path in sorted((root / KIND_FOLDERS[kind]).glob("*.md")):
            try:
                mono = parse_monograph(path)
            except ContentError as exc:
                errors.append(exc)
                continue
            if mono.id in monographs:
                other = monographs[mono.id].path
                errors.append(ContentError(path, 2, f"duplicate id {mono.id!r} (also in {other})"))
                continue
            monographs[mono.id] = mono
    facets: list[Facet] = []
    red_flags: list[dict[str, Any]] = []
    interactions: dict[str, Any] = {}
    try:
        facets = load_vocabulary(root / "findings.yaml")
    except ContentError as exc:
        errors.append(exc)
    except FileNotFoundError:
        errors.append(ContentError(root / "findings.yaml", 1, "the findings vocabulary is missing"))
    reproductive: dict[str, Any] = {}
    for name in ("red-flags.yaml", "interactions.yaml", REPRODUCTIVE_FILE):
        path = root / name
        if not path.exists():
            continue
        try:
            data = load_yaml(path.read_text(encoding="utf-8"), path)
        except ContentError as exc:
            errors.append(exc)
            continue
        if name == "red-flags.yaml":
            red_flags = list((data or {}).get("red_flags") or [])
        elif name == REPRODUCTIVE_FILE:
            reproductive = dict(data or {})
        else:
            interactions = dict(data or {})
    if errors:
        raise ContentErrors(errors)
    corpus = Corpus(root, monographs, facets, red_flags, interactions, reproductive)
    problems = validate_corpus(corpus)
    if problems:
        raise ContentErrors(problems)
    expand_referral_tokens(corpus)
    return corpus


def referrals(corpus: Corpus) -> dict[str, str]:
    """Each cause's front-matter ``referral`` phrase, by cause id."""
    return {m.id: str(m.meta["referral"]).strip() for m in corpus.monographs.values() if m.kind == "cause"}


WHEN_TO_REFER = re.compile(r"^## When to refer[ \t]*\n", re.M)


def expand_referral_tokens(corpus: Corpus) -> None:
    """Write each cause's referral phrase where a body names it with ``[[referral:id]]``.

    Done once, after validation, so the database, the CLI and the search index all show the
    phrase from the cause's front matter and no page restates it by hand. A cause whose own
    "When to refer" section does not show its referral gets it as the section's first line.
    """
    from legpain_desktop.core.render import expand_referrals

    phrases = referrals(corpus)
    for mono in corpus.monographs.values():
        own = f"[[referral:{mono.id}]]"
        if mono.id in phrases and own not in mono.body:
            mono.body = WHEN_TO_REFER.sub(f"\\g<0>\n{own}\n", mono.body, count=1)
        if "[[referral:" in mono.body:
            mono.body = expand_referrals(mono.body, phrases)


def validate_corpus(corpus: Corpus) -> list[ContentError]:
    """Cross-file checks: links resolve, findings exist, red flags and interactions are sound."""
    from legpain_desktop.core.dosing.schema import validate_drug  # local: dosing imports content
    from legpain_desktop.core.redflags import validate_red_flags

    errors: list[ContentError] = []
    ids = corpus.monographs
    finding_ids = corpus.finding_ids

    def known(kind: str | None, target: str) -> bool:
        mono = ids.get(target)
        return mono is not None and (kind is None or mono.kind == kind)

    for mono in ids.values():
        lines = mono.meta.get("_lines", {})
        for target in mono.related:
            if not known(None, target):
                errors.append(ContentError(mono.path, lines.get("related", 2), f"related id {target!r} does not exist"))
        for kind, target, line in mono.body_links():
            if not known(kind, target):
                errors.append(ContentError(mono.path, line, f"link to {kind}:{target} names no {kind} monograph"))
        for lineno, text in enumerate(mono.body.splitlines(), start=mono.body_line):
            for m in REFERRAL_TOKEN.finditer(text):
                if not known("cause", m.group(1)):
                    errors.append(
                        ContentError(mono.path, lineno, f"[[referral:{m.group(1)}]] names no cause monograph")
                    )
        for key, kind in (("algorithms", "algorithm"), ("drugs", "drug"), ("causes", "cause")):
            for target in mono.meta.get(key) or []:
                if not known(kind, target):
                    errors.append(ContentError(mono.path, lines.get(key, 2), f"{key} entry {target!r} names no {kind}"))
        if mono.kind == "cause":
            for key in ("findings", "against"):
                for fid in mono.meta.get(key) or {}:
                    if fid not in finding_ids:
                        errors.append(
                            ContentError(mono.path, lines.get(key, 2), f"unknown finding id {fid!r} in '{key}'")
                        )
        if mono.kind == "algorithm":
            for step in mono.steps:
                for ref in step.refers:
                    kind, _, target = ref.partition(":")
                    if not known(kind, target):
                        errors.append(
                            ContentError(mono.path, lines.get("steps", 2), f"step {step.id!r} refers to missing {ref}")
                        )
        if mono.kind == "drug":
            errors.extend(validate_drug(mono, corpus))
    errors.extend(validate_red_flags(corpus))
    errors.extend(_validate_interactions(corpus))
    errors.extend(_validate_reproductive(corpus))
    return errors


def _validate_reproductive(corpus: Corpus) -> list[ContentError]:
    """Every drug states its pregnancy and breastfeeding advice, each with a defined source."""
    from legpain_desktop.core.dosing.schema import DosingDataError, parse_reproductive

    path = corpus.root / REPRODUCTIVE_FILE
    drug_ids = {m.id for m in corpus.monographs.values() if m.kind == "drug"}
    if not corpus.reproductive:
        return (
            [ContentError(path, 1, "every drug needs pregnancy and breastfeeding advice; the file is missing")]
            if drug_ids
            else []
        )
    try:
        rules = parse_reproductive(corpus.reproductive)
    except DosingDataError as exc:
        return [ContentError(path, 1, str(exc))]
    errors = []
    for drug_id in sorted(drug_ids - set(rules)):
        errors.append(ContentError(path, 1, f"drug {drug_id!r} has no pregnancy and breastfeeding entry"))
    for drug_id in sorted(set(rules) - drug_ids):
        errors.append(ContentError(path, 1, f"{drug_id!r} is not a drug monograph"))
    return errors


def _validate_interactions(corpus: Corpus) -> list[ContentError]:
    """Rules name known drugs, classes and sources; every name in the vocabulary means one drug."""
    from legpain_desktop.core.dosing.interactions import InteractionChecker, parse_app_aliases, parse_sources
    from legpain_desktop.core.dosing.regimen import DOSE_CLASSES
    from legpain_desktop.core.dosing.schema import CLASSES, DosingDataError

    path = corpus.root / "interactions.yaml"
    if not corpus.interactions:
        return []
    drugs = {m.id: m for m in corpus.monographs.values() if m.kind == "drug"}
    try:
        checker = InteractionChecker({d: m.meta.get("classes") or () for d, m in drugs.items()}, corpus.interactions)
        aliases = parse_app_aliases(corpus.interactions)
        sources = {k.lower() for k in parse_sources(corpus.interactions)}
    except DosingDataError as exc:
        return [ContentError(path, 1, str(exc))]
    errors = []
    others = checker.other_classes
    for drug_id in sorted(set(aliases) - set(drugs)):
        errors.append(ContentError(path, 1, f"app_drugs names {drug_id!r}, which is not a drug monograph"))
    for name in sorted(set(others) & set(drugs)):
        errors.append(ContentError(path, 1, f"other drug {name!r} has a monograph; list its names under app_drugs"))
    sources |= {r.key.lower() for m in drugs.values() for r in m.references}
    other_classes = {c for cs in others.values() for c in cs}
    for rule in checker.rules:
        for group in rule.groups:
            for d in (group.drugs | group.excluded) - set(drugs) - set(others):
                errors.append(ContentError(path, 1, f"rule {rule.id!r} names unknown drug {d!r}"))
            for c in group.classes - set(CLASSES) - other_classes - DOSE_CLASSES:
                errors.append(ContentError(path, 1, f"rule {rule.id!r} names unknown class {c!r}"))
        for c in rule.count_classes - set(CLASSES) - other_classes:
            errors.append(ContentError(path, 1, f"rule {rule.id!r} counts unknown class {c!r}"))
        if rule.source.lower() not in sources:
            errors.append(
                ContentError(path, 1, f"rule {rule.id!r} cites {rule.source!r}, defined in no monograph or `sources`")
            )
        if rule.capped_drug is not None and rule.capped_drug not in drugs:
            errors.append(ContentError(path, 1, f"rule {rule.id!r} caps unknown drug {rule.capped_drug!r}"))
    return errors
