"""The dosing schema refuses malformed data with the key path, and the build reports file:line."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from legpain_desktop.core.content import ContentErrors, load_corpus
from legpain_desktop.core.dosing.schema import DosingDataError, find_overlaps_by_mistake, parse_band, parse_drug
from tests.conftest import SHIPPED_CONTENT

BAND = {
    "label": "CrCl 30 or more",
    "lower": 30,
    "upper": None,
    "daily_mg": {"min": 10, "max": 20},
    "doses_per_day": [2],
    "frequency": "twice daily",
    "max_daily_mg": 20,
    "avoid": False,
    "status": "L",
}
LOW = {"label": "CrCl below 30", "lower": None, "upper": 30, "upper_inclusive": False, "avoid": True, "status": "L"}
DRUG: dict[str, Any] = {
    "systemic": True,
    "classes": ["analgesic"],
    "dosing": {
        "main_indication": "x",
        "strengths_mg": [5, 10],
        "indications": [
            {
                "indication": "x",
                "label": "X",
                "form": "tablets",
                "daily_mg": {"min": 10, "max": 20},
                "doses_per_day": [2],
                "frequency": "twice daily",
                "max_daily_mg": 20,
                "source": "S-A",
                "status": "L",
            },
        ],
        "renal": {
            "measure": "crcl",
            "source": "S-A",
            "status": "L",
            "bands": [BAND, LOW],
            "dialysis": {
                "hd": {"basis": "avoid", "text": "Avoid.", "source": "S-A", "status": "L"},
                "pd": {
                    "basis": "row",
                    "maintenance_band": "CrCl 30 or more",
                    "text": "Row.",
                    "source": "S-A",
                    "status": "U",
                },
            },
        },
        "elderly": [{"min_age": 75, "max_daily_mg": 10, "text": "Cap.", "source": "S-A", "status": "U"}],
        "beers": [
            {
                "table": "T6",
                "criterion": "c",
                "recommendation": "Avoid",
                "quality": "moderate",
                "strength": "strong",
                "when": {"measure": "crcl", "below": 30},
                "source": "S-B",
                "status": "G",
            }
        ],
        "contraindications": [
            {"condition": "heart-failure", "severity": "caution", "message": "m", "source": "S-A", "status": "L"}
        ],
        "hepatic": {"text": "None.", "source": "S-A", "status": "L"},
        "titration": {
            "indication": "x",
            "source": "S-A",
            "status": "L",
            "steps": [{"day": 1, "daily_mg": 10, "doses_per_day": 2}, {"day": 8, "daily_mg": 20, "doses_per_day": 2}],
        },
    },
}


def test_valid_synthetic_drug_parses() -> None:
    d = parse_drug("d", "D", DRUG)
    assert d.renal is not None and d.renal.bands[1].avoid
    assert d.elderly[0].applies(75) and not d.elderly[0].applies(74.9)
    assert d.beers[0].when_below == 30
    assert d.titration is not None and len(d.titration.steps) == 2
    assert d.indication(None) is d.indications[0] and d.indication("nope") is None


def mutate(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(DRUG)
    target: Any = data
    keys = path.split(".")
    for k in keys[:-1]:
        target = target[int(k)] if k.isdigit() else target[k]
    last = keys[-1]
    if value is DELETE:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return data


DELETE = object()
BAD = [
    ("systemic", "yes", "systemic"),
    ("classes", ["wizardry"], "unknown class"),
    ("dosing", DELETE, "needs structured dosing"),
    ("dosing.main_indication", "other", "not one of the drug's indications"),
    ("dosing.indications", [], "at least one indication"),
    ("dosing.indications.0.status", "maybe", "status"),
    ("dosing.indications.0.daily_mg", {"min": 30, "max": 20}, "above max"),
    ("dosing.indications.0.max_daily_mg", 15, "exceeds the maximum"),
    ("dosing.indications.0.doses_per_day", [], "whole numbers of doses"),
    ("dosing.indications.0.label", None, "required text"),
    ("dosing.indications.0.label", ["x"], "must be text"),
    ("dosing.indications.0.per_kg", {"mg_per_kg": 1, "doses_per_day": 0}, "1 to 24"),
    ("dosing.renal", DELETE, "states its renal rule"),
    ("dosing.renal.measure", "cystatin", "must be one of crcl, egfr"),
    ("dosing.renal.bands", [], "give the label's bands"),
    ("dosing.renal.no_adjustment", True, "lists no bands"),
    ("dosing.renal.no_adjustment", "no", "true or false"),
    ("dosing.renal.bands.0.lower", 20, "overlap by more than a shared end point"),
    ("dosing.renal.bands.0.lower", -1, "non-negative"),
    ("dosing.renal.bands.0.upper", 10, "below lower bound"),
    ("dosing.renal.bands.0.daily_mg", None, "needs daily_mg or per_kg"),
    ("dosing.renal.bands.0.max_daily_mg", 15, "exceeds the band maximum"),
    ("dosing.renal.bands.1.daily_mg", {"min": 1, "max": 2}, "gives no dose"),
    ("dosing.renal.bands.1.label", "CrCl 30 or more", "unique"),
    ("dosing.renal.bands.1.upper", DELETE, "lower or an upper"),
    ("dosing.renal.dialysis", ["hd"], "map hd"),
    ("dosing.renal.dialysis", {"cvvh": {}}, "hd or pd"),
    ("dosing.renal.dialysis.pd.maintenance_band", "Nope", "'Nope' is not one"),
    ("dosing.renal.dialysis.hd.maintenance_band", "CrCl below 30", "only a rule with basis 'row'"),
    ("dosing.renal.dialysis.hd.basis", "guess", "must be one of avoid, row, fixed, usual"),
    ("dosing.renal.dialysis.hd.basis", "fixed", "gives the dialysis dose as daily_mg"),
    ("dosing.renal.dialysis.hd.daily_mg", {"min": 1, "max": 2}, "only a rule with basis 'fixed'"),
    ("dosing.renal.dialysis.hd.basis", "usual", "only for a drug whose label gives no renal adjustment"),
    ("dosing.renal.dialysis.pd", DELETE, "missing: pd"),
    ("dosing.renal.dialysis", DELETE, "missing: hd, pd"),
    ("dosing.strengths_mg", DELETE, "lists its tablet or capsule strengths"),
    ("dosing.strengths_mg", [0], "positive numbers"),
    ("dosing.indications.0.weight_rule", {"below_kg": 50, "text": "t", "source": "S", "status": "L"}, "required"),
    (
        "dosing.indications.0.renal_limit",
        {"measure": "x", "below": 30, "text": "t", "source": "S", "status": "L"},
        "crcl, egfr",
    ),
    (
        "dosing.indications.0.loading",
        {"days": 0, "daily_mg": 20, "doses_per_day": [2], "text": "t", "source": "S", "status": "L"},
        "1 to 60",
    ),
    (
        "dosing.hepatic_rules",
        [{"child_pugh": ["D"], "avoid": True, "text": "t", "source": "S", "status": "L"}],
        "Child-Pugh classes",
    ),
    (
        "dosing.hepatic_rules",
        [{"child_pugh": ["C"], "avoid": False, "text": "t", "source": "S", "status": "L"}],
        "or is a warning with a severity",
    ),
    (
        "dosing.hepatic_rules",
        [{"child_pugh": ["C"], "avoid": True, "max_daily_mg": 5, "text": "t", "source": "S", "status": "L"}],
        "an avoid rule gives no max_daily_mg",
    ),
    ("dosing.renal.bands", "all", "must be a list"),
    ("dosing.renal", "none", "must be a mapping"),
    ("dosing.beers.0.table", "T9", "T2"),
    ("dosing.beers.0.when", {"measure": "crcl"}, "required: a number"),
    ("dosing.contraindications.0.condition", "gout", "heart-failure"),
    ("dosing.elderly.0.min_age", None, "required"),
    ("dosing.titration.indication", "other", "not one of the drug's indications"),
    ("dosing.titration.steps", [], "at least one step"),
    ("dosing.titration.steps.1.day", 1, "increasing order"),
    ("dosing.titration.steps.1.doses_per_day", 30, "1 to 24"),
    ("dosing.titration.steps.1", {"day": 8, "daily_mg": 20, "doses_per_day": 2, "status": "U"}, "source"),
    ("dosing.titration.steps.1", {"day": 8, "daily_mg": 20, "doses_per_day": 2, "source": "S-B"}, "status"),
    ("dosing.do_not_use", {"reason": "r", "source": "S", "status": "Z"}, "status"),
]


@pytest.mark.parametrize(("path", "value", "text"), BAD, ids=[b[0] + ":" + b[2] for b in BAD])
def test_bad_dosing_data_is_refused(path: str, value: Any, text: str) -> None:
    with pytest.raises(DosingDataError, match=text):
        parse_drug("d", "D", mutate(path, value))


def test_a_titration_step_may_name_its_own_source_and_status() -> None:
    data = mutate("dosing.titration.steps.1", {"day": 8, "daily_mg": 20, "doses_per_day": 2, "source": "S-B",
                                               "status": "U"})  # fmt: skip
    d = parse_drug("d", "D", data)
    assert d.titration is not None
    first, second = d.titration.steps
    assert (first.source, first.status) == ("", "") and (second.source, second.status) == ("S-B", "U")


def test_non_systemic_needs_topical_and_no_dosing() -> None:
    topical = {"schedule": "Apply.", "renal": "None.", "source": "S", "status": "L"}
    assert not parse_drug("t", "T", {"systemic": False, "topical": topical}).systemic
    with pytest.raises(DosingDataError, match="needs a topical block"):
        parse_drug("t", "T", {"systemic": False})
    with pytest.raises(DosingDataError, match="topical block, not dosing"):
        parse_drug("t", "T", {"systemic": False, "topical": topical, "dosing": {}})


def test_do_not_use_drug_needs_no_indications() -> None:
    d = parse_drug(
        "q", "Q", {"systemic": True, "dosing": {"do_not_use": {"reason": "r", "source": "S", "status": "G"}}}
    )
    assert d.do_not_use is not None and d.do_not_use.text == "r"


def test_band_bounds_and_overlaps() -> None:
    band = parse_band({**BAND, "lower_inclusive": False}, "b")
    assert not band.contains(30) and band.contains(30.1)
    assert band.describe_bounds("mL/min") == "> 30 mL/min"
    closed = parse_band({**BAND, "upper": 60, "upper_inclusive": True}, "b")
    assert closed.contains(60) and not closed.contains(60.1)
    assert closed.describe_bounds("mL/min") == "≥ 30 and ≤ 60 mL/min"
    shared_edge = [
        parse_band({**BAND, "upper": 60, "upper_inclusive": True}, "a"),
        parse_band({**BAND, "label": "b", "lower": 60}, "b"),
    ]
    assert find_overlaps_by_mistake(shared_edge) == []


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, target)
    return target


def test_overlapping_bands_by_mistake_stop_the_build_with_file_and_line(content: Path) -> None:
    path = content / "drugs" / "pregabalin.md"
    text = path.read_text()
    wrong = text.replace(
        "      - label: CrCl 15 to 30\n        lower: 15", "      - label: CrCl 15 to 30\n        lower: 5", 1
    )
    assert wrong != text
    path.write_text(wrong)
    with pytest.raises(ContentErrors) as info:
        load_corpus(content)
    errors = [str(e) for e in info.value.errors]
    assert any(e.startswith(f"{path}:") and "overlap by more than a shared end point" in e for e in errors), errors
    line = int(next(e for e in errors if "overlap" in e).split(":")[1])
    assert "bands:" in text.splitlines()[line - 1]


def test_wrong_type_in_dosing_names_the_line(content: Path) -> None:
    path = content / "drugs" / "tramadol.md"
    text = path.read_text()
    wrong = text.replace("max_daily_mg: 400", 'max_daily_mg: "lots"', 1)
    assert wrong != text
    path.write_text(wrong)
    with pytest.raises(ContentErrors) as info:
        load_corpus(content)
    message = next(str(e) for e in info.value.errors if "lots" in str(e))
    line = int(message.split(":")[1])
    assert "max_daily_mg" in wrong.splitlines()[line - 1]


def test_missing_dosing_markers_are_reported(content: Path) -> None:
    path = content / "drugs" / "sertraline.md"
    path.write_text(path.read_text().replace("{{dosing:renal}}", ""))
    with pytest.raises(ContentErrors, match="needs the \\{\\{dosing:renal\\}\\} line"):
        load_corpus(content)


def test_indication_must_be_a_cause(content: Path) -> None:
    path = content / "drugs" / "sertraline.md"
    text = path.read_text()
    path.write_text(text.replace("indication: erythromelalgia", "indication: pregabalin"))
    with pytest.raises(ContentErrors, match="indication 'pregabalin' names no cause"):
        load_corpus(content)


def test_optional_text_defaults() -> None:
    data = mutate("dosing.indications.0.form", None)
    assert parse_drug("d", "D", data).indications[0].form == ""


def test_error_without_a_node_uses_the_top_level_key_line(content: Path) -> None:
    path = content / "drugs" / "sertraline.md"
    text = path.read_text()
    path.write_text(text.replace("systemic: true", "systemic: maybe", 1))
    with pytest.raises(ContentErrors) as info:
        load_corpus(content)
    message = next(str(e) for e in info.value.errors if "systemic" in str(e))
    line = int(message.split(":")[1])
    assert path.read_text().splitlines()[line - 1].startswith("systemic:")
