"""What every page shares: saving on the kernel's loop, an honest save state, and the message a
page shows instead of itself when it cannot open."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from auditlib.exceptions import AuditlibError, VersionConflict
from auditlib.pages.html import e, style


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


class StoreWriter:
    """Runs a page's writes against the store and keeps its save state honest. The page has
    ``problem``, ``seen`` (item -> the version this page last saw), ``banner`` and
    ``show_status()``."""

    problem: str | None
    seen: dict[str, int]
    banner: w.HTML

    def show_status(self) -> None:  # pragma: no cover - each page words its own
        raise NotImplementedError

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


def message(title: str, text: str) -> w.HTML:
    box = w.HTML(style("workbook") + f"<div class='aw-workbook'><h1>{e(title)}</h1>"
                 f"<p class='aw-banner' role='alert'>{e(text)}</p></div>")
    box.add_class("aw-message")
    return box
