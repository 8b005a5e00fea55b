"""The About box: versions, review date, sources, licence and the clinical-judgement statement."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from legpain_desktop.core.integrity import Manifest
from legpain_desktop.core.model import DISCLAIMER


def sources() -> tuple[str, ...]:
    """The sources the About box names (translated when the box is built, never at import)."""
    return (
        QCoreApplication.translate(
            "AboutDialog", "Product labels (US prescribing information) and EU summaries of product characteristics"
        ),
        QCoreApplication.translate("AboutDialog", "American Geriatrics Society 2023 Beers Criteria"),
        QCoreApplication.translate(
            "AboutDialog", "2016 AHA/ACC guideline on lower-extremity peripheral artery disease"
        ),
        QCoreApplication.translate(
            "AboutDialog",
            "NICE guidance (low back pain and sciatica NG59; venous thromboembolism NG158; cellulitis NG141)",
        ),
        QCoreApplication.translate(
            "AboutDialog",
            "Cockcroft and Gault (1976); CKD-EPI 2021 race-free equation; Devine ideal body weight; Mosteller BSA",
        ),
    )


def about_html(version: str, manifest: Manifest, metadata: dict[str, str]) -> str:
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sources())
    reviewed = metadata["reviewed"] if "reviewed" in metadata else QCoreApplication.translate("AboutDialog", "unknown")
    about = QCoreApplication.translate(
        "AboutDialog",
        "An offline reference on pain at the back of the leg: causes, drugs, treatment algorithms, "
        "a symptom filter and dose calculators.",
    )
    built = QCoreApplication.translate("AboutDialog", "Content version {0}, built {1}; latest clinical review {2}.")
    references = QCoreApplication.translate(
        "AboutDialog", "Every monograph lists its own references; every dose result shows its rule and source."
    )
    licence = QCoreApplication.translate(
        "AboutDialog", "Software: MIT licence. Clinical text written by the LegPain Desktop team."
    )
    offline = QCoreApplication.translate("AboutDialog", "This program never connects to a network.")
    sources_title = QCoreApplication.translate("AboutDialog", "Sources")
    licence_title = QCoreApplication.translate("AboutDialog", "Licence")
    content = built.format(html.escape(manifest.content_version), html.escape(manifest.built_at), html.escape(reviewed))
    if "pack_version" in metadata:
        pack = QCoreApplication.translate(
            "AboutDialog", "Installed from content pack {0}, signed by {1}; to be reviewed by {2}."
        )
        content += " " + pack.format(
            html.escape(metadata["pack_version"]),
            html.escape(metadata["signed_by"]),
            html.escape(metadata["review_by"]),
        )
    return (
        f"<h2>LegPain Desktop {html.escape(version)}</h2>"
        f"<p>{about}</p>"
        f"<p><b>{html.escape(DISCLAIMER)}</b></p>"
        f"<p>{content}</p>"
        f"<h3>{sources_title}</h3><ul>{items}</ul>"
        f"<p>{references}</p>"
        f"<h3>{licence_title}</h3><p>{licence}</p>"
        f"<p>{offline}</p>"
    )


class AboutDialog(QDialog):
    def __init__(
        self,
        version: str,
        manifest: Manifest,
        metadata: dict[str, str],
        parent: QWidget | None = None,
        database: Path | None = None,
    ):
        super().__init__(parent)
        if database is not None:  # an installed content pack says who signed it (issue 18)
            from legpain_desktop.core.packs.store import pack_metadata

            metadata = {**metadata, **pack_metadata(database)}
        self.setWindowTitle(self.tr("About LegPain Desktop"))
        self.resize(560, 480)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("About"))
        self.text.setHtml(about_html(version, manifest, metadata))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
