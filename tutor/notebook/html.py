"""Text for the notebook widget as HTML: everything escaped, math typeset by MathJax.

>>> escaped("<b>x</b> & $5")
'&lt;b&gt;x&lt;/b&gt; &amp; &#36;5'
>>> block("a < b\\nc")
'<pre style="white-space: pre-wrap; margin: 0">a &lt; b\\nc</pre>'
"""
from __future__ import annotations

import html
from typing import Any


def escaped(text: str) -> str:
    """Text safe inside HTML, with ``$`` kept from starting MathJax."""
    return html.escape(text, quote=True).replace("$", "&#36;")


def block(text: str) -> str:
    """Preformatted text (verdicts, hints, worked solutions keep their lines), escaped."""
    return f'<pre style="white-space: pre-wrap; margin: 0">{escaped(text)}</pre>'


def prompt_html(instance: Any) -> str:
    """The prompt of a problem instance with its values and formulas typeset (LaTeX for MathJax).

    Falls back to the plain prompt, escaped, if the prompt cannot be typeset.

    >>> from types import SimpleNamespace as NS
    >>> prompt_html(NS(prompt="What is 1 < 2?", definition=None))
    'What is 1 &lt; 2?'
    """
    try:
        return _typeset(instance)
    except Exception:  # noqa: BLE001 - typesetting is a nicety; the plain prompt always works
        return escaped(instance.prompt)


def _typeset(instance: Any) -> str:
    import sympy

    from tutor.problems.render import tidy
    from tutor.problems.templates import Math, Placeholder

    symbols = {**instance.params.shown, sympy.Symbol("answer"): instance.answer}
    out = []
    for part in instance.definition.prompt.parts:
        if isinstance(part, Placeholder):
            out.append(_math(sympy.latex(instance.shown[part.name])))
        elif isinstance(part, Math):
            out.append(_math(sympy.latex(tidy(part.expr, symbols))))
        else:
            out.append(escaped(part))
    return "".join(out)


def _math(latex: str) -> str:
    return f"${html.escape(latex, quote=False)}$"
