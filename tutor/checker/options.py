"""What a check may be asked to do: `CheckOptions`, built and validated from keyword options.

Every option is optional; the defaults are the policy of ``design/checking.md`` (real
variables, common-domain equivalence, exact decimals). Bad options raise `CheckError` with a
message that names the option and what it accepts.

>>> opts = CheckOptions.from_kwargs(form="factored", rel_tol=0.01)
>>> opts.form, opts.rel_tol
(<Form.FACTORED: 'factored'>, Fraction(1, 100))
>>> CheckOptions.from_kwargs(tolerance=1)
Traceback (most recent call last):
...
tutor.errors.CheckError: Unknown option 'tolerance'. Did you mean 'rel_tol'? Options: variables, form, rel_tol, abs_tol, sig_figs, decimal_places, ordered, up_to_constant, require_constant, up_to_scalar, up_to_sign, domain, assume, question, time_budget, complex_numbers, reveal, forbid, in_terms_of, endpoints_only.
"""
from __future__ import annotations

import difflib
import math
import numbers
from dataclasses import field, fields
from enum import Enum, StrEnum
from fractions import Fraction
from typing import Any, Mapping

import sympy

from tutor.assumptions import Assumption
from tutor.checker.forbid import canonical
from tutor.errors import CheckError
from tutor.linalg.declare import Declaration, declarations
from tutor.values import frozen

TIME_BUDGET = 2.0   # seconds per check unless an option says otherwise
MAX_TIME_BUDGET = 3600.0   # seconds: longer is a mistake (10**400 cannot even be waited for)


class Form(StrEnum):
    """A required form, checked on what the learner typed (apart from equivalence)."""

    EXPANDED = "expanded"
    FACTORED = "factored"
    SINGLE_FRACTION = "single_fraction"
    LOWEST_TERMS = "lowest_terms"
    EXACT = "exact"
    SIMPLIFIED = "simplified"


class Domain(StrEnum):
    """`common`: equal wherever both are defined; `strict`: also defined wherever expected is."""

    COMMON = "common"
    STRICT = "strict"


@frozen
class CheckOptions:
    """Validated check options (see `tutor.check` for what each means)."""

    variables: tuple[str, ...] | None = None
    form: Form | None = None
    rel_tol: Fraction | None = None
    abs_tol: Fraction | None = None
    sig_figs: tuple[int, int] | None = None
    decimal_places: int | None = None
    ordered: bool | None = None
    up_to_constant: str | None = None
    require_constant: bool = True
    up_to_scalar: bool = False
    up_to_sign: bool = False
    domain: Domain = Domain.COMMON
    assume: tuple[tuple[str, Assumption], ...] = ()
    question: sympy.Basic | None = None
    time_budget: float = TIME_BUDGET
    complex_numbers: bool = False
    reveal: bool = False    # put the instructors' details (Verdict.details) in the feedback too
    forbid: tuple[str, ...] = ()    # registry operations an answer may not contain (tutor.checker.forbid)
    in_terms_of: str | None = None  # a registry operation the answer must be written in (a form)
    endpoints_only: bool = False    # intervals: grade the endpoints, not which ends are included
    # filled from `variables` given as a mapping (not an option of its own)
    declarations: tuple[tuple[str, Declaration], ...] = field(default=(), metadata={"option": False})

    @classmethod
    def from_kwargs(cls, **options: Any) -> CheckOptions:
        """Validate keyword options (as given to `tutor.check`) into `CheckOptions`."""
        names = option_names()
        values: dict[str, Any] = {}
        options = _split_declarations(options)
        for key, value in options.items():
            if key == "declarations":
                values[key] = value
                continue
            if key not in names:
                hint = difflib.get_close_matches(key, names + ["tolerance"], n=1)
                hint = [h if h != "tolerance" else "rel_tol" for h in hint]
                did = f" Did you mean '{hint[0]}'?" if hint else ""
                raise CheckError(f"Unknown option '{key}'.{did} Options: {', '.join(names)}.")
            if value is not None:
                values[key] = _CONVERT.get(key, _identity)(key, value)
        opts = cls(**values)
        opts._validate()
        return opts

    @property
    def tolerant(self) -> bool:
        """Whether a numeric tolerance of any kind applies."""
        return any(v is not None for v in (self.rel_tol, self.abs_tol, self.sig_figs,
                                            self.decimal_places))

    def assumption(self, name: str) -> Assumption:
        """The assumption on a variable (``real`` unless `assume` says otherwise)."""
        for key, value in self.assume:
            if key == name:
                return value
        return Assumption.REAL

    @property
    def shapes(self) -> dict[str, Declaration]:
        """Name → declaration, for the names the `variables` mapping declared.

        >>> CheckOptions.from_kwargs(variables={"w": "vector(d)"}).shapes["w"].shape
        ('d', 1)
        """
        return dict(self.declarations)

    def _validate(self) -> None:
        if self.time_budget <= 0:
            raise CheckError("The option time_budget must be a positive number of seconds.")
        if self.up_to_scalar and self.up_to_sign:
            raise CheckError("Use either up_to_scalar or up_to_sign, not both.")
        if self.sig_figs and self.decimal_places is not None:
            raise CheckError("Use either sig_figs or decimal_places, not both.")


