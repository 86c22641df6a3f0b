"""`Solution`: a worked author formula (det, inverse, bayes, ∫, ...) with the `Derivation` interface.

It holds the root `Node` and gives the result, the numbered steps
(`render`, `latex`), the hint ladder (`hints`) and the diagnosis of a wrong
answer (`diagnose`): every buggy rule of the engine is applied at every node
where it applies (one node at a time, then at all of them at once) and its
wrong value carried up to the root by the ancestors' own `combine`; a response
that equals one of these values is diagnosed. When several misconceptions give
the same value, the diagnosis names them all (`Diagnosis.alternatives`)
instead of asserting one. A correct answer is never diagnosed.

>>> from tutor.steps.solve import solution_steps
>>> s = solution_steps("det([[3, 2], [1, 4]])")
>>> s.result, s.diagnose("14").bug
(10, 'det_ad_plus_bc')
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import sympy
from sympy import Basic

from tutor.deadline import tick
from tutor.errors import StepError
from tutor.steps.compare import matches
from tutor.steps.diagnosis import Diagnosis, combined
from tutor.steps.hints import MAX_RUNGS, Hint, HintLevel, first_clause, pick_rungs
from tutor.steps.node import Node, NodeBug, latex, show
from tutor.steps.points import derivative_bugs
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover
    from tutor.parser import Parsed

Compare = Callable[[Basic, Basic], bool]

CANDIDATE_SECONDS = 1.0
"""How long the buggy answers of one solution may take to build; most take a few milliseconds."""


@frozen
class Candidate:
    """A buggy final value: the bug, the node where it was applied (the first one when `everywhere`)."""

    bug: NodeBug
    node: Node
    everywhere: bool
    value: Basic


@frozen(eq=False)
class Solution:
    """An author formula worked step by step: `root` is the tree, `result` its value."""

    formula: str
    root: Node
    bugs: tuple[NodeBug, ...] = ()
    compare: Compare = matches

    @property
    def result(self) -> Basic:
        """The value of the formula."""
        return self.root.result

    @property
    def has_unknown(self) -> bool:
        """True when some node is a "don't know" node."""
        return any(node.rule == "unknown" for node in self.root.walk())

    @cached_property
    def paths(self) -> dict[int, str]:
        """Each node's address in the tree ("0", "0.1", ...), by node identity."""
        found: dict[int, str] = {}

        def number(node: Node, path: str) -> None:
            found[id(node)] = path
            for i, child in enumerate(node.children):
                number(child, f"{path}.{i}")

        number(self.root, "0")
        return found

    def path(self, node: Node) -> str:
        """The address of `node` in this solution."""
        return self.paths[id(node)]

    def find(self, path: str) -> Node | None:
        """The node at `path`, or None."""
        return next((n for n in self.root.walk() if self.paths[id(n)] == path), None)

    # ----- steps

    def render(self) -> str:
        """Numbered plain-text (unicode) steps, then the answer."""
        lines = [self.root.goal(), ""]
        self._render(self.root, lines, 0)
        lines += ["", f"Answer: {self.root.goal()} = {show(self.result)}"]
        return "\n".join(lines)

    def _render(self, node: Node, lines: list[str], depth: int) -> None:
        indent = "   " * depth
        head = f"{indent}{_number(self.path(node))}. {node.name[0].upper()}{node.name[1:]}"
        instance = node.instance()
        if not node.children:
            working = f" = {instance}" if instance else ""
            lines.append(f"{head}: {node.goal()}{working} = {show(node.result)}")
            return
        lines.append(f"{head}: {node.goal()}" + (f" = {instance}" if instance else ""))
        for child in node.children:
            self._render(child, lines, depth + 1)
        lines.append(f"{indent}   So {node.goal()} = {show(node.result)}")

    def latex(self) -> str:
        """The steps as a LaTeX ``aligned`` block, one line per node, then the answer."""
        rows = [f"{n.goal_latex()} &= {latex(n.result)} && \\text{{{n.name}}}" for n in self.root.walk()
                if n.rule != "given"]
        rows.append(f"{self.root.goal_latex()} &= {latex(self.result)}")
        return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"

    def hints(self, budget: int = MAX_RUNGS) -> tuple[Hint, ...]:
        """The short ladder: a plan, one rung per subgoal (sub-expression and result), the answer.

        At most `budget` rungs; each rung's ``more`` holds its detailed steps (see `detailed_hints`).

        >>> from tutor.steps.solve import solution_steps
        >>> for hint in solution_steps("det([[1, 2, 0], [3, 4, 5], [0, 1, 2]])").hints():
        ...     print(hint.text[:75])
        To find det([[1, 2, 0], [3, 4, 5], [0, 1, 2]]): cofactor expansion: Along o
        2×2 determinant: det([[4, 5], [1, 2]]) = 4·2 − 5·1 = 3
        2×2 determinant: det([[3, 5], [0, 2]]) = 3·2 − 5·0 = 6
        det([[1, 2, 0], [3, 4, 5], [0, 1, 2]]) = −9
        """
        if budget not in self._ladders:
            self._ladders[budget] = self._short(budget)
        return self._ladders[budget]

    @cached_property
    def _ladders(self) -> dict[int, tuple[Hint, ...]]:
        return {}

    def _short(self, budget: int) -> tuple[Hint, ...]:
        root = self.root
        last = Hint(HintLevel.BOTTOM_OUT, f"{root.goal()} = {show(self.result)}{_decimal(self.result)}",
                    f"{root.goal_latex()} = {latex(self.result)}", "0")
        if budget <= 1:
            return (Hint(last.level, last.text, last.latex, last.step, self.detailed_hints()[:-1]),)

        def children(node: Node) -> tuple[Node, ...]:
            return tuple(c for c in node.children if c.rule != "given")

        def key(node: Node) -> str:
            return node.goal()

        rungs = pick_rungs(root, children, lambda n: n.subgoal and not self._gives_away(n), budget - 2, key)
        if not rungs:  # only bookkeeping below the root (row operations): they are the steps to show
            rungs = pick_rungs(root, children, lambda n: not self._gives_away(n), budget - 2, key)
        tops = [n for group in rungs for n in group
                if not any(n is not m and any(d is n for d in m.walk()) for g in rungs for m in g)]
        needs = f" It needs {_listed([n.goal() for n in tops])}." if 1 < len(tops) <= 4 else ""
        statement = f": {root.statement}" if root.statement else ""
        plan = f"To find {root.goal()}: {root.name}{statement}".rstrip(".") + "." + needs
        lead, kept = root, []
        while not lead.subgoal and len(children(lead)) == 1:   # bookkeeping first (a constant factor)
            kept.append(lead)
            lead = children(lead)[0]
        if kept and lead.subgoal:
            # the plan names the method that does the work, not only the bookkeeping around it
            first = "; ".join(_headline(n.statement) or n.name for n in kept)
            first = first[:1].lower() + first[1:]
            rule = _headline(lead.statement)
            plan = (f"To find {root.goal()}: {first}; then the {lead.name} for {lead.goal()}"
                    f"{': ' + rule if rule and len(rule) <= _HEADLINE else ''}.")
        own = self._detail(root, below=False)
        out = [Hint(HintLevel.ORIENT, plan, None, "0", own)]
        for group in rungs:
            text = "; ".join(self._rung_text(n) for n in group)
            more = tuple(h for n in group for h in self._detail(n))
            out.append(Hint(HintLevel.INSTANTIATE, text, None, self.path(group[0]), more))
        out.append(last)
        return tuple(out)

    def _rung_text(self, node: Node) -> str:
        instance = node.instance()
        name = f"{node.name[0].upper()}{node.name[1:]}"
        if isinstance(node.result, sympy.Equality):   # an equation rewritten: 2Xᵀ(X w − y) = 0 ⇒ 2XᵀX w = 2Xᵀy
            return f"{name}: {instance or node.goal()} ⇒ {show(node.result)}"
        working = f" = {instance}" if instance and instance != show(node.result) else ""
        return f"{name}: {node.goal()}{working} = {show(node.result)}"

    def _detail(self, node: Node, below: bool = True) -> tuple[Hint, ...]:
        out: list[Hint] = []
        self._hints(node, out, below)
        return tuple(h for h in out if not (h.step == "0" and h.level is HintLevel.BOTTOM_OUT))

    def detailed_hints(self) -> tuple[Hint, ...]:
        """The detailed ladder: a plan, then each subgoal's rule, instance and result; the answer last."""
        return self._ladder

    @cached_property
    def _ladder(self) -> tuple[Hint, ...]:
        out: list[Hint] = []
        self._hints(self.root, out)
        return tuple(out)

    def _hints(self, node: Node, out: list[Hint], below: bool = True) -> None:
        path, root = self.path(node), node is self.root
        if root:
            out.append(Hint(HintLevel.ORIENT, f"To find {node.goal()}: which method fits, and what does "
                                              "it need first?", None, path))
        if node.subgoal or root:
            if not root:
                out.append(Hint(HintLevel.ORIENT, f"Next: {node.goal()}.", None, path))
            if node.statement:
                out.append(Hint(HintLevel.RULE, f"{node.name[0].upper()}{node.name[1:]}: {node.statement}",
                                None, path))
        instance = node.instance()
        if instance and (node.subgoal or root or not self._gives_away(node)):
            out.append(Hint(HintLevel.INSTANTIATE, f"{node.goal()} = {instance}", None, path))
        for child in node.children if below else ():
            if child.rule != "given":
                self._hints(child, out)
        if root:
            out.append(Hint(HintLevel.BOTTOM_OUT, f"{node.goal()} = {show(self.result)}",
                            f"{node.goal_latex()} = {latex(self.result)}", path))
        elif not self._gives_away(node):
            out.append(Hint(HintLevel.BOTTOM_OUT, f"{node.goal()} = {show(node.result)}",
                            f"{node.goal_latex()} = {latex(node.result)}", path))

    def _gives_away(self, node: Node) -> bool:
        """Whether a node's result is the answer itself (its rung would give the answer away);
        asked of a node by both ladders and by the rung picker, answered once."""
        if node is self.root:
            return False
        known = self._given_away.get(id(node))
        if known is None:
            known = self._given_away[id(node)] = self.compare(node.result, self.result)
        return known

    @cached_property
    def _given_away(self) -> dict[int, bool]:
        return {}

    # ----- diagnosis

    @cached_property
    def inner_bugs(self) -> tuple[NodeBug, ...]:
        """The slips of the derivatives the derivative engine worked inside the tree (a slope's, a
        term's over data), each a wrong rule of its node, after the catalogue's: looked for when
        first diagnosing, not when the steps are built."""
        return tuple(bug for node in self.root.walk() if getattr(node, "worked", None) is not None
                     for bug in derivative_bugs(node, node.rule, getattr(node, "renamed", ())))

    @cached_property
    def candidates(self) -> tuple[Candidate, ...]:
        """Every buggy final value a known misconception gives here, most specific first."""
        found: list[Candidate] = []
        deadline = time.monotonic() + CANDIDATE_SECONDS
        for bug in (*self.bugs, *self.inner_bugs):  # the catalogue order is the priority order
            nodes = [node for node in self.root.walk() if bug.applies(node)]
            for node in nodes:
                tick()
                if time.monotonic() > deadline:
                    break  # a huge tree (eigenvalues of a 5×5): the paths tried so far are kept
                for variant in _variants(bug, node, [c.result for c in node.children]):
                    carried = _guarded(lambda: self._replace(self.root, node, variant))
                    if carried is not None:
                        found.append(Candidate(bug, node, False, carried))
            if len(nodes) > 1 and time.monotonic() <= deadline:
                everywhere = _guarded(lambda: self._everywhere(self.root, bug))
                if everywhere is not None:
                    found.append(Candidate(bug, nodes[0], True, everywhere))
        ordered = [c for c in found if not c.everywhere] + [c for c in found if c.everywhere]
        return tuple(c for c in ordered if c.value is not None and not self._same(c.value, self.result))

    def _same(self, a: Basic, b: Basic) -> bool:
        try:
            return self.compare(a, b)
        except (TypeError, ValueError, ArithmeticError, AttributeError):
            return False

    def _replace(self, node: Node, target: Node, value: Basic) -> Basic:
        if node is target:
            return value
        if not any(n is target for n in node.walk()):
            return node.result
        return node.combine([self._replace(child, target, value) for child in node.children])

    def _everywhere(self, node: Node, bug: NodeBug) -> Basic | None:
        parts = [self._everywhere(child, bug) for child in node.children]
        if any(p is None for p in parts):
            return None
        if bug.applies(node):
            variants = _variants(bug, node, parts)
            if variants:
                return variants[0]
        return node.combine(parts)

    def diagnose(self, response: str | Basic | Parsed) -> Diagnosis | None:
        """The known mistakes that produce `response`, or None (also when `response` is right).

        Text goes through `tutor.parse` (a `ParseError` is raised for text that cannot be read).
        """
        value = self._response_value(response)
        if self._same(value, self.result):
            return None
        hits: list[Candidate] = []
        for candidate in self.candidates:
            tick()
            if self._same(value, candidate.value) and all(h.bug.id != candidate.bug.id for h in hits):
                hits.append(candidate)
        if not hits:
            return None
        return combined([self._diagnosis(c) for c in hits])

    def _diagnosis(self, candidate: Candidate) -> Diagnosis:
        fields = candidate.node.fields()
        message = candidate.bug.message.format(**fields)
        if candidate.everywhere:
            message += " (You did this at every such step.)"
        path = self.path(candidate.node)
        remedy = [Hint(HintLevel.RULE, candidate.bug.remedy.format(**fields), None, path)]
        if candidate.node.statement:
            remedy.append(Hint(HintLevel.RULE, f"{candidate.node.name[0].upper()}{candidate.node.name[1:]}: "
                                                f"{candidate.node.statement}", None, path))
        return Diagnosis(candidate.bug.id, message, path, tuple(remedy))

    def _response_value(self, response: object) -> Basic:
        if isinstance(response, str):
            from tutor.parser import parse

            names = sorted({s.name for s in _symbols(self.result)})
            response = parse(response, variables=names)
        if isinstance(response, bool) or not isinstance(response, (int, float, Basic)) and not hasattr(
                response, "value"):
            raise StepError(f"An answer to diagnose must be text or a value, not a {type(response).__name__}.")
        if isinstance(response, int):
            return sympy.Integer(response)
        if isinstance(response, float):
            return sympy.Float(response)
        value = getattr(response, "value", response)
        if isinstance(value, (list, tuple)):
            return sympy.ImmutableMatrix(value)
        return value

    def __str__(self) -> str:
        return f"{self.root.goal()} = {show(self.result)}"

    def walk(self) -> Iterator[Node]:
        """Every node, parents first."""
        return self.root.walk()


