"""What a check accepts as a response: text, a SymPy object, a `Parsed`, or a plain number.

Any other value is not an answer: it is read as `Unreadable` (the check says `invalid`, with a
message naming what was given), never raised to the caller.

>>> from fractions import Fraction
>>> read_response(Fraction(1, 3), [], None).value
1/3
>>> read_response(2.5, [], None).text
'2.5'
>>> read_response({}, [], None)
Traceback (most recent call last):
  ...
tutor.checker.responses.Unreadable: An answer must be text or a number, not a dict.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Any, Sequence

import sympy
from sympy.core.relational import Relational

from tutor.linalg.declare import Declaration
from tutor.parser import Parsed, kind_of, parse
from tutor.words import with_article


class Unreadable(ValueError):
    """A response that is not text, a number or a SymPy object; its message is for people."""


def read_response(response: Any, names: Sequence[str], functions: Sequence[str] | None,
                  shapes: Mapping[str, Declaration] | None = None, format: str = "auto") -> Parsed:
    """`response` as a `Parsed`; `ParseError` when text cannot be read, `Unreadable` when the
    value is not an answer at all.

    >>> read_response(7, [], None).value, read_response(sympy.Rational(1, 2), [], None).value
    (7, 1/2)
    """
    if isinstance(response, Parsed):
        return response
    if isinstance(response, (sympy.Basic, sympy.MatrixBase)):
        return from_sympy(response)
    if isinstance(response, str):
        return parse(response, variables=names, functions=functions, shapes=shapes, format=format)
    return parse(_number_text(response), variables=names, functions=functions)


def _number_text(value: Any) -> str:
    """A plain number as the text a learner would type for it (a float by its shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise Unreadable(f"An answer must be text or a number, not {with_article(type(value).__name__)}.")
    if isinstance(value, numbers.Integral):
        return _digits(int(value))
    if isinstance(value, numbers.Rational):
        return f"{_digits(int(value.numerator))}/{_digits(int(value.denominator))}"
    number = float(value)
    if not math.isfinite(number):
        raise Unreadable(f"An answer must be a finite number, not {number}.")
    return repr(number)


def _digits(n: int) -> str:
    try:
        return str(n)
    except ValueError:   # past Python's limit on converting an int to text: far too long to read
        raise Unreadable("This number is too long to read.") from None


def from_sympy(expr: sympy.Basic | sympy.MatrixBase) -> Parsed:
    """A SymPy object as a `Parsed` (its text is SymPy's own printing of it).

    >>> from_sympy(sympy.Integer(3)).kind
    <Kind.NUMBER: 'number'>
    """
    if isinstance(expr, sympy.MatrixBase):
        expr = sympy.ImmutableMatrix(expr)
    if not isinstance(expr, _ANSWERS) or isinstance(expr, sympy.Lambda):
        raise Unreadable(f"This SymPy object cannot be checked as an answer ({type(expr).__name__}).")
    try:
        return Parsed(str(expr), expr, kind_of(expr))
    except Exception as err:
        raise Unreadable(f"This SymPy object cannot be checked as an answer ({type(expr).__name__}).") from err


# the SymPy objects that are some sort of answer (see `tutor.parser.Kind`)
_ANSWERS = (sympy.Expr, sympy.MatrixBase, Relational, sympy.And, sympy.FiniteSet, sympy.Interval,
            type(sympy.EmptySet), sympy.Tuple)
