"""What names mean in a given question: variables, constants, functions, or products of letters.

Names are resolved after parsing because their meaning depends on what the caller declared:
`f(x)` is a call when `f` is a declared function and f·(x) otherwise; `xy` is x·y.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import sympy
from sympy.logic.boolalg import Boolean
from lark import Token

from tutor.errors import ParseError
from tutor.linalg import nodes as la
from tutor.ops import Shape
from tutor import ops
from tutor.parser import bigops, matrix_calls, names
from tutor.parser.lexing import token_span
from tutor.parser.nodes import Bare, Chain, Context, Group, Located, Span, group_to_matrix, span_at

@lru_cache(maxsize=4096)
def canonical_name(raw: str) -> str:
    """The Symbol name for what was typed: θ → theta, x1 → x_1, x_{12} → x_12, θ_j → theta_j.

    >>> [canonical_name(t) for t in ["θ", "x1", "x_{12}", "θ_j", "w"]]
    ['theta', 'x_1', 'x_12', 'theta_j', 'w']
    """
    base, sub = names.split_subscript(unicodedata.normalize("NFC", raw))
    base = names.greek_name(base) or base
    if sub is None:
        return base
    sub = "".join(names.greek_name(c) or c for c in sub) if len(sub) == 1 else sub
    return f"{base}_{sub}"


def resolve_name(tok: Token, ctx: Context):
    """What a name standing alone means: a variable, a constant, a bare function, or a product.

    >>> ctx = Context("xy", variables=frozenset({"x", "y"}))
    >>> chain = resolve_name(Token("NAME", "xy", 0, end_pos=2), ctx)
    >>> [value for _, value, _ in chain.items], ctx.notes[0].message
    ([x, y], 'read xy as x·y')
    """
    raw, span = tok.value, token_span(tok)
    canon = canonical_name(raw)
    if raw in ctx.variables or canon in ctx.variables:
        return declared_symbol(canon, ctx)
    if ctx.shapes:
        where: Span = (tok.start_pos or 0, tok.end_pos or 0)
        special = matrix_calls.special_name(raw, canon, where, ctx)
        if special is None:
            special = bigops.mean(canon, ctx, where) or bigops.datum(canon, ctx)
        if special is not None:
            return special
    if raw in matrix_calls.CALLS and raw not in ctx.functions and ops.MATRIX_NAMES[raw].arity == (1, 1) \
            and (ctx.shapes or _before_square_bracket(tok, ctx)):
        # det A, tr A: a matrix operation applied without brackets, as to a bare function; with
        # nothing declared, only to a typed matrix (det [[1, 2], [3, 4]]), as det(…) takes one
        return Bare(raw, lambda arg: matrix_calls.call(raw, [arg], ctx, span), span)
    if raw in names.CONSTANTS:
        return names.CONSTANTS[raw]
    if raw in ctx.functions and raw not in names.FUNCTIONS:
        return Bare(raw, sympy.Function(raw), span)
    if raw in names.FUNCTIONS and raw != "σ":
        if raw not in names.BARE_OK:
            raise ctx.fail(span, f"'{raw}' needs brackets around its arguments, as in {raw}(a, b).",
                           "missing_argument", f"{raw}(a, b)")
        return bare_builtin(raw, ctx, span)
    return _resolve_symbolic(raw, canon, span, ctx)


def _before_square_bracket(tok: Token, ctx: Context) -> bool:
    return ctx.text[tok.end_pos or 0:].lstrip().startswith("[")


def bare_builtin(raw: str, ctx: Context, span: Span) -> Bare:
    """A built-in function typed without brackets (`sin x`, `sqrt[[1, 2], [3, 4]]`), applied to its
    argument by the same rules as a call: entry by entry to a declared vector where the function
    allows it, never to a typed vector or matrix.

    >>> ctx = Context("sqrt [1, 2]")
    >>> bare_builtin("sqrt", ctx, (0, 4)).build(sympy.ImmutableMatrix([1, 2]))
    Traceback (most recent call last):
    tutor.errors.ParseError: sqrt takes numbers or expressions, not a vector or matrix.
      sqrt [1, 2]
      ^^^^
    """
    return Bare(raw, lambda argument: _call_builtin(raw, [argument], ctx, span, span), span)


def declared_symbol(canon: str, ctx: Context) -> sympy.Basic:
    """The symbol of a name: a `MatrixSymbol` for a declared vector or matrix, else a Symbol.

    >>> from tutor.linalg.declare import declaration
    >>> declared_symbol("X", Context("X", shapes={"X": declaration("matrix(n, d)")})).shape
    (n, d)
    """
    decl = ctx.shapes.get(canon)
    if decl is not None and decl.is_array:
        return la.matrix_symbol(canon, decl.shape)
    return sympy.Symbol(canon)


def _resolve_symbolic(raw: str, canon: str, span: Span, ctx: Context):
    base, sub = names.split_subscript(raw)
    if names.greek_name(base) or len(unicodedata.normalize("NFC", base).rstrip("\u0302\u0304")) == 1:
        if sub is not None and "_" not in raw:
            ctx.note("subscript", f"read {raw} as {canon}", span)
        return sympy.Symbol(canon)
    _refuse_function_like(raw, span, ctx, called=False)
    return _split_run(raw, span, ctx)


def _refuse_function_like(raw: str, span: Span, ctx: Context, *, called: bool) -> None:
    right = names.wrong_case(raw)
    if right is not None:
        what = "'In' (capital i) is not a function" if raw == "In" else f"'{raw}' is not known"
        raise ctx.fail(span, f"Input is case sensitive: {what}. Did you mean {right}?", "wrong_case", right)
    tail = names.function_suffix(raw, ctx.functions)
    if tail is not None and called:
        head, fname = tail
        raise ctx.fail(span, f"Unknown function '{raw}': did you mean {'*'.join(head)}*{fname}(…)? "
                       "Put * before a function.", "unknown_function", f"{'*'.join(head)}*{fname}")
    glued = names.function_prefix(raw, ctx.functions)
    if glued is not None and not called:
        fname, rest = glued
        raise ctx.fail(span, f"Unknown name '{raw}': did you mean {fname}({rest})? "
                       "Put the argument of a function in brackets.", "unknown_function", f"{fname}({rest})")
    close = names.suggest_function(raw, ctx.functions) if len(raw) >= 3 else None
    if close is not None and (called or len(raw) >= 4):
        raise ctx.fail(span, f"Unknown function '{raw}' (did you mean {close}?).", "unknown_function", close)


def _split_run(raw: str, span: Span, ctx: Context) -> Chain | sympy.Basic:
    """`xy` → x·y: split a run of letters into declared names, Greek names and single letters."""
    base, sub = names.split_subscript(raw)
    parts = _greedy_split(base, ctx)
    if sub is not None:
        parts[-1] = f"{parts[-1]}_{sub}"
    symbols = [names.CONSTANTS.get(p) or declared_symbol(canonical_name(p), ctx) for p in parts]
    shown = "·".join(names.GREEK_LETTER.get(p, p) for p in parts)
    ctx.note("split_name", f"read {raw} as {shown}", span)
    return Chain([("" if k == 0 else " ", s, span) for k, s in enumerate(symbols)])


def _greedy_split(run: str, ctx: Context) -> list[str]:
    known = sorted({v for v in ctx.variables if v.isalpha()} | names.GREEK_NAMES | {"pi"}, key=len, reverse=True)
    parts, i = [], 0
    while i < len(run):
        match = next((k for k in known if len(k) > 1 and run.startswith(k, i)), None)
        parts.append(match or run[i])
        i += len(match) if match else 1
    return parts


BINOMIAL_C = "C"   # C(n, k) with two arguments is n choose k
PSEUDO_INVERSE_HELP = ("The pseudo-inverse (X^+, pinv(X)) is not read: for X with independent columns, "
                       "write it out as (X^T X)^(-1) X^T.")
# X^+ with nothing after the +, X^{+} and X^(+): written so, the grammar cannot finish reading them
# (in LaTeX too: \mathbf{X}^{+})
_BARE_PSEUDO_INVERSE = re.compile(r"(?<![\w.])(?:\\[a-zA-Z]+\s*\{\s*)?([^\W\d]\w*)(?:\s*\})?\s*\^\s*"
                                  r"(?:\{\s*\+\s*\}|\(\s*\+\s*\)|\+(?=\s*(?:$|[)\]},;=]|\\right)))")


def bare_pseudo_inverse(ctx: Context) -> ParseError | None:
    r"""The pseudo-inverse's message when the text writes X^+ of a declared array with nothing after
    the + (X^+ y is told apart as it is built), else None.

    >>> from tutor.linalg.declare import declarations
    >>> shapes = declarations({"X": "matrix(n, d)"})
    >>> bare_pseudo_inverse(Context("X^+", shapes=shapes)).span
    (0, 3)
    >>> bare_pseudo_inverse(Context("(X^{+})", shapes=shapes)).code
    'pseudo_inverse'
    >>> bare_pseudo_inverse(Context(r"\mathbf{X}^{+} y", shapes=shapes)).span
    (0, 14)
    >>> bare_pseudo_inverse(Context("x^+")) is None
    True
    """
    for match in _BARE_PSEUDO_INVERSE.finditer(ctx.text):
        declared = ctx.shapes.get(match.group(1))
        if declared is not None and declared.is_array:
            return ctx.fail(match.span(), PSEUDO_INVERSE_HELP, "pseudo_inverse")
    return None


def resolve_call(tok: Token, args: list, ctx: Context, span: Span | Located):
    """What `name(args)` means: a function call, or a product such as x·(x + 1). `span` covers the
    call, or is what works it out when it is needed (a built-in function needs it only to refuse).

    >>> x = sympy.Symbol("x")
    >>> resolve_call(Token("FNAME", "sin", 0, end_pos=3), [x], Context("sin(x)"), (0, 6))
    sin(x)
    """
    raw = tok.value.rstrip()
    start = token_span(tok)[0]
    name_span = (start, start + len(raw))
    canon = canonical_name(raw)
    is_variable = raw in ctx.variables or canon in ctx.variables
    if raw in ctx.functions and raw not in names.FUNCTIONS and not is_variable:
        plain = _plain_args(args, ctx)
        if ctx.shapes and any(la.is_array(a) for a in plain):
            return matrix_calls.author_call(raw, plain, ctx, span_at(span))
        return sympy.Function(raw)(*plain)
    if raw in bigops.NAMES and not is_variable and raw not in ctx.functions:
        return bigops.call(raw, _plain_args(args, ctx), ctx, span_at(span))
    if raw in matrix_calls.CALLS and not is_variable and raw not in ctx.functions:
        plain = _plain_args(args, ctx)
        if ctx.shapes or matrix_calls.takes(plain):
            return matrix_calls.call(raw, plain, ctx, span_at(span))
    if raw == "sigma" and not is_variable:
        raw = "σ"
    if raw in names.FUNCTIONS and not (raw == "σ" and is_variable):
        return _call_builtin(raw, args, ctx, name_span, span)
    if raw == BINOMIAL_C and len(args) == 2 and raw not in ctx.functions:
        # C(n, k), as probability books write n choose k: a product cannot take a pair
        ctx.note("binomial_c", "read C(n, k) as the binomial coefficient, n choose k", span_at(span))
        return _call_builtin("binomial", args, ctx, name_span, span)
    if is_variable or raw in names.CONSTANTS or _symbol_like(raw):
        return _call_as_product(raw, args, ctx, name_span, span_at(span))
    if raw == "mean" and not is_variable and raw not in ctx.functions:
        return bigops.mean_call(_plain_args(args, ctx), ctx, span_at(span))
    if raw in ("pinv", "pinverse") and not is_variable and raw not in ctx.functions:
        raise ctx.fail(span, PSEUDO_INVERSE_HELP, "pseudo_inverse")
    _refuse_function_like(raw, name_span, ctx, called=True)
    if ctx.variables and all(p in ctx.variables for p in _greedy_split(raw, ctx)):
        return _call_as_product(raw, args, ctx, name_span, span_at(span))
    raise ctx.fail(name_span, f"Unknown function '{raw}'. If you meant a product, put * between the "
                   f"letters, as in {'*'.join(raw)}*(…).", "unknown_function")


def _symbol_like(raw: str) -> bool:
    base, _ = names.split_subscript(raw)
    return len(base) == 1 or names.greek_name(base) is not None


def _plain_args(args: list, ctx: Context) -> list[sympy.Basic]:
    return [group_to_matrix(a, ctx) if isinstance(a, Group) else a for a in args]


def _call_builtin(raw: str, args: list, ctx: Context, name_span: Span, span: Span | Located) -> sympy.Basic:
    spec = names.FUNCTIONS[raw]
    least, most = spec.arity
    if len(args) < least or (most and len(args) > most):
        count = "one argument" if most == 1 else f"{least} to {most} arguments" if most else \
            f"at least {least} argument{'s' * (least > 1)}"
        if least == most and most > 1:
            count = f"{least} arguments"
        raise ctx.fail(span, f"{raw} takes {count}; here it has {len(args)}.", "arity")
    plain = _plain_args(args, ctx)
    if any(la.is_array(a) for a in plain):
        entrywise = _entrywise_name(spec) if len(plain) == 1 else None
        if entrywise is not None:
            return la.Elementwise(la.Str(entrywise), plain[0])
    if any(la.is_array(a) or isinstance(a, sympy.MatrixBase) for a in plain):
        raise ctx.fail(span, f"{_as_typed(raw, ctx, name_span)} takes numbers or expressions, not a vector or "
                       "matrix.", "not_a_scalar")
    if any(_not_arithmetic(a) for a in plain):
        raise ctx.fail(span, f"{_as_typed(raw, ctx, name_span)} takes numbers or expressions, not a set, "
                       "interval or comparison.", "not_arithmetic")
    return spec.build(*plain)


def _as_typed(raw: str, ctx: Context, name_span: Span) -> str:
    """A function's name, and before it the inverse as typed when it was read as one: ``sin^-1 (asin)``."""
    typed = ctx.text[name_span[0]:name_span[1]].strip()
    return f"{typed} ({raw})" if "^" in typed else raw


