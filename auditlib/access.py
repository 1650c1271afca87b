"""Who is acting, and what they may reach: the one answer for every route.

The pages, the command line, ``auditlib serve``'s listing, exports, reports and the store's own
checks all ask :func:`may` or :func:`check` here, so that a rule is written once. The rules work
on plain data: a user's name, the roles the store holds for them (``AuditStore.roles_of``), and
an audit as the store gives it (a mapping with ``auditor``, ``moderator``, ``status`` and
``training``). This module imports only the standard library, so the rules are tested as a table.

- Someone the store does not know (no roles) may do nothing.
- A lead auditor may do everything, with two exceptions: they never moderate an audit they audited
  themselves, and they never write over an auditor's answers (editing and submitting are the
  audit's own auditor's; a lead auditor reopens, removes or moderates instead).
- An auditor opens, exports and reads the history of their own audits, and edits and submits them
  while in progress or returned.
- A trainee does the same with their own training audits, and nothing else.
- A moderator opens, exports and reads the history of an audit allocated to them for moderation
  once it is submitted, and moderates, returns or finalises it while submitted; they still read it
  when returned or finalised. An unallocated audit only while it is submitted (any moderator may
  pick it up). Never one they audited; never one in progress.
- A removed audit is the lead auditor's alone to read.
- A practitioner (the child's allocated worker) and a team manager (of the child's team: the
  ``team`` the store holds for them, passed in as ``team``) open, export and read the history of
  a finalised audit of their own case or team, never a training audit and nothing before it is
  finalised; they respond to its findings and agree its actions. An action is marked done by the
  audit's worker, its team manager or the lead auditor (the store also lets the action's named
  owner), and signed off by the team manager or the lead auditor (and, as before, a moderator or
  the audit's auditor).
- The month's pages and commands go by role: the lead auditor's (sample and allocation, tracking,
  the report, every audit in a list); the consistency dashboard and the cohort's calibration also
  moderators'; the calibration training everyone's.

>>> audit = {"audit_id": 7, "auditor": "ash", "moderator": None, "status": "in_progress"}
>>> may("ash", {"auditor"}, "edit", audit), may("mo", {"moderator"}, "view", audit)
(True, False)
>>> refusal("mo", {"moderator"}, "view", audit)
'audit 7 is still in progress: a moderator can open it once it is submitted'
>>> case = {"audit_id": 8, "auditor": "ash", "status": "finalised", "worker": "pat",
...         "team": "North"}
>>> may("pat", {"practitioner"}, "view", case), may("tm", {"team_manager"}, "view", case,
...                                                  team="North")
(True, True)
>>> refusal("tm", {"team_manager"}, "view", case, team="South")
"'tm' cannot open audit 8: it is not of a child in their team"
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from auditlib.exceptions import AuditlibError, PermissionRefused

#: What each action lets a person do, in the words a refusal uses ("{audit}": "audit 12").
ACTIONS: dict[str, str] = {
    # on one audit
    "view": "open {audit}",
    "edit": "change {audit}",
    "submit": "submit {audit}",
    "moderate": "moderate {audit}",
    "finalise": "finalise {audit}",
    "return": "return {audit} to its auditor",
    "reopen": "reopen {audit}",
    "remove": "remove {audit}",
    "export": "export {audit}",
    "history": "read the history of {audit}",
    "respond": "respond to the findings of {audit}",
    "complete_action": "mark an action of {audit} done",
    "sign_off": "sign off an action of {audit}",
    # on the month or the whole store
    "list": "list the audits they may open",
    "list_all": "list every audit",
    "list_others": "list another auditor's audits",
    "allocate": "draw the month's sample and allocate its audits",
    "track": "track the month's audits",
    "report": "write the month's report",
    "dashboard": "open the grade consistency dashboard",
    "cohort": "open the cohort's calibration",
    "train": "use the calibration training",
    "users": "list the store's users",
    "practice": "see the audits of their own cases or team",
}

#: The statuses in which an audit's auditor may change it (the store's ``EDITABLE``).
EDITABLE = ("in_progress", "returned")
_MODERATOR_READS = ("submitted", "returned", "finalised")
_READ = ("view", "export", "history")
_EVERYONE = ("auditor", "moderator", "lead_auditor", "trainee")
_PRACTICE = ("practitioner", "team_manager")
_READERS = _EVERYONE + _PRACTICE
_LEAD = ("lead_auditor",)
_AUDITORS = ("auditor", "lead_auditor", "trainee")
_MODERATORS = ("moderator", "lead_auditor")

# who could ever do each action, in the order a refusal names them; the audit decides the rest
_ROLES: dict[str, tuple[str, ...]] = {
    "view": _READERS, "export": _READERS, "history": _READERS,
    "edit": _AUDITORS, "submit": _AUDITORS,
    "moderate": _MODERATORS, "finalise": _MODERATORS, "return": _MODERATORS,
    "reopen": _LEAD, "remove": _LEAD,
    "list": _READERS, "list_all": _LEAD, "list_others": ("lead_auditor", "moderator"),
    "allocate": _LEAD, "track": _LEAD, "report": _LEAD,
    "dashboard": _MODERATORS, "cohort": ("lead_auditor", "moderator"),
    "train": ("trainee", "auditor", "lead_auditor", "moderator"), "users": _EVERYONE,
    "respond": _PRACTICE, "complete_action": (*_PRACTICE, "lead_auditor"),
    # a moderator and the audit's auditor signed actions off before team managers came
    "sign_off": ("team_manager", "lead_auditor", "moderator", "auditor", "trainee"),
    "practice": (*_PRACTICE, "lead_auditor"),
}
_ON_AUDIT = frozenset(ACTIONS) - {"list", "list_all", "list_others", "allocate", "track",
                                  "report", "dashboard", "cohort", "train", "users", "practice"}


def may(user: str, roles: Iterable[str], action: str, audit: Mapping[str, Any] | None = None,
        team: str | None = None) -> bool:
    """Whether ``user``, holding ``roles`` (and, for a team manager, in ``team``: see
    :func:`team_of`), may do ``action`` (one of :data:`ACTIONS`) to ``audit`` (for the actions
    on one audit) or at all (the month's)."""
    return refusal(user, roles, action, audit, team=team) is None


def check(user: str, roles: Iterable[str], action: str,
          audit: Mapping[str, Any] | None = None, team: str | None = None) -> None:
    """Raise :class:`PermissionRefused`, saying why in one line, unless :func:`may`."""
    reason = refusal(user, roles, action, audit, team=team)
    if reason is not None:
        raise PermissionRefused(user, reason)


def visible(user: str, roles: Iterable[str], audits: Iterable[Mapping[str, Any]],
            team: str | None = None) -> list[Any]:
    """The audits (summaries or records) among ``audits`` that ``user`` may open, in order."""
    roles = set(roles)
    return [a for a in audits if may(user, roles, "view", a, team=team)]


def team_of(store: Any, user: str) -> str | None:
    """The team the store holds for ``user`` (``store`` an AuditStore): what the rules take as
    ``team``. None for someone without one, or whom the store does not know."""
    try:
        return store.find_user(user).get("team")
    except AuditlibError:  # not a user: they are refused by their (absent) roles anyway
        return None


def signed_in_user() -> str | None:
    """The person a page was opened by: the JupyterHub user, else ``AUDITLIB_USER`` (set by
    ``auditlib serve``); None outside a page."""
    return os.environ.get("JUPYTERHUB_USER") or os.environ.get("AUDITLIB_USER") or None


def acting_user(explicit: str | None = None) -> str:
    """Who is acting: ``explicit`` (the command line's ``--user``), else the JupyterHub user,
    else ``AUDITLIB_USER`` (set by ``auditlib serve``), else the operating-system login. Never a
    notebook parameter, which anyone could edit.

    Under JupyterHub the hub signs people in, and their pages never see the store's credentials.
    On the command line nobody signs in: whoever can open the store with write credentials is
    trusted, and ``--user`` names who acts on their word. The store records the operating-system
    login beside that name in the history, so a change made in someone else's name can be
    traced; keep the store's credentials to the people who run the service.
    """
    import getpass

    name = explicit or signed_in_user()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        raise AuditlibError("cannot tell who is acting: set AUDITLIB_USER to your user name"
                            ) from None


def refusal(user: str, roles: Iterable[str], action: str,
            audit: Mapping[str, Any] | None = None, team: str | None = None) -> str | None:
    """Why ``user`` may not do ``action`` (to ``audit``), in one line; ``None`` if they may."""
    if action not in ACTIONS:
        raise ValueError(f"action {action!r} is not one of {', '.join(ACTIONS)}")
    roles = set(roles or ())
    if not roles:
        return f"{user!r} is not a user of this store"
    needed = _ROLES[action]
    what = ACTIONS[action]
    if action in _ON_AUDIT:
        if audit is None:
            raise ValueError(f"{action!r} is done to an audit: give the audit")
        what = what.format(audit=f"audit {_id(audit)}")
    if not roles & set(needed):
        if action == "sign_off":  # five roles in words would hide who does
            return (f"{user!r} cannot {what}: the child's team manager, a moderator, the "
                    "audit's auditor or a lead auditor signs actions off")
        return f"{user!r} is not {_roles_in_words(needed)}, so cannot {what}"
    if action not in _ON_AUDIT or audit is None:  # (an audit is always given here: see above)
        return None
    return _audit_refusal(user, roles, action, audit, team, what)


def _audit_refusal(user: str, roles: set[str], action: str, audit: Mapping[str, Any],
                   team: str | None, what: str) -> str | None:
    n, status = _id(audit), audit.get("status")
    auditor, moderator = audit.get("auditor"), audit.get("moderator")
    lead = "lead_auditor" in roles
    # their own audit: an auditor's, a lead auditor's, or a trainee's training audit
    own = user == auditor and bool(roles & {"auditor", "lead_auditor"} or (
        "trainee" in roles and audit.get("training")))
    # the child's worker, or their team's manager: their case, once the audit is finalised
    case = _their_case(user, roles, audit, team)
    if status == "removed":
        if lead and action in _READ:
            return None
        return f"audit {n} has been removed" + ("" if lead else
                                                 ": only a lead auditor can see it")
    if action in _PRACTICE_ACTIONS:
        return _practice_refusal(user, roles, action, audit, case, team, what)
    if action in _READ:
        if lead or own or (case and status == "finalised"):
            return None
        if "moderator" in roles and user != auditor:
            if moderator not in (None, user):
                return f"audit {n} is not allocated to {user} for moderation"
            if status == "in_progress":
                return (f"audit {n} is still in progress: a moderator can open it once it is "
                        "submitted")
            if status == "submitted" or (moderator == user and status in _MODERATOR_READS):
                return None
            return f"audit {n} is not allocated to {user} for moderation"
        if user == auditor:
            return _not_their_own(user, roles, n, "open")
        if roles & set(_PRACTICE):
            return _not_their_case(user, roles, n, case, status, team, what)
        # the refusal does not say whose it is: a link can be passed on
        return (f"audit {n} is not allocated to {user} (it is allocated to another auditor), so "
                f"{user} cannot open it")
    if action in ("edit", "submit"):
        if user != auditor:
            return f"audit {n} is allocated to {auditor!r}, not {user!r}"
        if not own:
            return _not_their_own(user, roles, n, "change")
        if status not in EDITABLE:
            words = {"submitted": "has been submitted for moderation",
                     "finalised": "is finalised (a lead auditor can reopen it with a reason)"}
            return (f"audit {n} {words.get(str(status), f'is {_words(status)}')}: the auditor "
                    "cannot change it")
        return None
    if action in ("moderate", "finalise", "return"):
        if user == auditor:
            return f"{user!r} audited {n} and cannot moderate it"
        if not lead and moderator not in (None, user):
            return f"audit {n} is allocated for moderation to {moderator!r}, not {user!r}"
        if status != "submitted":
            return f"audit {n} is {_words(status)}, not submitted for moderation"
        return None
    if action == "reopen" and status != "finalised":
        return f"audit {n} is {_words(status)}: only a finalised audit can be reopened"
    return None  # reopen a finalised audit, remove one: the lead auditor's, checked above


_PRACTICE_ACTIONS = ("respond", "complete_action", "sign_off")


def _their_case(user: str, roles: set[str], audit: Mapping[str, Any], team: str | None
                ) -> set[str]:
    """How the audit is ``user``'s case: {"worker"} for a child allocated to them (a
    practitioner), {"team"} for a child in their team (a team manager), both, or neither. Never a
    training audit: it has no child."""
    if audit.get("training"):
        return set()
    case = set()
    if "practitioner" in roles and audit.get("worker") == user:
        case.add("worker")
    if "team_manager" in roles and _same_team(team, audit.get("team")):
        case.add("team")
    return case


def _same_team(mine: Any, theirs: Any) -> bool:
    # typed twice (a user's team, the sample's team column): case and outer spaces do not count
    if not isinstance(mine, str) or not isinstance(theirs, str):
        return False
    return bool(mine.strip()) and mine.strip().casefold() == theirs.strip().casefold()


def _practice_refusal(user: str, roles: set[str], action: str, audit: Mapping[str, Any],
                      case: set[str], team: str | None, what: str) -> str | None:
    """Responding to the findings, marking an action done, signing one off."""
    n, status = _id(audit), audit.get("status")
    lead = "lead_auditor" in roles
    if action == "sign_off":
        auditor = audit.get("auditor")
        # as before team managers came: the audit's own auditor, a moderator, the lead auditor
        own = bool(roles & {"auditor", "lead_auditor"}) or bool(
            "trainee" in roles and audit.get("training"))
        if user == auditor and own:
            return None
        if user != auditor and (lead or "moderator" in roles):
            return None
        if "team_manager" not in roles:
            if user == auditor:
                return _not_their_own(user, roles, n, "sign off the actions of")
            return (f"audit {n} is allocated to {auditor!r}, not {user!r}, so {user!r} cannot "
                    f"{what}")
        if case == {"worker"}:
            return (f"{user!r} cannot {what}: the child's team manager signs off its actions, "
                    "not its worker")
        case = case & {"team"}
    elif action == "complete_action" and lead:
        case = {"lead"}
    if not case:
        return _not_their_case(user, roles, n, case, status, team, what)
    if status != "finalised":
        return (f"audit {n} is {_words(status)}: its findings and actions go to the child's "
                f"worker and team manager once it is finalised, so {user!r} cannot {what} yet")
    return None


def _not_their_case(user: str, roles: set[str], n: Any, case: set[str], status: Any,
                    team: str | None, what: str) -> str:
    """Why a practitioner or team manager may not reach an audit. Whose case it is, or its
    team, is not said: an id can be guessed."""
    if case:
        return (f"audit {n} is {_words(status)}: the child's worker and team manager see it "
                f"once it is finalised, so {user!r} cannot {what} yet")
    if roles & set(_PRACTICE) == {"team_manager"} and not (
            isinstance(team, str) and team.strip()):
        return (f"{user!r} has no team in the store (a lead auditor can set it), so cannot "
                f"{what}")
    whose = []
    if "practitioner" in roles:
        whose.append("allocated to them")
    if "team_manager" in roles:
        whose.append("in their team")
    return f"{user!r} cannot {what}: it is not of a child {' or '.join(whose)}"


def _not_their_own(user: str, roles: set[str], n: Any, verb: str) -> str:
    """Why the audit's auditor may not reach it: a trainee's real audit, or a role taken away."""
    if "trainee" in roles:
        return (f"audit {n} is not a training audit: a trainee can {verb} only their own "
                "training audits")
    return f"{user!r} is no longer an auditor, so cannot {verb} audit {n}"


def _id(audit: Mapping[str, Any]) -> Any:
    return audit.get("audit_id", audit.get("id"))


def _words(status: Any) -> str:
    return str(status).replace("_", " ")


def _roles_in_words(roles: Iterable[str]) -> str:
    return " or ".join(("an " if r[0] in "aeiou" else "a ") + _words(r) for r in roles)


def audits_to_moderate(store: Any, user: str) -> list[dict]:
    """Submitted audits this user may moderate: allocated to them, or unallocated for a
    moderator; every one they did not audit for a lead auditor. ``store`` is an AuditStore."""
    roles = store.roles_of(user)
    if not roles:
        return []  # a stranger is shown nothing, and the store is not asked
    return [a for a in store.find_audits(status="submitted") if may(user, roles, "moderate", a)]
