"""Hint ladders: a short ladder by subgoal, and the detailed steps behind each of its rungs.

The default ladder (`short_ladder`, what `Derivation.hints()` gives) is a
*plan* (what the expression is made of and the first rule), then one rung per
real subgoal (a chain, product or quotient rule, a basic derivative such as
σ′ or d/dx x³) showing the sub-expression it works on and its result, then the
*bottom-out*. Bookkeeping (the sum rule, constant factors, d/dx x, constants)
folds into its parent, and the ladder has at most `MAX_RUNGS` rungs (or the
budget given): deeper subgoals fold into their enclosing subgoal first, then
neighbouring rungs share one. A rung never names an inner variable (u₁) and no
rung before the last shows the final answer. Each rung's `more` holds its
detailed steps (the learner's ``:more``).

The detailed ladder (`ladder`) walks the whole step tree in teaching order.
Each step gives up to four rungs: *orient*, *rule* (the rule in general),
*instantiate* (the rule on this expression) and *bottom_out* (its result).

>>> import sympy
>>> from tutor.steps import derivative_steps
>>> x = sympy.Symbol("x")
>>> d = derivative_steps(sympy.sin(x**2), x)
>>> [h.level.value for h in d.hints()]
['orient', 'instantiate', 'instantiate', 'bottom_out']
>>> [h.level.value for h in d.detailed_hints()][:3]
['orient', 'rule', 'instantiate']
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from enum import StrEnum
from typing import TypeVar

from sympy import Basic

from tutor.steps.render import TextWriter, latex_dd
from tutor.steps.step import Step
from tutor.steps.text import to_latex
from tutor.values import frozen

MAX_RUNGS = 8
"""The longest default ladder a learner sees for one problem (authored and generated rungs together)."""

# rules whose step is the point of an exercise; a leaf with a rule of its own (d/dx x³, σ′) is one too
STRUCTURAL_RULES = frozenset({"chain", "product", "quotient", "log_diff", "bce_sigmoid", "log_sigmoid",
                              "log_one_minus_sigmoid"})
# rules that only organise the work: they fold into the rung of their parent
BOOKKEEPING_RULES = frozenset({"sum", "constant_multiple", "constant", "held_constant", "identity",
                               "recognise_sigmoid", "recognise_relu", "change_of_base", "unknown"})

T = TypeVar("T")


class HintLevel(StrEnum):
    """How much a hint gives away, from least to most."""

    ORIENT = "orient"
    RULE = "rule"
    INSTANTIATE = "instantiate"
    BOTTOM_OUT = "bottom_out"


@frozen
class Hint:
    """One rung of a hint ladder: its level, text (and LaTeX when it has a formula), and the step path."""

    level: HintLevel
    text: str
    latex: str | None = None
    step: str = "0"
    more: tuple[Hint, ...] = ()  # the detailed steps behind this rung, for the learner's :more

    def __str__(self) -> str:
        return self.text


def ladder(root: Step, w: TextWriter, shown: Callable[[Step], Basic], final: Basic) -> tuple[Hint, ...]:
    """The whole ladder for a derivation whose simplified answer is `final` (see `Derivation.hints`).

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> d = derivative_steps(sympy.exp(sympy.Symbol("x")), "x")
    >>> [h.text for h in ladder(d.steps, d.writer, d.shown, d.result)]
    ['d/dx e^x: which basic derivative do you know for e^x?', 'Exponential rule: d/dx e^x = e^x.', 'd/dx e^x = e^x']
    """
    hints: list[Hint] = []
    _step_hints(root, w, shown, _Reveal(root, shown, final), hints)
    return tuple(hints)


class _Reveal:
    """Knows which results are the final answer, so that only the last rung shows it."""

    def __init__(self, root: Step, shown: Callable[[Step], Basic], final: Basic) -> None:
        self.root = root
        self.final = final
        self.shown = shown

    def gives_away(self, step: Step) -> bool:
        return step is not self.root and (step.result == self.root.result or self.shown(step) == self.final)


def _step_hints(step: Step, w: TextWriter, shown: Callable[[Step], Basic], reveal: _Reveal,
                out: list[Hint]) -> None:
    root = step is reveal.root
    if step.trivial and not step.children:
        if root or not reveal.gives_away(step):
            hint = bottom_out(step, w, step.result)
            out.append(Hint(hint.level, f"{step.instance(w).rstrip('.')}: {hint.text}", hint.latex,
                            step.path))
        return
    if step.children or root:
        out.append(orient(step, w, root))
    out.append(rule_hint(step))
    instance = step.instance(w)
    if instance:
        out.append(Hint(HintLevel.INSTANTIATE, instance, None, step.path))
    for child in step.children:
        _step_hints(child, w, shown, reveal, out)
    if root:
        out.append(_final(step, w, reveal.final))
    elif not reveal.gives_away(step):
        out.append(bottom_out(step, w, shown(step)))


def orient(step: Step, w: TextWriter, first: bool = False) -> Hint:
    """The question that starts a step: what is the outermost operation?

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> d = derivative_steps(sympy.sin(sympy.Symbol("x") ** 2), "x")
    >>> orient(d.steps.children[1], d.writer).text
    'd/dx x²: which basic derivative do you know for x²?'
    """
    expr = w.text(step.expr)
    if not step.children:
        text = f"{w.dd(step.expr, step.wrt)}: which basic derivative do you know for {expr}?"
    elif first:
        text = (f"To find {w.dd(step.expr, step.wrt)}: what is the outermost operation of {expr}, "
                f"the one you would compute last? It decides the first rule.")
    else:
        text = f"Next, {w.dd(step.expr, step.wrt)}: what is the outermost operation in {expr}?"
    return Hint(HintLevel.ORIENT, text, None, step.path)


def rule_hint(step: Step) -> Hint:
    """The rule of a step, stated in general.

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> rule_hint(derivative_steps(sympy.Symbol("x") ** 3, "x").steps).text[:30]
    'Power rule: d/dx xⁿ = n·xⁿ⁻¹ f'
    """
    name = step.name[0].upper() + step.name[1:]
    return Hint(HintLevel.RULE, f"{name}: {step.statement}", step.statement_latex or None, step.path)


def bottom_out(step: Step, w: TextWriter, result: Basic) -> Hint:
    """The result of a step.

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> d = derivative_steps(sympy.Symbol("x") ** 3, "x")
    >>> bottom_out(d.steps, d.writer, d.result).text
    'd/dx x³ = 3x²'
    """
    note = step.note()
    text = f"{note[0].upper()}{note[1:]}: {w.equation(step, result)}" if note else w.equation(step, result)
    latex = f"{latex_dd(step.expr, step.wrt, w)} = {to_latex(result)}"
    return Hint(HintLevel.BOTTOM_OUT, text, latex, step.path)


def _final(root: Step, w: TextWriter, final: Basic) -> Hint:
    """The last rung: the root's result as the rule gives it, then simplified."""
    hint = bottom_out(root, w, root.result)
    if root.result == final or w.text(root.result) == w.text(final):
        return hint
    return Hint(HintLevel.BOTTOM_OUT, f"{hint.text} = {w.text(final)}",
                f"{hint.latex} = {to_latex(final)}", root.path)


