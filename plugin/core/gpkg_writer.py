"""Stream GeoJSON feature pages into one GeoPackage layer through OGR.

Field types are inferred from the values and widened when a later page needs it
(bool -> int -> real, date -> datetime, anything else mixed -> string); fields that
appear late are added. The geometry type comes from the data and is promoted to
multi (or to generic GEOMETRY) when a later page mixes types. Why OGR and batched
geometry parsing: measured fastest of the options tried (see pull.py docstring).
"""

import datetime as _dt
import json
import os
import re

from osgeo import gdal, ogr, osr

FID_FIELD = "twin_fid"

_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_OGR_TYPES = {
    "bool": (ogr.OFTInteger, ogr.OFSTBoolean),
    "int": (ogr.OFTInteger64, ogr.OFSTNone),
    "real": (ogr.OFTReal, ogr.OFSTNone),
    "date": (ogr.OFTDate, ogr.OFSTNone),
    "datetime": (ogr.OFTDateTime, ogr.OFSTNone),
    "json": (ogr.OFTString, ogr.OFSTJSON),
    "string": (ogr.OFTString, ogr.OFSTNone),
}

_GPKG_GEOM_NAMES = {
    ogr.wkbPoint: "POINT", ogr.wkbLineString: "LINESTRING", ogr.wkbPolygon: "POLYGON",
    ogr.wkbMultiPoint: "MULTIPOINT", ogr.wkbMultiLineString: "MULTILINESTRING",
    ogr.wkbMultiPolygon: "MULTIPOLYGON", ogr.wkbGeometryCollection: "GEOMETRYCOLLECTION",
    ogr.wkbUnknown: "GEOMETRY",
}
_SINGLE_TO_MULTI = {
    "Point": ogr.wkbMultiPoint, "MultiPoint": ogr.wkbMultiPoint,
    "LineString": ogr.wkbMultiLineString, "MultiLineString": ogr.wkbMultiLineString,
    "Polygon": ogr.wkbMultiPolygon, "MultiPolygon": ogr.wkbMultiPolygon,
}
_GEOJSON_TO_OGR = {
    "Point": ogr.wkbPoint, "LineString": ogr.wkbLineString, "Polygon": ogr.wkbPolygon,
    "MultiPoint": ogr.wkbMultiPoint, "MultiLineString": ogr.wkbMultiLineString,
    "MultiPolygon": ogr.wkbMultiPolygon, "GeometryCollection": ogr.wkbGeometryCollection,
}


class WriteError(Exception):
    """Low-level failure; pull.py turns it into a TwinServiceError sentence."""


def value_kind(value):
    """The narrowest field kind that holds ``value`` (None for null)."""
    t = type(value)
    if t is str:
        if len(value) >= 10 and value[4:5] == "-":
            if _ISO_DATETIME.match(value):
                return "datetime"
            if len(value) == 10 and _ISO_DATE.match(value):
                return "date"
        return "string"
    if t is float:
        return "real"
    if t is bool:  # before int: bool is an int subclass
        return "bool"
    if t is int:
        return "int"
    if t is dict or t is list:
        return "json"
    if value is None:
        return None
    return "string"


def wider_kind(a, b):
    """The kind that holds values of both kinds."""
    if a is None or a == b:
        return b
    if b is None:
        return a
    pair = {a, b}
    if pair <= {"bool", "int"}:
        return "int"
    if pair <= {"bool", "int", "real"}:
        return "real"
    if pair == {"date", "datetime"}:
        return "datetime"
    return "string"


def _merge_geometry_type(current, geojson_types):
    """Layer geometry type that holds ``current`` plus the page's GeoJSON types."""
    types = {_GEOJSON_TO_OGR.get(t, ogr.wkbUnknown) for t in geojson_types}
    if current is not None:
        types.add(current)
    if len(types) == 1:
        return types.pop()
    multis = {_SINGLE_TO_MULTI.get(_GEOJSON_NAME.get(t), None) for t in types}
    if len(multis) == 1 and None not in multis:
        return multis.pop()
    return ogr.wkbUnknown


_GEOJSON_NAME = {v: k for k, v in _GEOJSON_TO_OGR.items()}


# Setters call the SWIG functions directly: the Python-level Feature.SetField
# dispatch costs more than the write itself (measured).
try:
    from osgeo._ogr import Feature_SetField as _set_any
    from osgeo._ogr import Feature_SetFieldInteger64 as _set_int
    from osgeo._ogr import Feature_SetFieldString as _set_str
