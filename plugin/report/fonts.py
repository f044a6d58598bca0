"""Fonts of the printed report: Latin and Chinese that Qt draws, embeds and keeps as text.

Why WenQuanYi Micro Hei for Chinese in the PDF and not Noto Sans CJK: Qt's PDF engine
writes each font's glyph → character map (ToUnicode) from the lowest code point that
uses a glyph, and Noto CJK shares its glyphs between the CJK ideographs and the Kangxi
radicals (U+2F00…). The page looks right, but copying or searching 一 香 高 风 finds
⼀ ⾹ ⾼ ⻛. WenQuanYi Micro Hei (fonts-wqy-microhei, TrueType) has no such sharing.
Noto Sans CJK SC stays as the fallback for what WenQuanYi lacks and draws the map images
(pixels, so the ToUnicode issue does not arise there; its Latin is fine too).
"""

import unicodedata

from qgis.PyQt.QtGui import QFont, QFontDatabase, QRawFont

# First installed of each: Debian's (set up by scripts/setup.sh, tested), then the usual
# Windows and macOS faces (untested for the ToUnicode issue above).
LATIN = ("DejaVu Sans", "Arial", "Helvetica")
CJK_TEXT = ("WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC")  # the PDF's Chinese
CJK_IMAGE = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
             "WenQuanYi Micro Hei")                                 # Chinese in images


def installed(families):
    """The families of ``families`` that the font database has, in the given order."""
    known = set(QFontDatabase().families())
    return [family for family in families if family in known]


def _first(candidates):
    found = installed(candidates)
    return found[:1]


def pdf_families(lang="en"):
    """Font families for the PDF, first choice first: Chinese first for a Chinese report
    (punctuation such as “” then takes the Chinese width), Latin first otherwise; the
    image font last, for the characters the others lack."""
    latin, cjk, extra = _first(LATIN), _first(CJK_TEXT), _first(CJK_IMAGE)
    order = cjk + latin if lang.startswith("zh") else latin + cjk
    order += [family for family in extra if family not in order]
    return order or [QFont().defaultFamily()]


def image_family():
    """One family drawing both Latin and Chinese into images (layout labels, legends)."""
    found = installed(CJK_IMAGE + LATIN)
    return found[0] if found else QFont().defaultFamily()


def font(families, point_size=10.0, bold=False):
    """A QFont trying ``families`` in order (Qt falls back through the list per glyph)."""
    result = QFont(families[0])
    result.setFamilies(list(families))
    result.setPointSizeF(point_size)
    result.setBold(bold)
    return result


def _drawable(char):
    # Whitespace, controls and Qt's own markers (object replacement for images, line and
    # paragraph separators) are not glyphs anyone reads.
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp") \
        and char != "\ufffc"


def missing_glyphs(text, families):
    """The characters of ``text`` that none of ``families`` can draw (sorted string set)."""
    raws = [QRawFont.fromFont(QFont(family)) for family in families]
    missing = set()
    for char in set(text):
        if _drawable(char) and not any(raw.supportsCharacter(ord(char)) for raw in raws):
            missing.add(char)
    return missing
