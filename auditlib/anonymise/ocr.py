"""Text read by OCR from a scanned form confuses letters and digits: "SAFEGUARDlNG",
"H0USEH0LD", "chi1dren", "D.O.B: l4/02/2017", "1l:4O am". The finders read a view of the text
with those confusions undone, character for character, so every place they find is the same
place in the text as scanned, and the scanned text is what gets replaced.
"""
from __future__ import annotations

import re

# a cheap first look: no confusion of these shapes, no view
_SUSPECT_RE = re.compile(r"[A-Za-z][01][A-Za-z]|[A-Z]l[A-Z]|[A-Z]{3}l\b|(?<![\w])[lIO]\d|"
                         r"\d[lIO](?![\w])|(?<![\w])0[a-z]{2}|\d[lO][/.:]|[/.:][lO]\d")
# a word: letters with 0 and 1 read for O and l ("Operati0n", "0konj0", "chi1dren")
# (never a part of a handle, an email or a link: "zee.k1ngg", "j0e@…" are written so)
_WORD_RUN_RE = re.compile(r"(?<![\w.@/])[A-Za-z01]+(?![\w@/]|\.\w)")
# a number: digits with l, I and O read for 1 and 0 ("l4", "2O", "1l")
_NUMBER_RUN_RE = re.compile(r"(?<![\w])[0-9lIO]+(?![\w])")
# (in a date, a time or a number in groups: a separator and a digit beside it)
_NUMBER_BESIDE_RE = re.compile(r"[/.:\-][0-9lIO]|[ \t][0-9lIO]{3}")
_NUMBER_BEFORE_RE = re.compile(r"(?:[0-9lIO][/.:\-]|[0-9lIO]{3}[ \t])\Z")
_OUTWARD_CODE_RE = re.compile(r"[A-Z]{1,2}[0-9][A-Z]")


def _as_letters(run: str) -> str:
    """0 and 1 between letters, or 0 opening or ending a word, as the letters they stand for:
    in capitals among capitals, in lower case among lower case."""
    letters = sum(c.isalpha() for c in run)
    if letters < 3 or _OUTWARD_CODE_RE.fullmatch(run):
        return run          # "KS1", "B10", "SW1A": a key stage, a code, a postcode's half
    out = list(run)
    for block in re.finditer(r"[01]+", run):
        i, j = block.span()
        before, after = run[i - 1:i], run[j:j + 1]
        inside = before.isalpha() and after.isalpha()
        opening = i == 0 and run[j:j + 2].isalpha() and run[j:j + 2].islower() \
            and set(block.group(0)) == {"0"}
        ending = j == len(run) and run[i - 2:i].isalpha() and set(block.group(0)) == {"0"}
        if not (inside or opening or ending):
            continue
        capital = opening or (before + after).isupper()
        for k in range(i, j):
            out[k] = ("O" if capital else "o") if run[k] == "0" else ("I" if capital else "l")
    return "".join(out)


def _as_digits(text: str, m: re.Match) -> str:
    run = m.group(0)
    if len(run) < 2 or not any(c.isdigit() for c in run) or run.isdigit():
        return run
    if not (_NUMBER_BESIDE_RE.match(text, m.end())
            or _NUMBER_BEFORE_RE.search(text, max(0, m.start() - 4), m.start())):
        return run          # "O2" the network, "l0" alone: nothing says number
    return run.replace("l", "1").replace("I", "1").replace("O", "0")


def ocr_view(text: str) -> str | None:
    """``text`` with OCR's letter and digit confusions undone, of the same length; None when
    nothing in it looks scanned (the usual case: typed notes pass through untouched).

    >>> ocr_view("SAFEGUARDlNG CHlLDREN: chi1dren in the H0USEH0LD, D.O.B: l4/02/2017")
    'SAFEGUARDING CHILDREN: children in the HOUSEHOLD, D.O.B: 14/02/2017'
    >>> ocr_view("Seen at 10:40 in KS1, postcode SW1A 1AA.") is None
    True
    """
    if not _SUSPECT_RE.search(text):
        return None
    chars = list(text)
    for m in _NUMBER_RUN_RE.finditer(text):
        chars[m.start():m.end()] = _as_digits(text, m)
    view = "".join(chars)
    for m in _WORD_RUN_RE.finditer(view):
        run = m.group(0)
        if any(c in "01" for c in run):
            chars[m.start():m.end()] = _as_letters(run)
        # "SAFEGUARDlNG", "HARWlCK": a lower-case l among capitals is a capital I
        if "l" in run and sum(c.isupper() for c in run) >= 3 \
                and all(c.isupper() or c in "l01" for c in run):
            chars[m.start():m.end()] = [("I" if c == "l" else chars[m.start() + i])
                                        for i, c in enumerate(run)]
    view = "".join(chars)
    return view if view != text else None
