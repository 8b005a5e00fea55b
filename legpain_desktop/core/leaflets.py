"""Patient leaflets (issue 20): a plain-language page for every cause and drug.

A leaflet is a monograph of kind ``leaflet`` (``content/leaflets/<id>-leaflet.md``) that explains
the cause or drug named by its ``for``. Its "Get help now" box is never written by hand: for a
cause it is generated here from the red-flag rules (the rules that name the cause, then those
marked ``on_every_leaflet``), each rule saying its warning in the plain words of its ``patient``
line, so that a rule and its leaflet line cannot disagree. The cause or drug page links to its
leaflet, and the leaflet is searched and opened like any monograph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from legpain_desktop.core.model import ContentError
from legpain_desktop.core.sources.corpus import Corpus
from legpain_desktop.core.sources.monograph import HEADING2, LEAFLET_SECTIONS, Monograph

HELP_NOW_TITLE = "Get help now"
# What to do, by the urgency of the rule: the same words as the red-flag banner's urgency.
HELP_NOW_LEADS = {
    "emergency": "Call an ambulance or go to an emergency department now if:",
    "urgent": "See a doctor today if:",
}
# The box above every drug leaflet. A pharmacist's review (2026-12-04) refused the first wording,
# "Stop taking it and get medical help", for medicines that must never be stopped suddenly
# (baclofen, antidepressants, gabapentinoids, carbamazepine, antiplatelets after a stent), and asked
# for an ambulance level.
DRUG_HELP_NOW_AMBULANCE = (
    "you have trouble breathing, or swelling of your face, lips, tongue or throat",
    "you have chest pain, or bleeding that will not stop",
    "you faint, or someone who takes it cannot be woken or breathes very slowly",
)
DRUG_HELP_NOW = (
    "Get medical help at once if you have any of the serious side effects listed under **Serious side effects**."
)
DRUG_DO_NOT_STOP = (
    "Do not stop a medicine your doctor gave you without asking them first: some must not be stopped suddenly."
)
DISCLAIMER_FOR_PATIENTS = (
    "This leaflet gives general information. It does not replace the advice of the doctor, nurse or "
    "pharmacist who knows you."
)


def help_now_rules(
    cause_id: str, rules: Iterable[Mapping[str, Any]], left_out: Iterable[str] = (), also: Iterable[str] = ()
) -> list[Mapping[str, Any]]:
    """The red-flag rules a cause's leaflet shows: those naming the cause, then those for every
    leaflet; emergencies first, content order otherwise; each once. ``left_out`` are rules the
    leaflet leaves out because, for a patient who already has the condition, the rule's warning is
    the condition itself (the DVT rule on the DVT leaflet); the leaflet's text then says when a
    change in it needs help. ``also`` are rules that do not name the cause but whose warning its
    patients need (cauda equina on the sciatica leaflet): a rule's ``causes`` are the causes it
    pins in the differential, which is narrower than who should know its warning."""
    skip, extra = set(left_out), set(also)
    rules = [r for r in rules if r.get("id") not in skip]
    chosen = [r for r in rules if cause_id in (r.get("causes") or ()) or r.get("id") in extra]
    chosen += [r for r in rules if r.get("on_every_leaflet") and r not in chosen]
    return sorted(chosen, key=lambda r: list(HELP_NOW_LEADS).index(str(r["urgency"])))


def help_now_lines(
    cause_id: str, rules: Iterable[Mapping[str, Any]], left_out: Iterable[str] = (), also: Iterable[str] = ()
) -> dict[str, list[str]]:
    """Urgency -> the plain-language lines for that urgency, in the order shown."""
    lines: dict[str, list[str]] = {}
    for rule in help_now_rules(cause_id, rules, left_out, also):
        line = str(rule["patient"]).strip()
        bucket = lines.setdefault(str(rule["urgency"]), [])
        if line not in bucket:
            bucket.append(line)
    return lines


def help_now_markdown(lines: Mapping[str, Sequence[str]]) -> str:
    """The box, as the Markdown admonition the renderer draws as a danger box."""
    out = [f'!!! danger "{HELP_NOW_TITLE}"']
    for urgency, lead in HELP_NOW_LEADS.items():
        if lines.get(urgency):
            out += ["", f"    **{lead}**", ""]
            out += [f"    - {line}" for line in lines[urgency]]
    return "\n".join(out) + "\n"


def about(leaflet: Monograph, corpus: Corpus) -> Monograph | None:
    """The cause or drug a leaflet explains (None if its ``for`` names neither)."""
    target = corpus.monographs.get(str(leaflet.meta.get("for")))
    return target if target is not None and target.kind in LEAFLET_SECTIONS else None


def validate_leaflets(corpus: Corpus) -> list[ContentError]:
    """A leaflet explains a cause or a drug, in that kind's sections; one leaflet per monograph."""
    errors = []
    for leaflet in corpus.of_kind("leaflet"):
        line = leaflet.meta.get("_lines", {}).get("for", 2)
        target = about(leaflet, corpus)
        if target is None:
            errors.append(
                ContentError(leaflet.path, line, f"'for' must name a cause or a drug, not {leaflet.meta['for']!r}")
            )
            continue
        if "help_now_except" in leaflet.meta:
            left_out = leaflet.meta["help_now_except"]
            naming = sorted(str(r.get("id")) for r in corpus.red_flags if target.id in (r.get("causes") or ()))
            if not isinstance(left_out, list) or target.kind != "cause" or not set(left_out) <= set(naming):
                line = leaflet.meta.get("_lines", {}).get("help_now_except", 2)
                wanted = f"'help_now_except' lists red-flag rules that name the cause; these do: {naming}"
                errors.append(ContentError(leaflet.path, line, wanted))
        also = leaflet.meta.get("help_now_also")
        every_rule = {str(r.get("id")) for r in corpus.red_flags}
        if also is not None and (not isinstance(also, list) or target.kind != "cause" or not set(also) <= every_rule):
            line = leaflet.meta.get("_lines", {}).get("help_now_also", 2)
            errors.append(ContentError(leaflet.path, line, "'help_now_also' lists ids of red-flag rules"))
        first = HEADING2.search(leaflet.body)
        if first is None or first.group(1) != LEAFLET_SECTIONS[target.kind][0]:
            wanted = ", ".join(LEAFLET_SECTIONS[target.kind])
            errors.append(ContentError(leaflet.path, leaflet.body_line, f"a {target.kind}'s leaflet has: {wanted}"))
    return errors


