"""Notation learners type that the grammar does not read as they mean it, handled on the text.

* Full-width characters and other Unicode compatibility forms (``ｘ＋１``, ``ℯ``, ``x₁``) are
  read as their plain forms (NFKC), one character for one, so every span still points at what
  the person typed.
* ``d/dx sin(x)`` is a derivative, not d/(d·x)·sin x: it is refused with a clear message.
* ``x = 1 or x = 2`` is the list of the two equations (``or`` between relations is a comma).
* ``E(X)``, ``E[X]``, ``Var(X)``, ``Cov(X, Y)`` are an expectation, a variance, a covariance of
  random variables, not products: they are refused with a clear message.

>>> compatible("ｘ＋１")
('x+1', (0, 3))
>>> compatible("x + 1")
('x + 1', None)
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from tutor.errors import ParseError

# characters with a compatibility form that the grammar already reads as they stand:
# superscripts are powers (x² is x^2, not x2), and the Greek variants are their own letters
_KEEP = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ϑϕϵς\u00a0")


def replaced(typed: str, plain: str) -> str:
    """The characters `compatible` replaced, each with what it was read as, for a note.

    >>> replaced("x₁ + ｙ", "x1 + y")
    '₁ as 1, ｙ as y'
    """
    pairs = dict.fromkeys(f"{a} as {b}" for a, b in zip(typed, plain) if a != b and not b.isspace())
    return ", ".join(pairs)


def compatible(text: str) -> tuple[str, tuple[int, int] | None]:
    """`text` with each compatibility character replaced by its NFKC form when that form is one
    character, and the span from the first to the last character replaced (None if none was).

    >>> compatible("x₁ + ２")
    ('x1 + 2', (1, 6))
    >>> compatible("x² + ½")     # a superscript stays a power; ½ (three characters in NFKC) stays
    ('x² + ½', None)
    """
    out: list[str] = []
    first = last = -1
    for i, char in enumerate(text):
        plain = char if char.isascii() or char in _KEEP else unicodedata.normalize("NFKC", char)
        if len(plain) != 1 or plain == char:
            out.append(char)
            continue
        out.append(plain)
        if not plain.isspace():
            first = i if first < 0 else first
            last = i
    return "".join(out), (first, last + 1) if first >= 0 else None


_OR = re.compile(r"(?<=\s)or(?=\s)")
_RELATION = re.compile(r"<=|>=|!=|[≤≥≠<>=]")


def or_as_comma(text: str, declared: Iterable[str] = ()) -> tuple[str, tuple[int, int] | None]:
    """``x = 1 or x = 2`` → ``x = 1 ,  x = 2``: the word ``or`` with a relation on each side is a
    comma of a list (two characters for two, so positions hold); the span of the first ``or``.

    >>> or_as_comma("x = 1 or x = 2")
    ('x = 1 ,  x = 2', (6, 8))
    >>> or_as_comma("2 or 3"), or_as_comma("x = o r", declared=["o", "r"])[1]
    (('2 or 3', None), None)
    """
    names = frozenset(declared)
    if "o" in names or "r" in names:
        return text, None
    out, first, start = [], None, 0
    for found in _OR.finditer(text):
        before, after = text[:found.start()], text[found.end():]
        if not (_RELATION.search(before.split(",")[-1]) and _RELATION.search(after.split(",")[0])):
            continue
        out.append(text[start:found.start()] + ", ")
        start = found.end()
        first = first or found.span()
    return "".join(out) + text[start:], first


_DERIVATIVE = re.compile(r"(?<![\w.])d\s*/\s*d\s*(?P<var>[A-Za-zα-ω])(?![A-Za-z0-9_])")
_MEANING = {"E": "an expectation of a random variable", "Var": "a variance of a random variable",
            "Cov": "a covariance of random variables", "SD": "a standard deviation of a random variable"}
_QUANTITY = "|".join(_MEANING)   # E|Var|Cov|SD: the names of the quantities, for both patterns below
_EXPECTATION = re.compile(rf"(?<![\w.])(?P<name>{_QUANTITY})\s*(?P<open>[(\[])\s*[A-Z](?![A-Za-z])")
_NAMED_VALUE = re.compile(rf"\s*(?P<name>(?P<op>{_QUANTITY})\s*(?P<open>[(\[])\s*[A-Z](?:\s*,\s*[A-Z])?\s*[)\]])"
                          r"\s*=(?![=<>])")


def named_value(text: str, declared: Iterable[str] = ()) -> tuple[str, int] | None:
    """``E(X) = 2.5``: a value given as an equation naming the quantity (an expectation,
    variance, covariance or standard deviation of random variables), as ``x = 2`` names a
    variable. The quantity's name as typed without spaces, and where its value starts; None
    for anything else (a second relation, brackets that do not match, a declared E).

    >>> named_value("E(X) = 2.5"), named_value("Var[ X ] =0.25"), named_value("Cov(X, Y) = 0")
    (('E(X)', 6), ('Var[X]', 10), ('Cov(X,Y)', 11))
    >>> named_value("E(X) = 2 = 2"), named_value("E(X) <= 2"), named_value("E(X]= 2"), named_value("E(X) = 1", ["E"])
    (None, None, None, None)
    """
    found = _NAMED_VALUE.match(text)
    if found is None or found["op"] in frozenset(declared):
        return None
    if found["name"].rstrip()[-1] != {"(": ")", "[": "]"}[found["open"]]:
        return None
    if _RELATION.search(text[found.end():]):
        return None
    return re.sub(r"\s+", "", found["name"]), found.end()


def refuse_operators(text: str, declared: Iterable[str] = ()) -> None:
    """Refuse a derivative operator ``d/dx`` or an expectation ``E(X)`` with a message that says
    what was understood and what to type instead; names the caller declared are left alone.

    >>> refuse_operators("d/dx sin(x)")
    Traceback (most recent call last):
      ...
    tutor.errors.ParseError: d/dx asks for a derivative: work it out and type the result (the derivative itself, without d/dx).
      d/dx sin(x)
      ^^^^
    >>> refuse_operators("E(X)")
    Traceback (most recent call last):
      ...
    tutor.errors.ParseError: E(X) is an expectation of a random variable: type its value (a number or an expression), not E(…).
      E(X)
      ^^^
    >>> refuse_operators("E(X)", declared=["E"])    # E declared: E(X) is read by the grammar
    """
    names = frozenset(declared)
    found = _DERIVATIVE.search(text)
    if found is not None and "d" not in names:
        shown = re.sub(r"\s+", "", found.group())
        raise ParseError(text, found.span(), f"{shown} asks for a derivative: work it out and type the "
                         f"result (the derivative itself, without {shown}).", "derivative_operator")
    for found in _EXPECTATION.finditer(text):
        name = found["name"]
        if name in names:
            continue
        close = ")" if found["open"] == "(" else "]"
        whole = text[found.start():found.end() + 1]
        shown = whole if whole.endswith(close) else f"{text[found.start():found.end()]}, …{close}"
        raise ParseError(text, (found.start(), found.end()), f"{shown} is {_MEANING[name]}: type its value (a number or an expression), not {name}(…).",
                         "expectation")
