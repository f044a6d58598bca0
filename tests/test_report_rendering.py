"""The report's rendering engine as a reader sees its output: QGIS maps of the reviewed
district with legend, scale bar and north arrow (blank when there is nothing to show);
PDFs whose English and Chinese are real, embedded, searchable text, whose long tables
run over pages with their header repeated and never past the margins; the page checker
of scripts/pdf_pages.py. Needs poppler-utils (scripts/setup.sh installs it)."""

import html
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from qgis.core import QgsProject, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtCore import QThread
from qgis.PyQt.QtGui import QColor, QImage

from plugin.report import maps
from plugin.report.pdf import write_pdf
from scripts import pdf_pages

ROOT = Path(__file__).resolve().parents[1]
IMAGE = "docs/images/xiangmihu_map.png"  # relative to the repository: base_dir = ROOT
OVERVIEW = ["districts", "roads", "buildings", "green", "water"]


def poppler(tool, *args):
    if shutil.which(tool) is None:
        pytest.fail("{} is missing: run scripts/setup.sh (it installs poppler-utils)".format(tool))
    return subprocess.run([tool, *map(str, args)], capture_output=True, text=True,
                          check=True).stdout


def text_of(pdf):
    return poppler("pdftotext", "-layout", pdf, "-")


def embedded_fonts(pdf):
    """{font name: embedded?} from pdffonts."""
    lines = poppler("pdffonts", pdf).splitlines()[2:]
    return {line.split()[0]: line.split()[-5] == "yes" for line in lines}


def ink(image, x0_mm, y0_mm, x1_mm, y1_mm, dpi):
    """Pixels darker than light grey in a box given in mm."""
    px = dpi / 25.4
    return sum(1 for y in range(int(y0_mm * px), int(y1_mm * px))
               for x in range(int(x0_mm * px), int(x1_mm * px))
               if QColor(image.pixel(x, y)).lightness() < 160)


@pytest.fixture(scope="module")
def district(review):
    """The reviewed district's own project, read as the report reads it."""
    held = {"project": QgsProject()}
    assert held["project"].read(review["PROJECT"])
    yield held
    held["project"].clear()
    held.clear()


def test_overview_map_shows_the_district_with_legend_scale_bar_and_north_arrow(
        district, tmp_path):
    project = district["project"]
    layers = maps.project_layers(project, OVERVIEW + ["no_such_table"])
    assert [maps.layer_table(layer) for layer in layers] == OVERVIEW
    with_legend = maps.render_map(project, layers, tmp_path / "a.png", "概览 Overview")
    bare = maps.render_map(project, layers, tmp_path / "b.png", "概览 Overview", legend=False)
    assert not with_legend.blank and not bare.blank
    assert with_legend.layer_names == [layer.name() for layer in layers]
    a, b = QImage(str(with_legend.path)), QImage(str(bare.path))
    assert abs(a.width() - 170 / 25.4 * 150) <= 1 and abs(a.height() - 110 / 25.4 * 150) <= 1
    # Right-hand column, under the title: the legend's text, or nothing without one.
    assert ink(a, 140, 10, 168, 60, 150) > 100
    assert ink(b, 140, 10, 168, 60, 150) == 0
    # Bottom right: the north arrow and the scale bar (its black segment) in both.
    for image in (a, b):
        assert ink(image, 136, 86, 170, 110, 150) > 300
    # The map shows what the district holds: buildings' fill colours, not one colour.
    colours = {a.pixel(x, y) for x in range(100, 600, 7) for y in range(100, 600, 7)}
    assert len(colours) > 20


def test_a_long_legend_stays_on_the_image(district, tmp_path):
    """Ten layers' classes do not fit one column beside the map: the legend gets smaller
    type and two columns rather than running off the image."""
    project = district["project"]
    tables = ["flood_buildings", "districts", "height_control", "flood_depth_rp100",
              "buildings", "green", "water", "roads", "sunlight_buildings", "facilities"]
    image = QImage(str(maps.render_map(project, maps.project_layers(project, tables),
                                       tmp_path / "l.png", "图例 Legend").path))
    assert ink(image, 168.6, 0, 170, 110, 150) == 0   # nothing cut at the right edge
    assert ink(image, 125, 97.3, 170, 99.7, 150) == 0  # nor run into the scale bar's strip
    assert ink(image, 100, 9, 168, 70, 150) > 1000   # the legend, wider than one column


def test_map_of_nothing_is_blank(district, tmp_path):
    project = district["project"]
    empty = QgsVectorLayer("Polygon?crs={}".format(project.crs().authid()), "empty", "memory")
    project.addMapLayer(empty, False)
    try:
        nothing = maps.render_map(project, [empty], tmp_path / "e.png", "Empty")
        assert nothing.blank and nothing.path.is_file()
        buildings = maps.project_layers(project, ["buildings"])
        far = QgsRectangle(300000, 2000000, 301000, 2001000)  # kilometres from the district
        elsewhere = maps.render_map(project, buildings, tmp_path / "f.png", "F", extent=far)
        assert elsewhere.blank
    finally:
        project.removeMapLayer(empty.id())


