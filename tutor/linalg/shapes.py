"""Shape inference: does a product, sum or inverse fit, and if not, what to say.

Dimensions are compared as written: n and d are different sizes unless declared the same, so
``X y`` with X n×d and y d… is refused before any number is drawn. Messages name both operands,
their shapes and the likely fix.

>>> from tutor.linalg.nodes import matrix_symbol
>>> X, r = matrix_symbol("X", ("n", "d")), matrix_symbol("r", ("n", 1))
>>> check_product(X, r, "X", "X w − y")
Traceback (most recent call last):
...
tutor.linalg.shapes.ShapeMismatch: X (X w − y): X is n×d and X w − y is n×1, so they cannot be multiplied; did you mean X^T?
"""
from __future__ import annotations

import sympy

from tutor.errors import TutorError
from tutor.linalg.nodes import is_array
from tutor.ops import Shape, ShapeError


class ShapeMismatch(TutorError):
    """Operands whose shapes do not fit; `code` says which rule (``matrix_shape``, ``not_invertible``)."""

    def __init__(self, message: str, code: str = "matrix_shape") -> None:
        super().__init__(message)
        self.code = code


def shape_of(value: sympy.Basic) -> tuple:
    """(rows, cols) of a matrix expression, () for a number.

    >>> from tutor.linalg.nodes import matrix_symbol
    >>> shape_of(matrix_symbol("w", ("d", 1))), shape_of(sympy.Integer(2))
    ((d, 1), ())
    """
    return tuple(value.shape) if is_array(value) else ()


def shape_text(shape: tuple) -> str:
    """``n×d``, or ``a scalar`` for ().

    >>> shape_text((sympy.Symbol("n"), 1)), shape_text(())
    ('n×1', 'a scalar')
    """
    if not shape:
        return "a scalar"
    return "×".join(str(d) for d in shape)


def check_product(left: sympy.Basic, right: sympy.Basic, left_text: str, right_text: str) -> None:
    """Refuse left·right when the columns of left are not the rows of right.

    >>> from tutor.linalg.nodes import matrix_symbol
    >>> check_product(matrix_symbol("A", (2, 3)), matrix_symbol("B", (3, 1)), "A", "B") is None
    True
    """
    a, b = shape_of(left), shape_of(right)
    if not a or not b or a[1] == b[0]:
        return
    fix = _product_fix(a, b, left_text)
    raise ShapeMismatch(f"{_paren(left_text)} {_paren(right_text)}: {left_text} is {shape_text(a)} and "
                        f"{right_text} is {shape_text(b)}, so they cannot be multiplied{fix}")


def _product_fix(a: tuple, b: tuple, left_text: str) -> str:
    if a[0] == b[0]:
        if left_text.endswith("^T"):
            return f"; did you mean {left_text[:-2]} without the transpose?"
        return f"; did you mean {_paren(left_text)}^T?"
    if a[1] == b[1]:
        return "; did you mean to transpose the right factor?"
    if a[0] == b[1]:
        return "; did you mean the other order?"
    return "."


def _paren(text: str) -> str:
    return f"({text})" if any(c in text for c in " +−-") else text


def check_sum(left: sympy.Basic, right: sympy.Basic, left_text: str, right_text: str, op: str = "+") -> None:
    """Refuse left + right (or left − right: `op` as typed) unless both have the same shape.

    >>> from tutor.linalg.nodes import matrix_symbol
    >>> check_sum(matrix_symbol("w", ("d", 1)), sympy.Integer(1), "w", "1")
    Traceback (most recent call last):
    ...
    tutor.linalg.shapes.ShapeMismatch: w + 1: w is d×1 and 1 is a scalar, so they cannot be added.
    >>> check_sum(matrix_symbol("w", ("d", 1)), sympy.Integer(1), "w", "1", "−")
    Traceback (most recent call last):
    ...
    tutor.linalg.shapes.ShapeMismatch: w − 1: w is d×1 and 1 is a scalar, so one cannot be subtracted from the other.
    """
    a, b = shape_of(left), shape_of(right)
    if a == b:
        return
    fix = "; did you mean to transpose one of them?" if a and b and a == b[::-1] else "."
    how = "they cannot be added" if op == "+" else "one cannot be subtracted from the other"
    raise ShapeMismatch(f"{left_text} {op} {right_text}: {left_text} is {shape_text(a)} and {right_text} is "
                        f"{shape_text(b)}, so {how}{fix}")


def check_square(value: sympy.Basic, text: str, what: str) -> None:
    """Refuse a power (`what`) of a matrix that is not square; the inverse's rule is the registry's
    (`tutor.ops.matrices`).

    >>> from tutor.linalg.nodes import matrix_symbol
    >>> check_square(matrix_symbol("X", ("n", "d")), "X", "power")
    Traceback (most recent call last):
    ...
    tutor.linalg.shapes.ShapeMismatch: X is n×d, not square, so it has no power.
    """
    try:
        Shape.SQUARE_TO_SCALAR.result([shape_of(value)], [text], what)
    except ShapeError as err:
        raise ShapeMismatch(str(err), err.code) from None
