"""Sums and products over an index: ``sum(f, i, a, b)``, ``prod(f, i, a, b)``, ``Σ_{i=1}^{n} f``, ``∑``, ``Π``, ``∏``.

Σ and Π are operators only with a subscript (``Σ_{i=1}^{n}``, ``Σ_i``) or call brackets
(``Σ(f, i, 1, n)``); alone they stay names (Σ, a covariance matrix). ``∑`` and ``∏`` are always
operators. Without written bounds the index runs over the declared sequence the body uses
(``Σ x_i`` is x_1 + … + x_n for x declared ``sequence(n)``), with a note.

Inside the body, ``x_i`` (or ``x_{i}``) with i the index is the i-th datum of a declared sequence x:
``sympy.IndexedBase("x")[i]``. An undeclared x is refused ("declare x as sequence(n)"). The result
is ``sympy.Sum`` / ``sympy.Product``, unevaluated; `tutor.linalg.numeric` computes it at concrete bounds.

>>> from tutor.linalg.declare import declaration
>>> from tutor.parser.nodes import Context
>>> ctx = Context("Σ_{i=1}^{n} x_i", shapes={"x": declaration("sequence(n)")})
>>> op = read("Σ_{i=1}^{n}", ctx, (0, 11))
>>> finish(op, sympy.Symbol("x_i"), ctx)
Sum(x[i], (i, 1, n))
"""
from __future__ import annotations

import re
import unicodedata

import sympy

from tutor.errors import ParseError

from tutor.linalg.declare import DeclKind
from tutor.parser.nodes import Context, Span
from tutor.values import frozen
from tutor.tree import preorder

NAMES = {"sum": "sum", "Σ": "sum", "∑": "sum", "prod": "prod", "Π": "prod", "∏": "prod"}
"""Learner names of the two operators (as calls), and the glyphs."""

_BOUND = re.compile(r"^\s*(?:(-?\d{1,6})|([A-Za-z][A-Za-z0-9]{0,7}))\s*(?:([+\-−])\s*(\d{1,6}))?\s*$")
_TOKEN = re.compile(r"^(?P<op>[Σ∑Π∏])(?:_(?:\{(?P<sub>[^{}]*)\}|(?P<sub1>[A-Za-z0-9])))?"
                    r"(?:\^(?:\{(?P<sup>[^{}]*)\}|(?P<sup1>[A-Za-z0-9]+)))?$")


@frozen
class BigOp:
    """Σ or Π read from its token, waiting for the factors after it (its body)."""

    kind: str                        # "sum" or "prod"
    index: sympy.Symbol | None
    lower: sympy.Basic | None
    upper: sympy.Basic | None
    span: Span


def read(text: str, ctx: Context, span: Span) -> BigOp:
    """The operator a ``BIGOP`` token stands for, with its index and bounds as written.

    >>> read("∑", Context("∑ x_i"), (0, 1))
    BigOp(kind='sum', index=None, lower=None, upper=None, span=(0, 1))
    """
    match = _TOKEN.match(text)
    if match is None:
        raise ctx.fail(span, f"Cannot read {text}: write Σ_{{i=1}}^{{n}} followed by what is added up.",
                       "bad_sum")
    kind = NAMES[match["op"]]
    sub, sup = match["sub"] or match["sub1"], match["sup"] or match["sup1"]
    index, lower = None, None
    if sub is not None:
        name, eq, low = sub.partition("=")
        if not re.match(r"^\s*[A-Za-z]\s*$", name):
            raise ctx.fail(span, f"The index of {match['op']} must be one letter, as in {match['op']}_{{i=1}}^{{n}}.",
                           "bad_sum")
        index = sympy.Symbol(name.strip())
        lower = _bound(low, ctx, span) if eq else None
    upper = _bound(sup, ctx, span) if sup is not None else None
    if (lower is None) != (upper is None):
        raise ctx.fail(span, f"Give both bounds, as in {match['op']}_{{i=1}}^{{n}}, or neither.", "bad_sum")
    return BigOp(kind, index, lower, upper, span)


def greek_operators(items: list, ctx: Context) -> list:
    """``Σ x_i`` (a bare Σ or Π) is a sum over the data when what follows uses a declared sequence
    with an index and Σ is not itself declared; otherwise Σ stays a name (a covariance matrix).

    >>> from tutor.linalg.declare import declaration
    >>> ctx = Context("Σ x_i", shapes={"x": declaration("sequence(n)")})
    >>> items = [("", sympy.Symbol("Sigma"), (0, 1)), (" ", sympy.Symbol("x_i"), (2, 5))]
    >>> greek_operators(items, ctx)[0][1].kind
    'sum'
    """
    sequences = _sequences(ctx)
    if not sequences:
        return items
    out = list(items)
    for k, (op, value, span) in enumerate(items[:-1]):
        if not isinstance(value, sympy.Symbol) or value.name not in ("Sigma", "Pi") or value.name in ctx.variables:
            continue
        if items[k + 1][0] != " ":
            continue
        data = [s for _, v, _ in items[k + 1:] if isinstance(v, sympy.Basic) for s in v.free_symbols
                if isinstance(s, sympy.Symbol) and (_split(s) or ("", ""))[0] in sequences]
        if data:
            out[k] = (op, BigOp("sum" if value.name == "Sigma" else "prod", None, None, None, span), span)
            break
    return out


