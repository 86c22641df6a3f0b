"""Every word a practice session says to the learner, in one place.

>>> expects("matrix")
'a matrix'
>>> suggest_command("hnit")
'Unknown command :hnit. Did you mean :hint? (:help lists the commands.)'
"""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from tutor.checker.feedback import Code
from tutor.words import counted

if TYPE_CHECKING:  # pragma: no cover
    from tutor.session import Summary

# (command, what it does); the order is the order of :help
COMMAND_HELP: tuple[tuple[str, str], ...] = (
    ("hint", "the next hint; each says a little more, the last one nearly gives it away"),
    ("more", "open the last hint into its detailed steps"),
    ("sub", "a smaller step of the problem to try first (offered after two wrong answers)"),
    ("steps", "the full worked solution (counts as giving up; the problem comes back for another try)"),
    ("skip", "move on to the next problem"),
    ("back", "go back to the previous problem"),
    ("preview", "what kind of answer is expected, and how to type one"),
    ("progress", "how this run is going"),
    ("help", "this list"),
    ("quit", "stop here (your progress is already saved)"),
)

# every spelling a learner may type (after the ':') -> the command
COMMANDS: dict[str, str] = {
    **{name: name for name, _ in COMMAND_HELP},
    "solution": "steps", "?": "help", "q": "quit", "exit": "quit",
}

HEADLINES: dict[str, str] = {
    "correct": "✓ Correct.",
    "incorrect": "✗ Not quite.",
    # invalid: an answer that could not be read, or was read but is not one to count (a vector
    # for a number, an inverse left to compute)
    "unreadable": "I cannot read that answer (this costs nothing):",
    "invalid": "That answer is not counted (this costs nothing):",
    "undetermined": "I could not decide whether that is right (this costs nothing); try writing it "
                    "another way.",
}



def headline(status: str, notes: tuple[str, ...] = ()) -> str:
    """The words a verdict opens with.

    >>> headline("invalid", ("PARSE_ERROR",)), headline("invalid", ("WRONG_KIND",))
    ('I cannot read that answer (this costs nothing):', 'That answer is not counted (this costs nothing):')
    """
    if status == "invalid" and Code.PARSE_ERROR.value in notes:
        return HEADLINES["unreadable"]
    return HEADLINES.get(status, status)


# everything else a session says, by situation; `say(key, **values)` fills in the blanks
MESSAGES: dict[str, str] = {
    "over": "This run is over.",
    "empty": "Type your answer, or :help for the commands.",
    "retry": "Try again, or :hint for a hint, :skip to move on.",
    "check_failed": "That answer could not be checked: {error}",
    # no "of N": a count of hints left invites skipping to the last one (design/steps.md)
    "hint": "Hint {number}{last}: {text}",
    "hint_last": " (the last one)",
    "hints_failed": "No hints can be made for this problem: {error}",
    "no_hints": "This problem has no hints; :steps shows the worked solution.",
    "hints_done": "That was the last hint; :steps shows the worked solution.",
    "more": "In detail:\n{steps}",
    "more_none": "Ask for a :hint first; :more then opens it into its detailed steps.",
    "more_empty": "That hint has no more detail; :hint gives the next one.",
    # after a diagnosed wrong answer, the next :hint goes to the step where it went wrong
    "hint_slip": "Hint {number}: about your last answer: {slip}\nLook at this step: {text}",
    "hint_slips": "Hint {number}: different slips give your last answer; which one did you make?\n{slips}\n"
                  "Look at this step: {text}",
    "solution": "Worked solution:\n{solution}",
    # parts ([[problems.parts]]) and sub-questions from the step tree
    "part": "Part {number} of {total}: {prompt}",
    "parts_done": "All parts done. Now the question itself: {prompt}",
    "sub_offer": "Try a smaller step first? Type :sub.",
    "sub": "A smaller step: {prompt}\n(Answer it, or :skip to go back to the question.)",
    "sub_retry": "Try this step again, or :skip to go back to the question.",
    "sub_done": "Back to the question: {prompt}",
    "sub_none": "There is no smaller step for this problem; :hint gives the next hint.",
    "sub_open": "You are on a smaller step: answer it, or :skip to go back to the question.",
    "comes_back": "This one comes back later in this run, with new numbers.",
    "comes_back_in_review": "This one comes back in a later review (`tutor review`).",
    "solution_failed": "The worked solution cannot be shown: {error}",
    "skipped": "Skipped.",
    "first": "This is the first problem; there is nothing before it.",
    "back": "Back to the previous problem.",
    "preview": "Expected answer: {expects}. Type it like: {example}",
    "passed_over": "Problem {number} could not be prepared and is passed over: {error}",
    "where": "Problem {number} of {total}",
    "where_again": "Problem {number} of {total} (back for another try)",
    "so_far": "So far: {parts}",
    "nothing_yet": "So far: nothing finished yet",
    "coming_back": "Coming back later: {count}",
    "review": "Review {skills}; run `{command}` again for fresh numbers.",
    "next": "Next: `tutor practice {next_set}`.",
    "again": "Run `{command}` again for fresh numbers, or `tutor` for the menu.",
}


