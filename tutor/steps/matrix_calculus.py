"""Gradients by a declared vector, step by step: ∇_w ‖X w − y‖² = 2Xᵀ(X w − y), ∇_w wᵀA w = (A + Aᵀ)w.

`gradient_tree(f, w, decls)` builds a tree of rule nodes (`tutor.steps.node.Node`) for the gradient of
a number `f` with respect to a declared vector `w`, from the SymPy objects the parser builds for
declared names (`tutor.linalg.nodes`). Each node recomputes its result from its children's:

* bookkeeping, folded into the rung of its parent: the sum rule (`GradSum`), a constant factor
  (`GradScale`), a term without w (`GradConstant`), how a residual changes with w (`Jacobian`);
* the rules that are the point of the exercise: a linear form aᵀw or wᵀa → a (`GradLinear`), a
  quadratic form wᵀA w → (A + Aᵀ)w, or 2A w when A is declared symmetric (`GradQuadratic`), a squared
  norm ‖r‖² of a residual r = J w + c → 2Jᵀr (`GradSquaredNorm`; ‖w‖² → 2w), the chain rule through
  a function applied entry by entry, aᵀg(J w + c) → Jᵀ(a ⊙ g′(J w + c)) for g = σ, log σ, exp,
  softplus (`GradEntrywise`, whose g′ is written as the answer language can: (log σ)′(z) = σ(−z);
  1 − σ(z), the vector of ones minus σ(z), is read as σ(−z)), and the logistic log-likelihood
  yᵀlog σ(z) + (1 − y)ᵀlog(1 − σ(z)) → (∂z/∂w)ᵀ(y − σ(z)), its negative (the mean log-loss
  −(1/n)(yᵀlog σ(X w) + (1 − y)ᵀlog(1 − σ(X w)))) → (1/n)Xᵀ(σ(X w) − y) (`GradLogLoss`, by the rule
  of `tutor.linalg.log_loss` that the author interpreter also uses).

What no rule covers is an `Unknown` node whose value is the author interpreter's gradient
(`tutor.linalg.calculus.gradient`), so the answer is still right and the steps say where they stop.

>>> from tutor.linalg.declare import declarations
>>> from tutor.parser import parse
>>> decls = declarations({"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"})
>>> f = parse("3/n norm(X w - y)^2", variables=["X", "w", "y"], shapes=decls).expr
>>> root = gradient_tree(f, sympy.MatrixSymbol("w", sympy.Symbol("d"), 1))
>>> root.rule, root.children[0].rule, show(root.result)
('constant_factor', 'squared_norm', '6/n·X^T·(X·w − y)')
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Union

import sympy
from sympy import Basic
from sympy.core.symbol import Str

from tutor.errors import StepError
from tutor.linalg import log_loss
from tutor.linalg import nodes as la
from tutor.linalg.nodes import split_product
from tutor.steps.node import Node, Unknown, show
from tutor.values import frozen

Wrt = Union[sympy.Symbol, sympy.MatrixSymbol]
"""What is differentiated by: a declared vector (a MatrixSymbol) or a scalar Symbol."""


# ----- building matrix expressions as a teacher writes them (unevaluated, order kept)


def times(c: Basic, factors: Sequence[Basic]) -> Basic:
    """c times the product of `factors`, flattened and unevaluated (nested products are opened).

    >>> A, w = sympy.MatrixSymbol("A", 2, 2), sympy.MatrixSymbol("w", 2, 1)
    >>> times(2, [sympy.MatMul(3, A, evaluate=False), w])
    6*A*w
    """
    flat: list[Basic] = []
    for f in factors:
        k, inner = split_product(f) if isinstance(f, sympy.MatMul) else (sympy.Integer(1), [f])
        c, flat = c * k, flat + inner
    if c == 0:
        return sympy.ZeroMatrix(flat[0].shape[0], flat[-1].shape[1])
    if c == 1:
        return la.product(flat)
    return sympy.MatMul(c, *flat, evaluate=False)


def scaled(c: Basic, value: Basic) -> Basic:
    """c · value for a matrix (kept unevaluated) or a number.

    >>> w = sympy.MatrixSymbol("w", 2, 1)
    >>> scaled(sympy.Rational(1, 2), sympy.MatMul(2, w, evaluate=False)), scaled(3, sympy.Symbol("x"))
    (w, 3*x)
    """
    if isinstance(value, sympy.ZeroMatrix):
        return value
    if la.is_array(value):
        return times(c, [value])
    return c * value


def added(parts: Sequence[Basic], shape: tuple) -> Basic:
    """The sum of `parts`, zeros left out (a zero of `shape` when nothing is left).

    >>> w = sympy.MatrixSymbol("w", 2, 1)
    >>> added([w, sympy.ZeroMatrix(2, 1)], (2, 1))
    w
    """
    kept = [p for p in parts if not isinstance(p, sympy.ZeroMatrix) and p != 0]
    if not kept:
        return sympy.ZeroMatrix(*shape) if shape else sympy.Integer(0)
    if len(kept) == 1:
        return kept[0]
    if all(la.is_array(p) for p in kept):
        if any(tuple(p.shape) != tuple(kept[0].shape) for p in kept):
            raise sympy.ShapeError("terms of different shapes cannot be added")
        return sympy.MatAdd(*kept, evaluate=False)
    return sympy.Add(*kept)


def transposed(m: Basic) -> Basic:
    """mᵀ written out: a product turned round, a double transpose undone, a symmetric matrix kept.

    >>> X, y = sympy.MatrixSymbol("X", 3, 2), sympy.MatrixSymbol("y", 3, 1)
    >>> transposed(sympy.MatMul(y.T, X, evaluate=False))
    X.T*y
    """
    if isinstance(m, sympy.Transpose):
        return m.arg
    if isinstance(m, sympy.MatMul):
        c, factors = split_product(m)
        return times(c, [transposed(f) for f in reversed(factors)])
    if isinstance(m, sympy.MatAdd):
        return sympy.MatAdd(*[transposed(a) for a in m.args], evaluate=False)
    if isinstance(m, (sympy.Identity, sympy.ZeroMatrix)) and m.shape[0] == m.shape[1]:
        return m
    return la.transpose(m)


def is_symmetric(m: Basic, symmetric: frozenset[str]) -> bool:
    """Whether `m` equals its transpose by its form: a declared symmetric matrix, I, XᵀX, A + Aᵀ.

    >>> X = sympy.MatrixSymbol("X", 3, 2)
    >>> is_symmetric(sympy.MatMul(X.T, X, evaluate=False), frozenset()), is_symmetric(X.T, frozenset())
    (True, False)
    """
    if isinstance(m, sympy.MatrixSymbol):
        return m.name in symmetric
    if isinstance(m, sympy.Identity):
        return True
    turned = transposed(m)
    return turned == m or _sorted_sum(turned) == _sorted_sum(m)


def _sorted_sum(m: Basic) -> object:
    return tuple(sorted(map(str, m.args))) if isinstance(m, sympy.MatAdd) else m


def depends(expr: Basic, wrt: Wrt) -> bool:
    """Whether `expr` changes with `wrt`.

    >>> w = sympy.MatrixSymbol("w", 2, 1)
    >>> depends(la.AsScalar(sympy.MatMul(w.T, w)), w), depends(sympy.Symbol("c"), w)
    (True, False)
    """
    return expr.has(wrt)


def d_of(wrt: Wrt) -> str:
    """How the derivative by `wrt` is written: ∇_w for a vector, d/dw for a number.

    >>> d_of(sympy.MatrixSymbol("w", 2, 1)), d_of(sympy.Symbol("b"))
    ('∇_w', 'd/db')
    """
    return f"∇_{show(wrt)}" if la.is_array(wrt) else f"d/d{show(wrt)}"


def operand(expr: Basic) -> str:
    """`expr` as the operand of ∇_w or d/dw: bracketed when it is a sum or a product.

    >>> x, y = sympy.symbols("x y")
    >>> operand(x + y), operand(x)
    ('(x + y)', 'x')
    """
    text = show(expr)
    scaled_form = isinstance(expr, la.AsScalar) and split_product(expr.arg)[0] != 1
    return f"({text})" if scaled_form or isinstance(expr, (sympy.Add, sympy.Mul, sympy.MatAdd)) else text


# ----- the rule nodes


@frozen(eq=False, kw_only=True)
class Derivative(Node):
    """A derivative of `expr` by `wrt`; the goal reads ∇_w f or d/dw f."""

    wrt: Wrt

    def goal(self) -> str:
        return f"{d_of(self.wrt)} {operand(self.expr)}"

    def goal_latex(self) -> str:
        from tutor.steps.node import latex

        head = r"\nabla_{%s}" % latex(self.wrt) if la.is_array(self.wrt) else r"\frac{d}{d%s}" % latex(self.wrt)
        return rf"{head} \left({latex(self.expr)}\right)"

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "function": operand(self.expr), "variable": show(self.wrt)}

    @property
    def zero(self) -> Basic:
        """The derivative of a constant: a zero of w's shape."""
        return sympy.ZeroMatrix(*self.wrt.shape) if isinstance(self.wrt, sympy.MatrixSymbol) else sympy.Integer(0)


