"""Counting words in English, in one place: "1 problem", "3 problems", "entries".

>>> counted(1, "problem"), counted(3, "problem"), counted(2, "entry")
('1 problem', '3 problems', '2 entries')
"""
from __future__ import annotations

_IRREGULAR = {"this": "these", "was": "were", "is": "are", "has": "have", "child": "children",
              "datum": "data", "matrix": "matrices", "vertex": "vertices", "index": "indices"}


def plural(noun: str) -> str:
    """The plural of a noun (the last word of it, when it has several).

    >>> plural("entry"), plural("box"), plural("significant figure"), plural("day"), plural("matrix")
    ('entries', 'boxes', 'significant figures', 'days', 'matrices')
    """
    head, _, last = noun.rpartition(" ")
    if last in _IRREGULAR:
        word = _IRREGULAR[last]
    elif last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        word = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        word = last + "es"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


def counted(n: int, noun: str, plural_form: str | None = None) -> str:
    """`n` and the noun, singular for exactly one.

    >>> counted(1, "orange"), counted(0, "orange"), counted(2, "fish", "fish")
    ('1 orange', '0 oranges', '2 fish')
    """
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {plural_form or plural(noun)}"
