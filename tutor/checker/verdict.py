"""`Verdict`: what a check returns, and the closed sets it is made of.

>>> v = Verdict(Status.CORRECT, 1.0, "Correct.", (), "2·x", "2 x", Method.STRUCTURAL, 0.4)
>>> v.correct, v.to_dict()["status"], v.to_dict()["id"]
(True, 'correct', None)
"""
from __future__ import annotations

from dataclasses import field
from enum import StrEnum
from collections.abc import Callable
from typing import Any

from tutor.display import mimebundle, select
from tutor.values import frozen


class Status(StrEnum):
    """The decision. `invalid`: unreadable or the wrong type (costs the learner nothing);
    `undetermined`: the time budget ran out before any decision."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    INVALID = "invalid"
    UNDETERMINED = "undetermined"


class Method(StrEnum):
    """What decided: equal as typed, probing at points, a symbolic proof, or nothing."""

    STRUCTURAL = "structural"
    NUMERIC = "numeric"
    SYMBOLIC = "symbolic"
    NONE = "none"


_LAZY = frozenset({"latex", "interpreted_as"})

SCHEMA = "tutor.verdict/1"   # every verdict object a front end writes says what it is


@frozen
class Verdict:
    """The verdict on one response.

    `notes` are stable codes for graders and tests (``SIGN_ERROR``, ``FORM_NOT_FACTORED``, …);
    `feedback` says the same to the learner; `interpreted_as` shows how the response was read.
    `latex` and `interpreted_as` may be given as zero-argument functions: printing costs as
    much as a whole check, so they are made on first use (reading the attribute gives the
    string either way). `id` is the caller's name for the item (a batch item's ``"id"``),
    handed back untouched.
    """

    status: Status
    score: float
    feedback: str
    notes: tuple[str, ...]
    interpreted_as: str
    latex: str
    method: Method
    elapsed_ms: float
    id: Any = None
    details: tuple[str, ...] = ()
    correct: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "correct", self.status is Status.CORRECT)

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name in _LAZY and callable(value):
            value = value()
            object.__setattr__(self, name, value)
        return value

    def printed_lazily(self, interpreted_as: str | Callable[[], str], latex: str | Callable[[], str]) -> Verdict:
        """This verdict with `interpreted_as` and `latex` made on first use by these functions.

        (A method, since the fields' type is what reading them gives: always a string.)

        >>> v = Verdict(Status.CORRECT, 1.0, "", (), "", "", Method.NONE, 0.0)
        >>> v.printed_lazily(lambda: "x + 1", "x + 1").interpreted_as
        'x + 1'
        """
        object.__setattr__(self, "interpreted_as", interpreted_as)
        object.__setattr__(self, "latex", latex)
        return self

    def __getstate__(self) -> dict[str, Any]:
        # pickle (and copy) the printed strings, never the functions that print them
        return {name: getattr(self, name) for name in self.__dict__}

    def to_dict(self) -> dict[str, Any]:
        """A stable JSON-ready form (keys and value types never change)."""
        return {
            "status": str(self.status),
            "correct": self.correct,
            "score": round(float(self.score), 6),
            "feedback": self.feedback,
            "notes": list(self.notes),
            "interpreted_as": self.interpreted_as,
            "latex": self.latex,
            "method": str(self.method),
            "elapsed_ms": round(float(self.elapsed_ms), 3),
            "details": list(self.details),
            "id": self.id,
            "schema": SCHEMA,
        }

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Jupyter's rich display: a table (every text escaped), the answer in LaTeX, the JSON.

        >>> v = Verdict(Status.INVALID, 0.0, "Cannot read <script>.", (), "", "", Method.NONE, 0.1)
        >>> "&lt;script&gt;" in v._repr_mimebundle_()["text/html"]
        True
        """
        rows = [("status", str(self.status)), ("feedback", self.feedback)]
        if self.interpreted_as:
            rows.append(("read as", self.interpreted_as))
        if self.notes:
            rows.append(("notes", ", ".join(self.notes)))
        rows.append(("method", f"{self.method} ({self.elapsed_ms:.2f} ms)"))
        if self.id is not None:
            rows.append(("id", str(self.id)))
        bundle = mimebundle("Verdict", rows, latex=self.latex, data=self.to_dict())
        return select(bundle, include, exclude)
