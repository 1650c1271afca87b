"""Send a kernel what a hostile page script would: code to run, and the other requests only a
notebook editor needs, over the page's own kernel channel, from inside the browser."""
from __future__ import annotations

import re
from typing import Any

#: sent one after the other; only the last is a widget message, answered when the channel works
ATTACK_JS = """
async ({url, code}) => {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  const replies = [];
  ws.onmessage = (event) => {
    try { const m = JSON.parse(event.data); replies.push(m.header.msg_type); }
    catch (err) { replies.push('unreadable'); }
  };
  const send = (type, content, channel) => ws.send(JSON.stringify({
    header: {msg_id: crypto.randomUUID(), msg_type: type, username: 'attacker',
             session: 'attack', date: new Date().toISOString(), version: '5.3'},
    parent_header: {}, metadata: {}, content: content, channel: channel || 'shell',
    buffers: []}));
  send('execute_request', {code: code, silent: false, store_history: true,
                           user_expressions: {}, allow_stdin: false, stop_on_error: true});
  send('complete_request', {code: 'import o', cursor_pos: 8});
  send('inspect_request', {code: 'open', cursor_pos: 4, detail_level: 1});
  send('history_request', {output: false, raw: true, hist_access_type: 'tail', n: 10});
  send('is_complete_request', {code: 'x = 1'});
  send('made_up_request', {});
  send('shutdown_request', {restart: false}, 'control');
  send('execute_request', {code: code, silent: true, store_history: false,
                           user_expressions: {}, allow_stdin: false}, 'control');
  send('kernel_info_request', {});
  await new Promise((resolve) => setTimeout(resolve, 4000));
  ws.close();
  return replies;
}
"""

REFUSED_REPLIES = ("execute_reply", "execute_input", "execute_result", "complete_reply",
                   "inspect_reply", "history_reply", "is_complete_reply", "shutdown_reply",
                   "stream", "error")


def kernel_id(page: Any) -> str:
    """The page's own kernel, as Voilà tells the page."""
    match = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page.content())
    assert match, "the page names no kernel"
    return match.group(1)


def attack_kernel(page: Any, ws_base: str, marker: str) -> list[str]:
    """Run the attack from ``page`` against its own kernel; return the reply types seen.
    The code would create ``marker`` if it ever ran."""
    url = f"{ws_base}/api/kernels/{kernel_id(page)}/channels?session_id=attack"
    code = f"open({marker!r}, 'w').write('the kernel ran code from the browser')"
    return page.evaluate(ATTACK_JS, {"url": url, "code": code})


def saved_soon(store_url: str, audit_id: int, evidence: str, within: float = 20) -> bool:
    """Whether q1's evidence reaches the store within ``within`` seconds (the page still
    works after the attack)."""
    import time

    from auditlib.store import AuditStore

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with AuditStore(store_url) as store:
            answer = store.find_audit(audit_id)["answers"].get("q1", {})
        if answer.get("evidence") == evidence:
            return True
        time.sleep(0.5)
    return False
