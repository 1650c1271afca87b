"""The Voilà that ``auditlib serve`` runs: one folder's pages, locked down.

It differs from plain ``voila`` in what a person on this computer could otherwise reach:

- no file tree, contents API or file downloads: the base URL opens the folder's landing page
  (``home.ipynb``, else ``calibration.ipynb``, else the only page), and
  :mod:`auditlib.service.lockdown` refuses every route that is not a page;
- the page's kernel channel passes widget messages only;
- the token arrives down a pipe (``AUDITLIB_TOKEN_FD``): never on the command line, which
  every local user can read in ``/proc``, nor in the environment, which kernels inherit;
- the port it really holds is written to the file descriptor in ``AUDITLIB_READY_FD``, so
  ``auditlib serve`` never guesses, and never sends the token to whatever else holds a port;
- a page's kernel is never culled as idle while its page is still opening (:class:`PageKernels`).

Run as ``python -m auditlib.service.voila PATH [Voilà options]``.
"""
from __future__ import annotations

import os
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import tornado.httpserver
import tornado.ioloop
import tornado.netutil
import tornado.web
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from voila.app import Voila
from voila.handler import VoilaHandler
from voila.static_file_handler import AllowListFileHandler
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from auditlib.service.lockdown import (
    WIDGET_MESSAGES,
    PagesOnlyAuthorizer,
    WidgetOnlyConnection,
    install_route_guard,
    without_server_secrets,
)

LANDING_PAGES = ("home.ipynb", "calibration.ipynb")
_LISTINGS = (TornadoVoilaTreeHandler, VoilaContentsHandler, AllowListFileHandler)


def landing_page(folder: Path) -> str | None:
    """The page the base URL opens for a folder of pages."""
    for name in LANDING_PAGES:
        if (folder / name).is_file():
            return name
    pages = sorted(p.name for p in folder.glob("*.ipynb"))
    return pages[0] if len(pages) == 1 else None


def with_xsrf_cookie(handler: type) -> type:
    """``handler`` (a Voilà page), setting the ``_xsrf`` cookie when it serves a page.

    A page closing asks Voilà to shut its kernel down (``POST voila/api/shutdown/<kernel>``),
    sending the ``_xsrf`` cookie's value with it; Voilà renders its pages without ever setting
    that cookie, so the request was refused (403) and every closed page's kernel lived on.
    """

    class Page(handler):  # type: ignore[valid-type, misc]
        async def prepare(self, *args: Any, **kwargs: Any) -> None:
            result = super().prepare(*args, **kwargs)
            if result is not None:
                await result
            if not self._finished:
                self.xsrf_token  # noqa: B018 - reading it sets the cookie (tornado)

    Page.__name__ = Page.__qualname__ = f"{handler.__name__}WithXsrfCookie"
    return Page


#: seconds a page has to connect to its kernel, counted from the kernel's last activity, before
#: the kernel is taken for that of a page that went away while it was opening (the idle time
#: instead, if that is longer)
PAGE_START = 120
#: seconds a page whose connection dropped keeps its kernel, to reconnect to it
RECONNECT = 15


