"""Every note code the checker gives, and the learner's words for each (one place, testable).

A `Finding` pairs a stable `Code` (for graders and tests) with its message, filled in with the
details of this answer. `render` turns a status and findings into the verdict's feedback.

>>> f = finding(Code.CONSTANT_FACTOR, factor="2")
>>> f.code, f.text
(<Code.CONSTANT_FACTOR: 'CONSTANT_FACTOR'>, 'Your answer is off by a constant factor.')
>>> render("incorrect", (finding(Code.SIGN_ERROR),))
'Not quite. Check the sign: your answer is the negative of the expected answer.'
"""
from __future__ import annotations

from enum import StrEnum
from typing import Iterable
from tutor.values import frozen


class Code(StrEnum):
    """Stable note codes."""

    # invalid
    PARSE_ERROR = "PARSE_ERROR"
    WRONG_KIND = "WRONG_KIND"
    NO_ANSWER_FOUND = "NO_ANSWER_FOUND"
    FORBIDDEN_OPERATION = "FORBIDDEN_OPERATION"
    # read from a longer text (extract=…)
    SEVERAL_ANSWERS = "SEVERAL_ANSWERS"
    # how the response was read
    ONES_VECTOR = "ONES_VECTOR"
    # correct, with something worth saying
    DOMAIN_NARROWER = "DOMAIN_NARROWER"
    WITHIN_TOLERANCE = "WITHIN_TOLERANCE"
    SCALAR_MULTIPLE = "SCALAR_MULTIPLE"
    CONSTANT_NAMED = "CONSTANT_NAMED"
    APPROXIMATE = "APPROXIMATE"
    VALUE_AS_EQUATION = "VALUE_AS_EQUATION"
    # how an answer is wrong
    NOT_EQUIVALENT = "NOT_EQUIVALENT"
    SIGN_ERROR = "SIGN_ERROR"
    CONSTANT_FACTOR = "CONSTANT_FACTOR"
    ADDED_CONSTANT = "ADDED_CONSTANT"
    TERM_WRONG = "TERM_WRONG"
    TERM_MISSING = "TERM_MISSING"
    TERM_EXTRA = "TERM_EXTRA"
    UNCHANGED = "UNCHANGED"
    NUMBER_FOR_EXPRESSION = "NUMBER_FOR_EXPRESSION"
    EXPRESSION_FOR_NUMBER = "EXPRESSION_FOR_NUMBER"
    UNKNOWN_VARIABLE = "UNKNOWN_VARIABLE"
    CLOSE = "CLOSE"
    DOMAIN_MISMATCH = "DOMAIN_MISMATCH"
    INTEGRATED_INSTEAD = "INTEGRATED_INSTEAD"
    DIFFERENTIATED_INSTEAD = "DIFFERENTIATED_INSTEAD"
    INTEGRAND_RETURNED = "INTEGRAND_RETURNED"
    MISSING_CONSTANT = "MISSING_CONSTANT"
    WEIRD_CONSTANT = "WEIRD_CONSTANT"
    # forms
    FORM_NOT_EXPANDED = "FORM_NOT_EXPANDED"
    FORM_NOT_FACTORED = "FORM_NOT_FACTORED"
    FORM_NOT_SINGLE_FRACTION = "FORM_NOT_SINGLE_FRACTION"
    FORM_NOT_LOWEST_TERMS = "FORM_NOT_LOWEST_TERMS"
    FORM_NOT_EXACT = "FORM_NOT_EXACT"
    FORM_NOT_SIMPLIFIED = "FORM_NOT_SIMPLIFIED"
    FORM_NOT_IN_TERMS_OF = "FORM_NOT_IN_TERMS_OF"
    # numbers written to a precision
    NOT_DECIMAL = "NOT_DECIMAL"
    WRONG_SIG_FIGS = "WRONG_SIG_FIGS"
    WRONG_DECIMAL_PLACES = "WRONG_DECIMAL_PLACES"
    INACCURATE = "INACCURATE"
    TOO_FEW_FIGURES = "TOO_FEW_FIGURES"
    # structures
    SHAPE_MISMATCH = "SHAPE_MISMATCH"
    TRANSPOSED = "TRANSPOSED"
    ORDER_SWAPPED = "ORDER_SWAPPED"
    NOT_INVERTIBLE = "NOT_INVERTIBLE"
    WRONG_ENTRIES = "WRONG_ENTRIES"
    WRONG_LENGTH = "WRONG_LENGTH"
    WRONG_ORDER = "WRONG_ORDER"
    MISSING_ELEMENTS = "MISSING_ELEMENTS"
    EXTRA_ELEMENTS = "EXTRA_ELEMENTS"
    WRONG_ENDPOINT = "WRONG_ENDPOINT"
    WRONG_BRACKET = "WRONG_BRACKET"
    # equations and inequalities
    SOLUTIONS_DIFFER = "SOLUTIONS_DIFFER"
    DIRECTION_REVERSED = "DIRECTION_REVERSED"
    STRICTNESS = "STRICTNESS"
    # no decision
    TIMEOUT = "TIMEOUT"
    NOT_DECIDED = "NOT_DECIDED"


