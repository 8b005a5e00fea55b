"""The content model: monograph sources on disk, parsed and validated.

Every problem is reported as a :class:`ContentError` naming the file and line, so that an author
can go straight to it. Nothing here touches the database or Qt.

Each concern has its own module (issue 15): the YAML reader with line numbers, one monograph file,
the findings vocabulary and the corpus container are in :mod:`legpain_desktop.core.sources`, which
depends on nothing above it; the checks that need a domain live with it (dosing data in
:mod:`legpain_desktop.core.dosing.schema` and ``dosing.content_checks``, red flags in
:mod:`legpain_desktop.core.redflags`). This module loads a corpus and runs the cross-file checks,
and names the public parts for the callers that import them from here.
"""

from __future__ import annotations

import re
from pathlib import Path

from legpain_desktop.core.dosing.content_checks import validate_interactions, validate_reproductive
from legpain_desktop.core.dosing.schema import validate_drug
from legpain_desktop.core.leaflets import expand_leaflets, validate_leaflets
from legpain_desktop.core.model import EVIDENCE_LEVELS, KIND_LABELS, KINDS, ContentError, ContentErrors, Reference, Step
from legpain_desktop.core.redflags import validate_red_flags
from legpain_desktop.core.render import expand_referrals
from legpain_desktop.core.sources.corpus import (
    REPRODUCTIVE_FILE,
    Corpus,
    content_version,
    read_corpus,
    referrals,
    source_files,
)
from legpain_desktop.core.sources.findings import Facet, Finding, load_vocabulary
from legpain_desktop.core.sources.monograph import (
    KIND_FOLDERS,
    REFERRAL_TOKEN,
    SECTIONS,
    URGENCY_MEANINGS,
    Monograph,
    parse_monograph,
)
from legpain_desktop.core.sources.yaml_lines import key_line, load_yaml, node_line

__all__ = [
    "EVIDENCE_LEVELS",
    "KINDS",
    "KIND_FOLDERS",
    "KIND_LABELS",
    "REPRODUCTIVE_FILE",
    "SECTIONS",
    "URGENCY_MEANINGS",
    "ContentError",
    "ContentErrors",
    "Corpus",
    "Facet",
    "Finding",
    "Monograph",
    "Reference",
    "Step",
    "content_version",
    "expand_referral_tokens",
    "key_line",
    "load_corpus",
    "load_vocabulary",
    "load_yaml",
    "node_line",
    "parse_monograph",
    "referrals",
    "source_files",
    "validate_corpus",
]


def load_corpus(root: Path) -> Corpus:
    """Parse every source under ``root`` and check the files against each other; collect every
    error, then raise them together."""
    corpus = read_corpus(root)
    problems = validate_corpus(corpus)
    if problems:
        raise ContentErrors(problems)
    expand_referral_tokens(corpus)
    expand_leaflets(corpus)
    return corpus


WHEN_TO_REFER = re.compile(r"^## When to refer[ \t]*\n", re.M)


def expand_referral_tokens(corpus: Corpus) -> None:
    """Write each cause's referral phrase where a body names it with ``[[referral:id]]``.

    Done once, after validation, so the database, the CLI and the search index all show the
    phrase from the cause's front matter and no page restates it by hand. A cause whose own
    "When to refer" section does not show its referral gets it as the section's first line.
    """
    phrases = referrals(corpus)
    for mono in corpus.monographs.values():
        own = f"[[referral:{mono.id}]]"
        if mono.id in phrases and own not in mono.body:
            mono.body = WHEN_TO_REFER.sub(f"\\g<0>\n{own}\n", mono.body, count=1)
        if "[[referral:" in mono.body:
            mono.body = expand_referrals(mono.body, phrases)


def validate_corpus(corpus: Corpus) -> list[ContentError]:
    """Cross-file checks: links resolve, findings exist, red flags and interactions are sound."""
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
    errors.extend(validate_leaflets(corpus))
    errors.extend(validate_interactions(corpus))
    errors.extend(validate_reproductive(corpus))
    return errors