def _split_declarations(options: dict[str, Any]) -> dict[str, Any]:
    """`variables` given as a mapping name → declaration: the names, the declarations, and the
    scalar assumptions merged into `assume` (a name with two different assumptions is an error)."""
    given = options.get("variables")
    if not isinstance(given, Mapping):
        return options
    decls = declarations(given)
    out = dict(options)
    out["variables"] = tuple(decls)
    assume = dict(options.get("assume") or {})
    if not isinstance(options.get("assume") or {}, Mapping):
        return out  # the assume option reports its own error
    for name, decl in decls.items():
        if name in assume:
            said = str(assume[name]).strip().lower()
            if decl.is_array or decl.assumption is None or said != decl.assumption:
                raise CheckError(f"'{name}' is declared {given[name]!r} in variables but assumed {said!r} "
                                 "in assume: give one declaration.")
        elif decl.assumption is not None:
            assume[name] = decl.assumption
    if assume:
        out["assume"] = assume
    kept = tuple(sorted((n, d) for n, d in decls.items() if d.assumption is None and d.kind.value != "scalar"))
    if kept:
        out["declarations"] = kept
    return out


def option_names() -> list[str]:
    """The names of the check options, in order (the fields of `CheckOptions` that are options).

    >>> option_names()[:2], "declarations" in option_names()
    (['variables', 'form'], False)
    """
    return [f.name for f in fields(CheckOptions) if f.metadata.get("option", True)]


def _identity(key: str, value: Any) -> Any:
    return value


