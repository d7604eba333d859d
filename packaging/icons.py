"""Render the application icon's SVG to the PNG sizes desktops look for (``make icons``).

Qt's own SVG renderer draws them, so the same SVG gives the same pixels on every run;
the results are committed in ``packaging/icons/`` (the bundle and install.sh use them).
Also writes the Windows ``.ico`` and macOS ``.icns`` the spec's system sections name.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "org.budgetwright.Budgetwright.svg"
OUT = HERE / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> object:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image


def main(argv: list[str]) -> int:
    """Write the icons to ``packaging/icons`` (or the folder given as the argument)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out = Path(argv[0]) if argv else OUT
    out.mkdir(exist_ok=True)
    for size in SIZES:
        image = render(size)
        assert isinstance(image, QImage)
        target = out / f"{size}.png"
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"could not write {target}")
        sys.stdout.write(f"wrote {target}\n")
    big = render(256)
    assert isinstance(big, QImage)
    big.save(str(out / "budgetwright.ico"), "ICO")
    big.save(str(out / "budgetwright.icns"), "ICNS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
