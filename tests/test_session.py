"""The UI-free practice session: every command, every path through a problem, and the schedule."""
from __future__ import annotations

import pytest

from session_fakes import FakeClock, fake_set
from tutor.errors import ProgressError
from tutor.progress import Action, Outcome, ProgressStore
from tutor.session import REVIEW_GAP, FeedbackKind, Session
from tutor.session_text import COMMAND_HELP


def session(n: int = 4, **kw) -> Session:
    opts = {k: kw.pop(k) for k in ("broken", "no_hints") if k in kw}
    return Session(fake_set(n, **opts), seed=kw.pop("seed", 11), **kw)


def numbers(s: Session) -> list[int]:
    """Walk to the end answering right, returning the problem numbers met (review ones negative)."""
    met = []
    while not s.finished:
        met.append(-s.current.number if s.current.review else s.current.number)
        s.submit("right")
    return met


# --- showing a problem ------------------------------------------------------------------------

def test_the_first_problem_is_current_with_everything_a_learner_needs():
    cur = session().current
    assert (cur.number, cur.total, cur.problem_id, cur.review) == (1, 4, "p1", False)
    assert cur.prompt.startswith("Problem 1: what is")
    assert cur.expects == "an expression" and cur.example == "2x + 1"
    assert cur.variables == ("x",)


def test_the_same_seed_gives_the_same_run():
    assert session(seed=5).current.prompt == session(seed=5).current.prompt
    assert session(seed=5).current.prompt != session(seed=6).current.prompt


def test_no_seed_picks_one_and_keeps_it():
    s = Session(fake_set(), seed=None)
    assert isinstance(s.seed, int)
    assert Session(fake_set(), seed=s.seed).current.prompt == s.current.prompt


# --- answers ----------------------------------------------------------------------------------

def test_a_correct_answer_moves_on():
    s = session()
    fb = s.submit("right")
    assert fb.kind is FeedbackKind.VERDICT and fb.verdict.status == "correct"
    assert fb.text == "✓ Correct." and fb.advanced and not fb.finished
    assert s.current.number == 2


def test_a_wrong_answer_stays_and_invites_a_retry():
    s = session()
    fb = s.submit("wrong")
    assert fb.kind is FeedbackKind.VERDICT and not fb.advanced
    assert fb.text.splitlines() == ["✗ Not quite. Check the sign.",
                                    "Try again, or :hint for a hint, :skip to move on."]
    assert s.current.number == 1
    assert s.submit("right").advanced
    assert s.summary().count(Outcome.AFTER_RETRY) == 1


@pytest.mark.parametrize("response, words", [
    ("garbage", "I cannot read that answer (this costs nothing):\nSomething is missing"),
    # read, but not an answer to count: 'I cannot read' would be wrong
    ("vector", "That answer is not counted (this costs nothing): Your answer isn't a number"),
    ("unsure", "I could not decide whether that is right (this costs nothing)"),
])
def test_an_unreadable_or_undecided_answer_costs_nothing(response, words):
    s = session()
    fb = s.submit(response)
    assert fb.text.startswith(words) and not fb.advanced
    s.submit("right")
    assert s.summary().count(Outcome.FIRST_TRY) == 1


