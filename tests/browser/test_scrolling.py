"""Every page moves as a person moves it: the mouse wheel, PageDown, Space and the arrow keys
scroll it (Playwright's own clicks would scroll for us, so these tests never click to move), the
skip link is the first stop of the Tab key, focus is GOV.UK's yellow and black, read-only text
is readable, and a tablet's narrow window puts the summary after the form instead of over it.

Screenshots land in ``AUDITLIB_SHOTS`` when it names a folder, to look at."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from auditlib.store import AuditStore
from auditlib.training import list_exemplars
from tests.browser.conftest import READY, Server, open_workbook
from tests.conftest import ROOT
from tests.stores import GRADED, only, open_store, submitted_audit

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("AUDITLIB_SHOTS")

#: the page's own content, for the wheel to be over and the position to be read from
CONTENT = "#rendered_cells h1"
LONG = "\n".join(f"Line {n}: the social worker visited and saw Sam alone." for n in range(60))


def shot(page, name: str, **options) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), **options)


def top(page, selector: str = CONTENT) -> float:
    """Where the element is in the window now: what a person sees move."""
    return page.eval_on_selector(selector, "el => el.getBoundingClientRect().top")


def moved(page, before: float, how: str, selector: str = CONTENT, by: float = 30
          ) -> float:
    """Wait for the element to move up at least ``by`` pixels from ``before``; where it is."""
    from playwright.sync_api import TimeoutError as Timeout
    try:
        page.wait_for_function("([sel, before, by]) => document.querySelector(sel)"
                               ".getBoundingClientRect().top < before - by",
                               arg=[selector, before, by], timeout=5_000)
    except Timeout:
        where = page.evaluate("[document.scrollingElement.scrollTop, "
                              "document.activeElement.outerHTML.slice(0, 80)]")
        pytest.fail(f"{how} did not move the page: {selector} at {top(page, selector)}, was at "
                    f"{before}; scrolled {where[0]} px, focus on {where[1]}")
    settle(page)
    return top(page, selector)


def settle(page) -> None:
    """Wait for a smooth scroll to end (the page still for 150 ms), as a person's next key
    comes after the page has stopped."""
    page.evaluate("""() => new Promise(done => { let last = -1; const check = () => {
        const now = document.scrollingElement.scrollTop;
        if (now === last) { done(); } else { last = now; setTimeout(check, 150); } };
        check(); })""")


def scrolls_as_a_person_scrolls(page, name: str) -> None:
    """The page is taller than the window; the mouse wheel moves it, PageDown then moves it
    further; from the top again, Space and the down arrow each move it, with focus where a freshly
    opened page leaves it (on the page, not in a control)."""
    height = page.evaluate("window.innerHeight")
    tall = page.eval_on_selector("#rendered_cells", "el => el.getBoundingClientRect().height")
    assert tall > height + 450, f"{name}: the page fits the window; nothing to scroll"
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.wait_for_timeout(500)  # the widgets settle
    start = top(page)
    box = page.eval_on_selector("#rendered_cells", "el => { const r = "
                                "el.getBoundingClientRect(); return [r.left, r.width]; }")
    page.mouse.move(box[0] + min(box[1] / 3, 300), height / 2)
    page.mouse.wheel(0, 400)
    after_wheel = moved(page, start, "the mouse wheel", by=200)
    page.keyboard.press("PageDown")
    moved(page, after_wheel, "PageDown", by=20)
    shot(page, f"{name}-scrolled")
    for key in ("Space", "ArrowDown"):
        page.keyboard.press("Home")
        settle(page)
        assert page.evaluate("document.scrollingElement.scrollTop") == 0, "Home did not go up"
        before = top(page)
        page.keyboard.press(key)
        moved(page, before, key, by=20)


# -- the servers: the demo's auditor; the lead auditor on a store with a submitted audit; a
#    trainee on the training pages


@pytest.fixture(scope="module")
def lead_server(tmp_path_factory):
    from tests.browser.conftest import _need_chromium
    _need_chromium()
    data = tmp_path_factory.mktemp("scroll-lead")
    url = f"sqlite:///{data / 'audits.sqlite'}"
    with open_store(url, only("lead", "ash", "bo", "mo")) as store:
        audit = submitted_audit(store, child_id="SCR-1", evidence=LONG, impact="For Sam, safety.")
        for n, auditor in enumerate(("ash", "bo", "ash", "bo")):  # moderated: for consistency
            other = submitted_audit(store, auditor=auditor, child_id=f"SCR-{n + 2}")
            for section in GRADED:
                store.save_moderation(other, section, user="mo", score=5 - n % 2,
                                      comment="Visits could be strengthened by a plan.")
    srv = Server(data, user="lead", args=("--store", url))
    srv.audit = audit
    yield srv
    srv.stop()


def grade_as_the_benchmark(store, audit: int, trainee: str, exemplar, framework: str) -> None:
    """The trainee answers every field as the benchmark does."""
    for item, answer in exemplar.benchmarks[framework].record["answers"].items():
        store.save_answer(audit, item, user=trainee, grade=answer.get("grade"),
                          score=answer.get("score"), flags=answer.get("flags"),
                          narratives={k: v for k, v in answer.items()
                                      if k not in ("grade", "score", "flags")})


@pytest.fixture(scope="module")
def training_server(tmp_path_factory):
    from tests.browser.conftest import _need_chromium
    _need_chromium()
    data = tmp_path_factory.mktemp("scroll-training")
    url = f"sqlite:///{data / 'audits.sqlite'}"
    exemplar = list_exemplars()[0]  # the page's first choice, with its first framework
    framework = next(iter(exemplar.benchmarks))
    with open_store(url, only("lead", "tia")) as store:
        store.add_role("tia", "moderator", user="lead")  # to see the cohort page too
        # the trainee has graded every field (the benchmark's answers): submitting shows results
        audit = store.add_audit(framework=framework, child_id=exemplar.child_id,
                                auditor="tia", user="tia", training=True)
        grade_as_the_benchmark(store, audit, "tia", exemplar, framework)
    srv = Server(data, user="tia", args=(str(ROOT / "training"), "--store", url))
    srv.store_url = url
    yield srv
    srv.stop()


def render(srv: Server, notebook: str, query: str = "") -> str:
    home = next(iter(srv.links.values()))
    base = home.split("/voila/")[0].split("/?")[0]
    token = re.search(r"token=([^&]+)", home).group(1)
    return f"{base}/voila/render/{notebook}.ipynb?{query}token={token}"


@pytest.fixture
def short_page(browser):
    """A laptop window not so tall, so that every page is taller than it."""
    context = browser.new_context(viewport={"width": 1400, "height": 700})
    yield context.new_page()
    context.close()


def test_audit_page_scrolls(server, short_page):
    open_workbook(short_page, server.links["full-audit"])
    scrolls_as_a_person_scrolls(short_page, "audit")


def test_moderation_page_scrolls(lead_server, short_page):
    short_page.goto(render(lead_server, "moderation", f"audit_id={lead_server.audit}&"))
    short_page.wait_for_selector(".aw-mod-status", timeout=90_000)
    scrolls_as_a_person_scrolls(short_page, "moderation")


def scrolls_when_opened(browser, url: str, ready: str, height: int, name: str) -> None:
    """Open ``url`` in a window ``height`` pixels tall (so that the page is taller than it),
    wait for ``ready``, and move it as a person does."""
    context = browser.new_context(viewport={"width": 1400, "height": height})
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(ready, timeout=90_000)
        scrolls_as_a_person_scrolls(page, name)
    finally:
        context.close()


def test_lead_auditor_page_scrolls(lead_server, browser):
    scrolls_when_opened(browser, render(lead_server, "lead_auditor"), ".aw-preview", 350,
                        "lead")


def test_consistency_page_scrolls(lead_server, browser):
    scrolls_when_opened(browser, render(lead_server, "consistency"),
                        ".aw-consistency-summary", 400, "consistency")


def start_calibration(page, srv: Server) -> None:
    page.goto(render(srv, "calibration"))
    page.wait_for_selector(".aw-start", timeout=90_000)
    page.click(".aw-start")
    page.wait_for_selector(".aw-save-status", timeout=30_000)


def test_calibration_page_scrolls(training_server, short_page):
    start_calibration(short_page, training_server)
    scrolls_as_a_person_scrolls(short_page, "calibration")


def test_cohort_page_scrolls(training_server, browser):
    # two other trainees' submitted exercises, so the cohort has figures to show
    exemplar = list_exemplars()[0]
    framework = next(iter(exemplar.benchmarks))
    with AuditStore(training_server.store_url) as store:
        for n, name in enumerate(("tom", "una")):
            store.add_user(name, roles=["trainee"], user="lead", service_area=f"Area {n}")
            audit = store.add_audit(framework=framework, child_id=exemplar.child_id,
                                    auditor=name, user=name, training=True)
            grade_as_the_benchmark(store, audit, name, exemplar, framework)
            store.submit(audit, user=name)
    scrolls_when_opened(browser, render(training_server, "cohort"), "#rendered_cells h1", 450,
                        "cohort")


def test_home_page_scrolls(lead_server, browser):
    scrolls_when_opened(browser, lead_server.links["home"], ".aw-home", 400, "home")


def overlap(a: dict, b: dict) -> bool:
    return (a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"]
            and b["top"] < a["bottom"])


RECT = "el => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, " \
       "top: r.top, bottom: r.bottom}; }"


@pytest.mark.parametrize("width", [1280, 1400, 1920])
def test_calibration_teaching_is_never_under_the_summary(training_server, browser, width):
    """The case file and the benchmark's reasons stay clear of the fixed summary, at the
    widths of the laptops and screens people train on."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    start_calibration(page, training_server)
    if page.inner_text(".aw-results") == "":  # the first time: submit, to see the results
        page.wait_for_function(READY, timeout=15_000)
        page.click(".aw-submit")
    page.wait_for_selector(".aw-results table", timeout=30_000)
    assert "Why the benchmark says so" in page.inner_text(".aw-results")
    summary = page.eval_on_selector(".aw-summary", RECT)
    assert summary["right"] >= width - 1 and summary["left"] > width / 2  # fixed, at the right
    for part in (".aw-case", ".aw-case .aw-case-text", ".aw-results", ".aw-results table"):
        box = page.eval_on_selector(part, RECT)
        assert not overlap(box, summary), f"{part} is under the summary at {width} px"
    shot(page, f"calibration-{width}")
    context.close()


