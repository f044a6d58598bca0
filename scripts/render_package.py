"""Render a packaged district project to PNG: its 2D map and its 3D view.

usage: .venv/bin/python scripts/render_package.py PROJECT.qgz OUT_DIR [--width 1600]
                                                  [--no-3d] [--desktop]

- OUT_DIR/package_2d.png: the map as the project opens (visible layers, custom drawing
  order, the project's initial extent), headless.
- OUT_DIR/package_3d.png: the project's first 3D view (terrain, extruded buildings, the
  camera stored in the project) through a print layout's 3D map item. That needs OpenGL:
  it runs in a child process under ``xvfb-run`` with Mesa's software renderer
  (LIBGL_ALWAYS_SOFTWARE=1), or on $DISPLAY when there is one.
- --desktop: OUT_DIR/package_desktop_3d.png: the real QGIS desktop under Xvfb with the
  project open and its 3D view docked beside the map (a throw-away profile, network off).

Prints what it wrote and what it could not do (and why); exits 1 only when the 2D render
fails.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCREEN = "1920x1080x24"
_KEEP = []

DESKTOP_SCRIPT = r'''
import json, os
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QWidget
from qgis.utils import iface

OUT, PROJECT, REPORT = os.environ["TDR_OUT"], os.environ["TDR_PROJECT"], os.environ["TDR_REPORT"]

def start():
    win = iface.mainWindow()
    win.move(0, 0)
    win.resize(1920, 1080)
    iface.addProject(PROJECT)
    QTimer.singleShot(3000, hide_navigation)
    QTimer.singleShot(int(os.environ.get("TDR_WAIT_MS", "15000")), shoot)

def hide_navigation():
    # No on-screen navigation pad: the picture is about the view, not its controls.
    for widget in iface.mainWindow().findChildren(QWidget):
        if widget.metaObject().className() == "Qgs3DNavigationWidget":
            widget.hide()

def shoot():
    win = iface.mainWindow()
    for _ in range(20):
        QApplication.processEvents()
    frame = win.frameGeometry()
    # Grab the screen, not the widget: the 3D view is an OpenGL window that
    # QWidget.grab() leaves blank.
    QApplication.primaryScreen().grabWindow(0, frame.x(), frame.y(), frame.width(),
                                            frame.height()).save(OUT)
    docks = [d.windowTitle() for d in win.findChildren(QDockWidget) if d.isVisible()]
    with open(REPORT, "w", encoding="utf-8") as fh:
        json.dump({"docks": docks}, fh)
    os._exit(0)

QTimer.singleShot(1500, start)
'''


def render_2d(project_path, out_png, width):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    from scripts.render_project import render

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    layers = render(str(project_path), str(out_png), width)
    return app, layers


def first_view(project_path):
    """The first ``<view>`` element of the project's ``<mapViewDocks3D>``, or None."""
    from qgis.PyQt.QtXml import QDomDocument

    with zipfile.ZipFile(project_path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".qgs"))
        text = zf.read(name).decode("utf-8")
    doc = QDomDocument()
    doc.setContent(text)
    view = doc.documentElement().firstChildElement("mapViewDocks3D").firstChildElement("view")
    return None if view.isNull() else (doc, view)


def render_3d(project_path, out_png, width, height):
    """In this process (needs an OpenGL-capable display): the project's first 3D view
    through a print layout 3D map item."""
    from qgis._3d import Qgs3D, Qgs3DMapSettings, QgsCameraPose, QgsLayoutItem3DMap
    from qgis.core import (
        QgsApplication,
        QgsLayoutExporter,
        QgsLayoutSize,
        QgsPrintLayout,
        QgsProject,
        QgsReadWriteContext,
        QgsUnitTypes,
        QgsVector3D,
    )
    from qgis.PyQt.QtCore import QRectF

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], True)
    app.initQgis()
    Qgs3D.initialize()
    found = first_view(project_path)
    if found is None:
        return "the project has no 3D view"
    _doc, view = found
    project = QgsProject.instance()
    if not project.read(str(project_path)):
        return "could not read the project"
    context = QgsReadWriteContext()
    context.setPathResolver(project.pathResolver())
    settings = Qgs3DMapSettings()
    settings.readXml(view.firstChildElement("qgis3d"), context)
    settings.resolveReferences(project)
    settings.setTransformContext(project.transformContext())
    settings.setPathResolver(project.pathResolver())
    settings.setMapThemeCollection(project.mapThemeCollection())
    camera = view.firstChildElement("camera")
    pose = QgsCameraPose()
    # The 3.22 pose: x east and y south of the origin, elev up (world x, z, y).
    pose.setCenterPoint(QgsVector3D(float(camera.attribute("x")), float(camera.attribute("elev")),
                                    float(camera.attribute("y"))))
    pose.setDistanceFromCenterPoint(float(camera.attribute("dist")))
    pose.setPitchAngle(float(camera.attribute("pitch")))
    pose.setHeadingAngle(float(camera.attribute("yaw")))

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    dpi = 96.0
    w_mm, h_mm = width * 25.4 / dpi, height * 25.4 / dpi
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(w_mm, h_mm,
                                                              QgsUnitTypes.LayoutMillimeters))
    item = QgsLayoutItem3DMap(layout)
    layout.addLayoutItem(item)
    item.attemptSetSceneRect(QRectF(0, 0, w_mm, h_mm))
    item.setFrameEnabled(False)
    item.setMapSettings(settings)
    item.setCameraPose(pose)
    export = QgsLayoutExporter.ImageExportSettings()
    export.dpi = dpi
    result = QgsLayoutExporter(layout).exportToImage(str(out_png), export)
    # Tearing the 3D engine down while Qt3D's render thread runs crashes (3.22 + Mesa):
    # keep it all alive; the caller leaves with os._exit().
    _KEEP.extend([app, project, layout, item])
    if result != QgsLayoutExporter.Success:
        return "the layout export failed (code {})".format(result)
    return None


