"""Names and calls that exist only when the caller declared matrices or vectors.

``tr(A)``, ``det(A)``, ``diag(v)``, ``dot(x, y)``, ``norm(x)``, ``transpose(A)``, ``inverse(A)`` and
the identity ``I`` / ``I_n``. Without declarations these names keep their ordinary meaning (``I`` is a
variable, ``tr`` is t·r), so scalar answers read as before.

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
from sympy.matrices.expressions.diagonal import DiagMatrix

from tutor.linalg import nodes as la
from tutor.linalg.shapes import ShapeMismatch, check_square, shape_of, shape_text
from tutor.parser.nodes import Context, Span

IDENTITY_SIZE = sympy.Symbol("I_size")
"""The size of a bare ``I`` until its neighbours fix it (see `sized_identity`)."""

CALLS = frozenset({"tr", "trace", "det", "diag", "dot", "norm", "transpose", "inverse"})
_ARITY = {"dot": 2}


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
    if any(node == placeholder for node in sympy.preorder_traversal(value)):
        return value.xreplace({placeholder: sympy.Identity(size)})
    return value


def call(raw: str, args: list, ctx: Context, span: Span) -> sympy.Basic:
    """Build ``tr(A)``, ``dot(x, y)``, …, refusing arguments of the wrong shape.

    >>> from tutor.linalg.declare import declaration
    >>> x = sympy.MatrixSymbol("x", sympy.Symbol("n"), 1)
    >>> call("dot", [x, x], Context("dot(x, x)", shapes={"x": declaration("vector(n)")}), (0, 9))
    x.T*x
    """
    text = ctx.text[span[0]:span[1]]
    want = _ARITY.get(raw, 1)
    if len(args) != want:
        raise ctx.fail(span, f"{raw} takes {'one argument' if want == 1 else f'{want} arguments'}; "
                       f"here it has {len(args)}.", "arity")
    if not all(la.is_array(a) for a in args):
        raise ctx.fail(span, f"{raw} takes a declared vector or matrix.", "not_a_matrix")
    a = args[0]
    try:
        if raw in ("tr", "trace", "det"):
            check_square(a, _arg_text(text), "trace" if raw != "det" else "determinant")
            return sympy.Trace(a) if raw != "det" else sympy.Determinant(a)
        if raw == "transpose":
            return la.transpose(a)
        if raw == "inverse":
            check_square(a, _arg_text(text), "inverse")
            return la.inverse(a)
        if raw == "norm":
            return la.Norm(a)
        if raw == "diag":
            if shape_of(a)[1] != 1:
                raise ShapeMismatch(f"diag takes a column vector; here it has {shape_text(shape_of(a))}.")
            return DiagMatrix(a)
        b = args[1]
        if shape_of(a) != shape_of(b) or shape_of(a)[1] != 1:
            raise ShapeMismatch(f"dot takes two column vectors of the same size; here they are "
                                f"{shape_text(shape_of(a))} and {shape_text(shape_of(b))}.")
        return la.AsScalar(la.product([la.transpose(a), b]))
    except ShapeMismatch as err:
        raise ctx.fail(span, str(err), err.code) from None


def _arg_text(text: str) -> str:
    inner = text[text.find("(") + 1:text.rfind(")")].strip()
    return inner or text
