"""Write the sample twin's layers: GeoPackage (the data), SpatiaLite (what the service
reads), GeoTIFF rasters and TinyDB observations."""

import json

import numpy as np
import shapely
from osgeo import gdal, ogr

from . import terrain
from .coords import GEO_SRS, METRIC_SRS, geoms_to_lonlat

gdal.UseExceptions()
ogr.UseExceptions()


def table_name(cid):
    return cid.replace("-", "_")


_SQL_TYPES = {ogr.OFTInteger: "INTEGER", ogr.OFTInteger64: "INTEGER", ogr.OFTReal: "REAL"}


def _sql_value(feature, i, ftype):
    if not feature.IsFieldSetAndNotNull(i):
        return None
    if ftype in (ogr.OFTInteger, ogr.OFTInteger64):
        return feature.GetFieldAsInteger64(i)
    if ftype == ogr.OFTReal:
        return feature.GetFieldAsDouble(i)
    if ftype == ogr.OFTDateTime:
        y, mo, d, h, mi, sec, tz = feature.GetFieldAsDateTime(i)
        return "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}".format(
            y, mo, d, h, mi, int(sec), "Z" if tz == 100 else "")
    return feature.GetFieldAsString(i)


def spatialite(path):
    """A sqlite3 connection to ``path`` with SpatiaLite loaded. Load it in a child
    process of the tests: in the test process it corrupted the heap (abort at exit)."""
    import sqlite3

    con = sqlite3.connect(str(path))
    con.enable_load_extension(True)
    con.load_extension("mod_spatialite")
    return con


def write_spatialite(gpkg, out):
    """A SpatiaLite copy for the service. pygeoapi opens a GeoPackage through
    AutoGPKGStart(), which rewrites virtual tables in the file on every request, so
    concurrent requests break each other; plain SpatiaLite tables are only read. Columns
    are declared TEXT / INTEGER / REAL (pygeoapi filters only on those type names) and
    times are kept as ISO 8601 text in UTC with a Z."""
    con = spatialite(out)
    con.execute("SELECT InitSpatialMetadata(1)")
    src = ogr.Open(str(gpkg))
    for layer in src:
        name, defn = layer.GetName(), layer.GetLayerDefn()
        fields = [(defn.GetFieldDefn(i).GetName(), defn.GetFieldDefn(i).GetType())
                  for i in range(defn.GetFieldCount())]
        columns = ", ".join('"{}" {}'.format(n, _SQL_TYPES.get(t, "TEXT")) for n, t in fields)
        con.execute('CREATE TABLE "{}" (fid INTEGER PRIMARY KEY, {})'.format(name, columns))
        gtype = ogr.GeometryTypeToName(layer.GetGeomType()).upper().replace(" ", "")
        con.execute("SELECT AddGeometryColumn(?, 'geom', 4326, ?, 'XY')", (name, gtype))
        names = ", ".join('"{}"'.format(n) for n, _ in fields)
        marks = ", ".join("?" for _ in fields)
        rows = [(f.GetFID(), *[_sql_value(f, i, t) for i, (_, t) in enumerate(fields)],
                 bytes(f.GetGeometryRef().ExportToWkb()))
                for f in layer]
        con.executemany('INSERT INTO "{}" (fid, {}, geom) VALUES (?, {}, GeomFromWKB(?, 4326))'
                        .format(name, names, marks), rows)
        con.execute("SELECT CreateSpatialIndex(?, 'geom')", (name,))
    con.commit()
    con.close()


def write_gpkg(path, layers):
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    info = {}
    for cid, layer in layers.items():
        metric = np.array(layer.geoms, dtype=object)
        lonlat = geoms_to_lonlat(metric)
        types = set(shapely.get_type_id(lonlat).tolist())
        if types <= {0}:
            gtype = ogr.wkbPoint
        elif types <= {1, 5}:
            gtype = ogr.wkbMultiLineString if 5 in types else ogr.wkbLineString
            if 5 in types:
                lonlat = np.array([shapely.MultiLineString([g]) if g.geom_type == "LineString" else g
                                   for g in lonlat], dtype=object)
        else:
            gtype = ogr.wkbMultiPolygon if 6 in types else ogr.wkbPolygon
            if 6 in types:
                lonlat = np.array([shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g
                                   for g in lonlat], dtype=object)
        lyr = ds.CreateLayer(table_name(cid), GEO_SRS, gtype, options=["FID=fid"])
        for name, ftype in layer.fields:
            lyr.CreateField(ogr.FieldDefn(name, ftype))
        defn = lyr.GetLayerDefn()
        wkb = shapely.to_wkb(lonlat)
        names = [n for n, _ in layer.fields]
        lyr.StartTransaction()
        for i, (row, g) in enumerate(zip(layer.rows, wkb)):
            feat = ogr.Feature(defn)
            feat.SetFID(i + 1)
            for n in names:
                v = row.get(n)
                if v is None:
                    feat.SetFieldNull(n)
                else:
                    feat.SetField(n, v)
            feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(bytes(g)))
            lyr.CreateFeature(feat)
        lyr.CommitTransaction()
        info[cid] = {"lonlat": lonlat, "metric": metric}
    ds = None
    return info


def write_raster(path, grid, array, description, unit):
    drv = gdal.GetDriverByName("GTiff")
    ds = drv.Create(str(path), grid.ncols, grid.nrows, 1, gdal.GDT_Float32,
                    options=["COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES"])
    ds.SetGeoTransform(grid.geotransform)
    ds.SetProjection(METRIC_SRS.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(terrain.NODATA)
    band.SetDescription(description)
    band.SetUnitType(unit)
    band.WriteArray(array)
    band.ComputeStatistics(False)
    ds = None


def write_tinydb(path, layer, info):
    """Observations as a TinyDB document store: pygeoapi's TinyDB provider filters
    datetime= on a time_field, which its SQLite/GPKG provider ignores."""
    docs = {}
    coords = shapely.get_coordinates(info["lonlat"])
    for i, (row, (x, y)) in enumerate(zip(layer.rows, coords)):
        # String ids: pygeoapi looks items/{id} up by the path string.
        docs[str(i + 1)] = {"type": "Feature", "id": str(i + 1),
                            "geometry": {"type": "Point", "coordinates": [round(x, 7), round(y, 7)]},
                            "properties": row}
    path.write_text(json.dumps({"_default": docs}, ensure_ascii=False, separators=(",", ":")))
