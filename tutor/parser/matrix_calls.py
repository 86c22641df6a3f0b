"""Calls of the registry's matrix operations, and the identity ``I`` / ``I_n``.

``tr(A)``, ``det(A)``, ``diag(v)``, ``dot(x, y)``, ``norm(x)``, ``transpose(A)``, ``inverse(A)``: what
each means, its arity and its shape rule are the registry's (`tutor.ops.matrices`). They are calls
when the caller declared matrices or vectors, or when an argument is a typed matrix
(``det([[3, 2], [1, 4]])``); otherwise these names keep their ordinary meaning (``I`` is a variable,
``tr`` is t·r), so scalar answers read as before.

An author operation (a name the caller gives as a function) called on declared arrays is read by
`author_call`, so that its value has a shape: ``inverse(X^T X) X^T y`` is a product of matrices and
``w - eta gradient(f, w)`` a difference of vectors.

>>> from tutor.linalg.declare import declaration
>>> from tutor.parser.nodes import Context
>>> import sympy
>>> ctx = Context("tr(A)", shapes={"A": declaration("matrix(n, n)")})
>>> A = sympy.MatrixSymbol("A", sympy.Symbol("n"), sympy.Symbol("n"))
>>> call("tr", [A], ctx, (0, 5))
Trace(A)
"""
from __future__ import annotations

import sympy
from sympy.core.symbol import Str

from tutor import ops
from tutor.linalg import nodes as la
from tutor.parser.computed import computed
from tutor.parser.nodes import Context, Span
from tutor.parser.printer import to_text
from tutor.tree import preorder

IDENTITY_SIZE = sympy.Symbol("I_size")
"""The size of a bare ``I`` until its neighbours fix it (see `sized_identity`)."""

CALLS = frozenset(ops.MATRIX_NAMES)
"""Names of the registry's matrix operations a learner may call (``tr``, ``trace``, ``det``, …)."""


def special_name(raw: str, canon: str, span: Span, ctx: Context) -> sympy.Basic | None:
    """``I`` (sized by context) and ``I_n`` when some matrix is declared and I is not; else None.

    >>> from tutor.linalg.declare import declaration
    >>> ctx = Context("I_n", shapes={"A": declaration("matrix(n, n)")})
    >>> special_name("I_n", "I_n", (0, 3), ctx), special_name("x", "x", (0, 1), ctx)
    (I, None)
    """
    if not any(d.is_array for d in ctx.shapes.values()) or canon in ctx.variables:
        return None
    if raw == "I":
        return sympy.Identity(IDENTITY_SIZE)
    if canon.startswith("I_") and len(canon) > 2:
        size = canon[2:]
        return sympy.Identity(sympy.Integer(int(size)) if size.isdigit() else sympy.Symbol(size))
    return None


def sized_identity(value: sympy.Basic, size: sympy.Basic) -> sympy.Basic:
    """A bare ``I`` given its size; anything else unchanged.

    >>> sized_identity(sympy.Identity(IDENTITY_SIZE), sympy.Symbol("d"))
    I
    """
    if size == IDENTITY_SIZE or not isinstance(value, sympy.Basic):
        return value
    if isinstance(value, sympy.Identity):
        return sympy.Identity(size) if value.rows == IDENTITY_SIZE else value
    placeholder = sympy.Identity(IDENTITY_SIZE)
    if any(node == placeholder for node in preorder(value)):
        return value.xreplace({placeholder: sympy.Identity(size)})
    return value


def takes(args: list) -> bool:
    """Whether a call's arguments include a typed matrix or vector, so that ``det([[1, 2], [3, 4]])``
    is the determinant even when nothing is declared.

    >>> takes([sympy.ImmutableMatrix([1, 2])]), takes([sympy.Symbol("x")])
    (True, False)
    """
    return any(isinstance(a, sympy.MatrixBase) for a in args)


