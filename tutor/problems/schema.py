"""The problem-file format as frozen values, read from TOML data with every key checked.

This module knows the shape of a file (which keys, which types) but nothing about mathematics:
formulas stay text here and are read by the parser in `compile.py`.

>>> from tutor.problems.source import SourceText
>>> data = {"title": "T", "description": "D", "problems": [{
...     "id": "p1", "title": "P", "tags": {"week": 1, "skills": []}, "prompt": "Compute `1+1`.",
...     "answer": "2", "hints": ["a", "b", "c"],
...     "tests": [{"response": "2", "status": "correct"}, {"response": "3", "status": "incorrect"}]}]}
>>> spec = read_set(SourceText("x.toml", ""), data)
>>> spec.problems[0].id, spec.problems[0].tests[1].status
('p1', <TestStatus.INCORRECT: 'incorrect'>)
"""
from __future__ import annotations

import re
from dataclasses import fields
from enum import StrEnum
from fractions import Fraction
from typing import Any

from tutor.errors import TutorError
from tutor.linalg.declare import declarations
from tutor.problems.reader import TableReader, to_fraction
from tutor.problems.source import SourceText
from tutor.values import frozen

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+|_\{[A-Za-z0-9]+\})?$")


class ParamKind(StrEnum):
    """How a parameter gets its value."""

    RANGE = "range"
    CHOICES = "choices"
    VALUE = "value"


class StepsKind(StrEnum):
    """Which step-engine ladder a problem attaches.

    ``auto`` works the `answer` formula with `tutor.solution_steps`: its outermost author
    operation chooses the engine (det, inverse, bayes, diff, …); ``derivative`` and ``gradient``
    differentiate the `question` by the names in `wrt`.
    """

    AUTO = "auto"
    DERIVATIVE = "derivative"
    GRADIENT = "gradient"


class TestStatus(StrEnum):
    """The statuses a `tests` entry may demand."""

    __test__ = False  # not a pytest test class

    CORRECT = "correct"
    INCORRECT = "incorrect"
    INVALID = "invalid"


class HintLevel(StrEnum):
    """Hint levels, as the step engine names them."""

    ORIENT = "orient"
    RULE = "rule"
    INSTANTIATE = "instantiate"
    BOTTOM_OUT = "bottom_out"


class AnswerForm(StrEnum):
    """The forms the checker can require."""

    EXPANDED = "expanded"
    FACTORED = "factored"
    SINGLE_FRACTION = "single_fraction"
    LOWEST_TERMS = "lowest_terms"
    EXACT = "exact"
    SIMPLIFIED = "simplified"


@frozen
class ParamSpec:
    """One random parameter as written: a range, choices, or a computed value."""

    name: str
    kind: ParamKind
    low: Fraction | None = None
    high: Fraction | None = None
    step: Fraction = Fraction(1)
    choices: tuple[Fraction | str, ...] = ()
    value: str | None = None
    nonzero: bool = False
    exclude: tuple[Fraction, ...] = ()


@frozen
class HintSpec:
    """An authored hint; `level` None means "by position in the ladder"."""

    text: str
    level: HintLevel | None = None


@frozen
class FeedbackSpec:
    """An anticipated wrong answer (a formula, or a checker note) and its message."""

    index: int
    message: str
    answer: str | None = None
    note: str | None = None


@frozen
class TestSpec:
    """A response and the status (and optionally note and feedback text) it must get."""

    __test__ = False  # an author's test case, not a pytest test class

    index: int
    response: str
    status: TestStatus
    note: str | None = None
    feedback: str | None = None


