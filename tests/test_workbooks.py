"""The notebooks are thin, parameterised for papermill, and run in a real kernel (as in
JupyterLab) and under nbval."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from auditlib.store import AuditStore
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "workbooks").glob("*.ipynb")) + sorted((ROOT / "training")
                                                                  .glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_parameters_cell_and_thin_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and code[0] is tagged[0]
    for cell in code:
        source = "".join(cell["source"])
        assert len(source.splitlines()) <= 6, "notebook cells build a widget and display it"
        assert "def " not in source and "class " not in source
        assert not cell.get("outputs"), "notebooks are committed without outputs"


@pytest.fixture
def audit_store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'audits.sqlite'}"
    with AuditStore(url, create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_user("ash", roles=["auditor"], user="lead")
        audit_id = store.add_audit(framework="scaled-social-care", child_id="C1",
                                   auditor="ash", user="lead")
        store.save_answer(audit_id, "risk", user="ash", score=7)
    return url, audit_id


def test_audit_workbook_runs_in_a_kernel_with_papermill(audit_store, tmp_path):
    import papermill

    url, audit_id = audit_store
    env = {"AUDITLIB_STORE": url, "AUDITLIB_USER": "ash"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        out = papermill.execute_notebook(str(ROOT / "workbooks" / "audit.ipynb"),
                                         str(tmp_path / "out.ipynb"),
                                         parameters={"audit_id": audit_id}, progress_bar=False,
                                         kernel_name="python3", cwd=str(tmp_path))
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    outputs = out.cells[-1].outputs
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    assert not any(o.get("output_type") == "error" for c in out.cells for o in c.outputs)


def test_nbval_runs_the_workbooks(audit_store, tmp_path):
    url, _ = audit_store
    env = dict(os.environ, AUDITLIB_STORE=url, AUDITLIB_USER="ash")
    result = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-q",
                             "-p", "no:cacheprovider", "-o", "addopts=", "-o", "testpaths=",
                             "-o", "filterwarnings=", str(ROOT / "workbooks")],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
