"""How matrices, vectors, sums and data are represented: SymPy matrix expressions, built unevaluated.

A declared matrix or vector is a `sympy.MatrixSymbol` whose dimensions are SymPy integers or plain
Symbols named as declared (``n``, so that ``2/n`` in an answer is the same symbol). Products are
``MatMul(..., evaluate=False)`` (not commutative: order is kept as typed), sums ``MatAdd``, then
``Transpose``, ``Inverse``, ``MatPow``, ``Trace``, ``Determinant``, ``HadamardProduct`` (⊙),
``DiagMatrix``, ``Identity``, ``OneMatrix`` (𝟏, the vector of ones in 1 − y). Four classes of our own complete it:

* `Elementwise` — a registry function applied to each entry (σ(X w), log(p)); its shape is its argument's;
* `ArrayCall` — an author operation whose value is an array (``gradient(f, w)``), of a known shape,
  so that it can be multiplied and added before the author interpreter computes it;
* `Norm` — the Euclidean norm ‖x‖ of a vector or Frobenius norm of a matrix (a scalar);
* `AsScalar` — a 1×1 product used as a number (xᵀy, dot(x, y)), so it mixes with scalar algebra.

`Norm` and `AsScalar` are what the registry's ``norm`` and ``dot`` build, so they are declared
beside it (`tutor.ops.matrix_nodes`) and imported here.

Sums and products over data are ``sympy.Sum`` / ``sympy.Product`` with an ``(i, a, b)`` limit;
a datum x_i of a declared sequence is ``sympy.IndexedBase("x")[i]`` (1-based).

Why SymPy's classes and not a tree of our own: they print (text, LaTeX) and SymPy's matrix
calculus (``diff`` by a MatrixSymbol) works on them, which the step engine and author operations
build on; built with ``evaluate=False`` they cost about 0.1 ms per answer, where SymPy's
canonicalising constructors cost about 3 ms. Shapes are checked by `tutor.linalg.shapes` (strictly:
n and d are different unless written the same), values by `tutor.linalg.numeric` (NumPy), never
by SymPy's ``doit``.

>>> X = matrix_symbol("X", ("n", "d")); w = matrix_symbol("w", ("d", 1))
>>> product([X, w]).shape
(n, 1)
>>> is_array(X), is_array(AsScalar(product([transpose(w), w])))
(True, False)
"""
from __future__ import annotations

import sympy
from sympy.core.symbol import Str
from sympy.matrices.expressions import MatrixExpr

from tutor.linalg.declare import Dim
from tutor.ops.matrices import INVERSE, TRANSPOSE
from tutor.ops.matrix_nodes import AsScalar, Norm
from tutor.tree import preorder

__all__ = ["ArrayCall", "AsScalar", "Elementwise", "Norm", "dim", "has_arrays", "inverse", "is_array", "matrix_symbol",
           "ones_for", "product", "transpose"]


def dim(value: Dim | sympy.Basic) -> sympy.Basic:
    """A dimension as SymPy: 3 → Integer(3), "n" → Symbol("n").

    >>> dim(3), dim("n")
    (3, n)
    """
    if isinstance(value, sympy.Basic):
        return value
    return sympy.Integer(value) if isinstance(value, int) else sympy.Symbol(value)


def matrix_symbol(name: str, shape: tuple) -> sympy.MatrixSymbol:
    """The symbol of a declared vector, row or matrix.

    >>> matrix_symbol("y", ("n", 1)).shape
    (n, 1)
    """
    return sympy.MatrixSymbol(name, dim(shape[0]), dim(shape[1]))


def is_array(value: object) -> bool:
    """Whether a value is a symbolic matrix expression (not a number, not a 1×1 product used as a
    number, not a matrix of entries such as [1, 2], which the parser keeps as before).

    >>> is_array(matrix_symbol("A", (2, 2))), is_array(sympy.ImmutableMatrix([1, 2]))
    (True, False)
    """
    return isinstance(value, MatrixExpr) and not isinstance(value, sympy.MatrixBase)


def has_arrays(expr: sympy.Basic) -> bool:
    """Whether an expression holds any matrix, vector, sum, product or indexed datum.

    >>> has_arrays(sympy.Symbol("x") + 1), has_arrays(matrix_symbol("w", (2, 1)))
    (False, True)
    >>> has_arrays(sympy.Determinant(sympy.ImmutableMatrix([[1, 2], [3, 4]])))
    False
    """
    if isinstance(expr, sympy.MatrixBase) or not isinstance(expr, sympy.Basic):
        return False
    # operations on typed matrices only (det([[1, 2], [3, 4]]), [1, 2]ᵀ[3, 4]) are numbers, not arrays
    return any(isinstance(node, _SYMBOLIC) for node in preorder(expr))


_SYMBOLIC = (sympy.MatrixSymbol, sympy.Identity, sympy.ZeroMatrix, sympy.Sum, sympy.Product, sympy.Indexed)