@frozen(eq=False, kw_only=True)
class GradSum(Derivative):
    """The derivative of a sum is the sum of the derivatives of its terms."""

    rule = "sum"
    name = "sum rule"
    statement = "The derivative of a sum is the sum of the derivatives of its terms."
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return added(parts, tuple(self.wrt.shape) if isinstance(self.wrt, sympy.MatrixSymbol) else ())


@frozen(eq=False, kw_only=True)
class GradScale(Derivative):
    """A constant factor stays in front: ∇(c f) = c ∇f."""

    factor: Basic
    rule = "constant_factor"
    name = "constant factor"
    statement = "A constant factor stays in front of the derivative."
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return scaled(self.factor, parts[0])

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "factor": show(self.factor)}


@frozen(eq=False, kw_only=True)
class GradConstant(Derivative):
    """A term without w does not change with w: its derivative is 0."""

    rule = "constant"
    name = "constant"
    statement = "A term that does not contain the variable has derivative 0."
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.zero


@frozen(eq=False, kw_only=True)
class GradLinear(Derivative):
    """∇_w (aᵀw) = ∇_w (wᵀa) = a: each weight w_j is multiplied by a_j."""

    vector: Basic      # a, as the term shows it: for (row)·w, the row turned into a column
    row: Basic | None  # the row written in front of w, when the term is (row)·w
    rule = "linear_form"
    name = "linear form"
    statement = "∇_w (aᵀw) = ∇_w (wᵀa) = a: each weight w_j is multiplied by the entry a_j."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.vector

    def instance(self) -> str:
        return f"({show(self.row)})^T" if self.row is not None and not isinstance(self.row, sympy.Transpose) else ""

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "vector": show(self.vector)}


