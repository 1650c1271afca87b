"""Where the store is and how it is reached: its URL, the engine, transactions, and the origin
every change is recorded with.

:class:`StoreConnection` is the part of :class:`auditlib.store.AuditStore` that opens the
database (a SQLite file through :mod:`auditlib.store.sqlite_file`, or PostgreSQL), migrates it,
and hands the other parts a read or a write transaction that turns the database's own failures
into one-line :class:`StoreError` messages.
"""
from __future__ import annotations

import functools
import os
import re
import socket
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, OperationalError

from auditlib.exceptions import StoreError
from auditlib.locations import data_dir
from auditlib.store import schema as t
from auditlib.store.sqlite_file import (
    database_problem,
    fcntl_available,
    prepare_sqlite_file,
    sqlite_events,
)

_Store = TypeVar("_Store", bound="StoreConnection")


def default_store_url() -> str:
    return f"sqlite:///{data_dir() / 'audits.sqlite'}"


def store_url(url: str | None = None) -> str:
    """The store to use: the given URL (``--store``), else ``AUDITLIB_STORE``, else the URL in
    the file ``AUDITLIB_STORE_FILE`` names (it may carry a password, so the file must be yours
    and closed to everyone else), else the default SQLite file. A plain path is taken as a
    SQLite file."""
    url = url or os.environ.get("AUDITLIB_STORE") or \
        _url_from_store_file(os.environ.get("AUDITLIB_STORE_FILE")) or default_store_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).resolve()}"
    return url


