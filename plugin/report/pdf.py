"""HTML → PDF for the reports: QTextDocument laid out on A4 pages of a QPdfWriter.

Qt only (no widgets, no QPrinter), so it runs headless and in a Processing task thread.
Text stays text: the fonts are embedded (subset) and Chinese is searchable (fonts.py).

The HTML subset this renders (Qt's rich text, not a browser):
- Blocks: h1–h6, p, div, ul/ol/li, table, br, hr, pre/code, b/i/u, sub/sup, span, a.
- One <style> block and style="" attributes with Qt's CSS subset: color,
  background-color, font-size (pt or px), font-weight, font-style, text-align,
  vertical-align, margin(-top/-bottom/-left/-right), padding (table cells),
  border-collapse, border / border-width / border-color / border-style on tables and cells,
  white-space, page-break-before / page-break-after: always. No floats, flex, grid,
  position, max-width, :hover or nested selectors (descendant selectors "td.n" work).
- Do not set font-family: every font family in the HTML is replaced by the report's
  families (Latin + Chinese, embedded), <code> and <pre> included (not monospace).
- Page breaks: <div style="page-break-before: always"></div> or the style on any block
  (e.g. "h1 {page-break-before: always}" in the <style> block).
- Images: <img src="relative/path.png"> resolved against ``base_dir``; width="…" in CSS
  pixels (96 per inch). An image wider than the text column (180 mm = 680 px; a table
  cell: its share) or taller than 90 % of the page's text height is scaled down to fit,
  keeping its aspect ratio. Every image becomes a paragraph of its own (Qt would put an
  <img> after a heading into the heading); an image never splits across pages. Keep
  maps at ~170 mm wide: render_map's default size_mm=(170, 110).
- Tables: their first row made only of <th> cells (or a <thead>) repeats at the top of
  every page the table spans. Cells wrap anywhere when a word is too long, so a table is
  never wider than the page; width="100%" on <table> spreads it over the column.
- Text from outside (layer titles, service names) must be html.escape()d by the caller.
"""

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from qgis.PyQt.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from qgis.PyQt.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextOption,
)

from ..i18n import tr
from . import fonts

MARGIN_MM = 15.0
FOOTER_MM = 8.0           # below the text column, inside the bottom margin's area
# Device units of the PDF writer: CSS pixels. Qt scales points and images by the device's
# DPI but not pixel margins, paddings and borders; at 96 DPI all agree (coordinates are
# floats, images keep their own pixels, so nothing is coarser for it).
RESOLUTION = 96
BODY_PT = 9.5


@dataclass
class PdfResult:
    path: Path
    pages: int
    missing_glyphs: set = field(default_factory=set)


def _mm(value):
    return value / 25.4 * RESOLUTION


_HEAD_ROW = re.compile(r"(<table\b[^>]*>)(\s*)(<tr\b[^>]*>(?:\s*<th\b.*?</th>)+\s*</tr>)",
                       re.IGNORECASE | re.DOTALL)


def _with_thead(html_text):
    """A table whose first row is only <th> cells gets it as <thead>: Qt repeats those."""
    return _HEAD_ROW.sub(lambda m: m.group(1) + m.group(2) + "<thead>" + m.group(3)
                         + "</thead>", html_text)


def _fragments(doc):
    """(position, length, char format) of every text fragment, read before any change:
    editing the document while iterating it invalidates the iterators."""
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            found.append((fragment.position(), fragment.length(), fragment.charFormat()))
            it += 1
        block = block.next()
    return found


def _apply_fonts(doc, families):
    """Every character in the report's families (whatever the HTML or Qt's fixed-pitch
    default for <code> asked for: headless Qt's may not even be monospace)."""
    fmt = QTextCharFormat()
    fmt.setFontFamily(families[0])
    fmt.setFontFamilies(families)
    cursor = QTextCursor(doc)
    cursor.select(QTextCursor.Document)
    cursor.mergeCharFormat(fmt)


def _image_size(doc, name, base_dir):
    image = doc.resource(QTextDocument.ImageResource, QUrl(name))
    if isinstance(image, QImage) and not image.isNull():
        return image.width(), image.height()
    path = Path(name) if Path(name).is_absolute() else Path(base_dir) / name
    image = QImage(str(path))
    return (image.width(), image.height()) if not image.isNull() else None


def _image_positions(doc):
    return [position for start, length, fmt in _fragments(doc) if fmt.isImageFormat()
            for position in range(start, start + length)]


def _images_own_blocks(doc):
    """Each image in a paragraph of its own: Qt makes the line holding an image as tall as
    the image even when the image wraps to the next line (a page of white space), and puts
    an <img> that follows a heading into the heading's block."""
    for position in reversed(_image_positions(doc)):
        block = doc.findBlock(position)
        after = QTextBlockFormat(block.blockFormat())
        after.setPageBreakPolicy(QTextFormat.PageBreak_Auto)  # a break happens once
        image = QTextBlockFormat(after)
        image.setHeadingLevel(0)
        cursor = QTextCursor(doc)
        if position + 1 < block.position() + block.length() - 1:
            cursor.setPosition(position + 1)
            cursor.insertBlock(after)
        if position > block.position():
            cursor.setPosition(position)
            cursor.insertBlock(image)


