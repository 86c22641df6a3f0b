"""A reward for verl: ``custom_reward_function.path`` pointing at this module, ``name:
compute_score``.

verl calls ``compute_score(data_source, solution_str, ground_truth, extra_info)`` for each
response and reads a float. `extra_info` may carry ``"options"`` (check options), ``"format"``
and ``"extract"``. An answer the checker could not decide within its budget scores 0.0, as
verl needs a number; its status is in the dictionary `score_details` returns for logging.

>>> compute_score("math", "2(x+1)", "2x + 2"), compute_score("math", "2x", "2x + 2")
(1.0, 0.0)
"""
from __future__ import annotations

from typing import Any

from tutor.checker import Verdict
from tutor.checker.batch import check_many
from tutor.grading.request import DEFAULT_EXTRACT


def score_details(solution_str: str, ground_truth: str,
                  extra_info: dict[str, Any] | None = None) -> dict[str, Any]:
    """The score with the verdict's status and notes (verl logs extra keys of a dict result).

    >>> score_details("x", "y")["status"]
    'incorrect'
    >>> score_details("x", "y +")["status"]
    'error'
    """
    info = extra_info or {}
    item = {"response": solution_str, "expected": ground_truth, "options": dict(info.get("options") or {}),
            "format": info.get("format"), "extract": info.get("extract", DEFAULT_EXTRACT)}
    (result,) = check_many([item])
    if not isinstance(result, Verdict):
        return {"score": 0.0, "status": "error", "notes": [], "message": result.message}
    return {"score": float(result.score), "status": str(result.status), "notes": list(result.notes)}


def compute_score(data_source: Any, solution_str: str, ground_truth: str,
                  extra_info: dict[str, Any] | None = None) -> float:
    """The reward of one response: the verdict's score (0.0 when undecided or unusable)."""
    return float(score_details(solution_str, ground_truth, extra_info)["score"])
