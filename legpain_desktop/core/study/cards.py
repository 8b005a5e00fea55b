"""Study cards drawn from the reviewed content (issue 19, item 1), without Qt.

Every card's answer is a value the content states (a cause's urgency, an algorithm's next step, a
drug's kidney row or maximum, a red-flag rule's title or action, a score item's points), so the
cards cannot disagree with the pages they come from; ``tests/core/test_study_cards.py`` checks
each answer against its source. Card ids are public contracts (saved reviews and Anki notes hang
on them): ``<kind>:<monograph>[:<item>]``, built from stable content ids, never a running number.

The cards are content: the build generates them from the parsed corpus, once, and stores them in
the database's ``cards`` table; the app and the CLI read them back with
``ContentRepository.cards()``. The question wording is ours (templates here); the facts are the
content's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from legpain_desktop.core.dosing.schema import DrugDosing, parse_drug
from legpain_desktop.core.model import steps_from

if TYPE_CHECKING:  # the corpus parser needs PyYAML, which the packaged app leaves out
    from legpain_desktop.core.sources.corpus import Corpus

KINDS = {
    "urgency": "Urgency and referral",
    "distinguish": "Which cause fits",
    "red-flag": "Red flags",
    "algorithm-step": "Algorithm steps",
    "renal": "Kidney dosing",
    "max-dose": "Maximum doses",
    "score": "Bedside scores",
}
URGENCY_WORDS = {
    "emergency": "Emergency: act now",
    "urgent": "Urgent: the same day",
    "soon": "Soon: within days to weeks",
    "routine": "Routine",
}


@dataclass(frozen=True)
class Card:
    """One card. ``answer`` is the fact the back states, as the source words it; ``source`` names
    where in the monograph (or rule, or score) it is stated."""

    id: str
    kind: str
    front: str
    back: str
    monograph: str
    section: str
    region: str
    answer: str
    source: str
    choices: tuple[str, ...] = field(default_factory=tuple)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def _mg(value: float) -> str:
    return f"{value:g} mg"


def _join(items: list[str], word: str = "and") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def _or(items: list[str]) -> str:
    return _join(items, "or")


def _name(title: str) -> str:
    """The drug a card is about: 'Morphine and other strong opioids' is dosed as morphine."""
    return title.split(" and other ")[0]


class _Content:
    """What the cards are made from, read once from the parsed corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.labels = {finding.id: finding.label for facet in corpus.facets for finding in facet.findings}
        self.causes = self._of_kind(corpus, "cause")
        self.algorithms = self._of_kind(corpus, "algorithm")
        self.drugs: dict[str, DrugDosing] = {}
        for drug_id, (title, meta) in self._of_kind(corpus, "drug").items():
            if meta.get("systemic"):
                self.drugs[drug_id] = parse_drug(drug_id, title, meta)
        self.red_flags = corpus.red_flags

    @staticmethod
    def _of_kind(corpus: Corpus, kind: str) -> dict[str, tuple[str, Mapping[str, Any]]]:
        """id -> (title, front matter), by id."""
        found = sorted((m.id, m.title, m.meta) for m in corpus.monographs.values() if m.kind == kind)
        return {mid: (title, meta) for mid, title, meta in found}

    def region_of(self, cause_id: str) -> str:
        """The region finding a cause weighs most (its label), or '' when it names none."""
        findings: Mapping[str, Any] = self.causes[cause_id][1].get("findings") or {}
        regions = sorted(((-int(w), fid) for fid, w in findings.items() if fid.startswith("region.")))
        return self.labels.get(regions[0][1], "") if regions else ""


