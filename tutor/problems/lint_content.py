"""Content rules of `tutor lint`: what one instance's prompt, hints and solution say must be true.

Each rule looks at one seeded instance and returns messages (empty when it passes):

* `answer_leaks`: no hint before the last, and no line of an authored solution before its
  last, states the instance's answer (in any form that checks as the answer);
* `false_equations`: every equation between numbers in an authored hint holds for this
  seed ("z = (149/3 − 48)/5/3 = 1" does not), and eigenvectors named in a hint pair with the
  eigenvalues the hint lists (a hint written for one sign of a parameter is false for the other);
* `off_prompt`: the step engine's ladder is about the expression the prompt shows
  (the prompt showing x³/e^(2x) while the ladder works on x³·e^(−2x) fails);
* `degenerate`: a triangular matrix where eigenvalues (or the characteristic polynomial)
  are asked, whose eigenvalues can be read off the diagonal;
* `frozen_numbers`: a number written into a hint by hand that is this seed's value of a
  parameter that changes from seed to seed (or of the answer): a value copied from one seed,
  so the hint is wrong for the others; compute it with a `{name}` placeholder;
* `unsimplified_prompt`: the prompt, filled in for this seed, shows what a teacher would not
  write: a factor 1 (1·bᵀw), a power 1 (p^1), a term 0 (x − 0), two signs in a row (+ −3) or a
  positive number in brackets ((3)·R₁); the placeholder belongs in `` `math` ``, which is
  simplified as it is filled in.

>>> from pathlib import Path
>>> from tutor.problems.loader import load_problem_set
>>> fixtures = Path(__file__).resolve().parents[2] / "tests/fixtures/problems"
>>> instance = load_problem_set(fixtures / "probability/dice.toml").problems[0].instantiate(0)
>>> content_failures(instance)
[]
"""
from __future__ import annotations

import random
import re
from typing import Any

import sympy

from tutor.errors import TutorError

# the characters of an arithmetic expression between numbers ("(149/3 − 48)/5/3", "6/√16")
_NUMERIC = "0-9()+\\-−*/·×^√. "
_TRAILING = re.compile(f"[{_NUMERIC}]+$")
_LEADING = re.compile(f"^[{_NUMERIC}]+")
_VECTOR = re.compile(r"[(\[]\s*(−?-?\d+(?:\.\d+)?)\s*,\s*(−?-?\d+(?:\.\d+)?)\s*(?:,\s*(−?-?\d+(?:\.\d+)?)\s*)?[)\]]")
_NUMBER = re.compile(r"(?<![\w.^/])−?-?\d+(?:\.\d+)?(?:/\d+)?(?![\w.^(])")
_EIGEN_FORMULA = re.compile(r"\b(?:eigenvalues|charpoly)\s*\(\s*(\w+)")
_NUMBER_ONLY = re.compile(r"^[−-]?\d+(?:\.\d+)?(?:/\d+)?$")
_POINTS = 3


def content_failures(instance: Any) -> list[str]:
    """Every content rule's messages for one instance (see the module).

    >>> from pathlib import Path
    >>> from tutor.problems.loader import load_problem_set
    >>> broken = Path(__file__).resolve().parents[2] / "tests/fixtures/broken_problems"
    >>> content_failures(load_problem_set(broken / "off_prompt.toml").problems[0].instantiate(0))[0][:40]
    'the steps work on x⁴·e^(−2x), which the '
    """
    out: list[str] = []
    for rule in (answer_leaks, false_equations, off_prompt, degenerate, frozen_numbers, unsimplified_prompt):
        out.extend(rule(instance))
    return out


# ----- the answer stated too early


def answer_leaks(instance: Any) -> list[str]:
    """Hints before the last, and authored solution lines before the last, that state the answer.

    A number is confirmed on two more seeds (the same hint states their answers too), so that an
    intermediate value that happens to equal the answer on one seed is not reported.

    >>> from pathlib import Path
    >>> from tutor.problems.loader import load_problem_set
    >>> broken = Path(__file__).resolve().parents[2] / "tests/fixtures/broken_problems"
    >>> answer_leaks(load_problem_set(broken / "answer_in_hint.toml").problems[0].instantiate(0))[0][:46]
    'hint 2 states the answer before the last hint:'
    """
    out = []
    texts = [h.text for h in instance.hints()][:-1]
    for i, j in _leaks(texts, instance):
        if _confirmed(instance, lambda other: [h.text for h in other.hints()][:-1], i, j):
            out.append(f"hint {i + 1} states the answer before the last hint: '{_short(texts[i])}'")
    if instance.definition.solution is not None:
        lines = _solution_lines(instance)[:-1]
        for i, j in _leaks(lines, instance):
            if _confirmed(instance, lambda other: _solution_lines(other)[:-1], i, j):
                out.append(f"solution line {i + 1} states the answer before the last line: '{_short(lines[i])}'")
    return out