def say(key: str, **values: object) -> str:
    """A message of the session with its blanks filled.

    >>> say("hint", number=1, total=3, last="", text="Use the chain rule.")
    'Hint 1: Use the chain rule.'
    """
    return MESSAGES[key].format(**values)


_KIND_WORDS: dict[str, str] = {
    "expression": "an expression", "number": "a number", "equation": "an equation",
    "inequality": "an inequality", "vector": "a vector", "matrix": "a matrix", "set": "a set",
    "interval": "an interval", "list": "a list of values separated by commas",
}


def expects(kind: str) -> str:
    """The kind of an answer in words.

    >>> expects("interval")
    'an interval'
    """
    return _KIND_WORDS.get(str(kind), f"a{'n' if str(kind)[:1] in 'aeiou' else ''} {kind}")


def help_text(keys: dict[str, str] | None = None) -> str:
    """The list of commands, with their keys when the front end has some.

    >>> help_text().splitlines()[1].split()[0]
    ':hint'
    """
    keys = keys or {}
    lines = ["Type an answer and press Enter, or one of these commands:"]
    for name, what in COMMAND_HELP:
        key = f" [{keys[name]}]" if name in keys else ""
        lines.append(f"  :{name:<9}{what}{key}")
    return "\n".join(lines)


def suggest_command(word: str) -> str:
    """The message for an unknown command, with the closest known one."""
    close = difflib.get_close_matches(word.lower(), list(COMMANDS), n=1, cutoff=0.5)
    guess = f" Did you mean :{COMMANDS[close[0]]}?" if close else ""
    return f"Unknown command :{word}.{guess} (:help lists the commands.)"


def summary_text(summary: Summary) -> str:
    """The end-of-set summary as plain lines."""
    from tutor.progress import Outcome

    from tutor.stats import LABELS

    s, f = summary, summary.figures
    lines = [f"Summary of {s.title} ({s.set_id}), this run: {f.attempted} of {counted(s.total, 'problem')} attempted",
             f"  {LABELS['solved']}: {f.solved}", f"  {LABELS['first_try']}: {f.first_try}",
             f"  {LABELS['hints']}: {f.hints}"]
    for outcome, label in ((Outcome.GAVE_UP, "solution shown"),
                           (Outcome.SKIPPED, "skipped"),
                           (Outcome.UNFINISHED, "left unfinished")):
        if s.count(outcome):
            lines.append(f"  {label}: {s.count(outcome)}")
    if s.came_back:
        lines.append(f"  came back for another try: {s.came_back} ({s.solved_on_return} right then)")
    if s.skills_to_review:
        lines.append("Skills to review: " + ", ".join(s.skills_to_review))
    lines.append(s.suggestion)
    return "\n".join(lines)