class PageKernels(AsyncMappingKernelManager):
    """The pages' kernels: culled when idle, but never while their page is still opening.

    Voilà runs a page's notebook while it sends the page; the kernel then sits idle, with no
    connection, until the browser has loaded Voilà's scripts and opens the kernel's channel:
    a second or two, several on a busy computer. Jupyter Server's culler took that wait for a
    page gone (idle, no connection) and, with a short idle time (``AUDITLIB_KERNEL_IDLE``),
    stopped the kernel of a page still opening: the page stayed blank ("Loading widget...").
    A kernel no page has connected to yet is culled after :data:`PAGE_START` seconds instead.
    A page whose connection drops (the browser reconnects its widgets as the page settles, or a
    network blip) keeps its kernel :data:`RECONNECT` seconds more, to come back to it.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._page_connected: set[str] = set()
        self._disconnected: dict[str, datetime] = {}

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)
        self._page_connected.add(kernel_id)
        self._disconnected.pop(kernel_id, None)

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        self._disconnected[kernel_id] = datetime.now(timezone.utc)

    def remove_kernel(self, kernel_id: str) -> Any:
        self._page_connected.discard(kernel_id)
        self._disconnected.pop(kernel_id, None)
        return super().remove_kernel(kernel_id)

    def page_opening(self, kernel_id: str) -> bool:
        """Whether ``kernel_id``'s page may still be opening (or coming back): the kernel is
        alive, and either no page has connected to it yet and it did something less than
        :data:`PAGE_START` seconds ago, or its page's connection dropped less than
        :data:`RECONNECT` seconds ago."""
        kernel = self._kernels.get(kernel_id)
        if kernel is None or getattr(kernel, "execution_state", None) == "dead":
            return False
        now = datetime.now(timezone.utc)
        if kernel_id in self._page_connected:
            dropped = self._disconnected.get(kernel_id)
            return dropped is not None and now - dropped < timedelta(seconds=RECONNECT)
        last = getattr(kernel, "last_activity", None)
        allowed = timedelta(seconds=max(PAGE_START, self.cull_idle_timeout))
        return last is not None and now - last < allowed

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        if self.page_opening(kernel_id):
            return
        await super().cull_kernel_if_idle(kernel_id)


class PagesVoila(Voila):
    """Voilà serving pages only (see the module's docstring)."""

    name = "auditlib-voila"
    authorizer_class = PagesOnlyAuthorizer  # type: ignore[assignment]
    kernel_websocket_connection_class = WidgetOnlyConnection  # type: ignore[assignment]

    def initialize(self, argv: Any = None) -> None:
        super().initialize(argv)
        # the token comes down a pipe, so it is in neither the command line nor the
        # environment (which kernels inherit)
        fd = os.environ.pop("AUDITLIB_TOKEN_FD", None)
        token = ""
        if fd is not None:
            with os.fdopen(int(fd), "r", encoding="utf-8") as pipe:
                token = pipe.readline().strip()
        if not token:
            raise SystemExit("auditlib-voila: a token is required (AUDITLIB_TOKEN_FD)")
        self.token = token
        self._ready_fd = os.environ.pop("AUDITLIB_READY_FD", None)

    def init_handlers(self) -> list:
        handlers = [h for h in super().init_handlers() if h[1] not in _LISTINGS]
        handlers = [(h[0], with_xsrf_cookie(h[1]), *h[2:])
                    if isinstance(h[1], type) and issubclass(h[1], VoilaHandler) else h
                    for h in handlers]
        if not self.notebook_path:
            landing = landing_page(Path(self.root_dir))
            if landing:
                handlers.append((self.server_url.rstrip("/") + "/?", tornado.web.RedirectHandler,
                                 {"url": f"{self.server_url.rstrip('/')}/voila/render/{landing}"}))
        return handlers

    def start(self) -> None:
        # Voila.start, with the route guard in front and widget-only kernel channels
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        self.voila_configuration.multi_kernel_manager_class = PageKernels
        settings = self.init_settings()
        settings["kernel_websocket_connection_class"] = WidgetOnlyConnection
        self.kernel_manager.allowed_message_types = sorted(WIDGET_MESSAGES)
        without_server_secrets(self.kernel_manager)
        self.app = tornado.web.Application(**settings)
        self.app.settings.update(self.tornado_settings)
        self.app.add_handlers(".*$", self.init_handlers())
        install_route_guard(self.app, self.server_url)
        self.listen()

    def listen(self) -> None:
        try:
            sockets = tornado.netutil.bind_sockets(self.port, self.ip)
        except OSError as exc:
            self._report(f"error {exc.strerror or exc}")
            self.log.critical("auditlib-voila: cannot listen on %s:%s: %s", self.ip, self.port,
                              exc.strerror or exc)
            self.exit(1)
        server = tornado.httpserver.HTTPServer(self.app)
        server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        self._report(f"port {self.port}")
        self.log.info("auditlib-voila: serving pages on %s:%s", self.ip, self.port)
        self.ioloop = tornado.ioloop.IOLoop.current()
        try:
            self.ioloop.start()
        except KeyboardInterrupt:
            self.log.info("Stopping...")
        finally:
            self.stop()

    def _report(self, line: str) -> None:
        if self._ready_fd is None:
            return
        fd = int(self._ready_fd)
        try:
            os.write(fd, (line + "\n").encode())
        finally:
            os.close(fd)
            self._ready_fd = None


main = PagesVoila.launch_instance

if __name__ == "__main__":
    main()