@frozen(eq=False, kw_only=True)
class GradQuadratic(Derivative):
    """∇_w (wᵀA w) = (A + Aᵀ)w, and 2A w when A is symmetric: w appears twice, once on each side."""

    matrix: Basic
    symmetric: bool
    rule = "quadratic_form"
    name = "quadratic form"
    statement = ("∇_w (wᵀA w) = A w + Aᵀw = (A + Aᵀ)w: w appears on both sides of A, and each "
                 "appearance gives one term; when A is symmetric (Aᵀ = A) this is 2A w.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        a, w = self.matrix, self.wrt
        if self.symmetric:
            return times(sympy.Integer(2), [a, w])
        return la.product([sympy.MatAdd(a, transposed(a), evaluate=False), w])

    def instance(self) -> str:
        a, w = self.matrix, self.wrt
        both = f"{show(la.product([a, w]))} + {show(la.product([transposed(a), w]))}"
        return f"{both}, and {show(transposed(a))} = {show(a)}" if self.symmetric else both

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "matrix": show(self.matrix)}


@frozen(eq=False, kw_only=True)
class Jacobian(Derivative):
    """How a residual r = J w + c changes with w: each term M w contributes M, a term without w nothing."""

    rule = "jacobian"
    name = "the matrix that multiplies w"
    statement = "In r = M w + c, the matrix M multiplying w is how r changes with w; c does not change."
    subgoal = False

    def goal(self) -> str:
        return f"∂({show(self.expr)})/∂{show(self.wrt)}"

    def goal_latex(self) -> str:
        from tutor.steps.node import latex

        return r"\frac{\partial \left(%s\right)}{\partial %s}" % (latex(self.expr), latex(self.wrt))

    def combine(self, parts: Sequence[Basic]) -> Basic:
        jacobian = affine_jacobian(self.expr, self.wrt)
        if jacobian is None:
            raise StepError(f"{show(self.expr)} is not of the form M w + c.")
        return jacobian


