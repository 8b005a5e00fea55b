"""One source of truth for urgency and referral (issue 13, item 7).

Each cause's urgency and referral time live in its front matter (``urgency`` and ``referral``);
other pages show them through ``[[referral:cause-id]]``. These tests catch a page that restates a
referral time by hand and contradicts the cause, a red-flag rule whose urgency disagrees with the
causes it names, and a warning-box title that calls a cause more or less urgent than it is.

Urgency words mean the same everywhere: emergency = now, by ambulance or within the hour;
urgent = the same day; routine = otherwise, with the time stated.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legpain_desktop.core.content import Corpus, load_corpus, parse_monograph
from legpain_desktop.core.render import expand_referrals
from legpain_desktop.core.sources.monograph import REFERRAL_TOKEN

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
ORDER = ("routine", "urgent", "emergency")

# Phrases that state how soon, by the urgency class they belong to. "Within days", "same week"
# and "within 2 weeks" are routine-with-a-time: they are not the same day.
TIME_PHRASES = {
    "emergency": re.compile(
        r"\bemergenc(?:y|ies)\b(?! department)|\bimmediately\b|\bambulance\b|\b999\b|\bsame hour\b"
        r"|\bwithin the hour\b|\bcall emergency\b",
        re.I,
    ),
    "urgent": re.compile(
        r"\bsame[- ]day\b|\burgent(?:ly)?\b|\bwithin (?:4|24) hours\b|\bsame or next day\b|\btoday\b", re.I
    ),
    "routine": re.compile(
        r"\bsame week\b|\bwithin (?:a few |several )?days\b|\bwithin (?:about )?(?:a|one|two|three|\d+) weeks?\b"
        r"|\broutine\b|\bwithin 48 hours\b|\bwithin \d+ months?\b|\bwithin days\b",
        re.I,
    ),
}
LINK = re.compile(r"\]\(cause:([a-z0-9-]+)\)")
TOKEN = re.compile(r"\[\[[a-z-]+:[^\]]*\]\]")
SENTENCE_END = re.compile(r"(?<=[.;])\s+")


def time_classes(text: str) -> set[str]:
    """The urgency classes that a piece of text states (empty when it states no time)."""
    return {name for name, pattern in TIME_PHRASES.items() if pattern.search(text)}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CONTENT)


def raw_bodies() -> dict[str, tuple[Path, str]]:
    """Bodies as written (before referral tokens are expanded), by id."""
    out = {}
    for path in sorted(CONTENT.glob("*s/*.md")):
        mono = parse_monograph(path)
        out[mono.id] = (path, mono.body)
    return out


def clauses(body: str) -> list[str]:
    """Sentences and semicolon clauses, with wrapped bullet lines joined and tokens removed."""
    # a box title is a statement of its own
    blocks = re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)|\n(?=#)|\n(?=!!!)|\n(?=\|)|(?<=\")\n(?=    )", body)
    out: list[str] = []
    for block in blocks:
        flat = " ".join(line.strip() for line in block.splitlines())
        for cell in flat.split("|"):  # table cells are separate statements
            out.extend(SENTENCE_END.split(TOKEN.sub("", cell)))
    return out


def allowed_classes(corpus: Corpus) -> dict[str, set[str]]:
    """For each cause, the urgency classes its own referral phrase names (all its tiers)."""
    out = {}
    for mono in corpus.of_kind("cause"):
        phrase = str(mono.meta["referral"])
        out[mono.id] = time_classes(phrase) | {mono.meta["urgency"]}
    return out


def test_every_cause_has_a_referral_that_opens_with_its_urgency(corpus: Corpus) -> None:
    for mono in corpus.of_kind("cause"):
        referral = str(mono.meta["referral"])
        assert referral.startswith(mono.meta["urgency"].capitalize() + ":"), mono.id


def test_referral_tokens_are_expanded_from_front_matter(corpus: Corpus) -> None:
    raw = raw_bodies()
    used = 0
    for mono in corpus.monographs.values():
        assert "[[referral:" not in mono.body, mono.id
        for m in REFERRAL_TOKEN.finditer(raw[mono.id][1]):
            used += 1
            phrase = str(corpus.monographs[m.group(1)].meta["referral"])
            assert phrase.split(":", 1)[1].strip() in mono.body, (mono.id, m.group(1))
    assert used >= 20, "algorithms and topics show referrals through the token"


def test_every_cause_page_shows_its_own_referral_under_when_to_refer(corpus: Corpus) -> None:
    for mono in corpus.of_kind("cause"):
        section = mono.body.split("## When to refer", 1)[1]
        phrase = str(mono.meta["referral"]).split(":", 1)[1].strip()
        assert phrase in section, mono.id


def test_expand_referrals_bolds_the_urgency_word() -> None:
    out = expand_referrals("Rupture: [[referral:x]]; [[referral:nope]]", {"x": "Urgent: same-day clinic"})
    assert out == "Rupture: **Urgent:** same-day clinic; [[referral:nope]]"


def name_patterns(corpus: Corpus) -> dict[str, re.Pattern[str]]:
    """Each cause's title and longer multi-word synonyms, to find mentions that carry no link."""
    out = {}
    for mono in corpus.of_kind("cause"):
        names = {re.sub(r"\s*\(.*?\)", "", mono.title)} | {s for s in mono.synonyms if len(s) >= 12 and " " in s}
        alternatives = "|".join(sorted((re.escape(n) for n in names if n), key=len, reverse=True))
        out[mono.id] = re.compile(rf"\b(?:{alternatives})\b", re.I)
    return out