@frozen
class CheckOptions:
    """The checker options a problem may set; None means "the checker's default"."""

    form: AnswerForm | None = None
    rel_tol: float | None = None
    abs_tol: float | None = None
    sig_figs: int | None = None
    decimal_places: int | None = None
    ordered: bool | None = None
    up_to_constant: str | None = None
    up_to_scalar: bool | None = None
    up_to_sign: bool | None = None
    domain: str | None = None
    assume: tuple[tuple[str, str], ...] = ()
    time_budget: float | None = None
    forbid: tuple[str, ...] = ()    # operations the answer may not contain (registry names, tutor.ops)
    in_terms_of: str | None = None  # the operation the answer must be written in (registry name)
    endpoints_only: bool | None = None  # intervals: the endpoints are graded, the brackets are not

    def as_kwargs(self) -> dict[str, object]:
        """The options set, as keyword arguments for `tutor.checker.Checker`."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("assume", "forbid"):
                if value:
                    out[f.name] = dict(value) if f.name == "assume" else list(value)
            elif value is not None:
                out[f.name] = str(value) if isinstance(value, StrEnum) else value
        return out


@frozen
class TagsSpec:
    """Tags as written; the course defaults to the folder."""

    week: int | None
    skills: tuple[str, ...]
    course: str | None = None


@frozen
class PartSpec:
    """One `[[problems.parts]]` table: a sub-question asked before the problem's own question."""

    index: int
    prompt: str
    answer: str
    check: CheckOptions
    hints: tuple[HintSpec, ...]
    tests: tuple[TestSpec, ...]


@frozen
class ProblemSpec:
    """One problem as written in the file (formulas still text)."""

    index: int
    id: str
    title: str
    tags: TagsSpec
    variables: tuple[str, ...]
    params: tuple[ParamSpec, ...]
    where: tuple[str, ...]
    prompt: str
    question: str | None
    answer: str
    check: CheckOptions
    steps: StepsKind | None
    wrt: tuple[str, ...]
    hints: tuple[HintSpec, ...]
    feedback: tuple[FeedbackSpec, ...]
    tests: tuple[TestSpec, ...]
    solution: str | None
    # variables given as a table name → declaration ("matrix(n, d)", "vector(d)", "sequence(n)"),
    # as the check option `variables` takes them (tutor.linalg.declare); empty for a list of names
    declarations: tuple[tuple[str, str], ...] = ()
    # sub-questions asked in order before the problem's own `prompt` question
    parts: tuple[PartSpec, ...] = ()

    def declared(self) -> dict[str, str]:
        """The declarations as the check option `variables` takes them: every variable, a scalar
        unless declared otherwise (empty when none is declared)."""
        given = dict(self.declarations)
        return {name: given.get(name, "scalar") for name in self.variables} if given else {}


@frozen
class SetSpec:
    """A whole file as written."""

    title: str
    description: str
    problems: tuple[ProblemSpec, ...]


PROBLEM_KEYS = ("id", "title", "tags", "variables", "params", "where", "prompt", "question", "answer",
                "check", "steps", "wrt", "hints", "feedback", "tests", "solution", "parts")


def read_set(source: SourceText, data: dict[str, Any]) -> SetSpec:
    """Check the shape of a parsed TOML document and return it as values.

    >>> read_set(SourceText("x.toml", ""), {"title": "T", "description": "D"})
    Traceback (most recent call last):
    ...
    tutor.errors.ProblemFileError: x.toml: the file has no problems: add at least one [[problems]] table
    """
    top = TableReader(source, data, path=())
    top.only(("title", "description", "problems"))
    title = top.text("title")
    description = top.text("description")
    raw = top.get("problems", None)
    if raw is None or (isinstance(raw, list) and not raw):
        raise top.fail("the file has no problems: add at least one [[problems]] table")
    if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
        raise top.fail("'problems' must be written as [[problems]] tables", "problems")
    top.finish()
    problems = tuple(_read_problem(source, table, i) for i, table in enumerate(raw))
    _no_duplicate_ids(source, problems)
    return SetSpec(title, description, problems)


def _no_duplicate_ids(source: SourceText, problems: tuple[ProblemSpec, ...]) -> None:
    seen: dict[str, int] = {}
    for p in problems:
        if p.id in seen:
            raise source.error(f"the id '{p.id}' is used twice (also by problem {seen[p.id] + 1})",
                               problem_index=p.index, problem=p.id, key="id")
        seen[p.id] = p.index