def test_map_and_pdf_render_in_a_worker_thread(review, tmp_path):
    """Processing runs the report in a task thread: the project, the map and the PDF are
    all made there."""
    out = {}

    class Worker(QThread):
        def run(self):
            try:
                project = QgsProject()
                project.read(review["PROJECT"])
                layers = maps.project_layers(project, OVERVIEW)
                out["map"] = maps.render_map(project, layers, tmp_path / "t.png", "线程")
                out["pdf"] = write_pdf("<h1>线程 Thread</h1><img src='t.png'>",
                                       tmp_path / "t.pdf", tmp_path, "zh", "T")
                project.clear()
            except Exception as error:  # reported below, on the test's thread
                out["error"] = repr(error)

    worker = Worker()
    worker.start()
    deadline = time.monotonic() + 120
    while not worker.isFinished() and time.monotonic() < deadline:
        QThread.msleep(50)
    assert worker.isFinished() and "error" not in out, out
    assert not out["map"].blank and out["pdf"].pages == 1
    assert "线程 Thread" in text_of(out["pdf"].path)


def sample_html(rows=12, lang="zh"):
    title = "香蜜湖区域审查报告" if lang == "zh" else "Xiangmihu district review"
    body = "".join("<tr><td>{}</td><td>一号楼 香 高 风 {}</td><td class='n'>{:.1f}</td></tr>"
                   .format(i, i, i * 1.5) for i in range(rows))
    return title, (
        "<html><head><style>th{{background:#1d4e89;color:#fff}}td.n{{text-align:right}}"
        "</style></head><body><h1>{}</h1><p>Floor-area ratio 容积率 ≥ 3.2 – m²</p>"
        "<img src='{}'><table border='1' width='100%'><tr><th>编号 No.</th><th>名称 Name</th>"
        "<th>高度 Height (m)</th></tr>{}</table></body></html>").format(title, IMAGE, body)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_text_is_real_embedded_text_in_both_languages(tmp_path, lang):
    title, page = sample_html(lang=lang)
    result = write_pdf(page, tmp_path / "r.pdf", ROOT, lang, title=title)
    assert result.pages == 1 and result.missing_glyphs == set()
    text = text_of(result.path)
    # Exactly these characters: Noto CJK through Qt would give ⼀ ⾹ ⾼ ⻛ (Kangxi radicals).
    for words in (title, "一号楼 香 高 风 11", "容积率", "≥ 3.2 – m²", "高度 Height (m)",
                  "Page 1 of 1"):
        assert words in text, words
    fonts = embedded_fonts(result.path)
    assert fonts and all(fonts.values()), fonts
    assert any(name.startswith("WenQuanYi") for name in fonts), fonts
    assert pdf_pages.check(result.path)[0].ok


def test_long_table_runs_over_pages_with_its_header_and_inside_the_margins(tmp_path):
    title, page = sample_html(rows=200)
    long_word = "x" * 300
    page = page.replace("</table>", "<tr><td>{}</td><td><img src='{}'></td><td>1</td></tr>"
                        "</table><p>{}</p>".format(long_word, IMAGE, long_word))
    result = write_pdf(page, tmp_path / "long.pdf", ROOT, "zh", title=title)
    assert result.pages >= 4
    pages = text_of(result.path).split("\f")[:result.pages]
    assert all("名称 Name" in text for text in pages[1:])  # the header on every page
    assert "199" in pages[-2] + pages[-1]
    assert "Page {0} of {0}".format(result.pages) in pages[-1]
    checks = pdf_pages.check(result.path)
    assert [c.describe() for c in checks if not c.ok] == []


def test_page_breaks_and_escaped_markup(tmp_path):
    remote = "<script>alert('x')</script> & Co"
    page = ("<h1>One</h1><p>{}</p><div style='page-break-before: always'></div>"
            "<h2>Two</h2>").format(html.escape(remote))
    result = write_pdf(page, tmp_path / "b.pdf", tmp_path, "en", title="T")
    assert result.pages == 2
    first, second = text_of(result.path).split("\f")[:2]
    assert remote in first and "Two" in second and "Page 2 of 2" in second


def test_missing_glyphs_are_named(tmp_path):
    page = "<p>私用 \ue000 Linear B \U00010000 runes \u16a0 normal 中文 English</p>"
    result = write_pdf(page, tmp_path / "m.pdf", tmp_path, "zh", title="M")
    assert result.missing_glyphs == {"\ue000", "\U00010000", "\u16a0"}


def test_page_checker_finds_blank_pages_and_text_past_the_margins(tmp_path):
    from qgis.PyQt.QtCore import QPointF
    from qgis.PyQt.QtGui import QPageSize, QPainter, QPdfWriter

    pdf = tmp_path / "bad.pdf"
    writer = QPdfWriter(str(pdf))
    writer.setPageSize(QPageSize(QPageSize.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.drawText(QPointF(3, 400), "overrunning cell text")  # 1 mm from the edge
    writer.newPage()  # nothing on page 2
    painter.end()
    del painter, writer
    first, second = pdf_pages.check(pdf)
    assert "overrunning" in first.outside and first.ink_outside and not first.blank
    assert second.blank and not second.outside
    files = pdf_pages.render(pdf, str(tmp_path / "png") + "/", dpi=30)
    assert [f.name for f in files] == ["bad-1.png", "bad-2.png"]
    assert pdf_pages.main([str(pdf), str(tmp_path / "p"), "--check"]) == 1
