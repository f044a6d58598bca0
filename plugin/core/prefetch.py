"""Fetch the pages that offset paging predicts while the current one is being written.

Servers whose `next` links carry `offset=` (pygeoapi, QGIS Server, MapServer) let a client
guess the following page URLs. The guesses are fetched a few at a time on Qt pool
threads, but a guessed page is used only when its URL is exactly the `next` link the
server gave, so paging still follows the server's own links: a wrong guess costs a
request, never a wrong or missing feature. Servers without `offset=` links are paged one
by one.

Guesses are never aborted: cancelling an in-flight QgsBlockingNetworkRequest on a pool
thread could leave it waiting forever (seen with QGIS 3.22), so a cancelled download
simply stops waiting for them. They end on their own (answer or timeout) and stay
referenced until then, because Python owns each QRunnable.
"""

import re
import threading

from qgis.PyQt.QtCore import QRunnable, QThreadPool

_OFFSET = re.compile(r"([?&]offset=)(\d+)")
_POOL = []           # one shared pool, created on first use, alive until QGIS exits
_IN_FLIGHT = set()   # jobs whose thread may still run them
_LOCK = threading.Lock()


def offset_of(url):
    match = _OFFSET.search(url or "")
    return int(match.group(2)) if match else None


def with_offset(url, offset):
    return _OFFSET.sub(lambda m: "{}{}".format(m.group(1), offset), url, count=1)


def _pool():
    with _LOCK:
        if not _POOL:
            pool = QThreadPool()
            pool.setMaxThreadCount(4)
            _POOL.append(pool)
        return _POOL[0]


def _reap():
    """Forget jobs whose run() has finished."""
    with _LOCK:
        for job in [j for j in _IN_FLIGHT if j.done.is_set()]:
            _IN_FLIGHT.discard(job)


class _Fetch(QRunnable):
    """One page request on a Qt pool thread (QThreads: the transport's timers need them)."""

    def __init__(self, fetch, url):
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; see _IN_FLIGHT
        self._fetch, self._url = fetch, url
        self.done = threading.Event()
        self._result = self._error = None

    def run(self):
        try:
            self._result = self._fetch(self._url)
        except BaseException as error:  # handed to the consumer by result()
            self._error = error
        finally:
            self.done.set()  # last statement: run() is returning

    def result(self):
        self.done.wait()
        result, error = self._result, self._error
        self._result = self._error = None
        if error is not None:
            raise error
        return result


class PagePrefetcher:
    """``get(url)`` returns the response for ``url``, from a guess when one was made.

    ``fetch(url)`` serves the page being waited for (abortable by the user);
    ``fetch_ahead(url)`` serves guesses (not tied to cancel). Both must be thread-safe,
    as QgsBlockingNetworkRequest is. ``window`` guesses may be in flight; 0 or 1 pages
    strictly one at a time.
    """

    def __init__(self, fetch, fetch_ahead=None, window=3):
        self._fetch = fetch
        self._fetch_ahead = fetch_ahead or fetch
        self._window = max(0, int(window))
        self._pending = {}

    def get(self, url):
        job = self._pending.pop(url, None)
        return job.result() if job is not None else self._fetch(url)

    def plan(self, url, next_url, returned):
        """After a page of ``returned`` features at ``url`` whose `next` is ``next_url``."""
        if self._window < 2 or not next_url or not returned:
            return
        here, there = offset_of(url) or 0, offset_of(next_url)
        if there is None or there != here + returned:
            self._drop(keep=())  # not plain offset paging: go one by one
            return
        wanted = [with_offset(next_url, there + k * returned) for k in range(self._window)]
        self._drop(keep=wanted)
        _reap()
        for guess in wanted:
            if guess not in self._pending:
                job = _Fetch(self._fetch_ahead, guess)
                self._pending[guess] = job
                with _LOCK:
                    _IN_FLIGHT.add(job)
                _pool().start(job)

    def _drop(self, keep):
        for url in [u for u in self._pending if u not in keep]:
            job = self._pending.pop(url)
            if _pool().tryTake(job):  # never started: nothing runs it any more
                with _LOCK:
                    _IN_FLIGHT.discard(job)

    def close(self):
        self._drop(keep=())
