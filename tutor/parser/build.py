"""The lark tree → unevaluated SymPy, with every implicit reading recorded as a `Note`.

Names are resolved by `resolve` (their meaning depends on what the caller declared).
Bare functions (`sin 2x`) and juxtaposition are handled on a flat chain of factors, so that a
function without brackets takes the factors that follow it up to the next `*`, `/` or function.
"""
from __future__ import annotations

import re

import sympy
from lark import Token, Tree
from sympy.core.relational import Relational

from tutor import functions as ml
from tutor import ops
from tutor.linalg import nodes as la
from tutor.linalg.shapes import ShapeMismatch, check_product, check_square, check_sum, shape_of, shape_text
from tutor.parser import bigops, growth, names
from tutor.parser.computed import computed, typed_of
from tutor.parser.evaluate import too_large
from tutor.parser.lexing import token_span
from tutor.parser.matrix_calls import IDENTITY_SIZE, sized_identity
from tutor.parser.nodes import (Bare, Chain, Context, Group, Num, Span, Terms, entry, group_to_matrix, span_of,
                                too_large_in)
from tutor.parser.parsed import Note
from tutor.parser.resolve import PSEUDO_INVERSE_HELP, bare_builtin, resolve_call, resolve_name
from tutor.words import with_article
from tutor.tree import preorder

MAX_DIGITS = 1000
MAX_MATRIX_POWER = 50
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_INVERSES = {op.name: op.inverse for op in ops.OPERATIONS if op.inverse}
_FROBENIUS = frozenset({"f", "fro", "frob"})   # ‖X‖_F (a vector's is its Euclidean norm)
_NORM_DECOR = re.compile(r"\\(?:mathrm|text|mathsf|mathit|mathbf|rm)\b|[{}\s\\]")  # _{\mathrm{F}} is F
# X^+ y: the Moore-Penrose pseudo-inverse, not X to the power +y
_PSEUDO_INVERSE = re.compile(r"\s*\+\s*(?![0-9.\s]*$)")
_DELIMITED = frozenset({"paren", "tuple", "interval_oc", "interval_co", "bracket", "set"})
_OPENERS, _CLOSERS = "([{", ")]}"


class Where:
    """Where a node of the parse tree stands in the text, worked out only when it is asked for.

    Positions are needed only for notes and errors, which are rare; lark's own position tracking
    would cost almost half of every parse.
    """

    __slots__ = ("_node", "_spans", "_span")

    def __init__(self, node: Tree, spans: Spans) -> None:
        self._node, self._spans = node, spans
        self._span: Span | None = None

    @property
    def start_pos(self) -> int:
        return self.span[0]

    @property
    def end_pos(self) -> int:
        return self.span[1]

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._spans.of(self._node) or (0, len(self._spans.text))
        return self._span


class Spans:
    """The text each node of one parse tree covers: from its first token to its last, with its own
    brackets.

    A node's start depends only on its leftmost descendants and its end only on its rightmost, so
    both edges are found by walking one path down the tree, and every edge found is remembered:
    asking for the span of every node of a tree costs time linear in its size, however deep it is.

    >>> from lark import Token, Tree
    >>> text = "sin(x)"
    >>> x = Tree("name", [Token("NAME", "x", 4, end_pos=5)])
    >>> Spans(text).of(Tree("call", [Token("FNAME", "sin", 0, end_pos=3), Tree("arglist", [x])]))
    (0, 6)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[int, int | None] = {}
        self._ends: dict[int, int | None] = {}

    def of(self, node: Tree | Token) -> Span | None:
        """The span of `node`, or None when a part of it covers no text (as an empty ``[]``)."""
        start, end = self._edge(node, True), self._edge(node, False)
        return None if start is None or end is None else (start, end)

    def _edge(self, node: Tree | Token, first: bool) -> int | None:
        memo = self._starts if first else self._ends
        path: list[tuple[Tree, int]] = []
        current: Tree | Token = node
        while True:
            if isinstance(current, Token):
                pos: int | None = current.start_pos if first else current.end_pos
                break
            if id(current) in memo:
                pos = memo[id(current)]
                break
            kids = [c for c in current.children if c is not None]
            if not kids:
                pos = memo[id(current)] = None
                break
            path.append((current, len(kids)))
            current = kids[0] if first else kids[-1]
        for tree, count in reversed(path):
            if pos is not None:
                pos = self._widen(tree, count, pos, first)
            memo[id(tree)] = pos
        return pos

    def _widen(self, tree: Tree, count: int, pos: int, first: bool) -> int:
        """Take in the node's own brackets: those of a bracketed form, or a call's parentheses."""
        if tree.data in _DELIMITED:
            return _step_back(self.text, pos) if first else _step_forward(self.text, pos)
        if tree.data == "call" and not first:
            return _step_forward(self.text, _step_forward(self.text, pos) if count == 1 else pos)
        return pos


def _step_back(text: str, pos: int) -> int:
    """Include the opening bracket before `pos` (past white space), if there is one."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i - 1 if i > 0 and text[i - 1] in _OPENERS else pos


def _step_forward(text: str, pos: int) -> int:
    """Include the next bracket after `pos` (past white space), if there is one."""
    i = pos
    while i < len(text) and text[i].isspace():
        i += 1
    return i + 1 if i < len(text) and text[i] in _OPENERS + _CLOSERS else pos


