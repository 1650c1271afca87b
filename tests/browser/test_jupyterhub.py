"""Many users, one service: a real JupyterHub (configurable-http-proxy from the npm registry) on
loopback, people signing in through a real browser, one PostgreSQL store."""
from __future__ import annotations

import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import READY
from tests.hub import sign_in

pytestmark = pytest.mark.browser


def test_three_people_sign_in_each_sees_their_own(hub, browser):
    base, audits = hub["base"], hub["audits"]
    ash_ctx, ash = sign_in(browser, base, "ash")
    assert f"Audit {audits['ash']}" in ash.inner_text(".aw-home")
    assert f"Audit {audits['bo']}" not in ash.inner_text(".aw-home")
    # a crafted link to bo's audit, through ash's own server: refused, not shown
    ash.goto(f"{base}/user/ash/voila/render/audit.ipynb?audit_id={audits['bo']}")
    ash.wait_for_selector(".aw-message", timeout=60_000)
    assert "cannot open it" in ash.inner_text(".aw-message")
    assert "HUB-bo" not in ash.inner_text("body")
    # and through bo's server: the hub refuses
    response = ash.goto(f"{base}/user/bo/voila/render/audit.ipynb?audit_id={audits['bo']}")
    assert response.status in (403, 404) or "No access" in ash.inner_text("body")
    # ash completes and submits her own audit in the browser
    ash.goto(f"{base}/user/ash/voila/render/audit.ipynb?audit_id={audits['ash']}")
    ash.wait_for_selector(".aw-save-status", timeout=60_000)
    ash.get_by_role("radio", name="Meets good").first.check()
    ash.wait_for_function(READY, timeout=15_000)
    ash.click(".aw-submit")
    ash.wait_for_function("document.querySelector('.aw-save-status').innerText"
                          ".includes('read-only')", timeout=15_000)
    ash_ctx.close()

    bo_ctx, bo = sign_in(browser, base, "bo")
    assert f"Audit {audits['bo']}" in bo.inner_text(".aw-home")
    bo.goto(f"{base}/user/bo/voila/render/audit.ipynb?audit_id={audits['bo']}")
    bo.wait_for_selector(".aw-save-status", timeout=60_000)
    bo.fill(".aw-evidence-q1 textarea", "Bo's evidence.")
    bo.wait_for_timeout(1200)
    bo_ctx.close()

    mo_ctx, mo = sign_in(browser, base, "mo")
    assert f"Audit {audits['ash']}" in mo.inner_text(".aw-home")  # to moderate
    mo.click(f"text=Audit {audits['ash']}")
    mo.wait_for_selector(".aw-mod-status", timeout=60_000)
    mo.get_by_role("radio", name="Does not meet good").first.check()
    mo.wait_for_timeout(800)
    mo.click(".aw-finalise")
    mo.click(".aw-confirm-finalise")
    mo.wait_for_function("document.querySelector('.aw-mod-status').innerText"
                         ".includes('finalised')", timeout=15_000)
    mo_ctx.close()

    with AuditStore(hub["store"]) as store:
        ash_record = store.find_audit(audits["ash"])
        assert ash_record["status"] == "finalised"
        assert ash_record["answers"]["q1"]["grade"] == "meets_good"
        assert ash_record["moderation"]["q1"]["grade"] == "does_not_meet_good"
        who = {(h["what"], h["user"]) for h in store.history(audits["ash"])}
        assert ("answers.q1.grade", "ash") in who
        assert ("moderation.q1.grade", "mo") in who
        assert ("status", "mo") in who
        assert store.find_audit(audits["bo"])["answers"]["q1"]["evidence"] == "Bo's evidence."
        assert {h["user"] for h in store.history(audits["bo"])
                if h["what"].startswith("answers")} == {"bo"}
