"""The "Package info" view: an offline district package's provenance as escaped HTML,
and the same facts as plain text for the clipboard.

Titles, ids, versions, validators and URLs come from the twin service (through the
package's provenance tables): they are data, escaped before they reach rich text.
Only http(s) URLs become anchors. Times are stored in UTC and shown in local time;
long values are shortened on screen and whole in the tooltip and in the copied text.
"""

from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from html import escape

from ..i18n import tr
from .metadata_html import district_label, kind_label

QUERY_CHARS = 24  # of a query URL's path shown in the table
TOKEN_CHARS = 18  # of an ETag shown in the table
TITLE_PX = 160    # widths of the title and collection columns: they wrap, the others
ID_PX = 120       # do not
PAIRED_ROWS = 8   # the header's first rows go two to a line; the rest span it


@dataclass
class Cell:
    shown: str
    full: str = None  # the whole value (tooltip, link, copy); None = as shown
    link: bool = False

    @property
    def whole(self):
        return self.shown if self.full is None else self.full


def _moment(value):
    """An aware datetime from ISO 8601 (naive = UTC) or an HTTP date, else None."""
    text = str(value or "")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def local_time(value):
    """'2026-11-24 13:10' in the computer's time zone for an ISO 8601 time or an HTTP
    date; any other text is returned as it is."""
    moment = _moment(value)
    if moment is None:
        return str(value or "")
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def utc_offset():
    """The local offset from UTC as 'UTC+08:00'."""
    offset = datetime.now().astimezone().strftime("%z") or "+0000"
    return "UTC{}:{}".format(offset[:3], offset[3:])


def elide(text, limit):
    """``text`` cut to ``limit`` characters, the cut marked with an ellipsis."""
    text = text or ""
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _is_web(url):
    return str(url or "").lower().startswith(("http://", "https://"))


def _count(value):
    return "{:,}".format(int(value))


def _district(info, lang):
    name = info.district_name or ""
    return district_label(info.district_id, lang, {info.district_id: {"en": name, "zh": name}})


def _snapshots(snapshots):
    if not snapshots:
        return Cell(tr("none"))
    shown = ", ".join(snapshots) if len(snapshots) <= 2 else tr(
        "{} snapshots, the latest {}").format(len(snapshots), snapshots[-1])
    return Cell(shown, ", ".join(snapshots))


def header_rows(info, lang):
    """[(label, Cell)] describing the package as a whole."""
    total = sum(layer.feature_count or 0 for layer in info.layers)
    return [
        (tr("District"), Cell(_district(info, lang))),
        (tr("Service"), Cell(info.service_url, link=True)),
        (tr("Created"), Cell(local_time(info.created_at) or tr("unknown"), info.created_at)),
        (tr("Last refreshed"), Cell(local_time(info.refreshed_at) or tr("never"),
                                    info.refreshed_at or None)),
        (tr("Margin"), Cell(tr("{} m").format("{:g}".format(info.margin_m or 0)))),
        (tr("CRS"), Cell(info.crs or "")),
        (tr("Layers"), Cell(tr("{} layers, {} features").format(len(info.layers),
                                                               _count(total)))),
        (tr("Authentication"), Cell(info.authcfg or tr("none"))),
        (tr("Snapshots"), _snapshots(info.snapshots)),
        (tr("GeoPackage"), Cell(str(info.gpkg_path or ""))),
    ]


def layer_columns(copy=False):
    """The layer table's column headers (the copy holds UTC times, the view local ones)."""
    return [tr("Title"), tr("Collection"), tr("Features"), tr("Version"),
            tr("Fetched (UTC)") if copy else tr("Fetched"), tr("ETag / Last-Modified"),
            tr("Query URL")]


def _features(layer):
    if layer.feature_count is None:
        return Cell(kind_label(layer.kind) if layer.kind == "raster" else tr("unknown"))
    matched = layer.number_matched
    if matched is not None and int(matched) != int(layer.feature_count):
        return Cell(_count(layer.feature_count), tr("{} of the {} the service matched").format(
            _count(layer.feature_count), _count(matched)))
    return Cell(_count(layer.feature_count))


def _validators(layer):
    """The ETag (else the Last-Modified time) shown; both whole in the tooltip."""
    whole = [value for value in (layer.etag, layer.last_modified) if value]
    if not whole:
        return Cell(tr("none"), "")
    shown = elide(layer.etag, TOKEN_CHARS) if layer.etag else local_time(layer.last_modified)
    return Cell(shown, " \u00b7 ".join(whole))


