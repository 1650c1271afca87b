"""Writing the files auditlib produces: the one place that creates them.

Audits describe children, so everything written here is private to its owner (files 0600, new
folders 0700, as the store is), never written through a symbolic link someone planted, and kept
inside the folder it belongs to. CSV files go through one writer whose text cells a spreadsheet
cannot run as formulas, and whose escape is undone exactly when auditlib reads its own CSV back.
"""
from __future__ import annotations

import csv
import errno
import io
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from auditlib.exceptions import InputError, OutputError

FILE_MODE = 0o600
DIR_MODE = 0o700
# O_NOFOLLOW: never write through a symlink; O_NONBLOCK: a planted FIFO fails, never hangs
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
SYMLINK = "is a symbolic link; refusing to write through it"


# --------------------------------------------------------------------------- paths

def inside(folder: str | Path, name: str | PurePath) -> Path:
    """``folder / name``, refused if ``name`` is absolute, has a ``..`` part, or leads (through
    a symbolic link) out of ``folder``. ``name`` may have several parts (``months/2026-11``)."""
    text = str(name)
    relative = PurePath(text)
    if not text or "\x00" in text:
        raise OutputError(text, "not a usable file name")
    if relative.is_absolute() or text.startswith(("/", "\\")):
        raise OutputError(text, f"is an absolute path; it must stay inside {folder}")
    if ".." in relative.parts or relative.parts in ((), (".",)):
        raise OutputError(text, f"is not a name inside {folder}")
    root = Path(folder)
    path = root.joinpath(relative)
    real_root = root.resolve()
    real = path.resolve()
    if real != real_root and real_root not in real.parents:
        raise OutputError(path, f"leads out of {folder} (through a symbolic link)")
    return path


def make_private_dir(path: str | Path, *, root: str | Path | None = None) -> Path:
    """Create the folder and any missing parents, each 0700. The folder itself may not be a
    symbolic link, nor (with ``root``) any part of it below ``root``."""
    path = Path(path)
    missing = []
    probe = path
    while not os.path.lexists(probe) and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:
            pass  # made at the same moment by another run: checked below
        except OSError as exc:
            raise _error(folder, exc) from None
    checked = [path]
    if root is not None:
        base = Path(root)
        try:
            below = path.relative_to(base).parts
        except ValueError:
            raise OutputError(path, f"is not inside {base}") from None
        checked = [base.joinpath(*below[:i]) for i in range(1, len(below) + 1)]
    for part in checked:
        if part.is_symlink():
            raise OutputError(part, SYMLINK)
        if not part.is_dir():
            raise OutputError(part, "is not a folder")
    return path


# --------------------------------------------------------------------------- writing

def write_private(path: str | Path, data: bytes | str, *, overwrite: bool = True,
                  atomic: bool = False) -> bool:
    """Write ``data`` (text as UTF-8) to ``path`` with mode 0600, never through a symlink.

    ``overwrite=False`` leaves a file that is there untouched and returns False. ``atomic``
    writes a temporary file beside it and renames it over, so a reader never sees half a file.
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if atomic:
        _write_atomic(path, raw)
        return True
    flags = os.O_WRONLY | os.O_CREAT | _NOFOLLOW | _NONBLOCK | (0 if overwrite else os.O_EXCL)
    try:
        fd = os.open(path, flags, FILE_MODE)
    except FileExistsError:
        if path.is_symlink():
            raise OutputError(path, SYMLINK) from None
        if path.is_dir():
            raise OutputError(path, "is a folder, not a file") from None
        return False
    except OSError as exc:
        raise _error(path, exc) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(path, "is not a regular file")
        # a file that was already there keeps its old mode otherwise; truncate only after
        try:
            os.fchmod(fd, FILE_MODE)
        except PermissionError:
            raise OutputError(path, "is someone else's file; cannot make it private") from None
        os.ftruncate(fd, 0)
        _write_all(fd, raw)
    except OSError as exc:
        raise _error(path, exc) from None
    finally:
        os.close(fd)
    return True


def read_input(path: str | Path, *, limit: int, too_big: str, encoding: str = "utf-8",
               not_text: str = "not UTF-8 text") -> str:
    """The text of an input file, read no further than ``limit`` bytes (the "file" may be a
    device that never ends). Every failure is an :class:`InputError` in one line: no such file,
    a folder, unreadable, ``not_text``, or larger than ``limit`` (``too_big`` says what the file
    should have been)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise InputError(path, f"the file is larger than {limit:,} bytes; {too_big}")
        return data.decode(encoding)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except UnicodeDecodeError:
        raise InputError(path, not_text) from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None


