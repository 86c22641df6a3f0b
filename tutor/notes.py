"""Every note code a verdict can carry, and what it means: `tutor.NOTES`.

A verdict's `notes` are stable codes for programs (graders, dashboards, tests); its `feedback` is
for people. The checker's codes are the members of `tutor.checker.feedback.Code`; a problem set
adds three of its own: authored feedback, a recognised misconception, and the family
``BUG:<rule>`` naming the step engine's bug rule that reproduces the answer. The README lists
them all, and a test checks that every code emitted anywhere is here.

>>> NOTES["SIGN_ERROR"]
'The answer is the negative of the expected answer.'
>>> note_meaning("BUG:chain_rule_missing_inner")
'The answer is what the named bug rule of the step engine produces (a known mistake).'
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from tutor.checker.feedback import Code
from tutor.problems.instance import AUTHORED_NOTE, BUG_PREFIX, MISCONCEPTION_NOTE

_CHECKER: dict[Code, str] = {
    Code.PARSE_ERROR: "The answer cannot be read (status invalid; the feedback says where and why).",
    Code.NO_ANSWER_FOUND: "No answer could be taken out of the response (extract=…; status invalid); "
                          "no number is ever scavenged from prose.",
    Code.SEVERAL_ANSWERS: "The response boxes several different answers; the last one was checked.",
    Code.ONES_VECTOR: "The response adds 1 to a vector or takes a vector from 1 (1 − y): the 1 was read as "
                      "the vector of ones, entry by entry.",
    Code.WRONG_KIND: "The answer is not the kind asked for (a number for a vector, a set for an "
                     "interval, …; status invalid).",
    Code.FORBIDDEN_OPERATION: "The answer still contains an operation the question asks to compute "
                              "(check option forbid; status invalid).",
    Code.DOMAIN_NARROWER: "Correct, but defined on a smaller domain than the expected answer.",
    Code.WITHIN_TOLERANCE: "Correct within the allowed tolerance (rel_tol or abs_tol).",
    Code.SCALAR_MULTIPLE: "Correct up to a nonzero multiple, as the options allow (up_to_scalar).",
    Code.VALUE_AS_EQUATION: "Correct: a number, vector or matrix asked for, given as an equation x = value, "
                            "or any answer given as E(X) = value (Var, Cov, SD too) (the value is checked; "
                            "the note says the value alone is the answer).",
    Code.APPROXIMATE: "Correct: a decimal that is the exact expected value correctly rounded to the "
                      "figures typed, with at least 4 significant figures (not the exact value).",
    Code.CONSTANT_NAMED: "Correct antiderivative; the constant of integration used is named.",
    Code.NOT_EQUIVALENT: "The answer is not equivalent to the expected answer (for a number: not its value).",
    Code.SIGN_ERROR: "The answer is the negative of the expected answer.",
    Code.CONSTANT_FACTOR: "The answer is a constant multiple of the expected answer.",
    Code.ADDED_CONSTANT: "The answer differs from the expected answer by a constant.",
    Code.TERM_WRONG: "One term of a sum is wrong; the others are right.",
    Code.TERM_MISSING: "A term of a sum is missing; the terms given are right.",
    Code.TERM_EXTRA: "A sum has a term too many; the others are right.",
    Code.UNCHANGED: "The answer is the expression the question gave, unchanged.",
    Code.NUMBER_FOR_EXPRESSION: "A number where the answer depends on variables.",
    Code.EXPRESSION_FOR_NUMBER: "An expression in variables where the answer is a number.",
    Code.UNKNOWN_VARIABLE: "The answer uses variables the question does not have.",
    Code.CLOSE: "Numerically close to the expected answer, but not equal (advice says why).",
    Code.DOMAIN_MISMATCH: "The answer is undefined where the expected answer is defined.",
    Code.INTEGRATED_INSTEAD: "The answer is an antiderivative where a derivative was asked for.",
    Code.DIFFERENTIATED_INSTEAD: "The answer is a derivative where an antiderivative was asked for.",
    Code.INTEGRAND_RETURNED: "The answer is the integrand itself.",
    Code.MISSING_CONSTANT: "An antiderivative without its constant of integration.",
    Code.WEIRD_CONSTANT: "An antiderivative whose arbitrary constant is not simply added on.",
    Code.FORM_NOT_EXPANDED: "Equivalent, but not expanded as asked (form=expanded).",
    Code.FORM_NOT_FACTORED: "Equivalent, but not fully factored as asked (form=factored).",
    Code.FORM_NOT_SINGLE_FRACTION: "Equivalent, but not one fraction as asked (form=single_fraction).",
    Code.FORM_NOT_LOWEST_TERMS: "Equivalent, but the fraction is not in lowest terms (form=lowest_terms).",
    Code.FORM_NOT_EXACT: "Equivalent, but a decimal where the exact value was asked (form=exact).",
    Code.FORM_NOT_SIMPLIFIED: "Equivalent, but not simplified as asked (form=simplified).",
    Code.TOO_FEW_FIGURES: "A decimal that is the expected value rounded, but to fewer than 4 "
                          "significant figures (status incorrect).",
    Code.FORM_NOT_IN_TERMS_OF: "Equivalent, but not written in terms of the operation asked for "
                               "(in_terms_of: its variables appear outside it).",
    Code.NOT_DECIMAL: "A decimal was asked for (sig_figs or decimal_places) and the answer is not one.",
    Code.WRONG_SIG_FIGS: "The decimal has the wrong number of significant figures (sig_figs).",
    Code.WRONG_DECIMAL_PLACES: "The decimal has the wrong number of decimal places (decimal_places).",
    Code.INACCURATE: "The decimal is not the expected value correctly rounded.",
    Code.SHAPE_MISMATCH: "A vector or matrix of the wrong shape.",
    Code.TRANSPOSED: "The matrix is the transpose of the expected one.",
    Code.ORDER_SWAPPED: "A product of declared matrices in the wrong order (B A for A B).",
    Code.NOT_INVERTIBLE: "The answer inverts a matrix that has no inverse (not square, or singular).",
    Code.WRONG_ENTRIES: "Some entries or items are wrong (the feedback says which; score counts the "
                        "right ones).",
    Code.WRONG_LENGTH: "A list, vector or set with the wrong number of items.",
    Code.WRONG_ORDER: "The right items in the wrong order (ordered answers).",
    Code.MISSING_ELEMENTS: "A set or unordered list that lacks some of the expected elements.",
    Code.EXTRA_ELEMENTS: "A set or unordered list with elements that do not belong.",
    Code.WRONG_ENDPOINT: "An interval with a wrong endpoint.",
    Code.WRONG_BRACKET: "An interval with the right endpoints but the wrong ends included.",
    Code.SOLUTIONS_DIFFER: "An equation or inequality whose solutions differ from the expected one's.",
    Code.DIRECTION_REVERSED: "An inequality pointing the wrong way.",
    Code.STRICTNESS: "An inequality that includes or leaves out its boundary wrongly (< against ≤).",
    Code.TIMEOUT: "No decision within the time budget (status undetermined).",
    Code.NOT_DECIDED: "No decision: the answer holds something that cannot be checked automatically "
                      "(status undetermined).",
}

_PROBLEMS: dict[str, str] = {
    AUTHORED_NOTE: "A wrong answer the problem's author anticipated; the feedback is the author's.",
    MISCONCEPTION_NOTE: "A wrong answer the step engine explains as a known mistake (see the BUG: note).",
    BUG_PREFIX + "*": "The answer is what the named bug rule of the step engine produces (a known "
                      "mistake).",
}

NOTES: Mapping[str, str] = MappingProxyType({**{str(code): text for code, text in _CHECKER.items()},
                                             **_PROBLEMS})


def note_meaning(code: str) -> str | None:
    """What a note code means (a ``BUG:<rule>`` code by its family), or None for an unknown code.

    >>> note_meaning("TIMEOUT")
    'No decision within the time budget (status undetermined).'
    >>> note_meaning("NO_SUCH_CODE") is None
    True
    """
    if code.startswith(BUG_PREFIX) and len(code) > len(BUG_PREFIX):
        return NOTES[BUG_PREFIX + "*"]
    return NOTES.get(code)
