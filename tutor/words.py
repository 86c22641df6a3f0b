"""Counting words in English, in one place: "1 problem", "3 problems", "entries"; and "a" or "an".

>>> counted(1, "problem"), counted(3, "problem"), counted(2, "entry")
('1 problem', '3 problems', '2 entries')
>>> with_article("n×d matrix"), with_article("2×2 matrix"), with_article("expression")
('an n×d matrix', 'a 2×2 matrix', 'an expression')
"""
from __future__ import annotations

import re

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


# letters whose names start with a vowel sound: an n×n matrix, an x_1, an 8×8 matrix, but a d×1 one
_VOWEL_LETTERS = frozenset("aefhilmnorsx")
_LEADING = re.compile(r"(?P<number>[0-9]+)|(?P<letter>[A-Za-z])(?![A-Za-z])|(?P<word>[A-Za-z]+)")


def with_article(phrase: str) -> str:
    """`phrase` after "a" or "an", as it is read aloud: by the name of a lone letter (an n×d matrix),
    the sound of a number (an 8×8 matrix, an 11-vector) or the first letter of a word.

    >>> [with_article(p) for p in ("d×1 column", "m×n matrix", "8×8 matrix", "11-vector", "vector")]
    ['a d×1 column', 'an m×n matrix', 'an 8×8 matrix', 'an 11-vector', 'a vector']
    """
    found = _LEADING.match(phrase)
    vowel = False
    if found is not None and found["number"]:
        digits = found["number"]
        vowel = digits.startswith("8") or digits in ("11", "18") or \
            (len(digits) % 3 == 2 and digits[:2] in ("11", "18"))
    elif found is not None and found["letter"]:
        vowel = found["letter"].lower() in _VOWEL_LETTERS
    elif found is not None:
        vowel = found["word"][0].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {phrase}"


def counted(n: int, noun: str, plural_form: str | None = None) -> str:
    """`n` and the noun, singular for exactly one.

    >>> counted(1, "orange"), counted(0, "orange"), counted(2, "fish", "fish")
    ('1 orange', '0 oranges', '2 fish')
    """
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {plural_form or plural(noun)}"
