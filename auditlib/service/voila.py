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
- a page's kernel is never culled as idle while its page is still opening (:class:`PageKernels`);
- a page whose kernel fails while the page is built ends, and says it could not open, instead of
  loading for ever (:class:`PageRenderer`).

Run as ``python -m auditlib.service.voila PATH [Voilà options]``.
"""
from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import tornado.httpserver
import tornado.ioloop
import tornado.netutil
import tornado.web
import voila.handler
from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets.config import Config
from voila.app import Voila
from voila.handler import VoilaHandler
from voila.notebook_renderer import NotebookRenderer
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
#: seconds a page's new kernel has to answer, on a busy computer, before the page gives up
#: (Voilà's own 60 s was not always enough while a full test run shared two cores)
KERNEL_START = 120
#: seconds one cell of a page may run while the page is built before the page gives up (ours
#: take seconds: this only ends a page whose kernel hangs, instead of loading for ever)
CELL_RUN = 300


class PageRenderer(NotebookRenderer):
    """Voilà's page builder, ending the page when building it fails, instead of never.

    Voilà sends a page as it builds it: the template's head, then (the kernel started) each
    cell's outputs. Its handler waits for the builder's pieces, sending a "heartbeat" every ten
    seconds meanwhile; a builder that raised sent nothing more and never said it was done, so the
    handler waited, and kept the browser waiting, for ever. That happened whenever the page's
    kernel died before it answered (Voilà then raises "Kernel died before replying to
    kernel_info"), or did not answer in time on a busy computer (Voilà then stops it, and raises).
    Here the page ends where it was: the page, cut short, says it could not be opened (the
    template's ``connection.js``), and the kernel no page will ever use is shut down.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # our limits, unless the server's configuration sets its own; a copy: the server's
        # configuration is shared by every page
        config = copy.deepcopy(self.traitlet_config) if self.traitlet_config else Config()
        executor = config.VoilaExecutor
        executor.setdefault("startup_timeout", KERNEL_START)
        executor.setdefault("timeout", CELL_RUN)
        self.traitlet_config = config

    def generate_content_generator(self, kernel_id: str | None = None,
                                   kernel_future: Any = None) -> AsyncIterator:
        return self._ending(super().generate_content_generator(kernel_id, kernel_future),
                            kernel_id)

    async def _ending(self, pieces: AsyncIterator, kernel_id: str | None) -> AsyncIterator:
        try:
            async for piece in pieces:
                yield piece
        except Exception as exc:  # whatever it was, the page must end
            self.log.error("auditlib-voila: page %s could not be built (%s: %s); "
                           "the page says it could not be opened", self.notebook_path,
                           type(exc).__name__, exc)
            await self._stop_kernel(kernel_id)

    async def _stop_kernel(self, kernel_id: str | None) -> None:
        kernels = getattr(self.request_handler, "kernel_manager", None)
        if kernel_id is None or kernels is None or kernel_id not in kernels:
            return  # already gone (Jupyter Server removes a kernel that keeps dying)
        try:
            await ensure_async(kernels.shutdown_kernel(kernel_id, now=True))
        except Exception as exc:  # the page ends all the same
            self.log.warning("auditlib-voila: could not stop kernel %s: %s", kernel_id, exc)


def install_page_renderer() -> None:
    """Voilà's handler builds its pages with :class:`PageRenderer` (a name it looks up as it
    serves each page). Both our Voilàs (``auditlib serve``'s, and the hub's Voilà extension,
    configured with :class:`PageKernels`) install it when their kernel manager is made."""
    if not hasattr(voila.handler, "NotebookRenderer"):  # a Voilà we do not know: say so at once
        raise RuntimeError("voila.handler.NotebookRenderer is gone: PageRenderer cannot be used")
    voila.handler.NotebookRenderer = PageRenderer


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
        install_page_renderer()  # every Voilà of ours makes one, before it serves a page
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