MESSAGES: dict[Code, str] = {
    Code.PARSE_ERROR: "{message}",
    Code.NO_ANSWER_FOUND: "No answer was found in the response ({how}): box the final answer, "
                          "as in \\boxed{{2x}}, or write it in $…$.",
    Code.SEVERAL_ANSWERS: "Several different answers are boxed; the last one was checked.",
    Code.ONES_VECTOR: "The 1 beside a vector was read as the vector of ones (1 − y is 𝟏 − y, entry by entry).",
    Code.WRONG_KIND: "Your answer isn't {expected} (it looks like {got}).",
    Code.FORBIDDEN_OPERATION: "Compute it: your answer still contains the {names}.",
    Code.DOMAIN_NARROWER: "Your answer is defined on a smaller domain than the expected answer "
                          "(it is undefined at {point}, where the expected answer is defined).",
    Code.WITHIN_TOLERANCE: "Your answer is within the allowed tolerance.",
    Code.SCALAR_MULTIPLE: "Any nonzero multiple is accepted here.",
    Code.CONSTANT_NAMED: "Your constant of integration is {name}.",
    Code.VALUE_AS_EQUATION: "You gave the value as an equation, {name} = …; the value alone is the answer.",
    Code.APPROXIMATE: "Your decimal is the exact value correctly rounded to the figures you typed.",
    Code.NOT_EQUIVALENT: "Your answer is not equivalent to the expected answer{where}.",
    Code.SIGN_ERROR: "Check the sign: your answer is the negative of the expected answer.",
    Code.CONSTANT_FACTOR: "Your answer is off by a constant factor.",
    Code.ADDED_CONSTANT: "Your answer differs from the expected answer by a constant.",
    Code.TERM_WRONG: "The term {term} is not right; the other terms are.",
    Code.TERM_MISSING: "A term is missing; the terms you have are right.",
    Code.TERM_EXTRA: "The term {term} should not be there; the other terms are right.",
    Code.UNCHANGED: "That is the expression you were given, unchanged.",
    Code.NUMBER_FOR_EXPRESSION: "A number is not enough here: the answer depends on {variables}.",
    Code.EXPRESSION_FOR_NUMBER: "The answer is a number, but yours depends on {variables}.",
    Code.UNKNOWN_VARIABLE: "Your answer uses {names}, which the question does not have.",
    Code.CLOSE: "Close: {advice}",
    Code.DOMAIN_MISMATCH: "Your answer is not defined where the expected answer is "
                          "(for example at {point}).",
    Code.INTEGRATED_INSTEAD: "It looks like you integrated instead of differentiating.",
    Code.DIFFERENTIATED_INSTEAD: "It looks like you differentiated instead of integrating.",
    Code.INTEGRAND_RETURNED: "That is the function you were asked to integrate.",
    Code.MISSING_CONSTANT: "You need to add a constant of integration (+ C).",
    Code.WEIRD_CONSTANT: "Use one arbitrary constant of integration, added on (+ C).",
    Code.FORM_NOT_EXPANDED: "Your answer is right, but it should be expanded (multiply out the brackets).",
    Code.FORM_NOT_FACTORED: "Your answer is right, but it should be fully factored.",
    Code.FORM_NOT_SINGLE_FRACTION: "Your answer is right, but it should be written as a single fraction.",
    Code.FORM_NOT_LOWEST_TERMS: "Your answer is right, but the fraction is not in lowest terms.",
    Code.FORM_NOT_EXACT: "Your answer is right, but give the exact value (no decimals).",
    Code.FORM_NOT_SIMPLIFIED: "Your answer is right, but it can be simplified further ({why}).",
    Code.FORM_NOT_IN_TERMS_OF: "Your answer is right, but write it in terms of {name}.",
    Code.NOT_DECIMAL: "Give your answer as a decimal number.",
    Code.WRONG_SIG_FIGS: "Give your answer to {wanted} (yours has {got}).",  # wanted: "3 significant figures"
    Code.WRONG_DECIMAL_PLACES: "Give your answer to {wanted} (yours has {got}).",  # wanted: "1 decimal place"
    Code.INACCURATE: "The value is not accurate enough: check your rounding.",
    Code.TOO_FEW_FIGURES: "Give at least {figures} significant figures or the exact value.",
    Code.SHAPE_MISMATCH: "The answer should be {wanted}, but yours is {got}.",
    Code.TRANSPOSED: "Your answer is the transpose of the expected answer.",
    Code.ORDER_SWAPPED: "Check the order of the factors: matrix products do not commute (A B is not B A).",
    Code.NOT_INVERTIBLE: "A matrix you invert has no inverse.",
    Code.WRONG_ENTRIES: "{which} not right.",
    Code.WRONG_LENGTH: "The answer has {wanted}, but yours has {got}.",  # wanted: "1 item", "3 items"
    Code.WRONG_ORDER: "The items are right, but in the wrong order.",
    Code.MISSING_ELEMENTS: "Some elements are missing.",
    Code.EXTRA_ELEMENTS: "Your answer has elements that should not be there: {which}.",
    Code.WRONG_ENDPOINT: "The {side} endpoint is not right.",
    Code.WRONG_BRACKET: "The endpoints are right, but check which ends are included "
                        "([ ] includes an end, ( ) leaves it out).",
    Code.SOLUTIONS_DIFFER: "Your {what} does not have the same solutions as the expected one{where}.",
    Code.DIRECTION_REVERSED: "The inequality points the wrong way.",
    Code.STRICTNESS: "Check whether the boundary is included (< against ≤).",
    Code.TIMEOUT: "Checking took longer than allowed, so no decision was made.",
    Code.NOT_DECIDED: "It holds something that cannot be checked automatically "
                      "(such as a number too large to compute).",
}

