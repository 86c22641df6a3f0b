"""Colours by meaning: every style class the REPL uses, in one table.

>>> "verdict.correct" in STYLE
True
"""
from __future__ import annotations

from prompt_toolkit.styles import Style

STYLE: dict[str, str] = {
    # the prompt and the problem
    "prompt": "bold ansicyan",
    "prompt.review": "bold ansiyellow",
    "problem.number": "bold",
    "problem.title": "bold",
    "problem.prompt": "",
    "problem.kind": "italic ansibrightblack",
    # what the session says
    "verdict.correct": "bold ansigreen",
    "verdict.incorrect": "bold ansired",
    "verdict.invalid": "ansiyellow",
    "verdict.undetermined": "ansiyellow",
    "hint": "ansicyan",
    "solution": "ansimagenta",
    "preview": "ansiblue",
    "progress": "",
    "help": "",
    "notice": "italic",
    "summary": "bold",
    "example.title": "bold ansimagenta",
    "example": "",
    # the answer being typed
    "math.number": "ansiblue",
    "math.function": "ansimagenta",
    "math.constant": "ansicyan",
    "math.variable": "",
    "math.operator": "bold",
    "math.bracket": "",
    "math.unmatched": "bg:ansired ansiwhite",
    "math.unknown": "ansired",
    "command": "bold ansicyan",
    "command.unknown": "ansired",
    # the bottom toolbar
    "bottom-toolbar": "noreverse bg:#303030 #d0d0d0",
    "toolbar": "",
    "toolbar.label": "#a0a0a0",
    "toolbar.interpreted": "bold #ffffff",
    "toolbar.note": "italic #a0a0a0",
    "toolbar.command": "bold",
    "toolbar.error": "#ff8787",
    # the menu
    "menu.course": "bold underline",
    "menu.number": "bold ansicyan",
    "menu.progress": "ansibrightblack",
}


def default_style() -> Style:
    """The REPL's style."""
    return Style.from_dict(STYLE)
