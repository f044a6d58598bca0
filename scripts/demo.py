"""The main job: a district review of Xiangmihu on the bundled sample twin service.

Generates the sample twin (once), starts the sample service (pygeoapi) on a free local port,
runs the plugin's "Review a district" Processing algorithm headless, and prints where the
offline project, GeoPackage and summary are.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts import qgis_headless  # noqa: E402
from tests.support.twin_service import sample_data_dir, start_sample_service  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--district", default="xiangmihu")
    parser.add_argument("--out", default=str(ROOT / "output"))
    parser.add_argument("--url", help="use this twin service instead of the bundled sample")
    args = parser.parse_args(argv)

    app, _provider = qgis_headless.start()
    import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    class PrintFeedback(QgsProcessingFeedback):
        def pushInfo(self, info):  # noqa: N802
            print(info, flush=True)

        def pushWarning(self, warning):  # noqa: N802
            print("WARNING:", warning, flush=True)

        def reportError(self, error, fatalError=False):  # noqa: N802
            print("ERROR:", error, flush=True)

    service = None
    started = time.perf_counter()
    try:
        if args.url:
            url = args.url
        else:
            print("Starting the sample twin service…", flush=True)
            service = start_sample_service(sample_data_dir())
            url = service.url
        print("Twin service: {}".format(url), flush=True)
        out_dir = Path(args.out) / args.district
        result = processing.run(
            "twindistrictreview:reviewdistrict",
            {"SERVICE_URL": url, "DISTRICT": args.district, "OUTPUT_FOLDER": str(out_dir)},
            feedback=PrintFeedback(),
        )
    except QgsProcessingException as error:
        print("District review failed: {}".format(error), file=sys.stderr)
        return 1
    finally:
        if service is not None:
            service.stop()
    print("\nDistrict review finished in {:.1f} s. Files:".format(time.perf_counter() - started))
    for key in ("PROJECT", "GEOPACKAGE", "SUMMARY_CSV", "SUMMARY_HTML", "FLOOD_REPORT",
                "REPORT_HTML", "REPORT_PDF", "REPORT_JSON"):
        if result.get(key):
            print("  {:<13} {}".format(key.lower().replace("_", " "), result[key]))
    print("Open the project in QGIS (it works offline): qgis {}".format(result["PROJECT"]))
    print("It is an offline district package: refresh it later with the toolbar's *Refresh "
          "district package* or\n  qgis_process.bin run twindistrictreview:refreshdistrictpackage "
          "-- PACKAGE={} APPLY=false".format(result["PROJECT"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
