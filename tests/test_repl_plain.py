"""Plain mode (input not a terminal): plain prompts, one answer per line, the same verdicts."""
from __future__ import annotations

import io

from session_fakes import fake_set
from tutor.progress import ProgressStore
from tutor.repl.plain import PROMPT, run_plain
from tutor.session import Session


def transcript(session: Session, lines: str) -> str:
    out = io.StringIO()
    assert run_plain(session, io.StringIO(lines), out) == 0
    return out.getvalue()


def test_answers_are_read_one_per_line_and_echoed_with_their_verdicts():
    s = Session(fake_set(2), seed=3)
    text = transcript(s, "wrong\n:hint\nright\nright\n")
    assert s.finished
    assert f"{PROMPT}wrong\n✗ Not quite. Check the sign.\n" in text
    assert f"{PROMPT}:hint\nHint 1: What operation is it?\n" in text
    assert f"{PROMPT}right\n✓ Correct.\n" in text
    assert "Problem 2 of 2 · Problem 2" in text
    assert text.rstrip().endswith("again for fresh numbers.") and "Summary of Fake sums" in text


def test_the_end_of_input_ends_the_run_with_a_summary(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        s = Session(fake_set(3), seed=3, store=store)
        text = transcript(s, "right")  # no newline at the end, then end of input
        assert [a.response for a in store.attempts()] == ["right"]
    assert s.finished
    assert f"{PROMPT}right\n✓ Correct." in text
    assert "1 of 3 problems attempted" in text and "right first try: 1" in text


def test_crlf_input_and_blank_lines_are_handled():
    s = Session(fake_set(1), seed=3)
    text = transcript(s, "\r\nright\r\n")
    assert "Type your answer, or :help" in text and s.finished


def test_problems_passed_over_are_announced():
    text = transcript(Session(fake_set(2, broken=(1,)), seed=3), "")
    assert text.startswith("Problem 1 could not be prepared and is passed over:")
    assert "Problem 2 of 2" in text
