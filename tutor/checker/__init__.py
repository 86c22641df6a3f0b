"""The answer checker: is a learner's answer right, and if not, how is it wrong?

Cheap to expensive: equal as typed → probing at many points at high precision (a
counterexample rejects, and is quoted) → a symbolic proof in a killable worker process, all
within the check's time budget, from any thread. See ``design/checking.md`` for the policy.

>>> from tutor.checker import check
>>> v = check("σ(x)(1 - σ(x))", "e^(-x)/(1 + e^(-x))^2")
>>> v.status, v.method
(<Status.CORRECT: 'correct'>, <Method.NUMERIC: 'numeric'>)
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.lazy import lazy_exports

# every name loads on first use: a module of the checker (its alarm, its options) can be imported
# without the whole checker (start-up: the first problem is shown before anything is checked)
_LAZY = {
    "check": "tutor.checker.checker", "Checker": "tutor.checker.checker",
    "equivalent": "tutor.checker.equivalence", "Code": "tutor.checker.feedback",
    "CheckOptions": "tutor.checker.options", "Form": "tutor.checker.options",
    "Domain": "tutor.checker.options", "Assumption": "tutor.checker.options",
    "Verdict": "tutor.checker.verdict", "Status": "tutor.checker.verdict", "Method": "tutor.checker.verdict",
    "warm_up": "tutor.checker.pool", "configure": "tutor.checker.pool",
    # the batch verbs bring a thread pool and asyncio
    "check_many": "tutor.checker.batch", "acheck": "tutor.checker.batch", "acheck_many": "tutor.checker.batch",
}
__all__ = list(_LAZY)
__getattr__, __dir__ = lazy_exports("tutor.checker", _LAZY, globals())

if TYPE_CHECKING:  # pragma: no cover
    from tutor.checker.checker import Checker, check
    from tutor.checker.equivalence import equivalent
    from tutor.checker.feedback import Code
    from tutor.checker.options import Assumption, CheckOptions, Domain, Form
    from tutor.checker.pool import configure, warm_up
    from tutor.checker.verdict import Method, Status, Verdict