# what SymPy raises when a wrong value does not fit the rest of the computation (a vector where a
# number belongs, a division by zero): that wrong path simply gives no candidate
_MISFITS = (ZeroDivisionError, ValueError, TypeError, ArithmeticError, AttributeError, IndexError,
            sympy.ShapeError, sympy.matrices.exceptions.NonSquareMatrixError)


def _variants(bug: NodeBug, node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    result = _guarded(lambda: tuple(v for v in bug.variants(node, parts) if v is not None))
    return result if isinstance(result, tuple) else ()


def _guarded(compute: Callable[[], object]) -> Any:
    try:
        return compute()
    except _MISFITS:
        return None


def _symbols(value: Basic) -> set[sympy.Symbol]:
    return {s for s in getattr(value, "free_symbols", set()) if isinstance(s, sympy.Symbol)}


_HEADLINE = 80   # characters: a longer first clause is an explanation, not a rule to quote in a plan


def _headline(statement: str) -> str:
    """The first clause of a rule's statement, without its explanation.

    >>> _headline("∇_w ‖r‖² = 2·(∂r/∂w)ᵀ·r: the gradient of rᵀr with respect to r is 2r")
    '∇_w ‖r‖² = 2·(∂r/∂w)ᵀ·r'
    """
    return first_clause(statement).split(": ")[0].rstrip(".")


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _number(path: str) -> str:
    return ".".join(str(int(part) + 1) for part in path.split("."))


def _decimal(value: Basic) -> str:
    """" ≈ 0.524979" after an exact value that is not a fraction (σ(1/10), √17), else "".

    >>> _decimal(sympy.sqrt(17)), _decimal(sympy.Rational(1, 3))
    (' ≈ 4.12311', '')
    """
    if not isinstance(value, sympy.Expr) or not value.is_number or value.is_Rational or value.has(sympy.Float):
        return ""
    try:
        number = complex(sympy.N(value, 15))
    except (TypeError, ValueError):
        return ""
    return f" ≈ {number.real:.6g}".replace("-", "−") if number.imag == 0 else ""
