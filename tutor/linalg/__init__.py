"""Matrices, vectors, sums over data: declarations, representation, shapes and numbers.

* `tutor.linalg.declare` — what a name is (``"matrix(n, d)"``, ``"vector(d)"``, ``"sequence(n)"``, …);
* `tutor.linalg.nodes` — the representation (SymPy matrix expressions built unevaluated, plus
  `Elementwise`, `Norm`, `AsScalar`); read its docstring before building on it;
* `tutor.linalg.shapes` — shape inference and the messages for shapes that do not fit;
* `tutor.linalg.numeric` — values at concrete sizes and random data (NumPy), for probing.

The parser builds these objects when the caller declares shapes (``parse(text, shapes=...)``);
the checker's `tutor.checker.matrices` compares them. This package imports only `tutor.errors`,
`tutor.ops` and SymPy/NumPy, so every stage may use it.
"""
