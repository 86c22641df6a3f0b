"""Sub-questions from the step tree: a smaller step of the problem, asked and checked on its own.

A learner wrong twice on the same problem is offered one (`tutor.session`). It is the subgoal of
the step where the learner's last mistake was diagnosed, or else the first real subgoal of the
worked solution: its sub-expression, never its result ("First: what is d/dz ln σ(z)?"). It is
checked by the checker against that step's result and diagnosed by the step's own misconceptions.

>>> from pathlib import Path
>>> from tutor.problems.loader import load_problem_set
>>> root = Path(__file__).resolve().parents[2]
>>> problems = load_problem_set(root / "problems/calculus/derivatives.toml").problems
>>> inst = next(p for p in problems if p.id == "chain-rule").instantiate(0)
>>> sub = subquestion(inst)
>>> sub.prompt.startswith("First: what is d/dx")
True
>>> from tutor.problems.render import input_text
>>> sub.check(input_text(sub.expected)).correct
True
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import field, replace
from typing import Any

import sympy

from tutor.errors import TutorError
from tutor.problems.instance import _make_checker
from tutor.values import frozen

# derivative rules that only take a sum or a constant apart: not a step worth asking about alone
_BOOKKEEPING = frozenset({"sum", "constant_multiple", "constant", "identity", "held_constant"})


@frozen
class SubQuestion:
    """A smaller step: `prompt` asks for `goal`, whose value is `expected`."""

    prompt: str
    goal: str
    expected: sympy.Basic
    checker: Any = field(repr=False, compare=False)
    diagnose: Callable[[str], Any] = field(repr=False, compare=False)

    def check(self, response: str):
        """The checker's verdict on the learner's answer to this step, with a named mistake folded in."""
        verdict = self.checker.check(response)
        if str(verdict.status) != "incorrect":
            return verdict
        try:
            found = self.diagnose(response)
        except TutorError:
            found = None
        if found is None:
            return verdict
        return replace(verdict, feedback=found.message, notes=(*verdict.notes, "MISCONCEPTION"))


def subquestion(instance: Any, diagnosis: Any = None) -> SubQuestion | None:
    """The sub-question for `instance` (at the diagnosed step when `diagnosis` names one), or None
    when the problem has no step tree or no step smaller than the whole question.

    >>> from pathlib import Path
    >>> from tutor.problems.loader import load_problem_set
    >>> path = Path(__file__).resolve().parents[2] / "problems/calculus/logistic_regression.toml"
    >>> inst = next(p for p in load_problem_set(path).problems if p.id == "logistic-loss-logit").instantiate(0)
    >>> subquestion(inst).prompt
    'First: what is ∂/∂z ln(σ(z))?'
    """
    worked = getattr(instance, "derivation", None)
    if worked is None:
        return None
    if hasattr(worked, "root") and hasattr(worked, "find"):
        return _from_solution(worked, diagnosis)
    # a gradient: the first partial derivative with a step worth asking about
    for derivation in getattr(worked, "derivations", None) or (worked,):
        if hasattr(derivation, "steps") and hasattr(derivation, "writer"):
            found = _from_derivation(derivation, diagnosis)
            if found is not None:
                return found
    return None


def _from_solution(solution: Any, diagnosis: Any) -> SubQuestion | None:
    from tutor.steps.solution import Solution

    root = solution.root
    node = solution.find(diagnosis.step) if diagnosis is not None else None
    if node is None or node is root or not node.subgoal:
        node = next((n for n in root.walk() if n is not root and n.subgoal and n.rule != "given"
                     and not solution.compare(n.result, solution.result)), None)
    if node is None:
        return None
    part = Solution(node.goal(), node, solution.bugs, solution.compare)
    return _question(node.goal(), node.result, part.diagnose)


def _from_derivation(derivation: Any, diagnosis: Any) -> SubQuestion | None:
    from tutor.steps.derivation import derivative_steps

    root = derivation.steps
    names = root.expr.free_symbols
    inner = {id(c) for s in root.walk() if s.rule == "chain" for c in s.children}

    def askable(s: Any) -> bool:
        # a real step, about the learner's own variable and names (not an inner u₁ of a chain
        # rule); a sum is worth asking about as the inner function of a chain rule
        real = s.rule not in _BOOKKEEPING or id(s) in inner
        return (s is not root and not s.trivial and real and s.wrt == root.wrt
                and s.expr.free_symbols <= names and s.result != derivation.result)

    step = root.find(diagnosis.step) if diagnosis is not None and isinstance(diagnosis.step, str) else None
    if step is None or not askable(step):
        step = next((s for s in root.walk() if askable(s)), None)
    if step is None:
        return None
    goal = derivation.writer.dd(step.expr, step.wrt)
    return _question(goal, step.result,
                     lambda response: derivative_steps(step.expr, step.wrt).diagnose(response))


def _question(goal: str, expected: sympy.Basic, diagnose: Callable[[str], Any]) -> SubQuestion:
    names = sorted(str(s) for s in getattr(expected, "free_symbols", ()))
    checker = _make_checker(expected, {"variables": names} if names else {})
    return SubQuestion(f"First: what is {goal}?", goal, expected, checker, diagnose)

