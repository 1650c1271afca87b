"""The package keeps its shape: the layers and what each may import (import-linter's contracts
in pyproject.toml), no module reaching into another's private names, and no module over 500
lines without the reason at its top."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

PACKAGE = ROOT / "auditlib"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
LONG = 500
REASON = "Longer than 500 lines because"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    assert LINT_IMPORTS.exists(), f"{LINT_IMPORTS} is missing: pip install -e '.[test]'"
    # no cache: a cache in the checkout would outlive the code it describes
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def contracts() -> list[dict]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]["contracts"]


# --------------------------------------------------------------------------- the contracts

def test_the_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, ("an import breaks auditlib's layers (pyproject.toml, "
                                    "[tool.importlinter]):\n" + result.stdout + result.stderr)


def test_the_contracts_are_there():
    by_id = {c["id"]: c for c in contracts()}
    assert {"layers", "no-jupyter-below-pages", "core-without-sqlalchemy",
            "month-without-widgets", "anonymise-stands-alone"} <= set(by_id)
    layers = by_id["layers"]
    assert layers["type"] == "layers" and layers["exhaustive"] is True
    names = [layer.split("|")[0].split(":")[0].strip() for layer in layers["layers"]]
    assert names[:5] == ["cli", "service", "ui", "pages", "month"]


def core_layer() -> set[str]:
    """The modules of the lowest layer that exist (the optional ones in brackets may not)."""
    layers = next(c for c in contracts() if c["id"] == "layers")["layers"]
    names = {name.strip().strip("()") for name in layers[-1].split(":")}
    return {f"auditlib.{n}" for n in names if (PACKAGE / f"{n}.py").is_file()
            or (PACKAGE / n / "__init__.py").is_file()}


def test_the_forbidden_lists_name_the_whole_core():
    """The core is listed three times (import-linter has no names for sets of modules): a module
    added to the core layer is added to the forbidden lists too."""
    core = core_layer()
    assert "auditlib.grading" in core and "auditlib.store" not in core
    by_id = {c["id"]: c for c in contracts()}
    assert set(by_id["no-jupyter-below-pages"]["source_modules"]) == core | {"auditlib.store"}
    assert set(by_id["core-without-sqlalchemy"]["source_modules"]) == core


def test_a_bad_import_breaks_the_contracts(tmp_path):
    """The contracts can fail: in a copy of the package, a core module that imports the store,
    another that imports pandas, and a module placed in no layer are each caught."""
    shutil.copytree(PACKAGE, tmp_path / "auditlib",
                    ignore=shutil.ignore_patterns("__pycache__", "share"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for module, line in [("text", "from auditlib.store import AuditStore"),
                         ("grading", "import pandas")]:
        with open(tmp_path / "auditlib" / f"{module}.py", "a", encoding="utf-8") as f:
            f.write(f"\n\ndef _bad():  # inside a function, as the lazy imports are\n"
                    f"    {line}\n")
    (tmp_path / "auditlib" / "nowhere.py").write_text('"""In no layer."""\n')
    result = lint_imports(tmp_path)  # the copy comes first on lint-imports' path: its folder
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "auditlib.text -> auditlib.store" in out, out
    assert "auditlib.grading -> pandas" in out, out
    assert "auditlib.nowhere" in out, out


# --------------------------------------------------------------------------- private names

def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p) for p in PACKAGE.rglob("*.py")}


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def absolute(module: str | None, level: int, here: str, is_package: bool) -> str:
    """The absolute name ``from <level dots><module>`` refers to, in module ``here``."""
    if level == 0:
        return module or ""
    parts = here.split(".") if is_package else here.split(".")[:-1]
    parts = parts[:len(parts) - (level - 1)]
    return ".".join([*parts, *([module] if module else [])])


def dotted(node: ast.expr) -> str | None:
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(names)])


def private_uses(source: str, here: str, is_package: bool = False,
                 modules: set[str] = MODULES) -> list[str]:
    """Each private name of another auditlib module that ``source`` (module ``here``) imports
    or reaches as an attribute of a module it imported (best effort: through names bound by
    import statements)."""
    tree = ast.parse(source)
    bound: dict[str, str] = {}  # a local name -> the auditlib module it stands for
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source_module = absolute(node.module, node.level, here, is_package)
            if source_module.split(".")[0] != "auditlib":
                continue
            for alias in node.names:
                if f"{source_module}.{alias.name}" in modules:
                    bound[alias.asname or alias.name] = f"{source_module}.{alias.name}"
                elif is_private(alias.name) and source_module != here:
                    found.append(f"line {node.lineno}: imports {alias.name} from {source_module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "auditlib":
                    bound[alias.asname or "auditlib"] = alias.name if alias.asname else "auditlib"
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and is_private(node.attr)):
            continue
        name = dotted(node.value)
        head, _, rest = (name or "").partition(".")
        if head not in bound:
            continue
        target = ".".join(filter(None, [bound[head], rest]))
        if target in modules and target != here:
            found.append(f"line {node.lineno}: uses {target}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names():
    found = [f"{path.relative_to(ROOT)} {use}" for path in sorted(PACKAGE.rglob("*.py"))
             for use in private_uses(path.read_text(encoding="utf-8"), module_name(path),
                                     path.name == "__init__.py")]
    assert not found, "private names used across modules (make them public, or move the code " \
                      "that needs them):\n" + "\n".join(found)


@pytest.mark.parametrize(("source", "expected"), [
    ("from auditlib.text import _hidden", ["line 1: imports _hidden from auditlib.text"]),
    ("from .text import _hidden", ["line 1: imports _hidden from auditlib.text"]),
    ("from auditlib.store import schema as t\nt._table",
     ["line 2: uses auditlib.store.schema._table"]),
    ("import auditlib.text\nauditlib.text._hidden", ["line 2: uses auditlib.text._hidden"]),
    ("import auditlib.text as t\nt._hidden()", ["line 2: uses auditlib.text._hidden"]),
    ("from auditlib import text\ntext._hidden", ["line 2: uses auditlib.text._hidden"]),
    ("from auditlib import __version__\nfrom auditlib.text import shown as _shown\n"
     "from auditlib.text import shown\nshown._cache\nself._own", []),
    ("from auditlib.grading import _own", []),  # its own name, in its own module
])
def test_the_private_name_check_finds_them(source, expected):
    assert private_uses(source, "auditlib.grading") == expected


# --------------------------------------------------------------------------- long modules

def test_a_module_over_500_lines_says_why():
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        doc = ast.get_docstring(ast.parse(text)) or ""
        if lines > LONG and not any(line.startswith(REASON) for line in doc.splitlines()):
            unexplained.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not unexplained, (f"split these along their concerns, or begin a line of the module's "
                             f"docstring with {REASON!r}:\n" + "\n".join(unexplained))


#: the layers that speak to a command line: they may name its options
COMMAND_LINE = ("auditlib/cli/", "auditlib/service/", "auditlib/share/")


def options_named(source: str) -> list[str]:
    """The command-line options (``--month``) a module's messages name on their own. Docstrings
    and comments may talk about the command line, and so may a message that gives a whole
    command to run (``auditlib users add NAME --role …``)."""
    import re

    tree = ast.parse(source)
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings and "auditlib " not in node.value:
            found += re.findall(r"(?<![\w-])--[a-z][a-z-]+", node.value)
    return found


def test_library_messages_name_no_command_line_option():
    """Found: a page showed "--month: '2026-13' is not a month", because the library wrote the
    command line's words. The library names its field (``InvalidValue``); the CLI adds the --."""
    offenders = {}
    for path in sorted((ROOT / "auditlib").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if not rel.startswith(COMMAND_LINE):
            named = options_named(path.read_text(encoding="utf-8"))
            if named:
                offenders[rel] = named
    assert offenders == {}


def test_the_option_check_finds_them():
    source = ('"""Run it with --json."""\nraise E("--month: bad")\nx = "a - b -- c"\n'
              'y = "run auditlib users add N --role lead_auditor"')
    assert options_named(source) == ["--month"]