def entry_step(k: int, path: str) -> str:
    """The step path `path` within entry `k` of a vector or matrix of derivatives (its rungs and its
    diagnosis carry it, so that help after a mistake finds the right entry's rung).

    >>> entry_step(1, "0.2")
    '1:0.2'
    """
    return f"{k}:{path}"


# ----- the short ladder, by subgoal


def pick_rungs(root: T, children: Callable[[T], Sequence[T]], subgoal: Callable[[T], bool],
               budget: int, key: Callable[[T], Hashable] = id) -> list[list[T]]:
    """The subgoals that get a rung, in teaching order (inner before outer), at most `budget` rungs.

    Each rung is a list of nodes (usually one). Nodes with the same `key` get one rung. When
    there are too many, the most deeply nested subgoals fold into their enclosing subgoal first;
    then neighbouring rungs are merged.

    >>> tree = {"r": ["a", "b"], "a": ["a1", "a2"], "b": [], "a1": [], "a2": []}
    >>> pick_rungs("r", tree.__getitem__, lambda n: True, 4)
    [['a1'], ['a2'], ['a'], ['b']]
    >>> pick_rungs("r", tree.__getitem__, lambda n: True, 2)
    [['a'], ['b']]
    >>> pick_rungs("r", tree.__getitem__, lambda n: True, 1)
    [['a', 'b']]
    >>> pick_rungs("r", tree.__getitem__, lambda n: True, 0)
    []
    """
    found: list[tuple[T, int]] = []

    def visit(node: T, depth: int) -> None:
        here = node is not root and subgoal(node)
        for child in children(node):
            visit(child, depth + 1 if here else depth)
        if here:
            found.append((node, depth))

    visit(root, 0)
    seen: set[Hashable] = set()
    unique = []
    for node, depth in found:
        if key(node) not in seen:
            seen.add(key(node))
            unique.append((node, depth))
    while len(unique) > budget and unique and max(d for _, d in unique) > 0:
        deepest = max(d for _, d in unique)
        unique = [(n, d) for n, d in unique if d < deepest]
    nodes = [n for n, _ in unique]
    if budget <= 0 or not nodes:
        return []
    size = -(-len(nodes) // budget)  # ceil: as few rungs share as possible
    return [nodes[i:i + size] for i in range(0, len(nodes), size)]


def short_ladder(root: Step, w: TextWriter, shown: Callable[[Step], Basic], final: Basic,
                 budget: int = MAX_RUNGS) -> tuple[Hint, ...]:
    """The default ladder of a derivation: a plan, one rung per subgoal, the answer (see the module).

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> x = sympy.Symbol("x")
    >>> d = derivative_steps(x**3 * sympy.exp(-2*x), x)
    >>> for hint in short_ladder(d.steps, d.writer, d.shown, d.result):
    ...     print(hint.text)
    Plan for d/dx (x³·e^(−2x)): it is made of x³ and e^(−2x); first, the product rule: (f·g)′ = f′·g + f·g′.
    Power rule on x³: d/dx x³ = 3x²
    Chain rule on e^(−2x), with inside −2x: the outer derivative at the inside is e^(−2x), times d/dx (−2x) = −2: d/dx e^(−2x) = −2·e^(−2x)
    d/dx (x³·e^(−2x)) = 3x²·e^(−2x) − 2x³·e^(−2x) = x²(3 − 2x)·e^(−2x)
    """
    reveal = _Reveal(root, shown, final)
    last = _final(root, w, final)
    detail: list[Hint] = []
    _step_hints(root, w, shown, reveal, detail)
    if budget <= 1 or (root.trivial and not root.children):
        return (Hint(last.level, last.text, last.latex, last.step, tuple(detail)),)
    chains = [step for step in root.walk() if step.rule == "chain" and len(step.children) == 2]
    outer = {id(step.children[0]): step for step in chains}
    inner = {id(step.children[1]) for step in chains}
    # what a bookkeeping inside (5x² + 2) is made of folds into that inside's rung
    folded = {id(s) for step in chains if step.children[1].rule in BOOKKEEPING_RULES
              for s in step.children[1].walk() if not s.children}

    def subgoal(step: Step) -> bool:
        if reveal.gives_away(step) or step.rule == "unknown":
            return False
        if id(step) in outer:  # the outer function (in u₁): a rung of its own only under a root chain
            return outer[id(step)] is root
        if id(step) in inner and step.rule in BOOKKEEPING_RULES:
            # the inside of a chain is a piece the learner names, unless it is mere bookkeeping (−2x)
            return any(_real(s) for s in step.walk())
        if step.rule in BOOKKEEPING_RULES or id(step) in folded:
            return False
        return step.rule in STRUCTURAL_RULES or (not step.children and not step.trivial)

    rungs = pick_rungs(root, lambda s: s.children, subgoal, budget - 2, key=lambda s: (s.expr, s.wrt))
    plan = _plan(root, w, [s for group in rungs for s in group])
    own = [h for h in detail if h.step == root.path and h.level is not HintLevel.BOTTOM_OUT]
    out = [Hint(HintLevel.ORIENT, plan, None, root.path, tuple(own))]
    for group in rungs:
        texts = [_outer_text(outer[id(s)], w) if id(s) in outer else _rung_text(s, w, shown) for s in group]
        more = tuple(h for s in group for h in _detail_of(s, w, shown, reveal))
        out.append(Hint(HintLevel.INSTANTIATE, "; ".join(texts), None, group[0].path, more))
    out.append(last)
    return tuple(out)


def _plan(root: Step, w: TextWriter, pieces: Sequence[Step]) -> str:
    parts = [w.text(s.expr) for s in pieces if s.path.count(".") and _top(s, pieces)]
    made = f" it is made of {_listed(parts)};" if len(parts) > 1 else ""
    if root.rule == "chain":
        made = f" the inside is {w.text(root.inner)};"  # type: ignore[attr-defined]
    first = f"the {root.name}" if root.name.endswith("rule") else root.name
    statement = f": {first_clause(root.statement)}" if root.statement else ""
    return f"Plan for {w.dd(root.expr, root.wrt)}:{made} first, {first}{statement}".rstrip(".") + "."


def first_clause(statement: str) -> str:
    """A rule's statement up to its first "; " or " — " (what a plan quotes of it).

    >>> first_clause("(f·g)′ = f′·g + f·g′; the order does not matter — both terms count")
    '(f·g)′ = f′·g + f·g′'
    """
    return statement.split("; ")[0].split(" — ")[0]


def _top(step: Step, pieces: Sequence[Step]) -> bool:
    """No other piece encloses `step`."""
    return not any(step.path.startswith(p.path + ".") for p in pieces)


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _rung_text(step: Step, w: TextWriter, shown: Callable[[Step], Basic]) -> str:
    name = step.name[0].upper() + step.name[1:]
    result = w.equation(step, shown(step))
    if step.rule in BOOKKEEPING_RULES:  # the inside of a chain, worked as a whole
        return f"The inside, {w.text(step.expr)}: {result}"
    if step.rule == "chain" and len(step.children) == 2:
        u, inner = step.u, step.inner  # type: ignore[attr-defined]
        outer = step.children[0].result.xreplace({u: inner})
        inner_step = step.children[1]
        return (f"{name} on {w.text(step.expr)}, with inside {w.text(inner)}: the outer derivative at the "
                f"inside is {w.text(outer)}, times {w.equation(inner_step, shown(inner_step))}: {result}")
    note = step.note()
    return f"{name} on {w.text(step.expr)}: " + (f"{note}: {result}" if note else result)


def _real(step: Step) -> bool:
    """A step with a rule that teaches something (not bookkeeping, not a trivial leaf)."""
    return step.rule not in BOOKKEEPING_RULES and not step.trivial


def _outer_text(chain: Step, w: TextWriter) -> str:
    inner = chain.inner  # type: ignore[attr-defined]
    value = chain.children[0].result.xreplace({chain.u: inner})  # type: ignore[attr-defined]
    return (f"The outer function of {w.text(chain.expr)}, differentiated and evaluated at the inside "
            f"{w.text(inner)}: {w.text(value)}")


def _detail_of(step: Step, w: TextWriter, shown: Callable[[Step], Basic], reveal: _Reveal) -> list[Hint]:
    out: list[Hint] = []
    _step_hints(step, w, shown, reveal, out)
    return out