except ImportError:  # other GDAL builds: the public methods, same arguments
    _set_any = ogr.Feature.SetField
    _set_int = ogr.Feature.SetFieldInteger64
    _set_str = ogr.Feature.SetFieldString


def _set_real(feature, index, value):
    _set_any(feature, index, float(value))


def _set_json(feature, index, value):
    _set_str(feature, index, json.dumps(value, ensure_ascii=False))


def _set_string(feature, index, value):
    if type(value) is str:
        _set_str(feature, index, value)
    else:
        _set_str(feature, index, json.dumps(value, ensure_ascii=False))


def _set_datetime(feature, index, value):
    # GeoPackage wants UTC ('Z'); GDAL 3.6 would store other offsets non-conformantly.
    if value.endswith("Z") or len(value) <= 19:
        _set_str(feature, index, value)
        return
    try:
        parsed = _dt.datetime.fromisoformat(value)
    except ValueError:
        _set_str(feature, index, value)
        return
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        _set_str(feature, index, parsed.isoformat() + "Z")
    else:
        _set_str(feature, index, value)


_SETTERS = {
    "bool": _set_int, "int": _set_int, "real": _set_real, "date": _set_str,
    "datetime": _set_datetime, "json": _set_json, "string": _set_string,
}


def make_srs(user_input):
    srs = osr.SpatialReference()
    if srs.SetFromUserInput(str(user_input)) != 0:
        raise WriteError("unknown CRS {}".format(user_input))
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