class Elementwise(MatrixExpr):
    """A function of the registry applied to each entry of a matrix or vector: σ(X w).

    >>> w = matrix_symbol("w", ("d", 1))
    >>> e = Elementwise(Str("sigmoid"), w)
    >>> e.shape, e.name
    ((d, 1), 'sigmoid')
    """

    def __new__(cls, name: Str, arg: MatrixExpr):
        return sympy.Basic.__new__(cls, name, arg)

    @property
    def name(self) -> str:
        return str(self.args[0])

    @property
    def arg(self) -> MatrixExpr:
        return self.args[1]

    @property
    def shape(self):
        return self.args[1].shape

    def _sympystr(self, printer) -> str:
        return f"{self.name}({printer._print(self.arg)})"

    def _latex(self, printer) -> str:
        return r"\operatorname{%s}\left(%s\right)" % (self.name, printer._print(self.arg))


class ArrayCall(MatrixExpr):
    """An author operation called on declared arrays whose value is an array of a shape known before
    it is computed: ``gradient(f, w)`` has w's shape. In ``w - eta gradient(f, w)`` it is multiplied
    and added as the array it stands for; the author interpreter computes it (`call` is the call as
    the interpreter's other operations are written, a SymPy undefined function).

    >>> w = matrix_symbol("w", ("d", 1))
    >>> g = ArrayCall(Str("gradient"), sympy.Tuple(*w.shape), w.T * w, w)
    >>> g.shape, g.name, g.call(), g.free_symbols == {w}
    ((d, 1), 'gradient', gradient(w.T*w, w), True)
    """

    def __new__(cls, name: Str, shape: sympy.Tuple, *args: sympy.Basic):
        return sympy.Basic.__new__(cls, name, shape, *args)

    @property
    def name(self) -> str:
        return str(self.args[0])

    @property
    def shape(self):
        return tuple(self.args[1])

    @property
    def call_args(self) -> tuple:
        """The arguments of the call, as written."""
        return self.args[2:]

    @property
    def free_symbols(self) -> set:
        """The names the call's arguments use (its shape's dimensions are not among them, as for a
        `sympy.MatrixSymbol`)."""
        return set().union(*(a.free_symbols for a in self.call_args))

    def call(self) -> sympy.Basic:
        """The call as an undefined function, as the author interpreter dispatches its operations."""
        return sympy.Function(self.name)(*self.call_args)

    def _sympystr(self, printer) -> str:
        return f"{self.name}({', '.join(printer._print(a) for a in self.call_args)})"

    def _latex(self, printer) -> str:
        inner = ", ".join(printer._print(a) for a in self.call_args)
        return r"\operatorname{%s}\left(%s\right)" % (self.name, inner)


def ones_for(number: sympy.Basic, vector: sympy.Basic) -> sympy.Basic | None:
    """𝟏 (or −𝟏) of `vector`'s shape when `number` is exactly 1 (or −1) and `vector` is a column or a
    row: in 1 − y, as machine learning writes it, 1 is the vector of ones (`sympy.OneMatrix`). None for
    any other number, or beside a matrix.

    >>> y, X = matrix_symbol("y", ("n", 1)), matrix_symbol("X", ("n", "d"))
    >>> ones_for(sympy.Integer(1), y).shape, ones_for(sympy.Integer(-1), y)
    ((n, 1), -1)
    >>> ones_for(sympy.Integer(2), y), ones_for(sympy.Integer(1), X)
    (None, None)
    """
    if not isinstance(number, sympy.Integer) or number not in (1, -1) or not is_array(vector):
        return None
    rows, cols = vector.shape
    if (rows == 1) == (cols == 1):   # a matrix, or a 1×1 array
        return None
    ones = sympy.OneMatrix(rows, cols)
    return ones if number == 1 else product([sympy.S.NegativeOne, ones])


def split_product(m: sympy.Basic) -> tuple[sympy.Basic, list[sympy.Basic]]:
    """(number factor, matrix factors) of a product of matrices: 2 Xᵀ r → (2, [Xᵀ, r]).

    >>> A, w = sympy.MatrixSymbol("A", 2, 2), sympy.MatrixSymbol("w", 2, 1)
    >>> split_product(sympy.MatMul(3, A, w, evaluate=False))
    (3, [A, w])
    """
    if not isinstance(m, sympy.MatMul):
        return sympy.Integer(1), [m]
    c: sympy.Basic = sympy.Integer(1)
    factors: list[sympy.Basic] = []
    for a in m.args:   # nested products, as the parser builds −X w: (−1)·(X w)
        if isinstance(a, sympy.MatMul):
            k, inner = split_product(a)
            c, factors = c * k, factors + inner
        elif is_array(a):
            factors.append(a)
        else:
            c = c * a
    return c, factors


def product(factors: list) -> sympy.Basic:
    """The product of factors in the order given (matrices not commuting), unevaluated.

    >>> A, B = matrix_symbol("A", (2, 2)), matrix_symbol("B", (2, 2))
    >>> product([B, A])
    B*A
    """
    if len(factors) == 1:
        return factors[0]
    return sympy.MatMul(*factors, evaluate=False)


def transpose(value: MatrixExpr) -> MatrixExpr:
    """Aᵀ, unevaluated.

    >>> transpose(matrix_symbol("X", ("n", "d"))).shape
    (d, n)
    """
    return TRANSPOSE.build(value)


def inverse(value: MatrixExpr) -> MatrixExpr:
    """A⁻¹, unevaluated.

    >>> inverse(matrix_symbol("A", ("n", "n")))
    A**(-1)
    """
    return INVERSE.build(value)
