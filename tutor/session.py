"""A practice session over one problem set, with no terminal in sight.

`Session.submit(text)` takes whatever the learner typed (an answer or a
``:command``) and returns a `Feedback`; the REPL and the plain-text mode only
show it. The session keeps the current problem, the attempts and hints on each
instance, and the schedule: a problem answered wrong (or given up on) comes
back later in the same run with fresh numbers. Every attempt goes to the
progress store before the session's own state changes, so what the store holds
is what the learner did.

>>> import tutor
>>> from tutor.problems.discovery import default_problem_dirs
>>> path = default_problem_dirs()[-1] / "calculus" / "logistic_regression.toml"
>>> session = Session(tutor.load_problem_set(path), seed=1)
>>> session.current.number
1
>>> session.submit(":skip").text
'Skipped.'
>>> session.current.number
2
"""
from __future__ import annotations

import random
import re
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tutor.clock import timestamp
from tutor.errors import TutorError
from tutor.progress import GRADED, Action, Attempt, Outcome, ProgressStore, outcome_of
from tutor.session_text import COMMANDS, expects, headline, help_text, say, suggest_command
from tutor.stats import Figures, figures
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover
    from tutor.problems import Problem, ProblemInstance, ProblemSet

REVIEW_GAP = 2  # a problem answered wrong comes back after this many others (or at the end)


class FeedbackKind(StrEnum):
    """What a `Feedback` is about; the front ends choose a style by it."""

    VERDICT = "verdict"
    HINT = "hint"
    SOLUTION = "solution"
    SKIPPED = "skipped"
    MOVED = "moved"
    PREVIEW = "preview"
    PROGRESS = "progress"
    HELP = "help"
    QUIT = "quit"
    NOTICE = "notice"  # nothing happened: empty input, unknown command, no more hints, ...


@frozen
class Feedback:
    """The answer to one `Session.submit`.

    `text` is complete plain text for the learner. `advanced` says a different
    problem is now current (or the run is over); `finished` says the run is
    over, and then `summary` is set.
    """

    kind: FeedbackKind
    text: str
    verdict: Any = None  # tutor.checker.Verdict for answers
    hint: Any = None  # tutor.steps.Hint for :hint
    advanced: bool = False
    finished: bool = False
    summary: Summary | None = None


@frozen
class Current:
    """What the front end shows of the problem being worked on."""

    number: int  # its place in the set, from 1
    total: int
    problem_id: str
    title: str
    prompt: str
    answer_kind: str
    example: str
    variables: tuple[str, ...]  # names in the expected answer (to read the learner's input alike)
    review: bool  # it came back after a wrong answer

    @property
    def expects(self) -> str:
        """The kind of answer in words, e.g. "a matrix"."""
        return expects(self.answer_kind)


@frozen
class Summary:
    """The end-of-set summary (also given on :quit, for the part done)."""

    set_id: str
    title: str
    total: int
    outcomes: tuple[tuple[Outcome, int], ...]  # every Outcome with its count, in Outcome order
    came_back: int  # problems that came back after a wrong answer
    solved_on_return: int
    skills_to_review: tuple[str, ...]
    suggestion: str
    figures: Figures = Figures()  # this run's figures, as `tutor progress` and the menu count them

    def count(self, outcome: Outcome) -> int:
        """How many problems' first appearance in this run ended so.

        >>> Summary("s", "S", 1, ((Outcome.SKIPPED, 1),), 0, 0, (), "").count(Outcome.SKIPPED)
        1
        """
        return dict(self.outcomes).get(outcome, 0)

    @property
    def text(self) -> str:
        """The summary as plain text."""
        from tutor.session_text import summary_text

        return summary_text(self)


@dataclass
class _Slot:
    """One appearance of a problem in the run (mutable bookkeeping, private to the session)."""

    index: int  # the problem's place in the set
    seed: int
    review: bool = False
    instance: ProblemInstance | None = None
    attempts: list[Attempt] = field(default_factory=list)
    hints: tuple | None = None  # computed on the first :hint (the step engine may take a moment)
    hints_shown: int = 0
    diagnosis: Any = None  # the mistake named in the last wrong answer, until the next :hint uses it
    shown_at: float = 0.0
    requeued: bool = False
    ended: bool = False  # handed to `on_end` already
    part: int = 0  # parts of the problem answered right so far ([[problems.parts]])
    sub: Any = None  # the smaller step being answered (tutor.problems.subquestion.SubQuestion)
    offered: Any = None  # the smaller step offered after two wrong answers (False: there is none)

    @property
    def outcome(self) -> Outcome:
        return outcome_of(self.attempts)


