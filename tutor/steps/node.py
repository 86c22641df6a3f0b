"""`Node`: one rule applied to one sub-expression of an author formula (det, inverse, bayes, ∫, ...).

The engines for author operations (`tutor.steps.linalg`, `tutor.steps.stats`,
`tutor.steps.integrals`) build trees of these small rule objects, in the style
of SymPy's ``manualintegrate``. Every node knows, and later work (ladders by
subgoal, help that follows the mistake, sub-questions) builds on exactly this:

* ``expr``: the sub-expression it works on, as a SymPy value (a matrix, a
  vector, an integrand) and ``goal()``: that sub-expression in words
  ("det [[3, 2], [1, 4]]", "P(H | E)", "∫ x·eˣ dx");
* ``result``: its value, recomputed from its children's results by
  ``combine`` (``recompute()`` does it again, so a test can check every node);
* ``subgoal``: True for a real subgoal, the point of an exercise (a cofactor
  expansion, a 2×2 determinant, the Bayes denominator, integration by parts);
  False for bookkeeping that a short ladder folds into its parent (forming
  A − λI, one entry of a matrix product, one row operation, reading a table);
* ``rule``: a stable rule id ("det_2x2", "cofactor_expansion", "bayes_total"),
  and ``name`` and ``statement``: the rule in words;
* ``instance()``: the rule applied to this sub-expression, with its numbers,
  without the result; ``fields()``: its bindings, named for bug messages.

A node's place in its tree (its path, "0.1.0") is given by the `Solution` that
holds it, so engines build trees bottom-up without numbering them. Which rule
applies is decided apart from the rules (each engine's ``build`` functions),
and "don't know" is a node (`Unknown`), never an exception.

>>> import sympy
>>> class Twice(Node):
...     rule, name, statement = "twice", "doubling", "Add a value to itself."
...     def combine(self, parts):
...         return 2 * self.expr
>>> node = Twice(expr=sympy.Integer(4))
>>> node.result, node.recompute() == node.result, node.goal()
(8, True, '4')
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import field
from typing import ClassVar, TypeVar

import sympy
from sympy import Basic

from tutor.steps.text import to_latex, to_text
from tutor.values import frozen


@frozen(eq=False, kw_only=True)
class Node:
    """One rule applied to `expr`; `result` is computed from the children at construction."""

    expr: Basic
    children: tuple[Node, ...] = ()
    result: Basic = field(init=False)

    rule: ClassVar[str] = "node"
    name: ClassVar[str] = "rule"
    statement: ClassVar[str] = ""
    subgoal: ClassVar[bool] = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "result", self.recompute())

    def combine(self, parts: Sequence[Basic]) -> Basic:
        """This node's result from its children's results (in order)."""
        raise NotImplementedError

    def recompute(self) -> Basic:
        """The result recomputed from the children, as the rule states it."""
        return self.combine([child.result for child in self.children])

    def goal(self) -> str:
        """What this node computes, in words (without its result)."""
        return show(self.expr)

    def goal_latex(self) -> str:
        """What this node computes, in LaTeX."""
        return latex(self.expr)

    def instance(self) -> str:
        """The rule applied here, with this sub-expression's numbers, without the result."""
        return ""

    def fields(self) -> dict[str, str]:
        """Named parts of this node, for bug messages ("a", "d", "matrix", ...)."""
        return {"goal": self.goal()}

    def walk(self) -> Iterator[Node]:
        """This node and all nodes below it, parents first (teaching order)."""
        yield self
        for child in self.children:
            yield from child.walk()


@frozen(eq=False, kw_only=True)
class Given(Node):
    """A value as the question gives it (a leaf; bookkeeping)."""

    rule = "given"
    name = "given"
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.expr


@frozen(eq=False, kw_only=True)
class Unknown(Node):
    """No rule is known for this sub-expression: "don't know" as a value; `value` stands for its result."""

    value: Basic
    rule = "unknown"
    name = "no known rule"
    statement = "There is no step-by-step rule for this yet."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.value

    def instance(self) -> str:
        return f"No step-by-step rule is known for {self.goal()}."


