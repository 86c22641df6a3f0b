"""PrairieLearn: grade a submitted answer inside a question's ``server.py``.

In ``grade(data)``::

    from tutor.adapters import prairielearn
    prairielearn.grade(data, "f_prime", data["correct_answers"]["f_prime"], form="factored")

An answer that cannot be read goes to ``data["format_errors"]`` (PrairieLearn then asks the
student to fix it, at no cost); any other verdict to ``data["partial_scores"]`` with the
feedback. An answer the checker could not decide scores 0 and says so, marked
``"undetermined": True`` for instructors. PrairieLearn shows both as HTML, and the messages
quote what the student typed, so every text is HTML-escaped here (``<script>`` arrives as
text, never as markup).

>>> data = {"submitted_answers": {"ans": "2(x+1)"}, "partial_scores": {}, "format_errors": {}}
>>> grade(data, "ans", "2x + 2").correct, data["partial_scores"]["ans"]["score"]
(True, 1.0)
>>> data["submitted_answers"]["ans"] = "2x +"
>>> _ = grade(data, "ans", "2x + 2"); "ans" in data["format_errors"], "ans" in data["partial_scores"]
(True, False)
"""
from __future__ import annotations

import html
from typing import Any

from tutor.checker import Status, Verdict, check
from tutor.contract import ErrorRecord


def grade(data: dict[str, Any], name: str, expected: Any, **options: Any) -> Verdict:
    """Check ``data["submitted_answers"][name]`` against `expected` and record the result in
    `data` (see the module's docstring); return the verdict. Options are those of `tutor.check`.
    """
    response = data.get("submitted_answers", {}).get(name)
    verdict = check("" if response is None else str(response), expected, **options)
    data.setdefault("partial_scores", {}).pop(name, None)
    data.setdefault("format_errors", {}).pop(name, None)
    data["partial_scores"].update(partial_scores(verdict, name))
    data["format_errors"].update(format_errors(verdict, name))
    return verdict


def partial_scores(result: Verdict | ErrorRecord, name: str) -> dict[str, Any]:
    """``{name: {"score", "weight", "feedback"}}`` for a verdict that is not `invalid`, else {}.

    >>> v = check("x", "y")
    >>> partial_scores(v, "a")["a"]["score"], partial_scores(check("x +", "y"), "a")
    (0.0, {})
    """
    if not isinstance(result, Verdict) or result.status is Status.INVALID:
        return {}
    entry: dict[str, Any] = {"score": float(result.score), "weight": 1, "feedback": html.escape(result.feedback)}
    if result.status is Status.UNDETERMINED:
        entry["undetermined"] = True
    return {name: entry}


def format_errors(result: Verdict | ErrorRecord, name: str) -> dict[str, str]:
    """``{name: message}`` for an unreadable answer or an unusable request, else {}.

    >>> format_errors(check("x +", "y"), "a")["a"].startswith("Something is missing")
    True
    >>> "<" in format_errors(check("x < ", "y"), "a")["a"]
    False
    """
    if isinstance(result, ErrorRecord):
        return {name: html.escape(result.message)}
    if result.status is Status.INVALID:
        return {name: html.escape(result.feedback)}
    return {}


def record(result: Verdict | ErrorRecord, name: str = "answer") -> dict[str, Any]:
    """One line of ``tutor grade --emit prairielearn``: ``{id, partial_scores, format_errors}``.

    >>> record(check("x", "x"))["partial_scores"]["answer"]["score"]
    1.0
    """
    return {"id": result.id, "partial_scores": partial_scores(result, name),
            "format_errors": format_errors(result, name)}
