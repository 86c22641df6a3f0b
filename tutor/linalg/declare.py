"""Declarations of what a name is: a scalar (with an assumption), a vector, a matrix, or data.

A declaration is read by a small reader of our own (a regular expression per form), never by
evaluating text. Dimensions are whole numbers or names; a dimension name stands for a positive
whole number (probed 1 … 7) and may appear in answers (``2/n``).

>>> declaration("matrix(n, d)")
Declaration(kind=<DeclKind.MATRIX: 'matrix'>, dims=('n', 'd'), assumption=None)
>>> declaration("vector(3)").shape, declaration("row(d)").shape, declaration("symmetric(n)").shape
((3, 1), (1, 'd'), ('n', 'n'))
>>> declaration("positive").assumption
'positive'
>>> declaration("matrix(n)")
Traceback (most recent call last):
...
tutor.errors.CheckError: 'matrix(n)' is not a declaration: matrix takes 2 dimensions, as in matrix(n, d).
"""
from __future__ import annotations

import enum
import re
from collections.abc import Mapping

from tutor.assumptions import Assumption
from tutor.errors import CheckError
from tutor.values import frozen

Dim = int | str
"""A dimension: a whole number, or the name of a positive whole number (``n``)."""

ASSUMPTIONS = tuple(a.value for a in Assumption)
"""The words the `assume` option takes; `variables` takes the same words (one set of words)."""


class DeclKind(enum.Enum):
    """What a declared name is."""

    SCALAR = "scalar"
    VECTOR = "vector"          # a column, d×1
    ROW = "row"                # 1×d
    MATRIX = "matrix"          # n×d
    SYMMETRIC = "symmetric"    # n×n, equal to its transpose
    SEQUENCE = "sequence"      # data x_1 … x_n, for sums and products


_ARITY = {DeclKind.VECTOR: 1, DeclKind.ROW: 1, DeclKind.MATRIX: 2, DeclKind.SYMMETRIC: 1,
          DeclKind.SEQUENCE: 1}
_EXAMPLE = {DeclKind.VECTOR: "vector(d)", DeclKind.ROW: "row(d)", DeclKind.MATRIX: "matrix(n, d)",
            DeclKind.SYMMETRIC: "symmetric(n)", DeclKind.SEQUENCE: "sequence(n)"}
_FORM = re.compile(r"^\s*([a-z]+)\s*(?:\(\s*([^()]*?)\s*\))?\s*$")
_DIM = re.compile(r"^(?:[1-9][0-9]{0,2}|[A-Za-z][A-Za-z0-9]{0,15})$")


@frozen
class Declaration:
    """One name's declaration: its kind, its dimensions (as written) and a scalar assumption."""

    kind: DeclKind
    dims: tuple[Dim, ...] = ()
    assumption: str | None = None

    @property
    def shape(self) -> tuple[Dim, ...]:
        """(rows, cols) for a vector, row or matrix; () for a scalar or a sequence's entries.

        >>> declaration("vector(d)").shape, declaration("scalar").shape
        (('d', 1), ())
        """
        if self.kind is DeclKind.VECTOR:
            return (self.dims[0], 1)
        if self.kind is DeclKind.ROW:
            return (1, self.dims[0])
        if self.kind is DeclKind.MATRIX:
            return self.dims
        if self.kind is DeclKind.SYMMETRIC:
            return (self.dims[0], self.dims[0])
        return ()

    @property
    def is_array(self) -> bool:
        """Whether the name is a vector, row or matrix (a non-scalar value).

        >>> declaration("matrix(2, 3)").is_array, declaration("sequence(n)").is_array
        (True, False)
        """
        return self.shape != ()

    @property
    def dim_names(self) -> tuple[str, ...]:
        """The dimension names it uses (``n``, ``d``).

        >>> declaration("matrix(n, 3)").dim_names
        ('n',)
        """
        return tuple(d for d in self.dims if isinstance(d, str))


def declaration(text: object) -> Declaration:
    """Read one declaration (``"matrix(n, d)"``, ``"vector(3)"``, ``"positive"``, …).

    >>> declaration("sequence(n)").kind, declaration(" Vector( d ) ").dims
    (<DeclKind.SEQUENCE: 'sequence'>, ('d',))
    """
    if not isinstance(text, str):
        raise CheckError(f"A declaration must be text such as \"vector(d)\", not {text!r}.")
    match = _FORM.match(text.lower())
    words = ", ".join(["scalar", *ASSUMPTIONS, *_EXAMPLE.values()])
    if match is None:
        raise CheckError(f"{text!r} is not a declaration. Use one of: {words}.")
    word, inside = match.group(1), match.group(2)
    if word in ASSUMPTIONS or word == "scalar":
        if inside is not None:
            raise CheckError(f"{text!r} is not a declaration: {word} takes no dimensions.")
        return Declaration(DeclKind.SCALAR, (), None if word == "scalar" else word)
    try:
        kind = DeclKind(word)
    except ValueError:
        raise CheckError(f"{text!r} is not a declaration. Use one of: {words}.") from None
    parts = [p.strip() for p in inside.split(",")] if inside else []
    if len(parts) != _ARITY[kind]:
        count = "1 dimension" if _ARITY[kind] == 1 else f"{_ARITY[kind]} dimensions"
        raise CheckError(f"{text!r} is not a declaration: {word} takes {count}, as in {_EXAMPLE[kind]}.")
    dims: list[Dim] = []
    for part in parts:
        if not _DIM.match(part):
            raise CheckError(f"{text!r} is not a declaration: a dimension is a whole number from 1 to 999 "
                             f"or a name, not {part!r}.")
        dims.append(int(part) if part.isdigit() else part)
    return Declaration(kind, tuple(dims))


def declarations(mapping: Mapping[str, object]) -> dict[str, Declaration]:
    """Read a whole mapping name → declaration text, refusing a name used as a dimension and an array.

    >>> sorted(declarations({"X": "matrix(n, d)", "w": "vector(d)"}))
    ['X', 'w']
    >>> declarations({"n": "vector(n)"})
    Traceback (most recent call last):
    ...
    tutor.errors.CheckError: 'n' is declared vector(n) but is also used as a dimension.
    """
    out = {str(name): declaration(text) for name, text in mapping.items()}
    dims = {d for decl in out.values() for d in decl.dim_names}
    for name, decl in out.items():
        if name in dims and decl.kind is not DeclKind.SCALAR:
            raise CheckError(f"'{name}' is declared {mapping[name]} but is also used as a dimension.")
    return out


def parse_var_option(text: str) -> tuple[str, str | None]:
    """Split a command-line ``--var`` value: ``X=matrix(n,d)`` → ('X', 'matrix(n,d)'); ``x`` → ('x', None).

    >>> parse_var_option("X=matrix(n,d)"), parse_var_option("x")
    (('X', 'matrix(n,d)'), ('x', None))
    """
    name, sep, decl = text.partition("=")
    return name.strip(), (decl.strip() if sep else None)