def _entrywise_name(spec) -> str | None:
    """The registry name of a function applied entry by entry to a vector, or None: an operation of
    shape ELEMENTWISE (σ, log, exp), or a spelling of one (ln, the printers' name for log).

    >>> _entrywise_name(names.FUNCTIONS["ln"]), _entrywise_name(names.FUNCTIONS["sqrt"])
    ('log', None)
    """
    if getattr(spec, "shape", None) is Shape.ELEMENTWISE:
        return spec.name
    u = sympy.Dummy("u")
    built = spec.build(u)
    op = ops.by_class(type(built)) if isinstance(built, sympy.Function) and built.args == (u,) else None
    return op.name if op is not None and getattr(op, "shape", None) is Shape.ELEMENTWISE else None


def _not_arithmetic(value: sympy.Basic) -> bool:
    """A set, interval, comparison or truth value (a Symbol is a SymPy `Boolean` too: it is an
    `Expr`, and passes)."""
    return isinstance(value, sympy.Set) or isinstance(value, Boolean) and not isinstance(value, sympy.Expr)


def _call_as_product(raw: str, args: list, ctx: Context, name_span: Span, span: Span) -> Chain:
    if len(args) != 1:
        raise ctx.fail(name_span, f"'{raw}' is not a function here, so it cannot take "
                       f"{len(args)} arguments.", "not_a_function")
    head = resolve_name(Token("NAME", raw, name_span[0], end_pos=name_span[1]), ctx)
    text = ctx.text[span[0]:span[1]]
    arg_text = ctx.text[name_span[1]:span[1]].strip()
    is_declared = raw in ctx.variables or canonical_name(raw) in ctx.variables
    if len(raw) == 1 and raw.isalpha() and not is_declared and raw in "fgh":
        ctx.note("call_as_product", f"read {text} as {raw}·{arg_text}: '{raw}' is not a known function",
                 span)
    else:
        ctx.note("call_as_product", f"read {text} as {raw}·{arg_text}", span)
    items = head.items if isinstance(head, Chain) else [("", head, name_span)]
    value = args[0]
    return Chain(items + [(" ", value, (name_span[1], span[1]))], from_call=True)
