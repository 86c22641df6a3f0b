"""Problem sets: TOML files → `ProblemSet` → seeded `ProblemInstance`s (prompt, answer, check, hints).

The names are imported lazily: `discover` and `default_problem_dirs` read only file headers and
never import SymPy, so listing the sets stays fast.

>>> from tutor.problems import default_problem_dirs, discover
>>> any(info.id == "calculus/logistic_regression" for info in discover(default_problem_dirs()))
True
"""
from __future__ import annotations

from tutor.lazy import lazy_exports

_LAZY = {
    "discover": "tutor.problems.discovery",
    "default_problem_dirs": "tutor.problems.discovery",
    "SetInfo": "tutor.problems.discovery",
    "load_problem_set": "tutor.problems.loader",
    "ProblemSet": "tutor.problems.model",
    "Problem": "tutor.problems.model",
    "Tags": "tutor.problems.model",
    "ProblemInstance": "tutor.problems.instance",
    "AUTHOR_OPS": "tutor.problems.interpreter",
    "interpret": "tutor.problems.interpreter",
    "FormulaError": "tutor.problems.ops_base",
}

__all__ = sorted(_LAZY)


__getattr__, __dir__ = lazy_exports("tutor.problems", _LAZY, globals())
