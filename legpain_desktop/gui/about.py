"""The About box: versions, review date, sources, licence and the clinical-judgement statement."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from legpain_desktop.core.integrity import Manifest
from legpain_desktop.core.model import DISCLAIMER

SOURCES = (
    "Product labels (US prescribing information) and EU summaries of product characteristics",
    "American Geriatrics Society 2023 Beers Criteria",
    "2016 AHA/ACC guideline on lower-extremity peripheral artery disease",
    "NICE guidance (low back pain and sciatica NG59; venous thromboembolism NG158; cellulitis NG141)",
    "Cockcroft and Gault (1976); CKD-EPI 2021 race-free equation; Devine ideal body weight; Mosteller BSA",
)


def about_html(version: str, manifest: Manifest, metadata: dict[str, str]) -> str:
    sources = "".join(f"<li>{html.escape(s)}</li>" for s in SOURCES)
    return (
        f"<h2>LegPain Desktop {html.escape(version)}</h2>"
        "<p>An offline reference on pain at the back of the leg: causes, drugs, treatment algorithms, "
        "a symptom filter and dose calculators.</p>"
        f"<p><b>{html.escape(DISCLAIMER)}</b></p>"
        f"<p>Content version {html.escape(manifest.content_version)}, built {html.escape(manifest.built_at)}; "
        f"latest clinical review {html.escape(metadata.get('reviewed', 'unknown'))}.</p>"
        f"<h3>Sources</h3><ul>{sources}</ul>"
        "<p>Every monograph lists its own references; every dose result shows its rule and source.</p>"
        "<h3>Licence</h3><p>Software: MIT licence. Clinical text written by the LegPain Desktop team.</p>"
        "<p>This program never connects to a network.</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, version: str, manifest: Manifest, metadata: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("About LegPain Desktop")
        self.resize(560, 480)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName("About")
        self.text.setHtml(about_html(version, manifest, metadata))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