def call(raw: str, args: list, ctx: Context, span: Span) -> sympy.Basic:
    """Build ``tr(A)``, ``dot(x, y)``, … from the registry (`tutor.ops.matrices`), refusing arguments of
    the wrong number or shape. On typed matrices a matrix result is computed (shown as typed, see
    `tutor.parser.computed`) and a number is kept as the operation (`Parsed.value` computes it).

    >>> from tutor.linalg.declare import declaration
    >>> x = sympy.MatrixSymbol("x", sympy.Symbol("n"), 1)
    >>> call("dot", [x, x], Context("dot(x, x)", shapes={"x": declaration("vector(n)")}), (0, 9))
    x.T*x
    >>> call("det", [sympy.ImmutableMatrix([[1, 2], [3, 4]])], Context("det([[1, 2], [3, 4]])"), (0, 21))
    Determinant(Matrix([
    [1, 2],
    [3, 4]]))
    """
    op = ops.MATRIX_NAMES[raw]
    text = ctx.text[span[0]:span[1]]
    least, most = op.arity
    if len(args) < least or (most and len(args) > most):
        raise ctx.fail(span, f"{raw} takes {'one argument' if least == 1 else f'{least} arguments'}; "
                       f"here it has {len(args)}.", "arity")
    if not all(la.is_array(a) or isinstance(a, sympy.MatrixBase) for a in args):
        what = "a declared vector or matrix" if ctx.shapes else "a vector or matrix"
        raise ctx.fail(span, f"{raw} takes {what}.", "not_a_matrix")
    try:
        texts = _arg_texts(text, len(args)) if "(" in text else [to_text(a) for a in args]   # det A: no brackets
        shape = op.shape.result([_dims(a) for a in args], texts, op.noun, raw)
    except ops.ShapeError as err:
        raise ctx.fail(span, str(err), err.code) from None
    if not all(isinstance(a, sympy.MatrixBase) for a in args):
        return op.build(*args)
    if shape == ():
        return op.build(*args)
    try:
        value = op.exact(*args)
    except ArithmeticError:
        raise ctx.fail(span, f"{text}: the matrix is singular, so it has no {op.noun}.", "not_invertible") from None
    return computed(value, lambda: op.build(*args))


BY_ARRAY = frozenset({"diff", "gradient"})
"""Author operations whose value, taken by a declared vector or matrix (their second argument), has
that argument's shape: the gradient of a number by w is a vector like w."""


def author_call(raw: str, args: list, ctx: Context, span: Span) -> sympy.Basic:
    """An author operation called on declared arrays, with the shape of its value: the registry's
    matrix operations build their own nodes, as in the learner language (``inverse(X^T X)`` is
    (XᵀX)⁻¹, its shape checked), a derivative by a declared array is an `ArrayCall` of that array's
    shape; any other operation stays the undefined function the author interpreter dispatches.

    >>> from tutor.linalg.declare import declaration
    >>> ctx = Context("gradient(w^T w, w)", shapes={"w": declaration("vector(d)")}, functions=frozenset({"gradient"}))
    >>> w = sympy.MatrixSymbol("w", sympy.Symbol("d"), 1)
    >>> author_call("gradient", [w.T * w, w], ctx, (0, 18)).shape
    (d, 1)
    >>> author_call("transpose", [w], ctx, (0, 12)).shape
    (1, d)
    """
    if raw in CALLS:
        return call(raw, args, ctx, span)
    if raw in BY_ARRAY and len(args) == 2 and isinstance(args[1], sympy.MatrixSymbol):
        return la.ArrayCall(Str(raw), sympy.Tuple(*args[1].shape), *args)
    return sympy.Function(raw)(*args)


def _dims(a: sympy.Basic) -> tuple:
    return tuple(a.shape)


def _arg_texts(text: str, count: int) -> list[str]:
    inner = text[text.find("(") + 1:text.rfind(")")].strip()
    if count == 1 or not inner:
        return [inner or text] * count
    parts, depth, last = [], 0, 0
    for k, ch in enumerate(inner):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            parts.append(inner[last:k].strip())
            last = k + 1
    parts.append(inner[last:].strip())
    return parts if len(parts) == count else [inner] * count
