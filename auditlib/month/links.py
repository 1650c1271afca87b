"""Links that can be sent: the address of an audit's page under the service's public address.

The public address (``AUDITLIB_PUBLIC_URL``, or ``--public-url`` on ``auditlib generate`` and
``auditlib serve``) is where the signed-in person's pages live, so that
``{public_url}voila/render/audit.ipynb?audit_id=N`` opens audit N for whoever is signed in there:
``https://audits.example.gov.uk/`` for ``auditlib serve`` behind a reverse proxy,
``https://hub.example.gov.uk/hub/user-redirect/`` on JupyterHub (which sends each person to their
own server). A link never carries a token or a password: whoever opens it signs in first, and
the store's roles decide what they see. Without a public address a link is relative to the
pages (``voila/render/audit.ipynb?audit_id=N``): it works in place, but cannot be sent.

>>> public_url("https://audits.example.gov.uk")
'https://audits.example.gov.uk/'
>>> audit_link(7, "https://hub.example.gov.uk/hub/user-redirect/")
'https://hub.example.gov.uk/hub/user-redirect/voila/render/audit.ipynb?audit_id=7'
>>> audit_link(7)
'voila/render/audit.ipynb?audit_id=7'
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit

from auditlib.exceptions import AuditlibError, InvalidValue

#: the environment variable that sets the public address where no option does
ENVIRONMENT = "AUDITLIB_PUBLIC_URL"


def public_url(value: str | None = None) -> str | None:
    """The public address, checked: ``value`` (the option) if given, else the environment's
    ``AUDITLIB_PUBLIC_URL``, else None. Ends with ``/``. A wrong one is refused in one line
    naming where it came from (:class:`InvalidValue` for the option)."""
    if value is None:
        raw = os.environ.get(ENVIRONMENT, "").strip()
        if not raw:
            return None
        try:
            return _checked(raw)
        except InvalidValue as exc:
            raise AuditlibError(f"{ENVIRONMENT}: {exc.message}") from None
    return _checked(value.strip())


def _checked(url: str) -> str:
    def wrong(why: str, secret: bool = False) -> InvalidValue:
        # an address holding a password or a token is never repeated back: it would land in
        # a terminal's scrollback or a log
        return InvalidValue("public_url", f"{'the address' if secret else repr(url)} {why}")

    if not url:
        raise wrong("is empty: give the service's address, e.g. https://audits.example.gov.uk/")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise wrong("holds a space or a control character")
    if "@" in url.split("?")[0].split("#")[0]:
        # a link is sent to people: a password in it would be sent with it
        raise wrong("carries a user name or password: give the address alone", secret=True)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        raise wrong("is not a web address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise wrong("is not an http:// or https:// address")
    if not parts.hostname:
        raise wrong("has no host name")
    if "token=" in url.lower():
        # a token in a link lets whoever holds the link in without signing in
        raise wrong("carries a token: links are sent, so they must never hold one",
                    secret=True)
    if parts.query or url.endswith("?"):
        raise wrong("has a query (?...): give the address alone")
    if parts.fragment or "#" in url:
        raise wrong("has a fragment (#...): give the address alone")
    return url if url.endswith("/") else url + "/"


def page_link(page: str, audit_id: int | None = None, base: str | None = None) -> str:
    """The link to one of the pages (``audit``, ``moderation``, ``lead_auditor``), for one
    audit if ``audit_id`` is given, under ``base`` (a checked public address; relative to the
    pages without one)."""
    link = f"{base or ''}voila/render/{page}.ipynb"
    return link if audit_id is None else f"{link}?audit_id={int(audit_id)}"


def audit_link(audit_id: int, base: str | None = None) -> str:
    """The link that opens audit ``audit_id`` for whoever is signed in under ``base``."""
    return page_link("audit", audit_id, base)