@frozen(eq=False, kw_only=True)
class GradSquaredNorm(Derivative):
    """∇_w ‖r‖² = 2Jᵀr for a residual r = J w + c (the chain rule: ∇_r (rᵀr) = 2r, pulled back by Jᵀ)."""

    residual: Basic
    rule = "squared_norm"
    name = "squared norm"
    statement = ("∇_w ‖r‖² = 2·(∂r/∂w)ᵀ·r: the gradient of rᵀr with respect to r is 2r, and the chain rule "
                 "pulls it back to w by the transpose of how r changes with w (‖w‖² gives 2w).")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return pulled_back(sympy.Integer(2), parts[0], self.residual)

    def instance(self) -> str:
        r = self.residual
        if r == self.wrt:
            return ""
        return f"2·(∂({show(r)})/∂{show(self.wrt)})^T·{operand(r)}"

    def fields(self) -> dict[str, str]:
        jacobian = self.children[0].result
        return {**super().fields(), "residual": show(self.residual), "jacobian": show(jacobian)}


def negated(z: Basic) -> Basic:
    """−z for a vector, written without a double minus: −(−X w) is X w.

    >>> X, w = sympy.MatrixSymbol("X", 3, 2), sympy.MatrixSymbol("w", 2, 1)
    >>> negated(sympy.MatMul(-1, X, w)), negated(sympy.MatMul(X, w))
    (X*w, -X*w)
    """
    if isinstance(z, sympy.MatAdd):
        return sympy.MatAdd(*[negated(t) for t in z.args], evaluate=False)
    c, factors = split_product(z)
    return times(-c, factors)


def _sigmoid(z: Basic) -> Basic:
    return la.Elementwise(Str("sigmoid"), z)


ENTRYWISE_DERIVATIVES: dict[tuple[str, ...], tuple[str, str, Callable[[Basic], Basic]]] = {
    ("sigmoid",): ("σ", "σ′(z) = σ(z)·(1 − σ(z)) = σ(z)·σ(−z)",
                   lambda z: sympy.HadamardProduct(_sigmoid(z), _sigmoid(negated(z)), evaluate=False)),
    ("log", "sigmoid"): ("log σ", "(log σ)′(z) = 1 − σ(z) = σ(−z)", lambda z: _sigmoid(negated(z))),
    ("exp",): ("exp", "exp′(z) = exp(z)", lambda z: la.Elementwise(Str("exp"), z)),
    ("softplus",): ("softplus", "softplus′(z) = σ(z)", _sigmoid),
}
"""Functions applied entry by entry whose derivative, entry by entry, can be written in the answer
language (1 − σ(z) cannot, for a vector z: it is written σ(−z)), by the chain of their names."""


def entrywise_chain(g: Basic) -> tuple[tuple[str, ...], Basic] | None:
    """(the names of the functions applied entry by entry, outermost first; their innermost argument).

    >>> X, w = sympy.MatrixSymbol("X", 3, 2), sympy.MatrixSymbol("w", 2, 1)
    >>> entrywise_chain(la.Elementwise(Str("log"), la.Elementwise(Str("sigmoid"), sympy.MatMul(X, w))))
    (('log', 'sigmoid'), X*w)
    """
    names: list[str] = []
    while True:
        if isinstance(g, la.Elementwise):
            names.append(g.name)
            g = g.arg
        elif log_loss.one_minus_sigmoid(g) is not None and log_loss.complement(g) is not None:
            names.append("sigmoid")     # 1 − σ(z) = σ(−z)
            g = negated(log_loss.one_minus_sigmoid(g))
        else:
            break
    return (tuple(names), g) if names else None


