"""The catalog as a Qt tree: category → subcategory → collection, and its filter proxy.

Items are built detached and appended once per category, so a 4,000-collection
catalog costs a handful of model signals instead of one per row.
"""

import re
from functools import lru_cache
from html import escape

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QSortFilterProxyModel, Qt
from qgis.PyQt.QtGui import QStandardItem, QStandardItemModel

from ..core.downloads import entry_role
from ..core.styles import style_path
from .metadata_html import bilingual, kind_label

ENTRY_ID_ROLE = Qt.UserRole + 1   # a collection id on leaves, None on branches
NODE_CODE_ROLE = Qt.UserRole + 2  # a category / subcategory code on branches

_KIND_ICONS = {
    "raster": "/mIconRaster.svg",
    "sensors": "/mIconGps.svg",
    "observations": "/mIconFieldDateTime.svg",
    "scheme": "/mIconLayout.svg",
}
_SYMBOL_ICONS = {"marker": "/mIconPointLayer.svg", "line": "/mIconLineLayer.svg",
                 "fill": "/mIconPolygonLayer.svg"}
_SYMBOL_RE = re.compile(r'<symbol\b[^>]*\btype="(marker|line|fill)"')


@lru_cache(maxsize=None)
def _symbol_type(role):
    # The role's own style says what it draws: a marker, a line or a fill.
    path = style_path(role)
    if path is None:
        return None
    match = _SYMBOL_RE.search(path.read_text(encoding="utf-8"))
    return match.group(1) if match else None


@lru_cache(maxsize=None)
def _theme_icon(name):
    return QgsApplication.getThemeIcon(name)


def kind_icon(entry):
    name = _KIND_ICONS.get(entry.kind)
    if name is None:
        name = _SYMBOL_ICONS.get(_symbol_type(entry_role(entry)), "/mIconVector.svg")
    return _theme_icon(name)


def _branch(code, lang, taxonomy):
    item = QStandardItem(bilingual(code, lang, taxonomy))
    item.setData(code, NODE_CODE_ROLE)
    item.setEditable(False)
    return item


def _leaf(entry):
    item = QStandardItem(kind_icon(entry), entry.title or entry.id)
    item.setData(entry.id, ENTRY_ID_ROLE)
    # Tooltips render rich text: the remote id is escaped like any other remote text.
    item.setToolTip("{} · {}".format(escape(entry.id), escape(kind_label(entry.kind))))
    item.setEditable(False)
    return item


class CatalogModel(QStandardItemModel):
    """``set_catalog(catalog, lang)`` (re)builds the whole tree."""

    def set_catalog(self, catalog, lang):
        taxonomy = catalog.taxonomy
        categories = []
        for node in catalog.tree(lang):
            category = _branch(node["code"], lang, taxonomy)
            rows = []
            for child in node["children"]:
                leaves = [_leaf(e) for e in child["entries"]]
                if child["code"] is None:  # entries without a subcategory sit on the category
                    rows.extend(leaves)
                    continue
                sub = _branch(child["code"], lang, taxonomy)
                sub.appendRows(leaves)
                rows.append(sub)
            category.appendRows(rows)
            categories.append(category)
        self.clear()
        self.invisibleRootItem().appendRows(categories)

    def leaf_ids(self):
        """Every collection id in the model (tree order)."""
        return [i.data(ENTRY_ID_ROLE) for i in _walk(self.invisibleRootItem())
                if i.data(ENTRY_ID_ROLE) is not None]


def _walk(item):
    for row in range(item.rowCount()):
        child = item.child(row)
        yield child
        yield from _walk(child)


class CatalogFilterProxy(QSortFilterProxyModel):
    """Shows the leaves whose ids are in ``set_visible(ids)`` and the branches above them;
    ``set_visible(None)`` shows everything."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._visible = None
        self.setRecursiveFilteringEnabled(True)

    def set_visible(self, ids):
        self._visible = None if ids is None else frozenset(ids)
        self.invalidateFilter()

    def filterAcceptsRow(self, row, parent):  # noqa: N802 (Qt API)
        if self._visible is None:
            return True
        cid = self.sourceModel().index(row, 0, parent).data(ENTRY_ID_ROLE)
        return cid is not None and cid in self._visible
