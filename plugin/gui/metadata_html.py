"""The catalog dock's metadata panel: one collection as escaped HTML.

Everything that comes from the service (title, description, ids, keywords, link titles
and hrefs) is data and goes through html.escape; only http(s) hrefs become anchors.
"""

from html import escape

from ..core.catalog import CITY_WIDE, COVERAGE_RELS
from ..core.crs import authid_from_uri
from ..core.taxonomy import DEFAULT as DEFAULT_TAXONOMY
from ..core.taxonomy import UNCLASSIFIED
from ..i18n import tr

# Links worth a click for a person (pygeoapi lists a JSON, JSON-LD and HTML variant of
# each); the machine variants are left out when a human one exists.
_HUMAN_RELS = {"license", "describedby", "about", "enclosure", *COVERAGE_RELS}
_SKIPPED_RELS = {"root", "self"}


def kind_label(kind):
    """The translated name of a twin:kind."""
    labels = {
        "vector": tr("Vector"),
        "raster": tr("Raster"),
        "sensors": tr("Sensors"),
        "observations": tr("Sensor observations"),
        "scheme": tr("Design scheme"),
    }
    return labels.get(kind, kind or tr("Vector"))


def bilingual(code, lang, taxonomy=DEFAULT_TAXONOMY):
    """'Buildings (…) · 建筑' in English, '建筑 · Buildings (…)' in Chinese."""
    first = taxonomy.label(code, lang)
    other = taxonomy.label(code, "en" if first == taxonomy.label(code, "zh") else "zh")
    return first if other == first else "{} · {}".format(first, other)


def district_label(district_id, lang, district_names=None):
    if district_id == CITY_WIDE:
        return tr("City-wide")
    names = (district_names or {}).get(district_id) or {}
    name = names.get("zh" if lang == "zh" else "en") or names.get("en")
    return "{} ({})".format(name, district_id) if name else district_id


def display_links(links):
    """The links a person would open: HTML pages and documents, else everything."""
    usable = [link for link in links or [] if isinstance(link, dict) and link.get("href")
              and link.get("rel") not in _SKIPPED_RELS]
    human = [link for link in usable if "html" in (link.get("type") or "").lower()
             or link.get("rel") in _HUMAN_RELS]
    return human or usable


def _link_html(link):
    href = str(link["href"])
    text = escape(str(link.get("title") or link.get("rel") or href))
    if href.lower().startswith(("http://", "https://")):
        return '<a href="{}">{}</a>'.format(escape(href, quote=True), text)
    return "{} ({})".format(text, escape(href))


def _extent_text(bbox):
    if not bbox or len(bbox) not in (4, 6):
        return tr("unknown")
    half = len(bbox) // 2
    return "{:.4f}, {:.4f} – {:.4f}, {:.4f} (CRS84)".format(
        bbox[0], bbox[1], bbox[half], bbox[half + 1])


def _crs_text(uris):
    return ", ".join(escape(authid_from_uri(u) or str(u)) for u in uris)


def _rows(entry, lang, feature_count, district_names, taxonomy):
    yield tr("Id"), escape(entry.id)
    kind = escape(kind_label(entry.kind))
    yield tr("Kind"), kind + (" · {}".format(escape(entry.role)) if entry.role else "")
    if entry.category != UNCLASSIFIED:
        yield tr("Category"), escape(bilingual(entry.category, lang, taxonomy))
    else:
        yield tr("Category"), escape(bilingual(UNCLASSIFIED, lang, taxonomy))
    if entry.subcategory:
        yield tr("Subcategory"), escape(bilingual(entry.subcategory, lang, taxonomy))
    districts = [district_label(d, lang, district_names) for d in entry.districts]
    yield tr("Districts"), escape(", ".join(districts)) if districts else tr("not tagged")
    yield tr("Extent"), escape(_extent_text(entry.bbox))
    if entry.crs:
        yield tr("CRS"), _crs_text(entry.crs)
    if entry.kind != "raster":
        count = tr("unknown") if feature_count is None else "{:,}".format(feature_count)
        yield tr("Features"), count
    yield tr("Version"), escape(entry.version) if entry.version else tr("unknown")
    for key, label in (("scenario", tr("Scenario")), ("scheme", tr("Scheme")),
                       ("site", tr("Site"))):
        if getattr(entry, key):
            yield label, escape(getattr(entry, key))
    links = display_links(entry.links)
    if links:
        yield tr("Links"), "<br/>".join(_link_html(link) for link in links)


def metadata_html(entry, lang, feature_count=None, district_names=None,
                  taxonomy=DEFAULT_TAXONOMY):
    """HTML for a QTextBrowser describing one CollectionEntry."""
    rows = "".join(
        '<tr><th align="left" valign="top" style="padding-right:8px">{}</th>'
        "<td>{}</td></tr>".format(escape(label), value)
        for label, value in _rows(entry, lang, feature_count, district_names, taxonomy))
    description = escape(entry.description or "").replace("\n", "<br/>")
    return ("<h3>{}</h3>{}<table cellspacing=\"0\" cellpadding=\"2\">{}</table>").format(
        escape(entry.title or entry.id),
        "<p>{}</p>".format(description) if description else "", rows)
