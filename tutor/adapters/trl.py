"""A reward function for TRL's `GRPOTrainer` (and any trainer that calls
``reward(completions, **dataset_columns)``).

Give the dataset a column ``expected``; TRL passes it, the other columns and its own keywords
(``prompts``, ``completion_ids``, ``trainer_state``, …) to the reward function. Keywords that
are check options (``form``, ``rel_tol``, ``time_budget``, …), ``format`` and ``extract``
apply to every completion; an ``options`` column (objects or JSON text) gives per-row options;
everything else is ignored, as TRL expects.

The reward is the verdict's score (1.0 correct, partial credit where options allow it, 0.0
incorrect or unreadable) and None when the check could not decide within its budget or the
row's expected answer is unusable: TRL leaves None out of the reward instead of punishing
the model for a grader's limits.

>>> reward(["2(x+1)", "x", [{"role": "assistant", "content": "2x + 2"}]], expected=["2x+2"] * 3)
[1.0, 0.0, 1.0]
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from tutor.checker import Status, Verdict
from tutor.checker.batch import check_many
from tutor.grading.request import DEFAULT_EXTRACT
from tutor.grading.schema import option_names

_BATCH_KEYS = ("format", "extract", "workers")


def reward(completions: Sequence[Any], expected: Sequence[str], **kw: Any) -> list[float | None]:
    """One reward per completion, in order (see the module's docstring).

    >>> reward(["x < 3"], expected=["3 > x"], prompts=["Solve ..."], trainer_state=None)
    [1.0]
    """
    if len(completions) != len(expected):
        raise ValueError(f"{len(completions)} completions but {len(expected)} expected answers.")
    known = set(option_names())
    options = {k: v for k, v in kw.items() if k in known}
    batch = {k: kw[k] for k in _BATCH_KEYS if k in kw}
    extract = batch.pop("extract", DEFAULT_EXTRACT)
    fmt = batch.pop("format", None)
    rows = _row_options(kw.get("options"), len(completions))
    items = [{"id": i, "response": _text(c), "expected": e, "options": rows[i], "format": fmt,
              "extract": extract}
             for i, (c, e) in enumerate(zip(completions, expected))]
    return [_score(r) for r in check_many(items, **batch, **options)]


def _text(completion: Any) -> str:
    """The text of a completion: a string, or TRL's conversational form (a list of messages,
    the last one the model's).

    >>> _text([{"role": "assistant", "content": "42"}]), _text("7")
    ('42', '7')
    """
    if isinstance(completion, str):
        return completion
    if isinstance(completion, Sequence) and completion and isinstance(completion[-1], Mapping):
        return str(completion[-1].get("content", ""))
    return str(completion)


def _row_options(column: Any, count: int) -> list[dict[str, Any]]:
    if column is None:
        return [{} for _ in range(count)]
    if not isinstance(column, Sequence) or isinstance(column, str) or len(column) != count:
        raise ValueError("The 'options' column must hold one object (or JSON text) per completion.")
    return [json.loads(o) if isinstance(o, str) else dict(o or {}) for o in column]


def _score(result: Any) -> float | None:
    if not isinstance(result, Verdict) or result.status is Status.UNDETERMINED:
        return None
    return float(result.score)