def _fit_images(doc, base_dir, column_px, page_px):
    """Scale images wider than their block (CSS px) or taller than ``page_px`` down to
    fit, keeping their aspect ratio (Qt would cut them at the page's edge)."""
    for position in _image_positions(doc):
        cursor = QTextCursor(doc)
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.KeepAnchor)
        image = cursor.charFormat().toImageFormat()
        block = cursor.block().blockFormat()
        room = column_px - block.leftMargin() - block.rightMargin() - max(block.textIndent(), 0)
        table = cursor.currentTable()
        if table is not None:  # a cell's share of the column
            fmt = table.format()
            room = column_px / table.columns() - 2 * (fmt.cellPadding() + fmt.border()) \
                - fmt.cellSpacing()
        natural = _image_size(doc, image.name(), base_dir)
        if not natural or room <= 0:
            continue
        width = image.width() if image.width() > 0 else natural[0]
        height = image.height() if image.height() > 0 else natural[1] * width / natural[0]
        scale = min(1.0, room / width, page_px / height)
        if scale < 1.0:
            image.setWidth(width * scale)
            image.setHeight(height * scale)
            cursor.setCharFormat(image)


def _tables_fit(doc):
    """No table wider than the column: a fixed width over 100 % becomes 100 %."""
    for frame in doc.rootFrame().childFrames():
        table_fmt = frame.frameFormat()
        if table_fmt.isTableFormat():
            fmt = table_fmt.toTableFormat()
            width = fmt.width()
            if width.type() == QTextLength.FixedLength or (
                    width.type() == QTextLength.PercentageLength and width.rawValue() > 100):
                fmt.setWidth(QTextLength(QTextLength.PercentageLength, 100))
                frame.setFrameFormat(fmt)


def build_document(html_text, base_dir, lang, text_width_px, text_height_px=None):
    """The QTextDocument of ``html_text`` with the report's fonts, images fitted."""
    doc = QTextDocument()
    doc.setUseDesignMetrics(True)  # unhinted advances: the same line breaks at any scale
    families = fonts.pdf_families(lang)
    doc.setDefaultFont(fonts.font(families, BODY_PT))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setBaseUrl(QUrl.fromLocalFile(str(Path(base_dir).resolve()) + os.sep))
    doc.setHtml(_with_thead(html_text))
    _apply_fonts(doc, families)
    _images_own_blocks(doc)
    margin = 2 * doc.documentMargin()
    _fit_images(doc, base_dir, text_width_px - margin,
                (text_height_px or text_width_px * 1.4) * 0.9 - margin)  # room for a heading
    _tables_fit(doc)
    return doc, families


def _writer(path, title, paper):
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Twin District Review")
    size = QPageSize(QPageSize.A3 if paper == "A3" else QPageSize.A4)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM - FOOTER_MM / 2)
    writer.setPageLayout(QPageLayout(size, QPageLayout.Portrait, margins,
                                     QPageLayout.Millimeter))
    return writer


def _footer(painter, rect, title, page, pages, families):
    painter.save()
    painter.setPen(QPen(QColor("#888888"), _mm(0.2)))
    painter.drawLine(rect.topLeft(), rect.topRight())
    painter.setFont(fonts.font(families, 7.5))
    painter.setPen(QColor("#555555"))
    text = rect.adjusted(0, _mm(1.5), 0, 0)
    painter.drawText(text, Qt.AlignLeft | Qt.AlignTop, title)
    painter.drawText(text, Qt.AlignRight | Qt.AlignTop,
                     tr("Page {} of {}").format(page, pages))
    painter.restore()


def _paint(doc, writer, body, footer, title, families):
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(tr("Could not write the PDF file."))
    try:
        pages = doc.pageCount()
        layout = doc.documentLayout()
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.setClipRect(body)
            painter.translate(0, -page * body.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * body.height(), body.width(), body.height())
            layout.draw(painter, context)
            painter.restore()
            _footer(painter, footer, title, page + 1, pages, families)
    finally:
        painter.end()
    return pages


def write_pdf(html_text, pdf_path, base_dir, lang, title="", paper="A4"):
    """Write ``html_text`` (the subset above) as a paginated PDF; a PdfResult.

    ``lang`` ('en', 'zh', 'zh_CN'…) orders the fonts; ``title`` goes in every page's
    footer and the PDF's metadata. Written under a temporary name, then renamed."""
    pdf_path = Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    temp = pdf_path.with_name(".{}.part.pdf".format(pdf_path.stem))
    try:
        writer = _writer(temp, title, paper)
        paint = writer.pageLayout().paintRectPixels(RESOLUTION)
        footer_h = _mm(FOOTER_MM)
        body = QRectF(0, 0, paint.width(), paint.height() - footer_h)
        footer = QRectF(0, body.height() + footer_h * 0.35, paint.width(), footer_h * 0.65)
        text_width_px = math.floor(body.width())
        doc, families = build_document(html_text, base_dir, lang, text_width_px, body.height())
        doc.documentLayout().setPaintDevice(writer)
        doc.setPageSize(QSizeF(body.width(), body.height()))
        missing = fonts.missing_glyphs(doc.toPlainText() + title, families)
        pages = _paint(doc, writer, body, footer, title, families)
        del doc, writer  # painter.end() finished the file; release it before the rename
        os.replace(temp, pdf_path)
    finally:
        if temp.exists():
            temp.unlink()
    return PdfResult(pdf_path, pages, missing)

