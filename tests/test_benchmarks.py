"""The benchmarks run and print their ratio (no timing thresholds here: machines are noisy)."""
import subprocess
import sys

from tests.conftest import ROOT


def test_grading_benchmark_prints_a_ratio():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "grading.py"), "--repeat", "1"],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    assert "baseline 'json.dumps of the same audit record'" in out
    assert "detailed-case-audit" in out and "ratio" in out


def test_store_saves_benchmark_prints_ratios():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "store_saves.py"),
                          "--writers", "3", "--saves", "5"],
                         capture_output=True, text=True, check=True, timeout=300).stdout
    assert "baseline 'bare sqlite3 insert loop" in out
    assert out.count("ratio        median") == 2


def test_workbook_voila_benchmark_prints_both_ratios():
    from tests.browser.conftest import _need_chromium
    _need_chromium()
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "workbook_voila.py"),
                          "--runs", "1"], capture_output=True, text=True, check=True,
                         timeout=600).stdout
    assert "baseline 'minimal one-widget Voilà notebook'" in out
    assert out.count("ratio") == 2


def test_generate_benchmark_prints_ratios():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--sizes",
                          "5", "10"], capture_output=True, text=True, check=True,
                         timeout=300).stdout
    assert "baseline 'loop of papermill prepare_only over the same template'" in out
    assert out.count("ratio") == 2


def test_load_thirty_users_lose_nothing():
    """30 simulated users saving at once on PostgreSQL (bounded: a few seconds here; the
    benchmark runs for minutes): every acknowledged save is present."""
    from tests.stores import need_postgres

    need_postgres("load test")
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "load.py"), "--users", "30",
                          "--seconds", "5"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "30 users saving" in out.stdout and ", 0 acknowledged saves missing" in out.stdout
    assert "p99" in out.stdout


def test_kernel_memory_benchmark_prints_a_ratio():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "kernel_memory.py"),
                          "--repeat", "1"], capture_output=True, text=True, check=True,
                         timeout=300).stdout
    assert "baseline 'minimal ipywidgets kernel (one slider)'" in out and "ratio" in out


def test_interval_coverage_benchmark_prints_coverage():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "interval_coverage.py"),
                          "--replicates", "3", "--population", "200", "--gwet",
                          "--by-field"], capture_output=True, text=True, check=True,
                         timeout=300).stdout
    assert "coverage of 95% intervals" in out
    assert "10 audits by audit" in out and "20 audits by field" in out
    assert "20 audits Gwet by audit" in out
    assert "gwet_ac2 quadratic" in out and "krippendorff_alpha ordinal" in out
