"""Small line / area charts drawn with QPainter, saved as PNG (QImage) and SVG (QSvgGenerator).

Qt only (through qgis.PyQt), no matplotlib: QGIS ships Qt everywhere, and text goes through
the application font with Qt's font fallback, so Chinese labels render wherever QGIS shows
Chinese. Works headless (QT_QPA_PLATFORM=offscreen) once a QGuiApplication exists.

A ``Chart`` is x values, named ``Series`` (NaN = a gap), optional horizontal ``RefLine``s
with labels (reference angle, warn / alarm levels), ticks, title and legend.
"""

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from qgis.PyQt.QtCore import QPointF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
)
from qgis.PyQt.QtSvg import QSvgGenerator


@dataclass
class Series:
    name: str
    y: Sequence[float]
    color: str = "#1f77b4"
    fill: bool = False          # fill between the line and the chart's baseline
    width: float = 1.6


@dataclass
class RefLine:
    y: float
    label: str = ""
    color: str = "#d62728"
    dashed: bool = True


@dataclass
class Chart:
    x: Sequence[float]
    series: list
    title: str = ""
    x_label: str = ""
    y_label: str = ""
    ref_lines: list = field(default_factory=list)
    x_ticks: list = None      # [(value, label)]; None: evenly spaced numbers
    x_range: tuple = None     # (min, max); None: the data's
    y_range: tuple = None
    baseline: float = 0.0


