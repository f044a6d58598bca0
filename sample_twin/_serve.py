"""pygeoapi server entry point, run with .venv-service's python (not imported by the plugin).

Requests are served by forked workers rather than threads: with Flask's threaded
server, rasterio's bundled GDAL/PROJ crashed the whole server (segfault in libproj)
on coverage requests after other threads had used PROJ. A fork per request keeps
each request single-threaded, and a crash would lose only that request."""

import sys

from werkzeug.serving import run_simple

from pygeoapi.flask_app import APP

if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    run_simple(host, port, APP, threaded=False, processes=4, use_reloader=False,
               use_debugger=False)
