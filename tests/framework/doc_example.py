"""The complete example framework of docs/framework-format.md, for tests to load and to break."""
from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "framework-format.md"


def example_text() -> str:
    """The fenced YAML block under "## A complete example"."""
    guide = GUIDE.read_text(encoding="utf-8")
    found = re.search(r"^## A complete example\n.*?^```yaml\n(.*?)^```", guide, re.S | re.M)
    assert found, "docs/framework-format.md has no complete example"
    return found.group(1)


def write_example(folder: Path, *replacements: tuple[str, str]) -> Path:
    """The example saved as ``our-audit.yaml`` in ``folder``, each ``(old, new)`` replaced (a
    test that means to break it must break it: each old text is there, once)."""
    text = example_text()
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "our-audit.yaml"
    path.write_text(text, encoding="utf-8")
    return path
