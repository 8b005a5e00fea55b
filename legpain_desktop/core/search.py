"""Turning what a user types into safe FTS5 queries that forgive how people type (issue 14).

User text is never passed raw to ``MATCH``. It is:

1. **normalised**: Unicode NFKC (full-width "ＤＶＴ" is "DVT"), soft hyphens and other invisible
   characters removed, curly quotes straightened;
2. **parsed**: quoted phrases, ``OR`` and ``NOT`` (upper case, as a user writes them) work as a
   user expects; a lone ``AND``, ``OR`` or ``NOT`` is an ordinary word; a hyphenated letter
   compound ("x-ray", "t-PA") is one phrase, not "x" and "ray"; "8%" searches "8";
3. **reduced**: stop words of questions ("why does my ...") are dropped, with no limit on the
   number of words;
4. **folded**: each word is searched in its British and American spellings (oedema/edema,
   ischaemia/ischemia, tumour/tumor, paediatric/pediatric, haematoma/hematoma, ...);
5. **quoted**: every word becomes a quoted prefix term, so ``*``, ``-``, ``:``, parentheses and
   stray quotes lose any meaning.

The repository runs the plan: every word required first; when that finds too little, any of the
words (ranked by how many match); a word found nowhere in the index is corrected to the closest
title or synonym word (never a correct word: only one the index lacks), and the correction is
reported so the user can undo it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MAX_TOKEN_LENGTH = 40
MAX_WORDS = 64  # a safety bound on pasted essays, far beyond any question
MIN_PREFIX_LENGTH = 2  # a one-letter word being typed matches nearly everything: wait for more
SHORT_PREFIX_LENGTH = 3  # a two-letter start searches titles and synonyms only
MIN_CORRECTABLE = 4  # shorter unknown words are abbreviations or noise, never "corrected"
SNIPPET_ROWS = 12  # hits that get a highlighted snippet (the rest show their summary)
SNIPPET_OPEN = "\x02"
SNIPPET_CLOSE = "\x03"

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A token of the raw text: a quoted phrase, or a run of non-space characters.
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
# Letters joined by hyphens where one part is a single letter or an abbreviation: "x-ray", "t-PA".
_COMPOUND = re.compile(r"^(?:[^\W_]+-)+[^\W_]+$", re.UNICODE)

STOP_WORDS = frozenset(
    """
    a about after again all also am an and any are as at be because been before being both but by
    can could did do does doing done during each few for from further get gets getting got had has
    have having he her here hers him his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our out over own same she should so some
    such than that the their them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    keep keeps kind lot lots really thing things something sometimes often
    """.split()
)

# Everyday words a patient or student writes in a question. When the index lacks one it is left
# out of the required words, never "corrected" into a medical word ("heard a pop" is not "hard a
# pop"). Only words outside this list and the index are corrected.
EVERYDAY_WORDS = frozenset(
    """
    ache aches aching acting activity afternoon ago almost always ankle ankles anything around
    asleep awake away back bad badly bed bedtime behind bend bending bent best better big bike
    bit black blue body bottom bought break broke broken bump burn burns came car carry cause
    caused causes chair change changed climb climbing cold come comes coming constant cross day
    days deep did doctor down dull during early easier eases easing evening ever every exercise
    exercising fall fallen falling fast feel feeling feels feet fell felt few fine first flight
    floor foot football foward forward front gets getting give goes going gone good got gradually
    ground gym hand happen happened happens hard heard hear heavy help helps hold holding home
    hot hour hours hurt hurting hurts inside injury itch itchy jog jogging jump jumping keeps
    kids knee knees know last late leg legs lie lift lifting like little long look looks lot
    low lying made make makes many mild minute minutes month months morning move moving much
    must nearly need needs new next nice night nights normal nothing noticed numb often old
    once outside pain painful pains past people pop popped popping press pressing pulled push
    put quick quite rest resting ride riding right rising run running same sat saw say see seems
    sharp shoe shoes short side sit sits sitting sleep sleeping slow small sore sport sports
    stairs stand standing start started starting still stop stopped straight stretch stretching
    strong sudden suddenly swim swimming take taking tell thigh thighs think tight tired today
    toes told top touch train training tried try trying turn turned twist twisted two up use
    used walk walked walking want warm was wear week weeks weight well went wet whole woke
    work working worse worst year years yesterday young
    """.split()
)

# British and American spellings (British first). Each pair is applied where it is anchored, so
# "oedema" and "edema" find each other but "bedside" does not become "boedside". A variant that
# matches nothing costs nothing: the forms are searched together (OR), never instead.
_SPELLINGS: tuple[tuple[str, str], ...] = (
    (r"^oedem", "edem"),
    (r"^oesophag", "esophag"),
    (r"^oestr", "estr"),
    (r"^coeliac", "celiac"),
    (r"^foet", "fet"),
    (r"^diarrhoe", "diarrhe"),
    (r"^dyspnoe", "dyspne"),
    (r"^haem", "hem"),
    (r"^anaem", "anem"),
    (r"^anaesth", "anesth"),
    (r"^paraesth", "paresth"),
    (r"^paed", "ped"),
    (r"orthopaed", "orthoped"),
    (r"^leukaem", "leukem"),
    (r"aemi", "emi"),  # ischaemia, septicaemia, hyperkalaemia
    (r"^tumour", "tumor"),
    (r"^colour", "color"),
    (r"^behaviour", "behavior"),
    (r"^fibre", "fiber"),
    (r"^centre", "center"),
    (r"^litre", "liter"),
    (r"^sulph", "sulf"),
    (r"^mobilis", "mobiliz"),
    (r"isation", "ization"),
    (r"^immobilis", "immobiliz"),
    (r"^grey", "gray"),
)


@functools.cache
def _spelling_rules() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]]]:
    """(UK to US, US to UK) rules, compiled at the first search rather than at every start-up
    (52 patterns, about 3 ms before the window's first paint)."""
    uk_to_us = [(re.compile(uk), us) for uk, us in _SPELLINGS]
    us_to_uk = [
        (re.compile(("^" if uk.startswith("^") else "") + re.escape(us)), uk.lstrip("^")) for uk, us in _SPELLINGS
    ]
    return uk_to_us, us_to_uk


def normalise(text: str) -> str:
    """NFKC, invisible characters removed, quotes straightened, dotted abbreviations joined
    ("d.v.t." is "dvt"), lower case."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_QUOTES)
    return _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text).lower()


# Lay words and the pages' words for them: a question says "hurts" or "pee", the page says "pain"
# or "urine". The word itself is searched too unless it is only a lay stand-in (None first).
LAY_WORDS: dict[str, tuple[str, ...]] = {
    "hurt": ("pain",),
    "hurts": ("pain",),
    "hurting": ("pain",),
    "sore": ("pain", "tender"),
    "achy": ("ache", "aching"),
    "pee": ("urine", "urinary", "bladder"),
    "peeing": ("urine", "urinary", "bladder"),
    "wee": ("urine", "urinary", "bladder"),
    "poo": ("bowel", "stool"),
    "numb": ("numb", "numbness"),
    "flight": ("flight", "journey", "travel", "immobility"),
    "flights": ("flight", "journey", "travel", "immobility"),
    "plane": ("flight", "journey", "travel"),
    "circulation": ("circulation", "arterial", "artery"),
}
_DOTTED = re.compile(r"\b((?:[^\W\d_]\.){2,})", re.UNICODE)  # d.v.t. is dvt


def spelling_variants(word: str) -> list[str]:
    """``word`` and its other national spellings, ``word`` first; for a lay word, the pages' own
    words instead (a question's "hurts" is the pages' "pain")."""
    if word in LAY_WORDS:
        return list(LAY_WORDS[word])
    out = [word]
    for rules in _spelling_rules():
        for pattern, replacement in rules:
            changed = pattern.sub(replacement, word, count=1)
            if changed != word and changed not in out and len(changed) >= MIN_PREFIX_LENGTH:
                out.append(changed)
    return out


def folded_key(text: str) -> str:
    """A title, synonym or query reduced for exact comparison: words only, American spelling."""
    words = []
    for word in query_words(text):
        if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            continue
        for pattern, replacement in _spelling_rules()[0]:
            word = pattern.sub(replacement, word, count=1)
        words.append(word)
    return " ".join(words)


def query_words(text: str) -> list[str]:
    """The searchable words of ``text`` (letters and digits only), normalised."""
    return [w[:MAX_TOKEN_LENGTH] for w in _WORD.findall(normalise(text))][:MAX_WORDS]


@dataclass(frozen=True)
class Term:
    """One thing to find: a word (prefix-searched, with its spelling variants) or a phrase."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = True
    also: tuple[str, ...] = ()  # other whole words that count as this term ("tpa" for "t-pa")

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class ParsedQuery:
    """What the user asked for: terms that must match (any of each group), and terms to exclude."""

    groups: tuple[tuple[Term, ...], ...]  # each group: alternatives joined by OR
    excluded: tuple[Term, ...] = ()
    dropped: tuple[str, ...] = ()  # stop words left out

    @property
    def terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]


