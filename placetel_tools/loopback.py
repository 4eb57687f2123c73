"""The one loopback HTTP server of the project: the endpoint simulator, the built site for the browser
checks and `make bench`, and the tests' stand-in hosts all run on it."""

# A threaded server on 127.0.0.1 (port 0: a free one), serving from a daemon
# thread; every use is a context manager, so a server never outlives its test.
#
#     with LoopbackServer(handler_class) as server:   # http.server handlers
#         requests.get(server.url + "/path")
#     with LoopbackServer(app=wsgi_app) as server:    # a WSGI app (the simulator)
#         server.app = other_app                      # switch apps between requests
#     with LoopbackServer.directory(path) as server:  # a built site

from __future__ import annotations

import functools
import http.server
import socket
import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without an access log on stderr."""

    def log_message(self, *args: Any) -> None:
        pass


class _QuietWSGIHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


# socketserver's listen queue holds 5 connections: a sixth arriving at once (nginx passing on a burst
# of calls) is dropped by the kernel, and its client tries again only after a second.
LISTEN_QUEUE = 128


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = LISTEN_QUEUE


class _ThreadingHTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_QUEUE


class LoopbackServer:
    """An HTTP server on ``host``:``port`` (default 127.0.0.1, a free port); ``url`` is its base URL
    without a trailing slash. Start it with ``with`` (or start()/close())."""

    def __init__(
        self,
        handler: Callable[..., Any] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        app: Callable[..., Any] | None = None,
    ) -> None:
        """Serve with an http.server ``handler`` class, or the WSGI ``app`` (assign ``server.app``
        later to serve another)."""
        if app is not None:
            self.httpd: Any = _ThreadingWSGIServer((host, port), _QuietWSGIHandler)
            self.httpd.set_app(app)
        else:
            self.httpd = _ThreadingHTTPServer((host, port), handler)
        self._thread: threading.Thread | None = None
        host, port = self.httpd.server_address[:2]
        self.url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"

    @classmethod
    def directory(cls, root: Path | str, handler: type[QuietHandler] = QuietHandler) -> LoopbackServer:
        """A server for the files under ``root`` (a built site)."""
        return cls(functools.partial(handler, directory=str(root)))

    @property
    def app(self) -> Callable[..., Any]:
        return self.httpd.get_app()

    @app.setter
    def app(self, app: Callable[..., Any]) -> None:
        self.httpd.set_app(app)

    def start(self) -> LoopbackServer:
        """Serve from a daemon thread; return self."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.005,), daemon=True)
        self._thread.start()
        return self

    def run(self) -> None:
        """Serve in this thread until KeyboardInterrupt, then close (the simulator's command line)."""
        try:
            self.httpd.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self.httpd.server_close()

    def close(self) -> None:
        if self._thread:
            self.httpd.shutdown()
            self._thread.join()
            self._thread = None
        self.httpd.server_close()

    def __enter__(self) -> LoopbackServer:
        return self if self._thread else self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def refused_port() -> Iterator[int]:
    """A loopback port that refuses every connection at once: bound, never listening, so no other
    program can take it while the ``with`` block runs."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        yield holder.getsockname()[1]