def test_tablet_summary_follows_the_form(server, browser):
    """At 768 px the summary is in the flow after the form: it covers no field, and the last
    field comes into view with the mouse wheel and is not under anything."""
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    page = context.new_page()
    open_workbook(page, server.links["full-audit"])
    summary = page.eval_on_selector(".aw-summary", RECT)
    first = page.eval_on_selector(".aw-main :is(input, select, textarea)", RECT)
    assert not overlap(summary, first)
    shot(page, "audit-768")
    fields = ".aw-main :is(input, select, textarea)"
    last = page.locator(fields).last
    page.mouse.move(200, 500)
    for _ in range(60):
        box = last.evaluate(RECT)
        if box["top"] >= 0 and box["bottom"] <= 1024:
            break
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(150)
    box = last.evaluate(RECT)
    assert box["top"] >= 0 and box["bottom"] <= 1024, "the last field never came into view"
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).tagName",
                        [(box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2])
    assert hit in ("INPUT", "SELECT", "TEXTAREA")
    shot(page, "audit-768-end")
    summary = page.eval_on_selector(".aw-summary", RECT)
    assert summary["top"] >= box["bottom"]  # the summary comes after the form
    context.close()


def test_skip_link_is_the_first_tab_stop(server, lead_server, page):
    open_workbook(page, server.links["scaled-social-care"])
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.innerText]")
    assert focused == ["A", "Skip to summary"]
    shot(page, "skip-link")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('.aw-summary') !== null")
    page.keyboard.press("Tab")  # the next stop is inside the summary, not back at the form
    assert page.evaluate("document.activeElement.closest('.aw-summary') !== null")
    page.goto(render(lead_server, "lead_auditor"))
    page.wait_for_selector(".aw-preview", timeout=90_000)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "Skip to main content"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.tagName === 'MAIN'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def focus_ring(page, selector: str) -> dict:
    page.focus(selector)
    return page.eval_on_selector(selector, "el => { const s = getComputedStyle(el); return "
                                 "{width: parseFloat(s.outlineWidth), style: s.outlineStyle, "
                                 "color: s.outlineColor, shadow: s.boxShadow}; }")