def _solution_lines(instance: Any) -> list[str]:
    return [line for line in instance.render(instance.definition.solution).splitlines() if line.strip()]


def _leaks(texts: list[str], instance: Any) -> list[tuple[int, int]]:
    """(text, fragment) positions that state the answer."""
    return [(i, j) for i, text in enumerate(texts) for j in _answer_fragments(text, instance)]


def _confirmed(instance: Any, texts_of: Any, i: int, j: int) -> bool:
    if not getattr(instance.answer, "is_number", False):
        return True
    for seed in (instance.seed + 1, instance.seed + 2):
        try:
            other = instance.problem.instantiate(seed)
        except TutorError:
            continue
        texts = texts_of(other)
        if other.answer != instance.answer and (i >= len(texts) or j not in _answer_fragments(texts[i], other)):
            return False
    return True


def _answer_fragments(text: str, instance: Any) -> list[int]:
    """The indexes of the right-hand sides of `text` that are the instance's answer."""
    answer = instance.answer
    if not isinstance(answer, sympy.Expr) or answer.is_number and _small_integer(answer):
        return []  # a matrix, a set, or a number like 2 that any intermediate step may equal
    required = instance.definition.check.in_terms_of
    out = []
    for j, fragment in enumerate(_right_sides(text)):
        value = _parse(fragment, instance)
        if value is None or answer.is_number and not _NUMBER_ONLY.match(fragment):
            continue  # for a number, the arithmetic still to do ("0.72·0.2 + 0.1·0.8") is not the answer
        if required and not _uses(value, required):
            continue
        if _equal(value, answer):
            out.append(j)
    return out


def _right_sides(text: str) -> list[str]:
    """What follows each "=" up to the end of its clause."""
    out = []
    for piece in text.split("=")[1:]:
        clause = re.split(r"[;:]|,\s|\.\s|\.$| — | \(with| for | when | so | where ", piece)[0].strip()
        if clause:
            out.append(clause)
    return out


def _uses(value: sympy.Basic, function: Any) -> bool:
    names = {str(function), "sigma"} if str(function) == "sigmoid" else {str(function)}
    return any(type(f).__name__ in names for f in value.atoms(sympy.Function)) or any(
        s.name in names for s in value.free_symbols)


def _equal(value: sympy.Basic, answer: sympy.Expr) -> bool:
    variants = [answer]
    sig = [f for f in answer.atoms(sympy.Function) if type(f).__name__ == "sigmoid"]
    if sig:
        variants.append(answer.xreplace({f: sympy.Symbol("sigma") for f in sig}))
    for variant in variants:
        names = {s.name for s in variant.free_symbols}
        if {s.name for s in value.free_symbols} != names:
            continue
        if _numerically_equal(value, variant):
            return True
    return False


def _numerically_equal(a: sympy.Basic, b: sympy.Basic) -> bool:
    rng = random.Random(7)
    symbols = sorted({s.name for s in a.free_symbols | b.free_symbols})
    for _ in range(_POINTS):
        point = {name: rng.uniform(0.3, 1.7) for name in symbols}
        try:
            x = complex(a.subs({s: point[s.name] for s in a.free_symbols}).evalf(15))
            y = complex(b.subs({s: point[s.name] for s in b.free_symbols}).evalf(15))
        except (TypeError, ValueError, ArithmeticError):
            return False
        if abs(x - y) > 1e-9 * max(1.0, abs(y)):
            return False
    return True


def _small_integer(value: sympy.Expr) -> bool:
    return bool(value.is_Integer) and abs(int(value)) < 10


# ----- equations that are false for some seeds


def false_equations(instance: Any) -> list[str]:
    """Equations between numbers, and eigenvector pairings, in authored hints that are false here.

    >>> from pathlib import Path
    >>> from tutor.problems.loader import load_problem_set
    >>> broken = Path(__file__).resolve().parents[2] / "tests/fixtures/broken_problems"
    >>> problem = load_problem_set(broken / "eigen_pairing.toml").problems[0]
    >>> [m for seed in range(6) for m in false_equations(problem.instantiate(seed))][0][:31]
    'hint 3 pairs the eigenvalue ...'
    """
    out = []
    for i, hint in enumerate(instance.definition.hints, 1):
        text = instance.render(hint.text)
        for left, right in _number_equations(text):
            out.append(f"hint {i} says {left} = {right}, which is false for this seed "
                       "(compute the numbers of a hint from the parameters)")
        out.extend(f"hint {i} {problem}" for problem in _eigen_pairings(text, instance))
    return out


