"""Draw the app icon with Qt and write PNG, ICO and ICNS versions into resources/icons/.

Run once after changing the design: python scripts/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    p.setBrush(QColor("#0b57d0"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 12 * s, 12 * s)
    leg = QPainterPath(QPointF(24 * s, 10 * s))  # the back of a leg, thigh to heel
    leg.cubicTo(QPointF(20 * s, 24 * s), QPointF(22 * s, 30 * s), QPointF(24 * s, 34 * s))
    leg.cubicTo(QPointF(20 * s, 42 * s), QPointF(24 * s, 50 * s), QPointF(26 * s, 54 * s))
    leg.lineTo(QPointF(36 * s, 54 * s))
    leg.cubicTo(QPointF(34 * s, 48 * s), QPointF(36 * s, 42 * s), QPointF(34 * s, 34 * s))
    leg.cubicTo(QPointF(38 * s, 26 * s), QPointF(38 * s, 18 * s), QPointF(36 * s, 10 * s))
    leg.closeSubpath()
    p.setBrush(QColor("#f3e3d3"))
    p.drawPath(leg)
    p.setPen(QPen(QColor("#e65100"), 4 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(46 * s, 14 * s), QPointF(46 * s, 26 * s))  # a plus sign: a clinical reference
    p.drawLine(QPointF(40 * s, 20 * s), QPointF(52 * s, 20 * s))
    p.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "legpain.png"))
    draw(256).save(str(OUT / "legpain.ico"))
    draw(512).save(str(OUT / "legpain.icns"))
    for name in ("legpain.png", "legpain.ico", "legpain.icns"):
        size = (OUT / name).stat().st_size
        print(f"wrote {OUT / name} ({size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
