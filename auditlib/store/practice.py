"""The practitioner and their team manager: a finalised audit goes back to the child's allocated
worker and team, who respond to the findings, agree the actions and mark them done with the
evidence; the team manager (or the lead auditor) signs them off.

Part of :class:`auditlib.store.AuditStore`.
"""
from __future__ import annotations

from auditlib.store.actions import Actions


class Practice(Actions):
    """Responses to findings, and actions marked done (see :class:`auditlib.store.AuditStore`)."""
