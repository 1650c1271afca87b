"""Links that can be sent (issue 14): the manifest's links open the child's audit page under the
service's public address, never a workbook file, and never with a token or a password in them.

Found by the users: the manifest's link was ``voila/render/<child>-audit12.ipynb``, relative, with
no token, and a file ``auditlib serve`` of the month's folder does not even serve (404). The
browser tests (tests/browser/test_sent_links.py) open these links on a real hub and a real serve.
"""
from __future__ import annotations

import csv
import json

import pytest

from auditlib.exceptions import AuditlibError, InvalidValue
from auditlib.month.generate import generate_workbooks
from auditlib.month.links import audit_link, page_link, public_url
from auditlib.store import AuditStore
from tests.stores import only, open_store, sqlite_url
from tests.test_cli import one_line_error, run
from tests.test_generate import read_manifest, write_sample

HUB = "https://hub.example.gov.uk/hub/user-redirect/"


@pytest.fixture
def people():
    return only("lead")


@pytest.fixture(autouse=True)
def no_public_url_from_here(monkeypatch):
    """The environment of whoever runs the tests sets no public address for them."""
    monkeypatch.delenv("AUDITLIB_PUBLIC_URL", raising=False)


# --------------------------------------------------------------------------- the address

@pytest.mark.parametrize(("given", "expected"), [
    ("https://audits.example.gov.uk", "https://audits.example.gov.uk/"),
    ("https://audits.example.gov.uk/", "https://audits.example.gov.uk/"),
    ("https://hub.example.gov.uk/hub/user-redirect", HUB),
    ("  http://127.0.0.1:8000/audits  ", "http://127.0.0.1:8000/audits/"),
    ("HTTPS://Audits.Example.gov.uk/", "HTTPS://Audits.Example.gov.uk/"),
    ("https://tokens.example.gov.uk/", "https://tokens.example.gov.uk/"),  # a host, not a token
])
def test_a_public_address_is_checked_and_ends_with_a_slash(given, expected):
    assert public_url(given) == expected


@pytest.mark.parametrize(("given", "why"), [
    ("", "is empty"),
    ("ftp://files.example.gov.uk/", "is not an http:// or https:// address"),
    ("javascript:alert(1)", "is not an http:// or https:// address"),
    ("audits.example.gov.uk", "is not an http:// or https:// address"),
    ("//audits.example.gov.uk/", "is not an http:// or https:// address"),
    ("https://", "has no host name"),
    ("https://audits.example.gov.uk:port/", "is not a web address"),
    ("https://audits.example.gov.uk/?next=x", "has a query"),
    ("https://audits.example.gov.uk/#top", "has a fragment"),
    ("https://audits example.gov.uk/", "holds a space"),
    ("https://audits.example.gov.uk/\nSet-Cookie: x", "holds a space or a control character"),
])
def test_a_wrong_public_address_is_refused_in_one_line(given, why):
    with pytest.raises(InvalidValue) as refused:
        public_url(given)
    assert refused.value.field == "public_url"
    assert why in refused.value.message and "\n" not in str(refused.value)


@pytest.mark.parametrize("given", [
    "https://lead:S3CRET-PW@audits.example.gov.uk/",
    "https://S3CRET-PW@audits.example.gov.uk/",
    "https://audits.example.gov.uk/?token=S3CRET-PW",
    "https://audits.example.gov.uk/?x=1&token=S3CRET-PW",
    "https://audits.example.gov.uk/voila/render/a.ipynb?token=S3CRET-PW",
])
def test_a_password_or_token_is_refused_and_never_repeated(given):
    """A link is sent to people: a password or token in the address would go with every one,
    and the refusal must not print it either (scrollback, logs)."""
    with pytest.raises(InvalidValue) as refused:
        public_url(given)
    assert "S3CRET" not in str(refused.value)
    assert "password" in str(refused.value) or "token" in str(refused.value)


def test_the_environment_gives_the_address_and_is_named_when_wrong(monkeypatch):
    assert public_url() is None
    monkeypatch.setenv("AUDITLIB_PUBLIC_URL", "https://audits.example.gov.uk")
    assert public_url() == "https://audits.example.gov.uk/"
    assert public_url("https://other.example.gov.uk/") == "https://other.example.gov.uk/"
    monkeypatch.setenv("AUDITLIB_PUBLIC_URL", "ftp://x/")
    with pytest.raises(AuditlibError, match=r"^AUDITLIB_PUBLIC_URL: 'ftp://x/' is not an http"):
        public_url()


