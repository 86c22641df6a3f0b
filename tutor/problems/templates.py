"""Author text with `{name}` placeholders and `` `math` `` in our language.

A placeholder shows a parameter's value (or the answer): readably in prompts, hints and
solutions, and in our input language in `tests` responses. `{name noun}` counts: ``{n orange}``
reads "1 orange" or "3 oranges". Backtick math is parsed once when the file is loaded and
rendered with the parameter values put in as SymPy values. ``{{`` and ``}}`` are literal braces;
other braces (``{1, 2}``) are left as they are.

>>> import sympy
>>> t = Template.compile("f(x) = {f}, a = {a}", names={"f", "a"})
>>> f, a = sympy.symbols("f a")
>>> t.readable({"f": sympy.Symbol("x")**2, "a": sympy.Integer(-3)})
'f(x) = x², a = −3'
>>> t.typed({"f": sympy.Symbol("x")**2, "a": sympy.Integer(-3)})
'f(x) = (x^2), a = (-3)'
>>> Template.compile("{n orange}", names={"n"}).readable({"n": sympy.Integer(1)})
'1 orange'
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import sympy

from tutor.problems.ops_base import FormulaError
from tutor.problems.render import input_text, readable, tidy
from tutor.words import counted, plural
from tutor.values import frozen

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z][A-Za-z0-9_]*)(?: ([A-Za-z][A-Za-z -]*))?\}")
_MATH = re.compile(r"`([^`]*)`")


@frozen
class Placeholder:
    """`{name}`: a parameter's value or the answer; `{name noun}` its count of `noun`."""

    name: str
    noun: str | None = None


@frozen
class Math:
    """`` `formula` ``: math in our language, parsed when the file is loaded."""

    text: str
    expr: sympy.Basic


Part = str | Placeholder | Math


@frozen
class Template:
    """Compiled author text."""

    text: str
    parts: tuple[Part, ...]

    @classmethod
    def compile(cls, text: str, *, names: set[str],
                parse_math: Callable[[str], sympy.Basic] | None = None) -> Template:
        """Split `text` into literal text, placeholders and (when `parse_math` is given) math.

        An unknown `{name}` raises `FormulaError`.
        """
        parts: list[Part] = []
        pieces = _MATH.split(text) if parse_math is not None else [text]
        for i, piece in enumerate(pieces):
            if i % 2 and parse_math is not None:     # odd pieces come only from splitting math out
                parts.append(Math(piece, parse_math(piece)))
            else:
                parts.extend(_placeholders(piece, names))
        return cls(text, tuple(p for p in parts if p != ""))

    @property
    def names(self) -> set[str]:
        """The placeholder names used."""
        return {p.name for p in self.parts if isinstance(p, Placeholder)}

    def readable(self, shown: Mapping[str, sympy.Basic],
                 symbols: Mapping[sympy.Symbol, sympy.Basic] | None = None) -> str:
        """Text for people: placeholders and math in unicode (`symbols` fills in the math)."""
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, Placeholder) and part.noun is not None:
                out.append(_count(shown[part.name], part.noun))
            elif isinstance(part, Placeholder):
                out.append(_bracket_negative(readable(shown[part.name], typed_order=True), out))
            elif isinstance(part, Math):
                out.append(readable(tidy(part.expr, symbols or {}), typed_order=True))
            else:
                out.append(part)
        return "".join(out)

    def typed(self, values: Mapping[str, sympy.Basic]) -> str:
        """Text in our input language, as a learner would type it (for `tests` responses).

        A placeholder that is the whole text is shown bare; otherwise a value that is not a plain
        name or a non-negative number is put in brackets, so that ``{a}x`` with a = −3 reads
        ``(-3)x``.
        """
        alone = len(self.parts) == 1
        out = []
        for part in self.parts:
            if isinstance(part, Placeholder):
                text = input_text(values[part.name])
                out.append(text if alone or _atomic(text) else f"({text})")
            else:
                out.append(part if isinstance(part, str) else part.text)
        return "".join(out)


def _count(value: sympy.Basic, noun: str) -> str:
    """A whole-number value with its noun, singular for one ("1 orange", "3 oranges")."""
    if isinstance(value, sympy.Integer):
        return counted(int(value), noun)
    return f"{readable(value, typed_order=True)} {plural(noun)}"


def _bracket_negative(text: str, before: list[str]) -> str:
    """``3 − {a}`` with a = −2 reads ``3 − (−2)``, not ``3 − −2``."""
    previous = "".join(before[-2:]).rstrip()
    if text.startswith("−") and previous and previous[-1] in "·*/^+−-×":
        return f"({text})"
    return text


def _atomic(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*|\d+(\.\d+)?|\[.*\]|\{.*\}", text))


def _placeholders(text: str, names: set[str]) -> list[Part]:
    parts: list[Part] = []
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        literal = text[last:match.start()]
        last = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            parts.append(literal + token[0])
            continue
        name = match.group(1)
        if name not in names:
            known = ", ".join(sorted(names)) or "none"
            raise FormulaError(f"unknown placeholder {{{name}}} (parameters: {known}); "
                               f"write {{{{ and }}}} for literal braces")
        parts.extend([literal, Placeholder(name, match.group(2))])
    parts.append(text[last:])
    return parts
