"""What every page shares: the store it reads, who it is for and whether they may see it, how a
notebook opens it (or shows why it cannot), and, for the pages on one audit, saving on the
kernel's loop with an honest save state."""
from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w

from auditlib import access
from auditlib.exceptions import AuditlibError, AuditNotFound, VersionConflict
from auditlib.pages.html import e, style
from auditlib.store import AuditStore


class Page:
    """One page: its store, the person signed in (never a notebook parameter: see
    :func:`auditlib.access.acting_user`) and their roles. A page checks, as it is built, that
    its person may do each of ``actions`` (to ``record``), so a page built is a page they may
    see. A subclass builds ``self.widget``, which a notebook displays."""

    widget: w.Widget

    def __init__(self, store: AuditStore, user: str | None = None,
                 actions: Iterable[str] = (), record: dict[str, Any] | None = None):
        self.store = store
        self.user = user or access.acting_user()
        self.roles = store.roles_of(self.user)
        for action in actions:
            access.check(self.user, self.roles, action, record)

    def may(self, action: str, record: dict[str, Any] | None = None) -> bool:
        return access.may(self.user, self.roles, action, record)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def open_page(cannot_open: str, build: Callable[[AuditStore], Any],
              store_url: str | None = None) -> Any:
    """``build(store)`` on the store ``AUDITLIB_STORE`` names (``store_url`` is for tests), for
    a notebook to display; if it cannot be built, a message titled ``cannot_open`` saying why.
    The store stays open for a :class:`Page`, whose handlers use it, and only for one."""
    store = None
    try:
        store = AuditStore(store_url)
        page = build(store)
    except AuditlibError as exc:
        if store is not None:
            store.close()
        return message(cannot_open, str(exc))
    if not isinstance(page, Page):
        store.close()
    return page


def audit_id_from_address(audit_id: int | str | None) -> int | str | None:
    """The notebook's ``audit_id`` parameter, else the page address's (``?audit_id=12``, which
    Voilà passes as ``QUERY_STRING``); None when neither names one."""
    from urllib.parse import parse_qs

    if audit_id in (None, ""):
        audit_id = (parse_qs(os.environ.get("QUERY_STRING", "")).get("audit_id") or [None])[0]
    return None if audit_id in (None, "") else audit_id


def message(title: str, text: str) -> w.HTML:
    """What a notebook shows instead of a page that cannot open."""
    box = w.HTML(style("workbook") + f"<div class='aw-workbook'><h1>{e(title)}</h1>"
                 f"<p class='aw-banner' role='alert'>{e(text)}</p></div>")
    box.add_class("aw-message")
    return box


class Saver:
    """Runs saves now, or after a quiet interval per key (typing), on the kernel's event loop."""

    def __init__(self, delay: float, on_pending: Callable[[], None]):
        self.delay = delay
        self.pending: dict[str, tuple[Any, Callable[[], None]]] = {}
        self.on_pending = on_pending

    def now(self, key: str, save: Callable[[], None]) -> None:
        self.cancel(key)
        save()

    def later(self, key: str, save: Callable[[], None]) -> None:
        if self.delay <= 0:
            return self.now(key, save)
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None  # no kernel loop (a test): the save waits for flush()
        self.cancel(key)
        handle = loop.call_later(self.delay, self._fire, key) if loop else None
        self.pending[key] = (handle, save)
        self.on_pending()
        return None

    def _fire(self, key: str) -> None:
        entry = self.pending.pop(key, None)
        if entry is not None:
            entry[1]()

    def cancel(self, key: str) -> None:
        entry = self.pending.pop(key, None)
        if entry is not None and entry[0] is not None:
            entry[0].cancel()

    def flush(self) -> None:
        """Run every pending save now (before submitting, and in tests)."""
        for key in list(self.pending):
            handle, save = self.pending.pop(key)
            if handle is not None:
                handle.cancel()
            save()