def parse(text: str) -> ParsedQuery:
    """Split the text into terms, honouring "phrases", OR, NOT and hyphenated compounds."""
    raw = normalise(text)
    source = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_QUOTES)
    tokens: list[tuple[str, bool, str]] = []  # (text, quoted, original case)
    originals = [m.group(1) if m.group(1) is not None else m.group(2) for m in _TOKEN.finditer(source)]
    for i, m in enumerate(_TOKEN.finditer(raw)):
        quoted = m.group(1) is not None
        tokens.append((m.group(1) if quoted else m.group(2), quoted, originals[i] if i < len(originals) else ""))
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    dropped: list[str] = []
    join_next = negate_next = False
    has_words = any(not q and orig not in ("OR", "NOT", "AND") for _t, q, orig in tokens) or any(
        q for _t, q, _o in tokens
    )
    for index, (token, quoted, original) in enumerate(tokens):
        if not quoted and original in ("OR", "NOT", "AND") and has_words and 0 < index < len(tokens) - 1:
            join_next = original == "OR" and bool(groups)
            negate_next = original == "NOT"
            continue
        negate = negate_next or (not quoted and token.startswith("-") and len(token) > 1 and bool(groups))
        negate_next = False
        terms = _terms_of(token.lstrip("-") if negate and not quoted else token, quoted, dropped)
        if not terms:
            join_next = False
            continue
        if negate:
            excluded.extend(terms)
        elif join_next and groups:
            groups[-1].extend(terms[:1])
            groups.extend([t] for t in terms[1:])
        else:
            groups.extend([t] for t in terms)
        join_next = False
    return ParsedQuery(tuple(tuple(g) for g in groups)[:MAX_WORDS], tuple(excluded), tuple(dropped))


