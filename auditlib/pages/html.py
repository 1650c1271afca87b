"""The one place pages turn values into HTML: escaped, accessible, no internet needed.

Every page builds its markup from these, so escaping is never a thing to remember.
"""
from __future__ import annotations

import base64
import html
import re
from typing import Any


def e(text: Any) -> str:
    """``text`` as HTML text, quotes escaped too (safe inside an attribute)."""
    return html.escape(str(text), quote=True)


def bullets(value: Any) -> str:
    """A list as bullets; prose as paragraphs (blank lines part them, single breaks do not)."""
    if isinstance(value, list):
        return "<ul>" + "".join(f"<li>{e(v)}</li>" for v in value) + "</ul>"
    paragraphs = re.split(r"\n\s*\n", str(value))
    return "".join(f"<p>{e(' '.join(p.split()))}</p>" for p in paragraphs if p.strip())


def table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], caption: str,
          flag: str | None = None, row_headers: bool = False) -> str:
    """An accessible table: a caption, header cells with scope, a flagged row marked in words;
    with ``row_headers``, each row's first cell heads its row (a matrix, a count by name)."""
    if not rows:
        return f"<p>{e(caption)}: none.</p>"
    head = "".join(f"<th scope='col'>{e(label)}</th>" for _, label in columns)
    body = []
    for row in rows:
        cells = []
        for i, (key, _) in enumerate(columns):
            value = row.get(key, "")
            if isinstance(value, bool):
                value = "Yes" if value else "No"
            cell = "th scope='row'" if row_headers and i == 0 else "td"
            cells.append(f"<{cell}>{e(value)}</{cell[:2]}>")
        css = " class='aw-row-flagged'" if flag and row.get(flag) else ""
        body.append(f"<tr{css}>{''.join(cells)}</tr>")
    return (f"<table class='aw-table'><caption>{e(caption)}</caption><thead><tr>{head}</tr>"
            f"</thead><tbody>{''.join(body)}</tbody></table>")


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """A link that downloads ``data`` with no server round trip (and no internet)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f"<a class='aw-download' download='{e(filename)}' "
            f"href='data:{mime};base64,{encoded}'>{e(label)}</a>")


def style(*names: str) -> str:
    """The named style sheets of ``auditlib/pages/css/`` as one ``<style>`` element (the pages
    are offline: nothing is fetched)."""
    from importlib.resources import files

    folder = files("auditlib.pages") / "css"
    return "<style>\n" + "\n".join((folder / f"{n}.css").read_text("utf-8") for n in names) \
        + "</style>\n"