def nice_ticks(lo, hi, count=6):
    """Round tick values (1, 2, 2.5, 5 × 10^k steps) covering [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    raw = (hi - lo) / max(count, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    return [round(first + i * step, 10) for i in range(int((hi - first) / step + 1e-9) + 1)]


def _label(value):
    return f"{round(value, 6):g}"


def _finite(values):
    return [v for v in values if v is not None and math.isfinite(v)]


def _ranges(chart):
    xs = _finite([float(v) for v in chart.x])
    x0, x1 = chart.x_range or ((min(xs), max(xs)) if xs else (0.0, 1.0))
    if x1 <= x0:
        x1 = x0 + 1.0
    if chart.y_range:
        return (x0, x1), tuple(chart.y_range)
    ys = [float(v) for s in chart.series for v in _finite(list(s.y))]
    ys += [r.y for r in chart.ref_lines]
    filled = any(s.fill for s in chart.series)
    if filled or not ys:
        ys.append(chart.baseline)   # an area is drawn down to its baseline
    lo, hi = min(ys), max(ys)
    pad = (hi - lo) * 0.08 or 1.0
    # An area's baseline is the chart's floor; otherwise leave a margin below too.
    return (x0, x1), (lo - (pad if not filled or lo < chart.baseline else 0.0), hi + pad)


def _layout(chart, width, height):
    """(font, title font, metrics, y ticks, plot rectangle) of a chart drawn at this size."""
    base = QFont(QGuiApplication.font())
    base.setPixelSize(max(11, int(height / 34)))
    bold = QFont(base)
    bold.setPixelSize(int(base.pixelSize() * 1.25))
    bold.setBold(True)
    fm = QFontMetricsF(base)
    _x, (y0, y1) = _ranges(chart)
    yticks = [t for t in nice_ticks(y0, y1) if y0 - 1e-9 <= t <= y1 + 1e-9]
    left = 14 + max(fm.horizontalAdvance(_label(t)) for t in yticks) + 8
    if chart.y_label:
        left += fm.height() + 4
    top = 12 + (QFontMetricsF(bold).height() + 6 if chart.title else 0) + fm.height() + 10
    bottom = height - (fm.height() * (2.4 if chart.x_label else 1.4) + 12)
    right = width - 16
    return base, bold, fm, yticks, QRectF(left, top, right - left, bottom - top)


def draw(chart, painter, width, height):
    """Paint ``chart`` on an active QPainter over a width × height area."""
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    base, bold, fm, yticks, plot = _layout(chart, width, height)
    painter.fillRect(QRectF(0, 0, width, height), QColor("white"))
    (x0, x1), (y0, y1) = _ranges(chart)

    def px(x):
        return plot.left() + (x - x0) / (x1 - x0) * plot.width()

    def py(y):
        return plot.bottom() - (y - y0) / (y1 - y0) * plot.height()

    # title, grid, axes
    painter.setPen(QColor("#222222"))
    if chart.title:
        painter.setFont(bold)
        painter.drawText(QRectF(0, 8, width, QFontMetricsF(bold).height() + 4),
                         int(Qt.AlignHCenter | Qt.AlignVCenter), chart.title)
    painter.setFont(base)
    grid_pen = QPen(QColor("#e3e3e3"), 1)
    text_h = fm.height()
    for t in yticks:
        painter.setPen(grid_pen)
        painter.drawLine(QPointF(plot.left(), py(t)), QPointF(plot.right(), py(t)))
        painter.setPen(QColor("#444444"))
        painter.drawText(QRectF(0, py(t) - text_h / 2, plot.left() - 6, text_h),
                         int(Qt.AlignRight | Qt.AlignVCenter), _label(t))
    xticks = chart.x_ticks
    if xticks is None:
        xticks = [(t, _label(t)) for t in nice_ticks(x0, x1, 8)]
    for value, text in xticks:
        if not x0 - 1e-9 <= value <= x1 + 1e-9:
            continue
        painter.setPen(grid_pen)
        painter.drawLine(QPointF(px(value), plot.top()), QPointF(px(value), plot.bottom()))
        painter.setPen(QColor("#444444"))
        painter.drawText(QRectF(px(value) - 60, plot.bottom() + 4, 120, text_h),
                         int(Qt.AlignHCenter | Qt.AlignTop), text)
    if chart.x_label:
        painter.drawText(QRectF(plot.left(), plot.bottom() + text_h + 8, plot.width(), text_h),
                         int(Qt.AlignHCenter | Qt.AlignTop), chart.x_label)
    if chart.y_label:
        painter.save()
        painter.translate(10 + text_h / 2, plot.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-plot.height() / 2, -text_h / 2, plot.height(), text_h),
                         int(Qt.AlignCenter), chart.y_label)
        painter.restore()

    # series, clipped to the plot
    painter.save()
    painter.setClipRect(plot)
    xs = [float(v) for v in chart.x]
    base_y = py(min(max(chart.baseline, y0), y1))
    for series in chart.series:
        color = QColor(series.color)
        for run in _runs(xs, series.y):
            line = QPainterPath(QPointF(px(run[0][0]), py(run[0][1])))
            for x, y in run[1:]:
                line.lineTo(px(x), py(y))
            if series.fill:
                area = QPainterPath(line)
                area.lineTo(px(run[-1][0]), base_y)
                area.lineTo(px(run[0][0]), base_y)
                area.closeSubpath()
                fill = QColor(color)
                fill.setAlpha(70)
                painter.fillPath(area, QBrush(fill))
            pen = QPen(color, series.width)
            pen.setJoinStyle(Qt.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.NoBrush)
            if len(run) == 1:
                painter.drawPoint(QPointF(px(run[0][0]), py(run[0][1])))
            else:
                painter.drawPath(line)
    for ref in chart.ref_lines:
        pen = QPen(QColor(ref.color), 1.3, Qt.DashLine if ref.dashed else Qt.SolidLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(plot.left(), py(ref.y)), QPointF(plot.right(), py(ref.y)))
    painter.restore()
    for ref in chart.ref_lines:
        if ref.label and y0 <= ref.y <= y1:
            # on a white backing, so the label stays readable over the series
            w = fm.horizontalAdvance(ref.label) + 8
            box = QRectF(plot.right() - 6 - w, py(ref.y) - text_h - 1, w, text_h)
            painter.fillRect(box, QColor(255, 255, 255, 210))
            painter.setPen(QColor(ref.color))
            painter.drawText(box, int(Qt.AlignCenter), ref.label)
    painter.setPen(QPen(QColor("#444444"), 1))
    painter.setBrush(Qt.NoBrush)
    painter.drawRect(plot)
    _legend(painter, chart, fm, plot)


def _runs(xs, ys):
    """The stretches of finite points: a NaN in y breaks the line."""
    runs, run = [], []
    for x, y in zip(xs, ys):
        if y is None or not math.isfinite(y) or not math.isfinite(x):
            if run:
                runs.append(run)
            run = []
        else:
            run.append((x, float(y)))
    if run:
        runs.append(run)
    return runs


def _legend(painter, chart, fm, plot):
    """One row above the plot, right-aligned: a swatch and the name of each series."""
    items = [(s.name, QColor(s.color), s.fill) for s in chart.series if s.name]
    if not items:
        return
    swatch, gap = 22.0, 16.0
    total = sum(swatch + 6 + fm.horizontalAdvance(name) + gap for name, _c, _f in items) - gap
    x = plot.right() - total
    y = plot.top() - fm.height() - 6
    for name, color, fill in items:
        mid = y + fm.height() / 2
        if fill:
            shade = QColor(color)
            shade.setAlpha(70)
            painter.fillRect(QRectF(x, mid - 5, swatch, 10), shade)
        painter.setPen(QPen(color, 2.2))
        painter.drawLine(QPointF(x, mid), QPointF(x + swatch, mid))
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(x + swatch + 6, y, fm.horizontalAdvance(name) + 4, fm.height()),
                         int(Qt.AlignLeft | Qt.AlignVCenter), name)
        x += swatch + 6 + fm.horizontalAdvance(name) + gap


def _paint(chart, painter, width, height):
    """A bar chart draws itself; everything else is a line chart."""
    (draw_bars if isinstance(chart, BarChart) else draw)(chart, painter, width, height)


def save_png(chart, path, width=1000, height=440):
    """Write ``chart`` as a PNG (written to a temporary name, then renamed into place)."""
    image = QImage(QSize(width, height), QImage.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        _paint(chart, painter, width, height)
    finally:
        painter.end()
    tmp = str(path) + ".part"
    if not image.save(tmp, "PNG"):
        raise OSError(f"cannot write {path}")
    os.replace(tmp, str(path))
    return str(path)


def save_svg(chart, path, width=1000, height=440):
    """Write ``chart`` as an SVG (same drawing as the PNG)."""
    tmp = str(path) + ".part"
    generator = QSvgGenerator()
    generator.setFileName(tmp)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(chart.title)
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"cannot write {path}")
    try:
        _paint(chart, painter, width, height)
    finally:
        painter.end()
    os.replace(tmp, str(path))
    return str(path)


# --- the skyline chart ------------------------------------------------------------------------

COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")


def azimuth_ticks(start, stop, compass=COMPASS):
    """Ticks over unwrapped azimuths [start, stop]: compass names at multiples of 45°,
    degrees between, at a step giving about 8–16 ticks."""
    span = max(stop - start, 1e-9)
    step = next((s for s in (1, 2, 5, 10, 15, 30, 45) if span / s <= 16), 45)
    ticks = []
    value = math.ceil(start / step - 1e-9) * step
    while value <= stop + 1e-9:
        wrapped = value % 360
        if abs(wrapped % 45) < 1e-9:
            text = compass[round(wrapped / 45) % 8]
        else:
            text = f"{wrapped:g}°"
        ticks.append((value, text))
        value += step
    return ticks


def _where_changed(existing, scheme, tol=1e-9):
    """The scheme's values where it differs from the existing ones and one step either side
    (so a changed stretch joins the existing line); NaN elsewhere, leaving the existing
    skyline visible where the scheme keeps it."""
    n = len(scheme)
    changed = [abs(float(a) - float(b)) > tol for a, b in zip(existing, scheme)]
    show = [changed[i] or (i > 0 and changed[i - 1]) or (i + 1 < n and changed[i + 1])
            for i in range(n)]
    return [float(v) if keep else float("nan") for v, keep in zip(scheme, show)]


def skyline_chart(azimuths, existing, scheme=None, reference_angle=None, title="",
                  labels=None, compass=COMPASS):
    """Existing (grey area) and scheme (red line, where it changes the existing) skyline
    angle over azimuth.

    ``azimuths`` unwrapped (increasing, may pass 360 for a field of view across north);
    angles in degrees, NaN where nothing is drawn. ``labels``: texts for "existing",
    "scheme", "reference", "x", "y" (translated by the caller).
    """
    labels = dict({"existing": "Existing", "scheme": "With scheme", "reference": "Reference {}°",
                   "x": "Azimuth", "y": "Elevation angle (°)"}, **(labels or {}))
    series = [Series(labels["existing"], list(existing), "#4d5a66", fill=True, width=1.2)]
    if scheme is not None:
        series.append(Series(labels["scheme"], _where_changed(existing, scheme), "#d62728",
                             width=1.6))
    refs = []
    if reference_angle is not None:
        refs.append(RefLine(float(reference_angle),
                            labels["reference"].format(f"{reference_angle:g}"),
                            "#1f77b4"))
    xs = [float(a) for a in azimuths]
    x_range = (xs[0], xs[-1]) if xs else (0.0, 360.0)
    if x_range[1] - x_range[0] >= 359.0:     # the full circle: end at the start again
        x_range = (x_range[0], x_range[0] + 360.0)
    return Chart(xs, series, title=title, x_label=labels["x"], y_label=labels["y"],
                 ref_lines=refs, x_ticks=azimuth_ticks(*x_range, compass=compass),
                 x_range=x_range)


# --- grouped bar charts -----------------------------------------------------------------------

PALETTE = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#718096")


@dataclass
class BarChart:
    """Groups along x, one bar per series in each group (NaN: no bar)."""

    groups: list               # group labels
    series: list               # Series (y: one value per group)
    title: str = ""
    y_label: str = ""
    legend: bool = True


def bar_chart(groups, series, title="", y_label="", legend=True, colors=PALETTE):
    """A BarChart from groups and [(name, values)], coloured in turn from ``colors``."""
    return BarChart(list(groups), [Series(name, list(values), colors[i % len(colors)])
                                   for i, (name, values) in enumerate(series)],
                    title, y_label, legend)


def draw_bars(chart, painter, width, height):
    """Paint a BarChart on an active QPainter: the line chart's frame, ticks and legend,
    bars from 0 (negative values below it) with their value above."""
    values = [float(v) for s in chart.series for v in _finite(list(s.y))]
    lo, hi = min(values + [0.0]), max(values + [0.0])
    pad = (hi - lo) * 0.12 or 1.0
    count = max(len(chart.groups), 1)
    frame = Chart(list(range(count)), [Series(s.name if chart.legend else "", [], s.color)
                                       for s in chart.series],
                  title=chart.title, y_label=chart.y_label,
                  x_ticks=[(i + 0.5, str(g)) for i, g in enumerate(chart.groups)],
                  x_range=(0.0, float(count)), y_range=(lo - (pad if lo < 0 else 0), hi + pad))
    draw(frame, painter, width, height)
    plot = _layout(frame, width, height)[-1]
    base = QFont(QGuiApplication.font())
    base.setPixelSize(max(10, int(height / 40)))
    painter.setFont(base)
    fm = QFontMetricsF(base)
    y0, y1 = frame.y_range
    n = max(len(chart.series), 1)
    slot = plot.width() / count
    bar = slot * 0.8 / n

    def py(y):
        return plot.bottom() - (y - y0) / (y1 - y0) * plot.height()

    for k, series in enumerate(chart.series):
        for g, value in enumerate(series.y):
            if value is None or not math.isfinite(value):
                continue
            x = plot.left() + g * slot + slot * 0.1 + k * bar
            top, zero = py(max(value, 0.0)), py(min(max(0.0, y0), y1))
            rect = QRectF(x, min(top, py(value)), bar * 0.92, abs(py(value) - zero) or 1.0)
            painter.fillRect(rect, QColor(series.color))
            text = _label(round(value, 2)) if abs(value) < 1000 else f"{value:,.0f}"
            painter.setPen(QColor("#222222"))
            painter.drawText(QRectF(x - 20, rect.top() - fm.height() - 1, bar + 40, fm.height()),
                             int(Qt.AlignHCenter | Qt.AlignBottom), text)


# --- time axes and sensor time series ---------------------------------------------------------

TIME_STEPS = tuple(m * 60 for m in (1, 2, 5, 10, 15, 30)) + tuple(
    h * 3600 for h in (1, 2, 3, 6, 12, 24, 48, 72, 168))
AMBER, ALARM_RED = "#e69500", "#d62728"


def time_ticks(start, stop, tz=None, count=8):
    """Ticks over epoch seconds [start, stop]: a round step (minutes to a week) giving at
    most ``count`` ticks, aligned to the clock in ``tz`` (a tzinfo; None = local time).
    Labels "HH:MM", "MM-DD" at midnight (the day is what changes there); the first tick
    of a sub-day step names its day too ("MM-DD HH:MM"), so the axis always has a date."""
    from datetime import datetime

    span = max(float(stop) - float(start), 1.0)
    step = next((s for s in TIME_STEPS if span / s <= count), TIME_STEPS[-1])
    # Aligned with the offset at the start (a DST change within the span shifts ticks by
    # an hour: still correct times, just less round).
    offset = datetime.fromtimestamp(float(start), tz).astimezone(tz).utcoffset()
    offset = offset.total_seconds() if offset is not None else 0.0
    first = math.ceil((float(start) + offset) / step - 1e-9) * step - offset
    ticks = []
    value = first
    while value <= float(stop) + 1e-6:
        moment = datetime.fromtimestamp(value, tz).astimezone(tz)
        midnight = (moment.hour, moment.minute) == (0, 0)
        spec = "%m-%d" if midnight else "%m-%d %H:%M" if not ticks else "%H:%M"
        ticks.append((value, moment.strftime(spec)))
        value += step
    return ticks


def time_series_chart(times, values, title="", unit="", warn=None, alarm=None, labels=None,
                      x_range=None, tz=None, color="#1f77b4"):
    """A sensor's values over time (epoch seconds) with its warning (amber) and alarm (red)
    levels as dashed lines; ``x_range`` (epoch seconds) the period shown, ``tz`` the clock
    of the tick labels (None = local). ``labels``: texts for "series", "warn", "alarm"
    (followed by the level and unit), "x" and "y" (translated by the caller)."""
    labels = dict({"series": "Value", "warn": "Warning", "alarm": "Alarm",
                   "x": "Time", "y": unit}, **(labels or {}))
    xs = [float(t) for t in times]
    refs = [RefLine(float(level), f"{labels[key]} {float(level):g} {unit}".strip(), colour)
            for key, level, colour in (("warn", warn, AMBER), ("alarm", alarm, ALARM_RED))
            if level is not None and math.isfinite(float(level))]
    series = [Series(labels["series"], [float(v) for v in values], color, width=1.8)]
    if _crowded(refs, series):
        # Labels on lines this close would overlap: name the levels in the legend instead.
        series += [Series(r.label, [], r.color, width=1.3) for r in refs]
        refs = [RefLine(r.y, "", r.color, r.dashed) for r in refs]
    if x_range is None:
        x_range = (xs[0], xs[-1]) if xs else (0.0, 3600.0)
    x_range = (float(x_range[0]), float(x_range[1]))
    if x_range[1] <= x_range[0]:     # one reading: an hour either side of it
        x_range = (x_range[0] - 3600.0, x_range[0] + 3600.0)
    return Chart(xs, series, title=title, x_label=labels["x"], y_label=labels["y"], ref_lines=refs,
                 x_ticks=time_ticks(*x_range, tz=tz), x_range=x_range)


def _crowded(refs, series, plot_px=180.0, label_px=22.0):
    """Whether two reference lines lie closer than a label's height on a small plot
    (``plot_px`` high, about the smallest a dialog shows)."""
    if len(refs) < 2:
        return False
    chart = Chart([0.0], series, ref_lines=refs)
    _x, (y0, y1) = _ranges(chart)
    levels = sorted(r.y for r in refs)
    gap = min(b - a for a, b in zip(levels, levels[1:]))
    return gap / (y1 - y0) * plot_px < label_px