def _read_problem(source: SourceText, table: dict[str, Any], index: int) -> ProblemSpec:
    raw_id = table.get("id")
    r = TableReader(source, table, path=(), problem_index=index,
                    problem=raw_id if isinstance(raw_id, str) else None)
    r.only(PROBLEM_KEYS)
    pid = r.text("id")
    if not _ID.match(pid):
        raise r.fail(f"the id '{pid}' may use only lower-case letters, digits and single '-'", "id")
    steps = _steps(r)
    spec = ProblemSpec(
        index=index, id=pid, title=r.text("title"), tags=_tags(r),
        variables=_variable_names(r), params=_params(r), where=r.texts("where", (), single_ok=True),
        prompt=r.text("prompt"), question=r.text("question", None), answer=r.text("answer"),
        check=_check(r), steps=steps, wrt=_wrt(r, steps), hints=_hints(r),
        feedback=_feedback(r), tests=_tests(r), solution=r.text("solution", None),
        declarations=_declarations(r), parts=_parts(r),
    )
    r.finish()
    if steps is not None and steps is not StepsKind.AUTO and spec.question is None:
        raise r.fail(f"steps = \"{steps}\" needs a 'question': the expression to differentiate", "steps")
    return spec


def _variable_names(r: TableReader) -> tuple[str, ...]:
    """`variables`: a list of names, or a table name → declaration (its names, in order)."""
    given = r.get("variables", ())
    if isinstance(given, dict):
        names = tuple(str(k) for k in given)
        for name in names:
            if not _NAME.match(name):
                raise r.fail(f"'{name}' is not a variable name (letters and digits, optionally _index)", "variables")
        return names
    return _names(r, "variables")


def _declarations(r: TableReader) -> tuple[tuple[str, str], ...]:
    """`variables = { X = "matrix(n, d)", w = "vector(d)" }`: each declaration read as the checker
    reads it, so a bad one fails here, at its key."""
    given = r.get("variables", ())
    if not isinstance(given, dict):
        return ()
    for name, text in given.items():
        if not isinstance(text, str):
            raise r.fail(f"the declaration of '{name}' must be text such as \"vector(d)\"", "variables")
    try:
        declarations(given)
    except TutorError as err:
        raise r.fail(str(err), "variables") from None
    return tuple((str(k), str(v)) for k, v in given.items())


def _names(r: TableReader, key: str) -> tuple[str, ...]:
    names = r.texts(key, ())
    for name in names:
        if not _NAME.match(name):
            raise r.fail(f"'{name}' is not a variable name (letters and digits, optionally _index)", key)
    return names


def _tags(r: TableReader) -> TagsSpec:
    t = r.child(r.table_at("tags"), "tags")
    t.only(("week", "skills", "course"))
    week = t.integer("week", None)
    if week is not None and not 1 <= week <= 12:
        raise t.fail(f"week {week} is not a syllabus week (1 to 12)", "week")
    skills = t.texts("skills", ())
    course = t.text("course", None)
    t.finish()
    return TagsSpec(week, skills, course)


def _steps(r: TableReader) -> StepsKind | None:
    value = r.text("steps", None)
    if value is None:
        return None
    try:
        return StepsKind(value)
    except ValueError:
        kinds = ", ".join(f'"{k}"' for k in StepsKind)
        raise r.fail(f"steps must be one of {kinds}, not \"{value}\"", "steps") from None


def _wrt(r: TableReader, steps: StepsKind | None) -> tuple[str, ...]:
    wrt = r.texts("wrt", (), single_ok=True)
    if steps in (None, StepsKind.AUTO) and wrt:
        raise r.fail("'wrt' is only used with steps = \"derivative\" or \"gradient\" (with steps = \"auto\" "
                     "the variable comes from the answer, as in diff(f, x))", "wrt")
    if steps is StepsKind.DERIVATIVE and len(wrt) != 1:
        raise r.fail("steps = \"derivative\" needs one variable: wrt = \"x\"", "wrt")
    if steps is StepsKind.GRADIENT and not wrt:
        raise r.fail("steps = \"gradient\" needs its variables: wrt = [\"w\", \"b\"]", "wrt")
    for name in wrt:
        if not _NAME.match(name):
            raise r.fail(f"'{name}' is not a variable name", "wrt")
    return wrt