class Builder:
    """Turns the parse tree into SymPy, built with evaluate=False.

    Each grammar alias has a method taking the node's position (`meta`) and its children, already
    built. A direct walk is used rather than lark's Transformer: it is several times cheaper per node.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def build(self, root: Tree):
        """Build a whole parse tree, children first, without recursion (a flat sum can be long)."""
        values: list = []
        spans = Spans(self.ctx.text)
        todo: list[tuple[object, bool]] = [(root, False)]
        while todo:
            node, ready = todo.pop()
            if not isinstance(node, Tree):
                values.append(node)
            elif ready:
                count = len(node.children)
                children = values[len(values) - count:] if count else []
                del values[len(values) - count:]
                values.append(getattr(self, node.data)(Where(node, spans), *children))
            else:
                todo.append((node, True))
                todo.extend((child, False) for child in reversed(node.children))
        return values[0]

    # ---- structure -------------------------------------------------------------------------
    def start(self, meta, *items):
        if len(items) == 1:
            return self.top(items[0])
        return sympy.Tuple(*(self.top(item) for item in items))

    def top(self, value):
        if isinstance(value, Group):
            return group_to_matrix(value, self.ctx)
        result = self.expr(value)
        if self.ctx.shapes and isinstance(result, sympy.Basic) and \
                sympy.Identity(IDENTITY_SIZE) in preorder(result):
            raise ShapeMismatch("the size of I cannot be told from what it multiplies; write I_n")
        return result

    def relation(self, meta, *children):
        named = self._named_array(children)
        if named is not None:
            return named
        exprs = [self.scalar(c, "a comparison") for c in children[0::2]]
        ops = [tok for tok in children[1::2]]
        rels = [_make_relation(op.value, a, b) for op, a, b in zip(ops, exprs, exprs[1:])]
        if len(rels) == 1:
            return rels[0]
        if any(op.value in ("=", "!=", "≠") for op in ops):
            raise self.ctx.fail((ops[1].start_pos, ops[1].end_pos),
                                "Only inequalities can be chained, as in 0 < x < 1.", "relation_chain")
        if len({_direction(op.value) for op in ops}) > 1:
            raise self.ctx.fail((meta.start_pos, meta.end_pos),
                                "A chain of inequalities must point one way, as in 0 < x <= 1.",
                                "relation_chain")
        # built directly: SymPy's And would sort the parts and collapse a contradiction to False
        return sympy.Basic.__new__(sympy.And, *rels)

    def _named_array(self, children) -> sympy.Basic | None:
        """``w = (X^T X)^(-1) X^T y``: a declared vector or matrix named on the left of its value, kept
        as an equation (the checker judges the value); any other relation of arrays is refused."""
        if len(children) != 3 or children[1].value != "=" or not isinstance(children[0], sympy.MatrixSymbol):
            return None
        name, value = children[0], self.expr(children[2])
        where = (children[1].start_pos, children[1].end_pos)
        if not la.is_array(value):
            raise self.ctx.fail(where, "A vector or matrix cannot stand in a comparison.", "not_a_scalar")
        if shape_of(value) != shape_of(name):
            raise self.ctx.fail(where, f"{name} = …: the two sides have different shapes.", "not_a_scalar")
        return sympy.Eq(name, value, evaluate=False)

    # ---- sums and signs ----------------------------------------------------------------------
    def add(self, meta, a, op, b):
        left = self._sum_so_far(a)
        return self._plus(meta, left, self.expr(b), "+")

    def sub(self, meta, a, op, b):
        left = self._sum_so_far(a)
        return self._plus(meta, left, _negate(self.expr(b)), "−")

    def _sum_so_far(self, value):
        """The left side of a `+` or `-` (finished first: its notes come before the right's)."""
        return value if isinstance(value, Terms) else self.expr(value)

    def _plus(self, meta, left, right, op: str = "+"):
        if la.is_array(left) or la.is_array(right):   # declared matrices and vectors (tutor.linalg)
            if isinstance(left, Terms):
                left = sympy.Add(*left.items, evaluate=False)
            left, right = self._ones(meta, left, right, op)
            return _array_sum(left, right, self._child_text(meta, 0), self._child_text(meta, 2), op)
        return _sum(left, right)

    def _ones(self, meta, left, right, op: str):
        """1 − y for a declared vector y: the number 1 (or −1) beside a vector is the vector of ones,
        𝟏 − y, entry by entry, as machine learning writes it; read so with a note. Any other number
        beside a vector is left to the shape check."""
        texts = [self._child_text(meta, k) for k in (0, 2)]
        for k, (number, vector) in enumerate(((left, right), (right, left))):
            ones = la.ones_for(number, vector)
            if ones is None:
                continue
            written = [t if j != k else "−𝟏" if t.startswith("−") else "𝟏" for j, t in enumerate(texts)]
            shown = f"{written[0]} {op} {written[1]}"
            span = (meta.start_pos, meta.end_pos)
            self.ctx.note("ones_vector", f"read {self.ctx.text[span[0]:span[1]].strip()} as {shown}: 1 beside "
                          f"the vector {texts[1 - k]} is the vector of ones ({shape_text(ones.shape)}), "
                          "entry by entry", span)
            return (ones, right) if k == 0 else (left, ones)
        return left, right

    def _child_span(self, meta, k: int, default: int, always: bool = False) -> Span:
        """Where the k-th child of a node stands, when messages about shapes may need it."""
        if not self.ctx.shapes and not always:
            return (default, default)
        return meta._spans.of(meta._node.children[k]) or (default, default)

    def _child_text(self, meta, k: int) -> str:
        """The text of the k-th child of a node, as typed (for messages)."""
        span = meta._spans.of(meta._node.children[k]) or (0, len(self.ctx.text))
        return _operand_text(self.ctx.text[span[0]:span[1]])

    def neg(self, meta, op, a):
        if isinstance(a, Num):
            return Num(-a.value, (op.start_pos, a.span[1]))
        return _negate(self.expr(a))

    def pos(self, meta, op, a):
        return a

    # ---- products ---------------------------------------------------------------------------
    def mul(self, meta, a, op, b):
        return self._extend(a, "⊙" if op.value == "⊙" else "*", b, meta)

    def div(self, meta, a, op, b):
        return self._extend(a, "/", b, meta)

    def juxt(self, meta, a, b):
        self.ctx.features.add("implicit_product")
        return self._extend(a, " ", b, meta)

    def _extend(self, left, op, right, meta) -> Chain:
        if isinstance(left, Chain):
            chain = Chain(list(left.items))
        else:
            chain = Chain([("", left, span_of(left, self._child_span(meta, 0, meta.start_pos)))])
        if op == " " and isinstance(right, Num) and isinstance(chain.items[-1][1], Num):
            first = chain.items[-1][1]
            a, b = (self.ctx.text[s:e] for s, e in (first.span, right.span))
            if first.span[1] == right.span[0] and "." in a + b:
                raise self.ctx.fail((first.span[0], right.span[1]),
                                    "This number has more than one decimal point.", "bad_number")
            raise self.ctx.fail((first.span[0], right.span[1]),
                                f"Two numbers stand side by side: write {a}*{b} to multiply them.",
                                "two_numbers", f"{a}*{b}")
        if isinstance(right, Chain):
            _, first_value, first_span = right.items[0]
            chain.items.append((op, first_value, first_span))
            chain.items.extend(right.items[1:])
        else:
            chain.items.append((op, right, span_of(right, self._child_span(meta, -1, meta.end_pos))))
        return chain

    # ---- powers and postfix -----------------------------------------------------------------
    def pow(self, meta, base, op, exponent):
        if isinstance(base, Bare):
            return self._power_of_bare(base, exponent, meta)
        if isinstance(base, Chain):
            return _on_last(base, lambda last: self.pow(meta, last, op, exponent))
        if isinstance(exponent, sympy.FiniteSet) and len(exponent.args) == 1:
            braced = self.ctx.text[slice(*self._child_span(meta, 2, 0, always=True))].strip()
            exponent = exponent.args[0]       # A^{-1}, x^{2}: braces group an exponent
            if braced.startswith("{") and braced[1:].lstrip().startswith("("):
                example = bigops.example(base, exponent, self.ctx, (meta.start_pos, meta.end_pos))
                if example is not None:
                    return example
        if _is_transpose(exponent, self.ctx):
            return self._transpose(base, meta)
        if self.ctx.shapes and isinstance(exponent, Chain) and _is_transpose(exponent.items[0][1], self.ctx) and (
                exponent.from_call or la.is_array(base) and any(la.is_array(v) for _, v, _ in exponent.items[1:])):
            # X^T (X w − y): the transpose of X, times the bracket (not T·(X w − y) as an exponent);
            # X^TX, X^Ty typed without a space: T and a declared array cannot be an exponent either
            calls = [k for k, n in enumerate(self.ctx.notes) if n.code == "call_as_product"]
            if calls and exponent.from_call:
                del self.ctx.notes[calls[-1]]
            split = exponent.items[0][2]     # "read TX as T·X" is not how it is read: drop that note
            self.ctx.notes[:] = [n for n in self.ctx.notes if not (n.code == "split_name" and n.span == split)]
            _, _, first_span = exponent.items[0]
            head = self._transpose(base, meta)
            return Chain([("", head, (meta.start_pos, first_span[1]))] + exponent.items[1:])
        if la.is_array(base):
            if _PSEUDO_INVERSE.match(self._child_text(meta, 2)):
                raise self.ctx.fail((meta.start_pos, meta.end_pos), PSEUDO_INVERSE_HELP, "pseudo_inverse")
            return _array_power(base, self.scalar(exponent, "an exponent"), self._child_text(meta, 0), self.ctx,
                                (meta.start_pos, meta.end_pos))
        if isinstance(exponent, Chain) and exponent.from_call:
            # e^x(x+1): the exponent is x, and (x+1) multiplies
            _, first, first_span = exponent.items[0]
            head = sympy.Pow(self.expr(base), self.expr(first), evaluate=False)
            if self.ctx.notes and self.ctx.notes[-1].code == "call_as_product":
                whole = self.ctx.text[meta.start_pos:meta.end_pos]
                shown = self.ctx.text[meta.start_pos:first_span[1]] + "·" + \
                    self.ctx.text[first_span[1]:meta.end_pos].strip()
                self.ctx.notes[-1] = Note("call_as_product", f"read {whole} as {shown}",
                                          (meta.start_pos, meta.end_pos))
            return Chain([("", head, (meta.start_pos, first_span[1]))] + exponent.items[1:])
        base_value, value = self.expr(base), self.expr(exponent)
        if base_value == sympy.E and la.is_array(value):
            # e^(−X w): e to a vector is not a number; each entry's exponential is exp(…)
            raise self.ctx.fail((meta.start_pos, meta.end_pos), "e to the power of a vector is not defined: for "
                                "the exponential of each entry write exp(…), as in exp(−X w).", "not_a_scalar")
        return _power(base_value, self.scalar(value, "an exponent"), self.ctx, (meta.start_pos, meta.end_pos))

    def _power_of_bare(self, bare: Bare, exponent, meta) -> Bare:
        value = self.expr(exponent)
        if value == -1 and bare.name in _INVERSES:
            inverse = _INVERSES[bare.name]
            self.ctx.note("inverse_function", f"read {bare.name}^-1 as {inverse}, the inverse function "
                          f"(for 1/{bare.name}, write 1/{bare.name}(x))", (meta.start_pos, meta.end_pos))
            return bare_builtin(inverse, self.ctx, (meta.start_pos, meta.end_pos))
        return Bare(bare.name, bare.build, (meta.start_pos, meta.end_pos), value)

    def _transpose(self, base, meta):
        self.ctx.note("transpose", "read ^T as the transpose", (meta.start_pos, meta.end_pos))
        if isinstance(base, Group):
            matrix = group_to_matrix(base, self.ctx)
            return computed(matrix.T, lambda: sympy.Transpose(matrix))
        value = self.expr(base)
        if isinstance(value, sympy.MatrixBase):
            return computed(value.T, lambda: sympy.Transpose(typed_of(value)))
        if la.is_array(value):
            return la.transpose(value)
        if isinstance(value, la.AsScalar):
            return value
        return ml.transpose_of(value)

    def root(self, meta, op, value):
        return sympy.Pow(self.scalar(value, "√"), sympy.S.Half, evaluate=False)

    def factorial(self, meta, value, op):
        if isinstance(value, Chain):
            return _on_last(value, lambda last: self.factorial(meta, last, op))
        return sympy.factorial(self.scalar(value, "a factorial"), evaluate=False)

    def superscript(self, meta, value, tok):
        digits = tok.value.translate(_SUPERSCRIPTS)
        try:
            exponent = sympy.Integer(int(digits))
        except ValueError:
            raise self.ctx.fail((tok.start_pos, tok.end_pos),
                                "This superscript is not a whole number.", "superscript") from None
        if isinstance(value, Bare):
            return Bare(value.name, value.build, value.span, exponent)
        if isinstance(value, Chain):
            return _on_last(value, lambda last: self.superscript(meta, last, tok))
        base = self.expr(value)
        if la.is_array(base):     # A² of a declared matrix, as A^2
            return _array_power(base, exponent, self._child_text(meta, 0), self.ctx, (meta.start_pos, meta.end_pos))
        return _power(base, exponent, self.ctx, (meta.start_pos, meta.end_pos))

    def percent(self, meta, value, tok):
        self.ctx.features.add("percent")
        text = self.ctx.text[meta.start_pos:meta.end_pos]
        self.ctx.note("percent", f"read {text} as {text[:-1].strip()}/100", (meta.start_pos, meta.end_pos))
        if isinstance(value, Num):
            return Num(value.value / 100, (meta.start_pos, meta.end_pos))
        expr = self.expr(value)
        if isinstance(expr, (sympy.Set, sympy.logic.boolalg.Boolean)):
            # {}% or (x < 1)%: a percentage is of a number (SymPy would multiply a set, with a warning)
            raise self.ctx.fail((meta.start_pos, meta.end_pos), "A percentage is of a number, not of a set or a "
                                "condition.", "percent")
        return sympy.Mul(expr, sympy.Rational(1, 100), evaluate=False)

    # ---- atoms ------------------------------------------------------------------------------
    def number(self, meta, tok):
        return Num(_read_number(tok, self.ctx), (tok.start_pos, tok.end_pos))

    def name(self, meta, tok):
        return resolve_name(tok, self.ctx)

    def bigop(self, meta, tok):
        return bigops.read(tok.value, self.ctx, (tok.start_pos, tok.end_pos))

    def call(self, meta, tok, args=None):
        return resolve_call(tok, list(args or []), self.ctx, meta)   # its span worked out only when needed

    def paren(self, meta, value):
        if isinstance(value, Group):
            return value
        return self.expr(value)

    def tuple(self, meta, *items):
        kept = [i if isinstance(i, Group) else self.expr(i) for i in items]
        return Group(kept, ("(", ")"), meta)

    def interval_oc(self, meta, a, b):
        return self._interval(self.scalar(a, "an interval"), self.scalar(b, "an interval"), True, False, meta)

    def interval_co(self, meta, a, b):
        return self._interval(self.scalar(a, "an interval"), self.scalar(b, "an interval"), False, True, meta)

    def _interval(self, a: sympy.Basic, b: sympy.Basic, left_open: bool, right_open: bool, meta) -> sympy.Basic:
        """An interval; SymPy compares its ends on sight, so an end too large to compute is refused."""
        if too_large(a) or too_large(b):
            raise self.ctx.fail(meta, f"This interval cannot be read: "
                                f"{too_large_in('an interval')}.", "too_large")
        return sympy.Interval(a, b, left_open, right_open)

    def bracket(self, meta, rows=None):
        rows = rows or [[]]
        if len(rows) == 1:
            return Group(rows[0], ("[", "]"), meta)   # its span worked out only if a message needs it
        if any(len(row) != len(rows[0]) for row in rows):
            raise self.ctx.fail(meta, "The rows of this matrix have different lengths.", "ragged_matrix")
        return sympy.ImmutableMatrix([[entry(v, self.ctx) for v in row] for row in rows])

    def set(self, meta, args=None):
        items = list(args or [])
        if not items:
            return sympy.EmptySet
        if any(isinstance(i, sympy.Basic) and too_large(i) for i in items):
            # SymPy orders a set's elements on sight, by value: 9^9^9182 − 7.35 would be computed
            raise self.ctx.fail(meta, f"This set cannot be read: {too_large_in('a set')}.", "too_large")
        return sympy.FiniteSet(*items, evaluate=False)

    def setop(self, meta, a, op, b):
        """A ∪ B, A ∩ B, A ∖ B of sets and intervals, worked out: the answer must come out as one
        set of values or one interval (a union of two apart intervals is refused)."""
        sets = [self._as_set(v, k, meta) for k, v in ((0, a), (2, b))]
        result = {"∪": sympy.Union, "∩": sympy.Intersection, "∖": sympy.Complement}[op.value](*sets)
        if isinstance(result, (sympy.FiniteSet, sympy.Interval)) or result is sympy.EmptySet:
            return result
        raise self.ctx.fail((meta.start_pos, meta.end_pos), "This does not come out as one interval or one "
                            "set of values: give the answer itself.", "set_operation")

    def _as_set(self, value, k: int, meta):
        if isinstance(value, Group) and len(value.items) == 2 and value.delimiters in (("[", "]"), ("(", ")")):
            closed = value.delimiters == ("[", "]")
            return self._interval(value.items[0], value.items[1], not closed, not closed, meta)
        value = self.expr(value) if not isinstance(value, Group) else value
        if isinstance(value, (sympy.FiniteSet, sympy.Interval)) or value is sympy.EmptySet:
            return value
        raise self.ctx.fail(self._child_span(meta, k, meta.start_pos, always=True),
                            "∪, ∩ and ∖ join sets {…} and intervals.", "set_operation")

    def abs(self, meta, left, value, right):
        inner = self.expr(value)
        if la.is_array(inner):
            return la.Norm(inner)
        if isinstance(inner, la.Norm):   # ||x||: the inner bars already made the norm
            return inner
        return sympy.Abs(self.scalar(value, "|…|"), evaluate=False)

    def norm_sub(self, meta, left, value, right, sub):
        """‖x‖_2 of a vector and ‖X‖_F of a matrix: the norm ‖·‖ reads (Euclidean, Frobenius).
        Other norms (‖x‖_1, ‖x‖_∞, the spectral ‖X‖_2) are refused, not read as this one."""
        norm = self.abs(meta, left, value, right)
        where = token_span(sub)
        if not isinstance(norm, la.Norm):
            raise self.ctx.fail(where, "A subscript after |…| is read only on the norm of a vector or "
                                "matrix: ‖x‖_2, ‖X‖_F.", "norm_subscript")
        wanted = _NORM_DECOR.sub("", sub.value[1:]).lower()
        vector = shape_of(norm.args[0])[1] == 1
        if wanted in _FROBENIUS or wanted == "2" and vector:
            kind = "Euclidean" if vector else "Frobenius"
            self.ctx.note("norm_subscript", f"read ‖·‖{sub.value} as ‖·‖, the {kind} norm", where)
            return norm
        if wanted == "2":
            message = ("‖X‖_2 of a matrix is its spectral norm (its largest singular value), which is "
                       "not read here; ‖X‖ and ‖X‖_F are the Frobenius norm.")
        else:
            message = (f"Only the Euclidean norm of a vector (‖x‖ or ‖x‖_2) and the Frobenius norm of a "
                       f"matrix (‖X‖ or ‖X‖_F) are read, not ‖·‖{sub.value}.")
        raise self.ctx.fail(where, message, "norm_subscript")

    def arglist(self, meta, *items):
        return [self.expr(i) if not isinstance(i, Group) else i for i in items]

    def rows(self, meta, *children):
        return [c for c in children if not isinstance(c, Token)]

    # ---- finishing --------------------------------------------------------------------------
    def scalar(self, value, where: str) -> sympy.Basic:
        """A value that must be a number or expression, not a vector or matrix."""
        result = self.expr(value)
        if isinstance(result, sympy.MatrixBase) or la.is_array(result):
            raise self.ctx.fail(span_of(value, (0, len(self.ctx.text))),
                                f"A vector or matrix cannot stand in {where}.", "not_a_scalar")
        if isinstance(result, (sympy.Set, Relational)):
            raise self.ctx.fail(span_of(value, (0, len(self.ctx.text))),
                                f"A set, interval or comparison cannot stand in {where}.", "not_arithmetic")
        return result

    def expr(self, value) -> sympy.Basic:
        """Any intermediate value as a SymPy expression."""
        if isinstance(value, Num):
            return value.value
        if isinstance(value, Chain):
            return _finish_chain(value, self.ctx)
        if isinstance(value, Terms):
            return sympy.Add(*value.items, evaluate=False)
        if isinstance(value, Bare):
            raise self.ctx.fail(value.span, f"'{value.name}' needs something to act on, "
                                f"as in {value.name}(x).", "missing_argument", f"{value.name}(x)")
        if isinstance(value, Group):
            return group_to_matrix(value, self.ctx)
        if isinstance(value, bigops.BigOp):
            raise self.ctx.fail(value.span, "A sum or product needs what it adds up after it, as in "
                                "Σ_{i=1}^{n} x_i.", "missing_argument")
        return value


# ---- helpers used by the Builder ----------------------------------------------------------------

def _refuse_sets(*values: sympy.Basic) -> None:
    if any(isinstance(v, (sympy.Set, Relational)) for v in values):
        raise _MatrixError("sets, intervals and comparisons cannot be used in arithmetic",
                           "not_arithmetic")


def _sum(left: Terms | sympy.Basic, right: sympy.Basic) -> Terms | sympy.Basic:
    """Add `right` to the sum so far: scalar terms are collected (each `+` costs the same,
    however long the sum), vectors and matrices are added at once."""
    if isinstance(left, Terms) and not isinstance(right, (sympy.MatrixBase, sympy.Set, Relational)):
        left.items.append(right)
        return left
    if isinstance(left, Terms):
        left = sympy.Add(*left.items, evaluate=False)
    if isinstance(left, sympy.MatrixBase) or isinstance(right, sympy.MatrixBase):
        return _add(left, right)
    _refuse_sets(left, right)
    return Terms([*(left.args if isinstance(left, sympy.Add) else [left]), right])


def _add(a: sympy.Basic, b: sympy.Basic) -> sympy.Basic:
    _refuse_sets(a, b)
    if isinstance(a, sympy.MatrixBase) != isinstance(b, sympy.MatrixBase):
        raise _MatrixError("a number cannot be added to a vector or matrix")
    if isinstance(a, sympy.MatrixBase):
        if a.shape != b.shape:
            raise _MatrixError(f"{with_article(_shape(a))} and {with_article(_shape(b))} cannot be added")
        return computed(sympy.ImmutableMatrix(a + b),
                        lambda: sympy.MatAdd(typed_of(a), typed_of(b), evaluate=False))
    left = list(a.args) if isinstance(a, sympy.Add) else [a]
    return sympy.Add(*left, b, evaluate=False)


def _negate(value: sympy.Basic) -> sympy.Basic:
    """−value, keeping structure: numbers become negative numbers, anything else −1·value."""
    _refuse_sets(value)
    if isinstance(value, sympy.MatrixBase):
        return computed(-value, lambda: sympy.MatMul(sympy.S.NegativeOne, typed_of(value), evaluate=False))
    if la.is_array(value):
        return la.product([sympy.S.NegativeOne, value])
    if value.is_Number:
        return -value
    return sympy.Mul(sympy.S.NegativeOne, value, evaluate=False)


def _power(base: sympy.Basic, exponent: sympy.Basic, ctx: Context, span: Span) -> sympy.Basic:
    _refuse_sets(base, exponent)
    if isinstance(base, sympy.MatrixBase):
        if not (exponent.is_Integer and abs(int(exponent)) <= MAX_MATRIX_POWER):
            raise ctx.fail(span, f"A matrix can only be raised to a whole power up to {MAX_MATRIX_POWER}.",
                           "matrix_power")
        _refuse_growth(growth.degree(base) * abs(int(exponent)), len(growth.letters(base)), ctx, span)
        return computed(_matrix_op(lambda: base ** int(exponent)),
                        lambda: sympy.MatPow(typed_of(base), exponent, evaluate=False))
    return sympy.Pow(base, exponent, evaluate=False)


def _refuse_growth(total_degree: float, count: int, ctx: Context | None = None,
                   span: Span | None = None) -> None:
    """Refuse a matrix product or power whose entries could have more than `growth.MAX_TERMS`
    terms (SymPy would spend seconds or minutes writing them out).

    >>> _refuse_growth(50, 1)
    >>> _refuse_growth(50, 9)
    Traceback (most recent call last):
      ...
    tutor.parser.build._MatrixError: the entries of this product would be too large to compute
    """
    if growth.terms(total_degree, count) <= growth.MAX_TERMS:
        return
    if ctx is None or span is None:
        raise _MatrixError("the entries of this product would be too large to compute", "matrix_power")
    raise ctx.fail(span, "The entries of this matrix power would be too large to compute.", "matrix_power")


def _shape(m: sympy.MatrixBase) -> str:
    return f"{m.rows}-vector" if m.cols == 1 else f"{m.rows}×{m.cols} matrix"


def _matrix_op(operation):
    try:
        return sympy.ImmutableMatrix(operation())
    except (sympy.ShapeError, TypeError, ValueError):
        raise _MatrixError("these sizes do not fit together") from None


class _MatrixError(Exception):
    """Raised inside the builder with a learner message; the whole text becomes its span."""

    def __init__(self, message: str, code: str = "matrix_shape") -> None:
        super().__init__(message)
        self.code = code


def _make_relation(op: str, a: sympy.Basic, b: sympy.Basic) -> sympy.Basic:
    cls = {"=": sympy.Eq, "<": sympy.Lt, "<=": sympy.Le, "≤": sympy.Le, ">": sympy.Gt, ">=": sympy.Ge,
           "≥": sympy.Ge, "!=": sympy.Ne, "≠": sympy.Ne}[op]
    return cls(a, b, evaluate=False)


def _direction(op: str) -> int:
    return 1 if op in ("<", "<=", "≤") else -1


def _on_last(chain: Chain, change) -> Chain:
    """A postfix operator after `xy` or `x(x+1)` applies to the last factor only: xy² is x·y²."""
    op, last, span = chain.items[-1]
    new = change(last)
    if isinstance(new, Chain):   # x(y)^T(z): the change itself made a product
        _, first, first_span = new.items[0]
        return Chain(chain.items[:-1] + [(op, first, first_span)] + new.items[1:], chain.from_call)
    return Chain(chain.items[:-1] + [(op, new, span)], chain.from_call)


def _is_transpose(exponent, ctx: Context) -> bool:
    return (isinstance(exponent, sympy.Symbol) and exponent.name == "T" and "T" not in ctx.variables)


def _read_number(tok: Token, ctx: Context) -> sympy.Basic:
    """An exact SymPy number from a literal: 0.7 → 7/10, 1e-3 → 1/1000, 2.5E3 → 2500."""
    text = tok.value
    mantissa, _, exponent = text.lower().partition("e")
    whole, _, frac = mantissa.partition(".")
    if len(whole) + len(frac) > MAX_DIGITS:
        raise ctx.fail(token_span(tok),
                       f"This number is too long to read (more than {MAX_DIGITS} digits).", "number_too_long")
    if exponent and abs(int(exponent)) > MAX_DIGITS:
        raise ctx.fail(token_span(tok), "This number is too large to use.", "number_too_long")
    value = sympy.Integer(int((whole or "0") + frac))
    if frac:
        ctx.features.add("decimal")
        value = sympy.Rational(value, 10 ** len(frac))
    if exponent:
        ctx.features.add("scientific")
        value = value * sympy.Rational(10) ** int(exponent)
        from tutor.parser.printer import to_text

        ctx.note("scientific", f"read {text} as {to_text(value)} (scientific notation)",
                 token_span(tok))
    return value


def _finish_chain(chain: Chain, ctx: Context) -> sympy.Basic:
    """Apply bare functions to the factors after them, then multiply and divide left to right."""
    items = _apply_bigop(chain.items, ctx)
    items = _apply_bare(items, ctx)
    ops = [op for op, _, _ in items]
    if "/" in ops and " " in ops[ops.index("/"):]:
        _note_division(items, ctx)
    factors: list[sympy.Basic] = []
    for op, value, _span in items:
        value = value.value if isinstance(value, Num) else value
        if isinstance(value, Group):
            value = group_to_matrix(value, ctx)
        if op == "/" and isinstance(value, sympy.MatrixBase):
            raise _MatrixError("you cannot divide by a vector or matrix")
        if op == "/":  # before Pow(set, -1), which SymPy deprecates (a warning, an error in tests)
            _refuse_sets(value)
        factors.append(sympy.Pow(value, -1, evaluate=False) if op == "/" else value)
    if len(factors) == 1:
        return factors[0]
    _refuse_sets(*(f.base if op == "/" else f for (op, _, _), f in zip(items, factors)))
    if any(la.is_array(f) or la.is_array(getattr(f, "base", None)) for f in factors):
        _refuse_too_large(factors)
        return _array_product(items, factors, ctx)
    if any(isinstance(f, sympy.MatrixBase) for f in factors):
        _refuse_too_large(factors)
        return _matrix_product([op for op, _, _ in items], factors)
    return sympy.Mul(*factors, evaluate=False)


def _refuse_too_large(factors: list[sympy.Basic]) -> None:
    """Refuse a number too large to compute as a factor of a product with a vector or matrix:
    SymPy's matrix products multiply their numbers out (``9^9^9 A 9^9^9`` would compute 9^(2·9^9))."""
    if any(isinstance(f, sympy.Expr) and not isinstance(f, sympy.MatrixExpr) and too_large(f) for f in factors):
        raise _MatrixError(too_large_in("a vector or matrix"), "too_large")


def _note_division(items, ctx: Context) -> None:
    start, end = items[0][2][0], items[-1][2][1]
    shown = "".join(("" if op == "" else "/" if op == "/" else "·") + _shown(v, span, ctx) for op, v, span in items)
    ctx.note("division_then_product",
             f"read {ctx.text[start:end].strip()} as {shown}: a factor written after a division "
             "multiplies the result; put the denominator in brackets if it belongs there",
             (start, end))


def _shown(value, span: Span, ctx: Context) -> str:
    from tutor.parser.printer import to_text

    value = value.value if isinstance(value, Num) else value
    if not isinstance(value, (sympy.Basic, sympy.MatrixBase)):   # a bracketed list: as typed
        return ctx.text[span[0]:span[1]].strip()
    text = to_text(value)
    return text if isinstance(value, (sympy.Atom, sympy.Function)) or value.is_Pow else f"({text})"


def _matrix_product(ops: list[str], factors: list[sympy.Basic]) -> sympy.Basic:
    """Multiply left to right when a vector or matrix is involved (evaluated: sizes must fit),
    remembering the product as typed (`computed`)."""
    result = _multiply(ops, factors)
    if not isinstance(result, sympy.MatrixBase):
        return result
    typed = [typed_of(f) for f in factors]
    first = next(i for i, f in enumerate(factors) if isinstance(f, sympy.MatrixBase))
    scalars = typed[:first]
    lead = [] if not scalars else [scalars[0] if len(scalars) == 1 else sympy.Mul(*scalars, evaluate=False)]
    return computed(result, lambda: sympy.MatMul(*lead, *typed[first:], evaluate=False))


def _multiply(ops: list[str], factors: list[sympy.Basic]) -> sympy.Basic:
    result = None
    degree, letters = 0.0, set()
    for op, factor in zip(ops, factors):
        if op == "/":
            factor = sympy.Pow(factor.base, -1)
        degree += growth.degree(factor)
        letters |= growth.letters(factor)
        if result is None:
            result = factor
        elif isinstance(result, sympy.MatrixBase) and isinstance(factor, sympy.MatrixBase) \
                and result.cols != factor.rows:
            raise _MatrixError(f"{with_article(_shape(result))} cannot multiply {with_article(_shape(factor))}")
        elif not isinstance(result, sympy.MatrixBase) and not isinstance(factor, sympy.MatrixBase):
            result = result * factor    # the numbers before the first matrix, as in 1/3 [[2, 1], [5, 1]]
        else:
            _refuse_growth(degree, len(letters))
            result = _matrix_op(lambda r=result, f=factor: r * f)
    return result


def _apply_bigop(items, ctx: Context):
    """Σ_{i=1}^{n} takes every factor after it in the product: 2/n Σ x_i (w x_i − y_i)."""
    items = bigops.greek_operators(items, ctx)
    at = next((k for k, (_, value, _) in enumerate(items) if isinstance(value, bigops.BigOp)), None)
    if at is None:
        return items
    op, big, span = items[at]
    rest = items[at + 1:]
    if not rest or rest[0][0] == "/":
        raise ctx.fail(big.span, "A sum or product needs what it adds up after it, as in Σ_{i=1}^{n} x_i.",
                       "missing_argument")
    body = _finish_chain(Chain([("", rest[0][1], rest[0][2])] + rest[1:]), ctx)
    return items[:at] + [(op, bigops.finish(big, body, ctx), (span[0], rest[-1][2][1]))]


def _apply_bare(items, ctx: Context):
    out = []
    i = 0
    while i < len(items):
        op, value, span = items[i]
        if isinstance(value, Bare):
            applied, i = _apply_at(items, i, ctx)
            out.append((op, applied, span))
        else:
            out.append(items[i])
            i += 1
    return out


def _bracketed(text: str, span: Span) -> bool:
    """Whether the factor at `span` is written in brackets: (x), {x}, \\left(x\\right)."""
    written = text[span[0]:span[1]].strip()
    return written[:1] in "({[" or written.startswith("\\left")


def _call_brackets(value: object, bare: Bare) -> bool:
    """Whether `value` is one entry in square brackets glued to the function name (``cos[x^2]``)."""
    return (isinstance(value, Group) and value.delimiters == ("[", "]") and len(value.items) == 1
            and value.span[0] == bare.span[1])


def _apply_at(items, i: int, ctx: Context, noted: bool = True):
    """Apply the bare function at items[i] to the juxtaposed factors after it.

    A run of bare functions (``sin sin x``) gets one note, for the outermost: a note for each
    would print the run again at every level, time quadratic in its length.
    """
    bare: Bare = items[i][1]
    j = i + 1
    args = []
    if j < len(items) and items[j][0] == " " and isinstance(items[j][1], Bare):
        inner, j = _apply_at(items, j, ctx, noted=False)
        args.append(inner)
    else:
        while j < len(items) and items[j][0] == " " and not isinstance(items[j][1], Bare):
            value = items[j][1]
            args.append(value.value if isinstance(value, Num) else value)
            j += 1
            if bare.power is not None and len(args) == 1 and _bracketed(ctx.text, items[j - 1][2]):
                break   # sin²(x) sin(y): the brackets after the power hold the whole argument
    if not args:
        raise ctx.fail(bare.span, f"'{bare.name}' needs something to act on, as in {bare.name}(x).",
                       "missing_argument", f"{bare.name}(x)")
    if len(args) == 1 and _call_brackets(args[0], bare):
        args = [args[0].items[0]]       # cos[x^2] is cos(x²): square brackets as call brackets
    if len(args) == 1:
        argument = args[0]
    elif any(la.is_array(a) for a in args):
        _refuse_too_large(args)
        argument = la.product(args)     # det A B: the determinant of the product, in the order typed
    else:
        _refuse_sets(*args)   # sin{}x: the empty set is no factor of an argument
        argument = sympy.Mul(*args, evaluate=False)
    if isinstance(argument, Group):
        argument = group_to_matrix(argument, ctx)
    _refuse_sets(argument)
    result = bare.build(argument)
    if bare.power is not None:
        result = sympy.Pow(result, bare.power, evaluate=False)
    if not noted:
        return result, j
    end = items[j - 1][2][1]
    from tutor.parser.printer import to_text
    ctx.note("bare_function", f"read {ctx.text[bare.span[0]:end]} as {to_text(result)}", (bare.span[0], end))
    return result, j




# ---- declared matrices and vectors (tutor.linalg) -------------------------------------------------

def _operand_text(text: str) -> str:
    """An operand as named in a message: outer brackets dropped, minus signs shown as −."""
    text = text.strip()
    if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text.replace("-", "−")


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += char in "([{"
        depth -= char in ")]}"
        if depth < 0:
            return False
    return depth == 0


def _array_sum(a: sympy.Basic, b: sympy.Basic, a_text: str, b_text: str, op: str = "+") -> sympy.Basic:
    """a + b (or a − b, `op` as typed, for messages) where one of them is a declared vector or matrix:
    same shapes, kept unevaluated."""
    if la.is_array(a) and la.is_array(b):
        a = sized_identity(a, b.rows)
        b = sized_identity(b, a.rows)
        a = sized_identity(a, b.rows)
    check_sum(a, b, a_text, b_text, op)
    left = list(a.args) if isinstance(a, sympy.MatAdd) else [a]
    return sympy.MatAdd(*left, b, evaluate=False)


def _array_power(base: sympy.Basic, exponent: sympy.Basic, text: str, ctx: Context, span: Span) -> sympy.Basic:
    """A⁻¹ and A^k for a declared square matrix."""
    if exponent == -1:
        inverse = ops.MATRIX_NAMES["inverse"]
        try:
            inverse.shape.result([shape_of(base)], [text], inverse.noun)
        except ops.ShapeError as err:
            raise ShapeMismatch(str(err), err.code) from None
        return inverse.build(base)
    if exponent.is_Integer and 0 < int(exponent) <= MAX_MATRIX_POWER:
        check_square(base, text, "power")
        return sympy.MatPow(base, exponent, evaluate=False)
    raise ctx.fail(span, "A matrix can only be raised to a whole power (A^2), inverted (A^(-1)) "
                   "or transposed (A^T).", "matrix_power")


def _array_product(items, factors: list[sympy.Basic], ctx: Context) -> sympy.Basic:
    """A product holding declared matrices or vectors: order kept, shapes checked left to right.

    ``x·y`` (an explicit dot between two column vectors of one size) is the dot product xᵀy.
    A product whose shape is 1×1 is used as a number (`AsScalar`)."""
    out: list[sympy.Basic] = []
    arrays: list[sympy.Basic] = []
    first_array_at: int | None = None
    for k, ((op, _, span), factor) in enumerate(zip(items, factors)):
        if op == "/" and la.is_array(factor.base):
            raise ShapeMismatch("you cannot divide by a vector or matrix; multiply by its inverse, A^(-1)")
        if not la.is_array(factor):
            if op == "⊙":
                raise ShapeMismatch("⊙ multiplies two vectors or matrices of the same shape entry by entry")
            out.append(factor)
            continue
        if op == "⊙":
            _hadamard(out, arrays, factor, ctx.text[span[0]:span[1]])
            continue
        if arrays:
            current = la.product(arrays)
            factor = sized_identity(factor, current.cols)
            if op == "*" and _column(current) and shape_of(current) == shape_of(factor):
                dot = la.AsScalar(la.product([la.transpose(current), factor]))
                out = [f for f in out if not la.is_array(f)] + [dot]
                arrays = []
                continue
            left = _operand_text(ctx.text[items[first_array_at][2][0]:items[k - 1][2][1]])
            check_product(current, factor, left, _operand_text(ctx.text[span[0]:span[1]]))
        else:
            later = next((f for f in factors[k + 1:] if la.is_array(f)), None)
            if later is not None:
                factor = sized_identity(factor, later.rows)
            first_array_at = k
        arrays.append(factor)
        out.append(factor)
    result = la.product(out)
    if arrays and len(arrays) > 1 and shape_of(la.product(arrays)) == (1, 1):
        return la.AsScalar(result)
    return result


def _hadamard(out: list, arrays: list, factor: sympy.Basic, text: str) -> None:
    """a ⊙ b, read left to right: the product so far, entry by entry with `factor`."""
    if not arrays:
        raise ShapeMismatch("⊙ multiplies two vectors or matrices of the same shape entry by entry")
    left = la.product(list(out))
    if shape_of(left) != shape_of(factor):
        raise ShapeMismatch(f"⊙ needs two operands of the same shape; here {_operand_text(text)} is "
                            f"{'×'.join(map(str, shape_of(factor)))} and the factor before it is "
                            f"{'×'.join(map(str, shape_of(left)))}")
    product = sympy.HadamardProduct(left, factor, evaluate=False)
    out[:] = [product]
    arrays[:] = [product]


def _column(value: sympy.Basic) -> bool:
    return la.is_array(value) and value.cols == 1 and value.rows != 1
