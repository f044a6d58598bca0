"""The Qt chart module: PNG and SVG written, not blank, every series and reference line
drawn where it should be (pixels counted by colour), gaps left open."""

import math

import pytest
from qgis.PyQt.QtGui import QImage

from plugin.report import charts
from tests.support.images import count

BLUE, ORANGE, RED = "#1f77b4", "#ff7f0e", "#d62728"


@pytest.fixture
def chart():
    xs = list(range(48))
    level = [1 + 0.5 * math.sin(i / 5) for i in xs]
    rain = [0.2 + 0.1 * math.cos(i / 3) for i in xs]
    level[20:26] = [float("nan")] * 6          # a gap: no readings for six hours
    return charts.Chart(
        xs, [charts.Series("水位 water level", level, BLUE),
             charts.Series("rain", rain, ORANGE, fill=True)],
        title="Gauge 香蜜湖 W-01", x_label="hour", y_label="m",
        ref_lines=[charts.RefLine(1.3, "warn 警戒", "#ff9900"),
                   charts.RefLine(1.45, "alarm", RED)])


def test_png_and_svg_are_written_with_both_series(qgis_app, chart, tmp_path):
    png = charts.save_png(chart, tmp_path / "gauge.png", 800, 360)
    svg = charts.save_svg(chart, tmp_path / "gauge.svg", 800, 360)
    image = QImage(png)
    assert (image.width(), image.height()) == (800, 360)
    assert count(image, BLUE) > 300                 # the line
    assert count(image, ORANGE, tol=60) > 100       # the filled series' outline
    assert count(image, RED, tol=120) > 200         # the alarm line (dashed, thin)
    text = (tmp_path / "gauge.svg").read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text
    assert BLUE in text and ORANGE in text and RED in text
    assert not list(tmp_path.glob("*.part"))
    assert svg.endswith("gauge.svg")


def test_nan_leaves_a_gap(qgis_app, chart, tmp_path):
    image = QImage(charts.save_png(chart, tmp_path / "g.png", 960, 400))
    # x = 20…25 lie in the gap; find their columns from the plot's extent (x 0…47)
    left = min(x for x in range(image.width())
               if count(image, BLUE, x, x + 1) > 0)
    right = max(x for x in range(image.width()) if count(image, BLUE, x, x + 1) > 0)
    col = lambda v: int(left + (right - left) * v / 47)
    assert count(image, BLUE, col(20.5), col(24.5)) == 0
    assert count(image, BLUE, col(10), col(14)) > 0


def test_azimuth_ticks_name_the_compass_points():
    ticks = dict(charts.azimuth_ticks(0, 360))
    assert ticks[0] == "N" and ticks[90] == "E" and ticks[180] == "S" and ticks[270] == "W"
    assert ticks[360] == "N" and ticks[30] == "30°"
    across = dict(charts.azimuth_ticks(350, 370))   # a field of view across north
    assert across[360] == "N" and across[356] == "356°" and across[364] == "4°"


def test_skyline_chart_shows_the_scheme_only_where_it_changes(qgis_app, tmp_path):
    az = [i * 0.5 for i in range(720)]
    existing = [10.0 if 80 <= a <= 120 else 0.0 for a in az]
    scheme = [25.0 if 100 <= a <= 104 else e for a, e in zip(az, existing)]
    chart = charts.skyline_chart(az, existing, scheme, 5.0, title="天际线 skyline")
    shown = [v for v in chart.series[1].y if not math.isnan(v)]
    assert 9 <= len(shown) <= 11                    # 100…104° and one step either side
    assert chart.ref_lines[0].label == "Reference 5°"
    assert chart.x_range == (0.0, 360.0)
    image = QImage(charts.save_png(chart, tmp_path / "sky.png"))
    assert count(image, RED) > 100                  # the tower above the existing skyline
    assert count(image, "#4d5a66", tol=30) > 100    # the existing skyline's outline
    charts.save_svg(chart, tmp_path / "sky.svg")
    assert "天际线" in (tmp_path / "sky.svg").read_text(encoding="utf-8")
