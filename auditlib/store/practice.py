"""The practitioner and their team manager: a finalised audit goes back to the child's allocated
worker and team, who respond to the findings, agree the actions and mark them done with the
evidence; the team manager (or the lead auditor) signs them off.

Part of :class:`auditlib.store.AuditStore`. Who may do each is :mod:`auditlib.access`'s to say
(``respond``, ``complete_action``, ``sign_off``, ``practice``); the store also lets the person an
action names as its owner mark it done. Every change is in the audit's history.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

from sqlalchemy import Connection, insert, or_, select, update

from auditlib.exceptions import AuditNotFound, InvalidAudit, LifecycleRefused, PermissionRefused
from auditlib.store import schema as t
from auditlib.store.actions import Actions
from auditlib.store.checks import check_date, now, optional_text

#: the order responses are listed in: the child's worker first, then their manager
_RESPONDERS = ("practitioner", "team_manager", "lead_auditor")


class Practice(Actions):
    """Responses to findings, and actions marked done (see :class:`auditlib.store.AuditStore`)."""

    # ------------------------------------------------------------------ what they see

    def find_practice_audits(self, user: str) -> list[dict[str, Any]]:
        """Summaries (as :meth:`find_audits`) of the finalised audits ``user`` sees as the
        child's worker or their team's manager (the lead auditor: every finalised audit), each
        with the user's own ``response`` (text or None) and ``actions_agreed``, and the audit's
        ``open_actions`` (not signed off) and ``overdue_actions`` (of those, not marked done and
        past their completion date, or with no calendar date). Anyone else is refused."""
        from auditlib import access

        today = _dt.date.today().isoformat()
        with self._read() as conn:
            roles, team = self._roles(conn, user), self._team_of(conn, user)
            access.check(user, roles, "practice")
            query = select(*_SUMMARY).where(t.audits.c.status == "finalised",
                                            t.audits.c.training.is_(False))
            if "lead_auditor" not in roles:
                query = query.where(_candidates(user, roles, team))
            summaries = [_summary(r) for r in conn.execute(query.order_by(t.audits.c.id))
                         .mappings()]
            summaries = access.visible(user, roles, summaries, team=team)
            ids = [a["audit_id"] for a in summaries]
            mine = {r["audit_id"]: r for r in conn.execute(
                select(t.responses).where(t.responses.c.user_name == user,
                                          t.responses.c.audit_id.in_(ids))).mappings()}
            actions = conn.execute(select(t.actions.c.audit_id, t.actions.c.action,
                                          t.actions.c.due, t.actions.c.done_on)
                                   .where(t.actions.c.audit_id.in_(ids),
                                          t.actions.c.removed.is_(False),
                                          t.actions.c.signed_off.is_(None))).mappings().all()
        for a in summaries:
            response = mine.get(a["audit_id"])
            open_ = [x for x in actions if x["audit_id"] == a["audit_id"]]
            a.update(response=response["response"] if response else None,
                     actions_agreed=bool(response and response["actions_agreed"]),
                     open_actions=len(open_),
                     overdue_actions=sum(1 for x in open_ if _overdue(x, today)))
        return summaries

    def find_overdue_actions(self, user: str, on: _dt.date | str | None = None
                             ) -> list[dict[str, Any]]:
        """The overdue actions ``user`` follows up, oldest first, as :meth:`overdue_actions`
        gives them with the audit's ``worker`` and ``team``: the lead auditor every one; a team
        manager their team's finalised audits'; a practitioner those of their own cases and any
        they are named as owner of. An action marked done waits for its sign-off and is no
        longer overdue. Anyone else is refused."""
        from auditlib import access
        from auditlib.dates import is_calendar_date

        day = check_date(on or _dt.date.today(), "on")
        query = (select(t.actions.c.id, t.actions.c.audit_id, t.actions.c.action,
                        t.actions.c.owner, t.actions.c.due, t.actions.c.done_on,
                        t.audits.c.child_id, t.audits.c.auditor, t.audits.c.moderator,
                        t.audits.c.status, t.audits.c.training, t.audits.c.worker,
                        t.audits.c.team)
                 .join(t.audits, t.audits.c.id == t.actions.c.audit_id)
                 .where(t.actions.c.removed.is_(False), t.actions.c.signed_off.is_(None),
                        t.actions.c.done_on.is_(None), t.audits.c.status != "removed",
                        t.audits.c.training.is_(False))
                 .order_by(t.actions.c.due, t.actions.c.id))
        with self._read() as conn:
            roles, team = self._roles(conn, user), self._team_of(conn, user)
            access.check(user, roles, "practice")
            names = self._names_of(conn, user)
            rows = conn.execute(query).mappings().all()
        out = []
        for r in rows:
            audit = {**r, "audit_id": r["audit_id"]}
            if not (access.may(user, roles, "view", audit, team=team)
                    or (r["status"] == "finalised" and _owns(r["owner"], names))):
                continue
            if not _overdue(r, day):
                continue
            out.append({"action_id": r["id"], "audit_id": r["audit_id"],
                        "child_id": r["child_id"], "auditor": r["auditor"],
                        "action": r["action"], "owner": r["owner"], "due": r["due"],
                        "status": r["status"], "undated": not is_calendar_date(r["due"] or ""),
                        "worker": r["worker"], "team": r["team"]})
        return out

    # ------------------------------------------------------------------ their response

    def save_response(self, audit_id: int | str, *, user: str, response: str | None = None,
                      actions_agreed: bool | None = None) -> None:
        """Record ``user``'s response to the audit's findings and whether they agree its
        actions (None leaves either as it is; an empty response clears it): the child's worker
        or their team manager, once the audit is finalised."""
        if response is not None:
            response = optional_text(response, "response")
            response = response if response and response.strip() else ""
        if actions_agreed is not None and not isinstance(actions_agreed, bool):
            raise InvalidAudit("actions_agreed", "must be true or false")
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._check_on_case(conn, row, user, "respond")
            key = (t.responses.c.audit_id == row["id"], t.responses.c.user_name == user)
            current = conn.execute(select(t.responses).where(*key)).mappings().first()
            old_text = current["response"] if current else None
            old_agreed = bool(current and current["actions_agreed"])
            new_text = old_text if response is None else (response or None)
            new_agreed = old_agreed if actions_agreed is None else actions_agreed
            if (new_text, new_agreed) == (old_text, old_agreed):
                return
            values = {"response": new_text, "actions_agreed": new_agreed, "changed_at": now()}
            if current is None:
                conn.execute(insert(t.responses).values(audit_id=row["id"], user_name=user,
                                                        **values))
            else:
                conn.execute(update(t.responses).where(*key).values(**values))
            if new_text != old_text:
                self._log(conn, row["id"], user, f"response.{user}", old_text, new_text)
            if new_agreed != old_agreed:
                self._log(conn, row["id"], user, f"response.{user}.actions_agreed", old_agreed,
                          new_agreed)

    def find_responses(self, audit_id: int | str) -> list[dict[str, Any]]:
        """Everyone's response to the audit's findings: ``user_name``, ``display_name``,
        ``role`` (``practitioner`` for the child's worker, else the responder's role),
        ``response``, ``actions_agreed`` and ``changed_at``; the worker's first."""
        with self._read() as conn:
            row = self._audit_row(conn, audit_id)
            rows = conn.execute(select(t.responses, t.users.c.display_name)
                                .join(t.users, t.users.c.name == t.responses.c.user_name)
                                .where(t.responses.c.audit_id == row["id"])).mappings().all()
            out = []
            for r in rows:
                held = self._roles(conn, r["user_name"])
                role = "practitioner" if r["user_name"] == row["worker"] else next(
                    (x for x in _RESPONDERS if x in held), min(held, default=None))
                out.append({"user_name": r["user_name"], "display_name": r["display_name"],
                            "role": role, "response": r["response"],
                            "actions_agreed": bool(r["actions_agreed"]),
                            "changed_at": r["changed_at"]})
        order = {role: i for i, role in enumerate(_RESPONDERS)}
        return sorted(out, key=lambda r: (order.get(r["role"], len(order)), r["user_name"]))

    # ------------------------------------------------------------------ actions marked done

    def complete_action(self, audit_id: int | str, action_id: int | str, *, user: str,
                        evidence: str, done_on: _dt.date | str | None = None) -> int:
        """Mark an action of a finalised audit done on ``done_on`` (default today, never
        later), with a note of the ``evidence``: by the child's worker, their team manager, the
        lead auditor, or the person the action names as its owner. It then waits for the team
        manager's sign-off. Returns the audit's new version."""
        text = optional_text(evidence, "evidence")
        if text is None or not text.strip():
            raise InvalidAudit("evidence", "is required to mark an action done: say what shows "
                               "it was done")
        evidence = text.strip()
        today = _dt.date.today().isoformat()
        day = check_date(done_on or today, "done_on")
        if day > today:
            raise InvalidAudit("done_on", f"{day} is after today: an action is marked done once "
                               "it is done")
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            try:
                self._check_on_case(conn, row, user, "complete_action")
            except PermissionRefused as refused:
                # the action's named owner (by name or display name) marks it done too, once
                # the audit is finalised: the owner may be in another team. Someone refused
                # learns nothing of which actions the audit has.
                try:
                    owner = self._action_row(conn, row["id"], action_id)["owner"]
                except AuditNotFound:
                    raise refused from None
                if not (row["status"] == "finalised" and not row["training"]
                        and self._roles(conn, user)
                        and _owns(owner, self._names_of(conn, user))):
                    raise
            current = self._action_row(conn, row["id"], action_id)
            if current["signed_off"] is not None:
                raise LifecycleRefused(row["id"], row["status"], f"action {current['id']} of "
                                       f"audit {row['id']} was signed off on "
                                       f"{current['signed_off']}: it is done")
            old = ({k: current[k] for k in ("done_on", "done_by", "evidence")}
                   if current["done_on"] is not None else None)
            new = {"done_on": day, "done_by": user, "evidence": evidence}
            if old == new:
                return row["version"]
            version = self._bump(conn, row, user, None, None, None, None)
            conn.execute(update(t.actions).where(t.actions.c.id == current["id"])
                         .values(changed_in=version, **new))
            self._log(conn, row["id"], user, f"actions.{current['id']}.done", old, new)
            return version

    def _names_of(self, conn: Connection, user: str) -> tuple[str, ...]:
        """What an action's owner text may call ``user``: their name and display name."""
        display = conn.execute(select(t.users.c.display_name)
                               .where(t.users.c.name == user)).scalar()
        return tuple(n for n in (user, display) if n)


