"""The store's audits: adding them (one, a month's sample, or an interchange record), reading
them back as interchange records, and removing them from view.

Part of :class:`auditlib.store.AuditStore`. An audit's answers, moderation, lifecycle, actions
and history are in modules of their own beside this one.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from auditlib.exceptions import AuditNotFound, InvalidAudit, StoreError
from auditlib.framework import Framework, get_framework
from auditlib.record import interchange_record, validate_answer, validate_record
from auditlib.scales import NOT_APPLICABLE
from auditlib.store import schema as t
from auditlib.store.checks import (
    STATUSES,
    check_due_date,
    check_month,
    check_reason,
    clean_import,
    clean_texts,
    dump,
    id_number,
    load,
    new_id,
    now,
    optional_text,
)
from auditlib.store.users import Users
from auditlib.text import clean_id, show


class Audits(Users):
    """Adding, finding, importing and removing audits (see :class:`auditlib.store.AuditStore`)."""

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
        month = check_month(month, "month")
        due_date = check_due_date(due_date, "due_date")
        if not isinstance(header, (dict, type(None))):
            raise InvalidAudit("header", f"must be an object (got {show(header)})")
        header = clean_texts(header or {}, "header")
        validate_record(fw, {"framework": fw.id, "child_id": child_id, "header": header})
        with self._write() as conn:
            if training and user == auditor:
                self._require_role(conn, user, "trainee", "lead_auditor", "auditor")
            else:
                self._require_role(conn, user, "lead_auditor")
            self._require_role(conn, auditor, "auditor", "lead_auditor", "trainee")
            if moderator is not None:
                self._require_role(conn, moderator, "moderator", "lead_auditor")
            at = now()
            audit_id = new_id(conn.execute(insert(t.audits).values(
                framework=fw.id, child_id=child_id, auditor=auditor, moderator=moderator,
                status="in_progress", version=1, header=dump(header), header_changed_in="{}",
                month=month,
                due_date=due_date, training=training, created_at=at, updated_at=at)
            ))
            self._log(conn, audit_id, user, "audit", None,
                      {"framework": fw.id, "child_id": child_id, "auditor": auditor,
                       "moderator": moderator, "month": month, "due_date": due_date})
        return int(audit_id)

    def add_audits(self, audits: list[dict[str, Any]], *, user: str
                   ) -> list[tuple[int, bool]]:
        """Create many audits in one transaction (the month's sample), reusing any audit of the
        same framework, child and month. Each item has ``framework``, ``child_id``, ``auditor``
        and optionally ``month``, ``due_date``, ``moderator``, ``service_area`` and the child's
        allocated ``worker`` (a user name) and ``team``. Returns ``(audit_id, created)``
        per item, in order. Lead auditor only; all or nothing."""
        frameworks = {a["framework"] for a in audits}
        for framework_id in frameworks:
            get_framework(framework_id)
        audits = [dict(a, child_id=clean_id(a.get("child_id"), f"[{i}].child_id"),
                       auditor=clean_id(a.get("auditor"), f"[{i}].auditor"),
                       moderator=None if a.get("moderator") is None
                       else clean_id(a["moderator"], f"[{i}].moderator"),
                       month=check_month(a.get("month"), f"[{i}].month"),
                       due_date=check_due_date(a.get("due_date"), f"[{i}].due_date"),
                       service_area=optional_text(a.get("service_area"),
                                                  f"[{i}].service_area"),
                       worker=None if not a.get("worker")
                       else clean_id(a["worker"], f"[{i}].worker"),
                       team=optional_text(a.get("team") or None, f"[{i}].team"))
                  for i, a in enumerate(audits)]
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            for name in sorted({a["auditor"] for a in audits}):
                self._require_role(conn, name, "auditor", "lead_auditor", "trainee")
            existing: dict[tuple[Any, ...], Any] = {}
            months = {a.get("month") for a in audits}
            for row in conn.execute(select(t.audits.c.id, t.audits.c.framework,
                                           t.audits.c.child_id, t.audits.c.month)
                                    .where(t.audits.c.status != "removed",
                                           t.audits.c.month.in_([m for m in months if m]))):
                existing.setdefault((row.framework, row.child_id, row.month), row.id)
            out: list[tuple[int, bool]] = []
            at = now()
            for a in audits:
                key = (a["framework"], a["child_id"], a.get("month"))
                if key in existing:
                    out.append((int(existing[key]), False))
                    continue
                audit_id = new_id(conn.execute(insert(t.audits).values(
                    framework=a["framework"], child_id=a["child_id"], auditor=a["auditor"],
                    moderator=a.get("moderator"), status="in_progress", version=1, header="{}",
                    header_changed_in="{}", month=a.get("month"), due_date=a.get("due_date"),
                    service_area=a.get("service_area"), worker=a.get("worker"),
                    team=a.get("team"), training=False, created_at=at, updated_at=at)))
                existing[key] = audit_id
                self._log(conn, audit_id, user, "audit", None,
                          {k: a.get(k) for k in ("framework", "child_id", "auditor",
                                                 "moderator", "month", "due_date",
                                                 "service_area", "worker", "team")})
                out.append((audit_id, True))
        return out

    def _audit_row(self, conn: Connection, audit_id: int | str, lock: bool = False
                   ) -> dict[str, Any]:
        key = id_number(audit_id)
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
            answers[a["item_id"]] = answer_dict(a)
        moderation = {}
        for m in conn.execute(select(t.moderation).where(t.moderation.c.audit_id == row["id"])
                              ).mappings():
            moderation[m["item_id"]] = {k: m[k] for k in ("grade", "score", "comment",
                                                          "moderator") if m[k] is not None}
        record: dict[str, Any] = {
            "audit_id": row["id"],
            "framework": row["framework"],
            "child_id": row["child_id"],
            "header": load(row["header"]),
            "answers": answers,
        }
        if fw.overall is not None:
            overall = answers.get(fw.overall.section, {}).get("grade")
            record["overall"] = None if overall == NOT_APPLICABLE else overall
        record["actions"] = [
            {"id": a["id"], "action": a["action"], "owner": a["owner"], "due": a["due"],
             "signed_off": a["signed_off"], "note": a["note"], "done_on": a["done_on"],
             "done_by": a["done_by"], "evidence": a["evidence"]}
            for a in conn.execute(select(t.actions).where(t.actions.c.audit_id == row["id"],
                                                          t.actions.c.removed.is_(False))
                                  .order_by(t.actions.c.id)).mappings()]
        record.update(status=row["status"], version=row["version"], auditor=row["auditor"],
                      moderator=row["moderator"], month=row["month"], due_date=row["due_date"],
                      service_area=row["service_area"], worker=row["worker"], team=row["team"],
                      training=bool(row["training"]),
                      moderation=moderation,
                      created_at=row["created_at"], updated_at=row["updated_at"])
        return record

    def find_audits(self, **filters: Any) -> list[dict[str, Any]]:
        """Summaries of the audits matching every filter (``framework``, ``child_id``,
        ``auditor``, ``moderator``, ``status``, ``month``, ``training``, ``service_area``,
        ``worker``, ``team``), oldest first."""
        allowed = ("framework", "child_id", "auditor", "moderator", "status", "month",
                   "training", "service_area", "worker", "team")
        query = select(t.audits.c.id, t.audits.c.framework, t.audits.c.child_id,
                       t.audits.c.auditor, t.audits.c.moderator, t.audits.c.status,
                       t.audits.c.version, t.audits.c.month, t.audits.c.due_date,
                       t.audits.c.service_area, t.audits.c.worker, t.audits.c.team,
                       t.audits.c.training, t.audits.c.created_at,
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
        reason = check_reason(reason)
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            row = self._audit_row(conn, audit_id, lock=True)
            self._bump(conn, row, user, "status", row["status"], "removed", reason,
                       status="removed")

    # ----------------------------------------------------------------------- interchange

    def export_audit(self, audit_id: int | str) -> dict[str, Any]:
        """The audit in the interchange format, ready for ``json.dump``."""
        return self.find_audit(audit_id)

    def import_audit(self, record: Any, *, user: str) -> int:
        """Add an audit from the interchange format (lead auditor only). The whole record is
        checked first: an invalid record changes nothing. Returns the new audit id."""
        if not isinstance(record, dict) or not isinstance(record.get("framework"), str):
            raise InvalidAudit("framework", "missing (the audit must name its framework id)")
        fw = get_framework(record["framework"])
        record = clean_import(record)
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
            at = now()
            audit_id = new_id(conn.execute(insert(t.audits).values(
                framework=fw.id, child_id=record["child_id"], auditor=auditor,
                moderator=moderator, status=status, version=2,
                header=dump(record.get("header") or {}), header_changed_in="{}",
                month=record.get("month"),
                due_date=record.get("due_date"), training=bool(record.get("training")),
                service_area=record.get("service_area"), created_at=at,
                updated_at=at)))
            for item_id, answer in (record.get("answers") or {}).items():
                answer = dict(answer)
                if fw.overall and item_id == fw.overall.section and record.get("overall") \
                        and "grade" not in answer:
                    answer["grade"] = record["overall"]
                conn.execute(insert(t.answers).values(
                    audit_id=audit_id, item_id=item_id, grade=answer.get("grade"),
                    score=answer.get("score"),
                    narratives=dump({k: v for k, v in answer.items()
                                      if k not in ("grade", "score", "flags")}),
                    flags=dump(answer.get("flags") or {}), changed_in=2, changed_by=user,
                    changed_at=at))
            if fw.overall and record.get("overall") and \
                    fw.overall.section not in (record.get("answers") or {}):
                conn.execute(insert(t.answers).values(
                    audit_id=audit_id, item_id=fw.overall.section, grade=record["overall"],
                    score=None, narratives="{}", flags="{}", changed_in=2, changed_by=user,
                    changed_at=at))
            for action in record.get("actions") or []:
                conn.execute(insert(t.actions).values(
                    audit_id=audit_id, action=action.get("action"), owner=action.get("owner"),
                    due=action.get("due"), signed_off=action.get("signed_off"),
                    note=action.get("note"), done_on=action.get("done_on"),
                    done_by=action.get("done_by"), evidence=action.get("evidence"),
                    removed=False, changed_in=2, created_by=user, created_at=at))
            for item_id, m in moderation.items():
                conn.execute(insert(t.moderation).values(
                    audit_id=audit_id, item_id=item_id, grade=m.get("grade"),
                    score=m.get("score"), comment=m.get("comment"),
                    moderator=m.get("moderator") or moderator or user, changed_in=2,
                    changed_at=at))
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


def answer_dict(row: Any) -> dict[str, Any]:
    """A stored answer row as the interchange format's answer (empty for no row)."""
    if row is None:
        return {}
    answer: dict[str, Any] = {}
    if row["grade"] is not None:
        answer["grade"] = row["grade"]
    if row["score"] is not None:
        answer["score"] = row["score"]
    answer.update(load(row["narratives"]))
    flags = load(row["flags"])
    if flags:
        answer["flags"] = flags
    return answer


def save_item_row(conn: Connection, table: Table, audit_id: int, item_id: str, exists: bool,
                  values: dict[str, Any]) -> None:
    """Update or create an audit's row for one item in ``table`` (its answer, or the
    moderator's grade for it)."""
    if exists:
        conn.execute(update(table).where(table.c.audit_id == audit_id,
                                         table.c.item_id == item_id).values(**values))
    else:
        conn.execute(insert(table).values(audit_id=audit_id, item_id=item_id, **values))