def _urgency(content: _Content) -> Iterable[Card]:
    for cause_id, (title, meta) in sorted(content.causes.items()):
        urgency = str(meta.get("urgency") or "")
        if urgency not in URGENCY_WORDS:
            continue
        referral = " ".join(str(meta.get("referral") or "").split())
        if referral.lower().startswith(urgency):  # the referral already opens with the urgency word
            back = referral
        else:
            back = URGENCY_WORDS[urgency] + (f". {referral}" if referral else "")
        yield Card(
            f"urgency:{cause_id}", "urgency", f"{title}: how urgent is it, and who should see the patient?", back,
            cause_id, "urgency and referral", content.region_of(cause_id), urgency, "front matter: urgency",
        )  # fmt: skip


def _distinguish(content: _Content) -> Iterable[Card]:
    by_region: dict[str, list[str]] = {}
    for cause_id in sorted(content.causes):
        region = content.region_of(cause_id)
        if region:
            by_region.setdefault(region, []).append(cause_id)
    for cause_id, (title, meta) in sorted(content.causes.items()):
        region = content.region_of(cause_id)
        findings: Mapping[str, Any] = meta.get("findings") or {}
        clues: list[str] = []
        for _w, fid in sorted((-int(w), fid) for fid, w in findings.items()):
            if fid.startswith(("region.", "side.")) or int(findings[fid]) < 2 or fid not in content.labels:
                continue
            label = content.labels[fid].lower()
            if any(label in content.labels[c].lower() or content.labels[c].lower() in label for c in clues):
                continue  # two labels saying the same thing would read twice
            clues.append(fid)
            if len(clues) == 3:
                break
        others = [c for c in by_region.get(region, []) if c != cause_id]
        if len(clues) < 2 or len(others) < 2:
            continue
        distractors = sorted(others, key=lambda c: (hash_of(cause_id + c), c))[:3]
        choices = tuple(sorted([title, *(content.causes[c][0] for c in distractors)]))
        front = (
            f"Where it hurts: {region.lower()}. What the patient reports or you find: "
            f"{_join([content.labels[f].lower() for f in clues])}. Which fits best: {_or(list(choices))}?"
        )
        yield Card(
            f"distinguish:{cause_id}", "distinguish", front, title, cause_id, "findings", region, title,
            "front matter: findings " + ", ".join(clues), choices,
        )  # fmt: skip


def hash_of(text: str) -> int:
    """A stable number for a string (Python's hash() changes between runs)."""
    value = 0
    for char in text:
        value = (value * 131 + ord(char)) % 1_000_003
    return value


def _red_flags(content: _Content) -> Iterable[Card]:
    for rule in content.red_flags:
        causes = list(rule.get("causes") or [])
        monograph = causes[0] if causes else ""
        region = content.region_of(monograph) if monograph in content.causes else ""
        first = (rule.get("when") or [{}])[0]
        every = [content.labels[f].lower() for f in first.get("all", []) if f in content.labels]
        either = [content.labels[f].lower() for f in first.get("any", []) if f in content.labels]
        parts = ([_join(every)] if every else []) + ([f"any of {_or(either)}"] if either else [])
        rid, title, urgency = str(rule["id"]), str(rule["title"]), str(rule.get("urgency", ""))
        if parts:
            yield Card(
                f"red-flag:{rid}", "red-flag", f"Which red flag do these findings raise: {', with '.join(parts)}?",
                f"{title} ({urgency}).", monograph, "red flags", region, title, "red-flag rule: title",
            )  # fmt: skip
        if urgency in URGENCY_WORDS:
            yield Card(
                f"red-flag-urgency:{rid}", "red-flag", f"{title}: how urgent is it?", URGENCY_WORDS[urgency] + ".",
                monograph, "red flags", region, urgency, "red-flag rule: urgency",
            )  # fmt: skip
        action = " ".join(str(rule.get("action") or "").split())
        if action:
            yield Card(
                f"red-flag-action:{rid}", "red-flag", f"{title}: what should be done, and how fast?",
                f"{URGENCY_WORDS.get(urgency, urgency)}. {action}", monograph, "red flags", region, action,
                "red-flag rule: action",
            )  # fmt: skip


