"""How an answer's text is read: the values of `format` and `extract`, declared once.

Kept apart from the readers (`tutor.parser`, `tutor.parser.extract`) so that the command line
can offer them without importing SymPy.

>>> FORMATS, EXTRACT_MODES
(('auto', 'text', 'latex'), ('auto', 'boxed', 'last_math'))
"""
from __future__ import annotations

FORMATS = ("auto", "text", "latex")
"""`format`: ``auto`` reads LaTeX when the text has a backslash command or ``$`` delimiters
(`tutor.parser.latex.looks_like_latex`), and the text language otherwise."""

EXTRACT_MODES = ("auto", "boxed", "last_math")
"""`extract` (besides None: the whole response is the answer); see `tutor.parser.extract`."""
