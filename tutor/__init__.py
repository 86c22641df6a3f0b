"""tutor: a symbolic-math tutoring engine for the mathematics of machine learning.

The public verbs are re-exported here and imported lazily, so that
``import tutor`` stays light (the practice REPL starts fast, and graders that
only check answers never import the terminal front end).

>>> import tutor
>>> tutor.parse("2x").interpreted
'2·x'
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.errors import CheckError, ParseError, ProblemFileError, ProgressError, StepError, TutorError
from tutor.lazy import lazy_exports

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "parse": "tutor.parser",
    "Parsed": "tutor.parser",
    "Note": "tutor.parser",
    "check": "tutor.checker",
    "Verdict": "tutor.checker",
    "Checker": "tutor.checker",
    "equivalent": "tutor.checker",
    "warm_up": "tutor.checker",
    "check_many": "tutor.checker.batch",
    "acheck": "tutor.checker.batch",
    "acheck_many": "tutor.checker.batch",
    "solution_steps": "tutor.steps",
    "derivative_steps": "tutor.steps",
    "gradient_steps": "tutor.steps",
    "Derivation": "tutor.steps",
    "Gradient": "tutor.steps",
    "Hessian": "tutor.steps",
    "Solution": "tutor.steps",
    "Hint": "tutor.steps",
    "HintLevel": "tutor.steps",
    "Diagnosis": "tutor.steps",
    "assert_correct": "tutor.adapters.notebook",
    "load_problem_set": "tutor.problems",
    "ProblemSet": "tutor.problems",
    "NOTES": "tutor.notes",
}

__all__ = [
    "TutorError", "ParseError", "ProblemFileError", "CheckError", "StepError", "ProgressError",
    *_LAZY,
]

if TYPE_CHECKING:  # pragma: no cover
    from tutor.parser import Note, Parsed, parse


__getattr__, __dir__ = lazy_exports("tutor", _LAZY, globals())
