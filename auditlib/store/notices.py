"""Notifications sent: each digest is recorded in the audit trail, so nothing is sent twice.

Part of :class:`auditlib.store.AuditStore`.
"""
from __future__ import annotations

from auditlib.store.users import Users


class Notices(Users):
    """What has been sent to whom (see :class:`auditlib.store.AuditStore`)."""