def example(base: object, index: sympy.Basic, ctx: Context, span: Span) -> sympy.Basic | None:
    """``x^{(i)}``: the i-th example of a declared sequence x; for anything else None, with a note
    that it is read as a power.

    >>> from tutor.linalg.declare import declaration
    >>> example(sympy.Symbol("x"), sympy.Symbol("i"), Context("x^{(i)}", shapes={"x": declaration("sequence(n)")}), (0, 7))
    x[i]
    """
    if isinstance(base, sympy.Symbol) and base.name in _sequences(ctx):
        return sympy.IndexedBase(base.name)[index]
    shown = ctx.text[span[0]:span[1]]
    name = base.name if isinstance(base, sympy.Symbol) else "x"
    ctx.note("power_not_example", f"read {shown} as a power; for the i-th example, declare {name} as "
             "sequence(n)", span)
    return None


MEAN_INDEX = sympy.Symbol("k_mean")
"""The index of the sum that x̄ stands for."""


def mean(canon: str, ctx: Context, span: Span) -> sympy.Basic | None:
    """x̄ for a declared sequence x: (1/n) Σ_{k=1}^{n} x_k, with a note; None for anything else.

    >>> from tutor.linalg.declare import declaration
    >>> mean("x\u0304", Context("x̄", shapes={"x": declaration("sequence(n)")}), (0, 2))
    Sum(x[k_mean], (k_mean, 1, n))/n
    """
    canon = unicodedata.normalize("NFD", canon)
    if not canon.endswith("\u0304") or len(canon) != 2:
        return None
    length = _sequences(ctx).get(canon[0])
    if length is None:
        return None
    n = sympy.Integer(length) if isinstance(length, int) else sympy.Symbol(str(length))
    base = canon[0]
    ctx.note("mean", f"read {unicodedata.normalize('NFC', canon)} as the mean of {base}: (1/{n}) Σ {base}_i", span)
    total = sympy.Sum(sympy.IndexedBase(base)[MEAN_INDEX], (MEAN_INDEX, 1, n))
    return sympy.Mul(total, sympy.Pow(n, -1, evaluate=False), evaluate=False)


def mean_call(args: list, ctx: Context, span: Span) -> sympy.Basic:
    """``mean(x)`` of a declared sequence x, as x̄; ``mean(x_i^2)``, as (1/n) Σ x_i².

    >>> from tutor.linalg.declare import declaration
    >>> ctx = Context("mean(x)", shapes={"x": declaration("sequence(n)")})
    >>> mean_call([sympy.Symbol("x")], ctx, (0, 7))
    Sum(x[k_mean], (k_mean, 1, n))/n
    """
    sequences = _sequences(ctx)
    if len(args) != 1 or not sequences:
        raise ctx.fail(span, "mean(…) is read for declared data (mean(x) or x̄ when x is x_1 … x_n); "
                       "write a mean out, as in (a + b)/2.", "mean")
    arg = args[0]
    if isinstance(arg, sympy.Symbol) and arg.name in sequences:
        found = mean(f"{arg.name}\u0304", ctx, span)
        assert found is not None   # a one-letter declared sequence always has its x̄
        return found
    try:
        total = call("sum", [arg], ctx, span)
    except ParseError:
        total = None
    if not isinstance(total, sympy.Sum):
        raise ctx.fail(span, "mean(…) takes the data, as in mean(x) or mean(x_i^2).", "mean") from None
    n = total.limits[0][2]
    return sympy.Mul(total, sympy.Pow(n, -1, evaluate=False), evaluate=False)


def datum(canon: str, ctx: Context) -> sympy.Basic | None:
    """``x_3`` for a declared sequence x: its third datum; None for anything else.

    >>> from tutor.linalg.declare import declaration
    >>> datum("x_3", Context("x_3", shapes={"x": declaration("sequence(n)")}))
    x[3]
    """
    base, _, sub = canon.partition("_")
    if sub.isdigit() and base in _sequences(ctx):
        return sympy.IndexedBase(base)[int(sub)]
    return None


def _bound(text: str, ctx: Context, span: Span) -> sympy.Basic:
    match = _BOUND.match(text)
    if match is None:
        raise ctx.fail(span, f"Cannot read the bound '{text}': use a whole number, a name, or a name "
                       "plus or minus a number (n - 1).", "bad_sum")
    number, name, sign, offset = match.groups()
    value: sympy.Basic = sympy.Integer(int(number)) if number is not None else sympy.Symbol(name)
    if offset is not None:
        value = sympy.Add(value, sympy.Integer(int(offset)) * (1 if sign == "+" else -1), evaluate=False)
    return value


