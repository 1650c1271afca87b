"""A person's server serves the pages and nothing else.

Signed-in users are untrusted (design.md). Jupyter Server, which both JupyterHub's single-user
server and Voilà are built on, offers far more than our pages need: JupyterLab, a file tree,
terminals, the contents API, and kernels that run any code sent to them. Any of those would let a
curious auditor read every child's audit. This module shuts them off in three independent layers,
so that a gap in one is not a way in:

1. **Routes**: a deny-by-default rule in front of every other route. Only the pages
   (``voila/render/<page>.ipynb``), their static files, the page's own kernel channel and sign-in
   are answered; everything else gets 403.
2. **Authorizer**: Jupyter Server's own permission check refuses every resource except the
   kernel channel, so a route that slipped through the first layer is still refused.
3. **Kernel channels**: only the messages ipywidgets needs reach a kernel from the browser
   (:data:`WIDGET_MESSAGES`); ``execute_request`` and everything else is dropped and logged.

Used as a Jupyter Server extension under JupyterHub (``auditlib.service.lockdown``), and by
``auditlib serve`` through :mod:`auditlib.service.voila`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado import web
from tornado.routing import Matcher, Rule

#: The only messages the browser may send to a kernel: what ipywidgets needs to show and drive
#: the widgets. No ``execute_request`` (which runs code), ``complete_request``,
#: ``inspect_request``, ``history_request`` (which read the kernel's state) or
#: ``shutdown_request``.
WIDGET_MESSAGES = frozenset({"comm_open", "comm_msg", "comm_close", "comm_info_request",
                             "kernel_info_request"})

_KERNEL = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_PAGE = r"[A-Za-z0-9_-]+\.ipynb"
_READ = frozenset({"GET", "HEAD"})

#: (path pattern relative to the server's base URL, methods): everything a page needs
ALLOWED_ROUTES: tuple[tuple[str, frozenset[str]], ...] = (
    (r"", _READ),                                   # the base URL: redirects to the home page
    (rf"voila/render/{_PAGE}", _READ),               # a page
    (r"voila/(static|templates|labextensions)/[^?#]*", _READ),  # a page's scripts and styles
    (r"voila/api/themes/[^?#]*", _READ),
    (rf"voila/api/shutdown/{_KERNEL}", frozenset({"POST"})),  # a page closing frees its kernel
    (rf"api/kernels/{_KERNEL}/channels", _READ),     # the page's widget channel (a websocket)
    (rf"api/kernels/{_KERNEL}", _READ),              # the page reads its kernel's state
    (r"static/[^?#]*", _READ),                      # Jupyter Server's favicon and the like
    (r"login", frozenset({"GET", "POST"})),         # token sign-in (auditlib serve)
    (r"oauth_callback", _READ),                     # JupyterHub sign-in
    (r"logout", _READ),
)


def route_allowed(path: str, method: str, base_url: str = "/",
                  routes: Iterable[tuple[str, frozenset[str]]] = ALLOWED_ROUTES) -> bool:
    """Whether a request for ``path`` (the URL path, no query) may reach a handler.

    >>> route_allowed("/user/ash/voila/render/audit.ipynb", "GET", "/user/ash/")
    True
    >>> route_allowed("/user/ash/lab", "GET", "/user/ash/")
    False
    >>> route_allowed("/user/ash/api/kernels", "POST", "/user/ash/")
    False
    >>> route_allowed("/voila/render/../../etc/passwd", "GET")
    False
    """
    if not base_url.endswith("/"):
        base_url += "/"
    if not (path + "/").startswith(base_url):
        return False
    rest = path[len(base_url):]
    if "//" in rest or "/." in "/" + rest or "\\" in rest or "%" in rest:
        return False  # no dot segments, doubled slashes or escapes to confuse a later router
    return any(method in methods and re.fullmatch(pattern, rest) for pattern, methods in routes)


class _NotAPageRoute(Matcher):
    """Matches every request that is *not* on the allow list, so that the deny handler gets it
    before any other route."""

    def __init__(self, base_url: str):
        self.base_url = base_url

    def match(self, request: Any) -> dict[str, Any] | None:
        if route_allowed(request.path, request.method, self.base_url):
            return None
        return {}


class RefusedHandler(web.RequestHandler):
    """Answers 403 to every request that is not for a page, and logs it."""

    def prepare(self) -> None:
        from tornado.log import access_log

        access_log.warning("auditlib: refused %s %s (only the audit pages are served)",
                           self.request.method, self.request.path)
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("403: only the audit pages are served here.\n")


def install_route_guard(web_app: web.Application, base_url: str) -> None:
    """Put the deny-by-default rule in front of every route of ``web_app``."""
    if any(isinstance(rule.matcher, _NotAPageRoute) for rule in web_app.default_router.rules):
        return
    web_app.default_router.rules.insert(0, Rule(_NotAPageRoute(base_url), RefusedHandler))


class PagesOnlyAuthorizer(Authorizer):
    """Jupyter Server's permission check: a page's kernel channel and its kernel's state,
    nothing else."""

    def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> bool:
        kind = type(handler).__name__
        allowed = resource == "kernels" and (
            (action == "execute" and kind.endswith("WebsocketHandler"))
            or (action == "read" and kind == "KernelHandler"
                and handler.request.method in ("GET", "HEAD")))
        if not allowed:
            self.log.warning("auditlib: refused %s on %s for %s", action, resource,
                             getattr(user, "username", user))
        return allowed


class WidgetOnlyConnection(ZMQChannelsWebsocketConnection):
    """A kernel channel that passes only widget messages from the browser to the kernel."""

    def handle_incoming_message(self, incoming_msg: Any) -> None:
        msg_type = self._incoming_type(incoming_msg)
        if msg_type not in WIDGET_MESSAGES:
            self.log.warning("auditlib: dropped a %r message from the browser to kernel %s "
                             "(pages accept widget messages only)", msg_type,
                             getattr(self, "kernel_id", "?"))
            return
        super().handle_incoming_message(incoming_msg)

    def _incoming_type(self, incoming_msg: Any) -> str | None:
        """The message's type, read the way the parent class will read it; ``None`` when it
        cannot be read (then it is dropped)."""
        from jupyter_server.services.kernels.connection.base import (
            deserialize_binary_message,
            deserialize_msg_from_ws_v1,
        )
        try:
            if self.subprotocol == "v1.kernel.websocket.jupyter.org":
                _channel, parts = deserialize_msg_from_ws_v1(incoming_msg)
                header = self.session.unpack(parts[0])
            else:
                msg = deserialize_binary_message(incoming_msg) if isinstance(
                    incoming_msg, bytes) else json.loads(incoming_msg)
                header = msg.get("header")
            msg_type = header.get("msg_type") if isinstance(header, dict) else None
        except Exception:  # anything unreadable is simply not a widget message
            return None
        return msg_type if isinstance(msg_type, str) else None


#: what a kernel never inherits from its server: the server's own credentials (a page's kernel
#: needs none of them, and would hand them to code if code ever ran)
SERVER_SECRETS = frozenset({"JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN", "JUPYTER_TOKEN",
                            "JUPYTER_TOKEN_FILE", "JUPYTERHUB_OAUTH_CLIENT_SECRET"})


def without_server_secrets(kernel_manager: Any) -> None:
    """Start every kernel of ``kernel_manager`` without :data:`SERVER_SECRETS` in its
    environment."""
    import os

    from jupyter_core.utils import ensure_async

    start = kernel_manager.start_kernel

    async def start_kernel(*args: Any, env: dict[str, str] | None = None, **kwargs: Any) -> Any:
        env = {k: v for k, v in (os.environ if env is None else env).items()
               if k not in SERVER_SECRETS}
        return await ensure_async(start(*args, env=env, **kwargs))

    kernel_manager.start_kernel = start_kernel


def lock_down(serverapp: Any) -> None:
    """Apply all three layers to a running Jupyter Server application, and keep the server's
    credentials out of its kernels."""
    web_app = serverapp.web_app
    install_route_guard(web_app, serverapp.base_url)
    web_app.settings["kernel_websocket_connection_class"] = WidgetOnlyConnection
    authorizer = PagesOnlyAuthorizer(parent=serverapp, log=serverapp.log,
                                     identity_provider=serverapp.identity_provider)
    web_app.settings["authorizer"] = authorizer
    serverapp.authorizer = authorizer
    serverapp.kernel_manager.allowed_message_types = sorted(WIDGET_MESSAGES)
    without_server_secrets(serverapp.kernel_manager)
    serverapp.log.info("auditlib: this server serves the audit pages only")


# ----------------------------------------------------------------------- Jupyter Server extension

def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "auditlib.service.lockdown"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    lock_down(serverapp)