def spawn_3d(project_path, out_png, width, height):
    """Run render_3d in a child process on a display with OpenGL; returns a note or None."""
    env = dict(os.environ, LIBGL_ALWAYS_SOFTWARE="1", QT_QPA_PLATFORM="xcb")
    cmd = [sys.executable, __file__, str(project_path), str(out_png.parent), "--only-3d",
           "--width", str(width), "--height", str(height), "--out-3d", str(out_png)]
    if not os.environ.get("DISPLAY"):
        if shutil.which("xvfb-run") is None:
            return "no display and no xvfb-run for OpenGL"
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 {} +extension GLX".format(SCREEN)] + cmd
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300,
                              check=False)
    except subprocess.TimeoutExpired:
        return "the 3D render did not finish in 300 s"
    if proc.returncode != 0 or not out_png.exists():
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-6:]
        return "the 3D render failed (exit {}): {}".format(proc.returncode, " | ".join(tail))
    return None


def desktop_3d(project_path, out_png, wait_ms=15000):
    """The QGIS desktop under Xvfb with the project open: returns (note, open docks)."""
    if shutil.which("xvfb-run") is None or shutil.which("qgis") is None:
        return "needs the QGIS desktop and xvfb-run", []
    from scripts.qgis_profile import OFFLINE_INI

    work = Path(tempfile.mkdtemp(prefix="tdr-render-"))
    try:
        ini = work / "profiles" / "default" / "QGIS" / "QGIS3.ini"
        ini.parent.mkdir(parents=True)
        ini.write_text(OFFLINE_INI, encoding="utf-8")
        script = work / "inside.py"
        script.write_text(DESKTOP_SCRIPT, encoding="utf-8")
        report = work / "report.json"
        env = {k: v for k, v in os.environ.items()
               if k not in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "QT_QPA_PLATFORM")}
        env.update(HOME=str(work), TDR_OUT=str(out_png), TDR_PROJECT=str(project_path),
                   TDR_REPORT=str(report), TDR_WAIT_MS=str(wait_ms), LIBGL_ALWAYS_SOFTWARE="1")
        subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 {} +extension GLX".format(SCREEN),
                        "qgis", "--profiles-path", str(work / "profiles"), "--profile",
                        "default", "--nologo", "--noversioncheck", "--noplugins",
                        "--code", str(script)],
                       env=env, capture_output=True, timeout=240, check=False)
        if not report.exists():
            return "the desktop did not run the capture script", []
        return None, json.loads(report.read_text(encoding="utf-8"))["docks"]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project")
    parser.add_argument("out_dir")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000, help="of the 3D image")
    parser.add_argument("--no-3d", action="store_true")
    parser.add_argument("--desktop", action="store_true")
    parser.add_argument("--only-3d", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out-3d", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    project = Path(args.project).resolve()
    out_dir = Path(args.out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.only_3d:  # the child process of spawn_3d
        note = render_3d(project, Path(args.out_3d), args.width, args.height)
        if note:
            print(note)
        sys.stdout.flush()
        os._exit(1 if note else 0)

    started = time.perf_counter()
    out_2d = out_dir / "package_2d.png"
    try:
        _app, layers = render_2d(project, out_2d, args.width)
    except SystemExit as error:
        print("2D: {}".format(error))
        os._exit(1)
    print("2D: wrote {} ({} layers drawn) in {:.1f} s".format(out_2d, len(layers),
                                                              time.perf_counter() - started))
    if not args.no_3d:
        started = time.perf_counter()
        out_3d = out_dir / "package_3d.png"
        note = spawn_3d(project, out_3d, args.width, args.height)
        print("3D: {} in {:.1f} s".format(note or "wrote {}".format(out_3d),
                                          time.perf_counter() - started))
    if args.desktop:
        started = time.perf_counter()
        out_desk = out_dir / "package_desktop_3d.png"
        note, docks = desktop_3d(project, out_desk)
        print("desktop: {} in {:.1f} s; open panels: {}".format(
            note or "wrote {}".format(out_desk), time.perf_counter() - started, docks))
    sys.stdout.flush()
    os._exit(0)  # QGIS 3.22 objects can crash at exit


if __name__ == "__main__":
    main()
