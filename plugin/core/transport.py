"""The one way the plugin talks HTTP: QgsBlockingNetworkRequest.

Going through QGIS's network stack means the user's proxy, SSL exceptions and
authentication configurations (authcfg) apply, which `requests`/urllib would ignore.
QgsBlockingNetworkRequest works on the main thread and in QgsTask threads alike and
releases the GIL while it waits.

Every failure becomes one TwinServiceError sentence; URL, status and a body excerpt
go to ``.detail`` and to the QGIS log.
"""

import json
import threading
import time
from urllib.parse import urlsplit

from qgis.core import (
    QgsApplication,
    QgsBlockingNetworkRequest,
    QgsFeedback,
    QgsNetworkAccessManager,
    QgsSettings,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt, QThread, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from .. import log
from ..i18n import tr
from . import auth_configs
from .errors import TwinCancelled, TwinServiceError

USER_AGENT = b"TwinDistrictReview-QGIS"
_EXCERPT = 300


def host_of(url):
    return urlsplit(url).netloc or url


class InvalidJson(TwinServiceError):
    """A reply that should be JSON is not (e.g. an HTML page at the service URL)."""


class Response:
    """A finished HTTP exchange. ``headers`` keys are lower case."""

    def __init__(self, status, headers, body, url):
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url

    def json(self, what=None):
        """Parse the body; malformed JSON is a TwinServiceError naming ``what``."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            what = what or tr("a response")
            message = tr("The twin service sent {} that is not valid JSON.").format(what)
            detail = "{}\n{}\nbody starts: {!r}".format(self.url, exc, self.body[:_EXCERPT])
            log.warning("{}\n{}".format(message, detail))
            raise InvalidJson(message, detail=detail) from exc


def _on_task_thread():
    app = QgsApplication.instance()
    return app is not None and QThread.currentThread() != app.thread()


class _Watchdog(threading.Thread):
    """Aborts the request when nothing arrives for ``timeout_s`` or the user cancels.

    QGIS's own network timeout is a global user setting; a per-request watchdog lets
    callers (and tests) use their own. It is an inactivity timeout, restarted by each
    received chunk, so a big download that keeps flowing is never cut off.
    """

    def __init__(self, abort, timeout_s, user_feedback, may_abort=True):
        super().__init__(daemon=True)
        self.abort = abort
        self.may_abort = may_abort
        self.timeout_s = timeout_s
        self.user_feedback = user_feedback
        self.last = time.monotonic()
        self.timed_out = False
        self.user_cancelled = False
        self._done = threading.Event()

    def touch(self, *_):
        self.last = time.monotonic()

    def stop(self):
        self._done.set()

    def run(self):
        while not self._done.wait(0.05):
            if self.user_feedback is not None and self.user_feedback.isCanceled():
                self.user_cancelled = True
            elif self.may_abort and time.monotonic() - self.last > self.timeout_s:
                self.timed_out = True
            else:
                continue
            if self.may_abort:
                self.abort.cancel()
            return


_UNREACHABLE = {
    QNetworkReply.ConnectionRefusedError,
    QNetworkReply.HostNotFoundError,
    QNetworkReply.NetworkSessionFailedError,
    QNetworkReply.TemporaryNetworkFailureError,
    QNetworkReply.UnknownNetworkError,
}
_PROXY = {
    QNetworkReply.ProxyConnectionRefusedError,
    QNetworkReply.ProxyConnectionClosedError,
    QNetworkReply.ProxyNotFoundError,
    QNetworkReply.ProxyTimeoutError,
    QNetworkReply.ProxyAuthenticationRequiredError,
    QNetworkReply.UnknownProxyError,
}
_LOST = {QNetworkReply.RemoteHostClosedError, QNetworkReply.ProtocolFailure}


class QgisTransport:
    """HTTP GET through QGIS. Stateless between calls, so one instance may be shared
    by threads.

    ``timeout_ms``: abort when the server sends nothing for this long; None uses QGIS's
    network timeout setting (Options > Network).
    """

    def __init__(self, authcfg=None, timeout_ms=None):
        self.authcfg = authcfg or None
        self.timeout_ms = timeout_ms

    def effective_timeout_ms(self):
        return self.timeout_ms or QgsNetworkAccessManager.timeout() or 60000

    def get(self, url, headers=None, feedback=None, what=None):
        """GET ``url``; ``what`` names the thing fetched in error sentences
        (e.g. "collection 'buildings'"). Returns a Response with status < 400."""
        if feedback is not None and feedback.isCanceled():
            raise TwinCancelled(tr("The download was cancelled."))
        what = what or urlsplit(url).path or url
        request = QNetworkRequest(QUrl(url))
        request.setRawHeader(b"User-Agent", USER_AGENT)
        request.setAttribute(QNetworkRequest.FollowRedirectsAttribute, True)
        for name, value in (headers or {}).items():
            request.setRawHeader(name.encode("latin-1"), value.encode("latin-1"))

        blocking = QgsBlockingNetworkRequest()
        self._apply_auth(request, blocking, url)
        abort = QgsFeedback()
        timeout_ms = self.effective_timeout_ms()
        # On a task thread QGIS 3.22's QgsBlockingNetworkRequest sometimes never returns
        # once aborted from another thread (measured: 1 of 8 cancelled tasks stuck, and
        # stuck tasks starve the task manager's pool). There a cancel lets the request
        # finish and then stops; QGIS's own network timeout (aborted in its own thread)
        # bounds it.
        watchdog = _Watchdog(abort, timeout_ms / 1000.0, feedback,
                             may_abort=not _on_task_thread())
        # DirectConnection: the signal comes from QGIS's downloader thread while this
        # thread is blocked, so a queued delivery would arrive only after the fact.
        blocking.downloadProgress.connect(watchdog.touch, Qt.DirectConnection)
        watchdog.start()
        started = time.monotonic()
        try:
            # forceRefresh: paging must see the live server, not QGIS's HTTP cache.
            code = blocking.get(request, True, abort)
        finally:
            watchdog.stop()
            watchdog.join(1.0)
            try:
                blocking.downloadProgress.disconnect(watchdog.touch)
            except TypeError:
                pass
            # QGIS deletes the reply later, on its own thread and without the GIL; were
            # this Python-made feedback still connected to it, that deletion would call
            # back into Python (disconnectNotify) and could deadlock with the main
            # thread holding the GIL (seen once in a test run). Deleted here, with the
            # GIL held, its connections go first.
            sip.delete(abort)
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute)
        status = int(status) if status is not None else None
        response = Response(
            status,
            {bytes(k).decode("latin-1").lower(): bytes(reply.rawHeader(k)).decode("latin-1")
             for k in reply.rawHeaderList()},
            bytes(reply.content()),
            url,
        )
        net_error = reply.error()
        log.info("GET {} -> {} ({:.2f} s, {} bytes)".format(
            url, status, time.monotonic() - started, len(response.body)))

        # Cancel and timeout both abort the reply; the watchdog knows which one it was.
        # QgsBlockingNetworkRequest may report NoError for an aborted reply, so the
        # reply's own error code is checked as well as the returned code.
        if watchdog.user_cancelled or (feedback is not None and feedback.isCanceled()):
            raise TwinCancelled(tr("The download was cancelled."), detail=url)
        if watchdog.timed_out or net_error == QNetworkReply.OperationCanceledError:
            # Not the user: our watchdog, or QGIS's own (global) network timeout.
            seconds = timeout_ms if watchdog.timed_out else QgsNetworkAccessManager.timeout()
            self._fail(tr("The twin service did not answer within {} s.").format(
                _seconds(seconds)), url, response, blocking)
        if status is not None and status >= 400:
            self._fail(_http_sentence(status, what, self.authcfg), url, response, blocking)
        if self.authcfg and status is None and code == QgsBlockingNetworkRequest.NetworkError \
                and net_error == QNetworkReply.NoError:
            # Nothing was sent: QGIS could not apply the authcfg (e.g. the master
            # password prompt was dismissed).
            self._fail(_auth_unusable_sentence(), url, response, blocking)
        if net_error in _UNREACHABLE or (status is None and net_error != QNetworkReply.NoError):
            if net_error in _PROXY:
                sentence = tr("The proxy configured in QGIS refused or failed the "
                              "connection to the twin service at {}.").format(host_of(url))
            elif net_error in (QNetworkReply.SslHandshakeFailedError,):
                sentence = tr("A secure connection to the twin service at {} could not "
                              "be established (SSL).").format(host_of(url))
            elif _proxy_setting():
                sentence = tr("The twin service at {} could not be reached through the "
                              "proxy set in QGIS ({}).").format(host_of(url), _proxy_setting())
            else:
                sentence = tr("The twin service at {} could not be reached.").format(
                    host_of(url))
            self._fail(sentence, url, response, blocking)
        if net_error in _LOST:
            self._fail(tr("The connection to the twin service was lost while receiving "
                          "{}.").format(what), url, response, blocking)
        if code != QgsBlockingNetworkRequest.NoError or net_error != QNetworkReply.NoError:
            self._fail(tr("The request to the twin service for {} failed.").format(what),
                       url, response, blocking)
        return response

    def _apply_auth(self, request, blocking, url):
        """Let QGIS apply the authcfg, or add API-key headers QGIS has no method for."""
        if not self.authcfg:
            return
        if not auth_configs.is_available(self.authcfg):
            sentence = tr("The authentication configuration of this connection ({}) is not "
                          "in the QGIS authentication database; choose another one.").format(
                              self.authcfg)
            log.warning("{}\nURL: {}".format(sentence, url))
            raise TwinServiceError(sentence, detail=url)
        headers = auth_configs.api_headers(self.authcfg)
        if headers is None:
            blocking.setAuthCfg(self.authcfg)
            return
        for name, value in headers.items():  # secrets: never logged
            request.setRawHeader(name.encode("latin-1"), value.encode("latin-1"))
        # Qt copies raw headers onto a redirected request: keep the key on this server.
        request.setAttribute(QNetworkRequest.Attribute.RedirectPolicyAttribute,
                             QNetworkRequest.RedirectPolicy.SameOriginRedirectPolicy)

    @staticmethod
    def _fail(sentence, url, response, blocking):
        detail = "URL: {}\nHTTP status: {}\nQGIS: {}\nbody starts: {!r}".format(
            url, response.status, blocking.errorMessage(), response.body[:_EXCERPT])
        log.warning("{}\n{}".format(sentence, detail))
        raise TwinServiceError(sentence, detail=detail)


def _seconds(ms):
    seconds = ms / 1000.0
    return "{:g}".format(round(seconds, 1))


def _proxy_setting():
    """"host:port" of the proxy configured in QGIS (Options > Network), or None."""
    settings = QgsSettings()
    if not settings.value("proxy/proxyEnabled", False, type=bool):
        return None
    host = settings.value("proxy/proxyHost", "", type=str)
    port = settings.value("proxy/proxyPort", "", type=str)
    return "{}:{}".format(host, port) if host else None


def _auth_unusable_sentence():
    return tr("QGIS could not apply the authentication configuration of this connection; "
              "enter the master password or check the configuration.")


def _http_sentence(status, what, authcfg=None):
    # 401/403 name the situation: no login chosen yet, or the chosen one refused.
    if status == 401 and authcfg:
        return tr("The twin service refused the credentials of this connection for {} "
                  "(HTTP 401); check its authentication configuration.").format(what)
    if status == 401:
        return tr("The twin service needs a login for {} (HTTP 401): choose an "
                  "authentication configuration for this connection.").format(what)
    if status == 403 and authcfg:
        return tr("The credentials of this connection do not allow access to {} "
                  "(HTTP 403).").format(what)
    if status == 403:
        return tr("The twin service does not allow access to {} (HTTP 403) without a "
                  "login: choose an authentication configuration for this "
                  "connection.").format(what)
    if status == 407:
        return tr("The proxy set in QGIS needs a login (HTTP 407): enter it in QGIS's "
                  "network options.")
    if status == 404:
        return tr("The twin service did not find {} (HTTP 404).").format(what)
    return tr("The twin service answered HTTP {} for {}.").format(status, what)
