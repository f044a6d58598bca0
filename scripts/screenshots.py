"""Render what the user sees after the demo: the offline project's map and the summary.

usage: .venv/bin/python scripts/screenshots.py [output/xiangmihu] [docs/images]
Writes <name>_map.png (the .qgz rendered by QGIS, as opened offline) and
<name>_summary.png (the summary HTML laid out by Qt's rich-text engine).
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication  # noqa: E402
from qgis.PyQt.QtGui import QColor, QImage, QPainter, QTextDocument  # noqa: E402

from scripts.render_project import render  # noqa: E402


def render_html(html_path, out_png, width=900):
    doc = QTextDocument()
    doc.setHtml(Path(html_path).read_text(encoding="utf-8"))
    doc.setTextWidth(width)
    size = doc.size()
    image = QImage(int(size.width()), int(size.height()), QImage.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    image.save(str(out_png))


def main():
    review = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "output" / "xiangmihu")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "docs" / "images")
    out.mkdir(parents=True, exist_ok=True)
    name = review.name
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    render(str(review / "{}.qgz".format(name)), str(out / "{}_map.png".format(name)), 1200)
    render_html(review / "{}_summary.html".format(name), out / "{}_summary.png".format(name))
    print(out)
    os._exit(0)  # QGIS teardown after rendering rasters can crash in 3.22; nothing left to do


if __name__ == "__main__":
    main()
