"""auditlib.access against a table written out by hand: role × relationship × action × status.

Each cell lists the statuses in which the action is allowed: i in progress, s submitted,
r returned, f finalised, x removed; "-" never. The relationships are the acting user's to the
audit: their own, their own training audit, allocated to them for moderation, unallocated
(someone else's, no moderator yet), and other (someone else's, moderated by someone else).
"aud+mod" holds both the auditor and the moderator role.
"""
from __future__ import annotations

import ast
import re
import sys

import pytest

from auditlib import access
from auditlib.exceptions import AuditlibError, PermissionRefused
from tests.conftest import ROOT

AUDIT_TABLE = """
role      relationship view  edit submit moderate finalise return reopen remove export history
lead      own          isrfx ir   ir     -        -        -      f      isrf   isrfx  isrfx
lead      own_training isrfx ir   ir     -        -        -      f      isrf   isrfx  isrfx
lead      allocated    isrfx -    -      s        s        s      f      isrf   isrfx  isrfx
lead      unallocated  isrfx -    -      s        s        s      f      isrf   isrfx  isrfx
lead      other        isrfx -    -      s        s        s      f      isrf   isrfx  isrfx
auditor   own          isrf  ir   ir     -        -        -      -      -      isrf   isrf
auditor   own_training isrf  ir   ir     -        -        -      -      -      isrf   isrf
auditor   allocated    -     -    -      -        -        -      -      -      -      -
auditor   unallocated  -     -    -      -        -        -      -      -      -      -
auditor   other        -     -    -      -        -        -      -      -      -      -
moderator own          -     -    -      -        -        -      -      -      -      -
moderator own_training -     -    -      -        -        -      -      -      -      -
moderator allocated    srf   -    -      s        s        s      -      -      srf    srf
moderator unallocated  s     -    -      s        s        s      -      -      s      s
moderator other        -     -    -      -        -        -      -      -      -      -
trainee   own          -     -    -      -        -        -      -      -      -      -
trainee   own_training isrf  ir   ir     -        -        -      -      -      isrf   isrf
trainee   allocated    -     -    -      -        -        -      -      -      -      -
trainee   unallocated  -     -    -      -        -        -      -      -      -      -
trainee   other        -     -    -      -        -        -      -      -      -      -
aud+mod   own          isrf  ir   ir     -        -        -      -      -      isrf   isrf
aud+mod   own_training isrf  ir   ir     -        -        -      -      -      isrf   isrf
aud+mod   allocated    srf   -    -      s        s        s      -      -      srf    srf
aud+mod   unallocated  s     -    -      s        s        s      -      -      s      s
aud+mod   other        -     -    -      -        -        -      -      -      -      -
stranger  own          -     -    -      -        -        -      -      -      -      -
stranger  own_training -     -    -      -        -        -      -      -      -      -
stranger  allocated    -     -    -      -        -        -      -      -      -      -
stranger  unallocated  -     -    -      -        -        -      -      -      -      -
stranger  other        -     -    -      -        -        -      -      -      -      -
"""

# the month's pages and commands, by role: no audit decides these
MONTH_TABLE = """
role      list list_all list_others allocate track report dashboard cohort train users
lead      yes  yes      yes         yes      yes   yes    yes       yes    yes   yes
auditor   yes  -        -           -        -     -      -         -      yes   yes
moderator yes  -        yes         -        -     -      yes       yes    yes   yes
trainee   yes  -        -           -        -     -      -         -      yes   yes
aud+mod   yes  -        yes         -        -     -      yes       yes    yes   yes
stranger  -    -        -           -        -     -      -         -      -     -
"""

ROLES = {"lead": {"lead_auditor"}, "auditor": {"auditor"}, "moderator": {"moderator"},
         "trainee": {"trainee"}, "aud+mod": {"auditor", "moderator"},
         "stranger": set()}
STATUSES = {"i": "in_progress", "s": "submitted", "r": "returned", "f": "finalised",
            "x": "removed"}
USER = "u"