def _number_equations(text: str) -> list[tuple[str, str]]:
    """(left, right) of each false equation between two numeric expressions in `text`."""
    pieces = text.split("=")
    wrong = []
    for before, after in zip(pieces, pieces[1:]):
        left, right = _operand(before, trailing=True), _operand(after, trailing=False)
        if left is None or right is None:
            continue
        a, b = _number(left), _number(right)
        if a is None or b is None:
            continue
        decimals = max(_decimals(left), _decimals(right))
        tolerance = 0.5 * 10 ** -decimals * 1.01 if decimals else 1e-9 * max(1.0, abs(b))
        if abs(a - b) > tolerance:
            wrong.append((left, right))
    return wrong


def _operand(text: str, trailing: bool) -> str | None:
    """The numeric expression just before (`trailing`) or just after an "=", or None."""
    match = (_TRAILING if trailing else _LEADING).search(text)
    if match is None:
        return None
    run = match.group(0)
    stripped = run.strip()
    if trailing:
        while stripped.startswith("(") and stripped.count("(") > stripped.count(")"):
            stripped = stripped[1:].lstrip()  # "(so z = ..." opens a bracket the equation is inside
        before = text[:match.start()]
        if before and not run[:1].isspace() and not before[-1].isspace() and before[-1] not in ":,;[{":
            return None  # "x2", "f′(2)": the run is part of a name or a function's argument
        if stripped[:1] in "−-" and before.rstrip()[-1:].isalnum():
            return None  # "x − 3 = 5": the minus belongs to a longer expression
        if not (stripped[:1].isdigit() or stripped[:1] in "(√−-"):
            return None
    else:
        while stripped.endswith(")") and stripped.count(")") > stripped.count("("):
            stripped = stripped[:-1].rstrip()
        stripped = stripped.rstrip(".,").rstrip()
        after = text[match.end():]
        if after and not run[-1:].isspace() and (after[0].isalpha() or after[0] in "²³_("):
            return None  # "= 2x", "= 3²": the number is part of a longer expression
        if not (stripped[:1].isdigit() or stripped[:1] in "(√−-"):
            return None
    if not any(c.isdigit() for c in stripped) or stripped.count("(") != stripped.count(")"):
        return None
    return stripped


def _number(text: str) -> float | None:
    from tutor.parser import parse

    try:
        value = parse(text).expr
        return float(value) if value.is_number and value.is_real else None
    except (TutorError, TypeError, ValueError, AttributeError):
        return None


def _decimals(text: str) -> int:
    found = re.findall(r"\.(\d+)", text)
    return max((len(d) for d in found), default=0)


def _eigen_pairings(text: str, instance: Any) -> list[str]:
    if "eigenvector" not in text.lower():
        return []
    vectors: list[list[float]] = []
    for match in _VECTOR.finditer(text):
        entries = [_number(x) for x in match.groups() if x is not None]
        numbers = [e for e in entries if e is not None]
        if len(numbers) == len(entries) and any(numbers):
            vectors.append(numbers)
    first = _VECTOR.search(text)
    if not vectors or first is None:
        return []
    found = [_pairing(matrix, vectors, text[:first.start()])
             for matrix in _square_matrices(instance) if matrix.rows == len(vectors[0])]
    if not found or any(not problems for problems, _ in found):
        return []  # no matrix here, or the hint is true of one of them
    paired = [problems for problems, all_eigen in found if all_eigen]
    return paired[0] if paired else found[0][0]


