"""Gradescope: write an autograder's ``results.json`` from verdicts.

Each result becomes one test named by its id, worth 1 point, scored by the verdict's score;
an undecided check or an unusable item scores 0 and its output says why. The file is written
whole (to a temporary file, then renamed), so Gradescope never reads half of it.

>>> import json, tempfile, pathlib
>>> from tutor.checker import check
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "results.json"
...     _ = write_results([check("2x", "x+x"), check("x", "2x")], path)
...     data = json.loads(path.read_text())
>>> data["score"], data["max_score"], [t["status"] for t in data["tests"]]
(1.0, 2.0, ['passed', 'failed'])
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tutor.checker import Status, Verdict
from tutor.contract import ErrorRecord


def entry_for(result: Verdict | ErrorRecord, number: int) -> dict[str, Any]:
    """One entry of ``tests``: name, score, max_score, status ("passed"/"failed") and output.

    >>> from tutor.checker import check
    >>> entry_for(check("x", "x"), 1)["status"]
    'passed'
    """
    name = str(result.id) if result.id is not None else f"answer {number}"
    if isinstance(result, ErrorRecord):
        return {"name": name, "score": 0.0, "max_score": 1.0, "status": "failed",
                "output": f"Not graded: {result.message}"}
    output = result.feedback
    if result.status is Status.UNDETERMINED:
        output = f"Not decided within the time budget; please ask for a regrade. {output}".strip()
    if result.interpreted_as:
        output += f"\nRead as: {result.interpreted_as}"
    return {"name": name, "score": float(result.score), "max_score": 1.0,
            "status": "passed" if result.correct else "failed", "output": output}


def results_json(results: Iterable[Verdict | ErrorRecord]) -> dict[str, Any]:
    """The whole ``results.json`` object (total score and one test per result)."""
    tests = [entry_for(r, n) for n, r in enumerate(results, 1)]
    return {"score": sum(t["score"] for t in tests), "max_score": float(len(tests)), "tests": tests}


def write_results(results: Iterable[Verdict | ErrorRecord], path: str | os.PathLike[str]) -> Path:
    """Write ``results.json`` at `path` (whole or not at all) and return the path."""
    target = Path(path)
    temporary = target.with_name(target.name + ".part")
    temporary.write_text(json.dumps(results_json(results), ensure_ascii=False, indent=1) + "\n",
                         encoding="utf-8")
    os.replace(temporary, target)
    return target