def _algorithm_steps(content: _Content) -> Iterable[Card]:
    for algo_id, (title, meta) in sorted(content.algorithms.items()):
        steps = steps_from(meta.get("steps"))
        by_id = {step.id: step for step in steps}
        if steps:
            first = steps[0]
            yield Card(
                f"algorithm-first:{algo_id}", "algorithm-step", f"{title}: what is the first step?",
                first.title, algo_id, "steps", "", first.title, f"front matter: steps {first.id}",
            )  # fmt: skip
        for step in steps:
            following = [by_id[n] for n in step.next if n in by_id]
            if len(following) != 1:
                continue  # a branch is asked as a whole by its own page, not as one next step
            after = following[0]
            yield Card(
                f"algorithm-step:{algo_id}:{step.id}", "algorithm-step",
                f"{title}: after \u201c{step.title}\u201d, what is the next step?", after.title,
                algo_id, "steps", "", after.title, f"front matter: steps {step.id} -> {after.id}",
            )  # fmt: skip


def _renal(content: _Content) -> Iterable[Card]:
    for drug_id, drug in content.drugs.items():
        if drug.renal is None:
            continue
        measure = "creatinine clearance" if drug.renal.measure == "crcl" else "eGFR"
        main = next((i.label.lower() for i in drug.indications if i.indication == drug.main_indication), "")
        use = f" (for {main})" if main else ""
        for band in drug.renal.bands:
            if band.avoid:
                answer = "avoid"
                back = f"Avoid in this band ({band.label})."
            elif band.daily_mg is not None:
                low, high = band.daily_mg.min, band.daily_mg.max
                answer = _mg(low) if low == high else f"{low:g} to {high:g} mg"
                back = f"{answer} a day" + (f", {band.frequency}" if band.frequency else "") + f" ({band.label})."
            else:
                continue
            yield Card(
                f"renal:{drug_id}:{_slug(band.label)}", "renal",
                f"{_name(drug.title)}{use} with {measure} in the band \u201c{band.label}\u201d: "
                "what is the daily dose?",
                back,
                drug_id, "kidney dosing", "", answer, f"front matter: dosing.renal.bands {band.label}",
            )  # fmt: skip


def _dialysis(content: _Content) -> Iterable[Card]:
    names = {"hd": "haemodialysis", "pd": "peritoneal dialysis"}
    for drug_id, drug in content.drugs.items():
        if drug.renal is None:
            continue
        for mode, rule in sorted(drug.renal.dialysis.items()):
            if mode not in names or not rule.text:
                continue
            answer = "avoid" if rule.basis == "avoid" else " ".join(rule.text.split())
            yield Card(
                f"dialysis:{drug_id}:{mode}", "renal",
                f"{_name(drug.title)} for a patient on {names[mode]}: what is the rule?",
                " ".join(rule.text.split()), drug_id, "kidney dosing", "", answer,
                f"front matter: dosing.renal.dialysis.{mode}",
            )  # fmt: skip


def _max_dose(content: _Content) -> Iterable[Card]:
    for drug_id, drug in content.drugs.items():
        for indication in drug.indications:
            if indication.max_daily_mg is None:
                continue
            answer = _mg(indication.max_daily_mg)
            loading = indication.loading
            when = " once the loading phase is over" if loading else ""
            back = f"{answer} a day" + (
                f" (the first {loading.days} days: {_mg(loading.daily_mg)} a day)" if loading else ""
            )
            back += ". The label's adult maximum; age, weight, kidney or liver function can lower it: see the page."
            yield Card(
                f"max-dose:{drug_id}:{indication.indication}", "max-dose",
                f"{_name(drug.title)} for {indication.label.lower()}: what is the most a day{when}?",
                back, drug_id, "dose", "", answer,
                f"front matter: dosing.indications {indication.indication} max_daily_mg",
            )  # fmt: skip


POINTS_SCORES = ("wells-dvt",)  # scores whose items carry different points (the others are rules)


