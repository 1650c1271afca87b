"""The training pages in a real browser: a trainee grades an exemplar and sees the benchmark;
the cohort page shows the result."""
from __future__ import annotations

import re

import pytest

from auditlib.store import AuditStore
from auditlib.training import list_exemplars
from tests.browser.conftest import READY, Server
from tests.browser.test_scrolling import shot
from tests.conftest import ROOT
from tests.stores import only, open_store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def training_server(tmp_path_factory):
    from tests.browser.conftest import _need_chromium
    _need_chromium()
    data = tmp_path_factory.mktemp("training")
    url = f"sqlite:///{data / 'audits.sqlite'}"
    exemplar = next(e for e in list_exemplars() if "scaled-social-care" in e.benchmarks)
    with open_store(url, only("lead", "tia")) as store:
        # the trainee has graded all but one section already (saved as she went)
        audit = store.add_audit(framework="scaled-social-care", child_id=exemplar.child_id,
                                auditor="tia", user="tia", training=True)
        answers = exemplar.benchmarks["scaled-social-care"].record["answers"]
        for item, answer in answers.items():
            if item == "outcomes":
                continue
            narratives = {k: v for k, v in answer.items() if k not in ("grade", "score",
                                                                          "flags")}
            store.save_answer(audit, item, user="tia", grade=answer.get("grade"),
                              score=answer.get("score"), flags=answer.get("flags"),
                              narratives=narratives)
        store.save_answer(audit, "outcomes", user="tia", evidence="e", impact="For the child")
    srv = Server(data, user="tia", args=(str(ROOT / "training"), "--store", url))
    srv.store_url, srv.exemplar, srv.audit = url, exemplar, audit
    yield srv
    srv.stop()


def test_calibration_then_cohort(training_server, page):
    from axe_playwright_python.sync_playwright import Axe

    home = training_server.links["home"]
    base, token = home.split("/?")[0], re.search(r"token=([^&]+)", home).group(1)
    page.goto(f"{base}/voila/render/calibration.ipynb?token={token}")
    page.wait_for_selector(".aw-start", timeout=90_000)
    page.select_option(".aw-exemplar select", label=training_server.exemplar.title)
    from auditlib import get_framework
    page.select_option(".aw-exemplar-framework select",
                       label=get_framework("scaled-social-care").title)
    page.click(".aw-start")
    page.wait_for_selector(".aw-save-status", timeout=30_000)
    assert "fictional" in page.inner_text(".aw-case").lower()
    assert page.inner_text(".aw-results") == ""  # blind until submitted
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["nodes"][0]["target"]) for v in bad]
    benchmark = training_server.exemplar.benchmarks["scaled-social-care"].record
    score = benchmark["answers"]["outcomes"]["score"]
    option = page.eval_on_selector(
        ".aw-grade-outcomes select",
        f"el => [...el.options].find(o => o.text.startsWith('{score}\\u00a0') || "
        f"o.text.startsWith('{score} ')).text")
    page.select_option(".aw-grade-outcomes select", label=option)
    page.wait_for_function(READY, timeout=15_000)
    page.click(".aw-submit")
    page.wait_for_selector(".aw-results table", timeout=30_000)
    text = page.inner_text(".aw-results")
    assert "Your grades against the benchmark" in text and "Why the benchmark says so" in text
    # Submit, at the foot of the form, is now disabled: focus goes up to the comparison, drawn
    # at the top (it stayed on the button, the comparison out of view)
    page.wait_for_function("document.activeElement.matches('.aw-results h2')", timeout=15_000)
    heading = page.eval_on_selector(".aw-results h2", "el => el.getBoundingClientRect().top")
    assert 0 <= heading < page.viewport_size["height"] - 100, heading
    # said to a trainee: an exercise, compared with the benchmark, not an auditor's audit
    assert "Your exercise is submitted: compare your grades with the benchmark below." in text
    said = page.inner_text(".aw-save-status") + page.inner_text(".aw-training .aw-main")
    assert "Your exercise is submitted" in page.inner_text(".aw-save-status")
    assert "auditor" not in said, said[:300]
    shot(page, "training-results-focused")
    with AuditStore(training_server.store_url) as store:
        assert store.find_audit(training_server.audit)["status"] == "submitted"
        store.add_role("tia", "moderator", user="lead")  # to see the cohort page
    page.goto(f"{base}/voila/render/cohort.ipynb?token={token}")
    page.wait_for_selector(".aw-cohort-trainees table", timeout=90_000)
    assert "tia" in page.inner_text(".aw-cohort-trainees")
    trainees = page.inner_text(".aw-cohort-trainees")
    assert "(no interval)" in trainees
    assert "“No interval” means too few exercises" in page.inner_text(".aw-workbook")
    assert page.external_requests == []