def audit(relationship: str, status: str) -> dict:
    auditor, moderator = {"own": (USER, None), "own_training": (USER, None),
                          "allocated": ("someone", USER), "unallocated": ("someone", None),
                          "other": ("someone", "another")}[relationship]
    return {"audit_id": 12, "auditor": auditor, "moderator": moderator, "status": status,
            "training": relationship == "own_training"}


def rows(table: str) -> tuple[list[str], list[list[str]]]:
    header, *body = [line.split() for line in table.strip().splitlines()]
    return header, body


def audit_cases():
    header, body = rows(AUDIT_TABLE)
    for role, relationship, *cells in body:
        for action, cell in zip(header[2:], cells, strict=True):
            for letter, status in STATUSES.items():
                yield pytest.param(role, relationship, action, status, letter in cell,
                                   id=f"{role}-{relationship}-{action}-{status}")


def month_cases():
    header, body = rows(MONTH_TABLE)
    for role, *cells in body:
        for action, cell in zip(header[1:], cells, strict=True):
            yield pytest.param(role, action, cell == "yes", id=f"{role}-{action}")


def test_the_tables_cover_every_action_role_and_relationship():
    audit_header, audit_body = rows(AUDIT_TABLE)
    month_header, month_body = rows(MONTH_TABLE)
    assert set(audit_header[2:]) | set(month_header[1:]) == set(access.ACTIONS)
    assert not set(audit_header[2:]) & set(month_header[1:])
    assert {(r[0], r[1]) for r in audit_body} == {
        (role, rel) for role in ROLES
        for rel in ("own", "own_training", "allocated", "unallocated", "other")}
    assert [r[0] for r in month_body] == list(ROLES)


@pytest.mark.parametrize("role,relationship,action,status,expected", list(audit_cases()))
def test_may_on_an_audit(role, relationship, action, status, expected):
    subject = audit(relationship, status)
    assert access.may(USER, ROLES[role], action, subject) is expected
    # check agrees with may, and a refusal is one line naming the acting user or the audit
    if expected:
        access.check(USER, ROLES[role], action, subject)
    else:
        with pytest.raises(PermissionRefused) as refused:
            access.check(USER, ROLES[role], action, subject)
        reason = str(refused.value)
        assert "\n" not in reason and ("'u'" in reason or "audit 12" in reason
                                       or " u " in reason), reason
        assert refused.value.user == USER


@pytest.mark.parametrize("role,action,expected", list(month_cases()))
def test_may_on_the_month(role, action, expected):
    assert access.may(USER, ROLES[role], action) is expected


@pytest.mark.parametrize("action,subject,reason", [
    ("view", {"auditor": "ash"}, "'u' is not a user of this store"),
    ("track", None, "'u' is not a user of this store"),
])
def test_a_stranger_is_told_they_are_not_a_user(action, subject, reason):
    assert access.refusal(USER, set(), action, subject) == reason


@pytest.mark.parametrize("roles,action,status,relationship,reason", [
    ({"auditor"}, "view", "submitted", "other",
     "audit 12 is not allocated to u (it is allocated to another auditor), so u cannot open it"),
    ({"moderator"}, "view", "in_progress", "unallocated",
     "audit 12 is still in progress: a moderator can open it once it is submitted"),
    ({"moderator"}, "export", "submitted", "other", "audit 12 is not allocated to u for "
                                                    "moderation"),
    ({"moderator"}, "edit", "in_progress", "own",
     "'u' is not an auditor or a lead auditor or a trainee, so cannot change audit 12"),
    ({"auditor"}, "edit", "in_progress", "other", "audit 12 is allocated to 'someone', not 'u'"),
    ({"auditor"}, "submit", "submitted", "own",
     "audit 12 has been submitted for moderation: the auditor cannot change it"),
    ({"auditor"}, "moderate", "submitted", "other",
     "'u' is not a moderator or a lead auditor, so cannot moderate audit 12"),
    ({"lead_auditor"}, "finalise", "submitted", "own", "'u' audited 12 and cannot moderate it"),
    ({"moderator"}, "return", "submitted", "other",
     "audit 12 is allocated for moderation to 'another', not 'u'"),
    ({"moderator"}, "moderate", "returned", "allocated",
     "audit 12 is returned, not submitted for moderation"),
    ({"lead_auditor"}, "reopen", "submitted", "other",
     "audit 12 is submitted: only a finalised audit can be reopened"),
    ({"auditor"}, "history", "removed", "own",
     "audit 12 has been removed: only a lead auditor can see it"),
    ({"trainee"}, "view", "in_progress", "own",
     "audit 12 is not a training audit: a trainee can open only their own training audits"),
])
def test_refusals_in_peoples_words(roles, action, status, relationship, reason):
    assert access.refusal(USER, roles, action, audit(relationship, status)) == reason


