"""Live layers: collections streamed by QGIS's own OAPIF provider.

QGIS then fetches only what the map view needs (restrictToRequestBBOX), pages by
itself, and applies the connection's authcfg to every request.
"""

from qgis.core import QgsDataSourceUri

PROVIDER = "OAPIF"


def oapif_uri(base_url, collection_id, authcfg="", max_features=0):
    """The OAPIF data source URI of one collection of the service at ``base_url``;
    ``max_features`` > 0 caps what QGIS fetches for one view."""
    uri = QgsDataSourceUri()
    uri.setParam("url", base_url.rstrip("/"))
    uri.setParam("typename", collection_id)
    uri.setParam("restrictToRequestBBOX", "1")
    uri.setParam("pagingEnabled", "true")
    if max_features and int(max_features) > 0:
        uri.setParam("maxNumFeatures", str(int(max_features)))
    if authcfg:
        uri.setAuthConfigId(authcfg)
    return uri.uri(False)
