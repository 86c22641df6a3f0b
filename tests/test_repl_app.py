"""The interactive REPL driven through prompt_toolkit's pipe input, as prompt_toolkit's own tests do."""
from __future__ import annotations

import io

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.plain_text import PlainTextOutput

from session_fakes import fake_set
from tutor.progress import Action, Outcome, ProgressStore
from tutor.repl.app import PracticeRepl, set_history
from tutor.session import Session

pytestmark = pytest.mark.timeout(60)

ENTER, CTRL_C, CTRL_D, CTRL_E, ALT_H = "\r", "\x03", "\x04", "\x05", "\x1bh"


UP = "\x1b[A"


def drive(session: Session, keys: str, *, text: bool = False, history=None) -> str:
    """Type `keys` into a REPL on `session` until it returns; the printed text when `text`."""
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        output = PlainTextOutput(out) if text else DummyOutput()
        assert PracticeRepl(session, input=pipe, output=output, history=history).run() == 0
    return out.getvalue()


def test_a_scripted_run_wrong_hint_correct_skip_quit(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        s = Session(fake_set(4), seed=3, store=store)
        drive(s, "wrong" + ENTER + ":hint" + ENTER + "right" + ENTER + ":skip" + ENTER
              + ":quit" + ENTER)
        rows = store.attempts()
    assert [(a.problem_id, a.action, a.status, a.response, a.hints_used) for a in rows] == [
        ("p1", Action.ANSWER, "incorrect", "wrong", 0),
        ("p1", Action.HINT, "", "", 0),
        ("p1", Action.ANSWER, "correct", "right", 1),
        ("p2", Action.SKIP, "", "", 0),
    ]
    assert s.finished
    summary = s.summary()
    assert summary.count(Outcome.WITH_HINTS) == 1 and summary.count(Outcome.SKIPPED) == 1


def test_the_learner_sees_problems_verdicts_hints_and_the_summary():
    shown = drive(Session(fake_set(2), seed=3), "wrong" + ENTER + ":hint" + ENTER + "right"
                  + ENTER + CTRL_D, text=True)
    for words in ["Problem 1 of 2 · Problem 1", "(answer: an expression;", "✗ Not quite. Check the sign.",
                  "Hint 1: What operation is it?", "✓ Correct.", "Problem 2 of 2",
                  "Summary of Fake sums (calculus/fake)", "hints used: 1"]:
        assert words in shown


def test_ctrl_d_on_an_empty_line_quits_with_the_summary():
    s = Session(fake_set(3), seed=3)
    shown = drive(s, CTRL_D, text=True)
    assert s.finished and "0 of 3 problems attempted" in shown


def test_ctrl_c_clears_the_line_and_nothing_else(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        s = Session(fake_set(2), seed=3, store=store)
        drive(s, "wro" + CTRL_C + "right" + ENTER + CTRL_D)
        assert [a.response for a in store.attempts()] == ["right"]


def test_an_unreadable_answer_stays_for_editing_and_costs_nothing(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        s = Session(fake_set(2), seed=3, store=store)
        # Enter on "sin(x" is refused; Ctrl-E goes to the end, ")" fixes it
        drive(s, "sin(x" + ENTER + CTRL_E + ")" + ENTER + CTRL_D)
        assert [(a.response, a.status) for a in store.attempts()] == [("sin(x)", "incorrect")]


def test_a_command_key_keeps_the_half_typed_answer(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        s = Session(fake_set(2), seed=3, store=store)
        drive(s, "rig" + ALT_H + "ht" + ENTER + CTRL_D)
        assert [(a.action, a.response) for a in store.attempts()] == [
            (Action.HINT, ""), (Action.ANSWER, "right")]


def test_the_loop_survives_an_error_inside_tutor(monkeypatch):
    s = Session(fake_set(2), seed=3)
    calls = []

    def broken(text):
        calls.append(text)
        if len(calls) == 1:
            raise RuntimeError("a bug in the checker")
        return original(text)

    original = s.submit
    monkeypatch.setattr(s, "submit", broken)
    shown = drive(s, "x" + ENTER + "right" + ENTER + CTRL_D, text=True)
    assert "Something went wrong inside tutor (RuntimeError: a bug in the checker)" in shown
    assert "✓ Correct." in shown and calls == ["x", "right", ":quit"]


def test_help_lists_the_keys_too():
    shown = drive(Session(fake_set(1), seed=3), ":help" + ENTER + CTRL_D, text=True)
    assert ":preview" in shown and "Keys: F1 help · Alt-h hint" in shown


def test_a_finished_set_ends_the_loop_by_itself():
    s = Session(fake_set(2), seed=3)
    shown = drive(s, "right" + ENTER + "right" + ENTER, text=True)
    assert s.finished and "right first try: 2" in shown


def test_history_brings_back_answers_from_earlier_runs_of_the_set(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        drive(Session(fake_set(2), seed=3, store=store), "wrong" + ENTER + "right" + ENTER + CTRL_D)
        s = Session(fake_set(2), seed=4, store=store)
        history = set_history(store, s.problem_set.id)
        assert list(history.load_history_strings()) == ["right", "wrong"]  # newest first
        # one Up gives the last answer of the earlier run, two give the one before
        drive(s, UP + UP + ENTER + CTRL_D, history=history)
        assert [a.response for a in store.attempts()][2:] == ["wrong"]


def test_a_scripted_run_on_a_real_problem_set(tmp_path):
    from repl_fixtures import BASICS, answers
    from tutor.problems import load_problem_set

    right = answers(seed=8)[0]
    with ProgressStore.open(tmp_path) as store:
        s = Session(load_problem_set(BASICS), seed=8, store=store)
        shown = drive(s, "0" + ENTER + ALT_H + right + ENTER + ":skip" + ENTER + ":quit" + ENTER,
                      text=True)
        rows = store.attempts()
    assert [(a.problem_id, a.action, a.status) for a in rows] == [
        ("power", Action.ANSWER, "incorrect"), ("power", Action.HINT, ""),
        ("power", Action.ANSWER, "correct"), ("product", Action.SKIP, "")]
    for words in ["Problem 1 of 3 · Power rule", "✗ Not quite.",
                  "Hint 1: Which rule differentiates a power of x?", "✓ Correct.",
                  "Problem 2 of 3 · A product", "Skipped.", "Problem 3 of 3 · Chain rule",
                  "Summary of Basics for the REPL tests"]:
        assert words in shown


def test_on_first_prompt_is_called_once_after_the_first_prompt_is_drawn():
    out = io.StringIO()
    calls: list[str] = []
    with create_pipe_input() as pipe:
        pipe.send_text("wrong" + ENTER + CTRL_D)
        output = PlainTextOutput(out)
        repl = PracticeRepl(Session(fake_set(2), seed=3), input=pipe, output=output,
                            on_first_prompt=lambda: calls.append(out.getvalue()))
        assert repl.run() == 0
    assert len(calls) == 1                          # twice prompted, called once
    assert "[1/2]" in calls[0] and "Not quite" not in calls[0]   # the first prompt was on screen


def test_on_first_input_is_called_once_when_the_learner_starts_to_answer():
    out = io.StringIO()
    calls: list[tuple[bool, str]] = []
    repls: list[PracticeRepl] = []
    with create_pipe_input() as pipe:
        pipe.send_text("wrong" + ENTER + "again" + ENTER + CTRL_D)
        repls.append(PracticeRepl(Session(fake_set(2), seed=3), input=pipe, output=PlainTextOutput(out),
                                  on_first_input=lambda: calls.append((repls[0].prompt.app.is_running,
                                                                       out.getvalue()))))
        assert repls[0].run() == 0
    assert len(calls) == 1                               # three prompts, two answers: called once
    running, shown = calls[0]
    assert running                                       # while the first letter is typed, not on Enter
    assert "[1/2]" in shown and "Not quite" not in shown  # before the first answer was checked


@pytest.mark.parametrize("keys", [CTRL_D, ":quit" + ENTER])
def test_a_learner_who_only_looks_and_leaves_starts_no_worker(keys):
    """Ctrl-D at the first prompt changes no text: `on_first_input` (the worker's start) never runs.
    A typed command does count as starting to answer."""
    calls: list[int] = []
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        repl = PracticeRepl(Session(fake_set(2), seed=3), input=pipe, output=DummyOutput(),
                            on_first_input=lambda: calls.append(1))
        assert repl.run() == 0
    assert calls == ([] if keys == CTRL_D else [1])