def _terms_of(token: str, quoted: bool, dropped: list[str]) -> list[Term]:
    if quoted:
        words = tuple(w[:MAX_TOKEN_LENGTH] for w in _WORD.findall(token))
        return [Term(words, phrase=True, prefix=False)] if words else []
    stripped = token.strip("'.,;:!?()[]{}<>*")
    if _COMPOUND.match(stripped) and "-" in stripped:
        parts = tuple(p[:MAX_TOKEN_LENGTH] for p in stripped.split("-") if p)
        if min(len(p) for p in parts) <= 2:  # x-ray, t-pa, b12-deficiency: one term, in order
            return [Term(parts, phrase=True, prefix=True, also=("".join(parts),))]
    out = []
    for word in _WORD.findall(stripped):
        word = word[:MAX_TOKEN_LENGTH]
        if word in STOP_WORDS:
            dropped.append(word)
            continue
        if len(word) == 1 and not word.isdigit():  # the s of "Baker's", a stray initial
            continue
        if word.isdigit():  # "8%", "75": a number is itself, not the start of 80 or 750
            out.append(Term((word,), prefix=False))
        else:
            out.append(Term((word,)))
    return out


def _quoted(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


def term_expression(term: Term, last: bool = False) -> str | None:
    """The FTS5 expression for one term: its spelling variants joined by OR."""
    if term.phrase:
        body = " ".join(term.words)
        parts = [_quoted(body) + ("*" if term.prefix and last else ""), *(_quoted(w) for w in term.also)]
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
    word = term.words[0]
    if last and len(word) < MIN_PREFIX_LENGTH and not word.isdigit():
        return None
    star = "*" if term.prefix else ""
    variants = spelling_variants(word) if len(word) >= MIN_CORRECTABLE or word in LAY_WORDS else [word]
    parts = [_quoted(v) + star for v in variants] + [_quoted(w) for w in term.also if w not in variants]
    if last and term.prefix and len(word) < SHORT_PREFIX_LENGTH:
        return "{title synonyms} : " + parts[0]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def match_expression(parsed: ParsedQuery, require_all: bool = True) -> str | None:
    """An FTS5 MATCH expression: every group required (or any, for the loose pass), exclusions
    applied. None when there is nothing to search for."""
    terms = parsed.terms
    last = terms[-1] if terms else None
    group_exprs = []
    for group in parsed.groups:
        exprs = [e for e in (term_expression(t, t is last) for t in group) if e]
        if exprs:
            group_exprs.append(exprs[0] if len(exprs) == 1 else "(" + " OR ".join(exprs) + ")")
    if not group_exprs:
        return None
    joined = " AND ".join(group_exprs) if require_all else " OR ".join(group_exprs)
    if len(group_exprs) > 1 and not require_all:
        joined = "(" + joined + ")"
    for term in parsed.excluded:
        expr = term_expression(term)
        if expr:
            joined = f"{joined} NOT {expr}"
    return joined


def fts_query(text: str) -> str | None:
    """The strict MATCH expression for ``text`` (every word required); None for nothing to find."""
    return match_expression(parse(text))


# ---------------------------------------------------------------------- typo correction


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), or ``limit + 1`` once above it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(word: str) -> int:
    """Edits forgiven: one in a short word, two in most, three in a long one (tromboflebitis)."""
    if len(word) <= 5:
        return 1
    return 2 if len(word) < 10 else 3