_HEADLINES = {
    "correct": "Correct.",
    "incorrect": "Not quite.",
    "invalid": "Your answer could not be read.",
    "undetermined": "Your answer could not be checked.",
}


@frozen
class Finding:
    """One thing worth saying about an answer: a stable code, its message for the learner, and
    a detail for instructors (values computed from the expected answer; never in the feedback
    unless the check asked to `reveal` them)."""

    code: Code
    text: str
    detail: str = ""


# where the expected answer is a number, these say so ("equivalent" is a word for expressions)
NUMBER_MESSAGES: dict[Code, str] = {
    Code.NOT_EQUIVALENT: "Your answer is not the right value{where}.",
}

# said of one entry (1) or several entries (2) of a vector or matrix rather than of the whole answer
ENTRY_MESSAGES: dict[tuple[Code, int], str] = {
    (Code.NUMBER_FOR_EXPRESSION, 1): "A number is not enough in this entry: it depends on {variables}.",
    (Code.NUMBER_FOR_EXPRESSION, 2): "Numbers are not enough in these entries: they depend on {variables}.",
    (Code.EXPRESSION_FOR_NUMBER, 1): "This entry is a number, but yours depends on {variables}.",
    (Code.EXPRESSION_FOR_NUMBER, 2): "These entries are numbers, but yours depend on {variables}.",
}


def finding(code: Code, detail: str = "", *, number: bool = False, entries: int = 0,
            **details: str) -> Finding:
    """A finding with its message filled in, and an instructor's `detail` if there is one;
    `number` when the expected answer is a number (`NUMBER_MESSAGES`), `entries` how many
    entries of a vector or matrix it is said of, if any (`ENTRY_MESSAGES`).

    >>> finding(Code.WRONG_SIG_FIGS, wanted="3 significant figures", got="2").text
    'Give your answer to 3 significant figures (yours has 2).'
    >>> finding(Code.ADDED_CONSTANT, detail="The response is the expected answer + 3.").detail
    'The response is the expected answer + 3.'
    >>> finding(Code.NOT_EQUIVALENT, where="", number=True).text
    'Your answer is not the right value.'
    >>> finding(Code.EXPRESSION_FOR_NUMBER, variables="x", entries=2).text
    'These entries are numbers, but yours depend on x.'
    """
    template = MESSAGES[code]
    if entries:
        template = ENTRY_MESSAGES.get((code, min(entries, 2)), template)
    elif number:
        template = NUMBER_MESSAGES.get(code, template)
    return Finding(code, template.format(**details), detail)


def details_of(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The instructors' details of some findings, in order.

    >>> details_of([finding(Code.SIGN_ERROR), finding(Code.ADDED_CONSTANT, detail="+ 3")])
    ('+ 3',)
    """
    return tuple(f.detail for f in findings if f.detail)


def render(status: str, findings: Iterable[Finding], reveal: bool = False) -> str:
    """The feedback: a headline for the status, then each finding's message (and, with
    `reveal`, the instructors' details too).

    >>> render("correct", ())
    'Correct.'
    >>> render("incorrect", [finding(Code.ADDED_CONSTANT, detail="(+ 3)")], reveal=True)
    'Not quite. Your answer differs from the expected answer by a constant. (+ 3)'
    """
    findings = list(findings)
    texts = [f.text for f in findings if f.text]
    if reveal:
        texts += list(details_of(findings))
    headline = _HEADLINES[str(status)]
    if status == "invalid" and texts:
        return "\n".join(texts)
    return " ".join([headline, *texts])
