"""Security tests: a signed-in person who is curious or hostile tries every way in.

Each test attacks through the route a person has (a browser signed in to the hub or to
``auditlib serve``, the command line, the database role of the service) and asserts both the
refusal and that nothing was read or changed.
"""
from __future__ import annotations

from tests.browser.conftest import browser, server  # noqa: F401 - fixtures for these tests
