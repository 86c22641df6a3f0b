r"""LaTeX → `Parsed`: the second reader, for LLM answers and web math editors (MathLive, MathQuill).

`latex.lark` is a second LALR grammar whose tree uses the node names of the text grammar; the
few LaTeX-only nodes (``\frac``, ``\sqrt[n]``, ``\log_b``, ``\binom``, ``\lfloor``, ``^\circ``,
``pmatrix``) are rewritten here into text-grammar nodes, and command names are read from the
registry of operations (`tutor.ops`, each operation's LaTeX facet) and a table of Greek letters.
Then the one builder of `tutor.parser` makes SymPy of it, so every later stage is shared: a
LaTeX answer is checked, diagnosed and printed exactly as the same answer typed as text.
Nothing is evaluated as code; errors point at the character in what was typed.

>>> read(r"\frac{1}{2}x^{2} + \sin\left(x\right)").interpreted
'1/2·x² + sin(x)'
>>> read(r"\sqrt[3]{x} \cdot \log_{2} 8").value
3*x**(1/3)
>>> read(r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}").kind
<Kind.MATRIX: 'matrix'>
>>> [n.code for n in read(r"5\,\text{cm}").notes]
['unit_dropped']
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from tutor import ops
from tutor.errors import ParseError
from tutor.linalg.declare import Declaration
from tutor.parser import finish, lexing, messages, nodes, resolve
from tutor.parser.parsed import Parsed

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
"""Greek letters by their LaTeX command (``\alpha`` → α)."""

SYMBOLS = {"infty": "∞", "top": "T", "intercal": "T", "ell": "l", "imath": "i", "jmath": "j"}
"""Other commands that stand for a name."""

EXTRA_FUNCTIONS = frozenset({"rank", "gcd", "lcm", "arg"})
"""Function commands the text language reads although no registry operation prints them."""

_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0304"}
_PLAIN = frozenset({"vec", "mathbf", "boldsymbol", "bm", "mathrm", "mathit", "mathsf"})
_ACCENTED = re.compile(r"\\(?P<cmd>[A-Za-z]+)\s*(?:\{\s*(?P<inner>[A-Za-z]|\\[A-Za-z]+)\s*\}|(?P<one>[A-Za-z]))$")
# \mathrm{tr}(…) is a function name, as \operatorname{tr} is; \mathrm{cm} not before a bracket is a unit
_COMMAND = re.compile(r"\\(?:(?:operatorname\*?|mathrm)\s*\{(?P<op>[A-Za-z]+[0-9]*)\}|(?P<cmd>[A-Za-z]+))(?P<sub>_.*)?$",
                      re.S)
_UNIT = re.compile(r"\\(?:(?:text|mbox|textrm)\s*\{(?!\s*(?:or|and)\s*\})([^{}]*[A-Za-z%$°][^{}]*)\}|"
                   r"mathrm\s*\{(?!\s*(?:or|and)\s*\})([^{}]*[A-Za-z%$°][^{}]*)\}"
                   r"(?!\s*(?:\\left\s*|\\bigl?\s*|\\Bigl?\s*)?\())")
_RELATIONS = {r"\le": "<=", r"\leq": "<=", r"\leqslant": "<=", r"\ge": ">=", r"\geq": ">=",
              r"\geqslant": ">=", r"\ne": "!=", r"\neq": "!=", r"\lt": "<", r"\gt": ">"}
_TIMES = {r"\cdot": "·", r"\times": "×", r"\ast": "*", r"\odot": "⊙"}
_UNSUPPORTED = {
    "int": "Integrals are not understood in an answer: give the result of the integral.",
    "partial": "∂ is not understood in an answer: give the derivative itself.",
    "in": "'∈' is not understood here: write the set or interval itself.",
    "to": "'→' is not understood here: give the value itself.",
    "lim": "Limits are not understood in an answer: give the value of the limit.",
    "approx": "'≈' is not an answer: give the value (with = or alone).",
}
# token types after which an operand has just ended (for telling an opening | from a closing one)
_OPERAND_END = frozenset({"NUMBER", "NAME", "CMD", "_RPAR", "_RSQB", "_RBRACE", "_RSET", "RBAR", "NORMSUB", "BANG",
                          "PERCENT", "DEGREE", "RFLOOR", "RCEIL", "ENDMAT", "EMPTYSET"})
_DETECT = re.compile(r"\\[A-Za-z{}|%,;!\[\]()]|\$|\{,\}")


def looks_like_latex(text: str) -> bool:
    r"""Whether `format="auto"` reads `text` as LaTeX: it has a backslash command or ``$``.

    >>> looks_like_latex(r"\frac{1}{2}"), looks_like_latex("$x^2$"), looks_like_latex("x^2 + 1")
    (True, True, False)
    """
    return bool(_DETECT.search(text))


def read(text: str, *, variables: Iterable[str] | None = None, functions: Iterable[str] | None = None,
         shapes: Mapping[str, Declaration] | None = None) -> Parsed:
    r"""Read LaTeX into the same `Parsed` the text reader makes (`Parsed.text` is what was typed).

    ``$…$``, ``$$…$$``, ``\(…\)`` and ``\[…\]`` around the whole answer are delimiters.

    >>> read(r"$\dfrac{x}{2}$").interpreted
    'x/2'
    >>> read(r"\frac{1}{2")
    Traceback (most recent call last):
      ...
    tutor.errors.ParseError: This '{' is never closed: add '}'.
      \frac{1}{2
              ^
    """
    if not isinstance(text, str):
        raise TypeError(f"read() needs text, not {type(text).__name__}")
    source = _blank_delimiters(text)
    lexing.precheck(source)
    declared = dict(shapes or {})
    ctx = nodes.Context(source, finish.names(variables) | frozenset(declared), frozenset(functions or ()),
                        shapes=declared)
    for m in _UNIT.finditer(source):
        ctx.note("unit_dropped", f"left out the words {(m.group(1) or m.group(2)).strip()!r} (units are not checked)",
                 (m.start(), m.end()))
    _refuse_unsupported(source)
    try:
        tree = _lark().parse(source)
    except UnexpectedInput as err:
        raise resolve.bare_pseudo_inverse(ctx) or _error(err, source) from None
    _rewrite(tree, ctx)
    tree = finish.plus_or_minus(tree, ctx)
    expr = finish.transform(tree, ctx)
    return finish.parsed(text, expr, ctx, _delimiters(tree))


@lru_cache(maxsize=1)
def _lark() -> Lark:
    grammar = resources.files("tutor.parser").joinpath("latex.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="basic", postlex=_Bars(), maybe_placeholders=True)


_SIDED = re.compile(r"\\(?P<side>[A-Za-z]+)\s*(?P<bar>.*)$")
_OPENING = frozenset({"left", "bigl", "Bigl", "biggl", "Biggl"})


class _Bars:
    r"""Post-lexer: ``\|`` and ``\lVert``/``\rVert`` are two bars; a bar opens or closes as its
    side is written (``\left|``, ``\rvert``, ``\bigr|``), else by what stands before it."""

    always_accept = ("BAR", "SIDEDBAR")

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        opened, prev = 0, None
        for tok in stream:
            if tok.type not in ("BAR", "SIDEDBAR"):
                prev = tok.type
                yield tok
                continue
            sized = _SIDED.match(tok.value) if tok.type == "SIDEDBAR" else None
            side = None if sized is None else ("LBAR" if sized["side"] in _OPENING else "RBAR")
            bar = sized["bar"] if sized else tok.value
            word = bar.lstrip("\\")
            count = 2 if word in ("|", "Vert", "lVert", "rVert") and bar != "|" else 1
            for _ in range(count):
                if side is not None:
                    kind = side
                elif word in ("lvert", "lVert"):
                    kind = "LBAR"
                elif word in ("rvert", "rVert"):
                    kind = "RBAR"
                else:
                    kind = "RBAR" if opened and prev in _OPERAND_END else "LBAR"
                opened += 1 if kind == "LBAR" else -1 if opened else 0
                prev = kind
                yield Token(kind, "|", tok.start_pos, tok.line, tok.column, tok.end_line, tok.end_column,
                            tok.end_pos)


def _blank_delimiters(text: str) -> str:
    r"""The answer with its outer math delimiters turned into spaces (positions unchanged).

    >>> _blank_delimiters(r"$$x$$"), _blank_delimiters(r"\(x\)"), _blank_delimiters("x")
    ('  x  ', '  x  ', 'x')
    """
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    for left, right in (("$$", "$$"), ("$", "$"), (r"\(", r"\)"), (r"\[", r"\]")):
        if len(stripped) > len(left) + len(right) and stripped.startswith(left) and stripped.endswith(right):
            inner = stripped[len(left):len(stripped) - len(right)]
            if left == "$" and "$" in inner:
                continue
            return text[:lead] + " " * len(left) + inner + " " * len(right) + text[lead + len(stripped):]
    return text


# ---- commands ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def function_commands() -> dict[str, str]:
    r"""Function commands and the learner-language name each stands for, from the registry's
    LaTeX facet (``\sin`` → sin, ``\operatorname{sech}`` → sech, ``\arcsin`` → asin).

    >>> f = function_commands()
    >>> f["sin"], f["arcsin"], f["sech"], f["ln"], f["log"]
    ('sin', 'asin', 'sech', 'log', 'log')
    """
    table: dict[str, str] = {}
    for op in ops.OPERATIONS:
        for spelling in op.printers.latex_names:
            m = re.fullmatch(r"\\(?:operatorname\{([A-Za-z]+[0-9]*)\}|([A-Za-z]+))", spelling)
            if m:
                table.setdefault(m.group(1) or m.group(2), op.name)
        for alias in (op.name, *op.aliases):
            if alias.isascii() and alias.isalpha():
                table.setdefault(alias, op.name)
    for matrix in ops.MATRIX_OPERATIONS:
        for spelling in matrix.written.latex_names:
            m = re.fullmatch(r"\\(?:operatorname\{([A-Za-z]+)\}|([A-Za-z]+))", spelling)
            if m:
                table.setdefault(m.group(1) or m.group(2), matrix.name)
        for alias in matrix.names:
            table.setdefault(alias, matrix.name)
    for name in EXTRA_FUNCTIONS:
        table.setdefault(name, name)
    return table


def _name_of(tok: Token, call: bool) -> str:
    """The learner-language name a NAME, CMD or FNAME token stands for."""
    value = tok.value
    if not value.startswith("\\"):
        return value
    accent = _ACCENTED.match(value)
    if accent and (accent["cmd"] in _ACCENTS or accent["cmd"] in _PLAIN):
        inner = accent["inner"] or accent["one"]
        letter = GREEK.get(inner[1:], "") if inner.startswith("\\") else inner
        if not letter:
            raise _fail(tok, f"'{value}' is not understood: put a single letter in it.")
        return letter + _ACCENTS.get(accent["cmd"], "")
    m = _COMMAND.match(value)
    if m is None:
        raise _fail(tok, f"The LaTeX command '{value}' is not understood here.")
    word, sub = m["op"] or m["cmd"], m["sub"] or ""
    functions = function_commands()
    if m["op"]:
        return functions.get(word, word) + sub
    if call and word in functions:
        return functions[word] + sub
    if word in GREEK:
        return GREEK[word] + sub
    if word in SYMBOLS and not sub:
        return SYMBOLS[word]
    if word in functions:
        return functions[word] + sub
    if word in _UNSUPPORTED:
        raise _fail(tok, _UNSUPPORTED[word])
    raise _fail(tok, f"The LaTeX command '\\{word}' is not understood here.")


_UNSUPPORTED_AT = re.compile(r"\\(" + "|".join(_UNSUPPORTED) + r")(?![A-Za-z])")


def _refuse_unsupported(text: str) -> None:
    """Commands with no meaning in an answer yet, refused at once in plain words (wherever they
    stand: \\lim_{x\\to 0} fails on its subscript before the grammar reaches \\lim)."""
    m = _UNSUPPORTED_AT.search(text)
    if m is not None:
        raise ParseError(text, (m.start(), m.end()), _UNSUPPORTED[m.group(1)], "latex")


def _fail(tok: Token, message: str) -> ParseError:
    return ParseError(_CURRENT_TEXT.text, lexing.token_span(tok), message, "latex")


class _Text:
    text = ""


_CURRENT_TEXT = _Text()


# ---- rewriting LaTeX-only nodes into text-grammar nodes -----------------------------------------

def _rewrite(tree: Tree, ctx: nodes.Context) -> None:
    """Rewrite, bottom up and in place, every LaTeX-only node and token into the text grammar's."""
    _CURRENT_TEXT.text = ctx.text
    for node in tree.iter_subtrees():   # children before parents; iterative
        children = node.children
        for i, c in enumerate(children):
            if isinstance(c, Token) and c.type in _RESPELLED:
                children[i] = _token(c)
        rule = _RULES.get(node.data)
        if rule is not None:
            rule(node, ctx)
        elif node.data == "call":
            node.children[0] = _renamed(node.children[0], "FNAME", call=True)
        elif node.data == "name":
            node.children[0] = _renamed(node.children[0], "NAME", call=False)


_RESPELLED = frozenset({"REL", "TIMES", "DIV", "PERCENT", "NUMBER", "BIGOP", "SETOP"})
_SETOPS = {r"\cup": "∪", r"\cap": "∩", r"\setminus": "∖"}


def _token(tok: Token) -> Token:
    """A token with its text-grammar type and spelling (``\\le`` → ``<=``, ``1{,}000`` → 1000)."""
    if tok.type == "REL":
        return _like(tok, "REL", _RELATIONS[tok.value]) if tok.value in _RELATIONS else tok
    if tok.type == "TIMES":
        return _like(tok, "TIMES", _TIMES[tok.value]) if tok.value in _TIMES else tok
    if tok.type == "DIV":
        return _like(tok, "DIV", "/")
    if tok.type == "SETOP":
        return _like(tok, "SETOP", _SETOPS.get(tok.value, tok.value))
    if tok.type == "PERCENT":
        return _like(tok, "PERCENT", "%")
    if tok.type == "NUMBER":
        value = tok.value
        return _like(tok, "NUMBER", value.replace("{,}", "").replace("\\,", "")) if "," in value else tok
    if tok.type == "BIGOP":
        return _like(tok, "BIGOP", _bigop(tok.value))
    return tok


def _bigop(value: str) -> str:
    r"""``\sum\limits_{i=1}^{n}`` → ``Σ_{i=1}^{n}`` (the text language's token, read by `bigops`)."""
    glyph = "Σ" if value.startswith("\\sum") else "Π"
    rest = re.sub(r"^\\(?:sum|prod)(?:\\limits|\\nolimits)?", "", value)
    return glyph + re.sub(r"\s+", "", rest)


def _renamed(tok: Token | Tree, kind: str, call: bool) -> Token:
    return _like(_leaf(tok), kind, _name_of(_leaf(tok), call))


def _like(tok: Token, kind: str, value: str) -> Token:
    return Token(kind, value, tok.start_pos, tok.line, tok.column, tok.end_line, tok.end_column, tok.end_pos)


def _at(tok: Token | Tree, kind: str, value: str) -> Token:
    return _like(_leaf(tok), kind, value)


def _leaf(child: Token | Tree) -> Token:
    """A child the grammar makes a token (a rule's head, such as ``\\frac``), typed as one."""
    if not isinstance(child, Token):
        raise TypeError(f"expected a token, not the subtree {child.data!r}")
    return child


def _paren(node: Tree | Token) -> Tree:
    return Tree("paren", [node])


def _call(node: Tree, head: Token | Tree, name: str, args: list) -> None:
    node.data = "call"
    node.children = [_at(head, "FNAME", name), Tree("arglist", args)]


def _frac(node: Tree, ctx: nodes.Context) -> None:
    head, top, bottom = node.children
    node.data = "paren"
    node.children = [Tree("div", [_paren(top), _at(head, "DIV", "/"), _paren(bottom)])]


def _sqrt(node: Tree, ctx: nodes.Context) -> None:
    head, inner = node.children
    _call(node, head, "sqrt", [inner])


def _nroot(node: Tree, ctx: nodes.Context) -> None:
    head, index, inner = node.children
    one = Tree("number", [_at(head, "NUMBER", "1")])
    exponent = _paren(Tree("div", [one, _at(head, "DIV", "/"), _paren(index)]))
    node.data = "paren"
    node.children = [Tree("pow", [_paren(inner), _at(head, "POW", "^"), exponent])]


def _logb(node: Tree, ctx: nodes.Context) -> None:
    head, argument = node.children
    m = re.fullmatch(r"\\log\s*_\s*(?:\{\s*([A-Za-z0-9.]+)\s*\}|([A-Za-z0-9]))", _leaf(head).value)
    if m is None:
        raise ctx.fail(lexing.token_span(_leaf(head)),
                       "Write the base of a logarithm as a number or a letter, as in \\log_{2} x.", "latex")
    base = m.group(1) or m.group(2)
    kind = "NUMBER" if base[0].isdigit() or base[0] == "." else "NAME"
    _call(node, head, "log", [argument, Tree(kind.lower(), [_at(head, kind, base)])])


def _binom(node: Tree, ctx: nodes.Context) -> None:
    head, n, k = node.children
    _call(node, head, "binomial", [n, k])


def _floor(node: Tree, ctx: nodes.Context) -> None:
    head, inner, _ = node.children
    _call(node, head, "floor", [inner])


def _ceil(node: Tree, ctx: nodes.Context) -> None:
    head, inner, _ = node.children
    _call(node, head, "ceil", [inner])


def _degrees(node: Tree, ctx: nodes.Context) -> None:
    value, mark = node.children
    end = lexing.token_span(_leaf(mark))[1]
    typed = ctx.text[_start(value):end].strip()
    ctx.note("degrees", f"read {typed} as degrees: ·π/180", (_start(value), end))
    pi = Tree("name", [_at(mark, "NAME", "π")])
    over = Tree("number", [_at(mark, "NUMBER", "180")])
    node.data = "paren"
    node.children = [Tree("div", [Tree("mul", [_paren(value), _at(mark, "TIMES", "*"), pi]),
                                  _at(mark, "DIV", "/"), over])]


def _matrix(node: Tree, ctx: nodes.Context) -> None:
    begin, body, _ = node.children
    rows: list = []
    for child in body.children:
        if isinstance(child, Token):      # \\ between rows (a last one is dropped)
            continue
        if rows:
            rows.append(_at(begin, "SEMICOLON", ";"))
        rows.append(Tree("arglist", [c for c in child.children if not isinstance(c, Token)]))
    matrix = Tree("bracket", [Tree("rows", rows)])
    if re.search(r"\{[vV]matrix\}", _leaf(begin).value):   # |…| of a matrix: its determinant
        _call(node, begin, "det", [matrix])
        return
    node.data, node.children = matrix.data, matrix.children


def _emptyset(node: Tree, ctx: nodes.Context) -> None:
    node.data, node.children = "set", [None]


def _fracdigits(node: Tree, ctx: nodes.Context) -> None:
    (head,) = node.children
    top, bottom = (Tree("number", [_at(head, "NUMBER", d)]) for d in re.findall(r"[0-9]", _leaf(head).value)[-2:])
    node.data = "paren"
    node.children = [Tree("div", [top, _at(head, "DIV", "/"), bottom])]


def _renamed_rule(data: str):
    def rename(node: Tree, ctx: nodes.Context) -> None:
        node.data = data
    return rename


def _call1(node: Tree, ctx: nodes.Context) -> None:
    head, argument = node.children
    node.data = "call"
    node.children = [_renamed(head, "FNAME", call=True), Tree("arglist", [argument])]


def _rows_single(node: Tree, ctx: nodes.Context) -> None:
    node.data = "rows"
    node.children[0] = Tree("arglist", [node.children[0]])


def _start(node: Tree | Token) -> int:
    while isinstance(node, Tree):
        kids = [c for c in node.children if c is not None]
        if not kids:
            return 0
        node = kids[0]
    return node.start_pos or 0


_RULES = {"frac": _frac, "sqrt": _sqrt, "nroot": _nroot, "logb": _logb, "binom": _binom, "floor": _floor,
          "ceil": _ceil, "degrees": _degrees, "matrix": _matrix, "emptyset": _emptyset, "fracdigits": _fracdigits,
          "rows2": _renamed_rule("rows"), "arglist2": _renamed_rule("arglist"), "rows_single": _rows_single, "call1": _call1}


def _delimiters(tree: Tree) -> tuple[str, str] | None:
    top = tree.children[0] if len(tree.children) == 1 else None
    while isinstance(top, Tree) and top.data == "paren" and len(top.children) == 1 \
            and isinstance(top.children[0], Tree) and top.children[0].data in ("bracket", "tuple", "set"):
        top = top.children[0]
    if not isinstance(top, Tree):
        return None
    return {"bracket": ("[", "]"), "tuple": ("(", ")"), "set": ("{", "}"), "interval_oc": ("(", "]"),
            "interval_co": ("[", ")")}.get(top.data)


# ---- errors --------------------------------------------------------------------------------------

class _Words:
    """The LaTeX lexer seen with the text grammar's token names, for `messages`."""

    def lex(self, text: str) -> Iterator[Token]:
        for tok in _lark().lex(text):
            yield _plain(tok)


def _plain(tok: Token) -> Token:
    kind = tok.type.lstrip("_")
    kind = {"CMD": "NAME", "LSET": "LBRACE", "RSET": "RBRACE", "TEXTSEP": "COMMA"}.get(kind, kind)
    return _like(tok, kind, tok.value)


def _error(err: UnexpectedInput, text: str) -> ParseError:
    token = getattr(err, "token", None)
    if isinstance(token, Token):
        err.token = _plain(token)   # type: ignore[attr-defined]
    return messages.from_lark(err, text, _Words())  # type: ignore[arg-type]