def closest(word: str, vocabulary: Iterable[str]) -> str | None:
    """The vocabulary word nearest to ``word`` within its allowed distance; ties go to the word
    sharing the first letter, then the shorter, then the alphabetically first."""
    limit = allowed_distance(word)
    best: tuple[int, int, int, str] | None = None
    for candidate in vocabulary:
        if candidate == word or abs(len(candidate) - len(word)) > limit:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance > limit:
            continue
        key = (distance, 0 if candidate[:1] == word[:1] else 1, len(candidate), candidate)
        if best is None or key < best:
            best = key
    return best[3] if best else None


@dataclass(frozen=True)
class Correction:
    typed: str
    used: str


@dataclass
class SearchPlan:
    """What the repository will run, and what it changed on the way (shown to the user)."""

    parsed: ParsedQuery
    corrections: list[Correction] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # words found nowhere and not corrected

    @property
    def searched_for(self) -> str:
        return " ".join(t.text for t in self.parsed.terms)


def candidates(word: str, vocabulary: Iterable[str]) -> list[str]:
    """Every vocabulary word at the smallest distance from ``word`` within its allowance."""
    limit = allowed_distance(word)
    found: dict[int, list[str]] = {}
    for candidate in vocabulary:
        if candidate == word or abs(len(candidate) - len(word)) > limit:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            found.setdefault(distance, []).append(candidate)
    return sorted(found[min(found)]) if found else []


def correct_terms(
    parsed: ParsedQuery,
    known: set[str],
    exists: object,
    vocabulary: Sequence[str],
    prefer: object = None,
) -> SearchPlan:
    """Replace each word the index lacks by the closest title or synonym word.

    ``exists(term) -> bool`` asks the index whether a term (with its spelling variants) occurs;
    ``known`` caches the answers. Correct words are never rewritten: only a word that occurs
    nowhere and is not an everyday word is, and only to a word of a title or synonym (so "heard a
    pop" is left alone). Among equally close words, ``prefer(word_choices, other_terms)`` picks
    the one that fits the rest of the query ("bakers cist" is "bakers cyst", not "bakers cast").
    """
    check = exists if callable(exists) else (lambda _t: True)
    plan = SearchPlan(parsed)
    last = parsed.terms[-1] if parsed.terms else None
    new_groups: list[tuple[Term, ...]] = []
    for group in parsed.groups:
        replaced: list[Term] = []
        for term in group:
            word = term.words[0]
            # A finished word must occur whole ("cist" is not "cistern"); the word being typed,
            # the last one, may be the start of one.
            probe = term if term is last else Term(term.words, term.phrase, prefix=False)
            key = word if term is last else word + " "
            if term.phrase or len(word) < MIN_CORRECTABLE or word.isdigit() or key in known or check(probe):
                known.add(key)
                replaced.append(term)
                continue
            choices = [] if word in EVERYDAY_WORDS else candidates(word, vocabulary)
            if not choices:
                plan.missing.append(word)
                continue  # found nowhere: required, it would hide every page
            others = [t for t in parsed.terms if t is not term]
            fix = prefer(choices, others) if callable(prefer) and len(choices) > 1 else choices[0]
            plan.corrections.append(Correction(word, fix))
            replaced.append(Term((fix,), prefix=False))
        new_groups.append(tuple(replaced))
    plan.parsed = ParsedQuery(tuple(g for g in new_groups if g), parsed.excluded, parsed.dropped)
    return plan


def suggest(text: str, vocabulary: list[str], limit: int = 3) -> list[str]:
    """Close spellings from ``vocabulary`` (titles and synonyms) for a query that found nothing.

    Each word is matched on its own, so "bakers cist" suggests "baker's cyst".
    """
    import difflib

    words = query_words(text)
    if not words:
        return []
    lowered = {v.lower(): v for v in vocabulary}
    whole = difflib.get_close_matches(" ".join(words), list(lowered), n=limit, cutoff=0.72)
    if whole:
        return [lowered[w] for w in whole]
    terms = sorted({w for v in lowered for w in query_words(v) if len(w) > 2})
    fixed = []
    for word in words:
        close = difflib.get_close_matches(word, terms, n=1, cutoff=0.75)
        fixed.append(close[0] if close else word)
    guess = " ".join(fixed)
    return [guess] if guess != " ".join(words) else []