def _names(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    try:
        names = tuple(str(v) if not isinstance(v, sympy.Symbol) else v.name for v in value)
    except TypeError:
        raise CheckError(f"The option {key} must be a list of variable names.") from None
    return names


def _enum(enum: type[Enum]) -> Any:
    def convert(key: str, value: Any) -> Any:
        try:
            return enum(str(value).strip().lower().replace("-", "_").replace(" ", "_"))
        except ValueError:
            choices = ", ".join(m.value for m in enum)
            raise CheckError(f"The option {key} must be one of: {choices} (got {value!r}).") from None
    return convert


def _tolerance(key: str, value: Any) -> Fraction:
    try:
        tol = Fraction(repr(value)) if isinstance(value, float) else Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        raise CheckError(f"The option {key} must be a non-negative number (got {value!r}).") from None
    if tol < 0:
        raise CheckError(f"The option {key} must be a non-negative number (got {value!r}).")
    return tol


def _count(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CheckError(f"The option {key} must be a whole number >= 0 (got {value!r}).")
    return value


def _sig_figs(key: str, value: Any) -> tuple[int, int]:
    """n (written with n figures, accurate to n) or (n, m): n written, accurate to m;
    m = 0 checks only the figures written, m = -1 allows more than n figures."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        n, m = value
        if isinstance(n, int) and isinstance(m, int) and n >= 1 and -1 <= m <= n:
            return (n, m)
    elif isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return (value, value)
    raise CheckError("The option sig_figs must be a whole number >= 1, or a pair (n, m) with "
                     f"-1 <= m <= n (got {value!r}).")


def _flag(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise CheckError(f"The option {key} must be true or false (got {value!r}).")
    return value


def _name(key: str, value: Any) -> str:
    name = value.name if isinstance(value, sympy.Symbol) else value
    if not isinstance(name, str) or not name.strip():
        raise CheckError(f"The option {key} must be a variable name (got {value!r}).")
    return name.strip()


def _forbid(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if not isinstance(value, (list, tuple)):
        raise CheckError(f"The option {key} must be a list of operation names, e.g. [\"exp\"].")
    return canonical(value)


def _operation(key: str, value: Any) -> str:
    return canonical([value] if isinstance(value, str) else [repr(value)], key)[0]


def _assume(key: str, value: Any) -> tuple[tuple[str, Assumption], ...]:
    if not isinstance(value, Mapping):
        raise CheckError('The option assume must map names to assumptions, e.g. {"x": "positive"}.')
    convert = _enum(Assumption)
    return tuple(sorted((_name(key, k), convert(f"assume[{k!r}]", v)) for k, v in value.items()))


def _question(key: str, value: Any) -> sympy.Basic:
    from tutor.parser import Parsed, parse

    if isinstance(value, Parsed):
        return value.value
    if isinstance(value, str):
        return parse(value).value
    if isinstance(value, sympy.Basic):
        return value
    raise CheckError(f"The option question must be text or a SymPy expression (got {value!r}).")


def _budget(key: str, value: Any) -> float:
    """A time budget in seconds: a finite number above 0 and at most `MAX_TIME_BUDGET`.

    >>> _budget("time_budget", 1)
    1.0
    >>> _budget("time_budget", 10**400)
    Traceback (most recent call last):
      ...
    tutor.errors.CheckError: The option time_budget must be at most 3600 seconds (got 1000…0, 401 digits).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise CheckError(f"The option time_budget must be a number of seconds (got {_shown(value)}).")
    try:
        seconds = float(value)
    except (OverflowError, ValueError, TypeError):
        seconds = math.inf
    if math.isnan(seconds) or seconds <= 0:
        raise CheckError(f"The option time_budget must be a positive number of seconds (got {_shown(value)}).")
    if seconds > MAX_TIME_BUDGET:
        raise CheckError(f"The option time_budget must be at most {MAX_TIME_BUDGET:g} seconds "
                         f"(got {_shown(value)}).")
    return seconds


def _shown(value: Any) -> str:
    """A value as it can be shown in a message: a huge number is shortened."""
    text = repr(value)
    if isinstance(value, int) and len(text) > 20:
        return f"{text[:4]}…{text[-1]}, {len(text)} digits"
    return text if len(text) <= 60 else text[:57] + "..."


_CONVERT = {
    "variables": _names,
    "form": _enum(Form),
    "rel_tol": _tolerance,
    "abs_tol": _tolerance,
    "sig_figs": _sig_figs,
    "decimal_places": _count,
    "ordered": _flag,
    "up_to_constant": _name,
    "require_constant": _flag,
    "up_to_scalar": _flag,
    "up_to_sign": _flag,
    "domain": _enum(Domain),
    "assume": _assume,
    "question": _question,
    "time_budget": _budget,
    "complex_numbers": _flag,
    "reveal": _flag,
    "forbid": _forbid,
    "in_terms_of": _operation,
    "endpoints_only": _flag,
}
