"""The registry of mathematical operations: each function declared once, every stage reads it.

Like a JAX primitive, an operation is one named object with all its facets attached in one
place (`tutor.ops.catalogue`): the names a learner types (aliases, Greek letters, symbols),
arity, shape rule, exact SymPy constructor, real/complex mpmath and float evaluations, the
derivative with its step rule, printers (text, unicode, LaTeX), domain, and where it kinks or
jumps. The parser's names table, the checker's numeric evaluators, the step engine's rules and
fingerprints, and the printers are all built from it; this package imports nothing from
them, and sits at the bottom of the import graph with `tutor.errors` and `tutor.functions`.

>>> import sympy
>>> op = by_name("sech")
>>> op.head is sympy.sech, op.arity, op.step.rule, op.printers.latex
(True, (1, 1), 'sech', '\\\\operatorname{sech}')
>>> op.derivative(sympy.Symbol("u"))
-tanh(u)*sech(u)
>>> by_class(sympy.Abs).breaks.kind
<Break.KINK: 'kink'>

How to add an operation (``tr``, ``erf`` for learners, …):

1. If SymPy has no class for it, write one (as `tutor.functions.sigmoid`: a `sympy.Function`
   with ``fdiff`` and an ``eval`` for special values).
2. Write its numeric facets: `mp` (real and complex, raw mpmath values and a precision) and
   `fl` (float and complex float). A function defined only for real arguments uses
   ``mp.lift`` / ``fl.creal`` and ``complex_plane=False``.
3. Add one block to the right tuple in `catalogue` (`LEARNER` if learners may type it, else
   `ENGINE`): names and aliases, arity, shape rule, numeric facets, `StepRule` (derivative as a
   function of the argument, rule id, statement in text and LaTeX) or an explicit `NoStepRule`,
   `Printers`, `domain`, `interval`, `breaks`, `inverse`.
4. Run ``pytest tests/test_ops_registry.py``: it walks the registry and fails on any missing
   facet, checks the derivative against ``sympy.diff``, every evaluator against SymPy's
   ``evalf`` (complex arguments too), the printers by reading their output back with
   ``tutor.parse``, and the step engine on f(2x + 1).
Nothing else changes: the parser, evaluators, step engine and printers pick it up.

Operations on matrices and vectors (``transpose``, ``inverse``, ``det``, ``tr``, ``diag``, ``dot``,
``norm``, ``matmul``) are `MatrixOperation` blocks in `tutor.ops.matrices`: names, the SymPy node
they build, exact and float values, a `Shape` rule and how they are written. Add one there and
``tests/test_ops_matrices.py`` walks it the same way.
"""
from __future__ import annotations

from tutor.ops.operation import (
    Break, BreakAt, Breakpoints, Domain, MatrixOperation, NoStepRule, Numeric, Operation, Printers, Shape,
    ShapeError, Spelling, StepRule, Written,
)
from tutor.ops.registry import (
    MATRIX_NAMES, MATRIX_OPERATIONS, NAMES, OPERATIONS, SPELLINGS, breaks_in, by_class, by_head_name, by_name,
    matrix_by_class, matrix_by_name, matrix_operation_of,
)

__all__ = [
    "Break", "BreakAt", "Breakpoints", "Domain", "MatrixOperation", "NoStepRule", "Numeric", "Operation",
    "Printers", "Shape", "ShapeError", "Spelling", "StepRule", "Written", "MATRIX_NAMES", "MATRIX_OPERATIONS",
    "NAMES", "OPERATIONS", "SPELLINGS", "breaks_in", "by_class", "by_head_name", "by_name", "matrix_by_class",
    "matrix_by_name", "matrix_operation_of",
]
