"""A session's problems and feedback as styled fragments: ``[(style class, text), ...]``.

Both front ends use these: the interactive REPL prints them with the style,
the plain mode prints only the text, so the words are the same in both. No
prompt_toolkit here (the plain mode must not pay for importing it).

>>> plain(feedback_fragments(Feedback(FeedbackKind.HINT, "Hint 1 of 2: use the chain rule.")))
'Hint 1 of 2: use the chain rule.'
"""
from __future__ import annotations

from typing import Any

from tutor.printable import printable
from tutor.session import Current, Feedback, FeedbackKind

Fragments = list[tuple[str, str]]

_KIND_STYLE = {
    FeedbackKind.HINT: "class:hint",
    FeedbackKind.SOLUTION: "class:solution",
    FeedbackKind.SKIPPED: "class:notice",
    FeedbackKind.MOVED: "class:notice",
    FeedbackKind.PREVIEW: "class:preview",
    FeedbackKind.PROGRESS: "class:progress",
    FeedbackKind.HELP: "class:help",
    FeedbackKind.QUIT: "class:summary",
    FeedbackKind.NOTICE: "class:notice",
}


def plain(fragments: Fragments) -> str:
    """The text of fragments without their styles.

    >>> plain([("class:a", "x"), ("", "y")])
    'xy'
    """
    return "".join(text for _, text in printable_fragments(fragments))


def printable_fragments(fragments: Fragments) -> Fragments:
    """Fragments without escape sequences or control characters (author text reaches a terminal).

    >>> printable_fragments([("class:problem.title", "Chain rule\x1b[2J")])
    [('class:problem.title', 'Chain rule')]
    """
    return [(style, printable(text)) for style, text in fragments]


def problem_fragments(cur: Current) -> Fragments:
    """The heading of a problem: its number, title, prompt and the kind of answer expected.

    >>> from tutor.session import Current
    >>> c = Current(2, 5, "p", "Chain rule", "Differentiate sin(x²).", "expression", "2x", ("x",), False)
    >>> print(plain(problem_fragments(c)))
    <BLANKLINE>
    Problem 2 of 5 · Chain rule
    Differentiate sin(x²).
    (answer: an expression; :preview shows how to type one)
    """
    again = " · back for another try" if cur.review else ""
    return [
        ("", "\n"),
        ("class:problem.number", f"Problem {cur.number} of {cur.total}"),
        ("class:problem.title", f" · {cur.title}{again}\n"),
        ("class:problem.prompt", f"{cur.prompt}\n"),
        ("class:problem.kind", f"(answer: {cur.expects}; :preview shows how to type one)"),
    ]


def feedback_fragments(fb: Feedback) -> Fragments:
    """The feedback's text, styled by what it is (a verdict by its status); a summary set apart."""
    if fb.kind is FeedbackKind.VERDICT and fb.verdict is not None:
        style = f"class:verdict.{fb.verdict.status}"
    else:
        style = _KIND_STYLE.get(fb.kind, "")
    if fb.summary is None or fb.kind is FeedbackKind.QUIT or "\n\n" not in fb.text:
        return [(style, fb.text)]
    head, _, rest = fb.text.partition("\n\n")
    return [(style, head), ("", "\n\n"), ("class:summary", rest)]


def notice_fragments(text: str) -> Fragments:
    """A message from `tutor` itself (a problem passed over, an error kept from the learner's way)."""
    return [("class:notice", text)]


def example_fragments(intro: Any) -> Fragments:
    """A new skill's worked example, then the faded one to finish (a `tutor.coach.Introduction`).

    >>> from types import SimpleNamespace as NS
    >>> print(plain(example_fragments(NS(skills=("chain rule",), worked="Q\\n1. a\\nAnswer: 2",
    ...                                  prompt="Q2", faded="1. b"))))
    <BLANKLINE>
    New skill: chain rule. First a worked example:
    Q
    1. a
    Answer: 2
    <BLANKLINE>
    Now finish this one (the last steps are yours; :steps shows them):
    Q2
    1. b
    """
    return [("", "\n"), ("class:example.title", f"New skill: {', '.join(intro.skills)}. First a worked example:\n"),
            ("class:example", intro.worked + "\n"),
            ("", "\n"), ("class:example.title", "Now finish this one (the last steps are yours; :steps shows them):\n"),
            ("class:problem.prompt", intro.prompt + ("\n" if intro.faded else "")),
            ("class:example", intro.faded)]


def faded_verdict_fragments(verdict: Any) -> Fragments:
    """The verdict on a faded example's completion: right, or try again."""
    status = str(verdict.status)
    if status == "correct":
        return [("class:verdict.correct", "✓ Right. Now one on your own.")]
    feedback = (verdict.feedback or "").strip()
    return [(f"class:verdict.{status}", f"{'✗ Not quite.' if status == 'incorrect' else ''} {feedback}".strip()
             + " Try again, or :steps for the rest.")]
