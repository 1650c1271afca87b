"""The pages' saver on a running event loop, as in a kernel: a Submit waits until the page is
still, so the last words typed (which the browser sends after the button's press) go with it."""
from __future__ import annotations

import asyncio

from auditlib.pages.base import Saver


def run(scenario) -> list[str]:
    """Run ``scenario(saver, log)`` on an event loop, as a kernel runs a page's handlers."""
    log: list[str] = []

    async def main() -> None:
        saver = Saver(0.05, lambda: None)
        saver.settle, saver.settle_at_most = 0.2, 1.0
        await scenario(saver, log)
    asyncio.run(main())
    return log


def test_a_submit_waits_for_the_words_that_arrive_after_it():
    async def scenario(saver, log):
        saver.when_still(lambda: log.append(f"submitted, {len(saver.pending)} unsaved"))
        await asyncio.sleep(0.1)  # the held-back text arrives after the press
        saver.later("risk.evidence", lambda: log.append("text saved"))
        await asyncio.sleep(0.1)
        assert log == ["text saved"]  # still waiting: the page moved 0.1 s ago
        await asyncio.sleep(0.4)
    assert run(scenario) == ["text saved", "submitted, 0 unsaved"]


def test_a_second_press_while_waiting_adds_nothing():
    async def scenario(saver, log):
        saver.when_still(lambda: log.append("first"))
        saver.when_still(lambda: log.append("second"))
        await asyncio.sleep(0.4)
        saver.when_still(lambda: log.append("after"))  # a new press once done is a new press
        await asyncio.sleep(0.4)
    assert run(scenario) == ["first", "after"]


def test_a_page_that_never_stops_moving_is_not_waited_for_forever():
    async def scenario(saver, log):
        saver.when_still(lambda: log.append("submitted"))
        for _ in range(16):
            saver.touch()
            await asyncio.sleep(0.1)
    assert run(scenario) == ["submitted"]


def test_with_no_loop_the_action_runs_at_once():
    saver, log = Saver(0.4, lambda: None), []
    saver.when_still(lambda: log.append("now"))
    assert log == ["now"]