def test_links_to_the_pages():
    assert audit_link(12, HUB) == f"{HUB}voila/render/audit.ipynb?audit_id=12"
    assert audit_link(12) == "voila/render/audit.ipynb?audit_id=12"
    assert page_link("moderation", 3, HUB) == f"{HUB}voila/render/moderation.ipynb?audit_id=3"
    assert page_link("lead_auditor", base=HUB) == f"{HUB}voila/render/lead_auditor.ipynb"
    with pytest.raises(ValueError):
        audit_link("1&token=x")  # an audit id is a number, nothing else


# --------------------------------------------------------------------------- the manifest

def test_the_manifest_links_each_childs_audit_page_under_the_public_address(store, tmp_path):
    sample = write_sample(tmp_path / "sample.csv", ["C1", "C2", "../../x"])
    result = generate_workbooks(sample, tmp_path / "wb", store, "lead", progress=False,
                                public_url="https://hub.example.gov.uk/hub/user-redirect")
    rows = read_manifest(tmp_path / "wb" / "manifest.csv")
    assert result.public_url == HUB
    assert [r["link"] for r in rows] == [
        f"{HUB}voila/render/audit.ipynb?audit_id={r['audit_id']}" for r in rows]
    for row in rows:  # never the workbook file, never a token
        assert row["workbook"] not in row["link"] and "token" not in row["link"]


def test_without_a_public_address_the_links_are_relative_to_the_pages(store, tmp_path):
    sample = write_sample(tmp_path / "sample.csv", ["C1", "C2"])
    result = generate_workbooks(sample, tmp_path / "wb", store, "lead", progress=False)
    assert result.public_url is None
    assert [r["link"] for r in read_manifest(result.manifest)] == [
        f"voila/render/audit.ipynb?audit_id={r['audit_id']}" for r in result.rows]


def test_a_wrong_address_given_to_the_library_writes_nothing(store, tmp_path):
    sample = write_sample(tmp_path / "sample.csv", ["C1"])
    with pytest.raises(InvalidValue):
        generate_workbooks(sample, tmp_path / "wb", store, "lead", progress=False,
                           public_url="https://x/?token=abc")
    assert not (tmp_path / "wb").exists() and store.find_audits() == []


# --------------------------------------------------------------------------- the command line

@pytest.fixture
def month(tmp_path, lead_at_the_command_line):
    """A sample and an empty store (the lead auditor alone), for the command line."""
    url = sqlite_url(tmp_path)
    with open_store(url, only("lead")):
        pass
    return write_sample(tmp_path / "sample.csv", ["C1", "C2"]), url