def test_no_page_restates_a_referral_time_that_contradicts_the_cause(corpus: Corpus) -> None:
    """Heuristic: a clause that names cause X (a link, its title or a long synonym) and states a
    time must share an urgency class with X's referral."""
    allowed = allowed_classes(corpus)
    names = name_patterns(corpus)
    problems = []
    for mono_id, (path, body) in raw_bodies().items():
        for clause in clauses(body):
            stated = time_classes(clause)
            if not stated:
                continue
            mentioned = set(LINK.findall(clause)) | {cid for cid, rx in names.items() if rx.search(clause)}
            for target in sorted(mentioned):
                if target == mono_id or target not in allowed:
                    continue
                if not stated & allowed[target]:
                    problems.append(
                        f"{path.relative_to(ROOT)}: says {sorted(stated)} for {target} "
                        f"({corpus.monographs[target].meta['referral']!r}): {clause.strip()[:160]}"
                    )
    assert not problems, "\n".join(problems)


def test_heuristic_catches_the_disagreements_issue_13_found() -> None:
    achilles = {"urgent"}
    assert not time_classes("Same week to orthopaedics for a rupture") & achilles
    assert time_classes("Urgent vascular review (seen within days)") == {"urgent", "routine"}
    assert time_classes("Same-day assessment in a fracture clinic") & achilles
    assert time_classes("Send to the emergency department") == set()


URGENT_WORD = re.compile(r"\burgent(?:ly)?\b", re.I)
ROUTINE_TIME = re.compile(
    r"\bsame week\b|\bwithin (?:a few |several |about )?(?:days|a week|one week|\d+ weeks?)\b", re.I
)
# NICE's own names for its timed pathways, quoted as such (NG12 "very urgent", "urgent direct access")
NICE_TERMS = re.compile(r'very urgent|"urgent direct access"|NICE.s "urgently"', re.I)


def test_urgent_always_means_the_same_day() -> None:
    """'Urgent' next to 'within days' or 'within 2 weeks' gives the word two meanings."""
    planted = "**Urgent (within days):** suspected bone or joint TB"
    assert URGENT_WORD.search(planted) and ROUTINE_TIME.search(planted)
    problems = []
    for _mono_id, (path, body) in raw_bodies().items():
        for clause in clauses(body):
            if URGENT_WORD.search(NICE_TERMS.sub("", clause)) and ROUTINE_TIME.search(clause):
                problems.append(f"{path.relative_to(ROOT)}: {' '.join(clause.split())[:160]}")
    assert not problems, "\n".join(problems)


