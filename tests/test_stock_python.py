"""The analysis kernels in QGIS's own Python on Debian 12: shapely 1.8, geopandas 0.12.

The test suite's venv has shapely 2; a user's QGIS may not. The kernel tests are run again
under /usr/bin/python3 (no venv), where analysis/geos.py falls back to shapely 1.8.
"""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STOCK = "/usr/bin/python3"


def stock_versions():
    probe = subprocess.run([STOCK, "-c", "import shapely, geopandas, pytest; "
                            "print(shapely.__version__, geopandas.__version__)"],
                           capture_output=True, text=True)
    return probe.stdout.split() if probe.returncode == 0 else None


# Whole kernel test files, and files whose kernel tests are named test_kernel_* beside
# Processing tests that need pytest-qgis (absent from QGIS's Python).
KERNEL_RUNS = {
    "kernel files": ["tests/test_indicators_kernel.py", "tests/test_zonal_kernel.py",
                     "tests/test_flood_kernel.py", "tests/test_rays_kernel.py",
                     "tests/test_skyline_kernel.py", "tests/test_sunlight_kernel.py",
                     "tests/test_sun.py", "tests/test_shadows.py",
                     "tests/test_schemes_kernel.py"],
    "kernel tests in mixed files": ["tests/test_height_control.py",
                                    "tests/test_view_corridor.py", "-k", "kernel"],
}


@pytest.mark.skipif(stock_versions() is None,
                    reason="QGIS's Python has no shapely/geopandas/pytest (python3-geopandas)")
@pytest.mark.parametrize("run", sorted(KERNEL_RUNS))
def test_kernel_tests_pass_in_qgis_own_python(run):
    proc = subprocess.run([STOCK, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-W", "ignore::pytest.PytestConfigWarning", *KERNEL_RUNS[run]],
                          cwd=str(ROOT), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert " passed" in proc.stdout and "failed" not in proc.stdout