def test_a_checker_failure_is_a_notice_and_not_recorded(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        s = session(store=store)
        fb = s.submit("crash")
        assert fb.kind is FeedbackKind.NOTICE and "could not be checked: the checker broke" in fb.text
        assert store.attempts() == []


def test_empty_input_is_a_gentle_notice():
    fb = session().submit("   ")
    assert fb.kind is FeedbackKind.NOTICE and ":help" in fb.text


# --- hints ------------------------------------------------------------------------------------

def test_hints_come_in_ladder_order_and_then_run_out():
    s = session()
    texts = [s.submit(":hint").text for _ in range(4)]
    assert texts[:3] == ["Hint 1: What operation is it?", "Hint 2: Add the two numbers.",
                         "Hint 3 (the last one): It is their sum."]
    assert texts[3] == "That was the last hint; :steps shows the worked solution."


def test_a_hint_is_returned_as_the_step_engines_hint_value():
    fb = session().submit(":hint")
    assert fb.kind is FeedbackKind.HINT and fb.hint.level == "orient"


def test_a_problem_without_hints_says_so():
    fb = session(no_hints=(1,)).submit(":hint")
    assert fb.kind is FeedbackKind.NOTICE and "no hints" in fb.text


def test_right_after_a_hint_counts_as_with_hints():
    s = session()
    s.submit(":hint")
    s.submit("right")
    assert s.summary().count(Outcome.WITH_HINTS) == 1


# --- steps, skip, back ------------------------------------------------------------------------

def test_steps_shows_the_solution_counts_as_giving_up_and_comes_back():
    s = session()
    fb = s.submit(":steps")
    assert fb.kind is FeedbackKind.SOLUTION and fb.advanced
    assert fb.text.startswith("Worked solution:\nAdd them: the answer is")
    assert s.summary().count(Outcome.GAVE_UP) == 1
    assert numbers(s) == [2, 3, -1, 4]


def test_skip_moves_on_and_a_plain_skip_does_not_come_back():
    s = session()
    fb = s.submit(":skip")
    assert fb.kind is FeedbackKind.SKIPPED and fb.text == "Skipped." and fb.advanced
    assert numbers(s) == [2, 3, 4]
    assert s.summary().count(Outcome.SKIPPED) == 1


def test_a_problem_answered_wrong_comes_back_later_with_fresh_numbers():
    s = session(6)
    s.submit("wrong")
    s.submit("right")
    met = numbers(s)
    assert met == [2, 3, -1, 4, 5, 6] and REVIEW_GAP == 2
    summary = s.summary()
    assert (summary.came_back, summary.solved_on_return) == (1, 1)
    assert summary.count(Outcome.AFTER_RETRY) == 1


def test_the_comeback_has_another_instance_and_does_not_come_back_again():
    s = session(2)
    first_prompt = s.current.prompt
    s.submit("wrong")
    s.submit(":skip")
    s.submit("right")  # problem 2
    assert s.current.review and s.current.number == 1 and s.current.prompt != first_prompt
    s.submit("wrong")
    fb = s.submit(":skip")
    assert fb.finished and s.finished


def test_a_wrong_answer_near_the_end_comes_back_at_the_end():
    s = session(2)
    s.submit("right")
    s.submit("wrong")
    s.submit("right")
    assert s.current.review and s.current.number == 2


def test_back_returns_to_the_previous_problem_and_forward_again():
    s = session()
    assert s.submit(":back").kind is FeedbackKind.NOTICE
    first = s.current.prompt
    s.submit("right")
    second = s.current.prompt
    fb = s.submit(":back")
    assert fb.kind is FeedbackKind.MOVED and fb.advanced and s.current.prompt == first
    s.submit("right")  # practice again: the first outcome stands
    assert s.current.prompt == second
    assert s.summary().count(Outcome.FIRST_TRY) == 1


# --- preview, progress, help, quit, unknown ------------------------------------------------------

def test_preview_says_the_kind_and_how_to_type_it():
    fb = session().submit(":preview")
    assert (fb.kind, fb.text) == (FeedbackKind.PREVIEW,
                                  "Expected answer: an expression. Type it like: 2x + 1")


def test_progress_tells_where_the_run_is():
    s = session()
    s.submit("right")
    s.submit("wrong")
    s.submit(":skip")
    text = s.submit(":progress").text
    assert text.splitlines() == ["Problem 3 of 4", "So far: 1 first try, 1 skipped",
                                 "Coming back later: 1"]


def test_help_lists_every_command():
    fb = session().submit(":help")
    assert fb.kind is FeedbackKind.HELP
    assert all(f":{name}" in fb.text for name, _ in COMMAND_HELP)


def test_quit_ends_the_run_with_a_summary_of_the_part_done():
    s = session()
    s.submit("right")
    fb = s.submit(":quit")
    assert fb.kind is FeedbackKind.QUIT and fb.finished and s.finished and s.current is None
    assert "1 of 4 problems attempted" in fb.text and "right first try: 1" in fb.text
    later = s.submit("right")
    assert later.kind is FeedbackKind.NOTICE and later.finished


@pytest.mark.parametrize("typed, kind", [
    (":pro", FeedbackKind.PROGRESS), (":PREV", FeedbackKind.PREVIEW), (":?", FeedbackKind.HELP),
    (": hint", FeedbackKind.HINT), (":solution", FeedbackKind.SOLUTION), (":q", FeedbackKind.QUIT),
])
def test_commands_accept_aliases_unique_prefixes_and_any_case(typed, kind):
    assert session().submit(typed).kind is kind


@pytest.mark.parametrize("typed, message", [
    (":hnit", "Unknown command :hnit. Did you mean :hint?"),
    (":h", "Unknown command :h."),  # :hint or :help: ambiguous, so nothing is done
    (":", "Unknown command :."),
])
def test_unknown_or_ambiguous_commands_do_nothing_but_say_so(typed, message):
    s = session()
    fb = s.submit(typed)
    assert fb.kind is FeedbackKind.NOTICE and fb.text.startswith(message)
    assert s.current.number == 1


# --- the end of a set -------------------------------------------------------------------------

def test_the_end_of_the_set_gives_the_summary_skills_and_suggestion():
    s = session(3)
    s.submit("right")
    s.submit(":hint")
    s.submit("right")
    fb = s.submit(":skip")  # a plain skip does not come back, so the set ends here
    assert fb.finished and fb.summary is not None
    summary = fb.summary
    assert summary.count(Outcome.FIRST_TRY) == 1
    assert summary.count(Outcome.WITH_HINTS) == 1 and summary.count(Outcome.SKIPPED) == 1
    # only what went wrong: "adding" was also right first try, and a plain skip says nothing
    assert summary.skills_to_review == ("skill 2",)
    assert "Skills to review: skill 2" in fb.text
    assert "tutor practice calculus/fake" in summary.suggestion


def test_a_perfect_run_suggests_the_next_set():
    s = session(2, next_set="calculus/next")
    s.submit("right")
    fb = s.submit("right")
    assert fb.text.startswith("✓ Correct.\n\nSummary of Fake sums (calculus/fake), this run: 2 of 2")
    assert fb.summary.skills_to_review == ()
    assert fb.summary.suggestion == "Next: `tutor practice calculus/next`."


def test_a_problem_that_cannot_be_prepared_is_passed_over_with_a_notice():
    s = session(3, broken=(1, 3))
    assert s.current.number == 2
    [notice] = s.take_notices()
    assert notice.startswith("Problem 1 could not be prepared") and "params cannot be met" in notice
    assert s.take_notices() == []
    assert s.submit("right").finished
    assert "Problem 3 could not be prepared" in s.take_notices()[0]


def test_an_empty_set_is_finished_at_once():
    s = Session(fake_set(0), seed=1)
    assert s.finished and s.current is None


# --- the store --------------------------------------------------------------------------------

def test_every_action_is_stored_as_it_happens(tmp_path):
    clock = FakeClock(step=2.0)
    with ProgressStore.open(tmp_path) as store:
        s = session(store=store, clock=clock)
        s.submit("wrong")
        assert len(store.attempts()) == 1  # written at once, not at the end
        s.submit(":hint")
        s.submit("garbage")
        s.submit("right")
        s.submit(":skip")
        s.submit(":steps")
        rows = store.attempts()
    assert [(a.problem_id, a.action, a.status, a.hints_used) for a in rows] == [
        ("p1", Action.ANSWER, "incorrect", 0), ("p1", Action.HINT, "", 0),
        ("p1", Action.ANSWER, "invalid", 1), ("p1", Action.ANSWER, "correct", 1),
        ("p2", Action.SKIP, "", 0), ("p3", Action.SOLUTION, "", 0)]
    first = rows[0]
    assert (first.set_id, first.course, first.skills) == ("calculus/fake", "calculus", ("adding", "skill 1"))
    assert first.response == "wrong" and first.feedback == "Check the sign." and first.notes == ("sign_error",)
    assert first.elapsed_s == 2.0 and first.run_id >= 1
    assert len({a.run_id for a in rows}) == 1 and rows[0].seed != rows[4].seed


def test_a_failing_store_leaves_the_session_as_it_was(tmp_path):
    store = ProgressStore.open(tmp_path)
    s = session(store=store)
    store.close()
    with pytest.raises(ProgressError):
        s.submit("right")
    assert s.current.number == 1 and s.summary().count(Outcome.FIRST_TRY) == 0


def test_every_message_in_the_table_is_used():
    import inspect
    import re

    import tutor.session
    from tutor.session_text import MESSAGES

    source = inspect.getsource(tutor.session)
    used = set(re.findall(r'say\(\s*"(\w+)"', source)) | set(re.findall(r'"(\w+)" if ', source)) \
        | set(re.findall(r'else "(\w+)"', source))
    assert used == set(MESSAGES)


def test_headline_is_not_repeated_when_the_checker_feedback_opens_with_it():
    from types import SimpleNamespace

    from tutor.session import _verdict_text

    verdict = SimpleNamespace(status="incorrect", feedback="Not quite. Check the sign.")
    assert _verdict_text(verdict) == "✗ Not quite. Check the sign."
    verdict = SimpleNamespace(status="incorrect", feedback="Check the sign.")
    assert _verdict_text(verdict) == "✗ Not quite. Check the sign."