def test_month_refusals_name_the_role_needed():
    assert access.refusal("ash", {"auditor"}, "report") == \
        "'ash' is not a lead auditor, so cannot write the month's report"
    assert access.refusal("ash", {"auditor"}, "dashboard") == (
        "'ash' is not a moderator or a lead auditor, so cannot open the grade consistency "
        "dashboard")


def test_store_rows_and_summaries_are_both_audits():
    """The store's rows carry ``id``, its summaries and records ``audit_id``."""
    row = {"id": 3, "auditor": "ash", "moderator": None, "status": "submitted"}
    assert access.refusal("bo", {"auditor"}, "edit", row) == \
        "audit 3 is allocated to 'ash', not 'bo'"


def test_visible_keeps_the_order_and_only_what_may_be_opened():
    audits = [dict(audit("other", "submitted"), audit_id=1),
              dict(audit("own", "in_progress"), audit_id=2),
              dict(audit("unallocated", "submitted"), audit_id=3),
              dict(audit("own", "removed"), audit_id=4)]
    assert [a["audit_id"] for a in access.visible(USER, ["auditor"], audits)] == [2]
    assert [a["audit_id"] for a in access.visible(USER, ["moderator"], audits)] == [3]
    assert [a["audit_id"] for a in access.visible(USER, ["lead_auditor"], audits)] == [1, 2, 3, 4]
    assert access.visible(USER, [], audits) == []


def test_an_unknown_action_or_a_missing_audit_is_a_programming_error():
    with pytest.raises(ValueError, match="'peek' is not one of"):
        access.may(USER, {"lead_auditor"}, "peek")
    with pytest.raises(ValueError, match="give the audit"):
        access.may(USER, {"lead_auditor"}, "view")


def test_acting_user(monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "login")
    for name in ("JUPYTERHUB_USER", "AUDITLIB_USER"):
        monkeypatch.delenv(name, raising=False)
    assert access.acting_user() == "login"
    monkeypatch.setenv("AUDITLIB_USER", "served")
    assert access.acting_user() == "served"
    monkeypatch.setenv("JUPYTERHUB_USER", "hub")
    assert access.acting_user() == "hub"
    assert access.acting_user("given") == "given"
    assert access.acting_user("") == "hub"


def test_acting_user_without_a_login(monkeypatch):
    import getpass

    def no_login():
        raise OSError("No username set in the environment")

    monkeypatch.setattr(getpass, "getuser", no_login)
    for name in ("JUPYTERHUB_USER", "AUDITLIB_USER"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(AuditlibError, match="cannot tell who is acting"):
        access.acting_user()


def test_only_access_reads_who_is_signed_in():
    """One answer to "who is acting": no other module reads the sign-in's variables (before,
    the pages had their own ``current_user`` and the store its own reading)."""
    readers = [str(p.relative_to(ROOT)) for p in (ROOT / "auditlib").rglob("*.py")
               if p.name != "access.py" and p.parent.name != "share"
               and re.search(r"environ(?:\.get)?[(\[]\s*[\"'](?:JUPYTERHUB|AUDITLIB)_USER",
                             p.read_text(encoding="utf-8"))]
    assert readers == []


def test_access_imports_only_the_standard_library():
    """Pure rules: the standard library and auditlib's exceptions, nothing else."""
    tree = ast.parse((ROOT / "auditlib" / "access.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [f"{'.' * node.level}{node.module}"]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in sys.stdlib_module_names or name in (
                "__future__", "auditlib.exceptions"), name
