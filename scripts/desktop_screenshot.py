"""Screenshot the plugin in the real QGIS desktop (under Xvfb): toolbar, menu, dialog.

usage: .venv/bin/python scripts/desktop_screenshot.py [docs/images] [PROJECT.qgz]
Installs the built zip into a throw-away profile (network off: proxy on a closed port),
starts `qgis` under xvfb-run, and from inside QGIS grabs the "Review a district" dialog
and, given a project, the main window with that project open.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.qgis_profile import make_profile  # noqa: E402

INSIDE = r'''
import os
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface
import processing

OUT = os.environ["TDR_SHOTS"]
PROJECT = os.environ.get("TDR_PROJECT")

def shoot():
    win = iface.mainWindow()
    win.resize(1400, 860)
    if PROJECT:
        iface.addProject(PROJECT)
        for _ in range(50):
            QApplication.processEvents()
        iface.mapCanvas().waitWhileRendering()
        QApplication.processEvents()
        win.grab().save(os.path.join(OUT, "desktop_project.png"))
    dialog = processing.createAlgorithmDialog("twindistrictreview:reviewdistrict", {})
    dialog.resize(900, 640)
    dialog.show()
    QApplication.processEvents()
    QTimer.singleShot(1500, lambda: finish(dialog))

def finish(dialog):
    dialog.grab().save(os.path.join(OUT, "desktop_review_dialog.png"))
    os._exit(0)

QTimer.singleShot(2500, shoot)
'''


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "images").resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="tdr-desktop-"))
    zip_path = work / "twin_district_review.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_zip.py"), "--out",
                    str(zip_path)], check=True, capture_output=True)
    make_profile(work, zip_path)
    script = work / "inside.py"
    script.write_text(INSIDE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if k not in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "QT_QPA_PLATFORM")}
    env.update(TDR_SHOTS=str(out), HOME=str(work))
    if len(sys.argv) > 2:
        env["TDR_PROJECT"] = str(Path(sys.argv[2]).resolve())
    subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x860x24", "qgis", "--profiles-path",
                    str(work), "--profile", "default", "--nologo", "--noversioncheck",
                    "--code", str(script)], env=env, timeout=180, check=False)
    print(sorted(p.name for p in out.glob("desktop_*.png")))


if __name__ == "__main__":
    main()
