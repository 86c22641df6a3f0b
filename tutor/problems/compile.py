"""From a problem's table (text) to its `Definition`: every formula read by `tutor.parse`.

All author formulas go through ``tutor.parse(text, variables=..., functions=AUTHOR_OPS)``; calls
are checked against the author operations, and every name must be a parameter or a declared
variable, so a mistake is reported when the file is loaded, not when a learner meets it.

>>> from tutor.errors import ParseError
>>> print(parse_message(ParseError("sigmoyd(x)", (0, 7), "Unknown function 'sigmoyd'.")))
unknown function 'sigmoyd'
  sigmoyd(x)
  ^^^^^^^
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import sympy
from sympy.core.relational import Relational

from tutor.errors import ParseError, ProblemFileError
from tutor.linalg import nodes as la
from tutor.linalg.declare import DeclKind, declarations
from tutor.problems.interpreter import AUTHOR_OPS, check_calls
from tutor.problems.model import AuthoredHint, Definition, FeedbackRule, Part, Problem, ProblemTest, Tags
from tutor.problems.ops_base import FormulaError
from tutor.problems.params import Constraint, Param
from tutor.problems.reader import KeyPath, dotted
from tutor.problems.render import readable
from tutor.problems.schema import ParamKind, ParamSpec, ProblemSpec, TestSpec
from tutor.problems.source import SourceText
from tutor.problems.templates import Template

ANSWER = sympy.Symbol("answer")
_TAKEN = "'{name}' is the name of a function in our language; choose another name"


@lru_cache(maxsize=1024)
def name_reading(name: str) -> sympy.Basic | str:
    """The symbol a declared name is read as, or why it cannot be declared. It depends on the name
    alone, and every problem declares its own (a, n, x, mu, ...), so each is read once per process:
    three parses a name were about half of compiling a problem.

    >>> name_reading("mu"), name_reading("x_0")
    (mu, x_0)
    >>> name_reading("sin")
    "'sin' is the name of a function in our language; choose another name"
    >>> name_reading("pi")
    "'pi' is a constant in our language (π); choose another name"
    """
    from tutor.parser import parse

    taken = _TAKEN.format(name=name)
    try:
        declared = parse(name, variables=[name]).expr
        called = parse(f"{name}(x)", variables=[name, "x"]).expr
    except ParseError:
        return taken
    if not isinstance(declared, sympy.Symbol):
        return (f"'{name}' is not read as one name: write letters, then digits or an _index (d1, dx0, "
                "x_0)")
    if not isinstance(called, sympy.Mul):
        return taken
    try:
        plain = parse(name).expr
    except ParseError:
        return declared  # not a name the language knows: fine once declared
    if plain.is_number:
        return f"'{name}' is a constant in our language ({readable(plain)}); choose another name"
    return declared


def parse_message(err: ParseError) -> str:
    """A parser error as one clause for a file error, with the caret lines below it.

    >>> parse_message(ParseError("", (0, 0), "Empty input."))
    'empty input'
    """
    message = err.message.rstrip(".")
    message = message[:1].lower() + message[1:]
    return f"{message}\n{err.caret()}" if err.text else message


def compile_problem(source: SourceText, spec: ProblemSpec, course: str) -> Problem:
    """Compile one problem; raises `ProblemFileError` naming the key of the first mistake.

    >>> from tutor.problems.schema import read_set
    >>> data = {"title": "T", "description": "D", "problems": [{
    ...     "id": "p1", "title": "P", "tags": {"week": 1, "skills": []}, "prompt": "Add {a} and 1.",
    ...     "params": {"a": {"min": 1, "max": 9}}, "answer": "a + 1", "hints": ["a", "b", "c"],
    ...     "tests": [{"response": "{answer}", "status": "correct"}]}]}
    >>> source = SourceText("x.toml", "")
    >>> problem = compile_problem(source, read_set(source, data).problems[0], "arithmetic")
    >>> problem.id, problem.definition.answer
    ('p1', a + 1)
    >>> data["problems"][0]["answer"] = "b + 1"
    >>> compile_problem(source, read_set(source, data).problems[0], "arithmetic")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tutor.errors.ProblemFileError: x.toml:1, problem 'p1', key 'answer': 'b' is neither a parameter ...
    """
    return _Compiler(source, spec).problem(course)


class _Compiler:
    def __init__(self, source: SourceText, spec: ProblemSpec) -> None:
        self.source = source
        self.spec = spec
        self.symbols: dict[str, sympy.Basic] = {}
        # declared matrices, vectors and sequences (tutor.linalg.declare); their dimensions (n, d)
        # are names an author formula may use (2/n) without declaring them
        self.shapes = declarations(dict(spec.declarations))
        self.dims = {d: sympy.Symbol(d) for decl in self.shapes.values() for d in decl.dim_names}

    def fail(self, message: str, *key_path: str | int) -> ProblemFileError:
        return self.source.error(message, problem_index=self.spec.index, problem=self.spec.id,
                                 key=dotted(key_path) or None, key_path=key_path)

    def problem(self, course: str) -> Problem:
        spec = self.spec
        variables = tuple(self._declare(name, ("variables",)) for name in spec.variables)
        params = self._params()
        definition = Definition(
            spec=spec, source=self.source, params=params, constraints=self._constraints(),
            variables=variables, prompt=self._template(spec.prompt, ("prompt",), answer=False),
            question=self._optional(spec.question, ("question",)),
            answer=self.formula(spec.answer, ("answer",)), check=spec.check, hints=self._hints(),
            feedback=self._feedback(), tests=self._tests(), parts=self._parts(),
            solution=None if spec.solution is None else self._template(spec.solution, ("solution",)),
        )
        self._check_names()
        tags = Tags(spec.tags.course or course, spec.tags.week, spec.tags.skills)
        return Problem(spec.id, spec.title, tags, definition)

    # names -----------------------------------------------------------------------------------
    def _declare(self, name: str, key_path: KeyPath) -> sympy.Symbol:
        if name in self.symbols:
            raise self.fail(f"the name '{name}' is declared twice", *key_path)
        self.symbols[name] = self._symbol(name, key_path)
        return self.symbols[name]

    def _symbol(self, name: str, key_path: KeyPath) -> sympy.Basic:
        declared_as = self.shapes.get(name)
        if declared_as is not None and declared_as.is_array:
            return la.matrix_symbol(name, declared_as.shape)
        if name in AUTHOR_OPS:
            raise self.fail(f"'{name}' is the name of an author operation in our language; choose another "
                            "name", *key_path)
        reading = name_reading(name)
        if isinstance(reading, str):
            raise self.fail(reading, *key_path)
        return reading

    def _check_names(self) -> None:
        names = set(self.spec.variables)
        for name in self.spec.wrt:
            if name not in names:
                raise self.fail(f"'{name}' must be listed in variables to differentiate by it", "wrt")
        constant = self.spec.check.up_to_constant
        if constant is not None and constant not in names:
            raise self.fail(f"'{constant}' must be listed in variables", "check", "up_to_constant")

    # formulas --------------------------------------------------------------------------------
    def formula(self, text: str, key_path: KeyPath, *, answer: bool = False,
                allowed: set[sympy.Symbol] | None = None) -> sympy.Basic:
        """Parse an author formula and check its calls and names."""
        from tutor.parser import parse

        names = list(self.symbols) + (["answer"] if answer else [])
        try:
            expr = parse(text, variables=names, functions=self._functions(), shapes=self.shapes or None).expr
            check_calls(expr)
        except ParseError as err:
            raise self.fail(parse_message(err), *key_path) from None
        except FormulaError as err:
            raise self.fail(err.message, *key_path) from None
        known = set(self.symbols.values()) if allowed is None else allowed
        known = known | ({ANSWER} if answer else set()) | _bound_indices(expr) | set(self.dims.values())
        unknown = sorted(str(s) for s in expr.free_symbols - known if not self._datum(s))
        if unknown:
            raise self.fail(self._unknown_message(unknown[0], allowed), *key_path)
        return expr

    def _datum(self, symbol: sympy.Basic) -> bool:
        """Whether a free symbol is a declared sequence or one of its data (x, x_i)."""
        label = symbol.base.label if isinstance(symbol, sympy.Indexed) else \
            symbol.label if isinstance(symbol, sympy.IndexedBase) else None
        declared = self.shapes.get(str(label)) if label is not None else None
        return declared is not None and declared.kind is DeclKind.SEQUENCE

    def _functions(self) -> frozenset[str]:
        """The author operations a formula may call. With a declared sequence, sum and prod are the
        language's own Σ and Π over its data (x_i bound by the index), as a learner writes them."""
        if any(d.kind is DeclKind.SEQUENCE for d in self.shapes.values()):
            return frozenset(AUTHOR_OPS) - {"sum", "prod"}
        return frozenset(AUTHOR_OPS)

    def _unknown_message(self, name: str, allowed: set[sympy.Symbol] | None) -> str:
        later = {p.name for p in self.spec.params} | {p.name.replace("_", "") for p in self.spec.params}
        if allowed is not None and (name in later or name.replace("_", "") in later):
            return (f"'{name}' is used before it is defined (parameters are drawn in the order "
                    "they are written)")
        return f"'{name}' is neither a parameter nor a declared variable (add it to variables)"

    def _optional(self, text: str | None, key_path: KeyPath) -> sympy.Basic | None:
        return None if text is None else self.formula(text, key_path)

    def _template(self, text: str, key_path: KeyPath, *, answer: bool = True,
                  math: bool = True) -> Template:
        names = set(self.symbols) - set(self.spec.variables) | ({"answer"} if answer else set())
        parse_math = (lambda t: self.formula(t, key_path, answer=answer)) if math else None
        try:
            return Template.compile(text, names=names, parse_math=parse_math)
        except FormulaError as err:
            raise self.fail(err.message, *key_path) from None

    # parameters ------------------------------------------------------------------------------
    def _params(self) -> tuple[Param, ...]:
        out = []
        for spec in self.spec.params:
            key = ("params", spec.name)
            earlier = set(self.symbols.values())
            symbol = self._declare(spec.name, key)
            out.append(self._param(spec, symbol, key, earlier))
        return tuple(out)

    def _param(self, spec: ParamSpec, symbol: sympy.Symbol, key: KeyPath,
               earlier: set[sympy.Symbol]) -> Param:
        if spec.kind is ParamKind.VALUE:
            if spec.value is None:      # the schema reads a value parameter only with its formula
                raise self.fail("a computed parameter needs its value", *key)
            return Param(spec.name, symbol, formula=self.formula(spec.value, key + ("value",),
                                                                 allowed=earlier))
        if spec.kind is ParamKind.CHOICES:
            return self._choices(spec, symbol, key, earlier)
        return self._range(spec, symbol, key)

    def _choices(self, spec: ParamSpec, symbol: sympy.Symbol, key: KeyPath,
                 earlier: set[sympy.Symbol]) -> Param:
        removed = set(spec.exclude) | ({Fraction(0)} if spec.nonzero else set())
        values = []
        for choice in spec.choices:
            if isinstance(choice, str):
                values.append(self.formula(choice, key + ("choices",), allowed=earlier))
            elif choice not in removed:
                values.append(sympy.Rational(choice.numerator, choice.denominator))
        if not values:
            raise self.fail("no choices are left after nonzero/exclude", *key)
        return Param(spec.name, symbol, choices=tuple(values))

    def _range(self, spec: ParamSpec, symbol: sympy.Symbol, key: KeyPath) -> Param:
        low, high, step = spec.low, spec.high, spec.step
        if low is None or high is None:     # the schema reads a range only with both ends
            raise self.fail("a range needs min and max", *key)
        span = (high - low) / step
        if span.denominator != 1:
            raise self.fail(f"max {high} is not min {low} plus a whole number of steps of {step}",
                            *key, "max")
        count = int(span) + 1
        removed = set(spec.exclude) | ({Fraction(0)} if spec.nonzero else set())
        excluded = frozenset(v for v in removed if low <= v <= high and ((v - low) / step).denominator == 1)
        if len(excluded) >= count:
            raise self.fail("no values are left in the range after nonzero/exclude", *key)
        return Param(spec.name, symbol, low=low, step=step, count=count, excluded=excluded)

    def _constraints(self) -> tuple[Constraint, ...]:
        out = []
        for i, text in enumerate(self.spec.where):
            expr = self.formula(text, ("where",))
            if not isinstance(expr, (Relational, sympy.And, sympy.Or, sympy.Not)):
                raise self.fail(f"'{text}' is not a condition; write a comparison such as a != b",
                                "where")
            out.append(Constraint(text, expr))
        return tuple(out)

    # hints, feedback, tests ------------------------------------------------------------------
    def _hints(self) -> tuple[AuthoredHint, ...]:
        return tuple(AuthoredHint(h.level, self._template(h.text, ("hints",)))
                     for h in self.spec.hints)

    def _feedback(self) -> tuple[FeedbackRule, ...]:
        out = []
        for f in self.spec.feedback:
            key = ("feedback", f.index)
            formula = None if f.answer is None else self.formula(f.answer, key + ("answer",), answer=True)
            out.append(FeedbackRule(f.index, self._template(f.message, key + ("message",)), formula,
                                    f.note))
        return tuple(out)

    def _tests(self, tests: tuple[TestSpec, ...] | None = None,
               key_path: KeyPath = ()) -> tuple[ProblemTest, ...]:
        out = []
        for t in self.spec.tests if tests is None else tests:
            key = (*key_path, "tests", t.index, "response")
            response = self._template(t.response, key, math=False)
            out.append(ProblemTest(t.index, response, t.status, t.note, t.feedback))
        return tuple(out)

    def _parts(self) -> tuple[Part, ...]:
        out = []
        for p in self.spec.parts:
            key: KeyPath = ("parts", p.index)
            hints = tuple(AuthoredHint(h.level, self._template(h.text, (*key, "hints"))) for h in p.hints)
            out.append(Part(p.index, self._template(p.prompt, (*key, "prompt"), answer=False),
                            self.formula(p.answer, (*key, "answer")), p.check, hints,
                            self._tests(p.tests, key)))
        return tuple(out)


def _bound_indices(expr: sympy.Basic) -> set[sympy.Symbol]:
    """Index variables bound by sum(f, k, a, b): they need no declaration."""
    out = set()
    for call in expr.atoms(sympy.core.function.AppliedUndef):
        if call.func.__name__ == "sum" and len(call.args) == 4 and isinstance(call.args[1], sympy.Symbol):
            out.add(call.args[1])
    return out
