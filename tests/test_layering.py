"""The engine stays free of the terminal front end, and never evaluates text."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENGINE_MODULES = ["tutor", "tutor.parser", "tutor.checker", "tutor.steps", "tutor.problems"]


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_engine_does_not_import_prompt_toolkit(module):
    if not (ROOT / module.replace(".", "/")).exists() and module != "tutor":
        pytest.skip(f"{module} does not exist yet")
    code = (f"import sys, {module}; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'prompt_toolkit'); "
            "print(','.join(bad)); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"importing {module} pulled in: {result.stdout} {result.stderr}"


def test_parse_works_in_a_fresh_interpreter_without_prompt_toolkit_loaded():
    code = ("import sys, tutor; p = tutor.parse('2x'); "
            "assert not any(m.startswith('prompt_toolkit') for m in sys.modules); print(p.interpreted)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2·x"


FORBIDDEN = re.compile(r"(^|[^_a-zA-Z.])(eval|exec)\(|sympify\(|parse_expr\(|\bS\(\s*['\"]")


def test_no_evaluation_of_text_anywhere_in_the_package():
    hits = []
    for path in sorted((ROOT / "tutor").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if FORBIDDEN.search(code):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not hits, "text may be evaluated:\n" + "\n".join(hits)
