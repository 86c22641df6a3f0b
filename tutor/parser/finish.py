"""The steps both readers share after their grammar: build SymPy from the tree, check its
depth, and make the `Parsed` (text: `tutor.parser.parse`; LaTeX: `tutor.parser.latex`).
"""
from __future__ import annotations

from collections.abc import Iterable

import sympy
from lark import Token, Tree
from sympy.core.relational import Relational
from sympy.core.function import AppliedUndef

from tutor.errors import ParseError
from tutor.linalg.shapes import ShapeMismatch
from tutor.parser import build, lexing, nodes, resolve
from tutor.parser.parsed import Kind, Parsed
from tutor.tree import preorder


def parsed(text: str, expr: sympy.Basic, ctx: nodes.Context, delimiters: tuple[str, str] | None) -> Parsed:
    """The `Parsed` of a built expression, refused when it nests too deeply.

    >>> parsed("2", sympy.Integer(2), nodes.Context("2"), None).kind
    <Kind.NUMBER: 'number'>
    """
    # what is built nests about one level per character typed, never two (tests/test_parser_depth):
    # a text of half the limit cannot reach it
    if len(text) > lexing.MAX_DEPTH // 2 and depth(expr) > lexing.MAX_DEPTH:
        raise too_deep(text)
    return Parsed(text=text, expr=expr, kind=kind_of(expr), notes=tuple(ctx.notes),
                  delimiters=delimiters, features=frozenset(ctx.features))


def names(variables: Iterable[str] | None) -> frozenset[str]:
    """The caller's variable names, spelled as the resolver spells them.

    >>> sorted(names(["x", "theta"]))
    ['theta', 'x']
    """
    return frozenset(resolve.canonical_name(v) for v in variables or ())


def transform(tree, ctx: nodes.Context) -> sympy.Basic:
    """Build the tree (of either grammar) into SymPy; what SymPy refuses becomes a `ParseError`.

    >>> from tutor.parser import _lark
    >>> transform(_lark().parse("2x"), nodes.Context("2x"))
    2*x
    """
    try:
        return build.Builder(ctx).build(tree)
    except build._MatrixError as err:
        raise ParseError(ctx.text, (0, len(ctx.text)), f"This cannot be computed: {err}.",
                         err.code) from None
    except ShapeMismatch as err:
        raise ParseError(ctx.text, (0, len(ctx.text)), str(err), err.code) from None
    except RecursionError:
        raise too_deep(ctx.text) from None
    except (TypeError, ValueError, ArithmeticError) as err:
        # SymPy refusing to build something (e.g. an interval with a matrix end) is a reading failure
        raise ParseError(ctx.text, (0, len(ctx.text)), "This cannot be read as mathematics: "
                         f"{type(err).__name__.lower()}.", "unreadable") from None


def depth(expr: sympy.Basic) -> int:
    """How deeply the expression nests (iteratively: a deep tree must not exhaust the stack).

    >>> depth(sympy.sin(sympy.Symbol("x") + 1))
    3
    """
    deepest, stack = 0, [(expr, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > lexing.MAX_DEPTH:
            break
        args = node if isinstance(node, sympy.MatrixBase) else node.args
        stack.extend((a, level + 1) for a in args)
    return deepest


def too_deep(text: str) -> ParseError:
    """The error for an answer nested too deeply to read.

    >>> too_deep("x").code
    'too_deep'
    """
    return ParseError(text, (0, len(text)),
                      f"This is nested too deeply to read (more than {lexing.MAX_DEPTH} levels).", "too_deep")


def kind_of(expr: sympy.Basic) -> Kind:
    """What sort of answer an expression is.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> kind_of(sympy.Eq(x, 2)), kind_of(sympy.Integer(3)), kind_of(sympy.ImmutableMatrix([1, 2]))
    (<Kind.EQUATION: 'equation'>, <Kind.NUMBER: 'number'>, <Kind.VECTOR: 'vector'>)
    """
    if isinstance(expr, sympy.Tuple):
        return Kind.LIST
    if isinstance(expr, sympy.Eq):
        return Kind.EQUATION
    if isinstance(expr, (Relational, sympy.And)):
        return Kind.INEQUALITY
    if isinstance(expr, sympy.MatrixBase):
        return Kind.VECTOR if expr.cols == 1 else Kind.MATRIX
    if isinstance(expr, (sympy.FiniteSet, sympy.EmptySet.__class__)):
        return Kind.SET
    if isinstance(expr, sympy.Interval):
        return Kind.INTERVAL
    if expr.free_symbols or _has_undefined(expr):
        return Kind.EXPRESSION
    return Kind.NUMBER


def _has_undefined(expr: sympy.Basic) -> bool:
    """Whether an expression calls a function the question declared (f(2) is not a number)."""
    return any(isinstance(node, AppliedUndef) for node in preorder(expr))


MAX_PLUS_MINUS = 2


def plus_or_minus(tree: Tree, ctx: nodes.Context) -> Tree:
    r"""An answer with ± stands for two: ``(1 \pm \sqrt{5})/2`` is the set of both values, and
    ``x = \pm 2`` the two equations x = 2, x = −2 (∓ takes the other sign). At most two ± (four
    answers).

    >>> from tutor.parser import parse
    >>> parse(r"\frac{1 \pm 3}{2}").value, parse("(1 ± 3)/2").value
    ({-1, 2}, {-1, 2})
    >>> parse("x = ±2").interpreted
    'x = 2, x = −2'
    """
    signs = [n for n in tree.iter_subtrees_topdown() if n.data in ("pm", "upm")]
    if not signs:
        return tree
    first = next(c for c in signs[0].children if isinstance(c, Token))
    if len(signs) > MAX_PLUS_MINUS or len(tree.children) > 1:
        raise ctx.fail(lexing.token_span(first), "Use ± at most twice, in a single answer.", "plus_minus")
    ctx.note("plus_minus", "read ± as two answers", lexing.token_span(first))
    variants = []
    for choice in range(2 ** len(signs)):
        copy = _copy(tree)
        for k, node in enumerate(n for n in copy.iter_subtrees_topdown() if n.data in ("pm", "upm")):
            token = next(c for c in node.children if isinstance(c, Token))
            plus = not (choice >> (len(signs) - 1 - k)) & 1
            if token.value in (r"\mp", "∓", "-/+"):
                plus = not plus
            node.data = ("add" if plus else "sub") if node.data == "pm" else ("pos" if plus else "neg")
            node.children = [_sign(c, "PLUS" if plus else "MINUS", "+" if plus else "-")
                             if c is token else c for c in node.children]
        variants.append(copy.children[0])
    if variants[0].data == "relation":
        return Tree("start", variants)
    return Tree("start", [Tree("set", [Tree("arglist", variants)])])


def _copy(tree: Tree) -> Tree:
    """A copy of the tree's nodes, sharing its tokens: ``deepcopy`` would copy each token without
    its end position, and a message about the copy could not say where it stands.

    >>> tree = Tree("neg", [Token("MINUS", "-", 0, end_pos=1)])
    >>> _copy(tree).children[0].end_pos, _copy(tree) is tree
    (1, False)
    """
    root = Tree(tree.data, list(tree.children))
    todo = [root]
    while todo:
        node = todo.pop()
        node.children = [Tree(c.data, list(c.children)) if isinstance(c, Tree) else c for c in node.children]
        todo.extend(c for c in node.children if isinstance(c, Tree))
    return root


def _sign(tok: Token, kind: str, value: str) -> Token:
    return Token(kind, value, tok.start_pos, tok.line, tok.column, tok.end_line, tok.end_column, tok.end_pos)