def _scores() -> Iterable[Card]:
    from legpain_desktop.core.scores import SCORES

    for name, score in sorted(SCORES.items()):
        for item in score.ITEMS:
            if name in POINTS_SCORES:
                points = f"{item.points:+d}"
                yield Card(
                    f"score:{name}:{item.id}", "score",
                    f"{score.TITLE}: how many points does \u201c{item.label}\u201d score?",
                    f"{points} ({score.SOURCE}).", "", name, "", points, f"core/scores/{name}: items",
                )  # fmt: skip


def _thresholds() -> Iterable[Card]:
    """One item alone says little in a rule-based score (a clinical review found such cards
    misleading): the points score's threshold is asked instead."""
    from legpain_desktop.core.scores import SCORES

    for name in POINTS_SCORES:
        score = SCORES[name]
        likely = getattr(score, "LIKELY_FROM", None)
        if isinstance(likely, int):
            yield Card(
                f"score-threshold:{name}", "score", f"{score.TITLE}: from how many points is the result 'likely'?",
                f"{likely} points or more ({score.SOURCE}).", "", name, "", str(likely),
                f"core/scores/{name}: LIKELY_FROM",
            )  # fmt: skip
    yield from _index_cut_offs()


# The ankle-brachial index's cut-offs (core/scores/abi.py): (constant, the category it bounds, question).
INDEX_CUT_OFFS = (
    (
        "NON_COMPRESSIBLE_ABOVE",
        "non-compressible",
        "above which ankle-brachial index can the arteries not be compressed",
    ),
    ("NORMAL_FROM", "normal", "from which ankle-brachial index is the result normal"),
    ("BORDERLINE_FROM", "borderline", "from which ankle-brachial index (up to normal) is the result borderline"),
    ("SEVERE_AT_OR_BELOW", "severe", "at or below which ankle-brachial index is the disease severe"),
    ("TBI_ABNORMAL_AT_OR_BELOW", "tbi-abnormal", "at or below which toe-brachial index is the result abnormal"),
)


def _index_cut_offs() -> Iterable[Card]:
    """A measured index has no items: its cut-offs are what a student must know."""
    from legpain_desktop.core.scores import SCORES

    score = SCORES["abi"]
    for constant, category, question in INDEX_CUT_OFFS:
        cut_off = str(getattr(score, constant))
        yield Card(
            f"score-threshold:abi:{category}", "score", f"{question[0].upper()}{question[1:]}?",
            f"{score.STEPS[category]} ({score.SOURCE}).", "", "abi", "", cut_off, f"core/scores/abi: {constant}",
        )  # fmt: skip


def generate_cards(corpus: Corpus) -> list[Card]:
    """Every card, in a fixed order: by kind, then by source. Cards whose question is word for word
    another's are left out (two causes with the same leading findings cannot be told apart). The
    build calls this; the app reads the stored cards with ``ContentRepository.cards()``."""
    content = _Content(corpus)
    cards = [
        *_urgency(content),
        *_distinguish(content),
        *_red_flags(content),
        *_algorithm_steps(content),
        *_renal(content),
        *_dialysis(content),
        *_max_dose(content),
        *_scores(),
        *_thresholds(),
    ]
    fronts = Counter(c.front for c in cards)
    return [c for c in cards if fronts[c.front] == 1]


def review_table(cards: Iterable[Card]) -> str:
    """The Markdown listing clinicians review (content/study/cards-review.md)."""

    def cell(text: str) -> str:
        return " ".join(text.replace("|", "\\|").split())

    lines = [
        "# Study cards for review",
        "",
        "Generated by `legpain-desktop study cards --write-review content/study/cards-review.md` from the",
        "reviewed content; do not edit by hand. Each answer is a value its source states",
        "(tests/core/test_study_cards.py). Review the wording of the questions here.",
        "",
        "| id | kind | front | back | source |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {c.id} | {c.kind} | {cell(c.front)} | {cell(c.back)} | {cell(c.source)} |" for c in cards]
    return "\n".join(lines) + "\n"
