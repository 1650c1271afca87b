"""``auditlib.__all__`` lists exactly the public names the package exports."""
import auditlib


def test_all_is_honest():
    public = {name for name in vars(auditlib) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(auditlib, name)).__name__ == "module"}
    assert set(auditlib.__all__) == public - modules


def test_core_imports_without_jupyter():
    import subprocess
    import sys
    code = ("import sys, auditlib, auditlib.cli, auditlib.grading; "
            "heavy = [m for m in ('ipywidgets', 'pandas', 'IPython', 'papermill', 'sqlalchemy') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
