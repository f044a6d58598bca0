"""Screenshots of the offline package dialogs, made from a real package of the sample twin.

usage: .venv/bin/python scripts/package_screenshots.py [docs/images]
Writes package_info_en.png and package_info_zh.png (the "Package info" dialog of a
package of Xiangmihu that was refreshed once) and refresh_preview.png (the refresh
preview after the service's buildings changed: 3 added, 2 removed, 4 raised).

Steps, each QGIS step in its own process (the translator and locale are per process)
with a throw-away QGIS profile: a copy of the sample service is started, the district
is packaged, the buildings are changed on the service, the refresh is previewed (its
DIFF kept for the preview screenshot) and applied; then each dialog is rendered.
Times show in China Standard Time, as for the people who use the twin.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIME_ZONE = "Asia/Shanghai"


def prepare(stage, url, gpkg, diff_json):
    """In this process: 'package' the district from ``url`` into ``gpkg``, or 'refresh'
    it (preview into ``diff_json``, then apply)."""
    sys.path.insert(0, str(ROOT))
    from scripts import qgis_headless

    _app, _provider = qgis_headless.start()  # keep the provider referenced
    import processing

    if stage == "package":
        processing.run("twindistrictreview:packagedistrict", {
            "SERVICE_URL": url, "DISTRICT": "xiangmihu", "MARGIN": 300, "OUTPUT": gpkg})
    else:
        processing.run("twindistrictreview:refreshdistrictpackage", {
            "PACKAGE": gpkg, "APPLY": False, "DIFF": diff_json})
        processing.run("twindistrictreview:refreshdistrictpackage", {
            "PACKAGE": gpkg, "APPLY": True, "DIFF": "TEMPORARY_OUTPUT"})
    os._exit(0)  # QGIS 3.22 can crash at exit; nothing is left to do


def render(lang, gpkg, diff_json, out_dir):
    """In this process: start QGIS in ``lang`` ('en' / 'zh_CN') and grab the dialogs."""
    sys.path.insert(0, str(ROOT))
    from scripts.qgis_headless import start_gui_in

    app, translator = start_gui_in(lang)  # translator referenced: Qt does not own it
    if translator is None and lang != "en":
        sys.exit("no .qm for {}: run scripts/update_translations.py --release".format(lang))
    from plugin.core.package_info import read_package_info
    from plugin.gui.package_info_dialog import PackageInfoDialog
    from plugin.gui.refresh_dialog import RefreshDialog, load_diff

    out_dir = Path(out_dir)
    shots = [(PackageInfoDialog(read_package_info(gpkg)),
              "package_info_{}.png".format("zh" if lang.startswith("zh") else "en"))]
    if lang == "en":
        shots.append((RefreshDialog(load_diff(diff_json)), "refresh_preview.png"))
    for dialog, name in shots:
        dialog.show()
        for _ in range(20):  # let the layout settle
            app.processEvents()
        dialog.grab().save(str(out_dir / name))
        print(out_dir / name)
    os._exit(0)


def _run(args, profile):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=profile,
               TZ=TIME_ZONE)
    subprocess.run([sys.executable, __file__, *args], env=env, check=True)


def main():
    if len(sys.argv) > 2 and sys.argv[1] in ("--package", "--refresh"):
        prepare(sys.argv[1][2:], *sys.argv[2:5])
        return
    if len(sys.argv) > 2 and sys.argv[1] == "--render":
        render(*sys.argv[2:6])
        return
    sys.path.insert(0, str(ROOT))
    from tests.support.sample_changes import change_buildings, copy_sample, restart_service
    from tests.support.twin_service import start_sample_service

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "images")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work, tempfile.TemporaryDirectory() as profile:
        work = Path(work)
        gpkg, diff_json = str(work / "xiangmihu" / "xiangmihu.gpkg"), str(work / "diff.json")
        service = start_sample_service(copy_sample(work / "twin"))
        try:
            _run(["--package", service.url, gpkg, diff_json], profile)
            change_buildings(service.data_dir)
            service = restart_service(service)
            _run(["--refresh", service.url, gpkg, diff_json], profile)
        finally:
            service.stop()
        for lang in ("en", "zh_CN"):
            _run(["--render", lang, gpkg, diff_json, str(out)], profile)


if __name__ == "__main__":
    main()
