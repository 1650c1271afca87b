"""What every page shares: the store it reads, who it is for and whether they may see it, how a
notebook opens it (or shows why it cannot), and, for the pages on one audit, saving on the
kernel's loop with an honest save state."""
from __future__ import annotations

import asyncio
import datetime as _dt
import os
import time
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
        self.team = access.team_of(store, self.user)  # a team manager sees their team's audits
        for action in actions:
            access.check(self.user, self.roles, action, record, team=self.team)

    def may(self, action: str, record: dict[str, Any] | None = None) -> bool:
        return access.may(self.user, self.roles, action, record, team=self.team)

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

    #: how long the page's controls must be still before a Submit, Return or Finalise goes
    #: ahead, and the longest it waits for them (seconds)
    settle, settle_at_most = 0.5, 5.0

    def __init__(self, delay: float, on_pending: Callable[[], None]):
        self.delay = delay
        self.pending: dict[str, tuple[Any, Callable[[], None]]] = {}
        self.on_pending = on_pending
        self.last_change = 0.0  # time.monotonic() of the latest change from the page
        self.waiting: Callable[[], None] | None = None  # an action waiting for stillness

    def touch(self, _change: Any = None) -> None:
        """A control changed (typing, a choice): the page is not still yet."""
        self.last_change = time.monotonic()

    def now(self, key: str, save: Callable[[], None]) -> None:
        self.touch()
        self.cancel(key)
        save()

    def later(self, key: str, save: Callable[[], None]) -> None:
        self.touch()
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

    def when_still(self, action: Callable[[], None]) -> None:
        """Run ``action`` once the page has been still for ``settle`` seconds. The browser holds
        a text box's latest value back while the kernel is busy with the one before, but sends a
        button's press at once: a Submit pressed as the last words are typed reaches the kernel
        before them, and would submit without them. A second press while waiting adds nothing.
        With no kernel loop (a test) or no typing delay, ``action`` runs now."""
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or self.delay <= 0:
            action()
            return
        if self.waiting is not None:
            return
        self.waiting = action
        pressed = time.monotonic()

        def check() -> None:
            now = time.monotonic()
            still = now - max(self.last_change, pressed)
            if still < self.settle and now - pressed < self.settle_at_most:
                loop.call_later(self.settle - still, check)
                return
            self.waiting = None
            action()
        loop.call_later(self.settle, check)
        self.on_pending()

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

    Each item whose change could not be saved keeps its problem (``problems``, by item) until
    that item is saved or its person chooses: saving another item does not hide it. A change
    made elsewhere to a text is shown beside theirs (``conflicts``), with "Keep mine" and "Use
    theirs".

    A subclass sets ``edit_action`` (what its person does here, for :mod:`auditlib.access`),
    builds ``banner``, ``status_box`` and ``controls()`` (and places ``conflicts``), and says
    ``write`` (the store's verb for one item), ``settled_words()`` and ``read_only_reason()``."""

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
        # what could not be saved, by item, oldest first: shown until that item saves
        self.problems: dict[str, str] = {}
        self.last_saved: _dt.datetime | None = None
        self.read_only_note = ""
        self.conflicts = w.VBox()
        self.conflicts.add_class("aw-conflicts")
        self.saver = Saver(save_delay, self.show_status)

    @property
    def problem(self) -> str | None:
        """The latest problem still unsolved, if any."""
        return next(reversed(self.problems.values()), None)

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
            self.run_save(self.item_words(item_id), lambda: self.write(
                item_id, expected_version=self.seen.get(item_id, self.loaded_version),
                **changes), seen=item_id, choice=self.choice_for(item_id, changes))
        if now:
            self.saver.now(key, do_save)
        else:
            self.saver.later(key, do_save)
            self.show_status()

    def item_words(self, item_id: str) -> str:
        """An item as its person knows it: the section's number and title, not its id."""
        for section in getattr(getattr(self, "framework", None), "sections", ()):
            named = section.id == item_id or next(
                (c for c in section.criteria if c.id == item_id), None)
            if named:
                title = section.title.rstrip(".")
                where = f"section {section.number} ({title})" if section.number else title
                return where if section.id == item_id else f"{named.title} in {where}"
        return item_id

    def choice_for(self, item_id: str, changes: dict[str, Any]) -> Choice | None:
        """How a person chooses between their text and a text changed elsewhere, for a save of
        ``changes`` to ``item_id`` (None: no choice offered, only the reload)."""
        return None

    def run_save(self, what: str, write: Callable[[], Any], seen: str | None = None,
                 choice: Choice | None = None) -> Any:
        """Run one write against the store, keeping the save state honest. ``seen`` names the
        item whose version the write returns (and whose problem a save clears: else ``what``
        names it); ``choice`` offers "Keep mine" / "Use theirs" when it was changed elsewhere."""
        key = seen or what
        try:
            result = write()
        except VersionConflict as exc:
            by = f" by {exc.changed_by}" if exc.changed_by else ""
            self.problems.pop(key, None)  # the newest last
            self.problems[key] = (f"{what} was changed elsewhere{by} after you opened this page. "
                                  "Your change is still on screen"
                                  + ("; choose which to keep at the top of the page."
                                     if choice and seen else
                                     "; reload the page to see theirs."))
            self._offer_choice(key, what, exc.current_version, write, seen, choice)
            self.show_status()
            return None
        except AuditlibError as exc:
            self.problems.pop(key, None)
            self.problems[key] = str(exc)
            self.show_status()
            return None
        if seen is not None:
            self.seen[seen] = result
        self.problems.pop(key, None)
        self._drop_choice(key)
        self.last_saved = _dt.datetime.now()
        self.show_status()
        return result if result is not None else True

    def _offer_choice(self, key: str, what: str, version: int, write: Callable[[], Any],
                      seen: str | None, choice: Choice | None) -> None:
        self._drop_choice(key)
        if choice is None or seen is None:
            return
        try:
            theirs = choice.theirs()
        except AuditlibError:
            return

        def keep_mine(_button: Any = None) -> None:
            self.seen[seen] = version  # overwrite what they saved, knowingly
            self.run_save(what, write, seen=seen, choice=choice)

        def use_theirs(_button: Any = None) -> None:
            self.seen[seen] = version
            self.problems.pop(key, None)
            self._drop_choice(key)
            choice.use(theirs)  # puts their text on screen: saving it changes nothing
            self.show_status()

        mine = w.HTML(f"<h3>Yours</h3><blockquote class='aw-mine'>{e(choice.mine) or '(empty)'}"
                      "</blockquote>", layout=w.Layout(flex="1 1 18rem"))
        their = w.HTML(f"<h3>Theirs</h3><blockquote class='aw-theirs'>{e(theirs) or '(empty)'}"
                       "</blockquote>", layout=w.Layout(flex="1 1 18rem"))
        keep = w.Button(description="Keep mine", tooltip=f"Save your text for {what}")
        keep.add_class("aw-keep-mine")
        keep.on_click(keep_mine)
        take = w.Button(description="Use theirs", tooltip=f"Put their text for {what} on screen")
        take.add_class("aw-use-theirs")
        take.on_click(use_theirs)
        box = w.VBox([w.HTML(f"<p class='aw-banner' role='alert'><strong>{e(what[:1].upper())}"
                             f"{e(what[1:])} was changed elsewhere.</strong> Your text and "
                             "theirs:</p>"),
                      w.HBox([mine, their], layout=w.Layout(flex_flow="row wrap")),
                      w.HBox([keep, take])])
        box.add_class("aw-conflict")
        box.conflict_key = key  # type: ignore[attr-defined]
        self.conflicts.children = (*self.conflicts.children, box)

    def _drop_choice(self, key: str) -> None:
        if any(getattr(b, "conflict_key", None) == key for b in self.conflicts.children):
            self.conflicts.children = tuple(b for b in self.conflicts.children
                                            if getattr(b, "conflict_key", None) != key)

    def show_status(self) -> None:
        last = f" Last saved {self.last_saved:%H:%M}." if self.last_saved else ""
        if self.problems:
            more = len(self.problems) - 1
            text = (f"Not saved: {self.problem}"
                    + (f" (and {more} more not saved: see the top of the page)" if more else "")
                    + last)
            css = "aw-status aw-status-error"
        elif self.saver.pending or self.saver.waiting:
            text, css = "Saving…" + last, "aw-status"
        else:
            settled = self.settled_words()
            text, css = (settled + (f".{last}" if last and settled == "Saved" else last),
                         "aw-status")
        self.status_box.value = (f"<p class='{css}' role='status' aria-live='polite'>"
                                 f"{e(text)}</p>")
        self.show_banner()

    def show_banner(self) -> None:
        """Why the page is read-only, and every change not saved."""
        notes = "".join(f"<li>{e(p)}</li>" for p in self.problems.values())
        self.banner.value = (self.read_only_note
                             + (f"<div class='aw-banner' role='alert'><p>Not saved:</p>"
                                f"<ul>{notes}</ul></div>" if notes else ""))

    def flush(self) -> None:
        self.saver.flush()

    def apply_access(self) -> None:
        """Controls disabled, and the banner saying why, unless this person may work here."""
        read_only = not self.editable
        for control in self.controls():
            control.disabled = read_only
            # any change counts as the page moving (Saver.when_still), saved or not
            control.observe(self.saver.touch, names="value")
        self.read_only_note = (f"<p class='aw-banner' role='status'>{e(self.read_only_reason())}"
                               "</p>" if read_only else "")
        self.show_banner()

    def status_words(self) -> str:
        return self.record["status"].replace("_", " ")


class Choice:
    """A text changed here and elsewhere: ``mine`` (on screen), ``theirs()`` (read from the
    store now) and ``use(text)``, which puts theirs on screen."""

    def __init__(self, mine: Any, theirs: Callable[[], Any], use: Callable[[Any], None]):
        self.mine = "" if mine is None else str(mine)
        self.theirs = lambda: "" if (t := theirs()) is None else str(t)
        self.use = use
