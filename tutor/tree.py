"""Walking a SymPy expression: every node, parents before children, left to right.

`preorder` visits what ``sympy.preorder_traversal`` visits, in the same order, with a plain
stack instead of a generator per node: about twice as fast, and a check walks its expressions
several times (domain, edges, arrays, sizes).

>>> import sympy
>>> x, y = sympy.symbols("x y")
>>> list(preorder(sympy.sin(x) * y)) == list(sympy.preorder_traversal(sympy.sin(x) * y))
True
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sympy import Basic
from sympy.core.operations import LatticeOp
from sympy.utilities.iterables import iterable


def preorder(expr: Any) -> Iterator[Any]:
    """The nodes of `expr`, as ``sympy.preorder_traversal(expr)`` gives them (without keys).

    Like it, a lattice operation (Max, Min) is walked through its set of arguments, and a plain
    iterable (a list, a tuple) through its items.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> [str(n) for n in preorder(x**2 + 1)]
    ['x**2 + 1', '1', 'x**2', 'x', '2']
    """
    if not isinstance(expr, Basic):
        yield expr
        if iterable(expr):
            for item in expr:
                yield from preorder(item)
        return
    stack = [expr]
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        yield node
        if isinstance(node, LatticeOp) and hasattr(node, "_argset"):   # Max, Min: through their set
            extend(list(node._argset)[::-1])
        else:
            args = node.args                 # the arguments of a Basic are Basic
            if args:
                extend(reversed(args))