@frozen
class NodeBug:
    """A misconception as a wrong rule: where it applies (`rules`, `when`) and what it computes there.

    `variants(node, parts)` gives the wrong results of `node` from its children's results; the
    `message` and `remedy` are formatted with `node.fields()` and must not state a value the
    learner is asked to compute.
    """

    id: str
    misconception: str
    rules: frozenset[str]
    variants: Callable[[Node, Sequence[Basic]], tuple[Basic, ...]]
    message: str
    remedy: str
    when: Callable[[Node], bool] = lambda node: True

    def applies(self, node: Node) -> bool:
        """Whether this wrong rule can be used at `node`."""
        return node.rule in self.rules and self.when(node)


_Rule = TypeVar("_Rule")


def as_rule(node: object, rule: type[_Rule]) -> _Rule:
    """`node` as an instance of the rule class `rule`, for a bug's code that reads its fields.

    A bug runs only at the rule ids it names, so a node of another class means its table is
    wrong: that fails here, saying so, rather than as a missing attribute somewhere later.

    >>> given = Given(expr=sympy.Integer(2))
    >>> as_rule(given, Given) is given
    True
    >>> as_rule(given, Unknown)
    Traceback (most recent call last):
    TypeError: a bug for the Unknown rule ran at a Given node
    """
    if not isinstance(node, rule):
        raise TypeError(f"a bug for the {rule.__name__} rule ran at a {type(node).__name__} node")
    return node


# ----- writing values


def show(value: object) -> str:
    """A value as teacher-style text: matrices as rows, decimals to 6 significant digits.

    >>> show(sympy.ImmutableMatrix([[1, sympy.Rational(1, 2)], [3, -4]]))
    '[[1, 1/2], [3, −4]]'
    >>> show(sympy.ImmutableMatrix([1, 2])), show(sympy.Float(0.841344746)), show(sympy.FiniteSet(3, 1))
    ('[1, 2]', '0.841345', '{1, 3}')
    """
    if isinstance(value, sympy.MatrixBase):
        if value.cols == 1:
            return "[" + ", ".join(show(e) for e in value) + "]"
        return "[" + ", ".join("[" + ", ".join(show(e) for e in value.row(i)) + "]"
                               for i in range(value.rows)) + "]"
    if isinstance(value, sympy.FiniteSet):
        return "{" + ", ".join(show(e) for e in sorted(value.args, key=sympy.default_sort_key)) + "}"
    if isinstance(value, sympy.Float):
        return f"{float(value):.6g}".replace("-", "−")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show(e) for e in value) + "]"
    if isinstance(value, sympy.Equality):
        return f"{show(value.lhs)} = {show(value.rhs)}"
    if isinstance(value, Basic):
        if value.has(sympy.Float):
            value = value.xreplace({f: sympy.Float(f, 6) for f in value.atoms(sympy.Float)})
        return to_text(value)
    return str(value)


def latex(value: object) -> str:
    r"""A value in LaTeX (decimals to 6 significant digits).

    >>> latex(sympy.ImmutableMatrix([[1, 2], [3, 4]]))
    '\\begin{bmatrix}1 & 2\\\\3 & 4\\end{bmatrix}'
    """
    if isinstance(value, sympy.MatrixBase):
        rows = [" & ".join(latex(e) for e in value.row(i)) for i in range(value.rows)]
        return r"\begin{bmatrix}" + r"\\".join(rows) + r"\end{bmatrix}"
    if isinstance(value, sympy.Float):
        return f"{float(value):.6g}"
    if isinstance(value, Basic):
        return to_latex(value)
    return str(value)


def tight(value: Basic) -> str:
    """A value as text, bracketed when it is negative, a fraction or a sum (to use it as a factor).

    >>> tight(sympy.Integer(-2)), tight(sympy.Integer(3)), tight(sympy.Rational(3, 10))
    ('(−2)', '3', '(3/10)')
    """
    text = show(value)
    negative = getattr(value, "is_negative", False) or text.startswith("−")
    compound = isinstance(value, sympy.Add) or "/" in text or " " in text
    return f"({text})" if negative or compound else text
