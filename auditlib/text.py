"""Text at the store's door: every piece of text a verb saves passes through here first.

Auditors paste from Word, e-mail and case systems. A vertical tab or a stray control character
saved once breaks every page, export and Word document made from the audit afterwards, so the
store cleans text as it comes in: :func:`clean_text` for what people write (narratives, comments,
reasons, names shown to people), :func:`clean_id` for what identifies something (a child, a user,
an item), which is refused rather than cleaned.
"""
from __future__ import annotations

import unicodedata
from typing import Any

from auditlib.exceptions import InvalidAudit

MAX_TEXT = 100_000  # characters in one field: pages of writing, far below what breaks a page
MAX_ID = 200

# line breaks in all their spellings become "\n"; every other C0/C1 control and DEL is dropped
# (tab and newline stay); U+FFFE and U+FFFF are not characters and XML (Word, Excel) refuses them
_TRANSLATE: dict[int, Any] = {c: None for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0),
                                                0xFFFE, 0xFFFF)}
_TRANSLATE.update({0x09: "\t", 0x0A: "\n", 0x0B: "\n", 0x0C: "\n", 0x0D: "\n", 0x2028: "\n",
                   0x2029: "\n"})

# in an id these make two different ids look the same, or reorder what is shown after them
_ID_REFUSED_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")


def show(value: Any) -> str:
    """A value as an error message quotes it: text (cut short), a number, else its type."""
    if isinstance(value, str):
        return repr(value[:60] + ("…" if len(value) > 60 else ""))
    if value is None or isinstance(value, (bool, float)) or (
            isinstance(value, int) and abs(value) < 10**18):
        return repr(value)
    return type(value).__name__  # a list, an object, a number too long to show


def _check_unicode(value: str, path: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidAudit(path, f"is not valid text (character {exc.start + 1} is a lone "
                           f"surrogate, U+{ord(value[exc.start]):04X})") from None


def clean_text(value: Any, path: str) -> str:
    """``value`` as text safe to store and show: NFC, line breaks as ``\\n``, no control
    characters but tab and newline. Raises :class:`InvalidAudit` naming ``path`` for anything
    but text, text that is not valid Unicode, or more than 100,000 characters."""
    if not isinstance(value, str):
        raise InvalidAudit(path, f"must be text (got {show(value)})")
    if len(value) > MAX_TEXT:
        raise InvalidAudit(path, f"is too long ({len(value):,} characters; at most "
                           f"{MAX_TEXT:,})")
    _check_unicode(value, path)
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n")).translate(_TRANSLATE)


def clean_id(value: Any, path: str) -> str:
    """``value`` as an id (a child, a user, an item): non-empty text on one line without control
    or formatting characters (bidi overrides included), trimmed and NFC, so the same id typed
    twice is the same id. Anything else is refused with :class:`InvalidAudit` naming ``path``:
    characters are never dropped from an id, which would make it another child's."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidAudit(path, f"must be a non-empty text id (got {show(value)})")
    if len(value) > MAX_ID:
        raise InvalidAudit(path, f"is too long for an id ({len(value):,} characters; at most "
                           f"{MAX_ID})")
    _check_unicode(value, path)
    for ch in value:
        if unicodedata.category(ch) in _ID_REFUSED_CATEGORIES:
            raise InvalidAudit(path, f"must not contain control or formatting characters "
                               f"(U+{ord(ch):04X} in {show(value)})")
    return unicodedata.normalize("NFC", value.strip())


_PRINTABLE_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def shown(value: Any) -> str:
    """``value`` as text safe for a terminal: control and formatting characters (an escape
    sequence, a bidi override, a line break inside a value) become visible escapes such as
    ``\\x1b``. Every value printed from the store or from an input file passes through it:
    refusing such characters at the door does not clean a store written before."""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(ch)
        elif ch in _PRINTABLE_ESCAPES:
            out.append(_PRINTABLE_ESCAPES[ch])
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
                       if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)
