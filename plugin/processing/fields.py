"""Reading attribute columns of the input layers: numbers, identifiers and the optional
field parameters (id, name, ground) whose default a layer may lack."""

from qgis.core import QgsProcessingException

from ..i18n import tr


def numbers(frame, name):
    """A column as float (NaN where null or not a number); all NaN without the column."""
    import numpy as np
    import pandas as pd

    if not name or name not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)


def identifiers(frame, name):
    """The id column as text, 'fid N' where it is null or absent."""
    if name and name in frame.columns:
        return ["fid {}".format(f) if v is None or v == "" else str(v)
                for v, f in zip(frame[name], frame.index)]
    return ["fid {}".format(f) for f in frame.index]


def optional_field(alg, parameters, key, context, source, default, feedback, label):
    """The field chosen for ``key`` when ``source`` has it. A default the layer lacks
    falls back to feature ids (logged); a field the user named and the layer lacks is an
    error."""
    value = alg.parameterAsString(parameters, key, context)
    if not value or source.fields().indexOf(value) >= 0:
        return value or None
    if value == default:
        feedback.pushInfo(tr("{}: no field {}; feature ids are used.").format(label, value))
        return None
    raise QgsProcessingException(tr("The {} layer has no field '{}'.").format(label, value))


def ground_sources():
    """How a viewpoint's ground was found (analysis/viewpoints.py's keys), for the log."""
    return {"dem": tr("DEM"), "nearest_building": tr("ground_elev of the nearest building"),
            "zero": tr("no DEM and no building ground elevation: 0 m")}


def district_id_field(alg, parameters, context, districts, feedback):
    """The districts' id field chosen in ``alg.DISTRICT_ID_FIELD``; None (feature ids) when
    empty, or when it is the default district_id and the layer lacks it (a warning)."""
    value = alg.parameterAsString(parameters, alg.DISTRICT_ID_FIELD, context)
    if not value:
        return None
    if districts.fields().indexOf(value) >= 0:
        return value
    if value == "district_id":
        feedback.pushWarning(tr("The districts have no field district_id; feature ids "
                                "identify them instead."))
        return None
    raise QgsProcessingException(
        tr("The districts layer has no field '{}'.").format(value))


def height_controls(alg, parameters, context):
    """[(parameter key, source, cap field)] of the parcels (``height_cap``) and zones
    (``max_height``) given to ``alg``; a layer lacking its cap field is refused in one
    sentence."""
    controls = []
    for key, cap_key, default, label in (
            (alg.PARCELS, alg.PARCEL_CAP_FIELD, "height_cap", tr("parcels")),
            (alg.ZONES, alg.ZONE_CAP_FIELD, "max_height", tr("height-control zones"))):
        source = alg.parameterAsSource(parameters, key, context)
        if source is None:
            continue
        cap = alg.parameterAsString(parameters, cap_key, context) or default
        if source.fields().indexOf(cap) < 0:
            raise QgsProcessingException(tr(
                "The {} layer has no height cap field '{}'.").format(label, cap))
        controls.append((key, source, cap))
    return controls