class AuditPage(Page):
    """A page on one audit that saves as its person works (the auditor's and the moderator's
    workbooks). Each item saved carries the version this page last saw of it: a change made
    elsewhere since is refused by the store and shown, never overwritten.

    A subclass sets ``edit_action`` (what its person does here, for :mod:`auditlib.access`),
    builds ``banner``, ``status_box`` and ``controls()``, and says ``write`` (the store's verb
    for one item), ``settled_words()`` and ``read_only_reason()``."""

    edit_action = "edit"
    banner: w.HTML
    status_box: w.HTML

    def __init__(self, store: AuditStore, audit_id: int | str, user: str | None,
                 save_delay: float):
        try:
            self.audit_id = int(audit_id)
        except (TypeError, ValueError):
            raise AuditNotFound(f"no such audit: {audit_id!r}") from None
        record = store.find_audit(self.audit_id)
        # audits describe children, and a link can be passed on: auditlib.access decides who
        # may open this one
        super().__init__(store, user, ("view",), record)
        self.record = record
        # the version this page last saw of each item: a save based on it is refused if someone
        # changed that item since, and our own saves move it on
        self.loaded_version = record["version"]
        self.seen: dict[str, int] = {}
        self.problem: str | None = None
        self.saver = Saver(save_delay, self.show_status)

    # -- what each page says

    def write(self, item_id: str, *, expected_version: int, **changes: Any) -> int:
        raise NotImplementedError  # pragma: no cover - each page saves its own kind of item

    def settled_words(self) -> str:
        """The save state when nothing is waiting and nothing failed."""
        return "Saved"

    def read_only_reason(self) -> str:
        raise NotImplementedError  # pragma: no cover - each page words its own

    def controls(self) -> list[w.Widget]:
        raise NotImplementedError  # pragma: no cover

    # -- saving

    @property
    def editable(self) -> bool:
        return self.may(self.edit_action, self.record)

    def save(self, item_id: str, *, now: bool, key: str | None = None, **changes: Any) -> None:
        """Save ``changes`` to one item, now (a choice) or after typing stops."""
        key = key or f"{item_id}.{'.'.join(sorted(changes))}"

        def do_save() -> None:
            self.run_save(item_id, lambda: self.write(
                item_id, expected_version=self.seen.get(item_id, self.loaded_version),
                **changes), seen=item_id)
        if now:
            self.saver.now(key, do_save)
        else:
            self.saver.later(key, do_save)
            self.show_status()

    def run_save(self, what: str, write: Callable[[], Any], seen: str | None = None) -> Any:
        """Run one write against the store, keeping the save state honest. ``seen`` names the
        item whose version the write returns."""
        try:
            result = write()
        except VersionConflict as exc:
            by = f" by {exc.changed_by}" if exc.changed_by else ""
            self.problem = (f"{what} was changed elsewhere{by} after you opened this page. "
                            "Your change is still on screen; reload the page to see theirs.")
            self.banner.value = f"<p class='aw-banner' role='alert'>{e(self.problem)}</p>"
            self.show_status()
            return None
        except AuditlibError as exc:
            self.problem = str(exc)
            self.show_status()
            return None
        if seen is not None:
            self.seen[seen] = result
        self.problem = None
        self.show_status()
        return result if result is not None else True

    def show_status(self) -> None:
        if self.problem:
            text, css = f"Not saved: {self.problem}", "aw-status aw-status-error"
        elif self.saver.pending:
            text, css = "Saving…", "aw-status"
        else:
            text, css = self.settled_words(), "aw-status"
        self.status_box.value = (f"<p class='{css}' role='status' aria-live='polite'>"
                                 f"{e(text)}</p>")

    def flush(self) -> None:
        self.saver.flush()

    def apply_access(self) -> None:
        """Controls disabled, and the banner saying why, unless this person may work here."""
        read_only = not self.editable
        for control in self.controls():
            control.disabled = read_only
        self.banner.value = (f"<p class='aw-banner' role='status'>{e(self.read_only_reason())}"
                             "</p>" if read_only else "")

    def status_words(self) -> str:
        return self.record["status"].replace("_", " ")