def test_red_flag_urgency_agrees_with_the_causes_it_names(corpus: Corpus) -> None:
    """A rule never downgrades a cause, and it matches at least one cause unless it escalates one."""
    # Rules that are more urgent than every cause they name, because they fire on a complication
    # that is itself an emergency (each is said in the rule's message and in the cause's referral).
    escalations = {
        "pulmonary-embolism": "a clot that has reached the lungs (DVT's referral: emergency for breathlessness)",
        "spinal-infection-with-deficit": "cord or cauda equina compression (emergency with a deficit)",
        "sepsis": "sepsis from any infection named (their referrals: emergency with sepsis)",
        "possible-hip-fracture": "a fracture after a fall (stress fracture's referral: same day for the femoral neck)",
        "hip-fracture-unwell": "unwell after a fall or a long lie (hip fracture's referral: emergency when unwell)",
        "spinal-cord-compression-cancer": "cord compression by a metastasis (the tumour's referral: emergency for it)",
    }
    # A rule less urgent than a cause it names, because it fires on that cause's own lower tier
    # (stated in the cause's referral, checked below): spinal pain from a metastasis without
    # neurological features is urgent, the compression itself an emergency (NICE NG234).
    lower_tiers = {
        ("spinal-metastasis", "metastatic-spinal-cord-compression"): "spinal pain without neurological features",
    }
    causes = {m.id: m for m in corpus.of_kind("cause")}
    for rule in corpus.red_flags:
        named = [causes[c] for c in rule["causes"]]
        levels = {m.id: ORDER.index(m.meta["urgency"]) for m in named}
        rule_level = ORDER.index(rule["urgency"])
        for cid, level in levels.items():
            if (rule["id"], cid) in lower_tiers:
                assert rule["urgency"] in time_classes(str(causes[cid].meta["referral"])), (rule["id"], cid)
                continue
            assert rule_level >= level, f"rule {rule['id']} ({rule['urgency']}) downgrades {cid}"
        if rule["id"] in escalations:
            for m in named:
                assert rule["urgency"] in time_classes(str(m.meta["referral"])), (rule["id"], m.id)
            continue
        assert rule_level in levels.values(), f"rule {rule['id']} ({rule['urgency']}) matches no cause: {levels}"


def test_red_flag_actions_agree_with_the_referral_of_their_causes(corpus: Corpus) -> None:
    causes = {m.id: m for m in corpus.of_kind("cause")}
    for rule in corpus.red_flags:
        stated = time_classes(str(rule["action"])) | {rule["urgency"]}
        for cid in rule["causes"]:
            tiers = time_classes(str(causes[cid].meta["referral"])) | {causes[cid].meta["urgency"]}
            assert stated & tiers, (rule["id"], cid)


BOX = re.compile(r'^!!! (danger|warning|note) "([^"]*)"', re.M)
QUALIFIER = re.compile(r"\b(?:when|if|with|once|unless)\b", re.I)


def test_box_titles_in_cause_monographs_agree_with_front_matter_urgency(corpus: Corpus) -> None:
    """A box titled 'Emergency' on an urgent cause (or 'Urgent' on an emergency) contradicts it."""
    problems = []
    for mono in corpus.of_kind("cause"):
        for kind, title in BOX.findall(mono.body):
            # a title that opens with an urgency word states the cause's urgency
            if not re.match(r"(Emergency|Urgent|Routine)\b", title, re.I) or QUALIFIER.search(title):
                continue
            words = {w.lower() for w in re.findall(r"\b(Emergency|Urgent|Routine)\b", title, re.I)}
            if mono.meta["urgency"] not in words:
                problems.append(f"{mono.id}: box {title!r} but urgency {mono.meta['urgency']}")
            if kind == "danger" and mono.meta["urgency"] == "routine":
                problems.append(f"{mono.id}: danger box {title!r} on a routine cause")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- the validator


def _fixture_copy(tmp_path: Path) -> Path:
    import shutil

    from tests.conftest import FIXTURE_CONTENT

    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


def _errors(root: Path) -> str:
    from legpain_desktop.core.content import ContentErrors

    try:
        load_corpus(root)
    except ContentErrors as exc:
        return str(exc)
    return ""


def test_validator_requires_a_referral_that_matches_the_urgency(tmp_path: Path) -> None:
    root = _fixture_copy(tmp_path)
    clot = root / "causes" / "sample-clot.md"
    text = clot.read_text()
    clot.write_text(text.replace('referral: "Emergency: now, by ambulance."\n', ""))
    assert "missing key 'referral'" in _errors(root)
    clot.write_text(text.replace('"Emergency: now, by ambulance."', '"Urgent: the same day."'))
    assert "must open with 'Emergency:'" in _errors(root)


def test_validator_rejects_referral_tokens_naming_unknown_causes(tmp_path: Path) -> None:
    root = _fixture_copy(tmp_path)
    topic = next((root / "topics").glob("*.md"))
    topic.write_text(topic.read_text() + "\nSee [[referral:no-such-cause]].\n")
    assert "[[referral:no-such-cause]] names no cause monograph" in _errors(root)
    topic.write_text(topic.read_text().replace("no-such-cause", "sample-clot"))
    assert _errors(root) == ""
    body = load_corpus(root).monographs[topic.stem].body
    assert "**Emergency:** now, by ambulance." in body and "[[referral:" not in body