def expand_leaflets(corpus: Corpus) -> None:
    """After validation: put the generated "Get help now" box at the top of each leaflet, and a link
    to the leaflet at the top of the page it explains (the CLI, the database and the search index
    all see the same text)."""
    for leaflet in corpus.of_kind("leaflet"):
        target = about(leaflet, corpus)
        if target is None:  # pragma: no cover - validation refuses it first
            continue
        if target.kind == "cause":
            left_out = leaflet.meta.get("help_now_except") or []
            also = leaflet.meta.get("help_now_also") or []
            box = help_now_markdown(help_now_lines(target.id, corpus.red_flags, left_out, also))
        else:
            lines = "\n".join(f"    - {line}" for line in DRUG_HELP_NOW_AMBULANCE)
            box = (
                f'!!! danger "{HELP_NOW_TITLE}"\n\n    **{HELP_NOW_LEADS["emergency"]}**\n\n{lines}\n\n'
                f"    {DRUG_HELP_NOW}\n\n    {DRUG_DO_NOT_STOP}\n"
            )
        leaflet.body = f"{box}\n*{DISCLAIMER_FOR_PATIENTS}*\n\n{leaflet.body.lstrip()}"
        link = f"*For patients:* [Patient leaflet: {leaflet.title}](leaflet:{leaflet.id})\n\n"
        target.body = link + target.body.lstrip()


def plain_text(markdown: str) -> str:
    """A leaflet's words as sentences, for reading-level scores: list items are sentences of their
    own (without a full stop they would run into the next line and count as one long sentence),
    paragraph lines are joined, and headings, Markdown marks and the admonition's title are left
    out (short labels would make the text look easier than it is)."""
    sentences: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            sentences.append(" ".join(paragraph))
            paragraph.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if line.startswith(("!!!", "#")):
            flush()
            continue
        starts_item = line.startswith(("- ", "* "))
        line = line.lstrip("-* ").replace("**", "").replace("*", "").strip()
        if not line or starts_item:
            flush()
        if not line:
            continue
        if starts_item:
            sentences.append(line)
        else:
            paragraph.append(line)
    flush()
    return " ".join(s if s[-1] in ".?!:" else s + "." for s in sentences)