class Session:
    """A run through one problem set.

    `store` (optional) receives every attempt as it is made; `next_set` is
    the id suggested at the end when nothing needs review; `clock` gives the
    time spent on each problem, `now` the time each attempt is stamped with.

    A run may gather problems of several sets (a review, a path): `sources`
    then gives the set id of each problem, in order. `on_end` is called with
    the attempts of each problem instance once it is over (the review
    schedule rates it), and its result, when true, is the promise shown when a
    problem will come back in a later review. `hints` may shorten a problem's
    hint ladder (for skills the learner has mastered).
    """

    def __init__(self, problem_set: ProblemSet, *, seed: int | None = None,
                 store: ProgressStore | None = None, next_set: str | None = None,
                 clock: Callable[[], float] = time.monotonic, review_gap: int = REVIEW_GAP,
                 now: Callable[[], float] = timestamp, sources: tuple[str, ...] | None = None,
                 on_end: Callable[[list[Attempt]], object] | None = None,
                 hints: Callable[[Problem, tuple], tuple] | None = None,
                 rerun: str | None = None) -> None:
        self.problem_set = problem_set
        self.seed = random.SystemRandom().randrange(2**31) if seed is None else seed
        self.store = store
        self.next_set = next_set
        self._clock = clock
        self._now = now
        self._gap = review_gap
        self._sources = sources or (problem_set.id,) * len(problem_set.problems)
        self._on_end = on_end
        self._shorten = hints
        self._rerun = rerun or f"tutor practice {problem_set.id}"
        self._order = [_Slot(i, _derive_seed(self.seed, p.id, 0))
                       for i, p in enumerate(problem_set.problems)]
        self._pos = 0
        self._notices: list[str] = []
        self._quit = False
        self._run_id = store.start_run(problem_set.id, self.seed) if store else 0
        self._enter()

    # -- what the front end reads -------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """True once the set is done or the learner quit."""
        return self._quit or self._pos >= len(self._order)

    @property
    def current(self) -> Current | None:
        """The problem being worked on, or None when the run is over."""
        slot = self._slot
        if slot is None or slot.instance is None:
            return None
        problem, inst = self._problem(slot), slot.instance
        prompt, kind, example, value = inst.prompt, str(inst.answer_kind), inst.example, inst.answer
        part = _pending_part(slot)
        if slot.sub is not None:
            from tutor.problems.instance import example_for, kind_of

            value = slot.sub.expected
            prompt, kind, example = f"{prompt}\n{slot.sub.prompt}", str(kind_of(value)), example_for(value)
        elif part is not None:
            value, kind, example = part.answer, part.answer_kind, part.example
            prompt = f"{prompt}\n{say('part', number=part.number, total=len(inst.parts), prompt=part.prompt)}"
        names = getattr(value, "free_symbols", ())
        return Current(slot.index + 1, len(self.problem_set.problems), problem.id, problem.title,
                       prompt, kind, example, tuple(sorted(str(s) for s in names)), slot.review)

    @property
    def problem(self) -> Problem | None:
        """The problem being worked on, or None when the run is over."""
        slot = self._slot
        return None if slot is None else self._problem(slot)

    @property
    def instance(self) -> ProblemInstance | None:
        """The problem instance being worked on (for front ends that show more, e.g. LaTeX)."""
        slot = self._slot
        return None if slot is None else slot.instance

    def take_notices(self) -> list[str]:
        """Messages about problems that could not be prepared (and were passed over), once each."""
        notices, self._notices = self._notices, []
        return notices

    # -- the one verb -------------------------------------------------------------------------

    def submit(self, text: str) -> Feedback:
        """Handle one line the learner typed: an answer, or a command starting with ``:``.

        >>> import tutor
        >>> from tutor.problems.discovery import default_problem_dirs
        >>> path = default_problem_dirs()[-1] / "calculus" / "logistic_regression.toml"
        >>> Session(tutor.load_problem_set(path), seed=1).submit(":preview").kind
        <FeedbackKind.PREVIEW: 'preview'>
        """
        text = text.strip()
        if self.finished:
            return Feedback(FeedbackKind.NOTICE, say("over"), finished=True,
                            summary=self.summary())
        if not text:
            return Feedback(FeedbackKind.NOTICE, say("empty"))
        if text.startswith(":"):
            return self._command(text[1:].strip())
        return self._answer(text)

    def summary(self) -> Summary:
        """How the run went so far: the end-of-set summary."""
        firsts = [s for s in self._order if not s.review and s.attempts]
        returns = [s for s in self._order if s.review and s.attempts]
        counts = Counter(s.outcome for s in firsts)
        # a skill to review: one of a problem that went wrong and was not put right first try
        # when it came back; a skill also shown right first try in this run is not listed
        good = {self._problem(s).id for s in self._order if s.outcome is Outcome.FIRST_TRY}
        skills: Counter[str] = Counter()
        strong: set[str] = set()
        for slot in firsts:
            problem = self._problem(slot)
            if problem.id in good:
                strong.update(problem.tags.skills)
            elif slot.outcome is not Outcome.SKIPPED or _needs_review(slot):
                skills.update(problem.tags.skills)
        review = tuple(name for name, _ in sorted(skills.items(), key=lambda kv: (-kv[1], kv[0]))
                       if name not in strong)
        ps = self.problem_set
        return Summary(ps.id, ps.title, len(ps.problems), tuple((o, counts[o]) for o in Outcome),
                       len(returns), sum(s.outcome in _SOLVED for s in returns), review,
                       self._suggestion(review), figures(a for s in self._order for a in s.attempts))

    # -- commands -----------------------------------------------------------------------------

    def _command(self, word: str) -> Feedback:
        name = COMMANDS.get(word.lower()) or _unique_prefix(word.lower())
        if name is None:
            return Feedback(FeedbackKind.NOTICE, suggest_command(word))
        return getattr(self, f"_do_{name}")()

    def _do_hint(self) -> Feedback:
        slot, inst = self._open()
        if slot.hints is None:
            try:
                slot.hints = tuple((_pending_part(slot) or inst).hints())
                if self._shorten is not None:
                    slot.hints = tuple(self._shorten(self._problem(slot), slot.hints))
            except TutorError as err:
                return Feedback(FeedbackKind.NOTICE, say("hints_failed", error=err))
        diagnosis, slot.diagnosis = slot.diagnosis, None
        rung = _rung_of(slot.hints, diagnosis) if diagnosis is not None else None
        if rung is not None:
            return self._hint_after_mistake(slot, slot.hints, diagnosis, rung)
        if slot.hints_shown >= len(slot.hints):
            return Feedback(FeedbackKind.NOTICE, say("hints_done" if slot.hints else "no_hints"))
        hint = slot.hints[slot.hints_shown]
        self._record(slot, Action.HINT)
        slot.hints_shown += 1
        last = say("hint_last") if slot.hints_shown == len(slot.hints) else ""
        text = say("hint", number=slot.hints_shown, total=len(slot.hints), last=last, text=hint.text)
        return Feedback(FeedbackKind.HINT, text, hint=hint)

    def _hint_after_mistake(self, slot: _Slot, hints: tuple, diagnosis: Any, rung: int) -> Feedback:
        """The rung of the step where the diagnosed mistake happened, naming the slip (or the slips)."""
        hint = hints[rung]
        self._record(slot, Action.HINT)
        slot.hints_shown = max(slot.hints_shown, rung + 1)
        number = rung + 1
        slips = [d for d in (diagnosis, *diagnosis.alternatives)]
        if len(slips) == 1:
            text = say("hint_slip", number=number, slip=_slip(diagnosis), text=hint.text)
        else:
            text = say("hint_slips", number=number, text=hint.text,
                       slips="\n".join(f"– {_slip(d)}" for d in slips))
        return Feedback(FeedbackKind.HINT, text, hint=hint)

    def _do_more(self) -> Feedback:
        slot, _ = self._open()
        if not slot.hints or slot.hints_shown == 0:
            return Feedback(FeedbackKind.NOTICE, say("more_none"))
        hint = slot.hints[slot.hints_shown - 1]
        detail = getattr(hint, "more", ())
        if not detail:
            return Feedback(FeedbackKind.NOTICE, say("more_empty"))
        steps = "\n".join(f"  {i}. {h.text}" for i, h in enumerate(detail, 1))
        return Feedback(FeedbackKind.HINT, say("more", steps=steps), hint=hint)

    def _do_steps(self) -> Feedback:
        slot, inst = self._open()
        try:
            solution = inst.solution()
        except TutorError as err:
            return Feedback(FeedbackKind.NOTICE, say("solution_failed", error=err))
        self._record(slot, Action.SOLUTION)
        return self._leave(FeedbackKind.SOLUTION, say("solution", solution=solution))

    def _do_sub(self) -> Feedback:
        slot, inst = self._open()
        if slot.sub is not None:
            return Feedback(FeedbackKind.NOTICE, say("sub_open"))
        sub, slot.offered = slot.offered or self._subquestion(slot), None
        if sub is None:
            return Feedback(FeedbackKind.NOTICE, say("sub_none"))
        self._record(slot, Action.HINT)  # a smaller step is help, as a hint is
        slot.sub = sub
        return Feedback(FeedbackKind.HINT, say("sub", prompt=sub.prompt))

    def _subquestion(self, slot: _Slot) -> Any:
        from tutor.problems.subquestion import subquestion

        if slot.instance is None or _pending_part(slot) is not None:
            return None
        try:
            return subquestion(slot.instance, slot.diagnosis)
        except TutorError:
            return None  # a smaller step is a bonus: without one the ladder stays

    def _do_skip(self) -> Feedback:
        slot, inst = self._open()
        if slot.sub is not None:  # leave the smaller step, not the problem
            slot.sub = None
            return Feedback(FeedbackKind.NOTICE, say("sub_done", prompt=inst.prompt))
        self._record(slot, Action.SKIP)
        return self._leave(FeedbackKind.SKIPPED, say("skipped"))

    def _do_back(self) -> Feedback:
        if self._pos == 0:
            return Feedback(FeedbackKind.NOTICE, say("first"))
        self._pos -= 1
        self._enter()
        return Feedback(FeedbackKind.MOVED, say("back"), advanced=True)

    def _do_preview(self) -> Feedback:
        cur = self._current()
        return Feedback(FeedbackKind.PREVIEW, say("preview", expects=cur.expects, example=cur.example))

    def _do_progress(self) -> Feedback:
        return Feedback(FeedbackKind.PROGRESS, self._progress_text())

    def _do_help(self) -> Feedback:
        return Feedback(FeedbackKind.HELP, help_text())

    def _do_quit(self) -> Feedback:
        for slot in self._order:
            self._end(slot)
        self._quit = True
        summary = self.summary()
        return Feedback(FeedbackKind.QUIT, summary.text, advanced=True, finished=True, summary=summary)

    # -- answers ------------------------------------------------------------------------------

    def _answer(self, text: str) -> Feedback:
        slot, inst = self._open()
        part = _pending_part(slot)
        asked: Any = slot.sub or part or inst
        try:
            verdict = asked.check(text)
        except TutorError as err:
            # a failure of ours, not the learner's: it costs nothing and is not recorded
            return Feedback(FeedbackKind.NOTICE, say("check_failed", error=err))
        if slot.sub is not None:
            return self._answer_sub(slot, inst, text, verdict)
        if part is not None:
            return self._answer_part(slot, inst, part, text, verdict)
        self._record(slot, Action.ANSWER, text, verdict)
        slot.diagnosis = self._diagnosis(slot, text, verdict)
        body = _verdict_text(verdict)
        if verdict.status == "correct":
            return self._leave(FeedbackKind.VERDICT, body, verdict)
        if verdict.status == "incorrect":
            body += "\n" + say("retry")
            if _wrong_answers(slot) >= 2 and slot.offered is None and slot.sub is None and not _took_sub(slot):
                slot.offered = self._subquestion(slot) or False  # False: none, asked once
                if slot.offered:
                    body += "\n" + say("sub_offer")
        return Feedback(FeedbackKind.VERDICT, body, verdict=verdict)

    def _answer_sub(self, slot: _Slot, inst: ProblemInstance, text: str, verdict: Any) -> Feedback:
        """An answer to the smaller step: right goes back to the question, wrong stays on the step."""
        self._record(slot, Action.SUBQUESTION, text, verdict)
        body = _verdict_text(verdict)
        if verdict.status == "correct":
            slot.sub = None
            body += "\n" + say("sub_done", prompt=inst.prompt)
        elif verdict.status == "incorrect":
            body += "\n" + say("sub_retry")
        return Feedback(FeedbackKind.VERDICT, body, verdict=verdict)

    def _answer_part(self, slot: _Slot, inst: ProblemInstance, part: Any, text: str, verdict: Any) -> Feedback:
        """An answer to a part: right moves to the next part (or to the question itself)."""
        self._record(slot, Action.PART, text, verdict)
        body = _verdict_text(verdict)
        if verdict.status == "correct":
            slot.part += 1
            slot.hints, slot.hints_shown = None, 0  # the next part (or the question) has its own ladder
            following = _pending_part(slot)
            body += "\n" + (say("part", number=following.number, total=len(inst.parts), prompt=following.prompt)
                            if following is not None else say("parts_done", prompt=inst.prompt))
        elif verdict.status == "incorrect":
            body += "\n" + say("retry")
        return Feedback(FeedbackKind.VERDICT, body, verdict=verdict)

    @staticmethod
    def _diagnosis(slot: _Slot, text: str, verdict: Any) -> Any:
        """The known mistake behind a wrong answer that the verdict named, for the next :hint."""
        from tutor.problems.instance import BUG_PREFIX

        if verdict.status != "incorrect" or not any(str(n).startswith(BUG_PREFIX) for n in verdict.notes):
            return None
        diagnose = getattr(slot.instance, "diagnose", None) if slot.instance is not None else None
        try:
            return None if diagnose is None else diagnose(text)
        except TutorError:
            return None  # help that follows the mistake is a bonus: the ladder stays as it was

    def _record(self, slot: _Slot, action: Action, response: str = "", verdict: Any = None) -> None:
        problem = self._problem(slot)
        attempt = Attempt(
            self._run_id, self._sources[slot.index], problem.tags.course, problem.id,
            tuple(problem.tags.skills), slot.seed, action, response,
            str(verdict.status) if verdict is not None else "",
            verdict.feedback if verdict is not None else "",
            tuple(verdict.notes) if verdict is not None else (),
            slot.hints_shown, round(self._clock() - slot.shown_at, 3), self._now())
        if self.store is not None:
            # stored first: if writing fails the learner sees why and nothing half-happened
            self.store.record(attempt)
        slot.attempts.append(attempt)

    # -- scheduling ---------------------------------------------------------------------------

    def _leave(self, kind: FeedbackKind, text: str, verdict: Any = None) -> Feedback:
        """Move on from the current problem, scheduling it to come back when it went wrong."""
        slot, _ = self._open()
        later = self._end(slot)
        if not slot.review and not slot.requeued and _needs_review(slot):
            slot.requeued = True
            again = _Slot(slot.index, _derive_seed(self.seed, self._problem(slot).id, 1), review=True)
            self._order.insert(min(self._pos + 1 + self._gap, len(self._order)), again)
            text += "\n" + say("comes_back")
        elif later and _needs_review(slot):
            text += "\n" + say("comes_back_in_review")
        self._pos += 1
        self._enter()
        if self.finished:
            summary = self.summary()
            return Feedback(kind, f"{text}\n\n{summary.text}", verdict, advanced=True,
                            finished=True, summary=summary)
        return Feedback(kind, text, verdict, advanced=True)

    def _end(self, slot: _Slot) -> object:
        """Hand a finished instance's attempts to `on_end`, once; its answer is the promise of a review."""
        if slot.ended or not slot.attempts or self._on_end is None:
            return None
        slot.ended = True
        return self._on_end(list(slot.attempts))

    def _enter(self) -> None:
        """Prepare the problem at the cursor, passing over any that cannot be prepared."""
        while self._pos < len(self._order):
            slot = self._order[self._pos]
            slot.shown_at = self._clock()
            if slot.instance is not None:
                return
            try:
                slot.instance = self._problem(slot).instantiate(slot.seed)
                return
            except TutorError as err:
                self._notices.append(say("passed_over", number=slot.index + 1, error=err))
                del self._order[self._pos]

    @property
    def _slot(self) -> _Slot | None:
        return None if self.finished else self._order[self._pos]

    def _open(self) -> tuple[_Slot, ProblemInstance]:
        """The slot being worked on, with its instance (`_enter` prepares it or passes it over)."""
        slot = self._slot
        if slot is None or slot.instance is None:
            raise RuntimeError("no problem is open: the run is over")
        return slot, slot.instance

    def _current(self) -> Current:
        cur = self.current
        if cur is None:
            raise RuntimeError("no problem is open: the run is over")
        return cur

    def _problem(self, slot: _Slot) -> Problem:
        return self.problem_set.problems[slot.index]

    def _progress_text(self) -> str:
        done = [s for s in self._order[:self._pos] if not s.review]
        counts = Counter(s.outcome for s in done)
        cur = self._current()
        parts = [f"{counts[o]} {o.value}" for o in Outcome if counts[o] and o is not Outcome.UNFINISHED]
        later = sum(s.review for s in self._order[self._pos + 1:])
        lines = [say("where_again" if cur.review else "where", number=cur.number, total=cur.total),
                 say("so_far", parts=", ".join(parts)) if parts else say("nothing_yet")]
        if later:
            lines.append(say("coming_back", count=later))
        return "\n".join(lines)

    def _suggestion(self, review: tuple[str, ...]) -> str:
        if review:
            return say("review", skills=", ".join(review[:3]), command=self._rerun)
        if self.next_set:
            return say("next", next_set=self.next_set)
        return say("again", command=self._rerun)


