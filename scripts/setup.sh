#!/usr/bin/env bash
# Idempotent set-up on a fresh Debian 12 machine: QGIS from Debian, a test/plugin
# virtual environment on Debian's Python (the only one that imports qgis), and a
# separate one for the sample twin service (pygeoapi).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=0
/usr/bin/python3 -c "import qgis.core, osgeo.gdal, geopandas, pytest" 2>/dev/null || need_apt=1
for bin in xvfb-run xauth ogr2ogr qgis_process.bin lrelease pdftoppm pdftotext; do command -v "$bin" >/dev/null || need_apt=1; done
[ -e /usr/lib/x86_64-linux-gnu/mod_spatialite.so ] || need_apt=1
# Mesa's software OpenGL: the 3D view of a package renders under Xvfb with it.
[ -e /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so ] || need_apt=1
# The report PDF's Chinese font (real, searchable text: see plugin/report/fonts.py).
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need_apt=1
if [ "$need_apt" = 1 ]; then
  echo "== installing QGIS and system packages from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends \
    qgis python3-qgis qgis-providers python3-gdal gdal-bin python3-venv python3-pip \
    libsqlite3-mod-spatialite xvfb xauth fonts-noto-cjk python3-geopandas python3-pytest \
    qttools5-dev-tools libgl1-mesa-dri poppler-utils fonts-wqy-microhei >/dev/null
fi

# numpy<2: Debian's GDAL bindings are built against numpy 1.x.
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import shapely, geopandas, pytest_qgis, pytestqt" 2>/dev/null; then
  echo "== plugin/test environment (.venv)"
  /usr/bin/python3 -m venv --system-site-packages .venv
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
fi

# pygeoapi's SQLiteGPKG provider needs a sqlite3 that loads extensions: Debian's Python.
if [ ! -x .venv-service/bin/pygeoapi ]; then
  echo "== sample twin service environment (.venv-service)"
  /usr/bin/python3 -m venv .venv-service
  .venv-service/bin/pip install -q --disable-pip-version-check -r sample_twin/requirements-service.txt
fi
