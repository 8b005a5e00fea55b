"""Build-time checks of the dosing content that span files: interaction rules against the drug
monographs, and the pregnancy and breastfeeding advice against the list of drugs.

They live with the dosing domain (issue 15) and depend on the content sources below them, never on
:mod:`legpain_desktop.core.content`, which calls them.
"""

from __future__ import annotations

from legpain_desktop.core.dosing.interactions import InteractionChecker, parse_app_aliases, parse_sources
from legpain_desktop.core.dosing.regimen import DOSE_CLASSES
from legpain_desktop.core.dosing.schema import CLASSES, DosingDataError, parse_reproductive
from legpain_desktop.core.model import ContentError
from legpain_desktop.core.sources.corpus import REPRODUCTIVE_FILE, Corpus


def validate_reproductive(corpus: Corpus) -> list[ContentError]:
    """Every drug states its pregnancy and breastfeeding advice, each with a defined source."""

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


def validate_interactions(corpus: Corpus) -> list[ContentError]:
    """Rules name known drugs, classes and sources; every name in the vocabulary means one drug."""

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
