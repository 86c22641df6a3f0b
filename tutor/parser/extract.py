r"""Taking the answer out of a longer text (an LLM's completion, a worked solution).

`extract="boxed"` takes the last ``\boxed{…}`` (or ``\fbox{…}``); `"last_math"` the last math
segment (``$…$``, ``$$…$$``, ``\(…\)``, ``\[…\]``); `"auto"` tries ``\boxed``, then a closing
phrase ("the answer is …", "Final answer: …"), then the last math segment, and takes a text
that is itself an answer (no prose in it) as it is. When nothing is found the answer is `None`
— never a number scavenged from the prose: the check then says `invalid`, note NO_ANSWER_FOUND.

>>> extract(r"So the derivative is $2x$, hence \boxed{2x}.", "auto").text
'2x'
>>> extract("We get x = 3. The answer is $x = 3$.", "auto").text
'$x = 3$'
>>> extract("I think it is about five apples", "auto").text is None
True
>>> extract("2x + 1", "auto").text
'2x + 1'
"""
from __future__ import annotations

import re

from tutor.reading import EXTRACT_MODES
from tutor.values import frozen


_BOXED = re.compile(r"\\(?:boxed|fbox)\s*\{")
_MATH = re.compile(r"\$\$(?P<a>.+?)\$\$|\\\[(?P<b>.+?)\\\]|\\\((?P<c>.+?)\\\)|(?<![\\$])\$(?P<d>[^$]+?)\$", re.S)
_PHRASE = re.compile(r"(?:final\s+answer|the\s+answer|answer|result)\s*(?:is|:|=|would\s+be|will\s+be)\s*:?\s*"
                     r"(?P<rest>.+?)\s*(?:\.\s|\.?$|\n)", re.I | re.S)
_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{3,}")
_MATH_WORDS = frozenset({
    "sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "tanh", "asin", "acos", "atan", "arcsin",
    "arccos", "arctan", "exp", "log", "sqrt", "max", "min", "abs", "det", "floor", "ceil", "sigmoid",
    "relu", "softplus", "binomial", "choose", "sign", "sgn", "sech", "csch", "coth", "erf", "erfc",
    "gamma", "inf", "infty", "pi", "sum", "prod", "diag", "dot", "norm", "inverse", "transpose",
    "lambda", "theta", "alpha", "beta", "sigma", "delta", "epsilon", "omega", "mu", "phi", "psi",
    "frac", "dfrac", "tfrac", "left", "right", "cdot", "times", "text", "mathbf", "mathrm", "operatorname",
    "begin", "end", "pmatrix", "bmatrix", "matrix", "hat", "bar", "top", "boxed", "and",
})


@frozen
class Extracted:
    """What was taken out: the answer's text (None when no answer was found), where it starts in
    the whole text, and how it was found (for notes)."""

    text: str | None
    start: int = 0
    how: str = "whole"
    several: bool = False


def extract(text: str, mode: str) -> Extracted:
    r"""The answer in `text` by `mode` (one of `EXTRACT_MODES`).

    >>> e = extract(r"First \boxed{1}, then corrected: \boxed{2}", "boxed")
    >>> e.text, e.several
    ('2', True)
    >>> extract(r"no box here: $x$", "boxed").text is None
    True
    """
    if mode not in EXTRACT_MODES:
        raise ValueError(f"extract must be one of {', '.join(EXTRACT_MODES)} or None (got {mode!r})")
    if mode in ("auto", "boxed"):
        found = _boxed(text)
        if found is not None or mode == "boxed":
            return found or Extracted(None, how="boxed")
    if mode == "auto":
        phrase = _phrase(text)
        if phrase is not None:
            return phrase
    math = _last_math(text)
    if math is not None or mode == "last_math":
        return math or Extracted(None, how="last_math")
    if _is_answer(text):
        return Extracted(text, 0, "whole")
    return Extracted(None, how="auto")


def _boxed(text: str) -> Extracted | None:
    found = []
    for m in _BOXED.finditer(text):
        end = _closing(text, m.end())
        if end is not None:
            found.append((m.end(), text[m.end():end]))
    if not found:
        return None
    start, body = found[-1]
    several = len({b.strip() for _, b in found}) > 1
    return Extracted(body, start, "boxed", several)


def _closing(text: str, start: int) -> int | None:
    """The index of the brace that closes the one opened just before `start`."""
    depth = 1
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0:
            return i
        i += 1
    return None


def _last_math(text: str) -> Extracted | None:
    last = None
    for m in _MATH.finditer(text):
        last = m
    if last is None:
        return None
    return Extracted(last.group(0), last.start(), "last_math")


def _phrase(text: str) -> Extracted | None:
    last = None
    for m in _PHRASE.finditer(text):
        last = m
    if last is None:
        return None
    rest, start = last.group("rest"), last.start("rest")
    inner = _last_math(rest)
    if inner is not None:
        return Extracted(inner.text, start + inner.start, "phrase")
    return Extracted(rest, start, "phrase") if _is_answer(rest) else None


def _is_answer(text: str) -> bool:
    """Whether a text is an answer by itself: it has no word that is not mathematics."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _MATH_WORDS]
    return not words and bool(text.strip())