@frozen(eq=False, kw_only=True)
class EntrywiseDerivative(Node):
    """g′(z) entry by entry, for g applied entry by entry (σ, log σ, exp, softplus)."""

    rule = "entrywise_derivative"
    name = "derivative entry by entry"
    statement = "A function applied entry by entry has its derivative applied entry by entry."

    def goal(self) -> str:
        names, z = entrywise_chain(self.expr) or ((), self.expr)
        return f"the derivative of {show(self.expr)} by {show(z)}, entry by entry"

    def instance(self) -> str:
        names, _ = entrywise_chain(self.expr) or ((), self.expr)
        return ENTRYWISE_DERIVATIVES[names][1]

    def combine(self, parts: Sequence[Basic]) -> Basic:
        names, z = entrywise_chain(self.expr) or ((), self.expr)
        return ENTRYWISE_DERIVATIVES[names][2](z)


@frozen(eq=False, kw_only=True)
class GradEntrywise(Derivative):
    """∇_w aᵀg(z) = (∂z/∂w)ᵀ(a ⊙ g′(z)) for g applied entry by entry to z = M w + c (the chain rule)."""

    weights: Basic
    rule = "entrywise_chain"
    name = "chain rule through a function applied entry by entry"
    statement = ("∇_w aᵀg(z) = (∂z/∂w)ᵀ·(a ⊙ g′(z)) for z = M w + c: entry k contributes a_k·g′(z_k), "
                 "and the chain rule pulls these back to w by the transpose of how z changes with w.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        slope, jacobian = parts
        weighted = sympy.HadamardProduct(self.weights, slope, evaluate=False)
        return pulled_back(sympy.Integer(1), jacobian, weighted)

    def instance(self) -> str:
        g, z = self.children[0].expr, self.children[1].expr
        names, _ = entrywise_chain(g) or ((), g)
        outer = ENTRYWISE_DERIVATIVES[names][0]
        outer = f"({outer})" if " " in outer else outer
        weights = show(self.weights)
        weights = f"({weights})" if isinstance(self.weights, sympy.MatAdd) else weights
        return f"(∂({show(z)})/∂{show(self.wrt)})^T·({weights} ⊙ {outer}′({show(z)}))"

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "weights": show(self.weights)}


@frozen(eq=False, kw_only=True)
class GradLogLoss(Derivative):
    """∇_w of the logistic log-likelihood yᵀlog σ(z) + (1 − y)ᵀlog(1 − σ(z)) for z = M w + c, or of its
    negative (the log-loss): (∂z/∂w)ᵀ(y − σ(z)), or (∂z/∂w)ᵀ(σ(z) − y) (`tutor.linalg.log_loss`)."""

    labels: Basic
    logits: Basic
    negated: bool
    rule = "log_loss"
    name = "gradient of the log-loss"
    statement = ("With p = σ(z) entry by entry, (log σ)′(z) = 1 − σ(z) and (log(1 − σ))′(z) = −σ(z), so "
                 "∇_z [yᵀlog σ(z) + (1 − y)ᵀlog(1 − σ(z))] = y ⊙ (1 − σ(z)) − (1 − y) ⊙ σ(z) = y − σ(z), "
                 "the labels minus the predictions (for the log-loss, its negative: σ(z) − y); the chain "
                 "rule pulls it back to w by the transpose of how z changes with w.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        error = log_loss.error(self.labels, self.logits, negated=self.negated)
        return pulled_back(sympy.Integer(1), parts[0], error)

    def instance(self) -> str:
        y, z, w = show(self.labels), show(self.logits), show(self.wrt)
        p = show(log_loss.sigmoid(self.logits))
        labels = f"({y})" if " " in y else y
        entrywise = f"{labels} ⊙ (1 − {p}) − (1 − {labels}) ⊙ {p}"
        error = show(log_loss.error(self.labels, self.logits, negated=self.negated))
        sign = "−" if self.negated else ""
        return f"{sign}(∂({z})/∂{w})^T·({entrywise}) = (∂({z})/∂{w})^T·({error})"

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "labels": show(self.labels), "logits": show(self.logits)}


