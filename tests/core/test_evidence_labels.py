"""Evidence labels agree with the type of the references they rest on (issue 13, item 8).

An ``[[evidence:X]]`` token grades the statement before it; the ``[[ref:KEY]]`` tokens that follow
it (up to the next evidence label or the end of the paragraph or list item) are its sources. The
label must be one that at least one of those sources can carry, by the table in
``content/AUTHORING.md`` ("Evidence labels and reference types"): a product label is not a
guideline, a narrative textbook is not a trial.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legpain_desktop.core.content import EVIDENCE_LEVELS, parse_monograph
from legpain_desktop.core.sources.monograph import REFERENCE_TYPES

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

# evidence label -> reference types that can carry it (at least one cited reference must be one).
# A label never claims more than its source: "guideline" needs a guideline (or published
# criteria), "systematic-review" a review, "label" a product label. Trial and observational
# findings may be cited from a secondary source that reports them (a guideline, review or
# product label: a label reports its registration trials and post-marketing cases). A textbook
# carries expert opinion only. Documented in content/AUTHORING.md.
SUPPORTED_BY: dict[str, frozenset[str]] = {
    "guideline": frozenset({"guideline", "criteria"}),
    "systematic-review": frozenset({"review"}),
    "trial": frozenset({"trial", "review", "guideline", "label"}),
    "observational": frozenset({"observational", "trial", "review", "guideline", "label", "criteria"}),
    "label": frozenset({"label"}),
    "expert-opinion": frozenset(REFERENCE_TYPES),
    "no-evidence": frozenset(REFERENCE_TYPES),
}
TOKEN = re.compile(r"\[\[(evidence|ref):([^\]]*)\]\]")
PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)|\n(?=\|)|\n(?=#)")


def graded_citations(body: str) -> list[tuple[str, list[str], str]]:
    """(label, cited keys, text) for each evidence token, its refs read up to the next label."""
    out = []
    for block in PARAGRAPH.split(body):
        label: str | None = None
        keys: list[str] = []
        for m in TOKEN.finditer(block):
            if m.group(1) == "evidence":
                if label is not None:
                    out.append((label, keys, block))
                label, keys = m.group(2), []
            elif label is not None:
                keys.append(m.group(2))
        if label is not None:
            out.append((label, keys, block))
    return out


def test_the_table_covers_every_evidence_value() -> None:
    assert set(SUPPORTED_BY) == set(EVIDENCE_LEVELS)
    assert all(types <= REFERENCE_TYPES for types in SUPPORTED_BY.values())


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("A dose [[evidence:guideline]] [[ref:a]] [[ref:b]].", [("guideline", ["a", "b"])]),
        ("X [[evidence:trial]] [[ref:a]]; Y [[evidence:label]] [[ref:b]].", [("trial", ["a"]), ("label", ["b"])]),
        ("- one [[evidence:guideline]]\n- two [[ref:a]]", [("guideline", [])]),
    ],
)
def test_graded_citations_reads_refs_up_to_the_next_label(body: str, expected: list[tuple[str, list[str]]]) -> None:
    assert [(label, keys) for label, keys, _ in graded_citations(body)] == expected


def test_evidence_labels_match_the_type_of_the_cited_references() -> None:
    problems = []
    for path in sorted(CONTENT.glob("*s/*.md")):
        mono = parse_monograph(path)
        types = {r.key: r.type for r in mono.references}
        for label, keys, text in graded_citations(mono.body):
            if not keys:
                continue
            cited = {types[k] for k in keys}
            if not cited & SUPPORTED_BY[label]:
                snippet = " ".join(text.split())[:110]
                problems.append(f"{path.relative_to(ROOT)}: [{label}] rests on {sorted(cited)} ({keys}): {snippet}")
    assert not problems, f"{len(problems)} mismatches:\n" + "\n".join(problems)


def test_the_product_label_value_renders() -> None:
    from legpain_desktop.core.content import Reference
    from legpain_desktop.core.render import markdown_to_html

    out = markdown_to_html("Dose [[evidence:label]] [[ref:l]].", [Reference("l", "A label.", 2020, "label")])
    assert '<span class="ev">[Product label]</span>' in out