def _write_atomic(path: Path, raw: bytes) -> None:
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.partial")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, FILE_MODE)
    except OSError as exc:
        raise _error(path, exc) from None
    try:
        try:
            _write_all(fd, raw)
        finally:
            os.close(fd)
        # os.replace would swap a planted link rather than follow it; still, refuse it
        if path.is_symlink():
            raise OutputError(path, SYMLINK)
        if path.is_dir():
            raise OutputError(path, "is a folder, not a file")
        os.replace(temp, path)
    except OSError as exc:
        raise _error(path, exc) from None
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def _write_all(fd: int, raw: bytes) -> None:
    view = memoryview(raw)
    while view:
        view = view[os.write(fd, view):]


def _error(path: Path, exc: OSError) -> OutputError:
    if exc.errno in (errno.ELOOP, errno.EMLINK):
        return OutputError(path, SYMLINK)
    if exc.errno == errno.EISDIR:
        return OutputError(path, "is a folder, not a file")
    if exc.errno == errno.ENOENT:
        return OutputError(path, f"the folder {path.parent} does not exist")
    if exc.errno == errno.ENOTDIR:
        return OutputError(path, "part of the path is not a folder")
    if exc.errno == errno.ENXIO:
        return OutputError(path, "is not a regular file")
    return OutputError(path, f"cannot write ({exc.strerror})")


# --------------------------------------------------------------------------- CSV

FORMULA_START = frozenset("=+-@")
_SEPARATORS = frozenset(";,\t\r\n")


def _blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("C")


def needs_escape(text: str) -> bool:
    """Would a spreadsheet read this cell as a formula (or is it one we escaped)? Full-width
    and other look-alike signs count (NFKC), as do blanks before the sign and a sign after a
    separator (``a;=1``), which some spreadsheets split on."""
    if text.startswith("'"):
        return True  # so that the escape can always be undone
    norm = unicodedata.normalize("NFKC", text)
    start = 0
    while start < len(norm) and _blank(norm[start]):
        start += 1
    if norm[start:start + 1] in FORMULA_START:
        return True
    for index, char in enumerate(norm):
        if char in _SEPARATORS:
            after = index + 1
            while after < len(norm) and _blank(norm[after]):
                after += 1
            if norm[after:after + 1] in FORMULA_START:
                return True
    return False


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: numbers stay numbers; text that could run as a formula gets a
    leading ``'``, as does text already starting with one (undone by :func:`from_csv_cell`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if needs_escape(text) else text


def from_csv_cell(text: str) -> str:
    """A cell of a CSV file auditlib wrote, as it was before :func:`csv_cell`."""
    return text[1:] if text.startswith("'") else text


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV text: a header, then each row's ``columns`` (a missing one empty). Text is
    quoted and escaped by :func:`csv_cell`; numbers are written as numbers."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([csv_cell(c) for c in columns])
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return out.getvalue()


# --------------------------------------------------------------------------- XML text

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: Any) -> str:
    """Text a Word or Excel file can hold: the control characters XML forbids are dropped
    (python-docx and openpyxl refuse them, so odd text would stop the export)."""
    return _NOT_XML.sub("", "" if value is None else str(value))