def _params(r: TableReader) -> tuple[ParamSpec, ...]:
    table = r.table_at("params", {})
    out = []
    for name, raw in table.items():
        if not _NAME.match(name):
            raise r.fail(f"'{name}' is not a usable parameter name (letters and digits, optionally "
                         "_index)", "params")
        if not isinstance(raw, dict) and name in PROBLEM_KEYS:
            raise r.fail(f"'{name}' is written after the [problems.params] header, so TOML reads it "
                         "as a parameter: move it above that header", "params")
        if not isinstance(raw, dict):
            raise r.fail(f"parameter '{name}' must be a table, e.g. {name} = {{ min = 1, max = 9 }}",
                         "params")
        out.append(_param(r.child(raw, "params", name), name))
    return tuple(out)


def _param(p: TableReader, name: str) -> ParamSpec:
    p.only(("min", "max", "step", "choices", "value", "nonzero", "exclude"))
    kinds = [k for k in ("min", "choices", "value") if k in p.table]
    if "max" in p.table and "min" not in p.table:
        kinds.append("min")
    if len(set(kinds)) != 1:
        what = "none" if not kinds else " and ".join(sorted(set(kinds)))
        raise p.fail(f"a parameter is exactly one of a range (min, max), choices or a value; "
                     f"'{name}' has {what}")
    nonzero = p.boolean("nonzero", False)
    exclude = tuple(to_fraction(v) for v in _numbers(p, "exclude"))
    if kinds[0] == "value":
        spec = ParamSpec(name, ParamKind.VALUE, value=p.text("value"))
        if nonzero or exclude:
            raise p.fail("nonzero and exclude apply to ranges and choices; use 'where' for a value",
                         "nonzero" if nonzero else "exclude")
    elif kinds[0] == "choices":
        spec = ParamSpec(name, ParamKind.CHOICES, choices=_choices(p), nonzero=nonzero, exclude=exclude)
    else:
        spec = _range(p, name, nonzero, exclude)
    p.finish()
    return spec


def _numbers(p: TableReader, key: str) -> list[int | float]:
    value = p.get(key, [])
    if not isinstance(value, list) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        raise p.fail("expected a list of numbers", key)
    return value


def _choices(p: TableReader) -> tuple[Fraction | str, ...]:
    raw = p.get("choices")
    if not isinstance(raw, list) or not raw:
        raise p.fail("choices must be a non-empty list", "choices")
    out: list[Fraction | str] = []
    for v in raw:
        if isinstance(v, bool) or not isinstance(v, (int, float, str)):
            raise p.fail("each choice is a number or a formula in quotes", "choices")
        out.append(v if isinstance(v, str) else to_fraction(v))
    return tuple(out)


def _range(p: TableReader, name: str, nonzero: bool, exclude: tuple[Fraction, ...]) -> ParamSpec:
    low, high = to_fraction(p.number("min")), to_fraction(p.number("max"))
    step = to_fraction(p.number("step", 1))
    if step <= 0:
        raise p.fail("step must be positive", "step")
    if high < low:
        raise p.fail(f"max ({high}) is below min ({low})", "max")
    if (high - low) / step > 10**6:
        raise p.fail("the range has more than a million values; use a larger step", "step")
    return ParamSpec(name, ParamKind.RANGE, low=low, high=high, step=step, nonzero=nonzero,
                     exclude=exclude)


_CHECK_TYPES: dict[str, tuple[str, tuple[type, ...]]] = {
    "rel_tol": ("a positive number", (int, float)),
    "abs_tol": ("a positive number", (int, float)),
    "sig_figs": ("a whole number", (int,)),
    "decimal_places": ("a whole number", (int,)),
    "ordered": ("true or false", (bool,)),
    "up_to_constant": ("a variable name", (str,)),
    "up_to_scalar": ("true or false", (bool,)),
    "up_to_sign": ("true or false", (bool,)),
    "in_terms_of": ("an operation name", (str,)),
    "endpoints_only": ("true or false", (bool,)),
    "time_budget": ("a positive number of seconds", (int, float)),
}


