"""The mail server's settings (``AUDITLIB_SMTP_*``), read from the environment and checked, and
the connection to it: STARTTLS unless turned off, the password from a file only."""
from __future__ import annotations

import os
import re
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from auditlib.exceptions import AuditlibError, InvalidAudit

ENV = "AUDITLIB_SMTP_"
TIMEOUT_SECONDS = 60


class SmtpSettingsError(AuditlibError):
    """An ``AUDITLIB_SMTP_*`` setting is wrong: one line naming the variable."""


class DeliveryError(AuditlibError):
    """The mail server could not be reached or refused to take mail at all."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where mail goes: read by :meth:`from_environment`; the password from a file only."""

    host: str
    port: int
    starttls: bool
    sender: str
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None
                         ) -> SmtpSettings | None:
        """The settings, or None when ``AUDITLIB_SMTP_HOST`` is not set (nothing is sent).
        A wrong one is :class:`SmtpSettingsError` naming the variable."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str:
            return env.get(ENV + name, "").strip()

        host = get("HOST")
        if not host:
            others = sorted(ENV + n for n in ("PORT", "STARTTLS", "USER", "PASSWORD_FILE",
                                              "FROM") if get(n))
            if others:
                raise SmtpSettingsError(f"{others[0]} is set but {ENV}HOST is not: name the "
                                        "mail server, or unset it")
            return None
        if not re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]",
                            host):
            raise SmtpSettingsError(f"{ENV}HOST: {host[:80]!r} is not a host name (give the "
                                    "name alone, e.g. smtp.example.gov.uk)")
        raw_tls = get("STARTTLS") or "1"
        if raw_tls not in ("0", "1"):
            raise SmtpSettingsError(f"{ENV}STARTTLS: {raw_tls[:20]!r} must be 1 (encrypt with "
                                    "STARTTLS, the default) or 0")
        starttls = raw_tls == "1"
        raw_port = get("PORT")
        if not raw_port:
            port = 587 if starttls else 25
        elif raw_port.isdigit() and 0 < int(raw_port) < 65536:
            port = int(raw_port)
        else:
            raise SmtpSettingsError(f"{ENV}PORT: {raw_port[:20]!r} is not a port number "
                                    "(1 to 65535)")
        sender = get("FROM")
        if not sender:
            raise SmtpSettingsError(f"{ENV}FROM is not set: give the address the emails come "
                                    "from, e.g. case-file-audits@example.gov.uk")
        checked = email_address(sender, f"{ENV}FROM")
        if checked is None:
            raise SmtpSettingsError(f"{ENV}FROM is not one email address")
        username, password_file = get("USER") or None, get("PASSWORD_FILE") or None
        if (username is None) != (password_file is None):
            missing = "PASSWORD_FILE" if username else "USER"
            raise SmtpSettingsError(f"{ENV}{missing} is not set: a user name and a password "
                                    "file go together (or set neither)")
        if env.get(ENV + "PASSWORD"):
            raise SmtpSettingsError(f"{ENV}PASSWORD is set: the password is never read from "
                                    f"the environment; put it in a file only the service can "
                                    f"read and name that in {ENV}PASSWORD_FILE")
        password = None
        if password_file is not None:
            if not starttls and not _loopback(host):
                raise SmtpSettingsError(f"{ENV}STARTTLS: 0 would send the password unencrypted "
                                        f"to {host}: set it to 1 (or use no password)")
            password = _read_password(password_file)
        return cls(host=host, port=port, starttls=starttls, sender=checked,
                   username=username, password=password)


def _read_password(path: str) -> str:
    name = f"{ENV}PASSWORD_FILE"
    try:
        if os.name == "posix" and os.stat(path).st_mode & 0o004:
            raise SmtpSettingsError(f"{name}: {path} can be read by everyone: make it readable "
                                    "by the service only (chmod 600)")
        with open(path, encoding="utf-8") as f:
            text = f.read(4096)
    except SmtpSettingsError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise SmtpSettingsError(f"{name}: cannot read {path}: "
                                f"{getattr(exc, 'strerror', None) or type(exc).__name__}"
                                ) from None
    password = text.rstrip("\r\n")
    if not password or "\n" in password or "\r" in password:
        raise SmtpSettingsError(f"{name}: {path} must hold the password alone, on one line")
    return password


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        import ipaddress

        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def email_address(value: Any, what: str) -> str | None:
    """One mailbox's address, or None if ``value`` is not one (a store written before the
    checks, a setting): nothing a header could be split on."""
    from auditlib.store.checks import check_email

    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return check_email(value, what)
    except InvalidAudit:
        return None


def public_url_from_environment() -> str | None:
    """``AUDITLIB_PUBLIC_URL``, checked (never a token; ends with ``/``), else None."""
    from auditlib.month.links import public_url

    return public_url()


def connect(smtp: SmtpSettings) -> smtplib.SMTP:
    where = f"{smtp.host}:{smtp.port}"
    try:
        server = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_SECONDS)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"cannot reach the mail server {where}: "
                            f"{getattr(exc, 'strerror', None) or exc}") from None
    try:
        server.ehlo()
        if smtp.starttls:
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
        if smtp.username is not None:
            server.login(smtp.username, smtp.password or "")
    except smtplib.SMTPNotSupportedError:
        server.close()
        raise DeliveryError(f"the mail server {where} does not offer STARTTLS: set "
                            f"{ENV}STARTTLS=0 only for a server on this machine") from None
    except smtplib.SMTPAuthenticationError:
        server.close()
        raise DeliveryError(f"the mail server {where} refused the user name and password "
                            f"({ENV}USER, {ENV}PASSWORD_FILE)") from None
    except (OSError, smtplib.SMTPException) as exc:  # ssl.SSLError, timeouts included
        server.close()
        raise DeliveryError(f"the mail server {where} failed: {exc}") from None
    return server
