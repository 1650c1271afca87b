"""The audit store: every answer saved as it is typed, every change on record.

One class, :class:`AuditStore`, over SQLAlchemy: SQLite by default (a file in the data folder,
owner-only, WAL mode), PostgreSQL by URL. Its verbs follow one grid (``add_``, ``find_``,
``save_``, ``update_``, ``remove_``), each takes the acting ``user`` and checks that user's role,
and each write is one transaction that either happens whole or changes nothing. Every change is
appended to the audit trail (:meth:`AuditStore.history`), which no verb edits or deletes.

Lifecycle of an audit::

    in_progress --submit--> submitted --return_to_auditor--> returned --submit--> submitted
    submitted --finalise--> finalised --reopen(reason)--> in_progress
    any --remove_audit(reason)--> removed            (lead auditor; the rows stay, hidden)
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import operator
import os
import re
import socket
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, OperationalError

from auditlib.exceptions import (
    AuditNotFound,
    InvalidAudit,
    LifecycleRefused,
    PermissionRefused,
    StoreError,
    VersionConflict,
)
from auditlib.framework import Framework, get_framework
from auditlib.locations import data_dir
from auditlib.record import (
    interchange_record,
    record_actions,
    validate_answer,
    validate_record,
)
from auditlib.scales import NOT_APPLICABLE
from auditlib.store import schema as t
from auditlib.text import clean_id, clean_text, show

ROLES = ("auditor", "moderator", "lead_auditor", "trainee")
STATUSES = ("in_progress", "submitted", "returned", "finalised", "removed")
EDITABLE = ("in_progress", "returned")
ACTION_FIELDS = ("action", "owner", "due")


class _Clear:
    """Pass :data:`CLEAR` to remove a value (``None`` means "leave as it is")."""

    def __repr__(self) -> str:
        return "CLEAR"


CLEAR: Any = _Clear()


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


# --------------------------------------------------------------------------- where the store is

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


#: how this process reaches the store, recorded on every history row beside the acting user:
#: the command line sets it to "cli:LOGIN@HOST", so a --user naming someone else shows who ran it
ORIGIN: str | None = None


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
    """This process's origin: :data:`ORIGIN` if set, else a page's ``page:USER`` (the JupyterHub
    user, else ``AUDITLIB_USER`` as ``auditlib serve`` sets it), else ``python:LOGIN@HOST``."""
    if ORIGIN:
        return ORIGIN
    from auditlib.access import signed_in_user

    page_user = signed_in_user()
    if page_user:
        return f"page:{page_user}"
    return f"python:{_login_at_host()}"


def fcntl_available() -> bool:
    try:
        import fcntl  # noqa: F401 - POSIX only
    except ImportError:
        return False
    return True


def _prepare_sqlite_file(path: str, create: bool) -> None:
    """Create the folder (owner only) and the file (owner read/write) before SQLite opens it, so
    the store is never readable by others even for a moment. A file that is not there is only
    created when ``create`` is set: a misspelt ``--store`` must not start an empty store; a file
    that is there must be a SQLite database before anything about it is changed."""
    file = Path(path)
    folder = file.parent
    try:
        if file.is_dir():
            raise StoreError(f"{path}: is a folder, not an auditlib store")
        if not file.exists():
            if not create:
                raise StoreError(f"{path}: no such store (create it with: auditlib users add "
                                 f"NAME --role lead_auditor --store {path})")
            if not folder.exists():
                folder.mkdir(parents=True, mode=0o700)
            fd = os.open(file, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
            return
        if not stat.S_ISREG(file.stat().st_mode):  # a device or a pipe: never read from it
            raise StoreError(f"{path}: is not an auditlib store (not a file)")
        _check_sqlite_file(file)
        mode = stat.S_IMODE(file.stat().st_mode)
        if mode & 0o077:
            os.chmod(file, 0o600)
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc.strerror})") from None


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_sqlite_file(file: Path) -> None:
    """Refuse a file that is not a SQLite database, or is shorter than its own header says (a
    truncated copy): opening either would fail later, midway through a change."""
    with open(file, "rb") as handle:
        header = handle.read(100)
        size = os.fstat(handle.fileno()).st_size
    if not header:
        return  # an empty file is an empty database (a store whose setup was interrupted)
    if not _SQLITE_MAGIC.startswith(header[:16]):
        raise StoreError(f"{file}: is not an auditlib store (not a SQLite database)")
    if len(header) < 100:
        raise StoreError(f"{file}: is damaged (the file is truncated); restore it from a backup")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # the header's page count is valid when its change counter matches (SQLite's own rule)
    # (skipped while a -wal file is there: a checkpoint in progress writes page 1 first)
    if pages and header[24:28] == header[92:96] and size < pages * page_size \
            and not Path(f"{file}-wal").exists():
        raise StoreError(f"{file}: is damaged (the file is truncated: {size:,} of "
                         f"{pages * page_size:,} bytes); restore it from a backup")
    _check_not_foreign(file)


def _check_not_foreign(file: Path) -> None:
    """Refuse another program's SQLite database, read-only, before auditlib's connection
    changes anything in it (its journal mode, its tables)."""
    import sqlite3
    from urllib.parse import quote

    try:
        conn = sqlite3.connect(f"file:{quote(str(file))}?mode=ro", uri=True, timeout=60)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master "
                                                 "WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problem = _database_problem(exc) or f"cannot open the store ({exc})"
        raise StoreError(f"{file}: {problem}") from None
    if tables and t.store_meta.name not in tables:
        raise StoreError(f"{file}: is not an auditlib store (a SQLite database of something "
                         "else)")


def _database_problem(exc: BaseException) -> str | None:
    """What a database error means for the person at the keyboard, or None if it is none of
    the usual: read-only, full, not a database, damaged."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "is read-only"
    if "disk is full" in text or "no space left" in text or "disk full" in text:
        return "the disk is full"
    if "not a database" in text:
        return "is not an auditlib store (not a SQLite database)"
    if "malformed" in text or "corrupt" in text:
        return "is damaged"
    return None


# --------------------------------------------------------------------------- the store