def test_generate_with_public_url(month, tmp_path):
    sample, url = month
    result = run("generate", sample, "--out", tmp_path / "wb", "--store", url,
                 "--public-url", "https://audits.example.gov.uk", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["public_url"] == "https://audits.example.gov.uk/"
    assert "note" not in result.stderr
    with open(tmp_path / "wb" / "manifest.csv", newline="", encoding="utf-8") as handle:
        links = [row["link"] for row in csv.DictReader(handle)]
    with AuditStore(url) as store:
        ids = sorted(a["audit_id"] for a in store.find_audits())
    assert links == [f"https://audits.example.gov.uk/voila/render/audit.ipynb?audit_id={i}"
                     for i in ids]


def test_generate_takes_the_address_from_the_environment(month, tmp_path, monkeypatch):
    sample, url = month
    monkeypatch.setenv("AUDITLIB_PUBLIC_URL", HUB)
    result = run("generate", sample, "--out", tmp_path / "wb", "--store", url)
    assert result.returncode == 0, result.stderr
    assert f"opens their audit at {HUB} once they have signed in" in result.stdout
    assert all(r["link"].startswith(f"{HUB}voila/render/audit.ipynb?audit_id=")
               for r in read_manifest(tmp_path / "wb" / "manifest.csv"))


def test_generate_without_an_address_says_how_to_get_links_that_can_be_sent(month, tmp_path):
    sample, url = month
    result = run("generate", sample, "--out", tmp_path / "wb", "--store", url)
    assert result.returncode == 0, result.stderr
    assert "set a public URL (--public-url, or AUDITLIB_PUBLIC_URL) to get links that can be " \
           "sent" in result.stderr


@pytest.mark.parametrize(("option", "environment", "expected"), [
    ("https://lead:pw@audits.example.gov.uk/", None,
     "auditlib: --public-url: the address carries a user name or password"),
    ("ftp://audits.example.gov.uk/", None, "auditlib: --public-url: 'ftp://audits"),
    (None, "https://audits.example.gov.uk/?token=abc",
     "auditlib: AUDITLIB_PUBLIC_URL: the address carries a token"),
])
def test_generate_refuses_a_wrong_address_before_anything_is_written(
        month, tmp_path, monkeypatch, option, environment, expected):
    sample, url = month
    if environment:
        monkeypatch.setenv("AUDITLIB_PUBLIC_URL", environment)
    result = run("generate", sample, "--out", tmp_path / "wb", "--store", url,
                 *(["--public-url", option] if option else []))
    line = one_line_error(result)
    assert line.startswith(expected), line
    assert "pw@" not in line and "abc" not in line
    assert not (tmp_path / "wb").exists()
    with AuditStore(url) as store:
        assert store.find_audits() == []


def test_serve_refuses_a_wrong_address_before_it_starts(tmp_path):
    result = run("serve", "--demo", "--no-browser", "--public-url", "https://a/?token=x")
    assert one_line_error(result).startswith("auditlib: --public-url: the address carries a "
                                             "token")
    assert "http://127.0.0.1" not in result.stdout


# --------------------------------------------------------------------------- the lead's page

def test_the_lead_auditors_page_shows_the_manifests_links(store, tmp_path, monkeypatch,
                                                          lead_at_the_command_line):
    from auditlib.pages.lead import LeadAuditorWorkbook
    from tests.test_lead import AUDITORS, CHILDREN, HISTORY

    monkeypatch.setenv("AUDITLIB_PUBLIC_URL", HUB)
    page = LeadAuditorWorkbook(store, user="lead", folder=tmp_path / "data", month="2026-11")
    page.sample.upload_files(children=CHILDREN, history=HISTORY, auditors=AUDITORS)
    page.sample.month.value, page.sample.size.value, page.sample.seed.value = "2026-11", 3, 7
    page.sample.preview_button.click()
    page.sample.generate_button.click()
    manifest = read_manifest(tmp_path / "data" / "months" / "2026-11" / "workbooks"
                             / "manifest.csv")
    shown = page.sample.manifest.value
    assert "Link to send" in shown and "cannot be sent" not in shown
    for row in manifest:
        assert row["link"].startswith(HUB) and row["link"].replace("&", "&amp;") in shown


def test_the_lead_auditors_page_says_when_its_links_cannot_be_sent(store, tmp_path,
                                                                   lead_at_the_command_line):
    from auditlib.pages.lead import LeadAuditorWorkbook
    from tests.test_lead import AUDITORS, CHILDREN, HISTORY

    page = LeadAuditorWorkbook(store, user="lead", folder=tmp_path / "data", month="2026-11")
    page.sample.upload_files(children=CHILDREN, history=HISTORY, auditors=AUDITORS)
    page.sample.month.value, page.sample.size.value, page.sample.seed.value = "2026-11", 2, 7
    page.sample.preview_button.click()
    page.sample.generate_button.click()
    shown = page.sample.manifest.value
    assert "voila/render/audit.ipynb?audit_id=" in shown
    assert "cannot be sent" in shown and "AUDITLIB_PUBLIC_URL" in shown


def test_serve_refuses_an_address_with_a_path():
    """Voilà's token sign-in page answers at /login whatever the base address: a link under
    https://x/audits/ would ask for a sign-in page that is not there."""
    result = run("serve", "--demo", "--no-browser", "--public-url",
                 "https://council.example.gov.uk/audits")
    line = one_line_error(result)
    assert line.startswith("auditlib: --public-url: 'https://council.example.gov.uk/audits/' "
                           "has a path"), line