_SUMMARY = (t.audits.c.id, t.audits.c.framework, t.audits.c.child_id, t.audits.c.auditor,
            t.audits.c.moderator, t.audits.c.status, t.audits.c.version, t.audits.c.month,
            t.audits.c.due_date, t.audits.c.service_area, t.audits.c.worker, t.audits.c.team,
            t.audits.c.training, t.audits.c.created_at, t.audits.c.updated_at)


def _summary(row: Any) -> dict[str, Any]:
    """A row as :meth:`~auditlib.store.audits.Audits.find_audits` gives it."""
    return {"audit_id": row["id"], **{k: row[k] for k in row if k != "id"}}


def _candidates(user: str, roles: set[str], team: str | None) -> Any:
    """The audits that may be the user's case (auditlib.access decides): of a child allocated
    to them, or with a team (compared as access compares teams, so not in SQL)."""
    conditions = [t.audits.c.worker == user] if "practitioner" in roles else []
    if "team_manager" in roles and team:
        conditions.append(t.audits.c.team.is_not(None))
    return or_(*conditions) if conditions else t.audits.c.id.is_(None)


def _owns(owner: str | None, names: tuple[str, ...]) -> bool:
    """Is the action's owner text one of ``names`` (case and outer spaces aside)?"""
    if not owner or not owner.strip():
        return False
    return owner.strip().casefold() in {n.strip().casefold() for n in names if n.strip()}


def _overdue(action: Any, day: str) -> bool:
    """Not marked done, and past its completion date; or no calendar date while it says what
    to do (it cannot be followed up without one), as :meth:`overdue_actions` counts."""
    from auditlib.dates import is_calendar_date

    if action["done_on"] is not None:
        return False
    due = action["due"] or ""
    if is_calendar_date(due):
        return due < day
    return bool((action["action"] or "").strip())
