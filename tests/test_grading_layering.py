"""The core batch API and `tutor grade` stay free of Ray and of the web stack: those are
optional extras, imported only by `tutor.distributed` and `tutor.service`."""
from __future__ import annotations

import subprocess
import sys

HEAVY = ("ray", "starlette", "uvicorn", "tqdm")
CORE = ("tutor", "tutor.checker.batch", "tutor.grading.run", "tutor.grading.command",
        "tutor.adapters.trl", "tutor.adapters.verl", "tutor.adapters.prairielearn",
        "tutor.adapters.gradescope", "tutor.adapters.notebook")


def test_no_optional_extra_is_imported_by_the_core():
    code = (f"import sys, {', '.join(CORE)}; "
            f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}); "
            "print(','.join(bad)); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"the core pulled in: {done.stdout} {done.stderr}"