def call(raw: str, args: list, ctx: Context, span: Span) -> sympy.Basic:
    """``sum(f, i, a, b)`` / ``prod(f, i, a, b)`` (also ``sum(f, i)`` and ``sum(f)`` over the declared
    sequence the term uses).

    >>> call("sum", [sympy.Symbol("k") ** 2, sympy.Symbol("k"), sympy.Integer(1), sympy.Symbol("n")],
    ...      Context("sum(k^2, k, 1, n)"), (0, 17))
    Sum(k**2, (k, 1, n))
    """
    kind = NAMES[raw]
    if len(args) == 1 and _sequences(ctx):
        # Σ(1 − x_i), sum(x_i): over the declared data, as Σ x_i without bounds is
        return finish(BigOp(kind, None, None, None, span), args[0], ctx)
    if len(args) not in (2, 4):
        raise ctx.fail(span, f"{raw} takes the term, the index and the two bounds, as in {raw}(x_i, i, 1, n); "
                       f"here it has {len(args)} argument{'s' * (len(args) != 1)}.", "arity")
    index = args[1]
    if not isinstance(index, sympy.Symbol) or len(index.name) != 1:
        raise ctx.fail(span, f"The second argument of {raw} is the index: one letter, as in {raw}(x_i, i, 1, n).",
                       "bad_sum")
    lower, upper = (args[2], args[3]) if len(args) == 4 else (None, None)
    for bound in (lower, upper):
        if bound is not None and not isinstance(bound, sympy.Expr):
            raise ctx.fail(span, f"The bounds of {raw} must be numbers or names.", "bad_sum")
    return finish(BigOp(kind, index, lower, upper, span), args[0], ctx)


def finish(op: BigOp, body: sympy.Basic, ctx: Context) -> sympy.Basic:
    """The sum or product of `body`, its data indexed, its bounds filled in from the sequence if unwritten.

    >>> k = sympy.Symbol("k")
    >>> finish(BigOp("prod", k, sympy.Integer(1), sympy.Integer(3), (0, 1)), k, Context("Π"))
    Product(k, (k, 1, 3))
    """
    if not isinstance(body, sympy.Expr) or isinstance(body, sympy.MatrixBase):
        raise ctx.fail(op.span, "A sum or product over an index adds up numbers, not lists or matrices.",
                       "bad_sum")
    index = op.index or _index_of(body, ctx, op)
    lower, upper = op.lower, op.upper
    body = _index_data(body, index, ctx, op)
    if lower is None:
        seq = _sequence_of(body, ctx, op)
        lower, upper = sympy.Integer(1), seq
        shown = "Σ" if op.kind == "sum" else "Π"
        ctx.note("sum_bounds", f"read {shown} as running over {index} = 1 … {seq}", op.span)
    cls = sympy.Sum if op.kind == "sum" else sympy.Product
    return cls(body, (index, lower, upper))


def _sequences(ctx: Context) -> dict[str, object]:
    return {name: decl.dims[0] for name, decl in ctx.shapes.items() if decl.kind is DeclKind.SEQUENCE}


def _split(symbol: sympy.Symbol) -> tuple[str, str] | None:
    base, sep, sub = symbol.name.partition("_")
    return (base, sub) if sep and sub else None


def _index_of(body: sympy.Basic, ctx: Context, op: BigOp) -> sympy.Symbol:
    """∑ x_i without a subscript: the index is the one the data carry."""
    subs = {parts[1] for s in body.free_symbols if isinstance(s, sympy.Symbol)
            for parts in [_split(s)] if parts and parts[0] in _sequences(ctx) and len(parts[1]) == 1
            and parts[1].isalpha()}
    if len(subs) != 1:
        raise ctx.fail(op.span, "Say which index to sum over, as in Σ_{i=1}^{n} x_i.", "bad_sum")
    return sympy.Symbol(subs.pop())


def _index_data(body: sympy.Basic, index: sympy.Symbol, ctx: Context, op: BigOp) -> sympy.Basic:
    sequences = _sequences(ctx)
    swap = {}
    for s in body.free_symbols:
        parts = _split(s) if isinstance(s, sympy.Symbol) else None
        if parts is None or parts[1] != index.name or s.name in ctx.variables:
            continue
        base = parts[0]
        if base not in sequences:
            raise ctx.fail(op.span, f"{s.name} uses the index {index.name}, but {base} is not declared as data: "
                           f"declare {base} as sequence(n).", "undeclared_sequence")
        swap[s] = sympy.IndexedBase(base)[index]
    return body.xreplace(swap) if swap else body


def _sequence_of(body: sympy.Basic, ctx: Context, op: BigOp) -> sympy.Basic:
    lengths = {sympy.Integer(n) if isinstance(n, int) else sympy.Symbol(str(n))
               for node in preorder(body) if isinstance(node, sympy.Indexed)
               for n in [_sequences(ctx).get(str(node.base.label))] if n is not None}
    if len(lengths) != 1:
        raise ctx.fail(op.span, "Give the bounds, as in Σ_{i=1}^{n}: the sum runs over no declared sequence "
                       "(or over sequences of different lengths).", "bad_sum")
    return lengths.pop()