class AuditStore:
    """The audit store. Use as a context manager, or call :meth:`close`.

    >>> store = AuditStore("sqlite:///:memory:")
    >>> store.add_user("lead", roles=["lead_auditor"], user="lead")
    'lead'
    >>> store.add_user("ash", roles=["auditor"], user="lead")
    'ash'
    >>> audit_id = store.add_audit(framework="full-audit", child_id="C1", auditor="ash",
    ...                            user="lead")
    >>> store.save_answer(audit_id, "q1", user="ash", grade="meets_good")
    2
    >>> store.find_audit(audit_id)["answers"]["q1"]["grade"]
    'meets_good'
    >>> store.close()
    """

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
                _prepare_sqlite_file(database, create or self.url == default_store_url())
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
            _sqlite_events(self.engine)
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
            problem = _database_problem(exc)
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

    def __enter__(self) -> AuditStore:
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
            problem = _database_problem(exc)
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

    def check_integrity(self) -> str:
        """``"ok"`` if the database's own integrity check passes and the audit trail is as it
        was written (:meth:`verify_history`), else what was found."""
        problems: list[str] = []
        with self._read() as conn:
            if self.dialect == "sqlite":
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
                fk = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
                if fk:
                    rows.append(f"{len(fk)} foreign key violations")
                if rows != ["ok"]:
                    problems.extend(map(str, rows))
            else:
                conn.exec_driver_sql("SELECT count(*) FROM audits")
        problems.extend(self.verify_history())
        return "; ".join(problems) or "ok"

    # ----------------------------------------------------------------------- users and roles

    def _roles(self, conn: Connection, name: str) -> set[str]:
        return set(conn.execute(select(t.user_roles.c.role)
                                .where(t.user_roles.c.user_name == name)).scalars())

    def _require_role(self, conn: Connection, user: str, *roles: str) -> set[str]:
        held = self._roles(conn, user)
        if not held & set(roles):
            words = " or ".join(("an " if r[0] in "aeiou" else "a ") + r.replace("_", " ")
                                for r in roles)
            if not conn.execute(select(t.users.c.name).where(t.users.c.name == user)).first():
                raise PermissionRefused(user, f"{user!r} is not a user of this store "
                                        f"({words} is needed)")
            raise PermissionRefused(user, f"{user!r} is not {words}")
        return held

    def add_user(self, name: str, *, roles: list[str] | tuple[str, ...], user: str,
                 display_name: str | None = None, service_area: str | None = None) -> str:
        """Add a user with roles. Only a lead auditor may, except for the first lead auditor of
        a store, added by whoever set the store up."""
        name = _check_name(name, "name")
        user = clean_id(user, "user")  # the first lead auditor's is written to the history
        display_name = _optional_text(display_name, "display_name")
        service_area = _optional_text(service_area, "service_area")
        bad = [r for r in roles if r not in ROLES]
        if bad or not roles:
            raise StoreError(f"role {bad[0] if bad else None!r} is not one of "
                             f"{', '.join(ROLES)}")
        with self._write() as conn:
            has_lead = conn.execute(select(t.user_roles.c.user_name)
                                    .where(t.user_roles.c.role == "lead_auditor")).first()
            # an empty store's first lead auditor is added by whoever set the store up
            if has_lead or "lead_auditor" not in roles:
                self._require_role(conn, user, "lead_auditor")
            if conn.execute(select(t.users.c.name).where(t.users.c.name == name)).first():
                raise StoreError(f"user {name!r} already exists")
            conn.execute(insert(t.users).values(name=name, display_name=display_name,
                                                service_area=service_area, created_at=_now()))
            for role in dict.fromkeys(roles):
                conn.execute(insert(t.user_roles).values(user_name=name, role=role))
            self._log(conn, None, user, f"user.{name}", None,
                      {"roles": list(roles), "service_area": service_area})
        return name

    def add_users(self, users: list[dict[str, Any]], *, user: str) -> list[str]:
        """Add several users in one transaction (each ``name``, ``roles`` and optionally
        ``service_area``, ``display_name``); lead auditor only; all or nothing."""
        users = [dict(spec, name=_check_name(spec.get("name"), f"users[{i}].name"),
                      display_name=_optional_text(spec.get("display_name"),
                                                  f"users[{i}].display_name"),
                      service_area=_optional_text(spec.get("service_area"),
                                                  f"users[{i}].service_area"))
                 for i, spec in enumerate(users)]
        for spec in users:
            bad = [r for r in spec["roles"] if r not in ROLES]
            if bad or not spec["roles"]:
                raise StoreError(f"role {bad[0] if bad else None!r} is not one of "
                                 f"{', '.join(ROLES)}")
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            now = _now()
            for spec in users:
                name = spec["name"].strip()
                if conn.execute(select(t.users.c.name).where(t.users.c.name == name)).first():
                    raise StoreError(f"user {name!r} already exists")
                conn.execute(insert(t.users).values(
                    name=name, display_name=spec.get("display_name"),
                    service_area=spec.get("service_area"), created_at=now))
                for role in dict.fromkeys(spec["roles"]):
                    conn.execute(insert(t.user_roles).values(user_name=name, role=role))
                self._log(conn, None, user, f"user.{name}", None,
                          {"roles": list(spec["roles"]),
                           "service_area": spec.get("service_area")})
        return [spec["name"].strip() for spec in users]

    def add_role(self, name: str, role: str, *, user: str) -> None:
        """Give a user another role (lead auditor only)."""
        if role not in ROLES:
            raise StoreError(f"role {role!r} is not one of {', '.join(ROLES)}")
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            held = self._roles(conn, self._user_row(conn, name)["name"])
            if role in held:
                return
            conn.execute(insert(t.user_roles).values(user_name=name, role=role))
            self._log(conn, None, user, f"user.{name}.roles", sorted(held),
                      sorted(held | {role}))

    def remove_role(self, name: str, role: str, *, user: str) -> None:
        """Take a role away from a user (lead auditor only)."""
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            held = self._roles(conn, self._user_row(conn, name)["name"])
            if role not in held:
                return
            if role == "lead_auditor" and name == user:
                raise PermissionRefused(user, "a lead auditor cannot remove their own lead "
                                        "auditor role")
            conn.execute(t.user_roles.delete().where(t.user_roles.c.user_name == name,
                                                     t.user_roles.c.role == role))
            self._log(conn, None, user, f"user.{name}.roles", sorted(held),
                      sorted(held - {role}))

    def _user_row(self, conn: Connection, name: str) -> dict[str, Any]:
        row = conn.execute(select(t.users).where(t.users.c.name == name)).mappings().first()
        if row is None:
            raise AuditNotFound(f"no such user: {name!r}")
        return dict(row)

    def find_user(self, name: str) -> dict[str, Any]:
        with self._read() as conn:
            row = self._user_row(conn, name)
            row["roles"] = sorted(self._roles(conn, name))
            return row

    def roles_of(self, name: str) -> set[str]:
        """The user's roles; none for someone the store does not know."""
        with self._read() as conn:
            return self._roles(conn, name)

    def find_users(self, role: str | None = None) -> list[dict[str, Any]]:
        with self._read() as conn:
            rows = [dict(r) for r in conn.execute(select(t.users).order_by(t.users.c.name))
                    .mappings()]
            roles: dict[str, list[str]] = {}
            for name, r in conn.execute(select(t.user_roles.c.user_name, t.user_roles.c.role)):
                roles.setdefault(name, []).append(r)
        for row in rows:
            row["roles"] = sorted(roles.get(row["name"], []))
        return [r for r in rows if role is None or role in r["roles"]]

    # ----------------------------------------------------------------------- audits

    def add_audit(self, *, framework: str, child_id: str, auditor: str, user: str,
                  moderator: str | None = None, month: str | None = None,
                  due_date: str | None = None, header: dict[str, Any] | None = None,
                  training: bool = False) -> int:
        """Create an audit of one child, allocated to an auditor (lead auditor only; a trainee
        may create their own training audits). Returns the audit id."""
        fw = get_framework(framework)
        child_id = clean_id(child_id, "child_id")
        auditor = clean_id(auditor, "auditor")
        moderator = None if moderator is None else clean_id(moderator, "moderator")
        month = _check_month(month, "month")
        due_date = _check_due_date(due_date, "due_date")
        if not isinstance(header, (dict, type(None))):
            raise InvalidAudit("header", f"must be an object (got {show(header)})")
        header = _clean_texts(header or {}, "header")
        validate_record(fw, {"framework": fw.id, "child_id": child_id, "header": header})
        with self._write() as conn:
            if training and user == auditor:
                self._require_role(conn, user, "trainee", "lead_auditor", "auditor")
            else:
                self._require_role(conn, user, "lead_auditor")
            self._require_role(conn, auditor, "auditor", "lead_auditor", "trainee")
            if moderator is not None:
                self._require_role(conn, moderator, "moderator", "lead_auditor")
            now = _now()
            audit_id = conn.execute(insert(t.audits).values(
                framework=fw.id, child_id=child_id, auditor=auditor, moderator=moderator,
                status="in_progress", version=1, header=_dump(header), header_changed_in="{}",
                month=month,
                due_date=due_date, training=training, created_at=now, updated_at=now)
            ).inserted_primary_key[0]
            self._log(conn, audit_id, user, "audit", None,
                      {"framework": fw.id, "child_id": child_id, "auditor": auditor,
                       "moderator": moderator, "month": month, "due_date": due_date})
        return int(audit_id)

    def add_audits(self, audits: list[dict[str, Any]], *, user: str
                   ) -> list[tuple[int, bool]]:
        """Create many audits in one transaction (the month's sample), reusing any audit of the
        same framework, child and month. Each item has ``framework``, ``child_id``, ``auditor``
        and optionally ``month``, ``due_date``, ``moderator``. Returns ``(audit_id, created)``
        per item, in order. Lead auditor only; all or nothing."""
        frameworks = {a["framework"] for a in audits}
        for framework_id in frameworks:
            get_framework(framework_id)
        audits = [dict(a, child_id=clean_id(a.get("child_id"), f"[{i}].child_id"),
                       auditor=clean_id(a.get("auditor"), f"[{i}].auditor"),
                       moderator=None if a.get("moderator") is None
                       else clean_id(a["moderator"], f"[{i}].moderator"),
                       month=_check_month(a.get("month"), f"[{i}].month"),
                       due_date=_check_due_date(a.get("due_date"), f"[{i}].due_date"),
                       service_area=_optional_text(a.get("service_area"),
                                                   f"[{i}].service_area"))
                  for i, a in enumerate(audits)]
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            for name in sorted({a["auditor"] for a in audits}):
                self._require_role(conn, name, "auditor", "lead_auditor", "trainee")
            existing = {}
            months = {a.get("month") for a in audits}
            for row in conn.execute(select(t.audits.c.id, t.audits.c.framework,
                                           t.audits.c.child_id, t.audits.c.month)
                                    .where(t.audits.c.status != "removed",
                                           t.audits.c.month.in_([m for m in months if m]))):
                existing.setdefault((row.framework, row.child_id, row.month), row.id)
            out: list[tuple[int, bool]] = []
            now = _now()
            for a in audits:
                key = (a["framework"], a["child_id"], a.get("month"))
                if key in existing:
                    out.append((int(existing[key]), False))
                    continue
                audit_id = int(conn.execute(insert(t.audits).values(
                    framework=a["framework"], child_id=a["child_id"], auditor=a["auditor"],
                    moderator=a.get("moderator"), status="in_progress", version=1, header="{}",
                    header_changed_in="{}", month=a.get("month"), due_date=a.get("due_date"),
                    service_area=a.get("service_area"), training=False, created_at=now,
                    updated_at=now)).inserted_primary_key[0])
                existing[key] = audit_id
                self._log(conn, audit_id, user, "audit", None,
                          {k: a.get(k) for k in ("framework", "child_id", "auditor",
                                                 "moderator", "month", "due_date",
                                                 "service_area")})
                out.append((audit_id, True))
        return out

    def _audit_row(self, conn: Connection, audit_id: int | str, lock: bool = False
                   ) -> dict[str, Any]:
        key = _id_number(audit_id)
        if key is None:
            raise AuditNotFound(f"no such audit: {audit_id!r}")
        query = select(t.audits).where(t.audits.c.id == key)
        if lock:
            query = query.with_for_update()
        row = conn.execute(query).mappings().first()
        if row is None or row["status"] == "removed":
            raise AuditNotFound(f"no such audit: {audit_id!r}")
        return dict(row)

    def find_audit(self, audit_id: int | str) -> dict[str, Any]:
        """The audit in the JSON interchange format, with ``audit_id``, ``status``, ``version``,
        ``auditor``, ``moderator`` and the moderator's grades and comments under
        ``moderation``."""
        with self._read() as conn:
            row = self._audit_row(conn, audit_id)
            return self._record(conn, row)

    def _record(self, conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
        fw = get_framework(row["framework"])
        answers: dict[str, dict[str, Any]] = {}
        for a in conn.execute(select(t.answers).where(t.answers.c.audit_id == row["id"])
                              .order_by(t.answers.c.item_id)).mappings():
            answers[a["item_id"]] = _answer_dict(a)
        moderation = {}
        for m in conn.execute(select(t.moderation).where(t.moderation.c.audit_id == row["id"])
                              ).mappings():
            moderation[m["item_id"]] = {k: m[k] for k in ("grade", "score", "comment",
                                                          "moderator") if m[k] is not None}
        record: dict[str, Any] = {
            "audit_id": row["id"],
            "framework": row["framework"],
            "child_id": row["child_id"],
            "header": _load(row["header"]),
            "answers": answers,
        }
        if fw.overall is not None:
            overall = answers.get(fw.overall.section, {}).get("grade")
            record["overall"] = None if overall == NOT_APPLICABLE else overall
        record["actions"] = [
            {"id": a["id"], "action": a["action"], "owner": a["owner"], "due": a["due"],
             "signed_off": a["signed_off"], "note": a["note"]}
            for a in conn.execute(select(t.actions).where(t.actions.c.audit_id == row["id"],
                                                          t.actions.c.removed.is_(False))
                                  .order_by(t.actions.c.id)).mappings()]
        record.update(status=row["status"], version=row["version"], auditor=row["auditor"],
                      moderator=row["moderator"], month=row["month"], due_date=row["due_date"],
                      service_area=row["service_area"], training=bool(row["training"]),
                      moderation=moderation,
                      created_at=row["created_at"], updated_at=row["updated_at"])
        return record

    def find_audits(self, **filters: Any) -> list[dict[str, Any]]:
        """Summaries of the audits matching every filter (``framework``, ``child_id``,
        ``auditor``, ``moderator``, ``status``, ``month``, ``training``), oldest first."""
        allowed = ("framework", "child_id", "auditor", "moderator", "status", "month",
                   "training", "service_area")
        query = select(t.audits.c.id, t.audits.c.framework, t.audits.c.child_id,
                       t.audits.c.auditor, t.audits.c.moderator, t.audits.c.status,
                       t.audits.c.version, t.audits.c.month, t.audits.c.due_date,
                       t.audits.c.service_area, t.audits.c.training, t.audits.c.created_at,
                       t.audits.c.updated_at)
        for key, value in filters.items():
            if key not in allowed:
                raise StoreError(f"cannot filter audits by {key!r} (one of {', '.join(allowed)})")
            query = query.where(getattr(t.audits.c, key) == value)
        if filters.get("status") != "removed":
            query = query.where(t.audits.c.status != "removed")
        with self._read() as conn:
            rows = conn.execute(query.order_by(t.audits.c.id)).mappings().all()
        return [{"audit_id": r["id"], **{k: r[k] for k in r if k != "id"}} for r in rows]

    def remove_audit(self, audit_id: int | str, *, user: str, reason: str) -> None:
        """Remove an audit from view (lead auditor only, with a reason). Its rows and its
        history stay in the store."""
        reason = _check_reason(reason)
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            row = self._audit_row(conn, audit_id, lock=True)
            self._bump(conn, row, user, "status", row["status"], "removed", reason,
                       status="removed")

    # ----------------------------------------------------------------------- answers

    def _decide(self, conn: Connection, row: dict[str, Any], user: str, action: str,
                status: str) -> None:
        """Refuse through auditlib.access, the rules every route shares. They are asked as if
        the audit were in ``status``: a status the change needs is the lifecycle's to refuse, in
        its own words (:class:`LifecycleRefused`), after who may make it."""
        from auditlib import access

        access.check(user, self._roles(conn, user), action, {**row, "status": status})

    def _editable_by_auditor(self, conn: Connection, row: dict[str, Any], user: str) -> None:
        self._decide(conn, row, user, "edit", "in_progress")
        if row["status"] not in EDITABLE:
            words = {"submitted": "has been submitted for moderation",
                     "finalised": "is finalised (a lead auditor can reopen it with a reason)"}
            raise LifecycleRefused(row["id"], row["status"], f"audit {row['id']} "
                                   f"{words.get(row['status'], 'is ' + row['status'])}: "
                                   "the auditor cannot change it")

    def save_answer(self, audit_id: int | str, item_id: str, *, user: str, grade: Any = None,
                    score: Any = None, evidence: Any = None, impact: Any = None,
                    flags: dict[str, bool] | None = None,
                    narratives: dict[str, Any] | None = None, comment: Any = None,
                    expected_version: int | None = None) -> int:
        """Save part of one answer in one transaction and return the audit's new version.

        Only what is given changes: ``None`` leaves a value as it is and :data:`CLEAR` removes
        it. ``flags`` are merged into the answer's flags. ``narratives`` saves narratives other
        than evidence and impact (a summary, the team manager's id…); ``comment`` a criterion's
        comment. With ``expected_version`` the write is refused with :class:`VersionConflict`
        if the item changed after that version.
        """
        item_id = clean_id(item_id, "item_id")
        changes: dict[str, Any] = {}
        for key, value in (("grade", grade), ("score", score), ("evidence", evidence),
                           ("impact", impact), ("comment", comment)):
            if value is not None:
                changes[key] = value
        if not isinstance(narratives, (dict, type(None))):
            raise InvalidAudit(f"answers.{item_id}", f"narratives must be an object (got "
                               f"{show(narratives)})")
        for key, value in (narratives or {}).items():
            if key in ("grade", "score", "flags"):
                raise InvalidAudit(f"answers.{item_id}.{key}", "is not a narrative")
            changes[key] = value
        for key, value in changes.items():  # the grade is checked against its scale instead
            if key not in ("grade", "score") and isinstance(value, str):
                changes[key] = clean_text(value, f"answers.{item_id}.{key}")
        fw = self._framework_for(audit_id)  # parsed outside the write lock
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            current = conn.execute(select(t.answers).where(
                t.answers.c.audit_id == row["id"], t.answers.c.item_id == item_id)
            ).mappings().first()
            self._check_version(row, item_id, current, expected_version)
            old = _answer_dict(current)
            new = {k: v for k, v in old.items() if k != "flags"}
            for key, value in changes.items():
                if value is CLEAR:
                    new.pop(key, None)
                else:
                    new[key] = value
            new_flags = dict(old.get("flags") or {})
            for flag, ticked in (flags or {}).items():
                new_flags[flag] = ticked
            if new_flags:
                new["flags"] = new_flags
            if "score" in new and "grade" in changes and changes["grade"] is not CLEAR \
                    and "score" not in changes:
                new.pop("score")  # a new grade replaces a score that no longer matches it
            validate_answer(fw, item_id, new)
            if new == old:
                return row["version"]
            version = self._bump(conn, row, user, None, None, None, None)
            values = {
                "grade": new.get("grade"), "score": new.get("score"),
                "narratives": _dump({k: v for k, v in new.items()
                                     if k not in ("grade", "score", "flags")}),
                "flags": _dump(new.get("flags") or {}),
                "changed_in": version, "changed_by": user, "changed_at": _now()}
            if current is None:
                conn.execute(insert(t.answers).values(audit_id=row["id"], item_id=item_id,
                                                      **values))
            else:
                conn.execute(update(t.answers).where(t.answers.c.audit_id == row["id"],
                                                     t.answers.c.item_id == item_id)
                             .values(**values))
            for key in sorted(set(old) | set(new)):
                if key == "flags":
                    for flag in sorted(set(old.get("flags") or {}) | set(new_flags)):
                        before = (old.get("flags") or {}).get(flag)
                        if before != new_flags.get(flag):
                            self._log(conn, row["id"], user, f"answers.{item_id}.flags.{flag}",
                                      before, new_flags.get(flag))
                elif old.get(key) != new.get(key):
                    self._log(conn, row["id"], user, f"answers.{item_id}.{key}", old.get(key),
                              new.get(key))
            return version

    def _check_version(self, row: dict[str, Any], item: str, current: Any,
                       expected: int | None) -> None:
        if expected is None:
            return
        changed_in = current["changed_in"] if current is not None else 0
        if expected > row["version"] or changed_in > expected:
            by = current["changed_by"] if current is not None else None
            raise VersionConflict(row["id"], item, expected, row["version"], by)

    def save_header(self, audit_id: int | str, field_id: str, value: Any, *, user: str,
                    expected_version: int | None = None) -> int:
        """Save one header field (auditor, audit date, team…); returns the new version."""
        field_id = clean_id(field_id, "header field")
        if isinstance(value, str):
            value = clean_text(value, f"header.{field_id}")
        fw = self._framework_for(audit_id)  # parsed outside the write lock
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            header = _load(row["header"])
            old = header.get(field_id)
            if value is CLEAR or value is None:
                header.pop(field_id, None)
            else:
                header[field_id] = value
            validate_record(fw, {"framework": fw.id, "child_id": row["child_id"],
                                 "header": header})
            changed_in = _load(row["header_changed_in"])
            if expected_version is not None and (
                    expected_version > row["version"]
                    or changed_in.get(field_id, 0) > expected_version):
                raise VersionConflict(row["id"], f"header.{field_id}", expected_version,
                                      row["version"])
            if header.get(field_id) == old:
                return row["version"]
            changed_in[field_id] = row["version"] + 1
            return self._bump(conn, row, user, f"header.{field_id}", old, header.get(field_id),
                              None, header=_dump(header), header_changed_in=_dump(changed_in))

    # ----------------------------------------------------------------------- moderation

    def save_moderation(self, audit_id: int | str, item_id: str, *, user: str,
                        grade: Any = None, score: Any = None, comment: Any = None,
                        expected_version: int | None = None) -> int:
        """Record the moderator's grade and comment for one item, beside the auditor's answer
        (which is never changed). Only while the audit is submitted for moderation."""
        item_id = clean_id(item_id, "item_id")
        if isinstance(comment, str):
            comment = clean_text(comment, f"moderation.{item_id}.comment")
        fw = self._framework_for(audit_id)  # parsed outside the write lock
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._check_moderator(conn, row, user)
            if row["status"] != "submitted":
                raise LifecycleRefused(row["id"], row["status"], f"audit {row['id']} is "
                                       f"{row['status'].replace('_', ' ')}, not submitted for "
                                       "moderation")
            current = conn.execute(select(t.moderation).where(
                t.moderation.c.audit_id == row["id"], t.moderation.c.item_id == item_id)
            ).mappings().first()
            if expected_version is not None:
                changed_in = current["changed_in"] if current is not None else 0
                if expected_version > row["version"] or changed_in > expected_version:
                    raise VersionConflict(row["id"], f"moderation.{item_id}", expected_version,
                                          row["version"], current and current["moderator"])
            old = {k: current[k] for k in ("grade", "score", "comment")
                   if current is not None and current[k] is not None}
            new = dict(old)
            for key, value in (("grade", grade), ("score", score), ("comment", comment)):
                if value is CLEAR:
                    new.pop(key, None)
                elif value is not None:
                    new[key] = value
            graded = {k: v for k, v in new.items() if k in ("grade", "score")}
            if graded or item_id not in fw.section_by_id:
                validate_answer(fw, item_id, graded, path=f"moderation.{item_id}")
            if not isinstance(new.get("comment", ""), str):
                raise InvalidAudit(f"moderation.{item_id}.comment", "must be text")
            if new == old:
                return row["version"]
            moderator = row["moderator"] or user
            version = self._bump(conn, row, user, None, None, None, None, moderator=moderator)
            values = {"grade": new.get("grade"), "score": new.get("score"),
                      "comment": new.get("comment"), "moderator": user, "changed_in": version,
                      "changed_at": _now()}
            if current is None:
                conn.execute(insert(t.moderation).values(audit_id=row["id"], item_id=item_id,
                                                         **values))
            else:
                conn.execute(update(t.moderation).where(t.moderation.c.audit_id == row["id"],
                                                        t.moderation.c.item_id == item_id)
                             .values(**values))
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key):
                    self._log(conn, row["id"], user, f"moderation.{item_id}.{key}",
                              old.get(key), new.get(key))
            return version

    def _check_moderator(self, conn: Connection, row: dict[str, Any], user: str) -> None:
        self._decide(conn, row, user, "moderate", "submitted")

    # ----------------------------------------------------------------------- lifecycle

    def submit(self, audit_id: int | str, *, user: str) -> int:
        """The auditor submits a complete audit for moderation; it is then read-only for them.
        Refused while the audit is incomplete or breaks a hard rule of its framework."""
        from auditlib.grading import grade

        fw = self._framework_for(audit_id)  # parsed outside the write lock
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            result = grade(fw, interchange_record(self._record(conn, row)), validate=False)
            if not result.complete:
                raise LifecycleRefused(row["id"], row["status"], f"audit {row['id']} is not "
                                       f"complete ({result.done} of {result.total} fields "
                                       f"complete; missing {', '.join(result.missing)})")
            if result.errors:
                first = result.errors[0]
                raise LifecycleRefused(row["id"], row["status"], f"audit {row['id']} breaks a "
                                       f"rule of its framework ({first.where}: {first.message})")
            return self._bump(conn, row, user, "status", row["status"], "submitted", None,
                              status="submitted")

    def return_to_auditor(self, audit_id: int | str, *, user: str, reason: str | None = None
                          ) -> int:
        """The moderator returns a submitted audit to its auditor to edit and resubmit."""
        reason = _optional_text(reason, "reason")
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._check_moderator(conn, row, user)
            self._expect_status(row, "submitted", "returned to the auditor")
            return self._bump(conn, row, user, "status", row["status"], "returned", reason,
                              status="returned", moderator=row["moderator"] or user)

    def finalise(self, audit_id: int | str, *, user: str) -> int:
        """The moderator or lead auditor finalises a submitted audit: read-only from then on."""
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._check_moderator(conn, row, user)
            self._expect_status(row, "submitted", "finalised")
            return self._bump(conn, row, user, "status", row["status"], "finalised", None,
                              status="finalised", moderator=row["moderator"] or user)

    def reopen(self, audit_id: int | str, *, user: str, reason: str) -> int:
        """The lead auditor reopens a finalised audit, giving the reason."""
        reason = _check_reason(reason)
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            row = self._audit_row(conn, audit_id, lock=True)
            self._expect_status(row, "finalised", "reopened")
            return self._bump(conn, row, user, "status", row["status"], "in_progress", reason,
                              status="in_progress")

    def _expect_status(self, row: dict[str, Any], status: str, doing: str) -> None:
        if row["status"] != status:
            raise LifecycleRefused(row["id"], row["status"], f"audit {row['id']} is "
                                   f"{row['status'].replace('_', ' ')}: only a "
                                   f"{status.replace('_', ' ')} audit can be {doing}")

    # ----------------------------------------------------------------------- actions

    def add_action(self, audit_id: int | str, *, user: str, action: str | None = None,
                   owner: str | None = None, due: str | None = None) -> int:
        """Add a SMART action to an audit (by its auditor while editable); returns its id."""
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            values = _check_action_text({"action": action, "owner": owner, "due": due})
            version = self._bump(conn, row, user, None, None, None, None)
            action_id = conn.execute(insert(t.actions).values(
                audit_id=row["id"], removed=False, changed_in=version, created_by=user,
                created_at=_now(), **values)).inserted_primary_key[0]
            self._log(conn, row["id"], user, f"actions.{action_id}", None, values)
            return int(action_id)

    def _action_row(self, conn: Connection, audit_id: int, action_id: int | str
                    ) -> dict[str, Any]:
        key = _id_number(action_id)
        if key is None:
            raise AuditNotFound(f"no such action: {action_id!r}")
        row = conn.execute(select(t.actions).where(t.actions.c.id == key,
                                                   t.actions.c.audit_id == audit_id,
                                                   t.actions.c.removed.is_(False))
                           ).mappings().first()
        if row is None:
            raise AuditNotFound(f"no such action {action_id!r} in audit {audit_id}")
        return dict(row)

    def update_action(self, audit_id: int | str, action_id: int | str, *, user: str,
                      expected_version: int | None = None, **fields: Any) -> int:
        """Change an action's text, person or completion date; returns the new version."""
        for key in fields:
            if key not in ACTION_FIELDS:
                raise InvalidAudit(f"actions.{action_id}.{key}", f"unknown action field {key!r} "
                                   f"(one of {', '.join(ACTION_FIELDS)})")
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            current = self._action_row(conn, row["id"], action_id)
            if expected_version is not None and (current["changed_in"] > expected_version
                                                 or expected_version > row["version"]):
                raise VersionConflict(row["id"], f"actions.{action_id}", expected_version,
                                      row["version"])
            new = _check_action_text({k: (None if v is CLEAR else v)
                                      for k, v in fields.items()})
            changed = {k: v for k, v in new.items() if current[k] != v}
            if not changed:
                return row["version"]
            version = self._bump(conn, row, user, None, None, None, None)
            conn.execute(update(t.actions).where(t.actions.c.id == current["id"])
                         .values(changed_in=version, **changed))
            for key, value in changed.items():
                self._log(conn, row["id"], user, f"actions.{current['id']}.{key}", current[key],
                          value)
            return version

    def remove_action(self, audit_id: int | str, action_id: int | str, *, user: str) -> int:
        """Remove an action from the audit (it stays in the history)."""
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            current = self._action_row(conn, row["id"], action_id)
            version = self._bump(conn, row, user, None, None, None, None)
            conn.execute(update(t.actions).where(t.actions.c.id == current["id"])
                         .values(removed=True, changed_in=version))
            self._log(conn, row["id"], user, f"actions.{current['id']}",
                      {k: current[k] for k in ACTION_FIELDS}, None)
            return version

    def sign_off_action(self, audit_id: int | str, action_id: int | str, *, user: str,
                        signed_off_on: _dt.date | str, note: str | None = None) -> int:
        """Record the manager's sign-off date for an action (and an optional note, such as
        why an action is no longer needed). Allowed at any stage, including after
        finalisation, by the lead auditor, a moderator or the audit's auditor."""
        day = _check_date(signed_off_on, "signed_off_on")
        note = _optional_text(note, "note")
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            if user != row["auditor"]:
                self._require_role(conn, user, "lead_auditor", "moderator")
            else:
                self._require_role(conn, user, "auditor", "lead_auditor", "trainee")
            current = self._action_row(conn, row["id"], action_id)
            version = self._bump(conn, row, user, None, None, None, None)
            conn.execute(update(t.actions).where(t.actions.c.id == current["id"])
                         .values(signed_off=day, note=note if note is not None
                                 else current["note"], changed_in=version))
            self._log(conn, row["id"], user, f"actions.{current['id']}.signed_off",
                      current["signed_off"], day, note)
            return version

    def find_actions(self, month: str | None = None, audit_id: int | None = None
                     ) -> list[dict[str, Any]]:
        """Every action (not removed) with its audit's child, auditor, month and status, for
        tracking; optionally one month's or one audit's."""
        query = (select(t.actions.c.id, t.actions.c.audit_id, t.actions.c.action,
                        t.actions.c.owner, t.actions.c.due, t.actions.c.signed_off,
                        t.actions.c.note, t.audits.c.child_id, t.audits.c.auditor,
                        t.audits.c.month, t.audits.c.status)
                 .join(t.audits, t.audits.c.id == t.actions.c.audit_id)
                 .where(t.actions.c.removed.is_(False), t.audits.c.status != "removed",
                        t.audits.c.training.is_(False))
                 .order_by(t.actions.c.id))
        if month is not None:
            query = query.where(t.audits.c.month == month)
        if audit_id is not None:
            query = query.where(t.audits.c.id == (_id_number(audit_id) or 0))
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        return [{"action_id": r["id"], **{k: r[k] for k in r if k != "id"}} for r in rows]

    def overdue_actions(self, on: _dt.date | str | None = None) -> list[dict[str, Any]]:
        """Actions not signed off whose completion date is before ``on`` (default today),
        oldest first. Actions whose date is not a calendar date are listed too: they cannot be
        tracked and need one."""
        day = _check_date(on or _dt.date.today(), "on")
        query = (select(t.actions.c.id, t.actions.c.audit_id, t.actions.c.action,
                        t.actions.c.owner, t.actions.c.due, t.audits.c.child_id,
                        t.audits.c.auditor, t.audits.c.status)
                 .join(t.audits, t.audits.c.id == t.actions.c.audit_id)
                 .where(t.actions.c.removed.is_(False), t.actions.c.signed_off.is_(None),
                        t.audits.c.status != "removed", t.audits.c.training.is_(False))
                 .order_by(t.actions.c.due, t.actions.c.id))
        from auditlib.dates import is_calendar_date

        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        out = []
        for r in rows:
            due = r["due"] or ""
            dated = is_calendar_date(due)
            if (dated and due < day) or (not dated and (r["action"] or "").strip()):
                out.append({"action_id": r["id"], "audit_id": r["audit_id"],
                            "child_id": r["child_id"], "auditor": r["auditor"],
                            "action": r["action"], "owner": r["owner"], "due": r["due"],
                            "status": r["status"], "undated": not dated})
        return out

    # ----------------------------------------------------------------------- history

    def history(self, audit_id: int | str) -> list[dict[str, Any]]:
        """The append-only audit trail of one audit: who, when, what, old and new value,
        reason and origin (the process that wrote it, see :func:`origin`), oldest first. Removed
        audits keep their history."""
        key = _id_number(audit_id)
        if key is None:
            raise AuditNotFound(f"no such audit: {audit_id!r}")
        with self._read() as conn:
            rows = conn.execute(select(t.history).where(t.history.c.audit_id == key)
                                .order_by(t.history.c.id)).mappings().all()
        if not rows:
            raise AuditNotFound(f"no such audit: {audit_id!r}")
        return [{"at": r["at"], "user": r["user_name"], "what": r["what"],
                 "old": _load(r["old"]), "new": _load(r["new"]), "reason": r["reason"],
                 "origin": r["origin"]}
                for r in rows]

    def verify_history(self) -> list[str]:
        """Check the whole audit trail is as it was written: every row still links to the row
        before it. Empty when intact, else one line per row changed and per run of rows missing.
        The database refuses to change the trail; this catches what was done around it (triggers
        dropped, the file edited). Rows cut from the very end, or a trail rewritten with every
        link recomputed, leave no broken link: keep a copy of the latest link elsewhere for
        that."""
        problems: list[str] = []
        previous, last_id = None, 0
        query = select(t.history).order_by(t.history.c.id).execution_options(yield_per=2000)
        with self._read() as conn:
            for row in conn.execute(query).mappings():
                if row["chain"] is None:
                    problems.append(f"history row {row['id']}: has no link (not written by "
                                    "auditlib)")
                elif row["chain"] != t.chain_link(previous, row):
                    # ids only grow, so a gap before a broken link is rows taken out; a gap
                    # before a sound one is ids a rolled-back write used up
                    first, end = last_id + 1, row["id"] - 1
                    if end > first:
                        problems.append(f"history rows {first}-{end} missing")
                    elif end == first:
                        problems.append(f"history row {first} missing")
                    else:
                        problems.append(f"history row {row['id']}: changed after it was "
                                        "written")
                previous, last_id = row["chain"], row["id"]
        return problems

    def history_size(self) -> int:
        """How many rows the whole audit trail holds."""
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(t.history)).scalar() or 0)

    def _log(self, conn: Connection, audit_id: int | None, user: str, what: str, old: Any,
             new: Any, reason: str | None = None) -> None:
        if self.dialect == "postgresql":
            # one writer at a time links to the last row, so no two rows link to the same one
            # (an advisory lock: the application's role may not LOCK a table it cannot update);
            # SQLite writers already queue on BEGIN IMMEDIATE
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7202612)")
        # plain SQL and one prepared insert: every save pays for this, so no statement building
        previous = conn.exec_driver_sql(_LAST_LINK).scalar()
        row = {"audit_id": audit_id, "at": _now(), "user_name": user, "what": what,
               "old": _dump(old), "new": _dump(new), "reason": reason, "origin": origin()}
        conn.execute(_ADD_HISTORY, {**row, "chain": t.chain_link(previous, row)})

    def _bump(self, conn: Connection, row: dict[str, Any], user: str, what: str | None,
              old: Any, new: Any, reason: str | None, **values: Any) -> int:
        """Advance the audit's version (with any column changes) and record the change."""
        version = row["version"] + 1
        result = conn.execute(update(t.audits).where(t.audits.c.id == row["id"],
                                                     t.audits.c.version == row["version"])
                              .values(version=version, updated_at=_now(), **values))
        if result.rowcount != 1:  # the row lock makes this unreachable; never overwrite blindly
            raise VersionConflict(row["id"], "audit", row["version"], row["version"] + 1)
        row.update(version=version, **values)
        if what is not None:
            self._log(conn, row["id"], user, what, old, new, reason)
        return version

    # ----------------------------------------------------------------------- import / export

    def export_audit(self, audit_id: int | str) -> dict[str, Any]:
        """The audit in the interchange format, ready for ``json.dump``."""
        return self.find_audit(audit_id)

    def import_audit(self, record: Any, *, user: str) -> int:
        """Add an audit from the interchange format (lead auditor only). The whole record is
        checked first: an invalid record changes nothing. Returns the new audit id."""
        if not isinstance(record, dict) or not isinstance(record.get("framework"), str):
            raise InvalidAudit("framework", "missing (the audit must name its framework id)")
        fw = get_framework(record["framework"])
        record = _clean_import(record)
        validate_record(fw, interchange_record(record))
        status = record.get("status") or "in_progress"
        if status not in STATUSES or status == "removed":
            raise InvalidAudit("status", f"{show(status)} is not one of in_progress, submitted, "
                               "returned, finalised")
        auditor = clean_id(record.get("auditor") or user, "auditor")
        moderator = record.get("moderator")
        moderation = record.get("moderation") or {}
        for item_id, m in moderation.items():
            validate_answer(fw, item_id, {k: v for k, v in m.items() if k in ("grade", "score")},
                            path=f"moderation.{item_id}")
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            self._require_role(conn, auditor, "auditor", "lead_auditor", "trainee")
            if moderator:
                self._require_role(conn, moderator, "moderator", "lead_auditor")
            now = _now()
            audit_id = int(conn.execute(insert(t.audits).values(
                framework=fw.id, child_id=record["child_id"], auditor=auditor,
                moderator=moderator, status=status, version=2,
                header=_dump(record.get("header") or {}), header_changed_in="{}",
                month=record.get("month"),
                due_date=record.get("due_date"), training=bool(record.get("training")),
                service_area=record.get("service_area"), created_at=now,
                updated_at=now)).inserted_primary_key[0])
            for item_id, answer in (record.get("answers") or {}).items():
                answer = dict(answer)
                if fw.overall and item_id == fw.overall.section and record.get("overall") \
                        and "grade" not in answer:
                    answer["grade"] = record["overall"]
                conn.execute(insert(t.answers).values(
                    audit_id=audit_id, item_id=item_id, grade=answer.get("grade"),
                    score=answer.get("score"),
                    narratives=_dump({k: v for k, v in answer.items()
                                      if k not in ("grade", "score", "flags")}),
                    flags=_dump(answer.get("flags") or {}), changed_in=2, changed_by=user,
                    changed_at=now))
            if fw.overall and record.get("overall") and \
                    fw.overall.section not in (record.get("answers") or {}):
                conn.execute(insert(t.answers).values(
                    audit_id=audit_id, item_id=fw.overall.section, grade=record["overall"],
                    score=None, narratives="{}", flags="{}", changed_in=2, changed_by=user,
                    changed_at=now))
            for action in record.get("actions") or []:
                conn.execute(insert(t.actions).values(
                    audit_id=audit_id, action=action.get("action"), owner=action.get("owner"),
                    due=action.get("due"), signed_off=action.get("signed_off"),
                    note=action.get("note"), removed=False, changed_in=2, created_by=user,
                    created_at=now))
            for item_id, m in moderation.items():
                conn.execute(insert(t.moderation).values(
                    audit_id=audit_id, item_id=item_id, grade=m.get("grade"),
                    score=m.get("score"), comment=m.get("comment"),
                    moderator=m.get("moderator") or moderator or user, changed_in=2,
                    changed_at=now))
            self._log(conn, audit_id, user, "audit", None,
                      {"imported_from": record.get("audit_id"), "framework": fw.id,
                       "child_id": record["child_id"], "auditor": auditor, "status": status})
        return audit_id

    def grading(self, audit_id: int | str) -> Any:
        """The grading engine's result for the audit as stored now."""
        from auditlib.grading import grade

        record = self.find_audit(audit_id)
        return grade(get_framework(record["framework"]), interchange_record(record), validate=False)

    def framework_of(self, audit_id: int | str) -> Framework:
        """The framework an audit is made against."""
        return self._framework_for(audit_id)

    def _framework_for(self, audit_id: int | str) -> Framework:
        # an audit's framework never changes, so its id is remembered once read
        key = str(audit_id)
        framework_id = self._framework_ids.get(key)
        if framework_id is None:
            with self._read() as conn:
                framework_id = self._audit_row(conn, audit_id)["framework"]
            self._framework_ids[key] = framework_id
        return get_framework(framework_id)


