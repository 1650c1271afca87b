"""Saving a person can trust, in a real browser: the page's kernel killed (what an idle cull, a
crash or a restart does) and two tabs on one audit. The page never says "Saved" for a change that
was not saved, and a change made elsewhere stays shown until the person chooses."""
from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import READY, open_workbook, says_connection_lost

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("AUDITLIB_SHOTS", "/tmp/shots13/saving"))


def wait_text(page, selector: str, text: str, timeout: int = 15_000) -> None:
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel);"
        " return el && el.innerText.includes(text); }", arg=[selector, text], timeout=timeout)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def kill_kernel(page) -> int:
    """Kill the page's own kernel process (SIGKILL: it says nothing on the way out)."""
    kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page.content()).group(1)
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(f"kernel-{kernel}.json".encode() in part for part in cmdline) \
                and b"ipykernel_launcher" in b" ".join(cmdline):
            os.kill(int(proc.name), signal.SIGKILL)
            return int(proc.name)
    raise AssertionError(f"no process for kernel {kernel}")


def answers(server, framework: str) -> dict:
    with AuditStore(server.store_url) as store:
        return store.find_audit(server.audit_id(framework))["answers"]


def test_a_killed_kernel_is_said_and_what_was_typed_survives_a_reload(server, page):
    framework = "scaled-social-care"
    open_workbook(page, server.links[framework])
    wait_text(page, ".aw-save-status", "Saved")
    assert page.locator(".aw-offline").count() == 0
    kill_kernel(page)
    says_connection_lost(page)
    text = "Sam was seen alone twice, after the kernel had gone."
    page.locator(".aw-evidence-risk textarea").click()
    page.keyboard.type(text)
    page.wait_for_timeout(1500)  # a working page would have saved by now
    status = page.inner_text(".aw-save-status")
    assert status.startswith("Not saved") and "Saved" not in status, status
    shot(page, "kernel-killed")
    assert "evidence" not in answers(server, framework).get("risk", {})

    page.get_by_role("button", name="Reload, keeping what I typed").click()
    kept = page.locator(".aw-kept-text")
    kept.wait_for(timeout=90_000)
    assert text in kept.inner_text()
    assert page.input_value(".aw-evidence-risk textarea") == ""
    assert page.locator(".aw-offline").count() == 0
    shot(page, "after-reload-kept-text")
    kept.get_by_role("button", name=re.compile("Put back my text")).click()
    assert page.input_value(".aw-evidence-risk textarea") == text
    page.wait_for_timeout(1200)
    wait_text(page, ".aw-save-status", "Last saved")
    assert answers(server, framework)["risk"]["evidence"] == text
    assert page.locator(".aw-kept-text").count() == 0
    assert page.external_requests == []


def test_a_change_made_in_another_tab_stays_shown_until_chosen(server, browser, page):
    framework = "full-audit"
    url = server.links[framework]
    other = page.context.new_page()
    open_workbook(page, url)
    open_workbook(other, url)
    page.fill(".aw-evidence-q1 textarea", "Theirs: two assessments on time.")
    wait_text(page, ".aw-save-status", "Last saved")
    other.fill(".aw-evidence-q1 textarea", "Mine: one assessment was late.")
    wait_text(other, ".aw-save-status", "changed elsewhere")
    conflict = other.locator(".aw-conflict")
    conflict.wait_for()
    assert "Theirs: two assessments on time." in conflict.inner_text()
    assert "Mine: one assessment was late." in conflict.inner_text()
    # another field saves, and the conflict is still shown: the unsaved text is on screen
    other.fill(".aw-evidence-q2 textarea", "For Jo, the plan reflects her needs.")
    other.wait_for_timeout(1500)
    assert answers(server, framework)["q2"]["evidence"] == "For Jo, the plan reflects her needs."
    status = other.inner_text(".aw-save-status")
    assert "Not saved" in status and "changed elsewhere" in status, status
    assert other.locator(".aw-conflict").count() == 1
    shot(other, "two-tabs-conflict")
    conflict.scroll_into_view_if_needed()
    shot(other, "two-tabs-conflict-choice")
    assert answers(server, framework)["q1"]["evidence"] == "Theirs: two assessments on time."
    conflict.get_by_role("button", name="Keep mine").click()
    wait_text(other, ".aw-save-status", "Saved")
    assert other.locator(".aw-conflict").count() == 0
    assert answers(server, framework)["q1"]["evidence"] == "Mine: one assessment was late."
    other.close()


def test_an_action_edited_in_two_tabs_is_not_overwritten(server, page):
    framework = "full-audit"
    url = server.links[framework]
    open_workbook(page, url)
    page.get_by_role("button", name="Add an action").click()
    page.locator(".aw-action-action textarea").first.wait_for()
    other = page.context.new_page()
    open_workbook(other, url)
    page.locator(".aw-action-owner input").last.fill("Team manager")
    wait_text(page, ".aw-save-status", "Last saved")
    page.wait_for_timeout(800)
    other.locator(".aw-action-owner input").last.fill("Social worker")
    wait_text(other, ".aw-save-status", "changed elsewhere")
    other.locator(".aw-conflict").wait_for()
    shot(other, "two-tabs-action-conflict")
    with AuditStore(server.store_url) as store:
        actions = store.find_audit(server.audit_id(framework))["actions"]
    assert actions[-1]["owner"] == "Team manager"
    other.locator(".aw-conflict").get_by_role("button", name="Use theirs").click()
    wait_text(other, ".aw-save-status", "Saved")
    assert other.locator(".aw-action-owner input").last.input_value() == "Team manager"
    other.close()


def test_words_typed_just_before_submit_are_all_submitted(server, page):
    """The auditor types the last words and presses Submit at once. The browser holds a text
    box's latest value back while the kernel is busy with the one before, but sends a button's
    press straight away: the submission waits for the words, and every one of them is stored."""
    from tests.stores import complete

    with AuditStore(server.store_url) as store:
        audit = store.add_audit(framework="scaled-social-care", child_id="DEMO-FAST-001",
                                auditor="amira", user="demo-lead")
        complete(store, audit, user="amira")
    base, token = server.links["home"].split("/?")[0], server.links["home"].split("token=")[1]
    open_workbook(page, f"{base}/voila/render/audit.ipynb?audit_id={audit}&token={token}")
    page.wait_for_function(READY, timeout=15_000)
    text = ("The plan was reviewed with the family on each visit and every action in it was "
            "followed up by the social worker within the agreed timescale, written down.")
    page.focus(".aw-evidence-risk textarea")
    page.keyboard.press("Control+A")
    page.keyboard.type(text)  # each key a change for the kernel, as a person types
    page.focus(".aw-submit")
    page.keyboard.press("Enter")
    wait_text(page, ".aw-save-status", "submitted", timeout=20_000)
    with AuditStore(server.store_url) as store:
        record = store.find_audit(audit)
    assert record["status"] == "submitted"
    assert record["answers"]["risk"]["evidence"] == text