def _log_loss(f: Basic, w: sympy.MatrixSymbol) -> Node | None:
    """The log-likelihood of labels under p = σ(z), or c times it (a negative c: the log-loss, its
    minus taken into the rule so that the factor left in front is positive), else None."""
    constant, varying = constant_and_varying(f, w) if isinstance(f, sympy.Mul) else (sympy.Integer(1), f)
    if varying is None:
        return None
    found = log_loss.log_likelihood(varying)
    if found is None or affine_jacobian(found[1], w) is None:
        return None
    labels, logits, c = found
    if c != 1:   # a number SymPy multiplied into both terms: taken out again
        constant, varying = constant * c, sympy.Add(*(t.as_coeff_Mul()[1] for t in varying.args), evaluate=False)
    negated = bool(constant.could_extract_minus_sign())
    inner = sympy.Mul(-1, varying, evaluate=False) if negated else varying
    node = GradLogLoss(expr=inner, wrt=w, labels=labels, logits=logits, negated=negated,
                       children=(Jacobian(expr=logits, wrt=w),))
    factor = -constant if negated else constant
    return node if factor == 1 else GradScale(expr=f, wrt=w, factor=factor, children=(node,))


def pulled_back(c: Basic, jacobian: Basic, r: Basic) -> Basic:
    """c·Jᵀr, written without I: c·r when J is the identity, c·k·r when it is k·I.

    >>> X, r = sympy.MatrixSymbol("X", 3, 2), sympy.MatrixSymbol("r", 3, 1)
    >>> pulled_back(2, X, r), pulled_back(2, sympy.Identity(3), r)
    (2*X.T*r, 2*r)
    """
    k, factors = split_product(jacobian)
    if len(factors) == 1 and isinstance(factors[0], sympy.Identity):
        return scaled(c * k, r)
    return times(c, [transposed(jacobian), r])


def affine_jacobian(r: Basic, w: Wrt) -> Basic | None:
    """J for a residual r = J w + c (a sum of terms M w and terms without w), or None.

    >>> X, w, y = sympy.MatrixSymbol("X", 3, 2), sympy.MatrixSymbol("w", 2, 1), sympy.MatrixSymbol("y", 3, 1)
    >>> affine_jacobian(sympy.MatAdd(sympy.MatMul(X, w), -y, evaluate=False), w)
    X
    >>> affine_jacobian(w, w), affine_jacobian(sympy.MatMul(w.T, w), w)
    (I, None)
    """
    terms = r.args if isinstance(r, sympy.MatAdd) else (r,)
    pieces = []
    for term in terms:
        if not depends(term, w):
            continue
        c, factors = split_product(term)
        if factors[-1] != w or any(depends(f, w) for f in factors[:-1]) or depends(c, w):
            return None
        size = w.shape[0] if isinstance(w, sympy.MatrixSymbol) else 1
        pieces.append(times(c, factors[:-1]) if factors[:-1] else scaled(c, sympy.Identity(size)))
    if not pieces:
        return None
    return pieces[0] if len(pieces) == 1 else sympy.MatAdd(*pieces, evaluate=False)


# ----- choosing the rule


def gradient_tree(f: Basic, w: sympy.MatrixSymbol, symmetric: frozenset[str] = frozenset()) -> Node:
    """The rule tree of ∇_w f for a number `f` and a declared vector `w` (see the module docstring).

    `symmetric` names the matrices declared symmetric.

    >>> w, b = sympy.MatrixSymbol("w", 3, 1), sympy.MatrixSymbol("b", 3, 1)
    >>> gradient_tree(la.AsScalar(sympy.MatMul(b.T, w)), w).result
    b
    """
    if la.is_array(f) and tuple(f.shape) != (1, 1):
        raise StepError(f"The gradient is of a number, and {show(f)} is a {f.shape[0]}×{f.shape[1]} array.")
    if not depends(f, w):
        return GradConstant(expr=f, wrt=w)
    loss = _log_loss(f, w)
    if loss is not None:
        return loss
    if isinstance(f, sympy.Add):
        return GradSum(expr=f, wrt=w, children=tuple(gradient_tree(t, w, symmetric) for t in f.args))
    if isinstance(f, sympy.Mul):
        constant, varying = constant_and_varying(f, w)
        if constant != 1 and varying is not None:
            return GradScale(expr=f, wrt=w, factor=constant, children=(gradient_tree(varying, w, symmetric),))
    if isinstance(f, sympy.Pow) and isinstance(f.base, la.Norm) and f.exp == 2:
        r = f.base.arg
        if affine_jacobian(r, w) is not None:
            return GradSquaredNorm(expr=f, wrt=w, residual=r, children=(Jacobian(expr=r, wrt=w),))
    if la.is_array(f):   # a 1×1 product (wᵀA w) given as a matrix: the number it stands for
        f = la.AsScalar(f)
    if isinstance(f, la.AsScalar):
        found = _form(f, w, symmetric)
        if found is not None:
            return found
    return _unknown(f, w)


