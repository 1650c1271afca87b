"""The store's people: users, their roles, and the check that the acting user holds one.

Part of :class:`auditlib.store.AuditStore`. Only a lead auditor adds users or changes roles,
but for the first lead auditor of an empty store, added by whoever sets the store up.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from auditlib.exceptions import AuditNotFound, PermissionRefused, StoreError
from auditlib.store import schema as t
from auditlib.store.checks import CLEAR, check_email, check_roles, now, optional_text
from auditlib.store.history import History
from auditlib.text import clean_id


class Users(History):
    """Users and roles (see :class:`auditlib.store.AuditStore`)."""

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
                 display_name: str | None = None, service_area: str | None = None,
                 email: str | None = None, team: str | None = None) -> str:
        """Add a user with roles. Only a lead auditor may, except for the first lead auditor of
        a store, added by whoever set the store up. ``team`` links a practitioner or team
        manager to the children's audits of that team; ``email`` is where notifications go."""
        name = clean_id(name, "name")
        user = clean_id(user, "user")  # the first lead auditor's is written to the history
        display_name = optional_text(display_name, "display_name")
        service_area = optional_text(service_area, "service_area")
        email = check_email(email, "email")
        team = optional_text(team, "team")
        check_roles(roles)
        with self._write() as conn:
            has_lead = conn.execute(select(t.user_roles.c.user_name)
                                    .where(t.user_roles.c.role == "lead_auditor")).first()
            # an empty store's first lead auditor is added by whoever set the store up
            if has_lead or "lead_auditor" not in roles:
                self._require_role(conn, user, "lead_auditor")
            self._insert_user(conn, name, roles, display_name, service_area, now(), user,
                              email=email, team=team)
        return name

    def add_users(self, users: list[dict[str, Any]], *, user: str) -> list[str]:
        """Add several users in one transaction (each ``name``, ``roles`` and optionally
        ``service_area``, ``display_name``, ``email``, ``team``); lead auditor only; all or
        nothing."""
        users = [dict(spec, name=clean_id(spec.get("name"), f"users[{i}].name"),
                      display_name=optional_text(spec.get("display_name"),
                                                 f"users[{i}].display_name"),
                      service_area=optional_text(spec.get("service_area"),
                                                 f"users[{i}].service_area"),
                      email=check_email(spec.get("email"), f"users[{i}].email"),
                      team=optional_text(spec.get("team"), f"users[{i}].team"))
                 for i, spec in enumerate(users)]
        for spec in users:
            check_roles(spec["roles"])
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            at = now()
            for spec in users:
                self._insert_user(conn, spec["name"].strip(), spec["roles"],
                                  spec.get("display_name"), spec.get("service_area"), at, user,
                                  email=spec.get("email"), team=spec.get("team"))
        return [spec["name"].strip() for spec in users]

    def _insert_user(self, conn: Connection, name: str, roles: Sequence[str],
                     display_name: str | None, service_area: str | None, at: str,
                     user: str, email: str | None = None, team: str | None = None) -> None:
        if conn.execute(select(t.users.c.name).where(t.users.c.name == name)).first():
            raise StoreError(f"user {name!r} already exists")
        conn.execute(insert(t.users).values(name=name, display_name=display_name,
                                            service_area=service_area, created_at=at,
                                            email=email, team=team))
        for role in dict.fromkeys(roles):
            conn.execute(insert(t.user_roles).values(user_name=name, role=role))
        logged = {"roles": list(roles), "service_area": service_area}
        logged.update({k: v for k, v in (("email", email), ("team", team)) if v is not None})
        self._log(conn, None, user, f"user.{name}", None, logged)

    def update_user(self, name: str, *, user: str, **fields: Any) -> None:
        """Change a user's ``display_name``, ``service_area``, ``email`` or ``team`` (lead
        auditor only; :data:`~auditlib.store.checks.CLEAR` removes one)."""
        allowed = ("display_name", "service_area", "email", "team")
        new: dict[str, Any] = {}
        for key, value in fields.items():
            if key not in allowed:
                raise StoreError(f"cannot change a user's {key!r} (one of {', '.join(allowed)})")
            if value is None:
                continue
            if value is CLEAR:
                new[key] = None
            else:
                new[key] = (check_email(value, key) if key == "email"
                            else optional_text(value, key))
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            current = self._user_row(conn, name)
            changed = {k: v for k, v in new.items() if current[k] != v}
            if not changed:
                return
            conn.execute(t.users.update().where(t.users.c.name == current["name"])
                         .values(**changed))
            for key, value in changed.items():
                self._log(conn, None, user, f"user.{name}.{key}", current[key], value)

    def add_role(self, name: str, role: str, *, user: str) -> None:
        """Give a user another role (lead auditor only)."""
        check_roles([role])
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

