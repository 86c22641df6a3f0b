"""The registry of operations: every function has every facet, and every facet is right.

Each facet is checked against an independent oracle: derivatives against ``sympy.diff``,
the real, complex and float evaluations against SymPy's ``evalf``, printers by reading their
output back with ``tutor.parse``, the step engine by differentiating f(2x + 1).
"""
from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Iterator

import pytest
import sympy
from mpmath import libmp as L

import tutor
from tutor import ops
from tutor.ops import Break, BreakAt, Domain, NoStepRule, Operation, Spelling, StepRule
from tutor.functions import relu as ml_relu
from tutor.ops.arith import Undefined

x = sympy.Symbol("x")
xr = sympy.Symbol("x", real=True)   # real, so that sympy.diff(|x|) is sign(x)
u = sympy.Symbol("u", real=True)
LEARNER_OPS = [op for op in ops.OPERATIONS if op.learner]
ONE_ARGUMENT = [op for op in ops.OPERATIONS if op.arity[0] == 1 and op.arity[1] != 0]


def _points(op: Operation | Spelling, k: int = 5, seed: int = 7) -> list[float]:
    rng = random.Random(f"{op.name}-{seed}")
    lo, hi = op.interval
    return [rng.uniform(lo, hi) for _ in range(k)]


def _args(op: Operation, value: float) -> tuple[sympy.Basic, ...]:
    """Arguments for an op of any arity: the value, and for a second argument a fixed number."""
    if op.head is sympy.Heaviside:   # the evaluators always see H(0) spelled out, 1/2 by default
        return (sympy.Float(value, 30), sympy.Float(0.5, 30))
    if op.arity[0] == 2:
        return (sympy.Float(value + 3, 30), sympy.Float(value, 30))
    if op.arity[1] == 0:
        return (sympy.Float(value, 30), sympy.Float(value / 2 + 0.5, 30))
    return (sympy.Float(value, 30),)


# --- every facet is there --------------------------------------------------------------------

@pytest.mark.parametrize("op", ops.OPERATIONS, ids=lambda op: op.name)
def test_every_operation_has_every_facet(op):
    assert isinstance(op.head, type) and op.arity[0] >= 1
    assert op.numeric is not None, f"{op.name} has no numeric facets"
    assert all(callable(f) for f in (op.numeric.real, op.numeric.complex, op.numeric.float, op.numeric.cfloat))
    assert isinstance(op.step, (StepRule, NoStepRule)), f"{op.name} has no step rule (nor a NoStepRule)"
    if isinstance(op.step, StepRule):
        assert op.step.rule and op.step.name and op.step.statement.startswith("d/dx")
        assert op.step.statement_latex.startswith(r"\frac{d}{dx}")
    else:
        assert op.step.reason
    assert op.printers is not None and op.printers.text and op.printers.unicode and op.printers.latex
    assert op.shape in ops.Shape and op.breaks.kind in Break and op.domain in Domain
    lo, hi = op.interval
    assert lo < hi
    count = op.arity[0] if op.arity[1] else 2
    built = op.build(*[sympy.Symbol(f"a{i}") for i in range(count)])
    assert isinstance(built, op.head)


def test_the_learner_language_is_exactly_the_registry():
    from tutor.parser.names import FUNCTIONS
    assert FUNCTIONS == ops.NAMES
    assert {op.name for op in LEARNER_OPS} | {s.name for s in ops.SPELLINGS} <= set(FUNCTIONS)
    for name, entry in FUNCTIONS.items():
        assert ops.by_name(name) is entry
    for op in ops.OPERATIONS:
        assert ops.by_class(op.head) is op and ops.by_head_name(op.head.__name__) is op


def test_the_functions_issue_9_named_as_gaps_are_covered():
    for name in ["sech", "csch", "coth", "asinh", "acosh", "atanh", "acoth", "asech", "acsch", "asec",
                 "acsc", "acot", "sec", "csc", "cot"]:
        op = ops.by_name(name)
        assert isinstance(op, Operation) and isinstance(op.step, StepRule), name


