"""Rich display in Jupyter: the ``_repr_mimebundle_`` of verdicts and derivations.

A leaf module (standard library only), so the checker and the step engine can use it without
importing each other. Every text that reaches the HTML is escaped here, once: a learner's answer
is untrusted and a notebook renders HTML.

>>> bundle = mimebundle("Verdict", [("read as", "<b>x</b>")], latex="x", data={"a": 1})
>>> "&lt;b&gt;x&lt;/b&gt;" in bundle["text/html"], "<b>x</b>" in bundle["text/html"]
(True, False)
>>> bundle["text/latex"], bundle["application/json"]
('$\\\\displaystyle x$', {'a': 1})
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

_STYLE = "font-family: sans-serif; border-collapse: collapse"


def html_table(title: str, rows: Iterable[tuple[str, str]], *, preformatted: Sequence[str] = ()) -> str:
    """A small two-column table with a caption; every text escaped, `preformatted` kept as lines.

    >>> html_table("T & co", [("a", "1 < 2")], preformatted=["  x"])
    '<table style="font-family: sans-serif; border-collapse: collapse"><caption style="text-align: left"><b>T &amp; co</b></caption><tr><th style="text-align: left; padding-right: 1em">a</th><td>1 &lt; 2</td></tr></table><pre>  x</pre>'
    """
    cells = "".join(
        f'<tr><th style="text-align: left; padding-right: 1em">{escape(name)}</th>'
        f"<td>{escape(value)}</td></tr>"
        for name, value in rows)
    table = (f'<table style="{_STYLE}"><caption style="text-align: left"><b>{escape(title)}</b>'
             f"</caption>{cells}</table>")
    if preformatted:
        table += "<pre>" + escape("\n".join(preformatted)) + "</pre>"
    return table


def mimebundle(title: str, rows: Iterable[tuple[str, str]], *, latex: str | None, data: Any,
               preformatted: Sequence[str] = ()) -> dict[str, Any]:
    """The bundle Jupyter shows: escaped HTML, display-math LaTeX (when there is any) and JSON."""
    bundle: dict[str, Any] = {
        "text/html": html_table(title, rows, preformatted=preformatted),
        "application/json": data,
    }
    if latex:
        bundle["text/latex"] = f"$\\displaystyle {latex}$"
    return bundle


def select(bundle: dict[str, Any], include: Iterable[str] | None = None,
           exclude: Iterable[str] | None = None) -> dict[str, Any]:
    """`bundle` narrowed as IPython asks (`include` and `exclude` are sets of MIME types).

    >>> select({"text/html": "h", "text/latex": "l"}, exclude={"text/latex"})
    {'text/html': 'h'}
    """
    keep = set(include) if include else set(bundle)
    keep -= set(exclude or ())
    return {mime: value for mime, value in bundle.items() if mime in keep}
