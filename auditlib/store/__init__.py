"""The audit store: every answer saved as it is typed, every change on record.

One class, :class:`AuditStore`, over SQLAlchemy: SQLite by default (a file in the data folder,
owner-only, WAL mode), PostgreSQL by URL. Its verbs follow one grid (``add_``, ``find_``,
``save_`` to update or create, ``update_``, ``remove_``; ``reallocate_audit`` gives an audit
another auditor or moderator), each takes the acting ``user`` and
checks that user's role, and each write is one transaction that either happens whole or changes
nothing. Every change is appended to the audit trail (:meth:`AuditStore.history`), which no verb
edits or deletes.

Lifecycle of an audit::

    in_progress --submit--> submitted --return_to_auditor--> returned --submit--> submitted
    submitted --finalise--> finalised --reopen(reason)--> in_progress
    any --remove_audit(reason)--> removed            (lead auditor; the rows stay, hidden)

The class is put together from one part per concern, each a module of this package and each
built on the parts it uses, so the chain reads bottom up: :mod:`~auditlib.store.connection`
(the URL, engine and transactions; the origin recorded with each change),
:mod:`~auditlib.store.history` (the audit trail), :mod:`~auditlib.store.users`,
:mod:`~auditlib.store.audits` (adding, finding, importing), :mod:`~auditlib.store.lifecycle`
(submit, return, finalise, reopen, and who may change an audit in each status), then
:mod:`~auditlib.store.answers` (answers and header), :mod:`~auditlib.store.moderation`,
:mod:`~auditlib.store.actions`, :mod:`~auditlib.store.practice` (the practitioner's response,
actions marked done) and :mod:`~auditlib.store.notices` (notifications sent).
:mod:`~auditlib.store.checks` cleans what comes in; :mod:`~auditlib.store.sqlite_file` guards
the SQLite file; :mod:`~auditlib.store.schema` holds
the tables and their migrations.
"""
from __future__ import annotations

from auditlib.store.answers import Answers
from auditlib.store.checks import (
    ACTION_FIELDS,
    CLEAR,
    EDITABLE,
    MAX_DUE,
    ROLES,
    STATUSES,
)
from auditlib.store.connection import (
    command_line_origin,
    default_store_url,
    origin,
    store_url,
)
from auditlib.store.moderation import Moderation
from auditlib.store.notices import Notices
from auditlib.store.practice import Practice
from auditlib.store.sqlite_file import fcntl_available

__all__ = ["ACTION_FIELDS", "CLEAR", "EDITABLE", "MAX_DUE", "ORIGIN", "ROLES", "STATUSES",
           "AuditStore", "command_line_origin", "default_store_url", "fcntl_available", "origin",
           "store_url"]

#: how this process reaches the store, recorded on every history row beside the acting user
#: (:func:`origin` reads it here): the command line sets it to "cli:LOGIN@HOST", so a --user
#: naming someone else shows who ran it
ORIGIN: str | None = None


class AuditStore(Answers, Moderation, Practice, Notices):
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