_SOLVED = frozenset({Outcome.FIRST_TRY, Outcome.WITH_HINTS, Outcome.AFTER_RETRY})


def _pending_part(slot: _Slot) -> Any:
    """The part of the problem to answer next, or None when there are none left."""
    parts = getattr(slot.instance, "parts", ())
    return parts[slot.part] if slot.part < len(parts) else None


def _wrong_answers(slot: _Slot) -> int:
    return sum(a.action is Action.ANSWER and a.status == "incorrect" for a in slot.attempts)


def _took_sub(slot: _Slot) -> bool:
    return any(a.action is Action.SUBQUESTION for a in slot.attempts)


def _needs_review(slot: _Slot) -> bool:
    """Answered wrong at least once, or given up on: worth another try later."""
    return any(a.status == "incorrect" for a in slot.attempts) or slot.outcome is Outcome.GAVE_UP


def _derive_seed(seed: int, problem_id: str, round_: int) -> int:
    """A stable per-problem seed: the same run seed gives the same instances on any machine."""
    return zlib.crc32(f"{seed}:{problem_id}:{round_}".encode())


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z]+", text.lower()))


def _rung_of(hints: tuple, diagnosis: Any) -> int | None:
    """The rung (before the last) that works on the step where `diagnosis` found the mistake, or None.

    >>> from types import SimpleNamespace as N
    >>> ladder = (N(step="0"), N(step="0.1"), N(step="0.1.0"), N(step="0"))
    >>> _rung_of(ladder, N(step="0.1.0.1")), _rung_of(ladder, N(step="0.2")), _rung_of(ladder, N(step="x"))
    (2, 0, None)
    """
    where = str(getattr(diagnosis, "step", ""))
    best: int | None = None
    for i, hint in enumerate(hints[:-1] or hints):
        step = str(getattr(hint, "step", ""))
        if (where == step or where.startswith(step + ".")) and (
                best is None or len(step) > len(str(hints[best].step))):
            best = i
    return best


def _slip(diagnosis: Any) -> str:
    """The slip in words: the diagnosis's first remedy (it names the mistake without the answer)."""
    hints = getattr(diagnosis, "hints", ())
    return hints[0].text if hints else diagnosis.message


def _unique_prefix(word: str) -> str | None:
    names = {name for key, name in COMMANDS.items() if key.startswith(word)} if word else set()
    return names.pop() if len(names) == 1 else None


def _verdict_text(verdict: Any) -> str:
    head = headline(str(verdict.status), tuple(getattr(verdict, "notes", ())))
    feedback = (verdict.feedback or "").strip()
    if not feedback or _words(feedback) == _words(head):
        return head
    if _words(feedback).startswith(_words(head)):
        # the checker's feedback already opens with the headline's words ("Not quite. …")
        head = head.split(" ", 1)[0]
    return f"{head} {feedback}" if "\n" not in feedback else f"{head}\n{feedback}"


__all__ = ["Session", "Feedback", "FeedbackKind", "Current", "Summary", "GRADED"]