def test_only_step_shaped_and_several_argument_functions_lack_a_derivative_rule():
    without = {op.name for op in ops.OPERATIONS if isinstance(op.step, NoStepRule)}
    assert without == {"floor", "ceil", "sign", "Heaviside", "max", "min", "binomial", "atan2"}


def test_breakpoints_are_declared_for_the_functions_that_kink_or_jump():
    kinds = {op.name: (op.breaks.kind, op.breaks.at) for op in ops.OPERATIONS if not op.breaks.smooth}
    assert kinds == {
        "abs": (Break.KINK, BreakAt.ZERO), "relu": (Break.KINK, BreakAt.ZERO),
        "max": (Break.KINK, BreakAt.TIES), "min": (Break.KINK, BreakAt.TIES),
        "sign": (Break.JUMP, BreakAt.ZERO), "Heaviside": (Break.JUMP, BreakAt.ZERO),
        "floor": (Break.JUMP, BreakAt.INTEGERS), "ceil": (Break.JUMP, BreakAt.INTEGERS),
        "atan2": (Break.JUMP, BreakAt.ZERO),
    }


def _op(name: str) -> Operation:
    op = ops.by_name(name)
    assert isinstance(op, Operation)
    return op


def test_break_conditions_vanish_exactly_on_the_break_set():
    y = sympy.Symbol("y")
    expr = sympy.Max(x, y) + sympy.ceiling(2 * x) + ml_relu(x - 1)
    found = {op.name: op.breaks.where(node.args) for node, op in ops.breaks_in(expr)}
    assert found == {"max": (x - y,), "ceil": (sympy.sin(2 * sympy.pi * x),), "relu": (x - 1,)}
    for value in (-2, -1, 0, 1, 2):   # sin(π·2x) vanishes at every x where 2x is an integer
        assert sympy.sin(2 * sympy.pi * x).subs(x, sympy.Rational(value, 2)) == 0


def test_shape_rules_are_elementwise_for_scalar_functions_and_scalar_only_otherwise():
    assert _op("sigmoid").shape.result([(3, 1)]) == (3, 1)
    with pytest.raises(ops.ShapeError):
        _op("binomial").shape.result([(2, 2), ()])
    with pytest.raises(ops.ShapeError):
        ops.Shape.ELEMENTWISE.result([(2, 1), (3, 1)])


def test_author_operations_do_not_shadow_learner_functions():
    from tutor.problems.interpreter import AUTHOR_OPS
    assert not set(AUTHOR_OPS) & set(ops.NAMES)


def test_inverse_names_are_operations_of_one_argument():
    for op in ops.OPERATIONS:
        if op.inverse:
            inverse = ops.by_name(op.inverse)
            assert isinstance(inverse, Operation) and inverse.unary
            assert tutor.parse(f"{op.name}^-1(x)").value == inverse.build(x).doit()


def test_the_domain_facet_matches_where_sympy_is_undefined_or_infinite():
    exact = [sympy.Integer(k) for k in (-2, -1, 0, 1, 2)] + [sympy.Rational(1, 2), -sympy.Rational(5, 2),
                                                           sympy.Rational(5, 2), sympy.pi / 2]
    for op in ONE_ARGUMENT:
        if op.domain is Domain.ALL:
            for v in (-2.5, -0.5, 0.5, 2.5):
                value = op.head(sympy.Float(v, 30)).evalf(30)
                assert value.is_finite and value.is_extended_real, (op.name, v, value)
        else:
            values = [op.head(v).evalf(30) for v in exact]
            assert any(not (v.is_finite and v.is_extended_real) for v in values), op.name


# --- derivatives ------------------------------------------------------------------------------

@pytest.mark.parametrize("op", [op for op in ops.OPERATIONS if isinstance(op.step, StepRule)],
                         ids=lambda op: op.name)
def test_derivative_facet_agrees_with_sympy_diff(op):
    truth = sympy.diff(op.head(u), u)
    for v in _points(op):
        point = {u: sympy.Float(v, 30)}
        got = complex(op.derivative(u).subs(point).evalf(30))
        want = complex(truth.subs(point).evalf(30))
        assert abs(got - want) <= 1e-20 * max(1.0, abs(want)), (op.name, v, got, want)