# --------------------------------------------------------------------------- helpers

_LAST_LINK = "SELECT chain FROM history ORDER BY id DESC LIMIT 1"
_ADD_HISTORY = insert(t.history)

def _id_number(value: Any) -> int | None:
    """An audit's or action's id as the number it is, or None if it cannot be one: "12" and 12
    are, "１２", "1e3" and a number too large for the database are not."""
    if isinstance(value, str):
        text = value.strip()
        number = int(text) if text.isascii() and text.isdigit() and len(text) < 20 else None
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    elif isinstance(value, bool):
        number = None
    else:
        try:
            number = operator.index(value)  # an int, or a numpy integer
        except TypeError:
            number = None
    return number if number is not None and 0 < number < 2**63 else None


def _clean_import(record: dict[str, Any]) -> dict[str, Any]:
    """An interchange record with its texts cleaned and every field the store keeps beside the
    answers checked (the framework's validation names what is wrong with the rest)."""
    out = dict(record)
    out["child_id"] = clean_id(record.get("child_id"), "child_id")
    if isinstance(record.get("header"), dict):
        out["header"] = _clean_texts(record["header"], "header")
    if isinstance(record.get("answers"), dict):
        out["answers"] = {
            item: _clean_texts(answer, f"answers.{item}", keep=("grade",))
            if isinstance(answer, dict) else answer
            for item, answer in record["answers"].items()}
    out["actions"] = [_check_action_text(a, f"actions[{i}]")
                      for i, a in enumerate(record_actions(record))]
    out["month"] = _check_month(record.get("month"), "month")
    out["due_date"] = _check_due_date(record.get("due_date"), "due_date")
    if record.get("auditor") not in (None, ""):
        out["auditor"] = clean_id(record["auditor"], "auditor")
    out["moderator"] = None if record.get("moderator") in (None, "") \
        else clean_id(record["moderator"], "moderator")
    out["service_area"] = _optional_text(record.get("service_area"), "service_area")
    if not isinstance(record.get("training"), (bool, type(None))):
        raise InvalidAudit("training", f"must be true or false (got {show(record['training'])})")
    imported_from = record.get("audit_id")
    if isinstance(imported_from, str):
        out["audit_id"] = clean_id(imported_from, "audit_id")
    elif imported_from is not None and (isinstance(imported_from, bool) or not isinstance(
            imported_from, int) or abs(imported_from) >= 2**63):
        raise InvalidAudit("audit_id", f"must be a number or a text id (got "
                           f"{show(imported_from)})")
    moderation = record.get("moderation") or {}
    if not isinstance(moderation, dict):
        raise InvalidAudit("moderation", "must be an object keyed by item id")
    out["moderation"] = {}
    for item_id, m in moderation.items():
        if not isinstance(m, dict):
            raise InvalidAudit(f"moderation.{item_id}", "must be an object")
        m = dict(m, comment=_optional_text(m.get("comment"), f"moderation.{item_id}.comment"))
        if m.get("moderator") not in (None, ""):
            m["moderator"] = clean_id(m["moderator"], f"moderation.{item_id}.moderator")
        out["moderation"][item_id] = m
    return out


