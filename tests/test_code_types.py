"""tutor/ type-checks: mypy, with the configuration pinned in pyproject.toml ([tool.mypy]), reports
no error, so the README's test command enforces the type hints (issue 12, item 7)."""
from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# mypy's incremental cache, one per checkout (never shared between two trees), outside the tree:
# a warm run takes a second or two, a cold one about ten
CACHE = Path(tempfile.gettempdir()) / f"tutor-mypy-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]}"


def test_mypy_reports_no_error_on_tutor():
    missing = [name for name in ("mypy", "tqdm-stubs") if importlib.util.find_spec(name) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: install the test extra, pip install -e '.[test]'")
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(CACHE)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found"), done.stdout


def test_the_configuration_is_pinned_in_pyproject():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["files"] == ["tutor"]
    assert config["check_untyped_defs"] is True and config["no_implicit_optional"] is True
    assert config["python_version"] == "3.11"
    # missing imports are ignored only by name, for libraries that ship no types
    assert "ignore_missing_imports" not in config
    ignored = {m for o in config["overrides"] if o.get("ignore_missing_imports") for m in o["module"]}
    assert ignored <= {"sympy", "sympy.*", "mpmath", "mpmath.*"}