def test_focus_is_yellow_and_black(server, lead_server, page):
    open_workbook(page, server.links["full-audit"])
    for selector in (".aw-evidence-q1 textarea", ".aw-grade-q1 input[type=radio] >> nth=0",
                     ".aw-main select >> nth=0", ".aw-main button:not([disabled]) >> nth=0",
                     ".aw-main input[type=text] >> nth=0"):
        ring = focus_ring(page, selector)
        assert ring["width"] >= 3 and ring["style"] == "solid", (selector, ring)
        assert ring["color"] == "rgb(255, 221, 0)", (selector, ring)
        assert "rgb(11, 12, 12)" in ring["shadow"], (selector, ring)  # #0b0c0c
    page.focus(".aw-evidence-q1 textarea")
    shot(page, "focus-textarea", clip={"x": 0, "y": 0, "width": 1400, "height": 1000})
    page.goto(render(lead_server, "lead_auditor"))
    page.wait_for_selector(".aw-preview", timeout=90_000)
    ring = focus_ring(page, ".aw-sample-month input")
    assert ring["width"] >= 3 and ring["color"] == "rgb(255, 221, 0)"


CONTRAST = """el => {
  const rgb = c => (c.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number);
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92
      : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g)
      + 0.0722 * f(b); };
  let opacity = 1, bg = null;
  for (let n = el; n; n = n.parentElement) {
    const s = getComputedStyle(n);
    opacity *= parseFloat(s.opacity);
    const c = rgb(s.backgroundColor);
    if (!bg && (c.length < 4 || c[3] > 0)) bg = c.slice(0, 3);
  }
  bg = bg || [255, 255, 255];
  const s = getComputedStyle(el);
  const text = rgb(s.webkitTextFillColor || s.color), alpha = text.length > 3 ? text[3] : 1;
  const fg = text.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
  const mix = (c) => c.map(v => v * opacity + 255 * (1 - opacity));
  const [a, b] = [lum(mix(fg)), lum(mix(bg))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_read_only_text_is_readable(lead_server, page):
    """The lead auditor reads a submitted audit: its controls are disabled, its text still at
    4.5:1 or more."""
    page.goto(render(lead_server, "audit", f"audit_id={lead_server.audit}&"))
    page.wait_for_selector(".aw-save-status", timeout=90_000)
    disabled = page.locator(".aw-workbook :is(textarea, input, select, button):disabled")
    assert disabled.count() > 5
    low = [(el.evaluate("el => el.outerHTML.slice(0, 80)"), round(el.evaluate(CONTRAST), 2))
           for el in disabled.all()]
    low = [x for x in low if x[1] < 4.5]
    assert low == []
    shot(page, "read-only")


def clipped_labels(page) -> list[str]:
    """The controls' labels on show whose text does not fit their box (a line cut off)."""
    return page.evaluate("""() => [...document.querySelectorAll('.widget-label')]
        .filter(l => l.offsetParent && l.scrollHeight > l.clientHeight + 1)
        .map(l => l.innerText)""")