class GpkgLayerWriter:
    """Writes pages of GeoJSON features to ``layer_name`` in a new GeoPackage ``path``.

    ``target_crs`` None keeps lon/lat (EPSG:4326); otherwise geometries are
    reprojected from each page's CRS (CRS84 unless given) to it.
    """

    def __init__(self, path, layer_name, target_crs="EPSG:4547"):
        self.path = str(path)
        self.layer_name = layer_name
        self.target_authid = target_crs or "EPSG:4326"
        self.target_srs = make_srs(self.target_authid)
        self.kinds = {}        # property name -> kind (None while only nulls seen)
        self.field_names = {}  # property name -> OGR field name
        self.geometry_type = None
        self.feature_count = 0
        self.warnings = []
        self._transforms = {}
        self._ds = ogr.GetDriverByName("GPKG").CreateDataSource(self.path)
        if self._ds is None:
            raise WriteError("cannot create {}: {}".format(self.path, gdal.GetLastErrorMsg()))
        self._layer = None
        self._index_at_close = False

    # -- public ---------------------------------------------------------------

    def write_page(self, features, crs_authid=None):
        if not features:
            return 0
        geoms = [f.get("geometry") for f in features]
        present = [g for g in geoms if g]
        page_types = {g.get("type") for g in present}
        if self._layer is None:
            self._create_layer(page_types, present)
        elif page_types:
            self._ensure_geometry_type(page_types)
        self._update_schema(features)
        present = self._promote_dicts(present)
        parsed = self._parse_geometries(present, crs_authid)
        self._write(features, geoms, parsed, present)
        return len(features)

    def close(self):
        """Flush and close (builds the deferred spatial index); returns the path."""
        if self._ds is None:
            return self.path
        if self._layer is None:
            self._create_layer(set(), [])
        # Fields only ever null: keep them, as strings, so the schema is complete.
        for name, kind in self.kinds.items():
            if kind is None:
                self._add_field(name, "string")
        if self._index_at_close:
            self._ds.ExecuteSQL("SELECT CreateSpatialIndex('{}', 'geom')".format(
                self.layer_name.replace("'", "''")))
        self._layer = None
        self._ds = None
        return self.path

    def abort(self):
        self._layer = None
        self._ds = None

    # -- schema ---------------------------------------------------------------

    def _create_layer(self, page_types, present):
        if page_types:
            gtype = _merge_geometry_type(None, page_types)
            if any(_has_z(g) for g in present[:50]):
                gtype = ogr.GT_SetZ(gtype)
        else:
            gtype = ogr.wkbNone
        self.geometry_type = gtype
        options = ["FID=fid", "GEOMETRY_NAME=geom"]
        srs = self.target_srs if gtype != ogr.wkbNone else None
        self._layer = self._ds.CreateLayer(self.layer_name, srs, gtype, options=options)
        if self._layer is None:
            raise WriteError("cannot create layer {}: {}".format(
                self.layer_name, gdal.GetLastErrorMsg()))
        self._reserved = {"fid", "geom"}

    def _ensure_geometry_type(self, page_types):
        current = self.geometry_type
        if current == ogr.wkbNone:
            raise WriteError("features with geometries followed features without any")
        flat = ogr.GT_Flatten(current)
        new = _merge_geometry_type(flat, page_types)
        if new == flat:
            return
        if ogr.GT_HasZ(current):
            new = ogr.GT_SetZ(new)
        self._retype_layer(new)

    def _retype_layer(self, new_type):
        """Promote the layer's geometry type: copy what is written so far (in C) into a
        fresh GeoPackage declaring the wider type. Rare, and usually early."""
        multi = ogr.GT_Flatten(new_type) in (
            ogr.wkbMultiPoint, ogr.wkbMultiLineString, ogr.wkbMultiPolygon)
        self._layer = None
        self._ds = None
        retyped = self.path + ".retype.gpkg"
        try:
            out = gdal.VectorTranslate(
                retyped, self.path, format="GPKG", layerName=self.layer_name,
                geometryType="PROMOTE_TO_MULTI" if multi else "GEOMETRY",
                # Index built once at close: per-row rtree triggers would slow later pages.
                layerCreationOptions=["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=NO"],
                options=["-preserve_fid"])
            if out is None:
                raise WriteError("cannot promote the geometry type: {}".format(
                    gdal.GetLastErrorMsg()))
            out = None
            os.replace(retyped, self.path)
        finally:
            if os.path.exists(retyped):
                os.remove(retyped)
        self._ds = gdal.OpenEx(self.path, gdal.OF_VECTOR | gdal.OF_UPDATE)
        self._layer = self._ds.GetLayerByName(self.layer_name) if self._ds else None
        if self._layer is None:
            raise WriteError("cannot reopen {}".format(self.path))
        self.geometry_type = self._layer.GetGeomType()
        self._index_at_close = True

    def _update_schema(self, features):
        kinds = self.kinds
        changed = {}
        for feature in features:
            props = feature.get("properties") or {}
            for key, value in props.items():
                if value is None:
                    if key not in kinds and key not in changed:
                        changed[key] = None
                    continue
                current = changed.get(key, kinds.get(key))
                if current == "string":
                    continue
                kind = value_kind(value)
                if kind != current:
                    changed[key] = wider_kind(current, kind)
        # The service's feature id is kept as a field.
        if FID_FIELD not in kinds or kinds[FID_FIELD] not in ("string",):
            current = changed.get(FID_FIELD, kinds.get(FID_FIELD))
            for feature in features:
                fid = feature.get("id")
                if fid is not None:
                    kind = value_kind(fid)
                    if kind != current:
                        current = wider_kind(current, kind)
            if current != kinds.get(FID_FIELD):
                changed[FID_FIELD] = current
        for key, kind in changed.items():
            old = kinds.get(key, "absent")
            if kind == old:
                continue
            if old == "absent" or old is None:
                kinds[key] = kind
                if kind is not None:
                    self._add_field(key, kind)
            else:
                kinds[key] = kind
                self._alter_field(key, kind)
        self._defn = self._layer.GetLayerDefn()
        self._setters = {
            key: (self._defn.GetFieldIndex(self.field_names[key]), _SETTERS[kind])
            for key, kind in kinds.items() if kind is not None
        }

    def _field_defn(self, name, kind):
        ftype, subtype = _OGR_TYPES[kind]
        defn = ogr.FieldDefn(name, ftype)
        defn.SetSubType(subtype)
        return defn

    def _add_field(self, key, kind):
        name = key
        taken = {n.lower() for n in self.field_names.values()} | self._reserved
        while name.lower() in taken:
            name = name + "_1"
        self.field_names[key] = name
        if self._layer.CreateField(self._field_defn(name, kind)) != 0:
            raise WriteError("cannot add field {}: {}".format(name, gdal.GetLastErrorMsg()))

    def _alter_field(self, key, kind):
        name = self.field_names[key]
        index = self._layer.GetLayerDefn().GetFieldIndex(name)
        # GPKG rewrites the table: costly but rare (only when a later page widens).
        err = self._layer.AlterFieldDefn(index, self._field_defn(name, kind), ogr.ALTER_TYPE_FLAG)
        if err != 0:
            raise WriteError("cannot widen field {}: {}".format(name, gdal.GetLastErrorMsg()))

    # -- geometries -----------------------------------------------------------

    def _transform_for(self, crs_authid):
        key = crs_authid or "OGC:CRS84"
        if key not in self._transforms:
            source = make_srs(key)
            if _is_lonlat_wgs84(key) and _is_lonlat_wgs84(self.target_authid):
                self._transforms[key] = None  # same axes and datum: no work
            else:
                ct = osr.CoordinateTransformation(source, self.target_srs)
                if ct is None:
                    raise WriteError("no transformation from {} to {}".format(key, self.target_authid))
                self._transforms[key] = ct
        return self._transforms[key]

    def _parse_geometries(self, present, crs_authid):
        """OGR geometries for the page's non-null GeoJSON geometries.

        One GeometryCollection per page: a single JSON parse and a single PROJ call
        instead of one per feature. Falls back per feature when the batch fails.
        """
        if not present:
            return []
        ct = self._transform_for(crs_authid)
        text = '{"type":"GeometryCollection","geometries":' + json.dumps(present) + "}"
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        try:
            collection = ogr.CreateGeometryFromJson(text)
            ok = collection is not None and collection.GetGeometryCount() == len(present)
            if ok and ct is not None:
                ok = collection.Transform(ct) == 0
            if ok:
                return _CollectionView(collection)
            return [self._parse_one(g, ct) for g in present]
        finally:
            gdal.PopErrorHandler()

    def _parse_one(self, geometry, ct):
        geom = ogr.CreateGeometryFromJson(json.dumps(geometry))
        if geom is not None and ct is not None and geom.Transform(ct) != 0:
            geom = None
        if geom is None:
            self.warnings.append("unreadable geometry dropped")
        return geom

    # -- rows -----------------------------------------------------------------

    def _promote_dicts(self, present):
        """Single geometries for a multi layer become multi before parsing (cheaper
        than converting each parsed OGR geometry)."""
        name = _GEOJSON_NAME.get(ogr.GT_Flatten(self.geometry_type or ogr.wkbNone), "")
        if not name.startswith("Multi"):
            return present
        single = name[5:]
        return [{"type": name, "coordinates": [g.get("coordinates")]}
                if g.get("type") == single else g for g in present]

    def _write(self, features, geoms, parsed, present):
        layer, defn, setters = self._layer, self._defn, self._setters
        layer_type = self.geometry_type
        force = layer_type not in (ogr.wkbNone, ogr.wkbUnknown) and any(
            g.get("type") != _GEOJSON_NAME.get(ogr.GT_Flatten(layer_type)) for g in present)
        fid_setter = setters.get(FID_FIELD)
        n = 0
        if self._ds.StartTransaction() != 0:
            raise WriteError("cannot start a transaction: {}".format(gdal.GetLastErrorMsg()))
        try:
            for feature, geometry in zip(features, geoms):
                out = ogr.Feature(defn)
                props = feature.get("properties")
                if props:
                    for key, value in props.items():
                        if value is not None:
                            index, setter = setters[key]
                            setter(out, index, value)
                if fid_setter is not None:
                    fid = feature.get("id")
                    if fid is not None:
                        fid_setter[1](out, fid_setter[0], fid)
                if geometry:
                    geom = parsed[n]
                    n += 1
                    if geom is not None:
                        if force and geom.GetGeometryType() != layer_type:
                            out.SetGeometryDirectly(ogr.ForceTo(geom.Clone(), layer_type))
                        else:
                            out.SetGeometry(geom)
                if layer.CreateFeature(out) != 0:
                    raise WriteError("cannot write a feature: {}".format(gdal.GetLastErrorMsg()))
        except BaseException:
            self._ds.RollbackTransaction()
            raise
        if self._ds.CommitTransaction() != 0:
            raise WriteError("cannot commit a page: {}".format(gdal.GetLastErrorMsg()))
        self.feature_count += len(features)


class _CollectionView:
    """Index access to a parsed GeometryCollection's parts (references, no copies)."""

    def __init__(self, collection):
        self._collection = collection

    def __getitem__(self, index):
        return self._collection.GetGeometryRef(index)


def _has_z(geometry):
    coords = geometry.get("coordinates")
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        coords = coords[0]
    return isinstance(coords, list) and len(coords) > 2


def _is_lonlat_wgs84(authid):
    return str(authid).upper() in ("OGC:CRS84", "EPSG:4326", "CRS84")