def _check(r: TableReader) -> CheckOptions:
    c = r.child(r.table_at("check", {}), "check")
    c.only((*_CHECK_TYPES, "form", "domain", "assume", "forbid"))
    values: dict[str, object] = {}
    for key, (what, types) in _CHECK_TYPES.items():
        value = c.get(key, None)
        if value is None:
            continue
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise c.fail(f"expected {what}", key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value <= 0:
            raise c.fail(f"expected {what}", key)
        values[key] = value
    values.update(_check_choices(c))
    c.finish()
    return CheckOptions(**values)  # type: ignore[arg-type]


def _check_choices(c: TableReader) -> dict[str, object]:
    out: dict[str, object] = {}
    form = c.text("form", None)
    if form is not None:
        try:
            out["form"] = AnswerForm(form)
        except ValueError:
            allowed = ", ".join(f.value for f in AnswerForm)
            raise c.fail(f"unknown form '{form}' (one of: {allowed})", "form") from None
    domain = c.text("domain", None)
    if domain is not None:
        if domain not in ("common", "strict"):
            raise c.fail(f"domain is \"common\" or \"strict\", not \"{domain}\"", "domain")
        out["domain"] = domain
    forbid = c.get("forbid", None)
    if forbid is not None:
        if not isinstance(forbid, list) or not all(isinstance(v, str) for v in forbid):
            raise c.fail('forbid lists operation names, e.g. ["det"]', "forbid")
        out["forbid"] = tuple(forbid)
    assume = c.table_at("assume", None)
    if assume is not None:
        if not all(isinstance(v, str) for v in assume.values()):
            raise c.fail("assume maps names to text, e.g. { x = \"positive\" }", "assume")
        out["assume"] = tuple(sorted(assume.items()))
    return out


def _hints(r: TableReader) -> tuple[HintSpec, ...]:
    raw = r.get("hints", [])
    if not isinstance(raw, list):
        raise r.fail("hints is a list of texts, or [[problems.hints]] tables", "hints")
    out = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            out.append(HintSpec(item))
            continue
        if not isinstance(item, dict):
            raise r.fail("each hint is a text or a table with level and text", "hints")
        h = r.child(item, "hints", i)
        h.only(("level", "text"))
        level = h.text("level", None)
        try:
            parsed = HintLevel(level) if level is not None else None
        except ValueError:
            allowed = ", ".join(lv.value for lv in HintLevel)
            raise h.fail(f"unknown hint level '{level}' (one of: {allowed})", "level") from None
        out.append(HintSpec(h.text("text"), parsed))
        h.finish()
    return tuple(out)


def _feedback(r: TableReader) -> tuple[FeedbackSpec, ...]:
    out = []
    for i, table in r.tables("feedback"):
        f = r.child(table, "feedback", i)
        f.only(("answer", "note", "message"))
        answer, note = f.text("answer", None), f.text("note", None)
        if (answer is None) == (note is None):
            raise f.fail("a feedback entry has exactly one of 'answer' (a formula) or 'note' "
                         "(a checker note code)")
        out.append(FeedbackSpec(i, f.text("message"), answer, note))
        f.finish()
    return tuple(out)


def _parts(r: TableReader) -> tuple[PartSpec, ...]:
    """`[[problems.parts]]`: each a prompt, an answer and its own check, hints and tests."""
    out = []
    for i, table in r.tables("parts"):
        p = r.child(table, "parts", i)
        p.only(("prompt", "answer", "check", "hints", "tests"))
        out.append(PartSpec(i, p.text("prompt"), p.text("answer"), _check(p), _hints(p), _tests(p)))
        p.finish()
    return tuple(out)


def _tests(r: TableReader) -> tuple[TestSpec, ...]:
    out = []
    for i, table in r.tables("tests"):
        t = r.child(table, "tests", i)
        t.only(("response", "status", "note", "feedback"))
        response = t.get("response")
        if not isinstance(response, str):
            raise t.fail("expected the response as text in quotes", "response")
        status = t.text("status")
        try:
            parsed = TestStatus(status)
        except ValueError:
            raise t.fail(f"status is correct, incorrect or invalid, not \"{status}\"", "status") from None
        out.append(TestSpec(i, response, parsed, t.text("note", None), t.text("feedback", None)))
        t.finish()
    return tuple(out)