@pytest.mark.parametrize("op", [op for op in ONE_ARGUMENT if isinstance(op.step, StepRule)],
                         ids=lambda op: op.name)
def test_step_engine_differentiates_f_of_2x_plus_1(op):
    expr = op.head(2 * xr + 1)
    derivation = tutor.derivative_steps(expr, xr)
    assert not derivation.has_unknown, derivation.render()
    assert op.step.rule in {s.rule for s in derivation.steps.walk()}
    truth = sympy.diff(expr, xr)
    for v in _points(op):
        point = {xr: sympy.Float((v - 1) / 2, 30)}   # 2x + 1 runs over the op's interval
        got = complex(derivation.result.subs(point).evalf(30))
        want = complex(truth.subs(point).evalf(30))
        assert abs(got - want) <= 1e-20 * max(1.0, abs(want)), (op.name, v, got, want)


@pytest.mark.parametrize("spelling", ops.SPELLINGS, ids=lambda s: s.name)
def test_step_engine_differentiates_every_spelling(spelling):
    expr = spelling.build(2 * xr + 1)
    derivation = tutor.derivative_steps(expr, xr)
    assert not derivation.has_unknown
    assert sympy.simplify(derivation.result - sympy.diff(expr.doit(), xr)) == 0


# --- numeric evaluation against SymPy's evalf ------------------------------------------------

def _close(got: complex, want: complex, rel: float) -> bool:
    return abs(got - want) <= rel * max(1.0, abs(want))


def _truth(op: Operation, args: tuple[sympy.Basic, ...]) -> complex:
    return complex(op.head(*args).evalf(40))


def _mp_real(op: Operation, args) -> float:
    raw = [a._mpf_ for a in args]
    if len(raw) == 1:
        return L.to_float(op.numeric.real(raw[0], 100))
    return L.to_float(op.numeric.real(*raw, prec=100))


def _mp_complex(op: Operation, args) -> complex:
    raw = [(sympy.Float(sympy.re(a), 30)._mpf_, sympy.Float(sympy.im(a), 30)._mpf_) for a in args]
    value = op.numeric.complex(raw[0], 100) if len(raw) == 1 else op.numeric.complex(*raw, prec=100)
    return complex(L.to_float(value[0]), L.to_float(value[1]))


@pytest.mark.parametrize("op", ops.OPERATIONS, ids=lambda op: op.name)
def test_real_mpmath_float_and_complex_evaluations_agree_with_evalf_on_the_real_line(op):
    for v in _points(op):
        args = _args(op, v)
        want = _truth(op, args)
        floats = [float(a) for a in args]
        assert _close(_mp_real(op, args), want.real, 1e-14), (op.name, v)
        assert _close(op.numeric.float(*floats), want.real, 1e-12), (op.name, v)
        assert _close(_mp_complex(op, args), want, 1e-14), (op.name, v)
        assert _close(complex(op.numeric.cfloat(*[complex(f) for f in floats])), want, 1e-12), (op.name, v)


COMPLEX_POINTS = [0.7 + 0.4j, -1.3 + 0.9j, 0.4 - 1.1j, -0.6 - 0.3j, 2.1 + 1.7j]


@pytest.mark.parametrize("op", [op for op in ops.OPERATIONS if op.numeric.complex_plane],
                         ids=lambda op: op.name)
def test_complex_evaluations_agree_with_evalf_off_the_real_line(op):
    for z in COMPLEX_POINTS:
        arg = sympy.Float(z.real, 30) + sympy.I * sympy.Float(z.imag, 30)
        args = (arg, sympy.Integer(2)) if op.arity[0] == 2 else (arg,)
        want = _truth(op, args)
        assert _close(_mp_complex(op, args), want, 1e-14), (op.name, z, want)
        assert _close(complex(op.numeric.cfloat(*[complex(a) for a in args])), want, 1e-12), (op.name, z)


@pytest.mark.parametrize("op", [op for op in ops.OPERATIONS if not op.numeric.complex_plane],
                         ids=lambda op: op.name)