def _pairing(matrix: sympy.Matrix, vectors: list[list[float]], head: str) -> tuple[list[str], bool]:
    """What is false of `vectors` as eigenvectors of `matrix`, paired in order with the eigenvalues
    listed in `head`; and whether every vector is an eigenvector at all."""
    eigen = [complex(k) for k in matrix.eigenvals()]
    listed: list[float] = []
    for token in _NUMBER.findall(head):
        value = _number(token)
        if value is not None and any(abs(value - e) < 1e-9 for e in eigen) and value not in listed:
            listed.append(value)
    out, all_eigen = [], True
    for i, v in enumerate(vectors):
        image = matrix * sympy.Matrix(v)
        k = next(j for j in range(len(v)) if v[j])
        ratio = image[k] / v[k]
        ratios = {complex(ratio)} if all(abs(complex(image[j] - ratio * v[j])) < 1e-9
                                         for j in range(len(v))) else set()
        shown = ", ".join(_show(x) for x in v)
        if len(ratios) != 1:
            all_eigen = False
            out.append(f"names ({shown}) as an eigenvector, but it is not one of {_show_matrix(matrix)} "
                       "for this seed")
        elif len(listed) == len(vectors) and abs(ratios.pop() - listed[i]) > 1e-9:
            out.append(f"pairs the eigenvalue {_show(listed[i])} with ({shown}), which is false for this "
                       "seed (the pairing depends on the parameters)")
    return out, all_eigen


def _square_matrices(instance: Any) -> list[sympy.Matrix]:
    values = [v for v in instance.values.values() if isinstance(v, sympy.MatrixBase)]
    return [sympy.Matrix(v) for v in values if v.rows == v.cols and v.rows >= 2 and not v.free_symbols]


