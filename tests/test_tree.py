"""The package's one walk of an expression (tutor.tree) visits what SymPy's does."""
from __future__ import annotations


def test_the_package_walks_expressions_as_sympy_does():
    """`tutor.tree.preorder` (the package's one walk of an expression) gives the nodes of
    ``sympy.preorder_traversal``, in its order, on every text of the parser's table."""
    import sympy

    from parser_table import ROWS
    from tutor import parse
    from tutor.errors import ParseError
    from tutor.tree import preorder

    x, y = sympy.symbols("x y")
    extra = [sympy.Max(x, y, 3) + sympy.Min(x, 2), sympy.And(x > 1, y < 2), [x + 1, (y, 2)],
             sympy.Sum(x, (x, 1, 3)), sympy.ImmutableMatrix([[x, 1], [2, y]])]
    walked = 0
    for text in [row.text for row in ROWS]:
        try:
            parsed = parse(text)
        except ParseError:
            continue
        extra += [parsed.expr, parsed.value]
    for expr in extra:
        ours, theirs = list(preorder(expr)), list(sympy.preorder_traversal(expr))
        assert len(ours) == len(theirs) and all(a is b or a == b for a, b in zip(ours, theirs)), expr
        walked += 1
    assert walked > 600


def test_the_package_has_one_walk():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "tutor"
    others = [str(p.relative_to(root)) for p in root.rglob("*.py")
              if p.name != "tree.py" and "preorder_traversal(" in p.read_text(encoding="utf-8")]
    assert not others, f"walk expressions with tutor.tree.preorder: {others}"