def _url_from_store_file(path: str | None) -> str | None:
    """The first line of the store file that is not blank or a ``#`` comment."""
    if not path:
        return None
    where = f"AUDITLIB_STORE_FILE {path}"
    try:  # non-blocking: a named pipe must not hang the open
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise StoreError(f"{where}: cannot read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)  # of the file opened, not whatever the path names by now
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(f"{where}: not a file")
        # a password others can read is no secret; a file others can write points you elsewhere
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise StoreError(f"{where}: must be owned by you (it is owned by uid {info.st_uid})")
        if hasattr(os, "getuid") and info.st_mode & 0o077:
            raise StoreError(f"{where}: must not be open to group or others (chmod 600 {path})")
        with os.fdopen(os.dup(fd), "rb") as file:
            data = file.read()
    finally:
        os.close(fd)
    try:
        lines = [line.strip() for line in data.decode("utf-8").splitlines()]
    except UnicodeDecodeError:
        raise StoreError(f"{where}: not UTF-8 text") from None
    url = next((line for line in lines if line and not line.startswith("#")), None)
    if url is None:
        raise StoreError(f"{where}: holds no store URL")
    return url


def _masked(url: str) -> str:
    """The URL with its password hidden, even when it is not a valid URL."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        return re.sub(r"(://[^/@:]*:).*@", r"\1***@", url)


@functools.cache
def _login_at_host() -> str:
    import getpass

    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # a uid with no name (a container)
        login = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
    return f"{login}@{socket.gethostname()}"


def command_line_origin() -> str:
    """The origin the command line records: ``cli:LOGIN@HOST``."""
    return f"cli:{_login_at_host()}"


def origin() -> str:
    """This process's origin: :data:`auditlib.store.ORIGIN` if set, else a page's
    ``page:USER`` (the JupyterHub user, else ``AUDITLIB_USER`` as ``auditlib serve`` sets it),
    else ``python:LOGIN@HOST``."""
    from auditlib import store  # read at each call: the command line sets store.ORIGIN

    if store.ORIGIN:
        return store.ORIGIN
    from auditlib.access import signed_in_user

    page_user = signed_in_user()
    if page_user:
        return f"page:{page_user}"
    return f"python:{_login_at_host()}"


class StoreConnection:
    """Opening and closing the store, and its transactions (see :class:`AuditStore`)."""

    def __init__(self, url: str | None = None, *, echo: bool = False, create: bool = False):
        """Open the store at ``url`` (see :func:`store_url`). A SQLite file that is not there is
        created only with ``create`` (``auditlib users add`` sets a store up), or when it is
        the default store in the data folder: a misspelt path must not become a new, empty
        store that the next command happily reads."""
        self.url = store_url(url)
        try:
            parsed = make_url(self.url)
        except (ArgumentError, ValueError):  # ValueError: a port that is not a number
            raise StoreError(f"store URL {_masked(self.url)!r} is not a database URL "
                             "(expected sqlite:///PATH or postgresql+psycopg://…)") from None
        self.dialect = parsed.get_backend_name()
        kwargs: dict[str, Any] = {"echo": echo}
        self._lock_file: Any = None
        self._thread_lock = threading.Lock()
        self._framework_ids: dict[str, str] = {}
        if self.dialect == "sqlite":
            database = parsed.database or ""
            memory = database in ("", ":memory:")
            if not memory:
                prepare_sqlite_file(database, create or self.url == default_store_url())
                if fcntl_available() and not os.environ.get("AUDITLIB_NO_FLOCK"):
                    try:
                        self._lock_file = os.open(f"{database}.lock", os.O_CREAT | os.O_RDWR,
                                                  0o600)
                    except OSError as exc:  # a read-only folder, say
                        raise StoreError(f"{database}: cannot open the store: its lock file "
                                         f"{database}.lock: {exc.strerror}") from None
            kwargs["connect_args"] = {"timeout": 60, "check_same_thread": False}
            if memory:
                from sqlalchemy.pool import StaticPool
                kwargs["poolclass"] = StaticPool  # one shared in-memory database
        elif self.dialect == "postgresql":
            kwargs["pool_pre_ping"] = True
        else:
            raise StoreError(f"store URL {_masked(self.url)!r}: only SQLite and PostgreSQL are "
                             "supported")
        try:
            self.engine: Engine = create_engine(parsed, **kwargs)
        except ModuleNotFoundError as exc:
            raise StoreError(f"the driver for {self.dialect} is not installed ({exc.name}): "
                             "pip install 'auditlib[postgresql]'") from None
        if self.dialect == "sqlite":
            sqlite_events(self.engine)
        try:
            with self._write_transaction() as conn:
                if self.dialect == "postgresql":
                    # one migrating process at a time
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7202611)")
                # migrate reads the version first and changes nothing in a current store, so
                # the application's own role (no DDL rights: auditlib store grant) opens it
                t.migrate(conn)
        except DBAPIError as exc:
            self.close()
            problem = database_problem(exc)
            if problem:
                raise StoreError(f"{self._where()}: {problem} ({self._reason(exc)})") from None
            raise StoreError(f"cannot open the store {self._safe_url()}: "
                             f"{self._reason(exc)}") from None
        except StoreError:  # a schema too new, say
            self.close()
            raise

    def _where(self) -> str:
        """The store as people name it: a SQLite file's path, else the URL without password."""
        parsed = make_url(self.url)
        if self.dialect == "sqlite" and parsed.database not in (None, "", ":memory:"):
            return str(parsed.database)
        return self._safe_url()

    def _reason(self, exc: DBAPIError) -> str:
        """The driver's first line, never the password even if the driver quoted it."""
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        password = make_url(self.url).password
        if password:
            reason = reason.replace(str(password), "***")
        if getattr(exc.orig, "sqlstate", None) == "42501":
            reason += (" (a store is upgraded by its owner, who grants the application its "
                       "rights: auditlib store grant)")
        return reason

    def _safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock_file is not None:
            os.close(self._lock_file)
            self._lock_file = None

    def __enter__(self: _Store) -> _Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"AuditStore({self._safe_url()!r})"

    # ----------------------------------------------------------------------- transactions

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._translated("nothing was saved"), self._write_transaction() as conn:
            yield conn

    @contextmanager
    def _translated(self, outcome: str) -> Iterator[None]:
        """A database that cannot do its part (read-only, full, damaged, gone) is a
        :class:`StoreError` in one line, not a driver's traceback."""
        try:
            yield
        except DBAPIError as exc:
            problem = database_problem(exc)
            if problem is None and not isinstance(exc, OperationalError) \
                    and type(exc) is not DatabaseError:
                raise  # a constraint or a programming error: not the database's condition
            problem = problem or "cannot be used"
            raise StoreError(f"{self._where()}: {problem} ({self._reason(exc)}); "
                             f"{outcome}") from None

    @contextmanager
    def _write_transaction(self) -> Iterator[Connection]:
        if self._lock_file is None:
            with self.engine.begin() as conn:
                yield conn
            return
        # SQLite: writers queue on a kernel file lock, which wakes the next one the moment the
        # lock is free; SQLite's own busy handler polls with growing sleeps and starves some
        # writers for seconds when many save at once
        import fcntl

        with self._thread_lock:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX)
            try:
                with self.engine.begin() as conn:
                    yield conn
            finally:
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._translated("nothing was read"), self.engine.connect() as conn:
            conn.execution_options(auditlib_read=True)
            with conn.begin():
                yield conn

    def schema_version(self) -> int:
        with self._read() as conn:
            return t.current_version(conn)