def _show(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _show_matrix(m: sympy.Matrix) -> str:
    return "[" + ", ".join("[" + ", ".join(str(e) for e in m.row(i)) + "]" for i in range(m.rows)) + "]"


# ----- the ladder and the prompt


def off_prompt(instance: Any) -> list[str]:
    """The step engine's expression must be the one the prompt shows (up to the order of terms).

    >>> from pathlib import Path
    >>> from tutor.problems.loader import load_problem_set
    >>> broken = Path(__file__).resolve().parents[2] / "tests/fixtures/broken_problems"
    >>> off_prompt(load_problem_set(broken / "off_prompt.toml").problems[0].instantiate(0))[0][-41:]
    'write the question as the prompt shows it'
    """
    expr = getattr(instance.derivation, "expr", None)
    if expr is None:
        return []
    from tutor.steps.text import to_text

    shown = _squeezed(to_text(expr))
    prompt = _squeezed(instance.prompt)
    if shown in prompt:
        return []
    # the same characters in another order (terms reordered: 1 − 2x and −2x + 1); a minus, a
    # division or a power written differently (x³/e^(2x) for x³·e^(−2x)) is another expression
    bag = sorted(_PLAIN.sub("", shown))
    plain = _PLAIN.sub("", prompt)
    if any(sorted(plain[i:i + len(bag)]) == bag for i in range(len(plain) - len(bag) + 1)):
        return []
    return [f"the steps work on {to_text(expr)}, which the prompt does not show (the prompt: "
            f"'{_short(instance.prompt)}'); write the question as the prompt shows it"]


_PLAIN = re.compile(r"[+()]")


def _squeezed(text: str) -> str:
    return re.sub(r"[\s·*]", "", text)


# ----- degenerate instances


def degenerate(instance: Any) -> list[str]:
    """A triangular matrix whose eigenvalues (or characteristic polynomial) are asked.

    >>> from pathlib import Path
    >>> from tutor.problems.loader import load_problem_set
    >>> broken = Path(__file__).resolve().parents[2] / "tests/fixtures/broken_problems"
    >>> degenerate(load_problem_set(broken / "triangular_eigenvalues.toml").problems[0].instantiate(0))[0][-46:]
    'the parameters (where = ...) so that it is not'
    """
    out = []
    for name in _EIGEN_FORMULA.findall(instance.definition.spec.answer):
        value = instance.values.get(name)
        if not isinstance(value, sympy.MatrixBase) or value.rows != value.cols or value.rows < 2:
            continue
        if not value.free_symbols and (value.is_upper or value.is_lower):
            out.append(f"{name} = {_show_matrix(sympy.Matrix(value))} is triangular: its eigenvalues are read "
                       "off the diagonal; constrain the parameters (where = ...) so that it is not")
    return out


def _parse(fragment: str, instance: Any) -> sympy.Basic | None:
    from tutor.parser import parse

    names = [s.name for s in getattr(instance.answer, "free_symbols", ())]
    try:
        return parse(fragment, variables=names or None).expr
    except (TutorError, TypeError, ValueError):
        return None


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


# ----- numbers copied from one seed into a hint


_LITERAL = re.compile(r"(?<![\w.^/])\d+(?:\.\d+|/\d+)?(?![\w^(/])(?!\.\d)")


def frozen_numbers(instance: Any) -> list[str]:
    """Hand-written numbers in authored hints that are this seed's value of something that varies.

    Only numbers that could not be a fixed part of the question are looked at: decimals,
    fractions and integers from 100 up that the prompt does not also write literally.

    >>> from pathlib import Path
    >>> from tutor.problems.loader import load_problem_set
    >>> broken = Path(__file__).resolve().parents[2] / "tests/fixtures/broken_problems"
    >>> problem = load_problem_set(broken / "frozen_number.toml").problems[0]
    >>> [m for seed in range(25) for m in frozen_numbers(problem.instantiate(seed))][0][:40]
    'hint 2 writes 2.5 by hand, which is the '
    """
    d = instance.definition
    fixed = set(_literal_numbers(_literal_text(d.prompt)))
    varying = _varying_values(instance)
    out = []
    for i, hint in enumerate(d.hints, 1):
        for number in _literal_numbers(_literal_text(hint.text)):
            if number in fixed or (number.is_integer and abs(number) < 100):
                continue
            names = [name for name, value in varying if value == number]
            if names:
                out.append(f"hint {i} writes {_show_number(number)} by hand, which is the value of "
                           f"{names[0]} for this seed only: write {{{names[0]}}} instead")
    return out


def _literal_text(template: Any) -> str:
    """The text an author wrote by hand: not placeholders, not `math`."""
    return " ".join(part for part in template.parts if isinstance(part, str))


def _literal_numbers(text: str) -> list[sympy.Rational]:
    return [sympy.Rational(m.group(0)) for m in _LITERAL.finditer(text)]


def _varying_values(instance: Any) -> list[tuple[str, sympy.Rational]]:
    """(name, value) of every numeric parameter that changes with the seed, and of the answer."""
    changing: set[sympy.Symbol] = set()
    for param in instance.definition.params:
        free: set[sympy.Basic] = getattr(param.formula, "free_symbols", set())
        if param.variety > 1 or free & changing:
            changing.add(param.symbol)
    values = instance.params.values
    out = [(p.name, values[p.symbol]) for p in instance.definition.params
           if p.symbol in changing and getattr(values.get(p.symbol), "is_Rational", False)]
    if changing and getattr(instance.answer, "is_Rational", False):
        out.append(("answer", instance.answer))
    return [(name, sympy.Rational(value)) for name, value in out]


def _show_number(number: sympy.Rational) -> str:
    return str(number) if number.q == 1 or number.q not in (2, 4, 5, 8, 10, 20, 25, 50, 100) else \
        f"{float(number):g}"


# ----- a prompt filled in as a teacher would not write it

_UNSIMPLIFIED = re.compile(
    r"(?P<zero>[+−-] 0(?![\d.,]))"                       # x − 0
    r"|(?P<one>(?<![\d.,])1·(?=[A-Za-zσ(‖|]))"           # 1·bᵀw, 1·‖w‖² (a coefficient 1)
    r"|(?P<power>\^1(?![\d.])|(?<![⁻⁰¹²³⁴-⁹])¹(?![⁰¹²³⁴-⁹]))"   # p^1, p¹ (not B⁻¹, (1 − p)¹², x²¹)
    r"|(?P<signs>[+−] [−-])"                              # + −3, − −3
    r"|(?P<bracket>\(\d+(?:\.\d+)?\)·)")                    # (3)·R₁


def unsimplified_prompt(instance: Any) -> list[str]:
    """The prompt filled in for this seed, where it shows a factor 1, a power 1, a term 0, two
    signs in a row or a positive number in brackets.

    >>> from types import SimpleNamespace
    >>> unsimplified_prompt(SimpleNamespace(prompt="Minimise (x − 3)² + (x − 0)²."))
    ["the prompt shows '− 0' here (…imise (x − 3)² + (x − 0)².): write the formula in `math`, which is simplified as it is filled in"]
    >>> unsimplified_prompt(SimpleNamespace(prompt="det(A B⁻¹) = 0.1·‖w‖² + 2·x + (1 − p)¹² + x²¹"))
    []
    >>> [m.split(" here")[0] for m in unsimplified_prompt(SimpleNamespace(prompt="L = ‖y‖² + 1·‖w‖² + p¹"))]
    ["the prompt shows '1·'", "the prompt shows '¹'"]
    """
    out = []
    for match in _UNSIMPLIFIED.finditer(instance.prompt):
        around = instance.prompt[max(0, match.start() - 20):match.end() + 5]
        out.append(f"the prompt shows {match.group()!r} here (…{around}): write the formula in `math`, "
                   "which is simplified as it is filled in")
    return out
