"""The parser against STACK's input fixtures (../shared/oracles): same verdict where our notation agrees.

STACK (the Moodle question type built on Maxima) publishes what students typed, whether it accepted
it, and how it read it (`cas_string`, Maxima syntax with every ``*`` written). For every row where
our notation agrees with STACK's we must accept or refuse the same, and read the same value. Rows
where we deliberately read differently are listed in `DIFFERENCES` with a one-line reason each
(summarised in docs/parser_differences.md); for those we only require a clean outcome.

STACK's reading is converted by `stack_to_ours`: a few Maxima-only wrappers are rewritten
(``dispdp(0.20,2)`` → ``0.20``, ``lg(x,b)`` → ``log(x, b)``, ...), and the result is read by our
own parser with every Maxima name declared, so a multi-letter name stays one name and ``f(x)``
is a call, as in Maxima. Nothing is evaluated by SymPy from text.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

import tutor
from parser_table import learner_words
from tutor.errors import ParseError

ORACLES = Path(__file__).resolve().parents[2] / "shared" / "oracles"
if not ORACLES.is_dir():
    pytest.skip(f"STACK oracle tables not found at {ORACLES} (../shared is absent)",
                allow_module_level=True)



@dataclass(frozen=True)
class Case:
    """One STACK row: what was typed, whether STACK accepted it, and its reading in Maxima."""

    key: str
    raw: str
    stack_accepts: bool
    stack_reading: str | None


def _validation_key(row: dict) -> str:
    group = {"rawdata": "validation", "rawdataunits": "units"}.get(row["array"])
    return f"{group}/{row['index']}" if group else f"decimals{row['decimals']}/{row['index']}"


def _load() -> list[Case]:
    cases = []
    for line in (ORACLES / "stack_input_validation.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        accepts = row["php_valid"] == "php_true" and row["cas_valid"] == "cas_true"
        cases.append(Case(_validation_key(row), row["raw"], accepts,
                          row["cas_string"] if accepts else None))
    for line in (ORACLES / "stack_corrective_parser.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        cases.append(Case(f"corrective/{row['index']}", row["raw"], row["parsed"] is not None,
                          row["parsed"]))
    return cases


CASES = _load()

# ---- where we deliberately read differently, and why ------------------------------------------

SPACE = "a space between factors is multiplication for us (x y, 2 x); STACK refuses spaces"
BARE = "`sin x` is sin(x) for us (the issue asks for it); STACK refuses function application by space"
SUPERSCRIPT = "unicode superscripts (x², sin²(x)) are powers for us; STACK forbids the characters"
TRIG_INVERSE = "`sin^-1(x)` is asin(x) for us (the issue asks for it); STACK refuses it"
CHAIN = "an inequality chain 1 < x < 3 is one answer for us; STACK refuses chains"
PERCENT = "`52%` is 52/100 for us; STACK refuses a final %"
COMMA_LIST = "a top-level comma separates several answers for us; STACK refuses unencapsulated commas"
IMAGINARY = "`i` is a plain variable for us (an index in ML courses); STACK reads i as √−1"
CALL = ("`name(…)` is a call only for built-in or declared functions, otherwise a product with a "
        "note; Maxima calls any name")
SUBSCRIPT_CALL = "`a_b(x)` is the product a_b·x (with a note) for us; STACK refuses it as a function"
LETTERS = "an undeclared run of letters is a product of single letters for us; STACK keeps one name"
LOGIC = "no logic words (and, or, not, true, divides): a word is read as a product of letters"
STRING = "there are no strings in answers: the quote character is refused"
MAXIMA_FUNCTION = "Maxima/STACK functions outside our list (union, matrix, diff, gcd, root, coth…) " \
                  "are refused as unknown"
INDEX = "square brackets after a name are not array indexes for us (write x_3)"
LETTERFORM = "∅ and ⁒ are not in our alphabet; STACK maps them (letterforms 𝐀, ℼ, ℯ are read as plain " \
             "letters by both)"
IMPLICIT_LETTERFORM = "2ℼn is 2·π·n for us (a letterform is its plain letter, juxtaposition a product); " \
                      "STACK refuses the implicit product"
MAXIMA_SYNTAX = "Maxima syntax (%e, # for ≠, ?, ; ending a command, /* comments */, x%3) is not ours"
GLUED_FUNCTION = "letters glued before a function (xsin(1)) get a did-you-mean, as sinx does; " \
                 "STACK inserts the star"
LOG_BASE = "a log base is log(x, b), log2 or log10 for us: log_2(a) gets a did-you-mean, lg is log10"
DECIMAL_LOCALE = "STACK's comma-decimal option: we always use the point and explain a decimal comma"
RELATION_ENTRY = "relations are answers on their own, not vector entries: type 1 < x, x < 3"
NESTED_TUPLE = "a tuple of tuples is a matrix when its rows are equal, refused otherwise; " \
               "STACK nests ntuples"
DIVISION_BY_ZERO = "1/0 is well-formed for us and left to the checker; STACK refuses it in the CAS"
MAXIMA_APPLY = "`sin(x)(a+b)` is a product for us; Maxima applies sin(x) to (a+b)"
BINOMIAL_LIST = "a list is not an argument of binomial for us"
LATEX = "LaTeX (\\sqrt{…}, \\frac{…}{…}) is read by our second reader (format='auto'); STACK refuses it"


def _each(reason: str, *keys: str) -> dict[str, str]:
    return dict.fromkeys(keys, reason)


DIFFERENCES: dict[str, str] = {
    **_each(SPACE, "validation/11", "validation/41"),
    **_each(BARE, "validation/10"),
    **_each(SUPERSCRIPT, "validation/317", "validation/385"),
    **_each(TRIG_INVERSE, "validation/383"),
    **_each(CHAIN, "validation/146"),
    **_each(PERCENT, "validation/38"),
    **_each(COMMA_LIST, "validation/430", "validation/434"),
    **_each(IMAGINARY, "validation/43", "validation/44", "validation/46", "validation/173",
            "validation/242", "validation/266", "validation/335", "validation/337",
            "validation/338"),
    **_each(CALL, "validation/61", "validation/62", "validation/64", "validation/67",
            "validation/68", "validation/106", "validation/200", "validation/208",
            "validation/233", "validation/244"),
    **_each(SUBSCRIPT_CALL, "validation/428"),
    **_each(LATEX, "validation/433"),
    **_each(LETTERS, "validation/56", "validation/59", "validation/425"),
    **_each(LOGIC, "validation/47", "validation/109", "validation/110", "validation/112",
            "validation/113", "validation/115", "validation/116", "validation/118",
            "validation/142", "validation/145", "validation/149", "validation/151",
            "validation/160", "validation/283", "validation/284", "validation/286",
            "corrective/11"),
    **_each(STRING, "validation/49", "validation/50", "validation/79", "validation/80",
            "validation/227"),
    **_each(MAXIMA_FUNCTION, "validation/91", "validation/92", "validation/94", "validation/95",
            "validation/97", "validation/290", "validation/292", "validation/295",
            "validation/299", "validation/347", "validation/350", "validation/352",
            "validation/353", "validation/359", "validation/391", "validation/392",
            "validation/436"),
    **_each(INDEX, "validation/98", "validation/100", "validation/269", "validation/422"),
    **_each(LETTERFORM, "validation/83", "validation/85", "validation/125"),
    **_each(IMPLICIT_LETTERFORM, "validation/331"),
    **_each(MAXIMA_SYNTAX, "validation/131", "validation/226", "validation/400", "decimals./7",
            "corrective/8", "corrective/19"),
    **_each(GLUED_FUNCTION, "validation/245", "validation/247", "validation/293"),
    **_each(LOG_BASE, "validation/409", "validation/410", "validation/412", "validation/413",
            "validation/416"),
    **_each(DECIMAL_LOCALE, *(f"decimals,/{n}" for n in (1, 2, 4, 5, 7, 8, 10, 11, 13, 14))),
    **_each(RELATION_ENTRY, "validation/152"),
    **_each(NESTED_TUPLE, "validation/103"),
    **_each(DIVISION_BY_ZERO, "validation/25"),
    **_each(MAXIMA_APPLY, "corrective/4"),
    **_each(BINOMIAL_LIST, "validation/364"),
}

# A question with units declares its unit names, so `mm` is one name (as in STACK), not m·m.
DECLARED = {f"units/{n}": ("mm",) for n in (4, 5, 7, 8, 10, 11, 13, 14)}

AGREEING = [c for c in CASES if c.key not in DIFFERENCES]
DIFFERING = [c for c in CASES if c.key in DIFFERENCES]

# ---- STACK's Maxima reading, read by our parser -----------------------------------------------

_MAXIMA_CONSTANTS = frozenset({"pi", "e", "inf", "i"})


def _rewrite_calls(text: str, name: str, build: Callable[[list[str]], str]) -> str:
    """Replace each ``name(a, b, ...)`` by build([a, b, ...]), innermost brackets respected."""
    pattern = re.compile(rf"(?<![\w%]){name}\(")
    while (match := pattern.search(text)) is not None:
        depth, i, args, current = 1, match.end(), [], ""
        while depth:
            char = text[i]
            depth += (char in "([{") - (char in ")]}")
            if depth == 1 and char == ",":
                args, current = args + [current], ""
            elif depth:
                current += char
            i += 1
        text = text[:match.start()] + build(args + [current]) + text[i:]
    return text


def stack_to_ours(reading: str) -> tuple[str, list[str], list[str]]:
    """STACK's Maxima string as our notation, with the names to declare: (text, variables, functions).

    >>> stack_to_ours("dispdp(3.67,2)*x10^2")
    ('3.67*x10^2', ['x10'], [])
    """
    text = _rewrite_calls(reading, "dispdp", lambda args: args[0])
    text = _rewrite_calls(text, "displaysci", lambda args: f"({args[0]}*10^({args[2]}))")
    text = _rewrite_calls(text, "lg", lambda args: f"log({args[0]}, {args[1]})" if len(args) == 2
                          else f"log10({args[0]})")
    text = _rewrite_calls(text, "ntuple", lambda args: f"({', '.join(args)})")
    text = text.replace("%e", "e")
    names = re.findall(r"(?<![\w.])([A-Za-z][A-Za-z0-9_]*)(\(?)", text)
    functions = sorted({name for name, call in names if call})
    variables = sorted({name for name, call in names if not call} - _MAXIMA_CONSTANTS)
    return text, variables, functions


def stack_value(reading: str):
    text, variables, functions = stack_to_ours(reading)
    return tutor.parse(text, variables=variables, functions=functions).value


def ours(case: Case):
    """Our outcome: the Parsed answer, or the ParseError. Anything else is a crash and propagates."""
    try:
        parsed = tutor.parse(case.raw, variables=DECLARED.get(case.key))
        parsed.value, parsed.interpreted   # showing it back must work too
        return parsed
    except ParseError as err:
        assert err.message and learner_words(err.message), (case.raw, err.message)
        return err


def agrees(case: Case) -> bool:
    outcome = ours(case)
    if not case.stack_accepts:
        return isinstance(outcome, ParseError)
    if isinstance(outcome, ParseError):
        return False
    return case.stack_reading is None or outcome.value == stack_value(case.stack_reading)


# ---- the tests ----------------------------------------------------------------------------------

@pytest.mark.parametrize("case", AGREEING, ids=lambda c: c.key)
def test_same_verdict_and_value_as_stack(case: Case) -> None:
    outcome = ours(case)
    if not case.stack_accepts:
        assert isinstance(outcome, ParseError), f"STACK refuses {case.raw!r}; we read " \
            f"{getattr(outcome, 'interpreted', outcome)}"
        return
    assert not isinstance(outcome, ParseError), f"STACK accepts {case.raw!r}; we refuse: " \
        f"{getattr(outcome, 'message', '')}"
    if case.stack_reading:
        assert outcome.value == stack_value(case.stack_reading), (case.raw, case.stack_reading)


@pytest.mark.parametrize("case", DIFFERING, ids=lambda c: c.key)
def test_deliberate_difference_still_has_a_clean_outcome(case: Case) -> None:
    # read, or refused in learner words: never a crash, never an internal name in the message
    assert isinstance(ours(case), (tutor.Parsed, ParseError))


def test_agreement_count() -> None:
    keys = [c.key for c in CASES]
    assert len(set(keys)) == len(keys)
    assert set(DIFFERENCES) <= set(keys), sorted(set(DIFFERENCES) - set(keys))
    agreed = sum(_safe_agrees(c) for c in AGREEING)
    coinciding = sum(_safe_agrees(c) for c in DIFFERING)
    print(f"\nSTACK oracles: {len(CASES)} rows; we agree on {agreed} of the {len(AGREEING)} rows "
          f"where our notation is STACK's; {len(DIFFERING)} deliberate differences "
          f"({coinciding} of them happen to give STACK's verdict too)")
    assert agreed == len(AGREEING), f"agree on {agreed} of {len(AGREEING)}"


def _safe_agrees(case: Case) -> bool:
    try:
        return agrees(case)
    except Exception:  # noqa: BLE001 - a crash counts as disagreement here; other tests report it
        return False
