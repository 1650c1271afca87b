"""The SQLite file under a store: made owner-only before SQLite opens it, checked to be an
auditlib store (not a folder, a pipe, another program's database or a truncated copy) before
anything in it changes, and opened so that a save acknowledged is a save kept.

A database error's meaning for the person at the keyboard (:func:`database_problem`) is here
too: PostgreSQL's errors say the same things in other words.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event

from auditlib.exceptions import StoreError
from auditlib.store import schema as t


def fcntl_available() -> bool:
    try:
        import fcntl  # noqa: F401 - POSIX only
    except ImportError:
        return False
    return True


def prepare_sqlite_file(path: str, create: bool) -> None:
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
        problem = database_problem(exc) or f"cannot open the store ({exc})"
        raise StoreError(f"{file}: {problem}") from None
    if tables and t.store_meta.name not in tables:
        raise StoreError(f"{file}: is not an auditlib store (a SQLite database of something "
                         "else)")


def database_problem(exc: BaseException) -> str | None:
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


def sqlite_events(engine: Engine) -> None:
    """SQLite as the store needs it: WAL, full sync, foreign keys, and writers that take the
    write lock up front."""
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