def test_real_only_complex_evaluations_refuse_values_off_the_real_line(op):
    z = (L.from_float(0.5), L.from_float(0.7))
    with pytest.raises(Undefined):
        if op.arity[0] == 1 and op.arity[1] == 1:
            op.numeric.complex(z, 53)
        else:
            op.numeric.complex(z, z, prec=53)


def test_the_checker_now_evaluates_complex_sech_csch_coth_and_the_inverse_functions():
    # issue 11: these were real-only, so any answer with them and i was "cannot check"
    for text in ["sech(x + i)", "csch(x + i)", "coth(x + i)", "asec(x + i)", "acsc(x + i)",
                 "acot(x + i)", "acoth(x + i)", "asech(x + i)", "acsch(x + i)"]:
        name = text.split("(")[0]
        rewritten = {"sech": "1/cosh(x + i)", "csch": "1/sinh(x + i)", "coth": "cosh(x + i)/sinh(x + i)",
                     "asec": "acos(1/(x + i))", "acsc": "asin(1/(x + i))", "acot": "atan(1/(x + i))",
                     "acoth": "atanh(1/(x + i))", "asech": "acosh(1/(x + i))",
                     "acsch": "asinh(1/(x + i))"}[name]
        assert tutor.check(text, rewritten).status.value == "correct", text


# --- printers ---------------------------------------------------------------------------------

def _learner_examples() -> Iterator[tuple[Operation | Spelling, sympy.Basic]]:
    entries: list[Operation | Spelling] = [*LEARNER_OPS, *ops.SPELLINGS]
    for entry in entries:
        if entry.arity[0] == 2:
            yield entry, entry.build(sympy.Symbol("n"), sympy.Symbol("k"))
        elif entry.arity[1] == 0:
            yield entry, entry.build(x, sympy.Symbol("y"))
        else:
            yield entry, entry.build(x + 1)


@pytest.mark.parametrize("entry, expr", list(_learner_examples()), ids=lambda v: getattr(v, "name", ""))
def test_printers_read_back_through_parse(entry, expr):
    from tutor.parser.printer import to_input, to_text
    from tutor.steps.text import to_text as teacher_text
    variables = ["x", "y", "n", "k"]
    want = sympy.simplify(expr.doit())
    shown_forms = [to_input(expr), to_text(expr)]
    if isinstance(entry, Operation):  # the teacher writes log₂(x), which is for reading, not typing
        shown_forms.append(teacher_text(expr))
    for shown in shown_forms:
        got = tutor.parse(shown, variables=variables).value
        assert sympy.simplify(got - want) == 0, (entry.name, shown, got)


@pytest.mark.parametrize("op", ops.OPERATIONS, ids=lambda op: op.name)
def test_latex_printers_use_the_declared_command(op):
    from tutor.parser.printer import to_latex as echo_latex
    from tutor.steps.text import to_latex
    args = [sympy.Symbol("a"), sympy.Symbol("b")][: max(op.arity[0], 1 if op.arity[1] else 2)]
    expr = op.build(*args)
    assert op.printers.latex in to_latex(expr)
    if op.learner and op.printers.latex_own:
        assert op.printers.latex in echo_latex(expr)


def test_text_printers_use_the_declared_names():
    from tutor.parser.printer import to_text
    from tutor.steps.text import to_text as teacher_text
    assert teacher_text(sympy.asinh(x)) == "arsinh(x)" and teacher_text(sympy.acot(x)) == "arccot(x)"
    assert to_text(sympy.ceiling(x)) == "ceil(x)" and teacher_text(sympy.ceiling(x)) == "ceil(x)"


# --- layering ---------------------------------------------------------------------------------

def test_the_registry_imports_no_stage():
    code = ("import sys, tutor.ops; "
            "print([m for m in sys.modules if m.split('.')[:2] in (['tutor', 'parser'], ['tutor', 'checker'], "
            "['tutor', 'steps'], ['tutor', 'problems'], ['tutor', 'repl'])])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_sympy_own_latex_contains_the_declared_command_for_functions_it_prints():
    for op in ops.OPERATIONS:
        if not op.printers.latex_own and op.arity == (1, 1):
            assert op.printers.latex in sympy.latex(op.head(x)), op.name