def first_sheet(pdf: bytes) -> str:
    """The text on the first printed sheet, as a reader of the PDF sees it."""
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text().strip()


def test_audit_prints_on_several_a4_pages(server, page):
    """Print preview of an audit with a long answer: several A4 pages, the summary in the flow
    (not fixed over the form), no buttons, the long answer whole."""
    open_workbook(page, server.links["full-audit"])
    assert clipped_labels(page) == [], "labels cut off on screen"
    page.fill(".aw-evidence-q1 textarea", LONG)
    page.wait_for_function("document.querySelector('.aw-save-status').innerText"
                           ".includes('Saved')", timeout=15_000)
    page.emulate_media(media="print")
    assert page.eval_on_selector(".aw-summary", "el => getComputedStyle(el).position") \
        == "static"
    assert page.locator(".aw-workbook button:visible").count() == 0
    assert clipped_labels(page) == [], "labels cut off on paper"
    whole = page.eval_on_selector(".aw-evidence-q1 textarea",
                                  "el => el.clientHeight >= el.scrollHeight - 2")
    assert whole, "the long answer is cut off in print"
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages > 3, f"the audit printed on {pages} page(s)"
    assert "Full audit of an individual child" in first_sheet(pdf), \
        "the first printed sheet is not the audit's"
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        Path(SHOTS, "audit.pdf").write_bytes(pdf)
        page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        shot(page, "audit-print-first-page")
        page.evaluate("document.querySelector('.aw-evidence-q1 textarea').scrollIntoView()")
        shot(page, "audit-print-long-answer")


def test_practice_page_scrolls(browser, tmp_path_factory):
    from tests.browser.test_practice_page import PracticeServers

    with PracticeServers(tmp_path_factory.mktemp("scroll-practice")) as servers:
        scrolls_when_opened(browser, servers.link("tom", servers.audits["ours"]),
                            ".aw-practice-audit", 500, "practice")