def _answer_dict(row: Any) -> dict[str, Any]:
    if row is None:
        return {}
    answer: dict[str, Any] = {}
    if row["grade"] is not None:
        answer["grade"] = row["grade"]
    if row["score"] is not None:
        answer["score"] = row["score"]
    answer.update(_load(row["narratives"]))
    flags = _load(row["flags"])
    if flags:
        answer["flags"] = flags
    return answer


def _check_name(name: Any, what: str) -> str:
    return clean_id(name, what)


def _optional_text(value: Any, path: str) -> str | None:
    return None if value is None else clean_text(value, path)


def _clean_texts(values: dict[str, Any], path: str, keep: tuple[str, ...] = ()
                 ) -> dict[str, Any]:
    """The object with its text values cleaned (but those under ``keep``: a grade is checked
    against its scale as it is); other values are left for the validators, which name what
    each field takes."""
    return {key: clean_text(value, f"{path}.{key}")
            if isinstance(value, str) and key not in keep else value
            for key, value in values.items()}


_MONTH = re.compile(r"(19|2\d)\d\d-(0[1-9]|1[0-2])")  # an audit's month, not year 1 or 9999


def _check_month(value: Any, path: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and _MONTH.fullmatch(value.strip()):
        return value.strip()
    raise InvalidAudit(path, f"must be a month YYYY-MM (got {show(value)})")


def _check_due_date(value: Any, path: str) -> str | None:
    from auditlib.dates import is_calendar_date

    if value is None or value == "":
        return None
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and is_calendar_date(value):
        return value.strip()
    raise InvalidAudit(path, f"must be a calendar date YYYY-MM-DD (got {show(value)})")


def _check_reason(reason: Any) -> str:
    reason = clean_text(reason, "reason").strip() if isinstance(reason, str) else ""
    if not reason:
        raise StoreError("a reason is required")
    return reason


def _check_date(value: Any, what: str) -> str:
    from auditlib.dates import is_calendar_date

    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and is_calendar_date(value):
        return value.strip()
    raise StoreError(f"{what} must be a calendar date YYYY-MM-DD (got {value!r})")


MAX_DUE = 40  # the column's width: "two weeks" fits, and so does any date
_ACTION_TEXT = ("action", "owner", "due", "note", "signed_off")


def _check_action_text(values: dict[str, Any], path: str = "actions") -> dict[str, Any]:
    """The action's fields, cleaned: each text or None (a completion date of at most 40
    characters, a sign-off date a calendar date)."""
    # other keys are left for validate_record, which names them as unknown
    out = {key: _optional_text(value, f"{path}.{key}") if key in _ACTION_TEXT else value
           for key, value in values.items()}
    if out.get("due") is not None and len(out["due"]) > MAX_DUE:
        raise InvalidAudit(f"{path}.due", f"is too long for a completion date "
                           f"({len(out['due']):,} characters; at most {MAX_DUE})")
    if out.get("signed_off") is not None:
        out["signed_off"] = _check_due_date(out["signed_off"], f"{path}.signed_off")
    return out


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # the driver must not open transactions itself: BEGIN IMMEDIATE is ours (below)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a save acknowledged to the auditor survives a crash of the process or machine
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # take the write lock up front, so concurrent writers queue instead of deadlocking
        if conn.get_execution_options().get("auditlib_read"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