def constant_and_varying(f: sympy.Mul, wrt: Wrt) -> tuple[Basic, Basic | None]:
    """(the constant factor, the one factor that changes with `wrt`) of a product, nested products
    opened (−1/n Σ … is read as (−1)·((1/n)·Σ …)); None for the second when several factors change.

    >>> n, w, z = sympy.symbols("n w z")
    >>> constant_and_varying(sympy.Mul(-1, sympy.Mul(1 / n, sympy.sin(w), evaluate=False), evaluate=False), w)
    (-1/n, sin(w))
    >>> constant_and_varying(w * sympy.sin(w), w)
    (1, None)
    """
    factors: list[Basic] = []
    pending = list(f.args)
    while pending:
        a = pending.pop(0)
        if isinstance(a, sympy.Mul):
            pending[:0] = list(a.args)
        else:
            factors.append(a)
    varying = [a for a in factors if depends(a, wrt)]
    constant = sympy.Mul(*[a for a in factors if not depends(a, wrt)])
    return constant, (varying[0] if len(varying) == 1 else None)


def _form(f: la.AsScalar, w: sympy.MatrixSymbol, symmetric: frozenset[str]) -> Node | None:
    """A linear or quadratic form written as a product: k aᵀw, k (row) w, k wᵀa, k wᵀA w."""
    c, factors = split_product(f.arg)
    if depends(c, w):
        return None
    wt = sympy.Transpose(w)
    places = [i for i, x in enumerate(factors) if depends(x, w)]
    node: Node | None = None
    if places == [0] and factors[0] == wt:
        node = GradLinear(expr=la.AsScalar(la.product(factors)), wrt=w, vector=la.product(factors[1:]), row=None)
    elif places == [len(factors) - 1] and factors[-1] == w and len(factors) > 1:
        row = la.product(factors[:-1])
        node = GradLinear(expr=la.AsScalar(la.product(factors)), wrt=w, vector=transposed(row), row=row)
    elif factors == [wt, w]:    # wᵀw = ‖w‖²
        node = GradSquaredNorm(expr=la.AsScalar(la.product(factors)), wrt=w, residual=w,
                               children=(Jacobian(expr=w, wrt=w),))
    elif places == [0, len(factors) - 1] and factors[0] == wt and factors[-1] == w and len(factors) > 2:
        middle = la.product(factors[1:-1])
        node = GradQuadratic(expr=la.AsScalar(la.product(factors)), wrt=w, matrix=middle,
                             symmetric=is_symmetric(middle, symmetric))
    if node is None:
        node = _entrywise(factors, w)
    if node is None or c == 1:
        return node
    return GradScale(expr=f, wrt=w, factor=c, children=(node,))


def _entrywise(factors: list[Basic], w: sympy.MatrixSymbol) -> Node | None:
    """aᵀg(M w + c) or g(M w + c)ᵀa, g applied entry by entry with a derivative we can write."""
    if len(factors) < 2:
        return None
    if isinstance(factors[0], sympy.Transpose) and not any(depends(f, w) for f in factors[1:]):
        g, weights = factors[0].arg, la.product(factors[1:])
    elif not any(depends(f, w) for f in factors[:-1]):
        g, weights = factors[-1], transposed(la.product(factors[:-1]))
    else:
        return None
    chain = entrywise_chain(g)
    if chain is None or chain[0] not in ENTRYWISE_DERIVATIVES or affine_jacobian(chain[1], w) is None:
        return None
    return GradEntrywise(expr=la.AsScalar(la.product(factors)), wrt=w, weights=weights,
                         children=(EntrywiseDerivative(expr=g), Jacobian(expr=chain[1], wrt=w)))


def _unknown(f: Basic, w: sympy.MatrixSymbol) -> Node:
    from tutor.linalg.calculus import NotDifferentiable, gradient

    try:
        value = gradient(f, w)
    except NotDifferentiable as err:
        raise StepError(f"Steps for {d_of(w)} {operand(f)} are not available: {err}.") from None
    return Unknown(expr=f, value=value)

