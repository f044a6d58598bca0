"""Benchmark: does the UI stay responsive while 100,000 buildings download?

One process, one QGIS (offscreen), the sample service with 100,000 buildings. While a
download runs, the main thread's event loop is sampled by a 10 ms timer (the gap between
ticks is what a user feels as lag), and every 200 ms a keystroke is typed into the
catalog filter over a 4,000-collection model (SearchIndex + CatalogFilterProxy, as the
dock does), timing each. Side by side in one run:

  idle        no download: the floor of timer gaps and keystroke times
  task        the dock's way: DownloadTask in QGIS's task manager
  main_thread the anti-pattern: the same download called on the main thread

usage: .venv/bin/python benchmarks/bench_responsive.py [--buildings 100000]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pull import generate  # noqa: E402
from tests.support.twin_service import start_sample_service  # noqa: E402

KEYS = ["f", "fl", "flo", "floo", "flood", "", "建", "建筑", "", "water", ""]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--buildings", type=int, default=100000)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from qgis.PyQt.QtCore import QElapsedTimer, QTimer

    from plugin.core.catalog import Catalog
    from plugin.core.catalog_search import SearchIndex
    from plugin.core.connections import Connection
    from plugin.core.downloads import download_collections
    from plugin.core.tasks import DownloadTask
    from plugin.gui.catalog_model import CatalogFilterProxy, CatalogModel
    from sample_twin.big_catalog import collections as big_collections

    service = start_sample_service(generate(args.buildings))
    conn = Connection("bench", service.url)
    catalog = Catalog.from_collections(conn.client().collections())
    buildings = catalog.get("buildings")

    big = Catalog.from_collections(big_collections(4000))
    model = CatalogModel()
    model.set_catalog(big, "en")
    proxy = CatalogFilterProxy()
    proxy.setSourceModel(model)
    index = SearchIndex(big.entries)

    def sample(run):
        """Run ``run(done)`` while sampling; returns (gaps ms, keystroke ms, seconds)."""
        gaps, keys, state = [], [], {"done": False, "key": 0}
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def tick():
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        def key():
            text = KEYS[state["key"] % len(KEYS)]
            state["key"] += 1
            started = time.perf_counter()
            proxy.set_visible(index.matching(text))
            keys.append(1000 * (time.perf_counter() - started))

        ticker, typer = QTimer(), QTimer()
        ticker.timeout.connect(tick)
        typer.timeout.connect(key)
        ticker.start(10)
        typer.start(200)
        started = time.perf_counter()
        run(lambda: state.update(done=True))
        tick()  # a run that blocked the main thread shows here as one long gap
        while not state["done"]:
            app.processEvents()
            time.sleep(0.001)
        seconds = time.perf_counter() - started
        ticker.stop()
        typer.stop()
        return gaps, keys, seconds

    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="bench_responsive_"))

    def idle(done):
        QTimer.singleShot(5000, done)

    def task(done):
        job = DownloadTask(conn, [buildings], tmp / "task.gpkg")
        job.downloaded.connect(lambda result: (rows_meta.update(task=result), done()))
        job.failed.connect(lambda sentence: (print("failed:", sentence), done()))
        holder.append(job)  # a Python QgsTask must stay referenced until it ends
        QgsApplication.taskManager().addTask(job)

    def main_thread(done):
        rows_meta["main"] = download_collections(conn.client(), [buildings],
                                                 tmp / "main.gpkg")
        done()

    holder, rows_meta = [], {}
    for name, run in (("idle", idle), ("task", task), ("main_thread", main_thread)):
        gaps, keys, seconds = sample(run)
        rows.append((name, seconds, gaps, keys))
        print(name, "done in {:.1f} s".format(seconds), flush=True)
    service.stop()

    features = {k: sum(layer.feature_count or 0 for layer in v.layers)
                for k, v in rows_meta.items()}
    lines = [
        "# UI responsiveness during a {:,}-building download".format(args.buildings),
        "",
        "Measured {} on this machine (2 cores, QGIS 3.22, offscreen), one run, by "
        "`benchmarks/bench_responsive.py`.".format(time.strftime("%Y-%m-%d")),
        "Timer gap: time between ticks of a 10 ms main-thread timer (lag a user feels). "
        "Keystroke: filter 4,000 collections (SearchIndex + proxy) every 200 ms.",
        "",
        "| run | features | wall s | timer gap median ms | gap p99 ms | gap max ms | "
        "keystrokes | keystroke median ms | keystroke max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, seconds, gaps, keys in rows:
        gaps = sorted(gaps) or [0]
        p99 = gaps[min(len(gaps) - 1, int(0.99 * len(gaps)))]
        lines.append("| {} | {} | {:.1f} | {:.0f} | {:.0f} | {:.0f} | {} | {} | {} |".format(
            name, "{:,}".format(features[_meta(name)]) if _meta(name) in features else "–",
            seconds, statistics.median(gaps), p99, max(gaps), len(keys),
            "{:.1f}".format(statistics.median(keys)) if keys else "–",
            "{:.1f}".format(max(keys)) if keys else "–"))
    out = ROOT / "benchmarks" / "results" / "responsive_{}.md".format(args.buildings)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    os._exit(0)  # QGIS 3.22 may crash in exitQgis


def _meta(name):
    return {"task": "task", "main_thread": "main"}.get(name, "")


if __name__ == "__main__":
    main()
