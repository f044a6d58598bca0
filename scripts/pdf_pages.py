#!/usr/bin/env python3
"""Render PDF pages to PNG (to look at them) and check them: pdf_pages.py REPORT.pdf OUT

  pdf_pages.py report.pdf out/            -> out/report-1.png, out/report-2.png, ...
  pdf_pages.py report.pdf out/page --dpi 100 --pages 2-3
  pdf_pages.py report.pdf out/ --check    -> also, per page: blank? anything outside
                                             the margins (an overflowing table or image)?

Uses poppler-utils (pdftoppm, pdftotext; scripts/setup.sh installs them) and the standard
library only, so it runs under any Python 3. --check exits 1 when a page has a problem.
"""

import argparse
import html
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PT_PER_MM = 72 / 25.4


@dataclass
class PageCheck:
    page: int
    blank: bool
    outside: list = field(default_factory=list)  # words (text) past the side/top margins
    ink_outside: bool = False                    # any drawing past the side/top margins

    @property
    def ok(self):
        return not (self.blank or self.outside or self.ink_outside)

    def describe(self):
        if self.ok:
            return "page {}: ok".format(self.page)
        problems = []
        if self.blank:
            problems.append("blank")
        if self.outside:
            problems.append("{} words outside the margins: {}".format(
                len(self.outside), " ".join(self.outside[:8])))
        if self.ink_outside:
            problems.append("drawing outside the margins")
        return "page {}: {}".format(self.page, "; ".join(problems))


def _tool(name):
    from shutil import which

    if which(name) is None:
        sys.exit("{} is missing: install poppler-utils (scripts/setup.sh does).".format(name))
    return name


def page_range(text, count=None):
    """'2-3' -> (2, 3); '4' -> (4, 4); None -> (1, count)."""
    if not text:
        return 1, count
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def page_count(pdf):
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def render(pdf, out, dpi=80, pages=None):
    """PNG files of the pages (``pages`` as '2-3'), named <prefix>-<n>.png."""
    folder = Path(out).is_dir() or str(out).endswith(("/", "\\"))
    prefix = Path(out) / Path(pdf).stem if folder else Path(out)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    first, last = page_range(pages, page_count(pdf))
    wanted = range(first, last + 1)

    def pages_there():
        return [p for p in prefix.parent.glob(prefix.name + "-*.png")
                if p.stem.rsplit("-", 1)[1].isdigit() and _page_of(p) in wanted]

    for stale in pages_there():  # an earlier run's (page numbers may be padded differently)
        stale.unlink()
    subprocess.run([_tool("pdftoppm"), "-r", str(dpi), "-png", "-f", str(first),
                    "-l", str(last), str(pdf), str(prefix)], check=True)
    return sorted(pages_there(), key=_page_of)


def _page_of(path):
    return int(path.stem.rsplit("-", 1)[1])


def _words(pdf, first, last):
    """{page: (width_pt, height_pt, [(xmin, ymin, xmax, ymax, word)])} via pdftotext -bbox."""
    text = subprocess.run([_tool("pdftotext"), "-bbox", "-f", str(first), "-l", str(last),
                           str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = {}
    for number, (attrs, body) in enumerate(
            re.findall(r"<page ([^>]*)>(.*?)</page>", text, re.S), start=first):
        width = float(re.search(r'width="([\d.]+)"', attrs).group(1))
        height = float(re.search(r'height="([\d.]+)"', attrs).group(1))
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                            r'yMax="([\d.]+)">(.*?)</word>', body)]
        pages[number] = (width, height, words)
    return pages


def _gray(pgm):
    """(width, height, bytes) of a binary PGM (P5, 8 bit) as pdftoppm -gray writes it."""
    data = pgm.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    return int(header.group(1)), int(header.group(2)), data[header.end():]


def _ink(pixels, width, box):
    """Whether any pixel in box (x0, y0, x1, y1) is darker than near-white."""
    x0, y0, x1, y1 = (max(0, int(v)) for v in box)
    return any(min(pixels[y * width + x0:y * width + x1] or b"\xff") < 245
               for y in range(y0, y1))


def check(pdf, margin_mm=15.0, footer_mm=20.0, pages=None, dpi=36, tolerance_pt=1.5):
    """A PageCheck per page: blank (no ink between the margins above the bottom
    ``footer_mm``, where page footers live), words and ink past the left, right or top
    margin (the bottom one holds the footer)."""
    first, last = page_range(pages, page_count(pdf))
    words = _words(pdf, first, last)
    margin = margin_mm * PT_PER_MM
    results = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([_tool("pdftoppm"), "-r", str(dpi), "-gray", "-f", str(first),
                        "-l", str(last), str(pdf), folder + "/p"], check=True)
        for pgm in sorted(Path(folder).glob("p-*.pgm"), key=_page_of):
            number = _page_of(pgm)
            width_pt, height_pt, page_words = words.get(number, (595.0, 842.0, []))
            width, height, pixels = _gray(pgm)
            px = width / width_pt  # pixels per point
            edge = (margin - tolerance_pt) * px
            body = (margin * px, margin * px, width - margin * px,
                    height - footer_mm * PT_PER_MM * px)
            outside = [w[4] for w in page_words if w[0] < margin - tolerance_pt
                       or w[2] > width_pt - margin + tolerance_pt
                       or w[1] < margin - tolerance_pt]
            strips = [(0, 0, edge, height), (width - edge, 0, width, height), (0, 0, width, edge)]
            results.append(PageCheck(
                page=number, blank=not _ink(pixels, width, body), outside=outside,
                ink_outside=any(_ink(pixels, width, strip) for strip in strips)))
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("pdf")
    parser.add_argument("out", help="a folder (files <pdf name>-<n>.png) or a file prefix")
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--pages", help="e.g. 1-3 or 2 (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="also report blank pages and content outside the margins")
    parser.add_argument("--margin-mm", type=float, default=15.0)
    args = parser.parse_args(argv)
    for path in render(args.pdf, args.out, args.dpi, args.pages):
        print(path)
    if not args.check:
        return 0
    results = check(args.pdf, args.margin_mm, pages=args.pages)
    for result in results:
        print(result.describe())
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
