"""Fetch the pages that offset paging predicts while the current one is being written.

Servers whose `next` links carry `offset=` (pygeoapi, QGIS Server, MapServer) let a client
guess the following page URLs. The guesses are fetched a few at a time in worker threads,
but a guessed page is used only when its URL is exactly the `next` link the server gave,
so paging still follows the server's own links: a wrong guess costs a request, never a
wrong or missing feature. Servers without `offset=` links are paged one by one.
"""

import re
import threading

from qgis.PyQt.QtCore import QRunnable, QThreadPool

_OFFSET = re.compile(r"([?&]offset=)(\d+)")


def offset_of(url):
    match = _OFFSET.search(url or "")
    return int(match.group(2)) if match else None


def with_offset(url, offset):
    return _OFFSET.sub(lambda m: "{}{}".format(m.group(1), offset), url, count=1)


class _Fetch(QRunnable):
    """One page request on a Qt pool thread (QThreads: the transport's timers need them)."""

    def __init__(self, fetch, url):
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it until its result is taken
        self._fetch, self._url = fetch, url
        self._done = threading.Event()
        self._result = self._error = None

    def run(self):
        try:
            self._result = self._fetch(self._url)
        except BaseException as error:  # handed to the consumer by result()
            self._error = error
        finally:
            self._done.set()

    def result(self):
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result


class PagePrefetcher:
    """``get(url)`` returns the response for ``url``, from a prefetch when one was made.

    ``fetch(url)`` must be thread-safe (QgsBlockingNetworkRequest is). ``window`` is how
    many requests may be in flight; 0 or 1 fetches strictly one page at a time.
    """

    def __init__(self, fetch, window=3):
        self._fetch = fetch
        self._window = max(0, int(window))
        self._pending = {}
        self._pool = None
        if self._window > 1:
            self._pool = QThreadPool()
            self._pool.setMaxThreadCount(self._window)

    def get(self, url):
        future = self._pending.pop(url, None)
        return future.result() if future is not None else self._fetch(url)

    def plan(self, url, next_url, returned):
        """After a page of ``returned`` features at ``url`` whose `next` is ``next_url``."""
        if self._pool is None or not next_url or not returned:
            return
        here, there = offset_of(url) or 0, offset_of(next_url)
        if there is None or there != here + returned:
            self._drop(keep=())  # not plain offset paging: go one by one
            return
        wanted = [with_offset(next_url, there + k * returned) for k in range(self._window)]
        self._drop(keep=wanted)
        for guess in wanted:
            if guess not in self._pending:
                job = _Fetch(self._fetch, guess)
                self._pending[guess] = job
                self._pool.start(job)

    def _drop(self, keep):
        for url in [u for u in self._pending if u not in keep]:
            # Not started: taken off the queue; running: it finishes and is ignored.
            self._pool.tryTake(self._pending.pop(url))

    def close(self):
        if self._pool is not None:
            self._drop(keep=())
            self._pool.waitForDone()  # requests in flight end quickly: abort on cancel, or answer
