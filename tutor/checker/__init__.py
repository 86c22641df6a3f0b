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

from tutor.checker.checker import Checker, check
from tutor.checker.equivalence import equivalent
from tutor.checker.feedback import Code
from tutor.checker.options import Assumption, CheckOptions, Domain, Form
from tutor.checker.verdict import Method, Status, Verdict
from tutor.checker.pool import configure, warm_up
from tutor.lazy import lazy_exports

__all__ = ["check", "Checker", "equivalent", "Verdict", "Status", "Method", "Code",
           "CheckOptions", "Form", "Domain", "Assumption", "warm_up", "configure",
           "check_many", "acheck", "acheck_many"]

# the batch verbs load on first use (they bring a thread pool and asyncio)
__getattr__, __dir__ = lazy_exports("tutor.checker", dict.fromkeys(("check_many", "acheck", "acheck_many"),
                                                                   "tutor.checker.batch"), globals())