def _query(layer, service_url):
    """The query's path below its collection ('items?…', 'coverage?…'), else the URL
    shortened; whole in the tooltip, the link and the copy."""
    query = layer.query_url or ""
    path, mark, _parameters = query.partition("?")
    base = (service_url or "").rstrip("/")
    prefix = "{}/collections/{}/".format(base, layer.collection_id)
    shown = path[len(prefix):] if base and path.startswith(prefix) else path
    return Cell(elide(shown, QUERY_CHARS) + ("?\u2026" if mark else ""), query, link=True)


def layer_cells(layer, service_url=""):
    """[Cell] of one layer's row, in layer_columns() order."""
    title = layer.title or layer.collection_id
    return [
        Cell(title),
        Cell(layer.collection_id),
        _features(layer),
        Cell(layer.twin_version or tr("unknown"), layer.twin_version or ""),
        Cell(local_time(layer.fetched_at), layer.fetched_at or ""),
        _validators(layer),
        _query(layer, service_url),
    ]


def _cell_html(cell):
    text = escape(cell.shown)
    whole = cell.whole
    if cell.link and _is_web(whole):
        return '<a href="{0}" title="{0}">{1}</a>'.format(escape(whole, quote=True), text)
    if whole and whole != cell.shown:
        return '<span title="{}">{}</span>'.format(escape(whole, quote=True), text)
    return text


_TH = '<th align="left" valign="top" style="padding-right:10px; white-space:nowrap">{}</th>'


def _td(html, nowrap=False, width=None):
    return '<td valign="top"{} style="padding-right:10px{}">{}</td>'.format(
        ' width="{}"'.format(width) if width else "", "; white-space:nowrap" if nowrap else "",
        html)


def _header_html(rows):
    paired, single = rows[:PAIRED_ROWS], rows[PAIRED_ROWS:]
    lines = []
    for left, right in zip(paired[::2], paired[1::2]):
        lines.append("<tr>{}{}{}{}</tr>".format(
            _TH.format(escape(left[0])), _td(_cell_html(left[1])),
            _TH.format(escape(right[0])), _td(_cell_html(right[1]))))
    for label, cell in single:
        lines.append('<tr>{}<td colspan="3" valign="top">{}</td></tr>'.format(
            _TH.format(escape(label)), _cell_html(cell)))
    return '<table cellspacing="0" cellpadding="2">{}</table>'.format("".join(lines))


def _layers_html(info):
    columns = "".join(_TH.format(escape(c)) for c in layer_columns())
    rows = []
    for layer in info.layers:
        cells = layer_cells(layer, info.service_url)
        rows.append("<tr>{}</tr>".format("".join(
            _td(_cell_html(cell), nowrap=i > 1, width=(TITLE_PX, ID_PX)[i] if i < 2 else None)
            for i, cell in enumerate(cells))))
    if not rows:
        rows.append('<tr><td colspan="{}">{}</td></tr>'.format(
            len(layer_columns()), escape(tr("This package holds no layers."))))
    return '<table cellspacing="0" cellpadding="2"><tr>{}</tr>{}</table>'.format(
        columns, "".join(rows))


def package_html(info, lang):
    """HTML for a QTextBrowser describing a PackageInfo."""
    name = info.gpkg_path.name if info.gpkg_path is not None else info.district_id
    return "<h3>{}</h3>{}<h4>{}</h4>{}<p><small>{}</small></p>".format(
        escape(tr("Offline district package {}").format(name)),
        _header_html(header_rows(info, lang)), escape(tr("Layers")), _layers_html(info),
        escape(tr("Times are local ({}); hover over a shortened value to see all of it.")
               .format(utc_offset())))


def package_text(info, lang):
    """The package's facts as plain text: the header as "label: value" lines, then the
    layers tab-separated (whole URLs, UTC times), ready to paste into a spreadsheet."""
    name = info.gpkg_path.name if info.gpkg_path is not None else info.district_id
    lines = [tr("Offline district package {}").format(name)]
    lines += ["{}: {}".format(label, cell.whole) for label, cell in header_rows(info, lang)]
    lines += ["", "\t".join(layer_columns(copy=True))]
    lines += ["\t".join(cell.whole or cell.shown for cell in layer_cells(layer))
              for layer in info.layers]
    return "\n".join(lines) + "\n"
